"""Dates: the day of the vote from explicit dates, weekdays and "yesterday", read
against the publication date or a date line; stretches that speak of another time."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass

from .proposal import Extraction
from .reading import Reading
from .sentences import Sentence
from .vocabulary import ASSEMBLY, COUNCIL, EVENT, FUTURE, MONTH, MONTHS, WEEKDAYS

# --- Dates -----------------------------------------------------------------------------

_DATE_PATTERNS = [
    ("mdy", re.compile(rf"\b({MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")),
    (
        "dmy",
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH})\.?,?\s+(\d{{4}})\b"),
    ),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    (
        "md",
        re.compile(rf"\b({MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{{4}})(?!\d)"),
    ),
    (
        "dm",
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH})\b(?!\.?,?\s+\d{{4}})"),
    ),
    (
        "weekday",
        re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s)?\b"),
    ),
    (
        "relative",
        re.compile(
            r"\b(today|yesterday|tonight|last\s+night|this\s+(?:morning|afternoon|evening)|"
            r"earlier\s+today)\b",
            re.I,
        ),
    ),
]


@dataclass(frozen=True)
class DateMention:
    day: dt.date
    kind: str
    text: str
    start: int


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# A date that ends or starts a term, not the day of a decision: "extended until
# 15 July 2026", "for one year to 31 January 2027", "starting Saturday, September 27".
_TERM_BEFORE = re.compile(
    r"\b(?:until|till|through|to|starting|from|beginning|effective|as\s+of|expir(?:es|ing)|"
    r"ending|end\s+of|runs?\s+(?:to|until))\s+(?:(?:on|the|mid-?|at)\s+)*"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?$",
    re.I,
)
# "this Sunday", "next Tuesday": a day to come, or of this week, not a day past.
_COMING = re.compile(r"\b(?:this|next|coming|following)\s+$", re.I)


def dates_in(text: str, reference: dt.date | None) -> list[DateMention]:
    """Every date in the text, as a day: explicit ("12 April 2017"), a term's end
    ("until 15 July": kind "term"), weekdays and "yesterday" against `reference`.
    A weekday that names an explicit date is one mention with it; when the two
    disagree ("Thursday, February 14" on a Saturday) the date's kind is
    "contradicted"."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(day: dt.date | None, kind: str, m: re.Match) -> None:
        if day is None or any(m.start() < b and a < m.end() for a, b in taken):
            return
        taken.append(m.span())
        if kind == "explicit" and _TERM_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
            kind = "term"
        found.append(DateMention(day, kind, m.group(0), m.start()))

    def named_by_weekday(m: re.Match) -> bool:
        """ "Thursday, 12 February": the weekday of the date after it."""
        gap = re.match(r",?\s*(?:the\s+)?", text[m.end() :])
        start = m.end() + gap.end()
        for i, mention in enumerate(found):
            if mention.start == start and mention.kind in ("explicit", "term"):
                coming = _COMING.search(text[max(0, m.start() - 12) : m.start()])
                agrees = mention.day.weekday() == WEEKDAYS.index(m[1].lower())
                if coming or (not agrees and not re.search(r"\d{4}", mention.text)):
                    # a day to come, or a year guessed wrong: not the vote's day
                    found[i] = DateMention(mention.day, "term", mention.text, start)
                elif not agrees:
                    found[i] = DateMention(mention.day, "contradicted", mention.text, start)
                taken.append(m.span())
                return True
        return False

    def near_year(month: int, day: int) -> dt.date | None:
        if reference is None:
            return None
        candidate = _safe_date(reference.year, month, day)
        if candidate and candidate > reference + dt.timedelta(days=1):
            candidate = _safe_date(reference.year - 1, month, day)
        return candidate

    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if kind == "mdy":
                add(_safe_date(int(m[3]), MONTHS[m[1].lower()], int(m[2])), "explicit", m)
            elif kind == "dmy":
                add(_safe_date(int(m[3]), MONTHS[m[2].lower()], int(m[1])), "explicit", m)
            elif kind == "iso":
                add(_safe_date(int(m[1]), int(m[2]), int(m[3])), "explicit", m)
            elif kind == "md":
                if m[1] == "May" and not re.match(r"\s*\d", text[m.end(1) :]):
                    continue
                add(near_year(MONTHS[m[1].lower()], int(m[2])), "explicit", m)
            elif kind == "dm":
                add(near_year(MONTHS[m[2].lower()], int(m[1])), "explicit", m)
            elif kind == "weekday" and named_by_weekday(m):
                continue
            elif kind == "weekday" and reference is not None:
                if _COMING.search(text[max(0, m.start() - 12) : m.start()]):
                    continue
                weekday = WEEKDAYS.index(m[1].lower())
                back = (reference.weekday() - weekday) % 7
                add(reference - dt.timedelta(days=back), "weekday", m)
            elif kind == "relative" and reference is not None:
                word = m[1].lower()
                back = 1 if word in {"yesterday", "last night"} else 0
                add(reference - dt.timedelta(days=back), "relative", m)
    return found


