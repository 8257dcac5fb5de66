"""The article reader on reports in Spanish: the words of a vote (positions, numbers
in figures and words, verbs of adoption, rejection and veto, member names, months and
weekdays) read as the English reader knows them, the Spanish kept as evidence. Each
rule on sentences written for these tests (the 2017 Council of tests/test_extract.py)."""

from __future__ import annotations

import datetime as dt

from test_extract import CONTEXT, counts, read

from resolutions.reader import extract
from resolutions.reader.spanish import is_spanish, translate

THURSDAY = dt.date(2017, 4, 13)


def test_counts_in_figures_and_words_and_the_abstainers_named():
    result = read("El Consejo de Seguridad aprobó el miércoles la resolución por 13 votos a "
                  "favor, ninguno en contra y dos abstenciones, con la abstención de Bolivia y "
                  "Egipto.", THURSDAY)  # fmt: skip
    assert counts(result) == (13, 0, 2)
    assert result.positions["BOL"] == "abstain"
    assert result.positions["EGY"] == "abstain"
    assert result.positions["JPN"] == "for"  # inferred: the counts leave no other place
    assert result.vote_date == dt.date(2017, 4, 12)
    assert result.outcome == "adopted"


def test_a_veto_with_the_members_against_and_abstaining():
    result = read("Rusia vetó el 12 de abril de 2017 el proyecto de resolución, que obtuvo 10 "
                  "votos a favor, 2 en contra (Rusia y Bolivia) y 3 abstenciones. China, "
                  "Etiopía y Kazajistán se abstuvieron.", None)  # fmt: skip
    assert result.vote_date == dt.date(2017, 4, 12)
    assert counts(result) == (10, 2, 3)
    assert result.positions["RUS"] == "veto"
    assert result.positions["BOL"] == "against"
    assert [result.positions[c] for c in ("CHN", "ETH", "KAZ")] == ["abstain"] * 3
    assert result.vetoed_by == ["RUS"]


def test_a_permanent_members_no_on_a_draft_without_nine_votes_is_not_a_veto():
    result = read("El miércoles, el texto recibió el apoyo de 4 de los 15 miembros, el voto en "
                  "contra de Estados Unidos (que ejerció su derecho de veto) y Japón, y 9 "
                  "abstenciones, entre ellas las de Francia e Italia.", THURSDAY)  # fmt: skip
    assert counts(result) == (4, 2, 9)
    assert result.positions["USA"] == "against"
    assert result.positions["JPN"] == "against"
    assert result.positions["FRA"] == "abstain"
    assert result.positions["ITA"] == "abstain"
    assert result.vetoed_by == []
    assert result.outcome == "failed"


def test_what_is_said_of_another_draft_is_not_this_votes():
    result = read("El Consejo rechazó el miércoles el texto por 4 votos a favor, 2 en contra y "
                  "9 abstenciones. Antes, el Consejo aprobó otra resolución, presentada por "
                  "Japón.\n\nEsa resolución recibió el apoyo de 13 miembros, con la abstención de "
                  "China y Rusia.", THURSDAY)  # fmt: skip
    assert counts(result) == (4, 2, 9)
    assert "CHN" not in result.positions
    assert "RUS" not in result.positions


def test_unanimity_and_a_denied_vote():
    result = read("El Consejo de Seguridad aprobó por unanimidad la resolución 2347 (2017) el "
                  "miércoles. Rusia no votó en contra.", THURSDAY)  # fmt: skip
    assert counts(result) == (15, 0, 0)
    assert result.positions["RUS"] == "for"


def test_the_evidence_is_the_spanish_sentence():
    result = read("El miércoles, Bolivia votó en contra del texto, que fue vetado por Rusia.",
                  THURSDAY)  # fmt: skip
    assert result.positions["BOL"] == "against"
    assert result.evidence["BOL"].text == (
        "El miércoles, Bolivia votó en contra del texto, que fue vetado por Rusia."
    )
    assert any("Spanish" in w for w in result.warnings)


