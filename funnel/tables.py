"""Table downloads: CSV (UTF-8 with BOM, so Excel opens Cyrillic correctly) and XLSX,
both with formula injection neutralised.

Money stays exact (funnel.money). CSV writes a money sum with its own digits
(``9999999999999999.99``). XLSX keeps numbers as numbers, but Excel holds 15 significant
digits of a number: an amount with more (a sum past ten trillion with kopecks) is written as
text with its exact digits, and the cell carries a note saying why — a number cell would
show 10 000 000 000 000 000 and lose the kopecks without a word.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pandas as pd

from funnel import money
from funnel.safety import neutralise_frame

# The note on a cell whose amount Excel cannot hold as a number (see the module's docstring).
EXACT_AS_TEXT = "Exact amount, kept as text: Excel holds 15 significant digits of a number."


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    return neutralise_frame(df).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "data") -> bytes:
    """The table as a plain workbook (the pages' downloads use funnel.report.xlsx.download_bytes:
    the sheet named in the language, each figure in its unit's Excel format)."""
    buf = io.BytesIO()
    with excel_writer(buf) as xl:
        write_sheet(xl, neutralise_frame(df), sheet)
    return buf.getvalue()


def excel_writer(buf) -> pd.ExcelWriter:
    """An xlsxwriter workbook on ``buf`` that never turns text into a formula or a link."""
    return pd.ExcelWriter(
        buf, engine="xlsxwriter", engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}}
    )


def write_sheet(xl: pd.ExcelWriter, frame: pd.DataFrame, sheet: str) -> None:
    """``frame`` (already neutralised) as sheet ``sheet`` (cut to Excel's 31 characters) of the
    xlsxwriter workbook ``xl``: a Decimal Excel can hold is a number cell, a wider one the text
    of its exact digits with the note EXACT_AS_TEXT."""
    name = sheet[:31]
    too_wide: list[tuple[int, int]] = []
    out = frame
    for j, col in enumerate(frame.columns):
        values = frame[col]
        if values.dtype != object:
            continue
        wide = [isinstance(v, Decimal) and v.is_finite() and not money.fits_excel(v) for v in values]
        if any(wide):
            if out is frame:
                out = frame.copy()
            out[col] = [money.plain(v) if w else v for v, w in zip(values, wide, strict=True)]
            too_wide += [(i, j) for i, w in enumerate(wide) if w]
    out.to_excel(xl, index=False, sheet_name=name)
    for i, j in too_wide:
        xl.sheets[name].write_comment(i + 1, j, EXACT_AS_TEXT)  # row 0 is the header
