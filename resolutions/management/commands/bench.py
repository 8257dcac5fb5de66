"""`make bench`: import every shared source into a fresh SQLite database, twice,
and compare each with its floor: the first with reading the files (`bench
--read-files`: every source parsed, nothing written, process start included as
in the import) and the rows it wrote inserted by a bare sqlite3 executemany
(every table it adds rows to: the votes, members' votes and sources, their
history, topics and sponsors); the second, which finds nothing to change, with
reading the files alone (wall clock; the CPU time beside it). Then read a
160 KB news report on one line with the article reader, against its own floor
(resolutions/reader/benchmark.py); then time each kind of page, uncached and
cached, and the exports on the record so imported, against a trivial view
(resolutions/pagebench.py). `--reader` runs the reader's alone; `--pages` times the
pages on the configured database alone.

Runs in a temporary folder (the project's database is not touched): migrate,
load_bundled, then `import_votes --format auto` on the sources, timed. The sources
are named one by one (`default_sources`): the library's meeting pages, its veto
list, the second veto list, the community table once, as its workbook (the README:
load it once), and the researched records of recent-votes/."""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SHARED = Path(settings.BASE_DIR).parent / "shared" / "data" / "external"
TABLES = ["resolutions_resolution", "resolutions_vote", "resolutions_source"]
# The floors' targets (issue 13): the first import within 5x reading and writing
# the rows, a second run within 2x reading the files.
FIRST_TARGET = 5
SECOND_TARGET = 2


def default_sources(external: Path = SHARED) -> list[Path]:
    """The files the bench imports: every library meeting page (scact<year>...),
    the library's veto list, the second veto list (wpdl), the community table's
    workbook only (its CSV is the same table: loading both would import it twice)
    and the researched records of recent-votes/ (one JSON file per vote)."""
    library = external / "dhl-scact-html"
    pages = sorted(library.glob("scact[0-9][0-9][0-9][0-9]*_table_en.html"))
    vetoes = library / "scact_veto_table_en.html"
    second = sorted((external / "wpdl-vetoes").glob("*.csv"))
    workbooks = sorted((external / "voting-agent-sc-votes").glob("*.xlsx"))
    researched = sorted((external / "recent-votes").rglob("*.json"))
    if not pages or not vetoes.exists() or len(second) != 1:
        raise CommandError(
            f"{external}: expected the library's meeting pages and veto list in "
            "dhl-scact-html/ and the second veto list (.csv) in wpdl-vetoes/"
        )
    if len(workbooks) != 1 or not researched:
        raise CommandError(
            f"{external}: expected one community workbook (.xlsx) in voting-agent-sc-votes/ "
            "and the researched records (.json) in recent-votes/"
        )
    return [*pages, vetoes, *second, *workbooks, *researched]


