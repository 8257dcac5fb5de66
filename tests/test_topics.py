"""What a vote is about (resolutions/topics.py): the rule that tells a note about a
draft from a title, the subject, topics and sponsors, in sentences of our own."""

from __future__ import annotations

import pytest

from resolutions import topics


@pytest.mark.parametrize(
    "text",
    [
        "S/2031/12; S/2031/40",
        "S/2031/12 as orally revised",
        "as amended",
        "As corrected",
        "Oral amendment 4",
        "oral amendment",
        "amendment",
        "S/2031/77 (amendment)",
        "para. 7 of the report of the committee",
        "and S/912/Add.2",
        "S/4410 & Add.1 & S/4412",
        "and Corr.1 & 2",
        "operative paragraph 3",
        "preliminary question",
        "   ",
    ],
)
def test_notes_about_a_draft_are_not_titles(text):
    assert topics.is_note(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ceasefire along the northern border",
        "Extension of the mission's mandate for twelve months",
        "Admission of Freedonia",
        "Freedonia",
        "Sanctions on the trade in charcoal renewed",
        # Words notes use, in a sentence that is a title.
        "Amended sanctions regime on arms sales to the region",
    ],
)
def test_titles_are_not_notes(text):
    assert not topics.is_note(text)


def test_subject_is_the_title_else_the_agenda_item_without_its_symbols():
    assert topics.subject_for("Ceasefire in the valley", "The situation in X") == (
        "Ceasefire in the valley"
    )
    assert topics.subject_for("as amended", "The situation in the valley") == (
        "The situation in the valley"
    )
    assert topics.subject_for("", "Letter dated 2 May from Freedonia (S/2031/55)") == (
        "Letter dated 2 May from Freedonia"
    )
    assert topics.subject_for("S/2031/1; S/2031/2", "S/2031/3") == ""
    long = "word " * 100
    assert len(topics.subject_for(long, "")) == topics.SUBJECT_LIMIT
    assert topics.subject_for(long, "").endswith("…")


def test_topic_names_one_name_for_each_spelling_and_none_for_empty_values():
    assert topics.topic_names("Middle East, inc. Palestinian question", "Middle East", "") == [
        ("topic", "Middle East, incl. the Palestinian question"),
        ("region", "Middle East"),
    ]
    assert topics.topic_names("  Freedonia ", "Other", "Country-specific") == [
        ("topic", "Freedonia"),
        ("category", "Country/Region-specific"),
    ]
    assert topics.topic_names("", "", "") == []


def test_agenda_topics_map_agenda_items_and_titles_to_topics_and_regions():
    assert topics.agenda_topics("The situation in Cyprus") == [
        ("topic", "Cyprus"),
        ("region", "Europe"),
    ]
    # The first text the mapping knows decides: a title before its agenda item.
    assert topics.agenda_topics(
        "A humanitarian pause in Gaza", "The situation in the Middle East"
    ) == [("topic", "Middle East, incl. the Palestinian question"), ("region", "Middle East")]
    assert topics.agenda_topics("Admission of new Members")[0] == (
        "topic",
        "Admission of new members",
    )
    assert topics.agenda_topics("Travel allowances of the commissions") == []


def test_sponsor_names_clean_the_cell_and_leave_out_what_names_no_state():
    cell = '"Freedonia, the_x000D_\nRepublic of Sylvania,_x000D_\nOsterlich (12), Grand Fenwick.'
    assert topics.sponsor_names(cell) == [
        "Freedonia",
        "Republic of Sylvania",
        "Osterlich",
        "Grand Fenwick",
    ]
    assert topics.sponsor_names("President") == []
    assert topics.sponsor_names("-none-") == []
    assert topics.sponsor_names("Committee on Something") == []
    assert topics.sponsor_names("") == []


def test_sponsor_codes_join_split_names_and_split_joined_ones():
    known = {
        "freedonia": "FRE",
        "costa verde": "CVE",
        "trinidad and tobago": "TTO",
        "sylvania": "SYL",
    }

    def resolve(name):
        return known.get(name.lower())

    names = ["Costa", "Verde", "Freedonia and the Sylvania", "Trinidad and Tobago", "Nowhere"]
    assert topics.sponsor_codes(names, resolve) == ["CVE", "FRE", "SYL", "TTO"]
    assert topics.sponsor_codes(["Freedonia", "Freedonia"], resolve) == ["FRE"]


def test_curated_titles_are_read_by_symbol_and_a_note_or_a_row_without_source_refused(tmp_path):
    path = tmp_path / "titles.csv"
    path.write_text(
        "symbol,title,source\n"
        "S/RES/9001 (2091),A  made-up   title,https://undocs.org/en/S/RES/9001(2091)\n"
        "S/2091/5,Another made-up title,https://undocs.org/en/S/2091/5\n",
        encoding="utf-8",
    )
    assert topics.curated_titles(path) == {
        "S/RES/9001 (2091)": "A made-up title",
        "S/2091/5": "Another made-up title",
    }
    for row in ("S/2091/6,as amended,https://undocs.org/en/S/2091/6", "S/2091/7,A title,"):
        bad = tmp_path / "bad.csv"
        bad.write_text(f"symbol,title,source\n{row}\n", encoding="utf-8")
        with pytest.raises(ValueError, match=r"bad.csv:2:"):
            topics.curated_titles(bad)
