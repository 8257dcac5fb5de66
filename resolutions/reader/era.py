"""The era of a vote whose date the article does not give: the Council sizes it can
have been held on (11 seats before 1966, 15 from 1966), from the document's symbol,
the sizes the article states, the seats it counts, and two clues of time:

- a report whose lead tells the vote as news, in the present perfect ("The Council
  has unanimously approved ..."), dated (its publication date or its date line):
  the vote was in the days before that date, unless the lead speaks of another
  time ("has vetoed 16 drafts since 2011") or the resolution's symbol is of a year
  outside those days;
- a term the decision sets for a given length ("extended the mandate for one year
  to 31 January 2027"): the decision was taken within that length (and a year's
  margin) before the term ends.

A clue fixes the size only when every day it allows had the same Council. The tense
and a date given beside the text are weak evidence: the members of that Council are
seated (and those not named inferred) only when the text itself fixes the vote to
it (`fixed_by_the_text`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from .. import rules
from .dates import dates_in, stamps, time_mismatch
from .proposal import Extraction
from .reading import Reading
from .vocabulary import ASSEMBLY, COUNCIL, EVENT, FUTURE, POSITIONS, SIZE_DAY, to_number

_PRESENT_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:(?:now|just|unanimously|narrowly|overwhelmingly|again|formally|"
    r"finally|also)\s+)*(?:voted|adopted|approved|passed|vetoed|rejected|blocked|endorsed|"
    r"extended|renewed|authori[sz]ed|imposed|demanded|failed)\b",
    re.I,
)
_TERM = re.compile(
    r"\bfor\s+(?:(?:a|one|another|(\d{1,2}|two|three|four|five|six|nine|twelve|eighteen))\s+)"
    r"(?:(?:further|more|additional)\s+)?(years?|months?)\s+(?:to|until|till|through)\s+"
    r"(?:the\s+)?",
    re.I,
)
# "has vetoed 16 drafts", "the Council has so far adopted": a count of votes over time
_OTHER_TIME = re.compile(
    r"\b(?:times|so\s+far|to\s+date|ever|repeatedly|\d+\s+(?:drafts|resolutions|texts))\b"
    r"|\b(?:has|have)\s+(?:(?:now|also|again)\s+)*(?:voted|vetoed|adopted)\s+(?:\w+\s+)?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|many|dozens?)\s",
    re.I,
)
_DECISION = re.compile(r"\b(?:extend|renew|prolong|authori[sz]|adopt|approv)\w*", re.I)
NEWS_DAYS = 7


def read_era(reading: Reading, reference: dt.date | None) -> None:
    """The windows of days the vote can have been held in, with their reasons."""
    result = reading.result
    if result.vote_date:
        return
    lead = next(
        (
            s
            for s in reading.sentences
            if not s.headline and (COUNCIL.search(s.text) or EVENT.search(s.masked))
        ),
        None,
    )
    if (
        reference
        and lead
        and not ASSEMBLY.search(lead.text)
        and not FUTURE.search(lead.masked)
        and (perfect := _PRESENT_PERFECT.search(lead.masked))
        and not _OTHER_TIME.search(lead.masked)
        and not time_mismatch(lead.masked, result)
        and year_fits(result, reference - dt.timedelta(days=NEWS_DAYS), reference)
    ):
        result.era.append(
            (
                reference - dt.timedelta(days=NEWS_DAYS),
                reference,
                f"the report of {reference.isoformat()} tells the vote as news "
                f"('{perfect.group(0)}')",
            )
        )
    for sentence in reading.sentences:
        if _DECISION.search(sentence.masked) and not ASSEMBLY.search(sentence.text):
            read_terms(sentence.masked, result)


def read_terms(text: str, result: Extraction) -> None:
    """ "for one year to 31 January 2027": the decision came within that length (and
    a year's margin) before the term's end."""
    for m in _TERM.finditer(text):
        ends = [d for d in dates_in(text[m.end() : m.end() + 40], None) if d.start == 0]
        if not ends:
            continue
        number = to_number(m[1]) if m[1] else 1
        days = number * (366 if m[2].lower().startswith("year") else 31)
        end = ends[0].day
        result.era.append(
            (
                end - dt.timedelta(days=days + 366),
                end,
                f"the decision sets a term '{m.group(0)}{ends[0].text}'",
            )
        )


def possible_sizes(
    result: Extraction, counts: Mapping[str, int | None], named: Mapping[str, int]
) -> tuple[int, ...]:
    """The Council sizes the vote can have been held on: the date's, or the year's
    of the document's symbol, or the resolution number's (see
    `rules.seats_of_resolution`), or the era's (see `era_size`), or, with no date,
    those of 11 and 15 seats that the stated sizes and the seats counted or named
    fit (nine counted in favour and six members named against or abstaining take
    15 seats)."""
    if result.council_day:
        return (rules.seats(result.council_day),)
    year = symbol_year(result)
    if year:  # "S/RES/2118 (2013)": the Council of that year
        return (rules.seats(dt.date(year, 1, 1)),)
    if result.resolution_number is not None and (
        by_number := rules.seats_of_resolution(result.resolution_number)
    ):  # "resolution 2118": adopted after the enlargement
        return (by_number,)
    sizes = tuple(SIZE_DAY)
    if len(result.stated_seats) == 1:
        sizes = tuple(n for n in sizes if n in result.stated_seats) or sizes
    votes = sum(max(counts[p] or 0, named.get(p, 0)) for p in POSITIONS)
    sizes = tuple(n for n in sizes if n >= votes) or sizes[-1:]
    era = era_size(result)
    return (era[0],) if era and era[0] in sizes else sizes


def era_size(result: Extraction) -> tuple[int, str] | None:
    """The size every day of one of the article's windows had, and the window's reason."""
    for earliest, latest, reason in result.era:
        if rules.seats(earliest) == rules.seats(latest):
            return rules.seats(latest), reason
    return None


def symbol_year(result: Extraction) -> int | None:
    """The year the document's symbol gives: S/RES/2118 (2013), S/2017/315."""
    if result.resolution_number is not None and result.resolution_year:
        return result.resolution_year
    draft = re.match(r"S/(\d{4})/", result.draft_symbol or "")
    return int(draft[1]) if draft and result.resolution_number is None else None


def year_fits(result: Extraction, earliest: dt.date, latest: dt.date) -> bool:
    """Does the resolution's symbol (its year) allow a vote between these days?"""
    year = result.resolution_year if result.resolution_number is not None else None
    return year is None or earliest.year <= year <= latest.year


def fixed_by_the_text(
    reading: Reading, earliest: dt.date, latest: dt.date, council: Mapping[str, bool]
) -> bool:
    """Does the text itself fix a vote of this window to this Council? A date the
    article carries in its head (its stamp or dateline) within the window, or the
    year of the resolution's symbol, when the Council was the same all that year."""
    result = reading.result
    for mention in stamps(reading.sentences, result.published or latest):
        if earliest <= mention.day <= latest:
            return True
    year = result.resolution_year if result.resolution_number is not None else None
    if year and earliest.year <= year <= latest.year:
        seated = reading.context.seated
        return seated(dt.date(year, 1, 1)) == seated(dt.date(year, 12, 31)) == council
    return False
