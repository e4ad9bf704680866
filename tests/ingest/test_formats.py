"""Good files in every supported format give the same hand-checked rows."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pandas as pd
import pytest

from tests.ingest.helpers import inspect_file, load_file, rejects, write

EXPECTED = [
    ("1", datetime(2025, 12, 31, 14, 5), "Яндекс Директ", Decimal("1234.56")),
    ("2", datetime(2025, 1, 2, 0, 0), "SEO", Decimal("12000.00")),
]


def _leads_text(
    delim: str, eol: str = "\n", dates=("31.12.2025 14:05", "02.01.2025"), costs=("1 234,56", "12 000")
) -> str:
    rows = [
        ["ID", "Дата создания", "Источник", "Стоимость"],
        ["1", dates[0], "Яндекс Директ", costs[0]],
        ["2", dates[1], "SEO", costs[1]],
    ]
    return eol.join(delim.join(f'"{c}"' if delim in c else c for c in r) for r in rows) + eol


CSV_CASES = [
    pytest.param(_leads_text(","), "utf-8", id="comma-utf8"),
    pytest.param(_leads_text(";"), "utf-8", id="semicolon-utf8"),
    pytest.param(_leads_text("\t"), "utf-8", id="tab-utf8"),
    pytest.param(_leads_text("|"), "utf-8", id="pipe-utf8"),
    pytest.param(_leads_text(";", "\r\n"), "cp1251", id="semicolon-cp1251-crlf"),
    pytest.param(_leads_text(";"), "utf-8-sig", id="utf8-bom"),
    pytest.param(_leads_text(";"), "utf-16", id="utf16-bom"),
    pytest.param(_leads_text(";", costs=("1\u00a0234,56", "12\u00a0000 ₽")), "utf-8", id="nbsp-thousands-rouble"),
    pytest.param(_leads_text(";", costs=("1\u202f234,56", "12 000 руб.")), "utf-8", id="narrow-nbsp-rub"),
    pytest.param(_leads_text(",", costs=("$1,234.56", "€12000")), "utf-8", id="dollar-euro-comma-thousands"),
    pytest.param(_leads_text(",", dates=("2025-12-31T14:05:00Z", "2025-01-02")), "utf-8", id="iso-with-zulu"),
    pytest.param(_leads_text(",", dates=("12/31/2025 14:05", "01/02/2025")), "utf-8", id="us-slashes"),
]


@pytest.mark.parametrize("text,encoding", CSV_CASES)
def test_csv_variants_load_the_same_rows(store, ws, tmp_path, text, encoding):
    path = write(tmp_path, "leads.csv", text, encoding)
    result = load_file(store, ws, path, "leads")
    assert (result.added, result.rejected) == (2, 0)
    with store.cursor() as cur:
        rows = cur.execute(
            "SELECT lead_id, created_at, channel, cost FROM leads_raw WHERE workspace_id = ? ORDER BY lead_id", [ws]
        ).fetchall()
    assert rows == EXPECTED


def test_detection_is_reported(store, ws, tmp_path):
    path = write(tmp_path, "leads.csv", "Выгрузка лидов за 2025\n\n" + _leads_text(";", "\r\n"), "cp1251")
    info = inspect_file(store, ws, path, "leads")
    assert (info.encoding, info.delimiter, info.header_row, info.rows_in) == ("cp1251", ";", 3, 2)
    assert info.date_formats["created_at"] == ("%d.%m.%Y", "dotted dates are day-first (dd.mm.yyyy) by convention")
    assert info.mapping_source["channel"] == "synonym"
    assert list(info.preview["row"]) == [4, 5]
    assert info.preview["cost"].tolist() == [Decimal("1234.56"), Decimal("12000.00")]  # exact, as stored


def test_us_dates_are_resolved_with_the_row_that_proves_it(store, ws, tmp_path):
    path = write(tmp_path, "leads.csv", _leads_text(",", dates=("12/31/2025 14:05", "01/02/2025")))
    info = inspect_file(store, ws, path, "leads")
    assert info.date_formats["created_at"] == (
        "%m/%d/%Y",
        "row 2 has 12/31/2025 14:05: the second number is above 12, so the month comes first (US)",
    )


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ID": ["1", "2"],
            "Дата создания": [datetime(2025, 12, 31, 14, 5), datetime(2025, 1, 2)],
            "Источник": ["Яндекс Директ", "SEO"],
            "Стоимость": [1234.56, 12000],
        }
    )


def test_xlsx_with_title_rows_above_the_header(store, ws, tmp_path):
    path = tmp_path / "leads.xlsx"
    with pd.ExcelWriter(path, engine="xlsxwriter") as xl:
        _frame().to_excel(xl, sheet_name="Лиды", startrow=3, index=False)
        xl.sheets["Лиды"].write(0, 0, "Отчёт по лидам")
    info = inspect_file(store, ws, path, "leads")
    assert info.header_row == 4
    assert list(info.preview["row"]) == [5, 6]
    load_file(store, ws, path, "leads")
    with store.cursor() as cur:
        rows = cur.execute("SELECT lead_id, created_at, channel, cost FROM leads_raw ORDER BY lead_id").fetchall()
    assert rows == EXPECTED


def test_xlsx_with_several_sheets_picks_the_one_that_maps(store, ws, tmp_path):
    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path, engine="xlsxwriter") as xl:
        pd.DataFrame({"Примечание": ["это сводка"], "Итого": [5]}).to_excel(xl, sheet_name="Сводка", index=False)
        _frame().to_excel(xl, sheet_name="Лиды", index=False)
    info = inspect_file(store, ws, path, "leads")
    assert (info.sheets, info.sheet) == (["Сводка", "Лиды"], "Лиды")
    assert "sheet 'Лиды' was chosen" in info.warnings[0]
    with pytest.raises(Exception) as err:
        inspect_file(store, ws, path, "leads", sheet="Сводка")
    assert "lead id" in str(err.value)


def test_parquet(store, ws, tmp_path):
    path = tmp_path / "leads.parquet"
    _frame().to_parquet(path, index=False)
    assert load_file(store, ws, path, "leads").added == 2
    with store.cursor() as cur:
        rows = cur.execute("SELECT lead_id, created_at, channel, cost FROM leads_raw ORDER BY lead_id").fetchall()
    assert rows == EXPECTED


SPEND_PERIODS = [
    ("2025-03", "2025-03-01"),
    ("03.2025", "2025-03-01"),
    ("март 2025", "2025-03-01"),
    ("Mar 2025", "2025-03-01"),
    ("мая 2025", "2025-05-01"),
    ("15.03.2025", "2025-03-15"),
]


@pytest.mark.parametrize("text,expected", SPEND_PERIODS, ids=[p[0] for p in SPEND_PERIODS])
def test_spend_periods(store, ws, tmp_path, text, expected):
    path = write(tmp_path, "spend.csv", f"Канал;Период;Расход\nЯндекс;{text};10 000,50\n")
    load_file(store, ws, path, "spend")
    with store.cursor() as cur:
        row = cur.execute("SELECT channel, CAST(period AS VARCHAR), amount FROM spend_raw").fetchone()
    assert row == ("Яндекс", expected, Decimal("10000.50"))


def test_a_period_column_of_months_is_explained_as_months(store, ws, tmp_path):
    path = write(tmp_path, "spend.csv", "Канал;Период;Расход\nЯндекс;03.2025;10\nVK;04.2025;20\n")
    result = inspect_file(store, ws, path, "spend")
    assert result.date_reasons["period"][0] == "ingest.date.month"


def test_formulas_and_html_are_stored_as_text(store, ws, tmp_path):
    path = write(
        tmp_path,
        "leads.csv",
        'id,created,channel\n1,2025-01-01,"=HYPERLINK(""http://x"",""y"")"\n2,2025-01-01,<script>alert(1)</script>\n',
    )
    load_file(store, ws, path, "leads")
    with store.cursor() as cur:
        assert [r[0] for r in cur.execute("SELECT channel FROM leads_raw ORDER BY lead_id").fetchall()] == [
            '=HYPERLINK("http://x","y")',
            "<script>alert(1)</script>",
        ]


def test_quoted_line_breaks_and_short_rows_far_into_the_file(store, ws, tmp_path):
    """DuckDB's parallel reader refuses padding plus quoted line breaks; the engine retries serially."""
    rows = [f"L{i},2025-01-01,SEO" for i in range(20000)]
    rows[15000] = 'L15000,2025-01-01,"two\nlines"'
    rows[15001] = "L15001,2025-01-01"
    path = write(tmp_path, "multi.csv", "id,created,channel\n" + "\n".join(rows) + "\n")
    result = load_file(store, ws, path, "leads")
    assert (result.added, result.rejected) == (20000, 0)
    with store.cursor() as cur:
        assert cur.execute("SELECT channel FROM leads_raw WHERE lead_id = 'L15000'").fetchone()[0] == "two\nlines"
        assert cur.execute("SELECT channel FROM leads_raw WHERE lead_id = 'L15001'").fetchone()[0] is None


