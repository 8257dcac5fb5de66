"""The topic pages (/topics/, /topics.csv, /topics/<slug>/): every topic with its
votes, a topic's votes exactly the rows of /resolutions.csv?topic=<slug>, its
vetoes, its chart and the table beside it, escaping, and fixed query counts. On
records of our own, and on the bundled ones."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from conftest import response_text
from django.db.models import Count
from factories import council, many_votes, resolution
from test_pages import head

from resolutions.models import Resolution, Topic, Vote
from resolutions.rules import Outcome, Position
from resolutions.topic_pages import LISTED


def table_slugs(html: str) -> list[str]:
    """The votes linked from the rows of a page's last table (the votes table)."""
    tbody = html.rsplit("<tbody", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'href="/resolutions/([a-z0-9-]+)/"', tbody)


def page_slugs(client, url: str) -> list[str]:
    """Every vote of a paginated table, page after page."""
    slugs, page = [], 1
    while True:
        response = client.get(url, {"page": page})
        assert response.status_code == 200
        html = response.content.decode()
        slugs += table_slugs(html)
        if f'href="?page={page + 1}"' not in html.replace("&amp;", "&"):
            return slugs
        page += 1


def csv_rows(client, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response_text(response))))


KEY = ("resolution_symbol", "draft_symbol", "date", "meeting", "outcome")


def csv_keys(rows: list[dict[str, str]]) -> list[tuple[str, ...]]:
    """Each CSV row's symbols, date, meeting and outcome, in order of the keys."""
    return sorted(tuple(row[column] for column in KEY) for row in rows)


def page_keys(slugs: list[str]) -> list[tuple[str, ...]]:
    """The same of the votes a page links (by slug), one per link."""
    records = {r.slug: r for r in Resolution.objects.filter(slug__in=slugs)}
    return sorted(
        (
            records[slug].resolution_symbol,
            records[slug].draft_symbol,
            records[slug].date.isoformat(),
            records[slug].meeting,
            records[slug].outcome,
        )
        for slug in slugs
    )


@pytest.fixture
def lagoon(db):
    """Votes of our own on a topic ('Lagoon Republic') and a region: adopted, failed
    and vetoed, over three years, one vetoed by two members, and a 'veto' on a draft
    recorded as adopted (flagged), which is no veto cast."""
    members = council()
    p1, p2, p3, *elected = members
    ids = Topic.ids_for(
        {("topic", "Lagoon Republic"), ("region", "Far Shore"), ("category", "Lagoon affairs")}
    )
    on_topic = [
        resolution(
            on=dt.date(2095, 3, 1),
            draft_symbol="S/2095/1",
            title="Harbour works",
            positions={Position.FOR: members},
        ),
        resolution(
            on=dt.date(2095, 6, 1),
            draft_symbol="S/2095/2",
            title="Lagoon ceasefire",
            positions={Position.VETO: [p1, p2], Position.FOR: elected + [p3]},
        ),
        resolution(
            on=dt.date(2096, 1, 5),
            draft_symbol="S/2096/1",
            title="Lagoon sanctions",
            positions={Position.FOR: elected[:5], Position.AGAINST: [p3] + elected[5:]},
        ),
        resolution(
            on=dt.date(2098, 2, 2),
            draft_symbol="S/2098/1",
            title="Lagoon observers",
            positions={Position.VETO: [p3], Position.FOR: [p1, p2] + elected},
        ),
        resolution(
            on=dt.date(2098, 4, 4),
            draft_symbol="S/2098/2",
            title="Lagoon mandate",
            positions={Position.VETO: [p2], Position.FOR: [p1, p3] + elected},
            outcome=Outcome.ADOPTED,
            review_status=Resolution.Review.NEEDS_REVIEW,
        ),
    ]
    elsewhere = resolution(
        on=dt.date(2095, 3, 2),
        draft_symbol="S/2095/3",
        title="Mountain pass",
        positions={Position.VETO: [p1], Position.FOR: [p2, p3] + elected},
    )
    for vote in on_topic:
        vote.topics.add(ids[("topic", "Lagoon Republic")])
    on_topic[0].topics.add(ids[("region", "Far Shore")], ids[("category", "Lagoon affairs")])
    topic = Topic.objects.get(name="Lagoon Republic")
    return topic, on_topic, elsewhere, members


