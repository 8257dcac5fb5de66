"""Entry checks: what the admin derives from an entered record (tally, outcome)
and what it refuses. The rules themselves live in resolutions/rules.py; this module
applies them to the admin's forms and actions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError

from .. import rules
from ..models import MemberState, Resolution, Vote, seated_on


def check_and_complete(resolution: Resolution, votes: list[tuple[str, str]]) -> None:
    """Fill in what the rules can derive (tally, outcome) and refuse what breaks
    them. Incomplete facts pass only on a record marked "needs review" with a
    reason; contradictions never pass."""
    seated = seated_on(resolution.date)
    names = dict(MemberState.objects.values_list("code", "name"))
    if resolution.adopted_without_vote and not resolution.outcome:
        resolution.outcome = rules.Outcome.ADOPTED
    # The official tally is derived only from a complete record: from part of the
    # votes it would be a made-up tally.
    complete = resolution.votes_recorded and bool(seated) and set(seated) <= dict(votes).keys()
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
    if undecided:
        problems.append(
            rules.Problem(f"Give the outcome: with the votes on record it could be {undecided}.")
        )
    elif not resolution.outcome:
        problems.append(rules.Problem("Give the outcome, or the votes to compute it from."))
    contradictions = [p.message for p in problems if not p.incomplete]
    missing = [p.message for p in problems if p.incomplete]
    flagged = resolution.needs_review and resolution.review_reason_list
    if contradictions or (missing and not flagged):
        hint = (
            []
            if contradictions or not missing
            else [
                "If these facts are not known, set the review status to 'needs review' "
                "and say why in the review reasons."
            ]
        )
        raise ValidationError(contradictions + missing + hint)


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
