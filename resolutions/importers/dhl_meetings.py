"""The UN Dag Hammarskjöld Library's pages "Meetings conducted by the Security
Council in <year>", saved as HTML (1946 onwards; 2020 also has a page of votes held
in writing). One row per meeting: record, date, (press release,) topic and the
outcome cell, which may hold several votes:

    S/RES/2397 (2017) 15-0-0
    Draft resolution S/1894 vetoed by USSR 9-1-0
    S/RES/15 (1946) adopted unanimously        (every member in favour: the seats of the day)
    S/RES/1 (1946) without vote                 (also "adopted by consensus", "by acclamation")

These pages give outcomes and tallies, not who voted how. Meeting and date cells
may span several rows (rowspan); the year comes from the page's title (see
`page_year`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import lxml.html

from resolutions import topics
from resolutions.rules import Outcome

from .base import LIBRARY_MEETINGS, RES_SYMBOL, TALLY, Entry, SourceError, parse_tally

TITLE = re.compile(r"Meetings conducted\s+by the Security Council in (\d{4})")
# The library's own file names: scact2017_table_en.html, scact2020_covid_table_en.html.
LIBRARY_NAME = re.compile(r"scact(\d{4})")
# Symbols that carry a year: S/RES/2397 (2017), S/2017/315.
DATED_SYMBOL = re.compile(r"S/RES/\s*\d+\s*\(\s*(\d{4})\s*\)|\bS/(\d{4})/\d+")
MONTHS = {
    month: number
    for number, month in enumerate(
        [
            *("january", "february", "march", "april", "may", "june"),
            *("july", "august", "september", "october", "november", "december"),
        ],
        start=1,
    )
}
# Where one vote starts in an outcome cell.
ANCHOR = re.compile(
    r"S/RES/\s*\d+\s*\(\s*\d{4}\s*\)"
    r"|Draft\s+[Rr]esolutions?\b"
    r"|(?<![\w/])S/\d+(?:/\d+)?(?:/Rev\.\d+)?(?=[\s,]*(?:not adopted|vetoed|failed))"
)
VETOED_BY = re.compile(r"vetoed\s+by\s+(.*?)(?=\d{1,2}\s*-\s*\d|$)", re.S)
STATUS = re.compile(r"not adopted|vetoed|failed")
SYMBOL = re.compile(r"S/(?:PV\.)?[\w.]+(?:/[\w.]+)*")
# The library's topics become the site's through topics.AGENDA_TOPICS for the
# years before the community table (which has its own topic columns) begins.
COMMUNITY_FROM = dt.date(1994, 1, 1)


def detect(path: Path, head: bytes) -> bool:
    return b"<table" in head.lower() and b"Meetings conducted" in head


def cell_text(element) -> str:
    """The cell's text, each run of white space one space (str.split's white space
    is the same as the \\s of a str pattern: Unicode's)."""
    return " ".join(" ".join(element.itertext()).split())


def grid(table) -> list[tuple[int, list]]:
    """The table's rows as (source line, cells), cells spanning rows repeated."""
    spans: dict[int, list] = {}  # column -> [cell, rows still to cover]
    rows = []
    for tr in table.iter("tr"):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        out: list = []
        column = 0
        queue = list(cells)
        while queue or column in spans:
            if column in spans:
                cell, left = spans[column]
                out.append(cell)
                if left <= 1:
                    del spans[column]
                else:
                    spans[column][1] = left - 1
                column += 1
                continue
            cell = queue.pop(0)
            span = int(cell.get("rowspan", "1") or 1)
            for _ in range(int(cell.get("colspan", "1") or 1)):
                if span > 1:
                    spans[column] = [cell, span - 1]
                out.append(cell)
                column += 1
        rows.append((tr.sourceline or 0, out))
    return rows


def parse_date(text: str, year: int) -> tuple[dt.date | None, dt.date | None]:
    """'22 December' -> the date and None; '22/23 November' or '29 + 30 March' (a
    meeting over two days) -> its first and last days (which day a vote was taken
    is for the reconciler to tell: `Settling.date_in_range`)."""
    match = re.match(r"^(\d{1,2})(?:\s*(?:/|\+|-|and)\s*(\d{1,2}))?\s+([A-Za-z]{3,})", text.strip())
    if not match:
        return None, None
    month = next((n for name, n in MONTHS.items() if name.startswith(match.group(3).lower())), None)
    if month is None:
        return None, None
    try:
        first = dt.date(year, month, int(match.group(1)))
        last = dt.date(year, month, int(match.group(2))) if match.group(2) else None
    except ValueError:
        return None, None
    return first, last if last is not None and last > first else None


