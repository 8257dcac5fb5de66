"""The site's tables (django-tables2). Every cell reads what the view's queryset
already holds (prefetched vetoes, annotated counts): no query per row."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, cached_property, lru_cache, partial
from urllib.parse import quote

import django_tables2 as tables
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import F, Model, OrderBy, QuerySet
from django.template import Context
from django.template.base import render_value_in_context
from django.utils import dateformat
from django.utils.formats import date_format, get_format, localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django_tables2.data import TableQuerysetData
from django_tables2.utils import A, signature

from .models import MemberState, Resolution, SymbolOrder, Vote, address_writer, name_at_vote
from .stats import POSITION_LABELS, TermSpan

# "cards": on a phone each row becomes a card whose cells name their column.
TABLE_ATTRS = {"class": "data cards"}


class BoundedPaginator(Paginator):
    """Keeps `?per_page=` between 1 and 500, whatever the URL says. `count`: how
    many rows there are, when the caller knows it already (no COUNT query)."""

    def __init__(self, object_list, per_page, *args, count: int | None = None, **kwargs):
        super().__init__(object_list, min(max(int(per_page), 1), 500), *args, **kwargs)
        if count is not None:
            self.__dict__["count"] = count  # Paginator.count is a cached property


# The cells below are written with f-strings, each value escaped as Django's
# escape() does (html.escape): format_html and escape cost a few microseconds a
# call through their lazy-string wrappers, hundreds of times a page.
esc = html.escape


def text_html(value) -> str:
    """A value as a template writes it with autoescape: its own HTML if it has
    some (a SafeString), else its text escaped (conditional_escape)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return esc(str(value))


@lru_cache(maxsize=16)
def _day_writer(language: str | None, day_format: str):
    """A function writing a day as date_format does in the site's format, "j M Y"
    (votetracker/formats), with the language's month names read once; None for
    another format."""
    if day_format != "j M Y":
        return None
    months = [dateformat.format(dt.date(2000, month, 1), "M") for month in range(1, 13)]
    return lambda day: f"{day.day} {months[day.month - 1]} {day.year:04d}"


def day_writer() -> Callable[[dt.date], str]:
    """A function writing a day as the template filter `date` writes it (Django's
    date_format: "12 Apr 2017" in the site's format), the language and the format
    read once (a thread-local read each), not for every day of a list, nor the
    month's name through translation."""
    return _day_writer(get_language(), get_format("DATE_FORMAT")) or date_format


@cache
def _labels(model: type[Model], name: str) -> dict[str, str]:
    return {value: str(label) for value, label in model._meta.get_field(name).flatchoices}


def outcome_label(resolution: Resolution) -> str:
    """resolution.get_outcome_display(), without the dict of choices Django
    builds for every call."""
    return _labels(Resolution, "outcome").get(resolution.outcome, resolution.outcome)


# From how many rows in a page is read by the ids at its offset (ListRows).
DEEP_ROWS = 1000
IDS = frozenset(("pk", "id"))
# How many of a list's rows each day or year holds (filters.Span, in date order),
# asked when a page deep in it is read (within_days); None where not known.
SpansOf = Callable[[], Sequence | None]


def in_total_order(rows: QuerySet) -> QuerySet:
    """`rows` in their order (the model's when the query gives none), the rows
    that tie on it ordered by their id, in the direction of the order's first
    key: every row has one place, the same in each page's query. Rows that tie
    come back in an order of the database's choosing, which may differ from one
    query to the next (PostgreSQL's top-N sort does): a page's OFFSET would then
    show a row twice and another never. The lists' indexes end with the id in the
    same direction (migration 0026)."""
    if rows.query.is_sliced:
        return rows  # (ordered before its slice, as it is)
    order = list(rows.query.order_by)
    if not order and rows.query.default_ordering:
        order = list(rows.model._meta.ordering)
    keys = [order_key(key) for key in order]
    if any(isinstance(key.expression, F) and key.expression.name in IDS for key in keys):
        return rows
    descending = bool(keys) and keys[0].descending
    return rows.order_by(*keys, F("pk").desc() if descending else F("pk").asc())


def order_key(key: str | OrderBy | F) -> OrderBy:
    """A key of a queryset's order ("-date", F("date"), F("date").desc()) as an
    OrderBy."""
    if isinstance(key, str):
        return F(key[1:]).desc() if key.startswith("-") else F(key).asc()
    return key if isinstance(key, OrderBy) else key.asc()


