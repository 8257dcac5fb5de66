# ruff: noqa: S608 (SQL from this migration's own constants)
"""Each kept text (RecordText, migration 0024) holds its record's day: the votes
a search finds are counted per day from the texts it reads (search.Found.texts),
without a join with their records (at 100x, the Middle East's 66,100 votes by
day: 63 ms from the texts, 110-125 ms joined), and a page deep in a search is
read between the days that hold it (tables.within_days). The day is written
with the text when a record is added (0024's trigger made again with it), and
again when the record's day changes; filled once from the records. The
triggers that write the texts are dropped while the column is added (SQLite
makes the table anew, and refuses to while a trigger names it), then made
again. The SQL is frozen here."""

import datetime as dt
from importlib import import_module

from django.db import migrations, models

kept_texts = import_module("resolutions.migrations.0024_kept_record_texts")
again_0025 = import_module("resolutions.migrations.0025_kept_texts_of_records_only")
RECORD, TEXTS = kept_texts.RECORD, kept_texts.TEXTS
# 0024's trigram index (PostgreSQL), for scalebench's refill.
INDEX = kept_texts.INDEX


def added(vendor, with_day):
    """(name, table, event, statement, condition) of the trigger that writes a
    new record's text, with its day or (0024's) without."""
    if with_day:
        statement = (
            f"INSERT INTO {TEXTS} (resolution_id, text, date) "
            f"VALUES (NEW.id, {kept_texts.text(vendor, 'NEW')}, NEW.date)"
        )
    else:
        statement = (
            f"INSERT INTO {TEXTS} (resolution_id, text) "
            f"VALUES (NEW.id, {kept_texts.text(vendor, 'NEW')})"
        )
    return ("kept_text_record_added", RECORD, "INSERT", statement, None)


def dated(vendor):
    """The trigger that writes a record's new day in its text's row."""
    return (
        "kept_text_record_dated",
        RECORD,
        "UPDATE OF date",
        f"UPDATE {TEXTS} SET date = NEW.date WHERE resolution_id = NEW.id",
        "OLD.date <> NEW.date",
    )


def made(name, table, event, statement, condition, vendor):
    """A row trigger dropped, then made."""
    when = f" WHEN ({condition})" if condition else ""
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {statement}; RETURN NEW; END $$",
            f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{when} "
            f"EXECUTE FUNCTION {name}()",
        ]
    return [
        f"DROP TRIGGER IF EXISTS {name}",
        f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{when} BEGIN {statement}; END",
    ]


def dropped(name, table, vendor):
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {name} ON {table}", f"DROP FUNCTION IF EXISTS {name}()"]
    return [f"DROP TRIGGER IF EXISTS {name}"]


# Every text's day from its record, once.
FILL_DAYS = (
    f"UPDATE {TEXTS} SET date = (SELECT r.date FROM {RECORD} r WHERE r.id = {TEXTS}.resolution_id)"
)


def fill(vendor):
    """Every record's text and day written from the record (0024's fill, with the
    day): scalebench's refill of the texts."""
    return (
        f"INSERT INTO {TEXTS} (resolution_id, text, date) "
        f"SELECT r.id, {kept_texts.text(vendor, 'r')}, r.date FROM {RECORD} r"
    )


def written_again(vendor):
    """0025's triggers that write a text anew (a record's texts changed, a topic
    renamed, links given, taken away or changed), made again as 0025 made them."""
    return again_0025.statements(vendor, again_0025.again)


def every_trigger(vendor):
    """(name, table) of each trigger that writes the texts."""
    names = [(name, table) for name, table, *_ in again_0025.triggers(vendor, again_0025.again)]
    return [*names, added(vendor, True)[:2], dated(vendor)[:2]]


def drop_triggers(apps, schema_editor):
    """Every trigger writing the texts dropped: SQLite makes the texts' table
    anew to add a column, and refuses to while a trigger names it."""
    vendor = schema_editor.connection.vendor
    for name, table in every_trigger(vendor):
        for statement in dropped(name, table, vendor):
            schema_editor.execute(statement)


def with_days(apps, schema_editor):
    """The days written, then the triggers made, a new record's with its day."""
    vendor = schema_editor.connection.vendor
    statements = [
        FILL_DAYS,
        *made(*added(vendor, with_day=True), vendor),
        *made(*dated(vendor), vendor),
        *written_again(vendor),
    ]
    for statement in statements:
        schema_editor.execute(statement)


def without_days(apps, schema_editor):
    """The triggers as 0025 left them (a new record's text without its day)."""
    vendor = schema_editor.connection.vendor
    for statement in [*made(*added(vendor, with_day=False), vendor), *written_again(vendor)]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("resolutions", "0026_list_orders_end_with_the_id"),
    ]

    operations = [
        migrations.RunPython(drop_triggers, without_days),
        # Added with a day no record has, then written from the records (above).
        migrations.AddField(
            model_name="recordtext",
            name="date",
            field=models.DateField(default=dt.date(1, 1, 1)),
            preserve_default=False,
        ),
        migrations.RunPython(with_days, drop_triggers),
    ]
