"""The ad-platform and spend corpus through the Data page (AppTest, the real uploader, a real
DuckDB file): each file is recognised and loads without touching the mapping, giving the figures
of tests/ingest/test_corpus_ads.py; the mapping says what is stored for a field with no column
(a fixed value, a wide budget's captions and cells); the fixed value can be changed or given."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tests.dataui.helpers import at_page, frame_with, new_app, own_workspace, rows, texts
from tests.ingest.test_corpus_ads import CASES, CORPUS, IDS
from ui import state
from ui.views.data import upload as data_upload

# Every test here opens the app on a store whose first use installs the demo: it starts from a
# copy of that database instead (tests/conftest.py demo_app_db), not a fresh install per test.
pytestmark = pytest.mark.usefixtures("demo_app_db")

PAGE = "pages/data.py"


def open_page():
    at = new_app()
    ws_id = own_workspace(at)
    return at_page(at, PAGE, "ru"), ws_id  # Russian: see tests/dataui/test_upload.py


def upload(at, name: str, content: bytes, kind: str):
    at.radio(key=state.DATA_KIND).set_value(kind).run()
    at.file_uploader(key=state.DATA_FILE).upload(name, content, "application/octet-stream").run()
    assert not at.exception, at.exception
    assert not at.error, texts(at.error)
    return at


def figures(ws_id: str, kind: str) -> dict:
    if kind == "leads":
        return dict(rows("SELECT channel, count(*) FROM stg_leads WHERE workspace_id = ? GROUP BY 1", [ws_id]))
    return dict(rows("SELECT channel, sum(amount) FROM stg_spend WHERE workspace_id = ? GROUP BY 1", [ws_id]))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_each_export_loads_on_the_data_page_without_mapping(app_db, case):
    at, ws_id = open_page()
    upload(at, case.file, case.path.read_bytes(), case.kind)
    captions = " ".join(texts(at.caption))
    if case.label:
        assert f"Похоже на выгрузку из {case.label}" in captions
    channel_box = at.selectbox(key=state.DATA_MAP.of("channel"))
    preview = frame_with(at, "Канал")
    if case.fixed:
        # no column holds the channel: the mapping and its box say what every row gets
        assert channel_box.value == data_upload.NOT_IN_FILE
        assert channel_box.options[0] == f"= «{case.fixed['channel']}» для всех строк"
        assert at.text_input(key=state.DATA_FIXED.of("channel")).value == case.fixed["channel"]
        assert set(preview["Канал"]) == {case.fixed["channel"]}
    if case.totals:
        # a wide budget: the channel is each column's caption, the amount its cells
        assert channel_box.options[0] == "названия столбцов: " + ", ".join(case.channels)
        assert at.selectbox(key=state.DATA_MAP.of("amount")).options[0] == "ячейки этих столбцов"
        assert set(preview["Канал"]) == set(case.channels) and preview["Сумма"].notna().all()
        assert any(case.totals[0] in w and "не загружаются" in w for w in texts(at.warning))
    if case.units:
        assert any("1 000 000" in w for w in texts(at.warning))
    at.button(key=state.DATA_LOAD).click().run()
    assert not at.exception, at.exception
    assert texts(at.success)[0].startswith("Готово: «")  # the name is markdown-escaped (yandex\\_direct)
    assert figures(ws_id, case.kind) == case.channels


def test_the_proposed_channel_can_be_changed_on_the_page(app_db):
    at, ws_id = open_page()
    upload(at, "vk_ads.csv", (CORPUS / "vk_ads.csv").read_bytes(), "spend")
    at.text_input(key=state.DATA_FIXED.of("channel")).input("VK (Москва)").run()
    assert not at.exception, at.exception
    assert at.selectbox(key=state.DATA_MAP.of("channel")).options[0] == "= «VK (Москва)» для всех строк"
    assert set(frame_with(at, "Канал")["Канал"]) == {"VK (Москва)"}
    at.button(key=state.DATA_LOAD).click().run()
    assert figures(ws_id, "spend") == {"VK (Москва)": D("4200.00")}


def test_a_file_without_a_channel_is_given_one_on_the_page(app_db):
    at, ws_id = open_page()
    content = "Дата;Кампания;Сумма\n01.03.2025;Весна;1 000,00\n02.03.2025;Весна;500,50\n".encode()
    at.radio(key=state.DATA_KIND).set_value("spend").run()
    at.file_uploader(key=state.DATA_FILE).upload("costs.csv", content, "text/csv").run()
    assert not at.exception, at.exception
    assert at.error  # the channel is required and no column holds it
    at.text_input(key=state.DATA_FIXED.of("channel")).input("Яндекс Директ").run()
    assert not at.exception, at.exception
    assert not at.error, texts(at.error)
    assert set(frame_with(at, "Канал")["Канал"]) == {"Яндекс Директ"}
    at.button(key=state.DATA_LOAD).click().run()
    assert figures(ws_id, "spend") == {"Яндекс Директ": D("1500.50")}


def test_a_budget_with_blank_cells_loads_them_as_no_spend_and_says_so(app_db):
    """tests/ingest/test_wide_blanks.py on the page: the preview holds the filled cells only, the
    notice counts the blank ones, before the load and after it."""
    from tests.ingest.test_wide_blanks import LAYOUTS, ROWS

    at, ws_id = open_page()
    header, (ya, vk, avito) = LAYOUTS["captions"]
    content = "\n".join([header] + [";".join(r) for r in ROWS]).encode("cp1251")
    upload(at, "budget.csv", content, "spend")
    notice = (
        "5 пустых ячеек каналов в 3 строках (строки 2, 3, 4) прочитаны как «нет расхода» на этот канал "
        "за этот период: строки расхода для них нет, заполненные ячейки рядом загружены"
    )
    assert notice in texts(at.warning)
    preview = frame_with(at, "Канал")
    assert len(preview) == 7 and preview["Сумма"].notna().all()  # 2 + 2 + 0 + 3 filled cells
    at.button(key=state.DATA_LOAD).click().run()
    assert not at.exception, at.exception
    assert texts(at.success)[0].startswith("Готово: «")
    assert notice in texts(at.warning)
    # by hand: Яндекс 80 000 + 75 500,50 + 10 000; VK 20 000 + 5 000; Авито 14 000 + 1 000
    assert figures(ws_id, "spend") == {ya: D("165500.50"), vk: D("25000.00"), avito: D("15000.00")}
