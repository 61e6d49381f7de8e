"""The test data builders, all in one place: plain functions, no fixtures loaded from files.

Pages are created and published through Wagtail's own methods (revisions, signals), so
what a test builds is what an editor's publish produces.
"""

import datetime
import itertools
import json
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import APIToken, Locale, Page, PageViewRestriction, Site

from articles.models import ArticleAuthor, ArticleIndexPage, ArticlePage, Author
from craft_course.models import CourseIndexPage, CourseModulePage, CourseUnitPage
from home.models import HomePage
from membership.models import Membership
from topics.models import Topic

_counter = itertools.count(1)


def unique(prefix):
    return f"{prefix}-{next(_counter)}"


# The site


def ensure_root():
    """Wagtail's root page (and default locale), even after a transactional test flushed them."""
    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def make_home(**fields):
    """A published HomePage that the default Site serves."""
    root = ensure_root()
    existing = HomePage.objects.first()
    if existing:
        return existing
    for page in root.get_children().filter(slug="home"):
        page.slug = unique("old-home")
        page.save()
    fields.setdefault("title", "Help for families")
    fields.setdefault("intro", "Calm, practical guidance for families.")
    home = root.add_child(instance=HomePage(slug="home", **fields))
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Family CRAFT",
        },
    )
    return home


def publish(page):
    """Publish the page's latest state through a revision, and pick up what publishing set."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_page(parent, title=None, publish_it=True, **fields):
    """A plain Wagtail page (a section, say) under ``parent``."""
    title = title or unique("Section")
    page = parent.add_child(instance=Page(title=title, slug=unique("section"), **fields))
    return publish(page) if publish_it else page


def restrict(page, kind, groups=(), password=""):
    """A view restriction on ``page``, as the admin's privacy dialog makes one."""
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=password
    )
    restriction.groups.set(groups)
    return restriction


# People


def members_group():
    return Group.objects.get_or_create(name=settings.MEMBERS_GROUP_NAME)[0]


def make_user(
    username=None, *, member=False, superuser=False, editor=False, groups=(), password=None
):
    """A user; ``member`` gives an open-ended membership grant (which puts them in the
    Members group), ``editor`` lets them use the admin."""
    user = get_user_model().objects.create_user(
        username=username or unique("user"), password=password or "pass-word-123"
    )
    if superuser:
        user.is_superuser = user.is_staff = True
        user.save()
    if member:
        Membership.objects.create(user=user, note="test member")
    if editor:
        editors, _ = Group.objects.get_or_create(name="Editors")
        editors.permissions.add(Permission.objects.get(codename="access_admin"))
        user.groups.add(editors)
    user.groups.add(*groups)
    return user


def token_for(user):
    """An API v3 bearer token's header for ``user``."""
    _token, key = APIToken.create_token(user=user, name=unique("app"))
    return {"Authorization": f"Bearer {key}"}


# Topics, authors, images


def make_topic(name, synonyms=""):
    return Topic.objects.get_or_create(name=name, defaults={"synonyms": synonyms})[0]


def make_topics(entries):
    """Topics from dicts with ``name`` and optional ``synonyms``."""
    return [make_topic(entry["name"], entry.get("synonyms", "")) for entry in entries]


def make_author(name=None, photo=None):
    name = name or unique("Author")
    return Author.objects.create(name=name, slug=unique("author"), role="Counsellor", photo=photo)


def make_image(title="Picture"):
    return get_image_model().objects.create(title=title, file=get_test_image_file(size=(40, 30)))


# Articles


def make_blog(home=None):
    existing = ArticleIndexPage.objects.first()
    if existing:
        return existing
    home = home or make_home()
    blog = home.add_child(instance=ArticleIndexPage(title="Articles", slug="articles"))
    return publish(blog)


def _body(body, title):
    if body is None:
        return json.dumps([{"type": "paragraph", "value": "<p>Plain words.</p>"}])
    if isinstance(body, str):
        return json.dumps([{"type": "paragraph", "value": f"<p>{body or title}</p>"}])
    return json.dumps(list(body))


def make_article(
    title=None,
    *,
    parent=None,
    slug=None,
    summary=None,
    body=None,
    topics=(),
    authors=(),
    publish=True,
    days_ago=None,
    **fields,
):
    """An article under ``parent`` (the blog by default), published unless ``publish`` is false.

    ``body`` is a paragraph's text, a list of raw blocks (``{"type", "value"}``) or None
    for a plain paragraph. ``topics`` are topics or names; names resolve through synonyms
    as in the admin. Publishing syncs a members-only article's restriction.
    """
    title = title or unique("Article")
    if days_ago is not None:
        fields["date"] = datetime.date.today() - datetime.timedelta(days=days_ago)
    page = ArticlePage(
        title=title,
        slug=slug or unique("article"),
        summary=f"What {title} covers." if summary is None else summary,
        body=_body(body, title),
        live=False,
        **fields,
    )
    (parent or make_blog()).add_child(instance=page)
    names = [topic for topic in topics if isinstance(topic, str)]
    chosen = [topic for topic in topics if not isinstance(topic, str)]
    page.topics.set(chosen + Topic.objects.resolve(names))
    for author in authors:
        page.article_authors.add(ArticleAuthor(author=author))
    page.save()
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


# The course


def exercise_block(number, prompts=("What did you notice?",), block_id=None):
    return {
        "type": "exercise",
        "id": block_id or str(uuid.uuid4()),
        "value": {
            "number": number,
            "title": f"Observation {number}",
            "guidance": "<p>Notice one thing this week.</p>",
            "prompts": list(prompts),
        },
    }


def make_course(home=None, **fields):
    fields.setdefault("title", "The CRAFT course")
    fields.setdefault("slug", "course")
    fields.setdefault("intro", "Eight modules for families.")
    return publish((home or make_home()).add_child(instance=CourseIndexPage(**fields)))


def make_module(course, number, live=True, **fields):
    fields.setdefault("title", f"Module {number} title")
    fields.setdefault("slug", unique(f"module-{number}"))
    fields.setdefault("summary", f"What module {number} covers.")
    fields.setdefault("learning_goals", "Notice patterns\nStay safe")
    module = course.add_child(instance=CourseModulePage(number=number, **fields))
    return publish(module) if live else module


def make_unit(module, title=None, live=True, body=None, topics=(), **fields):
    title = title or unique("Unit")
    fields.setdefault("slug", unique("unit"))
    fields.setdefault("summary", f"Summary of {title}.")
    fields.setdefault("estimated_minutes", 10)
    if body is None:
        body = [
            {"type": "paragraph", "value": f"<p>Secret body of {title}.</p>"},
            exercise_block(1, prompts=("What did you notice?", "What happened next?")),
        ]
    unit = module.add_child(instance=CourseUnitPage(title=title, body=body, **fields))
    if topics:
        unit.topics.set(Topic.objects.resolve(topics))
    if live:
        return publish(unit)
    unit.live = False
    unit.save()
    return unit


def make_small_course(home=None, modules=2, units_per_module=2):
    course = make_course(home)
    built = []
    for number in range(1, modules + 1):
        module = make_module(course, number)
        built.append((module, [make_unit(module) for _ in range(units_per_module)]))
    return course, built
