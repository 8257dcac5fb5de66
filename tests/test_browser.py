"""Real browser tests: Playwright driving Debian's Chromium against a live server
holding the bundled data. Run them alone with `pytest -m browser`.

Where Chromium (or Playwright) is missing, as on a user's machine, they skip with
the reason; in CI (VOTETRACKER_REQUIRE_BROWSER=1) they fail instead, and .ci/run
also fails on any skipped test. Screenshots go to tests/artifacts/ (ignored by git).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

pytestmark = pytest.mark.browser


def unavailable(reason: str) -> None:
    if os.environ.get("VOTETRACKER_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (VOTETRACKER_REQUIRE_BROWSER=1: the browser tests must run)")
    pytest.skip(reason)


@pytest.fixture
def chromium(monkeypatch):
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is not installed (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - playwright is in requirements.txt
        unavailable(f"playwright is not installed: {error}")
    # Playwright's sync API runs an event loop in this thread; the test itself
    # never touches the database while it runs (the live server does, in its own).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        try:
            yield browser
        finally:
            browser.close()


def watch(page) -> list[str]:
    """Console errors and uncaught exceptions of a page, as they come."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
    return errors


def chart_drawn(page, selector: str) -> None:
    page.wait_for_selector(f"{selector} svg.main-svg", timeout=15000)
    assert page.locator(f"{selector} svg").count() >= 1
    # In the site's template (plotly_white, from static/js/chart-template.js, given
    # to every chart by charts.js), not plotly.js's own grey default.
    background = page.evaluate(
        "(s) => document.querySelector(s + ' .chart-plot, ' + s)._fullLayout.plot_bgcolor",
        selector,
    )
    assert background == "white", (selector, background)


def test_home_filter_and_the_reference_case(bundled, live_server, chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    errors = watch(page)
    external: list[str] = []
    page.on(
        "request",
        lambda r: external.append(r.url) if not r.url.startswith(live_server.url) else None,
    )

    # The home page, with its chart of vetoes.
    page.goto(live_server.url + "/")
    assert "Votes of the UN Security Council" in page.title()
    chart_drawn(page, "#chart-vetoes")
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)

    # The votes, filtered by a member and a position through the form.
    page.click("nav >> text=Votes")
    # The filters are folded behind one button.
    assert not page.locator("#id_member").is_visible()
    page.click("details.filters-fold > summary")
    page.select_option("#id_member", "RUS")
    page.select_option("#id_position", "veto")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert "member=RUS" in page.url and "position=veto" in page.url
    links = page.locator("table.data tbody a[href='/resolutions/s-2017-315/']")
    assert links.count() == 1
    rows = page.locator("table.data tbody tr")
    for index in range(rows.count()):
        assert "Russia" in rows.nth(index).locator("td").nth(5).inner_text()
    page.screenshot(path=str(ARTIFACTS / "votes-russia-vetoed.png"), full_page=True)

    # The reference case: the chart rendered, the Russian Federation vetoing.
    links.first.click()
    page.wait_for_url("**/resolutions/s-2017-315/")
    assert page.title().startswith("S/2017/315")
    chart_drawn(page, "#chart-vote")
    veto_trace = page.evaluate(
        """() => document.getElementById('chart-vote').data
                 .filter(trace => trace.name.startsWith('Veto'))
                 .map(trace => trace.text)"""
    )
    assert veto_trace == [["★ Russia<br>VETO"]]
    assert page.locator("#chart-vote svg").get_by_text("VETO", exact=True).count() == 1
    # The horseshoe: one seat drawn per member of the Council.
    assert page.locator("#chart-vote svg .scatterlayer .point").count() == 15
    veto_group = page.locator("[data-position=veto]")
    assert "Russia" in veto_group.inner_text()
    assert veto_group.locator("a").get_attribute("title") == "Russian Federation"
    assert "Veto" in veto_group.inner_text()
    assert page.locator("[data-position=veto] li").count() == 1
    page.screenshot(path=str(ARTIFACTS / "s-2017-315.png"), full_page=True)

    phone = chromium.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    errors += watch(phone)
    phone.goto(live_server.url + "/resolutions/s-2017-315/")
    chart_drawn(phone, "#chart-vote")
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, "the vote page scrolls sideways on a phone"
    phone.screenshot(path=str(ARTIFACTS / "s-2017-315-phone.png"), full_page=True)

    assert errors == []
    assert external == [], "every page must work offline"


