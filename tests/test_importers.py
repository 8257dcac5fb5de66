"""import_votes on small files written here, each holding one of the faults the
real sources have (see DOMAIN.md): swapped dates, duplicate member rows, a member
not seated, unknown names, a tally that disagrees, a bad row, editor records."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from resolutions import reviews
from resolutions.exports import votes_csv
from resolutions.importers import dhl_meetings
from resolutions.importers.reconcile import Reconciler
from resolutions.models import MemberState, Resolution, Vote
from resolutions.rules import Outcome, Position

PAGE = """<html><table class="tablefont">
<tr><th colspan="5" class="tbltitle">Meetings conducted by the Security Council in 2018</th></tr>
<tr><th>Meeting<br/>Record</th><th>Date</th><th>Press<br>Release</th><th>Topic</th>
<th>Security Council<br> Outcome / Vote</th></tr>
<tr><td><a href="x">S/PV.9901</a></td><td>10 April</td><td>SC/1</td><td>Middle East</td>
<td>Draft resolution <a href="x">S/2018/901</a> vetoed by Russian Federation<br>12-2-1</td></tr>
<tr><th rowspan="2">S/PV.9900</th><th rowspan="2">5 March</th><td>SC/2</td><td>Topic A</td>
<td><a href="x">S/RES/2901 (2018)</a><br> 14-0-1</td></tr>
<tr><td>SC/3</td><td>Topic B</td><td><a href="x">S/RES/2902 (2018)</a> adopted unanimously</td></tr>
</table></html>
"""
COMMUNITY_HEADER = [
    "Year", "Date,", "Resolution", "Meeting", "Draft", "Agenda item", "Category", "Region",
    "Submitted by", "Outcome results", "Vote", "Member State", "ID", "Membership_Status", "Topic",
]  # fmt: skip


def seated_names(day: str) -> dict[str, str]:
    """Code -> the name the community table writes, for the members seated that day."""
    return dict(MemberState.objects.seated_on(day).values_list("code", "short_name"))


def community_rows(vote_id, date, resolution, draft, outcome, positions):
    return [
        ["2018", date, resolution, "9901", draft, "Topic", "", "", "", outcome, vote, name,
         vote_id, "", ""]
        for name, vote in positions
    ]  # fmt: skip


def write_community(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COMMUNITY_HEADER)
        writer.writerows(rows)
    return path


def veto_positions() -> list[tuple[str, str]]:
    """12-2-1 on 10 April 2018: Russia and Bolivia against, China abstaining."""
    names = seated_names("2018-04-10")
    special = {"RUS": "No", "BOL": "No", "CHN": "Abstain"}
    return [(name, special.get(code, "Yes")) for code, name in sorted(names.items())]


def run(*paths: Path, fmt: str = "auto") -> str:
    out = io.StringIO()
    call_command(
        "import_votes", "--format", fmt, *map(str, paths), "--no-progress", stdout=out,
        stderr=io.StringIO(),
    )  # fmt: skip
    return out.getvalue()


@pytest.fixture
def page(tmp_path) -> Path:
    path = tmp_path / "scact2018_table_en.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_library_page_gives_outcomes_tallies_and_vetoes(page):
    run(page, fmt="dhl-meetings")
    vetoed = Resolution.objects.get(draft_symbol="S/2018/901")
    assert (vetoed.date.isoformat(), vetoed.meeting) == ("2018-04-10", "S/PV.9901")
    assert (vetoed.outcome, str(vetoed.tally), vetoed.votes_recorded) == ("vetoed", "12-2-1", False)
    # A tally-only record keeps who vetoed it as their veto votes.
    assert list(vetoed.votes.values_list("member_id", "position")) == [("RUS", Position.VETO)]
    assert not vetoed.needs_review
    # Merged cells: the second resolution of meeting S/PV.9900 has its meeting and date.
    second = Resolution.objects.get(resolution_number=2902)
    assert (second.meeting, second.date.isoformat()) == ("S/PV.9900", "2018-03-05")
    # "adopted unanimously" without a tally: every member seated that day voted for.
    assert str(second.tally) == "15-0-0" and not second.needs_review
    assert "adopted unanimously" in second.settled


@pytest.mark.django_db
def test_community_date_swapped_is_corrected_from_the_library(page, tmp_path):
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-10-04", "", "S/2018/901", "Not adopted - veto", veto_positions()),
    )
    output = run(page, table)
    assert "1 swapped dates corrected" in output
    record = Resolution.objects.get(draft_symbol="S/2018/901")
    assert record.date.isoformat() == "2018-04-10"
    positions = dict(record.votes.values_list("member_id", "position"))
    assert len(positions) == 15
    assert positions["RUS"] == Position.VETO
    assert positions["BOL"] == Position.AGAINST
    assert record.votes_recorded and not record.needs_review, record.review_reasons


@pytest.mark.django_db
def test_faults_in_member_rows_are_flagged_never_invented(page, tmp_path):
    names = seated_names("2018-03-05")
    rows = [(name, "Yes") for code, name in sorted(names.items()) if code not in ("ETH", "SWE")]
    rows += [
        ("Ethipia", "Yes"),  # a typo of a seated member: resolved
        ("France", "Yes"),  # a member twice
        ("Japan", "Yes"),  # not seated in 2018
        ("Atlantis", "Yes"),  # no such member state
    ]  # Sweden missing: 14 votes counted against the library's 14-0-1
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("7", "2018-03-05", "2901 (2018)", "S/2018/150", "Adopted by majority", rows),
    )
    members_before = MemberState.objects.count()
    run(page, table)
    record = Resolution.objects.get(resolution_number=2901)
    assert record.needs_review
    categories = reviews.categories(record.review_reasons)
    assert {"member twice", "not seated", "unknown name", "missing member", "tally mismatch"} <= (
        categories
    )
    assert "Atlantis" in record.review_reasons
    positions = dict(record.votes.values_list("member_id", "position"))
    assert positions["ETH"] == Position.FOR
    assert "JPN" not in positions and "SWE" not in positions
    assert str(record.tally) == "14-0-1"  # the library's tally stands
    assert MemberState.objects.count() == members_before


@pytest.mark.django_db
def test_bad_row_names_file_and_line_and_stores_nothing(tmp_path):
    rows = community_rows(
        "1", "2018-04-10", "", "S/2018/901", "Not adopted - veto", veto_positions()
    )
    rows[2][10] = "Maybe"
    table = write_community(tmp_path / "broken.csv", rows)
    before = Resolution.objects.count()
    with pytest.raises(CommandError) as error:
        run(table)
    assert "broken.csv:4" in str(error.value)
    assert "Vote 'Maybe'" in str(error.value)
    assert Resolution.objects.count() == before


@pytest.mark.django_db
def test_second_import_changes_nothing_and_says_so(page, tmp_path):
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-10-04", "", "S/2018/901", "Not adopted - veto", veto_positions()),
    )
    run(page, table)
    stored = list(Resolution.objects.values())
    votes = list(Vote.objects.values())
    output = run(page, table)
    assert "0 records created, 0 updated" in output
    assert "Nothing changed." in output
    assert list(Resolution.objects.values()) == stored
    assert list(Vote.objects.values()) == votes


def review_counts(output: str) -> dict[str, int]:
    """The closing summary's "  <reason>: <n>" lines."""
    lines = (
        output.split("need review, by reason")[1].splitlines()[1:] if "by reason" in output else []
    )
    return {line.strip().rsplit(": ", 1)[0]: int(line.rsplit(": ", 1)[1]) for line in lines}


