"""The community table of per-member votes (github.com/oliverunv/Voting-Agent,
`sc_voting.xlsx`, or the same columns as CSV): one row per member per vote, 1994
to 2025, failed and vetoed drafts included. Rows of one vote share an `ID`.

Known faults, handled by the reconciler: day and month swapped in many dates
before 2023 (corrected from the library's pages), duplicate and missing member
rows, typos in names, symbols written many ways ("893 (1994)", "S/RES/2118(2013)",
"Resolution 2118 (2013)"), amendments and paragraphs in the draft column.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from collections import defaultdict
from pathlib import Path

from resolutions import topics
from resolutions.rules import Outcome, Position

from .base import COMMUNITY, Entry, SourceError, csv_error, normalise_draft

COLUMNS = {"Date,", "Resolution", "Meeting", "Draft", "Outcome results", "Vote", "Member State"}
POSITIONS = {"yes": Position.FOR, "no": Position.AGAINST, "abstain": Position.ABSTAIN}
# Date of the first vote whose date the table writes right: from 2023 on they are.
SURE_DATES_FROM = dt.date(2023, 1, 1)


def detect(path: Path, head: bytes) -> bool:
    """A workbook (.xlsx, a zip: `PK`) that cannot be read is a SourceError, never
    "not ours": a truncated download of the table must not be skipped silently."""
    if path.suffix.lower() == ".xlsx":
        return head.startswith(b"PK") and _xlsx_header(path) >= COLUMNS
    first = head.decode("utf-8-sig", errors="replace").splitlines()[:1]
    return bool(first) and set(next(csv.reader(first))) >= COLUMNS


def _xlsx_header(path: Path) -> set[str]:
    rows = _xlsx_rows(path, nrows=1)  # SourceError when it is not a readable workbook
    return {str(v) for v in rows[0] if v not in (None, "")} if rows else set()


# A workbook is a zip: before anything is unpacked, the sizes its members declare
# are checked against these (the community table's sheet is 16 MB unpacked), so
# that a small file holding a huge cell (a zip bomb) is refused at once.
MAX_WORKBOOK_MEMBER_BYTES = 64 * 1024 * 1024
MAX_WORKBOOK_BYTES = 128 * 1024 * 1024
# Deflate unpacks to at most about 1,032 times its packed size: a member that could
# exceed the limit is unpacked (in chunks, never whole) to check its declared size.
DEFLATE_MAX_RATIO = 1032


def check_workbook(path: Path) -> None:
    """Refuse a workbook whose members declare (or unpack to) more than the limits."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            for member in members:
                if member.file_size > MAX_WORKBOOK_MEMBER_BYTES:
                    raise SourceError(
                        path,
                        None,
                        f"the workbook's part {member.filename} unpacks to "
                        f"{member.file_size:,} bytes, more than the "
                        f"{MAX_WORKBOOK_MEMBER_BYTES:,} a workbook part may hold; not read",
                    )
            if total > MAX_WORKBOOK_BYTES:
                raise SourceError(
                    path,
                    None,
                    f"the workbook unpacks to {total:,} bytes, more than the "
                    f"{MAX_WORKBOOK_BYTES:,} a workbook may hold; not read",
                )
            for member in members:
                if member.compress_size * DEFLATE_MAX_RATIO > MAX_WORKBOOK_MEMBER_BYTES:
                    _check_unpacked_size(path, archive, member)
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise SourceError(path, None, f"cannot be read as a workbook: {error}") from error


