"""What the reader proposes (`Extraction`, with an `Evidence` per member) and what it
knows besides the article (`Context`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .. import rules
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
        from ..models import CouncilTerm, MemberState, seated_on

        names = {k: v for k, v in MemberState.objects.name_index().items() if k != v.lower()}
        # A code is a name only where the press writes it so (USA, UAE...).
        for code, aliases in MemberState.objects.values_list("code", "aliases"):
            for alias in aliases:
                if alias == code:
                    names[code.lower()] = code
        members = MemberState.objects.values_list("code", "short_name", "successor_id")
        permanent = CouncilTerm.objects.filter(permanent=True).values_list("member_id", flat=True)
        return cls(
            names=names,
            seated=seated_on,
            permanent=frozenset(permanent),
            successors={code: successor for code, _, successor in members if successor},
            display={code: short for code, short, _ in members},
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
