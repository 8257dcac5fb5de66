"""The article reader on more of the ways reporters write a vote, each rule on
sentences written for these tests (the 2017 Council of tests/test_extract.py)."""

from __future__ import annotations

from test_extract import counts, read


def test_a_score_after_the_word_resolution_is_not_its_number():
    result = read("The Security Council on Tuesday adopted the resolution 13-0, with Bolivia "
                  "and Egypt abstaining.")  # fmt: skip
    assert result.resolution_number is None
    assert counts(result) == (13, 0, 2)
    assert result.outcome == "adopted"


def test_a_member_not_participating_after_with_is_placed():
    result = read("The Security Council on Tuesday adopted the resolution by 14 votes to none, "
                  "with Egypt not participating in the vote.")  # fmt: skip
    assert result.positions["EGY"] == "non_voting"
    assert counts(result) == (14, 0, 0)
    assert result.positions["JPN"] == "for"


def test_a_member_not_voting_after_with_is_placed():
    result = read("The Security Council on Tuesday adopted the resolution 14-0, with Egypt "
                  "not voting.")  # fmt: skip
    assert result.positions["EGY"] == "non_voting"


def test_casting_the_lone_no_is_the_only_vote_against():
    result = read("The draft failed in the Security Council on Tuesday in a 14-1 vote, with "
                  "the United States casting the lone no.")  # fmt: skip
    assert result.positions["USA"] == "veto"
    assert result.outcome == "vetoed"
    assert counts(result) == (14, 1, 0)


def test_the_members_listed_after_a_count_and_a_colon():
    result = read("The resolution was adopted on Tuesday by a vote of thirteen to none, with "
                  "two abstentions: Bolivia and Egypt.")  # fmt: skip
    assert counts(result) == (13, 0, 2)
    assert result.positions["BOL"] == "abstain"
    assert result.positions["EGY"] == "abstain"
    assert result.positions["JPN"] == "for"


def test_a_list_after_a_colon_that_does_not_match_the_count_is_not_read():
    result = read("The resolution was adopted on Tuesday by a vote of thirteen to none, with "
                  "two abstentions: Bolivia, Egypt and Japan.")  # fmt: skip
    assert "BOL" not in result.positions
    assert "JPN" not in result.positions


def test_a_tally_of_votes_to_votes_without_a_verb_before_it():
    result = read("Moscow vetoed the Security Council draft on Tuesday, 11 votes to 1 with "
                  "3 abstentions.")  # fmt: skip
    assert counts(result) == (11, 1, 3)
    assert result.positions["RUS"] == "veto"


def test_a_tally_of_a_number_to_a_number_after_the_verb():
    result = read("Russia cast the lone dissenting vote on Tuesday as the Security Council "
                  "draft was defeated 13 to 1, with China abstaining.")  # fmt: skip
    assert counts(result) == (13, 1, 1)
    assert result.positions["RUS"] == "veto"
    assert result.positions["CHN"] == "abstain"


def test_members_joined_to_a_phrase_whose_subject_is_not_named():
    result = read("On Tuesday the Security Council adopted the resolution; its fiercest critic "
                  "won friends by abstaining, along with Senegal and Ethiopia.")  # fmt: skip
    assert result.positions["SEN"] == "abstain"
    assert result.positions["ETH"] == "abstain"
    hedged = read("On Tuesday the Security Council adopted the resolution; its fiercest critic "
                  "said it would abstain, along with Senegal, next time.")  # fmt: skip
    assert "SEN" not in hedged.positions


def test_a_contradiction_the_articles_own_counts_settle():
    result = read("The resolution, opposed by Bolivia and Egypt, renews the sanctions. The "
                  "Security Council adopted it on Tuesday by a vote of 13-0, with abstentions "
                  "from Bolivia and Egypt.")  # fmt: skip
    assert result.positions["BOL"] == "abstain"
    assert result.positions["EGY"] == "abstain"
    assert counts(result) == (13, 0, 2)
    warning = next(w for w in result.warnings if w.startswith("Bolivia is named"))
    assert "counts no 'against'" in warning and "opposed by Bolivia" in warning


