"""The tables' rows, written in Python (resolutions/tables.py: Table.body_rows),
read as django-tables2's own loop over every cell writes them; the member menu,
written in Python (resolutions/filters.py: Menu), as Django's select does."""

from __future__ import annotations

import datetime as dt
import re

import django_tables2 as tables2
import pytest
from django import forms
from django.template import Context, Template
from django.test import RequestFactory
from factories import council, resolution

from resolutions.filters import MemberField, Menu
from resolutions.members import council_terms, members_queryset
from resolutions.models import MemberState, Resolution, Vote
from resolutions.rules import Outcome, Position
from resolutions.tables import (
    DayColumn,
    MemberTable,
    MemberVoteTable,
    ResolutionTable,
    Table,
    day_writer,
    grouped,
    record_items,
    symbols_link,
)

# The row block of templates/includes/table.html before the rows were written in
# Python: django-tables2's loop over the cells of each row (a row's attributes, its
# "even" or "odd" class, written only for a table giving rows attributes of its own).
CELL_BY_CELL = """{% extends "django_tables2/table.html" %}{% load l10n %}
{% block table.tbody.row %}
<tr{% if table.row_attrs %} {{ row.attrs.as_html }}{% endif %}>
  {% for column, cell in row.items %}
  <td {{ column.attrs.td.as_html }} data-label="{{ column.header }}">\
{% if column.localize == None %}{{ cell }}{% else %}{% if column.localize %}{{ cell|localize }}\
{% else %}{{ cell|unlocalize }}{% endif %}{% endif %}</td>
  {% endfor %}
</tr>
{% endblock table.tbody.row %}"""
SITE = '{% include "includes/table.html" %}'


def body(template: str, table) -> str:
    """The table's <tbody>, with the blanks between tags taken out."""
    request = RequestFactory().get("/")
    html = Template(template).render(Context({"table": table, "request": request}))
    tbody = re.search(r"<tbody[^>]*>(.*?)</tbody>", html, re.S).group(1)
    return re.sub(r">\s+<", "><", tbody).strip()


@pytest.fixture
def awkward_votes(db):
    """Votes whose cells take every path: a veto, no tally, adopted without a
    vote, no title but an agenda item, a title needing escapes, a review flag."""
    members = council("T")
    on = dt.date(2093, 3, 4)
    vetoed = resolution(
        on=on,
        draft_symbol="S/2093/1",
        title='Sanctions <"A & B">',
        positions={Position.VETO: members[:1], Position.FOR: members[1:]},
        review_status=Resolution.Review.NEEDS_REVIEW,
    )
    assert vetoed.outcome == Outcome.VETOED
    resolution(
        on=on,
        draft_symbol="S/2093/2",
        resolution_number=9301,
        title="",
        agenda_item="Item <i>",
        positions={Position.FOR: members},
    )
    resolution(on=on, draft_symbol="S/2093/3", positions={}, adopted_without_vote=True)
    no_tally = resolution(
        on=on, draft_symbol="S/2093/4", positions={}, outcome=Outcome.FAILED, votes_recorded=False
    )
    Resolution.objects.filter(pk=no_tally.pk).update(votes_for=None)
    resolution(
        on=on,
        draft_symbol="S/2093/5",
        positions={},
        outcome=Outcome.ADOPTED,
        resolution_number=9302,
        votes_recorded=False,
    )
    return members


def tables(members: list[MemberState]):
    """Each table twice (a table counts its rows as they are read, for their
    classes: one is read by each template)."""
    records = Resolution.objects.with_tallies()
    votes = Vote.objects.filter(member=members[0]).select_related("resolution")
    for _ in range(2):
        yield [
            ResolutionTable(records.filter(date__year=2093)),
            ResolutionTable(records[:60]),
            MemberTable(members_queryset(), order_by="name", terms=council_terms()),
            MemberVoteTable(votes),
        ]


