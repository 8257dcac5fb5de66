# ruff: noqa: S608 (SQL from this migration's own constants)
"""The kept texts (RecordText, migration 0024) written anew from their records
only where the record is there. Before, taking a record's topics away after the
record itself (a flush empties tables in no set order, the links' checks
deferred) wrote its text from no record: NULL, which the text's NOT NULL refused,
so the flush failed. The triggers that write a text anew (a record changed, a
topic renamed, links given, taken away or changed) are made again with that
condition; the SQL is frozen here."""

from importlib import import_module

from django.db import migrations

kept_texts = import_module("resolutions.migrations.0024_kept_record_texts")
RECORD, LINKS, TOPIC, TEXTS = (
    kept_texts.RECORD,
    kept_texts.LINKS,
    kept_texts.TOPIC,
    kept_texts.TEXTS,
)


def again(vendor, records):
    """Each record of `records` (SQL giving record ids) that is there, written anew."""
    return (
        f"UPDATE {TEXTS} SET text = (SELECT {kept_texts.text(vendor, 'r')} FROM {RECORD} r "
        f"WHERE r.id = {TEXTS}.resolution_id) WHERE resolution_id IN ({records}) "
        f"AND resolution_id IN (SELECT id FROM {RECORD})"
    )


def triggers(vendor, write_again):
    """(name, table, event, statement, per statement: the transition tables,
    condition) of the triggers of migration 0024 that write texts anew, each
    with `write_again` (vendor, records) as its statement."""
    changed = " OR ".join(f"OLD.{field} <> NEW.{field}" for field in kept_texts.FIELDS)
    rows = [
        ("kept_text_record_changed", RECORD,
         f"UPDATE OF {', '.join(kept_texts.FIELDS)}", "NEW.id", None, changed),
        ("kept_text_topic_renamed", TOPIC, "UPDATE OF name",
         f"SELECT resolution_id FROM {LINKS} WHERE topic_id = NEW.id", None,
         "OLD.name <> NEW.name"),
    ]  # fmt: skip
    if vendor == "postgresql":
        rows += [
            ("kept_text_links_added", LINKS, "INSERT", "SELECT resolution_id FROM new_links",
             "NEW TABLE AS new_links", None),
            ("kept_text_links_removed", LINKS, "DELETE", "SELECT resolution_id FROM old_links",
             "OLD TABLE AS old_links", None),
            ("kept_text_links_changed", LINKS, "UPDATE",
             "SELECT resolution_id FROM old_links UNION SELECT resolution_id FROM new_links",
             "OLD TABLE AS old_links NEW TABLE AS new_links", None),
        ]  # fmt: skip
    else:
        rows += [
            ("kept_text_link_added", LINKS, "INSERT", "NEW.resolution_id", None, None),
            ("kept_text_link_removed", LINKS, "DELETE", "OLD.resolution_id", None, None),
            ("kept_text_link_changed", LINKS, "UPDATE",
             "OLD.resolution_id, NEW.resolution_id", None, None),
        ]  # fmt: skip
    return [
        (name, table, event, write_again(vendor, records), transition, condition)
        for name, table, event, records, transition, condition in rows
    ]


def statements(vendor, write_again):
    """Each trigger dropped, then made with `write_again`."""
    made = []
    for name, table, event, body, transition, condition in triggers(vendor, write_again):
        when = f" WHEN ({condition})" if condition else ""
        if vendor == "postgresql":
            returned = "NULL" if transition else ("OLD" if event == "DELETE" else "NEW")
            each = f"REFERENCING {transition} FOR EACH STATEMENT" if transition else "FOR EACH ROW"
            made += [
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {body}; RETURN {returned}; END $$",
                f"CREATE TRIGGER {name} AFTER {event} ON {table} {each}{when} "
                f"EXECUTE FUNCTION {name}()",
            ]
        else:
            made += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                f"FOR EACH ROW{when} BEGIN {body}; END",
            ]
    return made


def forward(apps, schema_editor):
    for statement in statements(schema_editor.connection.vendor, again):
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    # Migration 0024's statements, ending in ";" already.
    def before(vendor, records):
        return kept_texts.again(vendor, records).rstrip(";")

    for statement in statements(schema_editor.connection.vendor, before):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("resolutions", "0024_kept_record_texts"),
    ]

    operations = [migrations.RunPython(forward, backward)]
