"""The Planner on a phone (below 640 px, where Streamlit stacks columns): the answer and the tabs
first, the levers and the baseline's settings behind one switch.

At 390 × 844 a person saw the basis, the reverse switch, the reset, the baseline's paragraph, the
five figures one a row and five levers, and found the tabs 1 800 px down (review #16). Now the
first screen holds the page's title, the switch «Рычаги и база расчёта», the figures two a row and
the tab strip; the switch shows the settings where they stand on a wide screen (the basis and the
baseline above the figures, the levers under them). The server does not know the screen's width:
the switch is drawn on every screen and hidden from 641 px on, and the folding is CSS reading the
switch's own box (``:has``), so a wide screen shows everything whatever the switch holds and a
tap folds or unfolds at once, before the rerun it starts has done anything.
"""

from __future__ import annotations

import streamlit as st

import ui
from funnel.charts import PHONE_WIDTH
from ui import state

HEAD, LEVERS = "pl_head", "pl_levers"  # the keyed containers folded on a phone (pages/planner.py)
_SWITCH = f".st-key-{state.PL_PHONE_LEVERS}"
_FOLDED = f'[data-testid="stMain"]:has({_SWITCH} input:not(:checked))'
# The figures' rows of two (charts.metrics: st.columns(2)) stay side by side: Streamlit gives each
# column a min-width of the whole row below 640 px.
_PAIR = (
    '[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] > [data-testid="stVerticalBlock"]'
    ' > [data-testid="stElementContainer"] > [data-testid="stMetric"]) > [data-testid="stColumn"]'
)
LAYOUT_CSS = f"""<style>
@media (min-width: {PHONE_WIDTH + 1}px) {{ {_SWITCH} {{ display: none; }} }}
@media (max-width: {PHONE_WIDTH}px) {{
  {_FOLDED} :is(.st-key-{HEAD}, .st-key-{LEVERS}) {{ display: none; }}
  .st-key-pl_main {_PAIR} {{ min-width: 0; }}
}}
</style>"""


def switch() -> None:
    """The phone's switch that shows the levers and the baseline's settings (off: folded; hidden
    on a wider screen, where they always show). Its value decides nothing on the server."""
    st.toggle(ui.t("planner.phone_levers"), key=state.PL_PHONE_LEVERS)
