"""The working object of settling: what has been decided so far for one article."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from .proposal import Extraction
from .reading import Claim, Reading
from .vocabulary import POSITIONS


@dataclass
class Settlement:
    """What settling has decided so far, for one article."""

    reading: Reading
    by_member: dict[str, list[Claim]] = field(default_factory=dict)
    contradicted: dict[str, list[Claim]] = field(default_factory=dict)  # two positions named
    named: dict[str, str] = field(default_factory=dict)  # code -> position the text gives
    veto_said: set[str] = field(default_factory=set)  # codes the text says vetoed
    veto_implied: set[str] = field(default_factory=set)  # of those, "blocked" it, no more
    counts: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(POSITIONS))
    sizes: tuple[int, ...] = ()  # the Council sizes the vote can have been held on
    unanimous_open: bool = False  # "unanimous" with the number of seats unknown
    inferred: dict[str, str] = field(default_factory=dict)
    positions: dict[str, str] = field(default_factory=dict)

    @property
    def result(self) -> Extraction:
        return self.reading.result

    @property
    def day(self) -> dt.date | None:
        """A day whose Council is the vote's: its date, or one of its era's."""
        return self.result.council_day

    @property
    def on_day(self) -> str:
        """ "on 2017-04-12", or, with no date of the vote, the days of its era."""
        if self.result.vote_date:
            return f"on {self.result.vote_date.isoformat()}"
        return f"of the vote's time (as on {self.day.isoformat()})"

    @property
    def seated(self) -> dict[str, bool]:
        return self.result.seated

    @property
    def permanent(self) -> set[str]:
        if self.seated:
            return {c for c, p in self.seated.items() if p}
        return set(self.reading.context.permanent)

    @property
    def seat_count(self) -> int | None:
        return self.sizes[0] if len(self.sizes) == 1 else None

    @property
    def seats_text(self) -> str:
        if self.seat_count:
            return str(self.seat_count)
        return " or ".join(str(n) for n in self.sizes)

    @property
    def named_count(self) -> Counter:
        return Counter(self.named.values())

    def name(self, code: str) -> str:
        return self.reading.context.name(code)

    def warn(self, warning: str) -> None:
        self.result.warnings.append(warning)
