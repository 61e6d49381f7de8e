"""import_articles: JSON Lines in, live pages with revisions out; idempotent; bad lines reported."""

import io
import json

import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from wagtail.models import PageViewRestriction, Revision

from articles.importer import Importer, import_records
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
        ("{not json", "not valid JSON"),
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


LONG = "x" * 300
BAD_RECORDS = {
    # line in the file: (record or raw line, what the report must say)
    3: (
        record("first-steps", title="Same slug again"),
        'slug "first-steps" is already used on line 1',
    ),
    4: (record("long-title", title=LONG), 'field "title" is longer than 255 characters'),
    5: (record("long-topic", topics=[LONG]), 'field "topics" item 1 is longer than 100'),
    6: (record("long-author", authors=["Dana", LONG]), 'field "authors" item 2 is longer than 120'),
    7: (
        record("nul-title", title="Bad\x00title"),
        'field "title" contains the control character U+0000',
    ),
    8: (
        record("nul-body", body=[{"type": "paragraph", "value": "<p>a\x1bb</p>"}]),
        'field "body item 1 (paragraph)" contains the control character U+001B',
    ),
    9: ("[" * 100_000, "nests deeper than 20 levels"),
    10: ('{"slug": ' * 100_000, "nests deeper than 20 levels"),
    11: (
        record("huge", body=[{"type": "paragraph", "value": "<p>" + "word " * 1_000_000 + "</p>"}]),
        'field "body item 1 (paragraph)" is too long to be searchable (5,000,007 bytes',
    ),
    12: (record("narcissus", related=["narcissus"]), 'field "related" lists the article itself'),
    13: (
        record("not-a-block", body=[{"type": "paragraph", "value": "<p>ok</p>"}, "h" * 200]),
        'body item 2: each body item needs "type" and "value"',
    ),
    14: (
        record(
            "block-errors",
            body=[
                {"type": "paragraph", "value": "<p>ok</p>"},
                {"type": "paragraph", "value": "<p>ok</p>"},
                {"type": "heading", "value": "h" * 200},
                {"type": "question", "value": {"text": "", "pseudonym": "p" * 61}},
            ],
        ),
        "body item 3 (heading): text: Ensure this value has at most 160 characters (it has 200).; "
        "body item 4 (question): text: This field is required.; "
        "body item 4 (question): pseudonym: Ensure this value has at most 60 characters",
    ),
    15: (b"\xff\xfe not utf-8", "not UTF-8 text"),
}
GOOD = {1: record("first-steps"), 2: record("second", related=["third"]), 16: record("third")}


def mixed_file(bom=True):
    """Every bad record of the issue between good ones; line 1 starts with a BOM."""
    lines = {**{n: r for n, (r, _) in BAD_RECORDS.items()}, **GOOD}
    raw = []
    for number in range(1, max(lines) + 1):
        item = lines[number]
        line = (
            item
            if isinstance(item, bytes)
            else json.dumps(item).encode()
            if isinstance(item, dict)
            else item.encode()
        )
        raw.append((b"\xef\xbb\xbf" if bom and number == 1 else b"") + line)
    return b"\n".join(raw) + b"\n\n"


def assert_mixed_file_result(errors):
    assert [number for number, _ in errors] == sorted(BAD_RECORDS)
    for number, message in errors:
        assert BAD_RECORDS[number][1] in message, (number, message)
    assert sorted(ArticlePage.objects.values_list("slug", flat=True)) == [
        "first-steps",
        "second",
        "third",
    ]
    assert ArticlePage.objects.get(slug="first-steps").title == "Title of first-steps"
    second = ArticlePage.objects.get(slug="second")
    assert [p.related.slug for p in second.related_picks.all()] == ["third"]


def test_a_file_mixing_every_bad_record_with_good_ones_keeps_the_good(home, benzos):
    result = import_records(mixed_file().splitlines(keepends=True))

    assert (result.created, result.failed) == (len(GOOD), len(BAD_RECORDS))
    assert_mixed_file_result(result.errors)


def test_the_command_reports_each_bad_line_and_exits_non_zero_without_traceback(
    home, benzos, tmp_path, capsys, monkeypatch
):
    """As ``manage.py import_articles`` runs it (argv in, exit status out)."""
    path = tmp_path / "windows-export.jsonl"
    path.write_bytes(mixed_file())
    # run_from_argv closes every connection when done, the test's own included.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)

    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "import_articles", str(path)]).execute()

    assert exit_info.value.code == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    errors = [line.split(": ", 1) for line in err.splitlines() if line.startswith("line ")]
    assert_mixed_file_result([(int(n.removeprefix("line ")), m) for n, m in errors])
    assert f"Imported: 3 created, 0 updated, 0 unchanged, {len(BAD_RECORDS)} failed." in out
    assert f"{len(BAD_RECORDS)} record(s) failed; the others were imported." in err


def test_a_byte_order_mark_is_accepted_and_line_numbers_stay_true(home, benzos):
    result = import_records(["\ufeff" + json.dumps(record()), "", "{oops"])
    assert result.created == 1
    assert result.errors == [
        (3, "not valid JSON: Expecting property name enclosed in double quotes (column 2)")
    ]


def test_a_record_the_database_refuses_is_reported_and_the_batch_goes_on(home, benzos, monkeypatch):
    """A failure inside the database (after the page was written) costs only that record."""
    original = Importer.write

    def write(self, data):
        outcome = original(self, data)
        if data["slug"] == "refused":
            Topic.objects.create(name="Clash", slug="benzodiazepines")  # unique slug
        return outcome

    monkeypatch.setattr(Importer, "write", write)
    source = lines(
        record("before", topics=["New before"]),
        record("refused", topics=["New refused"], authors=["New Author"]),
        record("after", topics=["New refused"], authors=["New Author"]),
        record("hidden", live=False),
    )

    result = import_records(source)

    assert result.created == 3
    [(line, message)] = result.errors
    assert line == 2
    assert message.startswith("the database refused the record: ")
    assert sorted(ArticlePage.objects.values_list("slug", flat=True)) == [
        "after",
        "before",
        "hidden",
    ]
    after = ArticlePage.objects.get(slug="after")
    assert [t.name for t in after.topics.all()] == ["New refused"]
    assert after.authors[0].name == "New Author"
    for page in ArticlePage.objects.all():  # the tree is sound: each page is where it says
        assert page.get_parent().specific_class.__name__ == "ArticleIndexPage"
    assert ArticlePage.objects.get(slug="after").url == "/articles/after/"
