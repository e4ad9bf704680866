"""A person uploads a cp1251 ';' leads file through the Data page of a real server and sees the
success message; a reload shows it in the history and loads nothing again. In Russian, the
app's default language. Screenshots go to test-artifacts/."""

from __future__ import annotations

import duckdb

from tests.browser.conftest import shot, wait_for_app

LEADS = (
    "ID;Дата создания;Источник;Ответственный;Стоимость лида\r\n"
    "BRW-1;05.01.2025;Яндекс Директ;Иванова;1\u00a0200,50\r\n"
    "BRW-2;17.01.2025;Сайт;Петров;\r\n"
    "BRW-3;23.01.2025;Выставка;Иванова;300\r\n"
).encode("cp1251")


def open_data_page(page, url):
    page.goto(url)
    wait_for_app(page)
    nav = page.locator('[data-testid="stSidebarNav"] a').filter(has_text="Данные")
    nav.wait_for()  # the first start builds the demo workspace before the navigation shows
    nav.click()
    page.get_by_text("Загрузите выгрузку из CRM").wait_for()
    wait_for_app(page)


def test_upload_cp1251_semicolon_file_through_the_page(server_factory, page, tmp_path):
    server = server_factory()
    open_data_page(page, server.url)
    shot(page, "data-opened")

    path = tmp_path / "leads_1c.csv"
    path.write_bytes(LEADS)
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(path))
    page.get_by_text("Как данные будут сохранены").wait_for()
    wait_for_app(page)
    assert page.get_by_text("Проверка пройдена: ошибок нет ни в одной строке (всего строк — 3).").is_visible()
    shot(page, "data-preview")

    page.get_by_role("button", name="Загрузить", exact=True).click()
    success = page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text="загружен")
    success.wait_for(timeout=60_000)
    assert success.inner_text().strip() == (
        "Готово: «leads_1c.csv» загружен. Добавлено строк: 3, обновлено: 0, отклонено: 0."
    )
    wait_for_app(page)
    shot(page, "data-loaded")

    # A reload is a fresh session: the upload is in the history, and nothing is loaded again.
    page.reload()
    open_data_page(page, server.url)
    assert not page.locator('[data-testid="stException"]').count()
    server.stop()
    con = duckdb.connect(str(server.db_path), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM leads_raw WHERE lead_id LIKE 'BRW-%'").fetchone()[0] == 3
        assert con.execute("SELECT count(*) FROM uploads WHERE file_name = 'leads_1c.csv'").fetchone()[0] == 1
    finally:
        con.close()
