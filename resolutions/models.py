"""The record: member states, their Council terms, votes and their sources."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.urls import get_script_prefix, get_urlconf, reverse
from simple_history.models import HistoricalRecords

from . import reviews, rules
from . import topics as about
from .history import ChangeOrigin
from .rules import Outcome, Position

# A page's address by its key (a slug, a member's code): reverse() with a placeholder
# once per URLconf and script prefix, then the key in its place. reverse() costs
# tens of microseconds and a list page links a hundred records. A key that is not
# slug-like (which reverse() would quote or refuse) is left to reverse().
ADDRESS_KEY = re.compile(r"[-a-zA-Z0-9_]+")
PLACEHOLDER = "0key0"


@functools.lru_cache(maxsize=64)
def _address_around(name: str, urlconf: str, prefix: str) -> tuple[str, str]:
    head, _, tail = reverse(name, urlconf=urlconf, args=[PLACEHOLDER]).rpartition(PLACEHOLDER)
    return head, tail


def page_address(name: str, key: str) -> str:
    """reverse(name, args=[key]), for a URL pattern taking that one argument."""
    if not ADDRESS_KEY.fullmatch(key):
        return reverse(name, args=[key])
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    head, tail = _address_around(name, urlconf, get_script_prefix())
    return f"{head}{key}{tail}"


def address_writer(name: str) -> Callable[[str], str]:
    """page_address(name, key) as a function of the key, with the URLconf and the
    script prefix read once (each a thread-local read of a few microseconds), for
    a list that links many records within one request."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    head, tail = _address_around(name, urlconf, get_script_prefix())
    fullmatch = ADDRESS_KEY.fullmatch

    def address(key: str) -> str:
        return f"{head}{key}{tail}" if fullmatch(key) else reverse(name, args=[key])

    return address


def slugify_symbol(symbol: str) -> str:
    """S/RES/2118 (2013) -> s-res-2118-2013; S/2017/315 -> s-2017-315."""
    return re.sub(r"[^a-z0-9]+", "-", symbol.lower()).strip("-")


@functools.lru_cache(maxsize=4096)
def normalise_name(name: str) -> str:
    """A key for matching names: case, accents' neighbours and punctuation ignored.
    Kept for the names met most (every member's spellings, read by each search:
    about 550 names, 2 ms a search on the full record)."""
    name = name.lower().replace("’", "'").replace("&", "and")
    name = re.sub(r"^the\s+", "", name.strip())
    return re.sub(r"[^a-z0-9ôéü']+", " ", name).strip()


class MemberStateQuerySet(models.QuerySet):
    def sat_on_council(self) -> MemberStateQuerySet:
        """Members with a Council term on record (not the states only named)."""
        return self.filter(models.Exists(CouncilTerm.objects.filter(member=models.OuterRef("pk"))))

    def seated_on(self, on: dt.date) -> MemberStateQuerySet:
        """Members seated on a date, permanent members first, each annotated with
        `permanent` (one query)."""
        return (
            self.filter(term_on(on, "terms__"))
            .annotate(permanent=models.F("terms__permanent"))
            .order_by("-permanent", "name")
        )

    def with_vote_counts(self) -> MemberStateQuerySet:
        """Votes per position as every page counts them (VoteQuerySet.counted_as):
        `votes_veto` counts vetoes cast."""

        def count(position: str) -> Count:
            return Count("votes", filter=VoteQuerySet.counted_as(position, "votes__"))

        return self.annotate(
            votes_cast=Count("votes"),
            votes_for=count(Position.FOR),
            votes_against=count(Position.AGAINST),
            votes_abstain=count(Position.ABSTAIN),
            votes_veto=count(Position.VETO),
            votes_non_voting=count(Position.NON_VOTING),
        )


class MemberStateManager(models.Manager.from_queryset(MemberStateQuerySet)):
    def get_by_natural_key(self, code: str) -> MemberState:
        return self.get(code=code)

    def name_index(self) -> dict[str, str]:
        """Every known name and spelling (normalised) -> member code."""
        index: dict[str, str] = {}
        for code, name, short_name, aliases in self.values_list(
            "code", "name", "short_name", "aliases"
        ):
            for each in (code, name, short_name, *aliases):
                index.setdefault(normalise_name(each), code)
        return index


# A member state's code: ISO 3166-1 alpha-3 (or the code of a dissolved state).
MEMBER_CODE = r"^[A-Z]{3}$"


