"""The "Related posts" section: cards, editor hiding, fallback and a constant query count."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from articles.related.models import RelatedDocument, RelatedPost
from tests.factories import make_article

pytestmark = pytest.mark.django_db

TOPICS = ["CRAFT", "Benzodiazepines", "Medication"]
SECTION = Template("{% load related_tags %}{% related_posts page %}")


def render(page):
    request = RequestFactory().get(page.url)
    return SECTION.render(Context({"page": page, "request": request}))


def build(count, capture, others=1):
    with capture(execute=True):
        for i in range(others):
            make_article(f"Talking kindly {i}", topics=["CRAFT", "Communication"], body="listening")
        return [
            make_article(
                f"Benzodiazepine taper {i}",
                topics=TOPICS,
                summary=f"Tapering benzodiazepines safely, part {i}.",
                body="benzodiazepine taper dose doctor",
            )
            for i in range(count)
        ]


def test_cards_show_title_excerpt_topics_and_reason(django_capture_on_commit_callbacks):
    # Topics on half the site or more say nothing, so most articles here are about other things.
    pages = build(7, django_capture_on_commit_callbacks, others=8)
    html = render(pages[0])
    assert 'aria-labelledby="related-posts-heading"' in html
    assert html.count('class="related-card"') == 6  # at most six cards
    assert "Tapering benzodiazepines safely, part" in html
    assert "Also about: Benzodiazepines · Medication" in html
    assert 'href="/articles/' in html
    assert "Talking kindly" not in html


def test_hidden_section_renders_nothing(django_capture_on_commit_callbacks):
    pages = build(3, django_capture_on_commit_callbacks)
    pages[0].hide_related = True
    assert render(pages[0]).strip() == ""


def test_fallback_by_topic_overlap_before_a_list_exists(django_capture_on_commit_callbacks):
    pages = build(3, django_capture_on_commit_callbacks)
    RelatedPost.objects.all().delete()
    RelatedDocument.objects.all().delete()
    html = render(pages[0])
    # Articles sharing the most topics first; the fallback does not weigh rarity.
    assert html.index("Benzodiazepine taper 2") < html.index("Talking kindly 0")
    assert html.index("Benzodiazepine taper 1") < html.index("Talking kindly 0")
    assert "Also about: " in html


def test_fallback_names_shared_topics_in_the_target_s_order(django_capture_on_commit_callbacks):
    pages = build(1, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Medication first", topics=["Medication", "Benzodiazepines"], body="dose")
    RelatedPost.objects.all().delete()
    RelatedDocument.objects.all().delete()
    assert "Also about: Medication · Benzodiazepines" in render(pages[0])


def test_rebuild_command_restores_the_lists(django_capture_on_commit_callbacks, capsys):
    pages = build(3, django_capture_on_commit_callbacks)
    RelatedPost.objects.all().delete()
    call_command("rebuild_related")
    out = capsys.readouterr().out
    assert out.startswith("Related posts rebuilt for 4 articles")  # no progress bar when piped
    assert "[" not in out
    assert RelatedPost.objects.filter(page=pages[0]).count() == 2


def test_rebuild_command_ranks_in_several_processes(django_capture_on_commit_callbacks):
    pages = build(3, django_capture_on_commit_callbacks)
    before = list(RelatedPost.objects.values_list("page_id", "target_id", "rank"))
    call_command("rebuild_related", "--workers", "2", verbosity=0)
    assert list(RelatedPost.objects.values_list("page_id", "target_id", "rank")) == before
    assert RelatedPost.objects.filter(page=pages[0]).count() == 2
    with pytest.raises(CommandError, match="--workers"):
        call_command("rebuild_related", "--workers", "0")


def queries(page):
    render(page)
    with CaptureQueriesContext(connection) as captured:
        render(page)
    return len(captured)


def test_query_count_is_constant(django_capture_on_commit_callbacks):
    pages = build(3, django_capture_on_commit_callbacks)
    few = queries(pages[0])
    build(10, django_capture_on_commit_callbacks)
    assert queries(pages[0]) == few
    # The source, its list, their restrictions, the topics, and the request's site (which a
    # real page view has already looked up).
    assert few <= 5


def test_a_preview_of_an_unsaved_article_has_no_section_yet():
    from articles.models import ArticlePage

    page = ArticlePage(title="Draft in preview", slug="draft-in-preview")
    html = SECTION.render(Context({"page": page, "request": RequestFactory().get("/")}))
    assert html.strip() == ""
