"""The Charter's voting rules (Article 27) as pure functions over plain values.

One source of truth for "how many seats", "how many votes were needed", "was it
adopted, did it fail, who vetoed it" and "is this record consistent". The admin,
the importers and the article reader all call these; nothing here touches the
database, so every rule is tested on plain values (tests/test_rules.py).

Member states are passed around by their codes ("RUS", "CHN"); names only matter
for the sentences shown to readers and are passed in as a mapping.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db.models import TextChoices

# The enlarged Council (GA res. 1991 A (XVIII)) sat from 1 January 1966.
ENLARGEMENT = dt.date(1966, 1, 1)
# The last resolution of the 11-member Council: S/RES/219 (1965), 17 December 1965;
# S/RES/220 (1966) was the first of the 15.
LAST_RESOLUTION_OF_ELEVEN = 219


class Position(TextChoices):
    FOR = "for", "For"
    AGAINST = "against", "Against"
    ABSTAIN = "abstain", "Abstain"
    VETO = "veto", "Veto"
    NON_VOTING = "non_voting", "Did not vote"


class Outcome(TextChoices):
    ADOPTED = "adopted", "Adopted"
    FAILED = "failed", "Failed (not enough votes)"
    VETOED = "vetoed", "Vetoed"


# Every position's value (Position.values builds its list anew at each call).
POSITIONS = frozenset(Position.values)
NEGATIVE = {Position.AGAINST, Position.VETO}


def seats(on: dt.date) -> int:
    """Members of the Council on a date: 11 before 1966, 15 from 1966."""
    return 11 if on < ENLARGEMENT else 15


def seats_of_resolution(number: int) -> int | None:
    """The Council's size when a resolution of this number was adopted, where the
    number alone fixes it: 15 from resolution 220 on. (A lower number is left open:
    an old resolution is often cited in a later report, see the reader.)"""
    return 15 if number > LAST_RESOLUTION_OF_ELEVEN else None


def required_votes(on: dt.date) -> int:
    """Affirmative votes a decision needs: 7 before 1966, 9 from 1966."""
    return 7 if on < ENLARGEMENT else 9


@dataclass(frozen=True)
class Tally:
    """A vote as the official record counts it. `against` includes vetoes."""

    yes: int
    against: int
    abstain: int

    @property
    def cast(self) -> int:
        return self.yes + self.against + self.abstain

    def non_voting(self, seat_count: int) -> int:
        return seat_count - self.cast

    def __str__(self) -> str:
        return f"{self.yes}-{self.against}-{self.abstain}"


def tally_of(positions: Iterable[str]) -> Tally:
    """Count positions as the official record does (vetoes are votes against)."""
    counts = Counter(positions)
    return Tally(
        yes=counts[Position.FOR],
        against=counts[Position.AGAINST] + counts[Position.VETO],
        abstain=counts[Position.ABSTAIN],
    )


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    vetoed_by: tuple[str, ...]
    explanation: str


# UN names that read with a definite article in running text.
_WITH_ARTICLE = (
    "Russian Federation",
    "United ",
    "Union of",
    "Republic of",
    "Democratic ",
    "Netherlands",
    "Philippines",
    "Plurinational",
    "Islamic Republic",
    "Syrian Arab",
    "Czech Republic",
    "Dominican Republic",
    "Gambia",
    "Bahamas",
    "Sudan",
    "Niger",
)


def in_sentence(name: str) -> str:
    """A member's name as it reads in running text ("the Russian Federation")."""
    return f"the {name}" if name.startswith(_WITH_ARTICLE) else name


def join_names(codes: Sequence[str], names: Mapping[str, str] | None = None) -> str:
    names = names or {}
    parts = [in_sentence(names.get(code, code)) for code in codes]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _votes(count: int) -> str:
    return f"{count} vote{'' if count == 1 else 's'}"


