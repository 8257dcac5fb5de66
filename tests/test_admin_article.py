"""Adding a vote from a pasted news article, as an editor does: the add form comes
back pre-filled with the evidence, the saved record keeps the article as a source,
and pasting the same article again offers the record instead of a duplicate."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from resolutions.models import Resolution, Source

FROM_ARTICLE = reverse("admin:resolutions_resolution_add_from_article")
LIST_URL = reverse("admin:resolutions_resolution_changelist")

# Written for this test about draft S/2017/172 (28 February 2017, a Tuesday): vetoed
# by China and the Russian Federation, 9-3-3. The markup checks escaping.
ARTICLE = """Sanctions text falls at the Security Council

Russia and China on Tuesday vetoed draft resolution S/2017/172, which would have
imposed sanctions over chemical weapons.
Nine members voted in favour, while Bolivia also voted against and Egypt, Ethiopia
and Kazakhstan abstained <script>alert("x")</script>.
Diplomats said the outcome had been expected for days.
"""


@pytest.fixture
def editor_client(client, db):
    user = User.objects.create_user("article-editor", password="not-used-anywhere-9", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="resolutions",
            codename__in=[
                f"{action}_{model}"
                for action in ("add", "change", "view", "delete")
                for model in ("resolution", "vote", "source")
            ],
        )
    )
    client.force_login(user)
    return client


def paste(client, text=ARTICLE, **fields):
    data = {
        "text": text,
        "url": "https://news.example.org/sanctions-veto",
        "outlet": "Example News",
        "published": "2017-02-28",
        **fields,
    }
    return client.post(FROM_ARTICLE, data)


def form_data(response) -> dict:
    """What the browser would post back from the add form as shown."""
    data: dict[str, str | list[str]] = {}

    def add(form) -> None:
        for bound in form:
            if bound.field.disabled:
                continue
            value = bound.value()
            if isinstance(bound.field, forms.ModelMultipleChoiceField):
                # A multiple choice (topics, sponsors): none chosen sends nothing.
                if value:
                    data[bound.html_name] = [str(v) for v in value]
                continue
            if isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
                continue
            data[bound.html_name] = "" if value is None else str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def test_the_list_offers_add_from_article(editor_client):
    response = editor_client.get(LIST_URL)
    assert FROM_ARTICLE in response.text
    assert "Add from article" in response.text


def test_the_article_form(editor_client):
    response = editor_client.get(FROM_ARTICLE)
    assert response.status_code == 200
    for name in ("text", "url", "outlet", "published"):
        assert f'name="{name}"' in response.text


def test_staff_without_add_permission_cannot_use_it(client, db):
    user = User.objects.create_user("viewer", password="not-used-anywhere-9", is_staff=True)
    client.force_login(user)
    assert client.get(FROM_ARTICLE).status_code == 403
    assert paste(client).status_code == 403


def test_from_pasted_text_to_a_saved_record_with_the_article_as_its_source(editor_client):
    response = paste(editor_client)
    assert response.status_code == 302
    add_page = editor_client.get(response["Location"])
    assert add_page.status_code == 200

    # The normal add form, pre-filled: date, symbol, the seated members with the
    # proposed positions and their evidence.
    form = add_page.context["adminform"].form
    assert str(form.initial["date"]) == "2017-02-28"
    assert form.initial["draft_symbol"] == "S/2017/172"
    votes = next(
        f for f in add_page.context["inline_admin_formsets"] if f.formset.prefix == "votes"
    )
    proposed = {f.initial["member"]: f.initial.get("position") for f in votes.formset.forms}
    assert len(proposed) == 15
    assert proposed["RUS"] == proposed["CHN"] == "veto"
    assert proposed["BOL"] == "against"
    assert {c for c, p in proposed.items() if p == "abstain"} == {"EGY", "ETH", "KAZ"}
    assert sum(p == "for" for p in proposed.values()) == 9
    assert "inferred from the counts and the Council&#x27;s composition on 2017-02-28" in (
        add_page.text
    )
    assert "Nine members voted in favour" in add_page.text
    assert "Pre-filled from a news article" in add_page.text
    # The article is untrusted: escaped wherever it is shown.
    assert "<script>" not in add_page.text
    assert "&lt;script&gt;" in add_page.text
    assert not Resolution.objects.filter(draft_symbol="S/2017/172").exists()

    # The editor reviews and saves.
    saved_page = editor_client.post(add_page.request["PATH_INFO"] + "?" + add_page.request[
        "QUERY_STRING"], form_data(add_page))  # fmt: skip
    assert saved_page.status_code == 302, saved_page.context and saved_page.context.get("errors")
    record = Resolution.objects.get(draft_symbol="S/2017/172")
    assert record.outcome == "vetoed"
    assert str(record.tally) == "9-3-3"
    assert record.vetoed_by_codes() == ["CHN", "RUS"]
    assert record.votes.count() == 15
    assert record.problems() == []
    source = record.sources.get()
    assert source.kind == Source.Kind.NEWS
    assert source.url == "https://news.example.org/sanctions-veto"
    assert source.outlet == "Example News"
    assert str(source.date) == "2017-02-28"
    assert "Nine members voted in favour" in source.quote
    assert "vetoed draft resolution S/2017/172" in source.quote

    # The same article pasted again: the record is offered, not a duplicate.
    again = paste(editor_client)
    assert again.status_code == 200
    change_url = reverse("admin:resolutions_resolution_change", args=[record.pk])
    assert change_url in again.text
    assert "already recorded" in again.text
    assert "agree on everything" in again.text
    assert "<script>" not in again.text
    assert Resolution.objects.filter(draft_symbol="S/2017/172").count() == 1


def test_a_second_paste_shows_where_the_article_and_the_record_disagree(editor_client):
    # The reference case is in the bundled data; this report gets one count wrong.
    text = (
        "Russia on Wednesday cast a veto at the Security Council against draft S/2017/315 "
        "on Syria. Eleven countries voted in favor, while Bolivia joined Russia in voting no."
    )
    response = paste(editor_client, text=text, published="2017-04-12")
    assert response.status_code == 200
    record = Resolution.objects.get(draft_symbol="S/2017/315")
    match = response.context["matches"][0]
    assert match["record"] == record
    assert {"fact": "votes for", "article": 11, "record": 10} in match["differences"]
    assert "the record says" in response.text

    # The article can be kept as a source of that record.
    attached = editor_client.post(
        FROM_ARTICLE, {"attach": record.pk, "article": response.context["token"]}
    )
    assert attached.status_code == 302
    assert record.sources.filter(kind=Source.Kind.NEWS, url__contains="news.example.org").exists()


def test_an_article_without_a_date_asks_for_it(editor_client):
    text = "Russia vetoed a draft on Syria; China abstained."
    response = paste(editor_client, text=text, published="")
    assert response.status_code == 200
    assert "give it" in response.text
    response = paste(editor_client, text=text, published="", vote_date="2017-04-12")
    assert response.status_code in (200, 302)


def test_without_a_symbol_the_record_is_found_by_date_and_counts(editor_client):
    text = (
        "Russia on Wednesday cast a veto at the Security Council against a draft on Syria. "
        "Ten countries voted in favor, while Bolivia joined Russia in voting no. China, "
        "Ethiopia and Kazakhstan abstained."
    )
    response = paste(editor_client, text=text, published="2017-04-13")
    assert response.status_code == 200
    assert [m["record"].draft_symbol for m in response.context["matches"]] == ["S/2017/315"]


def test_without_a_symbol_a_report_with_a_wrong_count_still_finds_the_days_record(editor_client):
    # The reference case is bundled; this report gives 11 in favour instead of 10.
    text = (
        "Russia on Wednesday cast a veto at the Security Council against a draft on Syria. "
        "Eleven countries voted in favor, while Bolivia joined Russia in voting no."
    )
    response = paste(editor_client, text=text, published="2017-04-12")
    assert response.status_code == 200
    (match,) = response.context["matches"]
    assert match["record"].draft_symbol == "S/2017/315"
    assert {"fact": "votes for", "article": 11, "record": 10} in match["differences"]


def test_a_seated_member_left_without_a_position_is_skipped_not_saved_empty(editor_client):
    # The add form offers every seated member; a row left blank is not a vote.
    from test_admin import ADD_URL, S_2017_172, post_data

    data = post_data(
        {**S_2017_172, "EGY": ""},
        review_status="needs_review",
        review_reasons="missing vote: Egypt's vote is not known",
        votes_for="9",
        votes_against="3",
        votes_abstain="3",
        outcome="vetoed",
    )
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302
    record = Resolution.objects.get(draft_symbol="S/2017/172")
    assert record.votes.count() == 14
    assert not record.votes.filter(member="EGY").exists()


def test_a_paste_over_the_size_the_reader_takes_is_a_field_error(editor_client):
    from resolutions.reader import MAX_TEXT_CHARS

    text = ARTICLE + "More of the page. " * (MAX_TEXT_CHARS // 18)
    assert len(text) > MAX_TEXT_CHARS
    stored = (Resolution.objects.count(), Source.objects.count())
    response = paste(editor_client, text=text)
    assert response.status_code == 200
    errors = response.context["form"].errors["text"]
    assert errors == [
        f"The text has {len(text.strip()):,} characters; the reader takes at most "
        f"{MAX_TEXT_CHARS:,} "
        "(about 30,000 words, longer than any news report). Give the report itself, without "
        "the rest of the page."
    ]
    assert f"at most {MAX_TEXT_CHARS:,}" in response.text
    assert (Resolution.objects.count(), Source.objects.count()) == stored
