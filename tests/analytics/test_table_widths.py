"""A table's text column is as wide as its longest cell: the grid sizes a column by its first
rows, so the stalled deals cut "Yandex Direct" further down to "Yandex Direc"."""

from __future__ import annotations

import json

import pytest

from tests.dataui.helpers import new_app
from ui import show

pytestmark = pytest.mark.usefixtures("demo_app_db")


def _widths(element) -> dict[str, object]:
    """Column → the width st.dataframe was given (its column config, as sent to the browser)."""
    config = json.loads(element.proto.columns)
    return {name: c.get("width") for name, c in config.items()}


def test_the_stalled_deals_channel_column_holds_its_longest_name():
    at = new_app()
    at.run()
    at.switch_page("pages/funnel.py").run()
    at.session_state["fn_tab"] = "Зависшие"  # the page's tabs run lazily: open the stalled deals
    at.run()
    assert not at.exception, at.exception
    table = next(d for d in at.dataframe if "Канал" in d.value.columns and "Дней на этапе (раб.)" in d.value.columns)
    widths = _widths(table)
    channels = [str(v) for v in table.value["Канал"]]
    assert "Яндекс Директ" in channels  # the demo's longest channel, further down than the first rows
    # 13 characters at 7.2 px (an upper bound of the grid's font) and 24 px of padding: 118 px
    assert widths["Канал"] >= 118, widths
    assert widths["Канал"] >= round(max(len(c) for c in channels) * show.CHAR_PX + show.CELL_PAD_PX)
    # figures keep their right alignment and the grid's own width
    assert widths.get("Сумма") is None
