"""Counts: "11 votes in favour", "13-0-2", "by 12 votes to 2", "won nine votes",
"unanimously", and the Council's size an article states."""

from __future__ import annotations

import re

from .. import rules
from ..rules import Position
from .dates import time_mismatch
from .reading import Passage, RestClaim
from .vocabulary import (
    COUNT_PAIR,
    COUNTED,
    ELECTED_SEATS,
    EVENT,
    EXCEPTED_NUMBER,
    NUM,
    POSITION_WORD,
    SEATS,
    SIZE_DAY,
    position_of,
    to_number,
)

# --- Counts ----------------------------------------------------------------------------

_TALLY = re.compile(
    # "13-0-2", "13-to-2", "14-nil"
    r"(?<![\d/.:-])(\d{1,2})\s*(?:[-–—]|-to-)\s*(\d{1,2}|nil)(?:\s*(?:[-–—]|-to-)\s*(\d{1,2}))?"
    r"(?![\d/:]|\.\d|[-–—]\s*[a-z])"
    r"(?!\s*(?:years?|months?|weeks?|days?|hours?|minutes?|percent|per\s+cent|%|[ap]\.?m\b))",
)
# "by a vote of thirteen-to-two", "fourteen-to-nothing": a score in words, with its "to"
_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen)"
)
_WORD_TALLY = re.compile(
    rf"\b({_WORD})-to-({_WORD}|nothing|none|nil|zero)(?:-to-({_WORD}|none|zero))?\b"
    # not a compound before its noun ("a one-to-one meeting")
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:with|vote|votes|in|on|at|and|against|after|as|but|while)\b)",
    re.I,
)
# What may stand between "adopted" and "by 13 votes": when, by whom, what.
_ADJUNCT = (
    r"\s+(?:(?:late\s+|early\s+)?on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|today|yesterday)"
    r"|\s+by\s+the\s+(?:[\w-]+\s+){0,3}?(?:council|body)|\s+in\s+the\s+(?:[\w-]+\s+){0,2}?council"
    r"|\s+(?:the|a|its|this|that)\s+(?:[\w-]+\s+){0,3}?(?:resolution|draft|text|measure)"
)
_VOTES_TO = re.compile(
    r"\b(?:(?:vote|tally)(?:\s+(?:in|at|of|on)\s+[^,.;:\"]{1,60}?)?\s+(?:of|was|stood\s+at|ended)"
    r"|margin\s+of"
    r"|by|votes?|voted|voting"
    rf"|(?:adopted|passed|approved|carried|rejected|defeated|failed)(?:{_ADJUNCT}){{0,3}}(?:\s+by)?)"
    rf"\s+({NUM})\s+(?:votes?\s+)?(?:in\s+favou?r\s+)?to\s+({NUM}|nothing)\b"
    r"(?!\s+(?:in\s+favou?r|for))"
    # "11 votes to 1": the word votes makes it a tally, whatever comes before
    rf"|(?<!\bfrom\s)\b({NUM})\s+votes\s+(?:in\s+favou?r\s+)?to\s+({NUM}|nothing)\b"
    r"(?!\s+(?:in\s+favou?r|for))",
    re.I,
)
_WON = re.compile(
    r"\b(?:won|wins|winning|received|receives|receiving|obtained|obtaining|garnered|"
    r"garnering|got|gets|getting|secured|securing|drew|mustered|attracted|gained|"
    rf"collected|had|(?:adopted|passed|approved|carried)(?:{_ADJUNCT}){{0,3}}\s+(?:by|with))"
    r"\s+(?:only\s+|just\s+|the\s+)?"
    r"(?:(?:bare|required|necessary)\s+)?(?:minimum\s+(?:of\s+)?)?"
    rf"({NUM})\s+(?:affirmative\s+|yes\s+|positive\s+)?votes?\b(?!\s+(?:against|short))",
    re.I,
)
_SUPPORT_OF = re.compile(
    r"(?<!negative\s)(?<!dissenting\s)(?<!\bno\s)(?<!opposing\s)"  # "the negative votes of two"
    r"\b(?:(?:support|backing|votes?)\s+(?:of|from)|(?:supported|backed|endorsed|"
    r"voted\s+(?:in\s+favou?r(?:\s+of)?|for)(?:\s+it)?)\s+by)\s+"
    r"(?:(?:the|all)\s+)?(?:(?:other|remaining)\s+)?"
    rf"({NUM})\s+(?:of\s+(?:the\s+)?(?:[\w.]+'s\s+)?(?:{NUM})\s+)?(?:\w+\s+)?"
    r"(?:members|countries|nations|states|delegations)\b",
    re.I,
)
# "twelve of the council's 15 members": the 15 is the whole; but "a vote of 13 in favour"
_PART_OF = re.compile(
    r"(?<!\bvote\s)(?<!\bvotes\s)(?<!\btally\s)(?<!\bmargin\s)(?<!\bscore\s)"
    r"\bof\s+(?:the\s+)?(?:[\w.]+'s\s+)?$",
    re.I,
)
_UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b|\bunanimity\b", re.I)
_NOT_UNANIMOUS = re.compile(
    r"\b(?:not|failed|fail|fails|without|lack|lacked|no|near|nearly|almost|short\s+of)\s+"
    r"(?:\w+\s+){0,2}$",
    re.I,
)
NEEDED = re.compile(
    r"\b(?:needs?|needed|needing|requires?|required|requiring|threshold|minimum|at\s+least|"
    r"majority\s+of|short\s+of|instead\s+of|expected|hoped|hoping|would\s+have|"
    r"could\s+have)\b[^.;]{0,25}$",
    re.I,
)


