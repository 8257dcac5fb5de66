"""Readers' error reports (resolutions/reports.py) as the editors see them: open
ones first, each linked to its record's page and admin; an editor resolves a
report with a note. What the reader sent cannot be changed."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from ..models import ErrorReport

READER_FIELDS = ("message", "source_url", "email", "created")


@admin.register(ErrorReport)
class ErrorReportAdmin(admin.ModelAdmin):
    list_display = ["created", "status", "about", "summary"]
    list_filter = ["status", "created"]
    list_select_related = ["resolution", "member"]
    search_fields = ["message", "source_url", "resolution__draft_symbol", "member__name"]
    readonly_fields = [*READER_FIELDS, "about", "resolved_at", "resolved_by"]
    fields = ["about", *READER_FIELDS, "status", "editor_note", "resolved_at", "resolved_by"]
    actions = ["mark_resolved"]
    date_hierarchy = "created"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # reports come from readers, through the public form

    @admin.display(description="about")
    def about(self, report: ErrorReport):
        record = report.record
        if record is None:
            return "—"
        if report.resolution_id:
            change = reverse("admin:resolutions_resolution_change", args=[report.resolution_id])
        else:
            change = reverse("admin:resolutions_memberstate_change", args=[report.member_id])
        return format_html(
            '<a href="{}">{}</a> (<a href="{}">public page</a>)',
            change,
            str(record),
            record.get_absolute_url(),
        )

    @admin.display(description="what is wrong")
    def summary(self, report: ErrorReport) -> str:
        return Truncator(report.message).chars(120)

    def save_model(self, request: HttpRequest, obj: ErrorReport, form, change: bool) -> None:
        if obj.status == ErrorReport.Status.RESOLVED and obj.resolved_at is None:
            obj.resolved_at, obj.resolved_by = timezone.now(), request.user
        elif obj.status == ErrorReport.Status.OPEN:
            obj.resolved_at = obj.resolved_by = None
        super().save_model(request, obj, form, change)

    @admin.action(description="Mark the selected reports as resolved", permissions=["change"])
    def mark_resolved(self, request: HttpRequest, queryset: QuerySet[ErrorReport]) -> None:
        count = queryset.filter(status=ErrorReport.Status.OPEN).update(
            status=ErrorReport.Status.RESOLVED, resolved_at=timezone.now(), resolved_by=request.user
        )
        self.message_user(request, f"{count} report(s) marked as resolved.", messages.SUCCESS)