class MemberState(models.Model):
    code = models.CharField(
        primary_key=True,
        max_length=3,
        help_text="ISO 3166-1 alpha-3; SUN, YUG, CSK, DDR for dissolved states.",
    )
    name = models.CharField(max_length=100, unique=True, help_text="The UN name.")
    short_name = models.CharField(max_length=60)
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other names and spellings seen in UN records and the press.",
    )
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="predecessors"
    )

    objects = MemberStateManager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=MEMBER_CODE), name="member_code_alpha3"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return page_address("member_detail", self.code.lower())

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    def earlier_holder_sentence(self) -> str:
        """Who held this seat before under another name, in a sentence ("" if none)."""
        holder = EARLIER_HOLDERS.get(self.code)
        return holder.sentence(self.name) if holder else ""

    @staticmethod
    def is_code(text: str) -> bool:
        """Whether `text`, in any case, can be a member's code (a URL's, say)."""
        return re.fullmatch(MEMBER_CODE, text.upper(), flags=re.ASCII) is not None


class MemberTally(models.Model):
    """A member's vote counts, as /members/ shows them, kept by the database:
    triggers change them with every write to the votes or to a record's outcome
    (resolutions/tallies.py, installed by migration 0009). Never written by the
    app itself."""

    member = models.OneToOneField(
        MemberState, primary_key=True, on_delete=models.CASCADE, related_name="tally"
    )
    # Over every record, as with_vote_counts counts them.
    votes_cast = models.PositiveIntegerField(default=0)
    votes_for = models.PositiveIntegerField(default=0)
    votes_against = models.PositiveIntegerField(default=0)
    votes_abstain = models.PositiveIntegerField(default=0)
    votes_veto = models.PositiveIntegerField(default=0)
    votes_non_voting = models.PositiveIntegerField(default=0)
    # Over records whose individual votes are all on record (a veto as against).
    recorded_for = models.PositiveIntegerField(default=0)
    recorded_against = models.PositiveIntegerField(default=0)
    recorded_abstain = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.member_id}: {self.votes_cast} votes"


def term_on(day: dt.date | models.Expression, prefix: str = "") -> Q:
    """Who sat on the Council that day, as a filter of Council terms (`prefix`: the
    path to the terms, "terms__" from a member state); `day` may be an OuterRef.
    The one definition, with `Seats.on` its counterpart over terms read once."""
    return Q(**{f"{prefix}start__lte": day}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day})
    )


class CouncilTermQuerySet(models.QuerySet):
    def on(self, day: dt.date) -> CouncilTermQuerySet:
        return self.filter(term_on(day))