def test_save_upload_keeps_bytes_by_content_hash(tmp_path):
    from funnel.ingest import file_hash, save_upload

    a = save_upload(b"id,created\n1,2025-01-01\n", "Лиды март.CSV", folder=tmp_path)
    b = save_upload(b"id,created\n1,2025-01-01\n", "other.csv", folder=tmp_path)
    evil = save_upload(b"x", "../../etc/passwd", folder=tmp_path)
    assert a == b and a.suffix == ".csv" and a.parent == tmp_path
    assert a.stem == file_hash(a) and evil.parent == tmp_path and evil.suffix == ".bin"


def test_a_kept_file_is_not_read_again_to_hash_it(tmp_path, monkeypatch):
    """save_upload and keep_file know the kept copy's hash (its name): the preview and the load
    take it from there instead of reading the file again."""
    import hashlib

    from funnel.ingest import uploads

    # The memo is the process's: earlier tests in this worker may have filled it to its limit,
    # and the next entry would clear it between the save and the check.
    monkeypatch.setattr(uploads, "_HASHES", {})
    data = b"id,created\n1,2025-01-01\n"
    source = write(tmp_path, "export.csv", data)
    saved = uploads.save_upload(data, "a.csv", folder=tmp_path / "kept")
    kept = uploads.keep_file(source, "b.csv", folder=tmp_path / "kept2")
    reads = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda p, *a, **k: reads.append(str(p)) or real_open(p, *a, **k))
    assert uploads.file_hash(saved) == uploads.file_hash(kept) == hashlib.sha256(data).hexdigest()
    assert reads == []
    other = write(tmp_path, "other.csv", b"id\n2\n")
    assert uploads.file_hash(other) == hashlib.sha256(b"id\n2\n").hexdigest() and reads == [str(other)]


