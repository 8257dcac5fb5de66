"""`manage.py bench --scale N` (resolutions/scalebench.py): the record grown N
times in PostgreSQL stays a valid record, and the bench ends with the slowest
page. On SQLite it refuses, saying why."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from test_kept import check

from resolutions import scalebench
from resolutions.models import MemberState, MemberTally, Resolution, Seats, Vote
from resolutions.rules import Position

# The counts of MemberTally that MemberStateQuerySet.with_vote_counts gives too.
TALLY = ["votes_cast", "votes_for", "votes_against", "votes_abstain", "votes_veto"]

pytestmark = pytest.mark.django_db


def test_the_bench_grows_postgresql_only_and_keeps_every_seat_valid():
    if connection.vendor != "postgresql":
        with pytest.raises(scalebench.ScaleError, match="PostgreSQL database made for bench"):
            scalebench.grow(3)
        assert not Resolution.objects.filter(slug__endswith="-x1").exists()
        return
    before = scalebench.counts()
    after = scalebench.grow(3)
    for table, rows in before.items():
        assert after[table] == 3 * rows, table
    numbers = list(
        Resolution.objects.exclude(resolution_number=None).values_list(
            "resolution_number", flat=True
        )
    )
    assert len(numbers) == len(set(numbers))
    seats = Seats()
    for code, day in Vote.objects.values_list("member_id", "resolution__date"):
        assert code in seats.on(day), (code, day)
    copy = Resolution.objects.get(slug="s-2017-315-x2")
    original = Resolution.objects.get(slug="s-2017-315")
    assert copy.tally == original.tally and copy.date == original.date
    assert dict(copy.votes.values_list("member_id", "position")) == dict(
        original.votes.values_list("member_id", "position")
    )
    # The figures kept by triggers, counted again after the growth (triggers off
    # while it copies), equal the same figures over every vote; the triggers are on.
    for state in MemberState.objects.filter(code__in=["CHN", "RUS", "FRA", "ALB"]):
        assert MemberTally.objects.filter(member=state).values(*TALLY).get() == (
            MemberState.objects.filter(pk=state.pk).with_vote_counts().values(*TALLY).get()
        ), state.code
    check(*MemberState.objects.filter(code__in=["CHN", "USA", "GHA"]))
    copy.votes.filter(member_id="RUS").update(position=Position.ABSTAIN)
    check()
    with pytest.raises(scalebench.ScaleError, match="grown already"):
        scalebench.grow(2)


def test_the_command_says_plainly_what_it_does_and_ends_with_the_slowest_page(monkeypatch):
    out = io.StringIO()
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="sqlite"):
            call_command("bench", scale=2, interactive=False, stdout=out)
        assert "made for benchmarking only" in out.getvalue()
        return
    monkeypatch.setattr("resolutions.pagebench.default_pages", lambda scale=1: ["/", "/members/"])
    call_command("bench", scale=2, interactive=False, stdout=out)
    lines = out.getvalue().splitlines()
    assert "made for benchmarking only" in lines[0]
    assert lines[1].startswith("grown to 2 x the record")
    assert any(line.startswith("/export/votes.csv: ") and "COPY" in line for line in lines)
    assert lines[-1].startswith("slowest page: /")
    assert lines[-1].endswith(" ms")


def test_bench_pages_prints_each_page_uncached_cached_and_its_queries(monkeypatch):
    """`bench --pages`: the floor, then a line per page and export, each with its
    query count as the page runs it and its times as ratios to the floor."""
    monkeypatch.setattr("resolutions.pagebench.default_pages", lambda scale=1: ["/", "/members/"])
    monkeypatch.setattr("resolutions.pagebench.EXPORTS", ["/members.csv"])
    out = io.StringIO()
    call_command("bench", pages=True, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("floor, a trivial view through the middleware: ")
    rows = {line.split()[0]: line.split() for line in lines[2:]}
    assert set(rows) == {"/", "/members/", "/members.csv"}
    for url, (_, uncached, _, ratio, cached, _, _, queries, _) in rows.items():
        assert float(uncached) > float(cached) > 0, url
        assert ratio.endswith("x")
        with CaptureQueriesContext(connection) as counted:
            cache.clear()
            Client().get(url)
        assert int(queries) == len(counted.captured_queries), url
