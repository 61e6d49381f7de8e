"""Course pages' computed API fields: where a module or unit sits in the reader's course.

Each is a ``core.api_fields.Computed`` read from the reader's outline (built once per
reader and course), so a listing of any number of course pages costs the same few queries,
and a unit's neighbours are the ones this reader may see, as on the unit's own page.
"""

from core.api_fields import reader_of
from core.schemas import BlockValue, DocumentRef
from craft_course.outline import outline_for


def _module_entry(module):
    outline = outline_for(module, reader_of(module))
    return outline.module_entry(module.pk) if outline else None


def _unit_entry(unit):
    outline = outline_for(unit, reader_of(unit))
    return outline.neighbours(unit.pk) if outline else {"entry": None}


def module_count(course) -> int:
    """How many modules of the course this reader may see."""
    outline = outline_for(course, reader_of(course))
    return len(outline.modules) if outline else 0


def module_position(module) -> int | None:
    """1-based place among the modules this reader may see (null if it is not listed)."""
    entry = _module_entry(module)
    return entry.position if entry else None


def module_minutes(module) -> int:
    """The sum of the times of the module's units this reader may see."""
    entry = _module_entry(module)
    return entry.estimated_minutes if entry else 0


def unit_module_id(unit) -> int | None:
    """The id of the unit's module (null if the reader may not see the module)."""
    entry = _unit_entry(unit)["entry"]
    return entry.module.page.pk if entry else None


def unit_position(unit) -> int | None:
    """1-based place in its module among the units this reader may see."""
    entry = _unit_entry(unit)["entry"]
    return entry.position if entry else None


def previous_unit_id(unit) -> int | None:
    previous = _unit_entry(unit).get("previous")
    return previous.page.pk if previous else None


def next_unit_id(unit) -> int | None:
    following = _unit_entry(unit).get("next")
    return following.page.pk if following else None


def topic_names(page) -> list[str]:
    """The unit's topics by name (from ``CourseUnitPage.with_api_relations``)."""
    return sorted(item.tag.name for item in page.tagged_items.all())


# The values of the course blocks (``craft_course.blocks``).


class VideoValue(BlockValue):
    """A course video: a YouTube/Vimeo link (and its player) or an uploaded file with captions."""

    title: str
    url: str
    embed_url: str
    file: DocumentRef | None
    captions: DocumentRef | None
    transcript: str


class ExerciseValue(BlockValue):
    """A numbered Key Observation: what to notice (rich text) and the journal prompts."""

    number: int
    title: str
    guidance: str
    prompts: list[str]


class WorksheetValue(BlockValue):
    title: str
    description: str
    document: DocumentRef | None


class KeyTakeawaysValue(BlockValue):
    heading: str
    items: list[str]
