"""Demo content for the course: eight modules of units, from ``craft_course/demo/*.json``.

Idempotent: pages are found by slug and only created when missing (never re-saved, so a
second run adds no revisions); block ids are derived from the unit's slug so they stay the
same. The demo member, when it exists, gets some progress and one journal answer.
"""

import json
import uuid
from pathlib import Path

from django.contrib.auth import get_user_model

from articles.demo_review import review_demo_pages
from craft_course.models import (
    CourseIndexPage,
    CourseModulePage,
    CourseUnitPage,
    JournalEntry,
    UnitCompletion,
)
from home.models import HomePage
from topics.models import Topic

DATA = Path(__file__).resolve().parent / "demo"
BLOCK_NAMESPACE = uuid.UUID("6f1d7a52-4c1e-4f43-9a8e-2f3b3c0d1e55")
DEMO_MEMBER = "member"


def read_json(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def block_id(unit_slug, index):
    return str(uuid.uuid5(BLOCK_NAMESPACE, f"{unit_slug}:{index}"))


def paragraph_html(text):
    return "".join(f"<p>{part.strip()}</p>" for part in text.split("\n\n") if part.strip())


def unit_body(data):
    """The StreamField data for a unit: video, text, exercises, worksheet, takeaways."""
    blocks = []
    if data.get("video"):
        video = data["video"]
        blocks.append(
            (
                "video",
                {"title": video["title"], "url": video["url"], "transcript": video["transcript"]},
            )
        )
    for section in data["sections"]:
        if section.get("heading"):
            blocks.append(("heading", {"text": section["heading"], "level": "h2"}))
        blocks.append(("paragraph", paragraph_html(section["text"])))
    for exercise in data.get("exercises", []):
        blocks.append(
            (
                "exercise",
                {
                    "number": exercise["number"],
                    "title": exercise["title"],
                    "guidance": paragraph_html(exercise["guidance"]),
                    "prompts": exercise["prompts"],
                },
            )
        )
    if data.get("worksheet"):
        blocks.append(
            (
                "worksheet",
                {"title": "Worksheet", "description": data["worksheet"], "document": None},
            )
        )
    blocks.append(("key_takeaways", {"heading": "Key takeaways", "items": data["takeaways"]}))
    slug = data["slug"]
    return [
        {"type": kind, "value": value, "id": block_id(slug, index)}
        for index, (kind, value) in enumerate(blocks)
    ]


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_course(home):
    data = read_json("course.json")
    course = _child(home, CourseIndexPage, data["slug"])
    if course is None:
        course = _publish(
            home,
            CourseIndexPage(
                title=data["title"], slug=data["slug"], intro=data["intro"], show_in_menus=True
            ),
        )
    for name in data["modules"]:
        ensure_module(course, read_json(name))
    return course


def ensure_module(course, data):
    module = _child(course, CourseModulePage, data["slug"])
    if module is None:
        module = _publish(
            course,
            CourseModulePage(
                title=data["title"],
                slug=data["slug"],
                number=data["number"],
                summary=data["summary"],
                learning_goals="\n".join(data["learning_goals"]),
            ),
        )
    for unit in data["units"]:
        ensure_unit(module, unit)


def ensure_unit(module, data):
    unit = _child(module, CourseUnitPage, data["slug"])
    if unit is not None:
        return unit
    unit = CourseUnitPage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        estimated_minutes=data["minutes"],
        body=unit_body(data),
    )
    unit.topics.set(Topic.objects.resolve(data.get("topics", [])))
    return _publish(module, unit)


def ensure_member_records(course):
    """Some progress and one journal answer for the demo member, if that login exists."""
    member = get_user_model().objects.filter(username=DEMO_MEMBER).first()
    if member is None:
        return
    data = read_json("member.json")
    units = CourseUnitPage.objects.descendant_of(course)
    for slug in data["completed"]:
        unit = units.filter(slug=slug).first()
        if unit:
            UnitCompletion.objects.get_or_create(user=member, unit=unit)
    journal = data["journal"]
    unit = units.filter(slug=journal["unit"]).first()
    if unit is None:
        return
    for exercise_id, value in unit.exercises():
        if value["number"] == journal["exercise"]:
            JournalEntry.objects.get_or_create(
                user=member,
                unit=unit,
                exercise_id=exercise_id,
                prompt_index=journal["prompt_index"],
                defaults={
                    "exercise_number": value["number"],
                    "exercise_title": value["title"],
                    "prompt": value["prompts"][journal["prompt_index"]],
                    "answer": journal["answer"],
                },
            )


def load_demo(stdout):
    home = HomePage.objects.first()
    if home is None:
        stdout.write("No home page yet: the course demo content was skipped.")
        return
    course = ensure_course(home)
    ensure_member_records(course)
    review_demo_pages(CourseUnitPage.objects.descendant_of(course).order_by("path"))
    stdout.write(f"Course demo content: {CourseUnitPage.objects.count()} units.")
