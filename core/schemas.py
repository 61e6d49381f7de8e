"""Shapes shared by every resource that shows a picture or a file, for both API versions.

Named ``…Ref`` (as ``topics.schemas.TopicRef``): Wagtail's v3 API has its own
``ImageSchema`` and ``DocumentSchema`` (the images and documents endpoints), and two
schemas of one name would share one entry in the OpenAPI document.
"""

from typing import Literal

from ninja import Schema


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


class HeadingValue(Schema):
    text: str
    level: Literal["h2", "h3"]


class ImageBlockValue(Schema):
    """A picture in the body: the image (null if it was deleted), its alt text and caption."""

    image: ImageRef | None
    alt: str
    caption: str


class QuoteValue(Schema):
    text: str
    attribution: str


class QuestionValue(Schema):
    text: str
    pseudonym: str


class CalloutValue(Schema):
    kind: Literal["note", "warning"]
    title: str
    text: str  # rich text, in the format asked for (front-end HTML by default)


class EmbedValue(Schema):
    """A YouTube or Vimeo video: the editor's link, the privacy-friendly player, a transcript."""

    url: str
    embed_url: str
    title: str
    transcript: str
