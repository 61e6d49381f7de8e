"""Wagtail's Editors and Moderators groups may triage members' questions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MANAGERS = ["Editors", "Moderators"]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    config = apps.get_app_config("questions")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    permissions = Permission.objects.filter(
        content_type__app_label="questions",
        content_type__model="question",
        codename__regex=r"^(change|delete|view)_",
    )
    for group in Group.objects.filter(name__in=MANAGERS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
