"""Fuzzy search on PostgreSQL needs pg_trgm and trigram indexes on Wagtail's index table.

Wagtail leaves this to a management command (``enable_trigram``); a migration makes sure
every PostgreSQL database (CI, production, a fresh laptop) has it. SQLite: nothing to do.
"""

from django.db import migrations

INDEXES = {
    "search_indexentry_title_text_trgm": "title_text",
    "search_indexentry_body_text_trgm": "body_text",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON wagtailsearch_indexentry "
            f"USING gin ({column} gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_zero_result_queries"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
