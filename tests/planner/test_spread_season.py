"""The Forecast tab's spread is a named month's: the projection's first month, at its season and
with what the lead-to-won delays bring into it (funnel.model.projection.months_season). It was an
average month of the plan without the season: on the demo its «Вероятный» 7 875 004 ₽ stood beside
a chart at ~9,6 M for the same month, and the Time page saved it as «next month» and scored it
against that month (review of #16). Now its heading names the month, a caption says it is the
chart's month with the chart's figure, and the figures are that month's.

Which month: «the next month» (funnel.periods.next_month), the first to begin after both today and
the data's last day (31.10.2026 on the demo). Seen on 31.10.2026 that is November 2026, the chart's
first month (the figures below); seen on 07.12.2026 it is January 2027, the chart's third, and the
Time page names the same month (the Planner spread November while the Time page said January:
review of #16).

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
from datetime import date

import pandas as pd
import pytest

from funnel import periods
from funnel.formatting import day, money, month
from funnel.i18n import t
from tests.helpers.screen import plain


def _chart_first_month(at):
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    history = ("История", "History")
    traces = next(spec["data"] for spec in specs if spec["data"] and spec["data"][0].get("name") in history)
    ahead = traces[1]  # the projection (test_history_start: history, projection, the grey start)
    return pd.Timestamp(ahead["x"][0]), ahead["y"][0]


DATA_THROUGH = date(2026, 10, 31)  # the demo's last lead or deal day (maturity.last_activity)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_spread_is_the_charts_first_month_and_says_so(app, lang, monkeypatch):
    from tests.planner.test_pages import open_tab

    monkeypatch.setattr(periods, "today", lambda: DATA_THROUGH)  # seen on the data's last day
    if lang == "en":
        app.radio(key="lang").set_value("en").run()
    at = open_tab(app.switch_page("pages/planner.py").run(), "forecast", lang)
    assert not at.exception, at.exception
    first_x, first_y = _chart_first_month(at)
    when, value = month(first_x, lang), money(first_y, lang, "₽")
    assert t("planner.fc.uncertainty_month", lang, month=when) in [h.value for h in at.subheader]
    said = t("planner.fc.next_month", lang, month=when, today=day(DATA_THROUGH, lang), through=day(DATA_THROUGH, lang))
    expected = f"{said} {t('planner.fc.month_season', lang, month=when, value=value)}"
    assert plain(expected) in [plain(c.value) for c in at.caption]
    titles = [json.loads(c.proto.spec)["layout"].get("title", {}).get("text") for c in at.get("plotly_chart")]
    assert t("planner.chart.uncertainty_month", lang, month=when) in titles  # the histogram's month too
    if lang == "ru":
        assert (when, plain(value)) == ("нояб. 2026", "8 992 662 ₽")
        likely = next(m.value for m in at.metric if m.label == t("planner.fc.mid", "ru"))
        assert plain(likely) == "8 864 552 ₽"  # the simulation at a season of 8 992 662 ÷ 8 258 583


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_planner_and_the_time_page_mean_the_same_next_month(app, lang, monkeypatch):
    # Seen on 07.12.2026, the demo's data through 31.10.2026: the next month is January 2027 (the
    # first to begin after both days; November is past on the calendar), on both pages. The
    # Planner's chart still starts right after the data, in November 2026: January is its third
    # month, and the caption says so. It spread November («нояб. 2026») while the Time page said
    # January.
    from tests.planner.test_pages import open_tab
    from tests.time.test_accuracy_now import _accuracy_tab

    seen = date(2026, 12, 7)
    monkeypatch.setattr(periods, "today", lambda: seen)
    if lang == "en":
        app.radio(key="lang").set_value("en").run()
    at = open_tab(app.switch_page("pages/planner.py").run(), "forecast", lang)
    assert not at.exception, at.exception
    january, november = month(date(2027, 1, 1), lang), month(date(2026, 11, 1), lang)
    assert t("planner.fc.uncertainty_month", lang, month=january) in [h.value for h in at.subheader]
    first_x, _ = _chart_first_month(at)
    assert month(first_x, lang) == november  # the chart starts after the data
    said = t("planner.fc.next_month", lang, month=january, today=day(seen, lang), through=day(DATA_THROUGH, lang))
    earlier = t("planner.fc.projection_earlier", lang, first=november)
    assert any(plain(c.value).startswith(plain(f"{said} {earlier}")) for c in at.caption), [c.value for c in at.caption]
    titles = [json.loads(c.proto.spec)["layout"].get("title", {}).get("text") for c in at.get("plotly_chart")]
    assert t("planner.chart.uncertainty_month", lang, month=january) in titles
    # the Time page: its line under the data's last day names the same month, and so does its
    # forecast (the live one: the demo's newest saved forecast is of 01.10.2026)
    at = _accuracy_tab(at, lang, pick_language=False)
    through = t("tm.accuracy.data_through", lang, day=day(DATA_THROUGH, lang), month=january)
    assert through in [c.value for c in at.caption]
    labels = [m.label for m in at.metric]
    live = f"{t('tm.accuracy.horizon.month', lang)}: {periods_text(date(2027, 1, 1), date(2027, 1, 31), lang)}"
    assert live in labels, labels


def periods_text(start, end, lang):
    from funnel.formatting import period

    return period(start, end, lang)
