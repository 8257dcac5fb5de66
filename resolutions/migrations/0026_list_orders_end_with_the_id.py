"""The list's orders end with the record's id (tables.in_total_order: rows that
tie on an order, votes of one day without a symbol, are read in the order of
their ids, so that no row is on two pages): its indexes of the default order, of
symbols and of the tally end with the id too, in the direction the list reads it.
Each page is still read from its index, not sorted; and a deep page reads the ids
at its offset from the index of the default order alone (an index-only scan: the
id is one of its columns now), so 0021's index of the same order with the ids
included, on PostgreSQL, is dropped. The SQL is frozen here, per database (the
model's state names the expressions, as Django compares them)."""

from django.db import migrations, models

import resolutions.models

TABLE = '"resolutions_resolution"'
MISSING = {"postgresql": "2147483648", "sqlite": "-1"}
# name -> (the index before, the index after), its columns.
INDEXES = {
    "resolution_list_order": (
        '("date" DESC, "resolution_number" DESC, "draft_symbol" DESC)',
        '("date" DESC, "resolution_number" DESC, "draft_symbol" DESC, "id" DESC)',
    ),
    "resolution_tally_order": (
        '("votes_for", "votes_against")',
        '("votes_for", "votes_against", "id")',
    ),
    "resolution_symbols_order": (
        '((COALESCE("resolution_number", {missing})), "draft_symbol")',
        '((COALESCE("resolution_number", {missing})), "draft_symbol", "id")',
    ),
}
# 0021's, on PostgreSQL only: made again when this migration is undone.
LIST_IDS = (
    'CREATE INDEX IF NOT EXISTS "resolution_list_ids" ON "resolutions_resolution" '
    '("date" DESC, "resolution_number" DESC, "draft_symbol" DESC) INCLUDE ("id") '
    'WHERE "id" IS NOT NULL'
)


def make(which: int):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for name, columns in INDEXES.items():
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')
            key = columns[which].format(missing=MISSING[vendor])
            schema_editor.execute(f'CREATE INDEX "{name}" ON {TABLE} {key}')
        if vendor == "postgresql":
            schema_editor.execute('DROP INDEX IF EXISTS "resolution_list_ids"' if which else LIST_IDS)

    return apply


class Migration(migrations.Migration):
    dependencies = [("resolutions", "0025_kept_texts_of_records_only")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(make(1), make(0))],
            state_operations=[
                migrations.RemoveIndex(model_name="resolution", name="resolution_list_order"),
                migrations.RemoveIndex(model_name="resolution", name="resolution_tally_order"),
                migrations.RemoveIndex(model_name="resolution", name="resolution_symbols_order"),
                migrations.AddIndex(
                    model_name="resolution",
                    index=models.Index(
                        fields=["-date", "-resolution_number", "-draft_symbol", "-id"],
                        name="resolution_list_order",
                    ),
                ),
                migrations.AddIndex(
                    model_name="resolution",
                    index=models.Index(
                        resolutions.models.SymbolOrder(),
                        models.F("draft_symbol"),
                        models.F("id"),
                        name="resolution_symbols_order",
                    ),
                ),
                migrations.AddIndex(
                    model_name="resolution",
                    index=models.Index(
                        fields=["votes_for", "votes_against", "id"], name="resolution_tally_order"
                    ),
                ),
            ],
        )
    ]
