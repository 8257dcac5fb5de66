"""The state of the record: votes per decade (with per-member positions, tally
only), records needing review by reason, records that break the Charter's rules
without being flagged, and the run of resolution numbers (1..N with no gap, no
duplicate, dates never going backwards with the number). `--strict` exits
non-zero on an unflagged rule break or a fault in the numbering."""

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
        numbering = numbering_faults(
            Resolution.objects.filter(resolution_number__isnull=False).values_list(
                "resolution_number", "date"
            )
        )
        last = Resolution.objects.order_by("-date").values_list("date", flat=True).first()
        self.stdout.write(f"\nLast vote on record: {last or 'none'}")
        self.stdout.write(f"Faults in the numbering of resolutions: {len(numbering)}")
        for line in numbering[:50]:
            self.stdout.write(f"  {line}")
        failures = []
        if unflagged:
            failures.append(
                f"{len(unflagged)} record(s) break the rules without being flagged for review."
            )
        if numbering:
            failures.append(f"{len(numbering)} fault(s) in the numbering of resolutions.")
        if strict and failures:
            raise CommandError(" ".join(failures))


def spans(numbers: list[int]) -> str:
    """[3, 4, 5, 9] -> '3-5, 9'."""
    parts: list[str] = []
    for number in numbers:
        if parts and number == int(parts[-1].split("-")[-1]) + 1:
            parts[-1] = f"{parts[-1].split('-')[0]}-{number}"
        else:
            parts.append(str(number))
    return ", ".join(parts)


def numbering_faults(numbered) -> list[str]:
    """What breaks the run of resolution numbers 1..N, from (number, date) pairs:
    numbers missing, numbers given to several votes, and a number dated before the
    number before it (resolutions are numbered in the order they are adopted)."""
    dates: dict[int, list] = defaultdict(list)
    for number, day in numbered:
        dates[number].append(day)
    if not dates:
        return []
    faults = []
    missing = [n for n in range(1, max(dates) + 1) if n not in dates]
    if missing:
        faults.append(f"numbers missing: {spans(missing)}")
    for number in sorted(dates):
        if len(dates[number]) > 1:  # where the database does not refuse it
            days = ", ".join(str(d) for d in sorted(dates[number]))
            faults.append(f"S/RES/{number} given to {len(dates[number])} votes ({days})")
    previous = None
    for number in sorted(dates):
        day = min(dates[number])
        if previous and day < previous[1]:
            faults.append(
                f"S/RES/{number} is dated {day}, before S/RES/{previous[0]} ({previous[1]})"
            )
        previous = (number, max(dates[number]))
    return faults
