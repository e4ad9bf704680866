"""The Forecast tab's spread is a named month's: the projection's first month, at its season and
with what the lead-to-won delays bring into it (funnel.model.projection.months_season). It was an
average month of the plan without the season: on the demo its «Вероятный» 7 875 004 ₽ stood beside
a chart at ~9,6 M for the same month, and the Time page saved it as «next month» and scored it
against that month (review of #16). Now its heading names the month, a caption says it is the
chart's month with the chart's figure, and the figures are that month's.

On the demo (the sidebar's last 12 months: November 2025 – October 2026) the plan turns over
99 103 000 ÷ 12 = 8 258 583 ₽ a month and the chart's first month is November 2026 at 8 992 662 ₽:
index_Nov 1,179 (one November, 11 052 000 ÷ 8 218 917 = 1,345 raw, shrunk half-way to 1,172 and
divided by the twelve's mean 0,9941: projection.seasonal_index, on April 2025 – October 2026) × the
flows the delays bring, which are mostly the history's October and September 2026 without their
season (8 051 000 ÷ 1,059 and 7 357 000 ÷ 0,961, the rule worked by hand in
tests/planner/test_projection_season.py), so the spread's season is 8 992 662 ÷ 8 258 583 = 1,089:
«Вероятный» 8 864 552 ₽ (on the demo before its quiet months slowed decisions: November 2026 at
7 667 364 ₽ and «Вероятный» 7 529 773 ₽; before the season was shrunk and March 2025 left out as
the data's start: 9 638 727 ₽ and 9 473 505 ₽; an average month's, without a season: 7 875 004 ₽
then), its mean within 1 % of the chart's month."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from funnel.formatting import money, month
from funnel.i18n import t
from tests.helpers.screen import plain


def _chart_first_month(at):
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    history = ("История", "History")
    traces = next(spec["data"] for spec in specs if spec["data"] and spec["data"][0].get("name") in history)
    ahead = traces[1]  # the projection (test_history_start: history, projection, the grey start)
    return pd.Timestamp(ahead["x"][0]), ahead["y"][0]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_spread_is_the_charts_first_month_and_says_so(app, lang):
    from tests.planner.test_pages import open_tab

    if lang == "en":
        app.radio(key="lang").set_value("en").run()
    at = open_tab(app.switch_page("pages/planner.py").run(), "forecast", lang)
    assert not at.exception, at.exception
    first_x, first_y = _chart_first_month(at)
    when, value = month(first_x, lang), money(first_y, lang, "₽")
    assert t("planner.fc.uncertainty_month", lang, month=when) in [h.value for h in at.subheader]
    expected = t("planner.fc.month_season", lang, month=when, value=value)
    assert plain(expected) in [plain(c.value) for c in at.caption]
    titles = [json.loads(c.proto.spec)["layout"].get("title", {}).get("text") for c in at.get("plotly_chart")]
    assert t("planner.chart.uncertainty_month", lang, month=when) in titles  # the histogram's month too
    if lang == "ru":
        assert (when, plain(value)) == ("нояб. 2026", "8 992 662 ₽")
        likely = next(m.value for m in at.metric if m.label == t("planner.fc.mid", "ru"))
        assert plain(likely) == "8 864 552 ₽"  # the simulation at a season of 8 992 662 ÷ 8 258 583
