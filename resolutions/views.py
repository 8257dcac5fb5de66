"""The public site: read-only pages, each also downloadable at a sibling URL.

Every page runs a fixed number of queries whatever the size of the record
(pinned in tests/test_views.py); lists read through querysets that prefetch or
annotate what their tables show.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.db.models import (
    Q,
    QuerySet,
)
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from . import agreement, charts, exportfiles, exports, history, kept, stats
from .filters import MemberVoteFilter, ResolutionFilter, given, year_spans
from .kept import MemberYear
from .members import LISTED, council_terms, member_figures, members_queryset
from .models import (
    CouncilTerm,
    MemberState,
    Resolution,
    Topic,
    Vote,
    name_at_vote,
)
from .report_form import ErrorReportForm
from .rules import Outcome, Position
from .tables import (
    BoundedPaginator,
    MemberTable,
    MemberVoteTable,
    ResolutionTable,
    display_name,
    documents,
    figure_rows,
    record_items,
    summary,
)

PAGINATION = {"per_page": 50, "paginator_class": BoundedPaginator}
# Query parameters that shape the table but not the rows: not passed to exports.
TABLE_ONLY = ("sort", "page", "per_page")


def export_query(request: HttpRequest) -> str:
    """The request's filters as a query string, for the CSV/JSON links."""
    query = request.GET.copy()
    for name in TABLE_ONLY:
        query.pop(name, None)
    return query.urlencode()


def invalid_filters(filterset) -> HttpResponseBadRequest:
    lines = [f"{name}: {' '.join(errors)}" for name, errors in filterset.form.errors.items()]
    return HttpResponseBadRequest(
        "Invalid filter, nothing exported.\n" + "\n".join(lines) + "\n",
        content_type="text/plain; charset=utf-8",
    )


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    totals = kept.record_totals()
    latest = ResolutionTable(Resolution.objects.with_tallies()[:10], orderable=False)
    # Vetoes cast, as every page counts them (Vote.objects.vetoes()): a "veto" on
    # a draft recorded as adopted or failed contradicts the record (it is flagged
    # for review) and is not charted as a draft vetoed.
    # Each member's vetoes per year as the database keeps them (kept.MemberYear),
    # and in the same query the drafts vetoed each year (each once, however many
    # members vetoed it: kept.DayRecords): a few hundred rows whatever the
    # record's size.
    per_member = MemberYear.objects.filter(position=Position.VETO, votes__gt=0).values_list(
        "year", "member_id", "member__short_name", "votes"
    )
    drafts = kept.vetoed_drafts_per_year().values_list("year", "code", "name", "drafts")
    veto_rows = per_member.union(drafts, all=True)
    vetoes = stats.vetoes_per_year_counted(veto_rows)
    chart = charts.chart_spec(charts.vetoes_per_year_chart(vetoes)) if vetoes.years else None
    rows = figure_rows(
        (
            (year, [*counts, ("Drafts vetoed (each once)", drafts)])
            for year, counts, drafts in vetoes.labelled_rows()
        ),
        cell_class="num",
    )
    return render(
        request,
        "resolutions/home.html",
        {"totals": totals, "latest": latest, "vetoes": vetoes, "rows": rows, "chart": chart},
    )


