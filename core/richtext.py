"""Rich text from outside the editor, stored only as the editor itself would store it.

The importers and v3 writes take HTML written elsewhere. Stored as given, a ``<script>``,
an ``onerror`` handler or a ``javascript:`` link reaches readers, and markup the editor
cannot parse makes the page impossible to open in the admin (Wagtail's converter raises
``AssertionError: Unmatched tags``). So every value entering a rich-text block or field
goes through the converter the Draftail editor uses (``ContentstateConverter``) with that
block's or field's feature list: what comes out is exactly what an editor could have
produced. nh3 runs first because that converter needs well-formed HTML and does not look
at URL schemes. The block and field below apply the rule in ``clean``, which the editor's
form, v3 writes (through the same form) and the importers all call; editor output passes
through unchanged.
"""

import re
from functools import lru_cache

import nh3
from bs4 import BeautifulSoup
from django.utils.html import escape
from wagtail import blocks
from wagtail.fields import RichTextField
from wagtail.rich_text import RichText
from wagtail.rich_text import features as feature_registry

URL_SCHEMES = {"http", "https", "mailto", "tel"}
# The database format's own attributes (links to pages and documents, embedded images);
# everything else an element carries is rebuilt by the converter from the feature rules.
DB_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt"},
    "*": {"data-block-key"},
}
BLOCK_KEY = re.compile(r' data-block-key="([^"]*)"')
CONVERTER_ERRORS = (AssertionError, KeyError, TypeError, ValueError)


def well_formed(html):
    """``html`` with scripts, styles, handlers and unsafe URLs gone, every tag closed.

    nh3 serialises void elements as ``<br>``; Wagtail's converter expects ``<br/>``, so
    the result is written out once more by BeautifulSoup, which closes them.
    """
    cleaned = nh3.clean(
        html,
        tags=nh3.ALLOWED_TAGS | {"embed"},
        attributes={**nh3.ALLOWED_ATTRIBUTES, **DB_ATTRIBUTES},
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )
    return BeautifulSoup(cleaned, "html.parser").decode(formatter="minimal")


@lru_cache(maxsize=16)
def _features(features):
    return list(features) if features is not None else feature_registry.get_default_features()


def sanitise_rich_text(html, features=None):
    """``html`` in Wagtail's stored rich-text format, keeping only ``features``.

    ``features`` is the block's or field's list (None: Wagtail's defaults, as the editor).
    The converter invents a random ``data-block-key`` for a paragraph that has none; those
    are left out, so the same input always gives the same output (an import run twice
    changes nothing) and the editor adds keys when it next saves.
    """
    if not html:
        return html or ""
    # Imported here as Wagtail's own API does: the converter loads the Page model, which
    # is not ready yet when the models that use this block are imported.
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    safe = well_formed(html)
    converter = ContentstateConverter(_features(tuple(features) if features else None))
    try:
        stored = converter.to_database_format(converter.from_database_format(safe))
    except CONVERTER_ERRORS:  # e.g. a page link with a non-numeric id: keep the words only
        text = BeautifulSoup(safe, "html.parser").get_text(" ", strip=True)
        stored = f"<p>{escape(text)}</p>" if text else ""
    kept = set(BLOCK_KEY.findall(safe))
    return BLOCK_KEY.sub(lambda key: key.group(0) if key.group(1) in kept else "", stored)


class RichTextBlock(blocks.RichTextBlock):
    """Wagtail's rich-text block, whose ``clean`` stores only what the editor could.

    It deconstructs as Wagtail's block (as ``ChoiceBlock`` subclasses do): sanitising is
    behaviour, not schema, so migrations need not know it.
    """

    def clean(self, value):
        source = value.source if isinstance(value, RichText) else value
        return super().clean(RichText(sanitise_rich_text(source, self.features)))

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        if type(self) is RichTextBlock:
            path = "wagtail.blocks.RichTextBlock"
        return path, args, kwargs


class SanitisedRichTextField(RichTextField):
    """Wagtail's rich-text field, cleaned to what the editor could store (see module).

    Model validation (``full_clean``, which Wagtail's page and snippet forms and v3 writes
    run) calls ``clean``. It deconstructs as Wagtail's field: no migration needed.
    """

    def clean(self, value, model_instance):
        return super().clean(sanitise_rich_text(value, self.features), model_instance)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if type(self) is SanitisedRichTextField:
            path = "wagtail.fields.RichTextField"
        return name, path, args, kwargs


def sanitise_stream_data(stream_block, data, path=()):
    """Sanitise every rich-text value in raw StreamField JSON; yields the changes.

    Works on the stored JSON (not block values) so content written raw, which may not
    even load, can be repaired. Each change is ``(path, before, after)`` where ``path``
    names positions and block names, e.g. ``("item 3 (callout)", "text")``; ``data`` is
    changed in place.
    """
    stack = [(stream_block, data, path, None, None)]
    while stack:
        block, value, where, parent, key = stack.pop()
        if isinstance(block, blocks.RichTextBlock):
            if isinstance(value, str):
                cleaned = sanitise_rich_text(value, block.features)
                if cleaned != value:
                    parent[key] = cleaned
                    yield where, value, cleaned
        elif isinstance(block, blocks.BaseStreamBlock) and isinstance(value, list):
            for position, child in reversed(list(enumerate(value, start=1))):
                if isinstance(child, dict) and child.get("type") in block.child_blocks:
                    name = child["type"]
                    label = (*where, f"item {position} ({name})")
                    child_block = block.child_blocks[name]
                    stack.append((child_block, child.get("value"), label, child, "value"))
        elif isinstance(block, blocks.ListBlock) and isinstance(value, list):
            for position, child in reversed(list(enumerate(value, start=1))):
                label = (*where, f"item {position}")
                if isinstance(child, dict) and "value" in child:
                    stack.append((block.child_block, child["value"], label, child, "value"))
                else:
                    stack.append((block.child_block, child, label, value, position - 1))
        elif isinstance(block, blocks.BaseStructBlock) and isinstance(value, dict):
            for name, child_block in reversed(block.child_blocks.items()):
                if name in value:
                    stack.append((child_block, value[name], (*where, name), value, name))
