"""The list's order of symbols (resolutions.models.SymbolOrder) read from its own
index: the resolution number, a missing one where each database sorts it (after
every number on PostgreSQL, before on SQLite), then the draft symbol. It replaces
the index of (number, symbol), which PostgreSQL passed over for the number's unique
index and a sort of every unnumbered draft. The SQL is frozen here, per database
(the model's state names the expression, as Django compares it)."""

from django.db import migrations, models

import resolutions.models

MISSING = {"postgresql": "2147483648", "sqlite": "-1"}
DROP_OLD = 'DROP INDEX IF EXISTS "resolution_symbol_order"'
CREATE_OLD = (
    'CREATE INDEX "resolution_symbol_order" ON "resolutions_resolution" '
    '("resolution_number", "draft_symbol")'
)
CREATE_NEW = (
    'CREATE INDEX "resolution_symbols_order" ON "resolutions_resolution" '
    '((COALESCE("resolution_number", {missing})), "draft_symbol")'
)
DROP_NEW = 'DROP INDEX IF EXISTS "resolution_symbols_order"'


def forwards(apps, schema_editor):
    schema_editor.execute(DROP_OLD)
    schema_editor.execute(CREATE_NEW.format(missing=MISSING[schema_editor.connection.vendor]))


def backwards(apps, schema_editor):
    schema_editor.execute(DROP_NEW)
    schema_editor.execute(CREATE_OLD)


class Migration(migrations.Migration):
    dependencies = [("resolutions", "0018_kept_topic_vetoes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forwards, backwards)],
            state_operations=[
                migrations.RemoveIndex(model_name="resolution", name="resolution_symbol_order"),
                migrations.AddIndex(
                    model_name="resolution",
                    index=models.Index(
                        resolutions.models.SymbolOrder(), models.F("draft_symbol"), name="resolution_symbols_order"
                    ),
                ),
            ],
        )
    ]
