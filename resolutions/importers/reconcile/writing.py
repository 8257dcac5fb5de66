"""Checking and writing: the rules' verdict on each merged record (as review
reasons), then the file's changes written in plain SQL (history.py and
resolutions/bulk.py; one transaction is the caller's)."""

from __future__ import annotations

from django.db import transaction

from resolutions import history, reviews, rules
from resolutions.models import Resolution, Source, StaleRecord, Vote, next_free_slug

from ..base import SourceError
from .state import FIELDS, REVIEW_FIELDS, SOURCE_BY_TITLE, SOURCES, State, Summary


class Writing:
    # Checking ------------------------------------------------------------------------

    def check(self, state: State) -> None:
        """The rules' verdict on the merged record, as review reasons."""
        resolution = state.resolution
        reasons = [r for r in state.reasons if not r.rule]
        if not resolution.outcome:
            reasons.append(
                reviews.Reason(
                    f"{reviews.RULES}outcome",
                    "no source says the outcome and the tally does not decide it",
                )
            )
        else:
            record = resolution.rule_record(sorted(state.votes.items()))
            for problem in rules.check_record(record, self.seated(resolution.date), self.names):
                reasons.append(
                    reviews.Reason(f"{reviews.RULES}{problem.field or 'record'}", problem.message)
                )
        state.reasons = list(dict.fromkeys(reasons))
        resolution.settled = "\n".join(state.settled)
        if state.protected:
            # Only reasons are added to an editor's record, never removed.
            old = reviews.parse_all(resolution.review_reasons)
            added = [r for r in state.reasons if r not in old and not r.rule]
            if added:
                resolution.review_reasons = reviews.store(old + added)
            if any(r.doubtful for r in added):
                resolution.review_status = Resolution.Review.NEEDS_REVIEW
            return
        resolution.review_reasons = reviews.store(state.reasons)
        resolution.review_status = (
            Resolution.Review.NEEDS_REVIEW
            if any(r.doubtful for r in state.reasons)
            else Resolution.Review.OK
        )

    # Writing -------------------------------------------------------------------------

    def save(self, touched: list[State], summary: Summary) -> None:
        """Write the file's changes (one transaction is the caller's)."""
        deleted = [s for s in touched if s.deleted and not s.new]
        touched = [s for s in touched if not s.deleted]
        created = [s for s in touched if s.new]
        changed = [s for s in touched if not s.new and s.snapshot() != s.before]
        votes_changed = [s for s in touched if not s.new and s.votes != s.votes_before]
        cited = self.new_citations(touched)
        summary.updated += len(deleted)
        summary.changes += [f"{s.resolution}: removed, a copy of another vote" for s in deleted]
        self.count(summary, touched, created, changed, votes_changed)
        counted = {id(s) for s in [*created, *changed, *votes_changed]}
        for state, citations in cited:
            if state.new:
                continue
            summary.changes.append(f"{state.resolution}: {len(citations)} source(s) added")
            if id(state) not in counted:
                summary.updated += 1
                summary.unchanged -= 1
        with transaction.atomic():
            if deleted:
                Resolution.objects.filter(pk__in=[s.resolution.pk for s in deleted]).delete()
            if created:
                self.create_records(created)
            changed_ids = {id(s) for s in changed}
            votes_only = [s for s in votes_changed if id(s) not in changed_ids]
            self.take_versions([*changed, *votes_only])
            # Only the fields that changed are written, with the version; each
            # record's history row holds the whole record as it now is.
            written = []
            for state in [s for s in changed if not s.protected]:
                slug = state.resolution.slug
                state.resolution.slug = self.reslug(state)
                moved = ["slug"] if state.resolution.slug != slug else []
                written.append((state.resolution, [*state.changed_fields(), *moved, "version"]))
            # An import changes only the review of an editor's (or a bundled)
            # record: only those fields are written.
            written += [
                (s.resolution, [*(f for f in s.changed_fields() if f in REVIEW_FIELDS), "version"])
                for s in changed
                if s.protected
            ]
            written += [(s.resolution, ["version"]) for s in votes_only]
            history.update(Resolution, written)
            if votes_changed:
                Vote.objects.filter(
                    resolution_id__in=[s.resolution.pk for s in votes_changed]
                ).delete()
            history.insert(
                Vote,
                ["resolution_id", "member_id", "position"],
                [
                    (s.resolution.pk, code, position)
                    for s in [*created, *votes_changed]
                    for code, position in sorted(s.votes.items())
                ],
            )
            self.save_sources(touched)
            history.insert(
                Source,
                ["resolution_id", "kind", "url", "outlet", "date", "quote"],
                [
                    (state.resolution.pk, c.kind, c.url, c.outlet[:200], c.published, c.quote)
                    for state, citations in cited
                    for c in citations
                ],
            )
        for state in touched:
            summary.reviews[state.resolution.pk] = (
                reviews.categories(state.resolution.review_reasons)
                if state.resolution.needs_review
                else frozenset()
            )
            state.new = False
            state.before = state.snapshot()
            state.votes_before = dict(state.votes)

    @staticmethod
    def take_versions(states: list[State]) -> None:
        """Optimistic locking, as for an editor's save (Resolution.save): each record
        the file changes is locked and must still be at the version read when the
        import began, or the file is refused (StaleRecord: an editor saved it in the
        meantime, and writing would overwrite that); its version is raised by one."""
        if not states:
            return
        stored = dict(
            Resolution.objects.select_for_update()
            .filter(pk__in=[s.resolution.pk for s in states])
            .values_list("pk", "version")
        )
        for state in states:
            record = state.resolution
            if stored.get(record.pk, record.version) != record.version:
                raise StaleRecord(record, record.version)
        for state in states:
            state.resolution.version += 1

    @staticmethod
    def count(summary: Summary, touched, created, changed, votes_changed) -> None:
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

    @staticmethod
    def create_records(created: list[State]) -> None:
        for state in created:
            if not state.resolution.outcome:
                if not state.entries:
                    raise ValueError(f"{state.resolution}: no outcome")
                first = state.entries[0]
                raise SourceError(
                    first.path, first.line, "no outcome given and the tally does not decide it"
                )
        history.bulk_create(Resolution, [s.resolution for s in created], batch_size=500)
        if any(s.resolution.pk is None for s in created):
            pks = dict(
                Resolution.objects.filter(
                    slug__in=[s.resolution.slug for s in created]
                ).values_list("slug", "pk")
            )
            for state in created:
                state.resolution.pk = pks[state.resolution.slug]

    def reslug(self, state: State) -> str:
        resolution = state.resolution
        base = resolution.make_slug()
        if (
            resolution.slug == base
            or resolution.slug.startswith(base + "-")
            and not resolution.symbol
        ):
            return resolution.slug
        slug = next_free_slug(base, self.slugs)
        self.slugs.add(slug)
        return slug

    @staticmethod
    def new_citations(touched: list[State]) -> list[tuple[State, list]]:
        """The reports the entries cite (Entry.citations) that are not yet Sources
        of their record, by record; never on an editor's record."""
        cited = [
            (
                state,
                list(
                    dict.fromkeys(
                        [*(c for e in state.entries for c in e.citations), *state.citations]
                    )
                ),
            )
            for state in touched
            if not state.protected and (state.citations or any(e.citations for e in state.entries))
        ]
        stored = set(
            Source.objects.filter(
                resolution_id__in=[s.resolution.pk for s, _ in cited if not s.new]
            ).values_list("resolution_id", "url", "quote")
        )
        new = []
        for state, citations in cited:
            citations = [
                c for c in citations if (state.resolution.pk, c.url, c.quote) not in stored
            ]
            if citations:
                new.append((state, citations))
        return new

    def save_sources(self, touched: list[State]) -> None:
        """A Source for each source of `SOURCES` behind a record that does not yet
        cite it (told from what was read and written, then checked in the
        database for the records that may need one)."""
        wanted = {
            id(state): [n for n in sorted(state.sources) if n in SOURCES and n not in state.cited]
            for state in touched
        }
        touched = [s for s in touched if wanted[id(s)]]
        if not touched:
            return
        existing = set(
            Source.objects.filter(
                resolution_id__in=[s.resolution.pk for s in touched], title__in=SOURCE_BY_TITLE
            ).values_list("resolution_id", "title")
        )
        new = []
        for state in touched:
            for name in wanted[id(state)]:
                kind, title, url = SOURCES[name]
                if (state.resolution.pk, title) not in existing:
                    new.append((state.resolution.pk, kind, title, url))
                state.cited.add(name)
        history.insert(Source, ["resolution_id", "kind", "title", "url"], new)