class Command(BaseCommand):
    help = "Time import_votes on the shared sources against a bare sqlite3 executemany."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            type=Path,
            help=f"Sources (default: the library's pages, veto list, community workbook and "
            f"researched records in {SHARED}).",
        )
        parser.add_argument(
            "--pages",
            action="store_true",
            help="Only the pages' and exports' timings, on the configured database.",
        )
        parser.add_argument(
            "--scale",
            type=int,
            metavar="N",
            help="Grow the configured PostgreSQL database's record to N times its size "
            "(a database made for benchmarking only), then time every page on it.",
        )
        parser.add_argument(
            "--noinput",
            action="store_false",
            dest="interactive",
            help="With --scale: do not ask before growing the database.",
        )
        parser.add_argument(
            "--import",
            action="store_true",
            dest="import_only",
            help="Only the import's timings against their floors.",
        )
        parser.add_argument(
            "--read-files",
            action="store_true",
            help="Only read (parse) the sources, writing nothing: the floor of an import.",
        )
        parser.add_argument(
            "--reader",
            action="store_true",
            help="Only the article reader's benchmark (a 160 KB report on one line).",
        )

    def handle(self, *args, paths: list[Path], reader=False, pages=False, scale=None, **options):
        if options.get("read_files"):
            self.read_files(paths or default_sources())
            return
        if scale is not None:
            self.bench_scale(scale, options.get("interactive", True))
            return
        if reader:
            self.bench_reader()
            return
        if pages:
            self.bench_pages()
            return
        self.bench_import(paths, with_pages=not options.get("import_only"))
        if not options.get("import_only"):
            self.bench_reader()

    def bench_pages(self) -> None:
        from resolutions import pagebench

        timings = pagebench.run()
        floor = next(timings)
        self.stdout.write(f"floor, a trivial view through the middleware: {floor:.3f} ms of CPU")
        self.stdout.write(f"{'page':<44}{'uncached':>20}{'cached':>20}{'queries':>9}{'KB':>8}")
        for t in timings:
            cached = f"{t.cached_ms:7.2f} ms {t.cached_ms / floor:5.1f}x" if t.cached_ms else ""
            self.stdout.write(
                f"{t.url:<44}{t.uncached_ms:9.1f} ms {t.uncached_ms / floor:6.0f}x"
                f"{cached:>20}{t.queries:>9}{t.size / 1000:>8.0f}"
            )

    def bench_scale(self, scale: int, interactive: bool) -> None:
        from django.db import connection

        from resolutions import pagebench, scalebench

        name = connection.settings_dict["NAME"]
        self.stdout.write(
            f"--scale {scale} adds {scale - 1} synthetic copies of every vote to the database "
            f"'{name}' ({connection.vendor}). They are not the Council's votes: use a "
            "database made for benchmarking only, never the site's."
        )
        if interactive and input("Type 'yes' to grow it: ").strip() != "yes":
            raise CommandError("Nothing was changed.")
        try:
            for line in scalebench.measure(scale, pagebench.default_pages(scale)):
                self.stdout.write(line)
        except scalebench.ScaleError as error:
            raise CommandError(str(error)) from error

    def bench_reader(self) -> None:
        from resolutions.reader import benchmark
        from resolutions.reader.proposal import Context

        articles = SHARED.parent / "articles"
        if not articles.is_dir():
            raise CommandError(f"{articles}: absent; the reader's benchmark is built from it.")
        context = Context.from_database()
        size = benchmark.SIZE // 1000
        for shape, seconds, floor in benchmark.run(context, articles):
            self.stdout.write(
                f"reader, {size} KB on one line, {shape + ':':<22}{seconds:6.2f} s  "
                f"({seconds / floor:4.1f} x the floor of {floor:.2f} s: names and words of "
                f"voting found once over the text; target under {benchmark.TARGET_SECONDS:.0f} s)"
            )

    def read_files(self, paths: list[Path]) -> None:
        """Every source's format told and its votes read, as import_votes does
        before it merges anything; nothing is written."""
        from resolutions.importers import FORMATS, SourceError, detect_format

        entries = 0
        for path in paths:
            try:
                fmt = detect_format(path)
                entries += len(FORMATS[fmt].read(path)) if fmt else 0
            except SourceError as error:
                raise CommandError(str(error)) from error
        self.stdout.write(f"{len(paths)} files read: {entries} votes.")

    def bench_import(self, paths: list[Path], with_pages: bool = True) -> None:
        paths = paths or default_sources()
        for path in paths:
            if not path.exists():
                raise CommandError(f"{path}: absent; give the folder of the sources.")
        with tempfile.TemporaryDirectory() as folder:
            database = Path(folder) / "bench.sqlite3"
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}

            def manage(*arguments: str) -> Run:
                started = time.perf_counter()
                cpu = children_cpu()
                result = subprocess.run(
                    [sys.executable, "manage.py", *arguments],
                    cwd=settings.BASE_DIR,
                    env=env,
                    capture_output=True,
                    text=True,
                )
                if result.returncode:
                    raise CommandError(f"manage.py {' '.join(arguments)} failed:\n{result.stderr}")
                return Run(time.perf_counter() - started, children_cpu() - cpu)

            manage("migrate", "--noinput", "-v0")
            manage("load_bundled", "-v0")
            with sqlite3.connect(database) as connection:
                before = {t: count(connection, t) for t in app_tables(connection)}
            reading = manage("bench", "--read-files", *map(str, paths))
            importing = [*("import_votes", "--no-progress", "--format", "auto"), *map(str, paths)]
            first = manage(*importing)
            second = manage(*importing)
            with sqlite3.connect(database) as connection:
                added = {t: count(connection, t) - n for t, n in before.items()}
                added = {t: n for t, n in added.items() if n > 0}
                floor = bare_inserts(connection, Path(folder) / "floor.sqlite3", before, added)
            pages = with_pages and subprocess.run(
                [sys.executable, "manage.py", "bench", "--pages"],
                cwd=settings.BASE_DIR,
                env=env,
                capture_output=True,
                text=True,
            )
            if pages and pages.returncode:
                raise CommandError(f"manage.py bench --pages failed:\n{pages.stderr}")
        for line in import_report(added, reading, first, second, floor):
            self.stdout.write(line)
        if pages:
            self.stdout.write("Pages and exports on the record so imported:\n" + pages.stdout)