def test_a_workbook_or_parquet_named_csv_is_read_by_its_content(store, ws, tmp_path):
    xlsx, parquet = tmp_path / "a.xlsx", tmp_path / "b.parquet"
    _frame().to_excel(xlsx, index=False)
    _frame().to_parquet(parquet, index=False)
    for source in (xlsx, parquet):
        renamed = write(tmp_path, source.stem + ".csv", source.read_bytes())
        info = inspect_file(store, ws, renamed, "leads")
        assert (info.rows_in, info.rows_ok, info.delimiter) == (2, 2, None)


@pytest.mark.parametrize("block", [1 << 23, 3, 7], ids=["one-block", "3-byte-blocks", "7-byte-blocks"])
def test_row_numbers_stay_the_file_lines_after_empty_lines(store, ws, tmp_path, monkeypatch, block):
    from funnel.ingest import prescan

    monkeypatch.setattr(prescan, "SCAN_BLOCK", block)
    text = "Отчёт\r\n\r\nid,created\r\n1,2025-01-01\r\n\r\n\r\n2,bad\r\n   \r\n3,bad\n\n4,2025-01-02\n5,bad\n"
    info = inspect_file(store, ws, write(tmp_path, "gaps.csv", text), "leads")
    assert info.header_row == 3
    assert [(r, c) for r, c, _ in rejects(info)] == [(7, "created"), (9, "created"), (12, "created")]
    assert list(info.preview["row"]) == [4, 11]


