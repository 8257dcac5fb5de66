"""The votes CSV (/export/votes.csv) round trip: export, import into an empty
database, export again gives the same rows (compared as data and as bytes). Every
vote has its key (`vote_slug`), so votes with no symbol at one meeting on one day
stay apart; the formula guard is undone exactly and never touches numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from conftest import response_text
from factories import resolution
from test_importers import run

from resolutions.exports import neutralise, unneutralise, votes_csv
from resolutions.models import MemberState, Resolution, Vote
from resolutions.rules import Outcome, Position

pytestmark = pytest.mark.django_db

DAY = dt.date(1946, 6, 26)


def seated(day: dt.date) -> tuple[list[str], list[str]]:
    """(permanent, elected) codes of the members seated that day."""
    members = list(MemberState.objects.seated_on(day))
    return [m.code for m in members if m.permanent], [m.code for m in members if not m.permanent]


def vetoed_without_symbol(title: str, vetoed_by: str) -> Resolution:
    """A draft with no symbol on record, vetoed by one permanent member, the other
    members voting for it."""
    permanent, elected = seated(DAY)
    others = [code for code in permanent + elected if code != vetoed_by]
    return resolution(
        on=DAY,
        meeting="S/PV.9049",
        title=title,
        positions={Position.FOR: others, Position.VETO: [vetoed_by]},
    )


def exported() -> bytes:
    return votes_csv(Vote.objects.all(), "votes.csv").content


def rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def round_trip(tmp_path) -> tuple[bytes, bytes]:
    before = exported()
    path = tmp_path / "votes.csv"
    path.write_bytes(before)
    Resolution.objects.all().delete()
    run(path, fmt="csv")
    return before, exported()


def test_votes_without_a_symbol_at_one_meeting_on_one_day_stay_apart(tmp_path):
    Resolution.objects.all().delete()
    permanent, _ = seated(DAY)
    for _ in range(3):  # three drafts vetoed the same day at one meeting, same title
        vetoed_without_symbol("An amendment on the question", permanent[0])
    assert Resolution.objects.count() == 3
    before, after = round_trip(tmp_path)
    assert Resolution.objects.count() == 3
    assert Vote.objects.filter(position=Position.VETO).count() == 3
    assert rows(after) == rows(before)
    assert after == before
    slugs = {row["vote_slug"] for row in rows(after)}
    assert len(slugs) == 3
    for slug in slugs:
        assert Resolution.objects.get(slug=slug).outcome == Outcome.VETOED


def test_a_vote_keeps_its_numbered_address_when_an_earlier_one_has_no_row(tmp_path):
    """The first vote of a meeting on record by its tally alone has no row in the
    votes CSV; the second and third keep their addresses (-2, -3) through the
    round trip, not renumbered into the first's."""
    Resolution.objects.all().delete()
    permanent, _ = seated(DAY)
    drafts = (vetoed_without_symbol("An amendment on the question", permanent[0]) for _ in range(3))
    first, second, third = drafts
    first.votes.all().delete()
    kept = sorted([second.slug, third.slug])
    assert kept[0].endswith("-2") and kept[1].endswith("-3")
    before, after = round_trip(tmp_path)
    assert sorted(Resolution.objects.values_list("slug", flat=True)) == kept
    assert after == before


@pytest.mark.parametrize(
    "title",
    [
        "'=not a formula, quoted",
        "'-one apostrophe before a minus",
        "'+one before a plus",
        "''=two apostrophes",
        "'Tis a title with an apostrophe",
        "\n=after a line feed",
        "\xa0=after a no-break space",
        "＝fullwidth equals",
        "=a formula",
    ],
)
def test_titles_come_back_exactly_as_written(tmp_path, title):
    Resolution.objects.all().delete()
    permanent, _ = seated(DAY)
    vetoed_without_symbol(title, permanent[0])
    before, after = round_trip(tmp_path)
    assert Resolution.objects.get().title == title
    assert after == before


@pytest.mark.parametrize(
    "cell", ["\n=1+1", "\xa0=1+1", "＝1+1", "\u3000+1", "＠SUM(A1)", "－1", "\t1", "\r1"]
)
def test_the_guard_covers_leading_spaces_line_feeds_and_fullwidth_signs(cell):
    assert neutralise(cell) == "'" + cell
    assert unneutralise(neutralise(cell)) == cell


def test_number_columns_never_carry_the_guard():
    assert neutralise(-4) == "-4"
    assert neutralise(0) == "0"
    assert neutralise(-1.5) == "-1.5"


def test_a_number_column_in_the_votes_list_stays_a_number(client):
    Resolution.objects.all().delete()
    permanent, elected = seated(DAY)
    # A tally that counts more votes than seats (a source's fault, flagged):
    # its non_voting is negative, and written as a number.
    record = vetoed_without_symbol("An over-counted vote", permanent[0])
    Resolution.objects.filter(pk=record.pk).update(votes_for=14)
    row = rows(response_text(client.get("/resolutions.csv")).encode())[0]
    assert row["non_voting"] == str(record.seats - 14 - 1)
    assert not row["non_voting"].startswith("'")
