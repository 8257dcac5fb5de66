"""Data entry. A vote is entered once its date is known: the votes inline then
offers exactly the members seated that day, permanent members first, and the
record is checked by the rules (resolutions/rules.py) before anything is saved."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode

from . import rules
from .extract import Context, extract
from .models import CouncilTerm, MemberState, Resolution, Source, Vote, seated_on


def vote_date(request: HttpRequest, obj: Resolution | None) -> dt.date | None:
    """The date the votes inline is built for: the posted date, the date asked for
    in the URL (?date=), or the stored record's."""
    raw = request.POST.get("date") or request.GET.get("date")
    if raw:
        try:
            # The admin's date field accepts the locale's formats as well as ISO.
            return forms.DateField().to_python(raw)
        except ValidationError:
            pass
    return obj.date if obj is not None else None


class VoteForm(forms.ModelForm):
    class Meta:
        model = Vote
        fields = ["member", "position"]

    def __init__(self, *args, seated_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Validation accepts any member state, so that a member who did not sit
        # that day is refused by the rules with its name, not by a bare
        # "invalid choice"; the menu offers only the members seated that day.
        if seated_choices is not None:
            self.fields["member"].widget.choices = [("", "---------"), *seated_choices]
        self.fields["position"].required = False

    def has_changed(self) -> bool:
        # A seated member offered in a new row but left without a position is not
        # a vote: it is skipped, not saved with an empty position.
        adding = self.is_bound and self.instance._state.adding
        if adding and not self.data.get(self.add_prefix("position")):
            return False
        return super().has_changed()


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


class VoteFormSet(forms.BaseInlineFormSet):
    seated_choices: list[tuple[str, str]] | None = None

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "seated_choices": self.seated_choices}

    def clean(self) -> None:
        super().clean()
        if any(form.errors for form in self.forms):
            return
        resolution: Resolution = self.instance
        if resolution.date is None:
            return
        votes: list[tuple[str, str]] = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE") or not data.get("member"):
                continue
            if not data.get("position"):
                if form.instance.pk:
                    raise ValidationError(
                        f"{data['member'].name}: choose a position, or tick 'delete'."
                    )
                continue
            votes.append((data["member"].code, data["position"]))
        check_and_complete(resolution, votes)


def check_and_complete(resolution: Resolution, votes: list[tuple[str, str]]) -> None:
    """Fill in what the rules can derive (tally, outcome) and refuse what breaks
    them. Incomplete facts pass only on a record marked "needs review" with a
    reason; contradictions never pass."""
    seated = seated_on(resolution.date)
    names = dict(MemberState.objects.values_list("code", "name"))
    if resolution.adopted_without_vote and not resolution.outcome:
        resolution.outcome = rules.Outcome.ADOPTED
    # The official tally is derived only from a complete record: from part of the
    # votes it would be a made-up tally.
    complete = resolution.votes_recorded and bool(seated) and set(seated) <= dict(votes).keys()
    if complete and resolution.tally is None:
        tally = rules.tally_of(position for _, position in votes)
        resolution.votes_for, resolution.votes_against, resolution.votes_abstain = (
            tally.yes,
            tally.against,
            tally.abstain,
        )
    undecided = ""
    if not resolution.outcome and resolution.tally is not None:
        if complete:
            resolution.outcome = rules.decide_votes(
                dict(votes),
                seated,
                on=resolution.date,
                procedural=resolution.procedural,
                tally=resolution.tally,
            ).outcome
        else:
            known_vetoes = [code for code, position in votes if position == rules.Position.VETO]
            possible = rules.possible_outcomes(
                tally=resolution.tally,
                known_vetoes=known_vetoes,
                on=resolution.date,
                procedural=resolution.procedural,
            )
            if len(possible) == 1:
                resolution.outcome = next(iter(possible))
            else:
                undecided = " or ".join(sorted(str(o) for o in possible))
    problems = rules.check_record(resolution.rule_record(votes), seated, names)
    if undecided:
        problems.append(
            rules.Problem(f"Give the outcome: with the votes on record it could be {undecided}.")
        )
    elif not resolution.outcome:
        problems.append(rules.Problem("Give the outcome, or the votes to compute it from."))
    contradictions = [p.message for p in problems if not p.incomplete]
    missing = [p.message for p in problems if p.incomplete]
    flagged = resolution.needs_review and resolution.review_reason_list
    if contradictions or (missing and not flagged):
        hint = (
            []
            if contradictions or not missing
            else [
                "If these facts are not known, set the review status to 'needs review' "
                "and say why in the review reasons."
            ]
        )
        raise ValidationError(contradictions + missing + hint)


