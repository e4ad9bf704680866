"""The Forecast tab's spread is an average month of the plan; the projection below it gives each
calendar month its season. On the demo the spread's «Вероятный» 7 875 004 ₽ stood beside a chart
at ~9,2 M for the same January 2027, and the Time page labels the spread «next month»: a reviewer
read two forecasts for one month (review of #16). A caption under the spread says which is which,
with the chart's own first month and figure."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from funnel.formatting import money, month
from funnel.i18n import t
from tests.helpers.screen import plain


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_spread_says_it_has_no_season_and_names_the_charts_first_month(app, lang):
    from tests.planner.test_pages import open_tab

    if lang == "en":
        app.radio(key="lang").set_value("en").run()
    at = open_tab(app.switch_page("pages/planner.py").run(), "forecast", lang)
    assert not at.exception, at.exception
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    history = ("История", "History")
    traces = next(spec["data"] for spec in specs if spec["data"] and spec["data"][0].get("name") in history)
    ahead = traces[1]  # the projection (test_history_start: history, projection, the grey start)
    first_x, first_y = ahead["x"][0], ahead["y"][0]
    when, value = month(pd.Timestamp(first_x), lang), money(first_y, lang, "₽")
    expected = t("planner.fc.no_season", lang, month=when, value=value)
    shown = [plain(c.value) for c in at.caption]
    assert plain(expected) in shown, shown