def weekday_words(text: str) -> list[str]:
    return [m[1] for m in _DATE_PATTERNS[5][1].finditer(text)]


def stamps(sentences: list[Sentence], reference: dt.date | None) -> list[DateMention]:
    """The dates the article carries in its head: its stamp ("Sat Mar 15, 2014") or
    its dateline ("UNITED NATIONS, March 3 (Reuters) -"), a date without its year
    read against `reference`."""
    found = []
    for sentence in sentences[:12]:
        words = sentence.text.split()
        if len(words) > 12 and not re.match(r"^[A-Z][A-Z .,']+,", sentence.text):
            continue
        found += [m for m in dates_in(sentence.text, reference) if m.kind == "explicit"]
    return found


def publication_stamp(sentences: list[Sentence], result: Extraction) -> dt.date | None:
    """With no publication date given, a date line of the article (its stamp or
    dateline) serves to resolve "on Tuesday", with a warning."""
    for mention in stamps(sentences, None)[:1]:
        result.warnings.append(
            "No publication date was given: weekdays are read against the date "
            f"line '{mention.text}' ({mention.day.isoformat()})."
        )
        return mention.day
    return None


# "could cancel the voting", "would veto": a vote spoken of, not one that took place
_MODAL_BEFORE = re.compile(
    r"\b(?:would|could|will|might|may|can|cannot|can't|should|must|shall|won't|wouldn't)\s+"
    r"(?:[\w']+\s+){0,3}$",
    re.I,
)


def _tells_of_a_vote(masked: str) -> bool:
    """Does the sentence tell of a vote that took place (a word of voting not
    governed by "would", "could", "will")?"""
    return any(
        not _MODAL_BEFORE.search(masked[max(0, m.start() - 40) : m.start()])
        for m in EVENT.finditer(masked)
    )


def read_date(
    sentences: list[Sentence],
    reference: dt.date | None,
    published: dt.date | None,
    result: Extraction,
) -> None:
    tiers: list[list[tuple[DateMention, Sentence]]] = [[], []]
    contradicted: list[tuple[DateMention, Sentence]] = []
    unresolved: list[str] = []
    for sentence in sentences:
        if ASSEMBLY.search(sentence.text) or FUTURE.search(sentence.masked):
            continue
        if _AROUND_MIDNIGHT.search(sentence.text):
            after = after_midnight(sentence.text, reference)
            if after is not None:
                tiers[0].append((after, sentence))
                continue
            # "in the night from 21 to 22 October", "the vote came after midnight" (of
            # which day?): the day the vote fell on is not said for sure
            note = f'The vote is told around midnight, its day left open: "{sentence.original}"'
            if dates_in(sentence.text, reference) and note not in result.warnings:
                result.warnings.append(note)
            continue
        event = _tells_of_a_vote(sentence.masked)
        council = COUNCIL.search(sentence.text)
        if not (event or council):
            continue
        tier = 0 if event else 1
        # "UNITED NATIONS, Oct. 30 -- ... tonight": the dateline's day is the reporter's,
        # against which "tonight" and "on Tuesday" are read; it is not the vote's day
        # ("UNITED NATIONS, March 4 - The Council has adopted ...": filed that day, of
        # a vote that day or the day before)
        own = [m.day for m in dates_in(sentence.text, reference) if _is_dateline(sentence.text, m)]
        own = [d for d in own if reference is None or d <= reference]
        mentions = dates_in(sentence.text, own[0] if own else reference)
        zones = [z.span() for z in _OTHER_ZONE.finditer(sentence.text)]
        mentions = [
            m
            for m in mentions
            if not _is_dateline(sentence.text, m)
            and not _of_another_event(sentence, m)
            and not any(a <= m.start < b for a, b in zones)  # "(early Wednesday GMT)"
        ]
        for mention in mentions:
            if mention.kind == "contradicted":
                contradicted.append((mention, sentence))
                continue
            if mention.kind == "term" or (
                reference and mention.day > reference + dt.timedelta(days=1)
            ):
                continue
            tiers[tier].append((mention, sentence))
        if reference is None and tier == 0:
            unresolved += weekday_words(sentence.text)
            unresolved += [m.group(0) for m in _DATE_PATTERNS[6][1].finditer(sentence.text)]
    if contradicted:
        mention, sentence = contradicted[0]
        result.warnings.append(
            f"The article dates the vote '{mention.text}' with a weekday that "
            f"{mention.day.isoformat()} was not (a {WEEKDAYS[mention.day.weekday()].title()}): "
            f'the date is left for the editor. It says: "{sentence.original}"'
        )
        return
    if published:
        # a report is news: a date within a week of it comes before an older one
        # ("resolution 1970, adopted on 26 February" in a report of 17 March)
        week = published - dt.timedelta(days=7)
        tiers = [[c for c in t if c[0].day >= week] for t in tiers] + [
            [c for c in t if c[0].day < week] for t in tiers
        ]
    for candidates in tiers:
        if not candidates:
            continue
        votes = Counter(m.day for m, _ in candidates)
        best = max(votes.values())
        chosen = next(m for m, _ in candidates if votes[m.day] == best)
        sentence = next(s for m, s in candidates if m is chosen)
        result.vote_date = chosen.day
        result.date_evidence = sentence.original
        others = sorted({m.day for m, _ in candidates} - {chosen.day})
        if others:
            result.warnings.append(
                "The article gives several dates for the vote ("
                + ", ".join(d.isoformat() for d in [chosen.day, *others])
                + f"); {chosen.day.isoformat()} was taken."
            )
        if published and chosen.day < published - dt.timedelta(days=7):
            result.warnings.append(
                f"The vote date {chosen.day.isoformat()} is more than a week before the "
                f"publication date {published.isoformat()}."
            )
        return
    if unresolved:
        result.warnings.append(
            f"The vote is dated '{unresolved[0]}' but the publication date is unknown: "
            "give it to resolve the date."
        )
    else:
        result.warnings.append("No date of the vote in the article.")