def decide(
    *,
    tally: Tally | None,
    permanent_against: Sequence[str],
    on: dt.date,
    procedural: bool,
    adopted_without_vote: bool = False,
    names: Mapping[str, str] | None = None,
) -> Decision:
    """The outcome of a vote under Article 27, with a sentence saying why.

    `permanent_against` are the codes of the permanent members that voted no
    (recorded as `against` or `veto`): on a substantive draft that had the votes,
    each of them vetoed it.
    """
    if adopted_without_vote:
        return Decision(Outcome.ADOPTED, (), "Adopted without a vote.")
    if tally is None:
        raise ValueError("a vote needs a tally to be decided")
    needed = required_votes(on)
    if tally.yes < needed:
        return Decision(
            Outcome.FAILED,
            (),
            f"Not adopted: {_votes(tally.yes)} in favour fell short of the {needed} needed.",
        )
    if procedural:
        sentence = (
            f"Adopted: a procedural decision, {_votes(tally.yes)} in favour reached "
            f"the {needed} needed"
        )
        if permanent_against:
            whom = join_names(permanent_against, names)
            verb = "does" if len(permanent_against) == 1 else "do"
            sentence += (
                "; no veto applies to procedural matters, so the vote against of "
                f"{whom} {verb} not block it"
            )
        return Decision(Outcome.ADOPTED, (), sentence + ".")
    if permanent_against:
        vetoed_by = tuple(permanent_against)
        whom = join_names(vetoed_by, names)
        role = "a permanent member" if len(vetoed_by) == 1 else "permanent members"
        return Decision(
            Outcome.VETOED,
            vetoed_by,
            f"Not adopted: {_votes(tally.yes)} in favour reached the {needed} needed, "
            f"but {whom}, {role}, voted against.",
        )
    return Decision(
        Outcome.ADOPTED,
        (),
        f"Adopted: {_votes(tally.yes)} in favour reached the {needed} needed "
        "and no permanent member voted against.",
    )


def could_be_vetoed(yes: int | None, *, on: dt.date, procedural: bool) -> bool:
    """Whether a permanent member's no would be a veto: the draft is substantive
    and had the affirmative votes it needed (an unknown count leaves it open)."""
    return not procedural and (yes is None or yes >= required_votes(on))


def decide_votes(
    positions: Mapping[str, str],
    seated: Mapping[str, bool],
    *,
    on: dt.date,
    procedural: bool,
    tally: Tally | None = None,
    adopted_without_vote: bool = False,
    names: Mapping[str, str] | None = None,
) -> Decision:
    """`decide` from the members' votes (code -> position): the permanent members'
    negative votes are read from `seated` (code -> permanent on the day), and the
    tally, unless given, is counted from the votes."""
    permanent_against = sorted(
        code for code, position in positions.items() if position in NEGATIVE and seated.get(code)
    )
    return decide(
        tally=tally if tally is not None else tally_of(positions.values()),
        permanent_against=permanent_against,
        on=on,
        procedural=procedural,
        adopted_without_vote=adopted_without_vote,
        names=names,
    )


def possible_outcomes(
    *, tally: Tally, known_vetoes: Sequence[str], on: dt.date, procedural: bool
) -> set[Outcome]:
    """Outcomes a tally allows when not every member's vote is known.

    With votes against but no veto on record, the votes against may have been the
    elected members' (adopted) or a permanent member's (vetoed): both stay open.
    """
    if tally.yes < required_votes(on):
        return {Outcome.FAILED}
    if procedural:
        return {Outcome.ADOPTED}
    if known_vetoes:
        return {Outcome.VETOED}
    if tally.against == 0:
        return {Outcome.ADOPTED}
    return {Outcome.ADOPTED, Outcome.VETOED}


def outcome_of(
    *, tally: Tally, known_vetoes: Sequence[str] = (), on: dt.date, procedural: bool
) -> Outcome | None:
    """The outcome of this tally when it decides one (`possible_outcomes` has one
    member), else None: with votes against and no veto on record, a tally alone
    leaves adopted and vetoed open."""
    possible = possible_outcomes(
        tally=tally, known_vetoes=known_vetoes, on=on, procedural=procedural
    )
    return next(iter(possible)) if len(possible) == 1 else None


def position_of_the_rest(
    tally: Tally, known: Iterable[str], rest: int, seat_count: int, *, vetoable: bool = True
) -> Position | None:
    """The one position the tally leaves for `rest` members whose votes are not
    known, given the others' (14-0-1 with 9 for and 1 abstention known: the 5
    others voted for); None when the tally leaves more than one, or none. A vote
    against is filled in only where no negative vote could be a veto
    (`vetoable` False: see `could_be_vetoed`); else a permanent member's would be
    a veto, which the tally does not tell."""
    counted = tally_of(known)
    known_non_voting = seat_count - rest - counted.cast
    left = {
        Position.FOR: tally.yes - counted.yes,
        Position.AGAINST: tally.against - counted.against,
        Position.ABSTAIN: tally.abstain - counted.abstain,
        Position.NON_VOTING: tally.non_voting(seat_count) - known_non_voting,
    }
    if any(n < 0 for n in left.values()) or sum(left.values()) != rest:
        return None
    open_ = [position for position, n in left.items() if n]
    if len(open_) != 1 or (open_[0] == Position.AGAINST and vetoable):
        return None
    return open_[0]


