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
  every reason, one a line, as "<category>: <details>" (the admin filters by the
  category). Unknown names are a reason, never a new member state.
- Records entered by editors (and the curated bundled ones) are never changed: a
  difference becomes a review reason.

Everything is read into memory once; the file's changes are written with
bulk_create/bulk_update inside one transaction by `Reconciler.save()`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from resolutions import rules
from resolutions.models import (
    CouncilTerm,
    MemberState,
    Resolution,
    Source,
    Vote,
    normalise_name,
)
from resolutions.rules import Outcome, Position

from .base import (
    COMMUNITY,
    LIBRARY_MEETINGS,
    LIBRARY_VETOES,
    PRECEDENCE,
    SITE_CSV,
    Entry,
    SourceError,
)

# Typos seen in the sources -> the name they misspell. Only misspellings that
# cannot mean another state; resolved through the member states' names.
TYPOS = {
    "ethipia": "Ethiopia",
    "rusia": "Russian Federation",
}

# How each source is cited on a record (Source rows): also tells later imports which
# sources a record's facts came from.
SOURCES = {
    LIBRARY_MEETINGS: (
        Source.Kind.UN_LIBRARY,
        "UN Dag Hammarskjöld Library: Meetings conducted by the Security Council",
        "https://research.un.org/en/docs/sc/quick/meetings",
    ),
    LIBRARY_VETOES: (
        Source.Kind.UN_LIBRARY,
        "UN Dag Hammarskjöld Library: Security Council - Veto List",
        "https://research.un.org/en/docs/sc/quick/veto",
    ),
    COMMUNITY: (
        Source.Kind.DATASET,
        "Voting-Agent community table of Security Council votes",
        "https://github.com/oliverunv/Voting-Agent",
    ),
}
SOURCE_BY_TITLE = {title: name for name, (_, title, _) in SOURCES.items()}
LABEL = {
    LIBRARY_MEETINGS: "library",
    LIBRARY_VETOES: "veto list",
    COMMUNITY: "community table",
    SITE_CSV: "votes CSV",
}
PROTECTED = {Resolution.Origin.EDITOR, Resolution.Origin.BUNDLED}
RULE_PREFIX = "rules/"
# Reasons that mark a vote one source gives without a symbol (matched by meeting).
NO_SYMBOL = ("no symbol:", "no draft symbol:")
FIELDS = [
    "draft_symbol",
    "resolution_number",
    "title",
    "agenda_item",
    "date",
    "meeting",
    "procedural",
    "adopted_without_vote",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "votes_recorded",
    "outcome",
    "review_status",
    "review_reasons",
]
# The only fields an import writes on a protected record.
REVIEW_FIELDS = ["review_status", "review_reasons"]


def swapped(day: dt.date) -> dt.date | None:
    try:
        return day.replace(month=day.day, day=day.month)
    except ValueError:
        return None


@dataclass
class State:
    """One record as the import sees it: the stored row and its votes, changed in
    memory, written back by `Reconciler.save()`."""

    resolution: Resolution
    votes: dict[str, str]
    sources: set[str]
    new: bool = False
    before: tuple = ()
    votes_before: dict[str, str] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    seen_in_file: list[Entry] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    @property
    def protected(self) -> bool:
        return self.resolution.origin in PROTECTED

    def snapshot(self) -> tuple:
        return tuple(getattr(self.resolution, f) for f in FIELDS)

    def rank(self) -> int:
        """The best (lowest) precedence among the sources behind the record's facts."""
        if self.protected:
            return -1
        return min((PRECEDENCE[s] for s in self.sources), default=99)


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Review categories of each record read, by record (its pk): a record read
    # from several files of a run is counted once, with its reasons after the last.
    reviews: dict[int, frozenset[str]] = field(default_factory=dict)
    # Swapped community dates corrected in a stored value: a new record's date, a
    # date changed, or the community's vote merged into a record the first time.
    dates_corrected: int = 0
    entries: int = 0
    changes: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> Counter:
        """Records read that need review, by reason category."""
        return Counter(c for categories in self.reviews.values() for c in categories)

    def add(self, other: Summary) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.reviews.update(other.reviews)
        self.dates_corrected += other.dates_corrected
        self.entries += other.entries


