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
