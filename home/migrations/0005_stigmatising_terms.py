"""The list of stigmatising terms the editor's content checks flag, with a starting set."""

from django.db import migrations, models

STARTING_TERMS = [
    ("addict", "person with a substance use disorder (SUD)"),
    ("addicts", "people with a substance use disorder (SUD)"),
    ("abuser", "person who uses drugs, or person with SUD"),
    ("substance abuse", "substance use, or substance use disorder"),
    ("drug abuse", "drug use, or substance use disorder"),
    ("alcoholic", "person with an alcohol use disorder"),
    ("junkie", "person who uses drugs"),
    ("clean", "not using, in recovery, or a negative test (for a test result)"),
    ("dirty", "using, or a positive test (for a test result)"),
    ("drug habit", "substance use disorder"),
]


def add_terms(apps, schema_editor):
    Term = apps.get_model("home", "StigmatisingTerm")
    Term.objects.bulk_create(
        [Term(term=term, preferred=preferred) for term, preferred in STARTING_TERMS]
    )


class Migration(migrations.Migration):
    dependencies = [("home", "0004_editor_labels")]

    operations = [
        migrations.CreateModel(
            name="StigmatisingTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "term",
                    models.CharField(
                        help_text=(
                            "The word or phrase to flag, e.g. “addict”. Matched as whole "
                            "words, any case."
                        ),
                        max_length=60,
                        unique=True,
                    ),
                ),
                (
                    "preferred",
                    models.CharField(
                        help_text=(
                            "What to write instead, e.g. “person with a substance use "
                            "disorder”."
                        ),
                        max_length=160,
                        verbose_name="preferred phrasing",
                    ),
                ),
            ],
            options={"verbose_name": "stigmatising term", "ordering": ["term"]},
        ),
        migrations.RunPython(add_terms, migrations.RunPython.noop),
    ]