class ResolutionList(SingleTableMixin, FilterView):
    """/resolutions/: every vote, filtered, sorted, 50 a page. An invalid filter
    shows its error and an empty table (FilterView's strict mode)."""

    model = Resolution
    table_class = ResolutionTable
    filterset_class = ResolutionFilter
    template_name = "resolutions/resolution_list.html"
    table_pagination = PAGINATION
    http_method_names = ["get", "head"]

    def get_queryset(self) -> QuerySet[Resolution]:
        return Resolution.objects.with_tallies()

    def get_filterset_kwargs(self, filterset_class):
        # A list filtered by topic links the topic's own page (one query more),
        # and the filter names the topic read, with its kept days, to the database.
        slug = self.request.GET.get("topic", "").strip().lower()
        self.topic = Topic.objects.with_counts().filter(slug=slug).first() if slug else None
        kwargs = super().get_filterset_kwargs(filterset_class)
        return {**kwargs, "topic": self.topic, "count_text": True}

    def get_table_kwargs(self):
        # A page deep in the list read between the days holding it, where the
        # figures the database keeps count the votes of each (tables.ListRows).
        return {**super().get_table_kwargs(), "spans": self.filterset.kept_spans}

    def get_table_pagination(self, table):
        # The votes counted from the figures the database keeps when those count
        # them (ResolutionFilter.kept_count: a query in place of the COUNT, which
        # reads every vote on the topic or every vote of the member).
        paginate = super().get_table_pagination(table)
        count = self.filterset.kept_count()
        return paginate if count is None else {**paginate, "count": count}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "export_query": export_query(self.request),
            "topic": self.topic,
        }


@require_safe
def resolution_export(request: HttpRequest, format: str) -> HttpResponse:
    """/resolutions.csv and /resolutions.json: exactly the rows of the table with
    the same filters."""
    filterset = ResolutionFilter(request.GET or None, queryset=Resolution.objects.all())
    if filterset.is_bound and not filterset.is_valid():
        return invalid_filters(filterset)
    if format == "json":
        build = partial(exports.resolutions_json, filterset.qs)
        filename, content_type = "resolutions.json", "application/json"
    else:
        build = partial(exports.resolutions_csv, filterset.qs, "resolutions.csv")
        filename, content_type = "resolutions.csv", "text/csv; charset=utf-8"
    if filterset.is_bound:
        return build()
    return exportfiles.built_once(filename, content_type, build, attachment=format != "json")


def lower_case_slug(request: HttpRequest, slug: str) -> HttpResponse | None:
    """Slugs are lower case; a symbol typed in capitals (S-2017-315) is sent on."""
    if slug == slug.lower():
        return None
    query = request.GET.urlencode()
    path = request.path.replace(slug, slug.lower(), 1)
    return redirect(path + (f"?{query}" if query else ""), permanent=True)


@require_safe
def resolution_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if moved := lower_case_slug(request, slug):
        return moved
    resolution = get_object_or_404(Resolution, slug=slug)
    votes = list(resolution.votes.select_related("member"))
    seated_rows = CouncilTerm.objects.on(resolution.date).values_list(
        "member_id", "permanent", "member__name", "member__short_name"
    )
    seated = {}
    names = {}
    short_names = {}
    for code, permanent, name, short_name in seated_rows:
        seated[code] = permanent
        names[code] = name
        short_names[code] = short_name
    for vote in votes:
        names.setdefault(vote.member_id, vote.member.name)
        short_names.setdefault(vote.member_id, vote.member.short_name)
    # Each seat named as it was held that day (China (Republic of China) before 1971).
    for each in (names, short_names):
        for code, name in each.items():
            each[code] = name_at_vote(code, name, resolution.date)
    positions = {vote.member_id: vote.position for vote in votes}
    # One name per member in the chart and the list (the short name; the UN name
    # on hover), in one order.
    seats = stats.seats_at_vote(
        on=resolution.date, votes=positions, seated=seated, names=short_names, full_names=names
    )
    decision = resolution.decision(names, positions, seated)
    vetoed_by = (
        [names[v.member_id] for v in votes if v.position == Position.VETO]
        if resolution.outcome == Outcome.VETOED
        else []
    )
    return render(
        request,
        "resolutions/resolution_detail.html",
        {
            "resolution": resolution,
            "name": display_name(resolution),
            "decision": decision,
            "decision_agrees": decision is not None and decision.outcome == resolution.outcome,
            "groups": stats.group_by_position(seats),
            "seat_count": len(seats),
            # A text adopted without a vote has no positions to chart.
            "chart": None
            if resolution.adopted_without_vote and not votes
            else charts.chart_spec(charts.vote_breakdown(seats, centre=centre_text(resolution))),
            "has_votes": bool(votes),
            "sources": list(resolution.sources.all()),
            "topics": list(resolution.topics.all()),
            "settled": [line for line in resolution.settled.splitlines() if line.strip()],
            "division": None
            if resolution.adopted_without_vote
            else agreement.tally_division(
                resolution.votes_for, resolution.votes_against, resolution.votes_abstain
            ),
            "documents": documents(resolution),
            "description": f"{display_name(resolution)}: {summary(resolution, vetoed_by)}",
            "og_type": "article",
            "report_form": ErrorReportForm(),
            "report_url": reverse("report_vote", args=[resolution.slug]),
            # Editors' names only to staff; what made each change to everyone.
            "changes": history.changes_of(resolution, names, with_users=request.user.is_staff),
            "can_restore": request.user.has_perm("resolutions.change_resolution"),
        },
    )


