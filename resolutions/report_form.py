"""The readers' error-report form (resolutions/reports.py has its views)."""

from __future__ import annotations

from django import forms

from .models import ErrorReport

HONEYPOT = "website"


class ErrorReportForm(forms.ModelForm):
    # Hidden from people by the stylesheet (and labelled so for screen readers);
    # bots that fill every field fill it.
    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    source_url = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        label="A source for the right fact (optional)",
    )

    class Meta:
        model = ErrorReport
        fields = ["message", "source_url", "email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4, "cols": 60, "maxlength": 4000})}
        labels = {
            "message": "What is wrong?",
            "email": "Your e-mail, if the editors may ask you a question (optional)",
        }

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if len(message) < 5:
            raise forms.ValidationError("Say in a few words what is wrong.")
        return message
