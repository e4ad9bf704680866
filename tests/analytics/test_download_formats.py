"""Table downloads as XLSX: one language per file, the sheet named in it, and cells that stay
numbers with the Excel format of their figure's unit (the issue: "Conversion, %" holding
0.0025, lead counts with decimals, "10,005,534 $" in English)."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from funnel.i18n import t
from funnel.report.content import download_units
from funnel.report.xlsx import download_bytes
from funnel.tables import to_csv_bytes, to_xlsx_bytes

COLS = ("an.col.leads", "an.col.conversion", "an.col.revenue", "an.col.month")


def _frame(lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "channel": ['=HYPERLINK("x")'],
            **dict(
                zip(
                    [t(k, lang) for k in COLS],
                    [[69.5825], [0.0025], [10_005_534.0], [pd.Timestamp("2025-11-01")]],
                    strict=True,
                )
            ),
        }
    )


@pytest.mark.parametrize(
    ("lang", "currency", "sheet", "money", "month"),
    [("ru", "₽", "Воронка", '#,##0 "₽"', "mm.yyyy"), ("en", "$", "Funnel", '"$"#,##0', "mmm yyyy")],
)
def test_xlsx_download_formats_cells_by_unit(lang, currency, sheet, money, month):
    df = _frame(lang)
    assert download_units(df.columns, lang) == dict(
        zip([t(k, lang) for k in COLS], ["count", "share", "money", "month"], strict=True)
    )
    wb = openpyxl.load_workbook(io.BytesIO(download_bytes(df, t("report.sheet.funnel", lang), lang, currency)))
    assert wb.sheetnames == [sheet]
    row = list(wb.active.iter_rows(min_row=2, max_row=2))[0]
    assert row[0].value == '\'=HYPERLINK("x")'  # text never runs as a formula
    assert (row[1].value, row[1].number_format) == (69.5825, "#,##0")  # a count shows no decimals
    assert (row[2].value, row[2].number_format) == (0.0025, "0.00%")  # the fraction, shown as 0.25 %
    assert (row[3].value, row[3].number_format) == (10_005_534, money)
    assert row[4].number_format == month and row[4].value.month == 11


def test_without_a_language_the_old_plain_workbook_and_csv_stay():
    df = pd.DataFrame({"a": [1.5]})
    assert openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(df))).sheetnames == ["data"]
    assert to_csv_bytes(df).decode("utf-8-sig").splitlines() == ["a", "1.5"]
