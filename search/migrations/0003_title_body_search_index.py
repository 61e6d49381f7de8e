"""An index for the expression PostgreSQL full-text search filters on.

Wagtail's database backend matches ``title || body @@ query`` on its index table, but
Wagtail indexes ``title`` and ``body`` separately, so every search read every index entry
(hundreds of milliseconds at 10,000 articles). A GIN index on the concatenation lets
PostgreSQL find the matching entries directly. SQLite (FTS5) has its own index: nothing to do.
"""

from django.db import migrations

NAME = "search_indexentry_title_body_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON wagtailsearch_indexentry USING gin ((title || body))"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_trigram_fuzzy_search")]

    operations = [migrations.RunPython(forwards, backwards)]
