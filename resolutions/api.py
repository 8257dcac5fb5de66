"""The read-only JSON API under /api/ (django-ninja): OpenAPI 3 schema at
/api/openapi.json, browsable docs at /api/docs/ (served from the installed
package's static files, no CDN). Votes and members here; topics and agreement
figures in resolutions/api_figures.py.

Every figure comes from the querysets the pages and the CSVs read (filters.py,
exports.py, members.members_queryset / members.member_figures); fields carry the CSVs'
names and meanings (README.md's column tables). Invalid parameters, and
parameters the endpoint does not take, answer 400 naming them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from urllib.parse import urlencode

from django import forms
from django.core.paginator import EmptyPage
from django.db.models import F
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django_filters.fields import DateRangeField
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import ValidationError
from pydantic import ConfigDict, create_model

from . import exports, stats
from .filters import ResolutionFilter
from .members import LISTED, council_terms, member_figures, members_queryset
from .models import MemberState, Resolution
from .rules import Outcome, Position
from .tables import DeepPaginator

api = NinjaAPI(
    title="UN Security Council vote tracker API",
    version="1",
    description=(
        "Read-only. The fields have the names and meanings of the site's CSV "
        "downloads (see the project's README). Lists are in a stable order; "
        "invalid or unknown parameters answer 400 naming them."
    ),
    urls_namespace="api",
    docs_url="/docs/",
    openapi_url="/openapi.json",
)

PER_PAGE = 50
MAX_PER_PAGE = 200
# The order of /api/votes/: latest first, ties broken for good by the id, the
# same on every database (nulls last).
VOTE_ORDER = (
    F("date").desc(),
    F("resolution_number").desc(nulls_last=True),
    F("draft_symbol").desc(),
    F("pk").desc(),
)


class ParameterError(Exception):
    """Parameters that the endpoint does not take, or whose value is invalid."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


class Error(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="Parameter name -> what is wrong with it."
    )


def bad_request(request: HttpRequest, errors: dict[str, list[str]]):
    return api.create_response(
        request, {"detail": "Invalid parameters.", "errors": errors}, status=400
    )


@api.exception_handler(ParameterError)
def parameter_error(request: HttpRequest, exc: ParameterError):
    return bad_request(request, exc.errors)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError):
    """django-ninja's own checks of the declared types (422 by default): 400."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        name = location[-1] if location else "request"
        errors.setdefault(name, []).append(str(error.get("msg", "invalid value")))
    return bad_request(request, errors)


# Parameters --------------------------------------------------------------------


def filter_parameters(filterset_class: type, name: str) -> type[Schema]:
    """The query parameters of a FilterSet, as a schema for the OpenAPI document:
    names, labels and choices are read from the FilterSet (the one definition);
    the FilterSet itself then validates and applies them."""
    fields: dict[str, Any] = {}
    for field_name, field in filterset_class().form.fields.items():
        label = str(field.label)
        if isinstance(field, DateRangeField):
            for suffix in field.widget.suffixes:
                description = f"{label}: {suffix} this day (inclusive), ISO 8601"
                fields[f"{field_name}_{suffix}"] = (
                    dt.date | None,
                    Field(None, description=description),
                )
        elif isinstance(field, forms.ModelChoiceField):
            fields[field_name] = (
                str | None,
                Field(None, description=f"{label}: a member code (ISO 3166-1 alpha-3)"),
            )
        elif isinstance(field, forms.ChoiceField):
            values = tuple(str(value) for value, _ in field.choices if value != "")
            fields[field_name] = (Literal[values] | None, Field(None, description=label))
        elif isinstance(field, forms.IntegerField):
            fields[field_name] = (
                int | None,
                Field(None, description=label, ge=field.min_value, le=field.max_value),
            )
        else:
            fields[field_name] = (str | None, Field(None, description=label))
    return create_model(name, __base__=Schema, **fields)


VoteFilters = filter_parameters(ResolutionFilter, "VoteFilters")
PAGE_PARAMETERS = {"page", "per_page"}


def check_known(request: HttpRequest, known: set[str]) -> None:
    unknown = sorted(set(request.GET) - known)
    if unknown:
        raise ParameterError({name: ["not a parameter of this endpoint"] for name in unknown})


# Votes -------------------------------------------------------------------------


class CsvRow(Schema):
    """Fields named as the CSV's columns (`for` is a Python keyword)."""

    model_config = ConfigDict(populate_by_name=True)


class VoteSummary(CsvRow):
    slug: str = Field(description="The vote's stable identifier (README: slugs)")
    url: str = Field(description="The vote's page")
    resolution_symbol: str = Field(description="S/RES/<number> (<year>) when adopted, else ''")
    draft_symbol: str = Field(description="S/<year>/<number>; '' when not on record")
    date: dt.date
    meeting: str = Field(description="Meeting record (S/PV.7922) or letter of a vote in writing")
    title: str
    agenda_item: str
    outcome: Outcome
    votes_for: int | None = Field(alias="for", description="Affirmative votes (official tally)")
    against: int | None = Field(description="Negative votes, vetoes included")
    abstain: int | None
    non_voting: int | None = Field(description="Seats minus the three above")
    vetoed_by: list[str] = Field(description="Codes of the members that vetoed the draft")
    procedural: bool
    review_status: Resolution.Review
    subject: str = Field(description="What the vote was about: its title, else its agenda item")
    topics: list[str] = Field(description="Names of its topics, regions and categories")
    sponsors: list[str] = Field(description="Codes of the members a source names as sponsors")


