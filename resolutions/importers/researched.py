"""Records researched by hand (or by a script) from public reports: one JSON file
per vote, with the reports that state each fact, the sentence quoted, and a
confidence. The keys are documented in the README ("The researched format"); the
first folder of them is ../shared/data/external/recent-votes/ (June 2025 on).

- The tally is `yes`, `no`, `abstain`, `non_voting` (all four, summing to the
  seats of the day, or all null). With it, `against`, `abstaining` and
  `not_voting` name the members of each position and every other seated member
  voted for; without it those lists are evidence of nothing and are not read.
- `vetoed_by` names the permanent members whose "no" blocked the draft; the
  reconciler checks it against the tally and the positions by the rules.
- Each `sources` item becomes a Source of the record (url, outlet, published,
  quote). A record of confidence other than "high", or citing one source only,
  is flagged for review with that reason.

A file that breaks the format is refused whole, naming the file, the line and
the key; what the reconciler finds doubtful is a review reason, not an error."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urlparse

from resolutions import topics
from resolutions.models import SourceKind
from resolutions.reviews import Reason
from resolutions.rules import Outcome, Position, Tally, seats

from .base import RES_SYMBOL, RESEARCHED, Citation, Entry, SourceError, normalise_draft

REQUIRED = ("vote_date", "subject", "adopted", "sources", "confidence")
OPTIONAL = (
    "document",
    "resolution_number",
    "draft_symbol",
    "meeting",
    "agenda_item",
    "procedural",
    "yes",
    "no",
    "abstain",
    "non_voting",
    "against",
    "abstaining",
    "not_voting",
    "vetoed_by",
    "notes",
)
TALLY_KEYS = ("yes", "no", "abstain", "non_voting")
LISTS = {
    "against": Position.AGAINST,
    "abstaining": Position.ABSTAIN,
    "not_voting": Position.NON_VOTING,
}
SOURCE_KEYS = ("url", "outlet", "published", "quote")
# What each confidence says, as the folder's SOURCE.txt defines it.
CONFIDENCE = {
    "high": "UN text seen, directly or reposted verbatim",
    "medium": "two or more independent reports agree, no UN text seen",
    "low": "one report only",
}
MEETING = re.compile(r"^S/PV\.\d+(?: \(Resumption \d+\))?$|^S/\d{4}/\d+$")
# Hosts whose pages are the UN's own press releases (meetings coverage).
PRESS_HOSTS = ("press.un.org",)


def detect(path: Path, head: bytes) -> bool:
    return path.suffix.lower() == ".json" and b'"vote_date"' in head


class Locator:
    """Line numbers of a JSON file's keys and values, for errors and reasons."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = text.splitlines()

    def key(self, name: str, nth: int = 0) -> int | None:
        pattern = re.compile(rf'^\s*"{re.escape(name)}"\s*:')
        found = [n for n, line in enumerate(self.lines, 1) if pattern.match(line)]
        return found[nth] if nth < len(found) else (found[-1] if found else None)

    def value(self, key: str, value: str) -> int | None:
        """The line of a string listed under `key` (a member's name)."""
        start = self.key(key) or 1
        written = json.dumps(value, ensure_ascii=False)
        for number in range(start, len(self.lines) + 1):
            if written in self.lines[number - 1] or json.dumps(value) in self.lines[number - 1]:
                return number
        return start

    def error(self, key: str, message: str, nth: int = 0, at: str = "") -> SourceError:
        """A SourceError naming the key, at the line of `at` (the key itself by
        default; the nth occurrence, for the keys of the nth source)."""
        return SourceError(self.path, self.key(at or key, nth), f"{key}: {message}")


def read(path: Path) -> list[Entry]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(path, None, f"cannot be read: {error}") from error
    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as error:
        raise SourceError(path, error.lineno, f"not JSON: {error.msg}") from error
    except KeyError as error:
        raise SourceError(path, None, f"the key {error.args[0]} is given twice") from error
    if not isinstance(data, dict):
        raise SourceError(path, 1, "a researched record is one JSON object (one vote per file)")
    where = Locator(path, text)
    check_keys(data, where)
    return [entry_of(data, where)]


