"""The editor's topics field suggests a topic for one of its other names, in a real browser."""

import pytest

from tests.factories import make_article, make_blog, make_home, make_topic, make_user

pytestmark = pytest.mark.browser


def test_typing_a_synonym_offers_the_topic(page, live_server, transactional_db):
    make_blog(make_home())
    benzos = make_topic("Benzodiazepines", synonyms="benzos")
    make_article("Tapering slowly", topics=[benzos])
    article = make_article("A new question")
    make_user("editor", password="pass-word-123", superuser=True)

    page.goto(f"/accounts/login/?next=/admin/pages/{article.pk}/edit/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("pass-word-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**/admin/pages/{article.pk}/edit/")

    field = page.locator("#id_topics").locator("xpath=..").locator("input.ui-widget-content")
    field.click()
    field.press_sequentially("benzos", delay=50)
    suggestion = page.locator(".ui-autocomplete li", has_text="Benzodiazepines")
    suggestion.wait_for()
    assert "Topics" in page.locator('label[for="id_topics"]').inner_text()
    suggestion.click()
    assert "Benzodiazepines" in page.locator("#id_topics").input_value()
