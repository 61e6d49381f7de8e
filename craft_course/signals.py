"""Renumber Key Observations whenever the published course changes shape.

Publishing, unpublishing, moving or deleting a unit or module can shift every number
after it (``craft_course.numbering``). Connected in ``CraftCourseConfig.ready``.
"""

from wagtail.models import Page

from craft_course.models import CourseIndexPage, CourseModulePage, CourseUnitPage
from craft_course.numbering import renumber_course

COURSE_PAGES = (CourseUnitPage, CourseModulePage)


def renumber_for(page):
    """Renumber the course ``page`` (a unit or a module) belongs to."""
    course = CourseIndexPage.objects.ancestor_of(page).first()
    if course is not None:
        renumber_course(course, CourseUnitPage)


def on_course_change(sender, instance, **kwargs):
    if isinstance(instance, COURSE_PAGES) or issubclass(sender, COURSE_PAGES):
        renumber_for(instance)


def on_move(sender, instance, **kwargs):
    specific = instance.specific_deferred if isinstance(instance, Page) else instance
    if isinstance(specific, COURSE_PAGES):
        renumber_for(specific)