@pytest.mark.django_db
def test_a_repeat_import_reports_no_corrections_and_counts_each_record_once(page, tmp_path):
    """Records read from the library's page and the community table are counted
    once by review reason, in every run; a swapped date is counted as corrected
    only in the run that stores the corrected vote, not when it is read again."""
    names = seated_names("2018-03-05")
    # Two members missing against the library's 14-0-1: who abstained is not known.
    faulty = [(name, "Yes") for code, name in sorted(names.items()) if code not in ("SWE", "NLD")]
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-10-04", "", "S/2018/901", "Not adopted - veto", veto_positions())
        + community_rows("7", "2018-03-05", "2901 (2018)", "", "Adopted by majority", faulty),
    )
    first = run(page, table)
    assert "1 swapped dates corrected" in first
    assert "corrected from the library: 1." in first
    in_record = {}
    for record in Resolution.objects.needing_review():
        for category in reviews.categories(record.review_reasons):
            in_record[category] = in_record.get(category, 0) + 1
    assert in_record.get("missing member") == 1
    assert review_counts(first) == in_record
    again = run(page, table)
    assert "Nothing changed." in again
    assert "swapped dates corrected" not in again
    assert "Community-table dates" not in again
    assert review_counts(again) == in_record


def editor_record(**fields) -> Resolution:
    """An editor's tally-only record of S/2018/901 that disagrees with the page
    (11-2-2 where the page gives 12-2-1)."""
    values = {
        "draft_symbol": "S/2018/901",
        "date": "2018-04-10",
        "meeting": "S/PV.9901",
        "votes_for": 11,
        "votes_against": 2,
        "votes_abstain": 2,
        "votes_recorded": False,
        "outcome": Outcome.VETOED,
        "origin": Resolution.Origin.EDITOR,
        **fields,
    }
    return Resolution.objects.create(**values)


