"""The member states' list (/members/, /members.csv, the API's members): each
member that has sat on the Council with its counts and shares, and its terms;
and one member's figures, as its page and the API's member show them
(member_figures)."""

from __future__ import annotations

import datetime as dt
import operator
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Exists, F, FloatField, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, NullIf

from . import agreement, kept, stats
from .kept import MemberYear
from .models import CouncilTerm, MemberState, MemberTally, Resolution, Vote
from .rules import Outcome, Position
from .stats import TermSpan, merge_terms


def members_queryset() -> QuerySet[MemberState]:
    """Member states that have sat on the Council, with their vote counts and
    shares (of votes cast: for, against including vetoes, abstain).

    Votes cast (`cast`) and the shares count only records whose individual votes
    are all on record (Resolution.votes_recorded): of a tally-only record only the
    vetoes are stored, so counting it would make every such member look like it
    mostly voted against. The shares are None for a member with no such vote. The
    counts per position (`votes_veto` included) are over every record, as every
    page counts them. Their terms: council_terms()."""

    # Each member's counts as the database keeps them (MemberTally, kept by
    # triggers: resolutions/tallies.py), not counted over every vote here.
    def share_of(expression) -> Cast:
        return Cast(expression, FloatField()) / NullIf(F("cast"), Value(0))

    stored = [field.name for field in MemberTally._meta.fields if field.name != "member"]
    return (
        MemberState.objects.sat_on_council()
        .annotate(**{name: F(f"tally__{name}") for name in stored})
        .annotate(
            cast=F("recorded_for") + F("recorded_against") + F("recorded_abstain"),
        )
        .annotate(
            share_for=share_of(F("recorded_for")),
            share_against=share_of(F("recorded_against")),
            share_abstain=share_of(F("recorded_abstain")),
        )
    )


def council_terms(member: MemberState | None = None) -> dict[str, list[TermSpan]]:
    """Every member's seats on the Council (or one member's), consecutive terms
    joined (stats.merge_terms), by member code: one query of plain rows
    (prefetching them made a model instance of each term and a queryset for
    each member)."""
    terms = defaultdict(list)
    rows = CouncilTerm.objects.order_by()
    if member is not None:
        rows = rows.filter(member=member)
    for code, *term in rows.values_list("member_id", "start", "end", "permanent"):
        terms[code].append(term)
    return {code: merge_terms(own) for code, own in terms.items()}


# The longest lists of a member's page show this many, latest first (the voting
# record below holds every vote, filtered by position).
LISTED = 50


@dataclass
class MemberFigures:
    """A member's figures as its page shows them (and the API serves them)."""

    per_year: dict[int, dict[str, int]]  # year -> counted position -> votes
    flagged: dict[int, int]  # year -> votes in records flagged for review
    totals: dict[str, int]  # counted position -> votes, every year
    # year -> tally-only votes taken while it sat, its position not on record
    not_recorded: dict[int, int]
    vetoes: list[Resolution]  # drafts it vetoed (vetoes cast), by date
    contradicted_vetoes: list[Resolution]  # "vetoes" on drafts recorded otherwise
    contradicted: int = 0  # how many of those in all (a list may be cut at `listed`)
    # How often it voted with the Council's majority, and its votes alone, latest
    # first (with_majority=True only).
    isolation: agreement.Isolation | None = None
    alone: list[Resolution] = field(default_factory=list)


def latest_days(days: Iterable[tuple[dt.date, int]], listed: int | None) -> list[dt.date]:
    """The latest days that hold `listed` votes (all of them for None), from
    (day, how many votes) in any order, a day perhaps more than once."""
    summed: dict[dt.date, int] = {}
    for on, votes in days:
        summed[on] = summed.get(on, 0) + votes
    chosen, seen = [], 0
    for on in sorted(summed, reverse=True):
        if listed is not None and seen >= listed:
            break
        chosen.append(on)
        seen += summed[on]
    return chosen


