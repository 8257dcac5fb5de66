"""Settling: from what the sentences say to one consistent proposal, or warnings.

`settle(reading)` runs the steps in order over one `Settlement`; each step reads
what the earlier ones decided and adds its facts or its warnings. The outcome and
the vetoes are judged in `outcome`."""

from __future__ import annotations

from collections import Counter

from ..rules import Outcome, Position
from .era import era_size, possible_sizes, symbol_year
from .outcome import explain_vetoes_refused, judge_vetoes_and_outcome
from .proposal import Evidence
from .reading import Claim, Reading
from .settlement import Settlement
from .vocabulary import COUNTED, POSITIONS


def settle(reading: Reading) -> None:
    s = Settlement(reading)
    take_named_positions(s)
    take_stated_counts(s)
    settle_contradictions_by_the_counts(s)
    find_council_size(s)
    apply_unanimity(s)
    note_unknown_composition(s)
    refuse_elected_vetoes(s)
    complete_counts_from_names(s)
    infer_unnamed_members(s)
    check_counts(s)
    judge_vetoes_and_outcome(s)
    explain_vetoes_refused(s)
    drop_number_of_a_failed_draft(s)
    record_positions(s)


def take_named_positions(s: Settlement) -> None:
    """The positions the article names: one per member, or a warning."""
    for c in s.reading.claims:
        s.by_member.setdefault(c.code, []).append(c)
    for code, claims in s.by_member.items():
        if s.seated and code not in s.seated:
            s.warn(
                f"{s.name(code)} is named ('{claims[0].position}') but did not sit on the "
                f"Council {s.on_day}: left out."
            )
            continue
        if len({c.position for c in claims}) > 1:
            s.contradicted[code] = claims  # settled by the counts, or left for the editor
            continue
        take_position(s, code, claims)


def take_position(s: Settlement, code: str, claims: list[Claim]) -> None:
    """A member's position, from the claims that give it (all of one position)."""
    position = claims[0].position
    s.named[code] = position
    if any(c.veto for c in claims):
        s.veto_said.add(code)
        if all(c.implied for c in claims if c.veto):
            s.veto_implied.add(code)
    best = sorted(claims, key=lambda c: (not c.veto, c.sentence.headline))[0]
    s.result.evidence[code] = Evidence(code, position, best.sentence.original)


def settle_contradictions_by_the_counts(s: Settlement) -> None:
    """A member named in two positions, one of which the article's own counts rule
    out ("opposed by Russia" and "12-0, with abstentions from Russia"), takes the
    other, with a warning quoting both; any other contradiction is left for the
    editor, with a warning."""
    for code, claims in s.contradicted.items():
        kinds = list(Counter(c.position for c in claims))
        ruled_out = [p for p in kinds if s.counts.get(p) == 0]
        if len(kinds) == 2 and len(ruled_out) == 1:
            (left,) = set(kinds) - set(ruled_out)
            s.warn(
                f"{s.name(code)} is named '{ruled_out[0]}' and '{left}'; the article counts "
                f"no '{ruled_out[0]}', which leaves '{left}'. {quote_each(claims)}"
            )
            take_position(s, code, [c for c in claims if c.position == left])
            continue
        described = " and ".join(f"'{p}'" for p in kinds)
        s.warn(
            f"{s.name(code)} is named in two positions ({described}): left for the "
            f"editor. {quote_each(claims)}"
        )


def quote_each(claims: list, label=lambda c: c.position) -> str:
    """The sentences behind contradicting claims, each once, each with what it says:
    'abstain': "Japan abstained." """
    first: dict[str, str] = {}
    for c in claims:
        first.setdefault(label(c), c.sentence.original.strip())
    return " ".join(f"'{said}': \"{text}\"" for said, text in first.items())


def take_stated_counts(s: Settlement) -> None:
    """The counts the article states; a position it counts twice, differently (two
    votes told, or one told wrong), is left for the editor, with a warning quoting
    both."""
    stated: dict[str, list] = {}
    for c in s.reading.counts:
        stated.setdefault(c.position, []).append(c)
    for position, options in stated.items():
        if position == "veto":
            continue
        values = Counter(c.value for c in options)
        value = options[0].value
        if len(values) > 1:
            s.warn(
                f"The article gives several counts '{position}' ("
                + ", ".join(str(v) for v in values)
                + "): left for the editor. "
                + quote_each(options, lambda c: str(c.value))
            )
            continue
        s.counts[position] = value
        s.result.count_evidence[position] = next(
            c for c in options if c.value == value
        ).sentence.original


