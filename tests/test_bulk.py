"""Bulk writes in plain SQL (resolutions/bulk.py, through history.py): the rows
and their history rows are those Django's bulk_create and bulk_update with
django-simple-history's history write, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import council
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from resolutions import history
from resolutions.models import Resolution, Source, Vote
from resolutions.rules import Outcome, Position

pytestmark = pytest.mark.django_db

RECORD = {
    "date": dt.date(2001, 2, 3),
    "meeting": "S/PV.9001",
    "title": "A draft of our own",
    "votes_for": 12,
    "votes_against": 0,
    "votes_abstain": 3,
    "procedural": False,
    "outcome": Outcome.ADOPTED,
}
# Fields that differ between two writes of the same values (ids, moments) or
# between the two sets of records written (their symbols and addresses).
UNSHOWN = {
    *("id", "history_id", "history_date", "created", "updated", "resolution_id"),
    *("slug", "draft_symbol"),
}


def records(prefix: str, n: int = 3) -> list[Resolution]:
    return [
        Resolution(
            **RECORD,
            slug=f"{prefix}-{i}",
            draft_symbol=f"S/2001/{prefix}{i}",
            resolution_number=None,
        )
        for i in range(n)
    ]


def values(rows) -> list[dict]:
    return [{k: v for k, v in row.items() if k not in UNSHOWN} for row in rows]


def history_of(model, ids) -> list[dict]:
    rows = model.history.filter(id__in=ids).order_by("history_id").values()
    return values(rows)


def test_created_records_and_their_history_are_those_django_writes():
    ours = history.bulk_create(Resolution, records("7"))
    theirs = bulk_create_with_history(records("8"), Resolution)
    assert all(r.pk is not None for r in ours)
    stored = {r.pk: r for r in Resolution.objects.filter(pk__in=[r.pk for r in ours])}
    assert [stored[r.pk].draft_symbol for r in ours] == [r.draft_symbol for r in ours]
    assert all(stored[r.pk].created is not None for r in ours)  # auto_now_add, as Django sets it

    ours_rows = Resolution.objects.filter(pk__in=[r.pk for r in ours]).order_by("pk").values()
    theirs_rows = Resolution.objects.filter(pk__in=[r.pk for r in theirs]).order_by("pk").values()
    assert values(ours_rows) == values(theirs_rows)
    ours_history = history_of(Resolution, [r.pk for r in ours])
    assert [h["history_type"] for h in ours_history] == ["+"] * 3
    assert ours_history == history_of(Resolution, [r.pk for r in theirs])


def test_rows_given_as_plain_values_are_written_and_recorded_as_objects_would_be():
    members = council("B")
    first, second = history.bulk_create(Resolution, records("5", 2))
    votes = [(m.code, Position.FOR if i % 2 else Position.ABSTAIN) for i, m in enumerate(members)]
    with history.recorded_as(history.Change.IMPORT, "a file"):
        history.insert(
            Vote, ["resolution_id", "member_id", "position"], [(first.pk, c, p) for c, p in votes]
        )
        bulk_create_with_history(
            [Vote(resolution_id=second.pk, member_id=c, position=p) for c, p in votes],
            Vote,
            custom_historical_attrs=history.current_origin(),
        )
        # A source with fields left out: they take their defaults, as an object's do.
        history.insert(Source, ["resolution_id", "kind", "url"], [(first.pk, "news", "https://a")])
        Source.objects.create(resolution_id=second.pk, kind="news", url="https://a")

    def stored(model, record):
        return values(model.objects.filter(resolution=record).order_by("pk").values())

    assert stored(Vote, first) == stored(Vote, second)
    assert len(stored(Vote, first)) == len(members)
    assert stored(Source, first) == stored(Source, second)

    def recorded(model, record):
        rows = model.history.filter(resolution_id=record.pk).order_by("history_id").values()
        return values(rows)

    assert recorded(Vote, first) == recorded(Vote, second)
    assert {h["change_kind"] for h in recorded(Vote, first)} == {history.Change.IMPORT}
    assert {h["change_detail"] for h in recorded(Vote, first)} == {"a file"}
    assert recorded(Source, first) == recorded(Source, second)


def test_an_update_writes_only_the_named_fields_and_records_each_record_as_it_now_is():
    ours = history.bulk_create(Resolution, records("3", 2))
    theirs = history.bulk_create(Resolution, records("4", 2))
    for record in [*ours, *theirs]:
        record.title = "Another title"
        record.votes_recorded = False
        record.date = dt.date(2001, 2, 4)
    history.update(Resolution, [(ours[0], ["title", "date"]), (ours[1], ["votes_recorded"])])
    bulk_update_with_history([theirs[0]], Resolution, ["title", "date"])
    bulk_update_with_history([theirs[1]], Resolution, ["votes_recorded"])
    first, second = (Resolution.objects.get(pk=r.pk) for r in ours)
    assert (first.title, first.date, first.votes_recorded) == ("Another title", ours[0].date, True)
    assert (second.title, second.votes_recorded) == (RECORD["title"], False)

    def row(record):
        return values(Resolution.objects.filter(pk=record.pk).values())[0]

    assert [row(r) for r in ours] == [row(r) for r in theirs]
    assert history_of(Resolution, [r.pk for r in ours]) == history_of(
        Resolution, [r.pk for r in theirs]
    )
