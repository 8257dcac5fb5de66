"""Merging facts: each fact of an entry (date, meeting, symbols, subject, kind of
vote, tally, outcome) is taken from the entry's source, or not and why not, by
`take`: the more certain source wins; a record entered by an editor is never
changed (a difference becomes a review reason)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from resolutions import rules
from resolutions.models import Resolution

from ..base import COMMUNITY, LIBRARY_MEETINGS, WPDL_VETOES, Entry
from .settling import day, settle_without_a_vote
from .state import LABEL, State, Summary, swapped

# The subject fields hold 500 characters.
TEXT_LIMIT = 500


def set_tally(resolution: Resolution, tally: rules.Tally) -> None:
    resolution.votes_for = tally.yes
    resolution.votes_against = tally.against
    resolution.votes_abstain = tally.abstain


# Facts where the library's pages outrank the community table outright: a
# difference between the two is settled for the library, not flagged.
LIBRARY_FIRST = {"date", "meeting"}
# Sources read only to confirm who vetoed: their dates and meetings serve to find
# the vote, and a difference from the library's is settled for the library (the
# second veto list gives a meeting of several days as its last day).
READ_FOR_VETOES = {WPDL_VETOES}


def differs(state: State, entry: Entry, name: str, theirs, ours, shown=str) -> None:
    """Say that the entry's source gives another `name` than the record."""
    label = LABEL[entry.source]
    ours = "none" if ours in ("", None) else shown(ours)
    said = f"the {label} gives {shown(theirs)}, the record {ours}"
    sources = {entry.source, *state.sources}
    if name in LIBRARY_FIRST and not state.protected and sources == {LIBRARY_MEETINGS, COMMUNITY}:
        library = ours if entry.source == COMMUNITY else shown(theirs)
        community = shown(theirs) if entry.source == COMMUNITY else ours
        state.settle(
            f"{name.capitalize()}: the community table gives {community}, the library's "
            f"page {library}; the record follows the library."
        )
        return
    if name in LIBRARY_FIRST and entry.source in READ_FOR_VETOES:
        if LIBRARY_MEETINGS in state.sources and not state.protected:
            state.settle(
                f"{name.capitalize()}: the {label} gives {shown(theirs)}, the record {ours} "
                "from the library's pages; the list is read for who vetoed, and the record "
                "follows the library."
            )
        return  # not a fact the list gives the record
    if state.protected:
        state.add_reason("editor record differs", f"{name}: {said}")
    else:
        state.add_reason(f"{name} mismatch", said)


def take(
    state: State,
    entry: Entry,
    name: str,
    theirs: Any,
    ours: Any,
    assign: Callable[[Any], None],
    *,
    overwrite: bool = True,
    quiet: bool = False,
    shown=str,
) -> bool:
    """Take the fact `name` from the entry's source, or say why not.

    Nothing to take when the source does not give it or gives what the record
    has. A fact the record lacks is taken, but never into an editor's record. A
    different fact replaces the record's only where the source outranks the
    record's sources (`overwrite`), and the difference is a review reason either
    way (unless `quiet`: a subject's wording is no disagreement). True if taken.
    """
    if theirs in ("", None) or theirs == ours:
        return False
    if ours in ("", None) and not state.protected:
        assign(theirs)
        return True
    if quiet:
        return False
    differs(state, entry, name, theirs, ours, shown)
    if overwrite and state.wins(entry) and not state.protected:
        assign(theirs)
        return True
    return False