def test_spaces_around_dates_and_numbers_read_as_without(store, ws, tmp_path):
    """Dates and numbers are first read from the cell as it is and trimmed only when that fails:
    ASCII spaces, NBSP and an ideographic space around a value give the same value as none, and
    a bad value is still named trimmed."""
    nb, ideo = "\u00a0", "\u3000"
    text = (
        "id;created;channel;cost\n"
        f"1; 01.02.2025 10:00 ;SEO; 1 234,5 \n"
        f"2;{nb}01.02.2025{nb};SEO;{nb}99,90{nb}\n"
        f"3;01.02.2025{ideo};SEO;7{ideo}\n"
        f"4;01.02.2025;SEO;{nb}12.5\n"
        f"5;{nb}xx{nb};SEO; n/a \n"
    )
    info = inspect_file(store, ws, write(tmp_path, "spaces.csv", text), "leads")
    rows = info.preview.set_index("row")
    assert rows["created_at"].tolist() == [
        pd.Timestamp(2025, 2, 1, 10),
        pd.Timestamp(2025, 2, 1),
        pd.Timestamp(2025, 2, 1),
        pd.Timestamp(2025, 2, 1),
    ]
    assert rows["cost"].tolist() == [Decimal("1234.50"), Decimal("99.90"), Decimal("7.00"), Decimal("12.50")]
    assert [(r.row, r.column, r.value) for r in info.rejected.itertuples()] == [
        (6, "cost", "n/a"),
        (6, "created", "xx"),
    ]


def test_hash_on_a_thread_gives_the_same_digest_and_its_error(tmp_path):
    import hashlib

    from funnel.ingest.uploads import file_hash_soon

    path = write(tmp_path, "x.csv", "id\n1\n")
    assert file_hash_soon(path)() == hashlib.sha256(b"id\n1\n").hexdigest()
    with pytest.raises(FileNotFoundError):
        file_hash_soon(tmp_path / "missing.csv")()


def test_cells_beyond_the_header_are_named_not_dropped_silently(store, ws, tmp_path):
    """Rows 3 and 5 have cells right of the header's three columns: the load warns with their
    rows; a trailing delimiter (row 4, an empty cell) is no reason to warn."""
    text = "id;created;channel\n1;01.02.2025;SEO\n2;01.02.2025;SEO;500\n3;01.02.2025;SEO;\n4;01.02.2025;SEO;x;y\n"
    path = write(tmp_path, "extra.csv", text)
    info = inspect_file(store, ws, path, "leads")
    expected = (
        "2 rows have more cells than the header's 3 columns (rows 3, 5); the cells beyond the header "
        "are not loaded: check the delimiter or give them a header"
    )
    assert expected in info.warnings and info.rows_ok == 4
    result = load_file(store, ws, path, "leads")
    assert expected in result.warnings and result.added == 4


def test_iso_times_with_zones_are_shown_in_one_zone_and_the_preview_says_which(store, ws, tmp_path):
    """Most values are in +03:00, so every time is shown in UTC+03:00: 07:00Z and 02:00-05:00 are
    the same instant as 10:00+03:00; 23:30Z is 02:30 the next day there; a time without a zone
    stays as written. Before, the zone suffix was dropped and 07:00Z read as 07:00."""
    text = (
        "id;created\n"
        "1;2025-03-01T10:00:00+03:00\n"
        "2;2025-03-01T07:00:00Z\n"
        "3;2025-03-01T02:00:00-05:00\n"
        "4;2025-03-01T23:30:00Z\n"
        "5;2025-03-01T12:15:00.250+0300\n"
        "6;2025-03-01 09:00\n"
        "7;2025-03-02T08:00:00+03:00\n"
    )
    info = inspect_file(store, ws, write(tmp_path, "zones.csv", text), "leads")
    assert info.preview["created_at"].tolist() == [
        pd.Timestamp(2025, 3, 1, 10),
        pd.Timestamp(2025, 3, 1, 10),
        pd.Timestamp(2025, 3, 1, 10),
        pd.Timestamp(2025, 3, 2, 2, 30),
        pd.Timestamp(2025, 3, 1, 12, 15),
        pd.Timestamp(2025, 3, 1, 9),
        pd.Timestamp(2025, 3, 2, 8),
    ]
    assert info.date_formats["created_at"][1] == (
        "ISO format with time zones; times are shown in UTC+03:00 (the zone of most values), values in "
        "other zones are converted to it, values without a zone are kept as written"
    )
    assert info.date_reasons["created_at"] == ("ingest.date.iso_zone", {"zone": "UTC+03:00"})
