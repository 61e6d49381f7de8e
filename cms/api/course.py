"""The course outline on the v3 API: modules and units in order, never unit bodies.

Anonymous readers get the public outline; a member calling with their API token also gets
``completed`` on each unit (v3 trusts bearer tokens only, never the session cookie).
"""

from ninja import Router, Schema
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth

from craft_course.outline import course_outline

router = Router(tags=["course"])


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


@router.get(
    "/outline/",
    response=list[OutlineModuleSchema],
    url_name="course_outline",
    summary="Course outline",
    operation_id="course_outline",
    auth=[BearerTokenAuth(), AllowAnonymous()],
)
def outline(request):
    return course_outline(request.user, request)
