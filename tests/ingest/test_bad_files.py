"""The corpus of bad files: each gives the exact message a user reads (file, row, column,
what was expected, how to fix), and loading it changes nothing."""

from __future__ import annotations

import re

import pytest

from funnel.errors import UploadError
from tests.helpers.screen import plain
from tests.ingest.helpers import inspect_file, load_file, rejects, write

H = "id,created,channel,cost\n"
TOMORROW_PLUS = "2099-01-01"

# (id, kind, file name, content, the exact message)
_UNREADABLE = (
    "{name}: the file could not be read as a table (Invalid Input Error: CSV Error on Line: {line}). "
    "Expected: a valid CSV, XLSX or Parquet file. How to fix: open the file in Excel, check that it "
    "opens, and save it again as CSV UTF-8."
)
FILE_ERRORS = [
    (
        "empty",
        "leads",
        "empty.csv",
        b"",
        "empty.csv: the file is empty. Expected: a table with a header row and at least one data row. "
        "How to fix: export the data from your CRM again and check that the export finished.",
    ),
    (
        "blank-lines-only",
        "leads",
        "blank.csv",
        b"\n\n  \n",
        "blank.csv: the file is empty. Expected: a table with a header row and at least one data row. "
        "How to fix: export the data from your CRM again and check that the export finished.",
    ),
    (
        "header-only",
        "leads",
        "header.csv",
        H.encode(),
        "header.csv, row 1: the file has a header but no data rows. Expected: at least one row under the header. "
        "How to fix: check the export filters in your CRM: the export seems to be empty.",
    ),
    # DuckDB refuses these when it first reads the file (an unclosed quote cut inside a character,
    # a character it misreads right after a closing quote, a line over its 2 MB limit).
    (
        "unclosed-quote-cut-character",
        "leads",
        "cut.csv",
        b'id,created,channel\nL1,2025-01-01,"\xd0\xaf',
        "cut.csv, row 2: a quote opened in this row is never closed, so the rest of the file would be one cell. "
        'Expected: a closing quote for every cell that starts with ". How to fix: close the quote or delete it, '
        "and save the file again as CSV UTF-8.",
    ),
    (
        "text-after-closing-quote",
        "leads",
        "after.csv",
        b'id,created,channel\nL1,2025-01-01,"SEO"\xd0\xaf\n',
        _UNREADABLE.format(name="after.csv", line=2),
    ),
    (
        "line-over-the-limit",
        "leads",
        "long_line.csv",
        b"id,created\nL1,2025-01-01," + b"x" * 1_100_000 + b"\n",
        "long_line.csv, row 2: a line is longer than the limit of 1024 KB. Expected: table lines shorter than "
        "1024 KB, each ending with a line break. How to fix: check that the file is a table with a line break "
        "after each record, and save it again as CSV UTF-8.",
    ),
    (
        "binary-garbage",
        "leads",
        "garbage.csv",
        bytes(range(256)) * 40,
        "garbage.csv: this is not a text table (the file holds binary data). Expected: CSV, XLSX or Parquet. "
        "How to fix: save the file from your CRM or Excel as 'CSV UTF-8' or 'Excel Workbook (.xlsx)'.",
    ),
    (
        "old-xls",
        "leads",
        "old.xls",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
        "old.xls: the old Excel format (.xls) is not supported. Expected: XLSX, CSV or Parquet. "
        "How to fix: open the file in Excel and save it as 'Excel Workbook (.xlsx)' or CSV.",
    ),
    (
        "no-lead-id",
        "leads",
        "noid.csv",
        "Дата создания;Источник\n01.02.2025;SEO\n".encode(),
        "noid.csv: the leads file has no lead id column. Without an id, deals cannot be linked to leads and loading "
        "the file again would count the leads twice. Expected: a column such as ID, lead_id, Record ID; the file has: "
        "Дата создания, Источник. How to fix: export the leads from your CRM with their ID column, or map a column "
        "of unique numbers to lead_id (--map COLUMN=lead_id).",
    ),
    (
        "no-created-column",
        "leads",
        "nodate.csv",
        b"id,channel\n1,SEO\n",
        "nodate.csv: no column was found for the required field 'created_at' (leads file). Expected: a column such as "
        "created at, create date, created, created date; the file has: id, channel. How to fix: rename the column in the "
        "file, or choose it in the column mapping (command line: --map COLUMN=created_at).",
    ),
    (
        "cp1251-garbage-text",
        "leads",
        "words.csv",
        "Просто текст без таблицы\nещё строка\n".encode("cp1251"),
        "words.csv: the leads file has no lead id column. Without an id, deals cannot be linked to leads and loading "
        "the file again would count the leads twice. Expected: a column such as ID, lead_id, Record ID; the file has: "
        "Просто текст без таблицы. How to fix: export the leads from your CRM with their ID column, or map a column "
        "of unique numbers to lead_id (--map COLUMN=lead_id).",
    ),
    (
        "deals-without-status",
        "deals",
        "deals.csv",
        b"deal_id,amount\n1,100\n",
        "deals.csv: the deals file has no stage, no status and no won date, so there is no telling which deals were "
        "won. Expected: a stage (Stage, Этап), status (Status) or won date (won_date) column; the file has: deal_id, "
        "amount. How to fix: add the stage or status column to the export, or map one (--map COLUMN=stage).",
    ),
    (
        "spend-without-period",
        "spend",
        "fb.csv",
        b"ad_id,Spent,Clicks\n1,2.5,3\n",
        "fb.csv: no column was found for the required fields 'channel, period' (spend file). Expected: a column such "
        "as channel, utm source, source, lead source; the file has: ad_id, Spent, Clicks. How to fix: rename the column "
        "in the file, or choose it in the column mapping (command line: --map COLUMN=channel --map COLUMN=period).",
    ),
    (
        "stages-without-date",
        "stages",
        "hist.csv",
        b"deal_id,stage\n1,Won\n",
        "hist.csv: no column was found for the required field 'entered_at' (stages file). Expected: a column such as "
        "entered at, entered, date entered, changed at; the file has: deal_id, stage. How to fix: rename "
        "the column in the file, or choose it in the column mapping (command line: --map COLUMN=entered_at).",
    ),
    (
        "all-rows-bad",
        "leads",
        "allbad.csv",
        (H + "1,yesterday,SEO,1\n").encode(),
        "allbad.csv: none of the 1 row can be loaded. Expected: rows without errors. How to fix: fix the rows "
        "listed in the validation report and load the file again.",
    ),
    (
        "ambiguous-dates",
        "leads",
        "amb.csv",
        (H + "1,01/02/2025,SEO,1\n2,03/04/2025,SEO,1\n").encode(),
        "amb.csv, column «created»: the dates read both as day/month and month/day (no day above 12), e.g. "
        "“01/02/2025”. Expected: your choice of format: %d/%m/%Y / %m/%d/%Y. How to fix: choose the date format for "
        "this column (command line: --date-format created_at=%d/%m/%Y).",
    ),
]