def test_a_contradiction_the_counts_do_not_settle_is_left_for_the_editor():
    result = read("The Security Council adopted the resolution on Tuesday, 13-1-1. Bolivia "
                  "voted against it. Bolivia abstained, and Egypt voted against.")  # fmt: skip
    assert "BOL" not in result.positions
    assert any("Bolivia is named in two positions" in w for w in result.warnings)


def test_a_vote_told_as_news_in_a_dated_report_is_of_the_report_s_council():
    text = "The Security Council has unanimously approved a resolution on the sanctions."
    news = read(text)
    assert counts(news) == (15, 0, 0)
    assert news.vote_date is None  # the size, not the day
    assert any("tells the vote as news" in w for w in news.warnings)
    # without the report's date, or told in the past tense, it may be any Council
    assert counts(read(text, None))[0] is None
    told = read("The Security Council unanimously approved a resolution on the sanctions.")
    assert counts(told)[0] is None


def test_a_term_of_a_given_length_dates_the_decision_within_it():
    result = read("The Security Council has extended the mission's mandate for one year to "
                  "31 January 2019, in a unanimous vote.", None)  # fmt: skip
    assert counts(result) == (15, 0, 0)
    assert any("sets a term" in w for w in result.warnings)
    # a term's end with no length says nothing of when it was decided
    open_ended = read("The Security Council extended the mission's mandate until 31 January "
                      "2019, in a unanimous vote.", None)  # fmt: skip
    assert counts(open_ended)[0] is None


def test_the_member_listed_after_a_count_and_a_dash():
    result = read("The vote in the Security Council on Tuesday was 14 in favour with one "
                  "abstention — Egypt.")  # fmt: skip
    assert result.positions["EGY"] == "abstain"
    assert counts(result) == (14, 0, 1)
    aside = read("The vote in the Security Council on Tuesday was 14 in favour with one "
                 "abstention — Egypt and Japan said they regretted it.")  # fmt: skip
    assert "EGY" not in aside.positions


def test_votes_won_after_the_when_the_who_and_the_what():
    for sentence in (
        "The resolution was approved on Tuesday by the Security Council with 13 votes; "
        "Bolivia and Egypt abstained.",
        "The Security Council on Tuesday adopted the resolution by 13 votes, while Bolivia "
        "and Egypt abstained.",
    ):
        assert counts(read(sentence)) == (13, 0, 2), sentence


def test_the_members_in_apposition_to_a_count():
    result = read("The Security Council on Tuesday adopted the resolution by 13 votes, with "
                  "two abstentions, Bolivia and Egypt.")  # fmt: skip
    assert result.positions["BOL"] == result.positions["EGY"] == "abstain"
    # a list that goes on into another phrase is not the count's
    other = read("The Security Council on Tuesday adopted the resolution by 13 votes, with "
                 "two abstentions, Bolivia and Egypt voicing doubts about it.")  # fmt: skip
    assert "BOL" not in other.positions


def test_the_rest_in_favour_without_a_verb():
    result = read("On Tuesday the Security Council approved the resolution with Bolivia and "
                  "Egypt abstaining and the rest in favour.")  # fmt: skip
    assert counts(result) == (13, 0, 2)
    assert result.positions["JPN"] == "for"
    assert result.positions["BOL"] == "abstain"


def test_a_member_s_representative_as_the_subject_of_a_vote():
    russian = read("The Russian delegate vetoed the draft in the Security Council on Tuesday; "
                   "the other 14 members voted in favour.")  # fmt: skip
    assert russian.positions["RUS"] == "veto"
    us = read("The Security Council adopted the resolution 14-0 on Tuesday. The US "
              "ambassador, Jane Doe, abstained.")  # fmt: skip
    assert us.positions["USA"] == "abstain"
    # the representative who speaks of another member's vote is not that vote
    said = read("The US ambassador said on Tuesday that Bolivia voted against the draft.")
    assert "USA" not in said.positions


