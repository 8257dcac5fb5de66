"""The working objects of the reader: one `Reading` per article, which every stage
reads and fills in turn, and one `Passage` per sentence while its clauses are read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .names import Mention, NameIndex, resolve
from .proposal import Context, Extraction
from .sentences import Sentence

# Where one clause of a sentence ends and the next begins, for the phrases in it.
BOUNDARY = re.compile(
    r";|\s+while\s+|,\s*whereas\s+|,?\s+but\s+|,\s*although\s+|,\s*though\s+|\s+after\s+which\s+",
    re.I,
)


@dataclass
class Claim:
    """A member's position, as one sentence states it."""

    code: str
    position: str
    veto: bool
    sentence: Sentence


@dataclass
class CountClaim:
    position: str  # for / against / abstain / non_voting, or "veto" (how many vetoed)
    value: int
    sentence: Sentence


@dataclass
class RestClaim:
    """ "the other members voted in favour": a position for the members not named."""

    position: str
    value: int | None
    sentence: Sentence


@dataclass
class Reading:
    """An article being read: its text, what the sentences say, and the proposal."""

    text: str
    context: Context
    result: Extraction
    sentences: list[Sentence] = field(default_factory=list)
    index: NameIndex | None = None
    claims: list[Claim] = field(default_factory=list)
    counts: list[CountClaim] = field(default_factory=list)
    rests: list[RestClaim] = field(default_factory=list)
    unanimous: list[Sentence] = field(default_factory=list)


@dataclass
class Passage:
    """One sentence while its counts and positions are read: its masked text, the
    members named in it, those already given a position, its clause boundaries."""

    reading: Reading
    sentence: Sentence
    masked: str
    mentions: list[Mention]
    consumed: set[int] = field(default_factory=set)
    boundaries: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def of(cls, reading: Reading, sentence: Sentence) -> Passage:
        masked = sentence.masked
        return cls(
            reading,
            sentence,
            masked,
            reading.index.find(masked),
            boundaries=[(m.start(), m.end()) for m in BOUNDARY.finditer(masked)],
        )

    def clause_end(self, position: int) -> int:
        ends = [a for a, _ in self.boundaries if a >= position]
        return min(ends) if ends else len(self.masked)

    def clause_start(self, position: int) -> int:
        starts = [b for _, b in self.boundaries if b <= position]
        return max(starts) if starts else 0

    def clause(self, start: int, end: int, text: str | None = None) -> str:
        """The clause around the stretch start:end (of `text`, the masked text by default)."""
        return (self.masked if text is None else text)[
            self.clause_start(start) : self.clause_end(end)
        ]

    def claim(self, mention: Mention, position: str, veto: bool) -> None:
        key = id(mention)
        if key in self.consumed or mention.adjectival:
            return
        self.consumed.add(key)
        code = resolve(mention, self.reading.context, self.reading.result)
        if code:
            self.reading.claims.append(Claim(code, position, veto, self.sentence))

    def count(self, position: str, value: int) -> None:
        self.reading.counts.append(CountClaim(position, value, self.sentence))