def page_year(path: Path, text: str) -> int:
    """The year of a page: its title's ("Meetings conducted by the Security Council
    in 2017"); without one, the year of the library's own file name (scact2017...).
    Any other name is the user's (a page saved as "... 2024-05-01.html") and says
    nothing. A title and a library name that disagree are a SourceError, unless
    the page's own dated symbols (S/RES/n (year), S/year/n) side with one of them:
    the library titles its 2020 page of votes in writing "2021" by mistake, and
    all but two of its symbols are of 2020."""
    title = TITLE.search(text)
    name = LIBRARY_NAME.search(path.name)
    if title is None and name is None:
        raise SourceError(
            path,
            None,
            "no year: the page has no title 'Meetings conducted by the Security Council in "
            "<year>' and the file's name is not the library's (scact<year>...)",
        )
    if name is None or title is None:
        return int((title or name).group(1))
    titled, named = int(title.group(1)), int(name.group(1))
    if titled == named:
        return titled
    counts = Counter(int(a or b) for a, b in DATED_SYMBOL.findall(text))
    if counts[named] > counts[titled] and counts[named] > sum(counts.values()) / 2:
        return named
    if counts[titled] > counts[named] and counts[titled] > sum(counts.values()) / 2:
        return titled
    raise SourceError(
        path,
        None,
        f"the page's title gives the year {titled}, the file's name {named}, and its "
        "symbols do not say which is right",
    )


def read(path: Path) -> list[Entry]:
    try:
        document = lxml.html.fromstring(path.read_bytes())
    except (OSError, ValueError, lxml.etree.ParserError) as error:
        raise SourceError(path, None, f"cannot be read as HTML: {error}") from error
    year = page_year(path, cell_text(document))
    entries: list[Entry] = []
    headed = False  # a table of meetings found (its header row read)
    short: list[int] = []  # lines of rows too short to hold an outcome
    for table in document.iter("table"):
        columns: dict[str, int] = {}
        previous: list[str] = []
        for line, cells in grid(table):
            texts = [cell_text(c) for c in cells]
            if (
                previous
                and columns
                and len(texts) == len(previous)
                and not any(texts[: columns["date"] + 1])
            ):  # empty meeting and date cells: the meeting above continues
                texts[: columns["date"] + 1] = previous[: columns["date"] + 1]
            previous = texts
            if not columns:
                if any(t.startswith("Date") for t in texts) and any(
                    t.startswith("Topic") for t in texts
                ):
                    columns = {
                        "meeting": 0,
                        "date": next(i for i, t in enumerate(texts) if t.startswith("Date")),
                        "topic": next(i for i, t in enumerate(texts) if t.startswith("Topic")),
                        "outcome": len(texts) - 1,
                    }
                    letters = [i for i, t in enumerate(texts) if "Vote Outcome" in t]
                    if letters:
                        columns["letter"] = letters[0]
                    headed = True
                continue
            if len(cells) <= columns["outcome"]:
                if any(TALLY.search(t) for t in texts):
                    raise SourceError(path, line, f"a vote in a row of {len(cells)} cells")
                short.append(line)
                continue
            entries.extend(parse_row(path, line, year, columns, texts))
    check_read(path, entries, headed, short)
    return entries


def check_read(path: Path, entries: list[Entry], headed: bool, short: list[int]) -> None:
    """A page whose table cannot be read is an error, never "0 votes": no table of
    meetings (no header row with Date and Topic), or no vote read while rows lack
    the outcome column."""
    if not headed:
        raise SourceError(
            path, None, "no table of meetings (no header row with 'Date' and 'Topic') in the page"
        )
    if not entries and short:
        raise SourceError(
            path,
            short[0],
            f"the table of meetings cannot be read: {len(short)} row(s) without the "
            "outcome column, and no vote read",
        )


