"""Figures the database keeps as data, changed by triggers with every write
(migrations 0011, 0012, 0017 and 0018, the decrements of the first two made plain
UPDATEs by 0016, the SQL frozen there; tests/test_kept.py checks each against the
same figure taken over every vote, after each kind of write):

- MemberYear: a member's votes per year as its page counts them (the counted
  position, VoteQuerySet.counted_as; whether the record needs review), for the
  member page's figures and the home page's vetoes per year;
- DayTallyOnly: the same of tally-only votes (the positions stored, often none),
  for the votes a member sat through without its position on record, and the
  days of its vetoes at such votes;
- TopicDay: a topic's votes of each day by outcome (migration 0017), for the
  topic pages' counts, years and votes per year;
- TopicVetoes: the vetoes cast on a topic's drafts by each member (migration
  0018), for a topic page's vetoes cast;
- DayBallot: the Council's ballots of each day, those of one day with the same
  positions as one row (`times` of them): each record's positions are kept in
  one text (RecordBallot, "CHN=for;FRA=abstain;..."), and the days' rows count
  them, for recorded votes only (Resolution.votes_recorded), as every figure of
  votes read together reads them (together.ballots). A copy of a vote on the same
  day adds no row: the pages that read them (/agreement/, /alignment/, the
  majority on a member's page) read as many rows whatever the record's size;
- RecordText: a record's texts and its topics' names in one text (migration
  0024), and its day (0027), for the search (search.phrase_match) and the
  days of the votes a search finds (search.Found.texts);
- DayRecords: the records of each day by outcome, whether adopted without a vote,
  whether they need review, and whether their positions hold a veto or a vote
  against (migration 0022), for the home page's totals and drafts vetoed per
  year, and the list's count of its whole record or of an outcome, a year, dates,
  a review status, or a position of veto or against.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.db import models
from django.db.models import CharField, Max, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear

from .agreement import Ballot, sides_of
from .rules import Outcome
from .stats import TermSpan


class MemberYear(models.Model):
    """How many of a member's votes of a year count as `position`, in records that
    need review (`flagged`) or not. Never written by the app itself."""

    member = models.ForeignKey(
        "resolutions.MemberState", on_delete=models.CASCADE, related_name="years"
    )
    year = models.SmallIntegerField()
    position = models.CharField(max_length=10)
    flagged = models.BooleanField()
    votes = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year", "position", "flagged"], name="one_member_year_row"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.year} {self.position}: {self.votes}"


class RecordBallot(models.Model):
    """A record's positions in one text, by member code ("CHN=for;FRA=abstain").
    Never written by the app itself."""

    resolution = models.OneToOneField(
        "resolutions.Resolution", primary_key=True, on_delete=models.CASCADE, related_name="ballot"
    )
    ballot = models.TextField(default="")

    class Meta:
        # The records of a set of positions (a member's votes alone, on its page).
        indexes = [models.Index(fields=["ballot"], name="record_ballot")]

    def __str__(self) -> str:
        return f"{self.resolution_id}: {self.ballot}"


class DayBallot(models.Model):
    """How many recorded votes of a day had exactly these positions. Never
    written by the app itself."""

    date = models.DateField()
    ballot = models.TextField()
    times = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["date", "ballot"], name="one_day_ballot_row"),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.times} x {self.ballot}"


class DayTallyOnly(models.Model):
    """How many tally-only votes of a day (Resolution.votes_recorded off, not
    adopted without a vote) had these positions stored (often none: ""), for the
    votes a member's page says it sat through without its position on record
    and the days of its vetoes there. Never written by the app itself (migration
    0012)."""

    date = models.DateField()
    ballot = models.TextField()
    times = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["date", "ballot"], name="one_day_tally_only_row"),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.times} x {self.ballot or 'no position'}"


class TopicDay(models.Model):
    """How many of a topic's votes of a day had `outcome`; no row for none. Never
    written by the app itself (migration 0017)."""

    topic = models.ForeignKey("resolutions.Topic", on_delete=models.CASCADE, related_name="days")
    date = models.DateField()
    outcome = models.CharField(max_length=10)
    votes = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "date", "outcome"], name="one_topic_day_row"),
        ]

    def __str__(self) -> str:
        return f"{self.topic_id} {self.date} {self.outcome}: {self.votes}"


class TopicVetoes(models.Model):
    """How many vetoes `member` cast on drafts about `topic` (vetoes cast, as every
    page counts them: VoteQuerySet.counted_as); no row for none. Never written by
    the app itself (migration 0018)."""

    topic = models.ForeignKey(
        "resolutions.Topic", on_delete=models.CASCADE, related_name="vetoes_cast"
    )
    member = models.ForeignKey(
        "resolutions.MemberState", on_delete=models.CASCADE, related_name="topic_vetoes"
    )
    vetoes = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "member"], name="one_topic_member_row"),
        ]

    def __str__(self) -> str:
        return f"{self.topic_id} {self.member_id}: {self.vetoes}"


class DayRecords(models.Model):
    """How many records of a day had `outcome`, were adopted without a vote or not,
    needed review (`flagged`) or not, and held a veto (`veto`) or a vote against
    (`against`) among their positions as stored (RecordBallot); no row for none.
    Never written by the app itself (migration 0022)."""

    date = models.DateField()
    outcome = models.CharField(max_length=10)
    without_vote = models.BooleanField()
    flagged = models.BooleanField()
    veto = models.BooleanField()
    against = models.BooleanField()
    records = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["date", "outcome", "without_vote", "flagged", "veto", "against"],
                name="one_day_records_row",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.outcome}: {self.records}"


class RecordText(models.Model):
    """A record's texts the search reads (its title, subject, agenda item, draft
    symbol, note on the draft and meeting, then its topics' names), one a line,
    in capitals as the database writes them (UPPER): one text and, on
    PostgreSQL, one trigram index for every word looked for (migration 0024);
    and the record's day (0027): the votes a search finds counted per day from
    the texts it reads, without their records. Never written by the app itself."""

    resolution = models.OneToOneField(
        "resolutions.Resolution",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_text",
    )
    text = models.TextField(default="")
    date = models.DateField()

    def __str__(self) -> str:
        return f"{self.resolution_id}: {self.text[:60]}"


def record_totals() -> dict:
    """The whole record's votes, by outcome, adopted without a vote and needing
    review, and its first and latest day (DayRecords: one query over as many rows
    whatever the record's size)."""

    def records(condition: Q | None = None) -> Coalesce:
        return Coalesce(Sum("records", filter=condition), 0)

    return DayRecords.objects.filter(records__gt=0).aggregate(
        votes=records(),
        adopted=records(Q(outcome=Outcome.ADOPTED)),
        failed=records(Q(outcome=Outcome.FAILED)),
        vetoed=records(Q(outcome=Outcome.VETOED)),
        # What the figures include, said beside them (same query).
        without_vote=records(Q(without_vote=True)),
        needs_review=records(Q(flagged=True)),
        first=Min("date"),
        last=Max("date"),
    )


def vetoed_drafts_per_year() -> QuerySet:
    """Each year's drafts vetoed, each once however many members vetoed it (a
    veto cast on a draft recorded as vetoed, VoteQuerySet.counted_as), as rows
    of `year`, `drafts`, and a `code` and `name` left blank (to be joined with a
    member's rows in a UNION)."""
    return (
        DayRecords.objects.filter(outcome=Outcome.VETOED, veto=True, records__gt=0)
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(
            code=Value("", output_field=CharField()),
            name=Value("", output_field=CharField()),
            drafts=Sum("records"),
        )
        .order_by()
    )


# The sets of positions recur (the full record's 29,000 members' votes hold 312):
# each text is read once per process, the latest 4,096 kept (some 6 MB).
@lru_cache(maxsize=4096)
def positions(ballot: str) -> dict[str, str]:
    """A kept ballot's positions: "CHN=for;FRA=abstain" -> {"CHN": "for", ...}.
    The dict is shared by every reading of the text: read it, never change it."""
    parts = ballot.replace(";", "=").split("=") if ballot else []
    return dict(zip(parts[::2], parts[1::2], strict=True))


@lru_cache(maxsize=4096)
def sides(ballot: str) -> Counter[str]:
    """How many members of a kept ballot took each side (agreement.sides_of its
    positions), read once per process as `positions`: never change it."""
    return sides_of(positions(ballot).values())


def member_ballots(code: str, position: str = "") -> list[tuple[str, dict[str, str], int]]:
    """Each set of positions of the recorded votes where the member `code` took
    part (with `position`, took that position), whatever the day: its kept text,
    its positions, and how many votes (one query, as many rows whatever the
    record's size). A code is three capitals and no position's name begins
    another's: "CHN=veto" in a kept text is the member's own position."""
    rows = (
        DayBallot.objects.filter(times__gt=0, ballot__contains=f"{code}={position}")
        .values("ballot")
        .annotate(votes=Sum("times"))
        .values_list("ballot", "votes")
        .order_by()
    )
    return [(text, positions(text), votes) for text, votes in rows]


def ballot_days(texts: Iterable[str]) -> dict[str, list[tuple[dt.date, int]]]:
    """The days of the recorded votes of each of these kept texts, as (day, how
    many), in date order (one query)."""
    days: dict[str, list[tuple[dt.date, int]]] = {text: [] for text in texts}
    if days:
        rows = DayBallot.objects.filter(times__gt=0, ballot__in=list(days))
        for on, text, times in rows.order_by("date").values_list("date", "ballot", "times"):
            days[text].append((on, times))
    return days


def ballot_text(positions: Mapping[str, str]) -> str:
    """A ballot kept as text from its positions, by member code (the inverse of
    `positions`)."""
    return ";".join(f"{code}={positions[code]}" for code in sorted(positions))


def day_ballots(
    start: dt.date | None = None, end: dt.date | None = None, members: Sequence[str] = ()
) -> list[Ballot]:
    """The recorded votes between two days (either open), as Ballots each standing
    for `times` votes of its day, in date order (one query); with `members`, only
    those where each of them has a position."""
    rows = DayBallot.objects.filter(times__gt=0)
    for code in members:
        rows = rows.filter(ballot__contains=f"{code}=")
    if start:
        rows = rows.filter(date__gte=start)
    if end:
        rows = rows.filter(date__lte=end)
    # A set of positions recurs from day to day (295 of 1,640 days' rows differ
    # for two permanent members): each is read once, and shared.
    read: dict[str, dict[str, str]] = {}
    found = []
    for on, ballot, times in rows.order_by("date", "ballot").values_list("date", "ballot", "times"):
        held = read.get(ballot)
        if held is None:
            held = read[ballot] = positions(ballot)
        if all(code in held for code in members):
            found.append(Ballot(key=0, on=on, positions=held, times=times))
    return found


def year_ballots() -> list[Ballot]:
    """Every recorded vote as Ballots, those of a year with the same positions
    read as one standing for `times` votes (dated the year's 1 January), in year
    order (one query; each set of positions read once a year: a few hundred,
    where the days' rows are 1,700 on the full record)."""
    rows = DayBallot.objects.filter(times__gt=0).values_list("date", "ballot", "times")
    summed: dict[tuple[int, str], int] = {}
    for on, ballot, times in rows:
        key = (on.year, ballot)
        summed[key] = summed.get(key, 0) + times
    return [
        Ballot(key=0, on=dt.date(year, 1, 1), positions=positions(ballot), times=times)
        for (year, ballot), times in sorted(summed.items())
    ]


@dataclass
class TallyOnly:
    """A member's tally-only votes as its page counts them."""

    # year -> the votes taken while it sat whose record holds no position of it
    not_recorded: dict[int, int]
    # the days of its vetoes among them (the positions stored): (day, how many)
    vetoes: list[tuple[dt.date, int]]


def tally_only_of(member, terms: Iterable[TermSpan]) -> TallyOnly:
    """The tally-only votes taken while `member` sat (each day of one of its
    `terms`, members.council_terms' spans) whose record holds no position
    of it (Resolution.objects.tally_only_while_seated), by year, and the days of
    its vetoes at tally-only votes, counted from the days' rows (one query, as
    many rows whatever the record's size; its days on the Council as ranges of
    dates, not a subquery of its terms for each row: 6 ms of a member's page)."""
    vetoed = f"{member.code}=veto"
    wanted = Q(ballot__contains=vetoed)
    for term in terms:
        wanted |= (
            Q(date__gte=term.start, date__lte=term.end) if term.end else Q(date__gte=term.start)
        )
    rows = (
        DayTallyOnly.objects.filter(wanted, times__gt=0)
        .order_by("date")
        .values_list("date", "ballot", "times")
    )
    found = TallyOnly(not_recorded={}, vetoes=[])
    # `code in positions(ballot)`, read in the text (";CHN=" among ";"-separated
    # "code=position" pairs) without splitting each of some thousand ballots. A
    # row without its veto is one of a day it sat.
    key = f";{member.code}="
    for on, ballot, times in rows:
        if f";{vetoed};" in f";{ballot};":
            found.vetoes.append((on, times))
        elif key not in f";{ballot}":
            found.not_recorded[on.year] = found.not_recorded.get(on.year, 0) + times
    found.not_recorded = dict(sorted(found.not_recorded.items()))
    return found
