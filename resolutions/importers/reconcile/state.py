"""What the reconciler works on: one record as the import sees it (`State`), the
run's figures (`Summary`), and the constants every stage shares."""

from __future__ import annotations

import datetime as dt
import operator
from collections import Counter
from dataclasses import dataclass, field

from resolutions.models import Resolution, Source
from resolutions.reviews import Reason

from ..base import (
    COMMUNITY,
    LIBRARY_MEETINGS,
    LIBRARY_VETOES,
    PRECEDENCE,
    RESEARCHED,
    SITE_CSV,
    WPDL_VETOES,
    Entry,
)

# Typos seen in the sources -> the name they misspell. Only misspellings that
# cannot mean another state; resolved through the member states' names.
TYPOS = {
    "ethipia": "Ethiopia",
    "rusia": "Russian Federation",
}

# How each source is cited on a record (Source rows): also tells later imports which
# sources a record's facts came from.
SOURCES = {
    LIBRARY_MEETINGS: (
        Source.Kind.UN_LIBRARY,
        "UN Dag Hammarskjöld Library: Meetings conducted by the Security Council",
        "https://research.un.org/en/docs/sc/quick/meetings",
    ),
    LIBRARY_VETOES: (
        Source.Kind.UN_LIBRARY,
        "UN Dag Hammarskjöld Library: Security Council - Veto List",
        "https://research.un.org/en/docs/sc/quick/veto",
    ),
    WPDL_VETOES: (
        Source.Kind.DATASET,
        "World Politics Data Lab: vetoes in the UN Security Council, 1946 to September 2022",
        "https://github.com/world-politics-datalab/vetoes-un-security-council",
    ),
    COMMUNITY: (
        Source.Kind.DATASET,
        "Voting-Agent community table of Security Council votes",
        "https://github.com/oliverunv/Voting-Agent",
    ),
    # The reports themselves are the record's other Sources (Entry.citations).
    RESEARCHED: (
        Source.Kind.DATASET,
        "Researched record: compiled by hand from the public reports cited with it",
        "",
    ),
}
SOURCE_BY_TITLE = {title: name for name, (_, title, _) in SOURCES.items()}
LABEL = {
    LIBRARY_MEETINGS: "library",
    LIBRARY_VETOES: "veto list",
    WPDL_VETOES: "second veto list (wpdl)",
    COMMUNITY: "community table",
    SITE_CSV: "votes CSV",
    RESEARCHED: "researched record",
}
PROTECTED = {Resolution.Origin.EDITOR, Resolution.Origin.BUNDLED}
# Categories of the reasons that mark a vote one source gives without a symbol
# (matched by meeting).
NO_SYMBOL = ("no symbol", "no draft symbol")
FIELDS = [
    "draft_symbol",
    "resolution_number",
    "title",
    "draft_note",
    "subject",
    "agenda_item",
    "date",
    "meeting",
    "procedural",
    "adopted_without_vote",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "votes_recorded",
    "outcome",
    "review_status",
    "review_reasons",
    "settled",
]
_FIELD_VALUES = operator.attrgetter(*FIELDS)  # a record's FIELDS, as a tuple
# The only fields an import writes on a protected record.
REVIEW_FIELDS = ["review_status", "review_reasons", "settled"]


def swapped(day: dt.date) -> dt.date | None:
    """The date with day and month swapped, if there is one."""
    try:
        return day.replace(month=day.day, day=day.month)
    except ValueError:
        return None


@dataclass
class State:
    """One record as the import sees it: the stored row and its votes, changed in
    memory, written back by `Reconciler.save()`."""

    resolution: Resolution
    votes: dict[str, str]
    sources: set[str]
    new: bool = False
    before: tuple = ()
    votes_before: dict[str, str] = field(default_factory=dict)
    reasons: list[Reason] = field(default_factory=list)
    # How differences between the sources were settled, one sentence each naming
    # the sources that settled it (Resolution.settled).
    settled: list[str] = field(default_factory=list)
    seen_in_file: list[Entry] = field(default_factory=list)
    # A vote found to be a copy of another (settling.settle_misplaced): removed.
    deleted: bool = False
    entries: list[Entry] = field(default_factory=list)
    # What the vote is about (describing.py): (kind, name) of its topics, codes of
    # its sponsors, and both as read from the database.
    topics: set[tuple[str, str]] = field(default_factory=set)
    sponsors: set[str] = field(default_factory=set)
    described_before: tuple = (frozenset(), frozenset())
    # Sources a settling rule rests on (Citation), written as Sources like the
    # entries' own.
    citations: list = field(default_factory=list)
    # The sources of `SOURCES` the record is known to cite in the database (read
    # with it, or written since).
    cited: set[str] = field(default_factory=set)

    @property
    def protected(self) -> bool:
        return self.resolution.origin in PROTECTED

    def snapshot(self) -> tuple:
        return _FIELD_VALUES(self.resolution)

    def changed_fields(self) -> list[str]:
        """The fields whose value differs from the one read (or last written)."""
        return [
            name
            for name, old, new in zip(FIELDS, self.before, self.snapshot(), strict=True)
            if old != new
        ]

    def rank(self) -> int:
        """The best (lowest) precedence among the sources behind the record's facts."""
        if self.protected:
            return -1
        return min((PRECEDENCE[s] for s in self.sources), default=99)

    def wins(self, entry: Entry) -> bool:
        """Whether the entry's source outranks every source behind the record."""
        return PRECEDENCE[entry.source] < self.rank() or self.new

    def add_reason(self, category: str, detail: str, where: str = "") -> None:
        reason = Reason(category, detail, where)
        if reason not in self.reasons:
            self.reasons.append(reason)

    def drop_reasons(self, *reasons: Reason) -> None:
        self.reasons = [r for r in self.reasons if r not in reasons]

    def settle(self, sentence: str) -> None:
        """Say on the record how a difference was settled, and by which sources."""
        sentence = " ".join(sentence.split())
        if sentence not in self.settled:
            self.settled.append(sentence)

    def left_out(self, fact: str, value: str) -> bool:
        """Whether a settlement on the record left this value of a fact out (a
        later import does not take it again)."""
        return bool(value) and any(
            line.startswith(f"{fact}:") and value in line and line.endswith("left out.")
            for line in self.settled
        )

    def has_reason(self, *categories: str) -> bool:
        return any(reason.category in categories for reason in self.reasons)


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Review categories of each record read, by record (its pk): a record read
    # from several files of a run is counted once, with its reasons after the last.
    reviews: dict[int, frozenset[str]] = field(default_factory=dict)
    # Swapped community dates corrected in a stored value: a new record's date, a
    # date changed, or the community's vote merged into a record the first time.
    dates_corrected: int = 0
    entries: int = 0
    changes: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> Counter:
        """Records read that need review, by reason category."""
        return Counter(c for categories in self.reviews.values() for c in categories)

    def add(self, other: Summary) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.reviews.update(other.reviews)
        self.dates_corrected += other.dates_corrected
        self.entries += other.entries
