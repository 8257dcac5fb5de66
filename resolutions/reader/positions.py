"""Positions: the phrases that say how a member voted ("vetoed by", "abstained",
"the US's abstention"), each with the members it governs, unless hedged, denied or
about another time."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..rules import Position
from .counts import NEEDED
from .dates import time_mismatch
from .names import Mention
from .reading import Passage, RestClaim
from .vocabulary import NUM, to_number

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


def _cue(pattern: str, position: str, kind: str = SUBJECT, **flags) -> CuePattern:
    return CuePattern(re.compile(pattern, re.I), position, kind, **flags)


# "Abstaining on Wednesday were ...": a short time or place between the phrase and "were"
_WHEN = r"(?:\s+(?:on|in|at)\s+(?:the\s+)?[A-Za-z']+(?:\s+(?:vote|meeting|session))?)?"

CUES: list[CuePattern] = [
    # members named after the phrase
    _cue(r"\bvetoed\s+(?:(?!by\b)[\w'-]+\s+){0,4}?by\b", Position.AGAINST, OBJECT, veto=True),
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
    _cue(r"(?:^|[.;:]\s*)(?:in\s+favou?r|voting\s+for|yes)\s*:", Position.FOR, OBJECT),
    _cue(r"(?:^|[.;:]\s*)(?:against|voting\s+against|no)\s*:", Position.AGAINST, OBJECT),
    _cue(
        r"(?:^|[.;:]\s*)(?:abstaining|abstentions?|abstained|abstain)\s*:", Position.ABSTAIN, OBJECT
    ),
    _cue(r"(?:^|[.;:]\s*)(?:not\s+voting|non-voting|absent)\s*:", Position.NON_VOTING, OBJECT),
    _cue(r"\b(?:the\s+)?abstentions?,?\s+(?:of|from|by)\b", Position.ABSTAIN, OBJECT),
    _cue(r"\b(?:the\s+)?abstainers?\s+(?:were|was|being)\b", Position.ABSTAIN, OBJECT),
    _cue(
        r"\b(?:blocked|killed)\s+(?:(?!by\b)[\w'-]+\s+){0,3}?by\b",
        Position.AGAINST,
        OBJECT,
        veto=True,
        implied=True,
    ),
    _cue(r"\b(?:opposed|rejected)\s+by\b", Position.AGAINST, OBJECT),
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
        r"\s+votes?\b|\b(?:was|were|is)\s+the\s+(?:only|sole|lone)\s+(?:dissenter|holdout|"
        r"(?:country|member|nation|state)\s+(?:to\s+vote\s+against|voting\s+against|against|"
        r"opposed))",
        Position.AGAINST,
        only=True,
    ),
    _cue(
        r"\bcast\s+(?:(?:a|an|their|its|the)\s+)?(?:negative|no|dissenting)\s+votes?",
        Position.AGAINST,
    ),
    _cue(rf"\b{VOTE}\s+(?:against|no\b|\"no\"|nay|negatively|down)", Position.AGAINST),
    # "with South Africa joining China and Russia in the opposition" (not "in opposition to")
    _cue(r"\bin\s+(?:the\s+)?opposition\b(?!\s+to\b)", Position.AGAINST),
    _cue(
        rf"\b(?:opposed|opposes|opposing|rejected|rejects|rejecting)\s+{_DRAFT_OBJECT}",
        Position.AGAINST,
    ),
    _cue(
        rf"\b(?:blocked|blocks|blocking|block|killed|kills|killing|kill|torpedoed|scuttled)\s+"
        rf"{_DRAFT_OBJECT}|\b{VOTE}\s+down\s+{_DRAFT_OBJECT}",
        Position.AGAINST,
        veto=True,
        implied=True,
    ),
    _cue(
        r"\b(?:was|were|is)\s+the\s+(?:only|sole|lone|single)\s+(?:abstention|abstainer|"
        r"(?:country|member|nation|state)\s+to\s+abstain)",
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
]

_EXTENSION = re.compile(
    r"(?:,\s*|\s+)(?:along\s+with|together\s+with|as\s+did|as\s+were|as\s+was|joined\s+by|"
    r"followed\s+by|including|among\s+them|such\s+as|like|namely|as\s+well\s+as|plus)\b"
    r"|\s*\(|\s*(?:--|–|—)\s*|\s*:\s*",
    re.I,
)
# "abstaining, along with Bulgaria": the members that took the same position
_JOINED = re.compile(r"[\s,(\-–—]*(?:along\s+with|together\s+with|as\s+did|joined\s+by)\b", re.I)
LIST_GAP = re.compile(
    r"(?:[\s,()\-–—]|\band\b|\bor\b|\bthe\b|\bas\s+well\s+as\b|\balong\s+with\b|"
    r"\btogether\s+with\b|\b(?:(?:was|were)\s+)?joined(?:\s+by)?\b|\bjoin(?:s|ing)\b|\bplus\b|\bboth\b|\balso\b|"
    r"\bnor\b|\beither\b|"
    r"\bneither\b)*",
    re.I,
)
_GAP_BLOCK = re.compile(
    r"\b(?:said|says|say|told|tells|announced|argued|claimed|insisted|that|who|which|because|"
    r"when|after|before|while|if|whether|urged|urges|asked|asks|called|calls|accused|"
    r"accuses|warned|criticised|criticized|on\s+behalf)\b|[.:\"]",
    re.I,
)
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
_COUNT_SUBJECT = re.compile(
    rf"(?:\b(?:the|all)\s+)?(?:\b(?:other|remaining)\s+)?\b({NUM})\s+"
    rf"(?:of\s+(?:the\s+)?(?:[\w.]+'s\s+)?(?:{NUM})\s+)?"
    r"(?:(?:other|remaining|council|security|member|non-permanent|permanent|elected|"
    r"western|african|arab|european|latin\s+american)\s+)*"
    r"(?:countries|members|nations|states|delegations|others|governments|council\s+members)\b",
    re.I,
)
_SUBGROUP = re.compile(
    r"\b(?:non-permanent|permanent|elected|western|african|arab|european|latin\s+american)\b",
    re.I,
)
_REST = re.compile(
    r"\b(?:the\s+)?(?:other|remaining)\s+(?:\w+\s+){0,3}?(?:members|countries|nations|states|"
    r"delegations|others)\b|\bthe\s+rest\b|\ball\s+(?:the\s+)?others\b|\beveryone\s+else\b"
    rf"|\b{NUM}\s+others\b",
    re.I,
)


@dataclass
class Cue:
    start: int
    end: int
    position: str
    kind: str
    veto: bool
    only: bool
    implied: bool = False


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
            found.append(
                Cue(
                    start,
                    end,
                    pattern.position,
                    pattern.kind,
                    pattern.veto,
                    pattern.only,
                    pattern.implied,
                )
            )
            taken[start:end] = b"\1" * (end - start)
    return sorted(found, key=lambda c: c.start)


def not_a_cue(masked: str, cue: Cue) -> bool:
    """'the veto', 'a veto', 'no vetoes', 'the vetoed resolution': the noun, not the
    verb (the phrases 'cast a veto', 'used its veto' are cues of their own); 'was
    blocked', 'was vetoed' without 'by': a passive that names nobody."""
    if cue.kind == OBJECT:
        return False
    word = masked[cue.start : cue.end].lower()
    before = masked[max(0, cue.start - 30) : cue.start]
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


