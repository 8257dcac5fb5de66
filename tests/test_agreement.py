"""Reading votes together (resolutions/agreement.py) on plain values, and on the
reference case S/2017/315 as the bundled data holds it."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from resolutions import agreement
from resolutions.agreement import Ballot, agree, compare, division, majority_side, matrix

DAY = dt.date(2020, 5, 1)


def ballot(key: int, positions: dict[str, str], *, on: dt.date = DAY, recorded: bool = True):
    return Ballot(key=key, on=on, positions=positions, recorded=recorded)


@pytest.mark.parametrize(
    "first, second, expected",
    [
        ("for", "for", True),
        ("against", "against", True),
        ("abstain", "abstain", True),
        ("veto", "against", True),  # a veto is a no
        ("veto", "veto", True),
        ("for", "against", False),
        ("for", "abstain", False),
        ("veto", "abstain", False),
        ("non_voting", "non_voting", None),  # not voting is left out, even together
        ("for", "non_voting", None),
        ("for", None, None),  # not on record
    ],
)
def test_agreement_of_two_positions(first, second, expected):
    assert agree(first, second) is expected
    assert agree(second, first) is expected


def test_comparison_counts_only_votes_where_both_positions_are_on_record():
    ballots = [
        ballot(1, {"AAA": "for", "BBB": "for"}, on=dt.date(2019, 3, 1)),
        ballot(2, {"AAA": "veto", "BBB": "against"}, on=dt.date(2019, 6, 1)),
        ballot(3, {"AAA": "for", "BBB": "abstain"}, on=dt.date(2020, 1, 9)),
        ballot(4, {"AAA": "for", "BBB": "non_voting"}, on=dt.date(2020, 2, 9)),
        ballot(5, {"AAA": "for"}, on=dt.date(2020, 3, 9)),  # BBB not on record
        # A tally-only record: only the veto stored; left out.
        ballot(6, {"AAA": "veto"}, on=dt.date(2020, 4, 9), recorded=False),
        ballot(7, {"CCC": "for", "BBB": "for"}, on=dt.date(2021, 1, 9)),
    ]
    result = compare(ballots, "AAA", "BBB")
    assert (result.overall.votes, result.overall.agree) == (3, 2)
    assert result.overall.share == pytest.approx(2 / 3)
    assert {year: (c.votes, c.agree) for year, c in result.per_year.items()} == {
        2019: (2, 2),
        2020: (1, 0),
    }
    assert [b.key for b in result.splits] == [3]


def test_no_vote_in_common_has_no_share():
    result = compare([ballot(1, {"AAA": "for", "BBB": "non_voting"})], "AAA", "BBB")
    assert result.overall.votes == 0 and result.overall.share is None
    assert result.per_year == {}


def test_matrix_counts_every_pair_once_and_leaves_tally_only_records_out():
    ballots = [
        ballot(1, {"AAA": "for", "BBB": "for", "CCC": "against", "DDD": "for"}),
        ballot(2, {"AAA": "veto", "BBB": "against", "CCC": "against", "DDD": "non_voting"}),
        ballot(3, {"AAA": "veto", "BBB": "veto"}, recorded=False),
    ]
    counts = matrix(ballots, ["CCC", "AAA", "BBB"])  # DDD not asked for
    assert {key: (c.votes, c.agree) for key, c in counts.items()} == {
        ("AAA", "BBB"): (2, 2),
        ("AAA", "CCC"): (2, 1),
        ("BBB", "CCC"): (2, 1),
    }


def test_cluster_order_puts_blocs_side_by_side():
    # Two blocs: A, C, E always vote one way; B, D the other.
    ballots = [
        ballot(n, {"A": x, "B": y, "C": x, "D": y, "E": x})
        for n, (x, y) in enumerate([("for", "against"), ("for", "abstain"), ("for", "for")])
    ]
    members = ["A", "B", "C", "D", "E"]
    order = agreement.cluster_order(members, matrix(ballots, members))
    assert sorted(order) == members
    positions = {code: order.index(code) for code in members}
    bloc = sorted(positions[c] for c in "ACE")
    assert bloc[-1] - bloc[0] == 2, order  # A, C and E are adjacent
    assert abs(positions["B"] - positions["D"]) == 1, order


def test_majority_is_the_largest_group_and_a_tie_has_none():
    assert majority_side(["for"] * 10 + ["against", "veto"] + ["abstain"] * 3) == "for"
    assert majority_side(["for"] * 15) == "for"  # unanimous: everyone with the majority
    assert majority_side(["veto", "against", "against", "for"]) == "against"
    assert majority_side(["for", "against", "non_voting", "non_voting"]) is None
    assert majority_side(["non_voting"]) is None


def test_division_is_how_far_from_unanimous():
    assert division({"for": 15, "against": 0, "abstain": 0}) == 0
    assert division({"for": 10, "against": 2, "abstain": 3}) == pytest.approx(5 / 15)
    assert division({"for": 7, "against": 4, "abstain": 4}) == pytest.approx(8 / 15)
    assert division({"for": 0, "against": 0, "abstain": 0}) is None


def test_isolation_counts_votes_with_the_majority_and_lists_the_alone_votes():
    ballots = [
        ballot(1, {"RRR": "veto", "SSS": "for", "TTT": "for", "UUU": "abstain"}),
        ballot(2, {"RRR": "against", "SSS": "against", "TTT": "for", "UUU": "against"}),
        ballot(3, {"RRR": "abstain", "SSS": "for", "TTT": "for", "UUU": "abstain"}),  # tie
        ballot(4, {"RRR": "non_voting", "SSS": "for", "TTT": "for"}),
        ballot(5, {"RRR": "veto", "SSS": "for"}, recorded=False),
    ]
    result = agreement.isolation(ballots, "RRR")
    assert (result.votes, result.with_majority, result.against_majority) == (2, 1, 1)
    assert result.share_with_majority == 0.5
    assert [b.key for b in result.alone] == [1]
    # On vote 1 UUU was the only abstention: alone too.
    other = agreement.isolation(ballots, "UUU")
    assert [b.key for b in other.alone] == [1]
    assert (other.votes, other.with_majority) == (2, 1)


@pytest.mark.django_db
def test_the_reference_case_read_together():
    from resolutions.models import Resolution

    record = Resolution.objects.get(draft_symbol="S/2017/315")
    positions = dict(record.votes.values_list("member_id", "position"))
    real = [Ballot(record.pk, record.date, positions, record.votes_recorded)]
    assert compare(real, "RUS", "BOL").overall.agree == 1  # veto and against agree
    assert compare(real, "RUS", "CHN").overall.agree == 0  # veto and abstention do not
    assert compare(real, "USA", "GBR").overall.agree == 1
    assert compare(real, "USA", "RUS").splits == real
    assert majority_side(positions.values()) == "for"
    # Its division from the record's own tally (10-2-3) and from its members' votes.
    tally = {"for": record.votes_for, "against": record.votes_against}
    tally["abstain"] = record.votes_abstain
    assert division(tally) == pytest.approx(1 / 3)
    assert agreement.tally_division(*tally.values()) == pytest.approx(1 / 3)
    cast = Counter("against" if p == "veto" else p for p in positions.values())
    assert division(cast) == pytest.approx(1 / 3)
    alone = [code for code in positions if agreement.isolation(real, code).alone]
    assert alone == []  # Russia had Bolivia beside it; China two other abstainers
    with_majority = sorted(
        code for code in positions if agreement.isolation(real, code).with_majority
    )
    assert with_majority == ["EGY", "FRA", "GBR", "ITA", "JPN", "SEN", "SWE", "UKR", "URY", "USA"]


def test_pairs_per_year_reads_the_ussr_and_its_successor_as_one_line():
    ballots = [
        ballot(1, {"SUN": "veto", "USA": "for", "GBR": "for"}, on=dt.date(1990, 5, 1)),
        ballot(2, {"RUS": "for", "USA": "for", "GBR": "abstain"}, on=dt.date(1994, 5, 1)),
        ballot(3, {"RUS": "against", "USA": "against"}, on=dt.date(1994, 6, 1)),
        ballot(4, {"SUN": "veto", "USA": "for"}, on=dt.date(1985, 1, 1), recorded=False),
    ]
    lines = agreement.pairs_per_year(ballots, ["RUS", "USA", "GBR"], same={"SUN": "RUS"})
    assert set(lines) == {("GBR", "RUS"), ("GBR", "USA"), ("RUS", "USA")}
    russia_usa = {year: (c.votes, c.agree) for year, c in lines[("RUS", "USA")].items()}
    assert russia_usa == {1990: (1, 0), 1994: (2, 2)}
    assert {y: (c.votes, c.agree) for y, c in lines[("GBR", "USA")].items()} == {
        1990: (1, 1),
        1994: (1, 0),
    }


def test_isolation_of_all_equals_isolation_member_by_member():
    ballots = [
        ballot(1, {"RRR": "veto", "SSS": "for", "TTT": "for", "UUU": "abstain"}),
        ballot(2, {"RRR": "against", "SSS": "against", "TTT": "for", "UUU": "against"}),
        ballot(3, {"RRR": "for", "SSS": "for", "TTT": "non_voting", "UUU": "for"}),
    ]
    together = agreement.isolation_of_all(ballots, ["RRR", "TTT", "ZZZ"])
    for code in ("RRR", "TTT"):
        alone = agreement.isolation(ballots, code)
        assert (together[code].votes, together[code].with_majority) == (
            alone.votes,
            alone.with_majority,
        )
        assert together[code].alone == alone.alone
    assert [b.key for b in together["TTT"].alone] == [2]
    assert together["ZZZ"].votes == 0 and together["ZZZ"].share_with_majority is None


def test_division_of_an_official_tally():
    assert agreement.tally_division(10, 2, 3) == pytest.approx(1 / 3)  # S/2017/315
    assert agreement.tally_division(15, 0, 0) == 0
    assert agreement.tally_division(None, 2, 3) is None


def test_majority_of_side_counts_is_majority_side_of_the_positions():
    assert agreement.majority_of({"for": 10, "against": 2, "abstain": 3}) == "for"
    assert agreement.majority_of({"for": 2, "against": 2, "abstain": 1}) is None  # a tie
    assert agreement.majority_of({"for": 0, "against": 1, "abstain": 0}) == "against"
    assert agreement.majority_of({"for": 0, "against": 0, "abstain": 0}) is None
    assert agreement.majority_of({}) is None
    for positions in (
        ["for"] * 7 + ["veto", "against"] * 2 + ["abstain"] * 4,
        ["for", "against", "veto", "abstain", "abstain", "non_voting"],
        ["abstain", "abstain", "for", "for"],
    ):
        counts = agreement.sides_of(positions)
        assert agreement.majority_of(counts) == majority_side(positions)


def test_isolation_add_reads_side_counts_as_isolation_reads_ballots():
    result = agreement.Isolation("RRR")
    # 3 votes with the majority, counted at once; one against it with a partner;
    # one alone; a tie and not voting do not count.
    assert result.add("for", {"for": 12, "against": 1, "abstain": 2}, times=3) is False
    assert result.add("against", {"for": 9, "against": 2, "abstain": 4}) is False
    assert result.add("abstain", {"for": 14, "against": 0, "abstain": 1}) is True
    assert result.add("for", {"for": 5, "against": 5, "abstain": 5}) is False
    assert result.add(None, {"for": 15, "against": 0, "abstain": 0}) is False
    assert (result.votes, result.with_majority, result.against_majority) == (5, 3, 2)


@pytest.mark.django_db
def test_member_page_figure_from_database_counts_equals_isolation_over_ballots():
    """The member page's "with the majority" (side counts summed by the database)
    gives isolation()'s figures over the same votes, read as ballots."""
    from factories import council, resolution

    from resolutions import together
    from resolutions.members import member_figures
    from resolutions.models import Vote
    from resolutions.rules import Outcome, Position

    members = council("W", permanent=2, elected=3)  # WAA, WAB permanent
    waa, wab, wac, wad, wae = members
    on = dt.date(2977, 1, 1)
    records = [
        # WAA vetoes alone: alone, against the majority.
        resolution(
            on=on,
            draft_symbol="S/2977/1",
            positions={Position.VETO: [waa], Position.FOR: [wab, wac, wad, wae]},
            outcome=Outcome.VETOED,
        ),
        # WAA and WAC against (a veto and an against, one side): not alone.
        resolution(
            on=on,
            draft_symbol="S/2977/2",
            positions={
                Position.VETO: [waa],
                Position.AGAINST: [wac],
                Position.FOR: [wab, wad, wae],
            },
            outcome=Outcome.VETOED,
        ),
        # Unanimous but one not voting: every voter with the majority.
        resolution(
            on=on,
            draft_symbol="S/2977/3",
            positions={Position.FOR: [waa, wab, wac, wad], Position.NON_VOTING: [wae]},
        ),
        # A tie for the largest group (2 for, 2 abstain): no majority, not counted.
        resolution(
            on=on,
            draft_symbol="S/2977/4",
            positions={
                Position.FOR: [waa, wab],
                Position.ABSTAIN: [wac, wad],
                Position.AGAINST: [wae],
            },
            outcome=Outcome.FAILED,
        ),
        # WAE abstains alone.
        resolution(
            on=on,
            draft_symbol="S/2977/5",
            positions={Position.FOR: [waa, wab, wac, wad], Position.ABSTAIN: [wae]},
        ),
    ]
    # A tally-only record (only the veto stored): left out of every figure.
    resolution(
        on=on,
        draft_symbol="S/2977/6",
        positions={Position.VETO: [waa]},
        outcome=Outcome.VETOED,
        votes_recorded=False,
    )
    expected = {  # (votes counted, with the majority, votes alone)
        "WAA": (4, 2, [records[0].pk]),
        "WAB": (4, 4, []),
        "WAC": (4, 3, []),
        "WAD": (4, 4, []),
        "WAE": (3, 2, [records[4].pk]),
    }
    for state in members:
        found = member_figures(state, with_majority=True)
        database, alone = found.isolation, found.alone
        ballots = together.ballots(Vote.objects.filter(resolution__votes__member=state))
        python = agreement.isolation(ballots, state.code)
        figures = (database.votes, database.with_majority, [r.pk for r in alone])
        assert figures == expected[state.code], state.code
        assert figures == (python.votes, python.with_majority, [b.key for b in python.alone])
