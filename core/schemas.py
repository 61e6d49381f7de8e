"""Shapes shared by every resource that shows a picture or a file, for both API versions.

Named ``…Ref`` (as ``topics.schemas.TopicRef``): Wagtail's v3 API has its own
``ImageSchema`` and ``DocumentSchema`` (the images and documents endpoints), and two
schemas of one name would share one entry in the OpenAPI document.
"""

from typing import Literal

from ninja import Schema
from pydantic import ValidationInfo, field_validator


class RenditionRef(Schema):
    """One size of an image: ``url`` as stored, ``full_url`` absolute (for other origins)."""

    url: str
    full_url: str
    width: int
    height: int


class ImageRef(Schema):
    """An image as an app needs it: its size, renditions by filter spec, its alternative text."""

    id: int
    title: str
    alt: str
    width: int
    height: int
    renditions: dict[str, RenditionRef]


class DocumentRef(Schema):
    """A file: ``url`` as stored and the absolute ``full_url``."""

    id: int
    title: str
    url: str
    full_url: str


# The values of the shared body blocks (``core.blocks``), as both APIs write them. Each
# block names its value's schema (``api_schema``); ``core.stream_schemas`` makes the body
# an array of ``{"type", "value", "id"}`` objects told apart by ``type``.


class BlockValue(Schema):
    """A block's API value. An optional text a stored block lacks (older content) is ``""``.

    A StructBlock fills a missing child with its default, None for a text block; v3
    validates its answers, and a text typed as a string must be one.
    """

    @field_validator("*", mode="before")
    @classmethod
    def empty_text_for_none(cls, value, info: ValidationInfo):
        if value is None and cls.model_fields[info.field_name].annotation is str:
            return ""
        return value


class HeadingValue(BlockValue):
    text: str
    level: Literal["h2", "h3"]


class ImageBlockValue(BlockValue):
    """A picture in the body: the image (null if it was deleted), its alt text and caption."""

    image: ImageRef | None
    alt: str
    caption: str


class QuoteValue(BlockValue):
    text: str
    attribution: str


class QuestionValue(BlockValue):
    text: str
    pseudonym: str


class CalloutValue(BlockValue):
    kind: Literal["note", "warning"]
    title: str
    text: str  # rich text, in the format asked for (front-end HTML by default)


class EmbedValue(BlockValue):
    """A YouTube or Vimeo video: the editor's link, the privacy-friendly player, a transcript."""

    url: str
    embed_url: str
    title: str
    transcript: str
