# ruff: noqa: S608 (SQL from this migration's own constants)
"""The kept figures' triggers (migrations 0011 and 0012) take a vote or a ballot
away with an UPDATE of the row that counts it, no longer with an upsert: a row
that is not there (its member's rows already emptied, as a flush does in no set
order) is left absent, never written as -1. Increments stay upserts. The SQL is
frozen here; undoing this migration puts back 0011's and 0012's triggers."""

from importlib import import_module

from django.db import migrations

VOTE = "resolutions_vote"
RECORD = "resolutions_resolution"
BALLOTS = "resolutions_recordballot"
YEARS = "resolutions_memberyear"
DAYS = "resolutions_dayballot"
TALLY_ONLY_DAYS = "resolutions_daytallyonly"

YEAR = {
    "sqlite": "CAST(strftime('%Y', {}) AS INTEGER)",
    "postgresql": "CAST(EXTRACT(YEAR FROM {}) AS INTEGER)",
}


def counted(position, outcome):
    """The position as the figures count it (VoteQuerySet.counted_as)."""
    return (
        f"CASE WHEN {position} = 'veto' AND {outcome} = 'vetoed' THEN 'veto' "
        f"WHEN {position} = 'veto' THEN 'against' ELSE {position} END"
    )


def change_years(vendor, select, sign):
    """Add (`+`) or take away (`-`) each vote of `select` (FROM ... giving
    v.member_id, v.position and r, its record) on its member's year row."""
    year = YEAR[vendor].format("r.date")
    position = counted("v.position", "r.outcome")
    flagged = "r.review_status = 'needs_review'"
    if sign == "+":
        return (
            f"INSERT INTO {YEARS} (member_id, year, position, flagged, votes) "
            f"SELECT v.member_id, {year}, {position}, {flagged}, 1 {select} "
            "ON CONFLICT (member_id, year, position, flagged) "
            f"DO UPDATE SET votes = {YEARS}.votes + excluded.votes;"
        )
    return (
        f"UPDATE {YEARS} SET votes = {YEARS}.votes - gone.votes FROM "
        f"(SELECT v.member_id AS member_id, {year} AS year, {position} AS position, "
        f"{flagged} AS flagged, COUNT(*) AS votes {select} GROUP BY 1, 2, 3, 4) gone "
        f"WHERE {YEARS}.member_id = gone.member_id AND {YEARS}.year = gone.year "
        f"AND {YEARS}.position = gone.position AND {YEARS}.flagged = gone.flagged;"
    )


def change_days(table, kind, select, sign):
    """Add or take away each ballot of `select` (FROM ... giving b.ballot and r,
    its record; `kind`: the records `table` counts) on its day's row; a row come
    down to none is deleted."""
    chosen = f"{select} AND {kind}"
    if sign == "+":
        return (
            f"INSERT INTO {table} (date, ballot, times) SELECT r.date, b.ballot, 1 {chosen} "
            f"ON CONFLICT (date, ballot) DO UPDATE SET times = {table}.times + excluded.times;"
        )
    return (
        f"UPDATE {table} SET times = {table}.times - gone.times FROM "
        f"(SELECT r.date AS date, b.ballot AS ballot, COUNT(*) AS times {chosen} "
        f"GROUP BY 1, 2) gone WHERE {table}.date = gone.date AND {table}.ballot = gone.ballot; "
        f"DELETE FROM {table} WHERE times = 0 AND (date, ballot) IN "
        f"(SELECT r.date, b.ballot {select});"
    )


# The records each table of days counts.
RECORDED = (DAYS, "r.votes_recorded AND b.ballot <> ''")
TALLY_ONLY = (TALLY_ONLY_DAYS, "NOT r.votes_recorded AND NOT r.adopted_without_vote")


def vote_years(vendor, row, sign):
    one = f"(SELECT {row}.member_id AS member_id, {row}.position AS position)"
    select = f"FROM {one} v JOIN {RECORD} r ON r.id = {row}.resolution_id WHERE true"
    return change_years(vendor, select, sign)


