"""Topic and author pages: plain Django views over the same listing as the blog index."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from articles.listing import article_listing
from articles.models import ArticlePage, Author
from core.access import access_for
from topics.models import Topic
from topics.visibility import listed_topics


def with_article_counts(topics, access):
    """Topics annotated with ``article_count``: the articles this reader may see listed."""
    listed = access.listable(ArticlePage.objects.all()).values("pk")
    tagged = Q(tagged_articles__content_object_id__in=listed)
    return topics.annotate(article_count=Count("tagged_articles", filter=tagged))


def topics_with_counts(access):
    """Topics with at least one article this reader may see listed, with how many."""
    counted = with_article_counts(Topic.objects.all(), access)
    return counted.filter(article_count__gt=0).order_by("name")


def topic_list(request):
    return TemplateResponse(
        request, "articles/topic_list.html", {"topics": topics_with_counts(access_for(request))}
    )


def find_topic(slug, access):
    """The topic for a slug, or (topic, True) when the slug is one of its synonyms; else 404.

    A topic no published page this reader may see uses has no page (a name typed in a
    draft stays private until the draft is published).
    """
    topic, is_synonym = Topic.objects.for_slug(slug)
    if topic is None or not listed_topics(access, Topic.objects.filter(pk=topic.pk)).exists():
        raise Http404("No such topic.")
    return topic, is_synonym


def topic_detail(request, slug):
    topic, is_synonym = find_topic(slug, access_for(request))
    if is_synonym:
        return redirect("topic_detail", topic.slug, permanent=True)
    articles = ArticlePage.objects.filter(tagged_items__tag=topic)
    context = {"topic": topic, "articles": article_listing(articles, request)}
    return TemplateResponse(request, "articles/topic_detail.html", context)


def author_detail(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = ArticlePage.objects.filter(article_authors__author=author)
    context = {"author": author, "articles": article_listing(articles, request)}
    return TemplateResponse(request, "articles/author_detail.html", context)