def test_the_adoption_the_article_says_settles_what_the_counts_leave_open():
    result = read("The Security Council voted 13-2 on Tuesday to adopt the resolution.")
    assert result.outcome == "adopted"
    assert "says it was adopted" in result.outcome_explanation
    # a failure told too, or a permanent member's no, leaves it open
    both = read("The Security Council voted 13-2 on Tuesday; the resolution was adopted. "
                "The draft failed, diplomats said.")  # fmt: skip
    assert both.outcome is None
    russia = read("The Security Council adopted the resolution 13-2 on Tuesday. Russia voted "
                  "against.")  # fmt: skip
    assert russia.outcome != "adopted"


def test_an_adoption_hedged_or_of_another_time_is_not_said_of_this_vote():
    for sentence in (
        "The Security Council voted 13-2 on Tuesday; the text would be adopted later.",
        "The Security Council voted 13-2 on Tuesday. The council had adopted a similar text "
        "in 2015.",
        "The Security Council voted 13-2 on Tuesday, but the resolution was not adopted.",
    ):
        assert read(sentence).outcome != "adopted", sentence


def test_a_score_of_another_year_is_not_this_vote_s():
    result = read("In 2015 the Security Council adopted a text by 13 votes to none, with Egypt "
                  "and Japan abstaining. On Tuesday Russia vetoed the new draft.")  # fmt: skip
    assert counts(result) == (None, None, None)
    assert "EGY" not in result.positions
    assert read("In 2015 the Security Council adopted a text 13-0-2.").counts["for"] is None


def test_a_similar_resolution_is_another_draft():
    result = read("On Tuesday Russia vetoed the draft. A similar resolution had won 13 votes.")
    assert result.counts.get("for") is None


def test_a_relative_clause_of_another_time_does_not_date_the_count():
    result = read("The resolution, which was adopted unanimously in 2015, was renewed on "
                  "Tuesday by 13 votes to 0 with two abstentions.")  # fmt: skip
    assert counts(result) == (13, 0, 2)


def test_a_vote_told_as_news_is_of_the_council_of_the_report_s_days():
    result = read("Wed Apr 12, 2017\n\nRussia has vetoed a Security Council draft; the other "
                  "14 members voted in favour.")  # fmt: skip
    assert result.vote_date is None
    assert result.positions["RUS"] == "veto"
    assert result.positions["JPN"] == "for"
    assert "as on 2017-04-12" in result.evidence["JPN"].text
    assert any("the same on each of those days" in w for w in result.warnings)
    # a window of days that spans two Councils seats neither
    spanning = read("The Security Council has extended the mandate for one year to 31 "
                    "January 2019, in a unanimous vote.", None)  # fmt: skip
    assert spanning.positions == {}


def test_the_tense_and_a_date_beside_the_text_do_not_seat_the_council():
    # the report may tell an older vote: without a date of its own, no member is inferred
    result = read("Russia has vetoed a Security Council draft; the other 14 members voted in "
                  "favour.")  # fmt: skip
    assert result.positions == {"RUS": "veto"}
    assert counts(result)[0] == 14


def test_the_year_of_the_resolution_s_symbol_fixes_a_vote_told_as_news():
    result = read("The Security Council has unanimously adopted resolution 2350 (2017) on the "
                  "sanctions.")  # fmt: skip
    assert counts(result) == (15, 0, 0)
    assert result.positions["JPN"] == "for"
    # a symbol of another year: the vote is not of the report's days
    older = read("The Security Council has unanimously adopted resolution 2118 (2013) on "
                 "chemical weapons.")  # fmt: skip
    assert counts(older) == (15, 0, 0)  # the size, from the symbol's year
    assert older.positions == {}
    assert not any("tells the vote as news" in w for w in older.warnings)


