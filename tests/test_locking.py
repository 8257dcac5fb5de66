"""Optimistic locking: two editors open the same record; the second to save, from
the form opened before the first one's save, is refused with the first one's
changes named, and nothing of the first save is lost. Imports and review actions
raise the record's version too, so a form opened before them is refused as well."""

from __future__ import annotations

import html
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from test_admin import ADD_URL, LIST_URL, S_2017_172, editor, errors_of, post_data  # noqa: F401
from test_admin_article import form_data
from test_importers import community_rows, veto_positions, write_community

from resolutions.importers.reconcile import Reconciler
from resolutions.models import Resolution, StaleRecord

pytestmark = pytest.mark.django_db


def change_url(record: Resolution) -> str:
    return reverse("admin:resolutions_resolution_change", args=[record.pk])


@pytest.fixture
def two_editors(editor):  # noqa: F811
    """Editor A (the `editor` fixture) and editor B, each with their own browser."""
    other = User.objects.create_user("editor-b", password="not-used-anywhere-9", is_staff=True)
    other.user_permissions.set(editor.user_permissions.all())
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(other)
    return first, second


@pytest.fixture
def record(two_editors) -> Resolution:
    response = two_editors[0].post(ADD_URL, post_data(S_2017_172))
    assert response.status_code == 302, errors_of(response)
    return Resolution.objects.get(draft_symbol="S/2017/172")


def opened(client: Client, record: Resolution) -> dict:
    """What the browser posts back from the change form as it was opened."""
    response = client.get(change_url(record))
    assert response.status_code == 200
    return form_data(response)


def test_a_save_from_a_form_opened_before_another_editors_save_is_refused(two_editors, record):
    a, b = two_editors
    form_a, form_b = opened(a, record), opened(b, record)

    response = a.post(change_url(record), {**form_a, "title": "Sanctions over chemical weapons"})
    assert response.status_code == 302, errors_of(response)
    response = b.post(change_url(record), {**form_b, "agenda_item": "Non-proliferation"})

    assert response.status_code == 200
    refusal = errors_of(response)
    assert "Not saved" in refusal
    assert "editor (an editor)" in refusal  # who changed it
    assert "title: Chemical weapons in Syria → Sanctions over chemical weapons" in refusal
    stored = Resolution.objects.get(pk=record.pk)
    assert stored.title == "Sanctions over chemical weapons"
    assert stored.agenda_item == "The situation in the Middle East"

    # Opened again, B's form is up to date and saves, A's title kept.
    response = b.post(change_url(record), {**opened(b, record), "agenda_item": "Non-proliferation"})
    assert response.status_code == 302, errors_of(response)
    stored = Resolution.objects.get(pk=record.pk)
    assert (stored.title, stored.agenda_item) == (
        "Sanctions over chemical weapons",
        "Non-proliferation",
    )


def test_a_review_flag_and_reason_are_not_wiped_by_a_stale_form(two_editors, record):
    a, b = two_editors
    form_a, form_b = opened(a, record), opened(b, record)
    flag = {"review_status": "needs_review", "review_reasons": "press release disagrees: check"}
    assert a.post(change_url(record), {**form_a, **flag}).status_code == 302

    response = b.post(change_url(record), {**form_b, "agenda_item": "Non-proliferation"})
    refusal = errors_of(response)
    assert "review status: Checked → Needs review" in refusal
    assert "review reasons: — → press release disagrees: check" in refusal
    stored = Resolution.objects.get(pk=record.pk)
    assert stored.needs_review
    assert stored.review_reasons == "press release disagrees: check"


def test_a_members_vote_changed_meanwhile_is_not_overwritten(two_editors, record):
    a, b = two_editors
    form_a, form_b = opened(a, record), opened(b, record)
    row = next(k for k, v in form_a.items() if k.endswith("-member") and v == "BOL")
    position = row.replace("-member", "-position")
    # A corrects Bolivia's vote (and the tally follows); B, from the old form,
    # would put it back.
    tally = {"votes_for": "", "votes_against": "", "votes_abstain": "", "outcome": ""}
    response = a.post(change_url(record), {**form_a, **tally, position: "abstain"})
    assert response.status_code == 302, errors_of(response)
    response = b.post(change_url(record), {**form_b, "title": "Another title"})
    assert response.status_code == 200
    refusal = html.unescape(errors_of(response))
    assert "Bolivia (Plurinational State of)'s vote: Against → Abstain" in refusal
    stored = Resolution.objects.get(pk=record.pk)
    assert stored.votes.get(member_id="BOL").position == "abstain"
    assert stored.title == "Chemical weapons in Syria"


