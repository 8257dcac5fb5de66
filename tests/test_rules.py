"""The Charter's rules on real cases, without a database."""

import datetime as dt

import pytest

from resolutions import rules
from resolutions.rules import Outcome, Position, Record, Tally

P5 = {"CHN", "FRA", "GBR", "RUS", "USA"}
NAMES = {
    "RUS": "Russian Federation",
    "CHN": "China",
    "USA": "United States of America",
    "GBR": "United Kingdom of Great Britain and Northern Ireland",
    "FRA": "France",
    "JPN": "Japan",
    "SUN": "Union of Soviet Socialist Republics",
    "DEU": "Germany",
    "EGY": "Egypt",
}

# The reference case: draft S/2017/315, 12 April 2017 (S/PV.7922).
S_2017_315 = {
    **dict.fromkeys(
        ["EGY", "FRA", "ITA", "JPN", "SEN", "SWE", "UKR", "GBR", "USA", "URY"], Position.FOR
    ),
    "BOL": Position.AGAINST,
    "RUS": Position.VETO,
    **dict.fromkeys(["CHN", "ETH", "KAZ"], Position.ABSTAIN),
}
SEATED_2017 = {code: code in P5 for code in S_2017_315}
APRIL_2017 = dt.date(2017, 4, 12)


def decide(positions, on, procedural=False):
    permanent_no = [c for c, p in positions.items() if c in P5 | {"SUN"} and p in rules.NEGATIVE]
    return rules.decide(
        tally=rules.tally_of(positions.values()),
        permanent_against=sorted(permanent_no),
        on=on,
        procedural=procedural,
        names=NAMES,
    )


def test_seats_and_votes_needed_change_with_the_enlargement():
    assert rules.seats(dt.date(1965, 12, 31)) == 11
    assert rules.required_votes(dt.date(1965, 12, 31)) == 7
    assert rules.seats(dt.date(1966, 1, 1)) == 15
    assert rules.required_votes(dt.date(1966, 1, 1)) == 9


def test_a_resolution_numbered_after_the_last_of_1965_was_adopted_by_fifteen():
    assert rules.seats_of_resolution(220) == 15
    assert rules.seats_of_resolution(2118) == 15
    # resolution 219 (1965) was the 11-member Council's last; a lower number is left
    # open (an old resolution is often cited in a later report)
    assert rules.seats_of_resolution(219) is None
    assert rules.seats_of_resolution(84) is None


def test_reference_case_is_vetoed_by_the_russian_federation_from_its_votes_alone():
    decision = decide(S_2017_315, APRIL_2017)
    assert decision.outcome == Outcome.VETOED
    assert decision.vetoed_by == ("RUS",)
    assert decision.explanation == (
        "Not adopted: 10 votes in favour reached the 9 needed, but the Russian "
        "Federation, a permanent member, voted against."
    )
    assert str(rules.tally_of(S_2017_315.values())) == "10-2-3"


def test_reference_case_source_writes_no_for_the_veto():
    as_sources_say = {**S_2017_315, "RUS": Position.AGAINST}
    classified = rules.classify_negative_votes(as_sources_say, P5, on=APRIL_2017, procedural=False)
    assert classified["RUS"] == Position.VETO
    assert classified["BOL"] == Position.AGAINST  # an elected member never vetoes
    assert decide(as_sources_say, APRIL_2017).vetoed_by == ("RUS",)


def test_res_2504_adopted_with_four_permanent_members_abstaining():
    # S/RES/2504 (2020): 11-0-4, China, Russia, UK and US abstaining.
    positions = {
        **dict.fromkeys(["CHN", "RUS", "GBR", "USA"], Position.ABSTAIN),
        "FRA": Position.FOR,
        **dict.fromkeys([f"E{i}" for i in range(10)], Position.FOR),
    }
    decision = decide(positions, dt.date(2020, 1, 10))
    assert decision.outcome == Outcome.ADOPTED
    assert decision.vetoed_by == ()


