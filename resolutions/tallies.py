# ruff: noqa: S608 (SQL built from this module's constants only, never from input)
"""Each member's vote counts (MemberTally), kept by the database itself.

/members/ shows, per member, its votes per position over every record and its
votes cast over the records whose individual votes are all on record. Counted
over every vote on each request, that is an aggregate over the whole record (a
hundred times the record: seconds). Instead each member has one row of counts,
changed by triggers in the same statement as the write: a member's vote added,
changed or removed, or a record's outcome or `votes_recorded` changed. Triggers,
not signals or save(): imports write in bulk and scalebench writes in plain SQL,
and a trigger sees every write alike.

The counts are those of MemberStateQuerySet.with_vote_counts (the definition
read live; tests/test_tallies.py checks that the two agree after each kind of
write). This module describes the triggers; migration 0009 installs
them as frozen text, and a test checks that the database's triggers are the ones
described here (a change here needs a new migration). A veto counts as a veto
cast on a draft recorded as vetoed, else as a vote against
(VoteQuerySet.counted_as); the `recorded_` counts read only records with
`votes_recorded`, a veto counted there as a vote against.
"""

from __future__ import annotations

TALLY = "resolutions_membertally"
VOTE = "resolutions_vote"
RESOLUTION = "resolutions_resolution"
MEMBER = "resolutions_memberstate"


def counts(position: str, outcome: str, recorded: str) -> dict[str, str]:
    """Each column's count of one vote (1 or 0), as SQL over the vote's position
    and its record's outcome and `votes_recorded` (SQL expressions)."""

    def one(condition: str) -> str:
        return f"(CASE WHEN {condition} THEN 1 ELSE 0 END)"

    vetoed = f"{outcome} = 'vetoed'"
    return {
        "votes_cast": one(f"{position} IS NOT NULL"),
        "votes_for": one(f"{position} = 'for'"),
        "votes_against": one(
            f"({position} = 'against' OR ({position} = 'veto' AND NOT ({vetoed})))"
        ),
        "votes_abstain": one(f"{position} = 'abstain'"),
        "votes_veto": one(f"({position} = 'veto' AND {vetoed})"),
        "votes_non_voting": one(f"{position} = 'non_voting'"),
        "recorded_for": one(f"({recorded} AND {position} = 'for')"),
        "recorded_against": one(f"({recorded} AND {position} IN ('against', 'veto'))"),
        "recorded_abstain": one(f"({recorded} AND {position} = 'abstain')"),
    }


COLUMNS = list(counts("p", "o", "r"))


def _of_vote(row: str) -> dict[str, str]:
    """counts() of the vote OLD or NEW, its record read by its id."""
    record = f"(SELECT {{}} FROM {RESOLUTION} WHERE id = {row}.resolution_id)"
    return counts(f"{row}.position", record.format("outcome"), record.format("votes_recorded"))


def _change_member(row: str, sign: str) -> str:
    """Add (sign '+') or take away ('-') the vote OLD or NEW from its member's row."""
    changes = ", ".join(f"{c} = {c} {sign} {e}" for c, e in _of_vote(row).items())
    return f"UPDATE {TALLY} SET {changes} WHERE member_id = {row}.member_id;"


def _change_record() -> str:
    """A record's outcome or votes_recorded changed: each of its votes counted
    again, for the member that cast it (at most one vote per member per record)."""
    position = (
        f"(SELECT v.position FROM {VOTE} v "
        f"WHERE v.resolution_id = NEW.id AND v.member_id = {TALLY}.member_id)"
    )
    before = counts(position, "OLD.outcome", "OLD.votes_recorded")
    after = counts(position, "NEW.outcome", "NEW.votes_recorded")
    changes = ", ".join(f"{c} = {c} - {before[c]} + {after[c]}" for c in COLUMNS)
    return (
        f"UPDATE {TALLY} SET {changes} "
        f"WHERE member_id IN (SELECT member_id FROM {VOTE} WHERE resolution_id = NEW.id);"
    )


def _new_member() -> str:
    zeros = ", ".join("0" for _ in COLUMNS)
    return f"INSERT INTO {TALLY} (member_id, {', '.join(COLUMNS)}) VALUES (NEW.code, {zeros});"


# The triggers: (name, table, event, statements).
TRIGGERS = [
    ("tally_vote_added", VOTE, "INSERT", [_change_member("NEW", "+")]),
    ("tally_vote_removed", VOTE, "DELETE", [_change_member("OLD", "-")]),
    (
        "tally_vote_changed",
        VOTE,
        "UPDATE",
        [_change_member("OLD", "-"), _change_member("NEW", "+")],
    ),
    ("tally_record_changed", RESOLUTION, "UPDATE OF outcome, votes_recorded", [_change_record()]),
    ("tally_member_added", MEMBER, "INSERT", [_new_member()]),
]


def create_sql(vendor: str) -> list[str]:
    """The statements that install the triggers on SQLite or PostgreSQL."""
    statements = []
    for name, table, event, body in TRIGGERS:
        if vendor == "postgresql":
            returned = "OLD" if event == "DELETE" else "NEW"
            statements.append(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {' '.join(body)} RETURN {returned}; END $$"
            )
            statements.append(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()"
            )
        else:
            statements.append(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                f"FOR EACH ROW BEGIN {' '.join(body)} END"
            )
    return statements