def find_council_size(s: Settlement) -> None:
    """The date's size, or, with no date, every size the article allows (11 seats
    before 1966, 15 from 1966). A value that differs between them is left open."""
    s.sizes = possible_sizes(s.result, s.counts, s.named_count)
    era = era_size(s.result)
    if not s.day and not symbol_year(s.result) and era and s.sizes == (era[0],):
        s.warn(f"The Council's size ({era[0]} seats) is that of the vote's time: {era[1]}.")


def apply_unanimity(s: Settlement) -> None:
    """'Unanimous': every seat in favour, unless the article says otherwise."""
    unanimous = s.reading.unanimous
    if not unanimous:
        return
    counts = s.counts
    if any(counts[p] for p in (Position.AGAINST, Position.ABSTAIN)):
        s.warn("The article says 'unanimous' but also gives votes against or abstentions.")
        return
    if counts[Position.FOR] not in (None, *s.sizes):
        # the stated count is the more precise fact: keep it, do not overwrite it
        s.warn(
            f"The article says 'unanimous' but counts {counts[Position.FOR]} 'for' "
            f"of {s.seats_text} seats."
        )
        return
    if counts[Position.FOR] is None and s.seat_count is None:
        s.unanimous_open = True
        s.warn(
            "Without the date of the vote, the Council's size is unknown "
            f"({s.seats_text} seats): the number of votes in favour is left open."
        )
    for position, value in (
        (Position.FOR, counts[Position.FOR] or s.seat_count),
        (Position.AGAINST, 0),
        (Position.ABSTAIN, 0),
    ):
        if value is None:
            continue
        counts[position] = value
        s.result.count_evidence.setdefault(position, unanimous[0].original)


def note_unknown_composition(s: Settlement) -> None:
    if not s.day:
        s.warn(
            "Without the date of the vote, the Council's composition is unknown: "
            "the members not named are left out."
        )


def refuse_elected_vetoes(s: Settlement) -> None:
    """Elected members cannot veto: say so and read it as a vote against."""
    for code in sorted(s.veto_said):
        if s.permanent and code not in s.permanent:
            s.veto_said.discard(code)
            if code in s.veto_implied:
                continue  # "Bolivia blocked the draft": a vote against, nothing more
            s.warn(
                f"{s.name(code)} is said to have vetoed, but it is not a permanent member: "
                "read as a vote against."
            )


def complete_counts_from_names(s: Settlement) -> None:
    """Complete the counts from the members named, when the seats leave no doubt."""
    counts, named_count, seat_count = s.counts, s.named_count, s.seat_count
    known = [p for p in COUNTED if counts[p] is not None]
    unknown = [p for p in COUNTED if counts[p] is None]
    if unknown and known:
        filled = sum(counts[p] for p in known) + sum(named_count[p] for p in unknown)
        # "The Soviet Union was absent": a member named as not voting holds a seat too
        filled += named_count[Position.NON_VOTING]
        if seat_count is not None and filled == seat_count:
            for p in unknown:
                counts[p] = named_count[p]
                s.result.count_evidence[p] = "counted from the members the article names"
    elif unknown and seat_count is not None and len(s.named) == (len(s.seated) or seat_count):
        for p in COUNTED:
            counts[p] = named_count[p]
            s.result.count_evidence[p] = "counted from the members the article names"


def infer_unnamed_members(s: Settlement) -> None:
    """The members not named: the remaining position, when only one is possible."""
    unnamed = [code for code in s.seated if code not in s.named and code not in s.by_member]
    if not (s.seated and unnamed):
        return
    if all(s.counts[p] is not None for p in COUNTED):
        infer_from_the_tally(s, unnamed)
    elif len({r.position for r in s.reading.rests}) == 1:
        infer_from_the_rest(s, unnamed)
    else:
        s.warn(
            "The positions of " + ", ".join(s.name(c) for c in sorted(unnamed)) + " are not given."
        )
    for code, position in s.inferred.items():
        s.result.evidence[code] = Evidence(
            code,
            position,
            f"inferred from the counts and the Council's composition {s.on_day}",
            inferred=True,
        )


