"""Which pages' clinical reviews are overdue or soon due, for one editor.

Articles and course units (every ``ClinicallyReviewed`` page type), live or draft, that the
editor may change: a page they cannot edit is not theirs to review, and its title may be
private. Ordered by due date, the most overdue first.
"""

import datetime

from django.apps import apps
from django.utils import timezone
from wagtail.permission_policies.pages import PagePermissionPolicy

from articles.review import SOON_DAYS, ClinicallyReviewed


def reviewed_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ClinicallyReviewed) and not model._meta.abstract
    ]


def due_pages(user, today=None):
    """(overdue, soon) lists of specific pages the user may edit."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=SOON_DAYS)
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    pages = []
    for model in reviewed_models():
        pages += list(
            model.objects.filter(next_review_due__lte=horizon, pk__in=editable.values("pk"))
            .defer_streamfields()
            .select_related("reviewed_by")
        )
    pages.sort(key=lambda page: (page.next_review_due, page.title))
    overdue = [page for page in pages if page.next_review_due < today]
    soon = [page for page in pages if page.next_review_due >= today]
    return overdue, soon
