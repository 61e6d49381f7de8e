"""Make the Members group derived from grants without taking anyone's access away.

Everyone already in the Members group gets an open-ended grant (nobody loses access when
the group starts following grants), and Wagtail's Editors and Moderators groups may manage
memberships and access codes.
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

MANAGERS = ["Editors", "Moderators"]
MODELS = ["membership", "accesscode"]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Membership = apps.get_model("membership", "Membership")
    members = Group.objects.filter(name=settings.MEMBERS_GROUP_NAME).first()
    if members:
        Membership.objects.bulk_create(
            Membership(user=user, source="editor", note="A member before grants existed.")
            for user in members.user_set.all()
        )
    config = apps.get_app_config("membership")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    permissions = Permission.objects.filter(
        content_type__app_label="membership",
        content_type__model__in=MODELS,
        codename__regex=r"^(add|change|delete|view)_",
    )
    for group in Group.objects.filter(name__in=MANAGERS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0001_initial"),
        ("home", "0002_members_group"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
