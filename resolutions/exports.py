"""CSV and JSON downloads. The columns are stable and documented in README.md.

Every CSV the site serves is UTF-8 (no byte-order mark), starts with its header
row, writes dates in ISO 8601, and neutralises cells that a spreadsheet would run
as a formula. Two shapes:

- one row per vote (a draft put to the vote): `RESOLUTION_COLUMNS`, at
  /resolutions.csv and /resolutions.json;
- one row per member's vote: `VOTE_COLUMNS`, at /export/votes.csv,
  /resolutions/<slug>/votes.csv and /members/<code>/votes.csv.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.http import HttpResponse, StreamingHttpResponse

from . import stats
from .models import MemberState, Resolution, Topic, Vote, resolution_symbol

RESOLUTION_COLUMNS = [
    "resolution_symbol",
    "draft_symbol",
    "date",
    "meeting",
    "title",
    "agenda_item",
    "outcome",
    "for",
    "against",
    "abstain",
    "non_voting",
    "vetoed_by",
    "procedural",
    "review_status",
    "subject",
    "topics",
    "sponsors",
]
VOTE_COLUMNS = [
    "resolution_symbol",
    "draft_symbol",
    "date",
    "meeting",
    "title",
    "outcome",
    "member_code",
    "member_name",
    "permanent",
    "position",
    "vote_slug",
]
MEMBER_COLUMNS = [
    "member_code",
    "member_name",
    "terms",
    "votes_cast",
    "for",
    "against",
    "veto",
    "abstain",
    "non_voting",
]
# What a spreadsheet may read as the start of a formula: these characters (and
# their fullwidth forms, which some read as the same), after any leading spaces of
# any kind (a no-break space, a line feed); or a leading tab, carriage return or
# line feed whatever follows.
FORMULA_CHARACTERS = "=+-@＝＋－＠"
CONTROL_STARTS = ("\t", "\r", "\n")


def formula_like(text: str) -> bool:
    if text.startswith(CONTROL_STARTS):
        return True
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in FORMULA_CHARACTERS


def guarded(text: str) -> bool:
    """Whether the export prefixes `text` with an apostrophe: it could run as a
    formula, or it is apostrophes before such a text (so that the importer, which
    takes one apostrophe off exactly these, gives back what was written)."""
    return formula_like(text.lstrip("'"))


# Rows read from the database at a time by a streamed export.
CHUNK = 2000


def neutralise(value: Any) -> str:
    """A cell as text: dates ISO 8601, booleans true/false, None empty, numbers as
    written (never guarded: -4 stays a number), and text that a spreadsheet could
    read as a formula prefixed with an apostrophe (`guarded`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return "'" + text if guarded(text) else text


def unneutralise(cell: str) -> str:
    """The text `neutralise` was given: one guarding apostrophe taken off."""
    return cell[1:] if cell.startswith("'") and guarded(cell[1:]) else cell


class _Line:
    """A file-like that hands back what csv.writer writes to it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([neutralise(value) for value in row])


def _disposition(filename: str) -> str:
    return f'attachment; filename="{filename}"'


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable[Any]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(filename)
    response.writelines(line.encode("utf-8") for line in csv_lines(header, rows))
    return response


def started(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The chunks, the first of them made now: the export's query runs before the
    answer starts, so that a database error ends it as an error (500), not as a
    200 with a header row. An error later cuts the download short, visibly."""
    chunks = iter(chunks)
    first = list(itertools.islice(chunks, 2))
    return itertools.chain(first, chunks)


def in_blocks(lines: Iterable[str], size: int = CHUNK) -> Iterator[bytes]:
    """The lines, `size` at a time, each block encoded as one chunk: a server writes
    a few thousand chunks for a large export, not one per line."""
    lines = iter(lines)
    while block := list(itertools.islice(lines, size)):
        yield "".join(block).encode("utf-8")


def blocks_response(filename: str, blocks: Iterable[bytes], *, stream: bool = True) -> HttpResponse:
    """A CSV download of these bytes: streamed (its first blocks made now, see
    `started`) or whole."""
    if stream:
        response = StreamingHttpResponse(started(blocks), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(b"".join(blocks), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(filename)
    return response


def streaming_csv_response(
    filename: str, header: list[str], rows: Iterable[Iterable[Any]]
) -> HttpResponse:
    return blocks_response(filename, in_blocks(csv_lines(header, rows)))


# One row per vote (draft put to the vote) ------------------------------------


def vetoes_by_resolution(resolutions: QuerySet[Resolution]) -> dict[int, list[str]]:
    """Resolution id -> codes of the members that vetoed it, for every resolution
    of a queryset (one query, whatever its length)."""
    vetoes: dict[int, list[str]] = defaultdict(list)
    rows = (
        Vote.objects.vetoes()
        .filter(resolution__in=resolutions.values("pk"))
        .order_by("member_id")
        .values_list("resolution_id", "member_id")
    )
    for resolution_id, code in rows:
        vetoes[resolution_id].append(code)
    return vetoes


def with_description(resolutions: QuerySet[Resolution]) -> QuerySet[Resolution]:
    """The votes with their topics and sponsors prefetched, as their rows need
    them (two queries, whatever the number of votes)."""
    return resolutions.prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("kind", "name")),
        Prefetch("sponsors", queryset=MemberState.objects.order_by("code")),
    )


def resolution_record(resolution: Resolution, vetoed_by: list[str]) -> dict[str, Any]:
    """A vote's row, as plain values (None for what the record does not hold);
    its topics and sponsors prefetched (with_description), or read here."""
    return {
        "resolution_symbol": resolution.resolution_symbol,
        "draft_symbol": resolution.draft_symbol,
        "date": resolution.date.isoformat(),
        "meeting": resolution.meeting,
        "title": resolution.title,
        "agenda_item": resolution.agenda_item,
        "outcome": resolution.outcome,
        "for": resolution.votes_for,
        "against": resolution.votes_against,
        "abstain": resolution.votes_abstain,
        "non_voting": resolution.votes_non_voting,
        "vetoed_by": vetoed_by,
        "procedural": resolution.procedural,
        "review_status": resolution.review_status,
        "subject": resolution.subject,
        "topics": [topic.name for topic in resolution.topics.all()],
        "sponsors": [member.code for member in resolution.sponsors.all()],
    }


def resolution_records(resolutions: QuerySet[Resolution]) -> Iterator[dict[str, Any]]:
    """Each vote's row, read CHUNK rows at a time (the vetoes, a small share of
    the votes, read first in one query)."""
    vetoes = vetoes_by_resolution(resolutions)
    for resolution in with_description(resolutions).iterator(chunk_size=CHUNK):
        yield resolution_record(resolution, vetoes.get(resolution.pk, []))


def resolutions_csv(resolutions: QuerySet[Resolution], filename: str) -> StreamingHttpResponse:
    def rows() -> Iterator[list[Any]]:
        for record in resolution_records(resolutions):
            for column in ("vetoed_by", "topics", "sponsors"):
                record[column] = ";".join(record[column])
            yield [record[column] for column in RESOLUTION_COLUMNS]

    return streaming_csv_response(filename, RESOLUTION_COLUMNS, rows())


def json_chunks(resolutions: QuerySet[Resolution]) -> Iterator[bytes]:
    """{"columns": [...], "results": [...]}, written a record at a time."""
    yield b'{"columns": ' + json.dumps(RESOLUTION_COLUMNS).encode() + b', "results": ['
    for index, record in enumerate(resolution_records(resolutions)):
        text = json.dumps(record, ensure_ascii=False)
        yield (", " + text if index else text).encode("utf-8")
    yield b"]}"


def resolutions_json(resolutions: QuerySet[Resolution]) -> StreamingHttpResponse:
    return StreamingHttpResponse(started(json_chunks(resolutions)), content_type="application/json")


# One row per member's vote -----------------------------------------------------


def votes_for_export(votes: QuerySet[Vote]) -> QuerySet[Vote]:
    """Votes with what their rows need, in a stable order (one query): a day's
    resolutions by number, then its drafts not adopted (no number), on either
    database (SQLite puts a missing value first, PostgreSQL last, unless told)."""
    return (
        votes.with_permanent()
        .select_related("resolution", "member")
        .order_by(
            "resolution__date",
            F("resolution__resolution_number").asc(nulls_last=True),
            "resolution__draft_symbol",
            "resolution_id",
            "member__name",
        )
    )


# What a vote's row (VOTE_COLUMNS) is made of: the resolution's number and the
# vote's day (its symbol), then each column's value as it is stored.
VOTE_ROW_VALUES = (
    "resolution__resolution_number",
    "resolution__date",
    "resolution__draft_symbol",
    "resolution__meeting",
    "resolution__title",
    "resolution__outcome",
    "member_id",
    "member__name",
    "permanent",
    "position",
    "resolution__slug",
)


def vote_rows(votes: QuerySet[Vote]) -> Iterator[list[Any]]:
    """Each vote's row, read as plain values a few thousand at a time: no model
    object is made for a vote, its record or its member (a hundred times the
    record is 3 million rows)."""
    values = votes_for_export(votes).values_list(*VOTE_ROW_VALUES)
    for number, on, draft, meeting, title, outcome, *member in values.iterator(chunk_size=CHUNK):
        yield [resolution_symbol(number, on), draft, on, meeting, title, outcome, *member]


def vote_blocks(votes: QuerySet[Vote]) -> Iterator[bytes]:
    """The votes export's bytes made here (the header, then blocks of lines), on
    any database; pgexport.csv_blocks writes the same bytes by COPY."""
    return in_blocks(csv_lines(VOTE_COLUMNS, vote_rows(votes)))


def votes_csv(votes: QuerySet[Vote], filename: str, *, stream: bool = False) -> HttpResponse:
    """The votes as CSV, written by PostgreSQL's COPY where it holds them."""
    from . import pgexport  # it reads this module's columns and guard

    blocks = pgexport.csv_blocks(votes) if pgexport.supported(votes) else vote_blocks(votes)
    # Streamed, the query runs now, not once the 200 and the header are sent.
    return blocks_response(filename, blocks, stream=stream)


# One row per member state ------------------------------------------------------


def member_record(member: MemberState, terms: list[stats.TermSpan]) -> dict[str, Any]:
    """A member's row (MEMBER_COLUMNS), from members.members_queryset(), with its
    terms (its entry in members.council_terms())."""
    return {
        "member_code": member.code,
        "member_name": member.name,
        "terms": terms,
        "votes_cast": member.cast,
        "for": member.votes_for,
        "against": member.votes_against,
        "veto": member.votes_veto,
        "abstain": member.votes_abstain,
        "non_voting": member.votes_non_voting,
    }
