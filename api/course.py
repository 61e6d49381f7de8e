"""The course outline: ``/api/v2/course/outline/`` and ``/api/v3/course/outline/``.

One schema and one reading for both versions: the modules and units this reader may see
listed (members-only units as teasers, ``members_only: true``), in course order, never a
unit's body. A member (signed in on v2, with a token on v3) also gets ``completed`` on
each unit.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_GET
from ninja import Router, Schema
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth

from core.access import access_for
from core.sites import absolute_url
from craft_course.models import CourseIndexPage
from craft_course.outline import outline_for


class OutlineUnitSchema(Schema):
    id: int
    title: str
    slug: str
    url: str | None
    summary: str
    estimated_minutes: int
    position: int
    members_only: bool
    completed: bool | None = None


class OutlineModuleSchema(Schema):
    id: int
    number: int
    position: int
    title: str
    slug: str
    url: str | None
    summary: str
    learning_goals: list[str]
    estimated_minutes: int
    units: list[OutlineUnitSchema]


def course_outline(request):
    """The outline as plain JSON data, for whoever ``request`` is."""
    access = access_for(request)
    course = access.listable(CourseIndexPage.objects.all()).first()
    outline = outline_for(course, access, request) if course else None
    if outline is None:
        return []
    modules = []
    for module in outline.modules:
        units = []
        for unit in module.units:
            data = {
                "id": unit.page.pk,
                "title": unit.page.title,
                "slug": unit.page.slug,
                "url": absolute_url(unit.url),
                "summary": unit.page.summary,
                "estimated_minutes": unit.page.estimated_minutes,
                "position": unit.position,
                "members_only": unit.members_only,
            }
            if outline.tracking:
                data["completed"] = unit.completed
            units.append(data)
        modules.append(
            {
                "id": module.page.pk,
                "number": module.page.number,
                "position": module.position,
                "title": module.page.title,
                "slug": module.page.slug,
                "url": absolute_url(module.url),
                "summary": module.page.summary,
                "learning_goals": module.page.goals,
                "estimated_minutes": module.estimated_minutes,
                "units": units,
            }
        )
    return [OutlineModuleSchema.model_validate(m).model_dump(exclude_unset=True) for m in modules]


@require_GET
def outline_v2(request):
    return JsonResponse(course_outline(request), safe=False)


router = Router(tags=["course"])


@router.get(
    "/outline/",
    response=list[OutlineModuleSchema],
    url_name="course_outline",
    summary="Course outline",
    operation_id="course_outline",
    auth=[BearerTokenAuth(), AllowAnonymous()],
    exclude_unset=True,
)
def outline_v3(request):
    return course_outline(request)
