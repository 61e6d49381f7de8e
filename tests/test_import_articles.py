"""import_articles: JSON Lines in, live pages with revisions out; idempotent; bad lines reported."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageViewRestriction, Revision

from articles.importer import import_records
from articles.models import ArticlePage, Author
from topics.models import Topic


def record(slug="first-steps", **fields):
    data = {
        "slug": slug,
        "title": f"Title of {slug}",
        "summary": "What the article covers.",
        "body": [
            {"type": "heading", "value": "The risks"},
            {"type": "paragraph", "value": "<p>Some words about risk.</p>"},
            {"type": "question", "value": {"text": "What now?", "pseudonym": "Worried Mom"}},
        ],
        "topics": ["Benzodiazepines", "  ", "benzos"],
        "authors": ["Dana Reyes"],
        "date": "2024-03-05",
        "members_only": False,
    }
    data.update(fields)
    return data


def lines(*records):
    return [json.dumps(r) if isinstance(r, dict) else r for r in records]


@pytest.fixture
def benzos(db):
    return Topic.objects.create(name="Benzodiazepines", synonyms="benzos, Klonopin")


def test_import_creates_live_pages_with_revisions_and_resolves_synonyms(home, benzos):
    result = import_records(lines(record(), record("second", topics=["klonopin", "Sleep"])))

    assert (result.created, result.failed) == (2, 0)
    page = ArticlePage.objects.get(slug="first-steps")
    assert page.live
    assert page.live_revision_id
    assert page.latest_revision_id
    assert page.url == "/articles/first-steps/"
    assert [t.name for t in page.topics.all()] == ["Benzodiazepines"]
    assert [t.name for t in ArticlePage.objects.get(slug="second").topics.all()] == [
        "Benzodiazepines",
        "Sleep",
    ]
    assert page.authors[0].name == "Dana Reyes"
    assert Author.objects.count() == 1
    assert page.body[0].value["text"] == "The risks"


def test_running_the_same_file_twice_changes_nothing(home, benzos):
    data = lines(record(), record("second", related=["first-steps"], live=False))
    import_records(data)
    revisions = Revision.objects.count()
    pages = list(ArticlePage.objects.values_list("pk", "latest_revision_id", "live"))

    result = import_records(data)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert Revision.objects.count() == revisions
    assert list(ArticlePage.objects.values_list("pk", "latest_revision_id", "live")) == pages
    second = ArticlePage.objects.get(slug="second")
    assert not second.live
    assert [p.related.slug for p in second.related_picks.all()] == ["first-steps"]
    # The picks survive the next edit: the latest revision lists them too.
    draft = second.get_latest_revision_as_object()
    assert [p.related.slug for p in draft.related_picks.all()] == ["first-steps"]


def test_a_changed_record_updates_the_page_with_a_new_revision(home, benzos):
    import_records(lines(record()))
    result = import_records(lines(record(title="A better title")))
    assert (result.updated, result.created) == (1, 0)
    page = ArticlePage.objects.get(slug="first-steps")
    assert page.title == "A better title"
    assert page.revisions.count() == 2


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("{not json", "invalid JSON"),
        (json.dumps({k: v for k, v in record("x").items() if k != "summary"}), 'missing "summary"'),
        (json.dumps(record("x", body=[{"type": "marquee", "value": "hi"}])), "unknown block"),
        (json.dumps(record("x", date="5 March 2024")), "bad date"),
        (json.dumps(record("x", date="2024-02-30")), "bad date"),
        (json.dumps(record("x", members_only="yes")), '"members_only" must be a bool'),
        (json.dumps(record("Not A Slug")), "slug"),
        (json.dumps(record("x", related=["nowhere"])), "not found: nowhere"),
    ],
)
def test_a_bad_record_is_reported_with_its_line_and_the_rest_import(home, benzos, bad, reason):
    result = import_records(["", json.dumps(record("good-one")), bad])

    assert result.created == 1
    [(line, message)] = result.errors
    assert line == 3
    for word in reason.replace('missing "', 'missing field "').split():
        assert word.strip('"') in message
    assert list(ArticlePage.objects.values_list("slug", flat=True)) == ["good-one"]


def test_command_reads_stdin_reports_bad_lines_and_exits_non_zero(home, benzos, monkeypatch):
    data = "\n".join([json.dumps(record()), "[1, 2]", json.dumps(record("other"))]) + "\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(data))
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="1 record"):
        call_command("import_articles", "-", stdout=out, stderr=err)

    assert "line 2: each line must be a JSON object" in err.getvalue()
    assert "2 created" in out.getvalue()
    assert ArticlePage.objects.count() == 2


def test_dry_run_validates_without_writing(home, benzos, tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines(record(), record("two", topics=["New topic"]))))
    out = io.StringIO()

    call_command("import_articles", str(path), "--dry-run", stdout=out)

    assert "Would import: 2 created" in out.getvalue()
    assert not ArticlePage.objects.exists()
    assert list(Topic.objects.values_list("name", flat=True)) == ["Benzodiazepines"]
    assert not Author.objects.exists()


def test_missing_file_is_a_clear_error(db):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_articles", "/nonexistent/file.jsonl")


def test_members_only_import_restricts_the_page_to_members(home, benzos):
    import_records(lines(record(members_only=True)))
    page = ArticlePage.objects.get()
    restriction = PageViewRestriction.objects.get(page=page)
    assert [g.name for g in restriction.groups.all()] == ["Members"]

    import_records(lines(record(members_only=False)))
    assert not PageViewRestriction.objects.filter(page=page).exists()
