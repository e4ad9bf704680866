"""A director's shared link in a real browser: the same numbers as the model, and a slider moves them."""

import pytest
from playwright.sync_api import expect

from funnel.i18n import fmt_money, fmt_num, fmt_pct
from funnel.model import precision
from funnel.model.plan import Plan, evaluate
from tests.browser.conftest import shot, wait_for_app

LINK = "lang=en&pv=1&rv=0&l=120&c=0.05&k=150000&cpl=1000&m=1"


@pytest.fixture
def shared(demo_server):
    """The process's server on the demo (conftest.py demo_server): a plan and its edits live in a
    browser session and its link, never in the database, so the tests share it."""
    return demo_server


def values(page) -> list[str]:
    return [e.inner_text() for e in page.query_selector_all('[data-testid="stMetricValue"]')]


def test_shared_link_shows_the_models_numbers_and_a_slider_moves_them(shared, page):
    server = shared
    page.goto(f"{server.url}/planner?{LINK}")
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    wait_for_app(page)
    out = evaluate(Plan(leads=120, conversion=0.05, avg_check=150_000, cpl=1_000))
    expected = [
        fmt_money(out["turnover"], "en"),
        fmt_num(out["deals"], "en", precision.figure("deals", "count", out["deals"])),
        fmt_money(out["budget"], "en"),
        fmt_pct(out["romi"], "en", 0),
    ]
    assert expected == ["₽900,000", "6", "₽120,000", "650%"]  # 120 × 5 % × 150 000, by hand; 6 deals whole
    assert values(page)[:4] == expected
    shot(page, "planner_shared_link")

    slider = page.get_by_role("slider").first  # leads per month
    slider.focus()
    slider.press("ArrowRight")  # one step: 121 leads
    # Compare digits only: on a fresh server the first rerun after a deep link comes back in the
    # default language (the shell's language switch, reported to the lead); the figure must not change.
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stMetricValue\"]')]"
        ".some(e => e.innerText.replace(/\\D/g, '') === '907500')",
        timeout=30_000,
    )
    wait_for_app(page)
    assert "".join(ch for ch in values(page)[0] if ch.isdigit()) == f"{121 * 0.05 * 150_000:.0f}"
    assert "l=121" in page.url  # the link follows the view
    shot(page, "planner_slider_moved")


def test_a_broken_link_falls_back_with_a_warning(shared, page):
    server = shared
    page.goto(f"{server.url}/planner?pv=1&l=120&c=7&k=1&lang=en")
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    wait_for_app(page)
    warning = page.locator('[data-testid="stAlertContentWarning"]').filter(has_text="stale or broken")
    assert warning.count() == 1
    assert not page.locator('[data-testid="stException"]').count()
    shot(page, "planner_bad_link")


def test_a_moved_stage_travels_in_the_link_to_another_browser(shared, browser):
    import json
    from urllib.parse import parse_qs, urlparse

    server = shared
    first = browser.new_page()
    first.goto(f"{server.url}/planner?{LINK}&chn=" + '{"lead":0.5}'.replace('"', "%22"))
    first.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    wait_for_app(first)
    first.get_by_role("tab", name="Stage chain").click()  # the page opens on the waterfall's tab
    # the chain's steps are sliders of options (a 0.1 % grid with the step's exact value): the
    # thumb shows the value, the range input only the option's index
    chain = first.locator('[data-testid="stSlider"]').filter(has_text="Lead →")
    step = chain.locator('input[type="range"]')
    step.wait_for(timeout=30_000)
    wait_for_app(first)
    assert _thumb(chain) == "50"  # the link's 0.5, not the data's rate
    step.focus()
    step.press("ArrowRight")  # one option of the 0.1 % grid: 50.1 %
    first.wait_for_function("() => decodeURIComponent(location.search).includes('0.501')", timeout=30_000)
    wait_for_app(first)
    carried = json.loads(parse_qs(urlparse(first.url).query)["chn"][0])
    assert carried == {"lead": 0.501}
    shot(first, "planner_chain_link")

    second = browser.new_page()  # another director opens the copied link
    second.goto(first.url)
    second.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    wait_for_app(second)
    second.get_by_role("tab", name="Stage chain").click()
    again = second.locator('[data-testid="stSlider"]').filter(has_text="Lead →")
    again.locator('input[type="range"]').wait_for(timeout=30_000)
    wait_for_app(second)
    assert _thumb(again) == "50.1"
    assert not second.locator('[data-testid="stAlertContentWarning"]').filter(has_text="stale").count()
    first.close()
    second.close()


