"""The Forecast tab's spread is a named month's: the projection's first month, at its season and
with what the lead-to-won delays bring into it (funnel.model.projection.months_season). It was an
average month of the plan without the season: on the demo its «Вероятный» 7 875 004 ₽ stood beside
a chart at ~9,6 M for the same month, and the Time page saved it as «next month» and scored it
against that month (review of #16). Now its heading names the month, a caption says it is the
chart's month with the chart's figure, and the figures are that month's.

On the demo (the sidebar's last 12 months: November 2025 – October 2026) the plan turns over
96 530 000 ÷ 12 = 8 044 167 ₽ a month and the chart's first month is November 2026 at 9 638 727 ₽
(index_Nov 1,38 × the flows the delays bring: tests/planner/test_projection_season.py works the
rule by hand), so the spread's season is 9 638 727 ÷ 8 044 167 = 1,198 (unrounded: 1,198226): «Вероятный» 9 473 505 ₽
(an average month's was 7 875 004 ₽), its mean within 1 % of the chart's month."""

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
        assert (when, plain(value)) == ("нояб. 2026", "9 638 727 ₽")
        likely = next(m.value for m in at.metric if m.label == t("planner.fc.mid", "ru"))
        assert plain(likely) == "9 473 505 ₽"  # the simulation at a season of 9 638 727 ÷ 8 044 167
