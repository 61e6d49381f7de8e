"""Give the topics table its own app's name (a rename: every row and reference is kept)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("topics", "0001_initial"),
        ("articles", "0004_topic_moves_to_topics"),
    ]

    operations = [
        migrations.AlterModelTable(name="topic", table=None),
    ]
