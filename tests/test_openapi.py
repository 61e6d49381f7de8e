"""The v2 and v3 OpenAPI documents: valid, typed enough to generate clients, true to answers.

Real answers of every page type are validated against the documents' schemas with a JSON
Schema validator, and answers spoiled on purpose (a wrong body block, a wrong image) must
fail, so a schema that accepts anything cannot pass.
"""

import copy

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from tests.front_end_site import build_site

PAGE_TYPES = ("home", "blog", "article", "about", "join", "course", "module", "unit")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def site(db):
    return build_site()


@pytest.fixture
def documents(client, db):
    return {version: client.get(f"/api/{version}/openapi.json").json() for version in ("v2", "v3")}


def validator(document, name):
    """A validator of one named schema of an OpenAPI 3.1 document (JSON Schema 2020-12)."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    return Draft202012Validator(schema)


def errors(document, name, answer):
    return [error.message for error in validator(document, name).iter_errors(answer)]


def test_both_documents_are_valid_openapi(documents):
    for document in documents.values():
        validate(document)
        assert document["servers"] == [{"url": "http://testserver", "description": "This site"}]


def test_every_operation_declares_its_errors_in_the_one_shape(documents):
    for document in documents.values():
        assert "AllowAnonymous" not in document["components"].get("securitySchemes", {})
        for path, operations in document["paths"].items():
            for method, operation in operations.items():
                codes = set(operation["responses"])
                assert {"400", "401"} <= codes, (method, path)
                if "{" in path:
                    assert "404" in codes, (method, path)
                error = operation["responses"]["400"]["content"]["application/json"]["schema"]
                assert error == {"$ref": "#/components/schemas/ErrorSchema"}


def test_bodies_are_arrays_of_named_blocks_told_apart_by_type(documents):
    schemas = documents["v3"]["components"]["schemas"]
    items = schemas["ArticlePageSchema"]["properties"]["body"]["items"]
    assert items["discriminator"]["propertyName"] == "type"
    assert set(items["discriminator"]["mapping"]) == {
        "heading",
        "paragraph",
        "image",
        "quote",
        "question",
        "callout",
        "embed",
        "call_to_action",
        "crisis_notice",
    }
    unit_items = schemas["CourseUnitPageSchema"]["properties"]["body"]["items"]
    assert {"video", "exercise", "worksheet", "key_takeaways"} <= set(
        unit_items["discriminator"]["mapping"]
    )
    for name in ("ImageRef", "AuthorSchema", "TopicRef", "RelatedItem", "ErrorSchema"):
        assert name in schemas
        assert name in documents["v2"]["components"]["schemas"] or name == "RelatedItem"


def test_real_answers_of_every_page_type_match_the_documents(client, site, documents):
    for name in PAGE_TYPES:
        page = site[name]
        model = type(page).__name__
        v3 = client.get(f"/api/v3/pages/{page.pk}/").json()
        assert errors(documents["v3"], f"{model}Schema", v3) == [], name
        v2 = client.get(f"/api/v2/pages/{page.pk}/").json()
        assert errors(documents["v2"], model, v2) == [], name
        assert errors(documents["v2"], "AnyPage", v2) == [], name
    for path, schema in (
        ("/api/v2/pages/?type=articles.ArticlePage&fields=*", "PageListing"),
        ("/api/v2/pages/?fields=_,title", "PageListing"),
        ("/api/v2/images/?fields=*", "ImageListing"),
        ("/api/v2/documents/", "DocumentListing"),
        ("/api/v2/topics/?fields=*", "TopicListing"),
        ("/api/v2/course/outline/", "CourseOutline"),
    ):
        assert errors(documents["v2"], schema, client.get(path).json()) == [], path
    bad = client.get("/api/v2/pages/?limit=0").json()
    assert errors(documents["v2"], "ErrorSchema", bad) == []


def test_a_wrong_body_or_image_fails_validation(client, site, documents):
    article = site["article"]
    good = {
        "v2": client.get(f"/api/v2/pages/{article.pk}/").json(),
        "v3": client.get(f"/api/v3/pages/{article.pk}/").json(),
    }
    names = {"v2": "ArticlePage", "v3": "ArticlePageSchema"}

    def spoiled(version, change):
        answer = copy.deepcopy(good[version])
        change(answer)
        return errors(documents[version], names[version], answer)

    def unknown_block(answer):
        answer["body"][0]["type"] = "marquee"

    def wrong_heading(answer):
        answer["body"][0]["value"] = {"text": "Start", "level": "h9"}

    def image_without_sizes(answer):
        del answer["hero_image"]["renditions"]["width-800"]["width"]

    def image_as_a_string(answer):
        answer["hero_image"] = "/media/hero.jpg"

    def body_image_block_without_alt(answer):
        image_block = next(block for block in answer["body"] if block["type"] == "image")
        del image_block["value"]["alt"]

    for version in ("v2", "v3"):
        assert spoiled(version, lambda answer: None) == []
        for change in (
            unknown_block,
            wrong_heading,
            image_without_sizes,
            image_as_a_string,
            body_image_block_without_alt,
        ):
            assert spoiled(version, change), f"{version}: {change.__name__} was accepted"


def test_the_change_feed_is_described_alike_in_both_documents(client, site, documents):
    answer = client.get("/api/v2/changes/", {"since": "2000-01-01T00:00:00Z"}).json()

    assert answer["items"], "the site's pages were published, so the feed has changes"
    for document in documents.values():
        [path] = [path for path in document["paths"] if path.endswith("/changes/")]
        assert {"since", "limit"} <= {
            p["name"] for p in document["paths"][path]["get"]["parameters"]
        }
        assert errors(document, "ChangeFeed", answer) == []
        spoiled = copy.deepcopy(answer)
        spoiled["items"][0]["action"] = "vanished"
        assert errors(document, "ChangeFeed", spoiled)
    assert "/api/v2/preview/" in documents["v2"]["paths"]
