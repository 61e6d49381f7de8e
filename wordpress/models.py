"""What the WordPress importer remembers between runs, and the admin's import runs.

``ImportedItem`` ties each item of an export (keyed by the site it came from and its post
id, with its GUID as a second key) to what it became, with a fingerprint of the item as
it was read: a re-run updates an item whose fingerprint changed and leaves the rest alone.
"""

from django.conf import settings
from django.db import models


class ImportedItem(models.Model):
    POST, PAGE, ATTACHMENT = "post", "page", "attachment"

    source = models.CharField(max_length=255, help_text="The WordPress site's address.")
    wp_id = models.BigIntegerField("WordPress post id")
    guid = models.CharField(max_length=500, blank=True, db_index=True)
    kind = models.CharField(max_length=20)
    fingerprint = models.CharField(max_length=64)
    old_url = models.CharField(max_length=500, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "wp_id"], name="wordpress_item_once")
        ]

    def __str__(self):
        return f"{self.kind} {self.wp_id} from {self.source}"


class ImportRun(models.Model):
    """An export an editor uploaded in the admin, imported in the background.

    The export is kept in the database, not in media storage: it holds drafts, private
    posts and post passwords, which must never be served as a file.
    """

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"

    export = models.BinaryField()
    filename = models.CharField(max_length=255)
    status = models.CharField(max_length=10, default=QUEUED)
    summary = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.status})"