def parse_row(
    path: Path, line: int, year: int, columns: dict[str, int], texts: list[str]
) -> list[Entry]:
    outcome_text = texts[columns["outcome"]]
    starts: list[int] = []
    for match in ANCHOR.finditer(outcome_text):
        before = outcome_text[starts[-1] : match.start()] if starts else ""
        bare = match.group(0).startswith("S/") and not match.group(0).startswith("S/RES")
        if bare and before.startswith("Draft") and not STATUS.search(before):
            continue  # the last symbol of "Draft resolutions S/507 & S/516 not adopted"
        starts.append(match.start())
    bare_tally = not starts and TALLY.fullmatch(outcome_text.strip())
    if not starts and not bare_tally:
        if TALLY.search(outcome_text):
            raise SourceError(path, line, f"cannot read the outcome '{outcome_text}'")
        return []
    date, last_day = parse_date(texts[columns["date"]], year)
    if date is None:
        raise SourceError(path, line, f"'{texts[columns['date']]}' is not a date")
    meeting = texts[columns["meeting"]]
    meeting_match = re.match(r"S/PV\.\d+", meeting)
    meeting = meeting_match.group(0) if meeting_match else ""
    if not meeting and "letter" in columns:
        letter = re.search(r"S/\d{4}/\d+", texts[columns["letter"]])
        meeting = letter.group(0) if letter else ""
    topic = texts[columns["topic"]]
    if bare_tally:
        # A vote the page records by its tally alone (S/PV.8823, 2021): kept, with
        # the outcome only where the tally decides it, and flagged.
        entry = Entry(
            source=LIBRARY_MEETINGS,
            path=path,
            line=line,
            date=date,
            meeting=meeting,
            agenda_item=topic,
            tally=parse_tally(outcome_text),
            topics=topics.agenda_topics(topic) if date < COMMUNITY_FROM else [],
        )
        entry.note(
            "no symbol",
            f"the library's page gives the tally {entry.tally} without a draft "
            "or resolution symbol",
        )
        return [entry]
    entries = []
    bounds = [*starts, len(outcome_text)]
    for start, end in zip(bounds, bounds[1:], strict=False):
        segment = outcome_text[start:end].strip()
        entry = parse_vote(segment, path, line, date, meeting, topic)
        if entry is not None:
            entry.last_day = last_day
            entries.append(entry)
    return entries


def parse_vote(
    segment: str, path: Path, line: int, date: dt.date, meeting: str, topic: str
) -> Entry | None:
    entry = Entry(
        source=LIBRARY_MEETINGS, path=path, line=line, date=date, meeting=meeting, agenda_item=topic
    )
    if date < COMMUNITY_FROM:
        entry.topics = topics.agenda_topics(topic)
    resolution = RES_SYMBOL.match(segment)
    if resolution:
        entry.resolution_number = int(resolution.group(1))
        entry.outcome = Outcome.ADOPTED
        rest = segment[resolution.end() :]
        lowered = rest.lower()
        # "without vote"; "adopted by consensus" or "by acclamation": no vote was taken.
        if ("without" in lowered and "vote" in lowered) or re.search(
            r"\bby\s+(?:consensus|acclamation)\b", lowered
        ):
            entry.adopted_without_vote = True
        else:
            entry.tally = parse_tally(rest)
            if entry.tally is None and re.search(r"\bunanimous", lowered):
                entry.unanimous = True  # the tally is the seats of the day (reconciler)
            elif entry.tally is None and rest.strip():
                entry.note("tally unknown", f"the library's page gives '{rest.strip()}'")
            elif entry.tally is None:
                entry.note(
                    "tally unknown", "the library's page gives the resolution without a tally"
                )
        return entry
    words = re.sub(r"^Draft\s+[Rr]esolutions?\s*", "", segment)
    status = re.search(r"not adopted|vetoed|failed", words)
    if status is None:
        if TALLY.search(words):
            raise SourceError(path, line, f"cannot read the vote '{segment}'")
        return None  # a draft named without a vote on it
    symbols = SYMBOL.findall(words[: status.start()])
    if not symbols:
        raise SourceError(path, line, f"no draft symbol in '{segment}'")
    first = symbols[0].rstrip(".,")
    if first.startswith("S/PV."):
        # The library names the meeting where the draft's symbol is not known.
        entry.note("no draft symbol", f"the library names the meeting ({first})")
    else:
        entry.draft_symbol = first
    qualifier = words[len(symbols[0]) : status.start()].strip(" ,&")
    entry.title = qualifier.strip("() ") if qualifier.startswith("(") else ""
    if len(symbols) > 1:
        entry.title = " ".join(words[: status.start()].split())
    entry.tally = parse_tally(words[status.start() :])
    if status.group(0) == "vetoed":
        entry.outcome = Outcome.VETOED
        who = VETOED_BY.search(words)
        entry.vetoed_by = split_names(who.group(1) if who else "")
        if not entry.vetoed_by:
            raise SourceError(path, line, f"vetoed by whom? '{segment}'")
    else:
        entry.outcome = Outcome.FAILED
    if entry.tally is None:
        entry.note("tally unknown", f"the library's page gives '{segment}'")
    return entry


def split_names(text: str) -> list[str]:
    """'China and Russian Federation' / 'France, UK, USA' -> names."""
    text = re.sub(r"\s+", " ", text).strip(" .,")
    parts = re.split(r",\s*|\s+and\s+", text)
    return [p.strip() for p in parts if p.strip()]
