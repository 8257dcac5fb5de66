"""The pages made fast for a hundred times the record (`bench --scale`) count and
list exactly what the plain reading does: a position alone counted from the kept
days' ballots (filters.position_rows), the record, an outcome, a veto or a
vote against from the kept days' records (filters.record_rows), a search's
ids read once
(search.found), several words found as the intersection of each word's votes, and
a deep page read by the ids at its offset (tables.ListRows)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef
from django.http import QueryDict
from factories import council, many_votes, resolution

from resolutions import search, tables
from resolutions.filters import STORED_AS_COUNTED, ResolutionFilter
from resolutions.models import Resolution, Topic, Vote
from resolutions.rules import Outcome, Position

pytestmark = pytest.mark.django_db


def at_position(position: str, **dates):
    votes = Vote.objects.filter(resolution=OuterRef("pk"), position=position)
    return Resolution.objects.filter(Exists(votes), **dates)


@pytest.fixture
def kinds_of_records():
    """Records of each kind the kept days hold or not: recorded, two of one day
    with the same positions, tally-only with positions stored, not recorded and
    adopted without a vote yet with positions stored, recorded with none."""
    qa, qb, qc, qd = council("Y", permanent=1, elected=3)
    day = dt.date(2095, 3, 1)
    resolution(
        on=day,
        draft_symbol="S/2095/1",
        positions={Position.FOR: [qa, qb], Position.ABSTAIN: [qc], Position.NON_VOTING: [qd]},
    )
    for n in (2, 3):
        resolution(
            on=dt.date(2095, 4, 1), draft_symbol=f"S/2095/{n}", positions={Position.FOR: [qa, qb]}
        )
    resolution(
        on=dt.date(2096, 1, 5),
        draft_symbol="S/2096/1",
        positions={Position.ABSTAIN: [qa]},
        votes_recorded=False,
    )
    resolution(
        on=dt.date(2096, 2, 5),
        draft_symbol="S/2096/2",
        positions={Position.NON_VOTING: [qb], Position.FOR: [qc]},
        votes_recorded=False,
        adopted_without_vote=True,
        outcome=Outcome.ADOPTED,
    )
    resolution(on=dt.date(2096, 3, 5), draft_symbol="S/2096/3", positions={})


@pytest.mark.parametrize("position", sorted(STORED_AS_COUNTED))
@pytest.mark.parametrize(
    "query, dates",
    [
        ("", {}),
        ("&year=2096", {"date__year": 2096}),
        ("&date_after=2095-04-01", {"date__gte": dt.date(2095, 4, 1)}),
        ("&date_before=2096-01-31", {"date__lte": dt.date(2096, 1, 31)}),
    ],
)
def test_a_position_alone_is_counted_from_the_kept_days_as_its_rows(
    client, kinds_of_records, position, query, dates
):
    url = f"position={position}{query}"
    counted = ResolutionFilter(QueryDict(url), queryset=Resolution.objects.all())
    assert counted.kept_count() is not None
    expected = at_position(position, **dates).count()
    assert counted.kept_count() == expected == counted.qs.count()
    shown = client.get(f"/resolutions/?{url}").context["table"].paginator.count
    assert shown == expected


@pytest.fixture
def vetoes_and_votes_against(kinds_of_records):
    """Beside kinds_of_records: vetoes on drafts vetoed, a veto on a draft
    recorded as adopted and one on a draft failed (votes against, as counted),
    votes against alone and beside a veto, tally-only and needing review."""
    pa, pb, ea, eb = council("Z", permanent=2, elected=2)
    needs_review = Resolution.Review.NEEDS_REVIEW
    for n, (year, positions, fields) in enumerate(
        [
            (2095, {Position.VETO: [pa], Position.FOR: [ea, eb]}, {}),
            (2095, {Position.VETO: [pa, pb], Position.AGAINST: [ea]}, {}),
            (2096, {Position.VETO: [pb], Position.FOR: [pa]}, {"outcome": Outcome.ADOPTED}),
            (
                2096,
                {Position.VETO: [pa]},
                {"outcome": Outcome.FAILED, "review_status": needs_review},
            ),
            (2096, {Position.AGAINST: [ea, eb], Position.FOR: [pa]}, {}),
            (2097, {Position.AGAINST: [ea], Position.VETO: [pb]}, {"outcome": Outcome.FAILED}),
            (2097, {Position.VETO: [pa]}, {"votes_recorded": False, "review_status": needs_review}),
        ],
        start=1,
    ):
        resolution(
            on=dt.date(year, 6, n), draft_symbol=f"S/{year}/1{n}", positions=positions, **fields
        )


@pytest.mark.parametrize("position", ["", Position.AGAINST, Position.VETO])
@pytest.mark.parametrize(
    "query, rows",
    [
        ("", {}),
        ("&year=2096", {"date__year": 2096}),
        (
            "&date_after=2095-04-01&date_before=2096-12-31",
            {"date__range": ("2095-04-01", "2096-12-31")},
        ),
        ("&outcome=failed", {"outcome": Outcome.FAILED}),
        ("&outcome=vetoed&year=2095", {"outcome": Outcome.VETOED, "date__year": 2095}),
        ("&review_status=needs_review", {"review_status": Resolution.Review.NEEDS_REVIEW}),
        ("&review_status=ok&outcome=adopted", {"review_status": "ok", "outcome": Outcome.ADOPTED}),
    ],
)
def test_the_record_an_outcome_and_a_veto_or_vote_against_are_counted_from_the_kept_days(
    client, vetoes_and_votes_against, position, query, rows
):
    """As the list's rows: a veto counts on a draft recorded as vetoed, a veto on
    another draft as a vote against (VoteQuerySet.counted_as); each record once."""
    url = f"position={position}{query}"
    counted = ResolutionFilter(QueryDict(url), queryset=Resolution.objects.all())
    assert counted.kept_count() is not None
    records = Resolution.objects.filter(**rows)
    if position:
        votes = Vote.objects.filter(
            Vote.objects.counted_as(position, outcome=OuterRef("outcome")),
            resolution=OuterRef("pk"),
        )
        records = records.filter(Exists(votes))
    expected = records.count()
    assert counted.kept_count() == expected == counted.qs.count()
    shown = client.get(f"/resolutions/?{url}").context["table"].paginator.count
    assert shown == expected


def test_the_whole_record_is_counted_from_the_kept_days(client, vetoes_and_votes_against):
    unfiltered = ResolutionFilter(None, queryset=Resolution.objects.all())
    assert unfiltered.kept_count() == Resolution.objects.count()
    assert (
        client.get("/resolutions/").context["table"].paginator.count == Resolution.objects.count()
    )


def test_other_filters_count_their_rows(kinds_of_records):
    for url in ["position=against&procedural=yes", "outcome=vetoed&procedural=no"]:
        counted = ResolutionFilter(QueryDict(url), queryset=Resolution.objects.all())
        assert counted.kept_count() is None


@pytest.fixture
def texts():
    members = council()
    everyone = {Position.FOR: members}
    made = {}
    for symbol, title, agenda in [
        ("S/2094/1", "Lagoon fisheries", "Trade in charcoal"),
        ("S/2094/2", "Lagoon fisheries", ""),
        ("S/2094/3", "On the Republic of Korea", ""),
        ("S/2094/4", "", "South Korea's ports"),
        ("S/2094/5", "Charcoal lagoon", ""),
    ]:
        made[symbol] = resolution(
            on=dt.date(2094, 1, int(symbol[-1])),
            draft_symbol=symbol,
            title=title,
            agenda_item=agenda,
            positions=everyone,
        )
    made["S/2094/2"].topics.set(Topic.ids_for({("topic", "Charcoal exports")}).values())
    return made


def symbols(queryset) -> set[str]:
    return set(queryset.values_list("draft_symbol", flat=True))


def test_several_words_are_found_each_in_any_text_or_topic(texts):
    found = symbols(Resolution.objects.filter(search.text_query("lagoon charcoal")))
    # Apart in the title and agenda item, in a title and a topic, or together.
    assert found >= {"S/2094/1", "S/2094/2", "S/2094/5"}
    assert not found & {"S/2094/3", "S/2094/4"}
    # A word's name held in a longer one (Korea, Republic of Korea) finds both.
    korea = symbols(Resolution.objects.filter(search.text_query("Korea")))
    assert {"S/2094/3", "S/2094/4"} <= korea


@pytest.mark.parametrize("at_once", [search.FOUND_AT_ONCE, 1])
@pytest.mark.parametrize(
    "query", ["lagoon charcoal", "Korea", "North Korea", "S/2094/3", "nothing-of-the-kind"]
)
def test_a_search_read_once_finds_and_counts_what_its_condition_finds(
    client, texts, monkeypatch, at_once, query
):
    monkeypatch.setattr(search, "FOUND_AT_ONCE", at_once)
    expected = symbols(Resolution.objects.filter(search.text_query(query)))
    matching = search.found(query)
    assert matching.count == len(expected)
    assert symbols(Resolution.objects.filter(matching.condition)) == expected
    response = client.get("/resolutions/", {"q": query})
    assert response.context["table"].paginator.count == len(expected)
    listed = {row.record.draft_symbol for row in response.context["table"].paginated_rows}
    assert listed == expected
    assert client.get("/search/", {"q": query}).context["count"] == len(expected)


def test_a_deep_page_lists_the_rows_of_the_plain_offset_in_order(client, monkeypatch):
    many_votes(260, council("Q"))
    monkeypatch.setattr(tables, "DEEP_ROWS", 50)
    orders = [
        ("-date", "-resolution_number", "-draft_symbol"),
        ("date", "resolution_number", "draft_symbol"),
        ("votes_for", "votes_against", "pk"),
    ]
    for order in orders:
        rows = Resolution.objects.with_tallies().order_by(*order)
        deep = tables.ListRows(rows)
        for start in (0, 50, 150, 250):
            plain = [r.pk for r in tables.in_total_order(rows)[start : start + 50]]
            assert [r.pk for r in deep[start : start + 50]] == plain, (order, start)
    total = Resolution.objects.count()
    last = (total - 1) // 50 + 1
    seen = [
        row.record.pk
        for page in range(1, last + 1)
        for row in client.get(f"/resolutions/?page={page}").context["table"].paginated_rows
    ]
    assert sorted(seen) == sorted(Resolution.objects.values_list("pk", flat=True))
    in_order = tables.in_total_order(Resolution.objects.all())
    assert seen == list(in_order.values_list("pk", flat=True))
    if connection.vendor != "postgresql":
        return
    # On PostgreSQL the ids at the offset are read from the index of the list's
    # order alone, the id one of its columns (migration 0026), in its order.
    plan = deep_page_plan(in_order)
    assert "Index Only Scan using resolution_list_order" in plan and "Sort" not in plan, plan


def deep_page_plan(rows) -> str:
    """PostgreSQL's plan of a page deep in `rows` (tables.deep_slice), as on a
    large record: a sequential scan or a sort merely discouraged (taken where no
    index holds the order)."""
    sql, params = tables.deep_slice(rows, 100, 150).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE resolutions_resolution")
        for way in ("seqscan", "bitmapscan", "sort", "incremental_sort"):
            cursor.execute(f"SET LOCAL enable_{way} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_api_s_deep_pages_are_its_plain_pages_and_read_its_order_s_index(client, monkeypatch):
    """/api/votes/ deep in the list (tables.DeepPaginator): the same votes in the
    same order as its plain pages, every vote once; on PostgreSQL the ids at the
    offset are read from the index of the API's order (migration 0023)."""
    from resolutions import api

    many_votes(260, council("Q"))
    plain = [
        vote["slug"]
        for page in range(1, 8)
        for vote in client.get(f"/api/votes/?per_page=50&page={page}").json()["results"]
    ]
    monkeypatch.setattr(tables, "DEEP_ROWS", 50)
    deep = [
        vote["slug"]
        for page in range(1, 8)
        for vote in client.get(f"/api/votes/?per_page=50&page={page}").json()["results"]
    ]
    assert deep == plain and len(set(deep)) == Resolution.objects.count()
    if connection.vendor != "postgresql":
        return
    # As on a large record, where it reads 150,050 of the index's entries alone
    # for page 3,000 (a sort of every record on a few hundred here).
    plan = deep_page_plan(Resolution.objects.order_by(*api.VOTE_ORDER))
    assert "resolution_api_order" in plan, plan
