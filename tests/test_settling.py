"""The settling rules of the reconciler on pages and rows written here: each
difference between the sources that the data at hand settles is settled, and
the record says which sources settled it (`Resolution.settled`); a second import
changes nothing."""

from __future__ import annotations

import pytest
from test_importers import community_rows, run, seated_names, write_community

from resolutions import bundled
from resolutions.models import MemberState, Resolution
from resolutions.rules import Outcome, Position

pytestmark = pytest.mark.django_db


def library_page(tmp_path, year: int, rows: list[tuple[str, str, str]]) -> object:
    """A library meeting page: (meeting, day, outcome cell) per meeting."""
    body = "".join(
        f"<tr><td>{meeting}</td><td>{day}</td><td>SC/1</td><td>Topic</td><td>{outcome}</td></tr>"
        for meeting, day, outcome in rows
    )
    path = tmp_path / f"scact{year}_table_en.html"
    path.write_text(
        f'<html><table class="tablefont"><tr><th colspan="5">Meetings conducted by the '
        f"Security Council in {year}</th></tr><tr><th>Meeting</th><th>Date</th><th>Press</th>"
        f"<th>Topic</th><th>Outcome / Vote</th></tr>{body}</table></html>",
        encoding="utf-8",
    )
    return path


def veto_list(tmp_path, rows: list[tuple[str, str, str, str]]) -> object:
    """The library's veto list: (date, draft, meeting, vetoing members) per row."""
    body = "".join(
        f"<tr><td>{day}</td><td>{draft}</td><td>{meeting}</td><td>Topic</td><td>{who}</td></tr>"
        for day, draft, meeting, who in rows
    )
    path = tmp_path / "scact_veto_table_en.html"
    path.write_text(
        '<html><table><tr><th colspan="5">Security Council - Veto List</th></tr><tr>'
        "<th>Date</th><th>Draft</th><th>Meeting</th><th>Agenda Item</th><th>Permanent Member"
        f"</th></tr>{body}</table></html>",
        encoding="utf-8",
    )
    return path


def second_run_changes_nothing(*paths) -> None:
    assert "Nothing changed." in run(*paths)


def test_a_number_given_to_two_votes_goes_to_the_one_its_place_fits(tmp_path):
    # 7002 twice: the vote of 20 March sits between 7001 (10 March) and 7003
    # (25 March); the vote of 9 May between 7004 (1 May) and 7006 (12 May), where
    # 7005 is missing.
    page = library_page(tmp_path, 2018, [
        ("S/PV.9906", "12 May", "S/RES/7006 (2018) 15-0-0"),
        ("S/PV.9905", "9 May", "S/RES/7002 (2018) 13-2-0"),
        ("S/PV.9904", "1 May", "S/RES/7004 (2018) 15-0-0"),
        ("S/PV.9903", "25 March", "S/RES/7003 (2018) 15-0-0"),
        ("S/PV.9902", "20 March", "S/RES/7002 (2018) 15-0-0"),
        ("S/PV.9901", "10 March", "S/RES/7001 (2018) 15-0-0"),
    ])  # fmt: skip
    run(page)
    meetings = [f"S/PV.990{n}" for n in range(1, 7)]
    by_number = {r.resolution_number: r for r in Resolution.objects.filter(meeting__in=meetings)}
    assert sorted(by_number) == [7001, 7002, 7003, 7004, 7005, 7006]
    assert (by_number[7002].meeting, by_number[7005].meeting) == ("S/PV.9902", "S/PV.9905")
    assert not by_number[7002].needs_review and not by_number[7005].needs_review
    assert "S/RES/7005" in by_number[7005].settled and "library" in by_number[7005].settled
    second_run_changes_nothing(page)


