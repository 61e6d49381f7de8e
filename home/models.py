"""The home page, the crisis-resources setting and the reusable site-wide snippets."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from core.access import access_for
from core.api_fields import Computed
from core.preview import HeadlessPreview
from core.richtext import SanitisedRichTextField
from core.routing import PassThroughRouting
from core.sites import absolute_url
from home import api_fields as api
from home.blocks import CrisisResourceBlock

DEFAULT_CRISIS_RESOURCES = [
    (
        "resource",
        {
            "name": "Emergency services",
            "phone": "911",
            "text": "",
            "url": "",
            "guidance": "Call 911 if anyone is in immediate danger or may have overdosed.",
        },
    ),
    (
        "resource",
        {
            "name": "988 Suicide and Crisis Lifeline",
            "phone": "988",
            "text": "988",
            "url": "https://988lifeline.org/",
            "guidance": "Call or text 988 any time you or your Loved One is in crisis.",
        },
    ),
    (
        "resource",
        {
            "name": "SAMHSA National Helpline",
            "phone": "1-800-662-4357",
            "text": "",
            "url": "https://www.samhsa.gov/find-help/national-helpline",
            "guidance": "Free, confidential treatment referral and information, 24/7.",
        },
    ),
]


@register_setting(icon="warning")
class CrisisResources(BaseSiteSetting):
    """Crisis contacts shown on every page; editors update them without a deploy."""

    heading = models.CharField(
        max_length=80,
        default="Get help now",
        help_text="Title above the list of crisis contacts, shown in the footer of every page.",
    )
    resources = StreamField(
        [("resource", CrisisResourceBlock())],
        default=DEFAULT_CRISIS_RESOURCES,
        help_text="The contacts, most urgent first. Each needs a name and one line of guidance.",
    )

    panels = [FieldPanel("heading"), FieldPanel("resources")]

    class Meta:
        verbose_name = "crisis resources"
        verbose_name_plural = "crisis resources"

    def as_api(self):
        return {
            "heading": self.heading,
            "resources": [dict(block.value) for block in self.resources],
        }


@register_snippet
class MembershipCallToAction(models.Model):
    """The reusable "become a member" banner placed on articles and pages."""

    name = models.CharField(
        max_length=80, unique=True, help_text="For editors only, e.g. “Standard membership banner”."
    )
    heading = models.CharField(max_length=120, help_text="Short, inviting headline.")
    text = models.TextField(help_text="One or two sentences on what members get.")
    button_label = models.CharField(max_length=40, default="Become a member")
    button_url = models.CharField(
        max_length=255,
        default="/join/",
        blank=True,
        help_text=(
            "Where the button goes: a path on this site (/join/) or a full web address. "
            "Empty: the join page."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("heading"),
        FieldPanel("text"),
        FieldPanel("button_label"),
        FieldPanel("button_url", heading="Button web address"),
    ]

    class Meta:
        verbose_name = "membership call to action"
        verbose_name_plural = "membership calls to action"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def as_api(self):
        return {
            "id": self.pk,
            "heading": self.heading,
            "text": self.text,
            "button_label": self.button_label,
            "button_url": absolute_url(self.button_url or "/join/"),
        }


@register_snippet
class AboutText(models.Model):
    """The standard "about us" paragraph shown at the foot of articles."""

    name = models.CharField(max_length=80, unique=True, help_text="For editors only.")
    heading = models.CharField(max_length=120, default="About us")
    body = SanitisedRichTextField(
        features=["bold", "italic", "link"], help_text="One short paragraph."
    )

    panels = [FieldPanel("name"), FieldPanel("heading"), FieldPanel("body")]

    class Meta:
        verbose_name = "about-us text"
        ordering = ["name"]

    def __str__(self):
        return self.name


class HomePage(PassThroughRouting, HeadlessPreview, Page):
    """The front page: a calm welcome, featured reading, the course and crisis help."""

    intro = models.TextField(
        help_text="Two or three welcoming sentences under the title. Plain words; no jargon."
    )
    course_cta_heading = models.CharField(
        max_length=120,
        default="Start the CRAFT course",
        help_text="Headline of the panel that invites readers to the course.",
    )
    course_cta_text = models.TextField(
        blank=True, help_text="One or two sentences on what the course offers."
    )
    course_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The course page the panel links to.",
    )

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel(
            "featured_pages",
            label="Featured pages",
            max_num=6,
            help_text="Up to six pages to feature, in the order shown.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("course_cta_heading"),
                FieldPanel("course_cta_text"),
                FieldPanel("course_page"),
            ],
            heading="Course call to action",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [
        APIField("intro"),
        APIField("featured_pages", serializer=Computed(api.featured_pages)),
        APIField("course_cta_heading"),
        APIField("course_cta_text"),
        APIField("course_page", serializer=Computed(api.course_page)),
        APIField("crisis_resources", serializer=Computed(api.crisis_resources)),
    ]

    def featured(self, access):
        """Featured pages this reader may see listed, in the editor's order.

        Pages the reader may only see as teasers carry ``is_locked``, and members-only
        pages ``is_members_only``.
        """
        ids = [item.page_id for item in self.featured_pages.all() if item.page_id]
        return self.featured_in(ids, access)

    @staticmethod
    def featured_in(ids, access):
        """The pages with these ids this reader may see listed, in the given order."""
        listed = access.listable(Page.objects.filter(pk__in=ids)).specific()
        pages = {page.pk: page for page in listed}
        locked = access.locked_ids(pages.values())
        members_only = access.members_only_ids(pages.values())
        for page in pages.values():
            page.is_locked = page.pk in locked
            page.is_members_only = page.pk in members_only
        return [pages[pk] for pk in ids if pk in pages]

    def crisis_settings(self):
        """The crisis-resources setting of the site this home page belongs to."""
        site = self.get_site()
        return CrisisResources.for_site(site) if site else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured"] = self.featured(access_for(request))
        return context


class HomePageFeaturedPage(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_pages")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="An article, topic or course page to feature.",
    )

    panels = [FieldPanel("page")]


@register_snippet
class StigmatisingTerm(models.Model):
    """A word the house style avoids, and what to say instead (the editor's content checks)."""

    term = models.CharField(
        max_length=60,
        unique=True,
        help_text="The word or phrase to flag, e.g. “addict”. Matched as whole words, any case.",
    )
    preferred = models.CharField(
        "preferred phrasing",
        max_length=160,
        help_text="What to write instead, e.g. “person with a substance use disorder”.",
    )

    panels = [FieldPanel("term"), FieldPanel("preferred")]

    class Meta:
        verbose_name = "stigmatising term"
        ordering = ["term"]

    def __str__(self):
        return self.term
