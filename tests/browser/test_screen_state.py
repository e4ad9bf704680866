"""What a person sees of the app's frame, in a real browser: every page's own address opens it,
a language switch keeps every choice visibly selected, and the Workshop's presenter mode fills
the screen and is left with one key."""

from __future__ import annotations

import pytest

from funnel.i18n import t
from tests.browser.conftest import Server, shot
from tests.browser.screens import wait_until_drawn
from tests.conftest import with_demo

# (url path, the page's title key): the menu's pages, the default one (served at the root) first
PAGES = [
    ("overview", "nav.overview"),
    ("channels", "nav.channels"),
    ("funnel", "nav.funnel"),
    ("planner", "nav.planner"),
    ("workshop", "nav.workshop"),
    ("data", "nav.data"),
    ("settings", "nav.settings"),
    ("admin", "admin.title"),
]


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory):
    """Started once for the module and visited first by a deep link (NOTES.md: a fresh server
    still runs the old pages/ mode until some session ran st.navigation). Its file holds the demo
    as the server's first page would install it (with_demo: the install's ~6 s of CPU in the
    server saved; what is fresh here is the server, not the file)."""
    s = Server(with_demo(tmp_path_factory.mktemp("screen_state") / "state.duckdb")).start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def chromium(browser):
    """The session's one browser (tests/browser/conftest.py): a second sync Playwright in the same
    worker fails ("Sync API inside the asyncio loop") when another file's browser is still open."""
    return browser


@pytest.fixture
def tab(chromium):
    ctx = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    ctx.close()


def test_every_page_opens_by_its_own_address(fresh_server, tab):
    # /overview is the default page's own name: Streamlit serves that page at the root and used to
    # answer its name with "Page not found" (then ran the root anyway).
    for path, title in PAGES:
        tab.goto(f"{fresh_server.url}/{path}?lang=en")
        wait_until_drawn(tab, quiet_ms=700)
        dialogs = tab.locator('[role="dialog"]').all_inner_texts()
        assert not any("not found" in d.lower() for d in dialogs), (path, dialogs)
        assert tab.locator("h1").first.inner_text().strip() == t(title, "en"), path
        if title.startswith("nav."):  # the browser tab names the page as its menu item does
            assert tab.title() == t("app.tab_title", "en", page=t(title, "en")), path
        assert "lang=en" in tab.url  # the link's parameters survive
    # and a wrong address still says so
    tab.goto(f"{fresh_server.url}/no_such_page")
    wait_until_drawn(tab, quiet_ms=700)
    assert any("not found" in d.lower() for d in tab.locator('[role="dialog"]').all_inner_texts())


def radio_state(page) -> dict[str, str]:
    """{radio's label: the label of its checked option ('' when none is shown checked)}."""
    out = {}
    for r in page.locator('[data-testid="stMain"] [data-testid="stRadio"]').all():
        name = r.locator('[data-testid="stWidgetLabel"]').inner_text().strip()
        checked = r.locator("label").filter(has=page.locator("input:checked"))
        out[name] = checked.first.inner_text().strip() if checked.count() else ""
    return out


def test_a_language_switch_keeps_every_choice_shown(fresh_server, tab):
    tab.goto(f"{fresh_server.url}/funnel?lang=ru")
    wait_until_drawn(tab, quiet_ms=700)
    picks = [t("an.attr.cohort", "ru"), t("an.fn.measure_amount", "ru")]
    for i, text in enumerate(picks):
        if i == 1:  # the refusals live in their own tab
            tab.get_by_role("tab", name=t("fn.tab.lost", "ru")).click()
            wait_until_drawn(tab)
        tab.locator('[data-testid="stMain"] [data-testid="stRadio"] label').filter(has_text=text).first.click()
        wait_until_drawn(tab)
    before = radio_state(tab)
    assert set(picks) <= set(before.values()), before
    tab.locator('[data-testid="stSidebar"] label').filter(has_text="English").click()
    wait_until_drawn(tab, quiet_ms=700)
    after = radio_state(tab)
    # the same choices, each shown checked in the new language (before the fix: none was)
    assert t("an.attr.cohort", "en") in after.values(), after
    assert t("an.fn.measure_amount", "en") in after.values(), after
    assert all(after.values()), after
    # and the open tab stays open, under its name in the new language
    assert tab.get_by_role("tab", name=t("fn.tab.lost", "en")).get_attribute("aria-selected") == "true"
    # the sidebar's period selectbox shows the English name of the chosen preset
    period = (
        tab.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]')
        .nth(1)
        .evaluate("e => e.textContent + ' ' + [...e.querySelectorAll('input')].map(i => i.value).join(' ')")
    )
    assert t("period.last_12_months", "en") in period, period
    shot(tab, "state-language-switch-en")


