"""The outcome and the vetoes, by the Charter's rules (resolutions/rules.py), on the
Council of the date or, with no date, on each Council size the article allows."""

from __future__ import annotations

from .. import rules
from ..rules import Outcome, Position
from .settlement import Settlement
from .verdict import NOT_ADOPTED
from .vocabulary import SIZE_DAY


def judge(s: Settlement, size: int) -> tuple[dict[str, str], set[Outcome], str]:
    """Positions (vetoes named), the outcomes possible and, when decided from every
    member's vote, the explanation, on a Council of `size` seats."""
    day, result, counts = s.day, s.result, s.counts
    named_positions = {**s.named, **s.inferred}
    negative_permanent = [
        c for c, p in named_positions.items() if p == Position.AGAINST and c in s.permanent
    ]
    on = day or SIZE_DAY[size]
    positions = dict(named_positions)
    # "adopted 11-1-3; Russia voted against": a permanent no on a text adopted was no
    # veto (the vote was procedural, or the report is wrong): neither a veto nor the
    # outcome is proposed
    unvetoed = negative_permanent and not s.veto_said & set(negative_permanent)
    if unvetoed and not result.procedural and (said := adoption_told(s)):
        names = ", ".join(s.name(c) for c in sorted(negative_permanent))
        note = (
            f"The article says the text was adopted, though {names} (permanent) voted "
            f'against: a procedural vote? The outcome is left for the editor: "{said}"'
        )
        if note not in result.warnings:
            s.warn(note)
        return positions, set(), ""
    tally = result.tally
    if tally is None and s.unanimous_open:
        tally = rules.Tally(size, 0, 0)
    if tally is None:
        yes = counts[Position.FOR]
        vetoable = rules.could_be_vetoed(yes, on=on, procedural=result.procedural)
        for code in negative_permanent:
            if (code in s.veto_said or s.reading.vetoes_told) and vetoable:
                positions[code] = Position.VETO
        if yes is not None and yes < rules.required_votes(on):
            return positions, {Outcome.FAILED}, ""
        if any(p == Position.VETO for p in positions.values()):
            return positions, {Outcome.VETOED}, ""
        return positions, set(), ""  # unknown
    if day is not None and s.seated and len(positions) == len(s.seated):
        decision = rules.decide_votes(
            positions,
            s.seated,
            on=day,
            procedural=result.procedural,
            tally=tally,
            names=s.reading.context.display,
        )
        positions = rules.classify_negative_votes(
            positions, s.permanent, on=day, procedural=result.procedural
        )
        return positions, {decision.outcome}, decision.explanation
    vetoable = rules.could_be_vetoed(tally.yes, on=on, procedural=result.procedural)
    # every no is named: each permanent member's no is a veto (counted once, before
    # the first one is turned into a veto)
    all_noes_named = tally.against == len(
        [c for c, p in positions.items() if p == Position.AGAINST]
    )
    for code in negative_permanent:
        if vetoable and (code in s.veto_said or all_noes_named or s.reading.vetoes_told):
            positions[code] = Position.VETO
    known_vetoes = [c for c, p in positions.items() if p == Position.VETO]
    possible = rules.possible_outcomes(
        tally=tally, known_vetoes=known_vetoes, on=on, procedural=result.procedural
    )
    return positions, set(possible), ""


def judge_vetoes_and_outcome(s: Settlement) -> None:
    """Vetoes and the outcome, by the Charter's rules: on the Council of the date,
    or, with no date, on each Council size the article allows, kept where they agree."""
    judged = {size: judge(s, size) for size in s.sizes}
    if len(s.sizes) == 1:
        s.positions = judged[s.sizes[0]][0]
    else:
        # a position kept only when both Councils give it; else the vote as stated
        named_positions = {**s.named, **s.inferred}
        s.positions = {
            code: position
            if all(judged[n][0].get(code) == position for n in s.sizes)
            else named_positions[code]
            for code, position in judged[s.sizes[0]][0].items()
        }
    answers = [judged[n][1] for n in s.sizes]
    if all(len(a) == 1 for a in answers) and all(a == answers[0] for a in answers):
        s.result.outcome = str(next(iter(answers[0])))
        s.result.outcome_explanation = judged[s.sizes[0]][2] if len(s.sizes) == 1 else ""
    elif said := adoption_said(s, answers):
        s.result.outcome = str(Outcome.ADOPTED)
        s.result.outcome_explanation = f'The article says it was adopted: "{said}"'
    elif any(a != answers[0] for a in answers):
        s.warn(
            "Without the date of the vote, the Council's size is unknown: the outcome is "
            "left open ("
            + "; ".join(
                f"{' or '.join(sorted(str(o) for o in judged[n][1])) or 'unknown'} on {n} seats"
                for n in s.sizes
            )
            + ")."
        )
    elif len(answers[0]) > 1:
        s.warn(
            "The outcome depends on who voted against: "
            + " or ".join(sorted(str(o) for o in answers[0]))
            + "."
        )


def adoption_told(s: Settlement) -> str | None:
    """The sentence that says this text was adopted, when no sentence tells of a failure."""
    said = s.reading.verdicts
    if not said or any(word == NOT_ADOPTED for word, _ in said) or s.reading.vetoes_told:
        return None
    return said[0][1].original


def adoption_said(s: Settlement, answers: list[set[Outcome]]) -> str | None:
    """The sentence that says the draft was adopted, where the rules leave adoption
    possible on every Council the vote can have had, no permanent member is named
    against a substantive draft, and the article tells of no failure."""
    said = s.reading.verdicts
    if not said or any(word == NOT_ADOPTED for word, _ in said):
        return None
    if any(a and Outcome.ADOPTED not in a for a in answers):
        return None
    if not s.result.procedural and any(
        p in (Position.AGAINST, Position.VETO) and c in s.permanent for c, p in s.positions.items()
    ):
        return None
    return said[0][1].original


def explain_vetoes_refused(s: Settlement) -> None:
    """A 'veto' the rules do not make one is recorded as against, and said."""
    yes = s.counts[Position.FOR]
    needed = {rules.required_votes(s.day or SIZE_DAY[n]) for n in s.sizes}
    for code in sorted(s.veto_said - s.veto_implied):
        if s.positions.get(code) != Position.AGAINST:
            continue
        if s.result.procedural:
            reason = "no veto applies to a procedural vote"
        elif yes is not None and yes < max(needed):
            reason = (
                f"the draft had {yes} votes in favour, short of the "
                f"{' or '.join(str(n) for n in sorted(needed))} needed"
            )
        else:
            reason = "the rules do not make it a veto"
        s.warn(f"{s.name(code)}'s no is described as a veto, but {reason}: recorded as against.")
