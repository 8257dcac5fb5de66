"""Adding a vote from a news article: the pasted text is read
(resolutions/reader/), the reading kept in the session, and the normal add form
comes back pre-filled for review; or the record of the same vote is offered, with
where the article and the record disagree, to attach the article to it."""

from __future__ import annotations

import datetime as dt
import hashlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from .. import history, reviews, rules
from ..models import Resolution, Source, StaleRecord
from ..reader import MAX_TEXT_CHARS, Context, extract, too_long
from .forms import VoteForm


class EvidenceWidget(forms.Widget):
    """The sentence a proposed position came from, shown (escaped), never posted."""

    def render(self, name, value, attrs=None, renderer=None):
        if not value:
            return ""
        return format_html('<span class="article-evidence">{}</span>', value)


class ArticleVoteForm(VoteForm):
    evidence = forms.CharField(
        label="evidence in the article", required=False, disabled=True, widget=EvidenceWidget
    )


SESSION_KEY = "article_proposals"
# The review category of what a record entered from an article still lacks.
ARTICLE = "from an article"


class ArticleForm(forms.Form):
    text = forms.CharField(
        label="Article text",
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        help_text=f"At most {MAX_TEXT_CHARS:,} characters: the report itself.",
    )
    url = forms.URLField(label="URL", required=False, max_length=500, assume_scheme="https")
    outlet = forms.CharField(required=False, max_length=200)
    title = forms.CharField(
        required=False,
        max_length=300,
        help_text="The article's headline. Left empty, the source's title is left for you "
        "to fill in on the next page (a paste's first line is often another story's).",
    )
    published = forms.DateField(
        label="Publication date",
        required=False,
        help_text="YYYY-MM-DD. Needed to read 'on Wednesday' or 'yesterday'.",
    )
    vote_date = forms.DateField(
        label="Date of the vote",
        required=False,
        help_text="Only if the article does not give it (YYYY-MM-DD).",
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        refused = too_long(text)
        if refused:
            raise forms.ValidationError(refused, code="too_long")
        return text


def extract_on(data: dict, found):
    """The reading again with the date of the vote the editor gave."""
    if found.vote_date == data["vote_date"]:
        return found
    return extract(
        data["text"], data["published"], Context.from_database(), vote_date=data["vote_date"]
    )


def store_proposal(request: HttpRequest, data: dict, found) -> str:
    """Keep the reading in the session (nothing is saved yet) under a short token."""
    text = data["text"]
    token = hashlib.sha256((text + (data["url"] or "")).encode()).hexdigest()[:16]
    title = data["title"]
    proposals = request.session.get(SESSION_KEY, {})
    proposals.pop(token, None)
    while len(proposals) >= 5:
        proposals.pop(next(iter(proposals)))
    proposals[token] = {
        "url": data["url"],
        "outlet": data["outlet"],
        "title": title[:300],
        "published": data["published"].isoformat() if data["published"] else None,
        "reading": found.as_json(),
        "quotes": quoted(found.quotes(), text),
        "outcome_explanation": found.outcome_explanation,
    }
    request.session[SESSION_KEY] = proposals
    return token


def quoted(sentences: list[str], text: str) -> list[str]:
    """The sentences that are the article's own words: a note of the reader's
    ("counted from the members the article names") is no quote."""
    words = " ".join(text.split())
    return [s for s in sentences if " ".join(s.split()) in words]


def review_reasons(proposal: dict, fields: dict) -> list[reviews.Reason]:
    """Why a record pre-filled from an article must be saved "needs review": the
    reader's warnings, positions inferred from the counts rather than named in the
    article, a member's position the article does not give, and a record (as
    posted, or as proposed: `fields`) without a document symbol or a meeting."""
    reading = proposal["reading"]
    reasons = [reviews.Reason(ARTICLE, f"the reader warned: {w}") for w in reading["warnings"]]
    inferred = sorted(e["member"] for e in reading["evidence"] if e.get("inferred"))
    if inferred:
        reasons.append(
            reviews.Reason(
                ARTICLE,
                "positions inferred from the counts, not named in the article: "
                + ", ".join(inferred),
            )
        )
    if len(reading["positions"]) < rules.seats(dt.date.fromisoformat(reading["vote_date"])):
        reasons.append(reviews.Reason(ARTICLE, "not every member's position could be read"))
    if not fields.get("draft_symbol") and fields.get("resolution_number") is None:
        reasons.append(reviews.Reason(ARTICLE, "no document symbol"))
    if not fields.get("meeting"):
        reasons.append(reviews.Reason(ARTICLE, "no meeting record"))
    return reasons


def article_proposal(request: HttpRequest) -> dict | None:
    token = request.GET.get("article")
    if not token or not hasattr(request, "session"):
        return None
    return request.session.get(SESSION_KEY, {}).get(token)


def add_url(found, token: str) -> str:
    query = {"date": found.vote_date.isoformat(), "article": token}
    return reverse("admin:resolutions_resolution_add") + "?" + urlencode(query)


def proposed_fields(proposal: dict) -> dict:
    reading = proposal["reading"]
    counts = reading["counts"]
    fields = {
        "date": reading["vote_date"],
        "draft_symbol": reading["draft_symbol"] or "",
        "resolution_number": reading["resolution_number"],
        "procedural": reading["procedural"],
    }
    if all(counts[k] is not None for k in ("for", "against", "abstain")):
        fields.update(
            votes_for=counts["for"],
            votes_against=counts["against"],
            votes_abstain=counts["abstain"],
        )
    reasons = review_reasons(proposal, fields)
    if reasons:
        fields["review_status"] = Resolution.Review.NEEDS_REVIEW
        fields["review_reasons"] = reviews.store(reasons)
    return {k: v for k, v in fields.items() if v not in (None, "")}


def proposed_votes(initial: list[dict], proposal: dict) -> list[dict]:
    reading = proposal["reading"]
    evidence = {e["member"]: e["text"] for e in reading["evidence"]}
    rows = []
    for row in initial:
        code = row.get("member")
        position = reading["positions"].get(code)
        if position:
            row = {**row, "position": position, "evidence": evidence.get(code, "")}
        else:
            row = {**row, "evidence": "not in the article"}
        rows.append(row)
    return rows


def proposed_source(proposal: dict) -> dict:
    published = proposal.get("published")
    return {
        "kind": Source.Kind.NEWS,
        "url": proposal.get("url") or "",
        "title": proposal.get("title") or "",
        "outlet": proposal.get("outlet") or "",
        "date": dt.date.fromisoformat(published) if published else None,
        "quote": "\n".join(proposal.get("quotes") or []),
    }


def find_existing(found) -> list[Resolution]:
    """Records of the vote the article reports (`Resolution.objects.reported`)."""
    return list(Resolution.objects.reported_by(found))


def differences(found, record: Resolution) -> list[dict]:
    """Where the article and a stored record disagree, fact by fact."""
    rows = []

    def differ(fact: str, said, stored) -> None:
        if said is not None and said != "" and said != stored:
            rows.append({"fact": fact, "article": said, "record": stored if stored else "—"})

    differ("date", found.vote_date, record.date)
    differ("draft symbol", found.draft_symbol, record.draft_symbol)
    differ("resolution number", found.resolution_number, record.resolution_number)
    for key, field in (
        ("for", "votes_for"),
        ("against", "votes_against"),
        ("abstain", "votes_abstain"),
    ):
        differ(f"votes {key}", found.counts.get(key), getattr(record, field))
    differ("outcome", found.outcome, record.outcome)
    stored = dict(record.votes.values_list("member_id", "position"))
    for code, position in sorted(found.positions.items()):
        differ(f"{code}'s vote", str(position), stored.get(code))
    return rows


# --- The views (ResolutionAdmin routes to them) ---------------------------------


def add_from_article_view(model_admin, request: HttpRequest):
    """Paste an article: the add form comes back pre-filled for review, or the
    record of the same vote is offered with where it disagrees."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Add a vote from a news article",
    }
    if request.method == "POST" and request.POST.get("attach"):
        return attach_article(model_admin, request)
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        found = extract(data["text"], data["published"], Context.from_database())
        if data["vote_date"]:
            found = extract_on(data, found)
        if found.vote_date is None:
            form.add_error(
                "vote_date",
                "The article gives no date of the vote that could be read: give it.",
            )
            context["warnings"] = found.warnings
        else:
            token = store_proposal(request, data, found)
            existing = find_existing(found)
            if existing:
                return TemplateResponse(
                    request,
                    "admin/resolutions/resolution/add_from_article_existing.html",
                    {
                        **context,
                        "title": "This vote may already be recorded",
                        "token": token,
                        "matches": [
                            {"record": r, "differences": differences(found, r)} for r in existing
                        ],
                        "add_url": add_url(found, token),
                        "warnings": found.warnings,
                    },
                )
            return HttpResponseRedirect(add_url(found, token))
    context["form"] = form
    return TemplateResponse(request, "admin/resolutions/resolution/add_from_article.html", context)


def attach_article(model_admin, request: HttpRequest):
    """Add the pasted article as a news source of an existing record."""
    proposal = request.session.get(SESSION_KEY, {}).get(request.POST.get("article", ""))
    pk = request.POST.get("attach", "")
    record = Resolution.objects.filter(pk=pk).first() if pk.isascii() and pk.isdigit() else None
    if proposal is None or record is None:
        messages.error(request, "That article is no longer at hand: paste it again.")
        return HttpResponseRedirect(reverse("admin:resolutions_resolution_add_from_article"))
    if not model_admin.has_change_permission(request, record):
        raise PermissionDenied
    # The record's version is raised with the source added, as by any change to
    # the record: a form opened before it is refused (optimistic locking), not
    # saved over the new source's list.
    try:
        with (
            transaction.atomic(),
            history.recorded_as(history.Change.ARTICLE, proposal.get("url") or ""),
        ):
            record.sources.create(**proposed_source(proposal))
            record.save(update_fields=["updated"])
    except StaleRecord:
        messages.error(
            request,
            f"{record} was changed by someone else just now; the article was not added. "
            "Add it again.",
        )
        return HttpResponseRedirect(reverse("admin:resolutions_resolution_add_from_article"))
    messages.success(request, f"The article was added as a source of {record}.")
    return HttpResponseRedirect(reverse("admin:resolutions_resolution_change", args=[record.pk]))
