"""`manage.py bench --scale N`: the pages on a record N times the size of the one
in the database, in PostgreSQL.

`grow(n)` copies every vote n - 1 times in SQL (INSERT ... SELECT): each copy
keeps its date, meeting, tally, members' votes, topics, sponsors and sources, so
every member's vote stays a vote of a member seated that day and every rule and
constraint holds; a copy's slug, symbol and resolution number are made unique
(`-x3`, ` x3`, the number plus 3 times the highest), with the database's triggers
off, and then counts every figure they keep again from the grown record, as the
migrations that made them did (`refill_kept`). It is for a database made for
benchmarking: the copies are not votes of the Council. `measure()` then times
each page uncached (the median of several requests, wall time: the database's
share included), counts its queries before and after the growth, and times the
votes export against PostgreSQL's own COPY of the same join."""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from . import pagecache

RESOLUTION = "resolutions_resolution"
# The tables hanging off a vote, copied with it: (table, its column naming the vote).
DEPENDENTS = [
    ("resolutions_vote", "resolution_id"),
    ("resolutions_resolution_topics", "resolution_id"),
    ("resolutions_resolution_sponsors", "resolution_id"),
    ("resolutions_source", "resolution_id"),
]
COPY_FLOOR = (
    "COPY (SELECT r.slug, r.draft_symbol, r.resolution_number, r.date, r.meeting, "
    "r.outcome, m.code, m.name, v.position FROM resolutions_vote v "
    "JOIN resolutions_resolution r ON r.id = v.resolution_id "
    "JOIN resolutions_memberstate m ON m.code = v.member_id "
    "ORDER BY r.date, r.id, m.code) TO STDOUT WITH CSV HEADER"
)


class ScaleError(Exception):
    pass


def columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, table)
    return [column.name for column in described if column.name != "id"]


def counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        found = {}
        for table in [RESOLUTION, *(t for t, _ in DEPENDENTS)]:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
            found[table] = cursor.fetchone()[0]
    return found


# The figures the database keeps by triggers (MemberTally, resolutions/kept.py), each
# filled by the statements the migration that made it filled it with, in order.
KEPT = {
    "0009_member_tally": lambda m: m.TRIGGERS_FILL,
    "0011_kept_per_year_and_day": lambda m: [
        *(f"DELETE FROM {table}" for table in (m.SIDES, m.DAYS, m.YEARS)),  # noqa: S608
        *m.fill("postgresql"),
    ],
    "0012_kept_tally_only_per_day": lambda m: [f"DELETE FROM {m.DAYS}", m.FILL],  # noqa: S608
    "0017_kept_topic_days": lambda m: [f"DELETE FROM {m.DAYS}", m.FILL],  # noqa: S608
    "0018_kept_topic_vetoes": lambda m: [f"DELETE FROM {m.CAST}", m.FILL],  # noqa: S608
    "0022_kept_day_records": lambda m: [f"DELETE FROM {m.DAYS}", m.fill("postgresql")],  # noqa: S608
    # The texts (0024) with their days (0027), written, then indexed, as 0024
    # does: the trigram index filled row by row read a long name ("Democratic
    # People's Republic of Korea") 2-3x slower than one built over the written
    # texts (179 ms against 33 at 100x).
    "0027_kept_record_text_days": lambda m: [
        "DROP INDEX IF EXISTS record_text_trgm",
        f"DELETE FROM {m.TEXTS}",  # noqa: S608
        m.fill("postgresql"),
        m.INDEX,
    ],
}


def tables_with_triggers(cursor) -> list[str]:
    cursor.execute(
        "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1"
    )
    return [table for (table,) in cursor.fetchall()]


def refill_kept(cursor) -> None:
    """Every kept figure counted again from the record, its triggers off. Copying
    millions of votes with the triggers on changes the same few rows (a member's
    counts) once per vote: over an hour at 100x, against minutes this way."""
    for migration, statements in KEPT.items():
        module = import_module(f"resolutions.migrations.{migration}")
        for statement in statements(module):
            cursor.execute(statement)


