"""One kind of computed API field, for values worked out from the whole object.

``Computed(function)`` is a read-only field whose value is ``function(obj)``. Both API
versions use it: v2 serializes with it directly, and v3's schema generator types the
field from the function's return annotation, so annotate it (a ``Schema`` class, a list
of one, ``int``...) and the OpenAPI document says what the field holds.

A value that depends on who is reading (featured pages, course navigation) reads the
reader from the object (``reader_of``): the API attaches it (``attach_reader``) to the
pages it serializes, and anything else sees what an anonymous reader would.
"""

from typing import Any, get_type_hints

from rest_framework.fields import Field

from core.access import Access
from core.blocks import rich_text_api

READER = "_api_reader"


class Computed(Field):
    def __init__(self, compute, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)
        self.compute = compute

        def to_representation(value):
            return compute(value)

        to_representation.__annotations__ = {
            "return": get_type_hints(compute).get("return", Any),
        }
        self.to_representation = to_representation


class RichText(Field):
    """A rich-text model field in the format the request asks for, its links absolute.

    Wagtail's own rich-text serializer leaves page and document links relative, which a
    front end on another origin cannot follow (``core.blocks.rich_text_api``).
    """

    def __init__(self, features=None, **kwargs):
        super().__init__(read_only=True, **kwargs)
        self.features = features

    def to_representation(self, value) -> str:
        return rich_text_api(value, self.context, self.features)


def attach_reader(objects, access):
    """Tell the objects about to be serialized who is reading them."""
    for obj in objects:
        setattr(obj, READER, access)


def reader_of(obj):
    """The reader ``obj`` is being serialized for (an anonymous reader if none was attached)."""
    return getattr(obj, READER, None) or Access.anonymous()