@pytest.mark.django_db
def test_rows_read_as_the_cell_by_cell_template_writes_them(awkward_votes):
    site, cell_by_cell = tables(awkward_votes)
    for table, reference in zip(site, cell_by_cell, strict=True):
        written = body(SITE, table)
        assert written.count("<tr>") >= 2
        assert written == body(CELL_BY_CELL, reference), type(table).__name__


class RelationsTable(Table):
    """Columns whose cells take the other paths of cell_writer: a relation that is
    missing for most records, a related record as the value, a label of choices
    given to a render method, a day of a date and time."""

    successor_name = tables2.Column(accessor="successor__name")
    successor = tables2.Column()
    code = tables2.Column()

    class Meta:
        model = MemberState
        fields = ("successor_name", "successor", "code")
        template_name = "includes/table.html"


class LabelsTable(Table):
    outcome = tables2.Column()
    created = DayColumn()
    symbols = tables2.Column(accessor="pk")

    class Meta:
        model = Resolution
        fields = ("outcome", "created", "symbols")
        template_name = "includes/table.html"

    def render_outcome(self, value, record):
        return f"{value} ({record.outcome})"

    def render_symbols(self, record):
        return symbols_link(record)


@pytest.mark.django_db
def test_cells_of_relations_labels_and_times_read_as_the_template_writes_them(awkward_votes):
    later = MemberState.objects.create(code="ZZB", name="Later <&> state", short_name="Later")
    MemberState.objects.create(code="ZZA", name="Earlier", short_name="Earlier", successor=later)
    for make in (
        lambda: RelationsTable(MemberState.objects.select_related("successor").order_by("code")),
        lambda: LabelsTable(Resolution.objects.order_by("draft_symbol")),
    ):
        written = body(SITE, make())
        assert written.count("<tr>") >= 2
        assert written == body(CELL_BY_CELL, make())


# The header row of templates/includes/table.html before its cells were written in
# Python (templatetags/table_head.py).
HEAD_BY_TEMPLATE = """{% load django_tables2 %}<thead>
  <tr>
  {% for column in table.columns %}
    <th scope="col" {{ column.attrs.th.as_html }}{% if column.is_ordered %} \
aria-sort="{% if column.order_by_alias.is_descending %}descending{% else %}ascending{% endif %}"\
{% endif %}>
      {% if column.orderable %}
        <a href="{% querystring_replace \
table.prefixed_order_by_field=column.order_by_alias.next %}" \
title="Sort by {{ column.header|lower }}">{{ column.header }}</a>
      {% else %}
        {{ column.header }}
      {% endif %}
    </th>
  {% endfor %}
  </tr>
</thead>"""
HEAD = """{% load table_head %}<thead>
  <tr>
  {% head_cells table %}
  </tr>
</thead>"""


@pytest.mark.django_db
def test_header_cells_read_as_the_template_wrote_them(awkward_votes):
    from django_tables2 import RequestConfig

    queries = ["/", "/?sort=-date", "/?sort=title&q=a%20%3Cb%3E&member=CHN", "/?sort=x&page=2"]
    for query in queries:
        request = RequestFactory().get(query)
        for make in (
            lambda: ResolutionTable(Resolution.objects.with_tallies()),
            lambda: ResolutionTable(Resolution.objects.all(), orderable=False),
            lambda: MemberVoteTable(Vote.objects.select_related("resolution")),
            lambda: LabelsTable(Resolution.objects.all(), prefix="t-"),
        ):
            tables_ = []
            for _ in range(2):
                table = make()
                RequestConfig(request).configure(table)
                tables_.append(table)
            written, reference = (
                Template(template).render(Context({"table": table, "request": request}))
                for template, table in zip((HEAD, HEAD_BY_TEMPLATE), tables_, strict=True)
            )
            assert written.count("<th ") >= 3
            assert written == reference, query


@pytest.mark.django_db
def test_a_table_without_rows_says_so():
    table = ResolutionTable(Resolution.objects.none())
    assert body(SITE, table) == f'<tr><td colspan="7">{table.empty_text}</td></tr>'
    assert body(SITE, table) == body(CELL_BY_CELL, table)


