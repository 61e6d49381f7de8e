"""The admin's import, in the background (django-tasks; the immediate backend runs it inline)."""

from io import BytesIO

from django.utils import timezone
from django_tasks import task

from wordpress.importer import run_import
from wordpress.models import ImportRun
from wordpress.wxr import ExportError


@task()
def import_uploaded_export(run_id: int) -> str:
    """Import an export an editor uploaded; the summary is kept on the run."""
    run = ImportRun.objects.get(pk=run_id)
    run.status = ImportRun.RUNNING
    run.save(update_fields=["status"])
    data = bytes(run.export)
    try:
        report = run_import(lambda: BytesIO(data))
    except ExportError as error:
        run.status, run.summary = ImportRun.FAILED, {"error": str(error)}
    else:
        run.status = ImportRun.DONE if report.ok else ImportRun.FAILED
        run.summary = {**report.as_dict(), "lines": report.lines()}
    run.finished_at = timezone.now()
    run.export = b""  # private content: not kept once imported
    run.save(update_fields=["status", "summary", "finished_at", "export"])
    return run.status