def test_a_lead_that_counts_votes_over_the_years_is_not_news():
    for lead in (
        "Russia has vetoed eight Security Council drafts on Syria since 2011.",
        "Russia has vetoed Security Council drafts on Syria 12 times.",
    ):
        result = read(f"Wed Apr 12, 2017\n\n{lead} The other members voted in favour.")
        assert "JPN" not in result.positions, lead
        assert not any("tells the vote as news" in w for w in result.warnings), lead


def test_the_only_members_to_abstain_are_as_many_as_named():
    result = read("The Security Council adopted the resolution 13-0 on Tuesday. Bolivia and "
                  "Egypt were the only members to abstain.")  # fmt: skip
    assert counts(result) == (13, 0, 2)
    assert result.positions["BOL"] == result.positions["EGY"] == "abstain"
    alone = read("The Security Council adopted the resolution 14-0 on Tuesday; Egypt was the "
                 "only member to abstain.")  # fmt: skip
    assert counts(alone) == (14, 0, 1)


def test_members_excepted_from_a_position_do_not_take_it():
    result = read("The Security Council adopted the resolution on Tuesday. All members but "
                  "Bolivia and Egypt voted in favour; the two abstained.")  # fmt: skip
    assert result.positions.get("BOL") != "for"
    assert result.positions.get("EGY") != "for"


def test_a_motion_to_put_off_the_vote_is_another_vote():
    for sentence in (
        "After a motion by Egypt to postpone the vote was rejected 4-9-2, the Security "
        "Council adopted the resolution 13-0-2 on Tuesday.",
        "On Tuesday a bid by Egypt to delay the vote failed 4-9-2; the Security Council "
        "then adopted the resolution 13-0-2.",
    ):
        result = read(sentence)
        assert counts(result) == (13, 0, 2), sentence
        assert result.outcome == "adopted"
        assert any("a vote on a motion" in w for w in result.warnings)


def test_a_condition_inverted_is_not_a_position():
    result = read("Had Russia voted against, the Security Council draft would have failed; "
                  "instead it passed 14-0-1 on Tuesday.")  # fmt: skip
    assert "RUS" not in result.positions


def test_two_scores_of_one_position_leave_it_for_the_editor():
    result = read("The Security Council voted on two drafts on Tuesday. The first failed "
                  "2-9-4. The second was vetoed by the United States, 12-1-2.")  # fmt: skip
    assert counts(result) == (None, None, None)
    assert any("several counts 'for' (2, 12): left for the editor" in w for w in result.warnings)


def test_the_sponsor_after_an_object_is_not_the_one_who_vetoed():
    for sentence, vetoing in (
        ("China vetoed a text put forward by the United States on Tuesday.", "CHN"),
        ("Russia blocked a resolution drafted by France on Tuesday.", "RUS"),
        ("The United States vetoed on Tuesday a resolution backed by 12 members.", "USA"),
    ):
        result = read(sentence)
        assert result.vetoed_by == [vetoing], sentence
    assert read("The draft was vetoed on Tuesday by Russia.").vetoed_by == ["RUS"]


def test_an_apposition_between_a_member_and_its_vote():
    result = read("The Security Council passed the resolution 14-0-1 on Tuesday; Russia, a "
                  "close ally of Syria, abstained.")  # fmt: skip
    assert result.positions["RUS"] == "abstain"
    assert result.positions.get("SYR") is None
    listed = read("The Security Council rejected the draft on Tuesday. Two members, the "
                  "United States and Bolivia, voted against it.")  # fmt: skip
    assert listed.positions["USA"] in ("against", "veto")
    assert listed.positions["BOL"] == "against"


def test_yeas_and_nays():
    result = read("The Security Council passed the text on Tuesday with 12 yeas, 2 nays and 1 "
                  "abstention.")  # fmt: skip
    assert counts(result) == (12, 2, 1)


