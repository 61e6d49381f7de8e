"""Keep Wagtail page privacy in step with a unit's ``members_only`` flag."""

from django.dispatch import receiver
from wagtail.signals import page_published

from cms.visibility import sync_members_restriction
from craft_course.models import CourseUnitPage


@receiver(page_published, sender=CourseUnitPage)
def on_unit_published(sender, instance, **kwargs):
    sync_members_restriction(instance)
