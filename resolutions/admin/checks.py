"""Entry checks: what the admin derives from an entered record (tally, outcome)
and what it refuses. The rules themselves live in resolutions/rules.py; this module
applies them to the admin's forms and actions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from .. import rules
from ..models import MemberState, Resolution, Vote, seated_on

# Where the review hint goes: the field that lets a record with gaps be saved.
REVIEW_HINT = rules.Problem(
    "If these facts are not known, set the review status to 'needs review' and say why "
    "in the review reasons.",
    field="review_status",
)


def check_and_complete(
    resolution: Resolution,
    votes: list[tuple[str, str]],
    seated: dict[str, bool] | None = None,
) -> list[rules.Problem]:
    """Fill in what the rules can derive (tally, outcome) and return what refuses
    the save, each cause named once (a problem that follows from one already named,
    such as "give the outcome" beside a member's missing vote, is left out); empty
    when the record may be saved. Incomplete facts pass only on a record marked
    "needs review" with a reason; contradictions never pass. Each problem keeps
    the member or field it is about, for the form to show it there."""
    if seated is None:
        seated = seated_on(resolution.date)
    names = dict(MemberState.objects.values_list("code", "name"))
    if resolution.adopted_without_vote and not resolution.outcome:
        resolution.outcome = rules.Outcome.ADOPTED
    # The official tally is derived only from a complete record (one vote of each
    # member seated, no other): from part of the votes it would be a made-up tally,
    # and a member who did not sit, or a second row of one, has no vote in it.
    complete = (
        resolution.votes_recorded
        and bool(seated)
        and set(seated) == dict(votes).keys()
        and len(votes) == len(seated)
    )
    if complete and resolution.tally is None:
        tally = rules.tally_of(position for _, position in votes)
        resolution.votes_for, resolution.votes_against, resolution.votes_abstain = (
            tally.yes,
            tally.against,
            tally.abstain,
        )
    undecided = ""
    if not resolution.outcome and resolution.tally is not None:
        if complete:
            resolution.outcome = rules.decide_votes(
                dict(votes),
                seated,
                on=resolution.date,
                procedural=resolution.procedural,
                tally=resolution.tally,
            ).outcome
        else:
            known_vetoes = [code for code, position in votes if position == rules.Position.VETO]
            possible = rules.possible_outcomes(
                tally=resolution.tally,
                known_vetoes=known_vetoes,
                on=resolution.date,
                procedural=resolution.procedural,
            )
            if len(possible) == 1:
                resolution.outcome = next(iter(possible))
            else:
                undecided = " or ".join(sorted(str(o) for o in possible))
    problems = rules.check_record(resolution.rule_record(votes), seated, names)
    if not resolution.outcome:
        # An outcome neither given nor computable is named below, once, with what
        # it could be; not also as an outcome "recorded as ''".
        problems = [p for p in problems if p.field != "outcome"]
    flagged = bool(resolution.needs_review and resolution.review_reason_list)
    problems = root_causes(problems, gaps_accepted=flagged)
    contradictions = [p for p in problems if not p.incomplete]
    missing = [p for p in problems if p.incomplete]
    refused = contradictions + ([] if flagged else missing)
    # The outcome left to give follows from the problems named, if any: a missing
    # vote or a contradiction is the cause, and fixing it settles the outcome.
    if not refused:
        if undecided:
            refused.append(
                rules.Problem(
                    f"Give the outcome: with the votes on record it could be {undecided}.",
                    field="outcome",
                )
            )
        elif not resolution.outcome:
            refused.append(
                rules.Problem("Give the outcome, or the votes to compute it from.", field="outcome")
            )
    if missing and not flagged and not contradictions:
        refused.append(REVIEW_HINT)
    return refused


def root_causes(problems: list[rules.Problem], gaps_accepted: bool) -> list[rules.Problem]:
    """The problems an editor must fix first, without those that follow from them:
    a date on which the Council's composition is not on record puts every seat in
    doubt (only it is named), and a member's own position or seat in question puts
    the count of the vote in doubt (the tally, the outcome, whether a veto stood:
    named on the next save if they still hold), as a tally in question puts what is
    read from it in doubt. Only a problem that refuses the save hides others (a gap
    accepted on a record flagged for review hides none), so what is left out never
    lets a record through."""
    refusing = [p for p in problems if not (p.incomplete and gaps_accepted)]
    on_the_date = [p for p in refusing if p.field == "date"]
    if on_the_date:
        return on_the_date
    if any(p.member and not p.of_the_count for p in refusing):
        return [p for p in problems if not p.of_the_count]
    if any(p.field == "tally" for p in refusing):
        # A tally in question: whether a veto stood and the outcome are read from it.
        return [p for p in problems if not p.of_the_count or p.field == "tally"]
    return problems


def still_breaking(flagged: Iterable[Resolution]) -> tuple[list[int], list[str]]:
    """Of records flagged for review, those whose stored facts now pass the rules
    (their ids) and, for the others, the first rule each still breaks (a message
    naming the record). A few queries for any number of records."""
    flagged = list(flagged)
    votes: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pk, code, position in Vote.objects.filter(resolution__in=flagged).values_list(
        "resolution_id", "member_id", "position"
    ):
        votes[pk].append((code, position))
    names = dict(MemberState.objects.values_list("code", "name"))
    seats: dict[dt.date, dict[str, bool]] = {}
    passing: list[int] = []
    refusals: list[str] = []
    for resolution in flagged:
        if resolution.date not in seats:
            seats[resolution.date] = seated_on(resolution.date)
        record = resolution.rule_record(votes[resolution.pk])
        problems = rules.check_record(record, seats[resolution.date], names)
        if problems:
            refusals.append(f"{resolution}: still breaks the rules: {problems[0].message}")
        else:
            passing.append(resolution.pk)
    return passing, refusals
