"""The topic filter of /resolutions/ and its exports, and the exports' subject,
topics and sponsors columns, on records of our own."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from conftest import response_text
from factories import council, many_votes, resolution

from resolutions.models import Topic


def listed_slugs(html: str) -> set[str]:
    return set(re.findall(r'href="/resolutions/([a-z0-9-]+)/"', html))


@pytest.fixture
def on_topics(db):
    members = council()
    ids = Topic.ids_for({("topic", "Lagoon Republic"), ("region", "Far Shore")})
    votes = []
    for day in range(1, 5):
        vote = resolution(
            on=dt.date(2094, 1, day),
            draft_symbol=f"S/2094/{day}",
            title=f"Harbour works, phase {day}",
            positions={"for": members},
        )
        votes.append(vote)
    for vote in votes[:3]:
        vote.topics.add(ids[("topic", "Lagoon Republic")])
    votes[0].topics.add(ids[("region", "Far Shore")])
    votes[0].sponsors.add(members[0], members[1])
    return votes, members, Topic.objects.get(name="Lagoon Republic")


def test_the_exports_of_a_topic_hold_exactly_the_votes_on_its_list(client, on_topics):
    votes, _, topic = on_topics
    page = client.get("/resolutions/", {"topic": topic.slug}).content.decode()
    listed = listed_slugs(page) & {v.slug for v in votes}
    assert listed == {v.slug for v in votes[:3]}
    rows = list(
        csv.DictReader(
            io.StringIO(response_text(client.get(f"/resolutions.csv?topic={topic.slug}")))
        )
    )
    assert {r["draft_symbol"] for r in rows} == {v.draft_symbol for v in votes[:3]}
    data = json.loads(response_text(client.get("/resolutions.json", {"topic": topic.slug})))[
        "results"
    ]
    assert {r["draft_symbol"] for r in data} == {v.draft_symbol for v in votes[:3]}
    api = client.get("/api/votes/", {"topic": topic.slug}).json()["results"]
    assert {r["draft_symbol"] for r in api} == {v.draft_symbol for v in votes[:3]}
    assert response_text(client.get("/resolutions.csv?topic=no-such-topic")).count("\n") == 1


def test_the_exports_give_subject_topics_and_sponsors(client, on_topics):
    votes, members, _ = on_topics
    rows = {
        r["draft_symbol"]: r
        for r in csv.DictReader(
            io.StringIO(response_text(client.get("/resolutions.csv?year=2094")))
        )
    }
    first = rows["S/2094/1"]
    assert first["subject"] == "Harbour works, phase 1"
    # Categories, then regions, then topics, each by name.
    assert first["topics"] == "Far Shore;Lagoon Republic"
    assert first["sponsors"] == ";".join(sorted([members[0].code, members[1].code]))
    assert rows["S/2094/4"]["topics"] == "" and rows["S/2094/4"]["sponsors"] == ""
    data = {
        r["draft_symbol"]: r
        for r in json.loads(response_text(client.get("/resolutions.json?year=2094")))["results"]
    }
    assert set(data["S/2094/1"]["topics"]) == {"Far Shore", "Lagoon Republic"}
    assert data["S/2094/1"]["sponsors"] == sorted([members[0].code, members[1].code])


def listed_in_order(html: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r'href="/resolutions/([a-z0-9-]+)/"', html)))


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"outcome": "vetoed"},
        {"outcome": "adopted", "year": "2092"},
        {"date_after": "2091-03-01", "date_before": "2092-06-30"},
        {"outcome": "vetoed", "date_after": "2091-05-01"},
        {"year": "2093"},
        # Not counted from the topic's days: the list counts its rows.
        {"member": "QAA", "position": "veto"},
        {"procedural": "no", "year": "2091"},
    ],
)
def test_a_topics_list_counts_and_shows_exactly_the_rows_of_its_export(db, client, filters):
    # A topic's list reads the topic first and counts its votes from the days
    # the database keeps for it where the filters allow: the count shown and
    # every page must be the export's rows, which read the topic by its slug.
    members = council()
    many_votes(130, members, topic="Made-up question")
    many_votes(20, members, start_year=2191, topic="Another question")
    query = {"topic": "made-up-question", **filters}
    rows = list(csv.DictReader(io.StringIO(response_text(client.get("/resolutions.csv", query)))))
    expected = [f"s-{row['date'][:4]}-{row['draft_symbol'].rsplit('/', 1)[1]}" for row in rows]
    listed = []
    for page in range(1, max(1, -(-len(rows) // 50)) + 1):
        html = client.get("/resolutions/", {**query, "page": page}).content.decode()
        count = re.search(r"<strong>([\d,]+)</strong> votes?\.", html)
        assert count is not None and int(count.group(1).replace(",", "")) == len(rows)
        listed += listed_in_order(html)
    assert listed == expected