# A member page's lists of votes before they were written in Python (record_items).
ITEM_BY_ITEM = """{% for resolution in records %}
  <li><time datetime="{{ resolution.date|date:'Y-m-d' }}">{{ resolution.date|date }}</time>: \
<a href="{{ resolution.get_absolute_url }}">{{ resolution }}</a>\
{% if resolution.title %}, {{ resolution.title }}{% endif %}\
{% if recorded_as %} (recorded as {{ resolution.get_outcome_display|lower }}){% endif %}\
{% if review and resolution.needs_review %} <a class="badge review" \
href="{{ resolution.get_absolute_url }}#review">Needs review</a>{% endif %}</li>
{% endfor %}"""


@pytest.mark.django_db
def test_lists_of_votes_read_as_the_template_wrote_them(awkward_votes):
    records = list(Resolution.objects.filter(date__year=2093).order_by("draft_symbol"))
    for recorded_as in (False, True):
        for review in (False, True):
            flags = {"recorded_as": recorded_as, "review": review}
            written = record_items(records, **flags)
            reference = Template(ITEM_BY_ITEM).render(Context({"records": records, **flags}))
            assert written.count("<li>") == len(records) == 5
            assert written.split("\n") == reference.strip().split("\n\n  "), flags
    assert "Sanctions &lt;&quot;A &amp; B&quot;&gt;" in record_items(records)


def test_a_day_reads_as_djangos_date_filter_writes_it():
    day_text = day_writer()
    day = dt.date(1, 1, 1)
    while day < dt.date(2200, 1, 1):
        assert day_text(day) == Template("{{ day|date }}").render(Context({"day": day}))
        day += dt.timedelta(days=97)
    assert day_text(dt.date(2017, 4, 12)) == "12 Apr 2017"


def test_a_number_reads_as_the_intcomma_filter_writes_it():
    template = Template("{% load humanize %}{{ value|intcomma }}")
    for value in (0, 7, -7, 999, 1000, -1000, 12345, 999_999, 1_234_567, -98_765_432, 10**12):
        assert grouped(value) == template.render(Context({"value": value})), value
    for value in (None, "1234", 12.5, "<b>"):
        assert grouped(value) == template.render(Context({"value": value})), value
    assert grouped(1234567) == "1,234,567"


@pytest.mark.django_db
def test_a_topics_address_is_the_one_reverse_gives(settings):
    from django.urls import reverse

    from resolutions.models import Topic

    Topic.objects.create(name="A topic", slug="a-topic_2", kind=Topic.Kind.TOPIC)
    for topic in Topic.objects.all():
        assert topic.get_absolute_url() == reverse("topic_detail", args=[topic.slug])


def test_the_menu_writes_what_djangos_select_writes():
    choices = [("", "Any"), ("A", "Alpha"), ("B", 'B <"&">'), ("A", "Alpha again"), ("3", "Three")]
    for value in (None, "", "A", "B", "3", "not a choice", 3):
        attrs = {"id": "id_x", "required": True, "class": "a b", "hidden": False}
        menu = Menu(choices=choices).render("x", value, attrs=dict(attrs))
        assert menu == forms.Select(choices=choices).render("x", value, attrs=dict(attrs))
        # One selected (None and "" pick the empty choice, "A" its first), or none.
        assert menu.count(" selected") == (value != "not a choice")


@pytest.mark.django_db
def test_the_member_menu_is_one_query_and_selects_the_member(django_assert_num_queries):
    field = MemberField(queryset=MemberState.objects.sat_on_council(), empty_label="Any member")
    code = MemberState.objects.sat_on_council().order_by("name").last().code
    with django_assert_num_queries(1):
        menu = field.widget.render("member", code)
    expected = forms.Select(choices=list(field.choices)).render("member", code)
    assert menu == expected
    # The choices read as two columns are those Django's iterator gives.
    django_choices = forms.models.ModelChoiceIterator(field)
    assert [(str(v), str(label)) for v, label in field.choices] == [
        (str(v), str(label)) for v, label in django_choices
    ]
    assert re.findall(r'<option value="(\w*)" selected>', menu) == [code]
