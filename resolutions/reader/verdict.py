"""What the article says became of the draft: "the resolution was adopted", "the
Council voted to approve", or "the draft failed", "was rejected", "was vetoed".

Only a sentence about this vote counts (quotations, histories, amendments, other
drafts and the General Assembly are blanked or passed over before), and not what is
hedged ("would be adopted"), denied ("was not adopted", "failed to be adopted") or
told of another time ("had adopted", "adopted in 2015"). Settling takes the
adoption said only where the Charter's rules leave it possible and the article
says nothing of a failure."""

from __future__ import annotations

import re

from .dates import time_mismatch
from .reading import Passage
from .vocabulary import ASSEMBLY

ADOPTED = "adopted"
NOT_ADOPTED = "not adopted"

_ADOPTION = re.compile(
    r"\b(?:adopted|passed|approved)\b(?!\s+(?:over|despite)\b)"
    r"|\bvot(?:ed|es)\s+(?:[\w-]+\s+){0,3}?to\s+(?:adopt|approve|pass)\b",
    re.I,
)
_FAILURE = re.compile(
    r"\b(?:vetoed|vetoes|rejected|rejects|defeated|blocked|blocks|killed|failed|fails|"
    r"voted\s+down|not\s+(?:been\s+)?adopted|did\s+not\s+pass)\b",
    re.I,
)
_NOT_SAID = re.compile(
    r"\b(?:not|n't|never|would|could|will|might|may|should|must|can|cannot|if|unless|"
    r"had|previously|earlier|already|once|fail(?:ed|s)?\s+to(?:\s+be)?|to\s+be|hop(?:e|ed|es|ing)|"
    r"expected|likely|before|after|whether)\s+(?:(?:be|been|being|have|also|then|\w+ly)\s+)*$",
    re.I,
)
_ABOUT_A_DRAFT = re.compile(
    r"\b(?:council|resolution|draft|text|measure|motion|proposal|agenda)\b", re.I
)


# "the draft was vetoed", "with their vetoes the draft died": the draft met a veto, whoever
# cast it (a phrase naming the member is read in `positions`)
_VETO_TOLD = re.compile(
    r"\b(?:was|were|got|been)\s+vetoed\b"
    r"|\b(?:with|by|through)\s+(?:their|its)\s+(?:joint\s+|double\s+)?vetoe?s?\b"
    r"(?!\s+(?:threats?|powers?|rights?|initiative)\b)",
    re.I,
)
_CONDITION = re.compile(
    r"\b(?:if|unless|whether|lest|would|could|might|threat\w*|expected|likely)\b", re.I
)


def read_veto_told(passage: Passage) -> None:
    """A veto the sentence says this draft met, unhedged and of this time: with it,
    every permanent member named against is a veto (a vetoed draft had the votes)."""
    masked = passage.masked
    for m in _VETO_TOLD.finditer(masked):
        start = passage.clause_start(m.start())
        if _NOT_SAID.search(masked[max(0, m.start() - 40) : m.start()]) or _CONDITION.search(
            masked, start, m.start()
        ):
            continue
        if time_mismatch(passage.clause(m.start(), m.end()), passage.reading.result):
            continue
        passage.reading.vetoes_told.append(passage.sentence)
        return


def read_verdict(passage: Passage) -> None:
    """The adoptions and failures the sentence tells of this vote."""
    masked = passage.masked
    if ASSEMBLY.search(passage.sentence.text) or not _ABOUT_A_DRAFT.search(masked):
        return
    result = passage.reading.result
    read_veto_told(passage)
    for pattern, said in ((_ADOPTION, ADOPTED), (_FAILURE, NOT_ADOPTED)):
        for m in pattern.finditer(masked):
            if _NOT_SAID.search(masked[max(0, m.start() - 40) : m.start()]):
                continue
            if time_mismatch(passage.clause(m.start(), m.end()), result):
                continue
            passage.reading.verdicts.append((said, passage.sentence))
