"""import_votes --format wpdl-vetoes (the second veto list) on rows written here:
its rows read as found, a veto confirmed and cited, the library's veto list
followed where a source names fewer of the vetoing members, and a real
disagreement flagged."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError
from test_importers import run
from test_settling import library_page, veto_list

from resolutions import reviews
from resolutions.importers import detect_format, wpdl_vetoes
from resolutions.models import Resolution
from resolutions.rules import Outcome, Position

pytestmark = pytest.mark.django_db

# The list's header, as found.
HEADER = [
    "year", "date", "month", "draft", "meeting_record", "agenda_item", "crisis_topic",
    "region", "member_veto1", "member_veto2", "member_veto3", "single_veto",
    "multiple_vetoes", "China", "France", "Russia", "USSR", "USA", "UK", "russia_china",
    "usa_uk", "usa_france", "usa_france_uk", "france_uk",
]  # fmt: skip


def wpdl(tmp_path: Path, rows: list[tuple[str, str, str, list[str]]]) -> Path:
    """The second veto list: (m/d/yyyy, draft, meeting record, vetoing members)."""
    path = tmp_path / "unsc_vetoes.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for day, draft, meeting, who in rows:
            members = [*who, "", "", ""][:3]
            writer.writerow([day[-4:], day, day.split("/")[0], draft, meeting, "Topic", "", "",
                             *members, *["0"] * 13])  # fmt: skip
    return path


def vetoes_of(record: Resolution) -> set[str]:
    return set(record.votes.filter(position=Position.VETO).values_list("member_id", flat=True))


def test_rows_are_read_as_the_list_writes_them(tmp_path):
    path = wpdl(tmp_path, [
        ("3/29/1954", "S/3188/Corr.1", "S/PV.664", ["USSR"]),
        ("10/30/1956", "S/3710 (as amended)", "S/PV.749", ["France", "UK"]),
        ("8/19/1947", "S/471 and S/471/Add.1", "S/PV.188", ["USSR"]),
        ("5/24/1948", "S/PV.3038", "S/PV.303", ["USSR"]),
        ("7/10/2020", "S/2020/667", "S/2020/693\nS/2020/681", ["Russia", "China"]),
    ])  # fmt: skip
    assert detect_format(path) == "wpdl-vetoes"
    entries = wpdl_vetoes.read(path)
    assert [(e.date.isoformat(), e.draft_symbol, e.meeting, e.vetoed_by) for e in entries] == [
        ("1954-03-29", "S/3188/Corr.1", "", ["USSR"]),
        ("1956-10-30", "S/3710", "", ["France", "UK"]),
        ("1947-08-19", "S/471", "", ["USSR"]),
        # The draft column's typo: the meeting column is read.
        ("1948-05-24", "", "S/PV.303", ["USSR"]),
        ("2020-07-10", "S/2020/667", "", ["Russia", "China"]),
    ]
    assert all(e.outcome == Outcome.VETOED for e in entries)
    assert [e.line for e in entries] == [2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("row", "says"),
    [
        (("1962-06-22", "S/5134", "S/PV.1016", ["USSR"]), "date '1962-06-22' is not m/d/yyyy"),
        (("6/22/1962", "S/5134", "S/PV.1016", []), "no member named as casting the veto"),
        (("6/22/1962", "", "", ["USSR"]), "neither a draft symbol nor a meeting record"),
    ],
)
def test_a_bad_row_is_refused_naming_its_line(tmp_path, row, says):
    path = wpdl(tmp_path, [("6/21/1962", "S/5133", "S/PV.1015", ["USSR"]), row])
    with pytest.raises(CommandError) as error:
        run(path, fmt="wpdl-vetoes")
    assert f"unsc_vetoes.csv:3: {says}" in str(error.value)
    assert not Resolution.objects.filter(draft_symbol__in=["S/5133", "S/5134"]).exists()


def test_the_second_list_confirms_a_veto_and_is_cited_without_moving_the_date(tmp_path):
    # The meeting ran over two days: the second list gives the last.
    page = library_page(tmp_path, 1962, [
        ("S/PV.1016", "22 June", "Draft resolution S/5134 vetoed by USSR 7-2-2"),
    ])  # fmt: skip
    second = wpdl(tmp_path, [("6/23/1962", "S/5134", "S/PV.1016", ["USSR"])])
    run(page, second)
    record = Resolution.objects.get(draft_symbol="S/5134")
    assert (record.date.isoformat(), record.outcome, vetoes_of(record)) == (
        "1962-06-22",
        Outcome.VETOED,
        {"SUN"},
    )
    assert not record.needs_review, record.review_reasons
    assert "the second veto list (wpdl) gives 1962-06-23" in record.settled
    assert record.sources.filter(url__contains="world-politics-datalab").exists()
    assert "Nothing changed." in run(page, second)


def test_the_veto_list_is_followed_where_the_others_name_fewer_vetoing_members(tmp_path):
    # The page and the second list name the USSR alone; the veto list France too.
    page = library_page(tmp_path, 1950, [
        ("S/PV.480", "6 June", "Draft resolution S/PV.480 vetoed by USSR"),
    ])  # fmt: skip
    vetoes = veto_list(tmp_path, [("06 June 1950", "S/PV.480", "S/PV.480", "France, USSR")])
    second = wpdl(tmp_path, [("6/6/1950", "S/PV.480", "S/PV.480", ["USSR"])])
    run(page, vetoes, second)
    record = Resolution.objects.get(meeting="S/PV.480")
    assert vetoes_of(record) == {"FRA", "SUN"}
    assert "veto mismatch" not in reviews.categories(record.review_reasons)
    settled = record.settled.splitlines()
    assert len(settled) == 2 and all("the record follows the veto list" in s for s in settled)
    assert "Nothing changed." in run(page, vetoes, second)


def test_lists_naming_different_members_are_flagged(tmp_path):
    page = library_page(tmp_path, 1950, [
        ("S/PV.480", "6 June", "Draft resolution S/PV.480 vetoed by USSR"),
    ])  # fmt: skip
    vetoes = veto_list(tmp_path, [("06 June 1950", "S/PV.480", "S/PV.480", "USSR")])
    second = wpdl(tmp_path, [("6/6/1950", "S/PV.480", "S/PV.480", ["France"])])
    run(page, vetoes, second)
    record = Resolution.objects.get(meeting="S/PV.480")
    assert record.needs_review and "veto mismatch" in reviews.categories(record.review_reasons)
    assert "FRA" not in vetoes_of(record)