@pytest.mark.django_db
def test_editor_records_are_never_overwritten(page):
    editor = editor_record()
    run(page)
    editor.refresh_from_db()
    assert str(editor.tally) == "11-2-2"
    assert not editor.votes.exists()
    assert editor.needs_review
    assert "editor record differs: tally: the library gives 12-2-1" in editor.review_reasons


@pytest.mark.django_db
def test_an_editors_change_made_while_an_import_runs_is_kept(page):
    editor = editor_record(title="As first entered")
    # The import reads the record, then an editor saves a change to it, then the
    # import merges the library's page and writes (as import_votes does).
    reconciler = Reconciler()
    Resolution.objects.filter(pk=editor.pk).update(
        title="Corrected by the editor", agenda_item="The situation in the Middle East"
    )
    entries = dhl_meetings.read(page)
    with transaction.atomic():
        summary, touched = reconciler.merge_file(entries)
        reconciler.save(touched, summary)
    editor.refresh_from_db()
    assert (editor.title, editor.agenda_item) == (
        "Corrected by the editor",
        "The situation in the Middle East",
    )
    assert str(editor.tally) == "11-2-2"
    assert editor.needs_review
    assert "editor record differs: tally: the library gives 12-2-1" in editor.review_reasons


@pytest.mark.django_db
def test_auto_reads_a_folder_and_skips_other_files(page, tmp_path):
    (tmp_path / "README.md").write_text("Saved pages of the library.\n", encoding="utf-8")
    output = run(tmp_path)
    assert "Skipped" in output and "README.md" in output
    assert Resolution.objects.filter(draft_symbol="S/2018/901").exists()


@pytest.mark.django_db
def test_csv_export_import_export_gives_the_same_bytes(page, tmp_path):
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-10-04", "", "S/2018/901", "Not adopted - veto", veto_positions()),
    )
    run(page, table)
    exported = votes_csv(Vote.objects.all(), "votes.csv").content
    export_file = tmp_path / "export.csv"
    export_file.write_bytes(exported)
    Resolution.objects.all().delete()
    run(export_file, fmt="csv")
    assert votes_csv(Vote.objects.all(), "votes.csv").content == exported


def facts_by_vote() -> dict[tuple, dict]:
    """The facts a round trip must keep, per vote, for the votes whose members'
    votes are all on record (those the votes CSV carries in full)."""
    facts = {}
    for record in Resolution.objects.all():
        votes = dict(record.votes.values_list("member_id", "position"))
        if not record.votes_recorded or len(votes) != record.seats:
            continue
        key = (record.resolution_number, record.draft_symbol, record.date, record.meeting)
        facts[key] = {
            "procedural": record.procedural,
            "outcome": record.outcome,
            "tally": str(record.tally),
            "review_status": record.review_status,
            "votes": votes,
        }
    return facts


