"""The course demo content loads from its data files, fully and idempotently."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import PageViewRestriction, Revision

from craft_course.models import (
    CourseIndexPage,
    CourseModulePage,
    CourseUnitPage,
    JournalEntry,
    UnitCompletion,
)


def course_snapshot():
    return {
        "pages": list(
            CourseUnitPage.objects.order_by("path").values_list(
                "pk", "path", "slug", "latest_revision_id", "live"
            )
        ),
        "modules": list(CourseModulePage.objects.values_list("pk", "number", "slug")),
        "revisions": Revision.objects.count(),
        "restrictions": list(PageViewRestriction.objects.values_list("pk", "page_id")),
        "completions": list(UnitCompletion.objects.values_list("pk", "user_id", "unit_id")),
        "journal": list(JournalEntry.objects.values_list("pk", "answer", "exercise_id")),
        "bodies": [str(unit.body.raw_data) for unit in CourseUnitPage.objects.order_by("path")],
    }


def test_course_demo_content_is_complete_and_idempotent(client, db, settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)
    first = course_snapshot()

    call_command("load_demo_content", verbosity=0)

    assert course_snapshot() == first
    course = CourseIndexPage.objects.get(slug="course")
    modules = CourseModulePage.objects.child_of(course).order_by("path")
    assert [m.number for m in modules] == list(range(1, 9))
    for module in modules:
        assert 3 <= CourseUnitPage.objects.child_of(module).count() <= 4
    numbers = []
    for unit in CourseUnitPage.objects.order_by("path"):
        kinds = [block.block_type for block in unit.body]
        assert "key_takeaways" in kinds
        assert sum(kinds.count(k) for k in ("paragraph",)) >= 2
        for block in unit.body:
            if block.block_type == "video":
                assert block.value["transcript"].strip()
        numbers += [value["number"] for _id, value in unit.exercises()]
        assert PageViewRestriction.objects.filter(page=unit).exists()
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 16
    member = get_user_model().objects.get(username="member")
    assert UnitCompletion.objects.filter(user=member).count() >= 1
    assert JournalEntry.objects.filter(user=member).count() == 1

    # The demo renders: the outline for everyone, a unit with its video for the member.
    unit = CourseUnitPage.objects.get(slug="what-craft-is")
    assert "Continue where you left off" not in client.get(course.url).content.decode()
    client.force_login(member)
    course_html = client.get(course.url).content.decode()
    assert "Continue where you left off" in course_html
    unit_html = client.get(unit.url).content.decode()
    assert "youtube-nocookie.com/embed/CRAFTdemo01" in unit_html
    assert "Read the transcript" in unit_html
    assert "I want us to be able to eat dinner together again" in unit_html
    worksheet = CourseUnitPage.objects.get(slug="your-safety-plan")
    assert "Printable page of this unit" in client.get(worksheet.url).content.decode()