class VotePage(Schema):
    count: int = Field(description="Votes matching the filters")
    page: int
    per_page: int
    pages: int
    next: str | None = Field(description="The next page's URL, or null on the last")
    previous: str | None
    results: list[VoteSummary]


class MemberPosition(Schema):
    member_code: str
    member_name: str
    permanent: bool = Field(description="A permanent seat on the day of the vote")
    position: Position


class SourceOut(Schema):
    kind: str
    url: str
    title: str
    outlet: str
    date: dt.date | None
    quote: str


class VoteDetail(VoteSummary):
    adopted_without_vote: bool
    votes_recorded: bool = Field(
        description="false when only the tally (and perhaps who vetoed) is on record"
    )
    review_reasons: list[str] = Field(description="Why the record needs review, as its page says")
    positions: list[MemberPosition] = Field(
        description="Members' votes on record, as /resolutions/<slug>/votes.csv"
    )
    sources: list[SourceOut]
    votes_csv: str


def vote_summary(request: HttpRequest, resolution: Resolution) -> dict[str, Any]:
    record = exports.resolution_record(resolution, resolution.vetoed_by_codes())
    return {
        **record,
        "slug": resolution.slug,
        "url": request.build_absolute_uri(resolution.get_absolute_url()),
    }


def page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@api.get(
    "/votes/",
    response={200: VotePage, 400: Error, 404: Error},
    by_alias=True,
    url_name="votes",
    summary="Votes, filtered as /resolutions/",
)
def votes(
    request: HttpRequest,
    filters: Query[VoteFilters],
    page: int = Query(1, ge=1),
    per_page: int = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE),
):
    """Every filter of /resolutions/ (and /resolutions.csv), combinable; latest
    first, in a stable order. A page past the last answers 404."""
    check_known(request, set(VoteFilters.model_fields) | PAGE_PARAMETERS)
    data = request.GET.copy()
    for name in PAGE_PARAMETERS:
        data.pop(name, None)
    # A search alone is counted as its ids are read (count_text), as the list's.
    filterset = ResolutionFilter(data, queryset=Resolution.objects.with_tallies(), count_text=True)
    if not filterset.is_valid():
        raise ParameterError({name: list(errors) for name, errors in filterset.errors.items()})
    # Counted as the list counts them (ResolutionFilter.kept_count, in place of a
    # COUNT when the database keeps the figure); a page deep in the list read
    # within the days that hold it where those figures count each day's, else by
    # the ids at its offset (tables.page_rows; migration 0023 on PostgreSQL).
    paginator = DeepPaginator(
        exports.with_description(filterset.qs.order_by(*VOTE_ORDER)),
        per_page,
        count=filterset.kept_count(),
        spans=filterset.kept_spans,
    )
    try:
        current = paginator.page(page)
    except EmptyPage as empty:
        if page == 1:  # no votes match: an empty first page
            current = paginator.get_page(1)
        else:
            raise Http404(f"page: there are {paginator.num_pages} pages") from empty
    return {
        "count": paginator.count,
        "page": current.number,
        "per_page": per_page,
        "pages": paginator.num_pages,
        "next": page_url(request, current.next_page_number()) if current.has_next() else None,
        "previous": (
            page_url(request, current.previous_page_number()) if current.has_previous() else None
        ),
        "results": [vote_summary(request, resolution) for resolution in current],
    }


@api.get(
    "/votes/{slug}/",
    response={200: VoteDetail, 400: Error, 404: Error},
    by_alias=True,
    url_name="vote",
    summary="One vote: members' positions, sources, review status",
)
def vote(request: HttpRequest, slug: str):
    check_known(request, set())
    resolution = get_object_or_404(
        exports.with_description(Resolution.objects.with_tallies()), slug=slug.lower()
    )
    positions = [
        {
            "member_code": vote.member_id,
            "member_name": vote.member.name,
            "permanent": vote.permanent,
            "position": vote.position,
        }
        for vote in exports.votes_for_export(resolution.votes.all())
    ]
    sources = [
        {
            "kind": source.kind,
            "url": source.url,
            "title": source.title,
            "outlet": source.outlet,
            "date": source.date,
            "quote": source.quote,
        }
        for source in resolution.sources.all()
    ]
    votes_csv = reverse("resolution_votes_csv", args=[resolution.slug])
    return {
        **vote_summary(request, resolution),
        "adopted_without_vote": resolution.adopted_without_vote,
        "votes_recorded": resolution.votes_recorded,
        "review_reasons": resolution.public_review_reasons,
        "positions": positions,
        "sources": sources,
        "votes_csv": request.build_absolute_uri(votes_csv),
    }


# Members -----------------------------------------------------------------------


class TermOut(Schema):
    start: dt.date
    end: dt.date | None = Field(description="null while the seat is held")
    permanent: bool