def test_a_number_given_twice_that_the_dates_do_not_settle_stays_flagged(tmp_path):
    page = library_page(tmp_path, 2018, [
        ("S/PV.9903", "25 March", "S/RES/7003 (2018) 15-0-0"),
        ("S/PV.9902", "20 March", "S/RES/7002 (2018) 13-2-0"),
        ("S/PV.9901", "20 March", "S/RES/7002 (2018) 15-0-0"),
        ("S/PV.9900", "10 March", "S/RES/7001 (2018) 15-0-0"),
    ])  # fmt: skip
    run(page)
    flagged = Resolution.objects.filter(meeting__in=["S/PV.9901", "S/PV.9902"])
    assert all(r.needs_review for r in flagged)
    assert "duplicate symbol" in " ".join(r.review_reasons for r in flagged)


def test_a_draft_of_another_year_and_a_number_of_another_year_are_left_out(tmp_path):
    page = library_page(tmp_path, 2018, [
        ("S/PV.9902", "22 July", "S/RES/7201 (2018) 15-0-0"),
        ("S/PV.9901", "5 March", "S/RES/7101 (2018) 15-0-0"),
    ])  # fmt: skip
    old = library_page(tmp_path, 1990, [("S/PV.2901", "5 March", "S/RES/201 (1990) 15-0-0")])
    names = seated_names("2018-07-22").values()
    yes = [(name, "Yes") for name in names]
    rows = community_rows("1", "2018-03-05", "7101 (2018)", "S/2016/136", "Adopted", yes)
    rows += community_rows("2", "2018-07-22", "201 (2018)", "S/2018/799", "Adopted", yes)
    for row in rows[len(names) :]:
        row[3] = "9902"
    for row in rows[: len(names)]:
        row[3] = "9901"
    table = write_community(tmp_path / "votes.csv", rows)
    run(old, page, table)
    wrong_draft = Resolution.objects.get(resolution_number=7101)
    assert wrong_draft.draft_symbol == "" and not wrong_draft.needs_review
    assert "S/2016/136" in wrong_draft.settled and "left out" in wrong_draft.settled
    resolution_201 = Resolution.objects.get(resolution_number=201)
    assert resolution_201.date.year == 1990 and resolution_201.draft_symbol == ""
    matched = Resolution.objects.get(resolution_number=7201)
    assert matched.draft_symbol == "S/2018/799" and matched.votes.count() == 15
    assert "S/RES/201" in matched.settled
    second_run_changes_nothing(old, page, table)


def test_one_draft_given_to_two_resolutions_is_left_out_of_both(tmp_path):
    page = library_page(tmp_path, 2018, [
        ("S/PV.9902", "13 June", "S/RES/7302 (2018) 15-0-0"),
        ("S/PV.9901", "13 June", "S/RES/7301 (2018) 15-0-0"),
    ])  # fmt: skip
    yes = [(name, "Yes") for name in seated_names("2018-06-13").values()]
    rows = community_rows("1", "2018-06-13", "7301 (2018)", "S/2018/372", "Adopted", yes)
    second = community_rows("2", "2018-06-13", "7302 (2018)", "S/2018/372", "Adopted", yes)
    for row in second:
        row[3] = "9902"
    rows += second
    table = write_community(tmp_path / "votes.csv", rows)
    run(page, table)
    for record in Resolution.objects.filter(resolution_number__in=[7301, 7302]):
        assert record.draft_symbol == "" and not record.needs_review, record.review_reasons
        assert "S/2018/372" in record.settled
    second_run_changes_nothing(page, table)


def test_adopted_by_acclamation_where_the_library_gives_no_tally_has_no_vote(tmp_path):
    page = library_page(tmp_path, 2018, [("S/PV.9901", "17 June", "S/RES/7401 (2018)")])
    yes = [(name, "Yes") for name in seated_names("2018-06-17").values()]
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-06-17", "7401 (2018)", "", "Adopted by acclamation", yes),
    )
    run(page, table)
    record = Resolution.objects.get(resolution_number=7401)
    assert record.adopted_without_vote and record.tally is None
    assert record.votes.count() == 0 and not record.needs_review, record.review_reasons
    assert "acclamation" in record.settled
    second_run_changes_nothing(page, table)