def deep_slice(rows: QuerySet, start: int, stop: int) -> QuerySet:
    """rows[start:stop]; deep in the list (from DEEP_ROWS on), as `id IN (the ids
    of the rows at that offset, in the list's order)`: the database skips the rows
    before them in an index of the order alone, then reads the page's records
    only. The same rows in the same order as the plain OFFSET, for rows in a
    total order (in_total_order)."""
    if start < DEEP_ROWS or rows.query.is_sliced:
        return rows[start:stop]
    return rows.filter(pk__in=rows.values("pk")[start:stop])


class DeepPaginator(BoundedPaginator):
    """A Paginator of rows in a total order (in_total_order) whose pages deep in
    the list are read as a table's are (page_rows; `spans`: as ListRows's)."""

    def __init__(self, object_list, *args, spans: SpansOf | None = None, **kwargs):
        super().__init__(in_total_order(object_list), *args, **kwargs)
        self.spans = spans

    def page(self, number):
        # As Paginator.page, but for the slice.
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(page_rows(self.object_list, bottom, top, self.spans), number, self)


def within_days(rows: QuerySet, spans: Sequence, start: int, stop: int) -> QuerySet | None:
    """rows[start:stop] of `rows` in a total order led by their day, read between
    the days that hold them: `spans` (filters.Span: first day, last day, how
    many of the rows lie between them; in date order, apart) say which, and how
    many rows lie on the days before the first of them in the list's order (left
    out, and the offset made that much shorter). None when the order is not led
    by the day, or the rows end before `start`."""
    keys = [order_key(key) for key in rows.query.order_by]
    day = keys[0].expression if keys else None
    if not isinstance(day, F) or day.name.split("__")[-1] != "date":
        return None
    descending = keys[0].descending
    before, skipped, first, last = 0, 0, None, None
    for span in sorted(spans, key=lambda span: span.first, reverse=descending):
        if first is None and before + span.votes > start:
            first, skipped = span, before
        before += span.votes
        if first is not None and before >= stop:
            last = span
            break
    if first is None:
        return None
    if descending:
        bounds = {f"{day.name}__lte": first.last}
        if last is not None:
            bounds[f"{day.name}__gte"] = last.first
    else:
        bounds = {f"{day.name}__gte": first.first}
        if last is not None:
            bounds[f"{day.name}__lte"] = last.last
    return rows.filter(**bounds)[start - skipped : stop - skipped]


class ListRows(TableQuerysetData):
    """A table's rows, a page of them read in the list's total order
    (in_total_order: the same row never on two pages). A page deep in it (from
    DEEP_ROWS on) is read between the days that hold it, where the figures the
    database keeps count the rows of each day (`spans`, a callable giving
    filters.Span, set by the view: within_days), the offset then within those
    days; otherwise as `id IN (the ids of the rows at that offset, in the
    list's order)`: the database skips the rows before it in its index of the
    order alone (the id one of its columns: migration 0026), then reads the
    page's records only, rather than every record before them. The
    same rows in the same order as the plain OFFSET (at a hundred times the
    record, page 5,000 of the list: 150-230 ms against 20-30)."""

    spans: SpansOf | None = None

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step is not None:
            return super().__getitem__(key)
        return page_rows(in_total_order(self.data), key.start or 0, key.stop, self.spans)


def page_rows(rows: QuerySet, start: int, stop: int | None, spans: SpansOf | None) -> QuerySet:
    """rows[start:stop] of rows in a total order; deep in the list (from
    DEEP_ROWS on), read within the days that hold them where `spans` gives how
    many rows each day or year holds (within_days), else by the ids at the
    offset (deep_slice)."""
    if start >= DEEP_ROWS and spans is not None and stop is not None:
        held = spans()
        page = None if held is None else within_days(rows, held, start, stop)
        if page is not None:
            return page
    return deep_slice(rows, start, stop)


# The HTML below is marked safe as SafeString(...), which is what mark_safe does to
# a str, without its wrapper for lazy strings (a few function calls, for every cell).


@lru_cache(maxsize=64)
def outcome_badge(value: str, label: str) -> SafeString:
    return SafeString(f'<span class="badge outcome-{esc(value)}">{esc(label)}</span>')


