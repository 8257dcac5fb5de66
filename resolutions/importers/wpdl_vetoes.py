"""The second veto list: the World Politics Data Lab's `unsc_vetoes_1946_sept2022.csv`
(github.com/world-politics-datalab/vetoes-un-security-council), scraped from the
library's veto list in September 2022. One row per vetoed draft: `date`
(m/d/yyyy), `draft`, `meeting_record`, `agenda_item` and the vetoing members in
`member_veto1` to `member_veto3` ("USSR", "Russia", "USA", "UK", "France",
"China").

It is read to confirm who vetoed: its rows give the vetoing members and what
is needed to find the vote (the draft symbol, else the meeting and the order
within it), not a date or meeting to put on the record. As found: some rows
have the meeting record in the draft column ("S/PV.49"), or a typo there
("S/PV.3038" for S/PV.303, whose meeting column is right); drafts come with
notes ("S/3710 (as amended)", "S/471 and S/471/Add.1"); a meeting range is given
as its last day; the meetings of the votes held in writing in 2020 are the
letters, one a line."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from resolutions.rules import Outcome

from .base import WPDL_VETOES, Entry, SourceError

COLUMNS = {"date", "draft", "meeting_record", "agenda_item", "member_veto1"}
VETOERS = ("member_veto1", "member_veto2", "member_veto3")
# The first symbol of the draft column that is not a meeting's, with its
# /Rev.n, /Corr.n or /Add.n (as the library's veto list writes it).
DRAFT = re.compile(r"\bS/(?!PV\.)\d[\w.]*(?:/[\w.]+)*")
MEETING = re.compile(r"\bS/PV\.\d+")


def detect(path: Path, head: bytes) -> bool:
    first = head.decode("utf-8-sig", errors="replace").splitlines()[:1]
    return bool(first) and set(next(csv.reader(first))) >= COLUMNS


def read(path: Path) -> list[Entry]:
    entries = []
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = COLUMNS - set(reader.fieldnames or ())
            if missing:
                raise SourceError(path, 1, f"missing columns: {', '.join(sorted(missing))}")
            line = reader.line_num + 1
            for row in reader:
                entries.append(entry_of(path, line, row))
                line = reader.line_num + 1
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise SourceError(path, None, f"cannot be read: {error}") from error
    if not entries:
        raise SourceError(path, None, "no vetoes in the file")
    return entries


def entry_of(path: Path, line: int, row: dict[str, str]) -> Entry:
    text = (row.get("date") or "").strip()
    try:
        on = dt.datetime.strptime(text, "%m/%d/%Y").date()
    except ValueError as error:
        raise SourceError(path, line, f"date '{text}' is not m/d/yyyy") from error
    names = [" ".join(row[c].split()) for c in VETOERS if (row.get(c) or "").strip()]
    if not names:
        raise SourceError(path, line, "no member named as casting the veto")
    draft = DRAFT.search(row.get("draft") or "")
    entry = Entry(
        source=WPDL_VETOES,
        path=path,
        line=line,
        date=on,
        agenda_item=" ".join((row.get("agenda_item") or "").split()),
        outcome=Outcome.VETOED,
        vetoed_by=names,
    )
    if draft:
        entry.draft_symbol = draft.group(0)
    else:
        # Known only by its meeting: matched by the order of the vetoes there.
        meeting = MEETING.search(row.get("meeting_record") or "")
        if not meeting:
            raise SourceError(path, line, "neither a draft symbol nor a meeting record")
        entry.meeting = meeting.group(0)
    return entry