def test_not_adopted_with_the_votes_and_a_veto_on_the_veto_list_was_vetoed(tmp_path):
    page = library_page(tmp_path, 1962, [
        ("S/PV.1016", "22 June", "Draft resolution S/5134 not adopted 7-2-2"),
    ])  # fmt: skip
    vetoes = veto_list(tmp_path, [("22 June 1962", "S/5134", "S/PV.1016", "USSR")])
    run(page, vetoes)
    record = Resolution.objects.get(draft_symbol="S/5134")
    assert record.outcome == Outcome.VETOED and not record.needs_review, record.review_reasons
    assert list(record.votes.values_list("member_id", "position")) == [("SUN", Position.VETO)]
    assert "veto list" in record.settled
    second_run_changes_nothing(page, vetoes)


def test_not_adopted_short_of_the_votes_stays_failed_whatever_a_veto_list_says(tmp_path):
    page = library_page(tmp_path, 1962, [
        ("S/PV.1016", "22 June", "Draft resolution S/5134 not adopted 6-2-3"),
    ])  # fmt: skip
    vetoes = veto_list(tmp_path, [("22 June 1962", "S/5134", "S/PV.1016", "USSR")])
    run(page, vetoes)
    record = Resolution.objects.get(draft_symbol="S/5134")
    assert record.outcome == Outcome.FAILED and record.needs_review


def test_a_draft_listed_at_two_meetings_is_where_the_veto_list_puts_it(tmp_path):
    page = library_page(tmp_path, 1963, [
        ("S/PV.1069", "13 September",
         "Draft resolution S/5425 vetoed by UK 8-1-2 Draft resolution S/5407 vetoed by USSR 8-2-1"),
        ("S/PV.1063", "3 September", "Draft resolution S/5407 not adopted 8-2-1"),
    ])  # fmt: skip
    vetoes = veto_list(tmp_path, [
        ("13 September 1963", "S/5425", "S/PV.1069", "UK"),
        ("03 September 1963", "S/5407", "S/PV.1063", "USSR"),
    ])  # fmt: skip
    run(page, vetoes)
    assert Resolution.objects.filter(meeting__in=["S/PV.1063", "S/PV.1069"]).count() == 2
    record = Resolution.objects.get(draft_symbol="S/5407")
    assert (record.meeting, record.date.isoformat()) == ("S/PV.1063", "1963-09-03")
    assert record.outcome == Outcome.VETOED and not record.needs_review, record.review_reasons
    assert "copy" in record.settled and "veto list" in record.settled
    assert Resolution.objects.get(meeting="S/PV.1069").draft_symbol == "S/5425"
    second_run_changes_nothing(page, vetoes)


def test_the_vote_page_says_how_the_sources_were_settled(client, tmp_path):
    page = library_page(tmp_path, 2018, [("S/PV.9901", "17 June", "S/RES/7401 (2018)")])
    yes = [(name, "Yes") for name in seated_names("2018-06-17").values()]
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-06-17", "7401 (2018)", "", "Adopted by acclamation", yes),
    )
    run(page, table)
    record = Resolution.objects.get(resolution_number=7401)
    text = client.get(record.get_absolute_url()).content.decode()
    assert 'id="settled"' in text and "acclamation" in text.split('id="settled"')[1]


