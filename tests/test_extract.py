"""The article reader, phrasing by phrasing, on sentences written for these tests.

No database: the reader gets a small hand-made context (names and the 2017 Council).
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from resolutions.models import normalise_name
from resolutions.reader import Context, NameIndex, extract

COUNCIL_2017 = {
    "CHN": True, "FRA": True, "GBR": True, "RUS": True, "USA": True,
    "BOL": False, "EGY": False, "ETH": False, "ITA": False, "JPN": False,
    "KAZ": False, "SEN": False, "SWE": False, "UKR": False, "URY": False,
}  # fmt: skip
NAMES = {
    "CHN": ["China"],
    "FRA": ["France"],
    "GBR": ["United Kingdom of Great Britain and Northern Ireland", "United Kingdom", "Britain",
            "UK", "U.K."],
    "RUS": ["Russian Federation", "Russia"],
    "USA": ["United States of America", "United States", "US", "U.S."],
    "BOL": ["Bolivia (Plurinational State of)", "Bolivia"],
    "EGY": ["Egypt"],
    "ETH": ["Ethiopia"],
    "ITA": ["Italy"],
    "JPN": ["Japan"],
    "KAZ": ["Kazakhstan"],
    "SEN": ["Senegal"],
    "SWE": ["Sweden"],
    "UKR": ["Ukraine"],
    "URY": ["Uruguay"],
    "SYR": ["Syrian Arab Republic", "Syria"],
    "DEU": ["Germany"],
    "KOR": ["Republic of Korea", "South Korea", "Korea"],
    "TTO": ["Trinidad and Tobago"],
}  # fmt: skip
WEDNESDAY = dt.date(2017, 4, 12)


def seated(day: dt.date) -> dict[str, bool]:
    return dict(COUNCIL_2017) if day.year == 2017 else {}


CONTEXT = Context(
    names={normalise_name(n): code for code, names in NAMES.items() for n in names},
    seated=seated,
    permanent=frozenset({"CHN", "FRA", "GBR", "RUS", "USA"}),
    display={code: names[-1] if len(names[-1]) > 3 else names[0] for code, names in NAMES.items()},
)


def read(text: str, published: dt.date | None = WEDNESDAY):
    return extract(text, published, CONTEXT)


def counts(result) -> tuple:
    return tuple(result.counts.get(p) for p in ("for", "against", "abstain"))


# --- Names ---------------------------------------------------------------------------


def test_names_are_found_by_any_of_their_spellings_and_metonyms():
    text = (
        "Russia, the Russian Federation, Moscow, the U.S., the US, Washington, Britain, the "
        "UK, London, Beijing, Paris and Trinidad & Tobago."
    )
    index = NameIndex(CONTEXT.names)
    found = [m.codes[0] for m in index.find(text)]
    assert found == ["RUS", "RUS", "RUS", "USA", "USA", "USA", "GBR", "GBR", "GBR", "CHN",
                     "FRA", "TTO"]  # fmt: skip


def test_pronouns_directions_and_compounds_are_not_members():
    index = NameIndex(CONTEXT.names)
    text = "Let us see: North Korea, a US-drafted text, the Washington Post and a talk in Moscow."
    mentions = index.find(text)
    assert [text[m.start : m.end] for m in mentions] == ["US", "Washington", "Moscow"]
    assert all(m.adjectival for m in mentions)


# --- Dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("The council voted on 12 April 2017 on the draft.", None, WEDNESDAY),
        ("The council voted on April 12, 2017 on the draft.", None, WEDNESDAY),
        ("The council voted on Wednesday on the draft.", dt.date(2017, 4, 14), WEDNESDAY),
        ("The council voted on Wednesday on the draft.", WEDNESDAY, WEDNESDAY),
        ("Britain abstained in Wednesday's vote.", dt.date(2017, 4, 13), WEDNESDAY),
        ("The council yesterday adopted the text.", dt.date(2017, 4, 13), WEDNESDAY),
        ("Members voted this afternoon to adopt the text.", WEDNESDAY, WEDNESDAY),
        ("NEW YORK, April 12 - The council on Wednesday adopted the text.", WEDNESDAY, WEDNESDAY),
        (
            "GENEVA, April 13 -- The council on Wednesday adopted the text.",
            dt.date(2017, 4, 13),
            WEDNESDAY,
        ),
        (
            "LONDON, April 13 (Agency) - Russia last night vetoed the text.",
            dt.date(2017, 4, 13),
            WEDNESDAY,
        ),
    ],
)
def test_the_date_of_the_vote(sentence, published, expected):
    assert read(sentence, published).vote_date == expected


def test_a_weekday_without_a_publication_date_is_left_unknown_and_said():
    result = read("The council voted on Wednesday on the draft.", None)
    assert result.vote_date is None
    assert any("'Wednesday'" in w and "publication date" in w for w in result.warnings)


def test_dates_of_other_events_are_not_the_vote_date():
    text = (
        "On Monday the General Assembly adopted a resolution on another subject.\n"
        "Russia will hold a vote on Friday on its own text.\n"
        "The Security Council voted on Wednesday on the draft."
    )
    assert read(text, dt.date(2017, 4, 13)).vote_date == WEDNESDAY


def test_an_earlier_vote_in_the_background_does_not_date_or_count_this_one():
    text = (
        "The Security Council this evening imposed new measures on the country, by 12 votes "
        "to none, with 3 abstentions.\nThe text strengthens an embargo adopted unanimously on "
        "20 March."
    )
    result = read(text)
    assert result.vote_date == WEDNESDAY
    assert counts(result) == (12, 0, 3)


# --- Documents ---------------------------------------------------------------------------


def test_a_draft_symbol_is_the_document():
    result = read("The council voted on draft resolution S/2017/315 on Wednesday.")
    assert result.draft_symbol == "S/2017/315"
    assert result.as_json()["document"] == "S/2017/315"


@pytest.mark.parametrize(
    "sentence",
    [
        "The council unanimously adopted resolution 2118 on Wednesday.",
        "The council unanimously adopted S/RES/2118 (2017) on Wednesday.",
        "The council voted unanimously on Wednesday.\nResolution 2118, agreed after weeks of "
        "talks, sets no deadline.",
    ],
)
def test_an_adopted_resolution_is_the_document(sentence):
    result = read(sentence)
    assert result.resolution_number == 2118
    assert result.as_json()["document"] == "S/RES/2118 (2017)"
    assert result.as_json()["resolution_number"] == 2118


def test_a_resolution_cited_as_background_is_not_the_document():
    text = (
        "The text recalled resolution 242 and was adopted unanimously on Wednesday.\n"
        "It builds on S/RES/1973 (2011)."
    )
    result = read(text)
    assert result.resolution_number is None


def test_no_document_is_null_with_a_warning():
    result = read("The council voted on Wednesday on a draft about Syria.")
    assert result.as_json()["document"] is None
    assert "no document symbol in the article" in result.warnings


# --- Counts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The draft was adopted 13-0 with two abstentions on Wednesday.", (13, 0, 2)),
        (
            "The council approved it by a vote of 12 in favour to 2 against, with 1 abstention.",
            (12, 2, 1),
        ),
        ("It passed by 11 votes to 2, with two abstentions.", (11, 2, 2)),
        ("There were nine votes in favor, four against and two abstentions.", (9, 4, 2)),
        (
            "The text failed by a vote of none against to 6 in favour, with 9 abstentions.",
            (6, 0, 9),
        ),
        ("The council voted 10-2-3 on the draft.", (10, 2, 3)),
        ("The council unanimously adopted the resolution on Wednesday.", (15, 0, 0)),
        ("The resolution won the unanimous backing of the 15-member council.", (15, 0, 0)),
        ("Twelve members voted yes, two voted no and one abstained.", (12, 2, 1)),
        ("The vote in the 15-nation council on Wednesday was 13 to 2.", (13, 2, 0)),
        ("Egypt spoke first. The vote on Wednesday was 10-2-3.", (10, 2, 3)),
    ],
)
def test_counts_in_the_ways_the_press_writes_them(sentence, expected):
    assert counts(read(sentence)) == expected


def test_a_count_that_is_a_requirement_is_not_a_count():
    result = read("A resolution needs nine votes in favor to pass. It got seven votes in favor.")
    assert result.counts["for"] == 7


def test_the_negative_votes_of_members_are_not_votes_in_favour():
    text = "The draft failed on Wednesday, owing to the negative votes of two permanent members. "
    text += "It received 13 votes in favour to 2 against."
    assert counts(read(text))[:2] == (13, 2)


def test_a_part_of_the_council_is_not_the_count_of_a_position():
    result = read("The three African members voted in favour on Wednesday, Sweden abstained.")
    assert result.counts["for"] is None
    assert result.outcome is None


def test_counts_that_exceed_the_seats_are_a_warning():
    result = read("The draft got 12 votes in favour, 3 against and 4 abstentions on Wednesday.")
    assert any("more than the 15 seats" in w for w in result.warnings)


def test_counts_completed_from_the_members_named():
    text = "Ten countries voted in favor, while Bolivia and Russia voted against and China, "
    text += "Ethiopia and Kazakhstan abstained on Wednesday."
    assert counts(read(text)) == (10, 2, 3)


# --- Who voted how -----------------------------------------------------------------------


def positions(text: str, published: dt.date | None = WEDNESDAY) -> dict[str, str]:
    return {code: str(p) for code, p in read(text, published).positions.items()}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Egypt joined Sweden in voting no on the text.", {"EGY": "against", "SWE": "against"}),
        (
            "Japan, which has abstained on similar texts in the past, abstained from the vote, "
            "along with Senegal and Uruguay.",
            {"JPN": "abstain", "SEN": "abstain", "URY": "abstain"},
        ),
        ("Italy and Ukraine voted against the text, and Egypt abstained.",
         {"ITA": "against", "UKR": "against", "EGY": "abstain"}),
        ("Abstaining on Wednesday were Japan and Egypt.", {"JPN": "abstain", "EGY": "abstain"}),
        ("Voting in favour were Japan, Italy and the United States.",
         {"JPN": "for", "ITA": "for", "USA": "for"}),
        ("It got three votes in favour (Japan, Egypt and Sweden) and two abstentions (Italy, "
         "Senegal).", {"JPN": "for", "EGY": "for", "SWE": "for", "ITA": "abstain",
                       "SEN": "abstain"}),
        ("Four members -- Britain, France, Japan and Italy -- voted against it.",
         {"GBR": "against", "FRA": "against", "JPN": "against", "ITA": "against"}),
        ("The measure was backed by a majority, with Uruguay and Egypt abstaining.",
         {"URY": "abstain", "EGY": "abstain"}),
        ("Sweden cast the only negative vote.", {"SWE": "against"}),
        ("Ethiopia was the sole no vote on the council.", {"ETH": "against"}),
        ("The vote passed with the UK's abstention.", {"GBR": "abstain"}),
        ("Kazakhstan did not take part in the vote.", {"KAZ": "non_voting"}),
        ("Senegal abstained, as did Japan.", {"SEN": "abstain", "JPN": "abstain"}),
        ("Washington voted for the text; London abstained.", {"USA": "for", "GBR": "abstain"}),
        ("Ten members voted in favour, including close US allies Britain and Japan.",
         {"GBR": "for", "JPN": "for"}),
        ("In favour: Egypt, Italy. Against: Sweden. Abstaining: Japan.",
         {"EGY": "for", "ITA": "for", "SWE": "against", "JPN": "abstain"}),
    ],
)  # fmt: skip
def test_who_voted_how(sentence, expected):
    assert positions(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Moscow cast a veto on Wednesday.",
        "Russia vetoed the draft on Wednesday.",
        "The draft was vetoed on Wednesday by Russia.",
        "Russia blocked the text with its veto on Wednesday.",
        "Russia used its veto power on Wednesday to stop the text.",
        "Russia vetoes council text on Syria",
    ],
)
def test_a_veto_is_a_permanent_members_no(sentence):
    result = read(sentence)
    assert result.positions == {"RUS": "veto"}
    assert result.vetoed_by == ["RUS"]


def test_vetoed_by_two_members():
    result = read("The text was vetoed by Russia and China on Wednesday.")
    assert result.vetoed_by == ["CHN", "RUS"]


def test_every_permanent_no_is_a_veto_when_all_the_noes_are_named():
    # Without the date, the Council is unknown; the two noes named are both vetoes.
    text = "The text got 13 votes in favour, 2 against and no abstentions. China and Russia "
    text += "voted against it."
    result = read(text, None)
    assert result.vetoed_by == ["CHN", "RUS"]
    assert result.outcome == "vetoed"


@pytest.mark.parametrize(
    "sentence",
    [
        "China, which has vetoed six texts on Syria since 2011, abstained on Wednesday.",
        "It was the eighth time that China has used its veto on the conflict. China abstained.",
        "China is expected to veto the text. China abstained on Wednesday.",
        "Even if the text had passed, China would have vetoed it. China abstained.",
        'China abstained. "We have vetoed texts before," its envoy said.',
        "China abstained. China has vetoed six resolutions on the war.",
        "China abstained. China had vetoed a similar text in March.",
        "China abstained, after vetoing a similar text last year.",
    ],
)
def test_a_history_forecast_condition_or_quote_is_not_a_veto_in_this_vote(sentence):
    result = read(sentence)
    assert result.positions == {"CHN": "abstain"}
    assert result.vetoed_by == []


def test_a_sentence_that_opens_with_another_time_is_not_this_vote():
    text = (
        "Russia and China vetoed the text on Wednesday. In March, the two powers vetoed "
        "another text, while Egypt and Japan abstained."
    )
    result = read(text)
    assert result.positions == {"CHN": "veto", "RUS": "veto"}
    result = read("Japan abstained on Wednesday. Last year, Sweden abstained on a draft.")
    assert result.positions == {"JPN": "abstain"}


def test_a_denial_is_not_a_position():
    result = read("Neither Egypt nor Japan voted against the text on Wednesday. Sweden abstained.")
    assert result.positions == {"SWE": "abstain"}


def test_a_photo_caption_is_not_read():
    text = (
        "Delegates vote at UN headquarters, where China vetoed the text. "
        "(Photo by A. Person/Agency)\n"
        "China abstained on Wednesday."
    )
    assert positions(text) == {"CHN": "abstain"}


def test_a_veto_on_a_draft_without_the_votes_is_a_vote_against():
    text = "Only five members voted in favour; Russia vetoed the text on Wednesday."
    result = read(text)
    assert result.positions["RUS"] == "against"
    assert result.vetoed_by == []
    assert result.outcome == "failed"
    assert any("Russia's no is described as a veto" in w for w in result.warnings)


def test_a_veto_by_an_elected_member_is_a_warning():
    result = read("Bolivia vetoed the text on Wednesday.")
    assert result.positions["BOL"] == "against"
    assert any("Bolivia" in w and "not a permanent member" in w for w in result.warnings)


def test_no_veto_in_a_procedural_vote():
    text = (
        "In a procedural vote on Wednesday, 11 voted in favour, 2 against and 2 abstained. "
        "Russia and China voted against."
    )
    result = read(text)
    assert result.procedural
    assert result.positions["RUS"] == "against"
    assert result.outcome == "adopted"
    assert result.vetoed_by == []


def test_a_member_named_in_two_positions_is_a_warning_not_a_choice():
    result = read("Japan voted in favour on Wednesday. Japan abstained.")
    assert "JPN" not in result.positions
    warning = next(w for w in result.warnings if "Japan is named in two positions" in w)
    # both sentences are quoted, each with what it says
    assert "'for': \"Japan voted in favour on Wednesday.\"" in warning
    assert "'abstain': \"Japan abstained.\"" in warning


def test_two_counts_of_one_position_are_quoted_with_their_sentences():
    result = read("Ten members voted in favour on Wednesday. Eleven members voted in favour.")
    warning = next(w for w in result.warnings if "several counts 'for'" in w)
    assert "'10': \"Ten members voted in favour on Wednesday.\"" in warning
    assert "'11': \"Eleven members voted in favour.\"" in warning


def test_a_member_not_seated_that_day_is_a_warning():
    result = read("Germany voted against the text on Wednesday.")
    assert "DEU" not in result.positions
    assert any("Germany" in w and "did not sit" in w for w in result.warnings)


# --- The rest, the outcome, the evidence ---------------------------------------------------

STORY = (
    "Council fails on Syria\n"
    "Moscow cast a veto on Wednesday against the Western draft at the Security Council. "
    "Beijing, which has vetoed several texts on the war, abstained from the vote along with "
    "Ethiopia and Kazakhstan. Ten members voted in favour, while Bolivia joined Russia in "
    "voting no.\n"
    "Russia is expected to veto a second text next week, diplomats said."
)


def test_the_members_not_named_take_the_remaining_position_marked_inferred():
    result = read(STORY)
    assert result.vote_date == WEDNESDAY
    assert counts(result) == (10, 2, 3)
    assert result.positions["RUS"] == "veto"
    assert result.positions["BOL"] == "against"
    assert {c for c, p in result.positions.items() if p == "abstain"} == {"CHN", "ETH", "KAZ"}
    inferred = {c for c, e in result.evidence.items() if e.inferred}
    assert inferred == {"EGY", "FRA", "GBR", "ITA", "JPN", "SEN", "SWE", "UKR", "URY", "USA"}
    assert all(result.positions[c] == "for" for c in inferred)
    assert result.evidence["FRA"].text == (
        "inferred from the counts and the Council's composition on 2017-04-12"
    )
    assert result.outcome == "vetoed"
    assert result.vetoed_by == ["RUS"]


def test_every_position_carries_the_sentence_it_came_from():
    result = read(STORY)
    assert result.evidence["BOL"].text.startswith("Ten members voted in favour")
    assert result.evidence["RUS"].text.startswith("Moscow cast a veto")
    assert "Ethiopia" in result.evidence["ETH"].text
    assert result.count_evidence["for"].startswith("Ten members")
    data = result.as_json()
    assert {"member": "BOL", "position": "against", "text": result.evidence["BOL"].text} in data[
        "evidence"
    ]


def test_without_enough_facts_the_others_are_left_out_and_said():
    result = read("Russia vetoed the text on Wednesday; China abstained.")
    assert set(result.positions) == {"RUS", "CHN"}
    assert result.counts["for"] is None
    assert result.as_json()["counts"]["for"] is None
    assert any("are not given" in w for w in result.warnings)


def test_unknown_date_and_counts_are_null():
    data = read("A text on Syria was discussed.", None).as_json()
    assert data["vote_date"] is None
    assert set(data["counts"].values()) == {None}
    assert data["positions"] == {}


def test_the_outcome_of_an_adopted_text():
    result = read("The council on Wednesday adopted the text by 14 votes to none, with the "
                  "United States abstaining.")  # fmt: skip
    assert counts(result) == (14, 0, 1)
    assert result.positions["USA"] == "abstain"
    assert result.positions["FRA"] == "for"
    assert result.outcome == "adopted"


def test_the_reader_is_deterministic_and_fast():
    long_text = "\n".join([STORY] * 40)
    started = time.perf_counter()
    first = read(long_text).as_json()
    assert time.perf_counter() - started < 1.0
    assert read(long_text).as_json() == first


def test_the_other_members_take_the_stated_position():
    text = "Russia on Wednesday cast the only vote against the text. The other 14 members "
    text += "voted in favour."
    result = read(text)
    assert counts(result) == (14, 1, 0)
    assert result.vetoed_by == ["RUS"]
    assert sum(p == "for" for p in result.positions.values()) == 14


def test_a_press_release_with_the_members_in_brackets():
    text = (
        "The Security Council today failed to adopt a draft resolution, owing to the negative "
        "vote of a permanent member.\nThe draft (document S/2017/315) received 10 votes in "
        "favour to 2 against (Bolivia, Russian Federation), with 3 abstentions (China, "
        "Ethiopia, Kazakhstan)."
    )
    result = read(text)
    assert result.draft_symbol == "S/2017/315"
    assert counts(result) == (10, 2, 3)
    assert result.positions["RUS"] == "veto"
    assert result.positions["KAZ"] == "abstain"
    assert len(result.positions) == 15


def test_a_member_named_absent_completes_the_counts():
    text = "The text was adopted on Wednesday by a vote of 13 to 0, with Japan abstaining. "
    text += "Egypt was absent."
    result = read(text)
    assert counts(result) == (13, 0, 1)
    assert result.counts["non_voting"] == 1
    assert result.positions["EGY"] == "non_voting"
    assert sum(p == "for" for p in result.positions.values()) == 13


def test_a_resolution_number_is_not_a_year_of_another_time():
    text = "Adopting resolution 1990 (2017) on Wednesday by 12 votes to none, with 3 abstentions "
    text += "(Egypt, Japan, Sweden), the Council extended the mission."
    result = read(text)
    assert counts(result) == (12, 0, 3)
    assert result.positions["JPN"] == "abstain"
    assert result.document == "S/RES/1990 (2017)"


def test_a_text_wrapped_by_hand_reads_as_running_text():
    text = "Ten members voted in favour on Wednesday, while Bolivia and\nRussia voted against and"
    text += "\nChina, Ethiopia and Kazakhstan abstained."
    result = read(text)
    assert counts(result) == (10, 2, 3)
    assert result.positions["KAZ"] == "abstain"


def test_a_rival_draft_and_an_earlier_veto_are_not_this_vote():
    text = (
        "Russia on Wednesday vetoed the Western draft, after a rival Russian draft got only "
        "four votes in favour. Last month, China and Russia vetoed a similar text."
    )
    result = read(text)
    assert result.positions == {"RUS": "veto"}
    assert result.counts["for"] is None
    assert any("another vote" in w for w in result.warnings)


def test_a_paragraph_about_a_rival_draft_is_not_this_vote():
    text = (
        "Russia vetoed the Western text on Wednesday. It got 10 votes in favour, with Bolivia "
        "voting against and China, Egypt and Japan abstaining.\n"
        "A competing Russian draft, which had no sanctions, was then defeated with only three "
        "votes in favour, nine against and three abstentions. Only Russia, Bolivia and Egypt "
        "voted for it, while Sweden abstained.\n"
    )
    result = read(text)
    assert counts(result) == (10, 2, 3)
    assert result.positions["EGY"] == "abstain"
    assert result.positions["SWE"] == "for"
    assert result.vetoed_by == ["RUS"]
    assert any("another vote" in w and "competing" in w for w in result.warnings)


def test_a_vote_reported_the_old_way_on_an_eleven_member_council():
    def seated_1956(day):
        if day == dt.date(1956, 10, 30):
            return dict.fromkeys(["CHN", "FRA", "GBR", "RUS", "USA"], True) | dict.fromkeys(
                ["ITA", "JPN", "SWE", "EGY", "URY", "UKR"], False
            )
        return {}

    context = Context(names=CONTEXT.names, seated=seated_1956, permanent=CONTEXT.permanent)
    text = (
        "UNITED NATIONS, Oct. 30 -- Britain and France tonight vetoed the text in the Security "
        "Council. The vote was 7 to 2, with Britain and France voting no and Japan and Sweden "
        "abstaining."
    )
    result = extract(text, dt.date(1956, 10, 31), context)
    assert result.vote_date == dt.date(1956, 10, 30)
    assert counts(result) == (7, 2, 2)
    assert result.vetoed_by == ["FRA", "GBR"]
    assert result.positions["ITA"] == "for"


# --- The command line ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), (b"", "empty"), (b"  \n", "empty"), (b"\x00\x01PK", "binary")],
)
def test_extract_votes_refuses_a_missing_empty_or_binary_file(tmp_path, content, message):
    from django.core.management import CommandError, call_command

    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("extract_votes", str(path), json=True)


def test_without_a_date_a_vote_whose_outcome_depends_on_the_council_size_is_left_open():
    # 8-1-2 is a veto on the 11-member Council (7 votes needed) but a failed draft on
    # the 15-member one (9 needed): with no date, neither is guessed.
    text = "The draft got 8 votes in favour, 1 against and 2 abstentions. Russia voted against."
    result = read(text, None)
    assert result.outcome is None
    assert result.counts["non_voting"] is None
    assert result.vetoed_by == []
    assert result.positions["RUS"] == "against"
    assert any("size is unknown" in w and "outcome" in w for w in result.warnings)


def test_without_a_date_what_both_council_sizes_agree_on_is_kept():
    unanimous = read("The Council adopted the text unanimously.", None)
    assert unanimous.outcome == "adopted"
    assert unanimous.counts == {"for": None, "against": 0, "abstain": 0, "non_voting": 0}
    # a count above 11 is only possible on the 15-member Council
    text = "The text got 13 votes in favour, 1 against and 1 abstention. Russia voted against."
    result = read(text, None)
    assert (result.outcome, result.counts["non_voting"]) == ("vetoed", 0)
    # so is "the 10 non-permanent members"
    text = "All the 10 non-permanent council members backed it. It was adopted unanimously."
    assert read(text, None).counts["for"] == 15


@pytest.mark.parametrize(
    ("text", "counts", "vetoed_by"),
    [
        (
            "Russia vetoed the draft resolution on Wednesday. China abstained and the 13 other "
            "members voted in favour. A vote on a Russian amendment had drawn seven votes in "
            "favour, seven against and one abstention.",
            (13, 1, 1),
            ["RUS"],
        ),
        (
            "The council adopted the resolution by 13 votes to none, with two abstentions, on "
            "Wednesday, after an amendment proposed by Russia was rejected by 4 votes to 7.",
            (13, 0, 2),
            [],
        ),
        (
            "The amendment won only five votes, and the resolution was then adopted 14-0-1 on "
            "Wednesday.",
            (14, 0, 1),
            [],
        ),
    ],
)
def test_the_counts_of_an_amendment_are_not_the_drafts(text, counts, vetoed_by):
    found = read(text)
    assert tuple(found.counts[p] for p in ("for", "against", "abstain")) == counts
    assert found.vetoed_by == vetoed_by
    assert any("amendment" in w for w in found.warnings)


def test_a_position_goes_to_the_members_the_phrase_governs_not_to_every_name_nearby():
    found = read(
        "The resolution, opposed by Russia and China, keeps the sanctions despite concerns "
        "about US strikes in Ukraine."
    )
    assert found.positions == {"RUS": "against", "CHN": "against"}
    found = read("Voting against were Bolivia and Russia, while Egypt's envoy spoke of Syria.")
    assert found.positions == {"BOL": "against", "RUS": "against"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a term's start or end is not the day of the vote
        (
            "The Security Council voted on Wednesday to extend the sanctions, starting "
            "Thursday, April 13, 2017.",
            dt.date(2017, 4, 12),
        ),
        ("The council adopted a resolution extending the mission to 10 April 2017.", None),
        ("The council voted to keep the reports coming until 11 April 2017.", None),
        # "this Sunday": a day to come
        (
            "The referendum vote takes place this Sunday, April 16. The council voted on Tuesday.",
            dt.date(2017, 4, 11),
        ),
        # a vote someone says could happen is not the vote
        (
            "On April 3, the minister said nobody could cancel the vote. Russia vetoed the draft.",
            None,
        ),
        # a weekday that agrees with the date is the same day
        ("The council adopted the resolution on Wednesday, April 12, 2017.", dt.date(2017, 4, 12)),
    ],
)
def test_dates_that_are_not_the_day_of_the_vote(text, expected):
    assert read(text).vote_date == expected


def test_a_date_whose_weekday_contradicts_it_is_left_for_the_editor():
    found = read("The council adopted the resolution on Thursday, April 12, 2017.")
    assert found.vote_date is None
    warning = next(w for w in found.warnings if "weekday" in w)
    assert "'April 12, 2017'" in warning and "Wednesday" in warning
    assert "The council adopted the resolution on Thursday, April 12, 2017." in warning


def test_the_second_number_of_a_score_is_not_a_count_of_its_own():
    found = read(
        "On Wednesday the vote was 9-3 in favour of the draft, with Ethiopia, Kazakhstan and "
        "Egypt abstaining."
    )
    assert [found.counts[p] for p in ("for", "against", "abstain")] == [9, 3, 3]


def test_members_named_after_a_phrase_that_governs_nobody_take_no_position():
    found = read(
        "Multiple vetoes cast this year have hurt many countries, including Egypt and Senegal."
    )
    assert found.positions == {}


def test_members_joining_others_in_opposition():
    found = read(
        "The draft won nine votes, with Bolivia joining Russia and China in the opposition."
    )
    assert {c: found.positions.get(c) for c in ("BOL", "RUS", "CHN")} == dict.fromkeys(
        ("BOL", "RUS", "CHN"), "against"
    )


def test_a_name_with_of_the_is_found_without_the():
    index = NameIndex({"republic of the congo": "COG"})
    assert [m.codes for m in index.find("Qatar and the Republic of Congo abstained")] == [("COG",)]


def test_blocked_or_killed_by_a_permanent_member_of_a_draft_with_the_votes_is_a_veto():
    found = read(
        "Russia blocked the draft resolution on Wednesday. It won 11 votes in favour, with "
        "Bolivia voting against and China, Ethiopia and Kazakhstan abstaining."
    )
    assert found.vetoed_by == ["RUS"]
    assert found.counts["for"] == 11
    # short of nine votes: a plain no, not a veto
    found = read("Russia killed the draft on Wednesday; it won only seven votes in favour.")
    assert found.positions["RUS"] == "against"
    assert found.vetoed_by == []
    # an elected member that "blocked" a draft voted against it, nothing more
    found = read("Bolivia blocked the draft on Wednesday.")
    assert found.positions["BOL"] == "against"
    assert not any("not a permanent member" in w for w in found.warnings)


def test_a_participle_that_describes_the_draft_is_not_a_position():
    found = read("Russia opposed a western backed resolution on Wednesday.")
    assert found.positions == {"RUS": "against"}


@pytest.mark.parametrize(
    "text",
    [
        "Russia and China co-sponsored another resolution on Wednesday. Russia and China "
        "blocked the draft put forward by the others. The Council rejected the Russian-Chinese "
        "resolution, as it received only two votes in favour.",
        "The council was also to vote on two other draft resolutions proposed by Russia. The "
        "Russian draft won five votes in favour.",
    ],
)
def test_a_draft_named_for_the_sponsors_of_another_draft_is_that_other_draft(text):
    found = read(text)
    assert found.counts["for"] is None
    assert any("another vote" in w for w in found.warnings)


def test_a_text_over_the_size_the_reader_takes_is_refused(tmp_path):
    from django.core.management import CommandError, call_command

    from resolutions.reader import MAX_TEXT_CHARS

    long_text = "Russia vetoed the draft on Wednesday. " * (MAX_TEXT_CHARS // 38 + 1)
    assert len(long_text) > MAX_TEXT_CHARS
    with pytest.raises(ValueError, match=f"at most {MAX_TEXT_CHARS:,}"):
        read(long_text)
    path = tmp_path / "article.txt"
    path.write_text(long_text, encoding="utf-8")
    with pytest.raises(CommandError, match=f"{len(long_text):,} characters"):
        call_command("extract_votes", str(path), json=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the symbol's year fixes the Council's size: 15 members from 1966, 11 before
        ("The Council unanimously adopted resolution 2118 (2013).", (15, 0, 0)),
        ("The Council unanimously adopted resolution 95 (1951).", (11, 0, 0)),
        ("The Council unanimously adopted draft S/2013/591 on Friday.", (15, 0, 0)),
        # a bare number from 220 on is of the 15 (rules.seats_of_resolution); a lower
        # one gives no year: the size stays open
        ("The Council unanimously adopted resolution 2118.", (15, 0, 0)),
        ("The Council unanimously adopted resolution 161.", (None, 0, 0)),
    ],
)
def test_unanimity_takes_the_council_size_from_the_year_of_the_symbol(text, expected):
    result = read(text, None)
    assert counts(result) == expected
    assert result.counts["non_voting"] == 0


def test_a_vote_of_n_in_favour_is_a_count():
    result = read(
        "Resolution 2400 (2017) was adopted by a vote of 13 in favour, none against, with "
        "China and the Russian Federation abstaining.",
        None,
    )
    assert counts(result) == (13, 0, 2)
    # but "twelve of the council's 15 members voted for it": 15 is the whole
    assert read("Twelve of the council's 15 members voted in favour.").counts["for"] != 15


def test_the_minimum_of_nine_votes_obtained_is_a_count_but_not_when_denied():
    result = read("The draft obtained the bare minimum of nine votes on Wednesday.")
    assert result.counts["for"] == 9
    denied = read("The draft fell, without obtaining the minimum of nine votes, on Wednesday.")
    assert denied.counts["for"] is None


def test_the_members_counted_and_named_fix_the_council_size_without_a_date():
    # nine in favour and six others named: only a Council of 15 holds them
    text = (
        "The draft won nine votes. Russia and Bolivia voted against it; China, Ethiopia, "
        "Kazakhstan and Egypt abstained."
    )
    result = read(text, None)
    assert counts(result) == (9, 2, 4)
    assert result.counts["non_voting"] == 0


def test_a_day_something_takes_effect_does_not_put_a_count_at_another_time():
    text = (
        "In a 10-2 vote on Wednesday, with three abstentions, the Council decided the "
        "sanctions apply starting Thursday, April 13, 2017."
    )
    assert counts(read(text)) == (10, 2, 3)
    # a clause of another time still is: "in 2015" (the earlier vote's)
    assert counts(read("In 2015, with three abstentions, a text was adopted."))[2] is None


def test_voted_in_favour_by_the_n_other_members_gives_the_count_and_the_rest():
    result = read(
        "Russia vetoed the draft on Wednesday, and China abstained. The draft was voted in "
        "favour by the 13 other members of the Council."
    )
    assert counts(result) == (13, 1, 1)
    inferred = {c for c, e in result.evidence.items() if e.inferred}
    assert len(inferred) == 13 and all(result.positions[c] == "for" for c in inferred)
    # with a number that does not match the members not named, nobody is inferred
    result = read(
        "Russia vetoed the draft on Wednesday, and China abstained. It was backed by the 12 "
        "other members."
    )
    assert not any(e.inferred for e in result.evidence.values())


def test_the_meeting_record_is_read_when_the_article_names_one_only():
    found = read("At its meeting S/PV.7922 on Wednesday, the Council voted on the draft.")
    assert found.meeting == "S/PV.7922"
    assert found.as_json()["meeting"] == "S/PV.7922"
    two = read("At meeting S/PV.7922, recalling meeting S/PV.7919, Russia vetoed the draft.")
    assert two.meeting == ""
    assert any("several meetings (S/PV.7919, S/PV.7922)" in w for w in two.warnings)


@pytest.mark.django_db
def test_extract_votes_says_which_record_the_article_matches(tmp_path):
    import io
    import json

    from django.core.management import call_command

    path = tmp_path / "article.txt"
    path.write_text(
        "Russia on Wednesday vetoed draft S/2017/315 at the Security Council.", encoding="utf-8"
    )
    out = io.StringIO()
    call_command("extract_votes", str(path), published="2017-04-12", json=True, stdout=out)
    (matched,) = json.loads(out.getvalue())["matched"]
    assert (matched["symbol"], matched["meeting"], matched["date"]) == (
        "S/2017/315",
        "S/PV.7922",
        "2017-04-12",
    )
    assert matched["url"] == "/resolutions/s-2017-315/"
    out = io.StringIO()
    call_command("extract_votes", str(path), published="2017-04-12", stdout=out)
    assert "On record: S/2017/315 of 2017-04-12 (/resolutions/s-2017-315/)" in out.getvalue()
    # an article of a vote not on record matches nothing
    path.write_text("Russia on Wednesday vetoed draft S/2017/999.", encoding="utf-8")
    out = io.StringIO()
    call_command("extract_votes", str(path), published="2017-04-13", json=True, stdout=out)
    assert json.loads(out.getvalue())["matched"] == []


@pytest.mark.parametrize(
    ("text", "procedural"),
    [
        ("The vote on Wednesday was procedural, so no veto applied.", True),
        ("The Council on Wednesday voted to add the situation in the country to its agenda.", True),
        ("Members on Wednesday voted to put the question on the council's agenda.", True),
        ("Russia vetoed the draft on Wednesday; it was not a procedural vote.", False),
        ("Russia vetoed the draft on Wednesday, a non-procedural matter.", False),
        (
            "After a procedural vote on the agenda, the Council voted on the draft on "
            "Wednesday, and Russia vetoed it.",
            False,
        ),
    ],
)
def test_a_procedural_vote_is_recognised_when_the_text_says_this_vote_was_one(text, procedural):
    assert read(text).procedural is procedural


def test_a_permanent_members_no_in_a_procedural_vote_the_text_names_is_no_veto():
    result = read(
        "The Council on Wednesday voted to add the situation to its agenda by 11 votes to 2, "
        "with 2 abstentions. Russia and China voted against."
    )
    assert result.procedural
    assert (result.positions["RUS"], result.positions["CHN"]) == ("against", "against")
    assert result.vetoed_by == []
    assert result.outcome == "adopted"


def test_a_seat_of_government_stands_for_its_member():
    result = read(
        "The Kremlin vetoed the draft on Wednesday, while the White House and Downing Street "
        "voted for it and Beijing abstained."
    )
    assert result.positions["RUS"] == "veto"
    assert (result.positions["USA"], result.positions["GBR"]) == ("for", "for")
    assert result.positions["CHN"] == "abstain"
    # a place, not a government: "in the Kremlin"
    place = read("Talks in the Kremlin went on; Japan abstained on Wednesday.")
    assert "RUS" not in place.positions


def test_the_rest_voting_for_fixes_every_count_when_every_seat_is_then_placed():
    result = read("Russia and China abstained on Wednesday and the rest voted for the text.")
    assert counts(result) == (13, 0, 2)
    assert result.counts["non_voting"] == 0
    assert sum(e.inferred for e in result.evidence.values()) == 13


def test_the_rest_against_a_count_that_contradicts_it_is_left_with_both_sentences():
    result = read(
        "Ten members voted in favour on Wednesday. Russia and China abstained and the rest "
        "voted for the text."
    )
    assert not any(e.inferred for e in result.evidence.values())
    warning = next(w for w in result.warnings if "says the other members" in w)
    assert '"Ten members voted in favour on Wednesday."' in warning
    assert '"Russia and China abstained and the rest voted for the text."' in warning


def test_the_rest_is_not_inferred_while_a_member_is_named_in_two_positions():
    result = read(
        "Japan voted in favour on Wednesday. Japan abstained. Russia voted against and the "
        "rest voted for the text."
    )
    assert "JPN" not in result.positions
    assert not any(e.inferred for e in result.evidence.values())


@pytest.mark.parametrize(
    "text",
    [
        "The text was adopted on Wednesday by 14 votes, with one abstention.",
        "The text was adopted Wednesday with 14 votes in favour and one abstention.",
    ],
)
def test_adopted_on_a_day_by_n_votes_is_a_count(text):
    assert counts(read(text)) == (14, 0, 1)