TOGETHER_PAGES = ["/compare/?a=USA&b=RUS", "/agreement/?year=2017", "/alignment/"]


@pytest.mark.parametrize("width", [390, 1400])
def test_the_pages_that_read_votes_together_draw_their_charts(
    bundled, live_server, chromium, width
):
    page = chromium.new_page(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    errors = watch(page)
    for path in TOGETHER_PAGES:
        page.goto(live_server.url + path)
        chart_drawn(page, ".chart-plot")
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        assert scroll <= width, f"{path} is {scroll}px wide at {width}px"
        name = path.strip("/").split("/")[0].split("?")[0]
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    # A cell of the matrix opens that pair's comparison.
    page.goto(live_server.url + "/agreement/?year=2017&members=RUS,USA,GBR")
    chart_drawn(page, "#chart-agreement-matrix")
    link = page.evaluate(
        "() => document.getElementById('chart-agreement-matrix').data[0].customdata[0][1][0]"
    )
    assert link.startswith("/compare/?a=")
    assert errors == []


VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""
LINK_NAME = '<a href="https://example.org/">Russia</a>'


def test_charts_draw_under_the_content_security_policy(bundled, live_server, chromium):
    from django.contrib.auth.models import User

    from resolutions.models import MemberState, Resolution

    # A name holding HTML: plotly renders a subset of HTML in labels, so the
    # chart must show it as written, never as a link.
    MemberState.objects.filter(code="RUS").update(short_name=LINK_NAME, name=LINK_NAME)
    User.objects.create_superuser("boss", password="boss-password-5512")
    record = Resolution.objects.get(slug="s-2017-315")

    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(VIOLATIONS)
    errors = watch(page)
    for path, chart in [
        ("/", "#chart-vetoes"),
        ("/resolutions/s-2017-315/", "#chart-vote"),
        ("/members/rus/", "[data-chart]"),
        ("/topics/middle-east-syria/", "#chart-topic"),
        *[(path, ".chart-plot") for path in TOGETHER_PAGES],
    ]:
        response = page.goto(live_server.url + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        chart_drawn(page, chart)
        # plotly's own rules (inserted through the CSSOM) apply: its modebar is
        # positioned by them, not left in the page's flow.
        position = page.evaluate(
            "s => getComputedStyle(document.querySelector(s + ' .modebar-container')"
            " || document.querySelector(s + ' .modebar')).position",
            chart,
        )
        assert position == "absolute", path
        assert page.locator(f"{chart} svg a").count() == 0, path
        assert page.evaluate("() => window.__violations") == [], path

    page.goto(live_server.url + "/resolutions/s-2017-315/")
    chart_drawn(page, "#chart-vote")
    assert page.locator("#chart-vote svg").get_by_text(LINK_NAME, exact=False).count() >= 1
    page.screenshot(path=str(ARTIFACTS / "csp-vote-chart.png"), full_page=True)

    # The admin, with its own scripts, under the same policy.
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", "boss-password-5512")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    for path in [
        f"/admin/resolutions/resolution/{record.pk}/change/",
        "/admin/resolutions/resolution/add/?date=2017-04-12",
        "/admin/resolutions/resolution/add-from-article/",
        "/admin/resolutions/resolution/",
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__violations") == [], path
    assert errors == []


def test_a_report_sent_from_a_vote_page_reaches_the_admin(bundled, live_server, chromium):
    from django.contrib.auth.models import User

    User.objects.create_superuser("editor", "editor@example.org", "a long test password")
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    errors = watch(page)
    page.goto(live_server.url + "/resolutions/s-2017-315/")
    page.click("text=Report an error")
    page.fill("textarea[name=message]", "Kazakhstan's position should read abstain <checked>.")
    page.fill("input[name=source_url]", "https://press.un.org/en/2017/sc12791.doc.htm")
    assert not page.locator("input[name=website]").is_visible() or page.evaluate(
        "() => document.querySelector('input[name=website]').getBoundingClientRect().left < 0"
    )
    page.click("text=Send the report")
    page.wait_for_url("**/resolutions/s-2017-315/report/sent/")
    assert "Thank you: your report was sent" in page.content()
    page.screenshot(path=str(ARTIFACTS / "report-sent.png"), full_page=True)

    page.goto(live_server.url + "/admin/login/?next=/admin/resolutions/errorreport/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "a long test password")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/resolutions/errorreport/")
    listing = page.locator("#result_list").inner_text()
    assert "Kazakhstan's position should read abstain <checked>." in listing
    assert "S/2017/315" in listing and "Open" in listing
    from resolutions.models import ErrorReport

    report = ErrorReport.objects.get()
    assert report.resolution.slug == "s-2017-315"
    page.goto(live_server.url + f"/admin/resolutions/errorreport/{report.pk}/change/")
    assert page.locator("text=public page").get_attribute("href") == "/resolutions/s-2017-315/"
    page.screenshot(path=str(ARTIFACTS / "report-admin.png"), full_page=True)
    assert errors == []


TOPIC_PAGES = ["/topics/", "/topics/middle-east-syria/"]
LAYOUT_PAGES = [
    "/",
    "/resolutions/",
    "/resolutions/s-2017-315/",
    "/resolutions/s-3710/",
    "/members/",
    "/members/rus/",
    *TOPIC_PAGES,
    *TOGETHER_PAGES,
    "/about/",
    "/glossary/",
]


def fits_the_screen(page, server: str, path: str, width: int) -> None:
    """The page at `path` scrolls not sideways, no table of it is clipped inside its
    scroller, and each chart of it draws an SVG in its plot area."""
    page.goto(server + path)
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= width, f"{path} is {wide} px wide at {width} px"
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('.table-wrap')]
                 .filter(w => w.scrollWidth > w.clientWidth + 1).length"""
    )
    assert clipped == 0, f"{path}: a table scrolls sideways at {width} px"
    page.wait_for_function(
        """() => [...document.querySelectorAll('.chart-plot')].every(
             e => e.classList.contains('drawn') && e.querySelector('svg.main-svg'))""",
        timeout=15000,
    )
    page.screenshot(path=str(ARTIFACTS / f"layout-{width}{path.replace('/', '_')}.png"))


# The public pages the layout test above does not open: the rest of the site's
# addresses (tests/test_views.EXAMPLES), each no wider than the screen either.
MORE_PAGES = [
    "/methodology/",
    "/search/?q=china",
    "/resolutions/s-2017-315/report/",
    "/resolutions/s-2017-315/report/sent/",
    "/members/rus/report/",
    "/members/rus/report/sent/",
]


@pytest.mark.parametrize("width", [390, 1400])
def test_the_other_pages_are_no_wider_than_the_screen(bundled, live_server, chromium, width):
    page = chromium.new_page(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    errors = watch(page)
    for path in MORE_PAGES:
        fits_the_screen(page, live_server.url, path, width)
    assert errors == []


def test_every_public_page_is_in_a_layout_test():
    """Every page of the site (one example URL per URL pattern, but the downloads
    and feeds) is opened by one of the two layout tests."""
    from test_views import EXAMPLES

    pages = {
        url
        for url in EXAMPLES.values()
        if not url.split("?")[0].endswith((".csv", ".json", ".atom"))
    }
    opened = {url.split("?")[0] for url in (*LAYOUT_PAGES, *MORE_PAGES)}
    assert {url.split("?")[0] for url in pages} <= opened


@pytest.mark.parametrize("width", [390, 1400])
def test_no_page_is_wider_than_the_screen_and_every_chart_is_drawn(
    bundled, live_server, chromium, width
):
    """On a phone (390 px) and a desktop (1400 px): nothing scrolls sideways, no
    table is clipped inside its scroller, each chart draws an SVG in its plot area,
    and the vote's horseshoe has one seat per member (11 before 1966)."""
    page = chromium.new_page(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    errors = watch(page)
    for path in LAYOUT_PAGES:
        fits_the_screen(page, live_server.url, path, width)
    for path, seats in [("/resolutions/s-2017-315/", 15), ("/resolutions/s-3710/", 11)]:
        page.goto(live_server.url + path)
        chart_drawn(page, "#chart-vote")
        assert page.locator("#chart-vote .scatterlayer .point").count() == seats, path
    assert errors == []


@pytest.mark.parametrize("width", [390, 1400])
def test_a_members_terms_are_drawn_as_a_timeline(bundled, live_server, chromium, width):
    """The member page's timeline of terms, on a phone and a desktop: one bar per
    term (the USSR's seat on its own row before the Russian Federation's), the page
    no wider than the screen, the table of the same terms folded."""
    from resolutions.models import CouncilTerm

    page = chromium.new_page(viewport={"width": width, "height": 900}, is_mobile=width < 500)
    errors = watch(page)
    for code, rows in [("rus", 2), ("jpn", 1)]:
        page.goto(live_server.url + f"/members/{code}/")
        chart_drawn(page, "#chart-terms")
        terms = CouncilTerm.objects.filter(member__in=["SUN", "RUS"] if code == "rus" else ["JPN"])
        assert page.locator("#chart-terms .barlayer .point").count() == terms.count() > 1, code
        assert page.locator("#chart-terms .ytick").count() == rows, code
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= width, f"/members/{code}/ is {wide} px wide at {width} px"
        plot = page.locator("#chart-terms svg.main-svg").first.bounding_box()
        assert plot["x"] >= 0 and plot["x"] + plot["width"] <= width, code
        table = page.locator("details", has=page.get_by_text("Terms on the Council", exact=True))
        assert table.count() == 1 and not table.evaluate("d => d.open"), code  # folded
        page.locator("#chart-terms").screenshot(path=str(ARTIFACTS / f"terms-{code}-{width}.png"))
    assert errors == []


def test_an_editor_enters_a_vote_in_one_action_and_is_taken_to_its_error(
    bundled, live_server, chromium
):
    """The add form: six positions chosen, "the others voted for", one save; then a
    vote with a member left blank opens at that member's row (focused, in view,
    marked), linked from the note at the top, with no other error beside it."""
    from django.contrib.auth.models import User

    from resolutions.models import Resolution

    User.objects.create_superuser("clerk", password="clerk-password-7731")
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    errors = watch(page)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "clerk")
    page.fill("#id_password", "clerk-password-7731")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    def add_form(symbol: str) -> dict[str, str]:
        """The add form of 28 February 2017: each member's code -> its row's menu."""
        page.goto(live_server.url + "/admin/resolutions/resolution/add/?date=2017-02-28")
        page.fill("#id_draft_symbol", symbol)
        page.fill("#id_meeting", "S/PV.7893")
        menus = {}
        for index in range(15):
            code = page.input_value(f"#id_votes-{index}-member")
            menus[code] = f"#id_votes-{index}-position"
        return menus

    menus = add_form("S/2017/172")
    for code, position in {"BOL": "against", "CHN": "veto", "RUS": "veto"}.items():
        page.select_option(menus[code], position)
    for code in ("EGY", "ETH", "KAZ"):
        page.select_option(menus[code], "abstain")
    page.check("input[name=seats_left][value=others_for]")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/resolutions/resolution/")
    record = Resolution.objects.get(draft_symbol="S/2017/172")
    assert (str(record.tally), record.outcome, record.votes.count()) == ("9-3-3", "vetoed", 15)

    menus = add_form("S/2017/173")
    for code, menu in menus.items():
        if code != "EGY":
            page.select_option(menu, "for")
    page.fill("#id_resolution_number", "2345")
    page.click("input[name=_save]")
    page.wait_for_load_state("load")
    focused = page.evaluate("() => document.activeElement.id")
    assert focused == menus["EGY"].lstrip("#")
    box = page.evaluate(
        "s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return [r.top, r.bottom, window.innerHeight]; }",
        menus["EGY"],
    )
    assert box[0] >= 0 and box[1] <= box[2], box  # in view without scrolling
    note = page.locator("p.first-error a")
    assert note.get_attribute("href") == menus["EGY"]
    assert note.inner_text().startswith("Egypt sat on the Council on 2017-02-28")
    row = page.locator(f"tr.form-row:has({menus['EGY']})")
    colour = row.locator("td").first.evaluate("td => getComputedStyle(td).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")  # the row is marked
    shown = page.locator(".errorlist li").all_inner_texts()
    assert "Egypt sat on the Council on 2017-02-28 but has no recorded vote." in shown
    assert not any("resolution number" in text or "Give the outcome" in text for text in shown)
    page.screenshot(path=str(ARTIFACTS / "admin-first-error.png"))
    assert not Resolution.objects.filter(draft_symbol="S/2017/173").exists()
    assert errors == []
