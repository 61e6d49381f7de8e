"""Course blocks: the video needs a transcript and one source; templates render offline."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from craft_course.blocks import (
    TRANSCRIPT_REQUIRED,
    ExerciseBlock,
    KeyTakeawaysBlock,
    VideoBlock,
)
from craft_course.models import CourseUnitPage

YOUTUBE = "https://www.youtube.com/watch?v=abcdefghijk"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded test documents go to a temporary folder, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path


def _video(**value):
    base = {"title": "Intro", "url": "", "file": None, "captions": None, "transcript": ""}
    base.update(value)
    block = VideoBlock()
    return block, block.to_python({k: v.pk if hasattr(v, "pk") else v for k, v in base.items()})


def _errors(block, value):
    with pytest.raises(ValidationError) as caught:
        block.clean(value)
    return {name: [str(m) for m in err.messages] for name, err in caught.value.block_errors.items()}


def test_a_video_without_a_transcript_fails_with_a_clear_message(db):
    block, value = _video(url=YOUTUBE, transcript="   ")

    errors = _errors(block, value)

    assert errors == {"transcript": [TRANSCRIPT_REQUIRED]}
    assert "Add a transcript" in TRANSCRIPT_REQUIRED


def test_a_unit_with_a_video_without_transcript_does_not_validate(home):
    field = CourseUnitPage._meta.get_field("body")
    data = field.stream_block.to_python(
        [{"type": "video", "value": {"title": "Intro", "url": YOUTUBE, "transcript": ""}}]
    )
    with pytest.raises(ValidationError) as caught:
        field.stream_block.clean(data)
    assert TRANSCRIPT_REQUIRED in str(caught.value.as_json_data())


def test_a_video_needs_exactly_one_valid_source(db):
    block, value = _video(transcript="Words.")
    assert "either a YouTube or Vimeo link" in _errors(block, value)["url"][0]
    document = Document.objects.create(title="clip", file=ContentFile(b"x", name="clip.mp4"))
    block, value = _video(url=YOUTUBE, file=document, transcript="Words.")
    assert "not both" in _errors(block, value)["url"][0]
    block, value = _video(url="https://example.com/video", transcript="Words.")
    assert "YouTube or Vimeo" in _errors(block, value)["url"][0]
    block, value = _video(url=YOUTUBE, transcript="Words.")
    assert block.clean(value)["transcript"] == "Words."


def test_video_renders_without_network_with_transcript_and_captions(db):
    block, value = _video(url=YOUTUBE, transcript="Hello families.")
    html = block.render(value)
    assert 'src="https://www.youtube-nocookie.com/embed/abcdefghijk"' in html
    assert "<details" in html
    assert "Hello families." in html

    clip = Document.objects.create(title="clip", file=ContentFile(b"x", name="clip.mp4"))
    vtt = Document.objects.create(title="captions", file=ContentFile(b"WEBVTT", name="c.vtt"))
    block, value = _video(file=clip, captions=vtt, transcript="Spoken words.")
    html = block.render(value)
    assert "<video" in html
    assert f'<track kind="captions" src="{vtt.url}"' in html
    assert "Spoken words." in html
    api = block.get_api_representation(value)
    assert api["captions"]["url"] == vtt.url
    assert api["transcript"] == "Spoken words."


def test_exercise_and_takeaways_render_and_serialise(db):
    exercise = ExerciseBlock()
    value = exercise.to_python(
        {"number": 4, "title": "A typical week", "guidance": "<p>Look.</p>", "prompts": ["When?"]}
    )
    assert "Key Observation 4" in exercise.render(value)
    assert exercise.get_api_representation(value)["prompts"] == ["When?"]
    with pytest.raises(ValidationError):
        exercise.clean(exercise.to_python({"number": 1, "title": "No prompts", "prompts": []}))
    takeaways = KeyTakeawaysBlock()
    value = takeaways.to_python({"heading": "Key takeaways", "items": ["Safety first."]})
    assert "<li>Safety first.</li>" in takeaways.render(value)
