"""The API's topics and agreement figures (/api/topics/, /api/topics/<slug>/,
/api/agreement/), a router of the API in resolutions/api.py (added there).

Fields carry the names of the CSVs' columns: a topic's those of /topics.csv, the
agreement rows those of /agreement.csv. The figures come from the functions the
pages and the CSVs call (topic_pages.topic_figures, together.the_matrix): one
definition of each.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from . import together
from .api import Error, ParameterError, check_known
from .forms import FIRST_YEAR, LAST_YEAR, AgreementForm
from .models import Topic
from .topic_pages import LISTED, topic_figures, topic_record, topics_in_order

router = Router()
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


# Topics ------------------------------------------------------------------------


class TopicSummary(Schema):
    slug: str = Field(description="Its address: /topics/<slug>/, and topic=<slug> of /api/votes/")
    name: str = Field(description="As in the `topics` field of a vote")
    kind: Topic.Kind
    votes: int = Field(description="Votes on it")
    adopted: int
    failed: int
    vetoed: int = Field(description="Drafts vetoed, each once")
    first_date: dt.date | None = Field(description="Its first vote; null without one")
    last_date: dt.date | None = Field(description="Its latest vote; null without one")
    url: str = Field(description="Its page")
    votes_url: str = Field(description="Its votes: /api/votes/?topic=<slug>")


class TopicList(Schema):
    count: int
    results: list[TopicSummary]


class OutcomeYear(Schema):
    year: int
    adopted: int
    failed: int
    vetoed: int


class VetoedDraft(Schema):
    slug: str
    symbol: str
    date: dt.date
    url: str
    vetoed_by: list[str] = Field(description="Codes of the members that vetoed it")


class VetoesCast(Schema):
    member_code: str
    member_name: str
    vetoes: int = Field(description="Drafts on this topic it vetoed")


class TopicDetail(TopicSummary):
    per_year: list[OutcomeYear] = Field(description="Its votes per year by outcome, as its page")
    vetoed_drafts: list[VetoedDraft] = Field(
        description=f"The latest {LISTED} drafts vetoed, latest first (as its page); "
        "every one of them (`vetoed`) at `vetoed_drafts_url`"
    )
    vetoed_drafts_url: str = Field(
        description="Every draft vetoed: /api/votes/?topic=<slug>&outcome=vetoed"
    )
    vetoes_cast: list[VetoesCast] = Field(description="Per member, most first")
    csv: str = Field(description="Its votes as /resolutions.csv?topic=<slug>")


def topic_summary(request: HttpRequest, topic: Topic) -> dict[str, Any]:
    votes_url = reverse("api:votes") + "?" + urlencode({"topic": topic.slug})
    return {
        **topic_record(topic),
        "url": request.build_absolute_uri(topic.get_absolute_url()),
        "votes_url": request.build_absolute_uri(votes_url),
    }


@router.get(
    "/topics/",
    response={200: TopicList, 400: Error},
    url_name="topics",
    summary="Topics, regions and categories, with their votes",
)
def topics(request: HttpRequest):
    """As /topics.csv: topics, then regions, then categories, each by name."""
    check_known(request, set())
    results = [topic_summary(request, topic) for topic in topics_in_order()]
    return {"count": len(results), "results": results}


@router.get(
    "/topics/{slug}/",
    response={200: TopicDetail, 400: Error, 404: Error},
    url_name="topic",
    summary="One topic: its votes per year by outcome, its vetoes",
)
def topic(request: HttpRequest, slug: str):
    """The figures of /topics/<slug>/; its votes at `votes_url`, its drafts vetoed
    beyond the latest listed at `vetoed_drafts_url` (a topic's list has no bound:
    the Middle East's held 1.4 MB at a hundred times the record)."""
    check_known(request, set())
    # Only a slug can be one (a NUL byte, which PostgreSQL refuses to read, cannot).
    found = SLUG.fullmatch(slug) and Topic.objects.with_counts().filter(slug=slug.lower()).first()
    if not found:
        raise Http404("No topic has that slug.")
    figures = topic_figures(found, LISTED)
    csv = reverse("resolution_list_csv") + "?" + urlencode({"topic": found.slug})
    vetoed = reverse("api:votes") + "?" + urlencode({"topic": found.slug, "outcome": "vetoed"})
    return {
        **topic_summary(request, found),
        "per_year": [{"year": year, **counts} for year, counts in figures.per_year.items()],
        "vetoed_drafts": [
            {
                "slug": record.slug,
                "symbol": str(record),
                "date": record.date,
                "url": request.build_absolute_uri(record.get_absolute_url()),
                "vetoed_by": sorted(vote.member_id for vote in record.vetoes),
            }
            for record in figures.vetoed
        ],
        "vetoed_drafts_url": request.build_absolute_uri(vetoed),
        "vetoes_cast": [
            {"member_code": member.code, "member_name": member.name, "vetoes": count}
            for member, count in figures.vetoes_cast
        ],
        "csv": request.build_absolute_uri(csv),
    }


# Agreement ---------------------------------------------------------------------


class AgreementParameters(Schema):
    """Those of /agreement/ and /agreement.csv: one period (a year, a range of
    dates or a Council composition; none: the latest year with recorded votes)
    and the members (none: every member seated in the period)."""

    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    date_after: dt.date | None = Field(None, description="From this day (inclusive), ISO 8601")
    date_before: dt.date | None = Field(None, description="To this day (inclusive), ISO 8601")
    council: dt.date | None = Field(
        None, description="A day: the period during which that Council sat unchanged"
    )
    members: str | None = Field(None, description="Member codes joined by commas: CHN,FRA,USA")


class PeriodOut(Schema):
    start: dt.date | None = Field(description="null: from the first vote")
    end: dt.date | None = Field(description="null: to the latest vote")
    label: str


class PairRow(Schema):
    """A row of /agreement.csv."""

    member_a: str
    member_b: str
    votes: int = Field(description="Votes both cast on record (the base)")
    agree: int = Field(description="Of those, the same way (a veto counts as against)")
    share: float | None = Field(description="agree / votes; null without a vote in common")


class MemberOut(Schema):
    member_code: str
    member_name: str


class LeftOut(Schema):
    tally_only: int = Field(description="Votes of the period with only their tally on record")
    without_vote: int = Field(description="Texts of the period adopted without a vote")


class AgreementOut(Schema):
    period: PeriodOut
    members: list[MemberOut] = Field(description="In the matrix's clustered order")
    left_out: LeftOut = Field(description="Votes of the period the figures cannot read")
    results: list[PairRow] = Field(description="Every pair, as /agreement.csv (same order)")


PERIOD = ("year", "date_after", "date_before", "council")


def form_errors(form: AgreementForm, request: HttpRequest) -> dict[str, list[str]]:
    """The form's errors by parameter; an error of the period as a whole (two
    periods given) under each period parameter given."""
    errors = {name: list(e) for name, e in form.errors.items() if name != NON_FIELD_ERRORS}
    given = [name for name in PERIOD if name in request.GET] or [NON_FIELD_ERRORS]
    for message in form.non_field_errors():
        for name in given:
            errors.setdefault(name, []).append(message)
    return errors


@router.get(
    "/agreement/",
    response={200: AgreementOut, 400: Error},
    url_name="agreement",
    summary="Agreement of every pair of members over a period, as /agreement.csv",
)
def agreement(request: HttpRequest, parameters: Query[AgreementParameters]):
    """How often each pair of members voted the same way: the rows of
    /agreement.csv for the same parameters, with their base."""
    check_known(request, set(AgreementParameters.model_fields))
    known = together.known_members()
    form = AgreementForm(request.GET, known)
    result = together.the_matrix(form, known) if form.is_valid() else {}
    if not result:
        raise ParameterError(form_errors(form, request))
    period = result["period"]
    return {
        "period": {"start": period.start, "end": period.end, "label": period.label},
        "members": [
            {"member_code": code, "member_name": result["names"][code][1]}
            for code in result["order"]
        ],
        "left_out": together.left_out(period),
        "results": [
            {
                "member_a": a,
                "member_b": b,
                "votes": count.votes,
                "agree": count.agree,
                "share": count.share,
            }
            for (a, b), count in sorted(result["counts"].items())
        ],
    }
