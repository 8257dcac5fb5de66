"""The admin's entry forms: the record, and its members' votes offered for the
seats of the vote's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from .. import history, reviews
from ..models import Resolution, Vote, seated_on
from ..rules import Position
from .checks import check_and_complete


def parse_day(raw: str | None) -> dt.date | None:
    """A posted or asked-for date; the admin's date field accepts the locale's
    formats as well as ISO. None when there is none or it cannot be read."""
    if not raw:
        return None
    try:
        return forms.DateField().to_python(raw)
    except ValidationError:
        return None


def vote_date(request: HttpRequest, obj: Resolution | None) -> dt.date | None:
    """The date the votes inline is built for: the posted date, the date asked for
    in the URL (?date=), or the stored record's."""
    day = parse_day(request.POST.get("date") or request.GET.get("date"))
    if day is not None:
        return day
    return obj.date if obj is not None else None


# "Seats left without a position": what the save does with them (one action, not
# fifteen menus). The field is the record form's; the votes formset reads it.
SEATS_LEFT = "seats_left"
OTHERS_FOR = "others_for"
UNANIMOUS = "unanimous"
SEATS_LEFT_CHOICES = [
    ("", "leave them without a position"),
    (OTHERS_FOR, "the others voted for: every seat left without a position votes for"),
    (UNANIMOUS, "adopted unanimously: every seat votes for"),
]


def fill_seats(data, prefix: str, seated: Iterable[str]):
    """The posted votes with every seated member's row left without a position
    given "for", and a row added, for "for", for a seated member without one (a
    copy: the posted data is left as it was). A row ticked for deletion is left
    as it is."""
    data = data.copy()
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", ""))
    except ValueError:
        return data  # the management form's own error says so
    with_row = set()
    for index in range(total):
        row = f"{prefix}-{index}"
        code = data.get(f"{row}-member")
        if not code:
            continue
        with_row.add(code)  # a vote the editor deletes stays deleted
        if data.get(f"{row}-DELETE"):
            continue
        if code in seated and not data.get(f"{row}-position"):
            data[f"{row}-position"] = Position.FOR
    for code in seated:
        if code not in with_row:
            data[f"{prefix}-{total}-member"] = code
            data[f"{prefix}-{total}-position"] = Position.FOR
            total += 1
    data[f"{prefix}-TOTAL_FORMS"] = str(total)
    return data


class VoteForm(forms.ModelForm):
    class Meta:
        model = Vote
        fields = ["member", "position"]

    def __init__(self, *args, seated_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Validation accepts any member state, so that a member who did not sit
        # that day is refused by the rules with its name, not by a bare
        # "invalid choice"; the menu offers only the members seated that day.
        if seated_choices is not None:
            self.fields["member"].widget.choices = [("", "---------"), *seated_choices]
        self.fields["position"].required = False

    def has_changed(self) -> bool:
        # A seated member offered in a new row but left without a position is not
        # a vote: it is skipped, not saved with an empty position.
        adding = self.is_bound and self.instance._state.adding
        if adding and not self.data.get(self.add_prefix("position")):
            return False
        return super().has_changed()


# The record's fields a rule's problem is shown on (rules.Problem.field); the
# tally's three numbers are one line of the form, its errors on the first.
FIELD_OF_PROBLEM = {
    "date": "date",
    "tally": "votes_for",
    "outcome": "outcome",
    "resolution_number": "resolution_number",
    "review_status": "review_status",
}


class VoteFormSet(forms.BaseInlineFormSet):
    """The members' votes of a record. On save the record is checked as a whole
    (checks.check_and_complete); each problem is put where it arose: a member's on
    that member's row, a field's on that field of the record's form (the admin
    moves them there: `record_errors`), the others above the rows."""

    seated_choices: list[tuple[str, str]] | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.record_errors: list[tuple[str, str]] = []
        self.seated: dict[str, bool] | None = None
        self.seated_day: dt.date | None = None
        self.seats_left = self.data.get(SEATS_LEFT, "") if self.is_bound else ""
        day = parse_day(self.data.get("date")) if self.is_bound else None
        if self.seats_left in (OTHERS_FOR, UNANIMOUS) and day is not None:
            self.seated_day, self.seated = day, seated_on(day)
            self.data = fill_seats(self.data, self.prefix, self.seated)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "seated_choices": self.seated_choices}

    def validate_unique(self) -> None:
        # A member given two rows is named by the rules, on its second row
        # (clean(), below), not as "duplicate values"; the database's constraint
        # (one vote per member per record) still guards the save.
        return

    def is_valid(self) -> bool:
        valid = super().is_valid()  # runs clean(), which sets record_errors
        return valid and not self.record_errors

    def clean(self) -> None:
        super().clean()
        self.record_errors = []
        if any(form.errors for form in self.forms):
            return
        resolution: Resolution = self.instance
        if resolution.date is None:
            return
        votes, rows = self.posted_votes()
        if any(form.errors for form in self.forms):
            return
        seated = self.seated if self.seated_day == resolution.date else None
        others: list[str] = []
        for problem in check_and_complete(resolution, votes, seated):
            form = rows.get(problem.member) if problem.member else None
            if form is not None:
                on_position = problem.incomplete or problem.field == "position"
                form.add_error("position" if on_position else "member", problem.message)
            elif problem.field in FIELD_OF_PROBLEM:
                self.record_errors.append((FIELD_OF_PROBLEM[problem.field], problem.message))
            else:
                others.append(problem.message)
        if others:
            raise ValidationError(others)

    def posted_votes(self) -> tuple[list[tuple[str, str]], dict[str, forms.Form]]:
        """The (member, position) pairs posted, and each member's row (its last, for
        a member given two), also a row left without a position. A saved vote left
        without one, and under "adopted unanimously" any position but "for", is an
        error on its row."""
        votes: list[tuple[str, str]] = []
        rows: dict[str, forms.Form] = {}
        for form in self.forms:
            data = form.cleaned_data
            if data.get("DELETE"):
                continue
            member = data.get("member")
            # A row left without a position is not validated (not a vote): its
            # member's code as posted.
            code = member.code if member else form["member"].value()
            if not code:
                continue
            rows[code] = form
            position = data.get("position")
            if not position:
                if form.instance.pk:
                    form.add_error(
                        "position", f"{member.name}: choose a position, or tick 'delete'."
                    )
                continue
            if self.seats_left == UNANIMOUS and position != Position.FOR:
                form.add_error(
                    "position",
                    f"{member.name}: recorded as '{Position(position).label}', but the vote "
                    "is entered as adopted unanimously (every seat for).",
                )
            votes.append((member.code, position))
        return votes, rows


