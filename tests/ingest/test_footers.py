"""A report's closing lines (totals, record counts, notices) are skipped and said, never
rejected rows; a last line that only looks like one is kept. And an HTML table saved as .xls
(Bitrix24's «Экспорт в Excel») is read as the table it is, whatever its encoding."""

from __future__ import annotations

import pytest

from tests.ingest.helpers import inspect_file, load_file, rejects, write

H = "id,created,channel,cost\n"
ROWS = "L1,2026-01-05,SEO,100\nL2,2026-01-06,Ads,200\n"
SKIPPED = "the file ends with {n} {lines} of report totals and notices (first: '{first}'): not records, skipped"


@pytest.mark.parametrize(
    "tail, n, first",
    [
        ("\nTotal rows: 2\n", 1, "Total rows: 2"),
        ("Итого,,,300\n", 1, "Итого"),
        (
            '\n"Grand Totals (2 records)"\n\n"Acme Inc."\n"Confidential Information - Do Not Distribute"\n'
            '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n',
            4,
            "Grand Totals (2 records)",
        ),
        ("Всего строк: 2;\n", 1, "Всего строк: 2;"),
        ("\"Total rows: 2 (report 'Q1')\"\n", 1, "Total rows: 2 (report 'Q1')"),
    ],
    ids=["total-rows", "itogo-with-sum", "salesforce", "vsego", "quote-in-text"],
)
def test_closing_lines_are_skipped_and_said(store, ws, tmp_path, tail, n, first):
    path = write(tmp_path, "report.csv", H + ROWS + tail)
    info = inspect_file(store, ws, path, "leads")
    assert rejects(info) == []
    assert info.rows_in == 2
    assert SKIPPED.format(n=n, lines="line" if n == 1 else "lines", first=first) in info.warnings
    result = load_file(store, ws, path, "leads")
    assert (result.added, result.rejected) == (2, 0)


def test_a_last_record_that_only_mentions_a_total_is_data(store, ws, tmp_path):
    path = write(
        tmp_path, "deals.csv", "id,created,channel,company\nL1,2026-01-05,SEO,Acme\nL2,2026-01-06,Ads,Total Care Inc\n"
    )
    info = inspect_file(store, ws, path, "leads")
    assert info.rows_in == 2 and info.rows_ok == 2
    assert not [w for w in info.warnings if "report totals" in w]


def test_a_short_last_line_without_a_closing_word_is_still_rejected(store, ws, tmp_path):
    """One filled cell alone is not a footer: the row is reported as it always was."""
    path = write(tmp_path, "leads.csv", H + ROWS + "L3\n")
    info = inspect_file(store, ws, path, "leads")
    assert rejects(info) == [(4, "created", "blank, but a value is required")]


def test_xlsx_footer_is_skipped(store, ws, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["id", "created", "channel"], ["L1", "2026-01-05", "SEO"], ["L2", "2026-01-06", "Ads"], []):
        sheet.append(row)
    sheet.append(["Grand Totals (2 records)"])
    path = tmp_path / "report.xlsx"
    book.save(path)
    info = inspect_file(store, ws, path, "leads")
    assert rejects(info) == [] and info.rows_in == 2
    assert SKIPPED.format(n=1, lines="line", first="Grand Totals (2 records)") in info.warnings


HTML_ROWS = (
    "<tr><th>ID</th><th>Дата создания</th><th>Источник</th><th>Стоимость лида</th></tr>"
    "<tr><td>L1</td><td>05.01.2026</td><td>Сайт</td><td>100</td></tr>"
    "<tr><td>L2</td><td>06.01.2026</td><td>Звонок&nbsp;</td><td>200</td></tr>"
    "<tr><td colspan='3'>Итого</td><td>300</td></tr>"
)


@pytest.mark.parametrize(
    "encoding, head",
    [
        ("utf-8", '<meta http-equiv="Content-type" content="text/html;charset=UTF-8" />'),
        ("cp1251", '<html><head><meta charset="windows-1251"></head><body>'),
        ("cp1251", "<html><body>"),  # no declared charset: not UTF-8, so cp1251
        ("utf-8", "\ufeff  <!DOCTYPE html><html><body>"),
    ],
    ids=["bitrix-utf8", "declared-cp1251", "undeclared-cp1251", "bom-doctype"],
)
def test_html_saved_as_xls_is_read_as_a_table(store, ws, tmp_path, encoding, head):
    path = tmp_path / "leads.xls"
    path.write_bytes((head + "<table border='1'>" + HTML_ROWS + "</table>").encode(encoding))
    info = inspect_file(store, ws, path, "leads")
    assert info.source_columns == ["ID", "Дата создания", "Источник", "Стоимость лида"]
    assert rejects(info) == [] and info.rows_in == 2
    assert list(info.preview["lead_id"]) == ["L1", "L2"]
    assert list(info.preview["channel"]) == ["Сайт", "Звонок"]  # NBSP and spaces trimmed
    assert [float(x) for x in info.preview["cost"]] == [100.0, 200.0]
    assert SKIPPED.format(n=1, lines="line", first="Итого") in info.warnings


def test_html_without_a_table_is_refused_clearly(store, ws, tmp_path):
    from funnel.errors import UploadError

    path = tmp_path / "page.xls"
    path.write_bytes(b"<html><body><p>Session expired, sign in again</p></body></html>")
    with pytest.raises(UploadError) as err:
        inspect_file(store, ws, path, "leads")
    assert str(err.value).startswith("page.xls: ")
