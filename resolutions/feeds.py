"""Atom feeds (django.contrib.syndication), latest vote first:

- /feeds/votes.atom: the latest votes; it takes the filters of /resolutions/
  (`?member=CHN&position=veto`), an invalid one answers 400 naming it;
- /feeds/members/<code>.atom: a member's latest votes, with its position;
- /feeds/topics/<slug>.atom: the latest votes on a topic (the votes of its page).

A vote is dated by its day (the record holds no time of day): midnight UTC.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from . import stats
from .filters import ResolutionFilter
from .models import MemberState, Resolution, Topic, Vote
from .tables import display_name, summary, tally_text
from .topic_pages import get_topic, heading, votes_on
from .views import export_query, get_member, invalid_filters

ENTRIES = 50
LATEST_FIRST = ("-date", "-resolution_number", "-draft_symbol", "-pk")
MEMBER_LATEST_FIRST = tuple(f"-resolution__{name.lstrip('-')}" for name in LATEST_FIRST)


VETOES = Vote.objects.vetoes().select_related("member")


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def vetoed_by(resolution: Resolution) -> list[str]:
    """Names of the vetoing members, prefetched (`vetoes`, as with_tallies)."""
    return [vote.member.name for vote in resolution.vetoes]


class VoteEntries(Feed):
    """A feed of votes (Resolutions, their vetoes prefetched: with_tallies)."""

    feed_type = Atom1Feed

    def item_title(self, item: Resolution) -> str:
        return f"{display_name(item)}: {item.get_outcome_display().lower()}, {tally_text(item)}"

    def item_description(self, item: Resolution) -> str:
        return escape(summary(item, vetoed_by(item)))  # Atom's summary is read as HTML

    def item_pubdate(self, item: Resolution) -> dt.datetime:
        return midnight(item.date)

    def item_updateddate(self, item: Resolution) -> dt.datetime:
        return item.updated


class VoteFeed(VoteEntries):
    title = "UN Security Council votes"
    subtitle = "The latest votes of the UN Security Council on record, latest first."

    def __call__(self, request: HttpRequest, *args, **kwargs):
        filterset = ResolutionFilter(request.GET or None, queryset=Resolution.objects.all())
        if filterset.is_bound and not filterset.is_valid():
            return invalid_filters(filterset)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest) -> dict:
        return {"query": export_query(request), "data": request.GET or None}

    def link(self, obj: dict) -> str:
        query = obj["query"]
        return reverse("resolution_list") + (f"?{query}" if query else "")

    def feed_url(self, obj: dict) -> str:
        query = obj["query"]
        return reverse("feed_votes") + (f"?{query}" if query else "")

    def items(self, obj: dict) -> QuerySet[Resolution]:
        filterset = ResolutionFilter(obj["data"], queryset=Resolution.objects.with_tallies())
        return filterset.qs.order_by(*LATEST_FIRST)[:ENTRIES]


class TopicVoteFeed(VoteEntries):
    def get_object(self, request: HttpRequest, slug: str) -> Topic:
        return get_topic(slug)

    def title(self, obj: Topic) -> str:
        return f"{heading(obj)}: the UN Security Council"

    def subtitle(self, obj: Topic) -> str:
        return f"The latest votes of the UN Security Council on {obj.name} on record, latest first."

    def link(self, obj: Topic) -> str:
        return obj.get_absolute_url()

    def feed_url(self, obj: Topic) -> str:
        return reverse("feed_topic", args=[obj.slug])

    def items(self, obj: Topic) -> QuerySet[Resolution]:
        return votes_on(obj).with_tallies().order_by(*LATEST_FIRST)[:ENTRIES]


class MemberVoteFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, code: str) -> MemberState:
        return get_member(code)

    def title(self, obj: MemberState) -> str:
        return f"{obj.name}: votes in the UN Security Council"

    def subtitle(self, obj: MemberState) -> str:
        return f"The latest votes of {obj.name} on record, latest first, with its position."

    def link(self, obj: MemberState) -> str:
        return obj.get_absolute_url()

    def feed_url(self, obj: MemberState) -> str:
        return reverse("feed_member", args=[obj.code.lower()])

    def items(self, obj: MemberState) -> QuerySet[Vote]:
        # Positions as every page counts them (VoteQuerySet.counted_as).
        return (
            obj.votes.with_counted_position()
            .select_related("resolution", "member")
            .prefetch_related(Prefetch("resolution__votes", queryset=VETOES, to_attr="vetoes"))
            .order_by(*MEMBER_LATEST_FIRST)[:ENTRIES]
        )

    def item_title(self, item: Vote) -> str:
        position = stats.POSITION_LABELS[item.counted_position].lower()
        resolution = item.resolution
        return (
            f"{display_name(resolution)}: {item.member.name} — {position}; "
            f"{resolution.get_outcome_display().lower()}, {tally_text(resolution)}"
        )

    def item_description(self, item: Vote) -> str:
        # Atom's summary is read as HTML.
        return escape(summary(item.resolution, vetoed_by(item.resolution)))

    def item_link(self, item: Vote) -> str:
        return item.resolution.get_absolute_url()

    def item_pubdate(self, item: Vote) -> dt.datetime:
        return midnight(item.resolution.date)

    def item_updateddate(self, item: Vote) -> dt.datetime:
        return item.resolution.updated
