"""/search/: the header's search box. Member states by code, name or any known
spelling (listed first when the query names one), then votes by symbol,
resolution number or words of the title, agenda item or meeting (the `q` filter
of /resolutions/, filters.text_query)."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .filters import MAX_TEXT_QUERY, sat_on_council, text_query
from .models import MemberState, Resolution, normalise_name
from .tables import ResolutionTable

VOTES_SHOWN = 50


def member_codes(query: str) -> tuple[set[str], set[str]]:
    """(codes the query names exactly, codes one of whose names contains it),
    through every known name and spelling (one query)."""
    wanted = normalise_name(query)
    exact, partial = set(), set()
    if not wanted:
        return exact, partial
    for name, code in MemberState.objects.name_index().items():
        if name == wanted:
            exact.add(code)
        elif len(wanted) >= 3 and wanted in name:
            partial.add(code)
    return exact, partial - exact


def find_members(query: str) -> list[MemberState]:
    exact, partial = member_codes(query)
    if not exact and not partial:
        return []
    rank = Case(When(code__in=exact, then=Value(0)), default=Value(1), output_field=IntegerField())
    return list(
        sat_on_council()
        .filter(code__in=exact | partial)
        .annotate(rank=rank)
        .order_by("rank", "name")
    )


def refusal(query: str) -> str:
    """Why a query is not searched for ("" when it is)."""
    if len(query) > MAX_TEXT_QUERY:
        return (
            f"The search is {len(query):,} characters long: at most {MAX_TEXT_QUERY} "
            "are searched for. Shorten it."
        )
    if "\x00" in query:
        return "The search holds a null character: type it again without it."
    return ""


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split())
    context: dict = {"search_query": query, "members": [], "table": None, "count": 0}
    refused = refusal(query)
    if refused:
        context.update(search_query="", error=refused)
        return render(request, "resolutions/search.html", context, status=400)
    if query:
        votes = Resolution.objects.with_tallies().filter(text_query(query))
        context["count"] = votes.count()
        context["table"] = ResolutionTable(votes[:VOTES_SHOWN], orderable=False)
        context["members"] = find_members(query)
    return render(request, "resolutions/search.html", context)
