"""The editors' view of lock-outs: axes's attempt records, listed and cleared in Wagtail.

Only people who may clear lock-outs (``axes.delete_accessattempt``, superusers included)
see the listing; nobody adds or edits attempts by hand. Clearing one asks axes to forget
every attempt for its username and for its address, which is what lifts both locks.
"""

from axes.conf import settings
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

#: The actions the listing offers; both need the permission to clear.
ALLOWED_ACTIONS = {"view", "delete"}
PASSWORD_FORMS = {"page-password": "page password", "collection-password": "collection password"}


class LockoutPermissionPolicy(ModelPermissionPolicy):
    """Seeing and clearing attempts both need ``delete``; adding and changing are for no one."""

    def user_has_permission(self, user, action):
        return action in ALLOWED_ACTIONS and super().user_has_permission(user, "delete")

    def users_with_any_permission(self, actions):
        if not ALLOWED_ACTIONS & set(actions):
            return get_user_model().objects.none()
        return super().users_with_any_permission(["delete"])


def tried_as(attempt):
    """The account tried, or which password form (restriction id) for the form wrappers."""
    kind, _, restriction = (attempt.username or "").partition(":")
    if kind in PASSWORD_FORMS and restriction:
        return f"{PASSWORD_FORMS[kind]} (restriction {restriction})"
    return attempt.username or "(no username given)"


def locked_until(attempt):
    """When the lock ends, if these failures alone reach the limit; else how close they are."""
    if attempt.failures_since_start < settings.AXES_FAILURE_LIMIT:
        return f"Not locked ({attempt.failures_since_start} of {settings.AXES_FAILURE_LIMIT})"
    until = timezone.localtime(attempt.attempt_time + get_cool_off())
    return f"Locked until {date_format(until, 'DATETIME_FORMAT')}"


class LockoutIndexView(IndexView):
    page_title = "Lock-outs"

    @cached_property
    def columns(self):
        """Wagtail's title column (link and buttons), showing what was tried rather than
        the attempt's ``__str__``, before the columns of ``list_display``."""
        title_column = self._get_title_column_class(TitleColumn)
        tried = title_column(
            "username",
            label="Tried as",
            accessor=tried_as,
            get_url=self.get_inspect_url,
            sort_key="username",
        )
        return [tried, *super().columns]


class ClearLockoutView(DeleteView):
    page_title = "Clear lock-out"
    template_name = "security/clear_lockout.html"

    @property
    def confirmation_message(self):
        return (
            f"Clear the lock-out for {tried_as(self.object)} and address "
            f"{self.object.ip_address}? Every failed attempt recorded for either is "
            "forgotten, so they can try again at once."
        )

    def get_success_message(self):
        return f"Lock-out cleared for {tried_as(self.object)} and {self.object.ip_address}."

    def delete_action(self):
        AxesProxyHandler.reset_attempts(
            username=self.object.username,
            ip_address=self.object.ip_address,
            ip_or_username=True,
        )


class LockoutViewSet(ModelViewSet):
    model = AccessAttempt
    name = "lockouts"
    icon = "lock"
    menu_label = "Lock-outs"
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "username",
        "ip_address",
        "user_agent",
        "path_info",
        "failures_since_start",
        "attempt_time",
    ]
    exclude_form_fields = ["get_data", "post_data"]
    index_view_class = LockoutIndexView
    delete_view_class = ClearLockoutView
    list_display = [
        Column("ip_address", label="Address", sort_key="ip_address"),
        Column("failures_since_start", label="Failures", sort_key="failures_since_start"),
        DateColumn("attempt_time", label="Last try", sort_key="attempt_time"),
        Column("locked_until", label="Status", accessor=locked_until),
    ]

    def get_permissions_to_register(self):
        """Only "delete" means anything here, so only it is offered on the group form."""
        return super().get_permissions_to_register().filter(codename="delete_accessattempt")
