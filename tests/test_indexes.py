"""The queries a hundred times larger record makes slow read an index, on SQLite
and PostgreSQL alike (the plan is asked with sequential scans discouraged, as a
large table would make the planner choose)."""

from __future__ import annotations

import pytest
from django.db import connection

from resolutions.models import Resolution, Vote
from resolutions.rules import Position
from resolutions.tables import ResolutionTable


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " ".join(str(cell) for row in cursor.fetchall() for cell in row)


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize(
    "queryset, index",
    [
        (lambda: Vote.objects.filter(member_id="RUS", position=Position.VETO).order_by(),
         "vote_member_position"),
        (lambda: Vote.objects.filter(position=Position.VETO).order_by(),
         "vote_position_resolution"),
        (lambda: Resolution.objects.order_by("-date", "-resolution_number", "-draft_symbol")[:50],
         "resolution_list_order"),
        (lambda: Resolution.objects.order_by("votes_for", "votes_against")[:50],
         "resolution_tally_order"),
        (lambda: Resolution.objects.filter(outcome="vetoed").values_list("date").order_by(),
         "resolution_outcome_date"),
        # The list's order of symbols, either way, as the table asks for it (not
        # the number's unique index and a sort of every draft without a number).
        (lambda: ResolutionTable.order_symbols(None, Resolution.objects, True)[0][:50],
         "resolution_symbols_order"),
        (lambda: ResolutionTable.order_symbols(None, Resolution.objects, False)[0][:50],
         "resolution_symbols_order"),
    ],
)  # fmt: skip
def test_a_filter_or_an_ordering_of_the_list_reads_its_index(queryset, index):
    names = (index,) if isinstance(index, str) else index
    read = plan(queryset())
    assert any(name in read for name in names), read
