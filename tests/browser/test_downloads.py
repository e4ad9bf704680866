"""Table downloads are made on click (deferred): what a person gets is the whole table,
with formula-looking text neutralised."""

from __future__ import annotations

import csv
import io

import pytest

from funnel.db import Store
from funnel.report import pdf
from funnel.workspace import create_workspace
from tests.browser.conftest import shot, wait_for_idle
from tests.conftest import insert


def test_channel_table_downloads_as_csv_on_click(server_factory, page, tmp_path):
    db = tmp_path / "dl.duckdb"
    store = Store(db)
    with store.transaction() as cur:
        create_workspace(cur, "Shop")
    insert(
        store,
        "shop",
        "leads",
        [
            {"lead_id": "1", "created_at": "2026-03-02 10:00", "channel": '=HYPERLINK("x")'},
            {"lead_id": "2", "created_at": "2026-03-03 10:00", "channel": "SEO"},
        ],
    )
    insert(store, "shop", "spend", [{"channel": "SEO", "period": "2026-03-01", "amount": 500}])
    store.close()
    server = server_factory(db)
    page.goto(f"{server.url}/?lang=en&ws=shop&period=all_time")
    wait_for_idle(page)
    page.locator('[data-testid="stSidebarNav"] a[href$="/channels"]').click()
    button = page.get_by_role("button", name="Download CSV").first
    button.wait_for()
    shot(page, "downloads-channels")
    with page.expect_download() as info:
        button.click()
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8-sig").read())))
    channels = {r["Channel"]: r for r in rows}
    assert '\'=HYPERLINK("x")' in channels  # neutralised, not a formula
    assert float(channels["SEO"]["CPL"]) == 500.0  # 500 spend ÷ 1 lead


# The download buttons of one table (or of the plan report): each button's box, in page order.
BUTTONS = """(keys) => keys.map(k => {
  const el = document.querySelector(`[class*="st-key-${k}"] button, [class*="st-key-${k}"] a`)
    || document.querySelector(`.st-key-${k}`);
  if (!el || !el.getClientRects().length) return null;
  const r = el.getBoundingClientRect();
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
})"""


def _one_row(boxes: list[dict]) -> None:
    """Side by side, in the given order, one row: the same top, each close after the previous
    (in st.columns the XLSX button stood half the page away, and on a phone under the CSV one)."""
    assert all(boxes), boxes
    for before, after in zip(boxes, boxes[1:], strict=False):
        assert abs(after["top"] - before["top"]) <= 2, boxes
        assert 0 <= after["left"] - before["right"] <= 24, boxes


@pytest.mark.parametrize("size", ["wide", "laptop", "phone"])
def test_a_table_s_and_the_report_s_downloads_sit_in_one_row(browser, demo_server, size):
    """The Overview's plan-against-fact table: «Скачать CSV» then «Скачать XLSX» side by side;
    the Planner's report: HTML, PDF, XLSX side by side (at 390 px too)."""
    from tests.browser import screens

    width, height = screens.VIEWPORTS[size]
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="ru-RU")
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        screens.open_page(page, demo_server.url, "demo", "ru", "overview")
        page.wait_for_selector('[class*="st-key-ov_plan_xlsx"]', state="attached")
        page.locator('[class*="st-key-ov_plan_xlsx"]').scroll_into_view_if_needed()
        _one_row(page.evaluate(BUTTONS, ["ov_plan_csv", "ov_plan_xlsx"]))
        page.screenshot(path=str(screens.ARTIFACTS / f"downloads-table-{size}.png"))
        screens.go(page, "planner")
        screens.open_tab(page, screens.PLANNER_TABS.index("scenarios"))
        page.wait_for_selector('[class*="st-key-pl_export_xlsx"]', state="attached")
        page.locator('[class*="st-key-pl_export_xlsx"]').scroll_into_view_if_needed()
        keys = (
            ["pl_export_html", "pl_export_pdf", "pl_export_xlsx"]
            if pdf.available()
            else ["pl_export_html", "pl_export_xlsx"]
        )
        _one_row(page.evaluate(BUTTONS, keys))
        page.screenshot(path=str(screens.ARTIFACTS / f"downloads-report-{size}.png"))
    finally:
        ctx.close()
