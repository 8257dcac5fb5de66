"""The article reader on how the press writes a score, on sentences written for these
tests (the 2017 Council of tests/test_extract.py)."""

from __future__ import annotations

from test_extract import counts, read


def test_scores_written_with_to_nil_or_a_margin():
    for sentence, expected in (
        ("The Security Council adopted the resolution on Tuesday by a 13-to-2 vote.", (13, 2)),
        ("The Security Council adopted the resolution on Tuesday by a 14-nil vote, with Egypt "
         "abstaining.", (14, 0)),
        ("The Security Council adopted the resolution on Tuesday by a margin of 13 to 2.",
         (13, 2)),
    ):  # fmt: skip
        result = read(sentence)
        assert counts(result)[:2] == expected, sentence
        assert result.resolution_number is None, sentence
    assert (
        read("The Security Council adopted resolution 2350 13-to-2 on Tuesday.").counts["for"] == 13
    )


def test_a_score_in_words_joined_by_to():
    result = read("The Security Council approved the resolution on Tuesday by a vote of "
                  "thirteen-to-two, with Bolivia and Egypt against.")  # fmt: skip
    assert counts(result) == (13, 2, 0)
    assert result.positions["BOL"] == result.positions["EGY"] == "against"
    assert counts(read("The Security Council approved the resolution on Tuesday "
                       "fourteen-to-nothing, with Egypt abstaining."))[:2] == (14, 0)  # fmt: skip
    # a compound that is no score
    assert counts(read("The Council adopted the text on Tuesday after a one-to-one meeting."))[
        :2
    ] == (None, None)