def test_res_2220_adopted_with_exactly_nine():
    # S/RES/2220 (2015): 9 in favour, 6 abstentions.
    positions = {
        **dict.fromkeys(["FRA", "GBR", "USA", "CHN"], Position.FOR),
        "RUS": Position.ABSTAIN,
        **dict.fromkeys([f"E{i}" for i in range(5)], Position.FOR),
        **dict.fromkeys([f"A{i}" for i in range(5)], Position.ABSTAIN),
    }
    assert rules.tally_of(positions.values()) == Tally(9, 0, 6)
    assert decide(positions, dt.date(2015, 5, 22)).outcome == Outcome.ADOPTED


def test_eight_in_favour_and_a_permanent_no_failed_not_vetoed():
    # S/2014/916 (30 December 2014): 8-2-5, the United States against.
    positions = {
        **dict.fromkeys(["CHN", "FRA", "RUS"], Position.FOR),
        **dict.fromkeys([f"E{i}" for i in range(5)], Position.FOR),
        "USA": Position.AGAINST,
        "AUS": Position.AGAINST,
        "GBR": Position.ABSTAIN,
        **dict.fromkeys([f"A{i}" for i in range(4)], Position.ABSTAIN),
    }
    decision = decide(positions, dt.date(2014, 12, 30))
    assert decision.outcome == Outcome.FAILED
    assert decision.vetoed_by == ()
    assert decision.explanation == "Not adopted: 8 votes in favour fell short of the 9 needed."
    classified = rules.classify_negative_votes(
        positions, P5, on=dt.date(2014, 12, 30), procedural=False
    )
    assert classified["USA"] == Position.AGAINST


def test_eleven_member_council_needs_seven():
    # S/RES/84 (1950): 7-0-3 on the 11-member Council, the USSR absent.
    positions = {
        **dict.fromkeys(["CHN", "CUB", "ECU", "FRA", "NOR", "GBR", "USA"], Position.FOR),
        **dict.fromkeys(["EGY", "IND", "YUG"], Position.ABSTAIN),
        "SUN": Position.NON_VOTING,
    }
    on = dt.date(1950, 7, 7)
    assert decide(positions, on).outcome == Outcome.ADOPTED
    seated = {code: code in P5 | {"SUN"} for code in positions}
    record = Record(
        on=on,
        procedural=False,
        outcome=Outcome.ADOPTED,
        resolution_number=84,
        tally=Tally(7, 0, 3),
        votes=list(positions.items()),
    )
    assert rules.check_record(record, seated) == []
    # Six in favour on the same Council would have failed.
    six = {**positions, "NOR": Position.ABSTAIN}
    assert decide(six, on).outcome == Outcome.FAILED
    # and the seat left empty is counted as not voting, not as a vote
    assert Tally(7, 0, 3).non_voting(rules.seats(on)) == 1


def test_procedural_vote_adopted_over_a_permanent_members_no():
    # 22 December 2014, the DPRK agenda item: 11-2-2, China and Russia against.
    positions = {
        **dict.fromkeys(["FRA", "GBR", "USA"], Position.FOR),
        **dict.fromkeys([f"E{i}" for i in range(8)], Position.FOR),
        "CHN": Position.AGAINST,
        "RUS": Position.AGAINST,
        "TCD": Position.ABSTAIN,
        "NGA": Position.ABSTAIN,
    }
    decision = decide(positions, dt.date(2014, 12, 22), procedural=True)
    assert decision.outcome == Outcome.ADOPTED
    assert decision.vetoed_by == ()
    assert "no veto applies to procedural matters" in decision.explanation
    assert "China and the Russian Federation" in decision.explanation
    classified = rules.classify_negative_votes(
        positions, P5, on=dt.date(2014, 12, 22), procedural=True
    )
    assert classified["CHN"] == Position.AGAINST


