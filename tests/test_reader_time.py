"""The article reader on what a report says of time around the vote, on sentences
written for these tests (the 2017 Council of tests/test_extract.py)."""

from __future__ import annotations

from test_extract import counts, read


def test_the_first_since_a_year_measures_this_vote_against_the_past():
    for sentence in (
        "The resolution, the first on the conflict since 2014, passed 13-0-2 on Tuesday, "
        "with Bolivia and Egypt abstaining.",
        "The resolution, the toughest in a decade, passed 13-0-2 on Tuesday, with Bolivia "
        "and Egypt abstaining.",
    ):
        result = read(sentence)
        assert counts(result) == (13, 0, 2), sentence
        assert result.positions["BOL"] == "abstain", sentence
    # a vote told of a past year stays of that year
    assert counts(read("In 2014 the first resolution since the war passed 13-0-2.")) == (
        None,
        None,
        None,
    )


def test_a_dateline_is_the_reporter_s_day_not_the_vote_s():
    # filed that day: the vote may have been the day before
    result = read("UNITED NATIONS, April 12 (Reuters) - The Security Council has adopted a "
                  "resolution on the sanctions, 13-0-2.")  # fmt: skip
    assert result.vote_date is None
    assert result.seated  # but the report's days had one Council, and the text dates itself
    # against the dateline, the words of time are read
    tonight = read("UNITED NATIONS, April 11 -- The Security Council tonight adopted a "
                   "resolution on the sanctions, 13-0-2.")  # fmt: skip
    assert tonight.vote_date.isoformat() == "2017-04-11"
    weekday = read("UNITED NATIONS, April 12 (Reuters) - The Security Council on Monday "
                   "adopted a resolution on the sanctions, 13-0-2.")  # fmt: skip
    assert weekday.vote_date.isoformat() == "2017-04-10"


def test_a_dateline_in_brackets_after_the_place_is_the_reporter_s_day_too():
    weekday = read("GENEVA (April 12) - The Security Council on Monday adopted a resolution "
                   "on the sanctions, 13-0-2.")  # fmt: skip
    assert weekday.vote_date.isoformat() == "2017-04-10"
    alone = read("GENEVA (April 12) - The Security Council has adopted a resolution on the "
                 "sanctions, 13-0-2.")  # fmt: skip
    assert alone.vote_date is None
    # a date in brackets further on is the text's own
    told = read("The Security Council adopted the resolution (on April 10) by 13-0-2.")
    assert told.vote_date.isoformat() == "2017-04-10"


def test_the_day_of_something_else_in_a_clause_of_after_or_which():
    for sentence, day in (
        ("After talks on Monday failed, the Security Council voted on Tuesday, 10-2-3.",
         "2017-04-11"),
        ("The Security Council adopted the text 13-0-2 on Tuesday after a debate that began on "
         "Monday.", "2017-04-11"),
        ("The Security Council, which had met on Monday, adopted the text 13-0-2.", None),
        ("The Security Council adopted the text 13-0-2 after a debate that began on Monday.",
         None),
    ):  # fmt: skip
        result = read(sentence)
        assert (result.vote_date and result.vote_date.isoformat()) == day, sentence
        assert counts(result)[0] in (10, 13), sentence
    # a clause of "after" that tells a vote dates it
    voted = read("After voting on Monday, the Security Council adopted the text 13-0-2.")
    assert voted.vote_date.isoformat() == "2017-04-10"


def test_a_resolution_s_number_tells_the_council_s_size():
    result = read("The Security Council unanimously adopted resolution 2118 on chemical "
                  "weapons.", None)  # fmt: skip
    assert counts(result) == (15, 0, 0)
    assert result.positions == {}  # the size, not the members
    old = read("The Security Council unanimously adopted resolution 161 on the Congo.", None)
    assert counts(old)[0] is None


def test_a_dateline_closed_by_an_agency_and_a_stop_dash_is_not_the_votes_day():
    result = read("GENEVA, April 13, 2017 (Agency).- Russia yesterday vetoed the draft in the "
                  "Security Council.", None)  # fmt: skip
    assert result.vote_date.isoformat() == "2017-04-12"
