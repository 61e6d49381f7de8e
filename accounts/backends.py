"""A user's permissions read in one query rather than Django's two.

Django's ``ModelBackend`` (under allauth's backend) reads a user's own permissions and
their groups' permissions in two queries. Every page a signed-in reader opens asks at least
once (Wagtail's user bar checks whether they may reach the admin), so this backend, listed
before allauth's, reads both at once with the same rule (inactive and anonymous users have
none, superusers every one, object permissions are not a model backend's) and keeps the
answer where ``ModelBackend`` keeps its own, on the user object for the request, so the
backend after it answers from it instead of asking again.

It signs nobody in (``authenticate`` answers None) and finds no users (no ``get_user``):
sessions keep naming allauth's backend, so nobody was signed out when this one was added.
"""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection


@cache
def _permissions_sql():
    """App label and codename of a user's own and their groups' permissions."""
    user_model = get_user_model()
    own = user_model.user_permissions.field
    groups = user_model.groups.field
    granted = Group.permissions.field
    return (
        f"SELECT ct.app_label, p.codename FROM {Permission._meta.db_table} p "
        f"JOIN {ContentType._meta.db_table} ct ON ct.id = p.content_type_id "
        f"WHERE p.id IN ("
        f"SELECT {own.m2m_reverse_name()} FROM {own.m2m_db_table()} "
        f"WHERE {own.m2m_column_name()} = %s "
        f"UNION SELECT gp.{granted.m2m_reverse_name()} FROM {granted.m2m_db_table()} gp "
        f"JOIN {groups.m2m_db_table()} ug "
        f"ON ug.{groups.m2m_reverse_name()} = gp.{granted.m2m_column_name()} "
        f"WHERE ug.{groups.m2m_column_name()} = %s)"
    )


class PermissionsInOneQuery:
    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj=obj)

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                rows = Permission.objects.values_list("content_type__app_label", "codename")
            else:
                with connection.cursor() as cursor:
                    cursor.execute(_permissions_sql(), [user_obj.pk, user_obj.pk])
                    rows = cursor.fetchall()
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache
