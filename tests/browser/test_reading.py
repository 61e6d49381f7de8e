"""The reader's first screen, type, focus ring, images and quick exit (issue 15), in Chromium.

One article with a hero, an image block and h2/h3 headings, loaded once on a phone
(390x844) and once on a desktop; each test checks several things on that one load.
"""

import pytest
from wagtail.models import Collection

from home.demo_images import demo_image
from home.models import MembershipCallToAction
from home.templatetags.home_tags import QUICK_EXIT_URL
from tests.browser.conftest import assert_no_serious_a11y_violations
from tests.factories import make_article, make_author, make_home

pytestmark = pytest.mark.browser

LONG = (
    "When a Loved One starts a new medicine, a family can feel torn between trust and worry. "
    "Write down what you notice, ask the prescriber what to watch for, and keep talking calmly. "
) * 4

#: The focus ring against what lies around it: 3:1 or more (WCAG 1.4.11), for each stop.
FOCUS_CONTRASTS = """() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ground = (el) => { for (let n = el.parentElement; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor); if (c.length === 3 || c[3] > 0) return c; }
    return [255, 255, 255]; };
  const el = document.activeElement, style = getComputedStyle(el);
  const a = lum(rgb(style.outlineColor)), b = lum(ground(el));
  return {tag: el.outerHTML.slice(0, 60), width: parseFloat(style.outlineWidth),
          ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)};
}"""


@pytest.fixture
def article(transactional_db):
    make_home()
    if not Collection.get_first_root_node():  # a transactional test's flush removes it
        Collection.add_root(name="Root")
    MembershipCallToAction.objects.create(
        name="Standard", heading="Become a member", text="Learn CRAFT.", button_url="/join/"
    )
    picture = demo_image("Demo: quiet water")
    body = [
        {"type": "paragraph", "value": f"<p>{LONG}</p>"},
        {"type": "heading", "value": {"text": "The risks", "level": "h2"}},
        {"type": "image", "value": {"image": picture.pk, "alt_text": "Calm water"}},
        {"type": "heading", "value": {"text": "What to watch for", "level": "h3"}},
        {"type": "paragraph", "value": f"<p>{LONG}</p>"},
    ]
    return make_article(
        "Benzodiazepines in recovery: what I learned as a doctor and as a family member",
        slug="benzos",
        summary="A sister in recovery has a new prescription. Is it a risk?",
        body=body,
        authors=[make_author("Priya Nair")],
        hero_image=picture,
        hero_alt="Calm water",
    )


def test_on_a_phone_the_article_comes_first_and_quick_exit_leaves_no_trace(page, article):
    page.route(QUICK_EXIT_URL + "*", lambda route: route.fulfill(body="<title>Weather</title>"))
    page.goto("/")
    page.goto("/articles/benzos/")

    facts = page.evaluate("""() => {
      const box = (s) => document.querySelector(s).getBoundingClientRect();
      const size = (s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize);
      return {header: box('.site-header').height, h1: box('h1').bottom, lede: box('.lede').top,
              sizes: [size('h1'), size('.prose h2'), size('.prose h3'), size('.prose p')],
              ctas: document.querySelectorAll('.cta').length,
              h2s: [...document.querySelectorAll('h2')].map((h) => h.textContent.trim())};
    }""")
    assert facts["header"] < 120
    assert facts["h1"] < 844, facts
    assert facts["lede"] < 844, facts
    h1, h2, h3, body = facts["sizes"]
    assert h1 > h2 > h3 > body, facts["sizes"]
    assert 18 <= body <= 20
    assert facts["ctas"] == 1
    assert len(facts["h2s"]) == len(set(facts["h2s"])), facts["h2s"]
    # The call to action follows the article's body.
    assert page.evaluate(
        "() => !!(document.querySelector('.prose').compareDocumentPosition("
        "document.querySelector('.cta')) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )

    images = page.locator("main img")
    assert images.count() == 2
    for index in range(images.count()):
        image = images.nth(index)
        assert image.get_attribute("srcset")
        assert image.get_attribute("sizes")
        assert image.get_attribute("width")
        assert image.get_attribute("height")
    assert page.locator("main picture source[type='image/avif']").count() == 2
    assert images.nth(0).get_attribute("loading") is None  # the hero, on the first screen
    assert images.nth(1).get_attribute("loading") == "lazy"

    # Search sits behind a button that opens a full-width field.
    page.get_by_role("button", name="Search").click()
    field = page.get_by_role("searchbox", name="Search the site")
    assert field.is_visible()
    assert page.locator("#site-search").bounding_box()["width"] >= 350
    assert_no_serious_a11y_violations(page)

    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(QUICK_EXIT_URL + "*")
    page.go_back()
    assert page.url.rstrip("/") == page.context.pages[0].url.rstrip("/")
    assert "/articles/benzos/" not in page.url


def test_on_a_desktop_lines_are_readable_and_every_focus_ring_shows(browser, live_server, article):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    try:
        tab.goto("/articles/benzos/")
        per_line = tab.evaluate("""() => {
          const p = document.querySelector('.prose p'), s = getComputedStyle(p);
          const lines = p.getBoundingClientRect().height / parseFloat(s.lineHeight);
          return p.textContent.length / lines;
        }""")
        assert 60 <= per_line <= 80, per_line
        size = tab.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.prose p')).fontSize)"
        )
        assert 18 <= size <= 20
        stops = []
        for _ in range(30):
            tab.keyboard.press("Tab")
            stops.append(tab.evaluate(FOCUS_CONTRASTS))
        weak = [stop for stop in stops if stop["ratio"] < 3 or stop["width"] < 2]
        assert not weak, weak
        assert_no_serious_a11y_violations(tab)
    finally:
        context.close()