@pytest.mark.parametrize("kind,name,content,message", [c[1:] for c in FILE_ERRORS], ids=[c[0] for c in FILE_ERRORS])
def test_file_errors_say_exactly_what_is_wrong(store, ws, tmp_path, kind, name, content, message):
    path = write(tmp_path, name, content)
    with pytest.raises(UploadError) as err:
        load_file(store, ws, path, kind)
    assert str(err.value) == message
    # the app's English text is the CLI's without its command-line hint (never on a web page, #16)
    web = re.sub(r" \((?:command line: |--)[^)]*\)", "", message)
    # (on a page a number and its unit are joined by a no-break space: "1\u00a0row"; tests.helpers.screen)
    assert err.value.text("ru") != message and plain(err.value.text("en")) == web and "command line" not in web
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM uploads").fetchone()[0] == 0
        assert cur.execute("SELECT count(*) FROM leads_raw").fetchone()[0] == 0


def test_mapping_to_a_missing_column(store, ws, tmp_path):
    path = write(tmp_path, "m.csv", H + "1,2025-01-01,SEO,1\n")
    with pytest.raises(UploadError) as err:
        inspect_file(store, ws, path, "leads", mapping={"channel": "Источник"})
    assert str(err.value) == (
        "m.csv: the mapping names a column 'Источник' that the file does not have. Expected: "
        "one of: id, created, channel, cost. How to fix: choose a column from the list."
    )


def test_bad_date_format(store, ws, tmp_path):
    path = write(tmp_path, "m.csv", H + "1,2025-01-01,SEO,1\n")
    with pytest.raises(UploadError) as err:
        inspect_file(store, ws, path, "leads", date_format="dd-mon")
    assert str(err.value) == (
        "m.csv: the date format “dd-mon” is not understood. Expected: dates such as 31.12.2025 or "
        "12/31/2025. How to fix: choose the date format from the list (command line: --date-format "
        "field=%m/%d/%Y for 12/31/2025)."
    )