@require_safe
def resolution_votes_csv(request: HttpRequest, slug: str) -> HttpResponse:
    if moved := lower_case_slug(request, slug):
        return moved
    resolution = get_object_or_404(Resolution, slug=slug)
    return exports.votes_csv(resolution.votes.all(), f"{resolution.slug}-votes.csv")


def centre_text(resolution: Resolution) -> str:
    """What the middle of the vote's horseshoe says: the outcome and its tally."""
    tally = resolution.tally
    score = f" {tally.yes}-{tally.against}-{tally.abstain}" if tally else ""
    return f"{resolution.get_outcome_display()}{score}"


@require_safe
def member_list(request: HttpRequest) -> HttpResponse:
    table = MemberTable(members_queryset(), order_by="name", terms=council_terms())
    RequestConfig(request, paginate=False).configure(table)
    return render(request, "resolutions/member_list.html", {"table": table})


@require_safe
def member_list_csv(request: HttpRequest) -> HttpResponse:
    def rows():
        terms = council_terms()
        for member in members_queryset().order_by("name"):
            record = exports.member_record(member, terms.get(member.code, []))
            record["terms"] = "; ".join(str(span) for span in record["terms"])
            yield [record[column] for column in exports.MEMBER_COLUMNS]

    return exports.csv_response("members.csv", exports.MEMBER_COLUMNS, rows())


def get_member(code: str) -> MemberState:
    """A member state by its code, in any case (`rus`, `RUS`); 404 when unknown,
    or when the code cannot be one (a NUL byte, which PostgreSQL refuses to read)."""
    if not MemberState.is_code(code):
        raise Http404("No member state has that code.")
    return get_object_or_404(MemberState.objects.select_related("successor"), code=code.upper())


