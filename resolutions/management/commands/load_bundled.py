"""Load the bundled reference data (resolutions/data/): member states, Council
terms and the curated votes. Idempotent: a second run changes nothing. All or
nothing: a vote that breaks the rules stops the load, naming it, and nothing is
written. It only adds: a term or a vote already in the database (edited by an
editor, flagged by an import) is never deleted or overwritten; a vote that
differs from the file is named and left as it is. A bundled vote an editor deleted
(a DeletedVote row) is not loaded again, and a vote on record however entered (the
same symbol, or the same meeting and date) is never loaded a second time."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Q

from resolutions import bundled, history, rules
from resolutions import topics as about
from resolutions.importers.base import RES_SYMBOL
from resolutions.models import (
    CouncilTerm,
    DeletedVote,
    MemberState,
    Resolution,
    Source,
    Topic,
    Vote,
    seated_on,
)

DATA = bundled.DATA
SOURCE_FIELDS = ("kind", "url", "title", "outlet", "date", "quote")


class Command(BaseCommand):
    help = "Load the bundled member states, Council terms and curated votes."

    def add_arguments(self, parser):
        parser.add_argument("--data", type=Path, default=DATA, help="Folder of the data files.")

    def handle(self, *args, data: Path, verbosity: int = 1, **options):
        if MemberState._meta.db_table not in connection.introspection.table_names():
            raise CommandError(
                "The database has no tables yet: run `python manage.py migrate` first "
                "(`make setup` does both)."
            )
        with transaction.atomic(), history.recorded_as(history.Change.BUNDLED, "votes.json"):
            members = self.load_members(data / "members.csv")
            terms, extra_terms = self.load_terms(data / "terms.csv")
            created, deleted, kept = self.load_votes(data / "votes.json")
            titled = self.load_titles(data / "titles.csv")
        self.stdout.write(
            f"Bundled data: {members} member states, {terms} terms; votes: {created} created."
            + (f" {self.described} given their topics." if self.described else "")
            + (f" {titled} imported vote(s) given their bundled titles." if titled else "")
            + ("" if created or self.described or titled else " Nothing changed.")
        )
        if extra_terms:
            self.stdout.write(
                f"{extra_terms} term(s) in the database but not in the bundled file were left "
                "as they are."
            )
        if deleted:
            self.stdout.write(
                f"{deleted} bundled vote(s) deleted by an editor were not loaded again "
                "(admin: Deleted bundled votes)."
            )
        if kept:
            self.stdout.write(
                f"{len(kept)} vote(s) differ from the bundled file (edited or flagged since) and "
                "were left as they are: " + ", ".join(kept)
            )

    def load_members(self, path: Path) -> int:
        try:
            rows = bundled.members(path)
        except bundled.BundledDataError as error:
            raise CommandError(str(error)) from error
        for member in rows:
            MemberState.objects.get_or_create(
                code=member.code,
                defaults={
                    "name": member.name,
                    "short_name": member.short_name,
                    "aliases": list(member.aliases),
                },
            )
        for member in rows:
            if member.successor:
                MemberState.objects.filter(code=member.code, successor__isnull=True).update(
                    successor_id=member.successor
                )
        return len(rows)

    def load_terms(self, path: Path) -> tuple[int, int]:
        known = set(MemberState.objects.values_list("code", flat=True))
        try:
            rows = bundled.terms(path, known)
        except bundled.BundledDataError as error:
            raise CommandError(str(error)) from error
        for term in rows:
            CouncilTerm.objects.get_or_create(
                member_id=term.code,
                start=term.start,
                defaults={"end": term.end, "permanent": term.permanent},
            )
        wanted = {(term.code, term.start) for term in rows}
        extra = sum(
            1 for key in CouncilTerm.objects.values_list("member_id", "start") if key not in wanted
        )
        return len(rows), extra

    described = 0

    def load_votes(self, path: Path) -> tuple[int, int, list[str]]:
        entries = json.loads(path.read_text(encoding="utf-8"))
        names = dict(MemberState.objects.values_list("code", "name"))
        created, deleted, described, kept = 0, 0, 0, []
        for number, entry in enumerate(entries, start=1):
            symbol = entry.get("draft_symbol") or entry.get("resolution_number")
            where = f"{path}: vote {number} ({symbol})"
            try:
                state = self.load_vote(entry, names)
            except (KeyError, ValueError) as error:
                raise CommandError(f"{where}: {error!r}") from error
            created += state == "created"
            described += state == "described"
            deleted += state == "deleted"
            if state.startswith("kept "):
                kept.append(state.removeprefix("kept "))
        self.described = described
        return created, deleted, kept

    @staticmethod
    def load_titles(path: Path) -> int:
        """The bundled titles (titles.csv, topics.curated_titles) given to the
        imported votes of their symbols that have no title; an editor's record is
        left as the editor wrote it. The importers give them to the votes they
        create (reconcile/describing.py)."""
        try:
            titles = about.curated_titles(path)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        given = 0
        for symbol, title in titles.items():
            number = RES_SYMBOL.fullmatch(symbol)
            same = (
                Q(resolution_number=int(number.group(1)), date__year=int(number.group(2)))
                if number
                else Q(draft_symbol=symbol)
            )
            for resolution in Resolution.objects.filter(
                same, title="", origin=Resolution.Origin.IMPORT
            ):
                resolution.title = title
                resolution.save()
                given += 1
        return given

    @staticmethod
    def describe(resolution: Resolution, entry: dict) -> bool:
        """Give a bundled vote its topics, when it has none: the file's `topics`
        ([kind, name] pairs), else those the mapping of agenda items gives its
        title or agenda item (topics.agenda_topics). True if any were given."""
        if resolution.topics.exists():
            return False
        given = [tuple(pair) for pair in entry.get("topics", [])] or about.agenda_topics(
            entry.get("title", ""), entry.get("agenda_item", "")
        )
        if not given:
            return False
        resolution.topics.set(Topic.ids_for(set(given)).values())
        return True

    def load_vote(self, entry: dict, names: dict[str, str]) -> str:
        """'created', 'unchanged', 'deleted' for a vote an editor deleted (not
        loaded again), or 'kept <symbol>' for a vote already in the database,
        however entered (`Resolution.objects.same_vote`), that differs from the
        file (it is left as it is)."""
        on = dt.date.fromisoformat(entry["date"])
        votes = [
            (code, position) for position, codes in entry["positions"].items() for code in codes
        ]
        tally = rules.Tally(*entry["tally"]) if entry.get("tally") else None
        fields = {
            "draft_symbol": entry.get("draft_symbol", ""),
            "resolution_number": entry.get("resolution_number"),
            "title": entry.get("title", ""),
            "agenda_item": entry.get("agenda_item", ""),
            "date": on,
            "meeting": entry.get("meeting", ""),
            "procedural": entry.get("procedural", False),
            "adopted_without_vote": entry.get("adopted_without_vote", False),
            "votes_for": tally.yes if tally else None,
            "votes_against": tally.against if tally else None,
            "votes_abstain": tally.abstain if tally else None,
            "votes_recorded": entry.get("votes_recorded", True),
            "outcome": entry["outcome"],
            "review_status": Resolution.Review.OK,
            "review_reasons": "",
            "origin": Resolution.Origin.BUNDLED,
        }
        resolution = Resolution(**fields)
        problems = rules.check_record(resolution.rule_record(votes), seated_on(on), names)
        if problems:
            raise ValueError("; ".join(p.message for p in problems))
        if DeletedVote.covers(resolution):
            return "deleted"
        existing = (
            Resolution.objects.same_vote(
                draft_symbol=resolution.draft_symbol,
                resolution_number=resolution.resolution_number,
                meeting=resolution.meeting,
                date=on,
            )
            | Resolution.objects.filter(slug=resolution.make_slug())
        ).first()
        sources = [
            {
                "kind": s["kind"],
                "url": s.get("url", ""),
                "title": s.get("title", ""),
                "outlet": s.get("outlet", ""),
                "date": dt.date.fromisoformat(s["date"]) if s.get("date") else None,
                "quote": s.get("quote", ""),
            }
            for s in entry.get("sources", [])
        ]
        if existing:
            same_fields = all(getattr(existing, k) == v for k, v in fields.items())
            same_votes = set(existing.votes.values_list("member_id", "position")) == set(votes)
            same_sources = list(existing.sources.order_by("pk").values(*SOURCE_FIELDS)) == sources
            described = existing.origin == Resolution.Origin.BUNDLED and self.describe(
                existing, entry
            )
            if same_fields and same_votes and same_sources:
                return "described" if described else "unchanged"
            return f"kept {existing}"
        resolution.save()
        self.describe(resolution, entry)
        history.bulk_create(
            Vote,
            [
                Vote(resolution=resolution, member_id=code, position=position)
                for code, position in votes
            ],
        )
        history.bulk_create(Source, [Source(resolution=resolution, **s) for s in sources])
        return "created"