def test_the_list_gives_every_topic_its_votes_by_kind(client, lagoon):
    topic, on_topic, _, _ = lagoon
    html = client.get("/topics/").content.decode()
    # Topics, then regions, then categories, each under its heading.
    assert html.index('id="topic"') < html.index('id="region"') < html.index('id="category"')
    topics_section = html.split('id="topic"', 1)[1].split('id="region"', 1)[0]
    regions_section = html.split('id="region"', 1)[1].split('id="category"', 1)[0]
    row = topics_section.split(f'href="/topics/{topic.slug}/"', 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r'data-label="([^"]+)">([^<]*)<', row)
    assert dict(cells) == {
        "Votes": "5",
        "Adopted": "2",
        "Failed": "1",
        "Vetoed": "2",
        "Years": "2095–2098",
    }
    assert "Far Shore" in regions_section and "Far Shore" not in topics_section
    # Every topic of the record is listed, once, linked to its page.
    linked = re.findall(r'href="/topics/([a-z0-9-]+)/"', html)
    assert sorted(linked) == sorted(Topic.objects.values_list("slug", flat=True))


def test_the_list_s_csv_holds_its_figures(client, lagoon):
    topic, *_ = lagoon
    rows = {row["slug"]: row for row in csv_rows(client, "/topics.csv")}
    assert set(rows) == set(Topic.objects.values_list("slug", flat=True))
    assert rows[topic.slug] == {
        "slug": topic.slug,
        "name": "Lagoon Republic",
        "kind": "topic",
        "votes": "5",
        "adopted": "2",
        "failed": "1",
        "vetoed": "2",
        "first_date": "2095-03-01",
        "last_date": "2098-04-04",
    }
    # The list's downloads, and the topic page's figures as JSON, are linked.
    html = client.get("/topics/").content.decode()
    assert 'href="/topics.csv"' in html and 'href="/api/topics/"' in html
    page = client.get(f"/topics/{topic.slug}/").content.decode()
    assert f'href="/api/topics/{topic.slug}/"' in page
    assert client.get(f"/api/topics/{topic.slug}/").json()["votes"] == 5
    # Each topic's count is the number of rows of its filtered export.
    for slug, row in rows.items():
        exported = csv_rows(client, f"/resolutions.csv?topic={slug}")
        assert int(row["votes"]) == len(exported), slug


def test_a_topic_page_holds_exactly_the_rows_of_its_exports(client, lagoon):
    topic, on_topic, elsewhere, _ = lagoon
    url = f"/topics/{topic.slug}/"
    listed = page_slugs(client, url)
    assert sorted(listed) == sorted(vote.slug for vote in on_topic)
    assert elsewhere.slug not in listed
    assert csv_keys(csv_rows(client, f"/resolutions.csv?topic={topic.slug}")) == page_keys(listed)
    data = json.loads(response_text(client.get(f"/resolutions.json?topic={topic.slug}")))
    assert {r["draft_symbol"] for r in data["results"]} == {v.draft_symbol for v in on_topic}
    # The page links the list and the exports that hold them.
    html = client.get(url).content.decode()
    for link in (
        f"/resolutions/?topic={topic.slug}",
        f"/resolutions.csv?topic={topic.slug}",
        f"/resolutions.json?topic={topic.slug}",
        f"/feeds/topics/{topic.slug}.atom",
    ):
        assert f'href="{link}"' in html, link