@pytest.mark.django_db
def test_csv_round_trip_of_the_bundled_data_keeps_every_vote_s_facts(tmp_path):
    """The bundled record (procedural votes among them: res. 119 (1956), res. 2623
    (2022), S/PV.7353) exported, imported into an empty database and exported
    again: the same bytes, and every vote the same facts, field by field."""
    before = facts_by_vote()
    assert sum(f["procedural"] for f in before.values()) >= 3
    exported = votes_csv(Vote.objects.all(), "votes.csv").content
    export_file = tmp_path / "export.csv"
    export_file.write_bytes(exported)
    Resolution.objects.all().delete()
    run(export_file, fmt="csv")
    after = facts_by_vote()
    differences = [
        f"{key}: {name}: {facts[name]!r} -> {after.get(key, {}).get(name)!r}"
        for key, facts in before.items()
        for name in facts
        if after.get(key, {}).get(name) != facts[name]
    ]
    assert differences == []
    assert set(after) == set(before)
    assert votes_csv(Vote.objects.all(), "votes.csv").content == exported


@pytest.mark.django_db
def test_a_workbook_that_cannot_be_read_is_named(tmp_path):
    broken = tmp_path / "sc_voting.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    before = Resolution.objects.count()
    with pytest.raises(CommandError) as error:
        run(broken, fmt="voting-agent")
    assert "sc_voting.xlsx" in str(error.value)
    assert "cannot be read as a workbook" in str(error.value)
    assert Resolution.objects.count() == before


@pytest.mark.django_db
def test_a_truncated_workbook_found_by_auto_is_named_not_skipped(tmp_path):
    """The first bytes of the community workbook (a download cut short) beside a
    good table: the workbook is named as unreadable and the command fails, instead
    of "Skipped ...: not a format this command reads" and exit 0."""
    # An .xlsx is a zip archive: the first half of one, as a cut download leaves it.
    whole = tmp_path / "whole.xlsx"
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>' * 200)
        book.writestr("xl/worksheets/sheet1.xml", ",".join(COMMUNITY_HEADER) * 500)
    truncated = tmp_path / "sc_voting.xlsx"
    truncated.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    whole.unlink()
    write_community(
        tmp_path / "votes.csv",
        community_rows("7", "2018-03-05", "2901 (2018)", "S/2018/150", "Adopted", veto_positions()),
    )
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "import_votes", str(tmp_path), "--no-progress", stdout=out, stderr=io.StringIO()
        )
    assert "Skipped" not in out.getvalue()
    assert "sc_voting.xlsx" in str(error.value)
    assert "cannot be read as a workbook" in str(error.value)
    # Nothing from the workbook; the good table beside it is imported.
    assert not Resolution.objects.filter(draft_symbol="S/2018/901").exists()
    assert Resolution.objects.filter(resolution_number=2901).exists()


@pytest.mark.django_db
def test_members_votes_that_contradict_the_library_tally_are_left_out(page, tmp_path):
    # 14-1-0 in the table against the library's 12-2-1: some of these positions
    # are wrong, and the table does not say which.
    names = seated_names("2018-04-10")
    rows = [(name, "No" if code == "RUS" else "Yes") for code, name in sorted(names.items())]
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-10-04", "", "S/2018/901", "Not adopted - veto", rows),
    )
    run(page, table)
    record = Resolution.objects.get(draft_symbol="S/2018/901")
    assert (str(record.tally), record.votes_recorded) == ("12-2-1", False)
    # Only the veto the library names is kept; no other position is stored.
    assert list(record.votes.values_list("member_id", "position")) == [("RUS", Position.VETO)]
    assert record.needs_review
    assert "tally mismatch" in record.review_reasons and "are left out" in record.review_reasons
    run(page, table)  # and again: nothing changes
    assert list(record.votes.values_list("member_id", "position")) == [("RUS", Position.VETO)]


