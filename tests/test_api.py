"""The JSON API under /api/: a valid OpenAPI 3 schema, docs served by the site,
the same figures as the CSVs for the same filters, stable pages, 400 naming a
bad parameter, a fixed number of queries, and a property-based run against the
schema (schemathesis) with no 500 and no response that breaks the schema."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from factories import council, many_votes
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi import checks

from resolutions.api import api
from resolutions.exports import MEMBER_COLUMNS, RESOLUTION_COLUMNS, VOTE_COLUMNS, neutralise
from resolutions.models import Resolution
from resolutions.together import share_text
from resolutions.topic_pages import TOPIC_COLUMNS

REFERENCE_SLUG = "s-2017-315"
# One call per endpoint of the schema (the test below checks that none is missing).
EXAMPLES = {
    "/api/votes/": "/api/votes/",
    "/api/votes/{slug}/": f"/api/votes/{REFERENCE_SLUG}/",
    "/api/members/": "/api/members/",
    "/api/members/{code}/": "/api/members/rus/",
    "/api/topics/": "/api/topics/",
    "/api/topics/{slug}/": "/api/topics/middle-east-syria/",
    "/api/agreement/": "/api/agreement/?year=2017",
}


def csv_rows(response) -> list[dict[str, str]]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def as_cells(record: dict, columns: list[str]) -> dict[str, str]:
    """An API object's fields as the CSV writes them."""
    cells = {}
    for column in columns:
        value = record[column]
        if isinstance(value, list):
            value = ";".join(value)
        cells[column] = neutralise(value)
    return cells


def all_pages(client, query: str = "") -> list[dict]:
    results, url = [], f"/api/votes/?per_page=200&{query}"
    while url:
        page = client.get(url).json()
        results += page["results"]
        url = page["next"]
    return results


def test_the_schema_is_valid_openapi_3_and_lists_every_endpoint():
    schema = json.loads(json.dumps(api.get_openapi_schema()))  # as served
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == set(EXAMPLES)


@pytest.mark.django_db
def test_the_schema_is_served_at_its_documented_address(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    validate(response.json())
    parameters = {p["name"] for p in response.json()["paths"]["/api/votes/"]["get"]["parameters"]}
    # Every filter of /resolutions/, named as there, and the pages.
    assert parameters == {
        "year",
        "date_after",
        "date_before",
        "outcome",
        "q",
        "procedural",
        "member",
        "position",
        "review_status",
        "topic",
        "page",
        "per_page",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(EXAMPLES))
def test_every_endpoint_answers_json(client, path):
    response = client.get(EXAMPLES[path])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json()


@pytest.mark.django_db
def test_the_docs_page_loads_its_scripts_and_styles_from_the_site(client):
    page = client.get("/api/docs/").content.decode()
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page)
    assert any(src.endswith("swagger-ui-bundle.js") for src in scripts)
    assert assets and all(url.startswith("/static/") for url in assets), assets
    for url in assets:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"".join(response.streaming_content), url
    assert "/api/openapi.json" in page


@pytest.mark.django_db
def test_the_reference_vote_with_its_positions_and_sources(client):
    vote = client.get(f"/api/votes/{REFERENCE_SLUG}/").json()
    assert vote["draft_symbol"] == "S/2017/315" and vote["meeting"] == "S/PV.7922"
    assert vote["outcome"] == "vetoed" and vote["vetoed_by"] == ["RUS"]
    assert (vote["for"], vote["against"], vote["abstain"], vote["non_voting"]) == (10, 2, 3, 0)
    assert vote["review_status"] == "ok" and vote["review_reasons"] == []
    positions = {p["member_code"]: p["position"] for p in vote["positions"]}
    assert positions["RUS"] == "veto" and positions["BOL"] == "against"
    assert {code for code, p in positions.items() if p == "abstain"} == {"CHN", "ETH", "KAZ"}
    assert len(positions) == 15
    assert vote["url"].endswith(f"/resolutions/{REFERENCE_SLUG}/")
    assert vote["sources"] and all("kind" in source for source in vote["sources"])


