"""Counting for the public pages, as pure functions over plain values.

The views fetch rows with one query each and hand them here; the charts
(resolutions/charts.py) and the tables beside them are built from the results.
Nothing here touches the database, so every figure is tested on plain values
(tests/test_stats.py). Charter logic (seats, vetoes) stays in resolutions/rules.py.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import rules
from .rules import Position

# The order positions are shown in everywhere: tables, charts, CSV documentation.
POSITION_ORDER: tuple[str, ...] = (
    Position.FOR,
    Position.AGAINST,
    Position.VETO,
    Position.ABSTAIN,
    Position.NON_VOTING,
)
# A seat whose vote is not on record (only the tally of the vote is known).
NOT_RECORDED = "not_recorded"
POSITION_LABELS: dict[str, str] = {
    **{value: str(label) for value, label in Position.choices},
    NOT_RECORDED: "Not on record",
}


@dataclass(frozen=True)
class Seat:
    """One seat at one vote, as the vote page shows it."""

    code: str
    name: str  # the short name, shown in charts and lists alike
    permanent: bool
    position: str  # a Position value, or NOT_RECORDED
    full_name: str = ""  # the UN name, on hover

    @property
    def title(self) -> str:
        return self.full_name or self.name

    @property
    def position_label(self) -> str:
        return POSITION_LABELS[self.position]


def seats_at_vote(
    *,
    on: dt.date,
    votes: Mapping[str, str],
    seated: Mapping[str, bool],
    names: Mapping[str, str],
    full_names: Mapping[str, str] | None = None,
) -> list[Seat]:
    """Every seat at a vote: the members seated that day (code -> permanent) with
    their recorded position, or "not on record".

    A vote by a member the terms do not seat that day is still shown (the record
    is flagged by the rules, not hidden here). Seats the record does not account
    for at all are shown as unnamed seats "not on record", so that the count of
    seats is always the Council's (rules.seats). Sorted by position, permanent
    members first, then by name.
    """
    full_names = full_names or {}
    seats = [
        Seat(
            code,
            names.get(code, code),
            bool(seated.get(code)),
            votes.get(code, NOT_RECORDED),
            full_names.get(code, ""),
        )
        for code in set(seated) | set(votes)
    ]
    for number in range(len(seats) + 1, rules.seats(on) + 1):
        seats.append(Seat("", f"Seat {number} (member not on record)", False, NOT_RECORDED))
    order = {position: index for index, position in enumerate((*POSITION_ORDER, NOT_RECORDED))}
    return sorted(seats, key=lambda s: (order[s.position], not s.permanent, s.code == "", s.name))


def group_by_position(seats: Iterable[Seat]) -> list[tuple[str, str, list[Seat]]]:
    """(position, label, seats) for each position that has seats, in display order."""
    groups: dict[str, list[Seat]] = defaultdict(list)
    for seat in seats:
        groups[seat.position].append(seat)
    return [
        (position, POSITION_LABELS[position], groups[position])
        for position in (*POSITION_ORDER, NOT_RECORDED)
        if groups.get(position)
    ]


@dataclass
class VetoesPerYear:
    """Drafts vetoed per year, by each permanent member and in all.

    `by_member[code][year]` counts the drafts that member vetoed that year; a
    draft vetoed by two members counts once for each, so the members' counts add
    up to vetoes cast. `drafts[year]` counts each vetoed draft once.
    """

    years: list[int] = field(default_factory=list)
    members: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    by_member: dict[str, dict[int, int]] = field(default_factory=dict)
    drafts: dict[int, int] = field(default_factory=dict)

    def rows(self) -> list[tuple[int, list[int], int]]:
        """(year, [count per member, in `members` order], drafts vetoed) per year."""
        return [
            (
                year,
                [self.by_member[code].get(year, 0) for code, _ in self.members],
                self.drafts[year],
            )
            for year in self.years
        ]

    def labelled_rows(self) -> list[tuple[int, list[tuple[str, int]], int]]:
        """As `rows`, each count with its member's name (a table cell's label)."""
        names = [name for _, name in self.members]
        return [(year, list(zip(names, counts, strict=True)), d) for year, counts, d in self.rows()]


def vetoes_per_year(rows: Iterable[tuple[int, str, str, int]]) -> VetoesPerYear:
    """From (year, member code, member name, resolution id) of every veto cast."""
    by_member: dict[str, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    drafts: dict[int, set[int]] = defaultdict(set)
    names: dict[str, str] = {}
    for year, code, name, resolution_id in rows:
        by_member[code][year].add(resolution_id)
        drafts[year].add(resolution_id)
        names[code] = name
    members = sorted(names.items(), key=lambda item: item[1])
    return VetoesPerYear(
        years=sorted(drafts),
        members=members,
        by_member={
            code: {year: len(ids) for year, ids in years.items()}
            for code, years in by_member.items()
        },
        drafts={year: len(ids) for year, ids in drafts.items()},
    )


def vetoes_per_year_counted(rows: Iterable[tuple[int, str, str, int]]) -> VetoesPerYear:
    """vetoes_per_year from counts: (year, member code, member name, vetoes) rows,
    a year's row without a code giving the drafts vetoed that year."""
    by_member: dict[str, dict[int, int]] = defaultdict(dict)
    drafts: dict[int, int] = defaultdict(int)
    names: dict[str, str] = {}
    for year, code, name, count in rows:
        if not code:
            drafts[year] += count
            continue
        by_member[code][year] = by_member[code].get(year, 0) + count
        names[code] = name
    return VetoesPerYear(
        years=sorted(drafts),
        members=sorted(names.items(), key=lambda item: item[1]),
        by_member=dict(by_member),
        drafts=dict(drafts),
    )