class Reconciler:
    def __init__(self) -> None:
        self.names_index = MemberState.objects.name_index()
        for typo, name in TYPOS.items():
            code = self.names_index.get(normalise_name(name))
            if code:
                self.names_index.setdefault(typo, code)
        self.names = dict(MemberState.objects.values_list("code", "name"))
        self.terms = list(CouncilTerm.objects.values_list("member_id", "start", "end", "permanent"))
        self._seated: dict[dt.date, dict[str, bool]] = {}
        self.load()

    # Reading the record -----------------------------------------------------------

    def load(self) -> None:
        self.states: list[State] = []
        self.by_number: dict[int, State] = {}
        self.by_draft: dict[str, State] = {}
        self.by_meeting: dict[str, list[State]] = defaultdict(list)
        self.slugs: set[str] = set()
        votes: dict[int, dict[str, str]] = defaultdict(dict)
        for rid, code, position in Vote.objects.values_list(
            "resolution_id", "member_id", "position"
        ):
            votes[rid][code] = position
        sources: dict[int, set[str]] = defaultdict(set)
        for rid, title in Source.objects.filter(title__in=SOURCE_BY_TITLE).values_list(
            "resolution_id", "title"
        ):
            sources[rid].add(SOURCE_BY_TITLE[title])
        for resolution in Resolution.objects.order_by("date", "pk"):
            state = State(resolution, votes[resolution.pk], sources[resolution.pk])
            state.before = state.snapshot()
            state.votes_before = dict(state.votes)
            state.reasons = resolution.review_reason_list
            self.index(state)

    def index(self, state: State) -> None:
        resolution = state.resolution
        self.states.append(state)
        self.slugs.add(resolution.slug)
        if resolution.resolution_number is not None:
            self.by_number.setdefault(resolution.resolution_number, state)
        if resolution.draft_symbol:
            self.by_draft.setdefault(resolution.draft_symbol, state)
        self.by_meeting[resolution.meeting or resolution.date.isoformat()].append(state)

    def seated(self, on: dt.date) -> dict[str, bool]:
        if on not in self._seated:
            self._seated[on] = {
                code: permanent
                for code, start, end, permanent in self.terms
                if start <= on and (end is None or end >= on)
            }
        return self._seated[on]

    def resolve(self, name: str) -> str | None:
        if name in self.names:
            return name
        return self.names_index.get(normalise_name(name))

    # Matching ---------------------------------------------------------------------

    def find(self, entry: Entry, ordinal: Counter) -> State | None:
        if entry.resolution_number is not None:
            state = self.by_number.get(entry.resolution_number)
            if state is not None:
                return state
        if entry.draft_symbol:
            state = self.by_draft.get(entry.draft_symbol)
            if state is not None:
                return state
        if entry.draft_symbol:
            # S/18087/Rev.1 in one source is S/18087 in another, on the same day.
            base = re.sub(r"/Rev\.\d+$", "", entry.draft_symbol)
            state = self.by_draft.get(base)
            if base != entry.draft_symbol and state and state.resolution.date == entry.date:
                return state
        if entry.meeting and (entry.resolution_number is not None or entry.draft_symbol):
            # A vote the other source gave without a symbol, alone at its meeting.
            alone = [
                s
                for s in self.by_meeting.get(entry.meeting, [])
                if not s.resolution.symbol
                and s.resolution.outcome in ("", entry.outcome)
                and entry.source not in s.sources
                and not s.seen_in_file
            ]
            if len(alone) == 1 and len(self.by_meeting[entry.meeting]) == 1:
                return alone[0]
            # The only vote of its meeting, known to one source by its draft symbol
            # and to the other by its resolution number (S/2019/725 is resolution
            # 2487 (2019), S/PV.8616), on the same day (or the day with day and month
            # swapped) and with the same outcome.
            only = self.by_meeting.get(entry.meeting, [])
            if len(only) == 1:
                resolution = only[0].resolution
                days = {entry.date, swapped(entry.date) if entry.date_unsure else None}
                if (
                    (entry.resolution_number is None) != (resolution.resolution_number is None)
                    and bool(entry.draft_symbol) != bool(resolution.draft_symbol)
                    and resolution.date in days
                    and entry.outcome in ("", resolution.outcome)
                    and entry.source not in only[0].sources
                    and not only[0].seen_in_file
                ):
                    return only[0]
        if entry.resolution_number is None and not entry.draft_symbol:
            key = entry.meeting or entry.date.isoformat()
            candidates = [
                s
                for s in self.by_meeting.get(key, [])
                if (not s.resolution.symbol or any(r.startswith(NO_SYMBOL) for r in s.reasons))
                and (entry.meeting or s.resolution.date == entry.date)
                and (entry.source != LIBRARY_VETOES or s.resolution.outcome == Outcome.VETOED)
            ]
            number = ordinal[key]
            ordinal[key] += 1
            if number < len(candidates):
                return candidates[number]
        return None

    def meeting_dates(self, meeting: str, besides: State | None = None) -> set[dt.date]:
        """The dates the record gives a meeting's other votes (one, but for bad sources)."""
        if not meeting:
            return set()
        return {s.resolution.date for s in self.by_meeting.get(meeting, []) if s is not besides}

    def create(self, entry: Entry) -> State:
        date = entry.date
        known = self.meeting_dates(entry.meeting)
        if entry.date_unsure and date not in known and swapped(date) in known:
            # A vote no other source lists (an amendment), at a meeting whose date the
            # library gives: the community table's swapped date is corrected (merge
            # counts it).
            date = swapped(date)
        resolution = Resolution(
            draft_symbol=entry.draft_symbol,
            resolution_number=entry.resolution_number,
            date=date,
            meeting=entry.meeting,
            outcome=entry.outcome or "",
            origin=Resolution.Origin.IMPORT,
            votes_recorded=False,
        )
        state = State(resolution, {}, set(), new=True)
        base = resolution.make_slug()
        slug, number = base, 1
        while slug in self.slugs:
            number += 1
            slug = f"{base}-{number}"
        resolution.slug = slug
        self.index(state)
        return state

    # Merging ------------------------------------------------------------------------

    def merge_file(self, entries: list[Entry], progress=None) -> tuple[Summary, list[State]]:
        summary = Summary(entries=len(entries))
        ordinal: Counter = Counter()
        touched: list[State] = []
        touched_ids: set[int] = set()
        entries = self.drop_other_votes(entries, touched, touched_ids, progress)
        for entry in entries:
            state = self.find(entry, ordinal)
            if state is not None and state.seen_in_file and self.conflicts(state, entry):
                # The same symbol twice in one source with different facts: keep
                # both votes, the second without the symbol, and flag both; unless a
                # better source has the vote of that symbol, and this is another
                # vote the file mislabels: named on the record and left out.
                first = state.seen_in_file[0]
                symbol = (
                    f"S/RES/{entry.resolution_number}"
                    if entry.resolution_number
                    else entry.draft_symbol
                )
                if state.rank() < PRECEDENCE[entry.source]:
                    self.add_reason(
                        state,
                        f"duplicate symbol: the {LABEL[entry.source]} gives {symbol} also to a "
                        f"vote of {entry.date} ({entry.outcome or 'no outcome'}, {entry.where}) "
                        "that disagrees with the record; left out",
                    )
                    if progress is not None:
                        progress.update(1)
                    continue
                self.add_reason(
                    state,
                    f"duplicate symbol: the {LABEL[entry.source]} gives {symbol} also to the "
                    f"vote of {entry.date} ({entry.meeting or 'no meeting'}, {entry.where})",
                )
                note = (
                    f"duplicate symbol: the {LABEL[entry.source]} gives {symbol} to this vote "
                    f"({entry.where}) and to the vote of {first.date} "
                    f"({first.meeting or 'no meeting'}); stored without it"
                )
                entry.notes.append(note)
                entry.resolution_number = None
                entry.draft_symbol = ""
                state = self.find(entry, ordinal)
            if state is None:
                state = self.create(entry)
            elif state.seen_in_file and not self.conflicts(state, entry):
                first = state.seen_in_file[0]
                if entry.outcome != first.outcome:
                    self.listed_twice(state, first, entry)
                if progress is not None:
                    progress.update(1)
                continue  # the same vote listed twice with the same facts
            state.seen_in_file.append(entry)
            state.entries.append(entry)
            self.merge(state, entry, summary)
            if id(state) not in touched_ids:
                touched_ids.add(id(state))
                touched.append(state)
            if progress is not None:
                progress.update(1)
        for state in touched:
            self.check(state)
            state.seen_in_file = []
        return summary, touched

    def fit(self, state: State, entry: Entry) -> int:
        """How well a source's vote agrees with a stored one: date (or the date
        with day and month swapped), meeting, outcome, and the tally its members'
        votes add up to."""
        resolution = state.resolution
        score = 0
        if resolution.date in (entry.date, entry.date_unsure and swapped(entry.date)):
            score += 2
        if entry.meeting and entry.meeting == resolution.meeting:
            score += 1
        if entry.outcome and entry.outcome == resolution.outcome:
            score += 1
        if entry.positions and resolution.tally is not None:
            counted = rules.tally_of(p for _, p, _ in entry.positions)
            score += 2 if counted == resolution.tally else 0
        return score

    def drop_other_votes(
        self, entries: list[Entry], touched: list[State], touched_ids: set[int], progress
    ) -> list[Entry]:
        """Where a file gives one symbol to several votes, and a better source
        (the library) already has the vote of that symbol, only the file's vote
        that agrees best with it is merged; the others are votes the file
        mislabels (the community table gives S/1995/394 twice, once under another
        agenda item as adopted; S/2020/667 to a failed vote of July 2020). They are
        named on the record and left out, never stored as votes of their own. When
        no single one agrees best, none is merged."""
        by_symbol: dict[tuple, list[Entry]] = defaultdict(list)
        for entry in entries:
            if entry.resolution_number is not None:
                by_symbol[("number", entry.resolution_number)].append(entry)
            elif entry.draft_symbol:
                by_symbol[("draft", entry.draft_symbol)].append(entry)
        dropped: set[int] = set()
        for (kind, symbol), group in by_symbol.items():
            if len(group) < 2:
                continue
            state = (self.by_number if kind == "number" else self.by_draft).get(symbol)
            if state is None or state.rank() >= PRECEDENCE[group[0].source]:
                continue
            scores = [self.fit(state, entry) for entry in group]
            best = max(scores)
            keep = group[scores.index(best)] if scores.count(best) == 1 else None
            shown = f"S/RES/{symbol}" if kind == "number" else symbol
            for entry in group:
                if entry is keep:
                    continue
                dropped.add(id(entry))
                self.add_reason(
                    state,
                    f"duplicate symbol: the {LABEL[entry.source]} gives {shown} also to a vote "
                    f"of {entry.date} ({entry.outcome or 'no outcome'}, {entry.where}) that "
                    f"agrees {'less ' if keep else 'no better '}with the record; left out",
                )
            if id(state) not in touched_ids:
                touched_ids.add(id(state))
                touched.append(state)
        if dropped and progress is not None:
            progress.update(len(dropped))
        return [entry for entry in entries if id(entry) not in dropped]

    def conflicts(self, state: State, entry: Entry) -> bool:
        """Whether a second entry of a file with the same symbol is another vote:
        not when it has the same date, meeting and members' votes (S/1996/952 is
        listed twice, once as adopted, once as vetoed: one vote)."""
        first = state.seen_in_file[0]
        if first.positions and (first.date, first.meeting) == (entry.date, entry.meeting):
            return sorted(p[:2] for p in first.positions) != sorted(p[:2] for p in entry.positions)
        return (first.date, first.meeting, first.tally, first.outcome) != (
            entry.date,
            entry.meeting,
            entry.tally,
            entry.outcome,
        )

    def listed_twice(self, state: State, first: Entry, entry: Entry) -> None:
        """One vote listed twice by a file with two outcomes: the outcome its
        members' votes give under the rules, if it is one of the two; else none
        is chosen and the record is flagged."""
        resolution = state.resolution
        self.add_reason(
            state,
            f"outcome mismatch: the {LABEL[entry.source]} lists this vote twice, as "
            f"'{first.outcome}' ({first.where}) and as '{entry.outcome}' ({entry.where})",
        )
        if state.protected or resolution.tally is None:
            return
        seated = self.seated(resolution.date)
        decided = rules.decide_votes(
            state.votes,
            seated,
            on=resolution.date,
            procedural=resolution.procedural,
            tally=resolution.tally,
        ).outcome
        if decided in (first.outcome, entry.outcome) and resolution.votes_recorded:
            resolution.outcome = decided
            if decided != Outcome.ADOPTED:
                resolution.resolution_number = None
            for each in (first, entry):
                if each.outcome != decided:  # as a later import of the file says it
                    self.add_reason(
                        state,
                        f"outcome mismatch: the {LABEL[each.source]} gives {each.outcome}, "
                        f"the record {decided}",
                    )

    def add_reason(self, state: State, reason: str) -> None:
        if reason not in state.reasons:
            state.reasons.append(reason)

    def merge(self, state: State, entry: Entry, summary: Summary) -> None:
        resolution = state.resolution
        label = LABEL[entry.source]
        rank = PRECEDENCE[entry.source]
        wins = rank < state.rank() or state.new
        for note in entry.notes:
            self.add_reason(state, note)

        def differs(name: str, theirs, ours, shown=str) -> None:
            if state.protected:
                self.add_reason(
                    state,
                    f"editor record differs: {name}: the {label} gives {shown(theirs)}, "
                    f"the record {shown(ours)}",
                )
            else:
                self.add_reason(
                    state,
                    f"{name} mismatch: the {label} gives {shown(theirs)}, the record {shown(ours)}",
                )

        # Date and meeting.
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
            elif wins and not state.protected and not state.new:
                differs("date", entry.date, resolution.date)
                resolution.date = entry.date
            elif not state.new:
                differs("date", entry.date, resolution.date)
        elif (
            entry.date_unsure
            and state.new
            and entry.date not in self.meeting_dates(entry.meeting, besides=state)
        ):
            self.add_reason(
                state,
                f"date uncertain: the community table's dates before 2023 often have day and "
                f"month swapped, and no library page gives this vote's date ({entry.where})",
            )
        if entry.meeting and entry.meeting != resolution.meeting:
            if not resolution.meeting and not state.protected:
                resolution.meeting = entry.meeting
            elif wins and not state.protected:
                differs("meeting", entry.meeting, resolution.meeting)
                resolution.meeting = entry.meeting
            else:
                differs("meeting", entry.meeting, resolution.meeting)
        # Symbols, subject.
        for name in ("draft_symbol", "resolution_number", "agenda_item", "title"):
            theirs = getattr(entry, name)
            if name in ("agenda_item", "title") and len(theirs) > 500:
                theirs = theirs[:499] + "…"  # the field holds 500 characters
            ours = getattr(resolution, name)
            if theirs in ("", None) or theirs == ours:
                continue
            if ours in ("", None) and not state.protected:
                setattr(resolution, name, theirs)
                if name == "draft_symbol":
                    self.by_draft.setdefault(theirs, state)
                elif name == "resolution_number":
                    self.by_number.setdefault(theirs, state)
            elif name in ("draft_symbol", "resolution_number"):
                differs(name.replace("_", " "), theirs, ours)
        # Procedural: only the votes CSV says so (deduced from its members' votes).
        if entry.procedural and not resolution.procedural:
            if (state.new or wins) and not state.protected:
                resolution.procedural = True
            else:
                differs("procedural", "a procedural vote", "a substantive vote")
        # Tally and outcome.
        if entry.adopted_without_vote:
            if state.new or (wins and not state.protected):
                resolution.adopted_without_vote = True
            elif not resolution.adopted_without_vote:
                differs("outcome", "adopted without a vote", "a vote", str)
        if entry.tally is not None:
            ours = resolution.tally
            if ours is None and not state.protected:
                self.set_tally(resolution, entry.tally)
            elif ours != entry.tally:
                if wins and not state.protected:
                    differs("tally", entry.tally, ours)
                    self.set_tally(resolution, entry.tally)
                else:
                    differs("tally", entry.tally, ours)
        outcome = entry.outcome
        if not outcome and entry.tally is not None:
            possible = rules.possible_outcomes(
                tally=entry.tally, known_vetoes=[], on=entry.date, procedural=False
            )
            outcome = next(iter(possible)) if len(possible) == 1 else ""
        if outcome and outcome != resolution.outcome:
            if not resolution.outcome and not state.protected:
                resolution.outcome = outcome
            elif wins and not state.protected:
                differs("outcome", outcome, resolution.outcome)
                resolution.outcome = outcome
            else:
                differs("outcome", outcome, resolution.outcome)
        if (
            resolution.outcome != Outcome.ADOPTED
            and resolution.resolution_number is not None
            and not state.protected
        ):
            self.add_reason(
                state,
                f"symbol: the record's outcome is '{resolution.outcome}' but a source gives "
                f"S/RES/{resolution.resolution_number}; the number is left out",
            )
            resolution.resolution_number = None
        # Vetoes named by the library.
        if entry.vetoed_by:
            self.merge_vetoes(state, entry)
        # Per-member positions.
        if entry.positions:
            self.merge_positions(state, entry)
        if not state.protected:
            state.sources.add(entry.source)

    @staticmethod
    def set_tally(resolution: Resolution, tally: rules.Tally) -> None:
        resolution.votes_for = tally.yes
        resolution.votes_against = tally.against
        resolution.votes_abstain = tally.abstain

    def merge_vetoes(self, state: State, entry: Entry) -> None:
        label = LABEL[entry.source]
        codes = []
        for name in entry.vetoed_by:
            code = self.resolve(name)
            if code is None:
                self.add_reason(
                    state, f"unknown name: the {label} names '{name}' as vetoing ({entry.where})"
                )
            else:
                codes.append(code)
        seated = self.seated(state.resolution.date)
        for code in codes:
            if not seated.get(code):
                self.add_reason(
                    state,
                    f"veto mismatch: the {label} names {self.names[code]} as vetoing, not a "
                    f"permanent member on {state.resolution.date}",
                )
        codes = [c for c in codes if seated.get(c)]
        resolution = state.resolution
        tally = resolution.tally
        needed = rules.required_votes(resolution.date)
        if codes and not state.protected and tally is not None and tally.yes < needed:
            # "vetoed by USSR 3-3-9" (S/10768, 1972): a draft short of the votes it
            # needed failed without a veto (DOMAIN.md); the negative votes are kept
            # as votes against, and the outcome follows the tally.
            self.add_reason(
                state,
                f"veto mismatch: the {label} names {', '.join(sorted(codes))} as vetoing a draft "
                f"with {tally.yes} votes in favour, short of the {needed} needed; recorded as "
                "votes against, the outcome as failed",
            )
            resolution.outcome = Outcome.FAILED
            self.add_reason(
                state, f"outcome mismatch: the {label} gives vetoed, the record {Outcome.FAILED}"
            )
            if not resolution.votes_recorded:
                for code in codes:
                    state.votes[code] = Position.AGAINST
            return
        recorded = sorted(c for c, p in state.votes.items() if p == Position.VETO)
        if state.resolution.votes_recorded and state.votes:
            if sorted(codes) != recorded:
                self.add_reason(
                    state,
                    f"veto mismatch: the library names {', '.join(sorted(codes)) or 'no one'}, "
                    f"the members' votes {', '.join(recorded) or 'no veto'}",
                )
            return
        if state.protected:
            if sorted(codes) != recorded:
                self.add_reason(
                    state,
                    f"editor record differs: vetoes: the {label} names {', '.join(sorted(codes))}, "
                    f"the record {', '.join(recorded) or 'none'}",
                )
            return
        if recorded and sorted(codes) != recorded:
            # The sources disagree on who vetoed: only the vetoes both name are kept.
            self.add_reason(
                state,
                f"veto mismatch: the sources name {', '.join(sorted(set(codes) | set(recorded)))}"
                f" as vetoing, but not all of them; kept: "
                f"{', '.join(sorted(set(codes) & set(recorded))) or 'none'}",
            )
            for code in recorded:
                if code not in codes:
                    del state.votes[code]
            return
        for code in codes:
            state.votes[code] = Position.VETO

    def merge_positions(self, state: State, entry: Entry) -> None:
        resolution = state.resolution
        label = LABEL[entry.source]
        if resolution.adopted_without_vote:
            self.add_reason(
                state,
                f"votes mismatch: the library gives 'adopted without a vote', the {label} "
                f"members' votes ({entry.where}); they are left out",
            )
            return
        seated = self.seated(resolution.date)
        given: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for name, position, line in entry.positions:
            code = self.resolve(name)
            if code is None:
                self.add_reason(
                    state, f"unknown name: the {label} has '{name}' ({entry.path.name}:{line})"
                )
                continue
            given[code].append((position, line))
        positions: dict[str, str] = {}
        for code, rows in given.items():
            lines = ", ".join(str(line) for _, line in rows)
            if len(rows) > 1:
                same = len({p for p, _ in rows}) == 1
                self.add_reason(
                    state,
                    f"member twice: the {label} lists {self.names[code]} {len(rows)} times "
                    f"(lines {lines})" + ("" if same else "; its vote is left out"),
                )
                if not same:
                    continue
            if code not in seated:
                self.add_reason(
                    state,
                    f"not seated: the {label} gives a vote of {self.names[code]}, not a member "
                    f"of the Council on {resolution.date} (line {lines}); left out",
                )
                continue
            positions[code] = rows[0][0]
        permanent = [c for c, p in seated.items() if p]
        if entry.source == COMMUNITY:
            positions = rules.classify_negative_votes(
                positions, permanent, on=resolution.date, procedural=resolution.procedural
            )
        tally = resolution.tally
        counted = rules.tally_of(positions.values())
        missing = [c for c in seated if c not in positions]
        if tally is None and entry.source == SITE_CSV and not missing:
            tally = counted
            if not state.protected:
                self.set_tally(resolution, tally)
        if (
            missing
            and tally is not None
            and counted == tally
            and len(missing) == tally.non_voting(rules.seats(resolution.date))
        ):
            # The tally says exactly these members did not vote.
            for code in missing:
                positions[code] = Position.NON_VOTING
            missing = []
        contradicts = self.contradicts(tally, counted, positions, bool(missing), resolution)
        if tally is not None and counted != tally:
            left_out = f"; the {label}'s members' votes are left out" if contradicts else ""
            self.add_reason(
                state,
                f"tally mismatch: the record {tally}, the members' votes ({label}) {counted}"
                + ("" if state.protected else left_out),
            )
        for code in missing:
            self.add_reason(
                state,
                f"missing member: {self.names[code]} sat on the Council on {resolution.date} "
                f"but the {label} has no vote for it",
            )
        if tally is None and entry.source == COMMUNITY and not missing and not state.protected:
            self.set_tally(resolution, counted)
        if state.protected:
            if resolution.votes_recorded and positions != state.votes:
                self.add_reason(
                    state,
                    f"editor record differs: votes: the {label}'s members' votes differ from the "
                    "record's",
                )
            return
        if (
            state.votes
            and state.votes != positions
            and resolution.votes_recorded
            and PRECEDENCE[entry.source] > state.rank()
            and any(s in state.sources for s in (SITE_CSV, COMMUNITY))
        ):
            self.add_reason(
                state, f"votes mismatch: the {label}'s members' votes differ from the record's"
            )
            return
        vetoes = {c for c, p in state.votes.items() if p == Position.VETO}
        ours_vetoes = {c for c, p in positions.items() if p == Position.VETO}
        if vetoes and not resolution.votes_recorded and vetoes != ours_vetoes:
            self.add_reason(
                state,
                f"veto mismatch: the library names {', '.join(sorted(vetoes))}, "
                f"the members' votes {', '.join(sorted(ours_vetoes)) or 'no veto'}; "
                f"the {label}'s members' votes are left out",
            )
            contradicts = True
        if contradicts:
            # One of these positions is wrong and the source does not say which:
            # none is stored. The record keeps its tally and the vetoes on record.
            state.votes = {c: p for c, p in state.votes.items() if p == Position.VETO}
            resolution.votes_recorded = False
            return
        if entry.source == SITE_CSV and missing:
            # Only some members' rows: a tally-only record with the votes on file.
            state.votes = {**state.votes, **positions}
            return
        state.votes = positions
        resolution.votes_recorded = True

    @staticmethod
    def contradicts(
        tally: rules.Tally | None,
        counted: rules.Tally,
        positions: dict[str, str],
        missing: bool,
        resolution: Resolution,
    ) -> bool:
        """Whether members' positions cannot all be right, given the record's tally:
        complete but adding up to another tally, or more votes of a kind than it has."""
        if tally is None:
            return False
        if not missing:
            return counted != tally
        non_voting = sum(p == Position.NON_VOTING for p in positions.values())
        return (
            counted.yes > tally.yes
            or counted.against > tally.against
            or counted.abstain > tally.abstain
            or non_voting > tally.non_voting(rules.seats(resolution.date))
        )

    # Checking ---------------------------------------------------------------------

    def check(self, state: State) -> None:
        """The rules' verdict on the merged record, as review reasons."""
        resolution = state.resolution
        reasons = [r for r in state.reasons if not r.startswith(RULE_PREFIX)]
        if not resolution.outcome:
            reasons.append(
                f"{RULE_PREFIX}outcome: no source says the outcome and the tally does not decide it"
            )
        else:
            record = resolution.rule_record(sorted(state.votes.items()))
            for problem in rules.check_record(record, self.seated(resolution.date), self.names):
                reasons.append(f"{RULE_PREFIX}{problem.field or 'record'}: {problem.message}")
        state.reasons = list(dict.fromkeys(reasons))
        if state.protected:
            # Only reasons are added to an editor's record, never removed.
            old = resolution.review_reason_list
            added = [r for r in state.reasons if r not in old and not r.startswith(RULE_PREFIX)]
            if added:
                resolution.review_reasons = "\n".join(old + added)
                resolution.review_status = Resolution.Review.NEEDS_REVIEW
            return
        resolution.review_reasons = "\n".join(state.reasons)
        resolution.review_status = (
            Resolution.Review.NEEDS_REVIEW if state.reasons else Resolution.Review.OK
        )

    # Writing ----------------------------------------------------------------------

    def save(self, touched: list[State], summary: Summary) -> None:
        """Write the file's changes (one transaction is the caller's)."""
        created = [s for s in touched if s.new]
        changed = [s for s in touched if not s.new and s.snapshot() != s.before]
        votes_changed = [s for s in touched if not s.new and s.votes != s.votes_before]
        summary.created += len(created)
        updated_ids = {id(s) for s in changed} | {id(s) for s in votes_changed}
        summary.updated += len(updated_ids)
        summary.unchanged += len(touched) - len(created) - len(updated_ids)
        summary.changes += [f"{s.resolution} (new, {s.entries[0].where})" for s in created]
        for state in [*changed, *votes_changed]:
            fields = [
                f"{name}: {old!r} -> {new!r}"
                for name, old, new in zip(FIELDS, state.before, state.snapshot(), strict=True)
                if old != new
            ]
            if state.votes != state.votes_before:
                fields.append("votes")
            summary.changes.append(f"{state.resolution}: {'; '.join(fields)}")
        with transaction.atomic():
            if created:
                for state in created:
                    if not state.resolution.outcome:
                        where = state.entries[0].where if state.entries else "?"
                        raise (
                            SourceError(
                                state.entries[0].path,
                                state.entries[0].line,
                                "no outcome given and the tally does not decide it",
                            )
                            if state.entries
                            else ValueError(where)
                        )
                Resolution.objects.bulk_create([s.resolution for s in created], batch_size=500)
                if any(s.resolution.pk is None for s in created):
                    pks = dict(
                        Resolution.objects.filter(
                            slug__in=[s.resolution.slug for s in created]
                        ).values_list("slug", "pk")
                    )
                    for state in created:
                        state.resolution.pk = pks[state.resolution.slug]
            imported = [s for s in changed if not s.protected]
            if imported:
                for state in imported:
                    state.resolution.slug = self.reslug(state)
                Resolution.objects.bulk_update(
                    [s.resolution for s in imported], [*FIELDS, "slug"], batch_size=500
                )
            protected = [s for s in changed if s.protected]
            if protected:
                # An import changes only the review of an editor's (or a bundled)
                # record: only those fields are written, so that an editor's change
                # to its facts made while the import runs is never overwritten.
                Resolution.objects.bulk_update(
                    [s.resolution for s in protected], REVIEW_FIELDS, batch_size=500
                )
            if votes_changed:
                Vote.objects.filter(
                    resolution_id__in=[s.resolution.pk for s in votes_changed]
                ).delete()
            Vote.objects.bulk_create(
                [
                    Vote(resolution_id=s.resolution.pk, member_id=code, position=position)
                    for s in [*created, *votes_changed]
                    for code, position in sorted(s.votes.items())
                ],
                batch_size=2000,
            )
            self.save_sources(touched)
        for state in touched:
            summary.reviews[state.resolution.pk] = frozenset(
                r.split(":")[0].strip() for r in state.resolution.review_reason_list
            )
            state.new = False
            state.before = state.snapshot()
            state.votes_before = dict(state.votes)

    def reslug(self, state: State) -> str:
        resolution = state.resolution
        base = resolution.make_slug()
        if (
            resolution.slug == base
            or resolution.slug.startswith(base + "-")
            and not resolution.symbol
        ):
            return resolution.slug
        slug, number = base, 1
        while slug in self.slugs:
            number += 1
            slug = f"{base}-{number}"
        self.slugs.add(slug)
        return slug

    def save_sources(self, touched: list[State]) -> None:
        existing = set(
            Source.objects.filter(
                resolution_id__in=[s.resolution.pk for s in touched], title__in=SOURCE_BY_TITLE
            ).values_list("resolution_id", "title")
        )
        new = []
        for state in touched:
            for name in sorted(state.sources):
                if name not in SOURCES:
                    continue
                kind, title, url = SOURCES[name]
                if (state.resolution.pk, title) not in existing:
                    new.append(
                        Source(resolution_id=state.resolution.pk, kind=kind, title=title, url=url)
                    )
        Source.objects.bulk_create(new, batch_size=2000)
