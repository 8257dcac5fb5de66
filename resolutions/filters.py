"""Filters for the lists of votes. Every value sits in the URL's query string, so a
filtered view can be shared, and the CSV/JSON exports take the same parameters.

An invalid value is a form error shown on the page; the list then shows nothing
rather than rows the reader did not ask for (see views.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Aggregate, Count, Exists, OuterRef, Q, QuerySet, Sum, Value
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from .kept import DayBallot, DayRecords, DayTallyOnly, MemberYear, TopicDay
from .models import MemberState, Resolution, Topic, Vote, VoteQuerySet
from .rules import Outcome, Position
from .search import MAX_TEXT_QUERY, Found, found, text_query
from .tables import esc, text_html

POSITION_CHOICES = [
    (Position.FOR, "voted for"),
    (Position.AGAINST, "voted against (not a veto)"),
    (Position.VETO, "vetoed"),
    (Position.ABSTAIN, "abstained"),
    (Position.NON_VOTING, "did not vote"),
]


class YearFilter(django_filters.Filter):
    """A whole year; a text box (not type=number) so that an invalid value stays
    visible beside its error."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "size": 6}))
        super().__init__(*args, **kwargs)


def html_attrs(attrs: dict) -> str:
    """Attributes as Django's django/forms/widgets/attrs.html writes them."""
    return "".join(
        f" {escape(name)}" if value is True else format_html(' {}="{}"', name, str(value))
        for name, value in attrs.items()
        if value is not False
    )


class Menu(forms.Select):
    """A select written in Python, as Django's select.html and select_option.html
    would write it (those include a template for every option: a few
    milliseconds for the member menu's 138 on every list page)."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(iter(self.choices))  # (not len(): a model field's counts them by a query)
        if any(isinstance(label, (list, tuple)) for _, label in choices):
            return super().render(name, value, attrs, renderer)  # groups: Django's own
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        chosen = {str(v) for v in self.format_value(value)}
        parts = [format_html('<select name="{}"', name), html_attrs(attrs), ">"]
        has_selected = False
        for option, label in choices:
            option = "" if option is None else str(option)
            # As ChoiceWidget.optgroups: only the first match of a single choice.
            selected = (not has_selected or self.allow_multiple_selected) and option in chosen
            has_selected |= selected
            # format_html's escapes, written directly (138 options in the member menu).
            mark = " selected" if selected else ""
            parts.append(f'\n  <option value="{esc(option)}"{mark}>{text_html(label)}</option>\n')
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every part escaped above)


class MemberChoices(forms.models.ModelChoiceIterator):
    """The member menu's choices, (code, name), read as two columns rather than as
    a member state each (138 on every list page): the values and labels
    ModelChoiceIterator gives with MemberField's label_from_instance."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name")


class MemberField(forms.ModelChoiceField):
    """A member state by its code, in either case (`rus` or `RUS`)."""

    widget = Menu
    iterator = MemberChoices

    def to_python(self, value):
        return super().to_python(value.strip().upper() if isinstance(value, str) else value)

    def label_from_instance(self, obj: MemberState) -> str:
        return obj.name


class MemberFilter(django_filters.ModelChoiceFilter):
    field_class = MemberField


def sat_on_council() -> QuerySet[MemberState]:
    return MemberState.objects.sat_on_council()


def date_widget() -> django_filters.widgets.RangeWidget:
    return django_filters.widgets.DateRangeWidget(attrs={"type": "date"})


