"""Demo content for the home app: the site tree, home page, snippets and demo logins.

``load_demo_content`` calls ``load_demo`` in every installed app that has a ``demo``
module, in INSTALLED_APPS order, so each app owns its demo data. Content lives in data
files beside this module, not in Python literals.
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from core.sites import configure_site
from home.models import AboutText, HomePage, MembershipCallToAction

DATA = Path(__file__).resolve().parent / "demo"

DEMO_LOGINS = [
    {"username": "admin", "password": "changeme-admin", "superuser": True, "group": None},
    {"username": "member", "password": "changeme-member", "superuser": False, "group": "Members"},
    {
        "username": "reviewer",
        "password": "changeme-reviewer",
        "superuser": False,
        "group": "Clinical reviewers",
    },
]


def read_json(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def ensure_home_page():
    """The site's root is a published HomePage and the default Site points at it."""
    data = read_json("home.json")
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        placeholders = list(root.get_children().filter(slug="home"))
        for page in placeholders:
            page.slug = f"replaced-{page.pk}"
            page.save()
        home = HomePage(
            title=data["title"],
            slug="home",
            intro=data["intro"],
            course_cta_heading=data["course_cta_heading"],
            course_cta_text=data["course_cta_text"],
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        configure_site(root_page=home)
        for page in placeholders:
            page.delete()
    configure_site(root_page=home)
    Site.objects.filter(is_default_site=True).exclude(site_name=data["site_name"]).update(
        site_name=data["site_name"]
    )
    return home


def ensure_snippets():
    for item in read_json("snippets.json")["membership_ctas"]:
        MembershipCallToAction.objects.get_or_create(name=item["name"], defaults=item)
    for item in read_json("snippets.json")["about_texts"]:
        AboutText.objects.get_or_create(name=item["name"], defaults=item)


def ensure_demo_logins(stdout):
    """Known demo logins, only ever in DEBUG; printed so a new user can sign in."""
    if not settings.DEBUG:
        return
    User = get_user_model()
    for login in DEMO_LOGINS:
        user, created = User.objects.get_or_create(username=login["username"])
        if created:
            user.set_password(login["password"])
            user.is_superuser = user.is_staff = login["superuser"]
            user.save()
        if login["group"]:
            user.groups.add(Group.objects.get_or_create(name=login["group"])[0])
        stdout.write(f"Demo login: {login['username']} / {login['password']}")


def load_demo(stdout):
    ensure_home_page()
    ensure_snippets()
    ensure_demo_logins(stdout)
