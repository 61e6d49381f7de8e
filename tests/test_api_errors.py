"""Bad API input gets a 400 (or 404) with a JSON reason naming the parameter; never a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_article, make_blog, make_topic


@pytest.fixture
def content(home):
    blog = make_blog(home)
    make_article(parent=blog, topics=[make_topic("Alcohol")])
    return blog


BAD_REQUESTS = [
    ("/api/v2/pages/?limit=abc", "limit"),
    ("/api/v2/pages/?limit=-1", "limit"),
    ("/api/v2/pages/?limit=100000", "limit"),
    ("/api/v2/pages/?limit=101", "limit"),
    ("/api/v2/pages/?offset=-5", "offset"),
    ("/api/v2/pages/?offset=abc", "offset"),
    ("/api/v2/pages/?offset=99999999999999999999999", "offset"),
    ("/api/v2/pages/?type=nope.Nothing", "type"),
    ("/api/v2/pages/?type=articles", "type"),
    ("/api/v2/pages/?fields=nonsense", "fields"),
    ("/api/v2/pages/?fields=(", "fields"),
    ("/api/v2/pages/?nonsense=1", "nonsense"),
    ("/api/v2/pages/?topic=no-such-topic", "topic"),
    ("/api/v2/pages/?topic=", "topic"),
    ("/api/v2/pages/?topic=alcohol&topic=nope", "topic"),
    ("/api/v2/pages/?order=nonsense", "order"),
    ("/api/v2/pages/?order=date", "order"),
    ("/api/v2/pages/?child_of=abc", "child_of"),
    ("/api/v2/pages/?descendant_of=-3", "descendant_of"),
    ("/api/v2/pages/?search=", "search"),
    ("/api/v2/pages/?search=x&search_operator=xor", "search_operator"),
    ("/api/v2/pages/?type=articles.ArticlePage&date=yesterday", "date"),
    ("/api/v2/pages/?type=articles.ArticlePage&members_only=perhaps", "members_only"),
    ("/api/v2/pages/?type=articles.ArticlePage&body=x", "body"),
    ("/api/v2/pages/?type=articles.ArticlePage&hero_image=abc", "hero_image"),
    ("/api/v2/pages/?title=a%00b", "title"),
    ("/api/v2/pages/?id=abc", "id"),
    ("/api/v2/pages/?site=localhost:abc", "site"),
    ("/api/v2/pages/abc/", "id"),
    ("/api/v2/pages/99999999999999999999/", "id"),
    ("/api/v2/pages/%D9%A1%D9%A2/", "id"),
    ("/api/v2/topics/99999999999999999999/", "id"),
    ("/api/v2/pages/1/related/?limit=%C2%B2", "limit"),
    ("/api/v3/pages/?limit=%2B5", "limit"),
    ("/api/v3/pages/?offset=1_0", "offset"),
    ("/api/v3/pages/?child_of=%205", "child_of"),
    ("/api/v3/pages/%C2%B2/", "page_id"),
    ("/api/v3/pages/99999999999999999999/", "page_id"),
    ("/api/v3/topics/%2B1/", "topic_id"),
    ("/api/v3/related/1/?limit=21", "limit"),
    ("/api/v3/images/?limit=abc", "limit"),
    ("/api/v2/pages/-1/", "id"),
    ("/api/v2/topics/abc/", "id"),
    ("/api/v2/topics/?limit=-1", "limit"),
    ("/api/v2/topics/?nonsense=1", "nonsense"),
    ("/api/v2/images/?limit=abc", "limit"),
    ("/api/v2/pages/?type=articles.ArticlePage&fields=authors(shoe_size)", "fields"),
]


@pytest.mark.parametrize(("url", "parameter"), BAD_REQUESTS)
def test_bad_input_is_a_400_naming_the_parameter(client, content, url, parameter):
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"message", "parameter"}, "every API error has the one shape"
    assert body["message"]
    if parameter:
        assert body["parameter"] == parameter


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/999999/",
        "/api/v2/topics/999999/",
        "/api/v2/images/999999/",
        "/api/v2/documents/999999/",
        "/api/v2/nothing-here/",
        "/api/v2/pages/find/?html_path=/no/such/page/",
        "/api/v3/pages/999999/",
        "/api/v3/topics/999999/",
        "/api/v3/related/999999/",
        "/api/v3/nothing-here/",
        "/api/v3/pages/find/?html_path=/no/such/page/",
    ],
)
def test_missing_objects_are_a_json_404(client, content, url):
    response = client.get(url)
    assert response.status_code == 404
    assert set(response.json()) == {"message", "parameter"}
    assert response.json()["message"]


PARAMETERS = [
    "limit",
    "offset",
    "type",
    "fields",
    "topic",
    "order",
    "search",
    "search_operator",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "date",
    "members_only",
    "title",
    "id",
    "site",
    "locale",
]


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    query=st.dictionaries(
        st.sampled_from(PARAMETERS),
        st.one_of(st.text(max_size=12), st.integers().map(str)),
        max_size=4,
    ),
    article_type=st.booleans(),
)
def test_fuzzed_query_never_answers_500(client, content, query, article_type):
    if article_type:
        query = {**query, "type": "articles.ArticlePage"}
    response = client.get("/api/v2/pages/", query)
    assert response.status_code in (200, 400, 404), response.content
    body = response.json()
    assert ("items" in body) if response.status_code == 200 else body["message"]
