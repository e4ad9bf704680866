"""Screen review #16: the Forecast tab's revenue history began near 0 (the demo's January 2025:
199 000 ₽ against about 8 000 000 ₽ a month later on), which read as a slump. Revenue is counted
by closing day, and the data has no leads from before its first month, so its first months hold
only the wins of the data's own leads: month i holds Σ_{k≤i} s_k of a steady month's wins (s_k:
the share of wins k months after the lead's month, funnel.model.projection.lag_shares). While
that is under 9 in 10 (the maturity window's share) the month is drawn grey and said to be the
start of the data."""

from __future__ import annotations

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from funnel.i18n import t
from funnel.model.projection import WHOLE_SHARE, warming_months

pytestmark = pytest.mark.filterwarnings("ignore")

# The demo's shares (its lead-to-won delays): 1 % of the wins in the lead's month, 43,3 % a month
# later, 50,7 % two months later: 1 %, 44,3 %, 95 % by month → the first two months are not whole.
DEMO_LAG = (0.01, 0.433, 0.507, 0.048, 0.002)


@pytest.mark.parametrize(
    ("lag", "months", "expected"),
    [
        (DEMO_LAG, 22, 2),
        ((), 22, 0),  # no wins to learn the delays from: nothing said
        ((1.0,), 22, 0),  # every win in its lead's month: the first month is whole
        ((0.9, 0.1), 22, 0),  # exactly 9 in 10 at once: whole
        ((0.5, 0.3, 0.2), 22, 2),  # 50 %, 80 %, 100 %
        ((0.2,) * 5, 3, 3),  # a history shorter than its warm-up: every month of it
        (DEMO_LAG, 0, 0),  # no history
    ],
    ids=["demo", "no-lag", "same-month", "nine-in-ten", "three-months", "short-history", "empty"],
)
def test_the_months_that_are_not_whole(lag, months, expected):
    assert WHOLE_SHARE == 0.9
    assert warming_months(lag, months) == expected


HISTORY = [
    (date(2025, m, 1), v)
    for m, v in zip(range(1, 7), (199_000, 2_961_000, 3_103_000, 9_661_000, 7_644_000, 6_602_000), strict=True)
]
ROWS = [(date(2025, 7, 1), 8_000_000.0)]


def _script():
    import streamlit as st

    from ui.views.planner import charts, forecast

    fig = charts.projection(st.session_state["history"], st.session_state["rows"], st.session_state["warming"])
    st.session_state["traces"] = [(tr.name, list(tr.x), tr.line.color) for tr in fig.data]
    if st.session_state["warming"]:
        st.write(forecast.warming_note(st.session_state["history"], st.session_state["warming"]))


def _run(lang: str, warming: int) -> AppTest:
    at = AppTest.from_function(_script)
    at.session_state["lang"] = lang
    at.session_state["history"] = HISTORY
    at.session_state["rows"] = ROWS
    at.session_state["warming"] = warming
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(
    ("lang", "period"), [("ru", "01.01.2025–28.02.2025"), ("en", "Jan 1 – Feb 28, 2025")], ids=["ru", "en"]
)
def test_the_first_months_are_drawn_grey_and_said_not_a_slump(lang, period):
    at = _run(lang, 2)
    (hist, hist_x, _), (proj, _, _), (warm, warm_x, grey) = at.session_state["traces"]
    assert (warm, hist, proj) == tuple(
        t(k, lang) for k in ("planner.chart.history_warming", "planner.chart.history", "planner.chart.projection")
    )
    # grey January and February, running into March, where the whole history begins
    assert warm_x == [date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)] and grey == "#9e9e9e"
    # the history and the projection keep the theme's colours (traces 0 and 1, as before)
    assert hist_x == [date(2025, m, 1) for m in range(3, 7)]
    assert at.markdown[0].value == t("planner.fc.warming", lang, period=period)
    assert period in at.markdown[0].value


def test_a_history_without_a_warm_up_is_one_trace_as_before():
    at = _run("ru", 0)
    names = [name for name, _, _ in at.session_state["traces"]]
    assert names == ["История", "Прогноз оборота"]
    assert not at.markdown


def test_the_demos_forecast_tab_marks_its_first_two_months(app):
    """The demo's data begins on 1 January 2025; its delays (DEMO_LAG, the whole workspace's)
    leave January and February 2025 not whole."""
    from tests.planner.test_pages import open_tab

    at = open_tab(app.switch_page("pages/planner.py").run(), "forecast")
    assert not at.exception, at.exception
    said = [c.value for c in at.caption if c.value.startswith("Начало истории")]
    assert said == [t("planner.fc.warming", "ru", period="01.01.2025–28.02.2025")], said
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    names = next(n for n in ([tr.get("name") for tr in spec["data"]] for spec in specs) if "История" in n)
    assert names == ["История", "Прогноз оборота", "Начало данных: неполные месяцы"], names
