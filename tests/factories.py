"""Plain factory helpers for tests that need records of their own (beside the
bundled data, which the test database always holds)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from resolutions import rules
from resolutions.models import CouncilTerm, MemberState, Resolution, Source, Topic, Vote
from resolutions.rules import Outcome, Position

FAR_PAST = dt.date(1946, 1, 1)


def member(
    code: str, name: str | None = None, *, permanent: bool = False, start: dt.date = FAR_PAST
) -> MemberState:
    """A member state with one open-ended term from `start` (reused if it exists)."""
    state, _ = MemberState.objects.get_or_create(
        code=code, defaults={"name": name or f"Republic of {code}", "short_name": name or code}
    )
    CouncilTerm.objects.get_or_create(
        member=state, start=start, defaults={"end": None, "permanent": permanent}
    )
    return state


def council(prefix: str = "Q", permanent: int = 5, elected: int = 10) -> list[MemberState]:
    """A made-up Council: `permanent` then `elected` members, codes Q + two letters."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    members = []
    for index in range(permanent + elected):
        code = f"{prefix}{letters[index // 26]}{letters[index % 26]}"
        members.append(member(code, f"Test State {code}", permanent=index < permanent))
    return members


def resolution(
    *,
    on: dt.date,
    positions: Mapping[str, Sequence[MemberState | str]],
    draft_symbol: str = "",
    resolution_number: int | None = None,
    title: str = "A test draft",
    procedural: bool = False,
    **fields,
) -> Resolution:
    """A vote with its members' positions; tally and outcome from the rules unless given."""
    votes = [
        (m if isinstance(m, str) else m.code, position)
        for position, members in positions.items()
        for m in members
    ]
    tally = rules.tally_of(position for _, position in votes)
    vetoes = [code for code, position in votes if position == Position.VETO]
    outcome = (
        fields.pop("outcome", None)
        or rules.decide(tally=tally, permanent_against=vetoes, on=on, procedural=procedural).outcome
    )
    record = Resolution.objects.create(
        date=on,
        draft_symbol=draft_symbol,
        resolution_number=resolution_number if outcome == Outcome.ADOPTED else None,
        title=title,
        procedural=procedural,
        votes_for=tally.yes,
        votes_against=tally.against,
        votes_abstain=tally.abstain,
        outcome=outcome,
        **fields,
    )
    Vote.objects.bulk_create(
        Vote(resolution=record, member_id=code, position=position) for code, position in votes
    )
    return record


def many_votes(
    count: int,
    members: Sequence[MemberState],
    start_year: int = 2091,
    topic: str = "",
    day: dt.date | None = None,
) -> None:
    """`count` votes, every member voting on each, some vetoed (bulk: quick even for
    hundreds). Dates and symbols are made up so as not to meet the bundled ones.
    `topic`: the name of a topic every one of them is about; `day`: every one of
    them taken that day, none with a symbol (as the early vetoes at one meeting)."""
    permanent = members[:5]
    records = []
    for number in range(count):
        on = day or dt.date(start_year + number // 100, 1 + number % 12, 1 + number % 28)
        vetoed = number % 7 == 0
        records.append(
            Resolution(
                slug=f"s-{on.year}-{number + 1}",
                draft_symbol="" if day else f"S/{on.year}/{number + 1}",
                title=f"Made-up draft {number + 1}",
                date=on,
                votes_for=14 if not vetoed else 13,
                votes_against=0 if not vetoed else 1,
                votes_abstain=1,
                outcome=Outcome.VETOED if vetoed else Outcome.ADOPTED,
            )
        )
    created = Resolution.objects.bulk_create(records)
    votes = []
    for number, record in enumerate(created):
        for index, state in enumerate(members):
            if number % 7 == 0 and state == permanent[number % 5]:
                position = Position.VETO
            elif index == len(members) - 1:
                position = Position.ABSTAIN
            else:
                position = Position.FOR
            votes.append(Vote(resolution=record, member=state, position=position))
    Vote.objects.bulk_create(votes)
    Source.objects.bulk_create(
        Source(resolution=record, kind=Source.Kind.MEETING_RECORD, title="S/PV.1")
        for record in created
    )
    if topic:
        topic_id = Topic.ids_for({(Topic.Kind.TOPIC, topic)})[(Topic.Kind.TOPIC, topic)]
        Resolution.topics.through.objects.bulk_create(
            Resolution.topics.through(resolution_id=record.pk, topic_id=topic_id)
            for record in created
        )
