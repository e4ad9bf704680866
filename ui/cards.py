"""On a phone a table as a list of cards, on a wider screen the grid (review #16, issue #16: at
390 px a grid showed two or three columns and the key ones, «Цель / Факт», «Конверсия», the plan
against the fact, sat off screen; the grid draws on a canvas, so CSS cannot hide its columns).

Both are drawn from the SAME display frame (its cells already text, formatted once by the view),
each in a keyed container, and CSS (CARDS_CSS, every page's: ui.sidebar PAGE_CSS; below funnel.charts.PHONE_WIDTH) shows
one of them: the two can never disagree. A card is the row's name as its title, then each other
column as «label … value», the figures right-aligned, the most important first.

The cards are one Markdown element a table (many containers a row would cost a Streamlit element
each): a two-column Markdown table a card, its header row the title. Every cell and header passes
through ``ui.escape.plain``, the one escaping helper, so a stage named ``<img src=x>`` or ``**bold**``
shows as written.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from funnel.charts import PHONE_WIDTH
from funnel.formatting import DASH
from ui.escape import plain

# The keyed containers' prefixes: CARDS_CSS (every page's, ui.sidebar PAGE_CSS) hides the cards from PHONE_WIDTH + 1 px
# on, the grid below.
CARDS, GRID = "phone_cards_", "wide_grid_"

# Below funnel.charts.PHONE_WIDTH (where Streamlit stacks columns: the app's phone layout) the
# grid is hidden and the cards shown, from one pixel wider the reverse. A card is a bordered table
# (the label left, the figure right in tabular digits), its title the header row made a caption
# over the whole card; 15 px text; long words break, so nothing runs past 390 px. Fixed CSS only.
CARDS_CSS = (
    """<style>
@media (max-width: PHONEpx) { [class*="st-key-GRID"] { display: none !important; } }
@media (min-width: WIDEpx) { [class*="st-key-CARDS"] { display: none !important; } }
[class*="st-key-CARDS"] table {
  width: 100%; table-layout: fixed; border-collapse: separate; border-spacing: 0; margin: 0 0 0.75rem;
  font-size: 0.9375rem; border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; }
[class*="st-key-CARDS"] thead { display: table-caption; text-align: left; padding: 0.25rem 0 0.15rem; }
[class*="st-key-CARDS"] thead tr, [class*="st-key-CARDS"] thead th { display: block; border: none; }
[class*="st-key-CARDS"] thead th:empty { display: none; }
[class*="st-key-CARDS"] th, [class*="st-key-CARDS"] td {
  padding: 0.3rem 0.6rem; border: none; overflow-wrap: anywhere; white-space: normal; line-height: 1.35; }
[class*="st-key-CARDS"] tbody tr + tr td { border-top: 1px solid rgba(49, 51, 63, 0.1); }
[class*="st-key-CARDS"] td:first-child { width: 45%; color: rgba(49, 51, 63, 0.8); }
[class*="st-key-CARDS"] td:last-child { font-variant-numeric: tabular-nums; }
</style>""".replace("PHONE", str(PHONE_WIDTH))
    .replace("WIDE", str(PHONE_WIDTH + 1))
    .replace("GRID", GRID)
    .replace("CARDS", CARDS)
)


@dataclass(frozen=True)
class Card:
    title: str
    lines: tuple[tuple[str, str], ...]  # (the column's header, the row's cell), in the card's order


def cell_text(v) -> str:
    """A display cell as the grid shows it: its text; a missing cell as the grid's placeholder."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return DASH
    return str(v)


def cards(display: pd.DataFrame, title: Sequence[str] = (), first: Sequence[str] = ()) -> list[Card]:
    """One card a row of ``display``: its title the cells of the ``title`` columns joined by « · »
    (by default the first column's), then the other columns, those in ``first`` first (in that
    order), then the rest in the grid's order. Cells exactly as the grid shows them (cell_text)."""
    cols = [str(c) for c in display.columns]
    title = [c for c in title if c in cols] or cols[:1]
    rest = [c for c in first if c in cols and c not in title]
    rest += [c for c in cols if c not in title and c not in rest]
    out = []
    for row in display.astype(object).itertuples(index=False, name=None):
        cells = dict(zip(cols, row, strict=True))
        out.append(
            Card(
                title=" · ".join(cell_text(cells[c]) for c in title),
                lines=tuple((c, cell_text(cells[c])) for c in rest),
            )
        )
    return out


def cards_markdown(items: Sequence[Card]) -> str:
    """The cards as Markdown: a two-column table each (the label left, the value right), its title
    in the header row; every text escaped by ``plain`` ("|" too, so a cell stays one cell)."""
    blocks = []
    for card in items:
        rows = [f"| **{plain(card.title) or DASH}** | |", "|:--|--:|"]
        rows += [f"| {plain(label) or DASH} | {plain(value) or DASH} |" for label, value in card.lines]
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks)


def grid_and_cards(
    display: pd.DataFrame,
    *,
    key: str,
    title: Sequence[str] = (),
    first: Sequence[str] = (),
    as_text: pd.DataFrame | None = None,
    **grid,
) -> None:
    """``st.dataframe(display, key=key, **grid)`` for a wide screen and the same rows as cards
    (``cards``: ``title``, ``first``) for a phone, each in its keyed container; CARDS_CSS shows one.
    ``as_text``: the same frame with the cells the grid formats itself (a NumberColumn's) written
    as it writes them, for the cards, which print every cell as text."""
    with st.container(key=f"{GRID}{key}"):
        # a missing cell reads as the cards' "—", not Streamlit's "None"
        st.dataframe(display, key=key, placeholder=grid.pop("placeholder", DASH), **grid)
    items = cards(display if as_text is None else as_text, title, first)
    # every card in the page's own scroll: a box of its own (640 px, scrolling past 12 cards) hid
    # all but 2–4 cards behind a scroll inside the scroll on a phone, and on a wide screen its
    # fixed height stayed as 672 px of white under the grid though the box was hidden (review)
    with st.container(key=f"{CARDS}{key}"):
        st.markdown(cards_markdown(items))