_DENIED = re.compile(
    r"\b(?:without|not|never|n't|fail(?:ed|s|ing)?\s+to|unable\s+to|short\s+of)\s+$", re.I
)
# "eight votes in favor (Russia, China, ...)"
_PAREN = re.compile(r"\s*\(([^()]*)\)")
# "scored 2-1": a game, not a vote
_SPORT = re.compile(r"\b(?:score|scored|won|beat|defeated)\s*$", re.I)


# The tally told position first, as a translation writes it: "For the draft voted 10
# members, against - 2 (USSR, Hungary), abstained 3 (Algeria, India, Pakistan)", "Against
# voted nobody". The position word, then (a dash or "voted") the number, then perhaps
# the members in brackets; "abstained 3" only with its dash or its brackets.
_VERB_FIRST = re.compile(
    rf"(?:^|(?<=[,;.:]\s)|(?<=[,;.:]))\s*(?:"
    rf"(?P<for>for|in\s+favou?r(?:\s+of)?)(?:\s+(?:the|this|it)(?:\s+(?:draft|resolution|text))*)?"
    rf"\s+voted\s+(?P<n1>{NUM})\b"
    rf"|(?P<against>against)\s+voted\s+(?P<n2>{NUM})\b"
    rf"|(?P<word>for|in\s+favou?r|against|abstained|abstaining|abstentions?|not\s+voting|"
    rf"did\s+not\s+(?:vote|participate))\s*(?:[-–—:]\s*(?P<n3>{NUM})\b(?:{_PAREN.pattern})?"
    rf"|\s+(?P<n4>{NUM}){_PAREN.pattern}))",
    re.I,
)


def read_verb_first(passage: Passage) -> None:
    """A tally told position first ("against - 2 (USSR, Hungary)"): each count, and the
    members in brackets when they are as many as it says. What is read is blanked, for
    the phrases read after not to take it again."""
    masked = passage.masked
    for m in _VERB_FIRST.finditer(masked):
        word = m["for"] or m["against"] or m["word"]
        number = m["n1"] or m["n2"] or m["n3"] or m["n4"]
        value = to_number(number)
        clause = passage.clause(m.start(), m.end())
        if value is None or time_mismatch(clause, passage.reading.result):
            continue
        position = position_of(re.sub(r"\s+of$", "", word.lower()))
        if position is None:
            continue
        passage.count(position, value)
        inside = [x for x in passage.mentions if m.start() <= x.start and x.end <= m.end()]
        if inside and len(inside) == value:
            for mention in inside:
                passage.claim(mention, position, False)
        blank = " " * (m.end() - m.start())
        passage.masked = passage.masked[: m.start()] + blank + passage.masked[m.end() :]
        counted = passage.sentence.count_masked
        passage.sentence.count_masked = counted[: m.start()] + blank + counted[m.end() :]