@lru_cache(maxsize=64)
def position_badge(value: str) -> SafeString:
    label = esc(POSITION_LABELS[value])
    return SafeString(f'<span class="badge pos-{esc(value)}">{label}</span>')


def display_name(resolution: Resolution) -> str:
    """The vote's symbol; for a vote without one (often early vetoes), the meeting
    it was held at, so that two such votes on one day read apart in a list."""
    if resolution.symbol or not resolution.meeting:
        return str(resolution)
    return f"Vote at {resolution.meeting}"


def tally_text(resolution: Resolution) -> str:
    if resolution.adopted_without_vote:
        return "adopted without a vote"
    if resolution.tally is None:
        return "tally not on record"
    text = (
        f"{resolution.votes_for} for, {resolution.votes_against} against, "
        f"{resolution.votes_abstain} abstaining"
    )
    return (
        f"{text}, {resolution.votes_non_voting} not voting" if resolution.votes_non_voting else text
    )


def summary(resolution: Resolution, vetoed_by: list[str]) -> str:
    """Title, outcome, tally, vetoes (names given), meeting and review status, in
    a sentence or two: a feed entry's summary, a page's meta description."""
    parts = [f"{resolution.get_outcome_display()} ({tally_text(resolution)})"]
    if vetoed_by:
        parts.append("vetoed by " + ", ".join(sorted(vetoed_by)))
    if resolution.meeting:
        parts.append(f"meeting {resolution.meeting}")
    text = "; ".join(parts) + "."
    if resolution.title:
        text = f"{resolution.title}. {text}"
    if resolution.needs_review:
        text += " This record needs review."
    return text


UN_DOCUMENTS = "https://undocs.org/en/"


def document_url(symbol: str) -> str:
    """The UN's document address of a symbol (S/RES/2118 (2013) -> .../S/RES/2118(2013))."""
    return UN_DOCUMENTS + quote(symbol.replace(" (", "("), safe="/().")


def documents(resolution: Resolution) -> list[tuple[str, str, str]]:
    """(what, symbol, URL) of the vote's documents on record: the resolution, the
    draft and the meeting record (or the letter of a vote held in writing)."""
    found = [
        ("Resolution", resolution.resolution_symbol),
        ("Draft resolution", resolution.draft_symbol),
        ("Meeting record", resolution.meeting),
    ]
    return [(what, symbol, document_url(symbol)) for what, symbol in found if symbol]


def symbols(resolution: Resolution):
    """The vote's symbols as HTML: the resolution's, and its draft's beneath."""
    number, draft = resolution.resolution_symbol, resolution.draft_symbol
    if number and draft:
        return SafeString(f'{esc(number)}<br><span class="muted">draft {esc(draft)}</span>')
    return SafeString(esc(display_name(resolution)))


def symbols_link(resolution: Resolution, url: str | None = None):
    """The vote's symbols linked to its page (`url`: its address, when known)."""
    url = resolution.get_absolute_url() if url is None else url
    return SafeString(f'<a href="{esc(url)}">{symbols(resolution)}</a>')


def title_or_agenda(resolution: Resolution):
    """The title; where the record has none, its agenda item (greyed), else a dash."""
    if resolution.title:
        return resolution.title
    return SafeString(f'<span class="muted">{esc(resolution.agenda_item or "—")}</span>')


def tally_cell(resolution: Resolution):
    """The tally, saying so when the vote had none or only the tally is on record."""
    if resolution.adopted_without_vote:
        return WITHOUT_A_VOTE
    tally = resolution.tally
    if tally is None:
        return NOT_RECORDED
    if not resolution.votes_recorded:
        return SafeString(
            f'{esc(str(tally))}<br><span class="muted small">individual votes not recorded</span>'
        )
    return str(tally)


WITHOUT_A_VOTE = SafeString('<span class="muted">adopted without a vote</span>')
NOT_RECORDED = SafeString('<span class="muted">not recorded</span>')


def review_badge(resolution: Resolution):
    if resolution.needs_review:
        url = esc(resolution.get_absolute_url())
        return SafeString(f'<a class="badge review" href="{url}#review">Needs review</a>')
    return "Checked"


