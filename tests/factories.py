"""Small builders for test data: plain functions, no fixtures loaded from files."""

import itertools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from home.models import HomePage

_counter = itertools.count(1)


def unique(prefix):
    return f"{prefix}-{next(_counter)}"


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


def make_user(username=None, *, member=False, superuser=False, password="pass-word-123"):
    user = get_user_model().objects.create_user(
        username=username or unique("user"), password=password
    )
    if superuser:
        user.is_superuser = user.is_staff = True
        user.save()
    if member:
        user.groups.add(Group.objects.get_or_create(name=settings.MEMBERS_GROUP_NAME)[0])
    return user
