"""Every vote on exactly one page of a list, in each of its orders, where many
votes share the keys of the order (one day, no symbol, the same tally): the
database returns rows that tie in an order of its choosing, which may differ
from one page's query to the next (PostgreSQL's top-N sort does), so every
list's order ends with the record's id."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from factories import council, many_votes

from resolutions import search, tables
from resolutions.models import Resolution, Topic

DAY = dt.date(2093, 3, 4)
COUNT = 130  # three pages of 50
TOPIC = "A made-up question of one day"


@pytest.fixture
def one_day(db):
    members = council("T")
    many_votes(COUNT, members, topic=TOPIC, day=DAY)
    return members


def paged(client, address: str, **query) -> list[int]:
    """The records of every page of a list, in order, by id (a member's votes by
    their records' ids), each page made anew (not from the cache)."""
    seen, page, pages = [], 1, 1
    while page <= pages:
        cache.clear()
        response = client.get(address, {**query, "page": page})
        assert response.status_code == 200, (address, query, page)
        table = response.context["table"]
        pages = table.paginator.num_pages
        seen += record_ids(table)
        page += 1
    return seen


def record_ids(table) -> list[int]:
    """A table page's records by id (a member's votes by their records' ids)."""
    return [getattr(row.record, "resolution_id", row.record.pk) for row in table.paginated_rows]


SORTS = ["", "date", "-date", "symbols", "-symbols", "outcome", "-tally", "review_status"]


@pytest.mark.parametrize("sort", SORTS)
def test_the_list_shows_each_vote_of_a_day_once_in_every_order(client, one_day, sort):
    query = {"year": DAY.year, **({"sort": sort} if sort else {})}
    seen = paged(client, "/resolutions/", **query)
    assert len(seen) == COUNT
    assert sorted(seen) == sorted(Resolution.objects.filter(date=DAY).values_list("pk", flat=True))


@pytest.mark.parametrize("sort", ["", "date", "-date", "symbols", "position"])
def test_a_member_s_record_shows_each_vote_of_a_day_once_in_every_order(client, one_day, sort):
    state = one_day[0]
    query = {"sort": sort} if sort else {}
    seen = paged(client, state.get_absolute_url(), **query)
    assert len(seen) == len(set(seen)) == COUNT


@pytest.mark.parametrize("sort", ["", "-date", "tally"])
def test_a_topic_s_list_shows_each_vote_of_a_day_once_in_every_order(client, one_day, sort):
    topic = Topic.objects.get(name=TOPIC)
    query = {"sort": sort} if sort else {}
    seen = paged(client, topic.get_absolute_url(), **query)
    assert len(seen) == len(set(seen)) == COUNT


def test_a_deep_page_keeps_the_ties_in_the_order_of_the_plain_pages(client, one_day, monkeypatch):
    plain = paged(client, "/resolutions/", year=DAY.year, sort="-date")
    monkeypatch.setattr(tables, "DEEP_ROWS", 50)
    assert paged(client, "/resolutions/", year=DAY.year, sort="-date") == plain


def test_the_list_by_date_is_its_default_order_and_its_reverse(client, one_day):
    """Newest first by date is the list's own order (its index: no sort of the
    record), oldest first its exact reverse, ties and all."""
    default = paged(client, "/resolutions/", year=DAY.year)
    assert paged(client, "/resolutions/", year=DAY.year, sort="-date") == default
    assert paged(client, "/resolutions/", year=DAY.year, sort="date") == default[::-1]


@pytest.fixture
def days_and_years(one_day):
    """Votes over three years, some days holding several, beside the one day's."""
    many_votes(260, one_day)
    return one_day


@pytest.fixture
def go_deep(monkeypatch):
    """Makes every page from the second a deep one (DEEP_ROWS 50) when called, and
    gives the list of whether each deep page was read within its days
    (tables.within_days), as they are read."""

    def deep() -> list[bool]:
        read_within = []
        within_days = tables.within_days

        def spied(*args):
            page = within_days(*args)
            read_within.append(page is not None)
            return page

        monkeypatch.setattr(tables, "within_days", spied)
        monkeypatch.setattr(tables, "DEEP_ROWS", 50)
        return read_within

    return deep


LISTS = [
    ("/resolutions/", {"outcome": "adopted"}),
    ("/resolutions/", {"outcome": "adopted", "sort": "date"}),
    ("/resolutions/", {"position": "for"}),
    ("/resolutions/", {"position": "abstain", "sort": "date"}),
    ("/resolutions/", {"position": "veto"}),
    ("/resolutions/", {"outcome": "adopted", "year": "2092"}),
    ("/resolutions/", {"member": "TAA"}),
    ("/resolutions/", {"member": "TAB", "position": "for", "sort": "-date"}),
    ("/resolutions/", {"topic": "a-made-up-question-of-one-day"}),
]


@pytest.mark.parametrize("address, query", LISTS)
def test_a_deep_page_read_within_the_days_holding_it_is_the_plain_page(
    client, days_and_years, go_deep, address, query
):
    """A page deep in a list whose votes of each day (or year) the database's
    kept figures count is read between the days that hold it (tables.within_days),
    the offset within them: every page the plain OFFSET's, in its order."""
    plain = paged(client, address, **query)
    read_within = go_deep()
    assert paged(client, address, **query) == plain
    assert len(plain) > 50 and any(read_within)


@pytest.mark.parametrize("at_once", [search.FOUND_AT_ONCE, 1])
@pytest.mark.parametrize("query", [{"q": "made-up draft"}, {"q": "draft 1", "sort": "date"}])
def test_a_search_s_deep_pages_read_within_the_days_holding_them_are_its_plain_pages(
    client, days_and_years, go_deep, monkeypatch, at_once, query
):
    """Past search.FOUND_AT_ONCE, a search's votes are counted by day from the
    kept texts it reads, and its deep pages read within those days; its ids read
    at once, a deep page is read by the ids at its offset (tables.deep_slice)."""
    monkeypatch.setattr(search, "FOUND_AT_ONCE", at_once)
    plain = paged(client, "/resolutions/", **query)
    read_within = go_deep()
    assert paged(client, "/resolutions/", **query) == plain
    assert len(plain) > 100
    if at_once == 1:
        assert read_within and all(read_within)
    else:
        assert read_within == []


@pytest.mark.parametrize("sort", ["", "date"])
def test_a_member_s_and_a_topic_s_deep_pages_read_within_their_years(
    client, days_and_years, go_deep, sort
):
    topic = Topic.objects.get(name=TOPIC)
    addresses = [days_and_years[0].get_absolute_url(), topic.get_absolute_url()]
    query = {"sort": sort} if sort else {}
    plain = [paged(client, address, **query) for address in addresses]
    read_within = go_deep()
    assert [paged(client, address, **query) for address in addresses] == plain
    assert all(len(pages) > 100 for pages in plain) and all(read_within)


def test_the_search_page_shows_the_first_votes_of_the_list_s_page(client, one_day):
    """/search/ shows the first votes of /resolutions/ with the same search, ties
    and all (both in the list's total order)."""
    from resolutions.search import VOTES_SHOWN

    cache.clear()
    shown = record_ids(client.get("/search/", {"q": "made-up draft"}).context["table"])
    listed = paged(client, "/resolutions/", q="made-up draft")
    assert len(shown) == VOTES_SHOWN and shown == listed[:VOTES_SHOWN]


def api_pages(client, **query) -> list[str]:
    """The votes of every page of the API's votes, in order, by slug, each page
    made anew (not from the cache)."""
    slugs, page = [], 1
    while True:
        cache.clear()
        answer = client.get("/api/votes/", {**query, "per_page": 50, "page": page})
        if answer.status_code == 404:
            return slugs
        slugs += [vote["slug"] for vote in answer.json()["results"]]
        page += 1


@pytest.mark.parametrize("query", [{"outcome": "adopted"}, {"position": "for"}, {"member": "TAA"}])
def test_the_api_s_deep_pages_read_within_their_days_are_its_plain_pages(
    client, days_and_years, go_deep, query
):
    plain = api_pages(client, **query)
    read_within = go_deep()
    assert api_pages(client, **query) == plain
    assert len(plain) == len(set(plain)) > 200 and any(read_within)


def test_the_api_s_deep_pages_of_a_broad_search_are_its_plain_pages(
    client, days_and_years, go_deep, monkeypatch
):
    """Past search.FOUND_AT_ONCE, read within the days the kept texts count."""
    monkeypatch.setattr(search, "FOUND_AT_ONCE", 1)
    plain = api_pages(client, q="draft 1")
    read_within = go_deep()
    assert api_pages(client, q="draft 1") == plain
    assert len(plain) == len(set(plain)) > 100 and read_within and all(read_within)