# What django-tables2 offers a cell's render method, by name (BoundRow._optional_cell_arguments).
CELL_ARGUMENTS = frozenset(("value", "record", "column", "bound_column", "bound_row", "table"))
GENERIC = object()
MISSING = object()
# Whether a text has a character that esc() replaces (a search in C: most cells' text
# has none, and esc is a call in Python).
needs_escape = re.compile("[&<>\"']").search


def attribute_reader(bound_column, labelled: bool = True):
    """For a column read by attribute names from model records (`title`, or across
    relations: `resolution__date`): a function (record -> value, or GENERIC where
    tables2's own reading must decide) that takes a field's label where it has
    choices (get_FOO_display on the last model), as tables2 does, with the field
    looked up once per model rather than for every cell. Not `labelled`: the
    stored value, where nothing but its emptiness is read (a label is empty where
    its value is)."""
    path = str(bound_column.accessor)
    if A.LEGACY_SEPARATOR in path or not path:
        return None
    if isinstance(bound_column.column, tables.ManyToManyColumn):
        return None  # (its emptiness is a query: tables2's own way)
    *through, name = path.split(A.SEPARATOR)
    if not all(through) or not name:
        return None
    labels: dict[type, str | None] = {}

    def label_method(model: type) -> str | None:
        if model not in labels:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            has_label = getattr(field, "choices", ()) and hasattr(model, f"get_{name}_display")
            labels[model] = f"get_{name}_display" if has_label else None
        return labels[model]

    def read(record):
        for step in through:
            if not isinstance(record, Model):
                return GENERIC
            try:
                record = getattr(record, step)
            except Exception:  # noqa: BLE001 (tables2's own reading decides what follows)
                return GENERIC
        if not isinstance(record, Model):
            return GENERIC
        if labelled and (method := label_method(type(record))):
            return getattr(record, method)()
        try:
            value = getattr(record, name)
        except Exception:  # noqa: BLE001 (as above)
            return GENERIC
        return GENERIC if callable(value) else value

    return read


def direct_attribute(
    bound_column, model: type[Model] | None, labelled: bool
) -> tuple[type, str | None, type, str] | None:
    """(model, step, owner, name) for a column read as the attribute `name` of its
    table's `model`'s records (accessor `title`), or of the record one relation
    `step` away (`resolution__date`: the `owner` model), whose stored value is
    what attribute_reader reads for a record of that model (not `labelled`, or a
    field without choices): written out in cell_writer, without a call of the
    reader for every cell. None for any other column."""
    path = str(bound_column.accessor)
    if model is None or A.LEGACY_SEPARATOR in path or not path:
        return None
    if isinstance(bound_column.column, tables.ManyToManyColumn):
        return None
    *through, name = path.split(A.SEPARATOR)
    if len(through) > 1 or not all(through) or not name:
        return None
    step, owner = None, model
    if through:
        try:
            relation = model._meta.get_field(through[0])
        except FieldDoesNotExist:
            return None
        if not (relation.many_to_one or relation.one_to_one) or relation.auto_created:
            return None  # (a forward relation only: one record, read by its descriptor)
        if relation.cache_name != through[0] or relation.name != through[0]:
            return None
        step, owner = through[0], relation.related_model
    if labelled:
        try:
            field = owner._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        if getattr(field, "choices", ()) and hasattr(owner, f"get_{name}_display"):
            return None
    return model, step, owner, name


