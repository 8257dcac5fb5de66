"""The member states' list (/members/, /members.csv, the API's members): each
member that has sat on the Council with its counts and shares, and its terms."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import F, FloatField, QuerySet, Value
from django.db.models.functions import Cast, NullIf

from .models import CouncilTerm, MemberState, MemberTally
from .stats import TermSpan, merge_terms


def members_queryset() -> QuerySet[MemberState]:
    """Member states that have sat on the Council, with their vote counts and
    shares (of votes cast: for, against including vetoes, abstain).

    Votes cast (`cast`) and the shares count only records whose individual votes
    are all on record (Resolution.votes_recorded): of a tally-only record only the
    vetoes are stored, so counting it would make every such member look like it
    mostly voted against. The shares are None for a member with no such vote. The
    counts per position (`votes_veto` included) are over every record, as every
    page counts them. Their terms: council_terms()."""

    # Each member's counts as the database keeps them (MemberTally, kept by
    # triggers: resolutions/tallies.py), not counted over every vote here.
    def share_of(expression) -> Cast:
        return Cast(expression, FloatField()) / NullIf(F("cast"), Value(0))

    stored = [field.name for field in MemberTally._meta.fields if field.name != "member"]
    return (
        MemberState.objects.sat_on_council()
        .annotate(**{name: F(f"tally__{name}") for name in stored})
        .annotate(
            cast=F("recorded_for") + F("recorded_against") + F("recorded_abstain"),
        )
        .annotate(
            share_for=share_of(F("recorded_for")),
            share_against=share_of(F("recorded_against")),
            share_abstain=share_of(F("recorded_abstain")),
        )
    )


def council_terms(member: MemberState | None = None) -> dict[str, list[TermSpan]]:
    """Every member's seats on the Council (or one member's), consecutive terms
    joined (stats.merge_terms), by member code: one query of plain rows
    (prefetching them made a model instance of each term and a queryset for
    each member)."""
    terms = defaultdict(list)
    rows = CouncilTerm.objects.order_by()
    if member is not None:
        rows = rows.filter(member=member)
    for code, *term in rows.values_list("member_id", "start", "end", "permanent"):
        terms[code].append(term)
    return {code: merge_terms(own) for code, own in terms.items()}