def no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise KeyError(f'"{key}"')
    return dict(pairs)


def check_keys(data: dict, where: Locator) -> None:
    unknown = [key for key in data if key not in REQUIRED + OPTIONAL]
    if unknown:
        raise where.error(
            unknown[0],
            f"not a key of the researched format (keys: {', '.join(REQUIRED + OPTIONAL)})",
        )
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise SourceError(where.path, None, f"missing key(s): {', '.join(missing)}")


def text_of(data: dict, key: str, where: Locator, *, required: bool = False) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise where.error(key, f"{json.dumps(value)} is not a text")
    return " ".join(value.split())


def date_of(value, key: str, where: Locator, nth: int = 0, at: str = "") -> dt.date:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise where.error(key, f"{json.dumps(value)} is not a date (YYYY-MM-DD)", nth, at)


def entry_of(data: dict, where: Locator) -> Entry:
    on = date_of(data["vote_date"], "vote_date", where)
    if not isinstance(data["adopted"], bool):
        raise where.error("adopted", "is true or false")
    procedural = data.get("procedural", False)
    if not isinstance(procedural, bool):
        raise where.error("procedural", "is true or false")
    number, draft = symbols_of(data, where, on, adopted=data["adopted"])
    meeting = text_of(data, "meeting", where)
    if meeting and not MEETING.match(meeting):
        raise where.error("meeting", f"'{meeting}' is not a meeting record S/PV.<n>")
    text_of(data, "notes", where)  # for the researcher: checked, not imported
    vetoed_by = names_of(data, "vetoed_by", where)
    if vetoed_by and data["adopted"]:
        raise where.error("vetoed_by", "an adopted draft was not vetoed")
    subject = text_of(data, "subject", where, required=True)
    agenda_item = text_of(data, "agenda_item", where)
    entry = Entry(
        source=RESEARCHED,
        path=where.path,
        line=where.key("vote_date") or 1,
        date=on,
        meeting=meeting,
        draft_symbol=draft,
        resolution_number=number,
        title=subject,
        agenda_item=agenda_item,
        # The topics the mapping of agenda items gives its subject, else its agenda
        # item (resolutions/topics.py): no file names its topics.
        topics=topics.agenda_topics(subject, agenda_item),
        outcome=(
            Outcome.ADOPTED if data["adopted"] else Outcome.VETOED if vetoed_by else Outcome.FAILED
        ),
        procedural=procedural,
        vetoed_by=vetoed_by,
    )
    read_tally(entry, data, where)
    entry.citations = citations_of(data, where)
    flag_confidence(entry, data, where)
    return entry


def symbols_of(data: dict, where: Locator, on: dt.date, *, adopted: bool) -> tuple[int | None, str]:
    """(resolution number, draft symbol), checked against `document`."""
    number = data.get("resolution_number")
    if number is not None and (
        isinstance(number, bool) or not isinstance(number, int) or number < 1
    ):
        raise where.error("resolution_number", f"{json.dumps(number)} is not a number")
    if number is not None and not adopted:
        raise where.error("resolution_number", "a draft that was not adopted has no number")
    given = text_of(data, "draft_symbol", where)
    draft = normalise_draft(given)
    if given and not re.match(r"^S/\d{4}/\d+$", draft):
        raise where.error("draft_symbol", f"'{given}' is not a draft symbol S/<year>/<n>")
    document = text_of(data, "document", where)
    if document:
        resolution = RES_SYMBOL.fullmatch(document)
        if resolution:
            said = f"resolution_number is {json.dumps(number)}"
            if int(resolution.group(1)) != number:
                raise where.error("document", f"'{document}' but {said}")
            if int(resolution.group(2)) != on.year:
                raise where.error("document", f"'{document}' is of another year than {on}")
        elif normalise_draft(document):
            if normalise_draft(document) != draft:
                raise where.error("document", f"'{document}' but draft_symbol is '{given}'")
        else:
            raise where.error("document", f"'{document}' is neither S/RES/<n> (<year>) nor a draft")
    return number, draft


