"""The queries a hundred times larger record makes slow read an index, on SQLite
and PostgreSQL alike (the plan is asked with sequential scans and sorts
discouraged, as a large table would make the planner choose), an order's rows
in the index's order (no sort after)."""

from __future__ import annotations

import pytest
from django.db import connection

from resolutions.models import Resolution, Vote
from resolutions.rules import Position
from resolutions.tables import ResolutionTable, in_total_order


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A sort is merely discouraged too: taken where no index holds the order.
            for way in ("seqscan", "sort", "incremental_sort"):
                cursor.execute(f"SET LOCAL enable_{way} = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " ".join(str(cell) for row in cursor.fetchall() for cell in row)


def by_symbols(descending: bool):
    return ResolutionTable.order_symbols(None, Resolution.objects, descending)[0]


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize(
    "queryset, index",
    [
        (lambda: Vote.objects.filter(member_id="RUS", position=Position.VETO).order_by(),
         "vote_member_position"),
        (lambda: Vote.objects.filter(position=Position.VETO).order_by(),
         "vote_position_resolution"),
        # The list's orders as its pages read them, ending with the id (in_total_order).
        (lambda: in_total_order(Resolution.objects.all())[:50], "resolution_list_order"),
        (lambda: in_total_order(Resolution.objects.order_by("date", "resolution_number",
                                                             "draft_symbol"))[:50],
         "resolution_list_order"),
        (lambda: in_total_order(Resolution.objects.order_by("votes_for", "votes_against"))[:50],
         "resolution_tally_order"),
        (lambda: in_total_order(Resolution.objects.order_by("-votes_for", "-votes_against"))[:50],
         "resolution_tally_order"),
        (lambda: Resolution.objects.filter(outcome="vetoed").values_list("date").order_by(),
         "resolution_outcome_date"),
        # The list's order of symbols, either way, as the table asks for it (not
        # the number's unique index and a sort of every draft without a number).
        (lambda: in_total_order(by_symbols(descending=True))[:50], "resolution_symbols_order"),
        (lambda: in_total_order(by_symbols(descending=False))[:50], "resolution_symbols_order"),
    ],
)  # fmt: skip
def test_a_filter_or_an_ordering_of_the_list_reads_its_index(queryset, index):
    names = (index,) if isinstance(index, str) else index
    read = plan(queryset())
    assert any(name in read for name in names), read
    # Read in the index's order, not sorted after (in part or whole).
    assert "TEMP B-TREE" not in read and "Sort" not in read, read