def within(mentions: list[Mention], lo: int, hi: int) -> list[Mention]:
    """The mentions (in the order of the text) that start in lo..hi."""
    first = bisect.bisect_left(mentions, lo, key=lambda m: m.start)
    last = bisect.bisect_left(mentions, hi, key=lambda m: m.start)
    return mentions[first:last]


def group_before(
    masked: str,
    mentions: list[Mention],
    consumed: set[int],
    floor: int,
    cue_start: int,
    gerund: bool = False,
) -> list[Mention]:
    """The members named just before a phrase: "China, Russia and Bolivia voted no",
    "with China and India abstaining", "Russia was joined by China in vetoing"."""
    candidates = [
        m
        for m in within(mentions, floor, cue_start)
        if m.end <= cue_start and id(m) not in consumed
    ]
    group: list[Mention] = []
    limit = cue_start
    for m in reversed(candidates):
        gap = masked[m.end : limit]
        if not group:
            if m.adjectival:
                if m.capital or _GAP_BLOCK.search(gap):
                    break
                continue
            words = re.findall(r"[A-Za-z']+", gap)
            if len(words) > 12 or _GAP_BLOCK.search(gap):
                break
        elif not LIST_GAP.fullmatch(gap):
            break
        if m.adjectival:
            break
        preposition = re.search(
            r"\b(?:to|of|for|from|against|on|about|at|in|into|by|over|than|with|between|"
            r"toward|towards|behind|despite|under)\s+(?:the\s+)?$",
            masked[max(floor, m.start - 20) : m.start],
            re.I,
        )
        if gerund and preposition and preposition.group(0).lower().startswith("with"):
            preposition = None  # "with the United States abstaining"
        if preposition and not re.search(
            r"\b(?:(?:along|together)\s+with|joined\s+by)\s+(?:the\s+)?$",
            masked[max(floor, m.start - 25) : m.start],
            re.I,
        ):
            break
        group.append(m)
        limit = m.start
    return group


