"""Public pages are sent gzip to readers who accept it, never a page carrying a CSRF
token (votetracker/compression.py), from the cache and rendered alike."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest
from django.contrib.auth.models import User
from factories import council, resolution

from resolutions.rules import Position

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def vote(db):
    members = council("Q")
    return resolution(
        on=dt.date(2091, 3, 1),
        draft_symbol="S/2091/1",
        title="A title <to escape>",
        positions={Position.FOR: members[:9], Position.ABSTAIN: members[9:]},
    )


def plain_text(response) -> str:
    if response.get("Content-Encoding") == "gzip":
        return gzip.decompress(response.content).decode()
    return response.content.decode()


@pytest.mark.parametrize(
    "url", ["/resolutions/", "/members/", "/", "/feeds/votes.atom", "/api/votes/"]
)
def test_a_public_page_without_a_form_is_sent_gzip_and_reads_the_same(client, vote, url):
    plain = client.get(url)
    assert plain.get("Content-Encoding") is None
    for attempt in ("rendered", "from the cache"):
        client.get("/")  # (other pages between, as readers come)
        packed = client.get(url, **GZIP)
        assert packed.status_code == 200
        assert packed["Content-Encoding"] == "gzip", attempt
        assert "Accept-Encoding" in packed["Vary"]
        assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content)
        assert plain_text(packed) == plain.content.decode(), attempt


def test_the_first_request_of_a_page_is_sent_gzip_too(client, vote, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    packed = client.get("/resolutions/", **GZIP)
    assert packed["Content-Encoding"] == "gzip"
    assert "A title &lt;to escape&gt;" in plain_text(packed)


def test_a_page_with_a_form_is_never_compressed(client, vote):
    """The vote page holds the error report's form, so its CSRF token: sent plain
    (a compressed secret beside echoed text leaks by its length)."""
    for _ in range(2):
        page = client.get(vote.get_absolute_url(), **GZIP)
        assert page.get("Content-Encoding") is None
        assert 'name="csrfmiddlewaretoken"' in page.content.decode()


def test_the_admin_is_never_compressed_and_no_page_with_a_token_is(client, vote):
    """Signed in, the admin's pages carry forms (a CSRF token) and go plain; a
    page with no token goes gzip, whoever asks."""
    editor = User.objects.create_superuser("chief", password="not-used-anywhere-9")
    client.force_login(editor)
    for url in ("/admin/", "/admin/resolutions/resolution/", vote.get_absolute_url()):
        page = client.get(url, **GZIP)
        assert page.status_code == 200, url
        assert page.get("Content-Encoding") is None, url
        assert 'name="csrfmiddlewaretoken"' in page.content.decode(), url
    listing = client.get("/resolutions/", **GZIP)
    assert "csrfmiddlewaretoken" not in plain_text(listing)
    assert listing["Content-Encoding"] == "gzip"


def test_downloads_are_streamed_as_they_are(client, vote):
    download = client.get("/resolutions.csv", **GZIP)
    assert download.get("Content-Encoding") is None
    assert b"S/2091/1" in b"".join(download.streaming_content)
