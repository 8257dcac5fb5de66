"""Settling: differences between the sources that the data at hand settles, each
by an explicit rule that writes on the record which sources settled it
(`State.settle`) instead of leaving it flagged for review.

Per file, after its entries are merged (`settle_file`), then on each record
before the rules' check (`settle_record`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from resolutions import rules
from resolutions.reviews import Reason
from resolutions.rules import Outcome, Position

from ..base import LIBRARY_MEETINGS, LIBRARY_VETOES, PRECEDENCE, WPDL_VETOES, Entry
from .state import LABEL, State

# Sources that name who vetoed a draft: the library's veto list and any second
# veto list (a format whose entries give `vetoed_by` and nothing of the members'
# other votes).
VETO_LISTS = {LIBRARY_VETOES, WPDL_VETOES}
# How far from a number given twice to look for the number missing there.
NEAR = 12
# Sources whose dates are the days of the meetings (the library's).
LIBRARY = {LIBRARY_MEETINGS, LIBRARY_VETOES}


def day(on: dt.date) -> str:
    """9 January 1980."""
    return f"{on.day} {on:%B %Y}"


@dataclass(frozen=True)
class MeetingDays:
    """A meeting a source gives as held over several days."""

    first: dt.date
    last: dt.date
    source: str


@dataclass
class NumberGivenTwice:
    """A file gives one resolution number to two votes: `kept` holds it, `other`
    was stored without it; the reasons said so until settled."""

    number: int
    kept: State
    other: State
    reasons: tuple[Reason, ...]
    source: str


def given_draft(entry: Entry) -> str:
    """The draft symbol as the source gives it (before any is left out)."""
    return entry.given_draft or entry.draft_symbol


def year_of(symbol: str) -> int | None:
    match = re.match(r"^S/(\d{4})/\d+", symbol)
    return int(match.group(1)) if match else None


class Settling:
    # Before any entry is merged -----------------------------------------------------

    def learn_meetings(self, entries: list[Entry]) -> None:
        """What the library says of each meeting, read before any entry is merged
        (from every file of the run): the days of a meeting it gives as a range
        ('7-9 January 1980'), and the vote that closed each meeting on its pages
        (the last vote they list at it)."""
        for entry in entries:
            if not entry.meeting or entry.source not in LIBRARY:
                continue
            if entry.last_day is not None:
                self.meeting_days.setdefault(
                    entry.meeting, MeetingDays(entry.date, entry.last_day, entry.source)
                )
            if entry.source == LIBRARY_MEETINGS:
                self.closing_vote[entry.meeting] = (entry.resolution_number, given_draft(entry))

    def closed_the_meeting(self, entry: Entry) -> bool:
        number, draft = self.closing_vote.get(entry.meeting, (None, ""))
        return (number is not None and entry.resolution_number == number) or (
            bool(draft) and given_draft(entry) == draft
        )

    # Per entry, before matching -----------------------------------------------------

    def date_in_range(self, entry: Entry) -> Reason | str | None:
        """The day of a vote at a meeting held over several days. The vote that
        closed the meeting was taken on its last day (resolution 462 (1980), the
        last vote of the meeting of 7-9 January 1980: 9 January): the entry takes
        that day, and the sentence settling it is returned. Of any other vote, the
        sources do not say the day: a 'date uncertain' reason is returned (the
        entry keeps the day its source gives). None for a meeting of one day."""
        days = self.meeting_days.get(entry.meeting)
        if days is None or entry.source not in LIBRARY:
            return None
        if not days.first <= entry.date <= days.last:
            return None
        held = f"{day(days.first)} to {day(days.last)}"
        if self.closed_the_meeting(entry):
            entry.date = days.last
            return (
                f"Date: the {LABEL[days.source]} gives the meeting {entry.meeting} as held from "
                f"{held}; this vote closed the meeting (the last vote the library's page lists "
                f"at it), so it was taken on the last day, {day(days.last)}."
            )
        return Reason(
            "date uncertain",
            f"the {LABEL[days.source]} gives the meeting {entry.meeting} as held from {held}, "
            "and no source says on which of those days this vote was taken; the day given is "
            "the one its source gives",
        )

    def vet_symbols(self, entry: Entry) -> list[str]:
        """Symbols an entry gives that cannot be its vote's, taken off the entry
        before it is matched; what was taken off and why, to write on the record.

        - A draft symbol of another year than the vote (the community table gives
          S/1995/136 to resolution 1048 of 29 February 1996): a draft is issued in
          the year it is put to the vote, or the year before for a vote in January.
        - A resolution number that a better source gives to a vote of another year
          (the community table's "425 (2002)" for the vote of 22 July 2002, which
          the library gives as 1425; resolution 425 is of 1978).
        """
        said = []
        label = LABEL[entry.source]
        year = year_of(entry.draft_symbol)
        vote_year = entry.date.year
        if year is not None and not (
            year == vote_year or (year == vote_year - 1 and entry.date.month == 1)
        ):
            said.append(
                f"Draft symbol: the {label} gives {entry.draft_symbol}, a symbol of {year}, "
                f"to this vote of {vote_year}; a draft is issued in the year it is put to the "
                "vote, so the symbol is left out."
            )
            entry.draft_symbol = ""
        number = entry.resolution_number
        held = self.by_number.get(number) if number is not None else None
        renumbered = self.renumbered(entry, held)
        if renumbered is not None:
            # A number given to two votes, settled by an earlier run: this vote
            # holds another number now (said on the record then).
            entry.resolution_number = renumbered.resolution.resolution_number
            return said
        if (
            held is not None
            and held.resolution.date.year != vote_year
            and held.rank() < PRECEDENCE[entry.source]
        ):
            said.append(
                f"Resolution number: the {label} gives S/RES/{number} to this vote of "
                f"{entry.date}; S/RES/{number} is the vote of {held.resolution.date} "
                f"({LABEL[min(held.sources, key=PRECEDENCE.get)] if held.sources else 'record'})"
                ", so the number is left out and the vote matched by its meeting and draft."
            )
            entry.resolution_number = None
        return said

    def renumbered(self, entry: Entry, held: State | None) -> State | None:
        """The vote at the entry's meeting and date, with its tally, that a
        settled number given twice moved to another number (see settle_number)."""
        if held is None or not entry.meeting or held.resolution.meeting == entry.meeting:
            return None
        if held.resolution.date == entry.date:
            return None
        candidates = [
            s
            for s in self.by_meeting.get(entry.meeting, [])
            if s.resolution.date == entry.date
            and s.resolution.resolution_number not in (None, entry.resolution_number)
            and s.resolution.tally == entry.tally
            and s.settled
        ]
        return candidates[0] if len(candidates) == 1 else None

    def known_copy(self, entry: Entry) -> bool:
        """Whether the entry is a listing that a settlement on the record found to
        be a copy of its vote at another meeting (see settle_misplaced): left out."""
        state = self.by_draft.get(entry.draft_symbol) if entry.draft_symbol else None
        return (
            state is not None
            and bool(entry.meeting)
            and state.resolution.meeting != entry.meeting
            and state.left_out("Meeting", entry.meeting)
        )

    def settle_misplaced(self, entry: Entry) -> None:
        """A page that lists one draft at two meetings with the same tally (the
        library's page of 1963 has S/5407 vetoed at S/PV.1069 and not adopted at
        S/PV.1063; that of 1974 S/11400 at S/PV.1808 and S/PV.1788) stores it
        once with the symbol and once without. A second source that places the
        draft at one of the two meetings, on its day (the veto list: S/PV.1063,
        3 September 1963) settles it: the vote is there, and the other listing is
        a copy, left out; the vote without the symbol was the same vote."""
        symbol = entry.draft_symbol
        listed = self.by_draft.get(symbol) if symbol and entry.meeting else None
        if listed is None or listed.protected or listed.resolution.meeting == entry.meeting:
            return
        if not listed.has_reason("duplicate symbol"):
            return
        same = [
            s
            for s in self.by_meeting.get(entry.meeting, [])
            if not s.resolution.symbol
            and not s.protected
            and s.resolution.date == entry.date
            and s.resolution.tally == listed.resolution.tally
            and s.has_reason("duplicate symbol")
        ]
        if len(same) != 1:
            return
        copy = same[0]
        resolution = listed.resolution
        label = LABEL[entry.source]
        listed.settle(
            f"Meeting: the library's page lists {symbol} at {resolution.meeting} "
            f"({resolution.date}, {resolution.outcome}) and at {entry.meeting} ({entry.date}, "
            f"{copy.resolution.outcome}), with the same tally; the {label} gives "
            f"{entry.meeting} on {entry.date}: the vote is that one, and the listing at "
            f"{resolution.meeting} is a copy, left out."
        )
        self.by_meeting[resolution.meeting].remove(listed)
        resolution.meeting, resolution.date = entry.meeting, entry.date
        self.by_meeting[entry.meeting].remove(copy)
        self.by_meeting[entry.meeting].append(listed)
        listed.reasons = [r for r in listed.reasons if r.category != "duplicate symbol"]
        copy.deleted = True
        self.deleted.append(copy)

    def settle_vetoes(
        self, state: State, entry: Entry, codes: list[str], recorded: list[str]
    ) -> bool:
        """Who vetoed, where a source names fewer of the vetoing members than the
        library's veto list (the official list of vetoes, A/58/47 to 2004, kept by
        the library since), and none it does not name: the veto list is followed,
        whichever of the two is read first (the library's page of 1946 and the
        second veto list give the USSR alone on a vote of 26 June 1946 at which the
        veto list names France and the USSR). True if settled so."""
        if state.protected or entry.source == LIBRARY_VETOES and LIBRARY_VETOES in state.sources:
            return False
        if entry.source == LIBRARY_VETOES:
            fewer, more, other = recorded, codes, min(state.sources, key=PRECEDENCE.get, default="")
        elif LIBRARY_VETOES in state.sources:
            fewer, more, other = codes, recorded, entry.source
        else:
            return False
        if not set(fewer) < set(more) or other not in LABEL:
            return False
        state.settle(
            f"Vetoes: the {LABEL[other]} names {rules.join_names(sorted(fewer), self.names)}, "
            f"the veto list {rules.join_names(sorted(more), self.names)}; the record follows "
            "the veto list, the library's list of every veto cast."
        )
        for code in more:
            state.votes[code] = Position.VETO
        return True

    # Per file -----------------------------------------------------------------------

    def settle_file(self, touched: list[State]) -> None:
        for given in self.numbers_given_twice:
            self.settle_number(given)
        self.numbers_given_twice = []
        self.settle_shared_drafts(touched)

    def number_fits(self, state: State, number: int, besides: State | None = None) -> bool:
        """Whether a vote's date fits number `number` in the run of numbers on
        record: not before the number below it, not after the number above it
        (resolutions are numbered in the order adopted)."""
        day = state.resolution.date
        below = self.by_number.get(number - 1)
        above = self.by_number.get(number + 1)
        if below is None and above is None:
            return False
        return (below is None or below is besides or below.resolution.date <= day) and (
            above is None or above is besides or day <= above.resolution.date
        )

    def settle_number(self, given: NumberGivenTwice) -> None:
        """A number given to two votes: the one whose date fits the number keeps it;
        the other takes the one number missing near it that its date fits (the
        library's page of 1990 gives 663 to the votes of 14 August and of 13
        September; 666 is missing between 665 of 25 August and 667 of 16
        September). When the dates settle nothing, both stay flagged."""
        number, kept, other = given.number, given.kept, given.other
        if kept.protected or other.protected:
            return
        if other.resolution.outcome != Outcome.ADOPTED:
            return
        fits_kept, fits_other = self.number_fits(kept, number), self.number_fits(other, number)
        if fits_kept == fits_other:
            return
        holder, moved = (kept, other) if fits_kept else (other, kept)
        missing = [
            n
            for n in range(max(1, number - NEAR), number + NEAR + 1)
            if n not in self.by_number and self.number_fits(moved, n)
        ]
        if len(missing) != 1:
            return
        label = LABEL[given.source]
        for state in (kept, other):
            state.drop_reasons(*given.reasons)
        if holder is other:
            del self.by_number[number]
            other.resolution.resolution_number = number
        moved.resolution.resolution_number = missing[0]
        self.by_number[number] = holder
        self.by_number[missing[0]] = moved
        moved.settle(
            f"Resolution number: the {label} gives S/RES/{number} to this vote and to the "
            f"vote of {holder.resolution.date}; by the dates of the numbers around them "
            f"({label}), S/RES/{number} is that vote's and this one is S/RES/{missing[0]}, "
            "the number otherwise missing."
        )
        holder.settle(
            f"Resolution number: the {label} gives S/RES/{number} also to the vote of "
            f"{moved.resolution.date}, which the dates of the numbers around them show to "
            f"be S/RES/{missing[0]}."
        )

    def settle_shared_drafts(self, touched: list[State]) -> None:
        """A draft symbol a source gives to two adopted resolutions of different
        numbers (the community table gives S/2006/372 to 1684 and 1685): a draft
        is one vote's, and the source does not say which: left out of both."""
        holders: dict[str, list[State]] = {}
        for state in touched:
            for entry in state.entries:
                symbol = entry.given_draft
                if symbol and not state.protected and state not in holders.get(symbol, []):
                    holders.setdefault(symbol, []).append(state)
        for symbol, states in holders.items():
            numbers = {s.resolution.resolution_number for s in states}
            if len(states) < 2 or None in numbers or len(numbers) < len(states):
                continue
            shown = ", ".join(f"S/RES/{n}" for n in sorted(numbers))
            for state in states:
                if state.resolution.draft_symbol == symbol:
                    state.resolution.draft_symbol = ""
                state.reasons = [
                    r
                    for r in state.reasons
                    if not (r.category == "duplicate symbol" and symbol in r.detail)
                ]
                state.settle(
                    f"Draft symbol: the community table gives {symbol} to {shown}; a draft is "
                    "put to one vote, and no source says which: left out."
                )
            self.by_draft.pop(symbol, None)

    # Per entry's members' votes -------------------------------------------------------

    def settle_rows_of_another_council(
        self, state: State, entry: Entry, counted: rules.Tally | None = None, before: int = -1
    ) -> bool:
        """A source of members' votes whose rows for a vote name states not on the
        Council that day, and contradict what a better source gives (a tally the
        rows do not add up to, or 'adopted without a vote'), holds another vote's
        rows (the community table's 1995 votes list other years' Councils): its
        rows are left out, and no cause to review the record, which keeps the
        better source's facts. Where that tally is unanimous, the seats of the
        day give every member's vote: in favour. True if settled so."""
        resolution = state.resolution
        if state.protected or state.rank() >= PRECEDENCE[entry.source]:
            return False
        seated = self.seated(resolution.date)
        codes = {self.resolve(name) for name, _, _ in entry.positions}
        strangers = sorted(c for c in codes if c is not None and c not in seated)
        tally = resolution.tally
        if not strangers or (tally is None and not resolution.adopted_without_vote):
            return False
        if before >= 0:
            state.reasons[before:] = [
                r
                for r in state.reasons[before:]
                if r.category not in ("not seated", "member twice", "unknown name")
            ]
        label, better = LABEL[entry.source], LABEL[min(state.sources, key=PRECEDENCE.get)]
        names = ", ".join(self.names[c] for c in strangers)
        said = (
            f"Members' votes: the {label}'s rows for this vote name {len(strangers)} "
            f"{'state' if len(strangers) == 1 else 'states'} not on the Council on "
            f"{resolution.date} ({names})"
        )
        vetoes = {c: p for c, p in state.votes.items() if p == Position.VETO}
        seat_count = rules.seats(resolution.date)
        if resolution.adopted_without_vote:
            said += f" and give votes on a text the {better} gives as adopted without a vote"
            state.votes, resolution.votes_recorded = {}, False
        elif tally.yes == seat_count and len(seated) == seat_count:
            said += (
                f" and add up to {counted}, not the {better}'s {tally}: they are another vote's "
                f"and are left out. A tally of {tally} with {seat_count} members seated means "
                "every member voted in favour"
            )
            state.votes = dict.fromkeys(seated, Position.FOR)
            resolution.votes_recorded = True
        else:
            said += (
                f" and add up to {counted}, not the {better}'s {tally}: they are another vote's "
                f"and are left out; the record keeps the {better}'s tally, and who voted how is "
                "not on record"
            )
            state.votes, resolution.votes_recorded = vetoes, False
        if resolution.adopted_without_vote:
            said += ": they are another vote's and are left out"
        state.settle(said + ".")
        return True

    # Per record ---------------------------------------------------------------------

    def settle_record(self, state: State) -> None:
        if state.protected:
            return
        if state.resolution.adopted_without_vote:
            # No tally to know: a page giving none is no gap.
            state.reasons = [r for r in state.reasons if r.category != "tally unknown"]
        self.settle_veto_by_tally(state)
        self.settle_procedural(state)  # kind.py

    def settle_veto_by_tally(self, state: State) -> None:
        """A draft recorded as 'not adopted' whose tally had the votes it needed,
        with a veto list naming the permanent member whose negative vote blocked
        it, was vetoed (S/5134, 1962: 7-2-2, the USSR)."""
        resolution = state.resolution
        tally = resolution.tally
        vetoes = sorted(c for c, p in state.votes.items() if p == Position.VETO)
        if (
            resolution.outcome not in (Outcome.FAILED, Outcome.VETOED)
            or resolution.procedural
            or tally is None
            or not vetoes
            or tally.yes < rules.required_votes(resolution.date)
            or not state.sources & VETO_LISTS
        ):
            return
        if resolution.outcome == Outcome.VETOED and not state.settled:
            return
        resolution.outcome = Outcome.VETOED
        state.reasons = [
            r
            for r in state.reasons
            if not (r.category == "outcome mismatch" and "vetoed" in r.detail)
        ]
        state.settle(
            f"Outcome: the library's page says 'not adopted'; its tally ({tally}) has the "
            f"{rules.required_votes(resolution.date)} votes needed and the veto list names "
            f"{', '.join(self.names[c] for c in vetoes)}: a draft that had the votes and "
            "fell to a permanent member's negative vote was vetoed."
        )


def settle_without_a_vote(state: State, entry: Entry) -> bool:
    """A source says 'adopted by acclamation' (or without a vote) where the
    library gives no tally: adopted without a vote, no tally and no positions
    (resolutions 1987 (2011) and 2311 (2016)). True if settled so."""
    resolution = state.resolution
    untallied = resolution.tally is None or state.has_reason("tally unknown")
    if state.protected or not untallied or resolution.outcome not in ("", Outcome.ADOPTED):
        return False
    resolution.adopted_without_vote = True
    resolution.votes_for = resolution.votes_against = resolution.votes_abstain = None
    state.votes = {}
    state.reasons = [r for r in state.reasons if r.category != "tally unknown"]
    state.settle(
        f"Adopted without a vote: the library's page gives no tally, and the "
        f"{LABEL[entry.source]} says it was adopted by acclamation (without a vote)."
    )
    return True
