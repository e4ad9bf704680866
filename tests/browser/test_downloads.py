"""Table downloads are made on click (deferred): what a person gets is the whole table,
with formula-looking text neutralised."""

from __future__ import annotations

import csv
import io

from funnel.db import Store
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
