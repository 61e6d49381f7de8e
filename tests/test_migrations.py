"""Migrations: they match the models, and moving Topic to its own app loses nothing.

For the move, the database is taken back to before it, filled the old way (a topic, an
article and a course unit tagged with it, permissions on topics), then migrated forward;
every row, tag and permission must be there, under the new app.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import ensure_root

BEFORE = [("articles", "0003_related_posts"), ("craft_course", "0001_initial"), ("topics", None)]


def test_models_and_migrations_agree(db):
    out = StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out)

    assert "No changes detected" in out.getvalue()


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _page(apps, model, path, **fields):
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    root = Page.objects.get(depth=1)
    content_type, _ = ContentType.objects.get_or_create(
        app_label=model._meta.app_label, model=model._meta.model_name
    )
    return model.objects.create(
        title=fields.pop("title"),
        slug=fields.pop("slug"),
        path=root.path + path,
        depth=2,
        numchild=0,
        url_path=f"/{path}/",
        content_type=content_type,
        locale=Locale.objects.first(),
        live=True,
        body="[]",
        summary="A summary.",
        **fields,
    )


@pytest.mark.django_db(transaction=True)
def test_topics_survive_the_move_to_their_own_app():
    ensure_root()  # an earlier transactional test may have flushed Wagtail's root page
    old = _migrate(BEFORE)
    Topic = old.get_model("articles", "Topic")
    topic = Topic.objects.create(
        name="Benzodiazepines", slug="benzodiazepines", synonyms="benzos\nKlonopin"
    )
    article = _page(old, old.get_model("articles", "ArticlePage"), "0099", title="A", slug="a")
    unit = _page(old, old.get_model("craft_course", "CourseUnitPage"), "0098", title="U", slug="u")
    old.get_model("articles", "TaggedArticle").objects.create(tag=topic, content_object=article)
    old.get_model("craft_course", "TaggedCourseUnit").objects.create(tag=topic, content_object=unit)
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    Group = old.get_model("auth", "Group")
    topic_type, _ = ContentType.objects.get_or_create(app_label="articles", model="topic")
    change, _ = Permission.objects.get_or_create(
        content_type=topic_type, codename="change_topic", defaults={"name": "Can change topic"}
    )
    editors = Group.objects.create(name="Topic editors")
    editors.permissions.add(change)

    new = _migrate(_latest())

    Topic = new.get_model("topics", "Topic")
    moved = Topic.objects.get(pk=topic.pk)
    assert (moved.name, moved.synonyms) == ("Benzodiazepines", "benzos\nKlonopin")
    tagged = new.get_model("articles", "TaggedArticle").objects.get(content_object_id=article.pk)
    assert tagged.tag_id == topic.pk
    unit_tag = new.get_model("craft_course", "TaggedCourseUnit").objects.get(
        content_object_id=unit.pk
    )
    assert unit_tag.tag_id == topic.pk
    ContentType = new.get_model("contenttypes", "ContentType")
    relabelled = ContentType.objects.get(pk=topic_type.pk)
    assert (relabelled.app_label, relabelled.model) == ("topics", "topic")
    assert not ContentType.objects.filter(app_label="articles", model="topic").exists()
    group = new.get_model("auth", "Group").objects.get(name="Topic editors")
    assert [(p.content_type.app_label, p.codename) for p in group.permissions.all()] == [
        ("topics", "change_topic")
    ]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "topics_topic" in tables
    assert "articles_topic" not in tables
