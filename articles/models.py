"""The blog: its index, articles, authors and the topic tags behind them."""

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from articles import api_fields as api
from articles.listing import article_context, article_listing
from articles.review import TEASER_FIELDS as REVIEW_TEASER_FIELDS
from articles.review import ClinicallyReviewed, review_api_fields, review_panel
from core.api_fields import Computed
from core.members import MembersOnlyPage, members_only_panel
from core.panels import ItemsPanel
from core.preview import HeadlessPreview
from core.text import reading_minutes, stream_text
from home.body import BodyBlock
from home.content_checks import checks_panel
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
    credentials = models.CharField(
        max_length=160,
        blank=True,
        help_text="Qualifications shown when the author reviews a page, e.g. “PhD, LCSW”.",
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
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profiles",
        help_text=(
            "The author's sign-in, if they review in the admin: approving a clinical review "
            "then names them as the reviewer."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("credentials"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("account"),
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
    api_fields = [APIField("intro")]

    def route(self, request, path_components):
        """Fetch an article child as an ``ArticlePage`` in one query.

        Wagtail's ``route`` reads the child as a plain page, then again for ``.specific``:
        one query of the ~20 an article page costs. Its clinical reviewer (in the page's
        JSON-LD) comes along in the same query. Articles are the blog's only child type;
        anything else (none should exist) still goes through Wagtail's own routing.
        """
        if path_components:
            slug, rest = path_components[0], path_components[1:]
            articles = ArticlePage.objects.child_of(self).select_related("reviewed_by")
            child = articles.filter(slug=slug).first()
            if child is not None:
                child._cached_parent_obj = self
                return child.route(request, rest)
        return super().route(request, path_components)

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


class ArticlePage(ClinicallyReviewed, MembersOnlyPage):
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

    #: ``first_published_at`` copied onto the article row (by ``save``), so the listing's
    #: order has every column in one table and one index (``article_listing_order``)
    #: serves it: without it, PostgreSQL reads and sorts every article for each page.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    content_panels = [
        checks_panel(),
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("standfirst"),
        ItemsPanel("article_authors", heading="Authors", label="author", add_label="Add an author"),
        FieldPanel("date"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt")], heading="Hero image"),
        FieldPanel("topics"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("from_members_blog"), members_only_panel()],
            heading="Provenance and access",
        ),
        review_panel(),
        MultiFieldPanel(
            [FieldPanel("call_to_action"), FieldPanel("about_text")],
            heading="Banner and “about us” text",
        ),
        MultiFieldPanel(
            [
                ItemsPanel(
                    "related_picks",
                    heading="Related articles you choose",
                    label="related article",
                    add_label="Add a related article",
                    help_text="Shown first, in this order. An empty row is ignored.",
                ),
                ItemsPanel(
                    "related_exclusions",
                    heading="Articles never to show as related",
                    label="article",
                    add_label="Add an article not to show",
                ),
                FieldPanel("never_recommend"),
                FieldPanel("hide_related", heading="Hide the related posts section"),
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
        *review_api_fields(),
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
        *REVIEW_TEASER_FIELDS,
    )
    search_kind = "article"
    content_checks = True

    class Meta:
        verbose_name = "article"
        indexes = [
            models.Index(
                fields=["-date", "-published_at", "-page_ptr"], name="article_listing_order"
            )
        ]

    def save(self, *args, **kwargs):
        if self.date is None and self.live:
            self.date = (self.first_published_at or timezone.now()).date()
        self.published_at = self.first_published_at
        super().save(*args, **kwargs)

    @cached_property
    def authors(self):
        return [link.author for link in self.article_authors.all() if link.author_id]

    @classmethod
    def with_api_relations(cls, queryset):
        """What the API fields read, fetched for a whole listing at once."""
        return api.prefetch_for_api(queryset)

    def clean(self):
        super().clean()
        # An editor who adds a related-article row and leaves it empty meant nothing by it.
        picks = list(self.related_picks.all())
        if any(pick.related_id is None for pick in picks):
            self.related_picks = [pick for pick in picks if pick.related_id is not None]

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
        ArticlePage,
        on_delete=models.CASCADE,
        related_name="+",
        # Blank so a row added and left empty does not block saving; the article drops it.
        null=True,
        blank=True,
        help_text="An article to suggest.",
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
