"""A small site with every page type and every body block, as a headless front end sees it.

The address, schema and documented-examples tests share it: one article uses every shared
block (an image, a rich-text page link and document link, the banner and crisis notice), a
course unit every course block (an uploaded video with captions, a worksheet PDF), and the
blog, home, content and join pages carry their own fields. The default Site is built from
``WAGTAILADMIN_BASE_URL`` (``http://testserver`` in tests), as ``configure_site`` does.
"""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from core.sites import configure_site
from home.models import MembershipCallToAction
from membership.models import JoinPage
from pages.models import ContentPage
from tests.factories import (
    exercise_block,
    make_article,
    make_author,
    make_blog,
    make_course,
    make_home,
    make_image,
    make_module,
    make_topic,
    make_unit,
    publish,
)


def make_document(title="Worksheet", name="worksheet.pdf"):
    document = get_document_model()(title=title)
    document.file.save(name, ContentFile(b"%PDF-1.4 test"), save=True)
    return document


def build_site():
    """Every page type and block; returns the pages and files by name."""
    home = make_home()
    configure_site(root_page=home)
    blog = make_blog(home)
    blog.intro = "Practical articles for families."
    publish(blog)
    hero, photo = make_image("Kitchen table"), make_image("Portrait")
    document = make_document()
    banner = MembershipCallToAction.objects.create(
        name="Standard", heading="Become a member", text="Learn CRAFT with us."
    )
    rich = (
        f'<p>Read <a linktype="page" id="{blog.pk}">the blog</a> and '
        f'<a linktype="document" id="{document.pk}">the worksheet</a>.</p>'
    )
    article = make_article(
        parent=blog,
        title="Tapering safely",
        slug="tapering-safely",
        topics=[make_topic("Benzodiazepines", "benzos")],
        authors=[make_author("Dr Sam Lee", photo=photo)],
        hero_image=hero,
        hero_alt="Two mugs on a table",
        standfirst="Dr Lee explains.",
        body=[
            {"type": "heading", "value": {"text": "Start here", "level": "h2"}},
            {"type": "paragraph", "value": rich},
            {
                "type": "image",
                "value": {"image": hero.pk, "alt_text": "A table", "caption": "Ours"},
            },
            {"type": "quote", "value": {"text": "Small steps.", "attribution": "A parent"}},
            {"type": "question", "value": {"text": "Is it safe?", "pseudonym": "Worried Mom"}},
            {"type": "callout", "value": {"kind": "warning", "title": "Risk", "text": rich}},
            {
                "type": "embed",
                "value": {
                    "url": "https://www.youtube.com/watch?v=aaaaaaaaaaa",
                    "title": "CRAFT in brief",
                    "transcript": "What CRAFT asks.",
                },
            },
            {"type": "call_to_action", "value": {"call_to_action": banner.pk}},
            {"type": "crisis_notice", "value": {"intro": "If someone is in danger:"}},
        ],
    )
    about = ContentPage(
        title="About us",
        slug="about",
        intro="Who we are.",
        body=[{"type": "paragraph", "value": rich}],
        show_in_menus=True,
    )
    home.add_child(instance=about)
    publish(about)
    join = JoinPage(
        title="Join",
        slug="join",
        intro="Join us.",
        benefits=[{"type": "paragraph", "value": "<p>The course.</p>"}],
        how_to_join=f'<p>See <a linktype="page" id="{about.pk}">about us</a>.</p>',
    )
    home.add_child(instance=join)
    publish(join)
    course = make_course(home)
    module = make_module(course, 1)
    video, captions = make_document("Video", "video.mp4"), make_document("Captions", "c.vtt")
    unit = make_unit(
        module,
        title="Safety first",
        members_only=False,
        body=[
            {"type": "paragraph", "value": rich},
            {
                "type": "video",
                "value": {
                    "title": "Safety",
                    "url": "",
                    "file": video.pk,
                    "captions": captions.pk,
                    "transcript": "Stay safe.",
                },
            },
            exercise_block(1),
            {
                "type": "worksheet",
                "value": {
                    "title": "Worksheet",
                    "description": "Print it.",
                    "document": document.pk,
                },
            },
            {"type": "key_takeaways", "value": {"heading": "Key takeaways", "items": ["Safety."]}},
        ],
    )
    return {
        "home": home,
        "blog": blog,
        "article": article,
        "about": about,
        "join": join,
        "course": course,
        "module": module,
        "unit": unit,
        "document": document,
        "hero": hero,
    }
