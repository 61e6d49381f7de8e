"""load_demo_content builds the site and is idempotent."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction, Revision, Site

from home.models import AboutText, HomePage, MembershipCallToAction


def snapshot():
    """Everything a second run must leave exactly as it was."""
    pages = [
        (p.pk, p.path, p.slug, p.title, p.content_type_id, p.live, p.latest_revision_id)
        for p in Page.objects.order_by("path")
    ]
    return {
        "pages": pages,
        "revisions": Revision.objects.count(),
        "sites": list(Site.objects.values_list("pk", "root_page_id", "site_name")),
        "restrictions": PageViewRestriction.objects.count(),
        "ctas": list(MembershipCallToAction.objects.values_list("pk", "name")),
        "about": list(AboutText.objects.values_list("pk", "name")),
        "users": list(get_user_model().objects.values_list("pk", "username")),
    }


def test_demo_content_replaces_the_welcome_page_and_is_idempotent(db, settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)
    first = snapshot()

    call_command("load_demo_content", verbosity=0)

    assert snapshot() == first
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert home.live
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()


def test_demo_logins_are_never_created_outside_debug(db, settings):
    settings.DEBUG = False

    call_command("load_demo_content", verbosity=0)

    assert not get_user_model().objects.filter(username="admin").exists()
