"""The blog: its index, articles, authors and the topic tags behind them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from articles import api_fields as api
from home.body import BodyBlock
from topics.models import Topic, TopicTaggableManager

WORDS_PER_MINUTE = 220


class Author(ClusterableModel):
    """An expert who writes for the site. Members' questions never name real people."""

    name = models.CharField(max_length=120, help_text="Full name as it appears in bylines.")
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Used in the author's web address, e.g. jane-doe."
    )
    role = models.CharField(
        max_length=160, blank=True, help_text="e.g. “Clinical psychologist and CRAFT trainer”."
    )
    bio = models.TextField(blank=True, help_text="Two or three sentences about the author.")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A head-and-shoulders photo (optional).",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class TaggedArticle(ItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleIndexPage(Page):
    """The blog: every article, newest first, filterable by topic."""

    intro = models.TextField(blank=True, help_text="A sentence or two under the blog's title.")

    max_count = 1
    subpage_types = ["articles.ArticlePage"]
    parent_page_types = ["home.HomePage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    def get_context(self, request, *args, **kwargs):
        from articles.listing import article_listing

        context = super().get_context(request, *args, **kwargs)
        topic = None
        slug = request.GET.get("topic", "").strip()
        articles = ArticlePage.objects.child_of(self)
        if slug:
            topic = Topic.objects.filter(slug=slug).first()
            articles = articles.filter(tagged_items__tag=topic) if topic else articles.none()
        context["topic"] = topic
        context["topic_slug"] = slug
        context["articles"] = article_listing(articles, request)
        return context


class ArticlePage(Page):
    """An article: often an expert answering a member's question."""

    summary = models.TextField(
        help_text=(
            "One to three sentences on what the article covers. Shown under the title, in "
            "listings and to search engines."
        )
    )
    standfirst = models.TextField(
        blank=True,
        help_text="Optional: introduce the expert and the angle, e.g. “Dr Lee explains…”.",
    )
    date = models.DateField(
        "publication date",
        null=True,
        blank=True,
        help_text="Shown to readers. Leave empty to use the date it is first published.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional picture shown at the top of the article.",
    )
    hero_alt = models.CharField(
        "hero image description",
        max_length=250,
        blank=True,
        help_text="Describe the picture for people who cannot see it.",
    )
    topics = TopicTaggableManager(
        through=TaggedArticle,
        blank=True,
        help_text=(
            "What the article is about. Type a topic and press Enter; other names for a "
            "topic (e.g. “benzos”) are filed under it automatically."
        ),
    )
    body = StreamField(BodyBlock(), help_text="The article, built from blocks.")
    from_members_blog = models.BooleanField(
        "originally on the members' blog",
        default=False,
        help_text="Adds a note that this first appeared on the members' blog.",
    )
    members_only = models.BooleanField(
        default=False,
        help_text=(
            "Only signed-in members can read the article. Others see the title, summary "
            "and an invitation to sign in or join."
        ),
    )
    never_recommend = models.BooleanField(
        default=False,
        help_text="Never suggest this article as a related post (e.g. it is out of date).",
    )
    hide_related = models.BooleanField(
        default=False, help_text="Hide the “Related posts” section on this article."
    )
    call_to_action = models.ForeignKey(
        "home.MembershipCallToAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The membership banner to show. Leave empty for the site's standard one.",
    )
    about_text = models.ForeignKey(
        "home.AboutText",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The “about us” paragraph at the end. Leave empty for the standard one.",
    )

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("standfirst"),
        InlinePanel("article_authors", label="Authors", min_num=0),
        FieldPanel("date"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt")], heading="Hero image"),
        FieldPanel("topics"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("from_members_blog"), FieldPanel("members_only")],
            heading="Provenance and access",
        ),
        MultiFieldPanel(
            [FieldPanel("call_to_action"), FieldPanel("about_text")],
            heading="Banner and “about us” text",
        ),
        MultiFieldPanel(
            [
                InlinePanel("related_picks", label="Chosen related posts"),
                InlinePanel("related_exclusions", label="Never show these as related"),
                FieldPanel("never_recommend"),
                FieldPanel("hide_related"),
            ],
            heading="Related posts",
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name", boost=2)]),
        index.FilterField("date"),
        index.FilterField("members_only"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("standfirst"),
        APIField("date"),
        APIField("reading_time", serializer=api.ReadingTimeField()),
        APIField("authors", serializer=api.AuthorsField()),
        APIField("topics", serializer=api.TopicsField()),
        APIField("hero_image", serializer=api.HeroImageField()),
        APIField("body"),
        APIField("from_members_blog"),
        APIField("members_only"),
    ]

    class Meta:
        verbose_name = "article"

    def save(self, *args, **kwargs):
        if self.date is None and self.live:
            self.date = (self.first_published_at or timezone.now()).date()
        super().save(*args, **kwargs)

    @cached_property
    def authors(self):
        return [link.author for link in self.article_authors.all() if link.author_id]

    @property
    def body_text(self):
        """The body as plain words (for reading time, recommendations and excerpts)."""
        from core.text import stream_text

        return stream_text(self.body)

    @property
    def reading_time(self):
        """Minutes to read, at least one."""
        words = len(f"{self.summary} {self.body_text}".split())
        return max(1, round(words / WORDS_PER_MINUTE))

    @property
    def members_group_name(self):
        return settings.MEMBERS_GROUP_NAME

    def get_context(self, request, *args, **kwargs):
        from articles.listing import article_context

        context = super().get_context(request, *args, **kwargs)
        context.update(article_context(self, request))
        return context


class ArticleAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="article_links")

    panels = [FieldPanel("author")]


class ArticleRelatedPick(Orderable):
    """An editor's choice of related post; picks come first, in this order."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_picks")
    related = models.ForeignKey(
        ArticlePage, on_delete=models.CASCADE, related_name="+", help_text="An article to suggest."
    )

    panels = [FieldPanel("related")]


class ArticleRelatedExclusion(models.Model):
    """An article that must never appear in this article's related posts."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_exclusions")
    excluded = models.ForeignKey(
        ArticlePage,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="An article never to suggest here.",
    )

    panels = [FieldPanel("excluded")]

    def __str__(self):
        return f"{self.page} excludes {self.excluded}"


from articles.related.models import RelatedDocument, RelatedPost  # noqa: E402, F401