def test_only_the_members_named_took_the_position():
    result = read("The Security Council adopted the resolution on Tuesday, with only Bolivia "
                  "and Egypt abstaining.")  # fmt: skip
    assert result.counts["abstain"] == 2
    both = read("The Security Council adopted the resolution 13-0 on Tuesday; not only Bolivia "
                "abstained.")  # fmt: skip
    assert both.counts.get("abstain") is None


def test_a_number_to_a_number_after_the_verb_and_its_object():
    result = read("The Security Council on Tuesday adopted the resolution 13 to 0, with Bolivia "
                  "and Egypt abstaining.")  # fmt: skip
    assert counts(result) == (13, 0, 2)


def test_a_relative_clause_that_is_only_this_vote_s_position():
    result = read("The Security Council adopted the text 13-0-2 on Tuesday. Bolivia, which "
                  "abstained, and Egypt, which also abstained, said it went too far.")  # fmt: skip
    assert result.positions["BOL"] == result.positions["EGY"] == "abstain"
    # one that tells anything more is a history, as before
    history = read("The Security Council adopted the text 13-0-2 on Tuesday. Bolivia, which "
                   "abstained on a similar text in 2015, said it went too far.")  # fmt: skip
    assert "BOL" not in history.positions


def test_a_phrase_with_with_after_another_draft_is_that_draft_s():
    result = read("In 2015 the Security Council adopted a similar resolution by 13 votes to "
                  "none, with Egypt and Japan abstaining. On Tuesday Russia vetoed the new "
                  "text.")  # fmt: skip
    assert "EGY" not in result.positions and "JPN" not in result.positions
    assert result.vetoed_by == ["RUS"]
    when = read("The vote on Tuesday followed Russia's veto of a similar draft on Monday, when "
                "Egypt abstained.")  # fmt: skip
    assert "EGY" not in when.positions


def test_a_compound_participle_before_the_draft_is_not_a_vote():
    result = read("Russia and China on Tuesday blocked a Western-backed Security Council "
                  "resolution.")  # fmt: skip
    assert result.vetoed_by == ["CHN", "RUS"]
    supported = read("Bolivia on Tuesday opposed a U.S.-supported Security Council text.")
    assert supported.positions.get("USA") is None
    assert supported.positions["BOL"] == "against"
    # a dash that sets off a list is no compound
    dashes = read("The vote in the Security Council on Tuesday was 13 to 0, with two "
                  "members--Bolivia and Egypt--abstaining.")  # fmt: skip
    assert dashes.positions["BOL"] == dashes.positions["EGY"] == "abstain"


def test_all_but_a_number_is_the_count_of_the_members_excepted():
    result = read("The Security Council adopted the resolution on Tuesday. All but three "
                  "members voted for it: Bolivia and Egypt voted against and Japan "
                  "abstained.")  # fmt: skip
    assert counts(result) == (12, 2, 1)
    assert result.positions["BOL"] == result.positions["EGY"] == "against"
    assert result.positions["ITA"] == "for"
    # two of the three named: who the third is, and the count, are left open
    open_ = read("The Security Council adopted the resolution on Tuesday. All but three "
                 "members voted for it; Bolivia and Egypt voted against.")  # fmt: skip
    assert counts(open_) == (None, None, None)
    assert "ITA" not in open_.positions


def test_all_members_except_those_named_voted_for():
    result = read("The Security Council adopted the resolution on Tuesday. All members except "
                  "Bolivia and Egypt voted for it. Bolivia and Egypt voted against.")  # fmt: skip
    assert counts(result) == (13, 2, 0)
    assert result.positions["JPN"] == "for"
    unsaid = read("The Security Council adopted the resolution on Tuesday. All members except "
                  "Bolivia and Egypt voted for it.")  # fmt: skip
    assert "JPN" not in unsaid.positions and "BOL" not in unsaid.positions