def test_the_tally_fills_in_members_a_source_lacks_and_its_rows_of_other_members_go(tmp_path):
    # The library: 14-0-1. The table lists 13 of the seated members (12 for, one
    # abstaining) and a state that left the Council the year before: the two
    # seated members it lacks can only have voted for.
    page = library_page(tmp_path, 2018, [("S/PV.9901", "5 March", "S/RES/7501 (2018) 14-0-1")])
    names = sorted(seated_names("2018-03-05").items())
    rows = [(name, "Abstain" if i == 0 else "Yes") for i, (_, name) in enumerate(names[2:])]
    rows.append(("Uruguay", "Yes"))  # on the Council in 2016-2017, not in 2018
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-03-05", "7501 (2018)", "", "Adopted by majority", rows),
    )
    run(page, table)
    record = Resolution.objects.get(resolution_number=7501)
    assert record.votes.count() == 15 and not record.needs_review, record.review_reasons
    filled = dict(record.votes.values_list("member_id", "position"))
    assert [filled[code] for code, _ in names[:2]] == [Position.FOR, Position.FOR]
    assert "URY" not in filled and "not on the Council" in record.settled
    second_run_changes_nothing(page, table)


def test_the_tally_fills_in_nothing_when_it_leaves_two_positions(tmp_path):
    page = library_page(tmp_path, 2018, [("S/PV.9901", "5 March", "S/RES/7501 (2018) 13-0-2")])
    names = sorted(seated_names("2018-03-05").items())
    rows = [(name, "Abstain" if i == 0 else "Yes") for i, (_, name) in enumerate(names[2:])]
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-03-05", "7501 (2018)", "", "Adopted by majority", rows),
    )
    run(page, table)
    record = Resolution.objects.get(resolution_number=7501)
    assert record.needs_review and "missing member" in record.review_reasons


STRANGERS = ["Uruguay", "Senegal", "Egypt", "Japan", "Ukraine"]  # on the Council in 2017


def another_councils_rows(day: str) -> list[tuple[str, str]]:
    """Rows a table copied from another vote: ten of the day's members (one
    abstaining, one against) and five states of the Council of the year before."""
    names = sorted(seated_names(day).values())[:10]
    rows = [(name, "Yes") for name in names[2:]] + [(names[0], "Abstain"), (names[1], "No")]
    return rows + [(name, "Yes") for name in STRANGERS]


def test_rows_of_another_council_on_a_unanimous_vote_give_way_to_the_seats_of_the_day(tmp_path):
    page = library_page(tmp_path, 2018, [("S/PV.9901", "5 March", "S/RES/7601 (2018) 15-0-0")])
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-03-05", "7601 (2018)", "", "Adopted", another_councils_rows(
            "2018-03-05")),
    )  # fmt: skip
    run(page, table)
    record = Resolution.objects.get(resolution_number=7601)
    assert not record.needs_review, record.review_reasons
    positions = dict(record.votes.values_list("member_id", "position"))
    assert sorted(positions) == sorted(seated_names("2018-03-05"))
    assert set(positions.values()) == {Position.FOR}
    assert "5 states not on the Council" in record.settled and "Uruguay" in record.settled
    assert "every member voted in favour" in record.settled
    second_run_changes_nothing(page, table)


def test_rows_of_another_council_on_a_divided_vote_leave_the_tally_alone(tmp_path):
    page = library_page(tmp_path, 2018, [("S/PV.9901", "5 March", "S/RES/7601 (2018) 14-0-1")])
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-03-05", "7601 (2018)", "", "Adopted", another_councils_rows(
            "2018-03-05")),
    )  # fmt: skip
    run(page, table)
    record = Resolution.objects.get(resolution_number=7601)
    assert not record.needs_review, record.review_reasons
    assert (str(record.tally), record.votes_recorded, record.votes.count()) == ("14-0-1", False, 0)
    assert "who voted how is not on record" in record.settled
    second_run_changes_nothing(page, table)


def test_rows_of_another_council_on_a_text_adopted_without_a_vote_are_left_out(tmp_path):
    page = library_page(
        tmp_path, 2018, [("S/PV.9901", "5 March", "S/RES/7601 (2018) without vote")]
    )
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-03-05", "7601 (2018)", "", "Adopted", another_councils_rows(
            "2018-03-05")),
    )  # fmt: skip
    run(page, table)
    record = Resolution.objects.get(resolution_number=7601)
    assert not record.needs_review, record.review_reasons
    assert record.adopted_without_vote and not record.votes.exists()
    assert "another vote's" in record.settled


