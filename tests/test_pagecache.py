"""Cached public pages are never older than the last write (resolutions/pagecache.py)."""

from __future__ import annotations

import datetime as dt
import os
import re
import uuid

import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.utils import timezone
from factories import council, resolution
from test_admin import ADD_URL, S_2017_172, post_data

from resolutions import pagecache
from resolutions.models import Resolution
from resolutions.rules import Position

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def redis_reachable() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:  # any failure to connect means: not reachable here
        return False


@pytest.fixture(params=["memory", "redis"])
def any_cache(request, settings):
    """Each test runs on the default cache (the process's memory) and on Redis."""
    if request.param == "redis":
        if not redis_reachable():
            pytest.skip(f"Redis is not reachable at {REDIS_URL} (CI runs it at 127.0.0.1:6379)")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
                "TIMEOUT": 300,
            }
        }
    return request.param


@pytest.fixture
def vote(db):
    members = council("Q")
    return resolution(
        on=dt.date(2091, 3, 1),
        draft_symbol="S/2091/1",
        title="The first title",
        positions={Position.FOR: members[:9], Position.ABSTAIN: members[9:]},
    )


def served_from_cache(client, url: str, django_assert_num_queries) -> str:
    """The page, asked twice: the second answer from the cache (one query)."""
    client.get(url)
    with django_assert_num_queries(1):
        return client.get(url).content.decode()


def test_a_save_is_on_the_cached_pages_at_the_next_request(
    client, vote, any_cache, django_assert_num_queries
):
    pages = [vote.get_absolute_url(), "/resolutions/", "/members/qaa/", "/", "/search/?q=title"]
    # The API's answers too.
    pages += ["/api/votes/", f"/api/votes/{vote.slug}/", "/api/votes/?q=title"]
    for url in pages:
        assert "The first title" in served_from_cache(client, url, django_assert_num_queries)
    vote.title = "The second title"
    vote.save()
    for url in pages:
        page = client.get(url).content.decode()
        assert "The second title" in page, url
        # (The vote page's history says what the title was.)
        assert url == vote.get_absolute_url() or "The first title" not in page, url


def test_writes_that_send_no_signal_are_seen_too(client, vote, any_cache):
    """A queryset update and raw SQL (as bulk imports write) make the page fresh."""
    url = vote.get_absolute_url()
    client.get(url)
    Resolution.objects.filter(pk=vote.pk).update(title="Updated in bulk")
    assert "Updated in bulk" in client.get(url).content.decode()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE resolutions_resolution SET title = %s WHERE id = %s", ["Raw SQL", vote.pk]
        )
    assert "Raw SQL" in client.get(url).content.decode()
    csv_url = f"{url}votes.csv"
    assert "QAJ,Test State QAJ,false,abstain" in client.get(csv_url).content.decode()
    vote.votes.filter(member_id="QAJ").update(position=Position.AGAINST)
    assert "QAJ,Test State QAJ,false,against" in client.get(csv_url).content.decode()


def test_a_change_in_the_admin_is_on_the_cached_page_at_the_next_request(client, db, any_cache):
    editor = User.objects.create_user("editor", password="not-used-anywhere-9", is_staff=True)
    editor.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="resolutions",
            codename__in=["add_resolution", "add_vote", "add_source", "view_resolution"],
        )
    )
    admin = Client()
    admin.force_login(editor)
    before = client.get("/members/chn/").content.decode()
    assert "/resolutions/s-2017-172/" not in before
    assert admin.post(ADD_URL, post_data(S_2017_172)).status_code == 302
    after = client.get("/members/chn/").content.decode()
    vetoes = after.split("<h2>Vetoes cast</h2>", 1)[1].split("<h2", 1)[0]
    assert "/resolutions/s-2017-172/" in vetoes


def test_a_page_cached_on_an_earlier_day_is_drawn_again(client, vote, any_cache):
    """A member's timeline draws its current term up to today: a page cached
    yesterday is not served today, whatever its cache lifetime."""
    url = "/members/qaa/"
    client.get(url)
    request = RequestFactory().get(url)
    version = pagecache.record_version()
    today = pagecache.page_key(request, version)
    stale = {**cache.get(today), "content": b"drawn on another day", "gzip": None}
    cache.delete(today)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    cache.set(pagecache.page_key(request, version, yesterday), stale)
    assert b"drawn on another day" not in client.get(url).content
    cache.set(today, stale)
    assert client.get(url).content == b"drawn on another day"  # today's, from the cache


def test_another_app_server_sees_the_write_too(client, vote, settings):
    """Two servers, two caches, one database: the version read from the database
    makes the other server's cached page stale."""
    url = vote.get_absolute_url()
    other = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                         "LOCATION": "another-server"}}  # fmt: skip
    own = settings.CACHES
    settings.CACHES = other
    cache.clear()
    assert "The first title" in client.get(url).content.decode()
    settings.CACHES = own
    Resolution.objects.filter(pk=vote.pk).update(title="Written on this server")
    settings.CACHES = other
    assert "Written on this server" in client.get(url).content.decode()


def test_each_reader_gets_its_own_csrf_token_on_a_cached_page(vote, any_cache):
    url = vote.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    tokens = []
    for reader in (first, second):
        page = reader.get(url).content.decode()
        tokens.append(TOKEN.search(page).group(1))
        assert reader.cookies["csrftoken"].value
    assert tokens[0] != tokens[1]
    # The second reader's page came from the cache; its form is sent and taken.
    report = {"csrfmiddlewaretoken": tokens[1], "message": "The date is wrong."}
    response = second.post(f"{url}report/", report)
    assert response.status_code == 302 and response["Location"] == f"{url}report/sent/"
    # The first reader's cookie does not go with the second reader's token.
    assert first.post(f"{url}report/", report).status_code == 403


def test_signed_in_editors_are_not_served_the_cached_page(client, vote, db):
    editor = User.objects.create_user("editor", password="not-used-anywhere-9", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(codename="change_resolution"))
    client.get(vote.get_absolute_url())
    vote.title = "Edited"
    vote.save()
    client.get(vote.get_absolute_url())  # cached for readers, without restore links
    client.force_login(editor)
    assert "Restore the record as it was" in client.get(vote.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "sql, table",
    [
        ('INSERT INTO "resolutions_vote" ("position") VALUES (%s)', "resolutions_vote"),
        ('UPDATE "resolutions_resolution" SET "title" = %s', "resolutions_resolution"),
        ("  delete from resolutions_source where id = 1", "resolutions_source"),
        ('SELECT * FROM "resolutions_vote"', None),
    ],
)
def test_the_table_a_statement_writes_to(sql, table):
    assert pagecache.written_table(sql) == table


def test_readers_reports_and_the_version_are_not_the_record():
    tables = pagecache.record_tables()
    assert {"resolutions_resolution", "resolutions_vote", "resolutions_historicalvote"} <= tables
    assert "resolutions_errorreport" not in tables
    assert pagecache.VERSION_TABLE not in tables