def test_a_permanent_members_against_on_an_adopted_draft_with_the_votes_implies_procedural():
    # S/PV.7353, 22 December 2014: 11-2-2, China and Russia against, adopted.
    on = dt.date(2014, 12, 22)
    positions = {
        **dict.fromkeys(["FRA", "GBR", "USA", *(f"E{i}" for i in range(8))], Position.FOR),
        **dict.fromkeys(["CHN", "RUS"], Position.AGAINST),
        **dict.fromkeys(["TCD", "NGA"], Position.ABSTAIN),
    }
    assert rules.implied_procedural(positions, P5, on=on, outcome=Outcome.ADOPTED)
    # Not adopted, or a veto written as such: a substantive draft.
    assert not rules.implied_procedural(positions, P5, on=on, outcome=Outcome.VETOED)
    vetoed = {**positions, "RUS": Position.VETO, "CHN": Position.VETO}
    assert not rules.implied_procedural(vetoed, P5, on=on, outcome=Outcome.ADOPTED)
    # An elected member's against, or too few votes in favour: nothing implied.
    elected_no = {**positions, "CHN": Position.FOR, "RUS": Position.FOR, "E0": Position.AGAINST}
    assert not rules.implied_procedural(elected_no, P5, on=on, outcome=Outcome.ADOPTED)
    short = {**positions, **dict.fromkeys(["E0", "E1", "E2"], Position.ABSTAIN)}  # 8 for
    assert not rules.implied_procedural(short, P5, on=on, outcome=Outcome.ADOPTED)
    # Before 1966 seven votes were enough (res. 119 (1956): 7-2-2, France and the
    # United Kingdom against).
    in_1956 = {
        **dict.fromkeys(["CHN", "USA", "SUN", "E0", "E1", "E2", "E3"], Position.FOR),
        **dict.fromkeys(["FRA", "GBR"], Position.AGAINST),
        **dict.fromkeys(["AUS", "BEL"], Position.ABSTAIN),
    }
    permanent_1956 = {"CHN", "FRA", "GBR", "SUN", "USA"}
    assert rules.implied_procedural(
        in_1956, permanent_1956, on=dt.date(1956, 10, 31), outcome=Outcome.ADOPTED
    )


def test_draft_vetoed_by_two_permanent_members():
    # S/2014/348 (22 May 2014): 13-2-0, China and Russia.
    positions = {
        **dict.fromkeys(["FRA", "GBR", "USA"], Position.FOR),
        **dict.fromkeys([f"E{i}" for i in range(10)], Position.FOR),
        "CHN": Position.VETO,
        "RUS": Position.VETO,
    }
    decision = decide(positions, dt.date(2014, 5, 22))
    assert decision.outcome == Outcome.VETOED
    assert decision.vetoed_by == ("CHN", "RUS")
    assert "China and the Russian Federation, permanent members, voted against" in (
        decision.explanation
    )


def test_three_permanent_members_veto_together():
    # S/18016/Rev.1 (21 April 1986): 9-5-1, France, UK and US.
    positions = {
        **dict.fromkeys(["CHN", "SUN"], Position.FOR),
        **dict.fromkeys([f"E{i}" for i in range(7)], Position.FOR),
        **dict.fromkeys(["FRA", "GBR", "USA"], Position.AGAINST),
        "AUS": Position.AGAINST,
        "DNK": Position.AGAINST,
        "VEN": Position.ABSTAIN,
    }
    decision = decide(positions, dt.date(1986, 4, 21))
    assert decision.vetoed_by == ("FRA", "GBR", "USA")


def test_check_accepts_the_reference_case():
    record = Record(
        on=APRIL_2017,
        procedural=False,
        outcome=Outcome.VETOED,
        tally=Tally(10, 2, 3),
        votes=list(S_2017_315.items()),
    )
    assert rules.check_record(record, SEATED_2017, NAMES) == []


def problems_of(votes, **changes):
    fields = {
        "on": APRIL_2017,
        "procedural": False,
        "outcome": Outcome.VETOED,
        "tally": Tally(10, 2, 3),
        "votes": votes,
    }
    fields.update(changes)
    return rules.check_record(Record(**fields), SEATED_2017, NAMES)


