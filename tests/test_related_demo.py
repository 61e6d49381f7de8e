"""With the demo content, the benzodiazepine article's related posts favour medication."""

import io

import pytest

from articles.demo import load_demo
from articles.models import ArticlePage, ArticleRelatedPick
from articles.related.models import RelatedPost
from tests.factories import make_home

pytestmark = pytest.mark.django_db

MEDICATION = [
    "partner-misusing-adhd-prescription",
    "choosing-medication-after-fentanyl-detox",
    "our-position-on-medication-in-recovery",
    "coming-off-methadone-alone",
    "protecting-a-loved-one-from-overdose",
]
COMMUNICATION = [
    "calm-conversations-with-a-son-in-active-addiction",
    "when-a-drinking-boyfriend-asks-to-move-in",
    "breaking-the-silence-about-drinking-and-cannabis",
]


def related_slugs(page):
    return list(
        RelatedPost.objects.filter(page=page).order_by("rank").values_list("target__slug", "source")
    )


def test_benzodiazepine_article_ranks_medication_above_communication(
    django_capture_on_commit_callbacks,
):
    make_home()
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(io.StringIO())
    source = ArticlePage.objects.get(slug="benzodiazepines-in-recovery")
    # The demo's editor picks are exactly these medication articles, in this order...
    assert related_slugs(source)[:5] == [(slug, "editor") for slug in MEDICATION]

    # ...so drop the picks, publish again, and the engine alone must agree.
    ArticleRelatedPick.objects.filter(page=source).delete()
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=source.pk).save_revision().publish()
    ranked = related_slugs(source)
    print("\nbenzodiazepines-in-recovery (engine only) ->", ranked)
    slugs = [slug for slug, kind in ranked if kind == "auto"]
    assert len(slugs) == len(ranked)
    positions = {
        slug: slugs.index(slug) if slug in slugs else len(slugs)
        for slug in MEDICATION + COMMUNICATION
    }
    assert all(slug in slugs for slug in MEDICATION)
    assert max(positions[s] for s in MEDICATION) < min(positions[s] for s in COMMUNICATION)
