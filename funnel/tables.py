"""Table downloads: CSV (UTF-8 with BOM, so Excel opens Cyrillic correctly) and XLSX,
both with formula injection neutralised."""

from __future__ import annotations

import io

import pandas as pd

from funnel.safety import neutralise_frame


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    return neutralise_frame(df).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "data") -> bytes:
    buf = io.BytesIO()
    frame = neutralise_frame(df)
    with pd.ExcelWriter(
        buf, engine="xlsxwriter", engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}}
    ) as xl:
        frame.to_excel(xl, index=False, sheet_name=sheet[:31])
    return buf.getvalue()
