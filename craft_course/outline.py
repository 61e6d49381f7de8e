"""The course as an ordered outline: modules, units, a member's progress, previous and next.

Built with a fixed handful of queries (modules, units, the member's completions) whatever
the size of the course, so the course, module and unit pages stay cheap to render.
Only published units under published modules count; order is the page tree's order.
"""

from dataclasses import dataclass, field

from wagtail.models import Page

from cms.visibility import is_member
from craft_course.models import CourseIndexPage, CourseModulePage, CourseUnitPage, UnitCompletion


class UnitProgress:
    """Totals over ``self.units`` shared by a module's entry and the whole outline."""

    @property
    def completed_count(self):
        return sum(1 for unit in self.units if unit.completed)

    @property
    def percent(self):
        return round(100 * self.completed_count / len(self.units)) if self.units else 0

    @property
    def estimated_minutes(self):
        return sum(unit.page.estimated_minutes for unit in self.units)


@dataclass
class UnitEntry:
    page: CourseUnitPage
    module: "ModuleEntry"
    position: int
    index: int
    completed: bool
    url: str


@dataclass
class ModuleEntry(UnitProgress):
    page: CourseModulePage
    url: str
    units: list = field(default_factory=list)

    @property
    def is_complete(self):
        return bool(self.units) and self.completed_count == len(self.units)


def completed_unit_ids(user, units=None):
    """Ids of units this member has finished (empty for anyone who is not a member)."""
    if not is_member(user):
        return set()
    completions = UnitCompletion.objects.filter(user=user)
    if units is not None:
        completions = completions.filter(unit__in=units)
    return set(completions.values_list("unit_id", flat=True))


class Outline(UnitProgress):
    """The published course in tree order, with one member's ticks when they are signed in."""

    def __init__(self, course, user=None, request=None):
        self.course = course
        self.tracking = is_member(user)
        modules = CourseModulePage.objects.live().child_of(course).order_by("path")
        units = list(
            CourseUnitPage.objects.live()
            .descendant_of(course)
            .defer_streamfields()
            .order_by("path")
        )
        done = completed_unit_ids(user, [unit.pk for unit in units]) if self.tracking else set()
        self.modules = [ModuleEntry(page=m, url=m.get_url(request)) for m in modules]
        by_path = {entry.page.path: entry for entry in self.modules}
        self.units = []
        for unit in units:
            module = by_path.get(unit.path[: -Page.steplen])
            if module is None:
                continue
            entry = UnitEntry(
                page=unit,
                module=module,
                position=len(module.units) + 1,
                index=len(self.units),
                completed=unit.pk in done,
                url=unit.get_url(request),
            )
            module.units.append(entry)
            self.units.append(entry)
        self._by_unit = {entry.page.pk: entry for entry in self.units}

    @property
    def continue_unit(self):
        """Where the member left off: the first unit they have not finished."""
        return next((unit for unit in self.units if not unit.completed), None)

    def module_entry(self, module_id):
        return next((entry for entry in self.modules if entry.page.pk == module_id), None)

    def unit_entry(self, unit_id):
        return self._by_unit.get(unit_id)

    def neighbours(self, unit_id):
        """The unit's entry, its place in its module, and the published units either side."""
        entry = self._by_unit.get(unit_id)
        if entry is None:
            return {"entry": None, "position": None, "previous": None, "next": None}
        before = self.units[entry.index - 1] if entry.index > 0 else None
        after = self.units[entry.index + 1] if entry.index + 1 < len(self.units) else None
        return {"entry": entry, "position": entry.position, "previous": before, "next": after}


def _unit_data(unit):
    data = {
        "id": unit.page.pk,
        "title": unit.page.title,
        "slug": unit.page.slug,
        "url": unit.url,
        "summary": unit.page.summary,
        "estimated_minutes": unit.page.estimated_minutes,
        "position": unit.position,
        "members_only": unit.page.members_only,
    }
    return data


def course_outline(user=None, request=None):
    """The public outline as plain data for the API: modules with their units.

    Titles, summaries and times are public; bodies are never included. When ``user`` is a
    member, each unit also says whether they completed it.
    """
    course = CourseIndexPage.objects.live().first()
    if course is None:
        return []
    outline = Outline(course, user, request=request)
    modules = []
    for position, module in enumerate(outline.modules, start=1):
        units = []
        for unit in module.units:
            data = _unit_data(unit)
            if outline.tracking:
                data["completed"] = unit.completed
            units.append(data)
        modules.append(
            {
                "id": module.page.pk,
                "number": module.page.number,
                "position": position,
                "title": module.page.title,
                "slug": module.page.slug,
                "url": module.url,
                "summary": module.page.summary,
                "learning_goals": module.page.goals,
                "estimated_minutes": module.estimated_minutes,
                "units": units,
            }
        )
    return modules
