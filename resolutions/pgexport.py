"""The votes export (exports.VOTE_COLUMNS) written by PostgreSQL itself: one
`COPY (SELECT ...) TO STDOUT WITH (FORMAT csv)`, its lines passed on a block at a
time, no Python object made for a row. The bytes are those of the generic export
(exports.vote_rows through Python's csv), as tests/test_pg_export.py checks:

- each cell is computed in SQL as `exports.neutralise` writes it: the symbol as
  `models.resolution_symbol`, dates ISO 8601, `permanent` as true/false, and a
  text that a spreadsheet could run as a formula (`exports.guarded`, the same
  characters) prefixed with an apostrophe. The columns the database constrains to
  a few plain words (a vote's outcome, a position, a member's three-letter code)
  cannot start so and are written as stored;
- PostgreSQL quotes a cell where Python's csv does (one holding a comma, a quote,
  a carriage return or a line feed; quotes doubled), and an empty text as "" to
  tell it from NULL, which it writes empty: empty texts are sent as NULL, written
  empty as Python writes both;
- its lines end in a line feed, Python's csv's in CR LF: libpq hands over one
  row at a time, whose last byte is its end (a line feed inside a quoted cell is
  kept, as Python keeps it);
- `permanent` is read from each member's permanent days (one multirange per
  member, made once), not from a subquery run for each of its votes.

The votes chosen (a member's, a vote's) are the queryset's, in the export's
order (exports.votes_for_export)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from django.db import connection
from django.db.models import QuerySet
from psycopg.pq import TransactionStatus

from . import exports
from .models import Vote

# What str.lstrip() takes off: every character Python counts as a space.
SPACES = "".join(chr(code) for code in range(0x110000) if chr(code).isspace())
# exports.guarded as a regular expression: apostrophes, then a tab, CR or LF, or
# spaces and a formula's first character ("-" last in the brackets).
FORMULA = exports.FORMULA_CHARACTERS.replace("-", "") + "-"
GUARDED = "^'*([\t\r\n]|[" + SPACES + "]*[" + FORMULA + "])"


def cell(column: str) -> str:
    """A text column as exports.neutralise writes it; empty as NULL (see above)."""
    return f"CASE WHEN {column} ~ %s THEN '''' || {column} ELSE NULLIF({column}, '') END"


# Each member's days in a permanent seat, from its Council terms (an open term:
# to this day and after).
PERMANENT_DAYS = (
    "SELECT member_id, range_agg(daterange(start, \"end\", '[]')) AS days "
    "FROM resolutions_councilterm WHERE permanent GROUP BY member_id"
)
SELECT_ROWS = f"""
SELECT
  CASE WHEN r.resolution_number IS NULL THEN NULL
    ELSE 'S/RES/' || r.resolution_number || ' (' || extract(year FROM r.date)::int || ')' END,
  {cell("r.draft_symbol")},
  to_char(r.date, 'YYYY-MM-DD'),
  {cell("r.meeting")},
  {cell("r.title")},
  r.outcome,
  v.member_id,
  {cell("m.name")},
  CASE WHEN p.days @> r.date THEN 'true' ELSE 'false' END,
  v.position,
  {cell("r.slug")}
FROM resolutions_vote v
JOIN resolutions_resolution r ON r.id = v.resolution_id
JOIN resolutions_memberstate m ON m.code = v.member_id
LEFT JOIN ({PERMANENT_DAYS}) p ON p.member_id = v.member_id
"""  # noqa: S608 (made of this module's constants only)
# votes_for_export's order, with the same ties broken the same way.
ORDER = "ORDER BY r.date, r.resolution_number NULLS LAST, r.draft_symbol, v.resolution_id, m.name"


def copy_statement(votes: QuerySet[Vote]) -> tuple[str, list[object]]:
    """The COPY of these votes' rows, and its parameters."""
    params: list[object] = [GUARDED] * SELECT_ROWS.count("%s")  # one per cell()
    where = ""
    if votes.query.where:
        chosen, chosen_params = votes.values("pk").query.sql_with_params()
        where = f"WHERE v.id IN ({chosen})"
        params.extend(chosen_params)
    return f"COPY ({SELECT_ROWS}{where}\n{ORDER}) TO STDOUT WITH (FORMAT csv)", params


def csv_blocks(votes: QuerySet[Vote]) -> Iterator[bytes]:
    """The export's bytes, the header first, then exports.CHUNK lines at a time. The COPY
    goes through Django's cursor: its execute wrappers (and a test's count of
    queries) see it as the one query it is, and its errors are Django's."""
    statement, params = copy_statement(votes)
    size = exports.CHUNK
    yield "".join(exports.csv_lines(exports.VOTE_COLUMNS, ())).encode()
    with connection.cursor() as cursor, ExitStack() as stack:
        # A test counting queries, or DEBUG: the COPY is logged as it ends.
        if hasattr(cursor, "debug_sql"):
            stack.enter_context(cursor.debug_sql(statement, params))
        stack.enter_context(connection.wrap_database_errors)
        stack.enter_context(without_jit(cursor.cursor))

        def start(sql, params, many, context):
            return stack.enter_context(cursor.cursor.copy(sql, params))

        rows = iter(cursor._execute_with_wrappers(statement, params, False, start))
        while block := list(itertools.islice(rows, size)):
            # Each row ends in its line feed: CR LF instead.
            yield b"\r\n".join(row[:-1] for row in block) + b"\r\n"


@contextmanager
def without_jit(cursor) -> Iterator[None]:
    """The session's statements compiled without PostgreSQL's JIT, then as before:
    for the export's COPY its compiling took 1.2 of 10 s at a hundred times the
    record, and ran no faster. Set on the driver's cursor: a setting, not one of
    the export's queries."""
    cursor.execute("SET jit = off")
    try:
        yield
    finally:
        # Not on a connection that broke (the export's error is the one raised),
        # nor in a transaction that failed: its rollback undoes the SET.
        status = cursor.connection.info.transaction_status
        if status in (TransactionStatus.IDLE, TransactionStatus.INTRANS):
            cursor.execute("RESET jit")


def supported(votes: QuerySet[Vote]) -> bool:
    """Whether these votes are exported by COPY: they are read from PostgreSQL."""
    return votes.db == connection.alias and connection.vendor == "postgresql"
