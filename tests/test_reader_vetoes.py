"""The article reader on vetoes told without the word, on sentences written for these
tests (the 2017 Council of tests/test_extract.py)."""

from __future__ import annotations

from test_extract import counts, read


def test_a_draft_shot_down_nixed_or_sunk_by_a_permanent_member():
    for sentence, member in (
        ("Washington shot down the Security Council resolution on Tuesday; the other 14 "
         "members voted for it.", "USA"),
        ("The U.S. on Tuesday nixed the Security Council draft; the 14 other members backed "
         "it.", "USA"),
        ("Britain sank the Security Council draft on Tuesday, 14-1.", "GBR"),
        ("Moscow scuppered the Security Council text on Tuesday, 13-1-1.", "RUS"),
    ):  # fmt: skip
        result = read(sentence)
        assert result.vetoed_by == [member], sentence
        assert result.outcome == "vetoed", sentence


def test_a_draft_that_sank_by_itself_names_nobody():
    result = read("The Security Council resolution sank on Tuesday after Russia's lobbying, "
                  "8-4-3.")  # fmt: skip
    assert result.vetoed_by == [] and result.positions == {}
    assert counts(result) == (8, 4, 3)
