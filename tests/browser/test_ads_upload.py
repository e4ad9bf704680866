"""A person uploads a Google Ads API file (no channel column, cost in millionths) through the
Data page of a real server: the page says it is Google Ads, that every row gets the channel
«Google Ads» and that the cost is divided by 1 000 000; the load stores the currency units.
Screenshots go to test-artifacts/. (The demo workspace, where the page opens, has no Google
Ads spend, so these days overlap nothing.)"""

from __future__ import annotations

from decimal import Decimal

import duckdb

from tests.browser.conftest import shot, wait_for_app
from tests.browser.test_data_upload import open_data_page
from tests.ingest.test_corpus_ads import CORPUS


def test_an_ad_platform_export_loads_with_its_channel(server_factory, page):
    server = server_factory()
    open_data_page(page, server.url)
    page.get_by_role("radiogroup", name="Тип данных").get_by_text("Расходы на рекламу").click()
    wait_for_app(page)
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(CORPUS / "google_ads_api.csv"))
    page.get_by_text("Похоже на выгрузку из Google Ads — API").wait_for()
    wait_for_app(page)
    # the channel's mapping shows what every row gets (the selectbox shows its choice in its input)
    channel = page.locator('[data-testid="stSelectbox"]').filter(has_text="Канал *").locator("input")
    assert channel.input_value() == "= «Google Ads» для всех строк"
    assert page.get_by_text("суммы разделены на 1 000 000").first.is_visible()
    page.get_by_text("Одно значение для всех строк", exact=True).scroll_into_view_if_needed()
    shot(page, "ads-mapping")

    page.get_by_role("button", name="Загрузить", exact=True).click()
    success = page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text="загружен")
    success.wait_for(timeout=60_000)
    wait_for_app(page)
    shot(page, "ads-loaded")
    assert not page.locator('[data-testid="stException"]').count()
    server.stop()
    con = duckdb.connect(str(server.db_path), read_only=True)
    try:
        got = con.execute(
            "SELECT channel, sum(amount) FROM spend_raw WHERE upload_id = "
            "(SELECT id FROM uploads WHERE file_name = 'google_ads_api.csv') GROUP BY 1"
        ).fetchall()
    finally:
        con.close()
    assert got == [("Google Ads", Decimal("2450.00"))]  # 980.12 + 1 019.88 + 450.00


def test_a_budget_with_blank_cells_shows_what_it_will_store(server_factory, page, tmp_path):
    """A 1C budget, one column per channel, with blank cells (tests/ingest/test_wide_blanks.py):
    the mapping says the channels are the columns' captions, the preview holds one row per
    filled cell, the notice counts the blank ones as no spend; the load stores the hand sums."""
    from tests.ingest.test_wide_blanks import LAYOUTS, budget

    server = server_factory()
    open_data_page(page, server.url)
    page.get_by_role("radiogroup", name="Тип данных").get_by_text("Расходы на рекламу").click()
    wait_for_app(page)
    path = budget(tmp_path, LAYOUTS["captions"][0])
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(path))
    notice = page.locator('[data-testid="stAlert"]').filter(has_text="5 пустых ячеек каналов в 3 строках")
    notice.wait_for()
    wait_for_app(page)
    channel = page.locator('[data-testid="stSelectbox"]').filter(has_text="Канал *").locator("input")
    assert channel.input_value() == "названия столбцов: Яндекс.Директ, VK Реклама, Авито"
    assert not page.locator('[data-testid="stAlertContentError"]').count()
    notice.scroll_into_view_if_needed()
    shot(page, "wide-blank-mapping")

    page.get_by_role("button", name="Загрузить", exact=True).click()
    success = page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text="загружен")
    success.wait_for(timeout=60_000)
    wait_for_app(page)
    assert page.locator('[data-testid="stAlert"]').filter(has_text="5 пустых ячеек каналов").count()
    shot(page, "wide-blank-loaded")
    assert not page.locator('[data-testid="stException"]').count()
    server.stop()
    con = duckdb.connect(str(server.db_path), read_only=True)
    try:
        got = dict(
            con.execute(
                "SELECT channel, sum(amount) FROM spend_raw WHERE upload_id = "
                "(SELECT id FROM uploads WHERE file_name = 'budget.csv') GROUP BY 1"
            ).fetchall()
        )
    finally:
        con.close()
    # by hand: Яндекс 80 000 + 75 500,50 + 10 000; VK 20 000 + 5 000; Авито 14 000 + 1 000
    assert got == {
        "Яндекс.Директ": Decimal("165500.50"),
        "VK Реклама": Decimal("25000.00"),
        "Авито": Decimal("15000.00"),
    }
