"""Nested field selection on computed API fields: ``authors(name)``, ``hero_image(width)``.

Wagtail's v2 ``?fields=`` nests only model relations. A computed field
(``core.api_fields.Computed``) says what it returns with a ``ninja.Schema`` annotation, so
its sub-fields are checked against that schema (an unknown one is a 400, as Wagtail answers
for unknown fields) and picked from the computed value after serializing.

As in Wagtail, a nested object keeps its ``id`` unless ``_`` starts the list, ``*`` starts
from every sub-field and ``-name`` removes one.
"""

import types
import typing

from pydantic import BaseModel
from wagtail.api import APIField

from api.errors import ParameterError
from core.api_fields import Computed


def schema_of(annotation):
    """The ``Schema`` class a computed field's annotation holds (``list[X]``, ``X | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = schema_of(arg)
            if found is not None:
                return found
    return None


def computed_schemas(model):
    """``{field name: Schema}`` for the model's computed API fields that return objects."""
    found = {}
    for field in getattr(model, "api_fields", ()):
        serializer = getattr(field, "serializer", None) if isinstance(field, APIField) else None
        if isinstance(serializer, Computed):
            schema = schema_of(typing.get_type_hints(serializer.to_representation).get("return"))
            if schema is not None:
                found[field.name] = schema
    return found


def check(schema, config, path):
    """Refuse sub-fields the schema does not have, naming them as ``field(sub)``."""
    names = schema.model_fields
    for name, _negated, sub in config:
        if name in ("*", "_"):
            continue
        if name not in names:
            raise ParameterError("fields", f"unknown fields: {path}({name})")
        if sub:
            inner = schema_of(names[name].annotation)
            if inner is None:
                raise ParameterError("fields", f"'{path}({name})' does not support nested fields")
            check(inner, sub, f"{path}({name}")


def split_computed_selection(model, fields_config):
    """``(fields_config without sub-fields of computed fields, {name: sub-fields})``."""
    schemas = computed_schemas(model)
    plain, nested = [], {}
    for name, negated, sub in fields_config:
        if sub and name in schemas:
            check(schemas[name], sub, name)
            nested[name] = sub
            sub = None
        plain.append((name, negated, sub))
    return plain, nested


def select(value, config):
    """The parts of a computed value that ``config`` (parsed sub-fields) asks for."""
    if isinstance(value, list):
        return [select(item, config) for item in value]
    if not isinstance(value, dict):
        return value
    if config and config[0][0] == "*":
        keep, config = set(value), config[1:]
    elif config and config[0][0] == "_":
        keep, config = set(), config[1:]
    else:
        keep = {"id"} & set(value)
    subs = {}
    for name, negated, sub in config:
        if negated:
            keep.discard(name)
        else:
            keep.add(name)
            if sub:
                subs[name] = sub
    return {
        key: select(item, subs[key]) if key in subs else item
        for key, item in value.items()
        if key in keep
    }