def test_rows_that_disagree_with_the_tally_but_name_only_seated_members_stay_flagged(tmp_path):
    page = library_page(tmp_path, 2018, [("S/PV.9901", "5 March", "S/RES/7601 (2018) 15-0-0")])
    names = sorted(seated_names("2018-03-05").values())
    rows = [(name, "Yes") for name in names[1:]] + [(names[0], "Abstain")]
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-03-05", "7601 (2018)", "", "Adopted", rows),
    )
    run(page, table)
    record = Resolution.objects.get(resolution_number=7601)
    assert record.needs_review and "tally mismatch" in record.review_reasons


def member_twice_rows(day: str, twice: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    names = seated_names(day)
    rows = [(name, "Yes") for code, name in sorted(names.items()) if code not in twice]
    for code, votes in twice.items():
        rows += [(names[code], vote) for vote in votes]
    return rows


def test_a_member_listed_twice_takes_the_vote_of_its_two_the_tally_leaves(tmp_path):
    # 14-0-1: the fourteen others for; France given twice, for and abstaining.
    page = library_page(tmp_path, 2018, [("S/PV.9901", "5 March", "S/RES/7601 (2018) 14-0-1")])
    rows = member_twice_rows("2018-03-05", {"FRA": ("Yes", "Abstain")})
    rows = [r for r in rows if r != (seated_names("2018-03-05")["PER"], "Yes")]
    rows.append((seated_names("2018-03-05")["PER"], "Abstain"))
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-03-05", "7601 (2018)", "", "Adopted", rows),
    )
    run(page, table)
    record = Resolution.objects.get(resolution_number=7601)
    assert not record.needs_review, record.review_reasons
    positions = dict(record.votes.values_list("member_id", "position"))
    assert (len(positions), positions["FRA"], positions["PER"]) == (
        15,
        Position.FOR,
        Position.ABSTAIN,
    )
    assert "twice with two different votes" in record.settled
    second_run_changes_nothing(page, table)


def test_a_member_listed_twice_with_votes_the_tally_rules_out_stays_flagged(tmp_path):
    page = library_page(tmp_path, 2018, [("S/PV.9901", "5 March", "S/RES/7601 (2018) 14-0-1")])
    names = seated_names("2018-03-05")
    rows = member_twice_rows("2018-03-05", {"FRA": ("No", "Abstain")})
    rows = [r for r in rows if r != (names["PER"], "Yes")] + [(names["PER"], "Abstain")]
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-03-05", "7601 (2018)", "", "Adopted", rows),
    )
    run(page, table)
    record = Resolution.objects.get(resolution_number=7601)
    assert record.needs_review and "member twice" in record.review_reasons


def test_members_missing_from_a_draft_short_of_the_votes_can_only_have_voted_against(tmp_path):
    page = library_page(
        tmp_path, 2018, [("S/PV.9901", "5 March", "Draft resolution S/2018/901 not adopted 2-13-0")]
    )
    names = sorted(seated_names("2018-03-05").items())
    rows = [(name, "Yes") for _, name in names[:2]] + [(name, "No") for _, name in names[2:10]]
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-03-05", "", "S/2018/901", "Not adopted", rows),
    )
    run(page, table)
    record = Resolution.objects.get(draft_symbol="S/2018/901")
    assert not record.needs_review, record.review_reasons
    positions = dict(record.votes.values_list("member_id", "position"))
    assert [positions[code] for code, _ in names[10:]] == [Position.AGAINST] * 5
    second_run_changes_nothing(page, table)