def names_of(data: dict, key: str, where: Locator) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise where.error(key, "is a list of member names")
    return [" ".join(v.split()) for v in value]


def read_tally(entry: Entry, data: dict, where: Locator) -> None:
    """The tally and, with it, the members' positions; without it, none."""
    counts = [data.get(key) for key in TALLY_KEYS]
    if all(count is None for count in counts):
        line = f"{where.path.name}:{where.key('yes') or entry.line}"
        entry.notes.append(
            Reason("tally unknown", "no source the researcher found gives the tally", line)
        )
        return
    for key, count in zip(TALLY_KEYS, counts, strict=True):
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise where.error(key, f"{json.dumps(count)}: the tally is four whole numbers or null")
    seat_count = seats(entry.date)
    if sum(counts) != seat_count:
        raise where.error(
            "yes", f"yes, no, abstain and non_voting add up to {sum(counts)}, not {seat_count}"
        )
    entry.tally = Tally(*counts[:3])
    entry.rest_voted_for = True
    for key, position in LISTS.items():
        for name in names_of(data, key, where):
            entry.positions.append((name, position, where.value(key, name)))


def citations_of(data: dict, where: Locator) -> list[Citation]:
    sources = data["sources"]
    if not isinstance(sources, list) or not sources:
        raise where.error("sources", "is a list of at least one source")
    return [citation_of(source, f"sources[{n}]", n, where) for n, source in enumerate(sources)]


def citation_of(source, key: str, n: int, where: Locator) -> Citation:
    if not isinstance(source, dict):
        raise where.error(key, f"is an object with the keys {', '.join(SOURCE_KEYS)}", at="sources")
    unknown = [k for k in source if k not in SOURCE_KEYS]
    if unknown:
        raise where.error(
            f"{key}.{unknown[0]}", f"not a key of a source ({', '.join(SOURCE_KEYS)})", at="sources"
        )
    url = source.get("url")
    if not isinstance(url, str) or urlparse(url).scheme not in ("http", "https"):
        raise where.error(f"{key}.url", f"{json.dumps(url)} is not a web address", n, "url")
    quote = source.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        raise where.error(f"{key}.quote", "the sentence that states the fact is needed", n, "url")
    outlet = source.get("outlet") or ""
    if not isinstance(outlet, str):
        raise where.error(f"{key}.outlet", f"{json.dumps(outlet)} is not a text", n, "outlet")
    published = source.get("published")
    if published is not None:
        published = date_of(published, f"{key}.published", where, n, "published")
    host = urlparse(url).hostname or ""
    kind = SourceKind.PRESS_RELEASE if host.endswith(PRESS_HOSTS) else SourceKind.NEWS
    return Citation(kind, url, " ".join(outlet.split()), published, quote.strip())


def flag_confidence(entry: Entry, data: dict, where: Locator) -> None:
    confidence = data["confidence"]
    if confidence not in CONFIDENCE:
        raise where.error(
            "confidence", f"{json.dumps(confidence)} is not one of {', '.join(CONFIDENCE)}"
        )
    line = f"{where.path.name}:{where.key('confidence')}"
    if confidence != "high":
        entry.notes.append(
            Reason(
                "confidence",
                f"the researcher rates it '{confidence}' ({CONFIDENCE[confidence]})",
                line,
            )
        )
    if len(entry.citations) == 1:
        outlet = entry.citations[0].outlet or urlparse(entry.citations[0].url).hostname
        entry.notes.append(Reason("single source", f"only one report is cited ({outlet})", line))
