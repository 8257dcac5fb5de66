"""The article reader on the ways of writing met in press releases, wire copy, live
blogs, op-eds and translated reports, each rule on sentences written for these tests
(the 2017 Council of tests/test_extract.py)."""

from __future__ import annotations

from test_extract import counts, read


def test_a_question_of_procedure_takes_no_veto():
    result = read("The Council adopted the resolution on Tuesday by 9 votes to 2, with 4 "
                  "abstentions. Because it dealt with a question of procedure, the negative "
                  "votes of France and Britain did not count.")  # fmt: skip
    assert result.procedural
    assert result.positions["FRA"] == "against"
    assert result.positions["GBR"] == "against"
    assert result.vetoed_by == []
    assert result.outcome == "adopted"
    # not when the text denies it
    denied = read("The Council voted on Tuesday; it was not a question of procedure.")
    assert not denied.procedural


def test_a_veto_told_without_its_member_makes_the_permanent_noes_vetoes():
    for sentence in (
        "On Tuesday Russia and China voted no, and with their vetoes the draft died, although "
        "nine members of the Council voted for it.",
        "On Tuesday Russia and China voted no, and the draft was vetoed, although nine members "
        "of the Council voted for it.",
    ):
        result = read(sentence)
        assert result.positions["RUS"] == result.positions["CHN"] == "veto", sentence
        assert result.vetoed_by == ["CHN", "RUS"], sentence
        assert result.outcome == "vetoed", sentence


def test_a_veto_spoken_of_or_of_another_time_makes_no_veto():
    for sentence in (
        "On Tuesday Russia and China voted no. If the draft was vetoed, nine members would "
        "have voted for it in vain.",
        "On Tuesday Russia voted no on the draft, which won only five votes; a similar text was "
        "vetoed in 2015.",
    ):
        result = read(sentence)
        assert result.vetoed_by == [], sentence
        assert "veto" not in result.positions.values(), sentence
    # an elected member's no stays a no
    result = read("On Tuesday Russia and Bolivia voted no, and the draft was vetoed, although "
                  "ten members voted for it.")  # fmt: skip
    assert result.positions["BOL"] == "against"
    assert result.positions["RUS"] == "veto"


def test_members_before_a_bare_noun_apposition_take_the_phrase():
    result = read("On Tuesday Japan, Egypt and Sweden, democracies that want permanent seats, "
                  "abstained.")  # fmt: skip
    assert [result.positions[c] for c in ("JPN", "EGY", "SWE")] == ["abstain"] * 3
    assert read("On Tuesday China, however, abstained.").positions["CHN"] == "abstain"


def test_and_so_did_joins_a_member_to_the_phrase():
    result = read("Japan abstained in the vote on Tuesday, and so did Bolivia.")
    assert result.positions["JPN"] == "abstain"
    assert result.positions["BOL"] == "abstain"


def test_the_resolution_numbered_or_that_the_text_became():
    assert read("The resolution, numbered 2350, was adopted on Tuesday by twelve votes to "
                "one.").resolution_number == 2350  # fmt: skip
    became = read("The text was adopted on Tuesday. It became Resolution 2350.")
    assert became.resolution_number == 2350


def test_a_resolution_of_another_month_is_not_the_document():
    result = read("The Council on Tuesday adopted the text by 13 votes to none. Bolivia had also "
                  "voted against resolution 2336 in December, which passed 14 to 1.")  # fmt: skip
    assert result.resolution_number is None
    result = read("The Council on Tuesday adopted resolution 2350 by 13 votes to none. Bolivia "
                  "had also voted against resolution 2336 in December.")  # fmt: skip
    assert result.resolution_number == 2350


def test_a_paragraph_opened_by_a_time_and_another_draft_is_that_drafts():
    result = read("The Council on Tuesday adopted the resolution 13-0, with China and Russia "
                  "abstaining.\n\nMinutes earlier, a rival Russian draft failed. It got only "
                  "four votes in favour, with the United States and Japan voting against and "
                  "the other nine members abstaining.")  # fmt: skip
    assert counts(result) == (13, 0, 2)
    assert result.positions["USA"] == "for"
    assert result.positions["JPN"] == "for"
    assert result.outcome == "adopted"


def test_a_tally_told_position_first_as_a_translation_writes_it():
    result = read("Yesterday the Security Council voted on the draft. For the draft voted 10 "
                  "members of the Council, against - 2 (Russia, Bolivia), abstained 3 (China, "
                  "Egypt, Ethiopia).")  # fmt: skip
    assert counts(result) == (10, 2, 3)
    assert result.positions["BOL"] == "against"
    assert result.positions["RUS"] == "veto"
    assert [result.positions[c] for c in ("CHN", "EGY", "ETH")] == ["abstain"] * 3
    assert result.positions["JPN"] == "for"
    result = read("On Tuesday the Council adopted the resolution. For the resolution voted 14 "
                  "members of the Council. Against voted nobody.")  # fmt: skip
    assert counts(result)[:2] == (14, 0)


def test_members_in_brackets_that_are_not_as_many_as_the_count_are_not_placed():
    result = read("On Tuesday the Council voted on the draft: for - 10, against - 2 (Russia), "
                  "abstained 3 (China, Egypt).")  # fmt: skip
    assert counts(result) == (10, 2, 3)
    assert "RUS" not in result.positions
    assert "CHN" not in result.positions


