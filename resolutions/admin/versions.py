"""Restoring an earlier version of a record (from its history, resolutions/history.py):
the editor sees what would change, then confirms; the restore is itself a change in
the history, and a version that now breaks the rules is refused with the reason."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from .. import history
from ..models import MemberState, Resolution
from .checks import still_breaking


class Refused(Exception):
    pass


def moment_asked(request: HttpRequest) -> dt.datetime:
    raw = request.POST.get("as_of") or request.GET.get("as_of") or ""
    try:
        moment = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise Http404("Give the moment to restore as an ISO date and time (as_of).") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def what_changes(record: Resolution, version: history.Version) -> list[history.FieldChange]:
    """What restoring `version` would change in the record as it stands."""
    changes = []
    for name, value in version.fields.items():
        now = getattr(record, name)
        if now != value:
            field = Resolution._meta.get_field(name.removesuffix("_id"))
            changes.append(
                history.FieldChange(
                    str(field.verbose_name), history.shown(now, field), history.shown(value, field)
                )
            )
    votes = dict(record.votes.values_list("member_id", "position"))
    names = dict(MemberState.objects.values_list("code", "name"))
    for code in sorted(votes.keys() | version.votes.keys()):
        if votes.get(code) != version.votes.get(code):
            changes.append(
                history.FieldChange(
                    f"{names.get(code, code)}'s vote",
                    votes.get(code) or "—",
                    version.votes.get(code) or "—",
                )
            )
    sources_now = {s.title or s.url for s in record.sources.all()}
    sources_then = {s["title"] or s["url"] for s in version.sources}
    for title in sorted(sources_now - sources_then):
        changes.append(history.FieldChange("source", title, "—"))
    for title in sorted(sources_then - sources_now):
        changes.append(history.FieldChange("source", "—", title))
    return changes


def restore_view(model_admin, request: HttpRequest, object_id: str):
    record = get_object_or_404(Resolution, pk=object_id) if object_id.isdigit() else None
    if record is None:
        raise Http404
    if not model_admin.has_change_permission(request, record):
        raise PermissionDenied
    moment = moment_asked(request)
    version = history.version_at(record, moment)
    if version is None:
        raise Http404("The record did not exist at that moment.")
    change_url = reverse("admin:resolutions_resolution_change", args=[record.pk])
    if request.method == "POST":
        detail = f"the version of {moment.strftime('%Y-%m-%d %H:%M:%S')} UTC"
        try:
            with transaction.atomic(), history.recorded_as(history.Change.RESTORE, detail):
                history.restore(record, version)
                if not record.needs_review:
                    _, refusals = still_breaking([record])
                    if refusals:
                        raise Refused(refusals[0])
        except Refused as refusal:
            messages.error(request, f"Not restored: {refusal}")
            return HttpResponseRedirect(change_url)
        messages.success(request, f"{record} was restored to {detail}.")
        return HttpResponseRedirect(change_url)
    return TemplateResponse(
        request,
        "admin/resolutions/resolution/restore.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": Resolution._meta,
            "original": record,
            "title": f"Restore {record} as it was on {moment:%Y-%m-%d %H:%M:%S} UTC",
            "as_of": moment.isoformat(),
            "changes": what_changes(record, version),
            "change_url": change_url,
        },
    )
