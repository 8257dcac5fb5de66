"""The working objects of the reader: one `Reading` per article, which every stage
reads and fills in turn, and one `Passage` per sentence while its clauses are read."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .names import Mention, NameIndex, resolve
from .proposal import Context, Extraction
from .sentences import Sentence

# Where one clause of a sentence ends and the next begins, for the phrases in it.
# Each match starts at the start of a run of blanks (`(?<![\s,])`), never inside one:
# masked text has long runs, and a pattern that tried each of their positions would
# take time that grows with the square of their length.
BOUNDARY = re.compile(
    r";|(?<!\s)\s+while\s+|,\s*whereas\s+|(?:,|(?<![\s,]))\s+but\s+|,\s*although\s+|"
    r",\s*though\s+|(?<!\s)\s+after\s+which\s+",
    re.I,
)


@dataclass
class Claim:
    """A member's position, as one sentence states it."""

    code: str
    position: str
    veto: bool
    sentence: Sentence
    implied: bool = False  # a veto only implied ("blocked the draft")


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
    excepted: int | None = None  # "all but three voted for": the members not of the rest


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
    verdicts: list[tuple[str, Sentence]] = field(default_factory=list)  # "adopted", "failed"
    # "the draft was vetoed", "with their vetoes the draft died": a veto told, no member named
    vetoes_told: list[Sentence] = field(default_factory=list)


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
    _ends: list[int] | None = None

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
        """Where the clause that holds `position` ends (boundaries are in order)."""
        i = bisect.bisect_left(self.boundaries, position, key=lambda b: b[0])
        return self.boundaries[i][0] if i < len(self.boundaries) else len(self.masked)

    def clause_start(self, position: int) -> int:
        ends = sorted(b for _, b in self.boundaries) if self._ends is None else self._ends
        self._ends = ends
        i = bisect.bisect_right(ends, position)
        return ends[i - 1] if i else 0

    def clause(self, start: int, end: int, text: str | None = None) -> str:
        """The clause around the stretch start:end (of `text`, the masked text by default)."""
        return (self.masked if text is None else text)[
            self.clause_start(start) : self.clause_end(end)
        ]

    def count_clause(self, start: int, end: int) -> str:
        """The clause of a count, to tell its time: the masked clause ("the resolution,
        which was adopted in 2015, was renewed by 13 votes" is of this time), or, for a
        count inside a blanked relative clause ("a draft, which got 3 votes in 2019"),
        the clause of the count mask."""
        if self.masked[start:end].strip():
            return self.clause(start, end)
        return self.clause(start, end, self.sentence.count_masked)

    def claim(self, mention: Mention, position: str, veto: bool, implied: bool = False) -> None:
        key = id(mention)
        if key in self.consumed or mention.adjectival:
            return
        self.consumed.add(key)
        code = resolve(mention, self.reading.context, self.reading.result)
        if code:
            self.reading.claims.append(Claim(code, position, veto, self.sentence, implied))

    def count(self, position: str, value: int) -> None:
        self.reading.counts.append(CountClaim(position, value, self.sentence))