# (id, kind, content, [(row, column, reason)])
ROW_REJECTS = [
    (
        "duplicate-ids",
        "leads",
        H + "7,2025-01-01,SEO,1\n8,2025-01-02,SEO,1\n7,2025-01-03,SEO,1\n",
        [(4, "id", "duplicate id '7': it first appears in row 2; later repeats are not loaded")],
    ),
    (
        "unparseable-date",
        "leads",
        H + "1,2025-13-45,SEO,1\n2,2025-01-02,SEO,1\n",
        [(2, "created", "not a date in the format %Y-%m-%d")],
    ),
    (
        "dotted-bad-date",
        "leads",
        "id;created;channel\n1;31.02.2025;SEO\n2;01.02.2025;SEO\n",
        [(2, "created", "not a date in the format %d.%m.%Y")],
    ),
    (
        "negative-amount",
        "leads",
        H + "1,2025-01-01,SEO,-500\n2,2025-01-02,SEO,1\n",
        [(2, "cost", "negative amount; amounts must be ≥ 0")],
    ),
    (
        "text-amount",
        "leads",
        H + "1,2025-01-01,SEO,около 500\n2,2025-01-02,SEO,1\n",
        [(2, "cost", "not a number (expected e.g. 1 234,56 or 1234.56)")],
    ),
    (
        "future-date",
        "leads",
        H + f"1,{TOMORROW_PLUS},SEO,1\n2,2025-01-02,SEO,1\n",
        [(2, "created", "date in the future (after {limit}); check the date format and the year")],
    ),
    ("blank-id", "leads", H + ",2025-01-01,SEO,1\n2,2025-01-02,SEO,1\n", [(2, "id", "blank, but a value is required")]),
    ("blank-date", "leads", H + "1,,SEO,1\n2,2025-01-02,SEO,1\n", [(2, "created", "blank, but a value is required")]),
    (
        "bad-status",
        "deals",
        "deal_id,status\n1,maybe\n2,won\n",
        [(2, "status", "unknown status; expected open, won or lost (or открыта/выиграна/проиграна)")],
    ),
    (
        "bad-period",
        "spend",
        "channel,period,amount\nSEO,someday,5\nSEO,2025-03,5\n",
        [(2, "period", "not a date or a month (expected 2025-03, 03.2025, Mar 2025 or a date as %d.%m.%Y)")],
    ),
    (
        "negative-spend",
        "spend",
        "channel,period,amount\nSEO,2025-02,-5\nSEO,2025-03,5\n",
        [(2, "amount", "negative amount; amounts must be ≥ 0")],
    ),
    (
        "blank-spend-channel",
        "spend",
        "channel,period,amount\n,2025-02,5\nSEO,2025-03,5\n",
        [(2, "channel", "blank, but a value is required")],
    ),
    (
        "fractional-clicks",
        "spend",
        "channel,period,amount,clicks\nSEO,2025-02,5,2.5\nSEO,2025-03,5,3\n",
        [(2, "clicks", "not a whole non-negative number")],
    ),
    (
        "duplicate-history",
        "stages",
        "deal_id,stage,entered_at\n1,Lost,2025-01-01\n1,Lost,2025-01-01\n",
        [
            (
                3,
                "deal_id",
                "duplicate id '1 / Lost / 2025-01-01 00:00:00': it first appears in row 2; later repeats are not loaded",
            )
        ],
    ),
    (
        "several-problems-one-row",
        "leads",
        H + "1,nope,SEO,-1\n2,2025-01-02,SEO,1\n",
        [(2, "cost", "negative amount; amounts must be ≥ 0"), (2, "created", "not a date in the format %Y-%m-%d")],
    ),
]


@pytest.mark.parametrize("kind,content,expected", [c[1:] for c in ROW_REJECTS], ids=[c[0] for c in ROW_REJECTS])
def test_rejected_rows_name_row_column_and_reason(store, ws, tmp_path, kind, content, expected):
    path = write(tmp_path, f"{kind}.csv", content)
    info = inspect_file(store, ws, path, kind)
    limit = info.rejected["detail"].where(info.rejected["code"] == "date_future").dropna()
    expected = [(r, c, m.format(limit=limit.iloc[0]) if "{limit}" in m else m) for r, c, m in expected]
    assert rejects(info) == expected
    result = load_file(store, ws, path, kind)
    assert result.rejected == len({r for r, _, _ in expected})
    assert result.added == info.rows_ok == info.rows_in - result.rejected > 0