# Between a phrase and the first member it governs: "vetoed by the permanent member
# Russia", "in favour were the delegations of France and Japan".
_LEAD_GAP = re.compile(
    r"(?:[\s,:(]|\bthe\b|\bboth\b|\beither\b|\bpermanent\b|\belected\b|\bmembers?\b|"
    r"\bcouncil\b|\b(?:delegations?|representatives?|ambassadors?|envoys?)\s+of\b)*",
    re.I,
)


def group_after(
    masked: str, mentions: list[Mention], consumed: set[int], cue_end: int, ceiling: int
) -> list[Mention]:
    """The members a phrase names after it: the list that follows it at once
    ("opposed by Russia, China and Algeria"), not every name later in the clause
    ("..., maintains reports despite concerns about US strikes in Yemen")."""
    group: list[Mention] = []
    limit = cue_end
    for m in within(mentions, cue_end, ceiling):
        if m.start < limit or m.end > ceiling:
            continue
        gap = masked[limit : m.start]
        if not (_LEAD_GAP if not group else LIST_GAP).fullmatch(gap):
            break
        if id(m) not in consumed and not m.adjectival:
            group.append(m)
        limit = m.end
    return group


def extension_after(
    masked: str, mentions: list[Mention], consumed: set[int], cue_end: int, ceiling: int
) -> list[Mention]:
    """Members joined to a phrase after it: "abstained, along with Ethiopia and
    Kazakhstan", "backed the measure, including France", "abstained (France, ...)"."""
    after_members = [m for m in within(mentions, cue_end, ceiling) if m.end <= ceiling]
    if not after_members:
        return []
    m = _EXTENSION.search(masked, cue_end, ceiling)
    if m is None:
        return []
    between = [x for x in after_members if x.start < m.start()]
    if any(not x.adjectival for x in between):
        return []
    end = ceiling
    opener = m.group(0).strip()
    if opener.startswith("("):
        close = masked.find(")", m.end(), ceiling)
        end = close if close != -1 else ceiling
    elif opener in {"--", "–", "—"}:
        close = re.search(r"--|–|—", masked[m.end() : ceiling])
        end = m.end() + close.start() if close else ceiling
    return [
        x for x in after_members if m.end() <= x.start and x.end <= end and id(x) not in consumed
    ]


# Every phrase in CUES holds one of these words: a sentence without any has no phrase
# to look for (most sentences of a long report), and is passed over at once.
_CUE_WORDS = re.compile(
    r"veto|vot|abst|against|oppos|favo|yes|\bno\b|absent|block|kill|reject|back|support|"
    r"endors|approv|dissent|holdout|torpedo|scuttl|particip|take\s+part",
    re.I,
)


