"""Topic now belongs to the topics app: articles' tags point there (state only; no rows move)."""

import django.db.models.deletion
from django.db import migrations, models

import topics.models


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0003_related_posts"),
        ("craft_course", "0002_topic_moves_to_topics"),
        ("topics", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="taggedarticle",
                    name="tag",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="tagged_articles", to="topics.topic"),
                ),
                migrations.AlterField(
                    model_name="articlepage",
                    name="topics",
                    field=topics.models.TopicTaggableManager(blank=True, help_text="What the article is about. Type a topic and press Enter; other names for a topic (e.g. “benzos”) are filed under it automatically.", through="articles.TaggedArticle", to="topics.Topic", verbose_name="Tags"),
                ),
                migrations.DeleteModel(name="Topic"),
            ],
            database_operations=[],
        ),
    ]
