"""A site with one page of every kind privacy knows, and the readers who visit it.

Shared by the access-policy tests and the privacy matrix. Each page's body holds a marker
word found nowhere else, and each title is unique, so a response can be searched for
what it must not show.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from core.access import HIDDEN, READ, TEASER
from tests.factories import (
    make_article,
    make_blog,
    make_course,
    make_image,
    make_module,
    make_page,
    make_topic,
    make_unit,
    make_user,
    restrict,
)

PASSWORD = "open-sesame-42"
#: Every reader the matrix visits as.
READERS = ["anonymous", "non_member", "member", "editor", "carer", "password"]

#: What each kind of page is for each reader.
EXPECTED = {
    "public": dict.fromkeys(READERS, READ),
    "draft": dict.fromkeys(READERS, HIDDEN),
    "unpublished": dict.fromkeys(READERS, HIDDEN),
    "scheduled": dict.fromkeys(READERS, HIDDEN),
    "members": {
        **dict.fromkeys(READERS, TEASER),
        "member": READ,
        "editor": READ,
    },
    "flag_only": {
        **dict.fromkeys(READERS, TEASER),
        "member": READ,
        "editor": READ,
    },
    "password": {**dict.fromkeys(READERS, HIDDEN), "password": READ},
    "group": {**dict.fromkeys(READERS, HIDDEN), "carer": READ},
    "under_group_section": {**dict.fromkeys(READERS, HIDDEN), "carer": READ},
    "login": {**dict.fromkeys(READERS, READ), "anonymous": HIDDEN, "password": HIDDEN},
}
KINDS = list(EXPECTED)


def marker(kind):
    """A word only this page's body holds."""
    return f"zq{kind.replace('_', '')}secret"


def title(kind):
    return f"Family note {kind.replace('_', ' ')} xk"


@dataclass
class PrivacySite:
    home: object
    articles: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    topic: object = None
    private_image: object = None
    public_image: object = None
    course: object = None


def _article(kind, parent, topic, **fields):
    body = [{"type": "paragraph", "value": f"<p>The {marker(kind)} routine, in full.</p>"}]
    return make_article(
        title(kind),
        parent=parent,
        summary=f"Summary of the {kind.replace('_', ' ')} note.",
        standfirst=f"Standfirst {marker(kind)}.",
        body=body,
        topics=[topic],
        **fields,
    )


def _unit(kind, module, **fields):
    body = [{"type": "paragraph", "value": f"<p>The unit {marker(kind)} routine.</p>"}]
    return make_unit(module, title=f"Unit {title(kind)}", body=body, **fields)


def _lock(kind, page, carers, section=None):
    """Apply the privacy of ``kind`` to an already published page."""
    if kind == "unpublished":
        page.unpublish()
    elif kind == "flag_only":
        # "Privacy: Public" in the admin deletes the row; the flag alone must still lock.
        PageViewRestriction.objects.filter(page=page).delete()
    elif kind == "password":
        restrict(page, PageViewRestriction.PASSWORD, password=PASSWORD)
    elif kind == "group":
        restrict(page, PageViewRestriction.GROUPS, groups=[carers])
    elif kind == "login":
        restrict(page, PageViewRestriction.LOGIN)


def build_site(home):
    """Every kind of page, as an article and as a course unit, plus readers and images."""
    carers = Group.objects.create(name="Carers")
    topic = make_topic("Sleep and worry")
    blog = make_blog(home)
    section = make_page(home, "Carers' corner")
    restrict(section, PageViewRestriction.GROUPS, groups=[carers])
    course = make_course(home)
    module = make_module(course, 1)
    group_module = make_module(course, 2)
    restrict(group_module, PageViewRestriction.GROUPS, groups=[carers])
    site = PrivacySite(home=home, topic=topic, course=course)
    later = timezone.now() + timezone.timedelta(days=30)
    for kind in KINDS:
        members = kind in ("members", "flag_only")
        if kind == "draft":
            site.articles[kind] = _article(kind, blog, topic, publish=False)
            site.units[kind] = _unit(kind, module, live=False, members_only=False)
            continue
        if kind == "scheduled":
            article = _article(kind, blog, topic, publish=False)
            article.go_live_at = later
            article.save_revision(approved_go_live_at=later)
            site.articles[kind] = article
            site.units[kind] = _unit(kind, module, live=False, members_only=False)
            continue
        parent = section if kind == "under_group_section" else blog
        site.articles[kind] = _article(kind, parent, topic, members_only=members)
        unit_module = group_module if kind == "under_group_section" else module
        site.units[kind] = _unit(kind, unit_module, members_only=members)
        for page in (site.articles[kind], site.units[kind]):
            _lock(kind, page, carers)
    site.users = {
        "non_member": make_user("reader-nm"),
        "member": make_user("reader-member", member=True),
        "editor": make_user("reader-editor", editor=True),
        "carer": make_user("reader-carer", groups=[carers]),
    }
    root = Collection.get_first_root_node()
    private = root.add_child(name="Carers only")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([carers])
    site.private_image = make_image(f"Image {marker('collection')}")
    site.private_image.collection = private
    site.private_image.save()
    site.public_image = make_image("Image of a calm kitchen")
    return site


def pass_password(client, page):
    """Enter the shared password on a protected page, as a reader would."""
    restriction = PageViewRestriction.objects.get(
        page=page, restriction_type=PageViewRestriction.PASSWORD
    )
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    response = client.post(url, {"password": PASSWORD, "return_url": page.url})
    assert response.status_code == 302, response.content