def read_positions(passage: Passage) -> None:
    """Each phrase of the sentence with the members it governs: "Bolivia voted
    against", "vetoed by Russia and China", "the US's abstention"."""
    masked = passage.masked
    read_possessives(passage)
    if not _CUE_WORDS.search(masked):
        return
    cues = [c for c in find_cues(masked) if not not_a_cue(masked, c)]
    for i, cue in enumerate(cues):
        floor = max(cues[i - 1].end if i else 0, passage.clause_start(cue.start))
        ceiling = min(
            cues[i + 1].start if i + 1 < len(cues) else len(masked), passage.clause_end(cue.end)
        )
        if not hedged(masked, cue, floor):
            read_cue(passage, cue, floor, ceiling)


def read_possessives(passage: Passage) -> None:
    """ "the US's abstention", "Moscow's veto": the member's own noun."""
    masked = passage.masked
    for mention in passage.mentions:
        if not mention.possessive:
            continue
        after = masked[mention.end : mention.end + 80]  # "'s lone abstention"
        for pattern in CUES:
            if pattern.kind == POSSESSIVE and pattern.regex.match(after):
                cue = Cue(mention.start, mention.start, "", "", pattern.veto, False)
                if not hedged(masked, cue, 0):
                    passage.claim(mention, pattern.position, pattern.veto)
                break


def read_cue(passage: Passage, cue: Cue, floor: int, ceiling: int) -> None:
    """One phrase between `floor` and `ceiling`: the members it governs, and the
    count or the "others" its subject states ("ten members voted for")."""
    masked, mentions, consumed = passage.masked, passage.mentions, passage.consumed
    if cue.kind == OBJECT:
        group = group_after(masked, mentions, consumed, cue.end, ceiling)
        window = masked[cue.start : ceiling]
    else:
        comma = masked.find(",", cue.end)
        window_end = ceiling if comma == -1 else min(ceiling, comma)
        # "with China abstaining", "with Bolivia joining Russia in opposition"
        # "with Egypt not participating": a gerund too
        gerund = bool(re.match(r"(?:not\s+)?(?:\w+ing|in)\b", masked[cue.start : cue.end], re.I))
        group = group_before(masked, mentions, consumed, floor, cue.start, gerund)
        window = masked[min([floor, *(m.start for m in group)]) : window_end]
        first = min((m.start for m in group), default=cue.start)
        if re.search(r"\b(?:neither|not\s+even|not)\s+(?:the\s+)?$", masked[floor:first], re.I):
            return  # "Neither China nor Kazakhstan voted against": a denial
    if time_mismatch(window, passage.reading.result):
        return
    if cue.kind != OBJECT:
        # "abstained, along with Ethiopia", "ten voted for, including Japan": members
        # joined to those the phrase governs, or to the count that is its subject
        if group or _COUNT_SUBJECT.search(masked[floor : cue.start]):
            group += extension_after(masked, mentions, consumed, cue.end, ceiling)
        elif joined := _JOINED.match(masked, cue.end):
            # "... by abstaining, along with Bulgaria and Mali": whoever the subject,
            # the members joined to the phrase took it too
            group += group_after(masked, mentions, consumed, joined.end(), ceiling)
        read_subject(passage, cue, floor)
    if cue.only:
        passage.count(cue.position, 1)
    for mention in group:
        passage.claim(mention, cue.position, cue.veto, cue.implied)


def read_subject(passage: Passage, cue: Cue, floor: int) -> None:
    """A count as the phrase's subject ("ten members voted for") or the rest of the
    Council ("the other members abstained")."""
    masked = passage.masked
    segment = masked[floor : cue.start]
    subject = _COUNT_SUBJECT.search(segment)
    if (
        subject
        and to_number(subject[1]) is not None
        and not NEEDED.search(
            masked[max(0, floor + subject.start() - 60) : floor + subject.start()]
        )
        # "the five permanent members all voted yes": a part of the Council,
        # not the count of a position (only permanent members veto, though)
        and (cue.veto or not _SUBGROUP.search(subject.group(0)))
    ):
        passage.count("veto" if cue.veto else cue.position, to_number(subject[1]))
    rest = _REST.search(segment)
    if rest:
        number = re.match(rf"({NUM})\s+others", rest.group(0), re.I)
        value = to_number(number[1]) if number else (to_number(subject[1]) if subject else None)
        passage.reading.rests.append(RestClaim(cue.position, value, passage.sentence))