_AROUND_MIDNIGHT = re.compile(
    r"\b(?:after|past|before|around|shortly\s+(?:after|before))\s+midnight\b"
    r"|\bnight\s+(?:from|of|between)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s*(?:to|and|-|–)\s*"
    r"(?:the\s+)?\d{1,2}\b",
    re.I,
)
_AFTER_MIDNIGHT = re.compile(r"\b(?:after|past)\s+midnight\b", re.I)
_EVENING_OF = re.compile(r"\b(?:evening|night|late)\s+(?:of|on)\s+(?:the\s+)?$", re.I)


def after_midnight(text: str, reference: dt.date | None) -> DateMention | None:
    """ "The meeting opened on the evening of 21 October and the vote came after
    midnight": the vote fell on the day after that evening (22 October), when the
    sentence names one evening and no other day."""
    if not _AFTER_MIDNIGHT.search(text) or re.search(r"\bnight\s+(?:from|between)\b", text, re.I):
        return None
    days = [m for m in dates_in(text, reference) if m.kind == "explicit"]
    evenings = [m for m in days if _EVENING_OF.search(text[max(0, m.start - 25) : m.start])]
    if len(days) != 1 or len(evenings) != 1:
        return None
    evening = evenings[0]
    return DateMention(evening.day + dt.timedelta(days=1), "explicit", evening.text, evening.start)


_SUBORDINATE = re.compile(r"\b(?:after|before|following|since|ahead\s+of|which|who|whose)\b", re.I)


def other_event_clause(text: str, start: int, end: int) -> bool:
    """Is text[start:end] in a clause of "after", "before", "which" that tells no vote
    ("after talks on Monday failed", "after a debate that began on Monday", ", which
    had met on Monday,")? Such a clause's day is of something else."""
    before = text[max(0, start - 60) : start]
    openers = list(_SUBORDINATE.finditer(before))
    if not openers or re.search(r"[,;]", before[openers[-1].end() :]):
        return False
    stop = re.search(r"[,;]|$", text[end:])
    return not EVENT.search(before[openers[-1].start() :] + text[start : end + stop.start()])


def _of_another_event(sentence: Sentence, mention: DateMention) -> bool:
    return other_event_clause(sentence.text, mention.start, mention.start + len(mention.text))


def _is_dateline(text: str, mention: DateMention) -> bool:
    """A date at the head of a report, before its dash: "UNITED NATIONS, March 4 --",
    "NUEVA YORK, 4 mar (EFE).-", or in brackets after the place: "GENEVA (March 4) -"."""
    after = text[mention.start + len(mention.text) :]
    bracketed = text[: mention.start].rstrip().endswith("(")
    closing = r"\s*\)" if bracketed else ""
    dash = closing + r"\s*(?:\([^()]{1,30}\)\s*)?(?:--|–|—|-\s|:|\.-)"
    return mention.kind == "explicit" and mention.start < 60 and re.match(dash, after) is not None


