"""`{% head_cells table %}`: the header cells of a table (templates/includes/table.html),
written in Python as that template's loop over the columns wrote them, with the
sort links django-tables2's querystring_replace writes (a copy of the request's
query and its encoding for every column: a list page has seven)."""

from __future__ import annotations

from django import template
from django.core.exceptions import ImproperlyConfigured
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString

from resolutions.tables import text_html

register = template.Library()


def lower_html(header) -> str:
    """{{ header|lower }}: Django's lower keeps HTML marked safe as it is."""
    if hasattr(header, "__html__"):
        return str(header).lower()
    return escape(str(header).lower())


@register.simple_tag(takes_context=True)
def head_cells(context, table) -> SafeString:
    if "request" not in context:
        raise ImproperlyConfigured("head_cells needs the request in the template's context")
    query = dict(context["request"].GET)
    field = table.prefixed_order_by_field
    parts = []
    for column in table.columns:
        sort = ""
        if column.is_ordered:
            way = "descending" if column.order_by_alias.is_descending else "ascending"
            sort = f' aria-sort="{way}"'
        header = text_html(column.header)
        if column.orderable:
            params = dict(query)
            if field not in ("", None):
                params[field] = column.order_by_alias.next
            href = escape("?" + urlencode(params, doseq=True))
            title = lower_html(column.header)
            inner = f'<a href="{href}" title="Sort by {title}">{header}</a>'
        else:
            inner = header
        parts.append(
            f'\n    <th scope="col" {column.attrs["th"].as_html()}{sort}>\n      '
            f"\n        {inner}\n      \n    </th>\n  "
        )
    return SafeString("".join(parts))  # (every part escaped above)
