"""Topic moves here from the articles app, keeping every row.

The model is created in Django's state only, over the existing ``articles_topic`` table;
its content type (and so every permission granted on topics) is relabelled in place.
``0002`` renames the table once the articles app has let go of it.
"""

from django.db import migrations, models


def relabel_content_type(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    if content_types.objects.filter(app_label="topics", model="topic").exists():
        return
    content_types.objects.filter(app_label="articles", model="topic").update(app_label="topics")


def restore_content_type(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="topics", model="topic").update(app_label="articles")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("articles", "0003_related_posts"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Topic",
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(help_text='The topic as readers see it, e.g. “Benzodiazepines”.', max_length=100, unique=True, verbose_name='name')),
                        ('slug', models.SlugField(allow_unicode=True, help_text="Used in the topic's web address. Filled in from the name if left empty.", max_length=100, unique=True, verbose_name='slug')),
                        ('description', models.TextField(blank=True, help_text="One or two plain sentences shown at the top of the topic's page.")),
                        ('synonyms', models.TextField(blank=True, help_text='Other words people use for this topic, one per line or separated by commas (e.g. “benzos, Klonopin, Xanax”). Tags typed with these words are filed here.')),
                    ],
                    options={
                        "verbose_name": "topic",
                        "verbose_name_plural": "topics",
                        "ordering": ["name"],
                        "db_table": "articles_topic",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_type, restore_content_type),
    ]
