"""Documents: the draft symbol (S/2017/315) or the number of the resolution adopted,
never a resolution cited as background."""

from __future__ import annotations

import re

from .dates import time_mismatch
from .proposal import Extraction
from .sentences import Sentence
from .vocabulary import ASSEMBLY, FUTURE, NOT_PROCEDURAL, NUM, PROCEDURAL

# --- Documents -------------------------------------------------------------------------

_DRAFT = re.compile(r"\bS/(?:(\d{4})/)?(\d{1,5})(?:/Rev\.\s?\d+)?(?:/Corr\.\s?\d+)?(?![\w/])")
_RES_SYMBOL = re.compile(r"\bS/RES/(\d{1,4})\s*\((\d{4})\)")
_RES_NUMBER = re.compile(
    r"\b(?:[Rr]esolution|UNSCR|Res\.)(?:,?\s+(?:(?:is|was)\s+)?numbered)?"
    r"\s+(?:[Nn]o\.?\s*|[Nn]umber\s+)?(\d{1,4})\b(?:\s*\((\d{4})\))?"
    # "adopted the resolution 13-1", "14 to nothing", "12 votes to 2": a score, not a number
    rf"(?!\s*(?:[-–—]|-to-)\s*(?:\d|nil\b))"
    rf"(?!\s+(?:votes?\s+)?(?:in\s+favou?r\s+)?to\s+(?:{NUM}|nothing)\b)"
)
_MEETING = re.compile(r"\bS/PV\.(\d{1,5})(?![\w/])")
_ADOPTION = re.compile(
    r"\b(?:adopt(?:ed|s|ing)?|pass(?:ed|es|ing)?|approv(?:ed|es|ing)|unanimous(?:ly)?|"
    r"vot(?:e|ed|es|ing)|endors(?:ed|es|ing)|agreed)\b"
    # "The text became Resolution 2504": the draft adopted
    r"|\bbec(?:ame|omes)\s+(?:UN\s+|Security\s+Council\s+)?resolution\b",
    re.I,
)
# "resolution 678 in November", "resolution 2231 of 2015": a resolution of another time
_OF_A_TIME = re.compile(r"\s*,?\s*(?:adopted\s+)?(?:in|of|on|last)\s+[\w ]{1,20}")
_OLD_REFERENCE = re.compile(
    r"\b(?:previous|earlier|prior|under|implement\w*|reaffirm\w*|recall\w*|cit\w+|"
    r"line\s+with|accordance\s+with|of|since|violat\w+|breach\w*|enforc\w+)\s+(?:\w+\s+){0,2}$",
    re.I,
)


def read_document(sentences: list[Sentence], result: Extraction) -> None:
    drafts: list[tuple[str, Sentence]] = []
    numbers: list[tuple[int, int | None, Sentence]] = []
    vote_year = result.vote_date.year if result.vote_date else None
    for sentence in sentences:
        text = sentence.text
        for m in _RES_SYMBOL.finditer(text):
            numbers.append((int(m[1]), int(m[2]), sentence))
        for m in _DRAFT.finditer(text):
            before = text[max(0, m.start() - 30) : m.start()]
            if re.search(r"\b(?:letter|report|note|statement)s?\s+(?:\w+\s+)?$", before, re.I):
                continue
            if m[1] and vote_year and abs(int(m[1]) - vote_year) > 1:
                continue
            drafts.append((m.group(0).replace(" ", ""), sentence))
        if ASSEMBLY.search(text) or not _ADOPTION.search(sentence.masked):
            continue
        for m in _RES_NUMBER.finditer(text):
            number, year = int(m[1]), int(m[2]) if m[2] else None
            if _OLD_REFERENCE.search(text[max(0, m.start() - 40) : m.start()]):
                continue
            when = _OF_A_TIME.match(text, m.end())
            if when and time_mismatch(when[0], result):
                continue
            if (
                year is None
                and 1940 < number < 2100
                and re.search(rf"\b{number}\s+resolution", text)
            ):
                continue
            numbers.append((number, year, sentence))
    numbers = [(n, y, s) for n, y, s in numbers if y is None or vote_year is None or y == vote_year]
    if drafts:
        result.draft_symbol, sentence = drafts[0]
        result.document_evidence = sentence.original
        others = sorted({d for d, _ in drafts} - {result.draft_symbol})
        if others:
            result.warnings.append(
                "The article names several documents ("
                + ", ".join([result.draft_symbol, *others])
                + f"); {result.draft_symbol} was taken."
            )
    if numbers:
        result.resolution_number, result.resolution_year = numbers[0][0], numbers[0][1]
        if not result.document_evidence:
            result.document_evidence = numbers[0][2].original
        others = sorted({n for n, _, _ in numbers} - {result.resolution_number})
        if others:
            result.warnings.append(
                "The article names several resolutions ("
                + ", ".join(str(n) for n in [result.resolution_number, *others])
                + f"); {result.resolution_number} was taken."
            )
    if not drafts and not numbers:
        result.warnings.append("no document symbol in the article")
    read_meeting(sentences, result)


def read_meeting(sentences: list[Sentence], result: Extraction) -> None:
    """The meeting record (S/PV.7922), when the article names one and no other: a
    report that cites several meetings does not say which was the vote's."""
    meetings = {f"S/PV.{m[1]}" for s in sentences for m in _MEETING.finditer(s.text)}
    if len(meetings) == 1:
        (result.meeting,) = meetings
    elif meetings:
        result.warnings.append(
            "The article names several meetings (" + ", ".join(sorted(meetings)) + "): none taken."
        )


def read_procedural(sentences: list[Sentence], result: Extraction) -> None:
    """A procedural vote (no veto applies) when the text says this vote was one: "a
    procedural vote", "the vote was procedural", "voted to add the situation to its
    agenda"; not "not a procedural vote", nor "after a procedural vote on the agenda,
    the Council voted on the draft" (that vote came before this one), nor a procedural
    vote to come ("a vote on that procedural question is expected on Wednesday")."""
    for sentence in sentences:
        if FUTURE.search(sentence.masked):
            continue
        for m in PROCEDURAL.finditer(sentence.masked):
            before = sentence.masked[max(0, m.start() - 40) : m.start()]
            if not NOT_PROCEDURAL.search(before):
                result.procedural = True
                return