class ResolutionFilter(django_filters.FilterSet):
    year = YearFilter(
        field_name="date", lookup_expr="year", label="Year", min_value=1945, max_value=2100
    )
    date = django_filters.DateFromToRangeFilter(label="Date from / to", widget=date_widget())
    outcome = django_filters.ChoiceFilter(
        widget=Menu, choices=Outcome.choices, empty_label="Any outcome"
    )
    q = django_filters.CharFilter(
        method="filter_text",
        label="Words, topic, place, symbol or number",
        max_length=MAX_TEXT_QUERY,
    )
    procedural = django_filters.ChoiceFilter(
        widget=Menu,
        choices=[("yes", "Procedural only"), ("no", "Substantive only")],
        method="filter_procedural",
        empty_label="Procedural or not",
        label="Procedural",
    )
    member = MemberFilter(
        queryset=sat_on_council(),
        method="filter_together",
        empty_label="Any member",
        label="Member",
    )
    position = django_filters.ChoiceFilter(
        widget=Menu,
        choices=POSITION_CHOICES,
        method="filter_together",
        empty_label="Any position",
        label="Position",
    )
    review_status = django_filters.ChoiceFilter(
        widget=Menu,
        choices=Resolution.Review.choices,
        empty_label="Any review status",
        label="Review",
    )
    topic = django_filters.CharFilter(
        method="filter_topic", label="Topic (its address, as /topics/<topic>/)"
    )

    class Meta:
        model = Resolution
        fields: list[str] = []

    def __init__(
        self, data=None, *args, topic: Topic | None = None, count_text: bool = False, **kwargs
    ):
        """`topic`: the topic the `topic` filter names, read already (with its
        kept counts and days, Topic.objects.with_counts()) by a caller that shows
        it: the filter then gives the database its id and the days of its first
        and latest vote, rather than a subquery of its slug (see filter_topic).
        `count_text`: for a list that counts its rows (kept_count), the search
        text alone is counted as its ids are read (search.found), once."""
        # A member code in any case (`member=chn`) is shown selected in the form,
        # not only applied: the menu's values are upper case.
        if data is not None and data.get("member"):
            data = data.copy()
            data["member"] = data["member"].strip().upper()
        self.topic = topic
        self.count_text = count_text
        self.found: Found | None = None
        super().__init__(data, *args, **kwargs)

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value.strip():
            return queryset
        if self.count_text and self.used() == {"q"}:
            self.found = found(value)
            return queryset.filter(self.found.condition)
        return queryset.filter(text_query(value))

    def used(self) -> set[str]:
        """The filters given a value (a valid form's)."""
        return given(self.form.cleaned_data)

    def named_topic(self, value: str) -> Topic | None:
        """The topic read by the caller, if it is the one `value` names."""
        topic = self.topic
        return topic if topic is not None and topic.slug == value.strip().lower() else None

    def filter_topic(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """The votes on a topic, region or category, by its slug (/topics/<slug>/).

        The topic read already is named by its id, and its votes bounded by the
        days of its first and latest (kept.TopicDay: a condition every vote on
        it meets). The database then plans for that topic's votes, not an
        average topic's, and reads the list in date order from the topic's
        latest vote, not through every later vote (at 100x, the votes on a topic
        last voted on in 2011 read 91,000 records for a page)."""
        topic = self.named_topic(value)
        if topic is None:
            return queryset.filter(Resolution.on_topic(value))
        queryset = queryset.filter(Resolution.on_topic(topic))
        if topic.first_date is not None:
            queryset = queryset.filter(date__gte=topic.first_date, date__lte=topic.last_date)
        return queryset

    def kept_rows(self) -> list[KeptRows] | None:
        """The rows of the figures the database keeps that count the votes the
        filters find (as many rows whatever the record's size), when those count
        them: a topic's days (kept.TopicDay) for the topic filter alone or with
        outcome, year and dates; a member's years (kept.MemberYear: one vote per
        member per draft) for the member filter alone or with position, year and
        review status; the days' ballots (position_rows) for a position stored
        as it is counted, alone or with year and dates; the days' records
        (record_rows) for the whole record, or its outcome, year, dates, review
        status and a position of veto or against; the kept texts (kept.RecordText,
        with their days) of the search text alone past search.FOUND_AT_ONCE
        (search.Found.texts, read as the list is filtered). None otherwise, or
        for an invalid filter."""
        if not self.is_bound:
            return record_rows({})
        if not self.is_valid():
            return None
        if self.form.cleaned_data.get("q"):
            texts = None if self.found is None else self.found.texts
            return None if texts is None else [KeptRows(texts, Count("pk"))]
        data = self.form.cleaned_data
        used = self.used()
        topic = self.named_topic(data.get("topic") or "")
        if topic is not None and used <= {"topic", "outcome", "year", "date"}:
            return topic_rows(topic, data)
        if data.get("member") and used <= {"member", "position", "year", "review_status"}:
            return member_rows(data)
        if data.get("position") in STORED_AS_COUNTED and used <= {"position", "year", "date"}:
            return position_rows(data)
        if data.get("position") in ("", None, *COUNTED_BY_RECORD) and used <= {
            "position",
            "outcome",
            "year",
            "date",
            "review_status",
        }:
            return record_rows(data)
        return None

    def kept_count(self) -> int | None:
        """How many votes the filters find, from the figures the database keeps
        when those count them (kept_rows: one query), or the search text alone,
        counted as its ids were read (`count_text`). None otherwise, or for an
        invalid filter: the list then counts its rows."""
        if self.is_bound and self.is_valid() and self.found is not None:
            return self.found.count
        rows = self.kept_rows()
        return None if rows is None else counted(rows)

    def kept_spans(self) -> list[Span] | None:
        """The votes the filters find on each day (or year) that holds some, in
        date order, from the figures the database keeps when those count them
        (kept_rows: one query, when asked), for a page deep in the list read
        between the days that hold it (tables.ListRows).
        None otherwise, and for the whole record, whose deep pages the index of
        the list's order skips to by itself (tables.deep_slice)."""
        if not self.is_bound or (self.is_valid() and not self.used()):
            return None
        rows = self.kept_rows()
        return None if rows is None else spans(rows)

    def filter_procedural(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(procedural=value == "yes")

    def filter_together(self, queryset: QuerySet, name: str, value) -> QuerySet:
        # Member and position make one condition ("where China abstained"):
        # applied together in filter_queryset.
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        member = self.form.cleaned_data.get("member")
        position = self.form.cleaned_data.get("position")
        if not member and not position:
            return queryset
        votes = Vote.objects.filter(resolution=OuterRef("pk"))
        if member:
            votes = votes.filter(member=member)
        if position:
            # As every page counts it: a "veto" on a draft recorded as adopted or
            # failed (flagged) is found as a vote against, not as a veto.
            # (The record's outcome read from the record listed, not by a join.)
            votes = votes.filter(VoteQuerySet.counted_as(position, outcome=OuterRef("outcome")))
        return queryset.filter(Exists(votes))


class MemberVoteFilter(django_filters.FilterSet):
    """A member's voting record (a queryset of its Votes)."""

    year = YearFilter(
        field_name="resolution__date",
        lookup_expr="year",
        label="Year",
        min_value=1945,
        max_value=2100,
    )
    date = django_filters.DateFromToRangeFilter(
        field_name="resolution__date", label="Date from / to", widget=date_widget()
    )
    outcome = django_filters.ChoiceFilter(
        widget=Menu,
        field_name="resolution__outcome",
        choices=Outcome.choices,
        empty_label="Any outcome",
    )
    position = django_filters.ChoiceFilter(
        widget=Menu,
        choices=POSITION_CHOICES,
        method="filter_position",
        empty_label="Any position",
        label="Position",
    )
    q = django_filters.CharFilter(
        method="filter_text",
        label="Words, topic, place, symbol or number",
        max_length=MAX_TEXT_QUERY,
    )

    class Meta:
        model = Vote
        fields: list[str] = []

    def filter_position(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # As every page counts it (VoteQuerySet.counted_as).
        return queryset.filter(VoteQuerySet.counted_as(value))

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(text_query(value, "resolution__")) if value.strip() else queryset


def given(values: Mapping) -> set[str]:
    """The fields of a valid filter form given a value (its cleaned_data): a
    range of dates with neither end is none."""
    data = dict(values)
    dates = data.get("date")
    if dates is not None and dates.start is None and dates.stop is None:
        data["date"] = None
    return {name for name, value in data.items() if value not in (None, "")}


@dataclass(frozen=True)
class KeptRows:
    """Rows of a figure the database keeps, each counting `votes` (an aggregate
    over them) on its `day` (a date field, or "year")."""

    rows: QuerySet
    votes: Aggregate
    day: str = "date"


@dataclass(frozen=True)
class Span:
    """`votes` found between two days (a day, or a year's first and last)."""

    first: dt.date
    last: dt.date
    votes: int


def counted(parts: list[KeptRows]) -> int:
    """How many votes the kept rows count (one query: a UNION of their sums)."""
    sums = [one_sum(part.rows, part.votes) for part in parts]
    rows = sums[0].union(*sums[1:], all=True) if len(sums) > 1 else sums[0]
    return sum(votes or 0 for (votes,) in rows)


def spans(parts: list[KeptRows]) -> list[Span]:
    """The votes the kept rows count on each day (or year) that holds some, in
    date order (one query: a UNION of their sums by day)."""
    per_day = [
        part.rows.order_by()
        .values_list(part.day)
        .annotate(votes=part.votes)
        .values_list(part.day, "votes")
        for part in parts
    ]
    rows = per_day[0].union(*per_day[1:], all=True) if len(per_day) > 1 else per_day[0]
    summed: dict[dt.date | int, int] = {}
    for day, votes in rows:
        summed[day] = summed.get(day, 0) + (votes or 0)
    found = []
    for day, votes in sorted(summed.items()):
        if not votes:
            continue
        if isinstance(day, int):  # a year
            found.append(Span(dt.date(day, 1, 1), dt.date(day, 12, 31), votes))
        else:
            found.append(Span(day, day, votes))
    return found


def year_spans(per_year: Mapping[int, Mapping[str, int]]) -> list[Span]:
    """The votes of each year, from figures per year counted by position or
    outcome (a member's, a topic's: each vote counted once)."""
    votes = {year: sum(counts.values()) for year, counts in per_year.items()}
    return [
        Span(dt.date(year, 1, 1), dt.date(year, 12, 31), votes[year])
        for year in sorted(votes)
        if votes[year]
    ]


def topic_rows(topic: Topic, data: dict) -> list[KeptRows]:
    """The votes on `topic` with the outcome, year and dates in `data`."""
    days = TopicDay.objects.filter(topic=topic)
    if data.get("outcome"):
        days = days.filter(outcome=data["outcome"])
    return [KeptRows(in_dates(days, data), Sum("votes"))]


def member_rows(data: dict) -> list[KeptRows]:
    """The votes at which `data`'s member voted, with its position (counted as
    every page counts it, as MemberYear keeps it), year and review status."""
    years = MemberYear.objects.filter(member=data["member"])
    if data.get("position"):
        years = years.filter(position=data["position"])
    if data.get("year") is not None:
        years = years.filter(year=data["year"])
    if data.get("review_status"):
        years = years.filter(flagged=data["review_status"] == Resolution.Review.NEEDS_REVIEW)
    return [KeptRows(years, Sum("votes"), day="year")]


# The positions whose votes are counted as they are stored (VoteQuerySet.counted_as:
# a veto counts as a vote against on a draft not recorded as vetoed).
STORED_AS_COUNTED = {Position.FOR, Position.ABSTAIN, Position.NON_VOTING}


def in_dates(queryset: QuerySet, data: dict, field: str = "date") -> QuerySet:
    """`queryset` within `data`'s year and dates."""
    if data.get("year") is not None:
        queryset = queryset.filter(**{f"{field}__year": data["year"]})
    if data.get("date") is not None and data["date"].start is not None:
        queryset = queryset.filter(**{f"{field}__gte": data["date"].start})
    if data.get("date") is not None and data["date"].stop is not None:
        queryset = queryset.filter(**{f"{field}__lte": data["date"].stop})
    return queryset


def position_rows(data: dict) -> list[KeptRows]:
    """The votes at which a member's position was `data`'s (one of
    STORED_AS_COUNTED), in its year and dates, from the positions each day's
    records keep (kept.DayBallot for recorded votes, kept.DayTallyOnly for
    tally-only ones: a row per set of positions, as many whatever the record's
    size), and the records neither keeps (not recorded, adopted without a vote)
    read through their own index."""
    position = data["position"]
    held = Q(ballot__contains=f"={position};") | Q(ballot__endswith=f"={position}")
    votes = Vote.objects.filter(resolution=OuterRef("pk"), position=position)
    neither = Resolution.objects.filter(votes_recorded=False, adopted_without_vote=True).filter(
        Exists(votes)
    )
    return [
        KeptRows(in_dates(DayBallot.objects.filter(held, times__gt=0), data), Sum("times")),
        KeptRows(in_dates(DayTallyOnly.objects.filter(held, times__gt=0), data), Sum("times")),
        KeptRows(in_dates(neither, data), Count("pk")),
    ]


# The positions a record's kept days count it by (kept.DayRecords: whether its
# positions hold a veto or a vote against, and its outcome).
COUNTED_BY_RECORD = {Position.VETO, Position.AGAINST}


def record_rows(data: dict) -> list[KeptRows]:
    """The records with `data`'s outcome, year, dates, review status and a vote
    counted as its position (veto or against, as VoteQuerySet.counted_as counts
    them: a veto on a draft not recorded as vetoed is a vote against), from the
    days' records (kept.DayRecords: as many rows whatever the record's size)."""
    days = in_dates(DayRecords.objects.filter(records__gt=0), data)
    if data.get("outcome"):
        days = days.filter(outcome=data["outcome"])
    if data.get("review_status"):
        days = days.filter(flagged=data["review_status"] == Resolution.Review.NEEDS_REVIEW)
    vetoed = Q(outcome=Outcome.VETOED)
    if data.get("position") == Position.VETO:
        days = days.filter(vetoed, veto=True)
    elif data.get("position") == Position.AGAINST:
        days = days.filter(Q(against=True) | Q(veto=True) & ~vetoed)
    return [KeptRows(days, Sum("records"))]


def one_sum(queryset: QuerySet, total) -> QuerySet:
    """A query of one row: `total` over `queryset` (to be joined in a UNION)."""
    return queryset.order_by().values(one=Value(1)).annotate(votes=total).values_list("votes")
