"""Shapes shared by every resource that shows a picture or a file, for both API versions."""

from ninja import Schema


class RenditionSchema(Schema):
    """One size of an image: ``url`` as stored, ``full_url`` absolute (for other origins)."""

    url: str
    full_url: str
    width: int
    height: int


class ImageSchema(Schema):
    """An image as an app needs it: its size, renditions by filter spec, its alternative text."""

    id: int
    title: str
    alt: str
    width: int
    height: int
    renditions: dict[str, RenditionSchema]


class DocumentSchema(Schema):
    """A file: ``url`` as stored and the absolute ``full_url``."""

    id: int
    title: str
    url: str
    full_url: str