def test_against_alone_after_with_or_joining_a_member():
    result = read("Moscow on Tuesday killed the Security Council text. The vote was 10-2-3, "
                  "with Bolivia joining Russia against and China, Ethiopia and Kazakhstan "
                  "abstaining.")  # fmt: skip
    assert result.positions["BOL"] == "against"
    assert result.vetoed_by == ["RUS"]
    assert result.positions["JPN"] == "for"
    alone = read("The Security Council draft failed on Tuesday, 14-1, with Russia against.")
    assert alone.positions["RUS"] in ("against", "veto")
    # "against" of anything else is no vote
    sanctions = read("The Security Council on Tuesday imposed sanctions against Syria, "
                     "13-0-2.")  # fmt: skip
    assert "SYR" not in sanctions.positions


def test_a_score_of_a_number_to_a_number_after_resolution_is_not_its_number():
    for sentence in (
        "The Security Council approved the resolution 14 to nothing on Tuesday, with Egypt "
        "abstaining.",
        "The Security Council adopted the resolution 14 votes to none on Tuesday, with Egypt "
        "abstaining.",
    ):
        result = read(sentence)
        assert result.resolution_number is None, sentence
        assert counts(result) == (14, 0, 1), sentence
    assert read("The Security Council adopted resolution 2350 by 14 votes to none on "
                "Tuesday.").resolution_number == 2350  # fmt: skip


def test_a_sentence_that_turns_from_an_amendment_to_the_adoption():
    for sentence in (
        "The Security Council on Tuesday rejected an amendment proposed by Russia, 4-9-2, and "
        "then adopted the resolution 13-0-2, with Bolivia and Egypt abstaining.",
        "The Security Council on Tuesday voted down two Russian amendments, 5-8-2 and 4-9-2, "
        "before approving the text 13-0-2, with Bolivia and Egypt abstaining.",
    ):
        result = read(sentence)
        assert counts(result) == (13, 0, 2), sentence
        assert result.positions["BOL"] == "abstain", sentence
        assert any("vote on an amendment" in w for w in result.warnings), sentence
    # the amendment's own score stays its own
    amended = read("The Security Council on Tuesday adopted a Russian amendment, 9-4-2, and the "
                   "text was then vetoed by the United States.")  # fmt: skip
    assert counts(amended) == (None, None, None)


def test_a_draft_that_failed_on_a_weekday_dates_the_vote():
    result = read("On Tuesday the draft failed. Britain, France and the United States voted for "
                  "it; Russia voted against, as did Bolivia.")  # fmt: skip
    assert result.vote_date.isoformat() == "2017-04-11"
    assert read("The talks failed on Tuesday.").vote_date is None


def test_the_only_member_opposed_after_with_and_a_member():
    result = read("The Security Council on Tuesday voted 14-1 on the draft, with Russia the only "
                  "member opposed.")  # fmt: skip
    assert result.vetoed_by == ["RUS"]
    assert counts(result) == (14, 1, 0)
    abstained = read("The Security Council adopted the text 13-0 on Tuesday, with Bolivia and "
                     "Egypt the only abstentions.")  # fmt: skip
    assert abstained.positions["BOL"] == abstained.positions["EGY"] == "abstain"
    assert counts(abstained) == (13, 0, 2)
    # in apposition it is the member's, and the verb after it still reads
    apposed = read("On Tuesday the Security Council voted 14-1; Russia, the only member "
                   "opposed, vetoed it.")  # fmt: skip
    assert apposed.vetoed_by == ["RUS"]


def test_a_procedural_vote_before_the_draft_s_is_another_vote():
    result = read("Russia vetoed the draft on Tuesday, after Egypt abstained on a procedural "
                  "vote.")  # fmt: skip
    assert result.vetoed_by == ["RUS"] and not result.procedural
    assert "EGY" not in result.positions
    assert any("a procedural vote, not read" in w for w in result.warnings)
    # the vote itself procedural: its positions are read, no veto
    agenda = read("The Security Council voted 9-3-3 on Tuesday in a procedural vote to hold "
                  "the meeting; Russia and China voted against.")  # fmt: skip
    assert agenda.procedural and agenda.positions["RUS"] == "against"


