"""Attachments from a local copy of ``wp-content/uploads``: images and documents.

Images become Wagtail images (the attachment's alt text as the image's description, which
Wagtail offers as its default alt text), other files documents. A file that is not in the
uploads folder (or that Wagtail cannot read as an image) is reported, never fatal: the
post imports, and its picture's words are kept in the text (``wordpress.bodies``).
"""

import hashlib
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.files import File
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from wordpress.models import ImportedItem

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
SCALED_SUFFIX = re.compile(r"-(?:scaled|rotated)(?=\.[A-Za-z0-9]+$)")
TITLE_MAX = 255


def uploads_path(item):
    """The attachment's path inside ``uploads`` (``2013/01/photo.jpg``)."""
    attached = item.meta.get("_wp_attached_file", "")
    if attached:
        return attached.lstrip("/")
    path = unquote(urlparse(item.attachment_url).path)
    _, found, rest = path.partition("/uploads/")
    return rest if found else os.path.basename(path)


def file_key(url):
    """A file address reduced to what names the original upload, sizes and scaling dropped."""
    path = unquote(urlparse(url or "").path)
    _, found, rest = path.partition("/uploads/")
    rest = rest if found else os.path.basename(path)
    return SCALED_SUFFIX.sub("", SIZE_SUFFIX.sub("", rest)).lower()


class Library:
    """The export's attachments, found by id or by any of their file addresses."""

    def __init__(self, source, uploads=None, dry_run=False, report=None):
        self.source, self.uploads, self.dry_run = source, uploads, dry_run
        self.report = report
        self.items = {}  # wp id -> Item
        self.by_key = {}  # file key -> wp id
        self.children = {}  # parent post id -> [attachment ids]
        self.images, self.documents = {}, {}  # wp id -> object
        self.known = {}

    def add(self, item):
        self.items[item.post_id] = item
        self.by_key[file_key(item.attachment_url)] = item.post_id
        self.by_key.setdefault(file_key(uploads_path(item)), item.post_id)
        if item.parent:
            self.children.setdefault(item.parent, []).append(item.post_id)

    def id_for(self, wp_id=None, src=""):
        if wp_id in self.items:
            return wp_id
        return self.by_key.get(file_key(src)) if src else None

    def caption(self, wp_id):
        item = self.items.get(wp_id)
        return item.excerpt.strip() if item else ""

    def alt(self, wp_id):
        item = self.items.get(wp_id)
        return item.meta.get("_wp_attachment_image_alt", "").strip() if item else ""

    # Import

    def load_known(self):
        self.known = {
            record.wp_id: record
            for record in ImportedItem.objects.filter(
                source=self.source, kind=ImportedItem.ATTACHMENT
            ).select_related("image", "document")
        }

    def import_all(self, outcome):
        """Import every attachment; ``outcome(kind, result)`` counts each."""
        self.load_known()
        for wp_id, item in self.items.items():
            outcome("attachment", self.import_one(wp_id, item))

    def import_one(self, wp_id, item):
        relative = uploads_path(item)
        path = Path(self.uploads, relative) if self.uploads else None
        if path is None or not path.is_file():
            where = f"{self.uploads}/{relative}" if self.uploads else "no --uploads folder given"
            self.report.media_missing.append(
                {"id": wp_id, "file": relative, "reason": f"not found ({where})"}
            )
            return "missing"
        stat = path.stat()
        fingerprint = hashlib.sha256(
            repr((relative, stat.st_size, int(stat.st_mtime), item.title, self.alt(wp_id))).encode()
        ).hexdigest()
        record = self.known.get(wp_id)
        existing = record and (record.image or record.document)
        if existing and record.fingerprint == fingerprint:
            self._remember(wp_id, record.image, record.document)
            return "unchanged"
        if self.dry_run:
            return "updated" if existing else "created"
        title = (" ".join(item.title.split()) or path.name)[:TITLE_MAX]
        is_image = path.suffix.lower() in IMAGE_EXTENSIONS
        model = get_image_model() if is_image else get_document_model()
        obj = existing if isinstance(existing, model) else model()
        obj.title = title
        if is_image:
            obj.description = self.alt(wp_id)[:255]
        try:
            with path.open("rb") as handle:
                obj.file = File(handle, name=path.name)
                obj.save()
        except Exception as error:  # Pillow's and storage's errors are many kinds
            self.report.media_missing.append(
                {"id": wp_id, "file": relative, "reason": f"could not be read: {error}"}
            )
            return "missing"
        ImportedItem.objects.update_or_create(
            source=self.source,
            wp_id=wp_id,
            defaults={
                "kind": ImportedItem.ATTACHMENT,
                "guid": item.guid[:500],
                "fingerprint": fingerprint,
                "old_url": item.link[:500],
                "image": obj if is_image else None,
                "document": None if is_image else obj,
            },
        )
        self._remember(wp_id, obj if is_image else None, None if is_image else obj)
        return "updated" if existing else "created"

    def _remember(self, wp_id, image, document):
        if image is not None:
            self.images[wp_id] = image
        if document is not None:
            self.documents[wp_id] = document

    def file_url(self, wp_id):
        """Where the imported file is now served (the original image, or the document)."""
        if wp_id in self.images:
            return self.images[wp_id].file.url
        if wp_id in self.documents:
            return self.documents[wp_id].url
        return None