def classify_negative_votes(
    positions: Mapping[str, str],
    permanent: Iterable[str],
    *,
    on: dt.date,
    procedural: bool,
) -> dict[str, str]:
    """Positions with each permanent member's "no" named for what it was.

    On a substantive draft that had the votes, a permanent member's `against` is a
    `veto`; on a draft that lacked the votes, or a procedural one, a recorded
    `veto` is only a vote `against`. Sources write "No" for both.
    """
    permanent = set(permanent)
    tally = tally_of(positions.values())
    vetoable = could_be_vetoed(tally.yes, on=on, procedural=procedural)
    result = dict(positions)
    for code, position in positions.items():
        if code in permanent and position in NEGATIVE:
            result[code] = Position.VETO if vetoable else Position.AGAINST
    return result


def implied_procedural(
    positions: Mapping[str, str],
    permanent: Iterable[str],
    *,
    on: dt.date,
    outcome: str,
    tally: Tally | None = None,
) -> bool:
    """Whether members' votes (code -> position) can only be a procedural vote.

    For a source that records each member's vote and the outcome but not whether
    the matter was procedural (the site's votes CSV): a permanent member's
    `against` on a draft that had the affirmative votes it needed and was adopted
    is possible only on a procedural matter, since on a substantive one that
    negative vote is a veto (written `veto`) and the draft is not adopted.
    False in every other case, substantive being the default.

    `tally` is the vote's when `positions` are only some members' (a tally-only
    record and the negative votes its meeting record gives); else it is theirs.
    """
    if outcome != Outcome.ADOPTED:
        return False
    if (tally or tally_of(positions.values())).yes < required_votes(on):
        return False
    permanent = set(permanent)
    return any(
        code in permanent and position == Position.AGAINST for code, position in positions.items()
    )


@dataclass(frozen=True)
class Problem:
    """One way a record breaks the rules.

    `incomplete` problems are facts that are missing (a member's vote, who
    vetoed); an editor may save such a record flagged "needs review". Every
    other problem is a contradiction and is never saved as if it were fine.
    """

    message: str
    member: str | None = None
    field: str | None = None
    incomplete: bool = False
    # A problem of the count of the vote as a whole (the tally, the outcome,
    # whether a veto stood): it follows from every member's position, so it is in
    # doubt while a member's own position or seat is itself in question.
    of_the_count: bool = False


@dataclass(frozen=True)
class Record:
    """The facts of one vote, as plain values."""

    on: dt.date
    procedural: bool
    outcome: str | None
    resolution_number: int | None = None
    tally: Tally | None = None
    # (member code, position) pairs, in the order given; a member may appear twice
    # here so that the check can say so.
    votes: Sequence[tuple[str, str]] = ()
    # False when the record holds only the tally (and perhaps who vetoed).
    votes_recorded: bool = True
    adopted_without_vote: bool = False