def test_presenter_mode_fills_the_screen_and_esc_leaves_it(fresh_server, tab):
    for size in ({"width": 1280, "height": 720}, {"width": 1920, "height": 1080}):
        tab.set_viewport_size(size)
        tab.goto(f"{fresh_server.url}/workshop?lang=ru&present=1")  # a link straight into it
        wait_until_drawn(tab, quiet_ms=700)
        assert not tab.locator('[data-testid="stSidebar"]').is_visible()
        assert not tab.get_by_text(t("auth.open_banner", "ru")[:20]).is_visible()
        values = tab.locator('.st-key-ws_numbers [data-testid="stMetricValue"]')
        assert values.count() == 3
        for i in range(3):
            box = values.nth(i).evaluate(
                "e => ({cut: e.scrollWidth > e.clientWidth + 1, size: parseFloat(getComputedStyle(e).fontSize)})"
            )
            assert not box["cut"], (size, values.nth(i).inner_text())
            assert box["size"] >= 0.04 * size["width"], box  # read from the back of a room
        label = tab.locator('.st-key-ws_numbers [data-testid="stMetricLabel"]').nth(2)
        assert label.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
        thumb = tab.locator('.st-key-ws_levers [data-testid="stSliderThumbValue"]').first
        assert float(thumb.evaluate("e => getComputedStyle(e.querySelector('p') || e).fontSize")[:-2]) >= 20
        # the workspace and the currency the numbers are in
        assert "Демо" in tab.locator('[data-testid="stMain"]').inner_text()  # the demo's Russian name
        shot(tab, f"presenter-{size['width']}")
    tab.keyboard.press("Escape")
    wait_until_drawn(tab, quiet_ms=700)
    assert tab.locator('[data-testid="stSidebar"]').is_visible()
    assert "present=" not in tab.url
    tab.get_by_role("button", name=t("presenter.open", "ru")).click()  # and one click back in
    wait_until_drawn(tab)
    assert not tab.locator('[data-testid="stSidebar"]').is_visible()
    assert "present=1" in tab.url
    # the room sees whole leads and a whole check, grouped as Russian groups thousands
    thumbs = tab.locator('.st-key-ws_levers [data-testid="stSliderThumbValue"]').all_inner_texts()
    assert "." not in thumbs[0] and "." not in thumbs[2] and "\u00a0" in thumbs[2], thumbs
    leave = tab.get_by_role("button", name=t("presenter.leave", "ru"))
    assert leave.is_visible()  # and one visible click out, as well as Esc
    leave.click()
    wait_until_drawn(tab)
    assert tab.locator('[data-testid="stSidebar"]').is_visible()
    assert "present=" not in tab.url


def test_on_a_phone_the_answer_comes_first_and_the_stages_stay_in_order(fresh_server, tab):
    tab.set_viewport_size({"width": 390, "height": 844})
    # a plan off the baseline (a shared link's): at the baseline the first tab draws no waterfall
    tab.goto(f"{fresh_server.url}/planner?lang=en&pv=1&rv=0&l=120&c=0.05&k=150000&cpl=1000&m=1")
    wait_until_drawn(tab, quiet_ms=700)
    first_metric = tab.locator('[data-testid="stMetric"]').first.bounding_box()
    first_slider = tab.locator('[data-testid="stMain"] [data-testid="stSlider"]').first.bounding_box()
    # the result above the levers: on a phone they are folded behind a switch (no box at all;
    # tests/browser/test_phone_planner.py opens them), and wherever one is drawn it stands below
    assert first_metric is not None
    assert first_slider is None or first_metric["y"] < first_slider["y"], (first_metric, first_slider)
    # the first tab's waterfall carries no Plotly toolbar at all (one sat on the charts' titles;
    # the page opens lighter without it)
    tab.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=30_000)
    assert not tab.locator('[data-testid="stPlotlyChart"] .modebar-group').count(), "a toolbar on the waterfall"
    # the stage chain: its sliders go down the page in the chain's order
    tab.get_by_role("tab", name="Stage chain").click()
    labels = tab.locator('[data-testid="stTabs"] [data-testid="stSlider"] [data-testid="stWidgetLabel"]')
    labels.nth(3).wait_for(timeout=30_000)
    wait_until_drawn(tab, quiet_ms=500)
    assert labels.count() >= 4
    tops = [labels.nth(i).bounding_box()["y"] for i in range(labels.count())]
    assert tops == sorted(tops), tops
    shot(tab, "state-phone-planner")
