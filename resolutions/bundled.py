"""The bundled reference files (resolutions/data/): member states and Council terms,
read and checked in one place, for the loader (`load_bundled`) and for what needs
them without a loaded database (the article reader)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).resolve().parent / "data"


class BundledDataError(ValueError):
    """A bundled file's row that cannot be read: the message names file and line."""


class MemberRow(NamedTuple):
    code: str
    name: str
    short_name: str
    aliases: tuple[str, ...]
    successor: str  # "" when none


class TermRow(NamedTuple):
    code: str
    start: dt.date
    end: dt.date | None
    permanent: bool


def read_csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV file with their line numbers (the header is line 1)."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [(number, row) for number, row in enumerate(csv.DictReader(handle), start=2)]


def members(path: Path = DATA / "members.csv") -> list[MemberRow]:
    rows = []
    for line, row in read_csv(path):
        code = row["code"].strip()
        if len(code) != 3 or not code.isupper():
            raise BundledDataError(f"{path}:{line}: '{code}' is not a three-letter code.")
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        rows.append(
            MemberRow(
                code,
                row["name"].strip(),
                row["short_name"].strip(),
                aliases,
                row["successor"].strip(),
            )
        )
    codes = {m.code for m in rows}
    for line, member in enumerate(rows, start=2):
        if member.successor and member.successor not in codes:
            raise BundledDataError(f"{path}:{line}: unknown successor '{member.successor}'.")
    return rows


def terms(path: Path = DATA / "terms.csv", known: set[str] | None = None) -> list[TermRow]:
    """The terms; with `known`, a term of a member not in it is refused."""
    rows = []
    for line, row in read_csv(path):
        code = row["code"].strip()
        if known is not None and code not in known:
            raise BundledDataError(f"{path}:{line}: unknown member code '{code}'.")
        try:
            start = dt.date.fromisoformat(row["start"])
            end = dt.date.fromisoformat(row["end"]) if row["end"].strip() else None
        except ValueError as error:
            raise BundledDataError(f"{path}:{line}: {error}") from error
        permanent = row["permanent"].strip().lower() in {"1", "true", "yes"}
        rows.append(TermRow(code, start, end, permanent))
    return rows


RESOLUTION_SYMBOL = re.compile(r"S/RES/(\d+) \((\d{4})\)")
PROCEDURAL = DATA / "procedural.csv"


class ProceduralRow(NamedTuple):
    """A resolution adopted over a permanent member's vote against, with that
    member and the meeting record that gives its vote (procedural.csv)."""

    number: int
    year: int
    meeting: str
    against: tuple[str, ...]
    decision: str
    source: str


def procedural_votes(path: Path | None = None) -> dict[int, ProceduralRow]:
    """resolution number -> its row of procedural.csv (FORMAT.md)."""
    path = path or PROCEDURAL
    rows = {}
    for line, row in read_csv(path):
        symbol = RESOLUTION_SYMBOL.fullmatch(row["resolution"].strip())
        against = tuple(code.strip() for code in row["against"].split("|") if code.strip())
        meeting, decision, source = (row[k].strip() for k in ("meeting", "decision", "source"))
        if not symbol or not against or not meeting or not decision:
            raise BundledDataError(
                f"{path}:{line}: a resolution symbol, the permanent members against, "
                "the meeting and what the resolution decides."
            )
        if not source.startswith("https://"):
            raise BundledDataError(f"{path}:{line}: the source is the meeting record's address.")
        number = int(symbol.group(1))
        rows[number] = ProceduralRow(
            number, int(symbol.group(2)), meeting, against, decision, source
        )
    return rows