@pytest.mark.django_db
def test_a_symbol_the_table_gives_to_two_votes_never_makes_a_second_record(page, tmp_path):
    # The table gives S/2018/901 to another, failed vote first, then to the vetoed
    # vote the library records.
    names = seated_names("2018-04-10")
    other = [(name, "Yes" if code in ("RUS", "CHN") else "Abstain") for code, name in names.items()]
    rows = community_rows("2", "2018-09-07", "", "S/2018/901", "Not adopted - failed", other)
    rows += community_rows("1", "2018-10-04", "", "S/2018/901", "Not adopted - veto",
                           veto_positions())  # fmt: skip
    table = write_community(tmp_path / "votes.csv", rows)
    run(page)
    before = Resolution.objects.count()
    run(table)
    assert Resolution.objects.count() == before
    record = Resolution.objects.get(draft_symbol="S/2018/901")
    positions = dict(record.votes.values_list("member_id", "position"))
    assert len(positions) == 15 and positions["RUS"] == Position.VETO
    assert positions["CHN"] == Position.ABSTAIN
    assert "duplicate symbol" in record.review_reasons and "left out" in record.review_reasons


ONE_VOTE_PAGE = PAGE.replace(
    "</table>",
    """<tr><td>S/PV.9902</td><td>4 May</td><td>SC/4</td><td>Topic C</td>
<td><a href="x">S/RES/2903 (2018)</a> 15-0-0</td></tr></table>""",
)


@pytest.mark.django_db
def test_draft_symbol_and_resolution_number_of_one_vote_meet_by_meeting(tmp_path):
    """The library knows the vote of S/PV.9902 as S/RES/2903, the table as draft
    S/2018/399 with a swapped date and no resolution number: one vote, not two.
    An amendment the library does not list gets its meeting's date."""
    page = tmp_path / "scact2018_table_en.html"
    page.write_text(ONE_VOTE_PAGE, encoding="utf-8")
    yes = [(name, "Yes") for name in seated_names("2018-05-04").values()]
    rows = community_rows("5", "2018-04-05", "", "S/2018/399", "Adopted unanimously", yes)
    amendment = [(name, "Yes" if i < 4 else "No") for i, name in enumerate(sorted(
        seated_names("2018-05-04").values()))]  # fmt: skip
    rows += community_rows("6", "2018-04-05", "", "S/2018/399 amendment", "Not adopted - failed",
                           amendment)  # fmt: skip
    for row in rows:
        row[3] = "9902"
    table = write_community(tmp_path / "votes.csv", rows)
    output = run(page, table)
    assert "2 swapped dates corrected" in output
    at_meeting = Resolution.objects.filter(meeting="S/PV.9902").order_by("resolution_number")
    assert len(at_meeting) == 2
    adopted, failed = (
        at_meeting.filter(resolution_number=2903).get(),
        at_meeting.get(resolution_number=None),
    )
    assert (adopted.draft_symbol, adopted.date.isoformat()) == ("S/2018/399", "2018-05-04")
    assert adopted.votes.count() == 15 and not adopted.needs_review, adopted.review_reasons
    assert (failed.date.isoformat(), failed.outcome, str(failed.tally)) == (
        "2018-05-04",
        Outcome.FAILED,
        "4-11-0",
    )
    assert "date uncertain" not in failed.review_reasons


@pytest.mark.django_db
def test_resolution_and_draft_columns_swapped_by_the_table_are_read_right(tmp_path):
    """Res. 2779-2781 (2025): the table writes the resolution's symbol under Draft
    and the draft symbol (or nothing) under Resolution."""
    positions = [(name, "Yes") for name in seated_names("2025-06-05").values()]
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2025-06-05", "S/2025/360", "S/RES/2779(2025)", "Adopted", positions)
        + community_rows("2", "2025-06-05", "", "S/RES/2780 (2025)", "Adopted", positions),
    )
    run(table)
    first = Resolution.objects.get(resolution_number=2779)
    assert (first.draft_symbol, first.title) == ("S/2025/360", "")
    second = Resolution.objects.get(resolution_number=2780)
    assert (second.draft_symbol, second.title) == ("", "")
    assert not Resolution.objects.filter(title__startswith="S/RES/").exists()


