"""The Topics menu (wagtail-modeladmin) and its merge view."""

from django.urls import path
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from topics.admin import TopicAdmin, autocomplete_view, merge_topic_view
from topics.models import Topic

modeladmin_register(TopicAdmin)


@hooks.register("register_admin_urls")
def topic_merge_urls():
    return [
        path("topics/merge/<int:pk>/", merge_topic_view, name="topics_merge"),
        path("topics/suggest/", autocomplete_view, name="topics_autocomplete"),
        # Where the list lived while topics belonged to the articles app: keep bookmarks working.
        path(
            "articles/topic/",
            RedirectView.as_view(pattern_name=TopicAdmin().url_helper.get_action_url_name("index")),
        ),
    ]


@hooks.register("search_lexicon")
def topics_for_search():
    """Search expands a topic's name or synonym to all of them (``core.search.query``)."""
    return Topic.objects.all()
