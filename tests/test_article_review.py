"""A record pre-filled from a news article is never published as "Checked" in one
click while its facts are partly inferred or it lacks its symbol or meeting: it is
saved "needs review" with those reasons. The source's title is the one the editor
gives (a paste's first line is often another story's headline), its quote holds
only the article's own words, and its date is ISO like every other date."""

from __future__ import annotations

import pytest
from test_admin_article import ARTICLE, editor_client, form_data, paste  # noqa: F401

from resolutions.models import Resolution

pytestmark = pytest.mark.django_db

# Written for this test: every member named, the symbol and the meeting given.
COMPLETE = """Nine for, two vetoes: S/2017/172 falls

At its meeting S/PV.7893 on Tuesday the Security Council voted on draft resolution
S/2017/172. China and the Russian Federation voted against it. Bolivia also voted
against. Egypt, Ethiopia and Kazakhstan abstained. France, Italy, Japan, Senegal,
Sweden, Ukraine, the United Kingdom, the United States and Uruguay voted in favour.
"""


def add_form(client, text=ARTICLE, **fields):
    response = paste(client, text=text, **fields)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page


def sources_of(page):
    return next(f for f in page.context["inline_admin_formsets"] if f.formset.prefix == "sources")


def save_as_checked(client, page, **changes):
    """Post the pre-filled form back with the review menu set to "Checked"."""
    data = {**form_data(page), "review_status": "ok", "review_reasons": "", **changes}
    url = page.request["PATH_INFO"] + "?" + page.request["QUERY_STRING"]
    return client.post(url, data)


def test_inferred_positions_and_no_meeting_are_saved_needing_review(editor_client):  # noqa: F811
    page = add_form(editor_client)
    response = save_as_checked(editor_client, page)
    assert response.status_code == 302
    record = Resolution.objects.get(draft_symbol="S/2017/172")
    assert record.needs_review
    reasons = "\n".join(record.review_reason_list)
    assert "positions inferred from the counts, not named in the article: " in reasons
    assert "no meeting record" in reasons
    shown = editor_client.get(response["Location"]).text
    assert "Saved as “Needs review”" in shown


def test_a_record_without_a_symbol_is_saved_needing_review(editor_client):  # noqa: F811
    text = (
        "The Security Council on Tuesday failed to adopt a text on sanctions: Russia and "
        "China vetoed it."
    )
    page = add_form(editor_client, text=text)
    assert not page.context["adminform"].form.initial.get("draft_symbol")
    response = save_as_checked(
        editor_client, page, votes_for="9", votes_against="3", votes_abstain="3",
        outcome="vetoed", title="A draft on sanctions",
    )  # fmt: skip
    assert response.status_code == 302
    record = Resolution.objects.get(title="A draft on sanctions")
    reasons = "\n".join(record.review_reason_list)
    assert record.needs_review
    assert "no document symbol" in reasons
    assert "the reader warned: no document symbol in the article" in reasons


def test_an_article_giving_every_fact_can_be_saved_checked(editor_client):  # noqa: F811
    page = add_form(editor_client, text=COMPLETE, published="2017-03-01")
    # The reader reads no meeting: the editor types it, and nothing else is missing.
    assert page.context["adminform"].form.initial["review_reasons"] == (
        "from an article: no meeting record"
    )
    response = save_as_checked(editor_client, page, meeting="S/PV.7893")
    assert response.status_code == 302
    assert not Resolution.objects.get(draft_symbol="S/2017/172").needs_review


def test_the_source_title_is_not_the_paste_s_first_line(editor_client):  # noqa: F811
    page = add_form(editor_client)
    sources = next(
        f for f in page.context["inline_admin_formsets"] if f.formset.prefix == "sources"
    )
    initial = sources.formset.forms[0].initial
    assert initial["title"] == ""
    assert "Sanctions text falls" not in (initial["title"] or "")
    page = add_form(editor_client, title="Veto on sanctions text")
    sources = next(
        f for f in page.context["inline_admin_formsets"] if f.formset.prefix == "sources"
    )
    assert sources.formset.forms[0].initial["title"] == "Veto on sanctions text"


def test_the_source_quote_holds_only_the_article_s_words(editor_client):  # noqa: F811
    page = add_form(editor_client)
    sources = next(
        f for f in page.context["inline_admin_formsets"] if f.formset.prefix == "sources"
    )
    quote = sources.formset.forms[0].initial["quote"]
    assert quote
    article = " ".join(ARTICLE.split())
    for sentence in quote.splitlines():
        assert " ".join(sentence.split()) in article
    assert "counted from the members" not in quote


def test_the_source_date_is_shown_iso(editor_client):  # noqa: F811
    page = add_form(editor_client)
    assert 'name="sources-0-date" value="2017-02-28"' in page.text
