"""Course units' topic tags point at ``topics.Topic`` (state only: the table is the same)."""

import django.db.models.deletion
from django.db import migrations, models

import topics.models


class Migration(migrations.Migration):

    dependencies = [
        ("craft_course", "0001_initial"),
        ("topics", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="courseunitpage",
                    name="topics",
                    field=topics.models.TopicTaggableManager(blank=True, help_text="What the unit is about, using the same topics as articles.", through="craft_course.TaggedCourseUnit", to="topics.Topic", verbose_name="Tags"),
                ),
                migrations.AlterField(
                    model_name="taggedcourseunit",
                    name="tag",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="tagged_course_units", to="topics.topic"),
                ),
            ],
            database_operations=[],
        ),
    ]
