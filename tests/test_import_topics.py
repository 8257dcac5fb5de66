"""import_votes on small files of our own: the community table's Topic, Region,
Category and "Submitted by" columns become topics and sponsors, the library's
agenda items of 1946-1993 topics through the mapping, notes are never titles,
and a second import changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from test_importers import run, seated_names, write_community

from resolutions.models import Resolution, Topic

PAGE_1960 = """<html><table class="tablefont">
<tr><th colspan="5" class="tbltitle">Meetings conducted by the Security Council in 1960</th></tr>
<tr><th>Meeting<br/>Record</th><th>Date</th><th>Press<br>Release</th><th>Topic</th>
<th>Security Council<br> Outcome / Vote</th></tr>
<tr><td>S/PV.901</td><td>4 May</td><td>SC/1</td><td>The situation in Cyprus</td>
<td>S/RES/990 (1960) 9-0-2</td></tr>
<tr><td>S/PV.902</td><td>5 May</td><td>SC/2</td><td>Travel allowances of the commissions</td>
<td>S/RES/991 (1960) 11-0-0</td></tr>
</table></html>
"""


def rows(vote_id, draft, topic, region, category, submitted, day="2018-10-04"):
    names = seated_names(day)
    return [
        ["2018", day, "", "9901", draft, "The situation in Freedonia", category, region,
         submitted, "Adopted unanimously", "Yes", name, vote_id, "", topic]
        for name in names.values()
    ]  # fmt: skip


@pytest.fixture
def table(tmp_path):
    return write_community(
        tmp_path / "votes.csv",
        rows(
            "1",
            "S/2018/951",
            "Middle East, inc. Palestinian question",
            "Middle East",
            "Country-specific",
            "Kuwait, the_x000D_\nSweden, President, Nowhere Land",
        )
        + rows("2", "Oral amendment 2", "", "Other", "Thematic", "-none-"),
    )


@pytest.mark.django_db
def test_community_columns_become_topics_and_sponsors(table):
    run(table)
    vote = Resolution.objects.get(draft_symbol="S/2018/951")
    assert {(t.kind, t.name) for t in vote.topics.all()} == {
        ("topic", "Middle East, incl. the Palestinian question"),
        ("region", "Middle East"),
        ("category", "Country/Region-specific"),
    }
    # The President and a name no member has are no sponsors.
    assert sorted(vote.sponsors.values_list("code", flat=True)) == ["KWT", "SWE"]
    assert vote.subject == "The situation in Freedonia"


@pytest.mark.django_db
def test_a_note_in_the_draft_column_is_no_title_and_the_subject_is_the_agenda(table):
    run(table)
    amendment = Resolution.objects.get(date="2018-10-04", draft_symbol="", meeting="S/PV.9901")
    assert amendment.title == ""
    assert amendment.subject == "The situation in Freedonia"
    assert [(t.kind, t.name) for t in amendment.topics.all()] == [("category", "Thematic")]
    assert not amendment.sponsors.exists()


@pytest.mark.django_db
def test_a_second_import_of_topics_and_sponsors_changes_nothing(table):
    run(table)
    links = sorted(Resolution.topics.through.objects.values_list("resolution_id", "topic_id"))
    output = run(table)
    assert "0 records created, 0 updated" in output
    assert "Nothing changed." in output
    assert sorted(Resolution.topics.through.objects.values_list("resolution_id", "topic_id")) == (
        links
    )
    assert Topic.objects.filter(kind="region", name="Middle East").count() == 1


@pytest.mark.django_db
def test_library_agenda_items_before_1994_become_topics_by_the_mapping(tmp_path):
    page = tmp_path / "scact1960_table_en.html"
    page.write_text(PAGE_1960, encoding="utf-8")
    run(page)
    cyprus = Resolution.objects.get(resolution_number=990)
    assert {(t.kind, t.name) for t in cyprus.topics.all()} == {
        ("topic", "Cyprus"),
        ("region", "Europe"),
    }
    other = Resolution.objects.get(resolution_number=991)
    # No topic the mapping knows: the agenda item is still its subject.
    assert not other.topics.exists()
    assert other.subject == "Travel allowances of the commissions"


@pytest.mark.django_db
def test_topic_slugs_are_unique_across_kinds(tmp_path):
    ids = Topic.ids_for({("topic", "Freedonia"), ("region", "Freedonia")})
    slugs = set(Topic.objects.filter(pk__in=ids.values()).values_list("slug", flat=True))
    assert slugs == {"freedonia", "freedonia-2"}


@pytest.mark.django_db
def test_bundled_votes_get_topics_from_their_title_or_agenda_item_once():
    reference = Resolution.objects.get(draft_symbol="S/2017/315")
    assert ("topic", "Middle East (Syria)") in {(t.kind, t.name) for t in reference.topics.all()}
    assert reference.subject == reference.title
    out = io.StringIO()
    call_command("load_bundled", stdout=out)
    assert "Nothing changed." in out.getvalue()
    # A database loaded before votes had topics gets them, and says so.
    reference.topics.clear()
    out = io.StringIO()
    call_command("load_bundled", stdout=out)
    assert "1 given their topics" in out.getvalue()
    assert reference.topics.filter(name="Middle East (Syria)").exists()
