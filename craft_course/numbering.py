"""Key Observation numbers, assigned in course order: editors never type them.

Numbers count the exercises of the published units in page-tree order (so dragging a
unit in the explorer renumbers everything after it) and are stored in each exercise
block's ``number``, which the page, the API, the worksheet and the journal's copy read.
``renumber_course`` runs after every publish, unpublish, move or deletion of a course
page (``craft_course.apps``); a unit being edited gets a provisional number from its place
(``provisional_numbers``) so its preview reads right before it is published.
"""

import json

from django.db import transaction
from wagtail.models import Page


def _exercise_count(unit):
    return sum(1 for block in unit.body.raw_data if block.get("type") == "exercise")


def _number(raw_blocks, start):
    """Number the exercises in raw blocks from ``start``; True when anything changed."""
    changed = False
    for block in raw_blocks:
        if block.get("type") != "exercise":
            continue
        value = block.setdefault("value", {})
        if value.get("number") != start:
            value["number"] = start
            changed = True
        start += 1
    return changed


def _live_units(course, unit_model):
    return unit_model.objects.live().descendant_of(course).order_by("path")


def provisional_numbers(unit):
    """Number ``unit``'s exercises (in memory) after those of the published units before it.

    A unit sits under its module, under the course: the course is two levels up.
    """
    if not unit.path or unit.depth < 3:
        return
    course = Page.objects.ancestor_of(unit).filter(depth=unit.depth - 2).first()
    if course is None:
        return
    before = _live_units(course, type(unit)).filter(path__lt=unit.path).exclude(pk=unit.pk)
    start = 1 + sum(_exercise_count(other) for other in before)
    raw = [dict(block) for block in unit.body.raw_data]
    if _number(raw, start):
        unit.body = raw


@transaction.atomic
def renumber_course(course, unit_model):
    """Number every published unit's exercises in course order; returns the units changed.

    The live row is written directly (no new revision: nothing an editor wrote changed),
    and so is its latest revision when that is the live one, so the editor shows it too.
    """
    changed = []
    start = 1
    for unit in _live_units(course, unit_model).select_related("latest_revision"):
        raw = [dict(block) for block in unit.body.raw_data]
        count = sum(1 for block in raw if block.get("type") == "exercise")
        if _number(raw, start):
            unit_model.objects.filter(pk=unit.pk).update(body=raw)
            revision = unit.latest_revision
            if revision is not None and revision.pk == unit.live_revision_id:
                body = revision.content.get("body")
                stored_as_text = isinstance(body, str)
                body = json.loads(body) if stored_as_text else body
                if isinstance(body, list):
                    _number(body, start)
                    revision.content["body"] = json.dumps(body) if stored_as_text else body
                    revision.save(update_fields=["content"])
            changed.append(unit)
        start += count
    return changed