def _check_unpacked_size(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Unpack a member in chunks, never whole: zipfile stops at the size it declares
    and checks its CRC there, so one that would unpack to more is refused
    (BadZipFile) after at most its declared, checked size."""
    with archive.open(member) as stream:
        while stream.read(1024 * 1024):
            pass


# The last workbook read, by (path, size, modification time): detecting the format
# reads the sheet's header, and the sheet is read once for both (calamine reads a
# sheet whole, whatever the rows asked for).
_last_sheet: tuple[tuple, list[list]] | None = None


def _xlsx_rows(path: Path, nrows: int | None = None) -> list[list]:
    """The first sheet's cells, read with calamine (a tenth of openpyxl's time),
    once the workbook's sizes are checked (check_workbook). Whole numbers come back
    as floats (3326.0); they are made ints again."""
    global _last_sheet
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        stat = path.stat()
    except OSError as error:
        raise SourceError(path, None, f"cannot be read: {error}") from error
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if _last_sheet is None or _last_sheet[0] != key:
        check_workbook(path)
        try:
            sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
            rows = sheet.to_python(skip_empty_area=False)
        except (CalamineError, OSError, ValueError) as error:
            raise SourceError(path, None, f"cannot be read as a workbook: {error}") from error
        rows = [
            [int(v) if isinstance(v, float) and v.is_integer() else v for v in row] for row in rows
        ]
        _last_sheet = (key, rows)
    rows = _last_sheet[1]
    return rows if nrows is None else rows[:nrows]


def rows_of(path: Path):
    """(line, row dict) of the CSV or the first sheet of the workbook."""
    if path.suffix.lower() == ".xlsx":
        rows = _xlsx_rows(path)
        if not rows:
            return
        header = [str(v) if v is not None else "" for v in rows[0]]
        for line, values in enumerate(rows[1:], start=2):
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            yield line, dict(zip(header, values, strict=False))
        return
    read_to = 1  # the line of the last row read (the header's, to begin with)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            for row in reader:
                read_to = reader.line_num
                if not any((v or "").strip() for v in row.values()):
                    continue
                yield reader.line_num, row
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(path, None, f"cannot be read: {error}") from error
    except csv.Error as error:
        # The row after the last one read holds the cell.
        raise csv_error(path, read_to + 1, error) from error


def text(value) -> str:
    return "" if value is None else " ".join(str(value).replace("\xa0", " ").split())


def parse_date(value, path: Path, line: int) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(text(value)[:10])
    except ValueError as error:
        raise SourceError(path, line, f"Date '{text(value)}' is not a date") from error


def parse_resolution(value: str) -> tuple[int | None, str]:
    """(resolution number, draft symbol written in the resolution column)."""
    match = re.match(r"^(?:S/RES/|Resolution\s+)?(\d{1,4})\s*(?:\(\s*\d{4}\s*\)?|/\d{4})?$", value)
    if match:
        return int(match.group(1)), ""
    return None, normalise_draft(value)


def swapped_symbols(resolution: str, draft: str) -> tuple[str, str]:
    """(Resolution, Draft) columns, put back where the table swaps them (res.
    2779-2781 (2025): "S/RES/2779(2025)" under Draft, the draft symbol or nothing
    under Resolution)."""
    if re.match(r"^S/RES/\s*\d", draft, re.I) and (not resolution or normalise_draft(resolution)):
        return draft, resolution
    return resolution, draft


def parse_draft(value: str) -> tuple[str, str]:
    """(draft symbol, what else the column says). Amendments and paragraphs are
    votes of their own: they get no draft symbol, the text becomes the title."""
    if not value or re.search(r"amend|para", value, re.I):
        return "", value
    parts = re.split(r"\s*[;,]\s*|\s+and\s+", value)
    first = re.sub(
        r"\s*(as orally|with tech|orally revised|revised in|\().*$", "", parts[0], flags=re.I
    )
    symbol = normalise_draft(re.sub(r"^(S/\d{4})-(\d+)$", r"\1/\2", first, flags=re.I))
    return symbol, ("" if symbol and len(parts) == 1 and first == parts[0] else value)


def parse_meeting(value: str) -> str:
    match = re.match(r"^(?:S/)?(?:PV\.?)?\s*(\d{3,5})$", value)
    return f"S/PV.{match.group(1)}" if match else ""  # V005: a letter number, not a meeting


def parse_outcome(value: str, path: Path, line: int) -> str:
    lowered = value.lower()
    if lowered.startswith("adopted"):
        return Outcome.ADOPTED
    if "veto" in lowered:
        return Outcome.VETOED
    if "failed" in lowered or lowered.startswith("not adopted"):
        return Outcome.FAILED
    raise SourceError(path, line, f"Outcome results '{value}' is not an outcome")


def without_a_vote(outcome: str) -> bool:
    """'Adopted by acclamation', 'Adopted without a vote': no recorded vote."""
    lowered = outcome.lower()
    return lowered.startswith("adopted") and (
        "acclamation" in lowered or "without a vote" in lowered
    )


def read(path: Path) -> list[Entry]:
    groups: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for line, row in rows_of(path):
        missing = COLUMNS - set(row)
        if missing:
            raise SourceError(path, line, f"missing columns: {', '.join(sorted(missing))}")
        key = text(row.get("ID")) or f"line {line}"
        groups[key].append((line, row))
    entries = []
    for rows in groups.values():
        line, first = rows[0]
        on = parse_date(first["Date,"], path, line)
        number_column, draft_column = swapped_symbols(
            text(first["Resolution"]), text(first["Draft"])
        )
        number, draft_in_resolution = parse_resolution(number_column)
        draft, other = parse_draft(draft_column)
        entry = Entry(
            source=COMMUNITY,
            path=path,
            line=line,
            date=on,
            meeting=parse_meeting(text(first["Meeting"])),
            draft_symbol=draft or draft_in_resolution,
            resolution_number=number,
            title=other,
            agenda_item=text(first.get("Agenda item")),
            outcome=parse_outcome(text(first["Outcome results"]), path, line),
            date_unsure=on < SURE_DATES_FROM and on.day <= 12 and on.day != on.month,
            topics=topics.topic_names(
                text(first.get("Topic")), text(first.get("Region")), text(first.get("Category"))
            ),
            sponsors=topics.sponsor_names(text(first.get("Submitted by"))),
        )
        if entry.outcome != Outcome.ADOPTED:
            entry.resolution_number = None
        entry.adopted_without_vote = without_a_vote(text(first["Outcome results"]))
        for line, row in rows:
            vote = text(row["Vote"]).lower()
            if vote not in POSITIONS:
                raise SourceError(
                    path, line, f"Vote '{text(row['Vote'])}' is not Yes, No or Abstain"
                )
            name = text(row["Member State"])
            if not name:
                raise SourceError(path, line, "Member State is empty")
            if not entry.adopted_without_vote:
                # Adopted by acclamation: the table writes each member as "Yes", but
                # there was no vote and so no positions (DOMAIN.md).
                entry.positions.append((name, POSITIONS[vote], line))
        entries.append(entry)
    if not entries:
        raise SourceError(path, None, "no votes in the file")
    return entries
