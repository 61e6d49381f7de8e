"""python manage.py sanitise_rich_text [--dry-run]: clean rich text already stored.

Content stored before rich text was sanitised on the way in (or written to the database
directly) may hold scripts, handlers or markup the editor cannot open. This passes every
rich-text value of every model through the same rule as new content
(``core.richtext``): the live rows and, where a model keeps revisions, the latest revision
(an unpublished draft included). It reports each change and a total; a second run
changes nothing.
"""

import copy
import json

from django.apps import apps
from django.core.management.base import BaseCommand
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Revision
from wagtail.search import index

from core.richtext import sanitise_rich_text, sanitise_stream_data


def rich_text_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, StreamField | RichTextField)
    ]


def clean_value(field, value):
    """(cleaned value, [(path, before, after)]) for one stored field value."""
    if isinstance(field, RichTextField):
        cleaned = sanitise_rich_text(value or "", field.features)
        return cleaned, ([((), value, cleaned)] if cleaned != (value or "") else [])
    data = copy.deepcopy(value)
    changes = list(sanitise_stream_data(field.stream_block, data))
    return data, changes


def excerpt(before, after, width=60):
    """The stretch of ``before`` and ``after`` where they first differ."""
    start = next(
        (i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b),
        min(len(before), len(after)),
    )
    start = max(0, start - 15)
    return before[start : start + width], after[start : start + width]


class Command(BaseCommand):
    help = "Sanitise stored rich text (live content and latest revisions); report changes."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args, dry_run, **options):
        self.dry_run = dry_run
        self.total = 0
        for model in apps.get_models():
            fields = rich_text_fields(model)
            if fields:
                self.clean_model(model, fields)
        verb = "Would clean" if dry_run else "Cleaned"
        self.stdout.write(f"{verb} {self.total} rich-text value(s).")

    def clean_model(self, model, fields):
        rows = model._default_manager.all()
        if hasattr(rows, "exact_type"):  # a page type: each page once, as its own type
            rows = rows.exact_type(model)
        for obj in rows.order_by("pk").iterator(chunk_size=200):
            self.clean_live(obj, fields)
            revision_id = getattr(obj, "latest_revision_id", None)
            if revision_id:
                self.clean_revision(obj, fields, Revision.objects.get(pk=revision_id))

    def clean_live(self, obj, fields):
        updates = {}
        for field in fields:
            value = getattr(obj, field.attname)
            if isinstance(field, StreamField):
                value = value.get_prep_value() if value else []
            cleaned, changes = clean_value(field, value)
            self.report(obj, "live", field, changes)
            if changes:
                if isinstance(field, StreamField):
                    cleaned = StreamValue(field.stream_block, cleaned, is_lazy=True)
                updates[field.attname] = cleaned
        if updates and not self.dry_run:
            type(obj)._default_manager.filter(pk=obj.pk).update(**updates)
            obj.refresh_from_db()
            index.insert_or_update_object(obj)

    def clean_revision(self, obj, fields, revision):
        changed = False
        for field in fields:
            stored = revision.content.get(field.name)
            if stored is None:
                continue
            is_json = isinstance(field, StreamField) and isinstance(stored, str)
            value = json.loads(stored) if is_json else stored
            cleaned, changes = clean_value(field, value)
            self.report(obj, f"revision {revision.pk}", field, changes)
            if changes:
                revision.content[field.name] = json.dumps(cleaned) if is_json else cleaned
                changed = True
        if changed and not self.dry_run:
            revision.save(update_fields=["content"])

    def report(self, obj, where, field, changes):
        for path, before, after in changes:
            old, new = excerpt(before, after)
            place = " ".join((field.name, *path))
            self.stdout.write(
                f"{obj._meta.label} {obj.pk} “{obj}” ({where}) {place}: {old!r} → {new!r}"
            )
            self.total += 1
