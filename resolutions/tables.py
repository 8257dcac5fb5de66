"""The site's tables (django-tables2). Every cell reads what the view's queryset
already holds (prefetched vetoes, annotated counts): no query per row."""

from __future__ import annotations

import django_tables2 as tables
from django.core.paginator import Paginator
from django.utils.html import format_html, format_html_join

from .models import MemberState, Resolution, Vote
from .stats import POSITION_LABELS, merge_terms

TABLE_ATTRS = {"class": "data"}


class BoundedPaginator(Paginator):
    """Keeps `?per_page=` between 1 and 500, whatever the URL says."""

    def __init__(self, object_list, per_page, *args, **kwargs):
        super().__init__(object_list, min(max(int(per_page), 1), 500), *args, **kwargs)


def outcome_badge(value: str, label: str):
    return format_html('<span class="badge outcome-{}">{}</span>', value, label)


def position_badge(value: str):
    return format_html('<span class="badge pos-{}">{}</span>', value, POSITION_LABELS[value])


def symbols(resolution: Resolution):
    if resolution.resolution_symbol and resolution.draft_symbol:
        return format_html(
            '{}<br><span class="muted">draft {}</span>',
            resolution.resolution_symbol,
            resolution.draft_symbol,
        )
    return str(resolution)


class ResolutionTable(tables.Table):
    date = tables.DateColumn(format="Y-m-d")
    symbols = tables.Column(
        "Symbols",
        accessor="pk",
        linkify=True,
        order_by=("resolution_number", "draft_symbol"),
    )
    title = tables.Column()
    outcome = tables.Column()
    tally = tables.Column(
        "Tally (for-against-abstain)",
        accessor="votes_for",
        order_by=("votes_for", "votes_against"),
        empty_values=(),
    )
    vetoed_by = tables.Column("Vetoed by", accessor="pk", orderable=False)
    review_status = tables.Column("Review")

    class Meta:
        model = Resolution
        fields = ("date", "symbols", "title", "outcome", "tally", "vetoed_by", "review_status")
        attrs = TABLE_ATTRS
        template_name = "includes/table.html"
        per_page = 50
        empty_text = "No vote matches."

    def render_symbols(self, record: Resolution):
        return symbols(record)

    def render_title(self, record: Resolution):
        if not record.title:
            return format_html('<span class="muted">{}</span>', record.agenda_item or "—")
        return record.title

    def render_outcome(self, record: Resolution):
        return outcome_badge(record.outcome, record.get_outcome_display())

    def render_tally(self, record: Resolution):
        tally = record.tally
        return "not recorded" if tally is None else str(tally)

    def render_vetoed_by(self, record: Resolution):
        vetoes = getattr(record, "vetoes", [])
        if not vetoes:
            return ""
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((vote.member.get_absolute_url(), vote.member.short_name) for vote in vetoes),
        )

    def render_review_status(self, record: Resolution):
        if record.needs_review:
            return format_html('<span class="badge review">{}</span>', "Needs review")
        return "Checked"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


class MemberTable(tables.Table):
    """Members annotated by views.members_queryset (counts and shares)."""

    name = tables.Column("Member state", linkify=True)
    code = tables.Column("Code")
    terms = tables.Column("On the Council", accessor="pk", orderable=False)
    cast = tables.Column("Votes cast")
    share_for = tables.Column("For")
    share_against = tables.Column("Against (incl. vetoes)")
    share_abstain = tables.Column("Abstain")
    votes_non_voting = tables.Column("Did not vote")
    votes_veto = tables.Column("Vetoes cast")

    class Meta:
        model = MemberState
        fields = (
            "name",
            "code",
            "terms",
            "cast",
            "share_for",
            "share_against",
            "share_abstain",
            "votes_non_voting",
            "votes_veto",
        )
        attrs = TABLE_ATTRS
        template_name = "includes/table.html"
        empty_text = "No member state on record."

    def render_terms(self, record: MemberState):
        spans = merge_terms((t.start, t.end, t.permanent) for t in record.terms.all())
        return ", ".join(str(span) for span in spans)

    def render_share_for(self, value: float):
        return percent(value)

    def render_share_against(self, value: float):
        return percent(value)

    def render_share_abstain(self, value: float):
        return percent(value)


class MemberVoteTable(tables.Table):
    date = tables.DateColumn(format="Y-m-d", accessor="resolution__date")
    symbols = tables.Column(
        "Symbols",
        accessor="resolution",
        linkify=lambda record: record.resolution.get_absolute_url(),
        order_by=("resolution__resolution_number", "resolution__draft_symbol"),
    )
    title = tables.Column("Title", accessor="resolution__title")
    outcome = tables.Column("Outcome", accessor="resolution__outcome")
    position = tables.Column("Position")

    class Meta:
        model = Vote
        fields = ("date", "symbols", "title", "outcome", "position")
        attrs = TABLE_ATTRS
        template_name = "includes/table.html"
        per_page = 50
        order_by = "-date"
        empty_text = "No vote matches."

    def render_symbols(self, record: Vote):
        return symbols(record.resolution)

    def render_outcome(self, record: Vote):
        return outcome_badge(record.resolution.outcome, record.resolution.get_outcome_display())

    def render_position(self, record: Vote):
        return position_badge(record.position)