def test_tabs_draw_on_demand_and_keep_the_plans_edits(shared, page):
    server = shared
    page.goto(f"{server.url}/planner?{LINK}&chn=" + '{"lead":0.25}'.replace('"', "%22"))
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    wait_for_app(page)
    p50 = page.locator('[data-testid="stMetricLabel"]').filter(has_text="Likely")  # the forecast's P50 (planner.fc.mid)
    assert not p50.count()  # the forecast tab is not drawn yet
    page.get_by_role("tab", name="Forecast").click()
    p50.first.wait_for(timeout=30_000)
    wait_for_app(page)
    assert "0.25" in page.url.replace("%3A", ":")  # the chain edit stays in the link
    page.get_by_role("tab", name="Stage chain").click()
    chain = page.locator('[data-testid="stSlider"]').filter(has_text="Lead →")
    chain.locator('input[type="range"]').wait_for(timeout=30_000)
    assert _thumb(chain) == "25"  # redrawn from the kept edit
    assert not page.locator('[data-testid="stException"]').count()
    shot(page, "planner_tabs_lazy")


def _mix_budget(page) -> str:
    """The channel-mix tab's total budget card."""
    card = page.locator('[data-testid="stMetric"]').filter(has_text="Budget per month").last
    return card.locator('[data-testid="stMetricValue"]').inner_text()


def _type_budget(page, grid, value: str) -> bool:
    """Type ``value`` into the first row's "Budget per month" cell of the mix grid and commit it,
    each step waiting on the grid's own state: its accessible copy of that cell (glide-cell-1-0)
    says whether the cell is selected and what it holds. True once it holds ``value``; False when
    the edit went with an editor that a rerun redrew away (the cell still says what it said)."""
    wait_for_app(page)
    cell = grid.locator('[data-testid="glide-cell-1-0"]')
    old = cell.inner_text()  # the grid has drawn its rows: the data's budget
    if old == value:  # an earlier attempt's edit arrived after that attempt stopped waiting for it
        return True
    grid.scroll_into_view_if_needed()
    for _ in range(5):  # a click a busy machine swallowed, or a layout that moved under it: aim again
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 235, box["y"] + 54)  # first row, "Budget per month" cell
        try:
            expect(cell).to_have_attribute("aria-selected", "true", timeout=3_000)
            break
        except AssertionError:
            continue
    page.keyboard.press("Enter")  # the selected cell's editor
    editor = page.locator("#portal textarea, #portal input")  # the grid's cell editor overlay
    editor.first.wait_for(timeout=10_000)
    page.keyboard.press("Control+A")
    page.keyboard.type(value)
    assert editor.first.input_value() == value
    page.keyboard.press("Enter")
    try:  # the cell's own state, not a time: on a loaded machine the grid takes the edit late
        expect(cell).to_have_text(value, timeout=15_000)
    except AssertionError:
        return False
    assert cell.inner_text() == value
    return True


def test_an_edited_channel_row_travels_in_the_link(shared, browser):
    import json
    from urllib.parse import parse_qs, urlparse

    server = shared
    first = browser.new_page()
    first.goto(f"{server.url}/planner?lang=en")
    first.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    wait_for_app(first)
    first.get_by_role("tab", name="Channel mix").click()
    grid = first.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=30_000)
    wait_for_app(first)
    before = _mix_budget(first)
    # Under CI load a rerun can redraw the grid while its editor is open, and the typed value
    # goes with the old editor (seen on fresh clones while the whole suite runs). The grid's own
    # cell says within seconds whether it took the edit; only a lost edit is typed again (it
    # used to be found out by 20 s without the link changing).
    for attempt in range(3):
        if _type_budget(first, grid, "123456"):
            break
        shot(first, f"planner_mix_after_enter_{attempt}")
        assert attempt < 2, "the grid never took the edit"
        first.keyboard.press("Escape")
    first.wait_for_function("() => location.search.includes('mix=')", timeout=60_000)
    wait_for_app(first)
    budget = first.locator('[data-testid="stMetric"]').filter(has_text="Budget per month").last
    expect(budget.locator('[data-testid="stMetricValue"]')).not_to_have_text(before, timeout=30_000)
    edited = json.loads(parse_qs(urlparse(first.url).query)["mix"][0])
    ((channel, row),) = edited.items()
    assert row["budget"] == 123456  # exactly what was typed, one row only
    after = _mix_budget(first)
    assert after != before
    shot(first, "planner_mix_edited")

    second = browser.new_page()
    second.goto(first.url)
    second.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
    wait_for_app(second)
    second.get_by_role("tab", name="Channel mix").click()
    second.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    wait_for_app(second)
    assert _mix_budget(second) == after  # the same mix, from the link alone
    assert json.loads(parse_qs(urlparse(second.url).query)["mix"][0]) == edited
    first.close()
    second.close()


def _thumb(slider) -> str:
    """The value a slider shows above its thumb."""
    return slider.locator('[data-testid="stSliderThumbValue"]').inner_text().strip()