@pytest.mark.django_db
def test_a_veto_on_a_draft_short_of_the_votes_is_not_stored(tmp_path):
    # The 1972 page says "S/10768 vetoed by USSR 3-3-9": with 3 votes in favour
    # the draft failed without a veto.
    page = tmp_path / "scact2018_table_en.html"
    page.write_text(PAGE.replace("vetoed by Russian Federation<br>12-2-1", "vetoed by Russian "
                    "Federation<br>3-3-9"), encoding="utf-8")  # fmt: skip
    run(page)
    run(page)
    record = Resolution.objects.get(draft_symbol="S/2018/901")
    assert (record.outcome, str(record.tally)) == (Outcome.FAILED, "3-3-9")
    assert list(record.votes.values_list("member_id", "position")) == [("RUS", Position.AGAINST)]
    assert record.needs_review and "short of the 9 needed" in record.review_reasons


@pytest.mark.django_db
def test_library_page_year_comes_from_its_title_not_a_users_file_name(tmp_path):
    # Saved under a name of the user's with four digits in it: the title's year.
    saved = tmp_path / "Meetings SC - saved 2024-05-01.html"
    saved.write_text(PAGE, encoding="utf-8")
    run(saved, fmt="dhl-meetings")
    stored = Resolution.objects.filter(meeting__in=["S/PV.9900", "S/PV.9901"])
    dates = sorted(str(day) for day in stored.values_list("date", flat=True))
    assert dates == ["2018-03-05", "2018-03-05", "2018-04-10"]


UNTITLED_PAGE = PAGE.replace("Meetings conducted by the Security Council in 2018", "Meetings")


@pytest.mark.django_db
def test_library_page_without_a_title_takes_the_year_of_the_librarys_name_only(tmp_path):
    saved = tmp_path / "Meetings SC - saved 2024-05-01.html"
    saved.write_text(UNTITLED_PAGE, encoding="utf-8")
    before = Resolution.objects.count()
    with pytest.raises(CommandError) as error:
        run(saved, fmt="dhl-meetings")
    assert "Meetings SC - saved 2024-05-01.html" in str(error.value)
    assert "no year" in str(error.value)
    assert Resolution.objects.count() == before
    library = tmp_path / "scact2018_table_en.html"
    library.write_text(UNTITLED_PAGE, encoding="utf-8")
    run(library, fmt="dhl-meetings")
    assert Resolution.objects.get(draft_symbol="S/2018/901").date.isoformat() == "2018-04-10"


@pytest.mark.django_db
def test_library_page_whose_title_and_name_disagree_is_refused_unless_its_symbols_decide(
    tmp_path,
):
    # Titled 2018, named as the library's page of 2017, no symbol with a year in it.
    undated = PAGE.replace("S/2018/901", "S/12901").split('<tr><th rowspan="2">')[0] + "</table>"
    page = tmp_path / "scact2017_table_en.html"
    page.write_text(undated, encoding="utf-8")
    before = Resolution.objects.count()
    with pytest.raises(CommandError) as error:
        run(page, fmt="dhl-meetings")
    assert "scact2017_table_en.html" in str(error.value)
    assert "2018" in str(error.value) and "2017" in str(error.value)
    assert Resolution.objects.count() == before
    # The library's page of 2020 votes in writing is titled 2021 by mistake: its
    # symbols are of 2020, and so are its votes.
    covid = tmp_path / "scact2020_covid_table_en.html"
    covid.write_text(PAGE.replace("2018", "2020").replace("in 2020", "in 2021"), encoding="utf-8")
    run(covid, fmt="dhl-meetings")
    assert Resolution.objects.get(draft_symbol="S/2020/901").date.isoformat() == "2020-04-10"
