"""`make bench`: import every shared source into a fresh SQLite database, twice,
and compare with the floor: the same rows inserted by a bare sqlite3 executemany;
then read a 160 KB news report on one line with the article reader, against its
own floor (resolutions/reader/benchmark.py); then time each kind of page, uncached
and cached, and the exports on the record so imported, against a trivial view
(resolutions/pagebench.py). `--reader` runs the reader's alone; `--pages` times the
pages on the configured database alone.

Runs in a temporary folder (the project's database is not touched): migrate,
load_bundled, then `import_votes --format auto` on the sources, timed. The sources
are named one by one (`default_sources`): the library's meeting pages, its veto
list, the second veto list, the community table once, as its workbook (the README:
load it once), and the researched records of recent-votes/."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SHARED = Path(settings.BASE_DIR).parent / "shared" / "data" / "external"
TABLES = ["resolutions_resolution", "resolutions_vote", "resolutions_source"]


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
            "--reader",
            action="store_true",
            help="Only the article reader's benchmark (a 160 KB report on one line).",
        )

    def handle(self, *args, paths: list[Path], reader=False, pages=False, scale=None, **options):
        if scale is not None:
            self.bench_scale(scale, options.get("interactive", True))
            return
        if reader:
            self.bench_reader()
            return
        if pages:
            self.bench_pages()
            return
        self.bench_import(paths)
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
            for line in scalebench.measure(scale, pagebench.default_pages()):
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

    def bench_import(self, paths: list[Path]) -> None:
        paths = paths or default_sources()
        for path in paths:
            if not path.exists():
                raise CommandError(f"{path}: absent; give the folder of the sources.")
        with tempfile.TemporaryDirectory() as folder:
            database = Path(folder) / "bench.sqlite3"
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}

            def manage(*arguments: str) -> float:
                started = time.perf_counter()
                result = subprocess.run(
                    [sys.executable, "manage.py", *arguments],
                    cwd=settings.BASE_DIR,
                    env=env,
                    capture_output=True,
                    text=True,
                )
                if result.returncode:
                    raise CommandError(f"manage.py {' '.join(arguments)} failed:\n{result.stderr}")
                return time.perf_counter() - started

            manage("migrate", "--noinput", "-v0")
            manage("load_bundled", "-v0")
            with sqlite3.connect(database) as connection:
                before = {t: count(connection, t) for t in TABLES}
            importing = [*("import_votes", "--no-progress", "--format", "auto"), *map(str, paths)]
            first = manage(*importing)
            second = manage(*importing)
            with sqlite3.connect(database) as connection:
                rows = {t: count(connection, t) - before[t] for t in TABLES}
                floor = bare_inserts(connection, Path(folder) / "floor.sqlite3", before)
            pages = subprocess.run(
                [sys.executable, "manage.py", "bench", "--pages"],
                cwd=settings.BASE_DIR,
                env=env,
                capture_output=True,
                text=True,
            )
            if pages.returncode:
                raise CommandError(f"manage.py bench --pages failed:\n{pages.stderr}")
        total = sum(rows.values())
        self.stdout.write(
            f"Rows written: {total} ({rows['resolutions_resolution']} votes, "
            f"{rows['resolutions_vote']} members' votes, {rows['resolutions_source']} sources)\n"
            f"import_votes, empty database: {first:6.2f} s  ({total / first:,.0f} rows/s, "
            "process start and parsing included)\n"
            f"import_votes, second run:     {second:6.2f} s  (nothing to change)\n"
            f"floor, sqlite3 executemany:   {floor:6.2f} s  ({total / floor:,.0f} rows/s, "
            "the same rows, nothing parsed or checked)"
        )
        self.stdout.write("Pages and exports on the record so imported:\n" + pages.stdout)


def count(connection: sqlite3.Connection, table: str) -> int:
    return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


def bare_inserts(source: sqlite3.Connection, target_path: Path, skip: dict[str, int]) -> float:
    """Time inserting the imported rows into an empty copy of the tables."""
    target = sqlite3.connect(target_path)
    try:
        data = {}
        for table in TABLES:
            schema = source.execute(
                "SELECT sql FROM sqlite_master WHERE type='table' AND name=?", (table,)
            ).fetchone()[0]
            target.execute(schema)
            rows = source.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()  # noqa: S608
            data[table] = rows[skip[table] :]
        target.commit()
        started = time.perf_counter()
        for table, rows in data.items():
            if rows:
                marks = ",".join("?" * len(rows[0]))
                target.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)  # noqa: S608
        target.commit()
        return time.perf_counter() - started
    finally:
        target.close()
