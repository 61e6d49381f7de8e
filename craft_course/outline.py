"""The course as one reader sees it: modules, units, progress, previous and next.

An ``Outline`` holds the published modules and units this reader may see listed (the
access policy decides: members-only units are listed to everyone as teasers, units behind
a password or another group's restriction only to those who pass it), in page-tree order,
with the member's ticks. It costs a fixed handful of queries whatever the size of the
course, and is built once per reader and course (``outline_for``), so the course, module
and unit pages and every course page in an API listing share it.

It builds from the querysets the course gives it (``CourseIndexPage.course_pages``) and
reads completions through the user, so it does not import the page models it serves.
"""

from dataclasses import dataclass, field

from wagtail.models import Page


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
    page: Page
    module: "ModuleEntry"
    position: int
    index: int
    completed: bool
    locked: bool
    members_only: bool
    url: str


@dataclass
class ModuleEntry(UnitProgress):
    page: Page
    position: int
    url: str
    units: list = field(default_factory=list)

    @property
    def is_complete(self):
        return bool(self.units) and self.completed_count == len(self.units)


class Outline(UnitProgress):
    """The course in tree order for one reader, with their ticks when they are a member."""

    def __init__(self, course, access, request=None):
        self.course = course
        self.tracking = access.is_member
        module_pages, unit_pages = course.course_pages()
        modules = access.listable(module_pages).order_by("path")
        units = list(access.listable(unit_pages).defer_streamfields().order_by("path"))
        locked = access.locked_ids(units)
        members_only = access.members_only_ids(units)
        done = set()
        if self.tracking and units:
            done = set(
                access.user.course_completions.filter(
                    unit_id__in=[unit.pk for unit in units]
                ).values_list("unit_id", flat=True)
            )
        self.modules = [
            ModuleEntry(page=module, position=position, url=module.get_url(request))
            for position, module in enumerate(modules, start=1)
        ]
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
                locked=unit.pk in locked,
                members_only=unit.pk in members_only,
                url=unit.get_url(request),
            )
            module.units.append(entry)
            self.units.append(entry)
        self._by_unit = {entry.page.pk: entry for entry in self.units}
        self._by_module = {entry.page.pk: entry for entry in self.modules}

    @property
    def continue_unit(self):
        """Where the member left off: the first unit they have not finished."""
        return next((unit for unit in self.units if not unit.completed), None)

    def module_entry(self, module_id):
        return self._by_module.get(module_id)

    def unit_entry(self, unit_id):
        return self._by_unit.get(unit_id)

    def neighbours(self, unit_id):
        """The unit's entry, and the units this reader may see either side of it."""
        entry = self._by_unit.get(unit_id)
        if entry is None:
            return {"entry": None, "previous": None, "next": None}
        before = self.units[entry.index - 1] if entry.index > 0 else None
        after = self.units[entry.index + 1] if entry.index + 1 < len(self.units) else None
        return {"entry": entry, "previous": before, "next": after}


def outline_for(page, access, request=None):
    """The outline of ``page``'s course for this reader, built once per reader and course.

    ``None`` when the page is not inside a course.
    """
    depth = {"module": 1, "unit": 2}.get(getattr(page, "course_level", ""), 0)
    path = page.path[: len(page.path) - depth * Page.steplen]
    memo = access.memo.setdefault("course_outline", {})
    if path not in memo:
        # Serving a page, Wagtail's route leaves each parent on its child
        # (``_cached_parent_obj``): walking up then costs no query (two before).
        course = page
        for _level in range(depth):
            course = course.get_parent() if course is not None else None
        course = course.specific if course is not None else None
        has_pages = course is not None and hasattr(course, "course_pages")
        memo[path] = Outline(course, access, request=request) if has_pages else None
    return memo[path]
