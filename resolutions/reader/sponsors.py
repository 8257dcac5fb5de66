"""Drafts told apart by their sponsors: once an article says that some members put
forward another draft ("Russia and China co-sponsored another resolution", "two
other drafts proposed by Russia"), "the Russian-Chinese resolution" is that other
draft wherever it is named, and what is said of it is not this vote."""

from __future__ import annotations

import re

from .names import NameIndex
from .reading import Reading
from .sentences import Sentence, blank_what_follows
from .vocabulary import ADJECTIVES, OTHER_DRAFT

_SPONSORED = r"(?:co-?)?(?:sponsor|propos|submitt|draft|tabl|introduc|circulat|present)\w*"
_SPONSORED_BEFORE = re.compile(rf"\b{_SPONSORED}\s+(?:\w+\s+){{0,2}}$", re.I)
_SPONSORED_BY = re.compile(rf"^\s*(?:\w+\s+)?{_SPONSORED}\s+by\b", re.I)
_NOUN = r"(?:[\w-]+\s+){0,2}?(?:draft|resolution|text|proposal)s?\b"


def other_sponsors(sentences: list[Sentence], index: NameIndex) -> set[str]:
    """The members said to have put forward another draft than this one."""
    sponsors: set[str] = set()
    for sentence in sentences:
        masked = sentence.masked
        for m in OTHER_DRAFT.finditer(masked):
            before = masked[max(0, m.start() - 120) : m.start()]
            if _SPONSORED_BEFORE.search(before):
                names = index.find(before)
            elif _SPONSORED_BY.match(masked[m.end() :]):
                names = index.find(re.split(r"[,;.]", masked[m.end() :])[0])
            else:
                continue
            sponsors |= {c for n in names if not n.adjectival for c in n.codes}
    return sponsors


def mask_drafts_of_other_sponsors(reading: Reading) -> None:
    """Blank what is said of "the Russian draft" when Russia put forward another one."""
    sponsors = other_sponsors(reading.sentences, reading.index)
    words = sorted({re.escape(a) for c in sponsors for a in ADJECTIVES.get(c, ())}, key=len)
    if not words:
        return
    adjective = r"(?:" + "|".join(reversed(words)) + r")"
    named = re.compile(
        rf"(?<![\w-]){adjective}(?:\s*[-–/]\s*{adjective}|\s+and\s+{adjective})*(?:-drafted|"
        rf"-sponsored|-backed|-proposed)?\s+{_NOUN}"
    )
    for sentence in reading.sentences:
        while (m := named.search(sentence.masked)) is not None:
            blank_what_follows(
                sentence, m, reading.result, "The article also reports another vote, not read: "
            )