def test_a_vote_after_midnight_of_an_evening_is_the_next_day():
    result = read("The Council met late on the evening of 10 April and adopted the resolution "
                  "after midnight.")  # fmt: skip
    assert result.vote_date.isoformat() == "2017-04-11"
    early = read("The Council adopted the resolution in the early hours of 11 April.")
    assert early.vote_date.isoformat() == "2017-04-11"


def test_a_vote_told_around_midnight_without_its_evening_leaves_its_day_open():
    for sentence in (
        "The Council adopted the resolution on 11 April, after midnight.",
        "In the night from 10 to 11 April the Council adopted the resolution unanimously.",
    ):
        result = read(sentence)
        assert result.vote_date is None, sentence
        assert any("midnight" in w for w in result.warnings), sentence
    assert read("The Council adopted the resolution on 11 April.").vote_date.isoformat() == (
        "2017-04-11"
    )


def test_a_list_after_voting_yes_and_voting_no():
    result = read("The draft failed on Tuesday. Voting yes: Russia and Bolivia. Voting no: "
                  "Japan, Italy and Sweden.")  # fmt: skip
    assert result.positions["RUS"] == result.positions["BOL"] == "for"
    assert [result.positions[c] for c in ("JPN", "ITA", "SWE")] == ["against"] * 3


def test_a_procedural_vote_to_come_does_not_make_this_one_procedural():
    result = read("Russia vetoed the draft on Tuesday, 13 votes to 2. A vote on calling the "
                  "General Assembly, a procedural question, is expected on Thursday.")  # fmt: skip
    assert not result.procedural
    assert result.positions["RUS"] == "veto"
    assert result.outcome == "vetoed"
    assert result.vote_date.isoformat() == "2017-04-11"


def test_the_representative_of_a_member_as_the_subject_of_the_phrase():
    result = read("The Council adopted the resolution on Tuesday by 14 votes to one. The "
                  "representative of Bolivia voted against.")  # fmt: skip
    assert result.positions["BOL"] == "against"
    assert result.positions["JPN"] == "for"
    result = read("The Council adopted the resolution on Tuesday by 14 votes to none. The "
                  "delegation of China in the voting did not participate.")  # fmt: skip
    assert result.positions["CHN"] == "non_voting"
    named = read("The Council adopted the resolution on Tuesday by 14 votes to none. The "
                 "ambassador of China, Liu Jieyi, abstained.")  # fmt: skip
    assert named.positions["CHN"] == "abstain"
    # the member of a speaker who tells of another's vote is not placed
    told = read("The Council adopted the resolution on Tuesday. The representative of China "
                "said Bolivia abstained.")  # fmt: skip
    assert "CHN" not in told.positions
    assert told.positions["BOL"] == "abstain"


def test_a_permanent_no_on_a_text_said_adopted_is_no_veto_and_leaves_the_outcome_open():
    for text in (
        "The resolution was adopted on Tuesday by 11 votes to 1, with 3 abstentions; Russia "
        "voted against.",
        "The Council on Tuesday adopted the resolution by 11 votes to 1, with 3 abstentions. "
        "Russia voted against, and China, Egypt and Ethiopia abstained.",
    ):
        result = read(text)
        assert result.positions["RUS"] == "against", text
        assert result.vetoed_by == [], text
        assert result.outcome is None, text
        assert any("procedural vote?" in w for w in result.warnings), text
    # a veto the text names stands
    vetoed = read("Russia vetoed the draft on Tuesday, 11 votes to 1 with 3 abstentions.")
    assert vetoed.vetoed_by == ["RUS"] and vetoed.outcome == "vetoed"


def test_a_member_set_against_another_is_not_given_its_position():
    result = read("The Council adopted the resolution on Tuesday by 14 votes to none, with 1 "
                  "abstention. The representative of Egypt, who abstained, said the text was "
                  "premature. Japan's delegate said that, unlike Egypt, his delegation had voted "
                  "in favour.")  # fmt: skip
    assert result.positions["EGY"] == "abstain"
    contrast = read("The Council adopted the resolution on Tuesday by 14 votes to none, with 1 "
                    "abstention. Japan, unlike Egypt, voted in favour.")  # fmt: skip
    assert contrast.positions["JPN"] == "for"
    assert "EGY" not in contrast.positions


def test_the_same_moment_told_in_another_time_zone_is_not_another_day():
    result = read("The Council adopted the resolution late Tuesday (early Wednesday GMT) by 13 "
                  "votes to none, with China and Russia abstaining.")  # fmt: skip
    assert counts(result) == (13, 0, 2)
    assert result.positions["RUS"] == result.positions["CHN"] == "abstain"
    assert result.vote_date.isoformat() == "2017-04-11"
    only_gmt = read("The Council adopted the resolution (0130 GMT Tuesday) by 13 votes to none.")
    assert only_gmt.vote_date is None


def test_the_members_of_a_count_after_namely():
    result = read("The text passed on Tuesday with 12 votes in favour, zero against and three "
                  "abstentions, namely China, Egypt and Ethiopia.")  # fmt: skip
    assert [result.positions[c] for c in ("CHN", "EGY", "ETH")] == ["abstain"] * 3
    assert result.positions["JPN"] == "for"
