"""Readers' error reports: a short form on every vote's and member's page, no
login. Spam is kept out by a honeypot field (left empty by people, filled by
bots) and a rate limit per address (REPORTS_PER_HOUR, counted in Django's
cache); the reporter gets a confirmation page. Editors resolve the reports in
the admin (admin/reports.py)."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from .models import MemberState, Resolution
from .report_form import HONEYPOT, ErrorReportForm
from .tables import display_name
from .views import get_member, lower_case_slug

# The twentieth report from one address within an hour is refused.
REPORTS_PER_HOUR = 19
WINDOW_SECONDS = 3600


def client_address(request: HttpRequest) -> str:
    """The reporter's address as the app server sees it (REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_key(request: HttpRequest) -> str:
    return f"error-reports:{client_address(request)}"


def over_limit(request: HttpRequest) -> bool:
    return (cache.get(rate_key(request)) or 0) >= REPORTS_PER_HOUR


def count_report(request: HttpRequest) -> None:
    key = rate_key(request)
    # The window opens at an address's first report and lasts an hour.
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW_SECONDS)


def report_view(
    request: HttpRequest, record: Resolution | MemberState, name: str, sent_url: str
) -> HttpResponse:
    context = {"record": record, "record_name": name}
    if request.method != "POST":
        return render(request, "reports/report.html", {**context, "form": ErrorReportForm()})
    form = ErrorReportForm(request.POST)
    if request.POST.get(HONEYPOT):
        return render(request, "reports/refused.html", {**context, "spam": True}, status=400)
    if over_limit(request):
        return render(request, "reports/refused.html", context, status=429)
    if not form.is_valid():
        return render(request, "reports/report.html", {**context, "form": form}, status=400)
    report = form.save(commit=False)
    if isinstance(record, Resolution):
        report.resolution = record
    else:
        report.member = record
    report.save()
    count_report(request)
    return redirect(sent_url)


@require_http_methods(["GET", "HEAD", "POST"])
def report_vote(request: HttpRequest, slug: str) -> HttpResponse:
    if moved := lower_case_slug(request, slug):
        return moved
    resolution = get_object_or_404(Resolution, slug=slug)
    sent = reverse("report_vote_sent", args=[resolution.slug])
    return report_view(request, resolution, display_name(resolution), sent)


@require_http_methods(["GET", "HEAD", "POST"])
def report_member(request: HttpRequest, code: str) -> HttpResponse:
    member = get_member(code)
    sent = reverse("report_member_sent", args=[member.code.lower()])
    return report_view(request, member, member.name, sent)


@require_http_methods(["GET", "HEAD"])
def report_vote_sent(request: HttpRequest, slug: str) -> HttpResponse:
    resolution = get_object_or_404(Resolution, slug=slug)
    context = {"record": resolution, "record_name": display_name(resolution)}
    return render(request, "reports/sent.html", context)


@require_http_methods(["GET", "HEAD"])
def report_member_sent(request: HttpRequest, code: str) -> HttpResponse:
    member = get_member(code)
    return render(request, "reports/sent.html", {"record": member, "record_name": member.name})
