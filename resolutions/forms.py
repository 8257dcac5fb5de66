"""The forms of the pages that read votes together (/compare/, /agreement/):
every value in the query string, an invalid one a form error naming its field
(the CSV downloads answer 400 with the same message).

A period is a year, a range of dates (either end open) or a Council composition
(the days during which the members seated on a given day sat unchanged).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django import forms

from .filters import Menu

FIRST_YEAR, LAST_YEAR = 1946, 2100


@dataclass(frozen=True)
class Period:
    start: dt.date | None  # None: from the first vote
    end: dt.date | None  # None: to the latest vote
    label: str

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def query(self, prefix: str = "") -> dict[str, dt.date]:
        """Filter arguments selecting the votes of the period."""
        lookups = {}
        if self.start:
            lookups[f"{prefix}date__gte"] = self.start
        if self.end:
            lookups[f"{prefix}date__lte"] = self.end
        return lookups


def day_label(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def composition_span(day: dt.date, terms: Iterable[tuple[dt.date, dt.date | None]]) -> Period:
    """The period during which the Council seated on `day` sat unchanged: from the
    latest start to the earliest end of the terms held that day (an open term
    does not end it)."""
    terms = list(terms)
    start = max(start for start, _ in terms)
    ends = [end for _, end in terms if end is not None]
    end = min(ends) if ends else None
    until = day_label(end) if end else "today"
    return Period(start, end, f"the Council of {day_label(start)} to {until}")


def parse_codes(value: str) -> list[str]:
    """`usa, RUS,,chn` -> ['USA', 'RUS', 'CHN'] (order kept, repeats dropped)."""
    codes: list[str] = []
    for part in value.split(","):
        code = part.strip().upper()
        if code and code not in codes:
            codes.append(code)
    return codes


def date_field(label: str, **kwargs) -> forms.DateField:
    """An ISO date (a date picker where the browser has one)."""
    return forms.DateField(
        required=False, label=label, widget=forms.DateInput(attrs={"type": "date"}), **kwargs
    )


class PeriodFields(forms.Form):
    """A year, or a range of dates, or a Council composition: one of them."""

    year = forms.IntegerField(
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
    )
    date_after = date_field("From")
    date_before = date_field("To")
    council = date_field(
        "Council seated on",
        help_text="A day: the period during which that Council's members sat unchanged.",
    )

    def clean(self):
        data = super().clean()
        given = [
            kind
            for kind, names in (
                ("a year", ["year"]),
                ("a range of dates", ["date_after", "date_before"]),
                ("a Council composition", ["council"]),
            )
            if any(data.get(name) is not None for name in names)
        ]
        if len(given) > 1:
            raise forms.ValidationError(
                f"Give one period: {' or '.join(given)}, not both.", code="periods"
            )
        after, before = data.get("date_after"), data.get("date_before")
        if after and before and after > before:
            self.add_error("date_before", "The end of the range comes before its start.")
        return data

    def period(self, composition: Sequence[tuple[dt.date, dt.date | None]] = ()) -> Period | None:
        """The period asked for, or None when none was (the caller picks one).
        `composition`: the terms held on the `council` day, when one is given."""
        data = self.cleaned_data
        if data.get("year"):
            year = data["year"]
            return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))
        if data.get("council"):
            return composition_span(data["council"], composition)
        after, before = data.get("date_after"), data.get("date_before")
        if after or before:
            start = day_label(after) if after else "the first vote"
            end = day_label(before) if before else "the latest"
            return Period(after, before, f"{start} to {end}")
        return None


class CompareForm(forms.Form):
    """Two members (codes, in any case) and, optionally, a range of dates."""

    # Menus written in Python (filters.Menu): Django's template for each of some
    # 140 options of each was a third of the page's time.
    a = forms.ChoiceField(label="Member", widget=Menu)
    b = forms.ChoiceField(label="and member", widget=Menu)
    date_after = date_field("From")
    date_before = date_field("To")
    # The page of the splits listed (the page's links; not a field of its form).
    page = forms.IntegerField(
        label="Page of the splits", min_value=1, required=False, widget=forms.HiddenInput
    )

    def __init__(self, data, members: Sequence[tuple[str, str]]):
        if data is not None:
            data = data.copy()
            for name in ("a", "b"):
                if data.get(name):
                    data[name] = data[name].strip().upper()
        super().__init__(data)
        choices = [("", "Choose a member"), *members]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("a") and data.get("a") == data.get("b"):
            self.add_error("b", "Choose two different members.")
        after, before = data.get("date_after"), data.get("date_before")
        if after and before and after > before:
            self.add_error("date_before", "The end of the range comes before its start.")
        return data


class AgreementForm(PeriodFields):
    """A period and a set of members (codes joined by commas; empty: the
    members seated in the period)."""

    members = forms.CharField(
        required=False,
        label="Members (codes, comma-separated)",
        help_text="Empty: every member seated in the period.",
        widget=forms.TextInput(attrs={"size": 30, "placeholder": "CHN,FRA,GBR,RUS,USA"}),
    )

    def __init__(self, data, known: Iterable[str]):
        super().__init__(data)
        self.known = set(known)

    def clean_members(self) -> list[str]:
        codes = parse_codes(self.cleaned_data.get("members") or "")
        unknown = [code for code in codes if code not in self.known]
        if unknown:
            raise forms.ValidationError(
                f"Not a member state that sat on the Council: {', '.join(unknown)}.",
                code="unknown",
            )
        if len(codes) == 1:
            raise forms.ValidationError("Give at least two members, or none.", code="one")
        return codes
