"""`{{ spec|chart_json:"element-id" }}`: a chart's figure as a JSON data block, as
Django's json_script writes it (the same escapes of <, > and &), but compact (no
space after `,` and `:`): a chart's data is most of its page's bytes, and pages
with a form are sent uncompressed (votetracker/compression.py)."""

from __future__ import annotations

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# As django.utils.html's json_script: the data cannot close its <script> element.
ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def chart_json(value: object, element_id: str) -> SafeString:
    text = json.dumps(value, cls=DjangoJSONEncoder, separators=(",", ":")).translate(ESCAPES)
    return format_html(
        '<script id="{}" type="application/json">{}</script>',
        element_id,
        mark_safe(text),  # noqa: S308
    )
