"""The CRAFT course: index, modules, units, and each member's progress and private journal.

Units are ordered by their place in the page tree (editors drag to reorder); everything
that walks the course (outline, previous/next, progress) lives in ``craft_course.outline``.
"""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from craft_course.blocks import course_blocks
from home.body import BodyBlock
from topics.models import Topic, TopicTaggableManager

ANSWER_MAX_LENGTH = 10_000


class CourseIndexPage(Page):
    """The course's front page: an introduction and the public outline of modules and units."""

    intro = models.TextField(
        blank=True, help_text="Two or three sentences on what the course offers and who it is for."
    )

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["craft_course.CourseModulePage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("module_count")]

    class Meta:
        verbose_name = "course index"

    @property
    def module_count(self):
        return CourseModulePage.objects.live().child_of(self).count()

    def get_context(self, request, *args, **kwargs):
        from craft_course.outline import Outline

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = Outline(self, request.user, request=request)
        return context


class CourseModulePage(Page):
    """A module of the course: a handful of short units on one theme."""

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
        APIField("position"),
        APIField("summary"),
        APIField("goals"),
        APIField("estimated_minutes"),
    ]

    class Meta:
        verbose_name = "course module"

    @property
    def goals(self):
        return [line.strip() for line in self.learning_goals.splitlines() if line.strip()]

    @cached_property
    def estimated_minutes(self):
        """The sum of the module's published units' times."""
        units = CourseUnitPage.objects.live().child_of(self)
        return units.aggregate(total=models.Sum("estimated_minutes"))["total"] or 0

    @property
    def position(self):
        """1-based place among the course's published modules."""
        parent = self.get_parent()
        siblings = CourseModulePage.objects.live().child_of(parent)
        return siblings.filter(path__lt=self.path).count() + 1

    def get_context(self, request, *args, **kwargs):
        from craft_course.outline import Outline

        context = super().get_context(request, *args, **kwargs)
        outline = Outline(self.get_parent(), request.user, request=request)
        context["outline"] = outline
        context["entry"] = outline.module_entry(self.pk)
        return context


class TaggedCourseUnit(ItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_course_units")
    content_object = ParentalKey(
        "craft_course.CourseUnitPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CourseUnitPage(Page):
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
    members_only = models.BooleanField(
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
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("topics"),
        FieldPanel("body"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel([FieldPanel("members_only")], heading="Access")
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name", boost=2)]),
        index.FilterField("members_only"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("estimated_minutes"),
        APIField("module_id"),
        APIField("position"),
        APIField("previous_unit_id"),
        APIField("next_unit_id"),
        APIField("topic_names"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = "course unit"

    @cached_property
    def _navigation(self):
        from craft_course.outline import Outline

        module = self.get_parent()
        return Outline(module.get_parent(), None).neighbours(self.pk)

    @property
    def module_id(self):
        return self.get_parent().pk

    @property
    def position(self):
        return self._navigation["position"]

    @property
    def previous_unit_id(self):
        previous = self._navigation["previous"]
        return previous.page.pk if previous else None

    @property
    def next_unit_id(self):
        following = self._navigation["next"]
        return following.page.pk if following else None

    @property
    def topic_names(self):
        return [topic.name for topic in self.topics.all()]

    def exercises(self):
        """The unit's Key Observation exercises as (block id, value) pairs, in body order."""
        return [(block.id, block.value) for block in self.body if block.block_type == "exercise"]

    def get_context(self, request, *args, **kwargs):
        from craft_course.unit_context import unit_context

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
