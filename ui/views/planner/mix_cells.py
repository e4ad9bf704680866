"""The channel-mix table's editable cells (ui.views.planner.edits.mix_tab): texts written as the
interface's language writes numbers ("0,30", "125 607 ₽"), read back as numbers, since Streamlit
1.67's number columns write a decimal point in every language and its "localized" format follows
the browser's language, not the app's. Money carries the workspace's currency, and every cell of a
column has the same decimals (the CPL read "374,95" beside "147,7", without ₽).

Money is whole here as everywhere on the Planner ("1 327 ₽"), and the plan runs on what the table
shows (issue #14, no hidden rounding): a number typed into a cell is kept to the column's decimals
("1 234,56" typed is 1 235), and a value a link or an older scenario brought with more digits is
written with them ("147,7 ₽") rather than rounded on screen only. The baseline's own values are
the data's exact divisions, written as a person reads them, as the levers write theirs
(funnel.model.precision: the model keeps the exact value until the cell is changed)."""

from __future__ import annotations

import ui
from funnel import formatting
from ui import state
from ui.text import places

# The channel table's editable columns: (decimals shown, least, largest) in the table's units
# (conversion in percent); a typed number past these is refused with the reason.
MIX_COLUMNS: dict[str, tuple[int, float, float | None]] = {
    "budget": (0, 0.0, None),  # "125 607": whole roubles, as the budgets elsewhere
    "cpl": (0, 1.0, None),  # "1 327 ₽", as every money figure
    "conversion": (2, 0.0, 100.0),
    "avg_check": (0, 0.0, None),
    "saturation": (2, 0.0, 3.0),
}
MONEY_COLUMNS = ("budget", "cpl", "avg_check")  # written with the workspace's currency sign


# The most decimals a cell shows a value brought by a link or scenario with (``cell_text``).
MOST_DIGITS = 2


def cell_text(col: str, value, kept: bool = False) -> str:
    """What the cell of column ``col`` shows for ``value``: the column's decimals, all of them
    ("0,30", "0,00"), money with the currency where the language puts it ("1 327 ₽", "₽1,327");
    empty for no value. ``kept``: the value is the plan's own (an edit from a link or a
    scenario, not the baseline's exact division), which the model uses as it is: written with
    as many more decimals as it has, up to MOST_DIGITS ("147,7 ₽")."""
    if formatting.missing(value):
        return ""
    decimals = MIX_COLUMNS[col][0]
    if kept:
        decimals = max(decimals, places(float(value), MOST_DIGITS))
    if col in MONEY_COLUMNS:
        return ui.money(value, decimals)
    return formatting.number(value, ui.lang(), decimals)


def _bare(text: str) -> str:
    """A typed cell without the currency sign it may keep ("400 ₽", "₽400"): the number alone."""
    for sign in {ui.currency(), formatting.currency_sign(ui.currency(), ui.lang())}:
        if sign:
            text = text.replace(sign, "")
    return text.strip()


def typed_cells(
    exact: dict[str, list[float]], names: list[str], texts: dict[str, list] | None = None
) -> tuple[dict[str, list[float]], list[tuple[str, str, str]]]:
    """The table's values: each cell's exact value (not the rounded text it shows, which a cell
    opened and closed unchanged sends back), or the number
    typed into it, read as the language writes numbers (funnel.formatting.parse_number; a number
    sent as a number is taken as it is) and kept to the column's decimals, as the cell will show
    it. A cell whose text is no number or out of range keeps
    its value and is listed as (channel, column, what is expected) for the message. ``texts``:
    what each cell showed (``cell_text``; by default as the column writes its exact value)."""
    values = {col: list(v) for col, v in exact.items()}
    refused = []
    edited = (state.PL_MIX.get() or {}).get("edited_rows", {})
    for row, cells in edited.items():
        i = int(row)
        for col, typed in cells.items():
            if col not in MIX_COLUMNS or i >= len(names):
                continue
            decimals, lo, hi = MIX_COLUMNS[col]
            if isinstance(typed, (int, float)) and not isinstance(typed, bool):
                number: float | None = float(typed)
            elif typed is None or str(typed).strip() in ("", texts[col][i] if texts else cell_text(col, exact[col][i])):
                continue  # emptied, or the text it showed (an exact value kept exactly)
            else:
                number = formatting.parse_number(_bare(str(typed)), ui.lang())
            if number is None:
                reason = ui.t("numbox.bad", example=formatting.number(1234.5, ui.lang(), 1))
            elif number < lo:
                reason = ui.t("numbox.low", low=formatting.number(lo, ui.lang(), places(lo, decimals)))
            elif hi is not None and number > hi:
                reason = ui.t("numbox.high", high=formatting.number(hi, ui.lang(), places(hi, decimals)))
            else:
                values[col][i] = round(number, decimals)  # what the cell will show is what the plan uses
                continue
            refused.append((names[i], col, reason))
    return values, refused
