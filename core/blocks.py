"""The shared StreamField block library: the blocks any page body may use.

Block names are part of the API and the importer: renaming one needs a data migration.
Blocks that show site-wide snippets or settings (the membership banner, the crisis
contacts) live with those models in ``home.blocks``, which also assembles the standard
body; this module imports no app.
Every block has an icon, editor help, a preview in the block picker and an accessible
template in ``templates/blocks/``; blocks whose default API output is not useful to an
app (ids instead of objects, internal rich-text markup) define their own.
"""

from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import expand_db_html

from core.richtext import RichTextBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


def image_api(image, alt_text="", specs=("width-800", "width-1600")):
    """An image as an app needs it: renditions with url, width, height, plus alt text."""
    if image is None:
        return None
    renditions = image.get_renditions(*specs)
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt_text or image.default_alt_text or "",
        "renditions": {
            spec: {"url": r.url, "width": r.width, "height": r.height}
            for spec, r in renditions.items()
        },
    }


class StyleChoiceBlock(blocks.ChoiceBlock):
    """A choice about how a block looks (a heading's level, a callout's kind), never text.

    Wagtail indexes a choice's label as words, so "Section (H2)" made ``?q=h2`` match
    every article with a heading. Search text comes only from what readers read:
    ``core.text.stream_text`` (excerpts, recommendations) and the search index both ask
    the blocks' ``get_searchable_content``, so excluding the choice here excludes it from
    both. It deconstructs as Wagtail's block: this is behaviour, not schema.
    """

    def get_searchable_content(self, value):
        return []

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        if type(self) is StyleChoiceBlock:
            path = "wagtail.blocks.ChoiceBlock"
        return path, args, kwargs


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=160, help_text="The section heading, in a few words.")
    level = StyleChoiceBlock(
        choices=[("h2", "Section (H2)"), ("h3", "Sub-section (H3)")],
        default="h2",
        help_text="Use H2 for main sections and H3 inside them; never skip a level.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        description = "A section heading that also helps screen-reader users find their way."
        preview_value = {"text": "Why careful monitoring matters", "level": "h2"}


class ParagraphBlock(RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def get_api_representation(self, value, context=None):
        return expand_db_html(value.source) if value else ""

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph.html"
        description = "Ordinary text: paragraphs, lists and links."
        preview_value = (
            "<p>Many families find that a calm, specific request works better than a "
            "long argument.</p>"
        )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(help_text="Choose or upload a picture.")
    alt_text = blocks.CharBlock(
        max_length=250,
        required=False,
        help_text=(
            "Describe what the picture shows for people who cannot see it. "
            "Leave empty only if it is purely decorative."
        ),
    )
    caption = blocks.CharBlock(max_length=250, required=False, help_text="Shown under the image.")

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        description = "A picture with a description for screen readers and an optional caption."
        preview_value = {"image": None, "alt_text": "", "caption": "A caption appears here."}

    def get_api_representation(self, value, context=None):
        return {
            "image": image_api(value["image"], value["alt_text"]),
            "alt": value["alt_text"] or (value["image"].default_alt_text if value["image"] else ""),
            "caption": value["caption"],
        }


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(help_text="The words being quoted.")
    attribution = blocks.CharBlock(
        max_length=120, required=False, help_text="Who said it (optional)."
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        description = "A quotation, set apart from the text."
        preview_value = {
            "text": "Small changes at home made the biggest difference.",
            "attribution": "A parent",
        }


class QuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(help_text="The member's question, edited for privacy.")
    pseudonym = blocks.CharBlock(
        max_length=60,
        help_text=(
            "A made-up name for the member, e.g. “Worried Mom”. Never a real name: "
            "members' identities stay private."
        ),
    )

    class Meta:
        icon = "help"
        template = "blocks/question.html"
        description = "A member's question, shown under a pseudonym."
        preview_value = {
            "text": "My son has started a new medication. How do I know if he is misusing it?",
            "pseudonym": "Hopeful Parent",
        }


class CalloutBlock(blocks.StructBlock):
    kind = StyleChoiceBlock(
        choices=[("note", "Note"), ("warning", "Warning")],
        default="note",
        help_text="Use “Warning” for safety information, such as overdose risks.",
    )
    title = blocks.CharBlock(max_length=120, required=False)
    text = RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        template = "blocks/callout.html"
        description = "A highlighted note or safety warning."
        preview_value = {
            "kind": "warning",
            "title": "Overdose risk",
            "text": "<p>Mixing sedatives with alcohol or opioids can slow breathing.</p>",
        }

    def get_api_representation(self, value, context=None):
        return {
            "kind": value["kind"],
            "title": value["title"],
            "text": expand_db_html(value["text"].source),
        }


def video_embed_url(url):
    """The privacy-friendly player address for a YouTube or Vimeo link, without the network."""
    parsed = urlparse(url or "")
    host = parsed.netloc.lower().removeprefix("www.").removeprefix("m.")
    segments = [part for part in parsed.path.split("/") if part]
    if host in {"vimeo.com", "player.vimeo.com"}:
        video_id = segments[-1] if segments else ""
        return f"https://player.vimeo.com/video/{video_id}?dnt=1" if video_id.isdigit() else ""
    if host == "youtu.be":
        video_id = segments[0] if segments else ""
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif len(segments) == 2 and segments[0] in {"embed", "shorts"}:
            video_id = segments[1]
        else:
            video_id = ""
    else:
        video_id = ""
    return f"https://www.youtube-nocookie.com/embed/{video_id}" if video_id else ""


class EmbedBlock(blocks.StructBlock):
    url = blocks.URLBlock(help_text="Link to the video on YouTube or Vimeo.")
    title = blocks.CharBlock(max_length=160, help_text="What the video is about, in a few words.")
    transcript = blocks.TextBlock(
        help_text=(
            "Everything said in the video, as text. Required: some readers cannot hear or "
            "play video."
        )
    )

    class Meta:
        icon = "media"
        template = "blocks/embed.html"
        description = (
            "A YouTube or Vimeo video inside an article or page, with its transcript. For a "
            "course video with captions or an uploaded file, use “Video” in a course unit."
        )
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aaaaaaaaaaa",
            "title": "What CRAFT asks of families",
            "transcript": "In this short video we explain the three goals of CRAFT.",
        }

    def clean(self, value):
        value = super().clean(value)
        if not video_embed_url(value["url"]):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        "Use a YouTube or Vimeo video link, e.g. https://www.youtube.com/watch?v=…"
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = video_embed_url(value["url"])
        return context

    def get_api_representation(self, value, context=None):
        return {
            "url": value["url"],
            "embed_url": video_embed_url(value["url"]),
            "title": value["title"],
            "transcript": value["transcript"],
        }


class SourceBlock(blocks.StructBlock):
    """One source a page relies on, as readers and the JSON-LD ``citation`` show it."""

    title = blocks.CharBlock(max_length=255, help_text="The title of the source.")
    publisher = blocks.CharBlock(
        max_length=160, required=False, help_text="Who published it, e.g. “NIDA”."
    )
    url = blocks.URLBlock(required=False, help_text="Where readers can find it online.")
    accessed = blocks.DateBlock(
        required=False, help_text="When you last checked the source (date accessed)."
    )

    class Meta:
        icon = "link"
        label = "Source"
        description = "A source the page relies on: title, publisher, address, date accessed."


def sources_blocks():
    """The blocks of a page's ``sources`` list (one kind: a source)."""
    return [("source", SourceBlock())]


def common_blocks():
    """The (name, block) pairs of this library, in the order editors see them."""
    return [
        ("heading", HeadingBlock()),
        ("paragraph", ParagraphBlock()),
        ("image", ImageBlock()),
        ("quote", QuoteBlock()),
        ("question", QuestionBlock()),
        ("callout", CalloutBlock()),
        ("embed", EmbedBlock()),
    ]
