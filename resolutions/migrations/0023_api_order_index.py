"""The order of /api/votes/ (api.VOTE_ORDER: latest first, numbers' nulls last,
ties broken by the id), on PostgreSQL: its first page is read from this index,
not sorted from every record, and a deep page reads the ids of its rows from the
index alone (tables.deep_slice), not every record before them (at a hundred times
the record, page 3,000 read and sorted 314,000 records: 196 ms). SQLite's indexes
cannot order nulls last. Not in the model's state (PostgreSQL only). The SQL is
frozen here."""

from django.db import migrations

CREATE = (
    'CREATE INDEX IF NOT EXISTS "resolution_api_order" ON "resolutions_resolution" '
    '("date" DESC, "resolution_number" DESC NULLS LAST, "draft_symbol" DESC, "id" DESC)'
)
DROP = 'DROP INDEX IF EXISTS "resolution_api_order"'


def run(statement):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("resolutions", "0022_kept_day_records")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
