"""Merge the entries of one file into the record: match each entry to a stored vote
(by resolution number, draft symbol, else meeting and order within the meeting),
let the more certain source win each fact, and flag what disagrees.

- Dates and meetings: the library's meeting pages, then its veto list, then the
  site's CSV, then the community table. A community date with day and month
  swapped is corrected from the library's date and counted.
- Per-member positions: from the community table (or the site's CSV), checked
  against the library's tally and the Council's composition on the date
  (`rules.check_record`); vetoes checked against the veto list.
- What is uncertain is left out and the record is marked "needs review" with
  every reason (`resolutions.reviews.Reason`: a category the admin filters by, a
  detail, the file and line). Unknown names are a reason, never a new member state.
- Records entered by editors (and the curated bundled ones) are never changed: a
  difference becomes a review reason.

Everything is read into memory once; the file's changes are written with
bulk_create/bulk_update inside one transaction by `Reconciler.save()`.

The stages, one module each: `reading` (the record into memory), `matching`
(which stored vote an entry is), `facts` (date, meeting, symbols, tally, outcome,
each by `facts.take`), `describing` (title, subject, topics and sponsors),
`positions` (vetoes and members' votes), `settling` and `kind` (differences the
data at hand settles), `writing` (the rules' check, then the
database).
"""

from __future__ import annotations

from collections import Counter

from resolutions.reviews import Reason

from ..base import PRECEDENCE, Entry, check_limits
from .describing import Describing
from .facts import Facts, differs, set_tally, take
from .kind import Kind
from .matching import Matching
from .positions import Positions
from .reading import Reading
from .settling import MeetingDays, NumberGivenTwice, Settling
from .state import LABEL, PROTECTED, SOURCE_BY_TITLE, SOURCES, TYPOS, State, Summary, swapped
from .writing import Writing

__all__ = [
    "LABEL",
    "PROTECTED",
    "SOURCES",
    "SOURCE_BY_TITLE",
    "TYPOS",
    "Reconciler",
    "State",
    "Summary",
    "differs",
    "set_tally",
    "swapped",
    "take",
]


class Reconciler(Describing, Reading, Matching, Facts, Positions, Settling, Kind, Writing):
    def __init__(self) -> None:
        self.read_members()
        self.read_procedural()
        # What the library says of each meeting (Settling.learn_meetings): kept
        # across the files of a run.
        self.meeting_days: dict[str, MeetingDays] = {}
        self.closing_vote: dict[str, tuple[int | None, str]] = {}
        self.load()

    def load(self) -> None:
        super().load()
        self.numbers_given_twice: list[NumberGivenTwice] = []
        self.deleted: list[State] = []

    def merge_file(self, entries: list[Entry], progress=None) -> tuple[Summary, list[State]]:
        summary = Summary(entries=len(entries))
        for entry in entries:
            check_limits(entry)  # before anything is merged or written
        ordinal: Counter = Counter()
        touched: list[State] = []
        touched_ids: set[int] = set()
        self.learn_meetings(entries)
        entries = self.drop_other_votes(entries, touched, touched_ids, progress)
        for entry in entries:
            state = self.place(entry, ordinal, summary)
            if state is not None and id(state) not in touched_ids:
                touched_ids.add(id(state))
                touched.append(state)
            if progress is not None:
                progress.update(1)
        self.settle_file(touched)
        touched += [s for s in self.deleted if id(s) not in touched_ids]
        self.deleted = []
        for state in touched:
            if state.deleted:
                continue
            self.settle_record(state)
            self.check(state)
            state.seen_in_file = []
        return summary, touched

    def place(self, entry: Entry, ordinal: Counter, summary: Summary) -> State | None:
        """Merge one entry into the record it is (a new one if none); None when it
        is left out (a vote the file lists twice, or mislabels)."""
        if self.known_copy(entry):
            return None
        when = self.date_in_range(entry)
        self.settle_misplaced(entry)
        settled = self.vet_symbols(entry)
        state = self.find(entry, ordinal)
        given_twice = None
        if state is not None and state.seen_in_file and self.conflicts(state, entry):
            number = entry.resolution_number
            reasons = self.same_symbol_twice(state, entry)
            if reasons is None:
                return None
            first, given_twice = state, (number, reasons) if number else None
            state = self.find(entry, ordinal)
        if state is None:
            state = self.create(entry)
        if given_twice is not None:
            self.numbers_given_twice.append(
                NumberGivenTwice(given_twice[0], first, state, given_twice[1], entry.source)
            )
        elif state.seen_in_file and not self.conflicts(state, entry):
            first = state.seen_in_file[0]
            if entry.outcome != first.outcome:
                self.listed_twice(state, first, entry)
            return None  # the same vote listed twice with the same facts
        state.seen_in_file.append(entry)
        state.entries.append(entry)
        self.merge(state, entry, summary)
        for sentence in settled:
            state.settle(sentence)
        if isinstance(when, Reason):
            state.add_reason(when.category, when.detail)
        elif when:
            state.settle(when)
        return state

    def same_symbol_twice(self, state: State, entry: Entry) -> tuple[Reason, ...] | None:
        """The same symbol twice in one source with different facts: keep both
        votes, the second without the symbol the two share, and flag both (the
        reasons are returned: a later rule may settle them); unless a better
        source has the vote of that symbol, and this is another vote the file
        mislabels: named on the record and left out (None)."""
        first = state.seen_in_file[0]
        label = LABEL[entry.source]
        number = entry.resolution_number
        shared_number = number is not None and number == state.resolution.resolution_number
        symbol = f"S/RES/{number}" if shared_number else entry.draft_symbol
        if state.rank() < PRECEDENCE[entry.source]:
            state.add_reason(
                "duplicate symbol",
                f"the {label} gives {symbol} also to a vote of {entry.date} "
                f"({entry.outcome or 'no outcome'}) that disagrees with the record; left out",
                entry.where,
            )
            return None
        kept = Reason(
            "duplicate symbol",
            f"the {label} gives {symbol} also to the vote of {entry.date} "
            f"({entry.meeting or 'no meeting'})",
            entry.where,
        )
        state.add_reason(kept.category, kept.detail, kept.where)
        entry.note(
            "duplicate symbol",
            f"the {label} gives {symbol} to this vote and to the vote of {first.date} "
            f"({first.meeting or 'no meeting'}); stored without it",
        )
        if shared_number:
            entry.resolution_number = None
        else:
            # Only the draft symbol is shared: the vote keeps its own number.
            entry.draft_symbol = ""
        return kept, entry.notes[-1]

    def merge(self, state: State, entry: Entry, summary: Summary) -> None:
        self.merge_facts(state, entry, summary)
        self.merge_description(state, entry)
        if entry.vetoed_by:
            self.merge_vetoes(state, entry)
        if entry.positions or entry.rest_voted_for:
            self.merge_positions(state, entry)
        if not state.protected:
            state.sources.add(entry.source)
