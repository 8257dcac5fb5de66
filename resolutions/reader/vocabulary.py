"""The words the stages share: positions, numbers in figures and words, months and
weekdays, the phrases that mark a vote, the General Assembly, another draft, a
procedural vote, the Council's size."""

from __future__ import annotations

import datetime as dt
import re

from .. import rules
from ..rules import Position

POSITIONS = (Position.FOR, Position.AGAINST, Position.ABSTAIN, Position.NON_VOTING)
COUNTED = (Position.FOR, Position.AGAINST, Position.ABSTAIN)

# Press metonyms: a capital (or a seat of government, "the Kremlin") for its
# government. The first code seated on the vote's date wins (Moscow is the USSR
# before 1992).
CAPITALS: dict[str, tuple[str, ...]] = {
    "moscow": ("RUS", "SUN"),
    "washington": ("USA",),
    "beijing": ("CHN",),
    "peking": ("CHN",),
    "london": ("GBR",),
    "paris": ("FRA",),
    "kremlin": ("RUS", "SUN"),
    "white house": ("USA",),
    "downing street": ("GBR",),
    "élysée": ("FRA",),
    "elysee": ("FRA",),
}

# The adjectives the press makes of the permanent members (who table most drafts
# and cast the vetoes): "the Russian draft", "the Soviet delegate".
ADJECTIVES: dict[str, tuple[str, ...]] = {
    "RUS": ("Russian",),
    "SUN": ("Soviet", "Russian"),
    "CHN": ("Chinese",),
    "USA": ("American", "U.S.", "US"),
    "GBR": ("British", "UK", "U.K."),
    "FRA": ("French",),
}

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "none": 0, "zero": 0, "no": 0, "nil": 0,
    "no one": 0, "nobody": 0, "a single": 1, "single": 1, "nothing": 0,
}  # fmt: skip
NUM = (
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|none|zero|nil|no\s+one|nobody|no|a\s+single)"
)
ORDINAL = (
    r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
    r"|tenth|eleventh|twelfth|\w+teenth|twentieth|thirtieth|\w+-\w+(?:st|nd|rd|th))"
)


def to_number(word: str) -> int | None:
    word = re.sub(r"\s+", " ", word.strip().lower())
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
EVENT = re.compile(
    r"\b(?:vot(?:e|ed|es|ing)|veto(?:ed|es|ing)?|adopt(?:ed|s|ion)?|pass(?:ed|es)?|"
    r"approv(?:ed|es|al)|reject(?:ed|s)?|fail(?:ed|s)?\s+to|block(?:ed|s)?|abstain(?:ed|s|ing)?|"
    r"abstentions?|endors(?:ed|es)|unanimous(?:ly)?)\b"
    # "the draft failed", "the text fell": a vote told by its result
    r"|\b(?:draft|resolution|text|measure)\s+(?:(?:then|also|narrowly)\s+)?(?:failed|fell)\b",
    re.I,
)
OTHER_DRAFT = re.compile(
    r"\b(?:rival|competing|second|another|separate|alternative|earlier|previous|other|similar|"
    r"counter)\s+(?:[\w.-]+\s+){0,2}?(?:draft|resolution|text|proposal|measure)s?\b",
    re.I,
)
CLAUSE_OPENER = re.compile(r"\s(?:after|before|while|when|whereas|but|as|since)\s", re.I)
COUNCIL = re.compile(r"\b(?:council|meeting|session)\b", re.I)
ASSEMBLY = re.compile(r"\bAssembly\b")
FUTURE = re.compile(
    r"\b(?:will|(?:is|are|was|were)\s+(?:expected|scheduled|due|set|poised|likely|going)\s+to|"
    # "a vote on that question is expected on Wednesday"
    r"(?:is|are)\s+(?:expected|scheduled|due|set)\s+(?:on|for|later|next|tomorrow|this)\b|"
    r"plans?\s+to|ahead\s+of\s+(?:a|the)\s+vote|later\s+(?:in\s+the\s+day|this\s+week|today))\b",
    re.I,
)