@pytest.mark.django_db
def test_a_vote_s_positions_are_its_votes_csv(client):
    vote = client.get(f"/api/votes/{REFERENCE_SLUG}/").json()
    rows = csv_rows(client.get(f"/resolutions/{REFERENCE_SLUG}/votes.csv"))
    columns = ["member_code", "member_name", "permanent", "position"]
    assert [as_cells(p, columns) for p in vote["positions"]] == [
        {column: row[column] for column in columns} for row in rows
    ]
    assert set(VOTE_COLUMNS) >= set(columns)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "year=2017",
        "outcome=vetoed",
        "member=chn&position=abstain",
        "member=RUS&position=veto",
        "q=2118",
        "procedural=no&date_after=1990-01-01&date_before=2020-12-31",
        "review_status=needs_review",
    ],
)
def test_the_api_s_votes_are_the_csv_s_rows_for_the_same_filters(client, query):
    api_rows = [as_cells(record, RESOLUTION_COLUMNS) for record in all_pages(client, query)]
    csv_rows_ = csv_rows(client.get(f"/resolutions.csv?{query}"))

    def key(row: dict) -> tuple:
        return tuple(row[column] for column in RESOLUTION_COLUMNS)

    assert sorted(api_rows, key=key) == sorted(csv_rows_, key=key)
    if query:
        assert len(api_rows) < Resolution.objects.count()


@pytest.mark.django_db
def test_the_api_s_members_are_the_members_csv(client):
    members = client.get("/api/members/").json()
    rows = csv_rows(client.get("/members.csv"))
    assert members["count"] == len(rows)
    for record, row in zip(members["results"], rows, strict=True):
        record = dict(record, terms="; ".join(term_text(t) for t in record["terms"]))
        assert as_cells(record, MEMBER_COLUMNS) == row


@pytest.mark.django_db
def test_the_api_s_topics_are_the_topics_csv(client):
    topics = client.get("/api/topics/").json()
    rows = csv_rows(client.get("/topics.csv"))
    assert topics["count"] == len(rows) > 10
    assert [as_cells(record, TOPIC_COLUMNS) for record in topics["results"]] == rows
    for record in topics["results"]:
        assert record["url"] == f"http://testserver/topics/{record['slug']}/"


@pytest.mark.django_db
def test_a_topic_s_figures_are_its_page_s_and_its_votes_its_csv_s(client):
    topic = client.get("/api/topics/middle-east-syria/").json()
    listed = next(
        t for t in client.get("/api/topics/").json()["results"] if t["slug"] == topic["slug"]
    )
    assert {k: v for k, v in topic.items() if k in listed} == listed
    page = client.get("/topics/middle-east-syria/")
    # Its votes per year are those of the page's table (beside its chart).
    table = page.content.decode().split("The figures as a table", 1)[1].split("</table>", 1)[0]
    assert [
        (year["year"], [year["adopted"], year["failed"], year["vetoed"]])
        for year in topic["per_year"]
    ] == [
        (int(year), [int(n) for _, n in re.findall(r'data-label="([^"]+)">(\d+)<', cells)][:3])
        for year, cells in re.findall(r'<th scope="row">(\d+)</th>(.*?)</tr>', table)
    ]
    for outcome in ("adopted", "failed", "vetoed"):
        assert sum(year[outcome] for year in topic["per_year"]) == topic[outcome]
    assert [d["slug"] for d in topic["vetoed_drafts"]] == [
        r.slug for r in page.context["figures"].vetoed
    ]
    assert len(topic["vetoed_drafts"]) == topic["vetoed"] > 0  # fewer than are listed
    every_vetoed = client.get(topic["vetoed_drafts_url"].removeprefix("http://testserver")).json()
    listed = [d["slug"] for d in topic["vetoed_drafts"]]
    assert [d["slug"] for d in every_vetoed["results"]] == listed
    reference = next(d for d in topic["vetoed_drafts"] if d["slug"] == REFERENCE_SLUG)
    assert reference["vetoed_by"] == ["RUS"]
    assert sum(m["vetoes"] for m in topic["vetoes_cast"]) == sum(
        len(d["vetoed_by"]) for d in topic["vetoed_drafts"]
    )
    # Its votes: the link given, and the CSV's rows for the same topic.
    votes = client.get(topic["votes_url"].removeprefix("http://testserver")).json()
    exported = csv_rows(client.get(topic["csv"].removeprefix("http://testserver")))
    assert votes["count"] == len(exported) == topic["votes"]
    assert sorted(as_cells(v, RESOLUTION_COLUMNS)["draft_symbol"] for v in votes["results"]) == (
        sorted(row["draft_symbol"] for row in exported)
    )
    assert client.get("/api/topics/MIDDLE-EAST-SYRIA/").json() == topic


@pytest.fixture
def split_council(db):
    """Votes of our own in 2091 on which members split: QAA and QAB always agree,
    the last member abstains on every vote, a permanent member vetoes some."""
    members = council("Q")
    many_votes(40, members)
    return members


