"""Merging one topic into another: every tagged item moves, the old name becomes a synonym."""

from django.db import transaction
from wagtail.models import Revision

from topics.models import split_synonyms, tag_links


def _retarget_revisions(object_ids, source_pk, target_pk):
    """Latest revisions name the topic by id: point them at the target so edits keep it."""
    revisions = Revision.objects.filter(
        pk__in=Revision.page_revisions.filter(object_id__in=[str(i) for i in object_ids])
        .order_by()
        .values("pk")
    )
    for revision in revisions:
        items = revision.content.get("tagged_items")
        if not items or not any(item.get("tag") == source_pk for item in items):
            continue
        seen, kept = set(), []
        for item in items:
            if item.get("tag") == source_pk:
                item["tag"] = target_pk
            if item["tag"] not in seen:
                seen.add(item["tag"])
                kept.append(item)
        revision.content["tagged_items"] = kept
        revision.save(update_fields=["content"])


def tagged_pages(topic):
    """What a merge of ``topic`` would move: (model verbose name plural, [pages]) per type.

    Every tagged page type (articles, course units), drafts included, in title order.
    """
    result = []
    for through in tag_links():
        model = through._meta.get_field("content_object").related_model
        pages = list(model.objects.filter(tagged_items__tag=topic).order_by("title"))
        if pages:
            result.append((str(model._meta.verbose_name_plural).capitalize(), pages))
    return result


@transaction.atomic
def merge_topics(source, target):
    """Move everything tagged ``source`` to ``target``, keep its names as synonyms, delete it.

    Returns the number of items moved. Items already tagged with ``target`` just lose the
    duplicate tag.
    """
    if source.pk == target.pk:
        raise ValueError("A topic cannot be merged into itself.")
    moved = 0
    touched = []
    for through in tag_links():
        links = through.objects.filter(tag=source)
        already = set(
            through.objects.filter(tag=target).values_list("content_object_id", flat=True)
        )
        object_ids = list(links.values_list("content_object_id", flat=True))
        touched += object_ids
        links.filter(content_object_id__in=already).delete()
        moved += links.update(tag=target)
    _retarget_revisions(touched, source.pk, target.pk)
    names = [*split_synonyms(target.synonyms), source.name, *source.synonym_list]
    target.synonyms = "\n".join(n for n in names if n.lower() != target.name.lower())
    if not target.description and source.description:
        target.description = source.description
    source.delete()
    target.save()
    return moved