def test_an_english_report_is_not_read_as_spanish():
    text = ("The Security Council on Wednesday adopted the resolution, which La Paz and "
            "Montevideo had backed, by 13 votes to none, with two abstentions.")  # fmt: skip
    assert not is_spanish(text)
    result = extract(text, THURSDAY, CONTEXT)
    assert not any("Spanish" in w for w in result.warnings)
    assert counts(result) == (13, 0, 2)


def test_the_rendering_keeps_where_each_character_stands():
    text = "Francia y el Reino Unido se abstuvieron el martes."
    rendered, where = translate(text)
    assert rendered == "France and the United Kingdom abstained on Tuesday."
    assert text[where[rendered.index("United")] :].startswith("Reino Unido")
    assert len(where) == len(rendered) + 1


def test_a_verb_before_its_subject_places_the_members_after_it():
    result = read("Votaron en contra Estados Unidos y Japón, y se abstuvieron Francia e Italia, "
                  "el miércoles.", THURSDAY)  # fmt: skip
    assert result.positions["USA"] == "against"
    assert result.positions["JPN"] == "against"
    assert result.positions["FRA"] == "abstain"
    assert result.positions["ITA"] == "abstain"


def test_a_members_representative_after_the_verb():
    result = read("El miércoles votó en contra el representante de Japón.", THURSDAY)
    assert result.positions["JPN"] == "against"


def test_the_member_named_after_a_count_as_that_of():
    result = read("El texto recibió el miércoles 14 votos a favor y uno en contra, el de "
                  "Estados Unidos.", THURSDAY)  # fmt: skip
    assert counts(result) == (14, 1, 0)
    assert result.positions["USA"] == "veto"


def test_the_only_country_and_the_other_members():
    result = read("Rusia fue el único país que votó en contra el miércoles. Los otros catorce "
                  "miembros del Consejo votaron a favor.", THURSDAY)  # fmt: skip
    assert result.positions["RUS"] == "veto"
    assert counts(result) == (14, 1, 0)


def test_a_term_until_a_later_year_does_not_hide_the_counts():
    result = read("El Consejo de Seguridad aprobó el miércoles por trece votos a favor y dos "
                  "abstenciones una resolución que prorroga el mandato de la misión hasta el 31 "
                  "de enero de 2018.", THURSDAY)  # fmt: skip
    assert counts(result) == (13, 0, 2)
    assert result.vote_date == dt.date(2017, 4, 12)


def test_a_member_joined_by_al_igual_que_and_the_rest_in_favour():
    result = read("China se abstuvo en la votación del miércoles, al igual que Egipto. El resto "
                  "de los miembros votó a favor.", THURSDAY)  # fmt: skip
    assert result.positions["EGY"] == "abstain"
    assert counts(result) == (13, 0, 2)


def test_a_history_of_vetoes_is_not_a_veto_in_this_vote():
    result = read("Es la octava vez que Rusia vetó una resolución sobre Siria. El miércoles, "
                  "Rusia se abstuvo.", THURSDAY)  # fmt: skip
    assert result.positions["RUS"] == "abstain"
    assert result.vetoed_by == []
    many = read("Rusia ha vetado 16 veces resoluciones sobre Siria. El miércoles, Rusia se "
                "abstuvo.", THURSDAY)  # fmt: skip
    assert many.positions["RUS"] == "abstain"
    assert translate("la vigesimoprimera vez")[0] == "the 21st time"


def test_a_vote_to_come_or_only_possible_gives_no_date_and_no_position():
    result = read("Se espera que Rusia vete el texto. El Consejo votará el jueves.", THURSDAY)
    assert result.vote_date is None
    possible = read("Rusia podría vetar el texto, que se votará el jueves; China anunció que "
                    "se abstendrá.", THURSDAY)  # fmt: skip
    assert possible.positions == {}
    assert possible.vote_date is None


