"""RSS feeds of the articles anyone may read: members-only articles and drafts never appear.

Feeds are fetched by feed readers and cached by anyone, so they show what an anonymous
reader may read, whoever asks.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from articles.models import ArticlePage
from articles.views import find_topic
from core.access import Access

FEED_LENGTH = 30


class ArticlesFeed(Feed):
    feed_type = Rss201rev2Feed
    description = "New articles for families of a Loved One with a substance use disorder."

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self, obj=None):
        return f"Articles: {obj.name}" if obj else "Articles"

    def link(self, obj=None):
        return reverse("topic_detail", args=[obj.slug]) if obj else "/articles/"

    def articles(self, obj=None):
        queryset = ArticlePage.objects.all()
        if obj is not None:
            queryset = queryset.filter(tagged_items__tag=obj)
        return Access.anonymous().readable(queryset).order_by("-date", "-first_published_at")

    def items(self, obj=None):
        return self.articles(obj).defer_streamfields()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class TopicFeed(ArticlesFeed):
    def get_object(self, request, slug):
        return find_topic(slug, Access.anonymous())[0]


articles_feed = ArticlesFeed()
topic_feed = TopicFeed()