def cell_writer(bound_column, model: type[Model] | None = None):
    """A function (row, its record -> the cell's HTML) doing what django-tables2 does for each
    cell (the accessor, choices' labels, empty values, the render method, the link,
    localization as its template does), but with the render method's signature read
    once per column, not for every cell (inspect.signature), and a plain attribute
    read directly (its label only where the render method or the link reads it;
    `model`: the table's, whose records' attributes are read without a call).
    A column with a `value_writer` (DayColumn) gives the function writing its
    values, made once for the table's rows. Written with few function calls for
    each cell: a list page writes hundreds of cells."""
    args, catch_all = signature(bound_column.render)
    wants = None if catch_all else tuple(args)
    callable_ = wants is None or CELL_ARGUMENTS.issuperset(wants)
    render, link, localized = bound_column.render, bound_column.link, bound_column.localize
    column = bound_column.column
    empty, default = column.empty_values, bound_column.default
    labelled = wants is None or "value" in wants or link
    read = attribute_reader(bound_column, labelled=labelled)
    direct = direct_attribute(bound_column, model, labelled) if read is not None else None
    model, step, owner, name = direct or (None, None, None, None)
    # An empty value is found by `in`, which compares a record with each (Model.__eq__,
    # a call each): a record with Django's __eq__ equals none that is not a record
    # unless it is one.
    records_empty = any(isinstance(e, Model) for e in empty)
    empty_ids = frozenset(id(e) for e in empty)

    def record_is_empty(value: Model) -> bool:
        if type(value).__eq__ is Model.__eq__ and not records_empty:
            return id(value) in empty_ids
        return value in empty

    context = Context()
    # A render method asking for the record alone (most here) is given it alone,
    # and a column's own render asking for the value alone, its value_writer's.
    record_only = wants == ("record",) and not link
    own_render = render == getattr(column, "render", None) and hasattr(column, "value_writer")
    write_value = column.value_writer() if own_render and wants == ("value",) and not link else None
    # A column of tables2's own render (the value as it is) and no link shows its
    # value: no call, nor the cell's arguments gathered (a members' list of 138
    # rows has 4 such columns).
    as_it_is = getattr(render, "__func__", None) is tables.Column.render and not link
    # A whole number as render_value_in_context writes it where digits are not
    # grouped (settings.USE_THOUSAND_SEPARATOR): as itself.
    plain_ints = not settings.USE_THOUSAND_SEPARATOR

    def call(row, column, value=None):
        given = row._optional_cell_arguments(column, value)
        if not callable_:
            content = None  # as tables2: a render method asking for more is not called
        else:
            content = render(**(given if wants is None else {a: given[a] for a in wants}))
        return link(content, **given) if link else content

    def write(row, record) -> str:
        if type(record) is not model:
            value = GENERIC if read is None else read(record)
        else:
            # attribute_reader's reading, written out (the reader itself where the
            # related record is missing or of another model than the field's).
            # The related record as its descriptor reads it once it is cached (Django's
            # FieldCacheMixin.get_cached_value), without a call of the descriptor.
            held = record if step is None else record._state.fields_cache.get(step, MISSING)
            try:
                if held is MISSING:
                    held = getattr(record, step)
            except Exception:  # noqa: BLE001 (tables2's own reading decides what follows)
                value = GENERIC
            else:
                if type(held) is not owner:
                    value = read(record)
                else:
                    try:
                        value = getattr(held, name)
                    except Exception:  # noqa: BLE001 (as above)
                        value = GENERIC
                    if callable(value):
                        value = GENERIC
        if value is GENERIC:
            cell = row._get_and_render_with(bound_column, partial(call, row), default)
        elif record_is_empty(value) if isinstance(value, Model) else value in empty:
            cell = default
        elif record_only:
            cell = render(record=record)
        elif write_value is not None:
            cell = write_value(value)
        elif as_it_is:
            cell = value
        else:
            cell = call(row, bound_column, value)
        if localized is None:
            # What render_value_in_context does to HTML (a SafeString: as it is),
            # to text (escaped) and to a whole number, without its steps for
            # dates and numbers.
            if isinstance(cell, SafeString):
                return cell
            if type(cell) is str:
                return esc(cell) if needs_escape(cell) else cell
            if type(cell) is int and plain_ints:
                return str(cell)
            return render_value_in_context(cell, context)
        return conditional_escape(localize(cell, use_l10n=localized))

    return write


class Table(tables.Table):
    """A django-tables2 table whose body rows are written here in Python
    (`body_rows`, used by templates/includes/table.html): the template's loop
    over every cell cost about a millisecond a row. The cells are tables2's own;
    the cells' attributes are each column's (computed once: no table here gives
    a per-record attribute)."""

    def __init__(self, data, *args, spans: SpansOf | None = None, **kwargs):
        """`spans`: how many of the rows lie on each day or year (ListRows)."""
        if TableQuerysetData.validate(data):
            data = ListRows(data)
            data.spans = spans
        super().__init__(data, *args, **kwargs)

    @cached_property
    def vote_address(self) -> Callable[[str], str]:
        """A vote's address by its slug (its get_absolute_url), for this table's rows."""
        return address_writer("resolution_detail")

    def body_rows(self) -> SafeString:
        columns = [
            (
                format_html('<td {} data-label="{}">', column.attrs["td"].as_html(), column.header),
                cell_writer(column, self._meta.model),
            )
            for column in self.columns
        ]
        rows = []
        for row in self.paginated_rows:
            record = row.record
            cells = []
            for td, write in columns:
                cells.append(f"{td}{write(row, record)}</td>")
            # tables2's "even"/"odd" class on each row, styled by nothing here, only
            # with attributes of a table's own (row_attrs).
            attrs = f" {row.attrs.as_html()}" if self.row_attrs else ""
            rows.append(f"<tr{attrs}>{''.join(cells)}</tr>")
        return SafeString("\n".join(rows))  # (every part escaped above)


