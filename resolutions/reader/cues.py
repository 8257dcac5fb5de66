"""Cues: the phrases that say how a member voted ("vetoed by", "abstained", "the US's
abstention"), found in a sentence, and whether one is hedged ("would veto"), a noun
rather than a verb ("the veto"), or a history ("has vetoed six resolutions")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..rules import Position
from .vocabulary import NUM

# --- Cues: the phrases that say how a member voted --------------------------------------

SUBJECT = "subject"  # the members named before the phrase: "Bolivia voted against"
OBJECT = "object"  # the members named after it: "vetoed by Russia and China"
POSSESSIVE = "possessive"  # "the US's abstention"

VOTE = r"vot(?:e|es|ed|ing)"
_DRAFT_NOUN = r"(?:resolution|draft|text|measure|motion|proposal|bid|initiative|document|it)"
_DRAFT_OBJECT = (
    rf"(?:it\b|(?:(?:the|this|that|a|an|its|their)\s+)?(?:[\w.'-]+\s+){{0,4}}?{_DRAFT_NOUN}s?\b)"
)


@dataclass(frozen=True)
class CuePattern:
    regex: re.Pattern
    position: str
    kind: str
    veto: bool = False
    only: bool = False  # "the only negative vote": the count of that position is one
    # "blocked", "killed", "voted down": a veto when a permanent member's no on a
    # draft that had the votes, otherwise a plain no (no warning for an elected member)
    implied: bool = False
    # "with Russia against": the word alone, a position only after "with" or "joining"
    # and the members it follows at once
    bare: bool = False


def _cue(pattern: str, position: str, kind: str = SUBJECT, **flags) -> CuePattern:
    return CuePattern(re.compile(pattern, re.I), position, kind, **flags)


# "Abstaining on Wednesday were ...": a short time or place between the phrase and "were"
_WHEN = r"(?:\s+(?:on|in|at)\s+(?:the\s+)?[A-Za-z']+(?:\s+(?:vote|meeting|session))?)?"

# Between a passive participle and its "by": "vetoed on Friday by Russia", never an
# object ("vetoed a text put forward by the United States": the sponsor, not the veto)
_PASSIVE_GAP = (
    r"(?:(?!by\b|a\b|an\b|the\b|its\b|their\b|this\b|that\b|\w+ed\b|put\b|forward\b)"
    r"[\w'-]+\s+)"
)

CUES: list[CuePattern] = [
    # members named after the phrase
    _cue(rf"\bvetoed\s+{_PASSIVE_GAP}{{0,4}}?by\b", Position.AGAINST, OBJECT, veto=True),
    _cue(r"\b(?:a|the|joint)\s+vetoe?s?\s+(?:cast\s+)?by\b", Position.AGAINST, OBJECT, veto=True),
    _cue(
        rf"\b{VOTE}\s+(?:in\s+favou?r|for|yes)(?:\s+of)?(?:\s+(?:the|it|this)\b[^,;:]{{0,50}}?)?"
        r"\s+(?:were|was)\b",
        Position.FOR,
        OBJECT,
    ),
    _cue(
        rf"\b{VOTE}\s+(?:against|no)(?:\s+(?:the|it|this)\b[^,;:]{{0,50}}?)?\s+(?:were|was)\b",
        Position.AGAINST,
        OBJECT,
    ),
    _cue(
        rf"\b(?:abstaining|abstentions?|abstained){_WHEN}\s+(?:were|was|came\s+from)\b",
        Position.ABSTAIN,
        OBJECT,
    ),
    _cue(rf"\b(?:against|opposed){_WHEN}\s+(?:were|was)\b", Position.AGAINST, OBJECT),
    _cue(rf"\bin\s+favou?r{_WHEN}\s+(?:were|was)\b", Position.FOR, OBJECT),
    _cue(
        r"(?:^|[.;:]\s*)(?:in\s+favou?r|voting\s+(?:for|yes|in\s+favou?r)|yes)\s*:",
        Position.FOR,
        OBJECT,
    ),
    _cue(r"(?:^|[.;:]\s*)(?:against|voting\s+(?:against|no)|no)\s*:", Position.AGAINST, OBJECT),
    _cue(
        r"(?:^|[.;:]\s*)(?:abstaining|abstentions?|abstained|abstain)\s*:", Position.ABSTAIN, OBJECT
    ),
    _cue(r"(?:^|[.;:]\s*)(?:not\s+voting|non-voting|absent)\s*:", Position.NON_VOTING, OBJECT),
    _cue(r"\b(?:the\s+)?abstentions?,?\s+(?:of|from|by)\b", Position.ABSTAIN, OBJECT),
    _cue(r"\b(?:the\s+)?abstainers?\s+(?:were|was|being)\b", Position.ABSTAIN, OBJECT),
    _cue(
        rf"\b(?:blocked|killed)\s+{_PASSIVE_GAP}{{0,3}}?by\b",
        Position.AGAINST,
        OBJECT,
        veto=True,
        implied=True,
    ),
    _cue(r"\b(?:opposed|rejected)\s+by\b", Position.AGAINST, OBJECT),
    # "the votes against came from Japan and Italy"
    _cue(
        r"\b(?:votes?\s+against|(?:negative|dissenting)\s+votes?)\s+(?:came|were)\s+from\b",
        Position.AGAINST,
        OBJECT,
    ),
    _cue(
        r"\b(?:votes?\s+in\s+favou?r|(?:affirmative|yes)\s+votes?)\s+(?:came|were)\s+from\b",
        Position.FOR,
        OBJECT,
    ),
    # "with the negative votes of Russia and China", "the yes votes of France and Japan"
    _cue(
        r"\b(?:(?:negative|dissenting|opposing)\s+votes?|the\s+(?:no|\"no\")\s+votes?)\s+"
        r"(?:of|from|by|cast\s+by)\b",
        Position.AGAINST,
        OBJECT,
    ),
    _cue(
        r"\b(?:(?:affirmative|positive)\s+votes?|the\s+(?:yes|\"yes\")\s+votes?)\s+"
        r"(?:of|from|by|cast\s+by)\b",
        Position.FOR,
        OBJECT,
    ),
    # the member's own noun: "the US's abstention", "Moscow's veto"
    _cue(r"^'s\s+(?:(?:lone|sole|only|single)\s+)?abstention", Position.ABSTAIN, POSSESSIVE),
    _cue(
        r"^'s\s+(?:(?:lone|sole|only|single)\s+)?(?:vetoe?s?|veto\s+power)\b(?!\s+(?:threat|right))",
        Position.AGAINST,
        POSSESSIVE,
        veto=True,
    ),
    _cue(
        r"^'s\s+(?:(?:lone|sole|only|single)\s+)?(?:no|negative|dissenting)\s+vote",
        Position.AGAINST,
        POSSESSIVE,
    ),
    _cue(
        r"^'s\s+(?:(?:lone|sole|only|single)\s+)?(?:yes|affirmative)\s+vote",
        Position.FOR,
        POSSESSIVE,
    ),
    # members named before the phrase
    _cue(
        r"\b(?:cast|casts|casting|used|uses|using|exercised|exercises|exercising|wielded|"
        r"wields|wielding|invoked|invokes|invoking|employed|deployed|slapped|issued|"
        r"raised|applied)\s+(?:(?:a|an|its|their|the|his|her|another|joint|double|"
        r"rare|first|second)\s+)*(?:[\w-]+\s+)?vetoe?s?\b(?:\s+(?:power|powers|right|rights))?",
        Position.AGAINST,
        veto=True,
    ),
    _cue(
        r"\bblock(?:ed|s|ing)?\b[^.;]{0,80}?\bwith\s+(?:a|its|their|his|her)\s+veto\b",
        Position.AGAINST,
        veto=True,
    ),
    _cue(
        r"\bveto(?:ed|es|ing)?\b(?!\s*(?:-|power|powers|right|rights|wielding|holder|holders|threat|threats|by\b))",
        Position.AGAINST,
        veto=True,
    ),
    _cue(
        rf"\b{VOTE}\s+(?:unanimously\s+)?(?:in\s+favou?r|for\b|yes\b|in\s+support|affirmatively|"
        r"to\s+(?:adopt|approve|pass|support|back|endorse))",
        Position.FOR,
    ),
    _cue(
        rf"\b(?:backed|backs|backing|supported|supports|supporting|endorsed|endorses|"
        rf"approved|approves)\s+{_DRAFT_OBJECT}",
        Position.FOR,
    ),
    _cue(
        r"\bcast\s+(?:(?:a|an|their|its|the)\s+)?(?:affirmative|yes|positive)\s+votes?",
        Position.FOR,
    ),
    _cue(
        r"\bcast(?:s|ing)?\s+(?:(?:a|an|their|its|the)\s+)?(?:only|sole|lone|single)\s+"
        r"(?:(?:negative|dissenting)(?:\s+votes?)?|no(?:\s+votes?)?\b|\"no\")",
        Position.AGAINST,
        only=True,
    ),
    _cue(
        r"\b(?:was|were|is|are)\s+the\s+(?:only|sole|lone|single)\s+(?:no|negative|dissenting)"
        r"\s+votes?\b|\b(?:was|were|is|are)\s+the\s+(?:only|sole|lone)\s+(?:dissenters?|holdouts?|"
        r"(?:countr(?:y|ies)|members?|nations?|states?)\s+(?:to\s+vote\s+against|voting\s+against|"
        r"(?:that|which|who)\s+voted\s+(?:against|no\b)|against|opposed))",
        Position.AGAINST,
        only=True,
    ),
    _cue(
        r"\bcast\s+(?:(?:a|an|their|its|the)\s+)?(?:negative|no|dissenting)\s+votes?",
        Position.AGAINST,
    ),
    _cue(rf"\b{VOTE}\s+(?:against|no\b|\"no\"|nay|negatively|down)", Position.AGAINST),
    _cue(
        r"(?<=\s)against(?=\s*(?:[,;.)]|--|–|—|\band\b|\bwhile\b|\bwith\b|$))",
        Position.AGAINST,
        bare=True,
    ),
    # "with South Africa joining China and Russia in the opposition" (not "in opposition to")
    _cue(r"\bin\s+(?:the\s+)?opposition\b(?!\s+to\b)", Position.AGAINST),
    _cue(
        rf"\b(?:opposed|opposes|opposing|rejected|rejects|rejecting)\s+{_DRAFT_OBJECT}",
        Position.AGAINST,
    ),
    _cue(
        r"\b(?:blocked|blocks|blocking|block|killed|kills|killing|kill|torpedoed|scuttled|"
        r"scuppered|scuppers|sank|sinks|nixed|nixes|derailed|(?:shot|shoots|shooting)\s+down)\s+"
        rf"{_DRAFT_OBJECT}|\b{VOTE}\s+down\s+{_DRAFT_OBJECT}",
        Position.AGAINST,
        veto=True,
        implied=True,
    ),
    _cue(
        r"\b(?:was|were|is|are)\s+the\s+(?:only|sole|lone|single)\s+(?:abstentions?|abstainers?|"
        r"(?:countr(?:y|ies)|members?|nations?|states?)\s+(?:to\s+abstain|"
        r"(?:that|which|who)\s+abstained))",
        Position.ABSTAIN,
        only=True,
    ),
    _cue(r"\babstain(?:ed|s|ing)?\b", Position.ABSTAIN),
    _cue(
        r"\b(?:cast|casts|registered|recorded)\s+(?:an\s+|their\s+|its\s+)?abstentions?",
        Position.ABSTAIN,
    ),
    _cue(
        r"\b(?:did\s+not|didn't|chose\s+not\s+to|declined\s+to)\s+(?:vote|participate|take\s+part)"
        r"|\b(?:was|were)\s+absent\b|\bnot\s+participating\b|\babsented\s+(?:itself|themselves)"
        r"|\bnot\s+voting\b(?!\s+(?:for|against|in\s+favou?r|to|yes|no)\b)",
        Position.NON_VOTING,
    ),
    # last, so that "were the only members to abstain" is read as the verb's
    # "with Russia the only member opposed", "with Egypt the lone abstention"
    _cue(
        r"\bthe\s+(?:only|sole|lone|single)\s+(?:no\s+vote|negative\s+vote|dissenters?|"
        r"holdouts?|(?:countr(?:y|ies)|members?|nations?|states?)\s+(?:to\s+vote\s+against|"
        r"voting\s+against|against|opposed|to\s+oppose\s+it|voting\s+no))",
        Position.AGAINST,
        bare=True,
        only=True,
    ),
    _cue(
        r"\bthe\s+(?:only|sole|lone|single)\s+(?:abstentions?|abstainers?|"
        r"(?:countr(?:y|ies)|members?|nations?|states?)\s+(?:to\s+abstain|abstaining))",
        Position.ABSTAIN,
        bare=True,
        only=True,
    ),
]

_HEDGE_BEFORE = re.compile(
    r"(?:\b(?:would|will|could|can|might|may|should|must|shall|cannot|can't|won't|wouldn't|"
    r"couldn't|shouldn't|'d|'ll)\s+(?:(?:not|never|also|likely|have|still|probably|"
    r"certainly|again|then|be|been)\s+)*"
    r"|\b(?:not|never|n't|no)\s+(?:(?:yet|even|have|been)\s+)*"
    r"|\bhad\s+(?:(?:\w+ly|already|also|not)\s+)*"
    r"|\b(?:if|unless|whether|lest)\b[^,;]*"
    r"|\b(?:after|before|since|without|instead\s+of|rather\s+than|than|threat\s+of|"
    r"threatening|threatened|ahead\s+of)\s+(?:(?:a|an|the|being|having)\s+)*)$",
    re.I,
)
_INFINITIVE = re.compile(r"\b(\w+)\s+(?:(?:not|also|all)\s+)?to\s+$", re.I)
_REAL_INFINITIVE = {"voted", "decided", "chose", "opted", "moved", "proceeded", "went", "on",
                    "votes", "decides", "chooses", "opts", "elected"}  # fmt: skip


@dataclass
class Cue:
    start: int
    end: int
    position: str
    kind: str
    veto: bool
    only: bool
    implied: bool = False
    bare: bool = False


# "a western backed resolution": a participle that describes the draft, no verb
_ATTRIBUTIVE = re.compile(
    r"\w+ed\s+(?:draft\s+)?(?:resolution|draft|text|measure|proposal)s?", re.I
)


def find_cues(masked: str) -> list[Cue]:
    found: list[Cue] = []
    taken = bytearray(len(masked))  # the characters a phrase already holds
    for pattern in CUES:
        if pattern.kind == POSSESSIVE:
            continue
        for m in pattern.regex.finditer(masked):
            start, end = m.span()
            if any(taken[start:end]) or _ATTRIBUTIVE.fullmatch(m[0]):
                continue
            if re.match(r"[\w.]-$", masked[max(0, start - 2) : start]):
                continue  # "a Western-backed draft", "a U.S.-vetoed text": an adjective
            found.append(
                Cue(
                    start,
                    end,
                    pattern.position,
                    pattern.kind,
                    pattern.veto,
                    pattern.only,
                    pattern.implied,
                    pattern.bare,
                )
            )
            taken[start:end] = b"\1" * (end - start)
    return sorted(found, key=lambda c: c.start)


_COUNTED_VOTES = re.compile(rf"\b{NUM}\s+$", re.I)


def not_a_cue(masked: str, cue: Cue) -> bool:
    """'the veto', 'a veto', 'no vetoes', 'the vetoed resolution': the noun, not the
    verb (the phrases 'cast a veto', 'used its veto' are cues of their own); 'was
    blocked', 'was vetoed' without 'by': a passive that names nobody."""
    if cue.kind == OBJECT:
        return False
    word = masked[cue.start : cue.end].lower()
    before = masked[max(0, cue.start - 30) : cue.start]
    if re.match(r"votes?\b", word) and _COUNTED_VOTES.search(before):
        return True  # "12 votes in favour": a count, not a verb
    if re.match(r"\w+ed\b", word) and re.search(
        r"\b(?:was|were|been|being|be|is|are|get|got|gets|getting)\s+(?:\w+ly\s+)?$", before, re.I
    ):
        return True
    if not word.startswith("veto"):
        return False
    if re.search(
        r"\b(?:a|an|the|its|their|his|her|no|any|another|this|that|of|with|one|two|three|"
        r"first|second|rare|joint|double|triple|possible|potential|\d+(?:st|nd|rd|th))\s+$",
        before,
        re.I,
    ):
        return True
    # passive without "by": nobody named
    return bool(
        re.search(
            r"\b(?:was|were|been|being|be|is|are|get|got|gets|getting)\s+(?:\w+ly\s+)?$",
            before,
            re.I,
        )
    )


