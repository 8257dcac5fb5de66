"""The article reader on quotations in single quotes, as the British press writes
them, on sentences written for these tests (the 2017 Council of tests/test_extract.py)."""

from __future__ import annotations

from test_extract import counts, read


def test_a_claim_in_single_quotes_is_not_a_position():
    for text in (
        "Russia vetoed the draft on Tuesday. 'Egypt voted against it today,' a diplomat claimed.",
        "Russia vetoed the draft on Tuesday. \u2018Egypt voted against,\u2019 a diplomat said.",
    ):
        result = read(text)
        assert "EGY" not in result.positions, text
        assert result.vetoed_by == ["RUS"], text


def test_a_word_in_single_quotes_and_apostrophes_are_read():
    headline = read("Russia 'vetoes' Security Council draft on Tuesday")
    assert headline.vetoed_by == ["RUS"]
    result = read("The members' votes on Tuesday were 13-0-2, with Bolivia and Egypt "
                  "abstaining; the Council's 'unity' was gone.")  # fmt: skip
    assert counts(result) == (13, 0, 2)
    assert result.positions["BOL"] == "abstain"
    after = read("Egypt's envoy said on Tuesday: 'We won't support it.' Egypt then voted "
                 "against the draft.")  # fmt: skip
    assert after.positions["EGY"] == "against"