def value_text(value) -> str:
    """A value as a template writes it (localized, escaped; HTML kept where marked
    safe); a whole number as itself unless thousands are grouped (settings)."""
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return conditional_escape(localize(value))


def grouped(value) -> str:
    """A number as the template filter intcomma writes it ("12,345" in the site's
    locale), escaped; a whole number written directly where the locale groups
    digits by three (intcomma reads the locale's formats for every number)."""
    if type(value) is int and get_format("NUMBER_GROUPING") == 3:
        return esc(f"{value:,}".replace(",", get_format("THOUSAND_SEPARATOR")))
    return conditional_escape(intcomma(value))


def figure_rows(
    rows: Iterable[tuple[object, Iterable[tuple[str, object]]]], cell_class: str = ""
) -> SafeString:
    """The body of a table of figures (a member's votes per year and position, say):
    per row its header cell, then a cell per (column label, value), each naming its
    column for a phone's cards (site.css: table.cards). Values are escaped as a
    template would (value_text). For a table of class "numbers", whose cells
    site.css aligns right (no class on each cell), or each cell of `cell_class`.
    Written here, not by a template's loop over every cell (80 years of 7
    figures: 7 ms)."""

    # A column's label is escaped once.
    opening: dict[str, str] = {}
    attribute = f' class="{esc(cell_class)}"' if cell_class else ""

    def cell(label: str, value) -> str:
        if label not in opening:
            opening[label] = f'<td{attribute} data-label="{conditional_escape(label)}">'
        return f"{opening[label]}{value_text(value)}</td>"

    lines = (
        f'<tr><th scope="row">{value_text(name)}</th>'
        + "".join(cell(label, value) for label, value in cells)
        + "</tr>"
        for name, cells in rows
    )
    return mark_safe("\n".join(lines))  # noqa: S308 (every part escaped)


def record_items(
    records: Iterable[Resolution], *, recorded_as: bool = False, review: bool = True
) -> SafeString:
    """A list's items (<li>), one per vote, as a template's loop would write them:
    its day, its name linked to its page, its title; `recorded_as`: the outcome it
    is recorded with; `review`: a link to its review where it needs one. Written
    here, not by a template's loop (50 votes each of a member page's lists)."""
    items = []
    day = day_writer()
    for record in records:
        url = esc(record.get_absolute_url())
        text = f'<li><time datetime="{record.date.isoformat()}">{esc(day(record.date))}</time>'
        text += f': <a href="{url}">{esc(str(record))}</a>'
        if record.title:
            text += f", {esc(record.title)}"
        if recorded_as:
            text += f" (recorded as {esc(outcome_label(record).lower())})"
        if review and record.needs_review:
            text += f' <a class="badge review" href="{url}#review">Needs review</a>'
        items.append(f"{text}</li>")
    return mark_safe("\n".join(items))  # noqa: S308 (every part escaped)


class DayColumn(tables.Column):
    """A date in the site's format ("12 Apr 2017", votetracker/formats), written in
    Python (django-tables2's DateColumn compiles its cell template again for every
    row)."""

    def render(self, value) -> str:
        return self.value_writer()(value)

    def value_writer(self) -> Callable[[dt.date], str]:
        """render() as a function, the site's format read once (cell_writer)."""
        write = day_writer()
        return lambda value: write(value) if type(value) is dt.date else date_format(value)


NOWRAP = {"td": {"class": "nowrap"}}
NUMBER = {"td": {"class": "num"}, "th": {"class": "num"}}
TEXT = {"td": {"class": "text"}}