def positions_per_year(rows: Iterable[tuple[int, str, int]]) -> dict[int, dict[str, int]]:
    """From (year, position, count) rows: year -> position -> count, every position
    present (zero when none), years in order."""
    table: dict[int, dict[str, int]] = {}
    for year, position, count in sorted(rows):
        table.setdefault(year, dict.fromkeys(POSITION_ORDER, 0))[position] += count
    return table


def with_not_recorded(
    per_year: Mapping[int, Mapping[str, int]], not_recorded: Mapping[int, int]
) -> dict[int, dict[str, int]]:
    """A member's positions per year with, beside them, its votes whose position is
    not on record (`NOT_RECORDED`: tally-only votes taken while it sat), so that a
    year of tally-only votes shows as such rather than as its vetoes alone. Every
    year of either, in order."""
    empty = dict.fromkeys(POSITION_ORDER, 0)
    return {
        year: {**per_year.get(year, empty), NOT_RECORDED: not_recorded.get(year, 0)}
        for year in sorted(set(per_year) | set(not_recorded))
    }


# The outcomes in the order they are shown (tables, the topic chart's bands).
OUTCOME_ORDER: tuple[str, ...] = (rules.Outcome.ADOPTED, rules.Outcome.FAILED, rules.Outcome.VETOED)


def outcomes_per_year(rows: Iterable[tuple[int, str, int]]) -> dict[int, dict[str, int]]:
    """From (year, outcome, count) rows: year -> outcome -> count, every outcome
    present (zero when none), years in order."""
    table: dict[int, dict[str, int]] = {}
    for year, outcome, count in sorted(rows):
        table.setdefault(year, dict.fromkeys(OUTCOME_ORDER, 0))[outcome] += count
    return table


def count_per_year(rows: Iterable[tuple[int, int]]) -> dict[int, int]:
    """From (year, count) rows, several a year perhaps: year -> total."""
    totals: dict[int, int] = defaultdict(int)
    for year, count in rows:
        totals[year] += count
    return dict(totals)


def share(part: int | None, whole: int | None) -> float | None:
    """part / whole, or None when there is nothing to divide (no votes cast)."""
    if not whole or part is None:
        return None
    return part / whole


@dataclass(frozen=True)
class TermSpan:
    start: dt.date
    end: dt.date | None
    permanent: bool

    def __str__(self) -> str:
        end = "present" if self.end is None else str(self.end.year)
        span = str(self.start.year) if end == str(self.start.year) else f"{self.start.year}–{end}"
        return f"{span} (permanent)" if self.permanent else span


def merge_terms(terms: Iterable[tuple[dt.date, dt.date | None, bool]]) -> list[TermSpan]:
    """Consecutive terms of the same kind joined into one span (two back-to-back
    terms read as one stretch on the Council), in date order."""
    spans: list[TermSpan] = []
    for start, end, permanent in sorted(terms, key=lambda t: t[0]):
        last = spans[-1] if spans else None
        if (
            last is not None
            and last.permanent == permanent
            and last.end is not None
            and start <= last.end + dt.timedelta(days=1)
        ):
            new_end = None if end is None else max(end, last.end)
            spans[-1] = TermSpan(last.start, new_end, permanent)
        else:
            spans.append(TermSpan(start, end, permanent))
    return spans