LEAD = re.compile(
    r"^\s*((?:in|on|last|earlier|back|since|two|three|four|five|several|a|one)\b[^,;]{0,40}?),",
    re.I,
)


_DOCUMENT_NUMBER = re.compile(
    r"\b(?:[Rr]esolutions?|UNSCR|Res\.)\s+(?:[Nn]o\.?\s*|[Nn]umber\s+)?\d{1,4}\b(?:\s*\(\d{4}\))?"
    r"|\bS/[\w./()]+"
)


# "late Tuesday (early Wednesday GMT)", "(0200 GMT Friday)": the same moment told in
# another time zone, not another day
_OTHER_ZONE = re.compile(
    r"\((?:[^()]{0,30}\s)?(?:GMT|UTC|CET|EST|EDT|local\s+time|[A-Z][a-z]+\s+time)(?:\s[^()]{0,20})?\)"
)


# "starting Saturday, September 27", "until 31 January 2027": when a decision takes
# effect or ends, not when it was taken
_TERM_SPAN = re.compile(
    r"\b(?:until|till|through|starting|from|beginning|effective|as\s+of|expir(?:es|ing)|"
    r"ending|end\s+of|runs?\s+(?:to|until))\s+(?:(?:on|the|mid-?|at)\s+)*"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s*)?"
    rf"(?:{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*(?:\d{{4}})?|\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?"
    rf"|{MONTH}(?:\s+\d{{4}})?|\d{{4}})?",
    re.I,
)


# "the first on the conflict since 2014", "the toughest in a decade": this vote
# measured against the past, not a vote of the past
_FIRST_SINCE = re.compile(
    r"\bthe\s+(?:first|only|largest|biggest|most|strongest|toughest|harshest|broadest)\b"
    r"[^,;.]{0,40}?\b(?:since\s+(?:the\s+)?(?:\d{4}|\w+)|in\s+(?:a|the\s+last|the\s+past|"
    r"two|three|four|five|\d+)\s+(?:years?|decades?))\b",
    re.I,
)


def time_mismatch(window: str, result: Extraction) -> bool:
    """Does this stretch speak of another time than the vote's?"""
    return _time_mismatch(window, result.vote_date, result.published)


# A long clause is asked about once for each count and phrase in it (a report pasted
# with no full stop is one clause): the answer is kept for the last few asked.
@functools.lru_cache(maxsize=8)
def _time_mismatch(window: str, vote_date: dt.date | None, published: dt.date | None) -> bool:
    # a document's number is not a year: "resolution 1973 (2011)", "S/2017/315"
    window = _DOCUMENT_NUMBER.sub(lambda m: " " * len(m.group(0)), window)
    window = _OTHER_ZONE.sub(lambda m: " " * len(m.group(0)), window)
    window = _TERM_SPAN.sub(lambda m: " " * len(m.group(0)), window)
    window = _FIRST_SINCE.sub(lambda m: " " * len(m.group(0)), window)
    if not (vote_date and str(vote_date.year) in window) and re.search(
        r"\b(?:last|previous|past)\s+(?:year|month|week|decade|time)\b|\bpreviously\b|"
        r"\bin\s+the\s+past\b|\bso\s+far\b|\bearlier\s+this\s+(?:year|month)\b|\bago\b|"
        r"\bsince\s+(?:the|\d{4})\b|\bin\s+(?:19|20)\d\d\b",
        window,
        re.I,
    ):
        return True
    day = vote_date
    if day is None:
        return False
    for m in re.finditer(rf"\b(?i:in|on|of|since|last)\s+({MONTH})\b", window):
        if MONTHS[m[1].lower()] != day.month:
            return True
    for m in re.finditer(r"\b(?:19|20)\d\d\b", window):
        if int(m.group(0)) not in (day.year, day.year - 1) and not re.search(
            r"\d{4}\s*-\s*member", window
        ):
            return True
    for m in _DATE_PATTERNS[5][1].finditer(window):
        if other_event_clause(window, m.start(), m.end()):
            continue  # "... on Wednesday, after a debate that began on Monday"
        if WEEKDAYS.index(m[1].lower()) != day.weekday() and published:
            return True
    return False


def read_vote_date(reading: Reading, vote_date: dt.date | None) -> dt.date | None:
    """The date of the vote: the editor's, or the article's, read against its
    publication date (or, with none given, a date line of the article), which is
    returned."""
    result = reading.result
    published = result.published
    reference = published or publication_stamp(reading.sentences, result)
    if vote_date is None:
        read_date(reading.sentences, reference, published, result)
    else:
        result.vote_date = vote_date
    return reference
