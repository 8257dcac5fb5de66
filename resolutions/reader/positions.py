"""Positions: the phrases that say how a member voted ("vetoed by", "abstained",
"the US's abstention"), each with the members it governs, unless hedged, denied or
about another time."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from .counts import NEEDED
from .cues import CUE_WORDS, CUES, OBJECT, POSSESSIVE, Cue, find_cues, hedged, not_a_cue
from .dates import time_mismatch
from .names import Mention
from .reading import Passage, RestClaim
from .vocabulary import ADJECTIVES, EXCEPTED_NUMBER, NUM, position_of, to_number

_EXTENSION = re.compile(
    r"(?:,\s*|\s+)(?:along\s+with|together\s+with|as\s+did|as\s+were|as\s+was|joined\s+by|"
    r"and\s+so\s+(?:too\s+)?did|"
    r"followed\s+by|including|among\s+them|such\s+as|like|namely|as\s+well\s+as|plus)\b"
    r"|\s*\(|\s*(?:--|–|—)\s*|\s*:\s*",
    re.I,
)
# "abstaining, along with Bulgaria": the members that took the same position
_JOINED = re.compile(
    r"[\s,(\-–—]*(?:along\s+with|together\s+with|as\s+did|and\s+so\s+(?:too\s+)?did|"
    r"joined\s+by)\b",
    re.I,
)
LIST_GAP = re.compile(
    r"(?:[\s,()\-–—]|\band\b|\bor\b|\bthe\b|\bas\s+well\s+as\b|\balong\s+with\b|"
    r"\btogether\s+with\b|\b(?:(?:was|were)\s+)?joined(?:\s+by)?\b|\bjoin(?:s|ing)\b|\bplus\b|\bboth\b|\balso\b|"
    r"\bnor\b|\beither\b|"
    r"\bneither\b)*",
    re.I,
)
_GAP_BLOCK = re.compile(
    # "unlike Egypt, his delegation had voted in favour": the subject is the speaker's own
    r"\b(?:his|her|its|their|our|my)\s+(?:own\s+)?(?:delegation|country|government)\b|"
    r"\b(?:said|says|say|told|tells|announced|argued|claimed|insisted|that|who|which|because|"
    r"when|after|before|while|if|whether|urged|urges|asked|asks|called|calls|accused|"
    r"accuses|warned|criticised|criticized|on\s+behalf)\b|[.:\"]",
    re.I,
)
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

# "with Russia abstaining and the rest in favour": the others' position, with no verb
_REST_VERBLESS = re.compile(rf"(?:{_REST.pattern})\s+(in\s+favou?r|against|abstaining)\b", re.I)
_NUMBER = re.compile(rf"\b({NUM})\b", re.I)


def within(mentions: list[Mention], lo: int, hi: int) -> list[Mention]:
    """The mentions (in the order of the text) that start in lo..hi."""
    first = bisect.bisect_left(mentions, lo, key=lambda m: m.start)
    last = bisect.bisect_left(mentions, hi, key=lambda m: m.start)
    return mentions[first:last]


_APPOSITION = re.compile(
    # "Russia, a close ally of Syria, abstained"; "Brazil and India, democracies that ask
    # for seats, abstained" (a bare noun, lower case); "China, however, abstained"
    r",\s+(?:(?:a|an|the|its|their)\s+|(?-i:(?=[a-z])))[^,;:()\"]{1,60},\s+"
    r"(?:(?:also|then|\w+ly)\s+)?$",
    re.I,
)


# "Russia, which voted against": the member the relative clause is of
_RELATIVE = re.compile(r"\s*,\s*(?:which|who)\s+(?:also\s+)?", re.I)
_GOVERNED = re.compile(
    r"\b(?:of|to|for|with|from|against|on|by|in|unlike|like)\s+(?:the\s+)?$", re.I
)


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
    # "Russia, a close ally of Syria, abstained": the apposition is passed over, unless
    # it names the members ("Two members, the United States and Britain, voted no")
    apposition = _APPOSITION.search(masked, floor, cue_start)
    if apposition and any(
        not m.adjectival and not _GOVERNED.search(masked, apposition.start(), m.start)
        for m in within(mentions, apposition.start(), cue_start)
    ):
        apposition = None
    limit = apposition.start() if apposition else cue_start
    candidates = [
        m for m in within(mentions, floor, limit) if m.end <= limit and id(m) not in consumed
    ]
    group: list[Mention] = []
    for m in reversed(candidates):
        gap = masked[m.end : limit]
        if not group:
            if m.adjectival:
                if m.capital or _GAP_BLOCK.search(gap):
                    break
                continue
            words = re.findall(r"[A-Za-z']+", gap)
            if (len(words) > 12 or _GAP_BLOCK.search(gap)) and not _RELATIVE.fullmatch(gap):
                break
        elif not LIST_GAP.fullmatch(gap):
            break
        if m.adjectival:
            break
        preposition = re.search(
            r"\b(?:to|of|for|from|against|on|about|at|in|into|by|over|than|with|between|"
            r"toward|towards|behind|despite|under|unlike|like)\s+(?:the\s+)?$",
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
    masked: str,
    mentions: list[Mention],
    consumed: set[int],
    cue_end: int,
    ceiling: int,
    next_phrase: bool = False,
) -> list[Mention]:
    """Members joined to a phrase after it: "abstained, along with Ethiopia and
    Kazakhstan", "backed the measure, including France", "abstained (France, ...)";
    not members that are the subject of the next phrase, at `ceiling` ("three voted
    no: Brazil and Turkey voted against")."""
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
    joined = [
        x for x in after_members if m.end() <= x.start and x.end <= end and id(x) not in consumed
    ]
    dashed = opener in {"--", "–", "—"}
    if dashed and joined and not LIST_GAP.fullmatch(masked[m.end() : joined[0].start]):
        return []  # "— from Russia and China": what follows is said of something else
    if (
        next_phrase
        and joined
        and end == ceiling
        and LIST_GAP.fullmatch(masked[joined[-1].end : end])
    ):
        return []
    return joined


def read_positions(passage: Passage) -> None:
    """Each phrase of the sentence with the members it governs: "Bolivia voted
    against", "vetoed by Russia and China", "the US's abstention"."""
    masked = passage.masked
    read_possessives(passage)
    read_verbless_rest(passage)
    if not CUE_WORDS.search(masked):
        return
    ends = {m.end for m in passage.mentions}
    cues = [
        c
        for c in find_cues(masked)
        if not not_a_cue(masked, c)
        # "with Russia against": a word alone is a phrase only right after a member
        and (not c.bare or len(masked[: c.start].rstrip()) in ends)
    ]
    for i, cue in enumerate(cues):
        floor = max(cues[i - 1].end if i else 0, passage.clause_start(cue.start))
        ceiling = min(
            cues[i + 1].start if i + 1 < len(cues) else len(masked), passage.clause_end(cue.end)
        )
        if not hedged(masked, cue, floor):
            following = i + 1 < len(cues) and cues[i + 1].start == ceiling
            read_cue(passage, cue, floor, ceiling, following and cues[i + 1].kind != OBJECT)


def read_verbless_rest(passage: Passage) -> None:
    """ "... with Russia abstaining and the rest in favour": the members not named."""
    masked = passage.masked
    for m in _REST_VERBLESS.finditer(masked):
        if time_mismatch(passage.clause(m.start(), m.end()), passage.reading.result):
            continue
        number = _NUMBER.search(m[0], 0, m.start(1) - m.start())
        value = to_number(number[1]) if number and number[1].lower() != "no" else None
        passage.reading.rests.append(RestClaim(position_of(m[1]), value, passage.sentence))


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


# "the Soviet delegate cast his veto", "the US ambassador, Jane Doe, voted against": the
# member's representative as the subject of a vote
_ROLE_END_WORD = r"(?:delegates?|delegations?|representatives?|ambassadors?|envoys?)"
_ROLE_END = re.compile(
    rf"\b{_ROLE_END_WORD}"
    r"(?:,?\s+(?:[A-Z][\w.'-]*\s+){0,3}[A-Z][\w.'-]*,?)?\s+(?:\w+ly\s+)?$"
)
_ROLE_TITLE = r"(?:'s)?\s+(?:(?:UN|U\.N\.|permanent|chief|deputy)\s+)*"
_DEMONYM = re.compile(
    r"(?:^|\b[Tt]he\s+)("
    + "|".join(sorted({re.escape(a) for a in sum(ADJECTIVES.values(), ()) if a.isalpha()}))
    + rf"){_ROLE_TITLE}$"
)


def representative_before(passage: Passage, floor: int, cue_start: int) -> list[Mention]:
    """The member whose representative is the subject of the phrase, if any."""
    masked = passage.masked
    role = _ROLE_END.search(masked, floor, cue_start)
    if role is None:
        return []
    for x in reversed(within(passage.mentions, floor, role.start())):
        titled = re.fullmatch(_ROLE_TITLE, masked[x.end : role.start()])
        opens = re.search(r"(?:^|\bthe\s+|[,;:(]\s*)$", masked[floor : x.start])
        if titled and opens and id(x) not in passage.consumed:
            return [replace(x, adjectival=False)]
        break
    demonym = _DEMONYM.search(masked, floor, role.start())
    if demonym is None:
        return []
    codes = tuple(c for c, words in ADJECTIVES.items() if demonym[1] in words)
    return [Mention(demonym.start(1), demonym.end(1), codes)]


# "The representative of China abstained", "The delegation of China in the voting did not
# participate": the member of the representative the phrase's subject is
_OF_MEMBER_BEFORE = re.compile(rf"(?:^|[.;:]\s*|\b[Tt]he\s+){_ROLE_END_WORD}\s+of\s+(?:the\s+)?$")
_AFTER_MEMBER = re.compile(
    # ", Liu Jieyi,", ", who"
    r"(?:,\s+(?:[A-Z][\w.'-]*\s+){0,3}[A-Z][\w.'-]*,|\s*,\s*(?:who|which)(?:\s+also)?)?"
    r"(?:\s+(?:in|at|during)\s+the\s+(?:vote|voting|meeting))?\s*(?:\w+ly\s+)?$"
)


def representative_of_before(passage: Passage, floor: int, cue_start: int) -> list[Mention]:
    """The member named in "the representative of X" right before the phrase."""
    masked = passage.masked
    named = within(passage.mentions, floor, cue_start)
    if not named:
        return []
    member = named[-1]
    if id(member) in passage.consumed or not _AFTER_MEMBER.fullmatch(
        masked[member.end : cue_start]
    ):
        return []
    if not _OF_MEMBER_BEFORE.search(masked[max(floor, member.start - 40) : member.start]):
        return []
    return [replace(member, adjectival=False, possessive=False)]


# "the representative of China said his delegation had voted against": an
# explanation of vote, the speaker's own member
_OWN_SIDE = re.compile(
    r"\b(?:said|says|explained|stated|noted|added|stressed)\s+(?:that\s+)?(?:his|her|its|their)\s+"
    r"(?:delegation|country|government|nation)\s+(?:had\s+|has\s+)?(?:\w+ly\s+)?$",
    re.I,
)
_ROLE = r"(?:representatives?|delegates?|ambassadors?|envoys?|spokesm[ae]n|spokeswoman)"
_ROLE_OF = re.compile(rf"\b{_ROLE}\s+of\s+(?:the\s+)?$", re.I)
_ROLE_AFTER = re.compile(rf"^'s\s+(?:(?:UN|U\.N\.|permanent|chief|deputy)\s+)*{_ROLE}\b", re.I)


def speaker_before(passage: Passage, floor: int, cue_start: int) -> list[Mention]:
    """The member whose representative says "his delegation" voted so: the last
    member named before "said", as "the representative of China" or "China's
    ambassador", and no other member between."""
    masked = passage.masked
    own = _OWN_SIDE.search(masked, floor, cue_start)
    if own is None or own.end() != cue_start:
        return []
    named = within(passage.mentions, floor, own.start())
    if not named:
        return []
    speaker = named[-1]
    of = _ROLE_OF.search(masked, max(floor, speaker.start - 30), speaker.start)
    role_after = _ROLE_AFTER.match(masked[speaker.end : own.start()])
    if (of and of.end() == speaker.start) or role_after:
        return [replace(speaker, adjectival=False, possessive=False)]
    return []


_PLURAL = re.compile(
    r"\b(?:were|are|countries|members|nations|states|abstentions|abstainers|dissenters|"
    r"holdouts)\b",
    re.I,
)
# "all members but China and Russia", "everyone except the United States"
_EXCEPTED = re.compile(
    r"\b(?:all|every|everyone|everybody|each|the\s+rest|the\s+others)\b[^;.]{0,50}?"
    r"\b(?:but|except(?:\s+for)?|save(?:\s+for)?|other\s+than|apart\s+from|besides|excluding)"
    r"\s+(?:the\s+)?$",
    re.I,
)


# "Had Russia voted against, the draft would have failed": a condition, inverted
_COUNTERFACTUAL = re.compile(r"(?:^|[,;:(]\s*|\b(?:and|but|or)\s+)(?:[Hh]ad|[Ss]hould)\s+$")
_ONLY = re.compile(r"(?<!\bnot\s)\bonly\s+(?:the\s+)?$", re.I)
_WOULD = re.compile(r"\b(?:would|could|might)\b", re.I)


def read_cue(
    passage: Passage, cue: Cue, floor: int, ceiling: int, next_phrase: bool = False
) -> None:
    """One phrase between `floor` and `ceiling` (where `next_phrase` starts, if it
    does): the members it governs, and the count or the "others" its subject states
    ("ten members voted for")."""
    masked, mentions, consumed = passage.masked, passage.mentions, passage.consumed
    if cue.kind == OBJECT:
        group = group_after(masked, mentions, consumed, cue.end, ceiling)
        window = masked[cue.start : ceiling]
    else:
        comma = masked.find(",", cue.end)
        window_end = ceiling if comma == -1 else min(ceiling, comma)
        # "with China abstaining", "with Bolivia joining Russia in opposition"
        # "with Egypt not participating": a gerund too
        gerund = cue.bare or bool(
            re.match(r"(?:not\s+)?(?:\w+ing|in)\b", masked[cue.start : cue.end], re.I)
        )
        group = group_before(masked, mentions, consumed, floor, cue.start, gerund)
        if cue.bare and not bare_position(masked, group, floor, cue.start):
            return
        group = (
            group
            or representative_before(passage, floor, cue.start)
            or representative_of_before(passage, floor, cue.start)
            or speaker_before(passage, floor, cue.start)
        )
        window = masked[min([floor, *(m.start for m in group)]) : window_end]
        first = min((m.start for m in group), default=cue.start)
        if re.search(r"\b(?:neither|not\s+even|not)\s+(?:the\s+)?$", masked[floor:first], re.I):
            return  # "Neither China nor Kazakhstan voted against": a denial
        if group and _EXCEPTED.search(masked, max(0, first - 80), first):
            # "All members but China and Russia voted in favour": not theirs, but the
            # others' (the two named in another position elsewhere)
            if not cue.veto and not time_mismatch(window, passage.reading.result):
                rest = RestClaim(cue.position, None, passage.sentence, excepted=len(group))
                passage.reading.rests.append(rest)
            return
        if _COUNTERFACTUAL.search(masked, floor, first) and _WOULD.search(masked, cue.end):
            return  # "Had Russia voted against, the draft would have failed": a condition
        if group and not cue.veto and _ONLY.search(masked, max(floor, first - 20), first):
            # "with only China and Russia abstaining": those named are all there were
            passage.count(cue.position, len(group))
    if time_mismatch(window, passage.reading.result):
        return
    if cue.kind != OBJECT:
        # "abstained, along with Ethiopia", "ten voted for, including Japan": members
        # joined to those the phrase governs, or to the count that is its subject
        if group or _COUNT_SUBJECT.search(masked[floor : cue.start]):
            group += extension_after(masked, mentions, consumed, cue.end, ceiling, next_phrase)
        elif joined := _JOINED.match(masked, cue.end):
            # "... by abstaining, along with Bulgaria and Mali": whoever the subject,
            # the members joined to the phrase took it too
            group += group_after(masked, mentions, consumed, joined.end(), ceiling)
        read_subject(passage, cue, floor)
    if cue.only:
        # "was the only member to abstain": one; "were the only members to abstain": those named
        plural = _PLURAL.search(masked, cue.start, cue.end)
        if group or not plural:
            passage.count(cue.position, len(group) or 1)
    for mention in group:
        passage.claim(mention, cue.position, cue.veto, cue.implied)


_BARE_LEAD = re.compile(r"\bwith\s+(?:the\s+)?$|\bjoin(?:ed|s|ing)\s+(?:the\s+)?$", re.I)


def bare_position(masked: str, group: list[Mention], floor: int, cue_start: int) -> bool:
    """ "with Russia against", "Bolivia joining Russia against": the word alone is the
    position of the members right before it, after "with" or "joining"."""
    if not group:
        return False
    first, last = min(m.start for m in group), max(m.end for m in group)
    if masked[last:cue_start].strip():
        return False
    joined = re.search(r"\bjoin(?:ed|s|ing)\b", masked[first:last], re.I)
    return bool(joined or _BARE_LEAD.search(masked[max(floor, first - 12) : first]))


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
        # "all but three members voted for it" ("but" ends a clause: look before it)
        and not EXCEPTED_NUMBER.search(
            masked[max(0, floor + subject.start(1) - 40) : floor + subject.start(1)]
        )
    ):
        passage.count("veto" if cue.veto else cue.position, to_number(subject[1]))
    elif (
        subject
        and not cue.veto
        and to_number(subject[1])
        and EXCEPTED_NUMBER.search(
            masked[max(0, floor + subject.start(1) - 40) : floor + subject.start(1)]
        )
    ):
        excepted = to_number(subject[1])
        passage.reading.rests.append(RestClaim(cue.position, None, passage.sentence, excepted))
    rest = _REST.search(segment)
    if rest:
        number = re.match(rf"({NUM})\s+others", rest.group(0), re.I)
        value = to_number(number[1]) if number else (to_number(subject[1]) if subject else None)
        passage.reading.rests.append(RestClaim(cue.position, value, passage.sentence))
