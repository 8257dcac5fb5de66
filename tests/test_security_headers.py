"""Every page, public and admin, carries a Content-Security-Policy allowing
scripts and styles from the site only, and a Permissions-Policy; the pages hold
nothing that policy would block (no inline script, no style element or attribute)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.urls import reverse
from test_views import EXAMPLES, body

from resolutions.models import Resolution

ADMIN_PAGES = [
    "admin:index",
    "admin:resolutions_resolution_changelist",
    "admin:resolutions_resolution_add",
    "admin:resolutions_resolution_add_from_article",
    "admin:resolutions_memberstate_changelist",
    "admin:axes_accessattempt_changelist",
]


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_protected(response, where: str) -> None:
    csp = policy(response)
    assert csp["script-src"] == ["'self'"], where
    assert csp["default-src"] == ["'self'"], where
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"], where
    # Styles from the site, the empty <style> plotly.js fills via the CSSOM, and
    # the fixed stylesheets plotly.js injects, each by its hash: no other inline style.
    self_, empty, *fixed = csp["style-src"]
    assert (self_, empty) == ("'self'", "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='")
    assert all(source.startswith("'sha256-") for source in fixed), where
    # Style attributes: only empty ones (plotly writes style="" on its colour bars).
    assert csp["style-src-attr"] == [
        "'unsafe-hashes'",
        "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
    ]
    unsafe = [v for name, values in csp.items() for v in values if "unsafe" in v]
    assert unsafe == ["'unsafe-hashes'"], where
    assert "camera=()" in response["Permissions-Policy"], where
    assert "geolocation=()" in response["Permissions-Policy"], where


def assert_nothing_inline(html: str, where: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        # A data block (json_script) is not run; any other script comes from a file.
        assert script.get("src") or script.get("type") == "application/json", (where, script)
    assert soup.find_all("style") == [], where
    assert [tag.name for tag in soup.find_all(style=True)] == [], where
    assert not any(a.startswith("on") for tag in soup.find_all(True) for a in tag.attrs), where


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_public_page_has_the_policies(client, name):
    response = client.get(EXAMPLES[name])
    assert response.status_code == 200
    assert_protected(response, name)
    if response["Content-Type"].startswith("text/html"):
        assert_nothing_inline(body(response), name)


@pytest.mark.django_db
def test_error_pages_have_the_policies(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_protected(response, "404")


@pytest.mark.django_db
def test_every_admin_page_has_the_policies(client):
    assert_protected(client.get(reverse("admin:login")), "login")
    assert_nothing_inline(client.get(reverse("admin:login")).content.decode(), "login")
    client.force_login(User.objects.create_superuser("boss", password="boss-password-5512"))
    record = Resolution.objects.get(slug="s-2017-315")
    urls = [reverse(name) for name in ADMIN_PAGES] + [
        reverse("admin:resolutions_resolution_add") + "?date=2017-04-12",
        reverse("admin:resolutions_resolution_change", args=[record.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_protected(response, url)
        assert_nothing_inline(response.content.decode(), url)