class MemberSummary(CsvRow):
    member_code: str
    member_name: str
    url: str
    terms: list[TermOut] = Field(description="Its seats, consecutive terms joined")
    votes_cast: int = Field(description="For, against or abstaining, on fully recorded votes")
    votes_for: int = Field(alias="for")
    against: int = Field(description="Votes against (not vetoes)")
    veto: int = Field(description="Vetoes cast on drafts recorded as vetoed")
    abstain: int
    non_voting: int
    share_for: float | None = Field(description="Of votes_cast; null when none")
    share_against: float | None = Field(description="Of votes_cast, vetoes included")
    share_abstain: float | None


class MemberList(Schema):
    count: int
    results: list[MemberSummary]


class YearFigures(CsvRow):
    year: int
    votes_for: int = Field(alias="for")
    against: int
    veto: int
    abstain: int
    non_voting: int
    not_recorded: int = Field(
        description="Tally-only votes taken while it sat: its position not on record"
    )
    needs_review: int = Field(description="Of that year's votes, in records flagged for review")


class VoteLink(Schema):
    slug: str
    symbol: str
    date: dt.date
    url: str


class MemberDetail(MemberSummary):
    short_name: str
    successor: str | None = Field(description="Code of the successor state")
    predecessors: list[str]
    per_year: list[YearFigures]
    vetoes: list[VoteLink] = Field(
        description=f"The latest {LISTED} drafts it vetoed (as its page), by date; every "
        "one of them (`veto`) at `vetoes_url`"
    )
    vetoes_url: str = Field(
        description="Every draft it vetoed: /api/votes/?member=<code>&position=veto"
    )
    contradicted_vetoes: list[VoteLink] = Field(
        description=f"The latest {LISTED} 'vetoes' on drafts recorded as adopted or failed "
        "(flagged records), by date"
    )
    contradicted_count: int = Field(
        description="How many such 'vetoes' are on record (counted as votes against)"
    )
    votes_csv: str


def member_summary(
    request: HttpRequest, member: MemberState, terms: dict[str, list[stats.TermSpan]]
) -> dict[str, Any]:
    record = exports.member_record(member, terms.get(member.code, []))
    record["terms"] = [
        {"start": span.start, "end": span.end, "permanent": span.permanent}
        for span in record["terms"]
    ]
    return {
        **record,
        "url": request.build_absolute_uri(member.get_absolute_url()),
        "share_for": member.share_for,
        "share_against": member.share_against,
        "share_abstain": member.share_abstain,
    }


@api.get(
    "/members/",
    response={200: MemberList, 400: Error},
    by_alias=True,
    url_name="members",
    summary="Member states that have sat on the Council, with their figures",
)
def members(request: HttpRequest):
    """As /members.csv, by name."""
    check_known(request, set())
    terms = council_terms()
    results = [member_summary(request, m, terms) for m in members_queryset().order_by("name")]
    return {"count": len(results), "results": results}


def vote_link(request: HttpRequest, resolution: Resolution) -> dict[str, Any]:
    return {
        "slug": resolution.slug,
        "symbol": str(resolution),
        "date": resolution.date,
        "url": request.build_absolute_uri(resolution.get_absolute_url()),
    }


@api.get(
    "/members/{code}/",
    response={200: MemberDetail, 400: Error, 404: Error},
    by_alias=True,
    url_name="member",
    summary="One member state: terms, figures per year, vetoes",
)
def member(request: HttpRequest, code: str):
    """The figures of /members/<code>/; the code in any case."""
    check_known(request, set())
    if not MemberState.is_code(code):
        raise Http404("No member state has that code.")
    state = get_object_or_404(
        members_queryset().select_related("successor").prefetch_related("predecessors"),
        code=code.upper(),
    )
    # Its lists cut as its page cuts them: a member's vetoes have no bound (Russia's
    # were 4,200 at a hundred times the record, 310 ms).
    terms = council_terms(state)
    figures = member_figures(state, LISTED, terms=terms.get(state.code, []))
    vetoes = reverse("api:votes") + "?" + urlencode({"member": state.code, "position": "veto"})
    per_year = [
        {**counts, "year": year, "needs_review": figures.flagged.get(year, 0)}
        for year, counts in stats.with_not_recorded(figures.per_year, figures.not_recorded).items()
    ]
    votes_csv = reverse("member_votes_csv", args=[state.code.lower()])
    return {
        **member_summary(request, state, terms),
        "short_name": state.short_name,
        "successor": state.successor_id,
        "predecessors": sorted(p.code for p in state.predecessors.all()),
        "per_year": per_year,
        "vetoes": [vote_link(request, r) for r in figures.vetoes],
        "vetoes_url": request.build_absolute_uri(vetoes),
        "contradicted_vetoes": [vote_link(request, r) for r in figures.contradicted_vetoes],
        "contradicted_count": figures.contradicted,
        "votes_csv": request.build_absolute_uri(votes_csv),
    }


# Topics and agreement figures: their own module, a router of this API (added
# last: it reads this module's errors and parameter checks).
api.add_router("", "resolutions.api_figures.router")
