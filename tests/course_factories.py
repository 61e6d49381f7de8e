"""Builders for a small course: index, modules and units with exercises."""

import uuid

from craft_course.models import CourseIndexPage, CourseModulePage, CourseUnitPage
from tests.factories import unique
from topics.models import Topic


def exercise_block(number, prompts=("What did you notice?",), block_id=None):
    return {
        "type": "exercise",
        "id": block_id or str(uuid.uuid4()),
        "value": {
            "number": number,
            "title": f"Observation {number}",
            "guidance": "<p>Notice one thing this week.</p>",
            "prompts": list(prompts),
        },
    }


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_course(home, **fields):
    fields.setdefault("title", "The CRAFT course")
    fields.setdefault("slug", "course")
    fields.setdefault("intro", "Eight modules for families.")
    return publish(home.add_child(instance=CourseIndexPage(**fields)))


def make_module(course, number, live=True, **fields):
    fields.setdefault("title", f"Module {number} title")
    fields.setdefault("slug", unique(f"module-{number}"))
    fields.setdefault("summary", f"What module {number} covers.")
    fields.setdefault("learning_goals", "Notice patterns\nStay safe")
    module = course.add_child(instance=CourseModulePage(number=number, **fields))
    return publish(module) if live else module


def make_unit(module, title=None, live=True, body=None, topics=(), **fields):
    title = title or unique("Unit")
    fields.setdefault("slug", unique("unit"))
    fields.setdefault("summary", f"Summary of {title}.")
    fields.setdefault("estimated_minutes", 10)
    if body is None:
        body = [
            {"type": "paragraph", "value": f"<p>Secret body of {title}.</p>"},
            exercise_block(1, prompts=("What did you notice?", "What happened next?")),
        ]
    unit = CourseUnitPage(title=title, body=body, **fields)
    unit = module.add_child(instance=unit)
    if topics:
        unit.topics.set(Topic.objects.resolve(topics))
    if live:
        return publish(unit)
    unit.live = False
    unit.save()
    return unit


def make_small_course(home, modules=2, units_per_module=2):
    course = make_course(home)
    built = []
    for number in range(1, modules + 1):
        module = make_module(course, number)
        built.append((module, [make_unit(module) for _ in range(units_per_module)]))
    return course, built