def record_years(vendor, row, sign):
    """Every vote of the record OLD or NEW, counted with that row's values."""
    select = (
        f"FROM {VOTE} v JOIN (SELECT {row}.date AS date, {row}.outcome AS outcome, "
        f"{row}.review_status AS review_status) r ON true WHERE v.resolution_id = {row}.id"
    )
    return change_years(vendor, select, sign)


def ballot_days(days, row, sign):
    """The ballot of the RecordBallot row OLD or NEW, on its record's day."""
    one = f"(SELECT {row}.ballot AS ballot)"
    select = f"FROM {one} b JOIN {RECORD} r ON r.id = {row}.resolution_id WHERE true"
    return change_days(*days, select, sign)


def record_days(days, row, sign):
    """The ballot of the record OLD or NEW, with that row's day and kind."""
    one = (
        f"(SELECT {row}.date AS date, {row}.votes_recorded AS votes_recorded, "
        f"{row}.adopted_without_vote AS adopted_without_vote)"
    )
    select = f"FROM {BALLOTS} b JOIN {one} r ON true WHERE b.resolution_id = {row}.id"
    return change_days(*days, select, sign)


def both(change, *args):
    """OLD taken away, then NEW added."""
    return [change(*args, "OLD", "-"), change(*args, "NEW", "+")]


def triggers(vendor):
    """The row triggers that take something away: (name, table, event, statements)."""
    return [
        ("kept_year_vote_removed", VOTE, "DELETE", [vote_years(vendor, "OLD", "-")]),
        ("kept_year_vote_changed", VOTE, "UPDATE", both(vote_years, vendor)),
        (
            "kept_year_record_changed",
            RECORD,
            "UPDATE OF date, outcome, review_status",
            both(record_years, vendor),
        ),
        ("kept_day_sides_changed", BALLOTS, "UPDATE OF ballot", both(ballot_days, RECORDED)),
        ("kept_day_sides_removed", BALLOTS, "DELETE", [ballot_days(RECORDED, "OLD", "-")]),
        (
            "kept_day_record_changed",
            RECORD,
            "UPDATE OF date, votes_recorded",
            both(record_days, RECORDED),
        ),
        (
            "kept_tally_only_ballot_changed",
            BALLOTS,
            "UPDATE OF ballot",
            both(ballot_days, TALLY_ONLY),
        ),
        (
            "kept_tally_only_ballot_removed",
            BALLOTS,
            "DELETE",
            [ballot_days(TALLY_ONLY, "OLD", "-")],
        ),
        (
            "kept_tally_only_record_changed",
            RECORD,
            "UPDATE OF date, votes_recorded, adopted_without_vote",
            both(record_days, TALLY_ONLY),
        ),
    ]


def create(vendor, made):
    """Each trigger of `made` ((name, table, event, statements)) dropped and made again."""
    statements = []
    for name, table, event, body in made:
        if vendor == "postgresql":
            returned = "OLD" if event == "DELETE" else "NEW"
            statements += [
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {' '.join(body)} RETURN {returned}; END $$",
                f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()",
            ]
        else:
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                f"FOR EACH ROW BEGIN {' '.join(body)} END",
            ]
    return statements


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in create(vendor, triggers(vendor)):
        schema_editor.execute(statement)


def earlier(vendor):
    """The same triggers as 0011 and 0012 made them."""
    names = {name for name, *_ in triggers(vendor)}
    years = import_module("resolutions.migrations.0011_kept_per_year_and_day")
    tally_only = import_module("resolutions.migrations.0012_kept_tally_only_per_day")
    made = [(name, table, event, body) for name, table, event, body, _ in years.triggers(vendor)]
    made += tally_only.TRIGGERS
    return [trigger for trigger in made if trigger[0] in names]


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in create(vendor, earlier(vendor)):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("resolutions", "0015_drop_record_sides"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
