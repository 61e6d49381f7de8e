"""load_demo_content builds the site and is idempotent."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction, Revision, Site

from articles.models import ArticleIndexPage, ArticlePage, Author
from craft_course.models import CourseUnitPage
from home.models import AboutText, HomePage, MembershipCallToAction
from questions.models import Question
from topics.models import Topic


def snapshot():
    """Everything a second run must leave exactly as it was."""
    pages = [
        (p.pk, p.path, p.slug, p.title, p.content_type_id, p.live, p.latest_revision_id)
        for p in Page.objects.order_by("path")
    ]
    return {
        "pages": pages,
        "revisions": Revision.objects.count(),
        "sites": list(Site.objects.values_list("pk", "root_page_id", "site_name")),
        "restrictions": PageViewRestriction.objects.count(),
        "ctas": list(MembershipCallToAction.objects.values_list("pk", "name")),
        "about": list(AboutText.objects.values_list("pk", "name")),
        "users": list(get_user_model().objects.values_list("pk", "username")),
        "topics": list(Topic.objects.values_list("pk", "name", "synonyms", "description")),
        "authors": list(Author.objects.values_list("pk", "slug", "name")),
        "article_topics": sorted(
            ArticlePage.objects.values_list("pk", "tagged_items__tag_id").order_by()
        ),
        "featured": list(HomePage.objects.values_list("featured_pages__page_id", flat=True)),
        "questions": list(Question.objects.values_list("pk", "status", "article_id")),
        "reviews": list(ArticlePage.objects.values_list("pk", "last_reviewed", "reviewed_by")),
    }


def test_demo_content_replaces_the_welcome_page_and_is_idempotent(db, settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)
    first = snapshot()

    call_command("load_demo_content", verbosity=0)

    assert snapshot() == first
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert home.live
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()
    # Every published demo article and unit has been reviewed; questions come in every status.
    for model in (ArticlePage, CourseUnitPage):
        assert not model.objects.live().filter(last_reviewed__isnull=True).exists()
        assert not model.objects.live().filter(reviewed_by__isnull=True).exists()
    statuses = set(Question.objects.values_list("status", flat=True))
    assert statuses == {"received", "being_answered", "answered", "declined"}
    answered = Question.objects.get(status="answered").article
    assert answered.live
    assert answered.reviewed_by.slug == "priya-nair"
    assert answered.body[0].value["pseudonym"] == "Worried Mum"
    assert "Daniel" not in str(answered.body)


def test_demo_logins_are_never_created_outside_debug(db, settings):
    settings.DEBUG = False

    call_command("load_demo_content", verbosity=0)

    assert not get_user_model().objects.filter(username="admin").exists()


def test_demo_articles_follow_the_content_brief(db, settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)

    index = ArticleIndexPage.objects.get()
    assert index.url == "/articles/"
    # The imported articles, and one member's question answered through the workflow.
    assert ArticlePage.objects.live().child_of(index).count() == 15
    assert ArticlePage.objects.filter(members_only=True).count() >= 2
    assert Topic.objects.count() >= 15
    assert Author.objects.count() == 4
    reference = ArticlePage.objects.get(slug="benzodiazepines-in-recovery")
    kinds = [block.block_type for block in reference.body]
    assert {"question", "heading", "paragraph", "callout", "crisis_notice"} <= set(kinds)
    assert reference.from_members_blog
    assert "Priya Nair" in reference.standfirst
    # The messy keyword line of the original resolves to clean topics: no blanks, no dupes.
    names = sorted(t.name for t in reference.topics.all())
    assert "Benzodiazepines" in names
    assert "benzos" not in names
    assert "" not in names
    assert "Co-occurring mental health" in names
    assert "Peer support" in names
    assert len(reference.related_picks.all()) == 5
    assert HomePage.objects.get().featured_pages.count() == 3
    for article in ArticlePage.objects.live():
        assert len(article.body_text.split()) > 150, article.slug