def infer_from_the_tally(s: Settlement, unnamed: list[str]) -> None:
    counts, named_count = s.counts, s.named_count
    non_voting = s.seat_count - sum(counts[p] for p in COUNTED)
    remaining = {
        p: (counts[p] if p != Position.NON_VOTING else non_voting) - named_count[p]
        for p in POSITIONS
    }
    open_positions = [p for p, n in remaining.items() if n > 0]
    if len(open_positions) == 1 and remaining[open_positions[0]] == len(unnamed):
        for code in unnamed:
            s.inferred[code] = open_positions[0]
    elif open_positions:
        s.warn(
            "The positions of "
            + ", ".join(s.name(c) for c in sorted(unnamed))
            + " are not given: "
            + ", ".join(f"{remaining[p]} '{p}'" for p in open_positions)
            + " remain."
        )


def infer_from_the_rest(s: Settlement, unnamed: list[str]) -> None:
    """ "The other members voted in favour": the members not named take it, when the
    other counts and the seats leave no doubt who they are; with every seat then
    placed, the counts follow from the positions."""
    rests, counts, named_count = s.reading.rests, s.counts, s.named_count
    position = rests[0].position
    value = next((r.value for r in rests if r.value is not None), None)
    if value is not None and value != len(unnamed):
        return
    if any(code in s.by_member and code not in s.named for code in s.seated):
        return  # a member named in two positions: who "the others" are is not sure
    excepted = {r.excepted for r in rests if r.excepted is not None}
    if excepted and excepted != {sum(1 for p in s.named.values() if p != position)}:
        return  # "all but three voted for", and not those three named: who they are is open
    total = named_count[position] + len(unnamed)
    if counts[position] is not None and counts[position] != total:
        s.warn(
            f"The article counts {counts[position]} '{position}' but says the other "
            f"members voted so, which makes {total}: left for the editor. "
            f"'{counts[position]}': \"{s.result.count_evidence[position]}\" "
            f"'the others': \"{rests[0].sentence.original.strip()}\""
        )
        return
    for code in unnamed:
        s.inferred[code] = position
    placed = Counter({**s.named, **s.inferred}.values())
    for p in COUNTED:
        if counts[p] is None:
            counts[p] = placed[p]
            s.result.count_evidence[p] = (
                rests[0].sentence.original
                if p == position
                else "counted from the members the article names"
            )


def check_counts(s: Settlement) -> None:
    """The counts against the seats, the members named against the counts."""
    counts, named_count, seat_count = s.counts, s.named_count, s.seat_count
    if all(counts[p] is not None for p in COUNTED):
        cast = sum(counts[p] for p in COUNTED)
        if cast > max(s.sizes):
            s.warn(
                f"The counts {counts[Position.FOR]}-{counts[Position.AGAINST]}-"
                f"{counts[Position.ABSTAIN]} add up to {cast}, more than the "
                f"{s.seats_text} seats."
            )
        elif seat_count is None:
            s.warn(
                f"The counts add up to {cast}; without the date of the vote the Council's "
                f"size is unknown ({s.seats_text} seats): the members not voting are left open."
            )
        else:
            counts[Position.NON_VOTING] = seat_count - cast
            if cast < seat_count and not named_count[Position.NON_VOTING]:
                s.warn(
                    f"The counts add up to {cast} of {seat_count} seats: "
                    f"{seat_count - cast} did not vote, or a count is missing."
                )
    for position in COUNTED:
        if counts[position] is not None and named_count[position] > counts[position]:
            s.warn(
                f"{named_count[position]} members are named as '{position}' but the count "
                f"is {counts[position]}."
            )
    vetoes_stated = [c.value for c in s.reading.counts if c.position == "veto"]
    if vetoes_stated and s.veto_said and vetoes_stated[0] != len(s.veto_said):
        s.warn(f"The article speaks of {vetoes_stated[0]} vetoes but names {len(s.veto_said)}.")
    elif s.unanimous_open:
        counts[Position.NON_VOTING] = 0  # every member voted in favour, on either Council
    s.result.counts = counts


def drop_number_of_a_failed_draft(s: Settlement) -> None:
    result = s.result
    if result.resolution_number is not None and result.outcome not in (None, str(Outcome.ADOPTED)):
        s.warn(
            f"Resolution {result.resolution_number} is named, but the vote was "
            f"{result.outcome}: the number is left out."
        )
        result.resolution_number = None


def record_positions(s: Settlement) -> None:
    result = s.result
    result.positions = s.positions
    for code, position in s.positions.items():
        if code in result.evidence and result.evidence[code].position != position:
            old = result.evidence[code]
            result.evidence[code] = Evidence(code, position, old.text, old.inferred)
    result.vetoed_by = sorted(c for c, p in s.positions.items() if p == Position.VETO)
    if not result.vote_date and not result.warnings:
        s.warn("No date of the vote in the article.")
