"""A bundled vote an editor deleted stays deleted, and a vote on record however it
was entered (the same symbol, or the same meeting and date) is never loaded or
imported a second time. The real case: the bundled S/2017/315 deleted and entered
again by an editor must not be shown twice nor count Russia's 2017 veto twice."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from resolutions.models import DeletedVote, Resolution, Vote
from resolutions.rules import Position

KHAN_SHAYKHUN = {  # DOMAIN.md's reference case
    "for": ["EGY", "FRA", "ITA", "JPN", "SEN", "SWE", "UKR", "GBR", "USA", "URY"],
    "against": ["BOL"],
    "veto": ["RUS"],
    "abstain": ["CHN", "ETH", "KAZ"],
}
VETO_LIST = """<html><body><h1>Security Council - Veto List</h1><table>
<tr><th>Date</th><th>Draft</th><th>Meeting</th><th>Agenda item</th><th>Permanent member</th></tr>
<tr><td>12 April 2017</td><td>S/2017/315</td><td>S/PV.7922</td><td>Middle East</td>
<td>Russian Federation</td></tr>
</table></body></html>"""


def load() -> str:
    out = io.StringIO()
    call_command("load_bundled", stdout=out)
    return out.getvalue()


def delete_in_admin(client, resolution: Resolution) -> None:
    url = reverse("admin:resolutions_resolution_delete", args=[resolution.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302, response.content[:500]
    assert not Resolution.objects.filter(pk=resolution.pk).exists()


def enter_as_editor(**fields) -> Resolution:
    """The Khan Shaykhun vote as an editor enters it."""
    values = {"date": dt.date(2017, 4, 12), "meeting": "S/PV.7922", "outcome": "vetoed",
              "votes_for": 10, "votes_against": 2, "votes_abstain": 3,
              "origin": Resolution.Origin.EDITOR, **fields}  # fmt: skip
    record = Resolution.objects.create(**values)
    Vote.objects.bulk_create(
        Vote(resolution=record, member_id=code, position=position)
        for position, codes in KHAN_SHAYKHUN.items()
        for code in codes
    )
    return record


def russian_vetoes_2017_04_12() -> int:
    return Vote.objects.filter(
        member_id="RUS", position=Position.VETO, resolution__date=dt.date(2017, 4, 12)
    ).count()


@pytest.mark.django_db
def test_a_bundled_vote_deleted_in_the_admin_is_not_loaded_again(admin_client):
    bundled = Resolution.objects.get(draft_symbol="S/2017/315")
    assert bundled.origin == Resolution.Origin.BUNDLED
    delete_in_admin(admin_client, bundled)
    tombstone = DeletedVote.objects.get()
    assert (tombstone.slug, tombstone.meeting, tombstone.deleted_by) == (
        "s-2017-315",
        "S/PV.7922",
        "admin",
    )
    output = load()
    assert "1 bundled vote(s) deleted by an editor were not loaded again" in output
    assert "Nothing changed." in output
    assert not Resolution.objects.filter(draft_symbol="S/2017/315").exists()
    # Deleting the tombstone (admin: Deleted bundled votes) brings it back.
    tombstone.delete()
    assert "votes: 1 created" in load()
    assert Resolution.objects.get(draft_symbol="S/2017/315").origin == Resolution.Origin.BUNDLED


@pytest.mark.django_db
def test_deleting_an_editors_record_leaves_no_tombstone(admin_client):
    record = enter_as_editor(draft_symbol="S/2017/999", meeting="S/PV.9999")
    delete_in_admin(admin_client, record)
    assert not DeletedVote.objects.exists()


@pytest.mark.parametrize(
    "entered",
    [
        {"draft_symbol": "S/2017/315"},  # the same symbol
        {},  # no symbol: the same meeting and date
    ],
)
@pytest.mark.django_db
def test_an_editors_record_of_the_deleted_vote_is_the_only_one(
    admin_client, client, tmp_path, entered
):
    delete_in_admin(admin_client, Resolution.objects.get(draft_symbol="S/2017/315"))
    editor = enter_as_editor(**entered)
    # Neither the loader nor an import of the veto list adds a second record.
    load()
    veto_list = tmp_path / "scact_veto_table_en.html"
    veto_list.write_text(VETO_LIST, encoding="utf-8")
    call_command("import_votes", str(veto_list), "--no-progress", stdout=io.StringIO())
    assert list(Resolution.objects.filter(date=dt.date(2017, 4, 12))) == [editor]
    assert russian_vetoes_2017_04_12() == 1
    # The list of Russia's 2017 vetoes shows the vote once.
    export = client.get("/resolutions.csv?member=RUS&position=veto&year=2017")
    listed = b"".join(export.streaming_content).decode()
    assert sum("2017-04-12" in line for line in listed.splitlines()) == 1


@pytest.mark.django_db
def test_the_loader_does_not_double_a_vote_an_editor_entered_by_its_meeting():
    """A database where an editor entered the vote before the bundled data came
    (no tombstone): the bundled vote is recognised by its meeting and date."""
    bundled = Resolution.objects.get(draft_symbol="S/2017/315")
    Resolution.objects.filter(pk=bundled.pk).delete()  # not through the admin
    editor = enter_as_editor()
    output = load()
    assert "differ from the bundled file" in output and "Vote of 2017-04-12" in output
    assert list(Resolution.objects.filter(date=dt.date(2017, 4, 12))) == [editor]
    assert russian_vetoes_2017_04_12() == 1


@pytest.mark.django_db
def test_another_vote_of_the_same_meeting_is_not_taken_for_it():
    """Two drafts voted at one meeting are two votes: a record with another symbol at
    the bundled vote's meeting does not stop it from loading."""
    bundled = Resolution.objects.get(draft_symbol="S/2017/315")
    Resolution.objects.filter(pk=bundled.pk).delete()
    enter_as_editor(draft_symbol="S/2017/316")
    assert "votes: 1 created" in load()
    assert Resolution.objects.filter(meeting="S/PV.7922").count() == 2