def test_the_members_listed_after_including_are_some_of_the_count():
    result = read("The draft failed on Tuesday with four votes in favour, two against and nine "
                  "abstentions, including Japan, Italy and Egypt.")  # fmt: skip
    assert counts(result) == (4, 2, 9)
    assert [result.positions[c] for c in ("JPN", "ITA", "EGY")] == ["abstain"] * 3
    assert "SWE" not in result.positions  # six abstainers are not named


def test_a_list_after_including_longer_than_its_count_is_not_read():
    result = read("The resolution was adopted on Tuesday by 13 votes to none, with two "
                  "abstentions, including Bolivia, Egypt and Japan.")  # fmt: skip
    assert not {"BOL", "EGY", "JPN"} & set(result.positions)


def test_the_negative_votes_of_members_are_theirs():
    result = read("The text failed on Tuesday with five votes in favour, the negative votes of "
                  "Japan and Sweden, and eight abstentions.")  # fmt: skip
    assert result.positions["JPN"] == "against"
    assert result.positions["SWE"] == "against"
    assert counts(result) == (5, 2, 8)


def test_the_affirmative_votes_of_members_are_theirs_and_a_denied_one_is_not():
    result = read("The resolution was adopted on Tuesday with the affirmative votes of Japan "
                  "and Italy, without the negative votes of Egypt.")  # fmt: skip
    assert result.positions["JPN"] == "for"
    assert result.positions["ITA"] == "for"
    assert "EGY" not in result.positions


def test_that_draft_after_a_sentence_about_another_draft_is_the_other_one():
    result = read("The Council on Tuesday rejected the draft by four votes to two, with nine "
                  "abstentions. Earlier the Council had adopted another resolution, put forward "
                  "by Japan.\n\nThat resolution received 13 votes, with China and Russia "
                  "abstaining.")  # fmt: skip
    assert counts(result) == (4, 2, 9)
    assert "CHN" not in result.positions
    assert "RUS" not in result.positions
    assert any("That resolution received 13 votes" in w for w in result.warnings)


def test_the_only_country_that_voted_against_and_those_of_after_a_count():
    result = read("Japan was the only country that voted against on Tuesday; there were two "
                  "abstentions, those of Egypt and Italy, and 12 votes in favour.")  # fmt: skip
    assert result.positions["JPN"] == "against"
    assert result.positions["EGY"] == "abstain"
    assert result.positions["ITA"] == "abstain"
    assert counts(result) == (12, 1, 2)


def test_each_count_takes_the_members_listed_before_the_next_count():
    result = read("The text received ten votes in favour on Tuesday, two against, those of "
                  "Russia and Bolivia, and three abstentions, those of China, Ethiopia and "
                  "Kazakhstan.")  # fmt: skip
    assert counts(result) == (10, 2, 3)
    assert result.positions["BOL"] == "against"
    assert result.positions["RUS"] == "veto"
    assert [result.positions[c] for c in ("CHN", "ETH", "KAZ")] == ["abstain"] * 3


def test_members_after_a_dash_that_opens_with_a_preposition_are_not_joined():
    result = read("Japan, Italy and Egypt voted against the draft on Tuesday, which received only "
                  "two votes in favour — from Russia and China.")  # fmt: skip
    assert result.positions["JPN"] == "against"
    assert "RUS" not in result.positions
    assert "CHN" not in result.positions


def test_the_votes_against_or_in_favour_came_from_members():
    result = read("The draft failed on Tuesday: the two votes in favour came from Egypt and "
                  "Japan, while the votes against came from Italy and Sweden.")  # fmt: skip
    assert result.positions["EGY"] == "for"
    assert result.positions["JPN"] == "for"
    assert result.positions["ITA"] == "against"
    assert result.positions["SWE"] == "against"
    assert "JPN" not in read("The draft failed on Tuesday; no votes came from Japan.").positions
