"""The state of the record: votes per decade (with per-member positions, tally
only), records needing review by reason, and records that break the Charter's
rules without being flagged. `--strict` exits non-zero if there is any of those."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.core.management.base import BaseCommand, CommandError

from resolutions import reviews, rules
from resolutions.models import MemberState, Resolution, Seats, Vote


class Command(BaseCommand):
    help = "Print the state of the record; --strict fails on unflagged rule breaks."

    def add_arguments(self, parser):
        parser.add_argument(
            "--strict",
            action="store_true",
            help="Exit non-zero if a record breaks the rules without being flagged for review.",
        )

    def handle(self, *args, strict: bool = False, **options):
        votes: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for rid, code, position in Vote.objects.values_list(
            "resolution_id", "member_id", "position"
        ):
            votes[rid].append((code, position))
        seats = Seats()
        names = dict(MemberState.objects.values_list("code", "name"))

        decades: dict[int, Counter] = defaultdict(Counter)
        reasons: Counter = Counter()
        unflagged: list[str] = []
        for resolution in Resolution.objects.order_by("date", "pk"):
            row = decades[resolution.date.year // 10 * 10]
            row["votes"] += 1
            if resolution.adopted_without_vote:
                row["without a vote"] += 1
            elif resolution.votes_recorded and votes[resolution.pk]:
                row["with positions"] += 1
            else:
                row["tally only"] += 1
            if resolution.needs_review:
                row["needs review"] += 1
                reasons.update(reviews.categories(resolution.review_reasons))
                continue
            record = resolution.rule_record(votes[resolution.pk])
            problems = rules.check_record(record, seats.on(resolution.date), names)
            if problems:
                unflagged.append(f"{resolution} ({resolution.date}): {problems[0].message}")
        columns = ["votes", "with positions", "tally only", "without a vote", "needs review"]
        self.stdout.write("decade  " + "  ".join(f"{c:>14}" for c in columns))
        total: Counter = Counter()
        for decade in sorted(decades):
            total.update(decades[decade])
            self.stdout.write(
                f"{decade}s   " + "  ".join(f"{decades[decade][c]:>14}" for c in columns)
            )
        self.stdout.write("total   " + "  ".join(f"{total[c]:>14}" for c in columns))
        if reasons:
            self.stdout.write("\nNeeding review, by reason (a record may have several):")
            for reason, count in sorted(reasons.items()):
                self.stdout.write(f"  {reason}: {count}")
        self.stdout.write(f"\nRecords that break the rules without being flagged: {len(unflagged)}")
        for line in unflagged[:50]:
            self.stdout.write(f"  {line}")
        if strict and unflagged:
            raise CommandError(
                f"{len(unflagged)} record(s) break the rules without being flagged for review."
            )
