"""Atom feeds: they parse as Atom 1.0 with a real parser (feedparser), list the
latest votes first, link to pages that exist, take the list's filters, and are
announced by the pages (<link rel="alternate">)."""

from __future__ import annotations

import datetime as dt
import re

import feedparser
import pytest
from factories import council, many_votes, resolution

from resolutions.models import Resolution, Topic, Vote
from resolutions.rules import Outcome, Position


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def entry_days(feed) -> list[dt.date]:
    return [dt.date(*entry.published_parsed[:3]) for entry in feed.entries]


@pytest.mark.django_db
def test_the_votes_feed_lists_the_latest_votes_first(client):
    feed = parse(client, "/feeds/votes.atom")
    latest = list(Resolution.objects.order_by("-date").values_list("date", flat=True)[:50])
    assert entry_days(feed) == latest
    assert feed.feed.title == "UN Security Council votes"
    first = Resolution.objects.order_by("-date").first()
    assert feed.entries[0].link == f"http://testserver{first.get_absolute_url()}"
    ids = [entry.id for entry in feed.entries]
    assert len(ids) == len(set(ids))
    for entry in feed.entries:
        assert client.get(entry.link.removeprefix("http://testserver")).status_code == 200


@pytest.mark.django_db
def test_an_entry_says_outcome_tally_and_vetoes(client):
    feed = parse(client, "/feeds/votes.atom?q=S/2017/315")
    (entry,) = feed.entries
    assert entry.title == "S/2017/315: vetoed, 10 for, 2 against, 3 abstaining"
    assert "vetoed by Russian Federation" in entry.summary
    assert "meeting S/PV.7922" in entry.summary


@pytest.mark.django_db
def test_the_votes_feed_takes_the_list_s_filters(client):
    feed = parse(client, "/feeds/votes.atom?member=rus&position=veto")
    slugs = {entry.link.rstrip("/").rsplit("/", 1)[1] for entry in feed.entries}
    expected = set(
        Vote.objects.vetoes().filter(member="RUS").values_list("resolution__slug", flat=True)
    )
    assert slugs == expected and slugs
    assert entry_days(feed) == sorted(entry_days(feed), reverse=True)


@pytest.mark.django_db
def test_an_invalid_filter_answers_400_naming_it(client):
    response = client.get("/feeds/votes.atom?year=abc")
    assert response.status_code == 400
    assert "year" in response.content.decode()


@pytest.mark.django_db
def test_a_member_s_feed_lists_its_latest_votes_with_its_position(client):
    feed = parse(client, "/feeds/members/rus.atom")
    votes = list(
        Vote.objects.filter(member="RUS")
        .order_by("-resolution__date")[:50]
        .select_related("resolution")
    )
    assert entry_days(feed) == [vote.resolution.date for vote in votes]
    reference = next(e for e in feed.entries if e.link.endswith("/resolutions/s-2017-315/"))
    assert reference.title.startswith("S/2017/315: Russian Federation — veto; vetoed")
    assert client.get("/feeds/members/zzz.atom").status_code == 404
    assert parse(client, "/feeds/members/RUS.atom").entries == feed.entries


@pytest.mark.django_db
def test_a_topic_s_feed_lists_its_latest_votes_first(client):
    feed = parse(client, "/feeds/topics/middle-east-syria.atom")
    topic = Topic.objects.get(slug="middle-east-syria")
    votes = list(topic.resolutions.order_by("-date", "-resolution_number", "-draft_symbol"))
    assert [entry.link for entry in feed.entries] == [
        f"http://testserver{vote.get_absolute_url()}" for vote in votes
    ]
    assert feed.feed.title == "Votes on Middle East (Syria): the UN Security Council"
    assert feed.feed.link == "http://testserver/topics/middle-east-syria/"
    reference = next(e for e in feed.entries if e.link.endswith("/resolutions/s-2017-315/"))
    assert reference.title == "S/2017/315: vetoed, 10 for, 2 against, 3 abstaining"
    assert "vetoed by Russian Federation" in reference.summary
    assert parse(client, "/feeds/topics/MIDDLE-EAST-SYRIA.atom").entries == feed.entries
    assert client.get("/feeds/topics/no-such-topic.atom").status_code == 404


@pytest.mark.django_db
def test_a_topic_s_feed_holds_its_latest_fifty_and_no_other_topic_s(client):
    members = council("Q")
    many_votes(70, members, topic="Made-up question")
    many_votes(5, members, start_year=2191, topic="Another question")
    feed = parse(client, "/feeds/topics/made-up-question.atom")
    on_topic = Resolution.objects.filter(topics__name="Made-up question").order_by("-date")
    assert len(feed.entries) == 50
    assert entry_days(feed) == list(on_topic.values_list("date", flat=True)[:50])
    assert not any("/s-2191-" in entry.link for entry in feed.entries)


@pytest.mark.django_db
def test_a_topic_s_name_is_escaped_in_its_feed(client):
    members = council("Q")
    many_votes(1, members, topic="<b>Bold</b> & co")
    slug = Topic.objects.get(name="<b>Bold</b> & co").slug
    response = client.get(f"/feeds/topics/{slug}.atom")
    assert b"<b>" not in response.content
    assert parse(client, f"/feeds/topics/{slug}.atom").feed.title.startswith(
        "Votes on <b>Bold</b> & co"
    )


@pytest.mark.django_db
def test_a_veto_on_a_draft_recorded_as_adopted_is_read_as_a_vote_against(client):
    (usa, *others) = council("Q")
    resolution(
        on=dt.date(2993, 1, 1),
        draft_symbol="S/2993/1",
        positions={Position.VETO: [usa], Position.FOR: others},
        outcome=Outcome.ADOPTED,
        review_status=Resolution.Review.NEEDS_REVIEW,
    )
    entry = parse(client, f"/feeds/members/{usa.code.lower()}.atom").entries[0]
    assert f"{usa.name} — against; adopted" in entry.title
    assert "needs review" in entry.summary


@pytest.mark.django_db
def test_user_text_is_escaped_in_the_feed(client):
    resolution(on=dt.date(2994, 1, 1), draft_symbol="S/2994/1", positions={}, title="<b>x</b> & y")
    response = client.get("/feeds/votes.atom")
    assert b"<b>" not in response.content
    # Atom's summary is HTML: the title's markup reaches the reader as text.
    summary = parse(client, "/feeds/votes.atom").entries[0].summary
    assert summary.startswith("&lt;b&gt;x&lt;/b&gt; &amp; y")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page, feed",
    [
        ("/", "/feeds/votes.atom"),
        (
            "/resolutions/?member=CHN&position=abstain",
            "/feeds/votes.atom?member=CHN&position=abstain",
        ),
        ("/members/rus/", "/feeds/members/rus.atom"),
        ("/topics/middle-east-syria/", "/feeds/topics/middle-east-syria.atom"),
    ],
)
def test_pages_announce_their_feeds(client, page, feed):
    html = client.get(page).content.decode()
    links = re.findall(
        r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', html
    )
    assert feed.replace("&", "&amp;") in links
    parse(client, feed)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, queries",
    [
        ("/feeds/votes.atom", 3),
        ("/feeds/members/qaa.atom", 4),
        ("/feeds/topics/made-up-question.atom", 4),
    ],
)
def test_a_feed_runs_a_fixed_number_of_queries(client, django_assert_num_queries, url, queries):
    members = council("Q")
    many_votes(3, members, topic="Made-up question")
    with django_assert_num_queries(queries):
        client.get(url)
    many_votes(300, members, start_year=2191, topic="Made-up question")
    with django_assert_num_queries(queries):
        client.get(url)
