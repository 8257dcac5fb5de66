"""What the votes are about: /topics/ (every topic, region and category with its
votes), /topics.csv, and /topics/<slug>/ (a topic's votes, its vetoes and a chart
of its votes per year).

A topic's votes are exactly the rows of /resolutions/?topic=<slug> and of its
CSV and JSON: every page here reads them by the condition of ResolutionFilter's
topic filter (`votes_on`, Resolution.on_topic), the one definition; their counts,
years, votes per year and vetoes cast are those the database keeps (kept.TopicDay,
kept.TopicVetoes). Each
page runs a fixed number of queries whatever the size of the record (pinned in
tests/test_topic_pages.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe
from django_tables2 import RequestConfig

from . import charts, exports, stats
from .filters import year_spans
from .kept import TopicDay, TopicVetoes
from .models import MemberState, Resolution, Topic
from .rules import Outcome
from .tables import ResolutionTable, esc, figure_rows, grouped, value_text
from .views import PAGINATION, lower_case_slug

TOPIC_COLUMNS = [
    "slug",
    "name",
    "kind",
    "votes",
    "adopted",
    "failed",
    "vetoed",
    "first_date",
    "last_date",
]
# The order /topics/ shows the kinds in: what votes are about first.
KIND_ORDER = (Topic.Kind.TOPIC, Topic.Kind.REGION, Topic.Kind.CATEGORY)
KIND_HEADINGS = {
    Topic.Kind.TOPIC: "Topics",
    Topic.Kind.REGION: "Regions",
    Topic.Kind.CATEGORY: "Categories",
}


class Year(ExtractYear):
    """A date's year; on SQLite by its own strftime, not Django's Python function
    called for every row (a third of the time of a topic's votes per year)."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('%%Y', {sql}) AS INTEGER)", params


def get_topic(slug: str) -> Topic:
    """A topic by its slug, in any case; 404 when unknown."""
    return get_object_or_404(Topic, slug=slug.lower())


def votes_on(topic: Topic) -> QuerySet[Resolution]:
    """The votes on a topic: the rows of /resolutions/?topic=<slug> (the
    condition of its filter, Resolution.on_topic)."""
    return Resolution.objects.filter(Resolution.on_topic(topic))


def heading(topic: Topic) -> str:
    if topic.kind == Topic.Kind.CATEGORY:
        return f"Votes in the category {topic.name}"
    if topic.kind == Topic.Kind.REGION:
        return f"Votes on {topic.name} (region)"
    return f"Votes on {topic.name}"


def topic_record(topic: Topic) -> dict[str, Any]:
    """A topic's row (TOPIC_COLUMNS), from Topic.objects.with_counts()."""
    return {
        "slug": topic.slug,
        "name": topic.name,
        "kind": topic.kind,
        "votes": topic.votes,
        "adopted": topic.adopted,
        "failed": topic.failed,
        "vetoed": topic.vetoed,
        "first_date": topic.first_date,
        "last_date": topic.last_date,
    }


def topics_in_order() -> list[Topic]:
    """Every topic with its counts, by kind (KIND_ORDER) then name (one query)."""
    rank = {kind: index for index, kind in enumerate(KIND_ORDER)}
    topics = Topic.objects.with_counts().order_by("name", "pk")
    return sorted(topics, key=lambda topic: rank.get(topic.kind, len(rank)))


def topic_rows(topics: list[Topic], singular: str) -> SafeString:
    """The rows of a table of topics (Topic.objects.with_counts): each linked to
    its page, its votes by outcome and its years. Written here, not by a
    template's loop (135 topics on the full record)."""
    label = esc(singular)
    rows = []
    for topic in topics:
        first, last = topic.first_date, topic.last_date
        years = "—"
        if first:
            years = value_text(first.year)
            if last.year != first.year:
                years += f"–{value_text(last.year)}"
        rows.append(
            f'<tr>\n      <th scope="row" data-label="{label}"><a href="'
            f'{esc(topic.get_absolute_url())}">{esc(topic.name)}</a></th>\n'
            f'      <td class="num" data-label="Votes">{grouped(topic.votes)}</td>\n'
            f'      <td class="num" data-label="Adopted">{grouped(topic.adopted)}</td>\n'
            f'      <td class="num" data-label="Failed">{grouped(topic.failed)}</td>\n'
            f'      <td class="num" data-label="Vetoed">{grouped(topic.vetoed)}</td>\n'
            f'      <td class="nowrap" data-label="Years">{years}</td>\n    </tr>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every part escaped)


@require_safe
def topic_list(request: HttpRequest) -> HttpResponse:
    topics = topics_in_order()
    groups = []
    for kind in KIND_ORDER:
        singular = Topic.Kind(kind).label
        of_kind = [t for t in topics if t.kind == kind]
        groups.append((kind, KIND_HEADINGS[kind], singular, of_kind, topic_rows(of_kind, singular)))
    return render(
        request,
        "resolutions/topic_list.html",
        {"groups": [group for group in groups if group[3]], "count": len(topics)},
    )


@require_safe
def topic_list_csv(request: HttpRequest) -> HttpResponse:
    rows = (
        [record[column] for column in TOPIC_COLUMNS]
        for record in map(topic_record, topics_in_order())
    )
    return exports.csv_response("topics.csv", TOPIC_COLUMNS, rows)


# A topic's page lists this many of its drafts vetoed, latest first (the list of
# votes filtered by topic and outcome holds them all).
LISTED = 25


@dataclass
class TopicFigures:
    """A topic's figures as its page shows them (and the API serves them)."""

    per_year: dict[int, dict[str, int]]  # year -> outcome -> votes
    totals: dict[str, int]  # outcome -> votes, every year
    vetoed: list[Resolution]  # drafts vetoed, latest first, their `vetoes` prefetched
    vetoes_cast: list[tuple[MemberState, int]]  # (member, vetoes cast), most first

    @property
    def votes(self) -> int:
        return sum(self.totals.values())

    @property
    def drafts_vetoed(self) -> int:
        """Every draft vetoed on the topic (`vetoed` may hold only the latest)."""
        return self.totals[Outcome.VETOED]


def topic_figures(topic: Topic, listed: int | None = None) -> TopicFigures:
    """Votes per year by outcome and the vetoes cast on the topic by each member,
    as the database keeps them (kept.TopicDay, kept.TopicVetoes: as many rows
    whatever the record's size), and the drafts vetoed with who vetoed them (the
    latest `listed` when given): four queries."""
    per_year = stats.outcomes_per_year(
        TopicDay.objects.filter(topic=topic)
        .values_list(Year("date"), "outcome")
        .annotate(count=Sum("votes"))
        .order_by()
    )
    totals = {
        outcome: sum(year[outcome] for year in per_year.values()) for outcome in stats.OUTCOME_ORDER
    }
    vetoed = votes_on(topic).filter(outcome=Outcome.VETOED).with_tallies()
    cast = (
        TopicVetoes.objects.filter(topic=topic)
        .select_related("member")
        .order_by("-vetoes", "member__name")
    )
    return TopicFigures(
        per_year=per_year,
        totals=totals,
        vetoed=list(vetoed[:listed] if listed is not None else vetoed),
        vetoes_cast=[(row.member, row.vetoes) for row in cast],
    )


def vetoed_item(record: Resolution) -> SafeString:
    """A draft of the list of vetoes: its date, symbol, subject and who vetoed it
    (templates/resolutions/topic_detail.html), written here rather than by
    template lookups for each of the drafts."""
    url = record.get_absolute_url()
    vetoed_by = format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((vote.member.get_absolute_url(), vote.member.name) for vote in record.vetoes),
    )
    return format_html(
        '<time datetime="{}">{}</time>: <a href="{}">{}</a>{}: vetoed by {}{}',
        record.date.isoformat(),
        date_format(record.date),
        url,
        record,
        format_html(", {}", record.subject) if record.subject else "",
        vetoed_by or "a member not on record",
        format_html(' <a class="badge review" href="{}#review">Needs review</a>', url)
        if record.needs_review
        else "",
    )


def description(topic: Topic, figures: TopicFigures) -> str:
    """The page's meta description: what it holds, in a sentence."""
    if not figures.votes:
        return f"{heading(topic)} in the UN Security Council: none on record."
    years = list(figures.per_year)
    span = str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
    totals = figures.totals
    return (
        f"{heading(topic)} in the UN Security Council, {span}: {figures.votes} on record, "
        f"{totals[Outcome.ADOPTED]} adopted, {totals[Outcome.FAILED]} failed for want of "
        f"votes, {totals[Outcome.VETOED]} vetoed; who vetoed what, and every vote."
    )


@require_safe
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if moved := lower_case_slug(request, slug):
        return moved
    topic = get_topic(slug)
    figures = topic_figures(topic, LISTED)
    per_year = figures.per_year
    # Every vote on the topic, as many as its kept figures count: no COUNT. Bounded
    # by the years they span, so that the table in date order is read from the
    # topic's first year, not through every earlier vote (a category in use
    # since 1994 sorted by date read 114,000 records before its first at 100x).
    votes = votes_on(topic)
    if per_year:
        votes = votes.filter(
            date__gte=dt.date(min(per_year), 1, 1), date__lte=dt.date(max(per_year), 12, 31)
        )
    table = ResolutionTable(votes.with_tallies(), spans=lambda: year_spans(per_year))
    RequestConfig(request, paginate={**PAGINATION, "count": figures.votes}).configure(table)
    return render(
        request,
        "resolutions/topic_detail.html",
        {
            "topic": topic,
            "heading": heading(topic),
            "description": description(topic, figures),
            "figures": figures,
            "totals": [
                (outcome, Outcome(outcome).label, figures.totals[outcome])
                for outcome in stats.OUTCOME_ORDER
            ],
            "outcomes": [(outcome, Outcome(outcome).label) for outcome in stats.OUTCOME_ORDER],
            "years": (min(per_year), max(per_year)) if per_year else None,
            "per_year": figure_rows(
                (
                    year,
                    [
                        *((Outcome(o).label, n) for o, n in counts.items()),
                        ("All", sum(counts.values())),
                    ],
                )
                for year, counts in per_year.items()
            ),
            "chart": charts.chart_spec(charts.outcomes_per_year_chart(per_year))
            if per_year
            else None,
            "vetoed": [vetoed_item(record) for record in figures.vetoed],
            "table": table,
            "topic_query": urlencode({"topic": topic.slug}),
            "vetoed_query": urlencode({"topic": topic.slug, "outcome": Outcome.VETOED}),
        },
    )