def test_check_refuses_a_veto_by_an_elected_member_naming_it():
    votes = list({**S_2017_315, "JPN": Position.VETO, "RUS": Position.VETO}.items())
    problems = problems_of(votes, tally=Tally(9, 3, 3))
    messages = [p.message for p in problems]
    assert "Japan is not a permanent member and cannot cast a veto." in messages
    assert any(p.member == "JPN" and not p.incomplete for p in problems)


def test_check_names_a_missing_member_as_incomplete():
    votes = [(c, p) for c, p in S_2017_315.items() if c != "EGY"]
    problems = problems_of(votes)
    assert [(p.member, p.incomplete) for p in problems] == [("EGY", True)]
    assert "Egypt sat on the Council on 2017-04-12 but has no recorded vote." in (
        problems[0].message
    )


def test_check_names_a_member_not_seated_and_a_member_twice():
    votes = [*S_2017_315.items(), ("DEU", Position.FOR), ("EGY", Position.FOR)]
    problems = problems_of(votes)
    messages = [p.message for p in problems]
    assert "Germany was not a member of the Council on 2017-04-12." in messages
    assert "Egypt is recorded more than once." in messages
    assert all(not p.incomplete for p in problems)


def test_permanent_against_on_a_draft_with_the_votes_is_a_veto():
    votes = list({**S_2017_315, "RUS": Position.AGAINST}.items())
    problems = problems_of(votes)
    assert any("that is a veto" in p.message and p.member == "RUS" for p in problems)
    # and the stored outcome 'vetoed' still matches what the votes make it
    assert all(p.field != "outcome" for p in problems)


def test_veto_on_a_draft_that_lacked_the_votes_is_refused():
    positions = {**S_2017_315, "EGY": Position.ABSTAIN, "SEN": Position.ABSTAIN}
    problems = problems_of(list(positions.items()), tally=Tally(8, 2, 5))
    assert any(p.member == "RUS" and "record 'against'" in p.message for p in problems)
    assert any(p.field == "outcome" for p in problems)  # 8 in favour: failed


def test_tally_that_disagrees_with_the_votes_or_exceeds_the_seats():
    problems = problems_of(list(S_2017_315.items()), tally=Tally(11, 2, 3))
    assert any(p.field == "tally" and "add up to 10-2-3" in p.message for p in problems)
    problems = problems_of([], tally=Tally(12, 2, 3), votes_recorded=False)
    assert any("more than the 15 seats" in p.message for p in problems)


def test_outcome_must_match_the_computed_one():
    problems = problems_of(list(S_2017_315.items()), outcome=Outcome.FAILED)
    assert [p.message for p in problems] == [
        "The outcome is recorded as 'failed', but the votes make it 'vetoed'."
    ]


def test_resolution_numbers_only_on_adopted_drafts():
    problems = problems_of(list(S_2017_315.items()), resolution_number=2350)
    assert any(p.field == "resolution_number" for p in problems)
    adopted = {**S_2017_315, "RUS": Position.ABSTAIN, "BOL": Position.ABSTAIN}
    problems = problems_of(list(adopted.items()), outcome=Outcome.ADOPTED, tally=Tally(10, 0, 5))
    assert [(p.field, p.incomplete) for p in problems] == [("resolution_number", True)]


def test_tally_only_record_with_known_vetoer_is_valid():
    # Older votes: only the tally and who vetoed are known.
    record = Record(
        on=dt.date(1956, 11, 4),
        procedural=False,
        outcome=Outcome.VETOED,
        tally=Tally(9, 1, 1),
        votes=[("SUN", Position.VETO)],
        votes_recorded=False,
    )
    seated = {
        **dict.fromkeys(["SUN", "USA", "FRA", "GBR", "CHN"], True),
        **dict.fromkeys(["AUS", "BEL", "CUB", "IRN", "PER", "YUG"], False),
    }
    assert rules.check_record(record, seated) == []
    assert rules.possible_outcomes(
        tally=Tally(9, 1, 1), known_vetoes=[], on=dt.date(1956, 11, 4), procedural=False
    ) == {Outcome.ADOPTED, Outcome.VETOED}