PROCEDURAL = re.compile(
    r"\bprocedural\s+(?:vote|votes|matter|matters|motion|decision|question)\b"
    # "the resolution dealt with a question of procedure"
    r"|\b(?:question|matter)\s+of\s+procedure\b"
    r"|\b(?:was|is|as)\s+(?:(?:a|purely|merely|only)\s+)*procedural\b"
    r"|\bvote\s+on\s+(?:the\s+)?(?:provisional\s+)?agenda\b|\b(?:adopt|adoption\s+of)\s+the\s+"
    r"(?:provisional\s+)?agenda\b"
    # "voted to override China's objections and add the situation ... to the agenda"
    r"|\bvot(?:e|es|ed|ing)\s+to\s+[^.;]{0,60}?\b(?:add|include|put|place|inscribe|remove|drop)\b"
    r"[^.;]{0,120}?\b(?:to|on|from)\s+(?:the\s+)?(?:council'?s\s+|its\s+)?agenda\b",
    re.I,
)
# "not a procedural vote", "a non-procedural matter", "after a procedural vote on the
# agenda, the Council voted on the draft": not this vote's kind
NOT_PROCEDURAL = re.compile(
    r"(?:\bnot\s+(?:a\s+|an?\s+\w+\s+)?|\bnon-|\b(?:after|before|following|ahead\s+of|prior\s+to|"
    r"preceded\s+by|once)\s+(?:(?:a|the|an)\s+)?(?:\w+\s+)?"
    # "after China abstained on a procedural vote": that vote came first
    r"|\b(?:after|before|following|ahead\s+of|prior\s+to)\s+[^,;.]{0,60}?\b(?:a|the|an)\s+)$",
    re.I,
)
SEATS = re.compile(r"\b(\d{2}|fifteen|eleven)[- ](?:member|nation|seat|country)\b", re.I)
# "the 10 non-permanent council members": five permanent members and these
ELECTED_SEATS = re.compile(
    r"\b(6|10|six|ten)\s+(?:non-permanent|elected|rotating)\s+(?:council\s+)?members\b", re.I
)
# A day on each Council, for the rules when the vote's date is unknown.
SIZE_DAY = {11: rules.ENLARGEMENT - dt.timedelta(days=1), 15: rules.ENLARGEMENT}


def position_of(word: str) -> str | None:
    word = re.sub(r"\s+", " ", word.lower())
    if word.startswith(("in favo", "for", "yes", "yea", "aye", "affirmative")):
        return Position.FOR
    if word == "no" or word.startswith(
        ("against", "no ", "noes", "nays", "negative", "opposed", "in opp")
    ):
        return Position.AGAINST
    if word.startswith("abst"):
        return Position.ABSTAIN
    if word.startswith(("not voting", "did not")):
        return Position.NON_VOTING
    return None


POSITION_WORD = (
    r"(in\s+favou?r|for|against|abstentions?|abstaining|abstained|abstain|yes(?:\s+votes?)?|yeas|ayes|"
    r"no\s+votes?|no|noes|nays|affirmative(?:\s+votes?)?|negative(?:\s+votes?)?|opposed|"
    r"in\s+opposition|not\s+voting|did\s+not\s+vote)"
)
# "two against", "11 votes in favour"; never the second number of a score ("9-3 in favour").
# "all but three members voted for it": the number is of the members excepted
EXCEPTED_NUMBER = re.compile(
    r"\b(?:all|everyone|everybody|every\s+(?:member|country|nation|delegation))\s+"
    r"(?:but|except(?:\s+for)?|save(?:\s+for)?|bar)\s+$",
    re.I,
)
COUNT_PAIR = re.compile(
    rf"(?<!\d[-–—])(?<!\d\s[-–—]\s)\b({NUM})\s+(?:(?:votes?|members?|countries|nations|states|delegations|others|"
    r"council\s+members)\s+)?(?:(?:were|was|voted|voting|cast|had)\s+)?"
    rf"{POSITION_WORD}(?:\s+votes?)?(?![\w-])",
    re.I,
)