def stale_message(record: Resolution, opened: int | None) -> str:
    """Why a save from a form opened at version `opened` is refused: who changed
    the record since, and what, each change with its old and new value."""
    lines = []
    for entry in history.changes_since(record, opened or 0):
        who = f"{entry.user} ({entry.kind_label})" if entry.user else entry.kind_label
        changes = "; ".join(f"{c.what}: {c.old} → {c.new}" for c in entry.changes)
        lines.append(f"{who} at {entry.when:%Y-%m-%d %H:%M:%S} UTC: {changes or 'saved'}")
    said = " ".join(f"[{line}]" for line in lines) or "(no change on record)"
    return (
        f"Not saved: {record} was changed by someone else after you opened it, and "
        f"saving your form would overwrite that change. Changed since: {said}. Open "
        "the record again to see it as it stands now, then make your change again."
    )


class ResolutionForm(forms.ModelForm):
    # The record's version when the form was opened (optimistic locking): a save
    # from a form opened before another save of the record is refused.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Shown with the members' votes (votes_inline.html), acted on by VoteFormSet.
    seats_left = forms.ChoiceField(
        label="Seats left without a position, on save",
        choices=SEATS_LEFT_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Resolution
        fields = [
            "date",
            "meeting",
            "draft_symbol",
            "resolution_number",
            "title",
            "draft_note",
            "agenda_item",
            "topics",
            "sponsors",
            "procedural",
            "adopted_without_vote",
            "votes_recorded",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "outcome",
            "review_status",
            "review_reasons",
            "origin",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = False
        self.fields["outcome"].help_text = "Left empty, it is computed from the votes."
        if not self.instance._state.adding:
            self.fields["opened_version"].initial = self.instance.version

    # The reading of a news article the add form was pre-filled from (article.py).
    article: dict | None = None

    def flag_article_gaps(self, cleaned: dict) -> None:
        """A record from an article whose facts are partly inferred, or that lacks
        its symbol or meeting, is saved "needs review" with those reasons, whatever
        the review menu says: never published as checked in one click."""
        from .article import review_reasons

        needed = review_reasons(self.article, cleaned)
        if not needed:
            return
        given = reviews.parse_all(cleaned.get("review_reasons", ""))
        cleaned["review_reasons"] = reviews.store([*given, *needed])
        cleaned["review_status"] = Resolution.Review.NEEDS_REVIEW

    def clean(self):
        cleaned = super().clean()
        if self.article is not None:
            self.flag_article_gaps(cleaned)
        if not self.instance._state.adding:
            opened = cleaned.get("opened_version")
            if opened != self.instance.version:
                raise ValidationError(stale_message(self.instance, opened), code="stale")
        draft = cleaned.get("draft_symbol", "")
        if draft.upper().startswith("S/RES/"):
            self.add_error(
                "draft_symbol",
                f"{draft} is a resolution's symbol: give its number as the resolution "
                "number, and the draft's own symbol (S/<year>/<number>) here.",
            )
            return cleaned
        if cleaned.get("seats_left") and not cleaned.get("votes_recorded"):
            self.add_error(
                "seats_left",
                "The seats are filled in only on a record of the members' votes: tick "
                "'votes recorded', or leave them without a position.",
            )
        if not cleaned.get("date"):
            return cleaned
        probe = Resolution(
            date=cleaned["date"],
            draft_symbol=draft,
            resolution_number=cleaned.get("resolution_number"),
        )
        if probe.symbol:
            twin = Resolution.objects.filter(slug=probe.make_slug()).exclude(pk=self.instance.pk)
            if twin.exists():
                field = "resolution_number" if probe.resolution_number else "draft_symbol"
                self.add_error(
                    field, f"A vote on {probe.symbol} is already on record: edit that one."
                )
        return cleaned
