"""What the reader proposes (`Extraction`, with an `Evidence` per member) and what it
knows besides the article (`Context`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from .. import rules
from ..bundled import MemberRow, TermRow
from .vocabulary import COUNTED, POSITIONS


@dataclass(frozen=True)
class Context:
    """What the reader knows besides the article.

    `names`: every normalised name and spelling -> member code (as
    `MemberState.objects.name_index()` gives them, see `models.normalise_name`).
    `seated`: a date -> {code: permanent} for the members seated that day.
    `permanent`: codes that ever held a permanent seat (used when the date is unknown).
    `successors`: code -> successor code (SUN -> RUS), to read "Russia" in 1986 as
    the USSR's seat.
    `display`: code -> the name shown in warnings.
    """

    names: Mapping[str, str]
    seated: Callable[[dt.date], Mapping[str, bool]]
    permanent: frozenset[str] = frozenset()
    successors: Mapping[str, str] = field(default_factory=dict)
    display: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_database(cls) -> Context:
        """The members and terms on record; the bundled files where the database has
        none (not migrated, or not loaded: the reader needs no `make setup`)."""
        from django.db import DatabaseError

        from ..models import CouncilTerm, MemberState

        try:
            members = [
                MemberRow(code, name, short, tuple(aliases), successor or "")
                for code, name, short, aliases, successor in MemberState.objects.values_list(
                    "code", "name", "short_name", "aliases", "successor_id"
                )
            ]
            terms = [
                TermRow(*row)
                for row in CouncilTerm.objects.values_list("member_id", "start", "end", "permanent")
            ]
        except DatabaseError:
            members, terms = [], []
        if not members or not terms:
            return cls.from_bundled()
        return cls.from_rows(members, terms)

    @classmethod
    def from_bundled(cls) -> Context:
        """The members and terms of the bundled files (resolutions/data/)."""
        from .. import bundled

        return cls.from_rows(bundled.members(), bundled.terms())

    @classmethod
    def from_rows(cls, members: Iterable[MemberRow], terms: Iterable[TermRow]) -> Context:
        from ..models import Seats, normalise_name

        members = sorted(members, key=lambda m: m.name)  # as MemberState's ordering
        terms = list(terms)
        names: dict[str, str] = {}
        for member in members:
            for each in (member.code, member.name, member.short_name, *member.aliases):
                names.setdefault(normalise_name(each), member.code)
        names = {k: v for k, v in names.items() if k != v.lower()}
        # A code is a name only where the press writes it so (USA, UAE...).
        for member in members:
            if member.code in member.aliases:
                names[member.code.lower()] = member.code

        return cls(
            names=names,
            seated=Seats(terms).on,
            permanent=frozenset(t.code for t in terms if t.permanent),
            successors={m.code: m.successor for m in members if m.successor},
            display={m.code: m.short_name for m in members},
        )

    def name(self, code: str) -> str:
        return self.display.get(code, code)


@dataclass(frozen=True)
class Evidence:
    member: str
    position: str
    text: str
    inferred: bool = False

    def as_json(self) -> dict:
        data = {"member": self.member, "position": self.position, "text": self.text}
        if self.inferred:
            data["inferred"] = True
        return data


@dataclass
class Extraction:
    """What an article says about one vote, for an editor to check."""

    vote_date: dt.date | None = None
    published: dt.date | None = None
    date_evidence: str = ""
    draft_symbol: str = ""
    resolution_number: int | None = None
    resolution_year: int | None = None
    document_evidence: str = ""
    meeting: str = ""  # the meeting record the article names (S/PV.7922)
    procedural: bool = False
    counts: dict[str, int | None] = field(default_factory=dict)
    count_evidence: dict[str, str] = field(default_factory=dict)
    positions: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    vetoed_by: list[str] = field(default_factory=list)
    outcome: str | None = None
    outcome_explanation: str = ""
    seated: dict[str, bool] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # Council sizes the article states ("the 15-member Council", "the 10 elected
    # members"): with no date of the vote, they tell the 11-seat Council from the 15.
    stated_seats: set[int] = field(default_factory=set)
    # With no date of the vote, windows of days it can have been held in, each with
    # its reason (see `era`): they can fix the Council's size.
    era: list[tuple[dt.date, dt.date, str]] = field(default_factory=list)
    # The day whose Council (its seats and members) is the vote's: its date, or the
    # last day of such a window that had one Council throughout.
    council_day: dt.date | None = None

    @property
    def document(self) -> str | None:
        if self.resolution_number is not None:
            year = self.resolution_year or (self.vote_date.year if self.vote_date else None)
            return f"S/RES/{self.resolution_number}" + (f" ({year})" if year else "")
        return self.draft_symbol or None

    @property
    def tally(self) -> rules.Tally | None:
        values = [self.counts.get(p) for p in COUNTED]
        if any(v is None for v in values):
            return None
        return rules.Tally(*values)

    def quotes(self) -> list[str]:
        """The sentences the proposal rests on, in the article's order, once each."""
        seen: list[str] = []
        texts = [self.date_evidence, self.document_evidence, *self.count_evidence.values()]
        texts += [e.text for e in self.evidence.values() if not e.inferred]
        for text in texts:
            if text and text not in seen:
                seen.append(text)
        return seen

    def as_json(self) -> dict:
        counts = {p.value: self.counts.get(p) for p in POSITIONS}
        return {
            "vote_date": self.vote_date.isoformat() if self.vote_date else None,
            "published": self.published.isoformat() if self.published else None,
            "document": self.document,
            "draft_symbol": self.draft_symbol or None,
            "resolution_number": self.resolution_number,
            "meeting": self.meeting or None,
            "procedural": self.procedural,
            "outcome": self.outcome,
            "counts": counts,
            "positions": {code: str(p) for code, p in sorted(self.positions.items())},
            "vetoed_by": list(self.vetoed_by),
            "evidence": [self.evidence[code].as_json() for code in sorted(self.evidence)],
            "count_evidence": [
                {"count": str(p), "value": self.counts.get(p), "text": text}
                for p, text in self.count_evidence.items()
            ],
            "date_evidence": self.date_evidence or None,
            "document_evidence": self.document_evidence or None,
            "warnings": list(self.warnings),
        }