@dataclass
class Run:
    """A command's time: wall clock, and the CPU time of its process."""

    seconds: float
    cpu: float


def children_cpu() -> float:
    """CPU time (user and system) of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def import_report(added: dict[str, int], reading: Run, first: Run, second: Run, floor: Run):
    """The import's lines of `make bench`: each run with its ratio to its floor on
    the wall clock, and on CPU time (for a machine shared with other work, where
    waiting for a core counts on the wall clock only)."""
    total = sum(added.get(t, 0) for t in TABLES)
    rows = sum(added.values())
    both = Run(reading.seconds + floor.seconds, reading.cpu + floor.cpu)

    def ratio(run: Run, to: Run) -> str:
        return f"{run.seconds / to.seconds:4.1f}x (CPU {run.cpu / to.cpu:4.1f}x)"

    yield (
        f"Rows written: {total} ({added.get('resolutions_resolution', 0)} votes, "
        f"{added.get('resolutions_vote', 0)} members' votes, "
        f"{added.get('resolutions_source', 0)} sources); {rows} with their history, "
        f"topics, sponsors and kept figures, in {len(added)} tables"
    )
    yield (
        f"reading the files:            {reading.seconds:6.2f} s  (CPU {reading.cpu:5.2f} s; "
        "every source parsed, nothing written, process start included)"
    )
    yield (
        f"floor, sqlite3 executemany:   {floor.seconds:6.2f} s  (CPU {floor.cpu:5.2f} s; "
        f"{rows / floor.seconds:,.0f} rows/s, the {rows} rows into bare tables)"
    )
    yield (
        f"import_votes, empty database: {first.seconds:6.2f} s  (CPU {first.cpu:5.2f} s): "
        f"{ratio(first, both)} reading + executemany, target {FIRST_TARGET}x; "
        f"{ratio(first, floor)} executemany alone"
    )
    yield (
        f"import_votes, second run:     {second.seconds:6.2f} s  (CPU {second.cpu:5.2f} s): "
        f"{ratio(second, reading)} reading the files, target {SECOND_TARGET}x; nothing to change"
    )


def app_tables(connection: sqlite3.Connection) -> list[str]:
    return [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'resolutions_%' "
            "ORDER BY name"
        )
    ]


def count(connection: sqlite3.Connection, table: str) -> int:
    return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


def bare_inserts(
    source: sqlite3.Connection, target_path: Path, before: dict[str, int], added: dict[str, int]
) -> Run:
    """Time inserting the rows the import added (the last rows of each table that
    grew) into an empty copy of those tables: no index, trigger or constraint
    but the tables' own."""
    target = sqlite3.connect(target_path)
    try:
        data = {}
        for table in added:
            schema = source.execute(
                "SELECT sql FROM sqlite_master WHERE type='table' AND name=?", (table,)
            ).fetchone()[0]
            target.execute(schema)
            rows = source.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()  # noqa: S608
            data[table] = rows[before[table] :]
        target.commit()
        started, cpu = time.perf_counter(), time.process_time()
        for table, rows in data.items():
            if rows:
                marks = ",".join("?" * len(rows[0]))
                target.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)  # noqa: S608
        target.commit()
        return Run(time.perf_counter() - started, time.process_time() - cpu)
    finally:
        target.close()
