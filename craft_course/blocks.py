"""Course-only StreamField blocks: video, Key Observation exercise, worksheet, takeaways.

The unit body is ``BodyBlock(local_blocks=COURSE_BLOCKS)``: the shared library plus these.
Block names are part of the API, so renaming one needs a data migration.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from core.blocks import RICH_TEXT_FEATURES, document_api, rich_text_api, video_embed_url
from core.richtext import RichTextBlock
from craft_course import api_fields as api

TRANSCRIPT_REQUIRED = (
    "Add a transcript: type everything said in the video. Readers who cannot hear or play "
    "the video rely on it, so a video cannot be published without one."
)
SOURCE_REQUIRED = "Give either a YouTube or Vimeo link or an uploaded video file (one of the two)."
SOURCE_BOTH = "Give a link or an uploaded file, not both: remove one of them."
BAD_LINK = "Use a YouTube or Vimeo video link, e.g. https://www.youtube.com/watch?v=…"


class VideoBlock(blocks.StructBlock):
    api_schema = api.VideoValue

    title = blocks.CharBlock(max_length=160, help_text="What the video is about, in a few words.")
    url = blocks.URLBlock(
        required=False, help_text="A YouTube or Vimeo link. Leave empty if you upload a file."
    )
    file = DocumentChooserBlock(
        required=False,
        help_text="Or an uploaded video file (MP4 or WebM). Leave empty if you give a link.",
    )
    captions = DocumentChooserBlock(
        required=False,
        help_text="Captions for the uploaded file, as a WebVTT (.vtt) document.",
    )
    transcript = blocks.TextBlock(
        required=False,
        help_text="Everything said in the video, as text. Required: some readers cannot hear it.",
    )

    class Meta:
        icon = "media"
        template = "craft_course/blocks/video.html"
        description = (
            "A course video: a YouTube or Vimeo link or an uploaded file with WebVTT "
            "captions, and its transcript. Only in course units; elsewhere use “Embed”."
        )
        preview_value = {
            "title": "Why CRAFT starts with safety",
            "url": "https://www.youtube.com/watch?v=aaaaaaaaaaa",
            "transcript": "In this video we talk about keeping everyone safe first.",
        }

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if not (value["transcript"] or "").strip():
            errors["transcript"] = ValidationError(TRANSCRIPT_REQUIRED)
        if value["url"] and value["file"]:
            errors["url"] = ValidationError(SOURCE_BOTH)
        elif not value["url"] and not value["file"]:
            errors["url"] = ValidationError(SOURCE_REQUIRED)
        elif value["url"] and not video_embed_url(value["url"]):
            errors["url"] = ValidationError(BAD_LINK)
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = video_embed_url(value["url"]) if value["url"] else ""
        return context

    def get_api_representation(self, value, context=None):
        return {
            "title": value["title"],
            "url": value["url"],
            "embed_url": video_embed_url(value["url"]) if value["url"] else "",
            "file": document_api(value["file"]),
            "captions": document_api(value["captions"]),
            "transcript": value["transcript"],
        }


class ExerciseBlock(blocks.StructBlock):
    api_schema = api.ExerciseValue

    number = blocks.IntegerBlock(
        required=False,
        min_value=1,
        help_text=(
            "Filled in for you: Key Observations are numbered in course order when the unit "
            "is saved and again whenever the published course changes. Anything typed here "
            "is replaced."
        ),
    )
    title = blocks.CharBlock(max_length=160, help_text="A short name, e.g. “Spotting triggers”.")
    guidance = RichTextBlock(
        features=RICH_TEXT_FEATURES,
        required=False,
        help_text="What to notice and why, in two or three sentences.",
    )
    prompts = blocks.ListBlock(
        blocks.CharBlock(max_length=300, label="Prompt"),
        min_num=1,
        help_text="The questions the member answers in their private journal, one per item.",
    )

    class Meta:
        icon = "edit"
        template = "craft_course/blocks/exercise.html"
        description = "A numbered Key Observation exercise with prompts members answer privately."
        preview_value = {
            "number": 1,
            "title": "A typical day",
            "guidance": "<p>Think about an ordinary weekday.</p>",
            "prompts": ["When does your Loved One usually start using?"],
        }

    def get_api_representation(self, value, context=None):
        return {
            "number": value["number"],
            "title": value["title"],
            "guidance": rich_text_api(value["guidance"], context),
            "prompts": list(value["prompts"]),
        }


class WorksheetBlock(blocks.StructBlock):
    api_schema = api.WorksheetValue

    title = blocks.CharBlock(max_length=160, default="Worksheet")
    description = blocks.TextBlock(
        required=False, help_text="One sentence on how to use the worksheet."
    )
    document = DocumentChooserBlock(
        required=False,
        help_text=(
            "Optional: a PDF to download. A printable page of this unit's exercises is "
            "always offered next to it."
        ),
    )

    class Meta:
        icon = "doc-full"
        template = "craft_course/blocks/worksheet.html"
        description = "A downloadable worksheet plus a printable page of the unit's exercises."
        preview_value = {"title": "Worksheet", "description": "Print it and keep it handy."}

    def get_api_representation(self, value, context=None):
        return {
            "title": value["title"],
            "description": value["description"],
            "document": document_api(value["document"]),
        }


class KeyTakeawaysBlock(blocks.StructBlock):
    api_schema = api.KeyTakeawaysValue

    heading = blocks.CharBlock(max_length=80, default="Key takeaways")
    items = blocks.ListBlock(
        blocks.CharBlock(max_length=300, label="Takeaway"),
        min_num=1,
        help_text="Three to five short sentences worth remembering.",
    )

    class Meta:
        icon = "list-ul"
        template = "craft_course/blocks/key_takeaways.html"
        description = "A short list of the unit's main points."
        preview_value = {
            "heading": "Key takeaways",
            "items": ["Safety comes first.", "Small changes add up."],
        }

    def get_api_representation(self, value, context=None):
        return {"heading": value["heading"], "items": list(value["items"])}


def course_blocks():
    return [
        ("video", VideoBlock()),
        ("exercise", ExerciseBlock()),
        ("worksheet", WorksheetBlock()),
        ("key_takeaways", KeyTakeawaysBlock()),
    ]
