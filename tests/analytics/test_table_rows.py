"""#16 screen review: the Funnel page's tables stopped at 15 rows with no count and no cue. The
refusals' table hid the refusals at «Договор подписан» that the chart beside it shows (rows 17–18
of 18); the breakdown by channel stopped mid-channel (15 of 60 rows, 6 stages a channel); the
rotting deals showed 15 of 24. Now: the refusals' table whole, the breakdown in whole channels,
and a grid that scrolls says how many rows it has. The grid: 38 px of header, 35 px a row."""

from __future__ import annotations

import pytest

from tests.dataui.helpers import funnel_tab

pytestmark = pytest.mark.usefixtures("demo_app_db")


@pytest.fixture
def heights(monkeypatch) -> dict[str, int]:
    """Dataframe id → the pixel height it was sent with (AppTest's element tree drops it)."""
    from streamlit.testing.v1 import local_script_runner

    seen: dict[str, int] = {}
    parse = local_script_runner.parse_tree_from_messages

    def spy(messages):
        for m in messages:
            if m.HasField("delta") and m.delta.WhichOneof("type") == "new_element":
                e = m.delta.new_element
                if e.WhichOneof("type") == "dataframe":
                    seen[e.dataframe.id] = e.height_config.pixel_height
        return parse(messages)

    monkeypatch.setattr(local_script_runner, "parse_tree_from_messages", spy)
    return seen


def _table(at, column: str):
    return next(d for d in at.dataframe if column in d.value.columns)


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_the_refusals_table_shows_every_row_the_chart_shows(heights):
    at = funnel_tab("Отказы")
    table = _table(at, "Причина")
    # the demo's 18 rows (5 stages × 3–4 reasons), the last two the refusals at «Договор подписан»
    assert len(table.value) == 18
    assert list(table.value["Этап"].tail(2)) == ["Договор подписан"] * 2
    assert heights[table.proto.id] == 38 + 35 * 18 == 668  # every row in view: no scroll, no cue needed
    assert "Строк в таблице" not in _captions(at)


def test_the_breakdown_shows_whole_channels_and_says_how_many_rows(heights):
    at = funnel_tab("В разрезе")
    table = _table(at, "Из 1-го этапа")
    # 10 channels × 6 stages (5 open and «Сделка завершена») = 60 rows; 3 channels in view = 18
    assert len(table.value) == 60
    assert heights[table.proto.id] == 38 + 35 * 18
    assert "Строк в таблице: 60 — прокрутите её" in _captions(at)


def test_the_rotting_deals_say_how_many_rows_they_have(heights):
    at = funnel_tab("Зависшие")
    table = _table(at, "Сверх срока")
    assert len(table.value) == 18  # the demo's open deals over their stage's limit (tests/time/test_rotting.py)
    assert heights[table.proto.id] == 38 + 35 * 15  # 15 in view, then the grid scrolls
    assert "Строк в таблице: 18 — прокрутите её" in _captions(at)
