"""The public's reading pages: about, methodology (the Charter's rules as the
site applies them, the sources and their licences, the known gaps, how to
cite), glossary (every position and term with an example vote)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import glossary
from .models import Resolution
from .tables import display_name


def with_examples(terms: list[glossary.Term]) -> list[tuple[glossary.Term, Resolution | None]]:
    """Each term with its example vote, when the database holds it (one query)."""
    slugs = [term.example for term in terms if term.example]
    found = {r.slug: r for r in Resolution.objects.filter(slug__in=slugs)}
    return [(term, found.get(term.example)) for term in terms]


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/about.html", {"facts": glossary.facts()})


@require_safe
def methodology(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/methodology.html", {"facts": glossary.facts()})


@require_safe
def glossary_page(request: HttpRequest) -> HttpResponse:
    terms = glossary.POSITIONS + glossary.TERMS
    entries = [
        (term, example, display_name(example) if example else "")
        for term, example in with_examples(terms)
    ]
    return render(
        request,
        "pages/glossary.html",
        {
            "positions": entries[: len(glossary.POSITIONS)],
            "terms": entries[len(glossary.POSITIONS) :],
        },
    )