@pytest.mark.django_db
def test_every_bundled_topic_s_page_holds_exactly_its_export_s_votes(client):
    # The topics of votes on record (a topic whose votes another module's import
    # left behind has an empty page, and an empty export).
    topics = list(Topic.objects.filter(resolutions__isnull=False).distinct())
    assert len(topics) > 10  # the bundled votes carry topics
    for topic in topics:
        listed = page_slugs(client, f"/topics/{topic.slug}/")
        exported = csv_rows(client, f"/resolutions.csv?topic={topic.slug}")
        assert listed and csv_keys(exported) == page_keys(listed), topic.slug


def test_a_topic_of_many_votes_is_paginated_and_still_exact(client, db):
    members = council("Q")
    many_votes(120, members, topic="Made-up question")
    slug = Topic.objects.get(name="Made-up question").slug
    first = client.get(f"/topics/{slug}/").content.decode()
    assert len(table_slugs(first)) == 50
    listed = page_slugs(client, f"/topics/{slug}/")
    assert len(listed) == len(set(listed)) == 120
    assert csv_keys(csv_rows(client, f"/resolutions.csv?topic={slug}")) == page_keys(listed)


def test_the_chart_and_its_table_count_the_votes_per_year_by_outcome(client, lagoon):
    topic, *_ = lagoon
    response = client.get(f"/topics/{topic.slug}/")
    html = response.content.decode()
    spec = response.context["chart"]
    traces = {
        trace["name"]: dict(zip(trace["x"], trace["y"], strict=True)) for trace in spec["data"]
    }
    assert traces == {
        "Adopted": {2095: 1, 2096: 0, 2098: 1},
        "Failed (not enough votes)": {2095: 0, 2096: 1, 2098: 0},
        "Vetoed": {2095: 1, 2096: 0, 2098: 1},
    }
    assert spec["layout"]["barmode"] == "stack"
    # The folded table beside it holds the same figures.
    table = html.split("<summary>The figures as a table</summary>", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<th scope="row">(\d+)</th>(.*?)</tr>', table)
    figures = {
        int(year): dict(re.findall(r'data-label="([^"]+)">(\d+)<', cells)) for year, cells in rows
    }
    assert figures[2095] == {
        "Adopted": "1",
        "Failed (not enough votes)": "0",
        "Vetoed": "1",
        "All": "2",
    }
    assert figures[2096]["Failed (not enough votes)"] == "1" and set(figures) == {2095, 2096, 2098}
    assert 'data-chart="chart-topic-data"' in html and 'id="chart-topic-data"' in html


def test_the_vetoes_say_who_vetoed_what(client, lagoon):
    topic, on_topic, _, (p1, p2, p3, *_) = lagoon
    html = client.get(f"/topics/{topic.slug}/").content.decode()
    vetoes = html.split('id="vetoes"', 1)[1].split('id="votes"', 1)[0]
    summary = " ".join(vetoes.split('id="vetoes-cast">', 1)[1].split("</p>", 1)[0].split())
    assert summary.startswith("<strong>2</strong> drafts vetoed")
    # Vetoes cast: the draft vetoed by two counts once for each; the 'veto' on the
    # draft recorded as adopted is no veto cast.
    cast = re.findall(r'href="/members/([a-z]+)/">[^<]+</a> (\d+)', summary)
    assert sorted(cast) == sorted(
        [(p1.code.lower(), "1"), (p2.code.lower(), "1"), (p3.code.lower(), "1")]
    )
    items = re.findall(r"<li>(.*?)</li>", vetoes, re.S)
    assert len(items) == 2
    latest, earlier = items
    assert "S/2098/1" in latest and f'href="/members/{p3.code.lower()}/"' in latest
    assert "S/2095/2" in earlier
    assert set(re.findall(r'href="/members/([a-z]+)/"', earlier)) == {
        p1.code.lower(),
        p2.code.lower(),
    }
    assert "S/2098/2" not in vetoes
    assert "The latest" not in vetoes  # every draft vetoed is listed


def test_a_topic_of_many_vetoes_lists_the_latest_and_counts_them_all(client, db):
    members = council("Q")
    many_votes(200, members, topic="Much vetoed question")
    topic = Topic.objects.get(name="Much vetoed question")
    vetoed = list(Resolution.objects.filter(topics=topic, outcome=Outcome.VETOED))
    assert len(vetoed) > LISTED
    html = client.get(f"/topics/{topic.slug}/").content.decode()
    vetoes = html.split('id="vetoes"', 1)[1].split('id="votes"', 1)[0]
    summary = " ".join(vetoes.split('id="vetoes-cast">', 1)[1].split("</p>", 1)[0].split())
    assert summary.startswith(f"<strong>{len(vetoed)}</strong> drafts vetoed")
    # Vetoes cast counted over every draft vetoed, not only those listed.
    cast = dict(re.findall(r'href="/members/([a-z]+)/">[^<]+</a> (\d+)', summary))
    every = Vote.objects.filter(resolution__in=vetoed, position=Position.VETO)
    assert cast == {
        code.lower(): str(n)
        for code, n in every.values_list("member_id").annotate(n=Count("pk")).order_by()
    }
    # The latest drafts listed, latest first; the rest in the list of votes linked.
    items = re.findall(r"<li>(.*?)</li>", vetoes, re.S)
    assert len(items) == LISTED
    dates = [dt.date.fromisoformat(d) for d in re.findall(r'datetime="([^"]+)"', "".join(items))]
    assert dates == sorted(dates, reverse=True)
    assert all(record.date <= dates[-1] for record in vetoed if record.draft_symbol not in vetoes)
    assert f"The latest {LISTED} below" in vetoes
    every_url = f"/resolutions/?topic={topic.slug}&outcome=vetoed"
    assert f'href="{every_url.replace("&", "&amp;")}"' in vetoes
    listed = table_slugs(client.get(every_url).content.decode())
    assert sorted(listed) == sorted(record.slug for record in vetoed)
    # The API lists the same latest drafts and links to every one of them.
    api = client.get(f"/api/topics/{topic.slug}/").json()
    assert [d["date"] for d in api["vetoed_drafts"]] == [d.isoformat() for d in dates]
    assert api["vetoed"] == len(vetoed)
    every_vetoed = client.get(api["vetoed_drafts_url"] + "&per_page=200").json()
    assert every_vetoed["count"] == len(vetoed)
    assert sorted(d["slug"] for d in every_vetoed["results"]) == sorted(r.slug for r in vetoed)


def test_a_topic_without_vetoes_or_votes_says_so(client, lagoon):
    far_shore = Topic.objects.get(name="Far Shore")
    html = client.get(f"/topics/{far_shore.slug}/").content.decode()
    assert "No draft on this topic was vetoed." in html
    empty = Topic.objects.create(kind="category", name="Unused category", slug="unused-category")
    html = client.get(f"/topics/{empty.slug}/").content.decode()
    assert "No vote on this topic is on record." in html and 'data-chart="' not in html
    assert head(client, f"/topics/{empty.slug}/").meta["description"].endswith("none on record.")


@pytest.mark.django_db
def test_an_unknown_topic_is_404_and_capitals_are_sent_on(client):
    assert client.get("/topics/no-such-topic/").status_code == 404
    assert client.get("/feeds/topics/no-such-topic.atom").status_code == 404
    response = client.get("/topics/Middle-East-Syria/")
    assert response.status_code == 301 and response["Location"] == "/topics/middle-east-syria/"


@pytest.mark.django_db
def test_the_reference_case_is_on_its_topic_s_page_and_links_it(client):
    vote_page = client.get("/resolutions/s-2017-315/").content.decode()
    topics = vote_page.split('class="topics">', 1)[1].split("</dd>", 1)[0]
    assert 'href="/topics/middle-east-syria/">Middle East (Syria)</a>' in topics
    page = head(client, "/topics/middle-east-syria/")
    assert page.title.startswith("Votes on Middle East (Syria)")
    assert "vetoed" in page.meta["description"] and page.meta["og:type"] == "website"
    assert page.links["alternate"] == "/feeds/topics/middle-east-syria.atom"
    html = client.get("/topics/middle-east-syria/").content.decode()
    vetoes = html.split('id="vetoes"', 1)[1].split('id="votes"', 1)[0]
    item = next(li for li in re.findall(r"<li>(.*?)</li>", vetoes) if "S/2017/315" in li)
    assert "vetoed by" in item and 'href="/members/rus/"' in item
    # The header links the topics; a list filtered by topic links its page.
    assert 'href="/topics/"' in client.get("/").content.decode().split("</header>", 1)[0]
    listed = client.get("/resolutions/?topic=middle-east-syria").content.decode()
    assert 'href="/topics/middle-east-syria/">Middle East (Syria)</a>' in listed


NAME = '<script>alert("x")</script> & <b>Co</b>'


def test_topic_names_are_escaped_everywhere(client, db):
    members = council("Q")
    record = resolution(
        on=dt.date(2097, 1, 1), draft_symbol="S/2097/1", positions={Position.FOR: members}
    )
    record.topics.add(*Topic.ids_for({("topic", NAME)}).values())
    slug = Topic.objects.get(name=NAME).slug
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;"
    for url in (
        "/topics/",
        f"/topics/{slug}/",
        f"/resolutions/{record.slug}/",
        f"/resolutions/?topic={slug}",
    ):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<b>Co</b>" not in html, url
        assert escaped in html, url
    page = head(client, f"/topics/{slug}/")
    assert NAME in page.title and NAME in page.meta["description"]
    feed = client.get(f"/feeds/topics/{slug}.atom").content.decode()
    assert "<script>" not in feed and "<b>Co</b>" not in feed
    # In the CSV as written (a CSV is no HTML), and no formula.
    (row,) = [r for r in csv_rows(client, "/topics.csv") if r["slug"] == slug]
    assert row["name"] == NAME


@pytest.mark.parametrize(
    "url, queries",
    [
        # The topics with their counts (one query), besides the version read.
        ("/topics/", 2),
        ("/topics.csv", 2),
        # The topic, its kept per-year counts and vetoes cast, its latest vetoed
        # drafts and their vetoes, and the table's rows and vetoes (its count is
        # the kept figures').
        ("/topics/made-up-question/", 8),
        ("/topics/made-up-question/?page=2&sort=date", 8),
    ],
)
def test_a_fixed_number_of_queries_whatever_the_number_of_votes(
    client, db, django_assert_num_queries, url, queries
):
    members = council("Q")
    many_votes(3, members, topic="Made-up question")
    many_votes(60, members, start_year=2191, topic="Made-up question")
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    many_votes(300, members, start_year=2291, topic="Made-up question")
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_search_lists_the_topics_it_names(client):
    html = client.get("/search/", {"q": "syria"}).content.decode()
    assert html.index('id="topics"') < html.index('id="votes"')
    topics = html.split('id="topics"', 1)[1].split("</ul>", 1)[0]
    assert 'href="/topics/middle-east-syria/">Middle East (Syria)</a>' in topics
    # Every word, in any order; a symbol or a number names no topic.
    words = client.get("/search/", {"q": "palestinian middle east"}).content.decode()
    assert 'href="/topics/middle-east-incl-the-palestinian-question/"' in words
    for query in ("S/2017/315", "2118", "the"):
        assert 'id="topics"' not in client.get("/search/", {"q": query}).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["page=abc", "page=999", "page=-1", "per_page=0", "per_page=abc", "sort=nonsense"]
)
def test_odd_table_parameters_do_not_break_a_topic_s_page(client, query):
    response = client.get(f"/topics/middle-east-syria/?{query}")
    assert response.status_code == 200
    assert table_slugs(response.content.decode())
