"""The list's order with each vote's id (resolution_list_ids), on PostgreSQL: a
deep page reads the ids of its rows from this index alone (tables.DeepPages: `id
IN (the ids at that offset)`), not every record before them (at a hundred times
the record, page 5,000 of the list read 250,000 records). Beside the list's own
index (resolution_list_order), which a page of whole records keeps reading: this
one is partial on a condition every vote meets (`id IS NOT NULL`), so that only
the query that names it, DeepPages's, reads it (as an equal of the list's own,
the planner took it, or the day's index and a sort, for a page of whole
records). Not in the model's state (Django writes INCLUDE on PostgreSQL only,
and warns of it on SQLite). The SQL is frozen here."""

from django.db import migrations

CREATE = (
    'CREATE INDEX IF NOT EXISTS "resolution_list_ids" ON "resolutions_resolution" '
    '("date" DESC, "resolution_number" DESC, "draft_symbol" DESC) INCLUDE ("id") '
    'WHERE "id" IS NOT NULL'
)
DROP = 'DROP INDEX IF EXISTS "resolution_list_ids"'


def run(statement):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("resolutions", "0020_index_records_no_day_keeps")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
