"""Text from uploads is data, never markup or formulas.

- ``neutralise_formula``: spreadsheet apps run a cell that starts with = + - @ (or tab/CR) as a
  formula; prefixing an apostrophe shows it as text (OWASP "CSV injection").
- ``chart_text``: Plotly renders a subset of HTML in labels and hover text; escape it.
Streamlit's st.dataframe/st.table/st.text show plain text; st.markdown/st.write of user text do not,
so pages never pass uploaded text to markdown.
"""

from __future__ import annotations

import html

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """``'=HYPERLINK(...)'`` → ``"'=HYPERLINK(...)"``; numbers and other text are returned as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells (and column names) cannot run as spreadsheet formulas."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise_formula)
    out.columns = [neutralise_formula(str(c)) for c in out.columns]
    return out


def chart_text(value) -> str:
    """Escape user text for Plotly labels/hover (``<b>`` shows as ``&lt;b&gt;``, i.e. literally)."""
    return html.escape("" if value is None else str(value), quote=False)