def test_a_denied_adoption_is_not_an_adoption():
    result = read("Sin el voto de Rusia, el texto no fue aprobado el miércoles.", THURSDAY)
    assert result.outcome != "adopted"


def test_a_threatened_veto_is_a_noun_and_a_vote_against_after_despite_is_one():
    threatened = read("Rusia amenazó con el veto el miércoles.", THURSDAY)
    assert "RUS" not in threatened.positions
    despite = read("Pese al voto en contra de Japón, el texto fue aprobado el miércoles por 13 "
                   "votos a favor.", THURSDAY)  # fmt: skip
    assert despite.positions["JPN"] == "against"


def test_a_dateline_with_an_agency_is_the_reporters_day_not_the_votes():
    result = read("Nueva York, 13 de abril de 2017 (EFE).- Rusia vetó ayer en el Consejo de "
                  "Seguridad un proyecto de resolución.", None)  # fmt: skip
    assert result.vote_date == dt.date(2017, 4, 12)
    short = read("NACIONES UNIDAS, 13 abr (EFE).- El Consejo de Seguridad rechazó ayer el texto, "
                 "que solo obtuvo cuatro votos a favor.", THURSDAY)  # fmt: skip
    assert short.vote_date == dt.date(2017, 4, 12)


def test_histories_counted_in_figures_or_words_past_fifteen():
    for history in ("Es la 3ª vez que Rusia vetó un texto sobre Siria.",
                    "Rusia ha vetado veintitrés veces textos sobre Siria.",
                    "Doce veces ha vetado Rusia textos sobre Siria."):  # fmt: skip
        result = read(history + " El miércoles, Rusia se abstuvo.", THURSDAY)
        assert result.positions["RUS"] == "abstain"


def test_the_draft_named_for_the_members_that_put_another_forward_is_that_other():
    result = read("Rusia vetó el miércoles el texto, que obtuvo 10 votos a favor. Rusia y China "
                  "presentaron otra resolución. La resolución ruso-china recibió dos votos a "
                  "favor, con la abstención de Egipto.", THURSDAY)  # fmt: skip
    assert result.positions["RUS"] == "veto"
    assert "EGY" not in result.positions
    assert result.counts["for"] == 10
    assert translate("el texto ruso")[0] == "the Russian text"


def test_a_report_in_portuguese_is_not_read_as_spanish():
    assert not is_spanish("O Conselho de Segurança da ONU aprovou nesta quarta-feira a resolução "
                          "por 13 votos a favor e duas abstenções, da Rússia e da China, que "
                          "se abstiveram na votação sobre o texto.")  # fmt: skip
    assert is_spanish("El Consejo de Seguridad de la ONU aprobó este miércoles la resolución "
                      "por 13 votos a favor y dos abstenciones.")  # fmt: skip


def test_counts_said_as_the_votes_in_favour_of_so_many_and_affirmative_votes():
    result = read("El texto salió adelante el miércoles con el voto a favor de 13 países y la "
                  "abstención de Rusia y China.", THURSDAY)  # fmt: skip
    assert counts(result) == (13, 0, 2)
    words = read("La resolución recibió el miércoles trece votos afirmativos, ninguno en contra "
                 "y una abstención.", THURSDAY)  # fmt: skip
    assert counts(words) == (13, 0, 1)


def test_the_only_vote_against_or_abstention_was_that_of_a_member():
    result = read("El miércoles, el único voto en contra fue el de Estados Unidos, que vetó el "
                  "texto apoyado por los otros 14 miembros.", THURSDAY)  # fmt: skip
    assert result.positions["USA"] == "veto"
    assert counts(result) == (14, 1, 0)
    abstention = read("La única abstención fue la de Egipto; el texto fue aprobado el miércoles "
                      "por 14 votos a favor.", THURSDAY)  # fmt: skip
    assert abstention.positions["EGY"] == "abstain"
    assert counts(abstention) == (14, 0, 1)