@require_safe
def member_detail(request: HttpRequest, code: str) -> HttpResponse:
    member = get_member(code)
    term_rows = terms_on_the_council(member)
    own = next((terms for _, terms, is_own in term_rows if is_own), [])
    terms = stats.merge_terms((t.start, t.end, t.permanent) for t in own)
    predecessors = list(member.predecessors.all())
    figures = member_figures(member, LISTED, with_majority=True, terms=own)
    filterset = MemberVoteFilter(
        request.GET or None, queryset=member.votes.select_related("resolution")
    )
    valid = not filterset.is_bound or filterset.is_valid()
    # Unfiltered, the record holds every vote of the member: as many as its kept
    # figures count (kept.MemberYear), no COUNT over its votes; a page deep in it
    # is read within the years that hold it (tables.ListRows).
    every_vote = not filterset.is_bound or (valid and not given(filterset.form.cleaned_data))
    table = MemberVoteTable(
        filterset.qs if valid else filterset.queryset.none(),
        spans=(lambda: year_spans(figures.per_year)) if every_vote else None,
    )
    known = {"count": sum(figures.totals.values())} if every_vote else {}
    RequestConfig(request, paginate={**PAGINATION, **known}).configure(table)
    per_year = stats.with_not_recorded(figures.per_year, figures.not_recorded)
    chart = charts.chart_spec(charts.positions_per_year_chart(per_year)) if per_year else None
    return render(
        request,
        "resolutions/member_detail.html",
        {
            "member": member,
            "terms": terms,
            "predecessors": predecessors,
            "per_year": figure_rows(
                (
                    year,
                    [
                        *((stats.POSITION_LABELS[p], count) for p, count in counts.items()),
                        ("In records needing review", figures.flagged.get(year, 0)),
                    ],
                )
                for year, counts in per_year.items()
            ),
            "flagged": sum(figures.flagged.values()),
            "totals": [
                (position, stats.POSITION_LABELS[position], count)
                for position, count in figures.totals.items()
            ],
            "not_recorded": sum(figures.not_recorded.values()),
            "positions": [
                (p, stats.POSITION_LABELS[p]) for p in (*stats.POSITION_ORDER, stats.NOT_RECORDED)
            ],
            "vetoes": figures.vetoes,
            "veto_items": record_items(figures.vetoes),
            "vetoes_cast": figures.totals[Position.VETO],
            "contradicted_vetoes": figures.contradicted_vetoes,
            "contradicted_items": record_items(figures.contradicted_vetoes, recorded_as=True),
            "contradicted": figures.contradicted,
            "listed": LISTED,
            "filter": filterset,
            "table": table,
            "chart": chart,
            "term_count": len(own),
            "timeline": charts.chart_spec(charts.terms_timeline(term_rows, dt.date.today()))
            if term_rows
            else None,
            "term_rows": term_rows,
            "export_query": export_query(request),
            "isolation": figures.isolation,
            "alone": figures.alone,
            "alone_items": record_items(figures.alone, review=False),
            "report_form": ErrorReportForm(),
            "report_url": reverse("report_member", args=[member.code.lower()]),
            "earlier_holder": member.earlier_holder_sentence(),
        },
    )


def terms_on_the_council(member: MemberState) -> list[tuple[str, list[stats.TermSpan], bool]]:
    """The member's terms, and those of its predecessors and successor (the USSR's
    seat passed to the Russian Federation: two members, each with its own row), as
    (name, terms, whether the member's own), the rows in order of their first
    term (one query)."""
    related = Q(member=member) | Q(member__successor=member)
    if member.successor_id:
        related |= Q(member_id=member.successor_id)
    rows: dict[str, tuple[str, list[stats.TermSpan], bool]] = {}
    for code, name, start, end, permanent in (
        CouncilTerm.objects.filter(related)
        .order_by("start")
        .values_list("member_id", "member__short_name", "start", "end", "permanent")
    ):
        if code not in rows:
            role = (
                ""
                if code == member.code
                else " (successor)"
                if code == member.successor_id
                else " (predecessor)"
            )
            rows[code] = (name + role, [], code == member.code)
        rows[code][1].append(stats.TermSpan(start, end, permanent))
    return list(rows.values())


@require_safe
def member_votes_csv(request: HttpRequest, code: str) -> HttpResponse:
    member = get_member(code)
    filterset = MemberVoteFilter(request.GET or None, queryset=member.votes.all())
    if filterset.is_bound and not filterset.is_valid():
        return invalid_filters(filterset)
    return exports.votes_csv(filterset.qs, f"{member.code.lower()}-votes.csv")


@require_safe
def all_votes_csv(request: HttpRequest) -> HttpResponse:
    """/export/votes.csv: the whole record, one row per member's vote, streamed.
    Its first rows are read before the answer starts: a database that cannot be
    reached is a 503, never a 200 holding only the header."""
    return exportfiles.built_once(
        "votes.csv",
        "text/csv; charset=utf-8",
        partial(exports.votes_csv, Vote.objects.all(), "votes.csv", stream=True),
    )
