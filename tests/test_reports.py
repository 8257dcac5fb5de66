"""Readers' error reports: the form on every vote's and member's page, stored
linked to its record with a confirmation page; CSRF-protected; a honeypot and a
rate limit per address (the twentieth report within an hour refused politely);
editors see and resolve them in the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.test import Client

from resolutions.models import ErrorReport
from resolutions.reports import REPORTS_PER_HOUR

VOTE = "/resolutions/s-2017-315/"
MEMBER = "/members/rus/"
REPORT = {"message": "The date is wrong: the vote was on 12 April.", "source_url": "", "email": ""}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize("page, form", [(VOTE, f"{VOTE}report/"), (MEMBER, f"{MEMBER}report/")])
def test_every_vote_and_member_page_has_the_form(client, page, form):
    html = client.get(page).content.decode()
    section = html.split('id="report-error"', 1)[1].split("</section>", 1)[0]
    assert f'action="{form}"' in section and 'method="post"' in section
    assert 'name="csrfmiddlewaretoken"' in section
    for field in ("message", "source_url", "email", "website"):
        assert f'name="{field}"' in section


@pytest.mark.django_db
def test_a_report_is_stored_linked_to_its_vote_and_confirmed(client):
    response = client.post(f"{VOTE}report/", {**REPORT, "email": "reader@example.org"})
    assert response.status_code == 302 and response["Location"] == f"{VOTE}report/sent/"
    report = ErrorReport.objects.get()
    assert report.resolution.slug == "s-2017-315" and report.member is None
    assert report.message == REPORT["message"] and report.email == "reader@example.org"
    assert report.status == ErrorReport.Status.OPEN
    sent = client.get(response["Location"]).content.decode()
    assert "Thank you: your report was sent" in sent and f'href="{VOTE}"' in sent


@pytest.mark.django_db
def test_a_report_on_a_member_is_linked_to_the_member(client):
    response = client.post(f"{MEMBER}report/", {**REPORT, "source_url": "https://undocs.org/x"})
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert report.member_id == "RUS" and report.resolution is None
    assert report.source_url == "https://undocs.org/x"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data, field",
    [
        ({"message": ""}, "message"),
        ({"message": "no"}, "message"),
        ({"source_url": "not a url"}, "source_url"),
        ({"email": "not-an-address"}, "email"),
    ],
)
def test_a_bad_report_shows_its_error_on_the_field(client, data, field):
    response = client.post(f"{VOTE}report/", {**REPORT, **data})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not ErrorReport.objects.exists()


@pytest.mark.django_db
def test_the_reporter_s_text_is_escaped(client):
    evil = "<script>alert(1)</script> is wrong"
    response = client.post(f"{VOTE}report/", {**REPORT, "message": evil, "email": "x"})
    html = response.content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


@pytest.mark.django_db
def test_a_filled_honeypot_is_refused_and_nothing_stored(client):
    response = client.post(f"{VOTE}report/", {**REPORT, "website": "http://spam.example"})
    assert response.status_code == 400
    assert "could not be accepted" in response.content.decode()
    assert not ErrorReport.objects.exists()


@pytest.mark.django_db
def test_the_form_needs_its_csrf_token(db):
    client = Client(enforce_csrf_checks=True)
    assert client.post(f"{VOTE}report/", REPORT).status_code == 403
    page = client.get(f"{VOTE}report/")
    token = page.cookies["csrftoken"].value
    response = client.post(f"{VOTE}report/", {**REPORT, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert ErrorReport.objects.count() == 1


@pytest.mark.django_db
def test_the_twentieth_report_from_one_address_within_an_hour_is_refused(client):
    for number in range(1, 20):
        response = client.post(f"{VOTE}report/", {**REPORT, "message": f"Mistake number {number}"})
        assert response.status_code == 302, number
    refused = client.post(f"{MEMBER}report/", {**REPORT, "message": "Mistake number 20"})
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "Your report could not be accepted" in text and "try again in an hour" in text
    assert ErrorReport.objects.count() == 19 == REPORTS_PER_HOUR
    # Another address is not affected.
    other = client.post(f"{VOTE}report/", REPORT, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302
    # An hour later the address may report again.
    cache.clear()
    assert client.post(f"{VOTE}report/", REPORT).status_code == 302


@pytest.mark.django_db
def test_unknown_records_have_no_form(client):
    assert client.get("/resolutions/no-such-vote/report/").status_code == 404
    assert client.post("/members/zzz/report/", REPORT).status_code == 404


def editor(permissions: list[str]) -> User:
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=permissions))
    return user


@pytest.mark.django_db
def test_editors_see_and_resolve_reports_in_the_admin(client):
    client.post(f"{VOTE}report/", REPORT)
    report = ErrorReport.objects.get()
    client.force_login(editor(["view_errorreport", "change_errorreport"]))
    listing = client.get("/admin/resolutions/errorreport/").content.decode()
    assert "The date is wrong" in listing and "S/2017/315" in listing
    change = f"/admin/resolutions/errorreport/{report.pk}/change/"
    page = client.get(change).content.decode()
    assert 'href="/resolutions/s-2017-315/"' in page
    response = client.post(change, {"status": "resolved", "editor_note": "Checked: right."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ErrorReport.Status.RESOLVED and report.resolved_by.username == "editor"
    assert report.message == REPORT["message"]  # what the reader sent is kept as sent


@pytest.mark.django_db
def test_staff_without_the_permission_do_not_see_reports(client):
    client.post(f"{VOTE}report/", REPORT)
    client.force_login(editor([]))
    assert client.get("/admin/resolutions/errorreport/").status_code == 403


@pytest.mark.django_db
def test_the_resolve_action_marks_open_reports(client):
    client.post(f"{VOTE}report/", REPORT)
    client.post(f"{MEMBER}report/", REPORT)
    client.force_login(editor(["view_errorreport", "change_errorreport"]))
    ids = list(ErrorReport.objects.values_list("pk", flat=True))
    response = client.post(
        "/admin/resolutions/errorreport/",
        {"action": "mark_resolved", "_selected_action": ids},
    )
    assert response.status_code == 302
    assert set(ErrorReport.objects.values_list("status", flat=True)) == {"resolved"}
