"""Entering a vote without friction, as an editor does: the seats left without a
position filled in one action ("the others voted for", "adopted unanimously"),
and every error on the field or the member's row that caused it, the first one
linked from the top and focused, with no second error following from it."""

from __future__ import annotations

import html
import re

import pytest
from test_admin import ADD_URL, S_2017_172, editor, errors_of, post_data  # noqa: F401

from resolutions.models import Resolution

pytestmark = pytest.mark.django_db


@pytest.fixture
def editing(client, editor):  # noqa: F811
    """The browser of an editor with the rights to enter votes (test_admin.editor)."""
    client.force_login(editor)
    return client


# S/2017/172 as an editor types it: only the positions that were not "for".
NOT_FOR = {code: position for code, position in S_2017_172.items() if position != "for"}
# The members seated on 28 February 2017, in the order the add form offers them.
ALL_BLANK = dict.fromkeys(S_2017_172, "")


def where_errors_are(response) -> dict[str, list[str]]:
    """Every error of the page by where it sits: a field of the record's form by
    its name, a member's row as 'row CODE: field', the votes above their rows as
    'votes', the record as a whole as 'record'."""
    places: dict[str, list[str]] = {}
    form = response.context["adminform"].form
    for name, errors in form.errors.items():
        places["record" if name == "__all__" else name] = list(errors)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        if formset.non_form_errors():
            places[formset.prefix] = list(formset.non_form_errors())
        for row in formset.forms:
            for name, errors in row.errors.items():
                places[f"row {row['member'].value()}: {name}"] = list(errors)
    return places


def test_the_others_voted_for_fills_every_seat_left_blank(editing):
    """Six positions chosen, nine rows left blank, one choice: saved 9-3-3, vetoed."""
    positions = {**ALL_BLANK, **NOT_FOR}
    response = editing.post(ADD_URL, post_data(positions, seats_left="others_for"))
    assert response.status_code == 302, errors_of(response)
    record = Resolution.objects.get(draft_symbol="S/2017/172")
    assert dict(record.votes.values_list("member_id", "position")) == S_2017_172
    assert (str(record.tally), record.outcome) == ("9-3-3", "vetoed")


def test_a_seated_member_without_a_row_is_filled_too(editing):
    """Only the six rows posted (the others removed from the page): the seats of the
    day are the Council's on record, not the rows that happened to be sent."""
    response = editing.post(ADD_URL, post_data(NOT_FOR, seats_left="others_for"))
    assert response.status_code == 302, errors_of(response)
    record = Resolution.objects.get(draft_symbol="S/2017/172")
    assert dict(record.votes.values_list("member_id", "position")) == S_2017_172


def test_without_the_choice_blank_seats_stay_blank_and_are_named(editing):
    response = editing.post(ADD_URL, post_data({**ALL_BLANK, **NOT_FOR}))
    assert response.status_code == 200
    places = where_errors_are(response)
    assert "row FRA: position" in places and "row JPN: position" in places
    assert not Resolution.objects.filter(draft_symbol="S/2017/172").exists()


def test_adopted_unanimously_gives_every_seat_for(editing):
    data = post_data(
        ALL_BLANK, seats_left="unanimous", draft_symbol="S/2017/150", resolution_number="2345"
    )
    response = editing.post(ADD_URL, data)
    assert response.status_code == 302, errors_of(response)
    record = Resolution.objects.get(resolution_number=2345)
    assert set(record.votes.values_list("position", flat=True)) == {"for"}
    assert record.votes.count() == 15
    assert (str(record.tally), record.outcome) == ("15-0-0", "adopted")


def test_adopted_unanimously_beside_a_vote_against_is_an_error_on_its_row(editing):
    data = post_data(
        {**ALL_BLANK, "BOL": "against"},
        seats_left="unanimous",
        draft_symbol="S/2017/150",
        resolution_number="2345",
    )
    response = editing.post(ADD_URL, data)
    assert response.status_code == 200
    assert where_errors_are(response) == {
        "row BOL: position": [
            "Bolivia (Plurinational State of): recorded as 'Against', but the vote is "
            "entered as adopted unanimously (every seat for)."
        ]
    }
    assert not Resolution.objects.filter(resolution_number=2345).exists()


def test_the_seats_are_filled_only_on_a_record_of_the_members_votes(editing):
    tally = {"votes_for": "15", "votes_against": "0", "votes_abstain": "0"}
    data = post_data(ALL_BLANK, seats_left="others_for", resolution_number="2345", **tally)
    del data["votes_recorded"]
    response = editing.post(ADD_URL, data)
    assert response.status_code == 200
    assert list(where_errors_are(response)) == ["seats_left"]
    assert "tick &#x27;votes recorded&#x27;" in response.text
    # Shown under the votes, outside the record's fieldsets: still linked from the top.
    assert re.search(
        r'<p class="errornote first-error">.*?<a href="#id_seats_left">', response.text
    )
    assert not Resolution.objects.filter(draft_symbol="S/2017/172").exists()


HINT = (
    "If these facts are not known, set the review status to 'needs review' and say why "
    "in the review reasons."
)


def test_a_missing_members_vote_is_named_on_its_row_and_nothing_follows_from_it(editing):
    """The issue's case: an adopted draft with its resolution number, Egypt left
    blank. The outcome cannot be computed without Egypt's vote, so neither "give
    the outcome" nor "a resolution number on a draft not adopted" is said: one
    error, on Egypt's row, and where to flag the record if the vote is not known."""
    adopted = {**dict.fromkeys(S_2017_172, "for"), "EGY": ""}
    response = editing.post(ADD_URL, post_data(adopted, resolution_number="2345"))
    assert response.status_code == 200
    assert where_errors_are(response) == {
        "row EGY: position": ["Egypt sat on the Council on 2017-02-28 but has no recorded vote."],
        "review_status": [HINT],
    }
    # The page opens at it: linked from the top, its menu focused, its row marked.
    page = response.text
    row = list(S_2017_172).index("EGY")
    target = f"id_votes-{row}-position"
    link = re.search(r'<p class="errornote first-error">.*?<a href="#([^"]+)">(.*?)</a>', page)
    assert link.group(1) == target
    assert html.unescape(link.group(2)).startswith("Egypt sat on the Council")
    assert re.search(rf'<select[^>]*name="votes-{row}-position"[^>]*autofocus', page)
    assert page.count("autofocus") == 1
    # The admin's script would move the focus to the date: not given the model here.
    constants = re.search(r'<script id="django-admin-form-add-constants"[^>]*>', page).group(0)
    assert "data-model-name" not in constants


@pytest.mark.parametrize(
    ("positions", "fields", "place", "message"),
    [
        (
            {**S_2017_172, "JPN": "veto"},
            {},
            "row JPN: position",
            "Japan is not a permanent member and cannot cast a veto.",
        ),
        (
            {**S_2017_172, "DEU": "abstain"},
            {},
            "row DEU: member",
            "Germany was not a member of the Council on 2017-02-28.",
        ),
        (
            {**S_2017_172, "RUS": "against"},
            {},
            "row RUS: position",
            "Russian Federation, a permanent member, voted against a draft that had the 9 "
            "votes it needed: that is a veto; record 'veto'.",
        ),
        (
            S_2017_172,
            {"outcome": "adopted"},
            "outcome",
            "The outcome is recorded as 'adopted', but the votes make it 'vetoed'.",
        ),
        (
            S_2017_172,
            {"votes_for": "10", "votes_against": "3", "votes_abstain": "2"},
            "votes_for",
            "The members' votes add up to 9-3-3, but the tally is 10-3-2.",
        ),
        (
            S_2017_172,
            {"resolution_number": "2345"},
            "resolution_number",
            "A resolution number is on record for a draft that was not adopted.",
        ),
    ],
    ids=["veto-by-elected", "not-seated", "against-is-veto", "outcome", "tally", "number"],
)
def test_each_error_sits_where_it_arose_alone(editing, positions, fields, place, message):
    response = editing.post(ADD_URL, post_data(positions, **fields))
    assert response.status_code == 200
    assert where_errors_are(response) == {place: [message]}
    assert not Resolution.objects.filter(draft_symbol="S/2017/172").exists()


def test_a_member_given_twice_is_named_on_its_second_row(editing):
    data = post_data(S_2017_172)
    data.update({"votes-TOTAL_FORMS": "16", "votes-15-member": "EGY", "votes-15-position": "for"})
    response = editing.post(ADD_URL, data)
    formset = next(
        i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == "votes"
    )
    errors = {index: dict(form.errors) for index, form in enumerate(formset.forms) if form.errors}
    assert errors == {15: {"member": ["Egypt is recorded more than once."]}}
    assert where_errors_are(response) == {"row EGY: member": ["Egypt is recorded more than once."]}


def test_a_date_without_the_councils_composition_is_an_error_on_the_date(editing):
    response = editing.post(ADD_URL, post_data({}, date="1945-06-01", votes_recorded=""))
    places = where_errors_are(response)
    assert list(places) == ["date"]
    assert places["date"][0].startswith("The Council's composition on 1945-06-01 is not on record")


def test_a_gap_accepted_for_review_hides_no_contradiction(editing):
    """Egypt's vote not known, the record flagged: its gap no longer refuses the
    save, so a tally its votes exceed is named (and refused), not left out."""
    data = post_data(
        {**S_2017_172, "EGY": ""},
        review_status="needs_review",
        review_reasons="missing vote: Egypt's vote is not known",
        votes_for="8",
        votes_against="3",
        votes_abstain="3",
        outcome="vetoed",
    )
    response = editing.post(ADD_URL, data)
    assert response.status_code == 200
    assert where_errors_are(response) == {
        "votes_for": ["The recorded votes (9-3-2) exceed the tally 8-3-3."]
    }
    assert not Resolution.objects.filter(draft_symbol="S/2017/172").exists()


def test_filling_the_seats_leaves_given_and_deleted_rows_as_they_are():
    from django.http import QueryDict

    from resolutions.admin.forms import fill_seats

    posted = QueryDict(mutable=True)
    posted.update({"v-TOTAL_FORMS": "3", "v-0-member": "AAA", "v-0-position": "against"})
    posted.update({"v-1-member": "BBB", "v-1-position": "", "v-2-member": "CCC"})
    posted.update({"v-2-DELETE": "on", "v-2-position": ""})
    filled = fill_seats(posted, "v", {"AAA": True, "BBB": False, "CCC": False, "DDD": False})
    rows = {
        filled[f"v-{i}-member"]: filled.get(f"v-{i}-position")
        for i in range(int(filled["v-TOTAL_FORMS"]))
    }
    assert rows == {"AAA": "against", "BBB": "for", "CCC": "", "DDD": "for"}
    assert posted["v-1-position"] == "" and posted["v-TOTAL_FORMS"] == "3"  # a copy
