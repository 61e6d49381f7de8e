from axes.models import AccessAttempt
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from security.lockouts import LockoutPermissionPolicy, LockoutViewSet

# Before the viewset asks for a policy, or Wagtail creates a fallback one.
register_permission_policy(AccessAttempt, LockoutPermissionPolicy(AccessAttempt))


@hooks.register("register_admin_viewset")
def register_lockouts():
    return LockoutViewSet()
