"""The blog: its index, articles, authors and the topic tags behind them."""

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from articles import api_fields as api
from articles.listing import article_context, article_listing
from core.api_fields import Computed
from core.members import MembersOnlyPage, members_only_panel
from core.preview import HeadlessPreview
from core.text import reading_minutes, stream_text
from home.body import BodyBlock
from topics.models import Topic, TopicTaggableManager


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


class ArticlePageQuerySet(PageQuerySet):
    def with_relations(self):
        """Articles with their authors and topics prefetched, bodies left unloaded."""
        return self.defer_streamfields().prefetch_related(
            Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
            Prefetch("tagged_items", queryset=TaggedArticle.objects.select_related("tag")),
        )


class TaggedArticle(ItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleIndexPage(HeadlessPreview, Page):
    """The blog: every article, newest first, filterable by topic."""

    intro = models.TextField(blank=True, help_text="A sentence or two under the blog's title.")

    max_count = 1
    subpage_types = ["articles.ArticlePage"]
    parent_page_types = ["home.HomePage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    def get_context(self, request, *args, **kwargs):
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


class ArticlePage(MembersOnlyPage):
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

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

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
            [FieldPanel("from_members_blog"), members_only_panel()],
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
    ]

    api_fields = [
        APIField("summary"),
        APIField("standfirst"),
        APIField("date"),
        APIField("reading_time", serializer=Computed(api.reading_time)),
        APIField("authors", serializer=Computed(api.authors)),
        APIField("topics", serializer=Computed(api.topics)),
        APIField("hero_image", serializer=Computed(api.hero_image)),
        APIField("body"),
        APIField("from_members_blog"),
    ]

    teaser_fields = (
        "summary",
        "hero_alt",
        "date",
        "reading_time",
        "authors",
        "topics",
        "hero_image",
        "from_members_blog",
    )
    search_kind = "article"

    class Meta:
        verbose_name = "article"

    def save(self, *args, **kwargs):
        if self.date is None and self.live:
            self.date = (self.first_published_at or timezone.now()).date()
        super().save(*args, **kwargs)

    @cached_property
    def authors(self):
        return [link.author for link in self.article_authors.all() if link.author_id]

    @classmethod
    def with_api_relations(cls, queryset):
        """What the API fields read, fetched for a whole listing at once."""
        return api.prefetch_for_api(queryset)

    @property
    def body_text(self):
        """The body as plain words (for recommendations and excerpts)."""
        return stream_text(self.body)

    @cached_property
    def reading_time(self):
        """Minutes to read, at least one: worked out once, from the stored body."""
        return reading_minutes(self.summary, self.body)

    def get_context(self, request, *args, **kwargs):
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