def read_counts(passage: Passage) -> None:
    """Counts: "11 votes in favor", "10-2-3", "by 12 votes to 2", "won nine votes",
    "unanimously"."""
    read_verb_first(passage)
    read_count_pairs(passage)
    read_scores(passage)
    read_votes_to(passage)
    read_votes_won(passage)
    read_unanimity(passage)


def read_count_pairs(passage: Passage) -> None:
    """ "eleven votes in favour", "two against (Bolivia, Russia)"."""
    cmasked = passage.sentence.count_masked
    result = passage.reading.result
    for m in COUNT_PAIR.finditer(cmasked):
        position = position_of(m[2])
        value = to_number(m[1])
        if position is None or value is None:
            continue
        before = cmasked[max(0, m.start() - 60) : m.start()]
        if NEEDED.search(before) or _PART_OF.search(before) or EXCEPTED_NUMBER.search(before):
            continue  # "twelve of the council's 15 members voted": 15 is the whole
        if m[2].lower() == "for" and not re.search(
            r"\bagainst\b|\bvot(?:e|es|ed|ing)\s+for", cmasked[m.start() : m.end() + 60], re.I
        ):
            continue
        if time_mismatch(passage.count_clause(m.start(), m.end()), result):
            continue
        passage.count(position, value)
        # "eight votes in favor (Russia, China, ...)"
        paren = _PAREN.match(cmasked, m.end())
        if paren:
            lo, hi = paren.start(1), paren.end(1)
            for mention in passage.mentions:
                if lo <= mention.start and mention.end <= hi:
                    passage.claim(mention, position, False)
        elif not read_listed_after_colon(passage, m.end(), position, value):
            read_listed_as_part(passage, m.end(), position, value)


# "with two abstentions: China and Russia.", "with one abstention — Russia.", "with
# two abstentions, China and Russia."
# "two abstentions: China and Russia", "three abstentions, namely China, Egypt and ..."
_COLON = re.compile(
    r"\s*(?::|,|--|–|—)\s*(?:(?:namely|that\s+is|i\.e\.),?\s+)?(?:(?:those|that)\s+of\s+)?", re.I
)
_LIST_JOIN = re.compile(r"(?:[\s,]|\band\b|\bthe\b)*", re.I)


def read_listed_after_colon(passage: Passage, end: int, position: str, value: int) -> bool:
    """ "two abstentions: China and Russia", "one abstention — Russia": the members
    listed after a count, when the list is the rest of the clause and holds as many
    members as the count. Did it read a list?"""
    colon = _COLON.match(passage.masked, end)
    if colon is None:
        return False
    listed = _list_to_clause_end(passage, colon.end())
    if listed is None or len(listed) != value:
        return False
    for mention in listed:
        passage.claim(mention, position, False)
    return True


# "nine abstentions, including France and Japan", "two against, among them Russia":
# some of the members the count holds
_PART = re.compile(
    r"\s*,?\s*(?:including|among\s+(?:them|which|those)|among\s+them\s+those\s+of|"
    r"notably|such\s+as)\s+(?:those\s+of\s+)?",
    re.I,
)


def read_listed_as_part(passage: Passage, end: int, position: str, value: int) -> None:
    """ "nine abstentions, including France, Japan and Ghana": the members listed
    after "including" took the count's position, when the list is the rest of the
    clause and holds no more members than the count."""
    part = _PART.match(passage.masked, end)
    if part is None:
        return
    listed = _list_to_clause_end(passage, part.end())
    if listed is None or len(listed) > value:
        return
    for mention in listed:
        passage.claim(mention, position, False)


def _list_to_clause_end(passage: Passage, start: int) -> list | None:
    """The members listed from `start` to the end of the clause, when nothing else is
    there ("China, Russia and Algeria."), or None."""
    stop = passage.clause_end(start)
    following = _NEXT_COUNT_START.search(passage.masked, start, stop)
    stop = following.start() if following else stop
    listed = [x for x in passage.mentions if start <= x.start and x.end <= stop]
    if not listed or any(x.adjectival for x in listed):
        return None
    edges = [start, *(e for x in listed for e in (x.start, x.end)), stop]
    gaps = [passage.masked[a:b] for a, b in zip(edges[::2], edges[1::2], strict=True)]
    if all(_LIST_JOIN.fullmatch(g) for g in gaps[:-1]) and (
        re.match(r"[\s.]*(?:$|--|–|—)", gaps[-1]) or _NEXT_COUNT.match(gaps[-1])
    ):
        return listed
    return None


