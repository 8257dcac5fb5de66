"""The article reader on what is said: quotations in single quotes, as the British
press writes them, and explanations of vote ("the representative of China said his
delegation had voted against"), on sentences written for these tests (the 2017
Council of tests/test_extract.py)."""

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


def test_a_representative_explaining_his_delegation_s_vote():
    result = read("The Security Council on Tuesday failed to adopt the draft. Speaking after "
                  "the vote, the representative of China said his delegation had voted against "
                  "because the text was unbalanced.")  # fmt: skip
    assert result.positions["CHN"] in ("against", "veto")
    egypt = read("The Security Council on Tuesday adopted the text. Speaking in explanation of "
                 "vote, Egypt's representative said her country had abstained.")  # fmt: skip
    assert egypt.positions["EGY"] == "abstain"


def test_a_delegation_s_vote_of_another_time_or_hedged_or_of_another_speaker():
    for sentence in (
        "The representative of China said his delegation had voted against a similar text in 2015.",
        "The representative of China said his delegation would have voted against.",
        "The representative of China, speaking of Egypt, said its delegation had abstained.",
    ):
        result = read("The Security Council on Tuesday failed to adopt the draft. " + sentence)
        assert result.positions == {}, sentence
