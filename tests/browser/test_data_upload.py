"""A person uploads a cp1251 ';' leads file through the Data page of a real server and sees the
success message; then the history lists it. Screenshots go to test-artifacts/."""
from __future__ import annotations

import re

from tests.browser.conftest import shot, wait_for_app

LEADS = (
    "ID;Дата создания;Источник;Ответственный;Стоимость лида\r\n"
    "BRW-1;05.01.2025;Яндекс Директ;Иванова;1\u00a0200,50\r\n"
    "BRW-2;17.01.2025;Сайт;Петров;\r\n"
    "BRW-3;23.01.2025;Выставка;Иванова;300\r\n"
).encode("cp1251")


def test_upload_cp1251_semicolon_file_through_the_page(server_factory, page, tmp_path):
    server = server_factory()
    page.goto(f"{server.url}/data?lang=en")
    wait_for_app(page)
    page.get_by_text("Upload an export from your CRM").wait_for()
    shot(page, "data-empty-demo")

    path = tmp_path / "leads_1c.csv"
    path.write_bytes(LEADS)
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(path))
    page.get_by_text("How the data will be stored").wait_for()
    wait_for_app(page)
    assert page.get_by_text("All 3 rows passed the check.").is_visible()
    shot(page, "data-preview")

    page.get_by_role("button", name="Load", exact=True).click()
    success = page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text="is loaded")
    success.wait_for(timeout=60_000)
    assert re.search(r"Rows added: 3, updated: 0, rejected: 0\.", success.inner_text())
    wait_for_app(page)
    shot(page, "data-loaded")

    # A reload of the page (a fresh session) shows the upload in the history and loads nothing.
    page.reload()
    wait_for_app(page)
    page.get_by_text("Upload history").wait_for()
    assert page.locator('[data-testid="stDataFrame"]').count() >= 1
    assert not page.locator('[data-testid="stException"]').count()