def test_rejection_reasons_in_russian(store, ws, tmp_path):
    from funnel.ingest.validate import localise_rejected

    path = write(tmp_path, "l.csv", H + "1,2025-01-01,SEO,-5\n2,2025-01-01,SEO,1\n")
    ru = localise_rejected(inspect_file(store, ws, path, "leads").rejected, "ru")
    assert ru["reason"].tolist() == ["отрицательная сумма; суммы должны быть ≥ 0"]


def test_mixed_encodings_are_read_and_warned(store, ws, tmp_path):
    content = b"id;created;channel\n" + "1;2025-01-01;Яндекс\n".encode() + "2;2025-01-02;Партнёры\n".encode("cp1251")
    path = write(tmp_path, "mixed.csv", content)
    info = inspect_file(store, ws, path, "leads")
    assert info.preview["channel"].tolist() == ["Яндекс", "Партнёры"]
    assert info.encoding == "mixed (utf-8 + cp1251)"
    assert info.warnings[0] == (
        "the file mixes encodings: 1 line in UTF-8 and 1 in the Windows Cyrillic encoding (first on line 3); "
        "both were read, check the Cyrillic text in the preview"
    )


def test_very_long_strings_are_cut_and_warned(store, ws, tmp_path):
    path = write(tmp_path, "long.csv", H + f"1,2025-01-01,{'x' * 5000},1\n2,2025-01-01,SEO,1\n")
    info = inspect_file(store, ws, path, "leads")
    assert info.warnings[0] == (
        "1 value longer than 1000 characters in column 'channel' (first in row 2) was cut to 1000"
    )
    load_file(store, ws, path, "leads")
    with store.cursor() as cur:
        assert cur.execute("SELECT length(channel) FROM leads_raw WHERE lead_id = '1'").fetchone()[0] == 1000


def test_deals_whose_leads_are_missing_are_warned_and_loaded(store, ws, tmp_path):
    load_file(store, ws, write(tmp_path, "l.csv", H + "L1,2025-01-01,SEO,1\n"), "leads")
    path = write(tmp_path, "d.csv", "deal_id,lead_id,stage\nD1,L1,Lost\nD2,L9,Lost\nD3,L8,Lost\n")
    result = load_file(store, ws, path, "deals")
    assert result.added == 3
    assert result.warnings[0] == (
        "2 deals refer to lead ids not found among the workspace's leads (e.g. L8, L9); "
        "they are loaded, with the deal's own channel or 'unknown' until their leads are loaded"
    )


def test_a_million_rows_with_some_bad_ones(store, ws, tmp_path):
    """1 M generated rows: every 100 000th has a text cost; the rest load (size, not speed, is tested)."""
    import duckdb

    path = tmp_path / "million.csv"
    duckdb.connect().execute(
        f"COPY (SELECT 'L' || i AS id, '2025-01-01' AS created, 'ch' || (i % 7) AS channel, "
        f"CASE WHEN i % 100000 = 5 THEN 'n/a' ELSE CAST(i % 900 AS VARCHAR) END AS cost FROM range(1000000) t(i)) "
        f"TO '{path}' (HEADER, DELIMITER ';')"
    )
    result = load_file(store, ws, path, "leads")
    assert (result.rows_in, result.added, result.rejected) == (1_000_000, 999_990, 10)
    assert result.rejected_rows["row"].tolist()[:2] == [7, 100007]


def test_excel_sheet_that_does_not_exist(store, ws, tmp_path):
    import pandas as pd

    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path, engine="xlsxwriter") as xl:
        pd.DataFrame({"id": [1], "created": ["2025-01-01"]}).to_excel(xl, sheet_name="Leads", index=False)
        pd.DataFrame({"x": [1]}).to_excel(xl, sheet_name="Notes", index=False)
    with pytest.raises(UploadError) as err:
        inspect_file(store, ws, path, "leads", sheet="March")
    assert str(err.value) == (
        "book.xlsx: the workbook has no sheet 'March'. Expected: one of the sheets: Leads, "
        "Notes. How to fix: choose an existing sheet."
    )


def test_damaged_workbook(store, ws, tmp_path):
    path = write(tmp_path, "broken.xlsx", b"PK\x03\x04" + b"\x00garbage" * 50)
    with pytest.raises(UploadError) as err:
        inspect_file(store, ws, path, "leads")
    assert str(err.value) == "broken.xlsx: this is not a real XLSX (zip) file."  # funnel.filesafety's check