class CouncilTerm(models.Model):
    member = models.ForeignKey(MemberState, on_delete=models.CASCADE, related_name="terms")
    start = models.DateField()
    end = models.DateField(null=True, blank=True, help_text="Empty while the seat is held.")
    permanent = models.BooleanField(default=False)

    objects = CouncilTermQuerySet.as_manager()

    class Meta:
        ordering = ["start", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["member", "start"], name="unique_term_start"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="term_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        kind = "permanent" if self.permanent else "elected"
        end = self.end.isoformat() if self.end else "present"
        return f"{self.member_id} {self.start.isoformat()} to {end} ({kind})"


@dataclass(frozen=True)
class SeatHolder:
    """A seat the UN records under one name throughout, held until `until` (the
    first day it no longer was) by a government of another name."""

    code: str
    held_by: str
    until: dt.date
    authority: str

    def shown_as(self, name: str) -> str:
        return f"{name} ({self.held_by})"

    def sentence(self, name: str) -> str:
        """What the member's page says of it, once."""
        return (
            f"{name}'s seat was held by the {self.held_by} until "
            f"{self.until.day} {self.until:%B %Y} ({self.authority}); the UN records the "
            f'seat as "{name}" throughout, and votes before that day show it as '
            f'"{self.shown_as(name)}".'
        )


# China's seat: the Republic of China's until GA res. 2758 (XXVI), 25 October 1971.
EARLIER_HOLDERS = {
    holder.code: holder
    for holder in (
        SeatHolder(
            "CHN",
            "Republic of China",
            dt.date(1971, 10, 25),
            "General Assembly resolution 2758 (XXVI)",
        ),
    )
}


def name_at_vote(code: str, name: str, on: dt.date) -> str:
    """A member's name as a vote of `on` shows it: "China (Republic of China)" for
    a seat held then by a government of another name; its code is unchanged."""
    holder = EARLIER_HOLDERS.get(code)
    return holder.shown_as(name) if holder and on < holder.until else name


def seated_on(day: dt.date) -> dict[str, bool]:
    """Members seated on a date -> whether permanent (one query)."""
    return dict(CouncilTerm.objects.on(day).values_list("member_id", "permanent"))


class Seats:
    """Who sat on the Council on each day, from the terms read once (one query, or
    the terms given as (code, start, end, permanent)): for work over many dates
    (imports, checks, the reader). `seats.on(day)` is `seated_on(day)` without a
    query per day (the same condition as `term_on`)."""

    def __init__(self, terms: Iterable[tuple[str, dt.date, dt.date | None, bool]] | None = None):
        if terms is None:
            terms = CouncilTerm.objects.values_list("member_id", "start", "end", "permanent")
        self.terms = list(terms)
        self._on: dict[dt.date, dict[str, bool]] = {}

    def on(self, day: dt.date) -> dict[str, bool]:
        if day not in self._on:
            self._on[day] = {
                code: permanent
                for code, start, end, permanent in self.terms
                if start <= day and (end is None or end >= day)
            }
        return self._on[day]


def next_free_slug(base: str, taken: set[str] | frozenset[str]) -> str:
    """`base`, or `base-2`, `base-3`... the first not in `taken`: a second vote
    without a symbol at one meeting gets a numbered slug (s-pv-49-1946-06-26-2)."""
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


class TopicQuerySet(models.QuerySet):
    def with_counts(self) -> TopicQuerySet:
        """Each topic with its votes (`votes`), those adopted, failed and vetoed
        (drafts vetoed, by their recorded outcome), and the days of its first and
        latest vote (None without a vote), from the figures the database keeps
        (kept.TopicDay: as many rows whatever the record's size): one query."""

        def of(outcome: str) -> Coalesce:
            return Coalesce(Sum("days__votes", filter=Q(days__outcome=outcome)), 0)

        return self.annotate(
            votes=Coalesce(Sum("days__votes"), 0),
            adopted=of(Outcome.ADOPTED),
            failed=of(Outcome.FAILED),
            vetoed=of(Outcome.VETOED),
            first_date=Min("days__date"),
            last_date=Max("days__date"),
        )


class Topic(models.Model):
    """What votes are about: a topic ("Cyprus"), a region ("Africa") or a category
    ("Thematic"), from the sources' own columns and the site's mapping of agenda
    items (resolutions/topics.py)."""

    class Kind(models.TextChoices):
        TOPIC = about.TOPIC, "Topic"
        REGION = about.REGION, "Region"
        CATEGORY = about.CATEGORY, "Category"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TOPIC)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="unique_topic_name_per_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=["topic", "region", "category"]), name="topic_valid_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return page_address("topic_detail", self.slug)

    @classmethod
    def ids_for(cls, names: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """(kind, name) -> id of each topic, the missing ones created (slugs from
        their names, numbered where two would be the same)."""
        known = {
            (kind, name): pk for pk, kind, name in cls.objects.values_list("pk", "kind", "name")
        }
        missing = sorted(names - set(known))
        if missing:
            taken = set(cls.objects.values_list("slug", flat=True))
            new = []
            for kind, name in missing:
                slug = next_free_slug(slugify_symbol(name)[:70] or kind, taken)
                taken.add(slug)
                new.append(cls(kind=kind, name=name, slug=slug))
            cls.objects.bulk_create(new)
            known.update({(k, n): pk for pk, k, n in cls.objects.values_list("pk", "kind", "name")})
        return {key: known[key] for key in names}


class ResolutionQuerySet(models.QuerySet):
    def with_tallies(self) -> ResolutionQuerySet:
        """What every list of votes shows: the vetoing members come prefetched
        (`vetoes`: vetoes cast, as every page counts them, Vote.objects.vetoes()),
        so a page of any length costs two queries."""
        vetoes = Vote.objects.vetoes().select_related("member")
        return self.prefetch_related(Prefetch("votes", queryset=vetoes, to_attr="vetoes"))

    def tally_only_while_seated(self, member: MemberState) -> ResolutionQuerySet:
        """Votes taken while `member` sat on the Council whose record holds only the
        tally and no position of that member (adopted-without-a-vote records are
        not votes): its position at them is not on record."""
        seated = CouncilTerm.objects.filter(term_on(OuterRef("date")), member=member)
        return (
            self.filter(votes_recorded=False, adopted_without_vote=False)
            .filter(Exists(seated))
            .exclude(votes__member=member)
        )

    def needing_review(self) -> ResolutionQuerySet:
        return self.filter(review_status=Resolution.Review.NEEDS_REVIEW)

    def get_by_natural_key(self, slug: str) -> Resolution:
        """The natural key is the slug of the vote's symbol (see make_slug)."""
        return self.get(slug=slug)

    def same_vote(
        self, *, draft_symbol: str, resolution_number: int | None, meeting: str, date: dt.date
    ) -> ResolutionQuerySet:
        """Records of the vote these facts describe, however entered: the same draft
        or resolution symbol, or the same meeting and date where one of the two
        gives no symbol (an editor's record by its meeting) and no symbol differs."""
        same = Q(pk__in=[])
        if draft_symbol:
            same |= Q(draft_symbol=draft_symbol)
        if resolution_number is not None:
            same |= Q(resolution_number=resolution_number)
        if meeting:
            no_symbol = Q(draft_symbol="", resolution_number=None)
            if draft_symbol or resolution_number is not None:
                same |= Q(meeting=meeting, date=date) & no_symbol
            else:
                same |= Q(meeting=meeting, date=date)
        return self.filter(same)

    def reported_by(self, found) -> ResolutionQuerySet:
        """`reported` for what the article reader found (a reader.Extraction)."""
        return self.reported(
            draft_symbol=found.draft_symbol,
            resolution_number=found.resolution_number,
            meeting=found.meeting,
            date=found.vote_date,
            counts=found.counts,
        )

    def reported(
        self,
        *,
        draft_symbol: str = "",
        resolution_number: int | None = None,
        meeting: str = "",
        date: dt.date | None = None,
        counts: dict[str, int | None] | None = None,
    ) -> ResolutionQuerySet:
        """Records of the vote a report describes: the same vote as `same_vote` finds
        it; failing that, the votes of the report's day with its counts; failing that,
        when the report names no symbol, every vote of its day (a report may get a
        count wrong: its votes are offered to an editor, never merged silently)."""
        if draft_symbol or resolution_number is not None or (meeting and date):
            same = self.same_vote(
                draft_symbol=draft_symbol,
                resolution_number=resolution_number,
                meeting=meeting if date else "",
                date=date,
            )
            if same:
                return same
        if date is None:
            return self.none()
        same_day = self.filter(date=date)
        fields = {"for": "votes_for", "against": "votes_against", "abstain": "votes_abstain"}
        known = {fields[k]: v for k, v in (counts or {}).items() if k in fields and v is not None}
        if known:
            tallied = same_day.filter(**known)
            if tallied:
                return tallied
        if not draft_symbol and resolution_number is None:
            return same_day
        return self.none()


class StaleRecord(Exception):
    """A save of a record from a copy read before another save of it (optimistic
    locking on `Resolution.version`): refused, nothing written."""

    def __init__(self, resolution: Resolution, read_at: int):
        self.resolution = resolution
        self.read_at = read_at
        super().__init__(
            f"{resolution} was changed by someone else after version {read_at} was read"
        )


def resolution_symbol(number: int | None, on: dt.date) -> str:
    """A resolution's symbol, "S/RES/2334 (2016)", from its number and the day of
    its vote; "" without a number."""
    return "" if number is None else f"S/RES/{number} ({on.year})"


class SymbolOrder(models.Func):
    """A vote's place in the list's order of symbols: its resolution number, and
    for a draft without one the place each database gives a missing number (after
    every number on PostgreSQL, before on SQLite), written as a value so that no
    other index serves the order. (PostgreSQL read the number's unique index and
    sorted every unnumbered draft to show the first 50 of them: at 100x, 37,200.)"""

    template = "COALESCE(%(expressions)s, %(missing)s)"
    output_field = models.BigIntegerField()

    def __init__(self):
        super().__init__(models.F("resolution_number"))

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, missing="2147483648", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, missing="-1", **extra_context)


