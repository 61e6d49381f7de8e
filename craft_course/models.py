"""The CRAFT course: index, modules, units, and each member's progress and private journal.

Units are ordered by their place in the page tree (editors drag to reorder); everything
that walks the course (outline, previous/next, progress) lives in ``craft_course.outline``.
"""

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from articles.review import TEASER_FIELDS as REVIEW_TEASER_FIELDS
from articles.review import ClinicallyReviewed, review_api_fields, review_panel
from core.access import access_for
from core.api_fields import Computed
from core.members import MembersOnlyPage, members_only_field
from core.preview import HeadlessPreview
from core.routing import PassThroughRouting
from craft_course import api_fields as api
from craft_course.blocks import course_blocks
from craft_course.drafts import ANSWER_MAX_LENGTH
from craft_course.numbering import provisional_numbers
from craft_course.outline import outline_for
from craft_course.unit_context import unit_context
from home.body import BodyBlock
from home.content_checks import checks_panel
from topics.models import Topic, TopicTaggableManager


class CourseIndexPage(PassThroughRouting, HeadlessPreview, Page):
    """The course's front page: an introduction and the public outline of modules and units."""

    intro = models.TextField(
        blank=True, help_text="Two or three sentences on what the course offers and who it is for."
    )

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["craft_course.CourseModulePage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [
        APIField("intro"),
        APIField("module_count", serializer=Computed(api.module_count)),
    ]

    class Meta:
        verbose_name = "course index"

    course_level = "course"
    search_kind = "course"

    def course_pages(self):
        """This course's module and unit pages (the outline filters them for a reader)."""
        return (
            CourseModulePage.objects.child_of(self),
            CourseUnitPage.objects.descendant_of(self),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outline"] = outline_for(self, access_for(request), request)
        return context


class CourseModulePage(MembersOnlyPage):
    """A module of the course: a handful of short units on one theme.

    Members-only like any course page: a module restricted to members is listed to
    everyone as a teaser (its outline is public), with its units inside it.
    """

    number = models.PositiveSmallIntegerField(
        help_text="The module's number in the course, shown as “Module 3”."
    )
    summary = models.TextField(help_text="One or two sentences on what the module covers.")
    learning_goals = models.TextField(
        blank=True,
        help_text="What members will be able to do after the module, one goal per line.",
    )

    parent_page_types = ["craft_course.CourseIndexPage"]
    subpage_types = ["craft_course.CourseUnitPage"]
    content_panels = Page.content_panels + [
        FieldPanel("number"),
        FieldPanel("summary"),
        FieldPanel("learning_goals"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("learning_goals"),
    ]
    api_fields = [
        APIField("number"),
        APIField("position", serializer=Computed(api.module_position)),
        APIField("summary"),
        APIField("goals"),
        APIField("estimated_minutes", serializer=Computed(api.module_minutes)),
    ]
    teaser_fields = (
        "number",
        "position",
        "summary",
        "goals",
        "estimated_minutes",
        "learning_goals",
    )
    course_level = "module"
    search_kind = "course"

    class Meta:
        verbose_name = "course module"

    @property
    def goals(self) -> list[str]:
        return [line.strip() for line in self.learning_goals.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        outline = outline_for(self, access_for(request), request)
        context["outline"] = outline
        context["entry"] = outline.module_entry(self.pk) if outline else None
        return context


class TaggedCourseUnit(ItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_course_units")
    content_object = ParentalKey(
        "craft_course.CourseUnitPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CourseUnitPage(ClinicallyReviewed, MembersOnlyPage):
    """A short unit: video, text, Key Observation exercises, worksheet and takeaways."""

    summary = models.TextField(
        help_text="One or two sentences on the unit. Everyone sees it, members or not."
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        default=10, help_text="About how many minutes the unit takes, exercises included."
    )
    topics = TopicTaggableManager(
        through=TaggedCourseUnit,
        blank=True,
        help_text="What the unit is about, using the same topics as articles.",
    )
    members_only = members_only_field(
        default=True,
        help_text=(
            "Only signed-in members read the unit. Others see the title, summary and time "
            "with an invitation to sign in or join. Untick only for a free sample unit."
        ),
    )
    body = StreamField(
        BodyBlock(local_blocks=course_blocks()),
        help_text="The unit: video, text, exercises, worksheet and key takeaways.",
    )

    parent_page_types = ["craft_course.CourseModulePage"]
    subpage_types = []
    content_panels = [
        checks_panel(),
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("topics"),
        FieldPanel("body"),
        review_panel(),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name", boost=2)]),
    ]
    api_fields = [
        APIField("summary"),
        APIField("estimated_minutes"),
        APIField("module_id", serializer=Computed(api.unit_module_id)),
        APIField("position", serializer=Computed(api.unit_position)),
        APIField("previous_unit_id", serializer=Computed(api.previous_unit_id)),
        APIField("next_unit_id", serializer=Computed(api.next_unit_id)),
        APIField("topic_names", serializer=Computed(api.topic_names)),
        APIField("body"),
        *review_api_fields(),
    ]
    teaser_fields = (
        "summary",
        "estimated_minutes",
        "module_id",
        "position",
        "previous_unit_id",
        "next_unit_id",
        "topic_names",
        *REVIEW_TEASER_FIELDS,
    )
    course_level = "unit"
    search_kind = "course"
    content_checks = True

    class Meta:
        verbose_name = "course unit"

    @classmethod
    def with_api_relations(cls, queryset):
        """What the API fields read, fetched for a whole listing at once."""
        return queryset.prefetch_related("tagged_items__tag", "reviewed_by")

    def clean(self):
        super().clean()
        provisional_numbers(self)

    def exercises(self):
        """The unit's Key Observation exercises as (block id, value) pairs, in body order."""
        return [(block.id, block.value) for block in self.body if block.block_type == "exercise"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(unit_context(self, request))
        return context


class UnitCompletion(models.Model):
    """A member finished a unit. Private to the member; never shown in the admin or API."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="course_completions",
        help_text="The member who finished the unit.",
    )
    unit = models.ForeignKey(
        CourseUnitPage,
        on_delete=models.CASCADE,
        related_name="completions",
        help_text="The unit they finished.",
    )
    completed_at = models.DateTimeField(auto_now_add=True, help_text="When they marked it.")

    wagtail_reference_index_ignore = True

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="one_completion_per_unit")
        ]

    def __str__(self):
        return f"completion {self.pk}"


class JournalEntry(models.Model):
    """A member's private answer to one prompt of one exercise.

    Not registered in the admin or as a snippet, not indexed for search, and only read by
    views that filter on ``request.user``. The exercise's number, title and prompt are
    copied so the journal still reads sensibly if an editor later changes the unit.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="journal_entries",
        help_text="The member who wrote the answer; nobody else reads it.",
    )
    unit = models.ForeignKey(
        CourseUnitPage,
        on_delete=models.CASCADE,
        related_name="journal_entries",
        help_text="The unit holding the exercise.",
    )
    exercise_id = models.CharField(
        max_length=64, help_text="The exercise block's id in the unit body."
    )
    prompt_index = models.PositiveSmallIntegerField(help_text="Which prompt (0 is the first).")
    exercise_number = models.PositiveSmallIntegerField(help_text="Key Observation number.")
    exercise_title = models.CharField(max_length=160, help_text="The exercise title when saved.")
    prompt = models.CharField(max_length=300, help_text="The prompt text when saved.")
    answer = models.TextField(max_length=ANSWER_MAX_LENGTH, help_text="What the member wrote.")
    updated_at = models.DateTimeField(auto_now=True, help_text="When the answer last changed.")

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name_plural = "journal entries"
        ordering = ["exercise_number", "prompt_index"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "exercise_id", "prompt_index"],
                name="one_answer_per_prompt",
            )
        ]

    def __str__(self):
        return f"journal entry {self.pk}"
