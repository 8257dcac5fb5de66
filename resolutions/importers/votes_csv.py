"""The site's own votes CSV (/export/votes.csv, columns in resolutions/exports.py
and the README): one row per member's vote. Export, import into an empty database
and export again gives the same bytes. A record whose rows cover only some members
(a tally-only record with its vetoes) is imported as tally-only.

The CSV has no column for procedural votes (its columns are fixed): a vote is read
as procedural exactly when the Charter leaves nothing else, as
`rules.implied_procedural` says (a permanent member's `against` on an adopted draft
that had the votes; on a substantive draft the export writes that vote `veto`)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from resolutions import rules
from resolutions.exports import VOTE_COLUMNS, unneutralise
from resolutions.rules import Outcome, Position

from .base import RES_SYMBOL, SITE_CSV, Entry, SourceError, csv_error

# The columns before `vote_slug` was added: such a file is read, each vote known by
# its symbols, date, meeting, title and outcome (two votes at one meeting with no
# symbol and the same title are then one).
EARLIER_COLUMNS = VOTE_COLUMNS[: VOTE_COLUMNS.index("vote_slug")]


def detect(path: Path, head: bytes) -> bool:
    first = head.decode("utf-8-sig", errors="replace").splitlines()[:1]
    return bool(first) and next(csv.reader(first)) in (VOTE_COLUMNS, EARLIER_COLUMNS)


def read(path: Path) -> list[Entry]:
    entries: dict[tuple, Entry] = {}
    permanent: dict[tuple, set[str]] = {}
    line = 1  # the line of the last row read (the header, to begin with)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header not in (VOTE_COLUMNS, EARLIER_COLUMNS):
                raise SourceError(path, 1, f"the header is not {','.join(VOTE_COLUMNS)}")
            for row in reader:
                line = reader.line_num
                if len(row) != len(header):
                    raise SourceError(path, line, f"{len(row)} cells, not {len(header)}")
                values = dict(zip(header, (unneutralise(v) for v in row), strict=True))
                # A vote is its slug (its page's address): votes with no symbol at
                # one meeting have one each.
                key = values.get("vote_slug") or tuple(values[c] for c in VOTE_COLUMNS[:6])
                entry = entries.get(key)
                if entry is None:
                    entry = entries[key] = new_entry(path, line, values)
                if values["position"] not in Position.values:
                    raise SourceError(
                        path,
                        line,
                        f"position '{values['position']}' is not one of "
                        f"{', '.join(Position.values)}",
                    )
                entry.positions.append((values["member_code"], values["position"], line))
                if values["permanent"] == "true":
                    permanent.setdefault(key, set()).add(values["member_code"])
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(path, None, f"cannot be read: {error}") from error
    except csv.Error as error:
        raise csv_error(path, line + 1, error) from error  # the row after the last read
    for key, entry in entries.items():
        entry.procedural = rules.implied_procedural(
            {code: position for code, position, _ in entry.positions},
            permanent.get(key, ()),
            on=entry.date,
            outcome=entry.outcome,
        )
    return list(entries.values())


def new_entry(path: Path, line: int, values: dict[str, str]) -> Entry:
    try:
        on = dt.date.fromisoformat(values["date"])
    except ValueError as error:
        raise SourceError(path, line, f"date '{values['date']}' is not a date") from error
    if values["outcome"] not in Outcome.values:
        raise SourceError(path, line, f"outcome '{values['outcome']}' is not an outcome")
    number = None
    if values["resolution_symbol"]:
        match = RES_SYMBOL.fullmatch(values["resolution_symbol"])
        if not match:
            raise SourceError(
                path,
                line,
                f"resolution_symbol '{values['resolution_symbol']}' is not S/RES/n (year)",
            )
        number = int(match.group(1))
    return Entry(
        source=SITE_CSV,
        path=path,
        line=line,
        date=on,
        meeting=values["meeting"],
        draft_symbol=values["draft_symbol"],
        resolution_number=number,
        title=values["title"],
        outcome=values["outcome"],
        slug=values.get("vote_slug", ""),
    )