class Resolution(models.Model):
    """A draft put to the vote, adopted or not (or a procedural vote)."""

    class Review(models.TextChoices):
        OK = "ok", "Checked"
        NEEDS_REVIEW = "needs_review", "Needs review"

    class Origin(models.TextChoices):
        EDITOR = "editor", "Entered by an editor"
        BUNDLED = "bundled", "Bundled curated data"
        IMPORT = "import", "Imported"

    slug = models.SlugField(max_length=80, unique=True, editable=False)
    draft_symbol = models.CharField(
        max_length=40, blank=True, db_index=True, help_text="For example S/2017/315."
    )
    resolution_number = models.PositiveIntegerField(
        null=True, blank=True, unique=True, help_text="When adopted: 2118 for S/RES/2118 (2013)."
    )
    title = models.CharField(max_length=500, blank=True)
    draft_note = models.CharField(
        max_length=500,
        blank=True,
        help_text="What a source says of the draft besides its symbol, never a title: the "
        "other drafts voted with it, 'as amended', 'Oral amendment 2'.",
    )
    subject = models.CharField(
        max_length=about.SUBJECT_LIMIT,
        blank=True,
        editable=False,
        help_text="What the vote was about, in short: the title, else the agenda item "
        "(topics.subject_for; set on every save).",
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="resolutions")
    sponsors = models.ManyToManyField(
        MemberState,
        blank=True,
        related_name="sponsored",
        help_text="Members named as submitters of the draft by a source.",
    )
    agenda_item = models.CharField(max_length=500, blank=True)
    date = models.DateField(db_index=True, help_text="Date of the vote.")
    meeting = models.CharField(
        max_length=40,
        blank=True,
        help_text="Meeting record (S/PV.7922), or the letter symbol of a vote in writing.",
    )
    procedural = models.BooleanField(
        default=False, help_text="A procedural vote: 9 votes (7 before 1966) and no veto."
    )
    adopted_without_vote = models.BooleanField(default=False)
    votes_for = models.PositiveSmallIntegerField("for", null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(
        "against", null=True, blank=True, help_text="Vetoes included."
    )
    votes_abstain = models.PositiveSmallIntegerField("abstain", null=True, blank=True)
    votes_recorded = models.BooleanField(
        "individual votes recorded",
        default=True,
        help_text="Untick when only the tally is known (and perhaps who vetoed).",
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    review_status = models.CharField(max_length=12, choices=Review.choices, default=Review.OK)
    review_reasons = models.TextField(
        blank=True, help_text="Why the record needs review, one reason a line."
    )
    settled = models.TextField(
        blank=True,
        help_text="How differences between the sources were settled, one a line, naming "
        "the sources that settled each (written by the importers).",
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.EDITOR)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised by every save: a form opened at an older version is refused.",
    )

    objects = ResolutionQuerySet.as_manager()
    history = HistoricalRecords(bases=[ChangeOrigin], excluded_fields=["created", "updated"])

    class Meta:
        ordering = ["-date", "-resolution_number", "-draft_symbol"]
        # The list's orderings (its default, by symbol, by tally), read a page at a
        # time without sorting the whole record; each ends with the id, as the
        # list's pages are read (tables.in_total_order).
        indexes = [
            models.Index(
                fields=["-date", "-resolution_number", "-draft_symbol", "-id"],
                name="resolution_list_order",
            ),
            models.Index(
                SymbolOrder(),
                models.F("draft_symbol"),
                models.F("id"),
                name="resolution_symbols_order",
            ),
            models.Index(
                fields=["votes_for", "votes_against", "id"], name="resolution_tally_order"
            ),
            # The drafts vetoed (the home page's per year), not every record read.
            models.Index(fields=["outcome", "date"], name="resolution_outcome_date"),
            # The records no day's kept ballots count (filters.position_rows).
            models.Index(
                fields=["date"],
                condition=Q(adopted_without_vote=True, votes_recorded=False),
                name="resolution_unkept_by_day",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values), name="resolution_valid_outcome"
            ),
            models.CheckConstraint(
                condition=Q(resolution_number__isnull=True) | Q(outcome=Outcome.ADOPTED),
                name="resolution_number_only_when_adopted",
            ),
            models.CheckConstraint(
                condition=Q(review_status__in=["ok", "needs_review"]),
                name="resolution_valid_review_status",
            ),
        ]

    def __str__(self) -> str:
        return self.symbol or f"Vote of {self.date.isoformat()}"

    def save(self, *args, **kwargs) -> None:
        self.subject = about.subject_for(self.title, self.agenda_item)
        base = self.make_slug()
        if self.symbol:
            self.slug = base
        elif not re.fullmatch(rf"{re.escape(base)}(-\d+)?", self.slug or ""):
            # A second vote without a symbol at one meeting gets a numbered slug
            # (s-pv-49-1946-06-26-2); the importer numbers its own in memory.
            taken = set(
                Resolution.objects.filter(slug__startswith=base)
                .exclude(pk=self.pk)
                .values_list("slug", flat=True)
            )
            self.slug = next_free_slug(base, taken)
        # Optimistic locking: the update is made only where the stored version is
        # still the one this copy was read at (_do_update), and raises it by one.
        read_at = self.version
        if not self._state.adding:
            self.version = read_at + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        self._read_at = read_at
        try:
            super().save(*args, **kwargs)
        except StaleRecord:
            self.version = read_at
            raise

    def get_absolute_url(self) -> str:
        return page_address("resolution_detail", self.slug)

    @staticmethod
    def on_topic(topic: Topic | str, record: str = "pk") -> Exists:
        """The condition of the votes on a topic, region or category, given or by
        its slug (/topics/<slug>/): the rows of /resolutions/?topic=<slug> and the
        topic's pages. `record`: the outer query's field naming the vote (of a
        member's vote: `resolution_id`)."""
        links = Resolution.topics.through.objects.filter(resolution=OuterRef(record))
        if isinstance(topic, Topic):
            links = links.filter(topic=topic)
        else:
            # The topic's id read first (not a join with the topics): PostgreSQL
            # then plans for the votes of that topic, not for an average one's.
            named = Topic.objects.filter(slug=topic.strip().lower()).values("pk")[:1]
            links = links.filter(topic=Subquery(named))
        return Exists(links)

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        read_at = getattr(self, "_read_at", None)
        if read_at is None:
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        if super()._do_update(
            base_qs.filter(version=read_at), using, pk_val, values, update_fields, forced_update
        ):
            return True
        if base_qs.filter(pk=pk_val).exists():
            raise StaleRecord(self, read_at)
        return False

    def make_slug(self) -> str:
        if self.symbol:
            return slugify_symbol(self.symbol)
        return slugify_symbol(f"{self.meeting or 'vote'} {self.date.isoformat()}")

    def natural_key(self) -> tuple[str]:
        return (self.make_slug(),)

    @property
    def resolution_symbol(self) -> str:
        return resolution_symbol(self.resolution_number, self.date)

    @property
    def symbol(self) -> str:
        return self.resolution_symbol or self.draft_symbol

    @property
    def tally(self) -> rules.Tally | None:
        if self.votes_for is None or self.votes_against is None or self.votes_abstain is None:
            return None
        return rules.Tally(self.votes_for, self.votes_against, self.votes_abstain)

    @property
    def seats(self) -> int:
        return rules.seats(self.date)

    @property
    def votes_non_voting(self) -> int | None:
        tally = self.tally
        return None if tally is None else tally.non_voting(self.seats)

    @property
    def review_reason_list(self) -> list[str]:
        """The stored reasons, one a line, as editors see them (file and line included)."""
        return [reason.editor() for reason in reviews.parse_all(self.review_reasons)]

    @property
    def public_review_reasons(self) -> list[str]:
        """The reasons as a reader of the vote page is told them (no file or line)."""
        return list(dict.fromkeys(r.public() for r in reviews.parse_all(self.review_reasons)))

    @property
    def needs_review(self) -> bool:
        return self.review_status == self.Review.NEEDS_REVIEW

    def vetoed_by_codes(self) -> list[str]:
        """Codes of the vetoing members; needs `with_tallies()` (or costs a query)."""
        vetoes = getattr(self, "vetoes", None)
        if vetoes is None:
            vetoes = self.votes.filter(position=Position.VETO)
        return sorted(vote.member_id for vote in vetoes)

    def rule_record(self, votes: list[tuple[str, str]]) -> rules.Record:
        return rules.Record(
            on=self.date,
            procedural=self.procedural,
            outcome=self.outcome,
            resolution_number=self.resolution_number,
            tally=self.tally,
            votes=votes,
            votes_recorded=self.votes_recorded,
            adopted_without_vote=self.adopted_without_vote,
        )

    def problems(self) -> list[rules.Problem]:
        """The rules' verdict on the stored record (three queries)."""
        votes = list(self.votes.values_list("member_id", "position"))
        names = dict(MemberState.objects.values_list("code", "name"))
        return rules.check_record(self.rule_record(votes), seated_on(self.date), names)

    def decision(
        self,
        names: dict[str, str] | None = None,
        positions: dict[str, str] | None = None,
        seated: dict[str, bool] | None = None,
    ) -> rules.Decision | None:
        """The rules' verdict on the stored vote, with its explanation; None when
        the record lacks what the rules need (no tally; or only a tally that
        leaves a veto open). Pass the votes (code -> position) and the members
        seated that day (code -> permanent) when already read, to save queries."""
        tally = self.tally
        if tally is None and not self.adopted_without_vote:
            return None
        if positions is None:
            positions = dict(self.votes.values_list("member_id", "position"))
        if seated is None:
            seated = seated_on(self.date)
        if not self.votes_recorded and tally is not None:
            vetoes = [code for code, position in positions.items() if position == Position.VETO]
            possible = rules.possible_outcomes(
                tally=tally, known_vetoes=vetoes, on=self.date, procedural=self.procedural
            )
            if len(possible) > 1:
                return None  # adopted or vetoed: the votes on record cannot tell
        return rules.decide_votes(
            positions,
            seated,
            on=self.date,
            procedural=self.procedural,
            tally=tally,
            adopted_without_vote=self.adopted_without_vote,
            names=names,
        )