# "two abstentions, those of Egypt and Italy, and 12 votes in favour": the list ends
# where the next count begins
_NEXT_COUNT = re.compile(rf"\s*,\s*(?:and\s+|with\s+)?{NUM}\s+(?:votes?\b|{POSITION_WORD})", re.I)
_NEXT_COUNT_START = re.compile(_NEXT_COUNT.pattern.replace(r"\s*,", r",", 1), re.I)


def read_scores(passage: Passage) -> None:
    """ "adopted 13-0-2", "failed 3-8-4"."""
    cmasked = passage.sentence.count_masked
    for m in [*_TALLY.finditer(cmasked), *_WORD_TALLY.finditer(cmasked)]:
        numbers = [to_number(g) for g in m.groups() if g is not None]
        if None in numbers:
            continue
        context_words = cmasked[max(0, m.start() - 80) : m.end() + 40]
        if sum(numbers) > 15 or not re.search(
            r"\b(?:vot|adopt|pass|approv|reject|fail|tally|margin|veto|resolution|draft)",
            context_words,
            re.I,
        ):
            continue
        if _SPORT.search(cmasked[max(0, m.start() - 40) : m.start()]):
            continue
        if time_mismatch(passage.count_clause(m.start(), m.end()), passage.reading.result):
            continue  # "In 2019 the Council adopted a similar text 13-0-2"
        for position, value in zip(COUNTED, numbers, strict=False):
            passage.count(position, value)


def read_votes_to(passage: Passage) -> None:
    """ "by 12 votes to 2"."""
    cmasked = passage.sentence.count_masked
    for m in _VOTES_TO.finditer(cmasked):
        if NEEDED.search(cmasked[max(0, m.start() - 60) : m.start()]):
            continue
        if time_mismatch(passage.count_clause(m.start(), m.end()), passage.reading.result):
            continue
        first, second = to_number(m[1] or m[3]), to_number(m[2] or m[4])
        if first is not None and second is not None and first + second <= 15:
            passage.count(Position.FOR, first)
            passage.count(Position.AGAINST, second)


def read_votes_won(passage: Passage) -> None:
    """ "won nine votes", "with the support of 12 members"."""
    cmasked = passage.sentence.count_masked
    result = passage.reading.result
    for pattern in (_WON, _SUPPORT_OF):
        for m in pattern.finditer(cmasked):
            value = to_number(m[1])
            before = cmasked[max(0, m.start() - 60) : m.start()]
            if value is None or NEEDED.search(before) or _DENIED.search(before):
                continue  # "without obtaining nine votes", "failed to get nine votes"
            if time_mismatch(passage.count_clause(m.start(), m.end()), result):
                continue
            passage.count(Position.FOR, value)
            if pattern is _SUPPORT_OF and re.search(r"\b(?:other|remaining)\b", m[0], re.I):
                # "backed by the 13 other members": the members not named voted for
                passage.reading.rests.append(RestClaim(Position.FOR, value, passage.sentence))


def read_unanimity(passage: Passage) -> None:
    cmasked = passage.sentence.count_masked
    for m in _UNANIMOUS.finditer(cmasked):
        if _NOT_UNANIMOUS.search(cmasked[max(0, m.start() - 30) : m.start()]):
            continue
        if time_mismatch(passage.count_clause(m.start(), m.end()), passage.reading.result):
            continue  # "resolution 1970, adopted unanimously in February"
        if EVENT.search(cmasked) or re.search(r"\b(?:backing|support)\b", cmasked, re.I):
            passage.reading.unanimous.append(passage.sentence)
            break


def read_seats(passage: Passage) -> None:
    """ "the 15-member Council", "the 10 elected members"."""
    result = passage.reading.result
    for m in ELECTED_SEATS.finditer(passage.masked):
        result.stated_seats.add(5 + to_number(m[1]))
    for m in SEATS.finditer(passage.masked):
        stated = to_number(m[1])
        if stated in SIZE_DAY:
            result.stated_seats.add(stated)
        if result.vote_date and stated and stated != rules.seats(result.vote_date):
            result.warnings.append(
                f"The article speaks of a {stated}-member Council; on "
                f"{result.vote_date.isoformat()} it had {rules.seats(result.vote_date)} seats."
            )
