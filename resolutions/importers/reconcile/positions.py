"""Positions: the vetoes a source names and the members' votes it gives, checked
against the record's tally and the Council's composition on the day. Positions
the tally rules out are left out (the record keeps its tally and known vetoes)."""

from __future__ import annotations

from collections import defaultdict

from resolutions import rules
from resolutions.rules import Outcome, Position

from ..base import COMMUNITY, PRECEDENCE, RESEARCHED, SITE_CSV, Entry, SourceError
from .facts import set_tally
from .state import LABEL, State

# Sources written by hand for this site: a name that is no member state's is a
# typo to correct in the file, refused with its file and line (for the public
# sources it is a review reason: their files are not ours to correct).
NAMES_CHECKED = {RESEARCHED}


def names_of(codes) -> str:
    return ", ".join(sorted(codes))


def unknown_member(entry: Entry, name: str, line: int, key: str = "") -> SourceError:
    return SourceError(
        entry.path,
        line,
        f"{key}'{name}' is no member state's name or alias (resolutions/data/members.csv)",
    )


class Positions:
    # Vetoes --------------------------------------------------------------------------

    def merge_vetoes(self, state: State, entry: Entry) -> None:
        label = LABEL[entry.source]
        resolution = state.resolution
        codes = self.veto_codes(state, entry)
        tally = resolution.tally
        needed = rules.required_votes(resolution.date)
        if codes and not state.protected and tally is not None and tally.yes < needed:
            # "vetoed by USSR 3-3-9" (S/10768, 1972): a draft short of the votes it
            # needed failed without a veto (DOMAIN.md); the negative votes are kept
            # as votes against, and the outcome follows the tally.
            state.add_reason(
                "veto mismatch",
                f"the {label} names {names_of(codes)} as vetoing a draft with {tally.yes} "
                f"votes in favour, short of the {needed} needed; recorded as votes against, "
                "the outcome as failed",
            )
            resolution.outcome = Outcome.FAILED
            state.add_reason(
                "outcome mismatch", f"the {label} gives vetoed, the record {Outcome.FAILED}"
            )
            if not resolution.votes_recorded:
                for code in codes:
                    state.votes[code] = Position.AGAINST
            return
        recorded = sorted(c for c, p in state.votes.items() if p == Position.VETO)
        if resolution.votes_recorded and state.votes:
            if sorted(codes) != recorded:
                state.add_reason(
                    "veto mismatch",
                    f"the library names {names_of(codes) or 'no one'}, "
                    f"the members' votes {', '.join(recorded) or 'no veto'}",
                )
            return
        if state.protected:
            if sorted(codes) != recorded:
                state.add_reason(
                    "editor record differs",
                    f"vetoes: the {label} names {names_of(codes)}, "
                    f"the record {', '.join(recorded) or 'none'}",
                )
            return
        if (
            recorded
            and sorted(codes) != recorded
            and self.settle_vetoes(state, entry, codes, recorded)
        ):
            return
        if recorded and sorted(codes) != recorded:
            # The sources disagree on who vetoed: only the vetoes both name are kept.
            state.add_reason(
                "veto mismatch",
                f"the sources name {names_of(set(codes) | set(recorded))} as vetoing, but not "
                f"all of them; kept: {names_of(set(codes) & set(recorded)) or 'none'}",
            )
            for code in recorded:
                if code not in codes:
                    del state.votes[code]
            return
        for code in codes:
            state.votes[code] = Position.VETO

    def veto_codes(self, state: State, entry: Entry) -> list[str]:
        """The permanent members the entry names as vetoing; the other names are
        review reasons."""
        label = LABEL[entry.source]
        seated = self.seated(state.resolution.date)
        codes = []
        for name in entry.vetoed_by:
            code = self.resolve(name)
            if code is None and entry.source in NAMES_CHECKED:
                raise unknown_member(entry, name, entry.line, "vetoed_by: ")
            if code is None:
                state.add_reason(
                    "unknown name", f"the {label} names '{name}' as vetoing", entry.where
                )
            elif not seated.get(code):
                state.add_reason(
                    "veto mismatch",
                    f"the {label} names {self.names[code]} as vetoing, not a permanent member "
                    f"on {state.resolution.date}",
                )
            else:
                codes.append(code)
        return codes

    # Members' votes ------------------------------------------------------------------

    def merge_positions(self, state: State, entry: Entry) -> None:
        resolution = state.resolution
        label = LABEL[entry.source]
        if resolution.adopted_without_vote:
            self.positions_without_a_vote(state, entry)
            return
        seated = self.seated(resolution.date)
        if self.keep_curated_positions(state, entry, seated):
            return
        before = len(state.reasons)
        positions = self.read_positions(state, entry, seated)
        tally = resolution.tally
        missing = [c for c in seated if c not in positions]
        if tally is None and entry.source == SITE_CSV and not missing:
            tally = rules.tally_of(positions.values())
            if not state.protected:
                set_tally(resolution, tally)
        if missing and tally is not None:
            missing = self.fill_in_missing(state, entry, positions, missing, seated, before)
        counted = rules.tally_of(positions.values())
        contradicts = self.contradicts(tally, counted, positions, bool(missing), resolution)
        if contradicts and self.settle_rows_of_another_council(
            state, entry, counted=counted, before=before
        ):
            return
        if tally is not None and counted != tally:
            left_out = f"; the {label}'s members' votes are left out" if contradicts else ""
            state.add_reason(
                "tally mismatch",
                f"the record {tally}, the members' votes ({label}) {counted}"
                + ("" if state.protected else left_out),
            )
        for code in missing:
            state.add_reason(
                "missing member",
                f"{self.names[code]} sat on the Council on {resolution.date} but the {label} "
                "has no vote for it",
            )
        if tally is None and entry.source == COMMUNITY and not missing and not state.protected:
            set_tally(resolution, counted)
        self.store_positions(state, entry, positions, missing, contradicts)

    def positions_without_a_vote(self, state: State, entry: Entry) -> None:
        """A source's members' votes on a text the library gives as adopted without
        a vote: left out, and said why."""
        label = LABEL[entry.source]
        if self.settle_rows_of_another_council(state, entry):
            return
        if all(position == Position.FOR for _, position, _ in entry.positions):
            # The community table writes a text adopted without a vote as every
            # member voting "Yes": no positions, nothing to review.
            state.settle(
                f"No positions: the library gives 'adopted without a vote'; the {label} "
                "lists every member as in favour, its way of writing a text adopted "
                "without a vote."
            )
            return
        state.add_reason(
            "votes mismatch",
            f"the library gives 'adopted without a vote', the {label} members' votes; "
            "they are left out",
            entry.where,
        )

    def keep_curated_positions(self, state: State, entry: Entry, seated: dict[str, bool]) -> bool:
        """Whether the record is a curated one with every member's vote (kept, and
        a source that differs settled by it)."""
        resolution = state.resolution
        if not (
            resolution.origin == resolution.Origin.BUNDLED
            and resolution.votes_recorded
            and set(seated) <= state.votes.keys()
        ):
            return False
        # A curated record, with every member's vote from the meeting record
        # and checked against these sources by the tests of the bundled data
        # (tests/test_bundled_data.py): a source that differs is settled by it.
        label = LABEL[entry.source]
        before = len(state.reasons)
        theirs = self.read_positions(state, entry, seated)
        # The source's faults in its rows (a member twice, a state not seated)
        # are settled by the curated votes too.
        state.reasons[before:] = []
        if theirs != state.votes:
            differ = sum(theirs.get(c) != p for c, p in state.votes.items())
            state.settle(
                f"Members' votes: the {label} gives {len(theirs)} of the {len(seated)} "
                f"members' votes, and {differ} of the {len(seated)} are missing there or "
                "differ; the record keeps the votes of the meeting record."
            )
        return True

    def fill_in_missing(
        self,
        state: State,
        entry: Entry,
        positions: dict[str, str],
        missing: list[str],
        seated: dict[str, bool],
        before: int,
    ) -> list[str]:
        """Members a source lacks, filled in where the tally leaves them one
        position ('the rest voted for', or arithmetic); the members still missing."""
        resolution = state.resolution
        tally = resolution.tally
        # A row of an unknown name, or a member given twice with two votes, may be
        # a missing member's: then the tally fills in nothing.
        doubtful_rows = any(r.category == "unknown name" for r in state.reasons)
        complete = len(seated) == rules.seats(resolution.date)
        if doubtful_rows or not complete:
            return missing
        if entry.rest_voted_for and not self.given_twice(entry):
            positions.update(self.rest_voted_for(state, positions, missing, seated))
            return []
        position = rules.position_of_the_rest(
            tally,
            positions.values(),
            len(missing),
            rules.seats(resolution.date),
            vetoable=rules.could_be_vetoed(
                tally.yes, on=resolution.date, procedural=resolution.procedural
            ),
        )
        if position is not None and self.twice_agrees(state, entry, position, before):
            self.fill_from_tally(state, entry, positions, missing, position, before)
            return []
        return missing

    def given_twice(self, entry: Entry) -> dict[str, set[str]]:
        """Members the entry gives two different votes, with the votes given."""
        given: dict[str, set[str]] = defaultdict(set)
        for name, position, _ in entry.positions:
            code = self.resolve(name)
            if code is not None:
                given[code].add(position)
        return {code: votes for code, votes in given.items() if len(votes) > 1}

    def twice_agrees(self, state: State, entry: Entry, position, before: int) -> bool:
        """Whether the one position the tally leaves for the missing members is one
        of the votes the source gives each member it lists twice with two votes
        (their rows are left out, so they are missing): the tally then says which
        row was right. A member listed twice whose rows both differ from it leaves
        the source's rows in doubt, and the tally fills in nothing."""
        return all(position in votes for votes in self.given_twice(entry).values())

    def rest_voted_for(
        self, state: State, positions: dict, missing: list, seated: dict[str, bool]
    ) -> dict:
        """A source that names only the members that did not vote for (a
        researched record with its tally): every other member seated that day
        voted for. Its "no" of a permanent member is named for what it was."""
        resolution = state.resolution
        positions = {**positions, **dict.fromkeys(missing, Position.FOR)}
        permanent = [c for c, p in seated.items() if p]
        return rules.classify_negative_votes(
            positions, permanent, on=resolution.date, procedural=resolution.procedural
        )

    def fill_from_tally(
        self, state: State, entry: Entry, positions: dict, missing: list, position, before: int
    ) -> None:
        """The tally leaves one position for the members the source lacks: theirs.
        The rows the source gives for states not seated that day are its fault
        (the community table lists 1994's members on votes of early 1995), settled
        by the tally too; so are a member's two rows with two votes, one of them
        the tally's."""
        label = LABEL[entry.source]
        resolution = state.resolution
        for code in missing:
            positions[code] = position
        new = state.reasons[before:]
        not_seated = [r for r in new if r.category == "not seated"]
        twice = [r for r in new if r.category == "member twice"]
        state.drop_reasons(*not_seated, *twice)
        names = ", ".join(self.names[c] for c in sorted(missing))
        shown = Position(position).label.lower()
        said = [
            f"Members' votes: the {label} has no vote for {names}; the tally "
            f"{resolution.tally} ({LABEL[min(state.sources, key=PRECEDENCE.get)]}) leaves "
            f"them only '{shown}'"
        ]
        doubled = sorted(self.given_twice(entry))
        if doubled:
            said.append(
                f"the {label} lists {', '.join(self.names[c] for c in doubled)} twice with two "
                f"different votes, one of them '{shown}'"
            )
        if not_seated:
            said.append(
                f"its {len(not_seated)} rows for states not on the Council that day are left out"
            )
        state.settle("; ".join(said) + ".")

    def read_positions(self, state: State, entry: Entry, seated: dict[str, bool]) -> dict:
        """The entry's members' votes by member code: unknown names, members given
        twice with different votes and members not seated that day are reasons,
        not votes. The community table's "No" of a permanent member is named for
        what it was (a veto or a vote against)."""
        label = LABEL[entry.source]
        resolution = state.resolution
        given: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for name, position, line in entry.positions:
            code = self.resolve(name)
            if code is None and entry.source in NAMES_CHECKED:
                raise unknown_member(entry, name, line)
            if code is None:
                state.add_reason(
                    "unknown name", f"the {label} has '{name}'", f"{entry.path.name}:{line}"
                )
                continue
            given[code].append((position, line))
        positions: dict[str, str] = {}
        for code, rows in given.items():
            lines = ", ".join(f"{entry.path.name}:{line}" for _, line in rows)
            if len(rows) > 1:
                same = len({p for p, _ in rows}) == 1
                state.add_reason(
                    "member twice",
                    f"the {label} lists {self.names[code]} {len(rows)} times"
                    + ("" if same else "; its vote is left out"),
                    lines,
                )
                if not same:
                    continue
            if code not in seated:
                state.add_reason(
                    "not seated",
                    f"the {label} gives a vote of {self.names[code]}, not a member of the "
                    f"Council on {resolution.date}; left out",
                    lines,
                )
                continue
            positions[code] = rows[0][0]
        if entry.source == COMMUNITY:
            permanent = [c for c, p in seated.items() if p]
            positions = rules.classify_negative_votes(
                positions, permanent, on=resolution.date, procedural=resolution.procedural
            )
        return positions

    def store_positions(
        self, state: State, entry: Entry, positions: dict, missing: list, contradicts: bool
    ) -> None:
        """Keep the entry's members' votes on the record, unless the record is an
        editor's, has them from a better source, or the tally rules them out."""
        resolution = state.resolution
        label = LABEL[entry.source]
        if state.protected:
            if resolution.votes_recorded and positions != state.votes:
                state.add_reason(
                    "editor record differs",
                    f"votes: the {label}'s members' votes differ from the record's",
                )
            return
        if (
            state.votes
            and state.votes != positions
            and resolution.votes_recorded
            and PRECEDENCE[entry.source] > state.rank()
            and any(s in state.sources for s in (SITE_CSV, COMMUNITY))
        ):
            state.add_reason(
                "votes mismatch", f"the {label}'s members' votes differ from the record's"
            )
            return
        vetoes = {c for c, p in state.votes.items() if p == Position.VETO}
        ours_vetoes = {c for c, p in positions.items() if p == Position.VETO}
        if vetoes and not resolution.votes_recorded and vetoes != ours_vetoes:
            state.add_reason(
                "veto mismatch",
                f"the library names {names_of(vetoes)}, the members' votes "
                f"{names_of(ours_vetoes) or 'no veto'}; the {label}'s members' votes are "
                "left out",
            )
            contradicts = True
        if contradicts:
            # One of these positions is wrong and the source does not say which:
            # none is stored. The record keeps its tally and the vetoes on record.
            state.votes = {c: p for c, p in state.votes.items() if p == Position.VETO}
            resolution.votes_recorded = False
            return
        if entry.source == SITE_CSV and missing:
            # Only some members' rows: a tally-only record with the votes on file.
            state.votes = {**state.votes, **positions}
            return
        state.votes = positions
        resolution.votes_recorded = True

    @staticmethod
    def contradicts(
        tally: rules.Tally | None,
        counted: rules.Tally,
        positions: dict[str, str],
        missing: bool,
        resolution,
    ) -> bool:
        """Whether members' positions cannot all be right, given the record's tally:
        complete but adding up to another tally, or more votes of a kind than it has."""
        if tally is None:
            return False
        if not missing:
            return counted != tally
        non_voting = sum(p == Position.NON_VOTING for p in positions.values())
        return (
            counted.yes > tally.yes
            or counted.against > tally.against
            or counted.abstain > tally.abstain
            or non_voting > tally.non_voting(rules.seats(resolution.date))
        )
