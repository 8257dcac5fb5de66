"""The whole record's exports are built once per change of the record
(resolutions/exportfiles.py): the next reader gets the same bytes from a file,
and never a file older than the last write."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import response_text
from django.conf import settings
from factories import council, many_votes

from resolutions.exportfiles import KeptFile
from resolutions.models import Resolution

pytestmark = pytest.mark.django_db

WHOLE = ["/export/votes.csv", "/resolutions.csv", "/resolutions.json"]


def files() -> list[str]:
    folder = Path(settings.EXPORT_DIR)
    return sorted(p.name.split("-", 1)[1] for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("url", WHOLE)
def test_the_next_reader_gets_the_same_export_from_its_file(client, url, django_assert_num_queries):
    many_votes(5, council("Q"))
    first = client.get(url)
    built = response_text(first)
    assert first.status_code == 200
    with django_assert_num_queries(1):  # the record's version, and nothing else
        again = client.get(url)
        kept = response_text(again)
    assert kept == built
    assert again["Content-Type"] == first["Content-Type"]
    assert again.get("Content-Disposition", "").startswith(
        "attachment" if url.endswith(".csv") else "inline"
    )
    assert int(again["Content-Length"]) == len(built.encode())


def test_an_export_from_its_file_is_sent_in_blocks_of_64_kib(client):
    many_votes(120, council("Q"))
    built = response_text(client.get("/export/votes.csv")).encode()
    assert len(built) > 2 * KeptFile.block_size
    blocks = list(client.get("/export/votes.csv").streaming_content)
    assert b"".join(blocks) == built
    # Whole blocks but the last: as few passes as the size needs, one block held.
    assert {len(block) for block in blocks[:-1]} == {64 * 1024}
    assert 0 < len(blocks[-1]) <= 64 * 1024


def test_a_change_to_the_record_is_in_the_next_export_and_the_old_file_goes(client):
    many_votes(3, council("Q"))
    response_text(client.get("/export/votes.csv"))
    [first] = files()  # "<version>-votes.csv"
    record = Resolution.objects.filter(slug__startswith="s-").order_by("date").first()
    record.title = "A title written after the first export"
    record.save()
    response_text(client.get("/resolutions.csv"))
    after = response_text(client.get("/resolutions.csv"))
    assert "A title written after the first export" in after
    response_text(client.get("/export/votes.csv"))
    now = files()
    assert [name.split("-", 1)[1] for name in now] == ["resolutions.csv", "votes.csv"]
    assert first not in now  # the first version's file is gone
    assert len({name.split("-", 1)[0] for name in now}) == 1  # both of the latest version


def test_a_download_cut_short_leaves_no_file(tmp_path):
    from resolutions.exportfiles import kept

    path = tmp_path / "7-votes.csv"
    chunks = kept(iter([b"header\n", b"row 1\n", b"row 2\n"]), path, "*-votes.csv")
    assert next(chunks) == b"header\n"
    chunks.close()  # the reader went away: the server closes the answer
    assert list(tmp_path.iterdir()) == []
    whole = kept(iter([b"header\n", b"row 1\n"]), path, "*-votes.csv")
    assert b"".join(whole) == b"header\nrow 1\n"
    assert path.read_bytes() == b"header\nrow 1\n"
    assert list(tmp_path.iterdir()) == [path]


def test_a_folder_that_cannot_be_written_keeps_nothing_and_the_download_is_whole(tmp_path):
    from resolutions.exportfiles import kept

    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    chunks = [b"header\n", b"row 1\n"]
    assert b"".join(kept(iter(chunks), blocked / "7-votes.csv", "*-votes.csv")) == b"".join(chunks)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file-not-a-folder"]


def test_a_filtered_export_is_built_for_its_request(client):
    many_votes(3, council("Q"))
    response_text(client.get("/resolutions.csv?member=QAA&position=for"))
    assert files() == []