def test_tally_only_record_needs_a_tally():
    record = Record(on=APRIL_2017, procedural=False, outcome=Outcome.FAILED, votes_recorded=False)
    problems = rules.check_record(record, SEATED_2017)
    assert [(p.field, p.incomplete) for p in problems] == [("tally", True)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Russian Federation", "the Russian Federation"),
        ("China", "China"),
        ("United States of America", "the United States of America"),
        ("France", "France"),
    ],
)
def test_names_read_with_their_article(name, expected):
    assert rules.in_sentence(name) == expected


def test_decide_from_votes_reads_the_permanent_members_from_the_seats():
    decision = rules.decide_votes(
        {**S_2017_315, "RUS": Position.AGAINST}, SEATED_2017, on=APRIL_2017, procedural=False
    )
    assert (decision.outcome, decision.vetoed_by) == (Outcome.VETOED, ("RUS",))
    # Bolivia's no is an elected member's: never a veto
    assert "BOL" not in decision.vetoed_by


def test_an_incomplete_record_that_contradicts_its_tally_is_a_contradiction():
    # Ten votes in favour on record, a tally of 5 in favour: whatever the missing
    # members did, the record contradicts itself.
    votes = [(c, p) for c, p in S_2017_315.items() if p == Position.FOR]
    problems = problems_of(votes, tally=Tally(5, 0, 10), outcome=Outcome.FAILED)
    contradictions = [p.message for p in problems if not p.incomplete]
    assert contradictions == ["The recorded votes (10-0-0) exceed the tally 5-0-10."]


@pytest.mark.parametrize(
    ("yes", "on", "procedural", "expected"),
    [
        (9, APRIL_2017, False, True),
        (8, APRIL_2017, False, False),
        (9, APRIL_2017, True, False),
        (7, dt.date(1962, 6, 22), False, True),  # S/5134: 7 of 11 was enough
        (None, APRIL_2017, False, True),
    ],
)
def test_a_permanent_no_is_a_veto_only_where_the_draft_had_the_votes(yes, on, procedural, expected):
    assert rules.could_be_vetoed(yes, on=on, procedural=procedural) is expected


def test_a_date_without_the_councils_composition_on_record_is_refused():
    record = Record(
        on=dt.date(1945, 12, 1),
        procedural=False,
        outcome=Outcome.ADOPTED,
        resolution_number=9999,
        tally=Tally(11, 0, 0),
        votes_recorded=False,
    )
    problems = rules.check_record(record, {})
    assert [p.message for p in problems] == [
        "The Council's composition on 1945-12-01 is not on record (0 of 11 seats): check the date."
    ]


def test_the_outcome_of_a_tally_is_given_only_where_the_tally_decides_it():
    on = dt.date(2017, 4, 12)
    assert rules.outcome_of(tally=Tally(15, 0, 0), on=on, procedural=False) == Outcome.ADOPTED
    assert rules.outcome_of(tally=Tally(8, 0, 7), on=on, procedural=False) == Outcome.FAILED
    # Votes against and no veto on record: adopted or vetoed, the tally cannot say.
    assert rules.outcome_of(tally=Tally(10, 2, 3), on=on, procedural=False) is None
    assert (
        rules.outcome_of(tally=Tally(10, 2, 3), known_vetoes=["RUS"], on=on, procedural=False)
        == Outcome.VETOED
    )
    assert rules.outcome_of(tally=Tally(10, 2, 3), on=on, procedural=True) == Outcome.ADOPTED


