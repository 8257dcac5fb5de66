"""The record's model admins. A vote is entered once its date is known: the votes
inline then offers exactly the members seated that day, permanent members first,
and the record is checked (checks.py, applying resolutions/rules.py) before
anything is saved. Entry from a news article is article.py."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AdminDateWidget
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html

from .. import history, reviews
from ..models import (
    CouncilTerm,
    DeletedVote,
    MemberState,
    Resolution,
    Source,
    StaleRecord,
    Topic,
    Vote,
)
from . import article, versions
from .article import ArticleVoteForm, article_proposal
from .checks import REVIEW_HINT, still_breaking
from .forms import ResolutionForm, VoteForm, VoteFormSet, stale_message, vote_date


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
    # The rows, then what the save does with the seats left without a position.
    template = "admin/resolutions/resolution/votes_inline.html"

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


def errors_in_page_order(adminform: helpers.AdminForm, formsets):
    """Each error of the change form as (anchor id, message, field to focus or
    None), in the page's order: the record's own, its fields as its fieldsets show
    them, then each inline's errors above its rows and on each row."""
    form = adminform.form
    for message in form.non_field_errors():
        yield "resolution_form", message, None
    shown = set()
    for fieldset in adminform:
        for line in fieldset:
            for field in line:
                name = getattr(field.field, "name", None)  # None: a read-only field
                shown.add(name)
                for message in form.errors.get(name, []) if name else []:
                    yield form[name].auto_id, message, form.fields[name]
    for formset in formsets:
        for message in formset.non_form_errors():
            yield f"{formset.prefix}-group", message, None
        for index, row in enumerate(formset.forms):
            for message in row.non_field_errors():
                yield f"{formset.prefix}-{index}", message, None
            for name in row.fields:
                for message in row.errors.get(name, []):
                    yield row[name].auto_id, message, row.fields[name]
    # A field of the record shown outside its fieldsets (the seats left without a
    # position, under the members' votes).
    for name in form.fields:
        if name not in shown:
            for message in form.errors.get(name, []):
                yield form[name].auto_id, message, form.fields[name]


def first_error(adminform: helpers.AdminForm, formsets) -> dict | None:
    """The first error of the page, the page opening at it (its field focused) and
    linking to it from the note at the top. The hint to flag a record with gaps is
    said beside the real problem, never first."""
    errors = list(errors_in_page_order(adminform, formsets))
    if not errors:
        return None
    anchor, message, field = next((e for e in errors if e[1] != REVIEW_HINT.message), errors[0])
    if field is not None:
        field.widget.attrs["autofocus"] = True
    return {"id": anchor, "message": message}