class ResolutionTable(Table):
    # By day, then as the list is ordered by default (its index: migration 0026).
    date = DayColumn(attrs=NOWRAP, order_by=("date", "resolution_number", "draft_symbol"))
    symbols = tables.Column(
        "Symbols", accessor="pk", order_by=("resolution_number", "draft_symbol"), attrs=NOWRAP
    )
    title = tables.Column(empty_values=(), attrs=TEXT)
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

    def order_symbols(self, queryset, is_descending: bool):
        # By number then draft symbol, as the database sorts a missing number,
        # in the order its index holds (models.SymbolOrder).
        keys = (SymbolOrder(), F("draft_symbol"))
        return queryset.order_by(*(k.desc() if is_descending else k.asc() for k in keys)), True

    def render_symbols(self, record: Resolution):
        # The link written here rather than by linkify=True (tables2 builds its
        # attributes anew for every cell).
        return symbols_link(record, self.vote_address(record.slug))

    def render_title(self, record: Resolution):
        return title_or_agenda(record)

    def render_outcome(self, record: Resolution):
        return outcome_badge(record.outcome, outcome_label(record))

    def render_tally(self, record: Resolution):
        return tally_cell(record)

    def render_vetoed_by(self, record: Resolution):
        vetoes = getattr(record, "vetoes", [])
        if not vetoes:
            return ""
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (
                    vote.member.get_absolute_url(),
                    name_at_vote(vote.member_id, vote.member.short_name, record.date),
                )
                for vote in vetoes
            ),
        )

    def render_review_status(self, record: Resolution):
        return review_badge(record)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


class MemberTable(Table):
    """Members annotated by members.members_queryset (counts and shares), with
    their terms (`terms`: members.council_terms())."""

    name = tables.Column("Member state")
    code = tables.Column("Code")
    terms = tables.Column("On the Council", accessor="pk", orderable=False)
    # Over records whose individual votes are all on record (members.members_queryset).
    cast = tables.Column("Votes cast", attrs=NUMBER)
    share_for = tables.Column("For", attrs=NUMBER)
    share_against = tables.Column("Against (incl. vetoes)", attrs=NUMBER)
    share_abstain = tables.Column("Abstain", attrs=NUMBER)
    votes_non_voting = tables.Column("Did not vote", attrs=NUMBER)
    votes_veto = tables.Column("Vetoes cast", attrs=NUMBER)

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

    def __init__(self, *args, terms: Mapping[str, list[TermSpan]], **kwargs):
        super().__init__(*args, **kwargs)
        self.terms = terms

    def render_name(self, record: MemberState, value: str):
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), value)

    def render_terms(self, record: MemberState):
        return ", ".join(str(span) for span in self.terms.get(record.code, []))

    def render_share_for(self, value: float):
        return percent(value)

    def render_share_against(self, value: float):
        return percent(value)

    def render_share_abstain(self, value: float):
        return percent(value)


class MemberVoteTable(Table):
    date = DayColumn(
        accessor="resolution__date",
        attrs=NOWRAP,
        order_by=("resolution__date", "resolution__resolution_number", "resolution__draft_symbol"),
    )
    symbols = tables.Column(
        "Symbols",
        accessor="resolution",
        order_by=("resolution__resolution_number", "resolution__draft_symbol"),
        attrs=NOWRAP,
    )
    title = tables.Column("Title", accessor="resolution__title", empty_values=(), attrs=TEXT)
    outcome = tables.Column("Outcome", accessor="resolution__outcome")
    position = tables.Column("Position")
    review_status = tables.Column("Review", accessor="resolution__review_status")

    class Meta:
        model = Vote
        fields = ("date", "symbols", "title", "outcome", "position", "review_status")
        attrs = TABLE_ATTRS
        template_name = "includes/table.html"
        per_page = 50
        order_by = "-date"
        empty_text = "No vote matches."

    def render_symbols(self, record: Vote):
        # The link written here rather than by linkify=True (as ResolutionTable's).
        resolution = record.resolution
        return symbols_link(resolution, self.vote_address(resolution.slug))

    def render_title(self, record: Vote):
        return title_or_agenda(record.resolution)

    def render_review_status(self, record: Vote):
        return review_badge(record.resolution)

    def render_outcome(self, record: Vote):
        resolution = record.resolution
        return outcome_badge(resolution.outcome, outcome_label(resolution))

    def render_position(self, record: Vote):
        return position_badge(record.position)
