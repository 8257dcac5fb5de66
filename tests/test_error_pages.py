"""Where a request cannot be answered, a clear error in the site's own layout, never
a bare 500: addresses that cannot name a member (a NUL byte, which PostgreSQL
refuses to read), searches longer than the limit, and a database that is down
(503, and no CSV that answers 200 with only its header)."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from resolutions.filters import MAX_TEXT_QUERY

pytestmark = pytest.mark.django_db

BRAND = "UN Security Council vote tracker</a>"


@pytest.mark.parametrize(
    "url",
    [
        "/members/%00/",
        "/members/a%00b/",
        "/members/%00/votes.csv",
        "/members/a%00b/votes.csv",
        "/members/fr%00/report/",
        "/feeds/members/a%00b.atom",
        "/api/members/a%00b/",
    ],
)
def test_an_address_that_cannot_name_a_member_is_not_found(client, url):
    response = client.get(url)
    assert response.status_code == 404


def test_the_not_found_page_is_in_the_site_s_layout(client):
    response = client.get("/members/a%00b/")
    assert BRAND in response.text
    assert "Page not found" in response.text
    assert 'href="/resolutions/"' in response.text


def test_the_server_error_page_is_in_the_site_s_layout():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert BRAND in response.content.decode()
    assert "Something went wrong" in response.content.decode()


LONG = "Syria " * (50_000 // 6)


@pytest.mark.parametrize(
    "url", ["/resolutions/", "/resolutions.csv", "/resolutions.json", "/members/fra/"]
)
def test_a_search_longer_than_the_limit_is_refused_with_its_reason(client, url):
    response = client.get(url, {"q": LONG})
    assert response.status_code in (200, 400)
    text = response.content.decode()
    assert f"at most {MAX_TEXT_QUERY} characters" in text
    if url == "/resolutions/":
        assert "S/2017/315" not in text  # no rows the reader did not ask for


def test_the_search_page_refuses_a_long_or_null_query_with_its_reason(client):
    response = client.get("/search/", {"q": LONG})
    assert response.status_code == 400
    assert f"at most {MAX_TEXT_QUERY} are searched for" in response.text
    assert BRAND in response.text
    response = client.get("/search/", {"q": "Syr\x00ia"})
    assert response.status_code == 400
    assert "null character" in response.text


def test_the_api_refuses_a_long_query_naming_the_parameter(client):
    response = client.get("/api/votes/", {"q": LONG})
    assert response.status_code == 400
    assert "q" in response.text and str(MAX_TEXT_QUERY) in response.text


@pytest.fixture
def signed_in(admin_user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


@pytest.fixture
def database_down():
    """Every query fails as with the database server stopped."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection to server failed: Connection refused")

    with connection.execute_wrapper(refuse):
        yield


@pytest.mark.parametrize(
    "url",
    ["/", "/resolutions/", "/resolutions/s-2017-315/", "/members/fra/", "/export/votes.csv",
     "/resolutions.csv"],
)  # fmt: skip
def test_with_the_database_down_pages_answer_503_in_the_site_s_layout(url, database_down):
    client = Client(raise_request_exception=False)
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "Temporarily unavailable" in response.content.decode()
    assert "Content-Security-Policy" in response.headers


def test_with_the_database_down_the_admin_answers_503(signed_in, database_down):
    response = signed_in.get("/admin/resolutions/resolution/")
    assert response.status_code == 503
    assert "Temporarily unavailable" in response.content.decode()
