"""The admin's entry forms: the record, and its members' votes offered for the
seats of the vote's date."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from .. import history, reviews
from ..models import Resolution, Vote
from .checks import check_and_complete


def vote_date(request: HttpRequest, obj: Resolution | None) -> dt.date | None:
    """The date the votes inline is built for: the posted date, the date asked for
    in the URL (?date=), or the stored record's."""
    raw = request.POST.get("date") or request.GET.get("date")
    if raw:
        try:
            # The admin's date field accepts the locale's formats as well as ISO.
            return forms.DateField().to_python(raw)
        except ValidationError:
            pass
    return obj.date if obj is not None else None


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


class VoteFormSet(forms.BaseInlineFormSet):
    seated_choices: list[tuple[str, str]] | None = None

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "seated_choices": self.seated_choices}

    def clean(self) -> None:
        super().clean()
        if any(form.errors for form in self.forms):
            return
        resolution: Resolution = self.instance
        if resolution.date is None:
            return
        votes: list[tuple[str, str]] = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE") or not data.get("member"):
                continue
            if not data.get("position"):
                if form.instance.pk:
                    raise ValidationError(
                        f"{data['member'].name}: choose a position, or tick 'delete'."
                    )
                continue
            votes.append((data["member"].code, data["position"]))
        check_and_complete(resolution, votes)


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
