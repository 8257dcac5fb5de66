"""The record in the database: constraints, seats by date, the bundled data."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from resolutions.models import (
    CouncilTerm,
    MemberState,
    Resolution,
    Vote,
    name_at_vote,
    normalise_name,
    seated_on,
    slugify_symbol,
)

pytestmark = pytest.mark.django_db


def test_slugs_follow_the_symbols():
    assert slugify_symbol("S/RES/2118 (2013)") == "s-res-2118-2013"
    assert slugify_symbol("S/2017/315") == "s-2017-315"
    assert slugify_symbol("S/18016/Rev.1") == "s-18016-rev-1"


def test_who_sat_on_the_council_on_a_date_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        seated = seated_on(dt.date(2017, 4, 12))
    assert len(seated) == 15
    assert {code for code, permanent in seated.items() if permanent} == {
        "CHN",
        "FRA",
        "GBR",
        "RUS",
        "USA",
    }
    assert {"BOL", "EGY", "ETH", "ITA", "JPN", "KAZ", "SEN", "SWE", "UKR", "URY"} < set(seated)


@pytest.mark.parametrize(
    ("day", "count"),
    [
        (dt.date(1946, 1, 17), 11),
        (dt.date(1950, 7, 7), 11),
        (dt.date(1965, 12, 31), 11),
        (dt.date(1966, 1, 1), 15),
        (dt.date(1991, 12, 23), 15),
        (dt.date(1991, 12, 24), 15),
        (dt.date(2026, 6, 1), 15),
        (dt.date(2027, 1, 1), 15),
    ],
)
def test_the_council_has_its_charter_size_on_every_date(day, count):
    assert len(seated_on(day)) == count


def test_the_ussr_seat_passes_to_the_russian_federation():
    assert "SUN" in seated_on(dt.date(1991, 12, 23))
    assert "RUS" not in seated_on(dt.date(1991, 12, 23))
    assert "RUS" in seated_on(dt.date(1991, 12, 24))
    assert "SUN" not in seated_on(dt.date(1991, 12, 24))
    assert MemberState.objects.get(code="SUN").successor_id == "RUS"


def test_seated_members_come_permanent_first():
    members = list(MemberState.objects.seated_on(dt.date(2017, 4, 12)))
    assert [m.permanent for m in members] == [True] * 5 + [False] * 10


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Russia", "RUS"),
        ("Britain", "GBR"),
        ("United States of America", "USA"),
        ("the United States", "USA"),
        ("Zaire", "COD"),
        ("Upper Volta", "BFA"),
        ("Bolivia", "BOL"),
        ("Union of Soviet Socialist Republics", "SUN"),
    ],
)
def test_members_are_found_by_their_other_names(name, code):
    assert MemberState.objects.name_index()[normalise_name(name)] == code


def test_one_vote_per_member_per_resolution_is_a_database_constraint():
    resolution = Resolution.objects.get(slug="s-2017-315")
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(resolution=resolution, member_id="RUS", position="for")


def test_only_valid_positions_reach_the_database():
    resolution = Resolution.objects.get(slug="s-2017-315")
    resolution.votes.filter(member_id="EGY").delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(resolution=resolution, member_id="EGY", position="maybe")


def test_resolution_numbers_are_unique_and_only_on_adopted_drafts():
    adopted = Resolution.objects.filter(resolution_number__isnull=False).first()
    copy = Resolution(
        draft_symbol="S/1/1",
        resolution_number=adopted.resolution_number,
        date=adopted.date,
        outcome="adopted",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()
    failed = Resolution(draft_symbol="S/1/2", resolution_number=99999, date=adopted.date)
    failed.outcome = "failed"
    with pytest.raises(IntegrityError), transaction.atomic():
        failed.save()


def test_the_reference_case_is_bundled_and_vetoed_by_the_russian_federation():
    reference = Resolution.objects.with_tallies().get(slug="s-2017-315")
    assert reference.get_absolute_url() == "/resolutions/s-2017-315/"
    assert reference.meeting == "S/PV.7922"
    assert reference.date == dt.date(2017, 4, 12)
    assert str(reference.tally) == "10-2-3"
    positions = dict(reference.votes.values_list("member_id", "position"))
    assert positions == {
        **dict.fromkeys(
            ["EGY", "FRA", "ITA", "JPN", "SEN", "SWE", "UKR", "GBR", "USA", "URY"], "for"
        ),
        "BOL": "against",
        "RUS": "veto",
        **dict.fromkeys(["CHN", "ETH", "KAZ"], "abstain"),
    }
    names = dict(MemberState.objects.values_list("code", "name"))
    decision = reference.decision(names)
    assert decision.outcome == "vetoed"
    assert decision.vetoed_by == ("RUS",)
    assert decision.explanation == (
        "Not adopted: 10 votes in favour reached the 9 needed, but the Russian "
        "Federation, a permanent member, voted against."
    )


def test_every_bundled_vote_keeps_the_rules():
    broken = {
        str(r): [p.message for p in r.problems()] for r in Resolution.objects.all() if r.problems()
    }
    assert broken == {}
    assert Resolution.objects.count() >= 30


def test_bundled_votes_cover_what_the_issue_asks_for():
    votes = Resolution.objects.with_tallies()
    vetoers = {code for r in votes for code in r.vetoed_by_codes()}
    assert {"CHN", "FRA", "GBR", "RUS", "USA", "SUN"} <= vetoers
    assert any(len(r.vetoed_by_codes()) >= 2 for r in votes)
    assert votes.filter(outcome="failed").exists()
    assert votes.filter(procedural=True).exists()
    assert votes.filter(date__lt=dt.date(1966, 1, 1)).exists()
    assert votes.filter(date__year__gte=2024).exists()
    assert votes.filter(votes_for=15).exists()  # a unanimous adoption
    decades = {r.date.year // 10 for r in votes}
    assert len(decades) >= 6


def test_loading_the_bundled_data_again_changes_nothing():
    before = (
        MemberState.objects.count(),
        CouncilTerm.objects.count(),
        Resolution.objects.count(),
        Vote.objects.count(),
        list(Resolution.objects.values_list("id", "updated")),
    )
    out = io.StringIO()
    call_command("load_bundled", stdout=out)
    assert "Nothing changed." in out.getvalue()
    after = (
        MemberState.objects.count(),
        CouncilTerm.objects.count(),
        Resolution.objects.count(),
        Vote.objects.count(),
        list(Resolution.objects.values_list("id", "updated")),
    )
    assert after == before


def test_a_bad_data_file_is_refused_naming_file_and_line(tmp_path):
    (tmp_path / "members.csv").write_text(
        "code,name,short_name,aliases,successor\nFRA,France,France,,\nfr,Bad,Bad,,\n"
    )
    before = MemberState.objects.count()
    with pytest.raises(CommandError, match=r"members\.csv:3: 'fr' is not a three-letter code"):
        call_command("load_bundled", data=tmp_path, stdout=io.StringIO())
    assert MemberState.objects.count() == before


def test_a_bundled_vote_that_breaks_the_rules_stops_the_load(tmp_path):
    from resolutions.management.commands.load_bundled import DATA

    for name in ("members.csv", "terms.csv"):
        (tmp_path / name).write_text((DATA / name).read_text())
    (tmp_path / "votes.json").write_text(
        """[{"draft_symbol": "S/2017/999", "date": "2017-04-12", "outcome": "vetoed",
        "tally": [10, 2, 3], "positions": {"veto": ["JPN"]}}]"""
    )
    with pytest.raises(CommandError, match="Japan is not a permanent member"):
        call_command("load_bundled", data=tmp_path, stdout=io.StringIO())
    assert not Resolution.objects.filter(draft_symbol="S/2017/999").exists()


def test_natural_keys_round_trip():
    reference = Resolution.objects.get(slug="s-2017-315")
    assert Resolution.objects.get_by_natural_key(*reference.natural_key()) == reference
    russia = MemberState.objects.get(code="RUS")
    assert MemberState.objects.get_by_natural_key(*russia.natural_key()) == russia


def test_loading_again_keeps_what_editors_and_imports_changed():
    reference = Resolution.objects.get(slug="s-2017-315")
    reference.sources.create(kind="news", title="An editor's source", url="https://example.org/a")
    Resolution.objects.filter(pk=reference.pk).update(
        review_status="needs_review", review_reasons="tally mismatch: made up for the test"
    )
    term = CouncilTerm.objects.create(member_id="DEU", start=dt.date(2027, 1, 1))
    out = io.StringIO()
    call_command("load_bundled", stdout=out)
    assert "Nothing changed." in out.getvalue()
    assert "left as they are: S/2017/315" in out.getvalue()
    kept = Resolution.objects.get(slug="s-2017-315")
    assert kept.pk == reference.pk
    assert kept.needs_review
    assert kept.sources.filter(title="An editor's source").exists()
    assert CouncilTerm.objects.filter(pk=term.pk).exists()


@pytest.mark.django_db
def test_the_records_a_report_describes_by_symbol_meeting_or_day_and_tally():
    # The reference case is bundled: S/2017/315, meeting S/PV.7922, 12 April 2017, 10-2-3.
    day = dt.date(2017, 4, 12)
    reference = Resolution.objects.get(draft_symbol="S/2017/315")
    assert list(Resolution.objects.reported(draft_symbol="S/2017/315")) == [reference]
    assert list(Resolution.objects.reported(meeting="S/PV.7922", date=day)) == [reference]
    tally = {"for": 10, "against": 2, "abstain": 3}
    assert list(Resolution.objects.reported(date=day, counts=tally)) == [reference]
    # a report naming no symbol is offered every vote of its day, even with a count wrong
    wrong = {"for": 11, "against": 2, "abstain": 3}
    assert reference in Resolution.objects.reported(date=day, counts=wrong)
    # a meeting without its date, or a symbol not on record with a tally not on
    # record that day, matches nothing
    assert not Resolution.objects.reported(meeting="S/PV.7922")
    assert not Resolution.objects.reported(draft_symbol="S/2017/999", date=day, counts=wrong)
    assert not Resolution.objects.reported()


def test_a_seat_is_named_by_its_holder_until_the_day_it_changed_hands():
    # GA res. 2758 (XXVI), 25 October 1971: the last day of the Republic of China's
    # seat is the 24th; the code is CHN throughout.
    assert name_at_vote("CHN", "China", dt.date(1971, 10, 24)) == "China (Republic of China)"
    assert name_at_vote("CHN", "China", dt.date(1971, 10, 25)) == "China"
    assert name_at_vote("CHN", "China", dt.date(1946, 1, 17)) == "China (Republic of China)"
    assert name_at_vote("FRA", "France", dt.date(1950, 1, 1)) == "France"