def member_figures(
    member: MemberState,
    listed: int | None = None,
    *,
    with_majority: bool = False,
    terms: Iterable[TermSpan] | None = None,
) -> MemberFigures:
    """Positions per year, flagged votes and vetoes of a member, each list of
    vetoes cut to its latest `listed` when given, by date; `with_majority`: how
    often it voted with the majority, and its votes alone (the latest `listed`).
    `terms`: its terms on the Council (stats.TermSpan, merged or not) as the
    caller read them; read here when not given (one more query).
    Five queries, four of them over the figures the database keeps (kept.py: as
    many rows whatever the record's size), then the records listed, read on the
    days those figures say hold them (not along every record by date, nor every
    veto of the member joined and sorted: 9,100 of them at a hundred times the
    record)."""
    code = member.code
    # Positions as every page counts them (a "veto" on a draft not recorded as
    # vetoed counts as a vote against: VoteQuerySet.counted_as), per year as the
    # database keeps them (kept.MemberYear).
    per_year_rows = list(
        MemberYear.objects.filter(member=member, votes__gt=0).values_list(
            "year", "position", "flagged", "votes"
        )
    )
    per_year = stats.positions_per_year((year, p, count) for year, p, _, count in per_year_rows)
    # How many of each year's votes sit in records flagged for review.
    flagged = stats.count_per_year(
        (year, count) for year, _, is_flagged, count in per_year_rows if is_flagged
    )
    totals = {
        position: sum(year[position] for year in per_year.values())
        for position in stats.POSITION_ORDER
    }
    if terms is None:
        terms = council_terms(member).get(code, [])
    tally_only = kept.tally_only_of(member, terms)
    # The sets of positions of the recorded votes it took part in (those where it
    # vetoed, for the vetoes alone).
    ballots = kept.member_ballots(code, "" if with_majority else Position.VETO)
    veto_texts = [text for text, positions, _ in ballots if positions[code] == Position.VETO]
    isolation, alone_texts = None, []
    if with_majority:
        isolation = agreement.Isolation(code)
        for text, positions, times in ballots:
            own = agreement.side(positions[code])
            if isolation.add(own, kept.sides(text), times):
                alone_texts.append(text)
                isolation.alone.append(agreement.Ballot(0, dt.date.min, positions, times=times))
    days = kept.ballot_days([*veto_texts, *alone_texts])
    # The days of its vetoes, at recorded and tally-only votes: every record where
    # it is recorded as vetoing, those cast (a veto on a draft recorded as vetoed:
    # VoteQuerySet.counted_as, as many as its figures count) and the "vetoes" on
    # drafts recorded as adopted or failed (flagged), the rest.
    veto_days = [day for text in veto_texts for day in days[text]] + tally_only.vetoes
    contradicted = sum(votes for _, votes in veto_days) - totals[Position.VETO]
    # Where some are contradicted, every day of them is read (each kind's latest
    # `listed` is not known from the days).
    vetoes_read = latest_days(veto_days, listed if not contradicted else None)
    alone_read = latest_days((day for text in alone_texts for day in days[text]), listed)
    cast, other, alone = records_listed(member, vetoes_read, alone_read, alone_texts)
    return MemberFigures(
        per_year=per_year,
        flagged=flagged,
        totals=totals,
        not_recorded=tally_only.not_recorded,
        vetoes=cast[:listed][::-1],
        contradicted_vetoes=other[:listed][::-1],
        contradicted=contradicted,
        isolation=isolation,
        alone=alone[:listed],
    )


# What a list of a member's page (tables.record_items) and the API's member show
# of each record listed.
LISTED_FIELDS = (
    "slug",
    "date",
    "resolution_number",
    "draft_symbol",
    "title",
    "outcome",
    "review_status",
    "votes_recorded",
)


def records_listed(
    member: MemberState, vetoes_on: list[dt.date], alone_on: list[dt.date], alone: list[str]
) -> tuple[list[Resolution], list[Resolution], list[Resolution]]:
    """The records of the days `vetoes_on` where `member` is recorded as vetoing,
    those cast (on drafts recorded as vetoed) and the others; and the recorded
    votes of the days `alone_on` whose kept ballot is one of `alone`. Each list
    latest first (one query; none when there are no days)."""
    wanted = []
    if vetoes_on:
        wanted.append(Q(date__in=vetoes_on, vetoed=True))
    if alone_on:
        wanted.append(Q(date__in=alone_on, votes_recorded=True, kept_ballot__in=alone))
    cast, other, lone = [], [], []
    if not wanted:
        return cast, other, lone
    vetoed = Vote.objects.filter(resolution=OuterRef("pk"), member=member, position=Position.VETO)
    records = (
        Resolution.objects.annotate(vetoed=Exists(vetoed), kept_ballot=F("ballot__ballot"))
        .filter(reduce(operator.or_, wanted))
        .only(*LISTED_FIELDS)
        .order_by("-date", "-pk")
    )
    veto_days, days, texts = set(vetoes_on), set(alone_on), set(alone)
    for record in records:
        if record.vetoed and record.date in veto_days:
            (cast if record.outcome == Outcome.VETOED else other).append(record)
        if record.votes_recorded and record.date in days and record.kept_ballot in texts:
            lone.append(record)
    return cast, other, lone
