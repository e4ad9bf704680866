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


@pytest.mark.parametrize(
    ("lang", "conversion", "change"),
    [("ru", "Конверсия, %", "Лиды: Изм. к пред., %"), ("en", "Conversion, %", "Leads: Change vs previous, %")],
)
def test_csv_download_cells_read_as_their_headers_say(lang, conversion, change):
    """A CSV has no cell formats: a conversion of 0.0025 is written as 0.25 under a header that
    says "%", a month's 69.5825 leads as 70, money to the cent, a month as 2025-11; missing stays
    empty, a Decimal amount keeps its digits and text is still no formula."""
    import csv
    from decimal import Decimal

    from funnel.report.download import csv_bytes

    df = _frame(lang)
    df[t("an.col.leads", lang) + ": " + t("an.col.mom", lang)] = [-0.125]
    df.loc[1] = ["b", None, None, None, None, None]
    text = csv_bytes(df, lang).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "channel",
        t("an.col.leads", lang),
        conversion,
        t("an.col.revenue", lang),
        t("an.col.month", lang),
        change,
    ]
    assert rows[1] == ['\'=HYPERLINK("x")', "70", "0.25", "10005534.0", "2025-11", "-12.5"]
    assert rows[2] == ["b", "", "", "", "", ""]
    exact = pd.DataFrame({t("an.col.revenue", lang): [Decimal("9999999999999999.99")]})
    assert csv_bytes(exact, lang).decode("utf-8-sig").splitlines()[1] == "9999999999999999.99"