class VoteQuerySet(models.QuerySet):
    @staticmethod
    def counted_as(position: str, prefix: str = "", outcome: OuterRef | None = None) -> Q:
        """The votes that count as `position` in the site's figures: the one
        definition (`prefix` reaches the votes from another model: `votes__`).

        A veto counts when the draft is recorded as vetoed. A `veto` on a draft
        recorded as adopted or failed contradicts the record (it is flagged for
        review): it counts as a vote against, not as a veto cast.

        `outcome`: the draft's outcome read from the outer query of a subquery
        of its own votes (OuterRef("outcome")) rather than by a join of each vote
        with its record: the database then finds the votes by member and
        position alone, through their index.
        """
        veto = Q(**{f"{prefix}position": Position.VETO})
        if outcome is None:
            vetoed = Q(**{f"{prefix}resolution__outcome": Outcome.VETOED})
        else:
            vetoed = Q(Exact(outcome, Outcome.VETOED))
        if position == Position.VETO:
            return veto & vetoed
        if position == Position.AGAINST:
            return Q(**{f"{prefix}position": Position.AGAINST}) | (veto & ~vetoed)
        return Q(**{f"{prefix}position": position})

    def vetoes(self) -> VoteQuerySet:
        """Vetoes cast (see counted_as)."""
        return self.filter(self.counted_as(Position.VETO))

    def with_counted_position(self) -> VoteQuerySet:
        """Each vote annotated with `counted_position`: its position as the
        figures count it (see counted_as)."""
        return self.annotate(
            counted_position=models.Case(
                *(
                    models.When(self.counted_as(position), then=models.Value(position))
                    for position in Position.values
                ),
                default=models.F("position"),
            )
        )

    def with_permanent(self) -> VoteQuerySet:
        """Each vote annotated with `permanent`: whether its member held a permanent
        seat on the day of the vote (from the Council terms; a subquery, so a
        list of any length is still one query)."""
        terms = CouncilTerm.objects.filter(
            term_on(models.OuterRef("resolution__date")),
            member=models.OuterRef("member"),
            permanent=True,
        )
        return self.annotate(permanent=models.Exists(terms))


