"""Trigram indexes for the search (resolutions/search.py), PostgreSQL only.

A query's words are found anywhere in a vote's texts: `icontains`, which Django
writes on PostgreSQL as `UPPER(column::text) LIKE UPPER('%word%')`. A GIN index of
the trigrams of that same expression (pg_trgm, PostgreSQL's own extension, trusted:
a database's owner may create it) answers such a LIKE without reading every vote;
at a hundred times the record a search read all 318,700 votes (1-3 s). SQLite has
no such index and reads every vote, with the same results.
"""

from django.db import migrations

FIELDS = ("title", "subject", "agenda_item", "draft_symbol", "draft_note", "meeting")
CREATE = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
    f"CREATE INDEX IF NOT EXISTS resolution_{field}_trgm ON resolutions_resolution "
    f"USING gin ((UPPER(({field})::text)) gin_trgm_ops)"
    for field in FIELDS
]
DROP = [f"DROP INDEX IF EXISTS resolution_{field}_trgm" for field in FIELDS]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("resolutions", "0013_index_outcome_date")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
