"""The kind of vote (procedural or substantive) where the library's tally alone
cannot tell it: a settling rule over curated facts (bundled procedural.csv)."""

from __future__ import annotations

from resolutions import bundled, rules
from resolutions.models import SourceKind
from resolutions.rules import Position

from ..base import Citation
from .state import State


class Kind:
    def read_procedural(self) -> None:
        self.procedural = bundled.procedural_votes()

    def settle_procedural(self, state: State) -> None:
        """A resolution adopted over a permanent member's vote against was a
        procedural vote, to which no veto applies (rules.implied_procedural): the
        library gives the tally of such a vote, not who voted against, so the
        permanent members against come from its meeting record (bundled
        procedural.csv, with what the resolution decides). The record is flagged
        instead where the rules do not bear the file out."""
        resolution = state.resolution
        row = self.procedural.get(resolution.resolution_number)
        if row is None or resolution.procedural or row.year != resolution.date.year:
            return
        permanent = [code for code, held in self.seated(resolution.date).items() if held]
        against = dict.fromkeys(row.against, Position.AGAINST)
        tally = resolution.tally
        if tally is None or not rules.implied_procedural(
            against, permanent, on=resolution.date, outcome=resolution.outcome, tally=tally
        ):
            state.add_reason(
                "procedural mismatch",
                f"the meeting record {row.meeting} gives the vote against of "
                f"{self.names_of(row.against)}, which this record does not bear out",
            )
            return
        resolution.procedural = True
        state.citations.append(Citation(SourceKind.MEETING_RECORD, row.source, "United Nations"))
        state.settle(
            f"Kind of vote: the resolution {row.decision}; it was adopted over the vote "
            f"against of {self.names_of(row.against)}, a permanent member, as the meeting "
            f"record {row.meeting} gives it, so it was a procedural vote, to which no veto "
            "applies (the veto lists do not list it)."
        )

    def names_of(self, codes) -> str:
        return rules.join_names(list(codes), self.names)