def grow(scale: int) -> dict[str, int]:
    """Copy the record until it is `scale` times its size; the rows per table."""
    if connection.vendor != "postgresql":
        raise ScaleError(
            "--scale grows a PostgreSQL database made for benchmarking; the configured "
            f"database is {connection.vendor}. Set DATABASE_URL to such a database."
        )
    if scale < 2:
        raise ScaleError("--scale must be at least 2.")
    with transaction.atomic(), connection.cursor() as cursor:
        # (A table with checks still deferred in the transaction cannot be altered.)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        triggered = tables_with_triggers(cursor)
        for table in triggered:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        cursor.execute(
            f"SELECT max(id), count(*), coalesce(max(resolution_number), 0), "  # noqa: S608
            f"bool_or(slug LIKE '%%-x1') FROM {RESOLUTION}"
        )
        top, votes, highest, grown = cursor.fetchone()
        if not votes:
            raise ScaleError("The database holds no vote: import the record first.")
        if grown:
            raise ScaleError("This database was grown already; grow a fresh import.")
        made = {
            "slug": "r.slug || '-x' || k",
            "draft_symbol": "CASE WHEN r.draft_symbol = '' THEN '' "
            "ELSE left(r.draft_symbol || ' x' || k, 40) END",
            "resolution_number": f"r.resolution_number + k * {int(highest)}",
        }
        names = columns(RESOLUTION)
        chosen = ", ".join(made.get(name, f"r.{name}") for name in names)
        cursor.execute(
            f"INSERT INTO {RESOLUTION} ({', '.join(names)}) SELECT {chosen} "  # noqa: S608
            f"FROM {RESOLUTION} r CROSS JOIN generate_series(1, %s) AS k WHERE r.id <= %s",
            [scale - 1, top],
        )
        mapping = (
            "CREATE TEMPORARY TABLE grown ON COMMIT DROP AS "  # noqa: S608
            f"SELECT o.id AS old, n.id AS new FROM {RESOLUTION} o "
            "CROSS JOIN generate_series(1, %s) AS k "
            f"JOIN {RESOLUTION} n ON n.slug = o.slug || '-x' || k WHERE o.id <= %s"
        )
        cursor.execute(mapping, [scale - 1, top])
        for table, key in DEPENDENTS:
            names = columns(table)
            chosen = ", ".join("g.new" if name == key else f"d.{name}" for name in names)
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(names)}) SELECT {chosen} "  # noqa: S608
                f"FROM {table} d JOIN grown g ON g.old = d.{key}"
            )
        refill_kept(cursor)
        for table in triggered:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        pagecache.record_changed()
    with connection.cursor() as cursor:
        # VACUUM marks the copied pages all-visible, as autovacuum would on a live
        # database (it may be off on a bench's server): index-only scans then read
        # no record. It runs outside a transaction only; in a caller's (the
        # tests'), ANALYZE alone.
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return counts()


@dataclass
class PageFigures:
    url: str
    median_ms: float
    queries: int
    queries_before: int | None = None


def _fetch(client: Client, url: str) -> float:
    cache.clear()
    started = time.perf_counter()
    response = client.get(url)
    for _ in response.streaming_content if response.streaming else ():
        pass
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise ScaleError(f"{url}: answered {response.status_code}")
    return elapsed


def query_counts(client: Client, urls: list[str]) -> dict[str, int]:
    found = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            _fetch(client, url)
        found[url] = len(queries.captured_queries)
    return found


def time_pages(client: Client, urls: list[str], runs: int) -> list[PageFigures]:
    queries = query_counts(client, urls)
    return [
        PageFigures(url, statistics.median(_fetch(client, url) for _ in range(runs)), queries[url])
        for url in urls
    ]


def copy_floor_seconds() -> float:
    started = time.perf_counter()
    with connection.cursor() as cursor, cursor.cursor.copy(COPY_FLOOR) as copy:
        for _ in copy:
            pass
    return time.perf_counter() - started


def time_export(client: Client, url: str = "/export/votes.csv") -> tuple[float, int, int]:
    """Seconds and bytes of the export built whole (not from its file), and the
    peak of the memory Python allocated meanwhile."""
    started = time.perf_counter()
    response = client.get(url)
    size = sum(len(chunk) for chunk in response.streaming_content)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    for _ in client.get(url).streaming_content:
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, size, peak


def measure(scale: int, urls: list[str], runs: int = 5) -> Iterator[str]:
    """Grow the record, then time it: the lines to print."""
    with override_settings(ALLOWED_HOSTS=["testserver"], EXPORT_DIR=""):
        client = Client()
        before = query_counts(client, urls)
        started = time.perf_counter()
        rows = grow(scale)
        yield (
            f"grown to {scale} x the record in {time.perf_counter() - started:.0f} s: "
            f"{rows[RESOLUTION]:,} votes, {rows['resolutions_vote']:,} members' votes"
        )
        pages = time_pages(client, urls, runs)
        yield f"{'page':<48}{'median ms':>10}{'queries':>9}{'at 1x':>7}"
        for page in pages:
            changed = "" if before[page.url] == page.queries else "  (changed)"
            yield (
                f"{page.url[:47]:<48}{page.median_ms:>10.1f}{page.queries:>9}"
                f"{before[page.url]:>7}{changed}"
            )
        seconds, size, peak = time_export(client)
        floor = copy_floor_seconds()
        yield (
            f"/export/votes.csv: {seconds:.1f} s for {size / 1e6:,.0f} MB, "
            f"{seconds / floor:.1f} x PostgreSQL's COPY of the same join ({floor:.1f} s); "
            f"peak Python memory {peak / 1e6:.1f} MB"
        )
        slowest = max(pages, key=lambda p: p.median_ms)
        yield f"slowest page: {slowest.url} {slowest.median_ms:.0f} ms"