class Vote(models.Model):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(MemberState, on_delete=models.PROTECT, related_name="votes")
    position = models.CharField(max_length=10, choices=Position.choices)

    objects = VoteQuerySet.as_manager()
    history = HistoricalRecords(bases=[ChangeOrigin])

    class Meta:
        ordering = ["resolution", "member__name"]
        # A member's votes in one position (its page's filter, the list's member
        # filter), and every vote in one position (the vetoes on every page).
        indexes = [
            models.Index(fields=["member", "position"], name="vote_member_position"),
            models.Index(fields=["position", "resolution"], name="vote_position_resolution"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "member"], name="one_vote_per_member_per_resolution"
            ),
            models.CheckConstraint(
                condition=Q(position__in=Position.values), name="vote_valid_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.get_position_display()}"


class DeletedVote(models.Model):
    """A bundled vote an editor deleted in the admin: `load_bundled` does not load
    it again (nor a vote with the same symbols, or the same meeting and date).
    Deleting this row lets the next load bring the bundled vote back."""

    slug = models.SlugField(max_length=80, unique=True)
    draft_symbol = models.CharField(max_length=40, blank=True)
    resolution_number = models.PositiveIntegerField(null=True, blank=True)
    meeting = models.CharField(max_length=40, blank=True)
    date = models.DateField()
    deleted = models.DateTimeField(auto_now_add=True)
    deleted_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-deleted"]
        verbose_name = "deleted bundled vote"

    def __str__(self) -> str:
        return f"{self.slug} (deleted {self.deleted:%Y-%m-%d})" if self.deleted else self.slug

    @classmethod
    def record(cls, resolution: Resolution, user: str = "") -> DeletedVote:
        tombstone, _ = cls.objects.update_or_create(
            slug=resolution.slug,
            defaults={
                "draft_symbol": resolution.draft_symbol,
                "resolution_number": resolution.resolution_number,
                "meeting": resolution.meeting,
                "date": resolution.date,
                "deleted_by": user,
            },
        )
        return tombstone

    @classmethod
    def covers(cls, resolution: Resolution) -> bool:
        """Whether an editor deleted this vote (matched as `same_vote` matches)."""
        same = Q(slug=resolution.make_slug())
        if resolution.draft_symbol:
            same |= Q(draft_symbol=resolution.draft_symbol)
        if resolution.resolution_number is not None:
            same |= Q(resolution_number=resolution.resolution_number)
        if resolution.meeting:
            at_meeting = Q(meeting=resolution.meeting, date=resolution.date)
            if resolution.symbol:
                at_meeting &= Q(draft_symbol="", resolution_number=None)
            same |= at_meeting
        return cls.objects.filter(same).exists()


class SourceKind(models.TextChoices):
    MEETING_RECORD = "meeting_record", "Meeting record"
    PRESS_RELEASE = "press_release", "UN press release"
    UN_LIBRARY = "un_library", "UN library"
    NEWS = "news", "News"
    DATASET = "dataset", "Dataset"


class Source(models.Model):
    Kind = SourceKind

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(max_length=20, choices=SourceKind.choices)
    url = models.URLField(max_length=500, blank=True)
    title = models.CharField(max_length=300, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    date = models.DateField(null=True, blank=True)
    quote = models.TextField(blank=True, help_text="The passage that supports the record.")

    history = HistoricalRecords(bases=[ChangeOrigin])

    class Meta:
        ordering = ["resolution", "kind", "date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values), name="source_valid_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url or self.get_kind_display()


class ErrorReport(models.Model):
    """A reader's report of a mistake in a vote or a member's record (no login).
    Editors see and resolve them in the admin; a report changes nothing in the
    record by itself."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    resolution = models.ForeignKey(
        Resolution,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="error_reports",
    )
    member = models.ForeignKey(
        MemberState,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="error_reports",
    )
    message = models.TextField("what is wrong", max_length=4000)
    source_url = models.URLField(
        "source", max_length=500, blank=True, help_text="Where the right fact can be read."
    )
    email = models.EmailField(
        blank=True, help_text="Only to ask the reporter a question; never shown."
    )
    created = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    editor_note = models.TextField(blank=True, help_text="What the editors found or did.")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(resolution__isnull=False) & Q(member__isnull=True))
                | (Q(resolution__isnull=True) & Q(member__isnull=False)),
                name="error_report_about_one_record",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "resolved"]), name="error_report_valid_status"
            ),
        ]

    def __str__(self) -> str:
        return f"Report on {self.record} ({self.created:%Y-%m-%d})" if self.created else "Report"

    @property
    def record(self) -> Resolution | MemberState | None:
        return self.resolution or self.member


class RecordVersion(models.Model):
    """The record's version: one row, its number raised by every write to a table
    of the record (resolutions.pagecache), so that a cached page is never served
    after a change. Not part of the record itself."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="record_version_one_row")]

    def __str__(self) -> str:
        return f"Record version {self.number}"


from .kept import DayBallot, DayTallyOnly, MemberYear, RecordBallot, TopicDay, TopicVetoes  # noqa: E402, F401 (models kept as data)
