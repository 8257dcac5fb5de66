"""Import votes from the public sources (see the README, "Importing the historical
record"): `python manage.py import_votes --format auto PATH [PATH ...]`.

Idempotent (a second run changes nothing and says so), transactional per file (a
file that cannot be read or a row that cannot be parsed is named with its line,
and nothing of that file is stored), with a progress bar and a closing summary.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from resolutions import history
from resolutions.importers import FORMATS, SourceError, detect_format, is_format
from resolutions.importers.reconcile import Reconciler, Summary
from resolutions.models import MemberState, StaleRecord

ORDER = list(FORMATS)


class Command(BaseCommand):
    help = (
        "Import votes from the library's pages, its veto list, the community table, "
        "researched records or our CSV."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=[*FORMATS, "auto"], default="auto")
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, format: str, paths: list[Path], no_progress: bool = False, **options):
        if not MemberState.objects.exists():
            raise CommandError(
                "No member states: load them first with `python manage.py load_bundled`."
            )
        failed: list[str] = []
        files = self.files(format, paths, failed)
        if not files:
            raise CommandError(
                "\n".join(failed) if failed else "No file of a known format to import."
            )
        started = time.perf_counter()
        reconciler = Reconciler()
        total = Summary()
        show = not no_progress and options.get("verbosity", 1) > 0
        read = self.read(files, failed)
        # What the library says of each meeting is known before any file is merged.
        reconciler.learn_meetings([e for entries in read.values() for e in entries])
        for fmt, path in files:
            if path not in read:
                continue
            entries = read[path]
            try:
                with (
                    tqdm(
                        total=len(entries),
                        desc=path.name[:30],
                        unit="vote",
                        disable=not show,
                        file=self.stderr._out,
                        leave=False,
                    ) as bar,
                    transaction.atomic(),
                    history.recorded_as(history.Change.IMPORT, f"{fmt}: {path.name}"),
                ):
                    summary, touched = reconciler.merge_file(entries, bar)
                    reconciler.save(touched, summary)
            except (SourceError, StaleRecord) as error:
                if isinstance(error, StaleRecord):
                    error = f"{path}: {error} while the import ran; import the file again"
                failed.append(str(error))
                self.stderr.write(f"{error} -- nothing from {path.name} was stored.")
                reconciler.load()  # forget the file's in-memory changes
                continue
            total.add(summary)
            if options.get("verbosity", 1) > 1:
                for change in dict.fromkeys(summary.changes):
                    self.stdout.write(f"  changed: {change}")
            self.stdout.write(
                f"{path.name} ({fmt}): {summary.entries} votes read; {summary.created} created, "
                f"{summary.updated} updated, {summary.unchanged} unchanged"
                + (
                    f"; {summary.dates_corrected} swapped dates corrected"
                    if summary.dates_corrected
                    else ""
                )
            )
        self.stdout.write(self.closing(total, time.perf_counter() - started))
        if failed:
            raise CommandError(f"{len(failed)} file(s) not imported:\n" + "\n".join(failed))

    def read(self, files: list[tuple[str, Path]], failed: list[str]) -> dict[Path, list]:
        """Each file's entries; a file that cannot be read is named in `failed`."""
        read = {}
        for fmt, path in files:
            try:
                read[path] = FORMATS[fmt].read(path)
            except SourceError as error:
                failed.append(str(error))
                self.stderr.write(f"{error} -- nothing from {path.name} was stored.")
        return read

    def files(
        self, format: str, paths: list[Path], failed: list[str] | None = None
    ) -> list[tuple[str, Path]]:
        """The files to import and their formats. A file named is read in the format
        given; in a folder, only the files of that format are (the others, such as
        a SOURCE.txt beside the data, are named as skipped). A file that cannot be
        read to tell its format (a truncated workbook) is named in `failed` and not
        imported (without `failed`, it is a CommandError)."""
        found: list[tuple[str, Path]] = []
        for path in paths:
            if not path.exists():
                raise CommandError(f"{path}: no such file or folder.")
            if path.is_file() and format != "auto":
                found.append((format, path))
                continue
            inside = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            for each in inside:
                try:
                    if format == "auto":
                        detected = detect_format(each)
                    else:
                        detected = format if is_format(each, format) else None
                except SourceError as error:
                    if failed is None:
                        raise CommandError(str(error)) from error
                    failed.append(str(error))
                    self.stderr.write(f"{error} -- nothing from {each.name} was stored.")
                    continue
                if detected is None:
                    kind = "a format this command reads" if format == "auto" else f"a {format} file"
                    self.stdout.write(f"Skipped {each}: not {kind}.")
                else:
                    found.append((detected, each))
        # The library's pages first: their dates and meetings win.
        return sorted(found, key=lambda item: (ORDER.index(item[0]), str(item[1])))

    @staticmethod
    def closing(total: Summary, seconds: float) -> str:
        lines = [
            f"Summary: {total.created} records created, {total.updated} updated, "
            f"{total.unchanged} unchanged, in {seconds:.1f} s."
        ]
        if not total.created and not total.updated:
            lines.append("Nothing changed.")
        if total.dates_corrected:
            lines.append(
                f"Community-table dates with day and month swapped, corrected from the "
                f"library: {total.dates_corrected}."
            )
        if total.flagged:
            lines.append("Records read that need review, by reason (a record may have several):")
            lines += [f"  {reason}: {n}" for reason, n in sorted(total.flagged.items())]
        return "\n".join(lines)