def test_a_review_action_raises_the_version(two_editors, record):
    a, b = two_editors
    record.review_status, record.review_reasons = "needs_review", "a reason"
    record.save()
    form_b = opened(b, record)
    action = {"action": "mark_checked", "_selected_action": [record.pk]}
    assert a.post(LIST_URL, action).status_code == 302
    assert not Resolution.objects.get(pk=record.pk).needs_review

    response = b.post(change_url(record), {**form_b, "title": "Another title"})
    assert "a review action" in errors_of(response)
    assert Resolution.objects.get(pk=record.pk).title == "Chemical weapons in Syria"


def test_an_import_raises_the_version_of_what_it_changes(two_editors, tmp_path):
    a, _ = two_editors
    rows = community_rows(
        "1", "2018-04-10", "", "S/2018/901", "Not adopted - veto", veto_positions()
    )
    call_command(
        "import_votes", str(write_community(tmp_path / "first.csv", rows)), "--no-progress",
        stdout=io.StringIO(),
    )  # fmt: skip
    record = Resolution.objects.get(draft_symbol="S/2018/901")
    form = opened(a, record)
    changed = [
        [*row[:10], "Abstain" if row[11].startswith("Bolivia") else row[10], *row[11:]]
        for row in rows
    ]
    call_command(
        "import_votes", str(write_community(tmp_path / "second.csv", changed)), "--no-progress",
        stdout=io.StringIO(),
    )  # fmt: skip
    assert Resolution.objects.get(pk=record.pk).version == record.version + 1

    response = a.post(change_url(record), {**form, "title": "Another title"})
    assert "an import" in errors_of(response)
    assert Resolution.objects.get(pk=record.pk).title != "Another title"


def test_an_import_racing_an_editor_is_refused_whole(record, tmp_path):
    """The import reads the record, an editor saves it, the import writes: the
    file is refused, the editor's save kept."""
    reconciler = Reconciler()
    editor_copy = Resolution.objects.get(pk=record.pk)
    editor_copy.title = "Saved by an editor meanwhile"
    editor_copy.save()
    rows = [
        [*row[:4], "S/2017/172", *row[5:]]
        for row in community_rows(
            "1", "2017-02-28", "", "S/2017/172", "Not adopted - veto",
            [(n, "Abstain") for n in ("Bolivia", "China")],
        )
    ]  # fmt: skip
    path = write_community(tmp_path / "late.csv", rows)
    from resolutions.importers import voting_agent

    with pytest.raises(StaleRecord), transaction.atomic():
        summary, touched = reconciler.merge_file(voting_agent.read(path))
        reconciler.save(touched, summary)
    assert Resolution.objects.get(pk=record.pk).title == "Saved by an editor meanwhile"


def test_two_copies_of_one_record_cannot_both_be_saved(record):
    first, second = Resolution.objects.get(pk=record.pk), Resolution.objects.get(pk=record.pk)
    first.title = "First"
    first.save()
    second.title = "Second"
    with pytest.raises(StaleRecord), transaction.atomic():
        second.save()
    assert Resolution.objects.get(pk=record.pk).title == "First"
    assert second.version == first.version - 1  # left as read, for a clear retry


def test_the_command_names_a_record_changed_while_it_ran(monkeypatch, record, tmp_path):
    """import_votes turns the refusal into a failed file, named, nothing stored."""
    from resolutions.importers.reconcile import writing

    def raced(states):
        raise StaleRecord(record, record.version)

    monkeypatch.setattr(writing.Writing, "take_versions", staticmethod(raced))
    rows = community_rows(
        "1", "2018-04-10", "", "S/2018/901", "Not adopted - veto", veto_positions()
    )
    path = write_community(tmp_path / "raced.csv", rows)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_votes", str(path), "--no-progress", stdout=io.StringIO(), stderr=err)
    assert "raced.csv" in err.getvalue() and "import the file again" in err.getvalue()
    assert not Resolution.objects.filter(draft_symbol="S/2018/901").exists()


def test_an_article_attached_raises_the_version(two_editors, record):
    """An editor attaches a news article to the record (Add from article, then
    "attach"); a form opened before it is refused, naming the article, and the
    new source is not lost."""
    from test_admin_article import FROM_ARTICLE, paste

    a, b = two_editors
    form_b = opened(b, record)
    response = paste(a)
    assert [m["record"] for m in response.context["matches"]] == [record]
    attached = a.post(FROM_ARTICLE, {"attach": record.pk, "article": response.context["token"]})
    assert attached.status_code == 302
    assert Resolution.objects.get(pk=record.pk).version == record.version + 1

    response = b.post(change_url(record), {**form_b, "title": "Another title"})
    assert response.status_code == 200
    assert "an article attached" in errors_of(response)
    stored = Resolution.objects.get(pk=record.pk)
    assert stored.title == "Chemical weapons in Syria"
    assert stored.sources.filter(url="https://news.example.org/sanctions-veto").exists()
