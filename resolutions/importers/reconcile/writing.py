"""Checking and writing: the rules' verdict on each merged record (as review
reasons), then the file's changes written with bulk_create/bulk_update (one
transaction is the caller's)."""

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
            imported = [s for s in changed if not s.protected]
            if imported:
                for state in imported:
                    state.resolution.slug = self.reslug(state)
                history.bulk_update(
                    Resolution,
                    [s.resolution for s in imported],
                    [*FIELDS, "slug", "version"],
                    batch_size=500,
                )
            protected = [s for s in changed if s.protected]
            if protected:
                # An import changes only the review of an editor's (or a bundled)
                # record: only those fields are written.
                history.bulk_update(
                    Resolution,
                    [s.resolution for s in protected],
                    [*REVIEW_FIELDS, "version"],
                    batch_size=500,
                )
            history.bulk_update(
                Resolution, [s.resolution for s in votes_only], ["version"], batch_size=500
            )
            if votes_changed:
                Vote.objects.filter(
                    resolution_id__in=[s.resolution.pk for s in votes_changed]
                ).delete()
            history.bulk_create(
                Vote,
                [
                    Vote(resolution_id=s.resolution.pk, member_id=code, position=position)
                    for s in [*created, *votes_changed]
                    for code, position in sorted(s.votes.items())
                ],
                batch_size=2000,
            )
            self.save_sources(touched)
            history.bulk_create(
                Source,
                [
                    Source(
                        resolution_id=state.resolution.pk,
                        kind=c.kind,
                        url=c.url,
                        outlet=c.outlet[:200],
                        date=c.published,
                        quote=c.quote,
                    )
                    for state, citations in cited
                    for c in citations
                ],
                batch_size=2000,
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
        history.bulk_create(Source, new, batch_size=2000)
