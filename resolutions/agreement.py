"""Reading votes together (DOMAIN.md, "Reading votes together"), as pure functions
over plain values: agreement between two members, the agreement matrix and its
clustered order, the majority of a vote, and how divided a vote was.

The one definition of agreement: two members agree on a vote when both positions
are on record and equal, a veto counting as a vote against; a member that did not
vote (or whose vote is not on record) is left out of that pair's count. Votes whose
individual positions are not all on record (tally-only records, which store only
the known vetoes) are left out of every per-member figure. A share is always
given with its base (`Count.votes`).

Nothing here touches the database (tests/test_agreement.py).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from .rules import Position

# What a position counts as when votes are read together: a veto is a "no";
# not voting has no side.
SIDES: dict[str, str] = {
    Position.FOR: Position.FOR,
    Position.AGAINST: Position.AGAINST,
    Position.VETO: Position.AGAINST,
    Position.ABSTAIN: Position.ABSTAIN,
}


def side(position: str | None) -> str | None:
    """for, against (a veto included) or abstain; None for not voting or unknown."""
    return SIDES.get(position or "")


def agree(first: str | None, second: str | None) -> bool | None:
    """Whether two positions agree; None when the pair does not count (either
    member did not vote, or its position is not on record)."""
    a, b = side(first), side(second)
    if a is None or b is None:
        return None
    return a == b


@dataclass(frozen=True)
class Ballot:
    """One vote as the comparisons read it: member code -> stored position.
    `recorded` is False for a tally-only record (only its known vetoes stored)."""

    key: int
    on: dt.date
    positions: Mapping[str, str]
    recorded: bool = True
    # How many votes of the same day's year with these same positions it stands
    # for (read summed by the database: together.alignment_data); 1 elsewhere.
    times: int = 1


@dataclass
class Count:
    """Votes a figure rests on (its base) and how many of them agree."""

    votes: int = 0
    agree: int = 0

    def add(self, agreed: bool, times: int = 1) -> None:
        self.votes += times
        self.agree += times * int(agreed)

    @property
    def share(self) -> float | None:
        return self.agree / self.votes if self.votes else None

    @property
    def percent(self) -> int | None:
        """The share as a whole percentage, for display (always with `votes`)."""
        share = self.share
        return None if share is None else round(100 * share)


@dataclass
class Comparison:
    """Two members over a run of votes: per year, overall, and the votes where
    they split (both on record, different sides), in the order given."""

    a: str
    b: str
    overall: Count = field(default_factory=Count)
    per_year: dict[int, Count] = field(default_factory=dict)
    splits: list[Ballot] = field(default_factory=list)

    @property
    def split_votes(self) -> int:
        """How many votes the splits stand for (a ballot of a day may stand for several)."""
        return sum(ballot.times for ballot in self.splits)


def counted(ballots: Iterable[Ballot]) -> Iterable[Ballot]:
    """The ballots every per-member figure reads: tally-only records left out."""
    return (ballot for ballot in ballots if ballot.recorded)


def compare(ballots: Iterable[Ballot], a: str, b: str) -> Comparison:
    """How often `a` and `b` voted the same way (see the module's definition)."""
    result = Comparison(a, b)
    per_year: dict[int, Count] = defaultdict(Count)
    for ballot in counted(ballots):
        agreed = agree(ballot.positions.get(a), ballot.positions.get(b))
        if agreed is None:
            continue
        result.overall.add(agreed, ballot.times)
        per_year[ballot.on.year].add(agreed, ballot.times)
        if not agreed:
            result.splits.append(ballot)
    result.per_year = dict(sorted(per_year.items()))
    return result


def pair(a: str, b: str) -> tuple[str, str]:
    """The key of an unordered pair."""
    return (a, b) if a <= b else (b, a)


def matrix(ballots: Iterable[Ballot], members: Sequence[str]) -> dict[tuple[str, str], Count]:
    """Agreement of every pair of `members` (keys from `pair`), over the ballots."""
    wanted = set(members)
    counts: dict[tuple[str, str], Count] = {
        pair(a, b): Count() for a, b in combinations(sorted(wanted), 2)
    }
    for ballot in counted(ballots):
        present = sorted(
            code for code, position in ballot.positions.items() if code in wanted and side(position)
        )
        for a, b in combinations(present, 2):
            counts[(a, b)].add(side(ballot.positions[a]) == side(ballot.positions[b]), ballot.times)
    return counts


def distance(counts: Mapping[tuple[str, str], Count], a: str, b: str) -> float | None:
    """1 - agreement share; None for a pair with no vote in common."""
    share = counts[pair(a, b)].share if pair(a, b) in counts else None
    return None if share is None else 1 - share


def cluster_order(members: Sequence[str], counts: Mapping[tuple[str, str], Count]) -> list[str]:
    """The members in an order that puts blocs side by side: average-linkage
    agglomerative clustering on 1 - agreement (pairs with no vote in common are
    left out of the averages; clusters with none at all are joined last), the
    leaves read left to right. Ties are broken by the members' given order, so
    the order is stable."""
    clusters: list[list[str]] = [[code] for code in members]

    def linkage(left: list[str], right: list[str]) -> float:
        known = [d for a in left for b in right if (d := distance(counts, a, b)) is not None]
        return sum(known) / len(known) if known else 2.0

    while len(clusters) > 1:
        best = min(
            (
                (linkage(clusters[i], clusters[j]), i, j)
                for i, j in combinations(range(len(clusters)), 2)
            ),
        )
        _, i, j = best
        clusters[i] = clusters[i] + clusters[j]
        del clusters[j]
    return clusters[0] if clusters else []


# The majority and division --------------------------------------------------------


def sides_of(positions: Iterable[str | None]) -> Counter[str]:
    """How many members took each side (not voting left out)."""
    # side() of each, counted in one pass (None: no side, never a key of SIDES).
    sides = Counter(map(SIDES.get, positions))
    del sides[None]
    return sides


def majority_of(sides: Mapping[str, int]) -> str | None:
    """The side of the largest group, from how many members took each side; None
    on a tie for the largest group (no majority side) or when nobody voted."""
    ranked = sorted(((count, name) for name, count in sides.items() if count), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return ranked[0][1]


def majority_side(positions: Iterable[str]) -> str | None:
    """majority_of the positions of a vote (not voting left out)."""
    return majority_of(sides_of(positions))


def division(counts: Mapping[str, int]) -> float | None:
    """How far a vote was from unanimous: the share of the votes cast (for,
    against, abstain) that were not on the largest group's side. 0 for a
    unanimous vote; None when no vote was cast."""
    cast = sum(counts.values())
    if not cast:
        return None
    return (cast - max(counts.values())) / cast


@dataclass
class Isolation:
    """One member's votes read against the Council's majority."""

    code: str
    votes: int = 0  # recorded votes it cast, with a majority side
    with_majority: int = 0
    alone: list[Ballot] = field(default_factory=list)  # the only member on its side

    def add(self, own: str | None, sides: Mapping[str, int], times: int = 1) -> bool:
        """Count `times` votes on which the member took the side `own` (None: it
        did not vote) and the members took each side as many times as `sides`
        says (the member included). A vote counts when the member took a side
        and the vote has a majority side (majority_of). Whether they were votes
        alone: against the majority with no other member on its side (the
        caller keeps which votes they were)."""
        majority = majority_of(sides)
        if own is None or majority is None:
            return False
        self.votes += times
        self.with_majority += times * (own == majority)
        return own != majority and sides.get(own) == 1

    @property
    def alone_votes(self) -> int:
        """How many votes alone (a ballot may stand for several: `times`)."""
        return sum(ballot.times for ballot in self.alone)

    @property
    def against_majority(self) -> int:
        return self.votes - self.with_majority

    @property
    def share_with_majority(self) -> float | None:
        return self.with_majority / self.votes if self.votes else None

    @property
    def percent_with_majority(self) -> int | None:
        share = self.share_with_majority
        return None if share is None else round(100 * share)


def isolation(ballots: Iterable[Ballot], code: str) -> Isolation:
    """How often `code` voted with the majority, and the votes it cast alone
    (no other member on its side). Only recorded votes it cast count; a vote
    with no majority side (a tie) is left out."""
    return isolation_of_all(ballots, [code])[code]


def isolation_of_all(ballots: Iterable[Ballot], codes: Iterable[str]) -> dict[str, Isolation]:
    """isolation() of each member of `codes`, reading each ballot once."""
    results = {code: Isolation(code) for code in codes}
    for ballot in counted(ballots):
        sides = sides_of(ballot.positions.values())
        for code, position in ballot.positions.items():
            if code in results and results[code].add(side(position), sides, ballot.times):
                results[code].alone.append(ballot)
    return results


def tally_division(yes: int | None, against: int | None, abstain: int | None) -> float | None:
    """division() of an official tally (vetoes are among the votes against);
    None when the tally is not on record."""
    if yes is None or against is None or abstain is None:
        return None
    return division({"for": yes, "against": against, "abstain": abstain})


# Several pairs, year by year --------------------------------------------------------


def pairs_per_year(
    ballots: Iterable[Ballot], members: Sequence[str], same: Mapping[str, str] | None = None
) -> dict[tuple[str, str], dict[int, Count]]:
    """Agreement of every pair of `members`, per year. `same` reads one member's
    code as another's (SUN -> RUS: the USSR and its successor drawn as one line;
    the two never vote on the same ballot, and the caller says so)."""
    same = same or {}
    counts: dict[tuple[str, str], dict[int, Count]] = {
        pair(a, b): defaultdict(Count) for a, b in combinations(sorted(set(members)), 2)
    }
    # The ballots of a year with the same sides of these members read once.
    wanted = sorted({code for key in counts for code in key})
    summed: Counter[tuple[int, tuple[str | None, ...]]] = Counter()
    for ballot in counted(ballots):
        positions = {same.get(code, code): position for code, position in ballot.positions.items()}
        summed[(ballot.on.year, tuple(side(positions.get(code)) for code in wanted))] += (
            ballot.times
        )
    index = {code: i for i, code in enumerate(wanted)}
    for (year, taken), times in summed.items():
        for (a, b), per_year in counts.items():
            agreed = agree(taken[index[a]], taken[index[b]])
            if agreed is not None:
                per_year[year].add(agreed, times)
    return {key: dict(sorted(per_year.items())) for key, per_year in counts.items()}
