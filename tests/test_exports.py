"""The downloads: stable documented columns, UTF-8 with the header first, ISO
dates, formulas neutralised, and the reference case exactly as the record has it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from factories import council, member, resolution

from resolutions.exports import RESOLUTION_COLUMNS, VOTE_COLUMNS, neutralise
from resolutions.models import Resolution
from resolutions.rules import Outcome, Position

README = Path(__file__).resolve().parents[1] / "README.md"

# DOMAIN.md's reference case: draft S/2017/315, vetoed by the Russian Federation.
REFERENCE_POSITIONS = {
    **dict.fromkeys(["EGY", "FRA", "ITA", "JPN", "SEN", "SWE", "UKR", "GBR", "USA", "URY"], "for"),
    "BOL": "against",
    "RUS": "veto",
    **dict.fromkeys(["CHN", "ETH", "KAZ"], "abstain"),
}
VOTE_CSVS = ["/export/votes.csv", "/resolutions/s-2017-315/votes.csv", "/members/rus/votes.csv"]


def raw(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def rows_of(response_or_bytes) -> list[dict[str, str]]:
    content = response_or_bytes if isinstance(response_or_bytes, bytes) else raw(response_or_bytes)
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


@pytest.mark.django_db
def test_the_whole_record_holds_the_reference_case_exactly(client):
    response = client.get("/export/votes.csv")
    assert response.streaming
    reference = [row for row in rows_of(response) if row["draft_symbol"] == "S/2017/315"]
    assert len(reference) == 15
    assert {row["member_code"]: row["position"] for row in reference} == REFERENCE_POSITIONS
    first = reference[0]
    assert first["date"] == "2017-04-12"
    assert first["meeting"] == "S/PV.7922"
    assert first["outcome"] == "vetoed"
    assert first["resolution_symbol"] == ""
    permanent = {row["member_code"] for row in reference if row["permanent"] == "true"}
    assert permanent == {"CHN", "FRA", "GBR", "RUS", "USA"}
    names = {row["member_code"]: row["member_name"] for row in reference}
    assert names["RUS"] == "Russian Federation"


@pytest.mark.django_db
@pytest.mark.parametrize("url", VOTE_CSVS)
def test_every_votes_csv_has_the_same_columns_and_the_header_first(client, url):
    response = client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    content = raw(response)
    assert not content.startswith(b"\xef\xbb\xbf")  # no byte-order mark
    assert content.decode("utf-8").splitlines()[0] == ",".join(VOTE_COLUMNS)
    rows = rows_of(content)
    assert rows
    for row in rows:
        dt.date.fromisoformat(row["date"])
        assert row["position"] in {"for", "against", "abstain", "veto", "non_voting"}
        assert row["outcome"] in {"adopted", "failed", "vetoed"}
        assert row["permanent"] in {"true", "false"}


@pytest.mark.django_db
def test_a_vote_csv_holds_that_vote_and_a_member_csv_that_member(client):
    vote = rows_of(client.get("/resolutions/s-2017-315/votes.csv"))
    assert {row["member_code"]: row["position"] for row in vote} == REFERENCE_POSITIONS
    russia = rows_of(client.get("/members/rus/votes.csv?position=veto"))
    assert russia and {row["member_code"] for row in russia} == {"RUS"}
    assert {row["position"] for row in russia} == {"veto"}


@pytest.mark.django_db
def test_a_day_s_resolutions_come_before_its_drafts_not_adopted_on_either_database(client):
    """The votes export's order is the same on SQLite and PostgreSQL, which sort a
    missing resolution number at opposite ends unless told."""
    members = council("Q")
    on = dt.date(2093, 5, 6)
    resolution(on=on, draft_symbol="S/2093/1", positions={"veto": members[:1], "for": members[1:]})
    resolution(on=on, draft_symbol="S/2093/2", resolution_number=9301, positions={"for": members})
    resolution(on=on, draft_symbol="S/2093/3", resolution_number=9300, positions={"for": members})
    rows = rows_of(client.get("/export/votes.csv"))
    that_day = list(dict.fromkeys(row["draft_symbol"] for row in rows if row["date"] == str(on)))
    assert that_day == ["S/2093/3", "S/2093/2", "S/2093/1"]


@pytest.mark.django_db
def test_resolutions_csv_columns_and_vetoed_by(client):
    content = raw(client.get("/resolutions.csv?outcome=vetoed"))
    lines = content.decode("utf-8").splitlines()
    assert lines[0] == ",".join(RESOLUTION_COLUMNS)
    rows = rows_of(content)
    assert len(rows) == Resolution.objects.filter(outcome=Outcome.VETOED).count()
    reference = next(row for row in rows if row["draft_symbol"] == "S/2017/315")
    assert (reference["for"], reference["against"], reference["abstain"]) == ("10", "2", "3")
    assert reference["non_voting"] == "0"
    assert reference["vetoed_by"] == "RUS"
    assert reference["procedural"] == "false"
    assert reference["review_status"] == "ok"
    double = [row for row in rows if ";" in row["vetoed_by"]]
    assert double, "the bundled data holds a double veto"
    for row in double:
        codes = row["vetoed_by"].split(";")
        assert codes == sorted(codes) and len(codes) == len(set(codes))


@pytest.mark.django_db
def test_json_export_has_the_same_fields(client):
    data = json.loads(raw(client.get("/resolutions.json?q=S/2017/315")))
    assert data["columns"] == RESOLUTION_COLUMNS
    (row,) = data["results"]
    assert list(row) == RESOLUTION_COLUMNS
    assert row["vetoed_by"] == ["RUS"]
    assert row["for"] == 10 and row["procedural"] is False


@pytest.mark.parametrize(
    "value, cell",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Draft on Syria", "Draft on Syria"),
        (dt.date(2017, 4, 12), "2017-04-12"),
        (True, "true"),
        (None, ""),
        (10, "10"),
    ],
)
def test_cells_are_neutralised(value, cell):
    assert neutralise(value) == cell


@pytest.mark.django_db
def test_a_formula_in_a_title_is_not_live_in_any_csv(client):
    a, b = member("QFA", permanent=True), member("QFB")
    record = resolution(
        on=dt.date(2998, 1, 1),
        draft_symbol="S/2998/1",
        title='=HYPERLINK("http://evil.example","click")',
        agenda_item="@SUM(1+1)",
        positions={Position.FOR: [a], Position.ABSTAIN: [b]},
        outcome=Outcome.FAILED,
    )
    for url in (f"{record.get_absolute_url()}votes.csv", "/resolutions.csv?q=S/2998/1"):
        rows = rows_of(client.get(url))
        assert rows
        for row in rows:
            assert row["title"] == "'" + record.title
            assert not any(value.startswith(("=", "+", "-", "@")) for value in row.values())


def test_the_readme_documents_every_column():
    text = README.read_text(encoding="utf-8")
    for column in {*RESOLUTION_COLUMNS, *VOTE_COLUMNS}:
        assert re.search(rf"^\| `{column}` \|", text, re.M), f"README: column {column}"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/resolutions.csv", "/resolutions.json", "/export/votes.csv"])
def test_the_long_exports_are_streamed_in_constant_memory(client, url, monkeypatch):
    """Read a few rows at a time: ten times the record takes about the memory
    of one (an export held whole would take ten times as much)."""
    import tracemalloc

    from factories import council, many_votes

    from resolutions import exports

    monkeypatch.setattr(exports, "CHUNK", 20)
    members = council("Q")

    def peak() -> int:
        tracemalloc.start()
        response = client.get(url)
        assert response.streaming and response.status_code == 200
        size = sum(len(chunk) for chunk in response.streaming_content)
        _, highest = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return highest, size

    many_votes(60, members)
    small, small_size = peak()
    many_votes(600, members, start_year=2200)
    large, large_size = peak()
    assert large_size > 3 * small_size
    assert large < 2.5 * small
