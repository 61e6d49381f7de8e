"""The admin's WordPress import: upload an export, import it in the background, read the summary.

For small sites (the upload is held in memory and in the database); a large site, or one
whose media should come along, uses ``manage.py import_wordpress`` with ``--uploads``.
Only superusers may run it: an import writes pages, redirects and authors site-wide.
"""

from django import forms
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from wagtail.admin.auth import permission_denied

from wordpress.models import ImportRun
from wordpress.tasks import import_uploaded_export

MAX_UPLOAD = 50 * 1024 * 1024


class ExportForm(forms.Form):
    export = forms.FileField(
        label="WordPress export file",
        help_text=(
            "In WordPress: Tools › Export › All content › Download Export File. "
            "An .xml file of at most 50 MB. Media files are not in it: their words are kept "
            "and each missing file is listed in the summary."
        ),
    )

    def clean_export(self):
        upload = self.cleaned_data["export"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                "This export is larger than 50 MB. Ask your developer to run the import "
                "from the command line (manage.py import_wordpress)."
            )
        if not upload.name.lower().endswith(".xml"):
            raise forms.ValidationError("Choose the .xml file WordPress's export gave you.")
        return upload


def _allowed(request):
    return request.user.is_active and request.user.is_superuser


def index(request):
    if not _allowed(request):
        return permission_denied(request)
    form = ExportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["export"]
        run = ImportRun.objects.create(
            export=upload.read(), filename=upload.name[:255], requested_by=request.user
        )
        transaction.on_commit(lambda: import_uploaded_export.enqueue(run.pk))
        return redirect("wordpress_import:run", run.pk)
    runs = ImportRun.objects.defer("export")[:10]
    return TemplateResponse(request, "wordpress/index.html", {"form": form, "runs": runs})


def run(request, pk):
    if not _allowed(request):
        return permission_denied(request)
    found = get_object_or_404(ImportRun.objects.defer("export"), pk=pk)
    return TemplateResponse(request, "wordpress/run.html", {"run": found})


urlpatterns = [path("", index, name="index"), path("<int:pk>/", run, name="run")]
