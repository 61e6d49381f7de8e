"""Which topics exist for a reader: those with at least one published page they may see listed.

A topic row is made the moment an editor types a new name, even in a half-typed draft
(autosave), so "the row exists" cannot mean "the topic is public". Every surface that
shows topics (the topic pages, the topics API v2 and v3, search's topic links, the
editors' suggestions) asks here instead: a topic appears once a published article or
course unit uses it, and a topic whose pages are all unpublished or deleted disappears.
"""

from django.db.models import Q

from core.access import Access
from topics.models import Topic, tag_links


def listed_topics(access, queryset=None):
    """Topics used by at least one page ``access`` may see listed (teasers count)."""
    used = Q(pk__in=[])
    for through in tag_links():
        model = through._meta.get_field("content_object").related_model
        listed = access.listable(model.objects.all()).values("pk")
        used |= Q(pk__in=through.objects.filter(content_object_id__in=listed).values("tag_id"))
    return (Topic.objects.all() if queryset is None else queryset).filter(used)


def public_topics(queryset=None):
    """Topics anyone may see: what editors are offered as suggestions, too."""
    return listed_topics(Access.anonymous(), queryset)
