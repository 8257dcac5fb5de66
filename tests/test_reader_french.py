"""The article reader on reports in French: the words of a vote (positions, numbers in
figures and words, verbs of adoption, rejection and veto with their auxiliaries,
member names and capitals, months and weekdays) read as the English reader knows
them, the French kept as evidence; what is hedged, denied or said of another draft
stays so. Each rule on sentences written for these tests (the 2017 Council of
tests/test_extract.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_extract import CONTEXT, counts, read

from resolutions.reader import extract, language_of
from resolutions.reader.french import FRENCH, MEMBER_NAMES
from resolutions.reader.languages import ENGLISH

THURSDAY = dt.date(2017, 4, 13)


def test_counts_in_words_and_the_abstainers_listed_after_them():
    result = read("Le Conseil de sécurité a adopté mercredi la résolution par treize voix pour, "
                  "aucune contre et deux abstentions, celles de l'Égypte et de la Bolivie.",
                  THURSDAY)  # fmt: skip
    assert counts(result) == (13, 0, 2)
    assert result.positions["EGY"] == "abstain"
    assert result.positions["BOL"] == "abstain"
    assert result.positions["JPN"] == "for"  # inferred: the counts leave no other place
    assert result.vote_date == dt.date(2017, 4, 12)
    assert result.outcome == "adopted"


def test_a_veto_with_the_day_inside_the_verb_and_the_members_against():
    result = read("La Russie a opposé mercredi son veto au projet de résolution, qui a recueilli "
                  "dix voix pour, deux contre, celles de la Russie et de la Bolivie, et trois "
                  "abstentions. La Chine, l'Éthiopie et le Kazakhstan se sont abstenus.",
                  THURSDAY)  # fmt: skip
    assert result.vote_date == dt.date(2017, 4, 12)
    assert counts(result) == (10, 2, 3)
    assert result.positions["RUS"] == "veto"
    assert result.positions["BOL"] == "against"
    assert [result.positions[c] for c in ("CHN", "ETH", "KAZ")] == ["abstain"] * 3
    assert result.vetoed_by == ["RUS"]


def test_capitals_for_their_governments_and_a_double_veto():
    result = read("Moscou et Pékin ont mis leur veto mercredi soir au texte, soutenu par les "
                  "treize autres membres du Conseil.", THURSDAY)  # fmt: skip
    assert result.vetoed_by == ["CHN", "RUS"]
    assert counts(result) == (13, 2, 0)


@pytest.mark.parametrize(
    "sentence",
    [
        "La Russie aurait voté contre le texte mercredi si la Chine s'était abstenue.",
        "La France a déclaré mercredi qu'elle voterait contre le texte.",
        "La Chine va s'abstenir lors du vote de mercredi sur le texte.",
        "La Russie a menacé mercredi d'opposer son veto au texte.",
        "Mercredi, le Conseil devait se prononcer sur un texte auquel la Russie pourrait "
        "opposer son veto.",
    ],
)
def test_a_condition_a_forecast_or_a_threat_is_no_position(sentence):
    result = read(sentence, THURSDAY)
    assert "RUS" not in result.positions
    assert "CHN" not in result.positions
    assert "FRA" not in result.positions
    assert result.vetoed_by == []


@pytest.mark.parametrize(
    "sentence",
    [
        "La Russie n'a pas opposé son veto mercredi au texte.",
        "La Russie n'a plus voté contre un tel texte depuis mercredi.",
        "Mercredi, la Russie ne s'est pas abstenue sur le texte.",
        "Mercredi, ni la Russie ni la Chine n'ont voté contre le texte.",
        "La Russie n'avait jamais voté contre un tel texte avant mercredi.",
    ],
)
def test_a_denied_vote_is_no_position(sentence):
    result = read(sentence, THURSDAY)
    assert "RUS" not in result.positions
    assert "CHN" not in result.positions


def test_unanimity_and_a_date_written_out():
    result = read("Le 12 avril 2017, le Conseil de sécurité a adopté à l'unanimité la résolution "
                  "2347 (2017), sur laquelle les Quinze se sont entendus.", None)  # fmt: skip
    assert result.vote_date == dt.date(2017, 4, 12)
    assert counts(result) == (15, 0, 0)
    assert result.positions["RUS"] == "for"


def test_a_score_by_votes_to_and_one_abstention():
    result = read("Le texte a été adopté le 12 avril par 12 voix contre 2, avec une abstention.",
                  THURSDAY)  # fmt: skip
    assert counts(result) == (12, 2, 1)
    assert result.vote_date == dt.date(2017, 4, 12)


def test_a_member_that_took_no_part_in_the_vote():
    result = read("Mercredi, le texte a recueilli quatorze voix pour. L'Éthiopie n'a pas pris "
                  "part au vote.", THURSDAY)  # fmt: skip
    assert result.positions["ETH"] == "non_voting"
    assert counts(result)[0] == 14


def test_what_is_said_of_a_rival_draft_is_not_this_votes():
    result = read("Mercredi, le texte a été adopté par 13 voix pour et deux abstentions. Un projet "
                  "concurrent présenté par la Chine n'a recueilli que quatre voix, la Russie et "
                  "la Chine votant pour.", THURSDAY)  # fmt: skip
    assert counts(result) == (13, 0, 2)
    assert "RUS" not in result.positions
    assert "CHN" not in result.positions


def test_the_members_listed_after_a_colon_and_the_lone_dissenter():
    result = read("Mercredi, le projet a été rejeté. Ont voté contre : la Russie et la Bolivie. "
                  "Se sont abstenus : la Chine, l'Égypte et le Kazakhstan.", THURSDAY)  # fmt: skip
    assert result.positions["BOL"] == "against"
    assert [result.positions[c] for c in ("CHN", "EGY", "KAZ")] == ["abstain"] * 3
    lone = read("Mercredi, le Japon a été le seul pays à voter contre le texte, que les "
                "quatorze autres membres ont soutenu.", THURSDAY)  # fmt: skip
    assert lone.positions["JPN"] == "against"
    assert counts(lone)[1] == 1


def test_a_members_ambassador_and_names_without_their_accent():
    result = read("Mercredi, l'ambassadeur russe a voté contre le texte, tandis que les Etats-Unis "
                  "et l'Egypte se sont abstenus.", THURSDAY)  # fmt: skip
    assert result.positions["RUS"] == "against"
    assert result.positions["USA"] == "abstain"
    assert result.positions["EGY"] == "abstain"


def test_the_evidence_is_the_french_sentence():
    text = "Mercredi, la Bolivie a voté contre le texte, auquel la Russie a opposé son veto."
    result = read(text, THURSDAY)
    assert result.positions["BOL"] == "against"
    assert result.evidence["BOL"].text == text
    assert any("French" in w for w in result.warnings)


def test_the_rendering_keeps_where_each_character_stands():
    text = "La France et le Royaume-Uni se sont abstenus mardi, avec l'Égypte."
    rendered, where = FRENCH.translate(text)
    assert rendered == " France and  United Kingdom abstained Tuesday, with Egypt."
    assert text[where[rendered.index("United")] :].startswith("Royaume-Uni")
    assert text[where[rendered.index("Egypt")] :].startswith("Égypte")
    assert len(where) == len(rendered) + 1


def test_english_and_spanish_reports_are_not_read_as_french():
    english = ("The Security Council on Wednesday adopted the resolution, which Côte d'Ivoire "
               "and Paris had backed, by 13 votes to none, with two abstentions.")  # fmt: skip
    spanish = "El Consejo de Seguridad aprobó el miércoles la resolución por 13 votos a favor."
    assert language_of(english) is None
    assert language_of(spanish)[0] == "Spanish"
    assert counts(extract(english, THURSDAY, CONTEXT)) == (13, 0, 2)
    portuguese = ("O Conselho de Segurança aprovou na quarta-feira a resolução, mais uma vez, "
                  "à espera de que a Rússia e a China se abstivessem, o que aconteceu à tarde, "
                  "à vista de todos, com 13 votos a favor.")  # fmt: skip
    assert language_of(portuguese) is None or language_of(portuguese)[0] != "French"
    assert language_of("Le Conseil a adopté mercredi le texte à l'unanimité.")[0] == "French"


def test_every_member_that_has_sat_has_a_french_name():
    assert set(MEMBER_NAMES) == set(ENGLISH)
    names = [name for names in MEMBER_NAMES.values() for name in names]
    assert len(names) == len(set(names))


def test_a_place_that_holds_a_members_name_is_not_that_member():
    result = read("Mercredi, le Soudan du Sud et la Corée du Nord ont voté contre, comme le Japon.",
                  THURSDAY)  # fmt: skip
    assert set(result.positions) <= {"JPN"}
    rendered, _ = FRENCH.translate("la Papouasie-Nouvelle-Guinée et la Guinée")
    assert rendered == " Papua New Guinea and  Guinea"


def test_argued_that_is_not_supported():
    result = read("Mercredi, la Russie a soutenu que le texte était contraire au droit.", THURSDAY)
    assert "RUS" not in result.positions
    backed = read("Mercredi, la Russie a soutenu le texte, qui a été adopté.", THURSDAY)
    assert backed.positions["RUS"] == "for"


def test_the_two_germanies_are_told_apart():
    rendered, _ = FRENCH.translate("l'Allemagne de l'Est, l'Allemagne de l'Ouest et l'Allemagne")
    assert rendered == "German Democratic Republic, Germany and Germany"


def test_a_vote_of_another_time_is_not_this_ones():
    result = read("Mercredi, le texte a été adopté. La Chine s'est abstenue il y a deux semaines "
                  "sur un texte semblable, et l'année précédente la Russie a voté contre.",
                  THURSDAY)  # fmt: skip
    assert "CHN" not in result.positions
    assert "RUS" not in result.positions


def test_the_end_of_a_term_does_not_make_the_count_of_another_time():
    result = read("Le Conseil de sécurité a adopté aujourd'hui la résolution par 12 voix pour, "
                  "zéro voix contre et 3 abstentions (Chine, Égypte et Bolivie), prorogeant "
                  "jusqu'au 15 novembre 2019 le mandat de la Force.", THURSDAY)  # fmt: skip
    assert counts(result) == (12, 0, 3)
    assert [result.positions[c] for c in ("CHN", "EGY", "BOL")] == ["abstain"] * 3
    assert result.vote_date == THURSDAY
