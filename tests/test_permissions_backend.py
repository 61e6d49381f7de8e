"""Permissions are read in one query and mean what Django's ModelBackend says they mean."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.backends import PermissionsInOneQuery
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def fresh(user):
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def users(db):
    editors = Group.objects.create(name="Page editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    direct = make_user("direct")
    direct.user_permissions.add(Permission.objects.get(codename="add_group"))
    both = make_user("both", groups=[editors])
    both.user_permissions.add(Permission.objects.get(codename="change_group"))
    inactive = make_user("inactive", groups=[editors])
    inactive.is_active = False
    inactive.save()
    return {
        "nobody": make_user("nobody"),
        "member": make_user("a-member", member=True),
        "grouped": make_user("grouped", groups=[editors]),
        "direct": direct,
        "both": both,
        "inactive": inactive,
        "superuser": make_user("super", superuser=True),
    }


def test_the_same_permissions_as_django_for_every_kind_of_user(users):
    for name, user in users.items():
        ours = PermissionsInOneQuery().get_all_permissions(fresh(user))
        djangos = ModelBackend().get_all_permissions(fresh(user))
        assert ours == djangos, name
    assert "wagtailadmin.access_admin" in PermissionsInOneQuery().get_all_permissions(
        fresh(users["both"])
    )
    assert PermissionsInOneQuery().get_all_permissions(fresh(users["both"]), obj=object()) == set()


def test_a_permission_check_costs_one_query_and_then_none(users):
    user = fresh(users["both"])
    with CaptureQueriesContext(connection) as captured:
        assert user.has_perm("wagtailadmin.access_admin")
        assert user.has_perm("auth.change_group")
        assert not user.has_perm("auth.delete_group")
    assert len(captured) == 1
    member = fresh(users["member"])
    with CaptureQueriesContext(connection) as captured:
        assert not member.has_perm("wagtailadmin.access_admin")
    assert len(captured) == 1


def test_signing_in_still_names_allauths_backend(client, users):
    response = client.post("/accounts/login/", {"login": "nobody", "password": "pass-word-123"})
    assert response.status_code == 302
    backend = client.session["_auth_user_backend"]
    assert backend == "allauth.account.auth_backends.AuthenticationBackend"
    assert client.get("/my/questions/").status_code == 200
