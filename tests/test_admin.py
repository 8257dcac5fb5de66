"""Entering a vote through the admin, as an editor does."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from resolutions.models import Resolution, Vote

ADD_URL = reverse("admin:resolutions_resolution_add")
LIST_URL = reverse("admin:resolutions_resolution_changelist")

# Draft S/2017/172 (28 February 2017, S/PV.7893): vetoed by China and the
# Russian Federation, 9-3-3.
S_2017_172 = {
    "FRA": "for",
    "GBR": "for",
    "USA": "for",
    "ITA": "for",
    "JPN": "for",
    "SEN": "for",
    "SWE": "for",
    "UKR": "for",
    "URY": "for",
    "BOL": "against",
    "CHN": "veto",
    "RUS": "veto",
    "EGY": "abstain",
    "ETH": "abstain",
    "KAZ": "abstain",
}
SEATED_2017 = set(S_2017_172)
P5 = ["CHN", "FRA", "GBR", "RUS", "USA"]


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="not-used-anywhere-9", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="resolutions",
            codename__in=[
                "add_resolution",
                "change_resolution",
                "view_resolution",
                "add_vote",
                "change_vote",
                "view_vote",
                "delete_vote",
                "add_source",
                "change_source",
                "view_source",
            ],
        )
    )
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def post_data(positions, **fields):
    data = {
        "date": "2017-02-28",
        "meeting": "S/PV.7893",
        "draft_symbol": "S/2017/172",
        "resolution_number": "",
        "title": "Chemical weapons in Syria",
        "agenda_item": "The situation in the Middle East",
        "votes_recorded": "on",
        "votes_for": "",
        "votes_against": "",
        "votes_abstain": "",
        "outcome": "",
        "review_status": "ok",
        "review_reasons": "",
        "origin": "editor",
        "votes-TOTAL_FORMS": str(len(positions)),
        "votes-INITIAL_FORMS": "0",
        "votes-MIN_NUM_FORMS": "0",
        "votes-MAX_NUM_FORMS": "1000",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-kind": "meeting_record",
        "sources-0-title": "S/PV.7893",
        "sources-0-url": "https://undocs.org/en/S/PV.7893",
    }
    for index, (code, position) in enumerate(positions.items()):
        data[f"votes-{index}-member"] = code
        data[f"votes-{index}-position"] = position
    data.update(fields)
    return data


def errors_of(response) -> str:
    """The error text the editor sees on the page."""
    return " ".join(re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S))


def test_admin_needs_a_staff_login(client, db):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    User.objects.create_user("reader", password="not-used-anywhere-9")
    client.login(username="reader", password="not-used-anywhere-9")
    assert client.get(LIST_URL).status_code == 302


def test_staff_without_permission_cannot_edit(client, db):
    user = User.objects.create_user("staff", password="not-used-anywhere-9", is_staff=True)
    client.force_login(user)
    assert client.get(ADD_URL + "?date=2017-04-12").status_code == 403
    assert client.post(ADD_URL, post_data(S_2017_172)).status_code == 403
    assert not Resolution.objects.filter(draft_symbol="S/2017/172").exists()


def test_add_asks_for_the_date_first(editor_client):
    response = editor_client.get(ADD_URL)
    assert response.status_code == 200
    assert 'name="date"' in response.text
    assert "members seated that day" in response.text


def test_add_offers_exactly_the_members_seated_that_day_permanent_first(editor_client):
    response = editor_client.get(ADD_URL + "?date=2017-04-12")
    assert response.status_code == 200
    formset = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "votes"
    )
    offered = [form.initial["member"] for form in formset.formset.forms]
    assert len(offered) == 15
    assert set(offered) == SEATED_2017
    assert sorted(offered[:5]) == P5
    menu = formset.formset.forms[0].fields["member"].widget.choices
    assert {code for code, _ in menu if code} == SEATED_2017


def test_a_consistent_vote_is_saved_with_its_outcome_computed(editor_client):
    response = editor_client.post(ADD_URL, post_data(S_2017_172))
    assert response.status_code == 302, errors_of(response)
    saved = Resolution.objects.get(draft_symbol="S/2017/172")
    assert saved.outcome == "vetoed"
    assert str(saved.tally) == "9-3-3"
    assert saved.vetoed_by_codes() == ["CHN", "RUS"]
    assert saved.votes.count() == 15
    assert saved.sources.get().title == "S/PV.7893"
    assert saved.problems() == []


@pytest.mark.parametrize(
    ("positions", "message"),
    [
        ({**S_2017_172, "JPN": "veto"}, "Japan is not a permanent member and cannot cast a veto."),
        (
            {c: p for c, p in S_2017_172.items() if c != "EGY"},
            "Egypt sat on the Council on 2017-02-28 but has no recorded vote.",
        ),
        ({**S_2017_172, "DEU": "for"}, "Germany was not a member of the Council on 2017-02-28."),
        (
            {**S_2017_172, "RUS": "against"},
            "Russian Federation, a permanent member, voted against a draft that had the 9 votes",
        ),
    ],
    ids=["veto-by-japan", "missing-member", "extra-member", "veto-recorded-as-against"],
)
def test_an_inconsistent_vote_is_refused_naming_the_member(editor_client, positions, message):
    before = (Resolution.objects.count(), Vote.objects.count())
    response = editor_client.post(ADD_URL, post_data(positions))
    assert response.status_code == 200
    assert message in errors_of(response)
    assert (Resolution.objects.count(), Vote.objects.count()) == before


def test_a_wrong_outcome_is_refused(editor_client):
    response = editor_client.post(ADD_URL, post_data(S_2017_172, outcome="adopted"))
    assert "votes make it &#x27;vetoed&#x27;" in errors_of(response)
    assert not Resolution.objects.filter(draft_symbol="S/2017/172").exists()


def test_incomplete_facts_can_be_saved_flagged_for_review(editor_client):
    incomplete = {c: p for c, p in S_2017_172.items() if c != "EGY"}
    flagged = post_data(
        incomplete,
        review_status="needs_review",
        review_reasons="missing vote: Egypt's vote not in the press release",
    )
    # From 14 of 15 votes the official tally and the outcome cannot be computed:
    # the editor gives them (a made-up tally would count Egypt as not voting).
    response = editor_client.post(ADD_URL, flagged)
    assert "Give the outcome, or the votes to compute it from." in errors_of(response)
    flagged.update(votes_for="9", votes_against="3", votes_abstain="3", outcome="vetoed")
    response = editor_client.post(ADD_URL, flagged)
    assert response.status_code == 302, errors_of(response)
    saved = Resolution.objects.get(draft_symbol="S/2017/172")
    assert str(saved.tally) == "9-3-3"
    assert saved.needs_review
    assert saved.review_reason_list == ["missing vote: Egypt's vote not in the press release"]
    # contradictions are refused even when flagged
    contradiction = post_data(
        {**S_2017_172, "JPN": "veto"},
        draft_symbol="S/2017/999",
        review_status="needs_review",
        review_reasons="unsure",
    )
    response = editor_client.post(ADD_URL, contradiction)
    assert "Japan is not a permanent member" in errors_of(response)
    assert not Resolution.objects.filter(draft_symbol="S/2017/999").exists()


def test_list_shows_tally_veto_and_review_status(editor_client):
    response = editor_client.get(LIST_URL + "?q=S/2017/315")
    assert response.status_code == 200
    row = response.text[response.text.index("S/2017/315") :]
    assert "10-2-3" in row
    assert "RUS" in row
    assert "checked" in row


def test_list_filters_by_decade_outcome_and_review(editor_client):
    response = editor_client.get(LIST_URL + "?decade=2010&outcome__exact=vetoed")
    results = response.context["cl"].result_list
    assert results
    assert all(r.outcome == "vetoed" and 2010 <= r.date.year < 2020 for r in results)
    response = editor_client.get(LIST_URL + "?review_status__exact=needs_review")
    assert response.status_code == 200


def tally_only_post(**fields):
    """The add form posted with no members' votes and "individual votes recorded"
    unticked (an unticked box is absent from a POST)."""
    data = post_data({}, **fields)
    del data["votes_recorded"]
    return data


def test_a_tally_only_record_that_could_be_adopted_or_vetoed_needs_its_outcome(editor_client):
    # 1955, 8-1-2, no individual votes: the vote against may have been a veto.
    data = tally_only_post(
        date="1955-12-13",
        draft_symbol="S/3402",
        votes_for="8",
        votes_against="1",
        votes_abstain="2",
        review_status="needs_review",
        review_reasons="tally only: from the library's page",
    )
    response = editor_client.post(ADD_URL, data)
    assert "with the votes on record it could be adopted or vetoed" in errors_of(response)
    assert not Resolution.objects.filter(draft_symbol="S/3402").exists()


def test_adopted_without_a_vote_needs_no_outcome_typed(editor_client):
    data = tally_only_post(
        date="1948-04-17", draft_symbol="", resolution_number="46", adopted_without_vote="on"
    )
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302, errors_of(response)
    assert Resolution.objects.get(resolution_number=46).outcome == "adopted"


def test_the_date_may_be_typed_as_the_admin_shows_it(editor_client):
    response = editor_client.post(ADD_URL, post_data(S_2017_172, date="28/02/2017"))
    assert response.status_code == 302, errors_of(response)
    assert Resolution.objects.get(draft_symbol="S/2017/172").votes.count() == 15


def flagged(symbol, reason, **fields):
    values = {
        "draft_symbol": symbol,
        "date": "2017-04-20",
        "votes_recorded": False,
        "votes_for": 10,
        "votes_against": 2,
        "votes_abstain": 3,
        "outcome": "vetoed",
        "review_status": "needs_review",
        "review_reasons": reason,
        "origin": "import",
    }
    values.update(fields)
    resolution = Resolution.objects.create(**values)
    Vote.objects.create(resolution=resolution, member_id="RUS", position="veto")
    return resolution


def test_an_editor_works_through_flagged_records_by_reason(editor_client):
    fixable = flagged("S/2017/901", "tally mismatch: library 10-2-3, community table 10-1-3")
    broken = flagged(
        "S/2017/902", "outcome mismatch: library says adopted", outcome="adopted", votes_for=5
    )
    response = editor_client.get(LIST_URL)
    by_reason = next(
        spec
        for spec in response.context["cl"].filter_specs
        if getattr(spec, "parameter_name", "") == "reason"
    )
    reasons = dict(by_reason.lookup_choices)
    assert {"tally mismatch", "outcome mismatch"} <= set(reasons)

    response = editor_client.get(LIST_URL + "?reason=tally+mismatch")
    assert list(response.context["cl"].result_list) == [fixable]
    assert "needs review" in response.text

    response = editor_client.post(
        LIST_URL,
        {"action": "mark_checked", "_selected_action": [fixable.pk, broken.pk]},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("S/2017/902: still breaks the rules" in m for m in messages)
    assert "Cleared the review flag of 1 record(s)." in messages
    fixable.refresh_from_db()
    broken.refresh_from_db()
    assert (fixable.review_status, fixable.review_reasons) == ("ok", "")
    assert broken.needs_review


@pytest.mark.parametrize(
    ("page", "queries"),
    [
        ("changelist", 11),
        ("changelist-needing-review", 11),
        # The vote's topics and sponsors: their chosen values for the form and
        # the autocomplete widgets (three reads, whatever their number).
        ("change", 13),
        ("add", 5),
        ("member-change", 5),
    ],
)
def test_admin_pages_run_a_fixed_number_of_queries(
    editor_client, django_assert_num_queries, page, queries
):
    """The same count however many records and votes there are (the lists are
    paginated, the vetoes prefetched, the seated members read once)."""
    editor = User.objects.get(username="editor")
    editor.user_permissions.add(*Permission.objects.filter(codename="view_memberstate"))
    reference = Resolution.objects.get(slug="s-2017-315")
    url = {
        "changelist": LIST_URL,
        "changelist-needing-review": LIST_URL + "?review_status__exact=needs_review",
        "change": reverse("admin:resolutions_resolution_change", args=[reference.pk]),
        "add": ADD_URL + "?date=2017-04-12",
        "member-change": reverse("admin:resolutions_memberstate_change", args=["RUS"]),
    }[page]
    flagged("S/2017/899", "reason: one flagged record to begin with")
    editor_client.get(url)  # the session and permission caches warm up
    with django_assert_num_queries(queries):
        assert editor_client.get(url).status_code == 200
    for number in range(60):
        flagged(f"S/2017/{900 + number}", f"reason {number % 3}: made up for the test")
    with django_assert_num_queries(queries):
        assert editor_client.get(url).status_code == 200


def test_only_editors_with_change_permission_can_clear_review_flags(client, db):
    record = flagged("S/2017/950", "tally mismatch: made up for the test")
    viewer = User.objects.create_user("viewer", password="not-used-anywhere-9", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_resolution"))
    client.force_login(viewer)
    page = client.get(LIST_URL)
    assert "mark_checked" not in page.text
    client.post(LIST_URL, {"action": "mark_checked", "_selected_action": [record.pk]})
    record.refresh_from_db()
    assert record.needs_review


def procedural_vote(**fields):
    """A procedural vote without a symbol at S/PV.7353 (22 December 2014): 11-2-2."""
    seated = dict(
        Resolution.objects.get(meeting="S/PV.7353").votes.values_list("member_id", "position")
    )
    data = post_data(
        seated,
        date="2014-12-22",
        meeting="S/PV.7353",
        draft_symbol="",
        title="Second procedural vote at the meeting",
        procedural="on",
    )
    data.update(fields)
    return data


def test_a_second_vote_without_a_symbol_at_one_meeting_gets_its_own_address(editor_client):
    first = Resolution.objects.get(meeting="S/PV.7353")
    response = editor_client.post(ADD_URL, procedural_vote())
    assert response.status_code == 302, errors_of(response)
    second = Resolution.objects.exclude(pk=first.pk).get(meeting="S/PV.7353")
    assert second.slug == f"{first.slug}-2"
    assert editor_client.get(second.get_absolute_url()).status_code == 200
    assert editor_client.get(first.get_absolute_url()).status_code == 200


def test_a_draft_already_on_record_is_refused_not_duplicated(editor_client):
    before = Resolution.objects.count()
    response = editor_client.post(
        ADD_URL, post_data(S_2017_172, draft_symbol="S/2017/315", date="2017-02-28")
    )
    assert response.status_code == 200
    assert "A vote on S/2017/315 is already on record" in errors_of(response)
    assert Resolution.objects.count() == before


def test_a_resolution_symbol_typed_as_the_draft_is_refused_on_its_field(editor_client):
    response = editor_client.post(ADD_URL, post_data(S_2017_172, draft_symbol="S/RES/9100 (2017)"))
    assert "S/RES/9100 (2017) is a resolution&#x27;s symbol" in errors_of(response)
    assert not Resolution.objects.filter(draft_symbol__startswith="S/RES").exists()


def test_after_a_change_of_date_the_departed_members_rows_stay_named(editor_client):
    reference = Resolution.objects.get(slug="s-2017-315")
    url = reverse("admin:resolutions_resolution_change", args=[reference.pk])
    page = editor_client.get(url)
    formset = next(f for f in page.context["inline_admin_formsets"] if f.formset.prefix == "votes")
    data = post_data({}, date="2023-06-12", draft_symbol="S/2017/315", meeting="S/PV.7922")
    management = formset.formset.management_form
    for name in ("TOTAL_FORMS", "INITIAL_FORMS"):
        data[f"votes-{name}"] = str(management.initial[name])
    for index, form in enumerate(formset.formset.forms):
        data[f"votes-{index}-id"] = str(form.instance.pk)
        data[f"votes-{index}-resolution"] = str(reference.pk)
        data[f"votes-{index}-member"] = form.instance.member_id
        data[f"votes-{index}-position"] = form.instance.position
    data["sources-INITIAL_FORMS"] = str(reference.sources.count())
    data["sources-TOTAL_FORMS"] = str(reference.sources.count())
    for index, source in enumerate(reference.sources.all()):
        data[f"sources-{index}-id"] = str(source.pk)
        data[f"sources-{index}-resolution"] = str(reference.pk)
        data[f"sources-{index}-kind"] = source.kind
        data[f"sources-{index}-title"] = source.title
        data[f"sources-{index}-url"] = source.url
    response = editor_client.post(url, data)
    assert "Bolivia (Plurinational State of) was not a member of the Council on 2023-06-12." in (
        errors_of(response)
    )
    rows = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "votes")
    bolivia = next(f for f in rows.formset.forms if f.instance.member_id == "BOL")
    menu = dict(bolivia.fields["member"].widget.choices)
    assert "not seated on that date" in menu["BOL"]
    reference.refresh_from_db()
    assert str(reference.date) == "2017-04-12"