def members_to_offer(
    request: HttpRequest, obj: Resolution | None
) -> tuple[list[MemberState], list[MemberState], list[tuple[str, str]]]:
    """The members seated on the vote's date (permanent first), those of them with
    no vote on record yet (the new rows the votes inline offers), and the members
    with a vote on record who were not seated that day (after a change of date:
    their rows stay visible so that the editor can delete them). Read once per
    request (the admin asks for them to build the formset and its initial data)."""
    key = (obj.pk if obj is not None else None, vote_date(request, obj))
    cache = request.__dict__.setdefault("_members_to_offer", {})
    if key not in cache:
        day = key[1]
        seated = list(MemberState.objects.seated_on(day)) if day else []
        voters = dict(obj.votes.values_list("member_id", "member__name")) if obj and obj.pk else {}
        codes = {m.code for m in seated}
        cache[key] = (
            seated,
            [m for m in seated if m.code not in voters],
            [(code, name) for code, name in sorted(voters.items()) if code not in codes],
        )
    return cache[key]


class VoteInline(admin.TabularInline):
    model = Vote
    form = VoteForm
    formset = VoteFormSet
    fields = ["member", "position"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "member":
            # A plain menu: no add/change/delete buttons beside each of 15 rows.
            return db_field.formfield(queryset=MemberState.objects.all())
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if obj is None and article_proposal(request):
            fields.append("evidence")
        return fields

    def get_formset(self, request, obj=None, **kwargs):
        if obj is None and article_proposal(request):
            kwargs.setdefault("form", ArticleVoteForm)
        seated, to_offer, unseated = members_to_offer(request, obj)
        kwargs["extra"] = len(to_offer)
        formset = super().get_formset(request, obj, **kwargs)
        formset.seated_choices = [
            (m.code, f"{m.name} (permanent)" if m.permanent else m.name) for m in seated
        ] + [
            (code, f"{name} (not seated on that date: delete this row)") for code, name in unseated
        ]
        if not formset.seated_choices:
            formset.seated_choices = None
        return formset

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member")


class SourceInline(admin.StackedInline):
    model = Source
    extra = 1
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["kind", "title", "url", "outlet", "date", "quote"]


class ResolutionForm(forms.ModelForm):
    class Meta:
        model = Resolution
        fields = [
            "date",
            "meeting",
            "draft_symbol",
            "resolution_number",
            "title",
            "agenda_item",
            "procedural",
            "adopted_without_vote",
            "votes_recorded",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "outcome",
            "review_status",
            "review_reasons",
            "origin",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = False
        self.fields["outcome"].help_text = "Left empty, it is computed from the votes."

    def clean(self):
        cleaned = super().clean()
        draft = cleaned.get("draft_symbol", "")
        if draft.upper().startswith("S/RES/"):
            self.add_error(
                "draft_symbol",
                f"{draft} is a resolution's symbol: give its number as the resolution "
                "number, and the draft's own symbol (S/<year>/<number>) here.",
            )
            return cleaned
        if not cleaned.get("date"):
            return cleaned
        probe = Resolution(
            date=cleaned["date"],
            draft_symbol=draft,
            resolution_number=cleaned.get("resolution_number"),
        )
        if probe.symbol:
            twin = Resolution.objects.filter(slug=probe.make_slug()).exclude(pk=self.instance.pk)
            if twin.exists():
                field = "resolution_number" if probe.resolution_number else "draft_symbol"
                self.add_error(
                    field, f"A vote on {probe.symbol} is already on record: edit that one."
                )
        return cleaned


class YearFilter(admin.SimpleListFilter):
    title = "decade"
    parameter_name = "decade"

    def lookups(self, request, model_admin):
        return [(str(y), f"{y}s") for y in range(2020, 1939, -10)]

    def queryset(self, request, queryset):
        # Only a decade the filter offers: "²" passes isdigit() but not int(), and
        # a year outside 1-9999 (?decade=0) cannot be looked up.
        if self.value() in dict(self.lookup_choices):
            start = int(self.value())
            return queryset.filter(date__year__gte=start, date__year__lt=start + 10)
        return queryset


class ReviewReasonFilter(admin.SimpleListFilter):
    """Work through flagged records one kind of problem at a time."""

    title = "review reason"
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        reasons = set()
        for text in Resolution.objects.needing_review().values_list("review_reasons", flat=True):
            for line in text.splitlines():
                if line.strip():
                    reasons.add(line.split(":")[0].strip()[:60])
        return [(r, r) for r in sorted(reasons)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(review_reasons__icontains=self.value())
        return queryset


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    form = ResolutionForm
    inlines = [VoteInline, SourceInline]
    list_display = [
        "date",
        "resolution_symbol_display",
        "draft_symbol",
        "title",
        "outcome",
        "tally_display",
        "vetoed_by_display",
        "review_display",
    ]
    list_display_links = ["date", "resolution_symbol_display", "draft_symbol"]
    list_filter = [
        YearFilter,
        "outcome",
        "review_status",
        ReviewReasonFilter,
        "procedural",
        "origin",
    ]
    search_fields = ["draft_symbol", "title", "agenda_item", "meeting", "=resolution_number"]
    date_hierarchy = "date"
    list_per_page = 50
    readonly_fields = ["slug", "created", "updated"]
    fieldsets = [
        (None, {"fields": ["date", "meeting", "draft_symbol", "resolution_number"]}),
        ("Subject", {"fields": ["title", "agenda_item"]}),
        (
            "The vote",
            {
                "fields": [
                    "procedural",
                    "adopted_without_vote",
                    "votes_recorded",
                    ("votes_for", "votes_against", "votes_abstain"),
                    "outcome",
                ]
            },
        ),
        ("Review", {"fields": ["review_status", "review_reasons", "origin"]}),
        ("Record", {"fields": ["slug", "created", "updated"], "classes": ["collapse"]}),
    ]
    actions = ["mark_checked"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Resolution]:
        return super().get_queryset(request).with_tallies()

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, VoteInline) and request.method != "POST":
            _, to_offer, _ = members_to_offer(request, obj)
            kwargs["initial"] = [{"member": m.code} for m in to_offer]
        proposal = article_proposal(request) if obj is None or obj._state.adding else None
        if proposal and request.method != "POST":
            if isinstance(inline, VoteInline):
                kwargs["initial"] = proposed_votes(kwargs["initial"], proposal)
            elif isinstance(inline, SourceInline):
                kwargs["initial"] = [proposed_source(proposal)]
        return kwargs

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        proposal = article_proposal(request)
        if proposal:
            initial.update(proposed_fields(proposal))
        return initial

    def get_urls(self):
        view = self.admin_site.admin_view(self.add_from_article_view)
        return [
            path("add-from-article/", view, name="resolutions_resolution_add_from_article"),
            *super().get_urls(),
        ]

    def add_from_article_view(self, request):
        """Paste an article: the add form comes back pre-filled for review, or the
        record of the same vote is offered with where it disagrees."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Add a vote from a news article",
        }
        if request.method == "POST" and request.POST.get("attach"):
            return self.attach_article(request)
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
                                {"record": r, "differences": differences(found, r)}
                                for r in existing
                            ],
                            "add_url": add_url(found, token),
                            "warnings": found.warnings,
                        },
                    )
                return HttpResponseRedirect(add_url(found, token))
        context["form"] = form
        return TemplateResponse(
            request, "admin/resolutions/resolution/add_from_article.html", context
        )

    def attach_article(self, request):
        """Add the pasted article as a news source of an existing record."""
        proposal = request.session.get(SESSION_KEY, {}).get(request.POST.get("article", ""))
        pk = request.POST.get("attach", "")
        record = Resolution.objects.filter(pk=pk).first() if pk.isascii() and pk.isdigit() else None
        if proposal is None or record is None:
            messages.error(request, "That article is no longer at hand: paste it again.")
            return HttpResponseRedirect(reverse("admin:resolutions_resolution_add_from_article"))
        if not self.has_change_permission(request, record):
            raise PermissionDenied
        record.sources.create(**proposed_source(proposal))
        messages.success(request, f"The article was added as a source of {record}.")
        return HttpResponseRedirect(
            reverse("admin:resolutions_resolution_change", args=[record.pk])
        )

    def add_view(self, request, form_url="", extra_context=None):
        proposal = article_proposal(request)
        if proposal:
            extra_context = {**(extra_context or {}), "article": proposal}
        if request.method == "GET" and not vote_date(request, None):
            return TemplateResponse(
                request,
                "admin/resolutions/resolution/pick_date.html",
                {
                    **self.admin_site.each_context(request),
                    "opts": self.model._meta,
                    "title": "Add a vote: its date first",
                    "error": "Enter a date as YYYY-MM-DD." if request.GET.get("date") else "",
                },
            )
        return super().add_view(request, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if obj.review_status == Resolution.Review.OK:
            obj.review_reasons = ""
        super().save_model(request, obj, form, change)

    @admin.display(description="resolution", ordering="resolution_number")
    def resolution_symbol_display(self, obj: Resolution) -> str:
        return obj.resolution_symbol or "—"

    @admin.display(description="tally")
    def tally_display(self, obj: Resolution) -> str:
        if obj.adopted_without_vote:
            return "without a vote"
        return str(obj.tally) if obj.tally else "—"

    @admin.display(description="vetoed by")
    def vetoed_by_display(self, obj: Resolution) -> str:
        return ", ".join(obj.vetoed_by_codes())

    @admin.display(description="review", ordering="review_status")
    def review_display(self, obj: Resolution) -> str:
        if obj.needs_review:
            return format_html(
                '<strong title="{}">needs review</strong>', "; ".join(obj.review_reason_list)
            )
        return "checked"

    @admin.action(
        description="Clear the review flag of the selected records (after checking)",
        permissions=["change"],
    )
    def mark_checked(self, request, queryset):
        flagged = list(queryset.needing_review())
        votes: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for pk, code, position in Vote.objects.filter(resolution__in=flagged).values_list(
            "resolution_id", "member_id", "position"
        ):
            votes[pk].append((code, position))
        names = dict(MemberState.objects.values_list("code", "name"))
        seats: dict[dt.date, dict[str, bool]] = {}
        cleared = []
        for resolution in flagged:
            if resolution.date not in seats:
                seats[resolution.date] = seated_on(resolution.date)
            record = resolution.rule_record(votes[resolution.pk])
            problems = rules.check_record(record, seats[resolution.date], names)
            if problems:
                self.message_user(
                    request,
                    f"{resolution}: still breaks the rules: {problems[0].message}",
                    level="error",
                )
                continue
            cleared.append(resolution.pk)
        Resolution.objects.filter(pk__in=cleared).update(
            review_status=Resolution.Review.OK, review_reasons="", updated=timezone.now()
        )
        self.message_user(request, f"Cleared the review flag of {len(cleared)} record(s).")


class TermInline(admin.TabularInline):
    model = CouncilTerm
    extra = 0


@admin.register(MemberState)
class MemberStateAdmin(admin.ModelAdmin):
    inlines = [TermInline]
    list_display = ["code", "name", "short_name", "successor"]
    search_fields = ["code", "name", "short_name", "aliases"]


@admin.register(CouncilTerm)
class CouncilTermAdmin(admin.ModelAdmin):
    list_display = ["member", "start", "end", "permanent"]
    list_filter = ["permanent"]
    search_fields = ["member__name", "member__code"]
    list_select_related = ["member"]


# --- Adding a vote from a news article (resolutions/extract.py reads it) -------------

SESSION_KEY = "article_proposals"


class ArticleForm(forms.Form):
    text = forms.CharField(
        label="Article text", widget=forms.Textarea(attrs={"rows": 18, "cols": 100})
    )
    url = forms.URLField(label="URL", required=False, max_length=500, assume_scheme="https")
    outlet = forms.CharField(required=False, max_length=200)
    title = forms.CharField(
        required=False, max_length=300, help_text="Left empty, the article's first line."
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
    title = data["title"] or next((line.strip() for line in text.splitlines() if line.strip()), "")
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
        "quotes": found.quotes(),
        "outcome_explanation": found.outcome_explanation,
    }
    request.session[SESSION_KEY] = proposals
    return token


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
    reasons = [w for w in reading["warnings"] if w != "no document symbol in the article"]
    seated = rules.seats(dt.date.fromisoformat(reading["vote_date"]))
    if reasons or len(reading["positions"]) < seated:
        fields["review_status"] = Resolution.Review.NEEDS_REVIEW
        fields["review_reasons"] = "\n".join(
            ["from a news article: not every fact could be read", *reasons]
        )
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
    """Records of the vote the article reports: by symbol, or by date and counts."""
    by_symbol = Q()
    if found.resolution_number is not None:
        by_symbol |= Q(resolution_number=found.resolution_number)
    if found.draft_symbol:
        by_symbol |= Q(draft_symbol__iexact=found.draft_symbol)
    matches = list(Resolution.objects.filter(by_symbol)) if by_symbol else []
    if not matches and found.vote_date:
        names = {"for": "votes_for", "against": "votes_against", "abstain": "votes_abstain"}
        known = {names[k]: v for k, v in found.counts.items() if k in names and v is not None}
        same_day = Resolution.objects.filter(date=found.vote_date)
        if known:
            matches = list(same_day.filter(**known))
        if not matches and not found.draft_symbol and found.resolution_number is None:
            # The article may get a count wrong: the votes of that day are offered,
            # each with where it disagrees, rather than a duplicate made silently.
            matches = list(same_day)
    return matches


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