@pytest.mark.parametrize(
    "query",
    [
        "year=2091",
        "year=2091&members=QAA,QAB,QAO",
        "date_after=2091-03-01&date_before=2091-09-30&members=qaa,qac,qao,qae",
        "council=2091-06-01&members=QAA,QAO",
        "year=2017",
        "",
    ],
)
def test_the_api_s_agreement_is_the_agreement_csv(client, split_council, query):
    figures = client.get(f"/api/agreement/?{query}").json()
    rows = csv_rows(client.get(f"/agreement.csv?{query}"))
    assert (
        rows
        and [
            {
                "member_a": pair["member_a"],
                "member_b": pair["member_b"],
                "votes": str(pair["votes"]),
                "agree": str(pair["agree"]),
                "share": share_text(pair["share"]),
            }
            for pair in figures["results"]
        ]
        == rows
    )
    codes = {row["member_a"] for row in rows} | {row["member_b"] for row in rows}
    assert {m["member_code"] for m in figures["members"]} == codes


def test_agreement_figures_say_their_period_and_what_they_leave_out(client, split_council):
    figures = client.get("/api/agreement/?year=2091&members=QAA,QAB,QAO").json()
    assert figures["period"] == {"start": "2091-01-01", "end": "2091-12-31", "label": "2091"}
    pairs = {(p["member_a"], p["member_b"]): p for p in figures["results"]}
    assert pairs[("QAA", "QAB")]["votes"] == 40
    # The last member abstained on every vote, the others never did (a veto is a no).
    assert pairs[("QAA", "QAO")]["agree"] == 0 and pairs[("QAA", "QAO")]["share"] == 0
    assert figures["left_out"] == {"tally_only": 0, "without_vote": 0}


def term_text(term: dict) -> str:
    start, end = term["start"][:4], "present" if term["end"] is None else term["end"][:4]
    span = start if start == end else f"{start}–{end}"
    return f"{span} (permanent)" if term["permanent"] else span


@pytest.mark.django_db
def test_a_member_s_figures_are_its_page_s(client):
    russia = client.get("/api/members/rus/").json()
    assert russia["member_code"] == "RUS" and russia["predecessors"] == ["SUN"]
    listed = client.get("/api/members/").json()["results"]
    listed = next(m for m in listed if m["member_code"] == "RUS")
    assert {k: v for k, v in russia.items() if k in listed} == listed
    # The years' counts add up to the member's counts (as on its page).
    for position in ("for", "against", "veto", "abstain", "non_voting"):
        assert sum(year[position] for year in russia["per_year"]) == russia[position]
    page = client.get("/members/rus/").content.decode()
    for veto in russia["vetoes"]:
        assert f'href="/resolutions/{veto["slug"]}/"' in page
    assert len(russia["vetoes"]) == russia["veto"]
    assert client.get("/api/members/RUS/").json() == russia


@pytest.mark.django_db
def test_a_member_s_vetoes_are_its_latest_with_every_one_at_its_url(client, monkeypatch):
    """A member's vetoes are cut as its page cuts them (the latest, by date), and
    `vetoes_url` lists every one of them: `veto` in all."""
    from resolutions import api

    monkeypatch.setattr(api, "LISTED", 5)
    russia = client.get("/api/members/RUS/").json()
    assert len(russia["vetoes"]) == 5 < russia["veto"]
    assert russia["vetoes_url"] == "http://testserver/api/votes/?member=RUS&position=veto"
    every, url = [], russia["vetoes_url"] + "&per_page=100"
    while url:
        page = client.get(url).json()
        every += [(v["date"], v["slug"]) for v in page["results"]]
        url = page["next"]
    assert len(every) == russia["veto"]
    # The latest five days' (two vetoes of a day may be listed in either order).
    latest = sorted((date for date, _ in every), reverse=True)[:5]
    assert [v["date"] for v in russia["vetoes"]] == sorted(latest)
    assert {v["slug"] for v in russia["vetoes"]} <= {slug for _, slug in every}
    assert russia["contradicted_count"] == len(russia["contradicted_vetoes"]) == 0