def test_the_vote_that_closed_a_meeting_of_several_days_was_taken_on_its_last_day(tmp_path):
    # The page gives the meeting's first day; the veto list the days it ran.
    page = library_page(tmp_path, 2018, [(
        "S/PV.9901", "7 March",
        "Draft resolution S/2018/901 vetoed by Russian Federation 13-2-0 S/RES/7701 (2018) 12-2-1",
    )])  # fmt: skip
    vetoes = veto_list(
        tmp_path, [("7-9 March 2018", "S/2018/901", "S/PV.9901", "Russian Federation")]
    )
    run(page, vetoes)
    closing = Resolution.objects.get(resolution_number=7701)
    assert closing.date.isoformat() == "2018-03-09" and not closing.needs_review
    assert "closed the meeting" in closing.settled and "9 March 2018" in closing.settled
    earlier = Resolution.objects.get(draft_symbol="S/2018/901")
    assert earlier.date.isoformat() == "2018-03-07"
    assert earlier.needs_review and "date uncertain" in earlier.review_reasons
    assert "7 March 2018 to 9 March 2018" in earlier.review_reasons
    second_run_changes_nothing(page, vetoes)


def test_a_meeting_page_giving_two_days_dates_its_one_vote_on_the_second(tmp_path):
    page = library_page(
        tmp_path, 2018, [("S/PV.9901", "22/23 November", "S/RES/7801 (2018) 15-0-0")]
    )
    run(page)
    record = Resolution.objects.get(resolution_number=7801)
    assert record.date.isoformat() == "2018-11-23" and not record.needs_review
    second_run_changes_nothing(page)


def test_a_veto_list_range_for_a_meeting_no_page_lists_leaves_the_day_uncertain(tmp_path):
    vetoes = veto_list(tmp_path, [("27-28 March 2018", "S/2018/902", "S/PV.9902", "United States")])
    run(vetoes)
    record = Resolution.objects.get(draft_symbol="S/2018/902")
    assert record.date.isoformat() == "2018-03-27"
    assert record.needs_review and "date uncertain" in record.review_reasons


def test_a_community_date_on_another_day_of_the_meeting_is_no_difference(tmp_path):
    page = library_page(
        tmp_path,
        2018,
        [("S/PV.9901", "27 March", "Draft resolution S/2018/903 vetoed by United States 13-1-1")],
    )
    vetoes = veto_list(tmp_path, [("27-28 March 2018", "S/2018/903", "S/PV.9901", "United States")])
    names = seated_names("2018-03-27")
    rows = [
        (name, {"USA": "No", "GBR": "Abstain"}.get(code, "Yes")) for code, name in names.items()
    ]
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-03-27", "", "S/2018/903", "Vetoed", rows),
    )
    run(page, vetoes, table)
    record = Resolution.objects.get(draft_symbol="S/2018/903")
    assert record.date.isoformat() == "2018-03-28" and not record.needs_review, (
        record.review_reasons
    )
    assert "27 March 2018, a day of the meeting" in record.settled
    second_run_changes_nothing(page, vetoes, table)


def test_adopted_by_consensus_on_the_library_page_is_adopted_without_a_vote(tmp_path):
    page = library_page(tmp_path, 2018, [
        ("S/PV.9902", "6 March", "S/RES/7902 (2018) adopted by consensus"),
        ("S/PV.9901", "5 March", "S/RES/7901 (2018)"),
    ])  # fmt: skip
    run(page)
    consensus = Resolution.objects.get(resolution_number=7902)
    assert consensus.adopted_without_vote and consensus.tally is None
    assert not consensus.needs_review
    untallied = Resolution.objects.get(resolution_number=7901)
    assert untallied.needs_review
    assert "The library's page gives the resolution without a tally." in " ".join(
        untallied.public_review_reasons
    )


