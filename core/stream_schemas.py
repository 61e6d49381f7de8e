"""StreamFields typed block by block in API v3's document (and in the v2 document).

Wagtail's v3 schema generator types every StreamField as ``list[Any]``, so a client
generated from the document knows nothing of a body. Each of the site's blocks names the
schema of its API value (``api_schema``, beside its ``get_api_representation``); here a
stream becomes an array of named ``{"type", "value", "id"}`` schemas (``HeadingBlock``,
``ImageBlock``...) told apart by ``type``. ``register`` (from ``core.apps``) replaces
Wagtail's StreamField rule in its read generator, before any API schema is built.
"""

from typing import Annotated, Any, Literal, Union

from pydantic import Field, create_model
from wagtail.fields import StreamField

_block_models = {}


def _camel(name):
    return "".join(part.capitalize() for part in name.split("_"))


def block_model(name, block):
    """The named schema of one block in a stream: ``{"type": name, "value": …, "id": …}``."""
    value_schema = getattr(block, "api_schema", Any)
    key = (name, value_schema)
    if key not in _block_models:
        model_name = f"{_camel(name)}Block"
        if any(existing.__name__ == model_name for existing in _block_models.values()):
            model_name = f"{model_name}{len(_block_models)}"
        _block_models[key] = create_model(
            model_name,
            __doc__=f"A ``{name}`` block of a page body.",
            type=(Literal[name], ...),
            value=(value_schema, ...),
            id=(str | None, None),
        )
    return _block_models[key]


def stream_item_type(stream_block):
    """One item of a stream: any of its blocks' schemas, discriminated by ``type``."""
    models = [block_model(name, block) for name, block in stream_block.child_blocks.items()]
    if len(models) == 1:
        return models[0]
    return Annotated[Union[tuple(models)], Field(discriminator="type")]  # noqa: UP007


def typed_streamfield_schema(generator, field):
    """Wagtail's StreamField rule (same resolver), with the items typed."""
    field_name = field.name

    def resolve(obj, context):
        value = getattr(obj, field_name)
        return value.stream_block.get_api_representation(value, context)

    return list[stream_item_type(field.stream_block)], [], staticmethod(resolve)


def register():
    from wagtail.api.v3.schemas.generators.read import read_generator

    read_generator.register_field_schema(StreamField, typed_streamfield_schema)
