"""Why a record needs review: one reason is a category, a detail and, for editors,
where in a source file it was seen.

The one place that writes and reads the stored form of a reason (a line of
`Resolution.review_reasons`): `Reason.line()` writes it, `parse()` reads it. The
importers build `Reason`s, never strings; the admin filters by `category`; the
vote page shows `public()` (plain English, no file or line); the admin shows
`editor()` (with file and line).

Stored form, one reason a line: `<category>: <detail>` and, when a file and line
are known, ` [<file>:<line>]` at the end. A line an editor typed without a
category is read back as a reason of no category (shown as typed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Categories the importers write, with what each means for a reader of the vote
# page (the detail follows). Rule categories ("rules/<field>") are the rules'
# verdict on the merged record (resolutions.rules.check_record).
RULES = "rules/"
CATEGORIES = {
    "confidence": "The record was researched from reports, and not every fact is confirmed "
    "by UN text.",
    "date mismatch": "The sources give different dates for this vote.",
    "date uncertain": "The day of this vote is not certain.",
    "from an article": "This record was entered from a news article and not every fact "
    "in it is confirmed by an official record.",
    "draft symbol mismatch": "The sources give different draft symbols for this vote.",
    "resolution number mismatch": "The sources give different resolution numbers for this vote.",
    "duplicate symbol": "A source gives this vote's symbol to another vote too.",
    "editor record differs": "A public source differs from the record entered by an editor.",
    "meeting mismatch": "The sources give different meetings for this vote.",
    "member twice": "A source lists a member twice.",
    "missing member": "A member's vote is missing.",
    "no draft symbol": "No source gives the draft's symbol.",
    "no symbol": "No source gives this vote's symbol.",
    "not seated": "A source gives a vote of a state that was not on the Council that day.",
    "outcome mismatch": "The sources disagree on the outcome.",
    "procedural mismatch": "The sources disagree on whether the vote was procedural.",
    "single source": "Only one report supports this record.",
    "symbol": "A source gives a resolution number to a draft that was not adopted.",
    "tally mismatch": "The members' votes do not add up to the tally.",
    "tally unknown": "The tally is not on record.",
    "unknown name": "A source names a member this site cannot identify.",
    "veto mismatch": "The sources disagree on who vetoed.",
    "votes mismatch": "The sources disagree on how members voted.",
}
# Reasons that say what the sources lack, not that they disagree: kept on the record
# (the importers match by them) but no cause to review it. The library's pages of
# 1946-1947 name only the meeting of some vetoed drafts; their tally and vetoes are
# certain.
NOT_DOUBTFUL = {"no draft symbol"}
WHERE = re.compile(r"\s\[([^\[\]]+:\d+(?:, [^\[\]]+:\d+)*)\]$")
CATEGORY = re.compile(r"^([^:\n]{1,60}?):\s(.*)$", re.DOTALL)


@dataclass(frozen=True)
class Reason:
    category: str
    detail: str
    where: str = ""  # "<file>:<line>" of the source, for editors only

    def __post_init__(self) -> None:
        # One line each, as stored: what is read back equals what was written.
        for name in ("category", "detail", "where"):
            object.__setattr__(self, name, " ".join(getattr(self, name).split()))

    def line(self) -> str:
        text = f"{self.category}: {self.detail}" if self.category else self.detail
        return f"{text} [{self.where}]" if self.where else text

    @property
    def doubtful(self) -> bool:
        """Whether the reason is cause to review the record."""
        return self.category not in NOT_DOUBTFUL

    @property
    def rule(self) -> bool:
        return self.category.startswith(RULES)

    def public(self) -> str:
        """What a reader of the vote page is told: plain English, no file or line."""
        if not self.category:
            return self.detail  # as an editor typed it
        heading = CATEGORIES.get(self.category, "")
        detail = self.detail[:1].upper() + self.detail[1:] if self.detail else ""
        if detail and not detail.endswith((".", ")", "?")):
            detail += "."
        return f"{heading} {detail}".strip()

    def editor(self) -> str:
        """What an editor is told in the admin: the stored line, file and line included."""
        return self.line()

    def __str__(self) -> str:
        return self.line()


def parse(line: str) -> Reason:
    """A stored line back into its reason (`Reason.line()` read back)."""
    line = line.strip()
    where = ""
    match = WHERE.search(line)
    if match:
        where, line = match.group(1), line[: match.start()]
    match = CATEGORY.match(line)
    if match:
        return Reason(match.group(1), match.group(2), where)
    return Reason("", line, where)


def parse_all(text: str) -> list[Reason]:
    return [parse(line) for line in text.splitlines() if line.strip()]


def store(reasons: Iterable[Reason]) -> str:
    return "\n".join(reason.line() for reason in dict.fromkeys(reasons))


def categories(text: str) -> frozenset[str]:
    """The categories of a record's stored reasons (a reason typed without one
    stands for itself, cut to 60 characters: the admin filters on it)."""
    return frozenset(reason.category or reason.detail[:60] for reason in parse_all(text))