def check_record(
    record: Record,
    seated: Mapping[str, bool],
    names: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Every way `record` breaks the Charter's rules.

    `seated` maps the code of each member seated on the vote's date to whether it
    is a permanent member (from the Council terms).
    """
    names = names or {}

    def name(code: str) -> str:
        return names.get(code, code)

    problems: list[Problem] = []
    on = record.on
    seat_count = seats(on)
    needed = required_votes(on)
    when = on.isoformat()
    if len(seated) != seat_count:
        # Before the Council first sat, in years whose members are not yet elected,
        # or a gap in the terms on record: nothing on this date can be checked.
        problems.append(
            Problem(
                f"The Council's composition on {when} is not on record ({len(seated)} of "
                f"{seat_count} seats): check the date.",
                None,
                "date",
            )
        )

    seen: dict[str, str] = {}
    for code, position in record.votes:
        if position not in POSITIONS:
            problems.append(
                Problem(f"{name(code)}: '{position}' is not a position.", code, "position")
            )
            continue
        if code in seen:
            problems.append(Problem(f"{name(code)} is recorded more than once.", code, "member"))
            continue
        seen[code] = position
        if code not in seated:
            problems.append(
                Problem(f"{name(code)} was not a member of the Council on {when}.", code, "member")
            )

    if record.adopted_without_vote:
        if record.votes or record.tally:
            problems.append(
                Problem(
                    "Votes or a tally are on record for a resolution adopted without a vote.",
                    None,
                    "tally",
                )
            )
        if record.outcome != Outcome.ADOPTED:
            problems.append(
                Problem(
                    "The record says adopted without a vote, but not that it was adopted.",
                    None,
                    "outcome",
                )
            )
        if record.resolution_number is None:
            problems.append(
                Problem(
                    "The resolution number of this adopted text is not on record.",
                    None,
                    "resolution_number",
                )
            )
        return problems

    missing: list[str] = []
    if record.votes_recorded:
        missing = [code for code in seated if code not in seen]
        for code in missing:
            problems.append(
                Problem(
                    f"{name(code)} sat on the Council on {when} but has no recorded vote.",
                    code,
                    "member",
                    incomplete=True,
                )
            )

    counted = tally_of(seen.values())
    tally = record.tally
    # The members' votes give the tally only when they are the votes of exactly the
    # members seated: a member who did not sit is named above, not counted again as
    # a vote too many.
    if (
        tally is None
        and record.votes_recorded
        and not missing
        and seen
        and seen.keys() <= seated.keys()
    ):
        tally = counted
    if tally is not None:
        if tally.cast > seat_count:
            problems.append(
                Problem(
                    f"The tally {tally} counts {tally.cast} votes, more than the "
                    f"{seat_count} seats on {when}.",
                    None,
                    "tally",
                )
            )
        if record.votes_recorded and not missing and counted != tally:
            problems.append(
                Problem(
                    f"The members' votes add up to {counted}, but the tally is {tally}.",
                    None,
                    "tally",
                    of_the_count=True,
                )
            )
        elif (not record.votes_recorded or missing) and (
            counted.yes > tally.yes
            or counted.against > tally.against
            or counted.abstain > tally.abstain
        ):
            problems.append(
                Problem(
                    f"The recorded votes ({counted}) exceed the tally {tally}.",
                    None,
                    "tally",
                    of_the_count=True,
                )
            )
    elif not record.votes_recorded:
        problems.append(
            Problem(
                "The tally of this vote is not on record, and not every member's vote is known.",
                None,
                "tally",
                incomplete=True,
            )
        )

    vetoable = tally is not None and could_be_vetoed(tally.yes, on=on, procedural=record.procedural)
    for code, position in seen.items():
        permanent = seated.get(code)
        if position == Position.VETO:
            if code in seated and not permanent:
                problems.append(
                    Problem(
                        f"{name(code)} is not a permanent member and cannot cast a veto.",
                        code,
                        "position",
                    )
                )
            elif record.procedural:
                problems.append(
                    Problem(
                        f"{name(code)}'s veto: no veto applies to a procedural vote; "
                        "record 'against'.",
                        code,
                        "position",
                    )
                )
            elif tally is not None and tally.yes < needed:
                problems.append(
                    Problem(
                        f"{name(code)}'s veto: the draft had {_votes(tally.yes)} in favour, "
                        f"short of the {needed} needed, so it failed without a veto; "
                        "record 'against'.",
                        code,
                        "position",
                        of_the_count=True,
                    )
                )
        elif position == Position.AGAINST and permanent and vetoable:
            problems.append(
                Problem(
                    f"{name(code)}, a permanent member, voted against a draft that had "
                    f"the {needed} votes it needed: that is a veto; record 'veto'.",
                    code,
                    "position",
                    of_the_count=True,
                )
            )

    vetoes = [code for code, position in seen.items() if position == Position.VETO]
    computed: set[str] = set()
    if tally is not None:
        if record.votes_recorded and not missing:
            computed = {
                decide_votes(seen, seated, on=on, procedural=record.procedural, tally=tally).outcome
            }
        else:
            computed = possible_outcomes(
                tally=tally, known_vetoes=vetoes, on=on, procedural=record.procedural
            )
        if record.outcome not in computed:
            expected = " or ".join(sorted(str(o) for o in computed))
            problems.append(
                Problem(
                    f"The outcome is recorded as '{record.outcome}', but the votes make it "
                    f"'{expected}'.",
                    None,
                    "outcome",
                    of_the_count=True,
                )
            )

    adopted = record.outcome == Outcome.ADOPTED
    if any(p.field == "outcome" for p in problems):
        # An outcome the votes contradict: whether the text needs a number follows
        # from the right outcome, not from the one recorded.
        return problems
    # An outcome not on record (not yet given, or not computable from missing
    # votes) is unknown, not "not adopted": that gap is named on its own.
    if record.resolution_number is not None and record.outcome and not adopted:
        problems.append(
            Problem(
                "A resolution number is on record for a draft that was not adopted.",
                None,
                "resolution_number",
            )
        )
    if adopted and not record.procedural and record.resolution_number is None:
        problems.append(
            Problem(
                "The draft was adopted, but its resolution number is not on record.",
                None,
                "resolution_number",
                incomplete=True,
            )
        )
    return problems