def test_the_tally_fills_in_the_votes_a_source_lacks_only_where_it_leaves_one_position():
    known = [Position.FOR] * 9 + [Position.ABSTAIN]
    assert rules.position_of_the_rest(Tally(14, 0, 1), known, 5, 15) == Position.FOR
    assert rules.position_of_the_rest(Tally(9, 0, 1), known, 5, 15) == Position.NON_VOTING
    # 13-0-2 leaves four for and one abstention: who abstained is not known.
    assert rules.position_of_the_rest(Tally(13, 0, 2), known, 5, 15) is None
    # A vote against is never filled in (a permanent member's would be a veto).
    assert rules.position_of_the_rest(Tally(9, 5, 1), known, 5, 15) is None
    # The known votes exceed the tally: nothing to fill.
    assert rules.position_of_the_rest(Tally(8, 0, 0), known, 5, 15) is None


def test_the_tally_fills_in_votes_against_where_no_negative_vote_could_be_a_veto():
    # 2 in favour and 8 against known; 2-13-0 leaves the 5 others only against, and
    # with 2 votes in favour (short of 9) no one's vote against was a veto.
    known = [Position.FOR] * 2 + [Position.AGAINST] * 8
    short = rules.could_be_vetoed(2, on=dt.date(2018, 3, 5), procedural=False)
    assert short is False
    assert rules.position_of_the_rest(Tally(2, 13, 0), known, 5, 15, vetoable=short) == (
        Position.AGAINST
    )
    # The same remainder on a draft that had its 9 votes stays open.
    known = [Position.FOR] * 9 + [Position.AGAINST]
    assert rules.position_of_the_rest(Tally(9, 6, 0), known, 5, 15, vetoable=True) is None


def test_the_vote_against_of_a_permanent_member_at_a_tally_only_vote_implies_procedural():
    # Only the tally (10-1-0, 1956) and the one member against are known.
    on = dt.date(1956, 11, 4)
    permanent = {"CHN", "FRA", "GBR", "SUN", "USA"}
    tally = rules.Tally(10, 1, 0)
    against = {"SUN": Position.AGAINST}
    assert rules.implied_procedural(against, permanent, on=on, outcome=Outcome.ADOPTED, tally=tally)
    # Without the tally, the one position known is far from the votes needed.
    assert not rules.implied_procedural(against, permanent, on=on, outcome=Outcome.ADOPTED)
    # Short of seven in favour, or an elected member against: nothing implied.
    assert not rules.implied_procedural(
        against, permanent, on=on, outcome=Outcome.ADOPTED, tally=rules.Tally(6, 1, 4)
    )
    assert not rules.implied_procedural(
        {"E1": Position.AGAINST}, permanent, on=on, outcome=Outcome.ADOPTED, tally=tally
    )


def test_a_resolution_number_beside_an_outcome_not_yet_known_is_no_contradiction():
    """An outcome not given (nor computable yet) is unknown: a resolution number
    beside it is not "a number on a draft that was not adopted"."""
    votes = [(c, Position.FOR) for c in S_2017_315 if c != "EGY"]
    problems = problems_of(votes, outcome=None, tally=None, resolution_number=2350)
    assert [(p.member, p.field) for p in problems] == [("EGY", "member")]
    vetoed = problems_of(list(S_2017_315.items()), outcome=Outcome.VETOED, resolution_number=2350)
    assert [p.field for p in vetoed] == ["resolution_number"]


def test_an_outcome_the_votes_contradict_is_named_without_what_follows_from_it():
    """Recorded as adopted, the reference case's votes make it vetoed: the wrong
    outcome is the problem, not also an adopted text's missing number."""
    problems = problems_of(list(S_2017_315.items()), outcome=Outcome.ADOPTED)
    assert [p.field for p in problems] == ["outcome"]
    assert problems[0].of_the_count


def test_a_member_who_did_not_sit_is_named_once_not_also_counted_as_a_vote_too_many():
    votes = [*S_2017_315.items(), ("DEU", Position.ABSTAIN)]
    problems = problems_of(votes, tally=None)
    assert [p.message for p in problems] == [
        "Germany was not a member of the Council on 2017-04-12."
    ]
    # Given by a source, a tally of more votes than seats is still refused.
    given = problems_of(votes, tally=Tally(10, 2, 4))
    assert any(p.field == "tally" for p in given)
