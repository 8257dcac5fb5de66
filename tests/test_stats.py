"""The public pages' counting, on plain values (no database)."""

import datetime as dt

from resolutions.stats import (
    NOT_RECORDED,
    POSITION_ORDER,
    count_per_year,
    group_by_position,
    merge_terms,
    positions_per_year,
    seats_at_vote,
    share,
    vetoes_per_year,
    with_not_recorded,
)

REFERENCE_DAY = dt.date(2017, 4, 12)
REFERENCE = {
    **dict.fromkeys(["EGY", "FRA", "ITA", "JPN", "SEN", "SWE", "UKR", "GBR", "USA", "URY"], "for"),
    "BOL": "against",
    "RUS": "veto",
    **dict.fromkeys(["CHN", "ETH", "KAZ"], "abstain"),
}
PERMANENT = {"CHN", "FRA", "GBR", "RUS", "USA"}


def seated_2017() -> dict[str, bool]:
    return {code: code in PERMANENT for code in REFERENCE}


def test_the_reference_case_shows_fifteen_seats_grouped_by_position():
    seats = seats_at_vote(on=REFERENCE_DAY, votes=REFERENCE, seated=seated_2017(), names={})
    assert len(seats) == 15
    groups = {
        position: [s.code for s in members] for position, _, members in group_by_position(seats)
    }
    assert list(groups) == ["for", "against", "veto", "abstain"]
    assert groups["veto"] == ["RUS"]
    assert groups["against"] == ["BOL"]
    # Permanent members first within a position.
    assert groups["for"][:3] == ["FRA", "GBR", "USA"]
    assert groups["abstain"][0] == "CHN"


def test_a_seated_member_without_a_recorded_vote_is_shown_not_recorded():
    votes = {"RUS": "veto"}
    seats = seats_at_vote(on=REFERENCE_DAY, votes=votes, seated=seated_2017(), names={})
    assert len(seats) == 15
    assert sum(seat.position == NOT_RECORDED for seat in seats) == 14
    assert seats[0].code == "RUS"


def test_seats_the_record_does_not_name_are_still_counted():
    seats = seats_at_vote(on=dt.date(1960, 1, 1), votes={"FRA": "for"}, seated={}, names={})
    assert len(seats) == 11  # the Council had eleven seats before 1966
    assert [s.code for s in seats if s.code] == ["FRA"]


def test_a_vote_by_a_member_not_seated_that_day_is_shown_not_dropped():
    seats = seats_at_vote(
        on=REFERENCE_DAY, votes={**REFERENCE, "XXX": "for"}, seated=seated_2017(), names={}
    )
    assert "XXX" in {s.code for s in seats}


def test_vetoes_per_year_counts_drafts_per_member_and_each_draft_once():
    rows = [
        (2014, "RUS", "Russia", 1),
        (2014, "CHN", "China", 1),  # a double veto of draft 1
        (2014, "RUS", "Russia", 2),
        (2017, "RUS", "Russia", 3),
    ]
    counts = vetoes_per_year(rows)
    assert counts.years == [2014, 2017]
    assert counts.members == [("CHN", "China"), ("RUS", "Russia")]
    assert counts.by_member["RUS"] == {2014: 2, 2017: 1}
    assert counts.drafts == {2014: 2, 2017: 1}
    assert counts.rows() == [(2014, [1, 2], 2), (2017, [0, 1], 1)]


def test_positions_per_year_fills_missing_positions_with_zero():
    table = positions_per_year([(2018, "veto", 2), (2017, "for", 3), (2018, "for", 1)])
    assert list(table) == [2017, 2018]
    assert table[2017] == {"for": 3, "against": 0, "veto": 0, "abstain": 0, "non_voting": 0}
    assert table[2018]["veto"] == 2


def test_with_not_recorded_adds_a_band_and_the_years_of_tally_only_votes():
    per_year = positions_per_year([(1960, "veto", 2)])
    table = with_not_recorded(per_year, {1960: 5, 1961: 3})
    assert list(table) == [1960, 1961]
    assert table[1960]["veto"] == 2 and table[1960][NOT_RECORDED] == 5
    assert table[1961] == {**dict.fromkeys(POSITION_ORDER, 0), NOT_RECORDED: 3}
    assert with_not_recorded(per_year, {})[1960][NOT_RECORDED] == 0


def test_count_per_year_adds_up_the_rows_of_each_year():
    assert count_per_year([(1995, 3), (1994, 1), (1995, 2)]) == {1994: 1, 1995: 5}
    assert count_per_year([]) == {}


def test_share_is_none_without_votes():
    assert share(3, 4) == 0.75
    assert share(0, 0) is None


def test_back_to_back_terms_merge_and_permanent_seats_read_as_such():
    spans = merge_terms(
        [
            (dt.date(2018, 1, 1), dt.date(2018, 12, 31), False),
            (dt.date(2017, 1, 1), dt.date(2017, 12, 31), False),
            (dt.date(2021, 1, 1), dt.date(2022, 12, 31), False),
        ]
    )
    assert [str(span) for span in spans] == ["2017–2018", "2021–2022"]
    assert str(merge_terms([(dt.date(1991, 12, 24), None, True)])[0]) == "1991–present (permanent)"
    assert str(merge_terms([(dt.date(2017, 1, 1), dt.date(2017, 12, 31), False)])[0]) == "2017"
