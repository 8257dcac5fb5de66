"""Reading the record: every stored vote, its members' votes and the sources
behind it, read into memory once and indexed by number, draft and meeting."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from resolutions import reviews
from resolutions.models import MemberState, Resolution, Seats, Source, Vote, normalise_name

from .state import SOURCE_BY_TITLE, TYPOS, State


class Reading:
    def read_members(self) -> None:
        self.names_index = MemberState.objects.name_index()
        for typo, name in TYPOS.items():
            code = self.names_index.get(normalise_name(name))
            if code:
                self.names_index.setdefault(typo, code)
        self.names = dict(MemberState.objects.values_list("code", "name"))
        self.resolved: dict[str, str | None] = {}  # each spelling read, resolved once
        self.seats = Seats()

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
            state.cited = set(state.sources)
            state.before = state.snapshot()
            state.votes_before = dict(state.votes)
            state.reasons = reviews.parse_all(resolution.review_reasons)
            state.settled = [line for line in resolution.settled.splitlines() if line.strip()]
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
        """Who sat on the Council that day (code -> permanent)."""
        return self.seats.on(on)

    def resolve(self, name: str) -> str | None:
        """A source's name for a member as its code, or None if unknown."""
        if name in self.names:
            return name
        if name not in self.resolved:
            self.resolved[name] = self.names_index.get(normalise_name(name))
        return self.resolved[name]
