"""Keep Wagtail page privacy in step with a unit's ``members_only`` flag."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published

from craft_course.models import CourseUnitPage


def sync_unit_restriction(unit):
    """Restrict the unit to the Members group exactly when ``members_only`` is set."""
    restrictions = PageViewRestriction.objects.filter(page=unit)
    if not unit.members_only:
        restrictions.delete()
        return
    group, _ = Group.objects.get_or_create(name=settings.MEMBERS_GROUP_NAME)
    restriction = restrictions.filter(restriction_type=PageViewRestriction.GROUPS).first()
    if restriction is None:
        restrictions.delete()
        restriction = PageViewRestriction.objects.create(
            page=unit, restriction_type=PageViewRestriction.GROUPS
        )
    if not restriction.groups.filter(pk=group.pk).exists():
        restriction.groups.add(group)


@receiver(page_published, sender=CourseUnitPage)
def on_unit_published(sender, instance, **kwargs):
    sync_unit_restriction(instance)