def hedged(masked: str, cue: Cue, floor: int) -> bool:
    before = masked[max(floor, cue.start - 80) : cue.start]
    hedge = _HEDGE_BEFORE.search(before)
    if hedge and not (
        hedge.group(0).lower().startswith("had")
        and re.search(r"\b(?:said|says|told|explained|noted|added|confirmed)\b", before, re.I)
    ):
        return True
    infinitive = _INFINITIVE.search(before)
    if infinitive and infinitive.group(1).lower() not in _REAL_INFINITIVE:
        return True  # "is expected to veto", "urged members to support"
    after = masked[cue.end : cue.end + 60]
    # "has vetoed six resolutions": a history
    return cue.veto and bool(
        re.match(
            r"\s+(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|"
            r"many|numerous|multiple|dozens\s+of|all)\s+(?:\w+\s+)?(?:resolutions|drafts|texts|"
            r"measures|times|proposals))",
            after,
            re.I,
        )
    )


# Every phrase in CUES holds one of these words: a sentence without any has no phrase
# to look for (most sentences of a long report), and is passed over at once.
CUE_WORDS = re.compile(
    r"veto|vot|abst|against|oppos|favo|yes|\bno\b|absent|block|kill|reject|back|support|"
    r"endors|approv|dissent|holdout|torpedo|scuttl|scupper|\bsank\b|\bsinks\b|\bnix|derail|"
    r"\bshot\s+down|\bshoots?\s+down|\bshooting\s+down|particip|take\s+part",
    re.I,
)
