"""Matching: which stored vote an entry of a source is (by resolution number,
draft symbol, else meeting and order within the meeting), a new record when none
is, and what to do with a symbol a file gives to several votes."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict

from resolutions import rules
from resolutions.models import Resolution, next_free_slug
from resolutions.rules import Outcome

from ..base import PRECEDENCE, Entry
from .settling import VETO_LISTS
from .state import LABEL, NO_SYMBOL, State, swapped


class Matching:
    def find(self, entry: Entry, ordinal: Counter) -> State | None:
        if entry.resolution_number is not None:
            state = self.by_number.get(entry.resolution_number)
            if state is not None:
                return state
        if entry.draft_symbol:
            state = self.by_draft.get(entry.draft_symbol)
            if state is not None:
                return state
            # S/18087/Rev.1 in one source is S/18087 in another, on the same day.
            base = re.sub(r"/Rev\.\d+$", "", entry.draft_symbol)
            state = self.by_draft.get(base)
            if base != entry.draft_symbol and state and state.resolution.date == entry.date:
                return state
        if entry.meeting and (entry.resolution_number is not None or entry.draft_symbol):
            state = self.alone_at_meeting(entry)
            if state is not None:
                return state
        if entry.resolution_number is None and not entry.draft_symbol:
            return self.by_order(entry, ordinal)
        return None

    def alone_at_meeting(self, entry: Entry) -> State | None:
        """A vote the other source gave without a symbol, alone at its meeting; or
        the only vote of its meeting, known to one source by its draft symbol and to
        the other by its resolution number (S/2019/725 is resolution 2487 (2019),
        S/PV.8616), on the same day (or the day with day and month swapped) and
        with the same outcome."""
        only = self.by_meeting.get(entry.meeting, [])
        if len(only) != 1 or entry.source in only[0].sources or only[0].seen_in_file:
            return None
        state = only[0]
        resolution = state.resolution
        if not resolution.symbol and resolution.outcome in ("", entry.outcome):
            return state
        days = {entry.date, swapped(entry.date) if entry.date_unsure else None}
        if (
            (entry.resolution_number is None) != (resolution.resolution_number is None)
            and bool(entry.draft_symbol) != bool(resolution.draft_symbol)
            and resolution.date in days
            and entry.outcome in ("", resolution.outcome)
        ):
            return state
        return None

    def by_order(self, entry: Entry, ordinal: Counter) -> State | None:
        """A vote without a symbol: the n-th such vote of its meeting (or day)."""
        key = entry.meeting or entry.date.isoformat()
        candidates = [
            s
            for s in self.by_meeting.get(key, [])
            if (not s.resolution.symbol or s.has_reason(*NO_SYMBOL))
            and (entry.meeting or s.resolution.date == entry.date)
            and (entry.source not in VETO_LISTS or s.resolution.outcome == Outcome.VETOED)
        ]
        number = ordinal[key]
        ordinal[key] += 1
        return candidates[number] if number < len(candidates) else None

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
        given = entry.slug
        if given and given not in self.slugs and re.fullmatch(rf"{re.escape(base)}(-\d+)?", given):
            resolution.slug = given
        else:
            resolution.slug = next_free_slug(base, self.slugs)
        self.index(state)
        return state

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
                state.add_reason(
                    "duplicate symbol",
                    f"the {LABEL[entry.source]} gives {shown} also to a vote of {entry.date} "
                    f"({entry.outcome or 'no outcome'}) that agrees "
                    f"{'less ' if keep else 'no better '}with the record; left out",
                    entry.where,
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
        state.add_reason(
            "outcome mismatch",
            f"the {LABEL[entry.source]} lists this vote twice, as '{first.outcome}' "
            f"and as '{entry.outcome}'",
            f"{first.where}, {entry.where}",
        )
        if state.protected or resolution.tally is None:
            return
        decided = rules.decide_votes(
            state.votes,
            self.seated(resolution.date),
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
                    state.add_reason(
                        "outcome mismatch",
                        f"the {LABEL[each.source]} gives {each.outcome}, the record {decided}",
                    )