class SourceInline(admin.StackedInline):
    model = Source
    extra = 1
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        # ISO, as every other date of the site (the locale's would be 12/04/2017).
        models.DateField: {"widget": AdminDateWidget(format="%Y-%m-%d")},
    }
    fields = ["kind", "title", "url", "outlet", "date", "quote"]


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
            reasons |= reviews.categories(text)
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
    autocomplete_fields = ["topics", "sponsors"]
    fieldsets = [
        (
            None,
            {"fields": ["date", "meeting", "draft_symbol", "resolution_number", "opened_version"]},
        ),
        ("Subject", {"fields": ["title", "draft_note", "agenda_item", "topics", "sponsors"]}),
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

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.article = article_proposal(request) if obj is None else None
        return form

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, VoteInline) and request.method != "POST":
            _, to_offer, _ = members_to_offer(request, obj)
            kwargs["initial"] = [{"member": m.code} for m in to_offer]
        proposal = article_proposal(request) if obj is None or obj._state.adding else None
        if proposal and request.method != "POST":
            if isinstance(inline, VoteInline):
                kwargs["initial"] = article.proposed_votes(kwargs["initial"], proposal)
            elif isinstance(inline, SourceInline):
                kwargs["initial"] = [article.proposed_source(proposal)]
        return kwargs

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        proposal = article_proposal(request)
        if proposal:
            initial.update(article.proposed_fields(proposal))
        return initial

    def get_urls(self):
        view = self.admin_site.admin_view(self.add_from_article_view)
        restore = self.admin_site.admin_view(self.restore_view)
        return [
            path("add-from-article/", view, name="resolutions_resolution_add_from_article"),
            path("<path:object_id>/restore/", restore, name="resolutions_resolution_restore"),
            *super().get_urls(),
        ]

    def add_from_article_view(self, request):
        return article.add_from_article_view(self, request)

    def restore_view(self, request, object_id):
        return versions.restore_view(self, request, object_id)

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

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A record added from a news article is recorded in its history as such.
        proposal = article_proposal(request) if object_id is None else None
        if proposal:
            origin = (history.Change.ARTICLE, proposal.get("url") or proposal.get("title") or "")
        else:
            origin = (history.Change.EDITOR, "")
        try:
            with history.recorded_as(*origin):
                return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleRecord as stale:
            # Another save landed between this form's check and its save: the
            # whole save was rolled back.
            record = Resolution.objects.get(pk=stale.resolution.pk)
            self.message_user(request, stale_message(record, stale.read_at), level="error")
            return HttpResponseRedirect(request.get_full_path())

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        adminform = context.get("adminform")
        if adminform is not None and adminform.form.is_bound:
            formsets = [inline.formset for inline in context["inline_admin_formsets"]]
            for formset in formsets:
                for field, message in getattr(formset, "record_errors", []):
                    adminform.form.add_error(field, message)
            context["errors"] = helpers.AdminErrorList(adminform.form, formsets)
            context["first_error"] = first_error(adminform, formsets)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if obj.review_status == Resolution.Review.OK:
            obj.review_reasons = ""
        super().save_model(request, obj, form, change)
        if getattr(form, "article", None) and obj.needs_review:
            self.message_user(
                request,
                "Saved as “Needs review”, as a record from an article is until its gaps "
                "are checked: " + "; ".join(obj.review_reason_list),
                level=messages.WARNING,
            )

    def delete_model(self, request, obj):
        self.remember_bundled(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self.remember_bundled(request, queryset)
        super().delete_queryset(request, queryset)

    @staticmethod
    def remember_bundled(request, resolutions) -> None:
        """A bundled vote deleted here stays deleted: `load_bundled` skips it."""
        user = request.user.get_username() if request.user.is_authenticated else ""
        for resolution in resolutions:
            if resolution.origin == Resolution.Origin.BUNDLED:
                DeletedVote.record(resolution, user)

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
        cleared, refusals = still_breaking(queryset.needing_review())
        for message in refusals:
            self.message_user(request, message, level="error")
        with history.recorded_as(history.Change.REVIEW, "review flag cleared"):
            for record in Resolution.objects.filter(pk__in=cleared):
                record.review_status = Resolution.Review.OK
                record.review_reasons = ""
                record.save()
        self.message_user(request, f"Cleared the review flag of {len(cleared)} record(s).")


class TermInline(admin.TabularInline):
    model = CouncilTerm
    extra = 0


@admin.register(MemberState)
class MemberStateAdmin(admin.ModelAdmin):
    inlines = [TermInline]
    list_display = ["code", "name", "short_name", "successor"]
    search_fields = ["code", "name", "short_name", "aliases"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(CouncilTerm)
class CouncilTermAdmin(admin.ModelAdmin):
    list_display = ["member", "start", "end", "permanent"]
    list_filter = ["permanent"]
    search_fields = ["member__name", "member__code"]
    list_select_related = ["member"]


@admin.register(DeletedVote)
class DeletedVoteAdmin(admin.ModelAdmin):
    """Bundled votes editors deleted; deleting a row here lets `load_bundled` load
    the vote again."""

    list_display = ["slug", "draft_symbol", "resolution_number", "meeting", "date", "deleted",
                    "deleted_by"]  # fmt: skip
    readonly_fields = list_display
    search_fields = ["slug", "draft_symbol", "meeting"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
