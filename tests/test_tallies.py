"""Counts kept by the database (resolutions/tallies.py): after every kind of write
to the votes or to a record, each member's stored counts equal the same counts
taken over every vote (MemberStateQuerySet.with_vote_counts)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Count, Q
from factories import council, member, resolution

from resolutions import tallies
from resolutions.models import MemberState, MemberTally, Resolution, Vote
from resolutions.rules import Outcome, Position

pytestmark = pytest.mark.django_db

FIELDS = [f.name for f in MemberTally._meta.fields if f.name != "member"]


def live(code: str) -> dict[str, int]:
    """The counts over every vote, now."""
    recorded = Q(votes__resolution__votes_recorded=True)

    def of(*positions: str) -> Count:
        return Count("votes", filter=recorded & Q(votes__position__in=positions))

    row = (
        MemberState.objects.filter(code=code)
        .with_vote_counts()
        .annotate(
            recorded_for=of(Position.FOR),
            recorded_against=of(Position.AGAINST, Position.VETO),
            recorded_abstain=of(Position.ABSTAIN),
        )
        .values(*FIELDS)
        .get()
    )
    return row


def stored(code: str) -> dict[str, int]:
    return MemberTally.objects.filter(member_id=code).values(*FIELDS).get()


def test_counts_follow_every_write_to_votes_and_records():
    yaa, yab, yac = council("V", permanent=1, elected=2)
    codes = [yaa.code, yab.code, yac.code]
    assert all(stored(code)["votes_cast"] == 0 for code in codes)  # a new member: a row

    vetoed = resolution(
        on=dt.date(2979, 1, 1),
        draft_symbol="S/2979/1",
        positions={Position.VETO: [yaa], Position.FOR: [yab], Position.ABSTAIN: [yac]},
        outcome=Outcome.VETOED,
    )
    other = resolution(
        on=dt.date(2979, 2, 1),
        draft_symbol="S/2979/2",
        positions={Position.FOR: [yaa, yab], Position.NON_VOTING: [yac]},
    )
    assert stored(yaa.code) == live(yaa.code)
    assert stored(yaa.code)["votes_veto"] == 1 and stored(yaa.code)["recorded_against"] == 1
    assert stored(yac.code)["votes_non_voting"] == 1 and stored(yac.code)["votes_cast"] == 2

    def check():
        for code in codes:
            assert stored(code) == live(code), code

    # A vote changed by save() and by a bulk update; a member's vote moved to another.
    vote = Vote.objects.get(resolution=other, member=yab)
    vote.position = Position.ABSTAIN
    vote.save()
    check()
    Vote.objects.filter(resolution=other).update(position=Position.AGAINST)
    check()
    # The record's outcome changed: the "veto" on a draft recorded as failed is a
    # vote against, no longer a veto cast.
    vetoed.outcome = Outcome.FAILED
    vetoed.save()
    check()
    assert stored(yaa.code)["votes_veto"] == 0 and stored(yaa.code)["votes_against"] == 2
    Resolution.objects.filter(pk=vetoed.pk).update(outcome=Outcome.VETOED)
    check()
    # A record made tally-only: out of the recorded counts, in the others.
    Resolution.objects.filter(pk=other.pk).update(votes_recorded=False)
    check()
    assert stored(yab.code)["recorded_for"] == 1 and stored(yab.code)["votes_cast"] == 2
    # Votes removed one by one, and with their record.
    Vote.objects.filter(resolution=vetoed, member=yac).delete()
    check()
    other.delete()
    check()
    assert stored(yab.code)["votes_cast"] == 1


def test_counts_of_a_member_added_after_the_votes_and_of_the_bundled_record():
    late = member("VZZ", "Late State")
    assert stored("VZZ") == live("VZZ") == dict.fromkeys(FIELDS, 0)
    resolution(on=dt.date(2979, 3, 1), draft_symbol="S/2979/3", positions={Position.FOR: [late]})
    assert stored("VZZ")["votes_for"] == 1
    # The bundled record (loaded before these tests) counted alike, every member.
    for code in MemberState.objects.values_list("code", flat=True):
        assert stored(code) == live(code), code


def installed_triggers() -> dict[str, str]:
    """Each trigger the migrations installed, by name: on SQLite its whole CREATE
    statement, on PostgreSQL its function's body."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT proname, prosrc FROM pg_proc "
                "WHERE proname LIKE 'tally\\_%' OR proname LIKE 'sides\\_%'"
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND (name LIKE 'tally\\_%' ESCAPE '\\' OR name LIKE 'sides\\_%' ESCAPE '\\')"
            )
        return dict(cursor.fetchall())


def described_triggers() -> dict[str, str]:
    """The same, as resolutions/tallies.py describes them."""
    names = [name for name, *_ in tallies.TRIGGERS]
    statements = tallies.create_sql(connection.vendor)
    if connection.vendor == "postgresql":
        bodies = [s.split("$$")[1] for s in statements if s.startswith("CREATE OR REPLACE")]
    else:
        bodies = statements
    return dict(zip(names, bodies, strict=True))


def test_the_database_has_the_triggers_the_module_describes():
    """The migrations install frozen statements; if tallies.py changes, this fails
    until a new migration installs the changed triggers. (The records' sides, whose
    triggers migration 0010 installed, are gone since 0015: none is left.)"""
    assert installed_triggers() == described_triggers()
