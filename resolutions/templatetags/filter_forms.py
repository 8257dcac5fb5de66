"""`{{ form|active_filters }}`: how many of a filter form's fields the URL sets, for
the summary of the folded filter form (includes/filters.html)."""

from __future__ import annotations

from django import forms, template

register = template.Library()


@register.filter
def active_filters(form: forms.Form) -> int:
    """Fields given a non-empty value (a range counts once, whichever end is set)."""
    if not form.is_bound:
        return 0
    count = 0
    for name, field in form.fields.items():
        widget = field.widget
        keys = (
            [f"{name}_{suffix}" if suffix else name for suffix in getattr(widget, "suffixes", ())]
            if isinstance(widget, forms.MultiWidget)
            else [name]
        )
        count += any(str(value).strip() for key in keys for value in form.data.getlist(key))
    return count
