"""The pages still work under their Content-Security-Policy, and the browser reports nothing.

Every violation is caught twice: a ``securitypolicyviolation`` listener installed before any
page script (in every frame), and Chromium's console message about the policy. The print
buttons are checked through a stubbed ``window.print``.
"""

import pytest

from tests.browser.conftest import assert_no_serious_a11y_violations
from tests.factories import (
    exercise_block,
    make_article,
    make_blog,
    make_course,
    make_home,
    make_module,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.browser

WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
}, true);
window.__printed = 0;
window.print = () => { window.__printed += 1; };
"""
VIDEO = {
    "type": "embed",
    "value": {
        "url": "https://www.youtube.com/watch?v=aaaaaaaaaaa",
        "title": "What CRAFT asks of families",
        "transcript": "In this short video we explain the three goals of CRAFT.",
    },
}


@pytest.fixture
def watched(page):
    """The page, with every CSP report it gets collected in ``page.csp_console``."""
    page.csp_console = []
    page.on(
        "console",
        lambda message: (
            page.csp_console.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.add_init_script(WATCH)
    return page


def assert_no_csp_violations(tab):
    reported = [(frame.url, frame.evaluate("window.__cspViolations || []")) for frame in tab.frames]
    reported = [(url, found) for url, found in reported if found]
    assert not reported, f"CSP violations on {tab.url}: {reported}"
    assert not tab.csp_console, f"CSP messages on {tab.url}: {tab.csp_console}"


def _sign_in(tab, login_url, username):
    tab.goto(login_url)
    tab.get_by_label("Username").fill(username)
    tab.get_by_label("Password").fill("pass-word-123")
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_load_state()


def test_public_and_members_pages_work_with_no_csp_violation(
    watched, live_server, transactional_db
):
    page = watched
    home = make_home()
    article = make_article(
        "Talking calmly about drinking",
        parent=make_blog(home),
        body=[{"type": "paragraph", "value": "<p>Calm words help.</p>"}, VIDEO],
    )
    module = make_module(make_course(home), 1, title="Key observations")
    unit = make_unit(
        module,
        "A typical week",
        body=[exercise_block(1, prompts=("When does your Loved One usually use?",))],
    )
    make_user("csp-member", member=True, password="pass-word-123")

    page.goto("/")
    assert page.locator("h1").inner_text() == home.title
    assert_no_csp_violations(page)

    page.goto(article.url)
    assert page.locator("script[type='application/ld+json']").count() == 1
    assert page.locator(f"iframe[title='Video: {VIDEO['value']['title']}']").count() == 1
    assert_no_csp_violations(page)

    page.goto("/search/?q=calmly")
    assert "Talking calmly about drinking" in page.locator("main").inner_text()
    assert_no_csp_violations(page)

    _sign_in(page, f"/accounts/login/?next={unit.url}", "csp-member")
    page.wait_for_url(f"**{unit.url}")
    page.get_by_label("When does your Loved One usually use?").fill("Friday evenings.")
    page.get_by_role("button", name="Save my answers").click()
    page.wait_for_load_state()
    assert "are saved" in page.locator(".journal-form .journal-status").inner_text()
    assert page.get_by_test_id("module-progress").get_by_role("progressbar").is_visible()
    assert_no_csp_violations(page)

    page.goto(f"/my/course/units/{unit.pk}/worksheet/")
    page.get_by_role("button", name="Print this page").click()
    assert page.evaluate("window.__printed") == 1
    assert_no_csp_violations(page)

    page.goto("/my/observations/")
    assert "Friday evenings." in page.locator("main").inner_text()
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.__printed") == 1
    assert_no_csp_violations(page)
    assert_no_serious_a11y_violations(page)


def test_the_page_editor_its_preview_and_the_userbar_report_no_csp_violation(
    watched, live_server, transactional_db
):
    page = watched
    page.set_viewport_size({"width": 1280, "height": 900})
    home = make_home()
    article = make_article(
        "Talking calmly about drinking",
        parent=make_blog(home),
        body=[{"type": "paragraph", "value": "<p>Calm words help.</p>"}, VIDEO],
    )
    make_user("csp-editor", superuser=True, password="pass-word-123")
    _sign_in(page, "/admin/login/", "csp-editor")
    assert_no_csp_violations(page)

    page.goto(f"/admin/pages/{article.get_parent().pk}/")
    assert page.get_by_role("link", name="Talking calmly about drinking").count() >= 1
    assert_no_csp_violations(page)

    page.goto(f"/admin/pages/{article.pk}/edit/")
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    assert preview.locator("h1").inner_text() == "Talking calmly about drinking"
    page.locator("[data-side-panel-toggle='checks']").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Add a related article").dispatch_event("click")
    page.get_by_role("button", name="Choose a page").first.dispatch_event("click")
    page.locator(".modal").get_by_role("link", name=home.title).first.wait_for()
    page.locator(".modal").get_by_role("button", name="Close").click()
    page.locator(".modal").wait_for(state="hidden")
    assert_no_csp_violations(page)

    page.goto(article.url)
    page.locator("wagtail-userbar").locator("[data-wagtail-userbar-trigger]").click()
    page.wait_for_load_state("networkidle")
    assert_no_csp_violations(page)
