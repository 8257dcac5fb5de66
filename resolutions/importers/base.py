"""What every importer produces: plain facts about one vote, with where they came from."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from resolutions.reviews import Reason
from resolutions.rules import Tally


class SourceError(Exception):
    """A file that cannot be read or a row that cannot be parsed: names file and line."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


# Which source an entry comes from; also the precedence of their dates and meetings
# (lower wins): the library's meeting pages, its veto list, the second veto list
# (wpdl), the site's own CSV, the community table, records researched by hand from
# public reports.
LIBRARY_MEETINGS = "dhl-meetings"
LIBRARY_VETOES = "dhl-vetoes"
WPDL_VETOES = "wpdl-vetoes"
SITE_CSV = "csv"
COMMUNITY = "voting-agent"
RESEARCHED = "researched"
PRECEDENCE = {
    LIBRARY_MEETINGS: 0,
    LIBRARY_VETOES: 1,
    WPDL_VETOES: 2,
    SITE_CSV: 3,
    COMMUNITY: 4,
    RESEARCHED: 5,
}


@dataclass(frozen=True)
class Citation:
    """Where a source saw a fact, with the sentence that states it (a Source row)."""

    kind: str  # a resolutions.models.SourceKind value
    url: str
    outlet: str = ""
    published: dt.date | None = None
    quote: str = ""


@dataclass
class Entry:
    """One vote as one source tells it. Names are the source's spellings; the
    reconciler resolves them to member states."""

    source: str
    path: Path
    line: int
    date: dt.date
    meeting: str = ""
    draft_symbol: str = ""
    resolution_number: int | None = None
    title: str = ""
    agenda_item: str = ""
    outcome: str = ""  # adopted | failed | vetoed, "" when the source does not say
    tally: Tally | None = None
    adopted_without_vote: bool = False
    # "Adopted unanimously" without a tally: every member seated that day voted for.
    unanimous: bool = False
    procedural: bool = False
    # The source's own words for the members that vetoed it (library pages, veto list).
    vetoed_by: list[str] = field(default_factory=list)
    # Per-member positions: (name as written, position, line), for sources that have them.
    positions: list[tuple[str, str, int]] = field(default_factory=list)
    # Facts the source states that the reconciler should pass on as review reasons.
    notes: list[Reason] = field(default_factory=list)
    # True when the date may have day and month swapped (the community table).
    date_unsure: bool = False
    # The last day of a meeting the source gives as a range of days ('7-9 January
    # 1980', '22/23 November'); `date` is then its first day.
    last_day: dt.date | None = None
    # Site CSV only: the record is tally-only / the stored positions are complete.
    votes_recorded: bool | None = None
    # Site CSV only: the vote's slug (its page's address), kept by a new record where
    # it is the address its date and meeting give (a numbered one for the n-th vote
    # without a symbol at one meeting: s-pv-206-1947-10-01-5).
    slug: str = ""
    # The draft symbol as the source gives it, kept when the reconciler takes it off.
    given_draft: str = ""
    # Researched records: every seated member the positions do not name voted for
    # (only when the source gives the tally).
    rest_voted_for: bool = False
    # The reports the source cites for this vote, stored as the record's Sources.
    citations: list[Citation] = field(default_factory=list)
    # What the vote is about, as the source classes it: (kind, name) of topics,
    # regions and categories (resolutions/topics.py), and the names of the
    # members the source gives as its sponsors.
    topics: list[tuple[str, str]] = field(default_factory=list)
    sponsors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.given_draft = self.given_draft or self.draft_symbol

    @property
    def where(self) -> str:
        return f"{self.path.name}:{self.line}"

    def note(self, category: str, detail: str) -> None:
        """A review reason the source itself gives, with its file and line."""
        self.notes.append(Reason(category, detail, self.where))


# The record's text fields an entry fills; the symbols must fit their columns (a
# longer title or agenda item is cut with "…" by the reconciler, facts.TEXT_LIMIT).
TEXT_FIELDS = ("draft_symbol", "meeting", "title", "agenda_item")
SYMBOL_FIELDS = ("draft_symbol", "meeting")


def check_limits(entry: Entry) -> None:
    """What the database cannot hold is refused before anything is written, named
    with the file and line: a NUL character (PostgreSQL refuses it) or a symbol
    longer than its column."""
    from resolutions.models import Resolution

    for name in TEXT_FIELDS:
        value = getattr(entry, name)
        label = name.replace("_", " ")
        if "\x00" in value:
            raise SourceError(entry.path, entry.line, f"the {label} holds a NUL character")
        limit = Resolution._meta.get_field(name).max_length
        if name in SYMBOL_FIELDS and len(value) > limit:
            raise SourceError(
                entry.path,
                entry.line,
                f"the {label} '{value[:50]}…' is {len(value):,} characters long; the "
                f"record holds at most {limit}",
            )
    for name, _, line in entry.positions:
        if "\x00" in name:
            raise SourceError(entry.path, line, "a member's name holds a NUL character")


def csv_error(path: Path, line: int | None, error: Exception) -> SourceError:
    """A CSV the csv module cannot read, named with its line; a cell over the csv
    module's limit (csv.field_size_limit(), 131,072 characters) said as such."""
    if "field larger than field limit" in str(error):
        return SourceError(
            path,
            line,
            f"a cell is longer than {csv.field_size_limit():,} characters, the most a "
            "CSV cell may hold here",
        )
    return SourceError(path, line, f"cannot be read as CSV: {error}")


RES_SYMBOL = re.compile(r"S/RES/\s*(\d+)\s*\(\s*(\d{4})\s*\)")
DRAFT_SYMBOL = re.compile(r"\bS/\d{4}/\d+\b")
TALLY = re.compile(r"(\d{1,2})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})")


def normalise_draft(symbol: str) -> str:
    """'s/2017/315\xa0' -> 'S/2017/315'; '' when it is not a draft symbol."""
    symbol = symbol.replace("\xa0", " ").strip()
    match = re.match(r"^[sS]/(\d{4})/(\d+)$", symbol) or re.match(
        r"^[sS]/(\d+)(/Rev\.\d+)?$", symbol
    )
    if not match:
        return ""
    return "S/" + "/".join(g.lstrip("/") for g in match.groups() if g)


def parse_tally(text: str) -> Tally | None:
    match = TALLY.search(text)
    if not match:
        return None
    return Tally(*(int(g) for g in match.groups()))
