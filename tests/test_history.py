"""The record's history: every change to a vote record, its members' votes and its
sources is kept with its old and new values, when, and what made it (an editor, a
review action, an article attached, an import with its file, the bundled load, a
restore); the vote page shows it as "How this record changed", with the editors'
names only to staff; any version can be restored in the admin."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from test_admin import ADD_URL, LIST_URL, S_2017_172, editor, flagged, post_data  # noqa: F401
from test_admin_article import ARTICLE, FROM_ARTICLE, form_data
from test_importers import community_rows, run, veto_positions, write_community

from resolutions import history
from resolutions.models import Resolution

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):  # noqa: F811
    client.force_login(editor)
    return client


def history_section(response) -> str:
    """The text of "How this record changed" as a reader sees it (tags dropped)."""
    page = response.content.decode()
    section = page.split('id="history"', 1)[1].split("</ol>", 1)[0]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section)))


def change_url(record: Resolution) -> str:
    return reverse("admin:resolutions_resolution_change", args=[record.pk])


def saved_by_an_editor(client) -> Resolution:
    response = client.post(ADD_URL, post_data(S_2017_172))
    assert response.status_code == 302
    return Resolution.objects.get(draft_symbol="S/2017/172")


def row_of(data: dict, code: str) -> int:
    return next(
        int(k.split("-")[1]) for k, v in data.items() if k.endswith("-member") and v == code
    )


def edit(client, record: Resolution, votes: dict[str, str] | None = None, **fields) -> None:
    data = form_data(client.get(change_url(record)))
    data.update(fields)
    for code, position in (votes or {}).items():
        data[f"votes-{row_of(data, code)}-position"] = position
    response = client.post(change_url(record), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""


def test_an_editor_s_save_is_kept_with_old_and_new_values(editor_client, client):
    record = saved_by_an_editor(editor_client)
    edit(
        editor_client,
        record,
        title="Sanctions over chemical weapons",
        votes_against="2",
        votes_abstain="4",
        votes={"BOL": "abstain"},
    )
    page = editor_client.get(record.get_absolute_url())
    text = history_section(page)
    assert "changed by an editor, editor" in text
    assert "title Chemical weapons in Syria Sanctions over chemical weapons" in text
    assert "record created by an editor, editor" in text
    assert "Bolivia (Plurinational State of)'s vote Against Abstain" in text
    assert "against 3 2" in text and "abstain 3 4" in text

    # The public sees what made the change, never the editor's name.
    public = history_section(Client().get(record.get_absolute_url()))
    assert "changed by an editor" in public and "Sanctions over chemical weapons" in public
    assert "editor," not in public and ", editor" not in public


def test_a_review_action_is_kept(editor_client):
    record = flagged("S/2017/901", "tally mismatch: library 10-2-3, community table 10-1-3")
    response = editor_client.post(
        LIST_URL, {"action": "mark_checked", "_selected_action": [record.pk]}
    )
    assert response.status_code == 302
    text = history_section(editor_client.get(record.get_absolute_url()))
    assert "changed by a review action (review flag cleared), editor" in text
    assert "review status Needs review Checked" in text
    assert "review reasons tally mismatch: library 10-2-3, community table 10-1-3 —" in text


def test_an_article_attached_is_kept(editor_client):
    record = saved_by_an_editor(editor_client)
    response = editor_client.post(
        FROM_ARTICLE,
        {
            "text": ARTICLE,
            "url": "https://news.example.org/sanctions-veto",
            "title": "Sanctions text falls at the Security Council",
            "published": "2017-02-28",
        },
    )
    token = response.context["token"]
    editor_client.post(FROM_ARTICLE, {"attach": record.pk, "article": token})
    text = history_section(editor_client.get(record.get_absolute_url()))
    assert (
        "changed by an article attached (https://news.example.org/sanctions-veto), editor" in text
    )
    assert "source added — Sanctions text falls at the Security Council" in text


def test_an_import_is_kept_with_its_file(tmp_path, client):
    rows = community_rows(
        "1", "2018-04-10", "", "S/2018/901", "Not adopted - veto", veto_positions()
    )
    run(write_community(tmp_path / "first.csv", rows), fmt="voting-agent")
    record = Resolution.objects.get(draft_symbol="S/2018/901")
    # The second file disagrees with the first on Bolivia's vote.
    changed = [
        [*row[:10], "Abstain" if row[11].startswith("Bolivia") else row[10], *row[11:]]
        for row in rows
    ]
    run(write_community(tmp_path / "second.csv", changed), fmt="voting-agent")
    text = history_section(client.get(record.get_absolute_url()))
    assert "record created by an import (voting-agent: first.csv)" in text
    assert "changed by an import (voting-agent: second.csv)" in text
    assert "individual votes recorded yes no" in text
    assert "tally mismatch" in text


def test_the_bundled_load_is_kept(client):
    record = Resolution.objects.get(slug="s-2017-315")
    text = history_section(client.get(record.get_absolute_url()))
    assert "record created by the bundled data (votes.json)" in text


def test_an_earlier_version_is_restored_and_the_restore_kept(editor_client):
    record = saved_by_an_editor(editor_client)
    first = list(history.changes_of(record, {}, with_users=False))[-1]
    edit(editor_client, record, title="A wrong title", **{"sources-0-title": "A wrong source"})
    restore = reverse("admin:resolutions_resolution_restore", args=[record.pk])
    as_of = first.until.isoformat()
    preview = editor_client.get(restore, {"as_of": as_of})
    assert preview.status_code == 200
    assert "A wrong title" in preview.text and "Chemical weapons in Syria" in preview.text
    response = editor_client.post(restore, {"as_of": as_of})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.title == "Chemical weapons in Syria"
    assert record.sources.get().title == "S/PV.7893"
    assert record.votes.count() == 15
    text = history_section(editor_client.get(record.get_absolute_url()))
    assert "changed by a restore of an earlier version" in text
    assert "title A wrong title Chemical weapons in Syria" in text


def test_only_editors_may_restore(editor_client, db):
    record = saved_by_an_editor(editor_client)
    restore = reverse("admin:resolutions_resolution_restore", args=[record.pk])
    viewer = Client()
    viewer.force_login(User.objects.create_user("viewer", password="x-not-used-1", is_staff=True))
    moment = {"as_of": record.history.latest().history_date.isoformat()}
    assert viewer.get(restore, moment).status_code == 403
    assert viewer.post(restore, moment).status_code == 403