@pytest.mark.django_db
def test_pages_are_in_a_stable_order_and_cover_every_vote_once(client):
    first = client.get("/api/votes/?per_page=7").json()
    assert first["count"] == Resolution.objects.count()
    assert first["pages"] == -(-first["count"] // 7) and first["previous"] is None
    seen, url = [], "/api/votes/?per_page=7"
    while url:
        page = client.get(url).json()
        seen += [(v["date"], v["slug"]) for v in page["results"]]
        url = page["next"]
    assert len(seen) == len({slug for _, slug in seen}) == first["count"]
    assert [date for date, _ in seen] == sorted((date for date, _ in seen), reverse=True)
    assert client.get("/api/votes/?per_page=7").json() == first


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, names",
    [
        ("/api/votes/?year=abc", {"year"}),
        ("/api/votes/?outcome=maybe", {"outcome"}),
        ("/api/votes/?date_after=2017-13-45", {"date_after"}),
        ("/api/votes/?member=XXX", {"member"}),
        ("/api/votes/?position=yes&procedural=perhaps", {"position", "procedural"}),
        ("/api/votes/?page=0", {"page"}),
        ("/api/votes/?per_page=100000", {"per_page"}),
        ("/api/votes/?yaer=2017&sort=date", {"yaer", "sort"}),
        ("/api/members/?year=2017", {"year"}),
        (f"/api/votes/{REFERENCE_SLUG}/?format=xml", {"format"}),
        ("/api/topics/?page=2", {"page"}),
        ("/api/agreement/?year=2017&date_after=2017-01-01", {"year", "date_after"}),
        ("/api/agreement/?members=XXX,USA", {"members"}),
        ("/api/agreement/?members=USA", {"members"}),
        ("/api/agreement/?council=1900-01-01", {"council"}),
        ("/api/agreement/?year=1800", {"year"}),
        ("/api/agreement/?year=2017&sort=x", {"sort"}),
    ],
)
def test_an_invalid_parameter_answers_400_naming_it(client, url, names):
    response = client.get(url)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == names


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/votes/no-such-vote/",
        "/api/members/zzz/",
        "/api/votes/?page=999",
        "/api/topics/no-such-topic/",
        "/api/topics/a%00b/",
    ],
)
def test_what_is_not_there_is_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.django_db
def test_the_api_is_open_to_other_sites_for_reading(client):
    response = client.get("/api/votes/", headers={"Origin": "https://news.example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        "/api/votes/",
        headers={"Origin": "https://news.example.org", "Access-Control-Request-Method": "GET"},
    )
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    page = client.get("/resolutions/", headers={"Origin": "https://news.example.org"})
    assert "Access-Control-Allow-Origin" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, queries",
    [
        # Each besides the read of the record's version (answers from the cache:
        # resolutions/pagecache.py).
        # Votes with their topics and sponsors (two reads, however many votes).
        ("/api/votes/", 1 + 5),
        ("/api/votes/?member=QAA&position=veto&per_page=200", 1 + 6),
        # A search: the members' spellings, then its ids read and counted at once
        # (search.found, in place of a COUNT), the page and its relations.
        ("/api/votes/?q=made-up+draft", 1 + 6),
        ("/api/members/", 1 + 2),
        ("/api/votes/s-2091-1/", 1 + 6),
        # The member, its predecessors, its kept figures per year, tally-only
        # votes and ballots of its vetoes, the days of those, its vetoes, its terms.
        ("/api/members/qaa/", 1 + 8),
        # The topics with their counts; a topic's, its kept per-year counts, its
        # kept vetoes cast, its vetoed drafts and their vetoes.
        ("/api/topics/", 1 + 1),
        ("/api/topics/made-up-question/", 1 + 5),
        # The members known, those seated in the period, its votes, what is left out.
        ("/api/agreement/?year=2091", 1 + 4),
        ("/api/agreement/?council=2091-06-01&members=QAA,QAB", 1 + 5),
    ],
)
def test_a_fixed_number_of_queries_whatever_the_size_of_the_record(
    client, django_assert_num_queries, url, queries
):
    members = council("Q")
    many_votes(3, members, topic="Made-up question")
    with django_assert_num_queries(queries):
        first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(1):  # from the cache, the same
        assert client.get(url).content == first.content
    many_votes(300, members, start_year=2191, topic="Made-up question")
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


# Property-based: schemathesis generates requests from the schema (valid and
# invalid parameters) and checks each answer against it. Bounded: a few dozen
# examples per endpoint.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
CHECKS = [
    not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """Called through the WSGI app (not Django's test client), a request would close
    the database connection at its end, and with it the test's transaction (on
    PostgreSQL); the test client disconnects the same handlers."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("wsgi_keeps_the_test_connection")
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_schema(case):
    # The WSGI transport asks for gzip but reads the body as sent: ask for it plain
    # (tests/test_compression.py checks the compressed answers).
    case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})
