"""Importers bounded: what a file holds beyond what can be read or stored is refused
with the file, the line and the limit named, before anything is unpacked whole or
written: a workbook declaring a huge part (a zip bomb), a CSV cell over the csv
module's limit, a NUL character or an over-long symbol, a library page whose table
cannot be read."""

from __future__ import annotations

import csv
import io
import struct
import time
import zipfile
from pathlib import Path

import pytest
from conftest import require_shared
from django.core.management import CommandError, call_command
from test_importers import community_rows, veto_positions, write_community

from resolutions.exports import VOTE_COLUMNS
from resolutions.importers import SourceError, detect_format, voting_agent
from resolutions.models import Resolution

pytestmark = pytest.mark.django_db

TWO_GB = 2 * 1024**3


def import_votes(*paths: Path, fmt: str = "auto") -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "import_votes", "--format", fmt, *map(str, paths), "--no-progress",
            stdout=out, stderr=err,
        )  # fmt: skip
    except CommandError as error:
        return "failed", err.getvalue() + str(error)
    return "ok", out.getvalue()


def workbook_declaring(path: Path, declared: int) -> Path:
    """A small workbook whose sheet declares `declared` bytes unpacked (as a zip
    bomb's does: a few megabytes packed, gigabytes unpacked)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet>" + "A" * 100_000)
    data = bytearray(buffer.getvalue())
    name = b"xl/worksheets/sheet1.xml"
    # The unpacked size in the member's local header and in the central directory.
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while True:
            start = data.index(signature, start)
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                data[start + size_at : start + size_at + 4] = struct.pack("<I", declared)
                break
            start += 4
    path.write_bytes(bytes(data))
    return path


def test_a_workbook_declaring_a_huge_part_is_refused_before_unpacking(tmp_path):
    bomb = workbook_declaring(tmp_path / "votes.xlsx", TWO_GB - 1)
    assert bomb.stat().st_size < 200_000
    started = time.perf_counter()
    with pytest.raises(SourceError) as refused:
        detect_format(bomb)
    assert time.perf_counter() - started < 1
    message = str(refused.value)
    assert "votes.xlsx" in message
    assert "xl/worksheets/sheet1.xml unpacks to 2,147,483,647 bytes" in message
    assert f"{voting_agent.MAX_WORKBOOK_MEMBER_BYTES:,}" in message

    status, said = import_votes(bomb)
    assert status == "failed" and "unpacks to 2,147,483,647 bytes" in said


def test_the_community_workbook_is_within_the_limits_and_still_read():
    workbook = require_shared(
        "data", "external", "voting-agent-sc-votes", "sc_voting_2025-07-03.xlsx"
    )
    voting_agent.check_workbook(workbook)
    assert detect_format(workbook) == "voting-agent"


def test_a_community_csv_cell_over_the_csv_limit_is_named_with_its_line(tmp_path):
    rows = community_rows(
        "1", "2018-04-10", "", "S/2018/901", "Not adopted - veto", veto_positions()
    )
    rows[3][5] = "x" * (csv.field_size_limit() + 1)  # the agenda item of line 5
    path = write_community(tmp_path / "table.csv", rows)
    status, said = import_votes(path, fmt="voting-agent")
    assert status == "failed"
    assert "table.csv:5: a cell is longer than 131,072 characters" in said
    assert not Resolution.objects.filter(draft_symbol="S/2018/901").exists()


def site_csv(path: Path, **cells) -> Path:
    """Our own votes CSV with one vote of two members' rows, cells as given."""
    row = {
        "resolution_symbol": "", "draft_symbol": "S/2018/902", "date": "2018-04-10",
        "meeting": "S/PV.9902", "title": "A draft", "outcome": "failed",
        "member_name": "", "permanent": "false", "position": "for", "vote_slug": "s-2018-902",
    }  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, VOTE_COLUMNS)
        writer.writeheader()
        for code in ("EGY", "SEN"):
            writer.writerow({**row, "member_code": code, **cells})
    return path


@pytest.mark.parametrize(
    ("cells", "said"),
    [
        ({"title": "A draft\x00 with a NUL"}, "votes.csv:2: the title holds a NUL character"),
        (
            {"draft_symbol": "S/2018/902" + "0" * 40},
            "votes.csv:2: the draft symbol 'S/2018/902",
        ),
        ({"meeting": "S/PV.9902\x00"}, "votes.csv:2: the meeting holds a NUL character"),
        ({"title": "x" * (csv.field_size_limit() + 5)}, "votes.csv:2: a cell is longer than"),
    ],
    ids=["nul-title", "long-draft", "nul-meeting", "huge-cell"],
)
def test_what_the_database_cannot_hold_is_refused_before_writing(tmp_path, cells, said):
    status, output = import_votes(site_csv(tmp_path / "votes.csv", **cells), fmt="csv")
    assert status == "failed"
    assert said in output
    if "draft symbol" in said:
        assert "50 characters long; the record holds at most 40" in output
    assert not Resolution.objects.filter(meeting__startswith="S/PV.9902").exists()


BROKEN_PAGE = """<html><table class="tablefont">
<tr><th colspan="5">Meetings conducted by the Security Council in 2018</th></tr>
<tr><th>Meeting Record</th><th>Date</th><th>Press Release</th><th>Topic</th>
<th>Security Council Outcome / Vote</th></tr>
<tr><td>S/PV.9901</td><td>10 April</td></tr>
<tr><td>S/PV.9900</td><td>5 March</td></tr>
</table></html>"""


def test_a_library_page_whose_table_cannot_be_read_is_an_error(tmp_path):
    page = tmp_path / "scact2018_table_en.html"
    page.write_text(BROKEN_PAGE, encoding="utf-8")
    status, said = import_votes(page)
    assert status == "failed"
    assert "scact2018_table_en.html:5: the table of meetings cannot be read" in said


def test_a_library_page_without_a_table_of_meetings_is_an_error(tmp_path):
    page = tmp_path / "scact2018_table_en.html"
    page.write_text(
        "<html><p>Meetings conducted by the Security Council in 2018</p>"
        "<table><tr><td>a list of something else</td></tr></table></html>",
        encoding="utf-8",
    )
    status, said = import_votes(page, fmt="dhl-meetings")
    assert status == "failed"
    assert "no table of meetings" in said
