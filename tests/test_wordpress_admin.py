"""Editors import a small WordPress export from the admin; the import runs in the background."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import ArticlePage
from tests.factories import make_blog, make_user
from tests.wxr import export as build_export
from tests.wxr import item
from wordpress.models import ImportRun

pytestmark = pytest.mark.django_db


def upload(client, data, name="site.WordPress.xml"):
    return client.post(
        "/admin/wordpress-import/", {"export": SimpleUploadedFile(name, data, "text/xml")}
    )


def test_a_superuser_uploads_an_export_and_reads_the_summary(
    admin_client, home, django_capture_on_commit_callbacks
):
    make_blog(home)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, build_export(item(1, "From the admin")))
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/wordpress-import/{run.pk}/"
    assert run.status == ImportRun.DONE
    assert bytes(run.export) == b""  # the private export is not kept
    assert ArticlePage.objects.get().title == "From the admin"
    page = admin_client.get(response["Location"]).content.decode()
    assert "Imported posts: 1 created" in page


def test_a_broken_export_is_reported_not_a_server_error(
    admin_client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, b"<rss><channel><title>x</title></channel>")
    run = ImportRun.objects.get()
    assert run.status == ImportRun.FAILED
    assert "not well-formed" in admin_client.get(response["Location"]).content.decode()


def test_the_form_explains_a_wrong_file(admin_client, home):
    response = upload(admin_client, b"hello", name="notes.txt")
    assert response.status_code == 200
    assert "Choose the .xml file" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_editors_who_are_not_superusers_cannot_import(client, home):
    client.force_login(make_user("ed", editor=True))
    response = upload(client, build_export(item(1, "Sneaky")))
    assert response.status_code in {302, 403}
    assert not ImportRun.objects.exists()
