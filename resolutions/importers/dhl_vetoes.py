"""The UN Dag Hammarskjöld Library's "Security Council - Veto List" page, saved as
HTML: one row per vetoed draft (date, draft, meeting record, agenda item, the
permanent members casting a negative vote). Data from 1946-2004 come from the
official list in A/58/47. Some rows name the meeting record where the draft's
symbol is not known (1946-1947); such rows are matched by meeting and date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import lxml.html

from resolutions import topics
from resolutions.rules import Outcome

from .base import LIBRARY_VETOES, Entry, SourceError
from .dhl_meetings import COMMUNITY_FROM, MONTHS, cell_text, grid

# '26 June 1946'; a meeting over several days: '7-9 January 1980'.
DATE = re.compile(r"(\d{1,2})(?:\s*[-/+]\s*(\d{1,2}))?\s+([A-Za-z]+)\.?\s+(\d{4}|\d{2})\b")
SYMBOL = re.compile(r"S/(?:PV\.)?\d[\w.]*(?:/[\w.]+)*")


def detect(path: Path, head: bytes) -> bool:
    return b"<table" in head.lower() and b"Veto List" in head


def read(path: Path) -> list[Entry]:
    try:
        # `</br>` (sic) separates the names: read it as the line break it means.
        document = lxml.html.fromstring(path.read_bytes().replace(b"</br>", b"<br>"))
    except (OSError, ValueError, lxml.etree.ParserError) as error:
        raise SourceError(path, None, f"cannot be read as HTML: {error}") from error
    entries = []
    for table in document.iter("table"):
        for line, cells in grid(table):
            if len(cells) < 5 or any(c.tag == "th" for c in cells):
                continue
            date_text = cell_text(cells[0])
            match = DATE.match(date_text)
            if not match:
                if cells[0].get("colspan"):
                    continue  # the note above the table
                raise SourceError(path, line, f"'{date_text}' is not a date")
            month = next(
                (n for name, n in MONTHS.items() if name.startswith(match.group(3).lower())), None
            )
            if month is None:
                raise SourceError(path, line, f"'{date_text}' is not a date")
            try:
                year = int(match.group(4))
                year = year if year > 99 else 1900 + year
                on = dt.date(year, month, int(match.group(1)))
                last = dt.date(year, month, int(match.group(2))) if match.group(2) else None
            except ValueError as error:
                raise SourceError(path, line, f"'{date_text}': {error}") from error
            draft_text = cell_text(cells[1])
            symbols = SYMBOL.findall(draft_text)
            meetings = re.findall(r"S/PV\.\d+|S/\d{4}/\d+", cell_text(cells[2]))
            names = [
                " ".join(name.split())
                for piece in cells[4].itertext()
                for name in piece.split(",")  # "France, USSR" (1946)
                if name.strip()
            ]
            if not names:
                raise SourceError(path, line, "no member named as casting the veto")
            entry = Entry(
                source=LIBRARY_VETOES,
                path=path,
                line=line,
                date=on,
                meeting=meetings[0] if meetings else "",
                agenda_item=cell_text(cells[3]),
                outcome=Outcome.VETOED,
                vetoed_by=names,
                topics=topics.agenda_topics(cell_text(cells[3])) if on < COMMUNITY_FROM else [],
                last_day=last if last is not None and last > on else None,
            )
            if symbols and not symbols[0].startswith("S/PV."):
                entry.draft_symbol = symbols[0]
            qualifier = draft_text[len(symbols[0]) :].strip() if symbols else draft_text
            entry.title = qualifier.strip("() ")
            entries.append(entry)
    if not entries:
        raise SourceError(path, None, "no vetoes found in the page")
    return entries
