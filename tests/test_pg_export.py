"""The votes export written by PostgreSQL's COPY (resolutions/pgexport.py) is the
same bytes as the one written here through Python's csv (exports.vote_blocks),
whatever the cells hold: quotes, commas, line breaks, empty texts, formulas
behind spaces of any kind, seats held permanently for a time only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from factories import member, resolution

from resolutions import exports, pgexport
from resolutions.exports import guarded
from resolutions.models import CouncilTerm, MemberState, Resolution, Vote
from resolutions.rules import Outcome, Position

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgresql,  # COPY is PostgreSQL's
]


def both(votes) -> tuple[bytes, bytes]:
    return b"".join(pgexport.csv_blocks(votes)), b"".join(exports.vote_blocks(votes))


def test_the_bundled_record_a_vote_and_a_member_are_the_same_bytes():
    # The whole imported record: tests/test_import_shared.py.
    russia = MemberState.objects.get(code="RUS")
    for votes in (
        Vote.objects.all(),
        Resolution.objects.get(slug="s-2017-315").votes.all(),
        russia.votes.all(),
        russia.votes.filter(position=Position.VETO),
    ):
        copied, written = both(votes)
        assert copied == written
        assert copied.count(b"\r\n") == votes.count() + 1


def test_the_export_answers_with_the_copy_s_bytes(client):
    response = client.get("/members/rus/votes.csv")
    russia = MemberState.objects.get(code="RUS")
    assert response.content == b"".join(exports.vote_blocks(russia.votes.all()))


def jit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        return cursor.fetchone()[0]


def test_the_copy_is_compiled_without_jit_and_the_session_is_left_as_it_was():
    before = jit()
    with connection.cursor() as cursor:
        with pgexport.without_jit(cursor.cursor):
            assert jit() == "off"
        assert jit() == before
    assert b"".join(pgexport.csv_blocks(Vote.objects.all())).endswith(b"\r\n")
    assert jit() == before
    # A download cut short (its COPY left unread) leaves it as it was too.
    blocks = pgexport.csv_blocks(Vote.objects.all())
    next(blocks), next(blocks)
    blocks.close()
    assert jit() == before


CELLS = [
    "A draft, with a comma",
    'A "quoted" word',
    "Two lines\nof title",
    "A carriage return\r alone",
    "Lines\r\nended the Windows way",
    "",
    "   ",
    "=1+1",
    " -1",
    "\xa0+1",
    "\u3000＠SUM(A1)",
    "\t1",
    "\n=after a line feed",
    "'=one apostrophe before",
    "''+two",
    "'Tis plain",
    "-",
    "\\.",
    "Ünïcödé — ‘quotes’ and «guillemets»",
]


def test_cells_that_need_quoting_or_the_guard_are_written_alike():
    Resolution.objects.all().delete()
    a = member("QPA", '=Permanent, "State"', permanent=True)
    b = member("QEB", " @Elected\nState")
    c = member("QEC", "Elected State")
    for index, text in enumerate(CELLS):
        resolution(
            on=dt.date(2990, 1, 1) + dt.timedelta(days=index),
            draft_symbol=f"{text}{index}",  # (the address is made from it: one each)
            meeting=text,
            title=text,
            positions={Position.FOR: [a, c], Position.ABSTAIN: [b]},
            outcome=Outcome.ADOPTED,
            resolution_number=9000 + index if index % 2 else None,
        )
    copied, written = both(Vote.objects.all())
    assert copied == written
    assert written.count(b"'=1+1") == 9  # three members' rows: draft, meeting, title


def test_a_seat_held_permanently_for_a_time_only_is_permanent_then_alone():
    Resolution.objects.all().delete()
    a = member("QPA", start=dt.date(2990, 1, 1))
    CouncilTerm.objects.filter(member=a).update(end=dt.date(2990, 12, 31), permanent=True)
    CouncilTerm.objects.create(member=a, start=dt.date(2992, 1, 1), permanent=True)
    days = [dt.date(2989, 12, 31), dt.date(2990, 1, 1), dt.date(2990, 12, 31), dt.date(2991, 6, 1)]
    for day in [*days, dt.date(2992, 1, 1), dt.date(2999, 1, 1)]:
        resolution(on=day, positions={Position.FOR: [a]}, outcome=Outcome.ADOPTED)
    copied, written = both(Vote.objects.all())
    assert copied == written
    permanent = [line.split(b",")[8] for line in written.splitlines()[1:]]
    assert permanent == [b"false", b"true", b"true", b"false", b"true", b"true"]


def test_the_columns_written_as_stored_can_never_carry_the_guard():
    """pgexport writes outcomes, positions and member codes without the guard:
    the database holds only these words there (and codes of three capitals)."""
    for word in [*Outcome.values, *Position.values]:
        assert word and not guarded(word)


def test_a_database_error_midway_ends_the_download_as_an_error_and_keeps_no_file(
    client, monkeypatch, settings
):
    """The connection lost after some lines: the answer, already a 200, is cut
    short by the error (a server then ends it unfinished, never as complete), and
    no file is kept for the next reader."""
    import itertools
    from pathlib import Path

    from django.db import OperationalError

    monkeypatch.setattr(exports, "CHUNK", 50)

    def lost_midway(execute, sql, params, many, context):
        rows = execute(sql, params, many, context)
        if not sql.startswith("COPY"):
            return rows

        def some_then_lost():
            yield from itertools.islice(rows, 200)
            raise OperationalError("server closed the connection unexpectedly")

        return some_then_lost()

    with connection.execute_wrapper(lost_midway):
        response = client.get("/export/votes.csv")
        assert response.status_code == 200
        chunks = iter(response.streaming_content)
        assert next(chunks).startswith(b"resolution_symbol,")
        with pytest.raises(OperationalError):
            for _ in chunks:
                pass
    folder = Path(settings.EXPORT_DIR)
    assert not folder.exists() or not list(folder.iterdir())  # nor a part of one
    # The connection serves the next request: the cut COPY was ended.
    assert client.get("/resolutions/s-2017-315/votes.csv").status_code == 200