def test_a_tally_with_votes_against_and_abstentions_swapped_gives_way_to_the_votes(tmp_path):
    names = seated_names("2018-04-13")
    special = {"RUS": "No", "BOL": "No"}
    rows = [(name, special.get(code, "Yes")) for code, name in sorted(names.items())]
    table = write_community(
        tmp_path / "votes.csv",
        community_rows("1", "2018-04-13", "", "S/2018/904", "Vetoed", rows[:13] + rows[13:]),
    )
    run(table)
    page = library_page(tmp_path, 2018, [
        ("S/PV.9901", "13 April", "Draft resolution S/2018/904 vetoed by Russia 13-0-2"),
    ])  # fmt: skip
    run(page)
    record = Resolution.objects.get(draft_symbol="S/2018/904")
    assert str(record.tally) == "13-2-0" and not record.needs_review, record.review_reasons
    assert "the wrong way round" in record.settled
    second_run_changes_nothing(page, table)


def test_a_tally_that_differs_otherwise_from_the_votes_stays_flagged(tmp_path):
    names = seated_names("2018-04-13")
    rows = [(name, "No" if code == "RUS" else "Yes") for code, name in sorted(names.items())]
    table = write_community(
        tmp_path / "votes.csv", community_rows("1", "2018-04-13", "", "S/2018/904", "Vetoed", rows)
    )
    run(table)
    page = library_page(tmp_path, 2018, [
        ("S/PV.9901", "13 April", "Draft resolution S/2018/904 vetoed by Russia 13-1-1"),
    ])  # fmt: skip
    run(page)
    record = Resolution.objects.get(draft_symbol="S/2018/904")
    assert record.needs_review


def test_a_resolution_adopted_over_a_permanent_members_vote_against_was_procedural(
    tmp_path, monkeypatch
):
    # The page gives each tally, not who voted against; the curated file
    # (procedural.csv) gives that from the meeting record.
    page = library_page(tmp_path, 1962, [
        ("S/PV.1017", "25 June", "S/RES/7502 (1962) 10-1-0"),
        ("S/PV.1016", "22 June", "S/RES/7501 (1962) 10-1-0"),
        ("S/PV.1015", "21 June", "S/RES/7500 (1962) 10-1-0"),
    ])  # fmt: skip
    elected = next(
        code for code, held in MemberState.objects.seated_on("1962-06-25").values_list(
            "code", "permanent"
        ) if not held
    )  # fmt: skip
    curated = tmp_path / "procedural.csv"
    curated.write_text(
        "resolution,meeting,against,decision,source\n"
        "S/RES/7501 (1962),S/PV.1016,SUN,calls a session,https://undocs.org/en/S/PV.1016\n"
        f"S/RES/7502 (1962),S/PV.1017,{elected},calls a session,https://undocs.org/en/S/PV.1017\n"
        "S/RES/7500 (1961),S/PV.1015,SUN,calls a session,https://undocs.org/en/S/PV.1015\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(bundled, "PROCEDURAL", curated)
    run(page)
    over_a_permanent_no = Resolution.objects.get(resolution_number=7501)
    assert over_a_permanent_no.procedural and over_a_permanent_no.outcome == Outcome.ADOPTED
    assert not over_a_permanent_no.needs_review
    assert "vote against of the Union of Soviet Socialist Republics, a permanent member" in (
        over_a_permanent_no.settled
    )
    assert "S/PV.1016" in over_a_permanent_no.settled
    assert over_a_permanent_no.sources.filter(url="https://undocs.org/en/S/PV.1016").exists()
    assert over_a_permanent_no.votes.count() == 0  # a tally-only record keeps no positions
    # An elected member's no implies nothing: the file is not borne out, and said so.
    elected_no = Resolution.objects.get(resolution_number=7502)
    assert not elected_no.procedural and elected_no.needs_review
    assert "procedural mismatch" in elected_no.review_reasons
    # A row of another year is another resolution.
    assert not Resolution.objects.get(resolution_number=7500).procedural
    second_run_changes_nothing(page)