class Facts:
    def unanimous_tally(self, state: State, entry: Entry) -> rules.Tally | None:
        """'Adopted unanimously' with no tally: every member seated that day voted
        for it, when the Council's composition that day is on record."""
        seated = self.seated(entry.date)
        seat_count = rules.seats(entry.date)
        label = LABEL[entry.source]
        if len(seated) != seat_count:
            state.add_reason(
                "tally unknown",
                f"the {label} says 'adopted unanimously' without a tally, and the "
                f"Council's composition on {entry.date} is not on record",
                entry.where,
            )
            return None
        tally = rules.Tally(seat_count, 0, 0)
        if state.resolution.tally not in (None, tally):
            return tally  # a tally on record that says otherwise: a difference to review
        state.settle(
            f"Tally: the {label} says 'adopted unanimously'; the {seat_count} members "
            f"seated on {entry.date} (the Council's terms on record) make it {tally}."
        )
        return tally

    def settle_swapped_tally(self, state: State, entry: Entry) -> bool:
        """A source's tally with the votes against and the abstentions the wrong way
        round (the library's page gives 13-0-2 for S/2022/431, 13-2-0): settled for
        the record where every seated member's vote is on record, the votes add up
        to the record's tally, and the vetoes on record are among its votes
        against. True if settled so."""
        resolution, theirs = state.resolution, entry.tally
        ours = resolution.tally
        if theirs is None or ours is None or theirs == ours:
            return False
        if (theirs.yes, theirs.against, theirs.abstain) != (ours.yes, ours.abstain, ours.against):
            return False
        seated = self.seated(resolution.date)
        vetoes = sum(p == rules.Position.VETO for p in state.votes.values())
        if (
            not resolution.votes_recorded
            or set(seated) != set(state.votes)
            or rules.tally_of(state.votes.values()) != ours
            or vetoes > ours.against
        ):
            return False
        state.settle(
            f"Tally: the {LABEL[entry.source]} gives {theirs}; the votes of all "
            f"{len(seated)} members on record add up to {ours}, the same figures with the "
            "votes against and the abstentions the wrong way round: the record keeps "
            f"{ours}."
        )
        return True

    def merge_facts(self, state: State, entry: Entry, summary: Summary) -> None:
        for note in entry.notes:
            state.add_reason(note.category, note.detail, note.where)
        self.merge_date(state, entry, summary)
        resolution = state.resolution
        take(
            state,
            entry,
            "meeting",
            entry.meeting,
            resolution.meeting,
            lambda v: setattr(resolution, "meeting", v),
        )
        self.merge_symbols(state, entry)
        self.merge_kind(state, entry)
        self.merge_outcome(state, entry)

    def merge_date(self, state: State, entry: Entry, summary: Summary) -> None:
        resolution = state.resolution
        wins = state.wins(entry)
        if entry.date != resolution.date:
            corrected = entry.date_unsure and swapped(entry.date) == resolution.date
            older_swapped = (
                wins and COMMUNITY in state.sources and swapped(resolution.date) == entry.date
            )
            if corrected or older_swapped:
                # Counted only where a stored value takes the corrected date: the
                # record's date changes, or the community's vote is merged into the
                # record for the first time (a new record included); not again
                # when a later run reads the same vote.
                if state.protected:
                    pass  # the record's date stays as the editor gave it
                elif older_swapped:
                    summary.dates_corrected += 1
                    resolution.date = entry.date
                elif entry.source not in state.sources:
                    summary.dates_corrected += 1
            elif self.same_meeting_days(state, entry):
                pass
            elif not state.new:
                differs(state, entry, "date", entry.date, resolution.date)
                if wins and not state.protected:
                    resolution.date = entry.date
        elif (
            entry.date_unsure
            and state.new
            and entry.date not in self.meeting_dates(entry.meeting, besides=state)
        ):
            state.add_reason(
                "date uncertain",
                "the community table's dates before 2023 often have day and month swapped, "
                "and no library page gives this vote's date",
                entry.where,
            )

    def same_meeting_days(self, state: State, entry: Entry) -> bool:
        """A source that gives another day of the same meeting held over several
        days than the record, where the library's dates settled the record's
        (Settling.date_in_range): the source dates the vote by the meeting, no
        difference to review. True if so (said on the record)."""
        resolution = state.resolution
        days = self.meeting_days.get(resolution.meeting)
        if days is None or state.protected or entry.meeting not in ("", resolution.meeting):
            return False
        if not days.first <= entry.date <= days.last or not (
            days.first <= resolution.date <= days.last
        ):
            return False
        state.settle(
            f"Date: the {LABEL[entry.source]} gives {day(entry.date)}, a day of the meeting "
            f"{resolution.meeting}, which the {LABEL[days.source]} gives as held from "
            f"{day(days.first)} to {day(days.last)}; the record keeps the day the library's "
            "dates give the vote."
        )
        return True

    def merge_symbols(self, state: State, entry: Entry) -> None:
        resolution = state.resolution

        def assign(name: str, index: dict | None):
            def setter(value) -> None:
                setattr(resolution, name, value)
                if index is not None:
                    index.setdefault(value, state)

            return setter

        draft = entry.draft_symbol
        held = self.by_draft.get(draft)
        if held is not None and held is not state and held.resolution.resolution_number:
            draft = ""  # another resolution's draft by this source: settled per file
        if state.left_out("Draft symbol", draft):
            draft = ""
        take(
            state,
            entry,
            "draft symbol",
            draft,
            resolution.draft_symbol,
            assign("draft_symbol", self.by_draft),
            overwrite=False,
        )
        take(
            state,
            entry,
            "resolution number",
            entry.resolution_number,
            resolution.resolution_number,
            assign("resolution_number", self.by_number),
            overwrite=False,
        )
        for name in ("agenda_item", "title"):
            theirs = getattr(entry, name)
            if len(theirs) > TEXT_LIMIT:
                theirs = theirs[: TEXT_LIMIT - 1] + "…"
            ours = getattr(resolution, name)
            take(state, entry, name, theirs, ours, assign(name, None), quiet=True)

    def merge_kind(self, state: State, entry: Entry) -> None:
        """Procedural (only the votes CSV says so, deduced from its members' votes)
        and adopted without a vote."""
        resolution = state.resolution
        wins = state.wins(entry) and not state.protected
        if entry.procedural and not resolution.procedural:
            if wins:
                resolution.procedural = True
            else:
                differs(state, entry, "procedural", "a procedural vote", "a substantive vote")
        if entry.adopted_without_vote:
            if state.new or wins:
                resolution.adopted_without_vote = True
            elif not resolution.adopted_without_vote and not settle_without_a_vote(state, entry):
                differs(state, entry, "outcome", "adopted without a vote", "a vote")

    def merge_outcome(self, state: State, entry: Entry) -> None:
        resolution = state.resolution
        if entry.unanimous and entry.tally is None:
            entry.tally = self.unanimous_tally(state, entry)
        if self.settle_swapped_tally(state, entry):
            entry.tally = resolution.tally
        take(
            state,
            entry,
            "tally",
            entry.tally,
            resolution.tally,
            lambda tally: set_tally(resolution, tally),
        )
        outcome = entry.outcome
        if not outcome and entry.tally is not None:
            outcome = rules.outcome_of(tally=entry.tally, on=entry.date, procedural=False) or ""
        take(
            state,
            entry,
            "outcome",
            outcome,
            resolution.outcome,
            lambda value: setattr(resolution, "outcome", value),
        )
        if (
            resolution.outcome != rules.Outcome.ADOPTED
            and resolution.resolution_number is not None
            and not state.protected
        ):
            state.add_reason(
                "symbol",
                f"the record's outcome is '{resolution.outcome}' but a source gives "
                f"S/RES/{resolution.resolution_number}; the number is left out",
            )
            resolution.resolution_number = None
