"""Describing: what a vote is about. The topics and sponsors each source gives
are added to the record (never taken off: a source that does not class a vote
says nothing against another that does), a source's title is the record's only
when it is a title (topics.is_note), else it is the draft's note ("as amended",
the other drafts voted with it); a record without a title takes the bundled one
for its symbol (resolutions/data/titles.csv), and its subject follows
from its title and agenda item (topics.subject_for). An editor's (or a bundled)
record is described by the editor: an import adds nothing to it."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction

from resolutions import bulk
from resolutions import topics as about
from resolutions.models import Resolution, Topic

from ..base import Entry
from .state import State, Summary

Topics = Resolution.topics.through
Sponsors = Resolution.sponsors.through


class Describing:
    def load(self) -> None:
        super().load()
        self.topic_keys = {
            pk: (kind, name) for pk, kind, name in Topic.objects.values_list("pk", "kind", "name")
        }
        linked: dict[int, set] = defaultdict(set)
        for rid, tid in Topics.objects.values_list("resolution_id", "topic_id"):
            linked[rid].add(self.topic_keys[tid])
        sponsored: dict[int, set] = defaultdict(set)
        for rid, code in Sponsors.objects.values_list("resolution_id", "memberstate_id"):
            sponsored[rid].add(code)
        for state in self.states:
            state.topics = set(linked[state.resolution.pk])
            state.sponsors = set(sponsored[state.resolution.pk])
            state.described_before = (frozenset(state.topics), frozenset(state.sponsors))

    def merge_description(self, state: State, entry: Entry) -> None:
        resolution = state.resolution
        if state.protected:
            return
        if resolution.title and about.is_note(resolution.title):
            # A note about the draft (a source's "title"): kept as what it is.
            resolution.draft_note = resolution.draft_note or resolution.title
            resolution.title = ""
        if not resolution.title:
            resolution.title = about.curated_title(
                resolution.resolution_symbol, resolution.draft_symbol
            )
        state.topics.update(entry.topics)
        state.sponsors.update(about.sponsor_codes(entry.sponsors, self.resolve))
        resolution.subject = about.subject_for(resolution.title, resolution.agenda_item)

    def save(self, touched: list[State], summary: Summary) -> None:
        """The records' changes (Writing.save), then their topics and sponsors; a
        record whose only change is its topics or sponsors counts as updated."""
        unchanged = {
            id(s)
            for s in touched
            if not s.new and s.snapshot() == s.before and s.votes == s.votes_before
        }
        super().save(touched, summary)
        described = [
            s
            for s in touched
            if not s.deleted and (frozenset(s.topics), frozenset(s.sponsors)) != s.described_before
        ]
        if not described:
            return
        with transaction.atomic():
            self.save_topics(described)
            self.save_sponsors(described)
        for state in described:
            if id(state) in unchanged:
                summary.unchanged -= 1
                summary.updated += 1
                summary.changes.append(f"{state.resolution}: topics or sponsors")
            state.described_before = (frozenset(state.topics), frozenset(state.sponsors))

    def save_topics(self, described: list[State]) -> None:
        ids = Topic.ids_for(set().union(*(s.topics for s in described)))
        Topics.objects.filter(resolution_id__in=[s.resolution.pk for s in described]).delete()
        bulk.insert(
            Topics,
            [Topics._meta.get_field("resolution"), Topics._meta.get_field("topic")],
            ((s.resolution.pk, ids[key]) for s in described for key in sorted(s.topics)),
        )

    @staticmethod
    def save_sponsors(described: list[State]) -> None:
        Sponsors.objects.filter(resolution_id__in=[s.resolution.pk for s in described]).delete()
        bulk.insert(
            Sponsors,
            [Sponsors._meta.get_field("resolution"), Sponsors._meta.get_field("memberstate")],
            ((s.resolution.pk, code) for s in described for code in sorted(s.sponsors)),
        )
