"""Shapes shared by every resource that shows a picture, for both API versions."""

from ninja import Schema


class RenditionSchema(Schema):
    url: str
    width: int
    height: int


class ImageSchema(Schema):
    """An image as an app needs it: renditions by filter spec, and its alternative text."""

    id: int
    title: str
    alt: str
    renditions: dict[str, RenditionSchema]
