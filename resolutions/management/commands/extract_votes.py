"""Read a news article about a Security Council vote and print what it says: the
date, the document, the counts, who voted how and who vetoed, each with the
sentence it came from (see resolutions/reader/), and the records already kept of
that vote (the same draft or resolution symbol, or the same meeting and date; else
the votes of that day with its counts).

    python manage.py extract_votes ARTICLE.txt --published 2017-04-12 --json
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from resolutions.models import Resolution
from resolutions.reader import Context, extract, too_long


def read_article(path: Path) -> str:
    """The article's text, or a clear error for a missing, empty or binary file."""
    if not path.exists():
        raise CommandError(f"{path}: no such file.")
    if not path.is_file():
        raise CommandError(f"{path}: not a file.")
    data = path.read_bytes()
    if b"\0" in data:
        raise CommandError(f"{path}: a binary file, not an article's text.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(f"{path}: not UTF-8 text ({error.reason}).") from error
    if not text.strip():
        raise CommandError(f"{path}: the file is empty.")
    refused = too_long(text)
    if refused:
        raise CommandError(f"{path}: {refused}")
    return text


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--published: '{value}' is not a date as YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = "Propose a vote record from a news article (date, document, counts, positions)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The article, as a UTF-8 text file.")
        parser.add_argument(
            "--published", help="The article's publication date (YYYY-MM-DD), to resolve weekdays."
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, path: Path, published: str | None, json: bool = False, **options):
        text = read_article(path)
        day = iso_date(published) if published else None
        result = extract(text, day, Context.from_database())
        data = {**result.as_json(), "matched": [matched(r) for r in recorded(result)]}
        if json:
            self.stdout.write(_json_dumps(data))
            return
        self.stdout.write(f"Vote date: {data['vote_date'] or 'unknown'}")
        self.stdout.write(f"Document: {data['document'] or 'none named'}")
        counts = data["counts"]
        shown = "-".join(
            "?" if counts[k] is None else str(counts[k]) for k in ("for", "against", "abstain")
        )
        self.stdout.write(f"Counts (for-against-abstain): {shown}")
        self.stdout.write(f"Outcome: {data['outcome'] or 'unknown'}")
        self.stdout.write(f"Vetoed by: {', '.join(data['vetoed_by']) or 'nobody'}")
        self.stdout.write("Positions:")
        for item in data["evidence"]:
            self.stdout.write(f"  {item['member']} {item['position']}: {item['text']}")
        for warning in data["warnings"]:
            self.stdout.write(f"Warning: {warning}")
        for record in data["matched"]:
            self.stdout.write(
                f"On record: {record['symbol'] or record['meeting']} of {record['date']} "
                f"({record['url']})"
            )


def recorded(result) -> list[Resolution]:
    """The records of the vote the article reports, if any (see `reported`); none
    where the database holds no record yet (not migrated: the reader runs without)."""
    try:
        return list(Resolution.objects.reported_by(result).order_by("date", "slug"))
    except DatabaseError:
        return []


def matched(record: Resolution) -> dict:
    return {
        "slug": record.slug,
        "symbol": record.symbol or None,
        "meeting": record.meeting or None,
        "date": record.date.isoformat() if record.date else None,
        "counts": {
            "for": record.votes_for,
            "against": record.votes_against,
            "abstain": record.votes_abstain,
        },
        "url": record.get_absolute_url(),
    }


def _json_dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
