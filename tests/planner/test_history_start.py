"""Screen review #16: the Forecast tab's revenue history began near 0 (the demo's January 2025:
199 000 ₽ against about 8 000 000 ₽ a month later on), which read as a slump. Revenue is counted
by closing day, and the data has no leads from before its first month, so its first months hold
only the wins of the data's own leads: month i holds Σ_{k≤i} s_k of a steady month's wins (s_k:
the share of wins k months after the lead's month, funnel.model.projection.lag_shares). While
that is under 9 in 10 (the maturity window's share) the month is drawn grey and said to be the
start of the data."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from streamlit.testing.v1 import AppTest

from funnel.model.projection import WHOLE_SHARE, warming_months
from tests.helpers.screen import t  # as read: a number and its unit joined by U+00A0

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


def test_the_demos_forecast_tab_marks_its_first_three_months(app_on):
    """The demo's data begins on 1 January 2025; its delays (DEMO_LAG, the whole workspace's)
    leave January and February 2025 not whole, and March 2025's 3 103 000 ₽ is under half the
    median of April 2025 – March 2026 (7 434 000 ₽: projection.low_start)."""
    from tests.planner.test_pages import open_tab

    at = open_tab(app_on("pages/planner.py"), "forecast")
    assert not at.exception, at.exception
    said = [c.value for c in at.caption if c.value.startswith("Начало истории")]
    assert said == [t("planner.fc.warming", "ru", period="01.01.2025–31.03.2025")], said
    # the season is learned from the 22 months of January 2025 to October 2026 but those three
    seasonal = [c.value for c in at.caption if c.value.startswith("Сезонность")]
    assert seasonal == [t("planner.fc.seasonal", "ru", months=19)], seasonal
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    names = next(n for n in ([tr.get("name") for tr in spec["data"]] for spec in specs) if "История" in n)
    assert names == ["История", "Прогноз оборота", "Начало данных: неполные месяцы"], names


# Code review: the history begins at the first month with any lead, deal or spend, but the grey
# months were counted from it by the delays alone. They count from the leads' first month, and
# only when no deal was created before it (funnel.model.projection.history_warming). The lag
# (0,5; 0,3; 0,2) leaves the leads' first two months not whole (50 %, 80 %, then 100 %).
LAG = (0.5, 0.3, 0.2)
SIX = [date(2026, m, 1) for m in range(1, 7)]


@pytest.mark.parametrize(
    ("revenue", "first_lead", "deals_before", "expected"),
    [
        # spend in January and February, the leads from March: January and February have no
        # revenue (no leads yet), March and April are the leads' not-whole months → 2 + 2 grey
        ((0, 0, 300, 800, 1000, 1000), date(2026, 3, 1), False, 4),
        # deals created from January, two months before the leads: their wins fill January and
        # February, which are whole history, and so is all the rest → none grey
        ((500, 900, 1000, 1000, 1000, 1000), date(2026, 3, 1), True, 0),
        # revenue before the leads' first month is whole history, even without the flag
        ((500, 0, 300, 800, 1000, 1000), date(2026, 3, 1), False, 0),
        ((300, 800, 1000, 1000, 1000, 1000), date(2026, 1, 1), False, 2),  # leads from the start
        ((0,) * 6, None, False, 0),  # no leads
        ((0, 0, 0, 0, 300, 800), date(2026, 5, 1), False, 6),  # every month grey
    ],
    ids=["spend-before-leads", "deals-before-leads", "revenue-before-leads", "leads-first", "no-leads", "all-grey"],
)
def test_the_grey_months_count_from_the_leads_first_month(revenue, first_lead, deals_before, expected):
    from funnel.model.projection import history_warming

    history = list(zip(SIX, revenue, strict=True))
    assert history_warming(history, LAG, first_lead, deals_before) == expected


def _store(tmp_path, rows_by_kind: dict):
    from funnel.db import Store
    from funnel.workspace import create_workspace
    from tests.conftest import insert

    s = Store(tmp_path / "db.duckdb")
    with s.transaction() as cur:
        ws = create_workspace(cur, "Start").id
    for kind, rows in rows_by_kind.items():
        insert(s, ws, kind, rows)
    return s, ws


LEADS_FROM_MARCH = [{"lead_id": f"L{i}", "created_at": datetime(2026, 3, 3 + i), "channel": "Web"} for i in range(3)]
WON = {"stage": "Deal done", "status": "won", "amount": 1000}


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("deals-before-leads", (date(2026, 3, 3), True)),
        ("spend-before-leads", (date(2026, 3, 3), False)),
        ("deals-alone", (None, False)),
    ],
)
def test_the_leads_first_month_and_deals_before_it(tmp_path, case, expected):
    """Hand-made data: three leads from 3 March 2026; in the first case two deals without a lead
    created on 10 January (won 20 January), in the second spend in January and February and a
    deal of lead L0 created on 10 March; in the third the January deals alone."""
    from funnel.filters import Filters
    from funnel.metrics import trend

    early = [
        {"deal_id": f"D{i}", "created_at": datetime(2026, 1, 10), "closed_at": datetime(2026, 1, 20)} | WON
        for i in range(2)
    ]
    rows = {
        "deals-before-leads": {"leads": LEADS_FROM_MARCH, "deals": early},
        "spend-before-leads": {
            "leads": LEADS_FROM_MARCH,
            "deals": [{"deal_id": "D9", "lead_id": "L0", "created_at": datetime(2026, 3, 10)} | WON],
            "spend": [{"channel": "Web", "period": datetime(2026, m, 1), "amount": 1000} for m in (1, 2)],
        },
        "deals-alone": {"deals": early},
    }[case]
    s, ws = _store(tmp_path, rows)
    with s.snapshot() as cur:
        got = trend.history_start(cur, filters=Filters(workspace_id=ws), end=None)
        history = trend.history(cur, filters=Filters(workspace_id=ws), end=None)
    s.close()
    assert got == expected
    assert history[0][0] == date(2026, 1, 1)  # the history itself starts in January in every case


def test_every_month_grey_draws_no_empty_history():
    at = _run("ru", len(HISTORY))
    names = [name for name, _, _ in at.session_state["traces"]]
    assert names == ["Прогноз оборота", "Начало данных: неполные месяцы"]
    (_, _, _), (_, warm_x, _) = at.session_state["traces"]
    assert warm_x == [d for d, _ in HISTORY]


def test_the_forecast_tab_draws_no_grey_when_deals_come_before_the_leads(app_db):
    """Two deals without a lead created and won in January 2026, six leads from 3 March, each
    won 40 days later (April): the lag (0; 0,69; 0,31) greyed January and February, which hold
    the January deals' wins. Deals come before the leads: nothing is grey, nothing said."""
    from funnel.db import Store
    from funnel.workspace import create_workspace
    from tests.conftest import ROOT, insert
    from tests.planner.test_pages import open_tab

    s = Store(app_db)
    with s.transaction() as cur:
        ws = create_workspace(cur, "Start").id
    leads = [{"lead_id": f"L{i}", "created_at": datetime(2026, 3, 3 + i), "channel": "Web"} for i in range(6)]
    early = [
        {"deal_id": f"E{i}", "created_at": datetime(2026, 1, 10), "closed_at": datetime(2026, 1, 20)} | WON
        for i in range(2)
    ]
    won = [
        {"deal_id": f"D{i}", "lead_id": f"L{i}", "created_at": datetime(2026, 3, 3 + i)}
        | WON
        | {"closed_at": datetime(2026, 4, 12 + i)}
        for i in range(6)
    ]
    insert(s, ws, "leads", leads)
    insert(s, ws, "deals", early + won)
    s.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at = open_tab(at.switch_page("pages/planner.py").run(), "forecast")
    assert not at.exception, at.exception
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    names = next(n for n in ([tr.get("name") for tr in spec["data"]] for spec in specs) if "История" in n)
    assert names == ["История", "Прогноз оборота"], names
    assert not [c.value for c in at.caption if c.value.startswith("Начало истории")]


# Review #16: the grey months were drawn as the start of the data, and the projection still learned
# a season from them (the demo's January 2025, 199 000 ₽, beside January 2026's 12 461 000 ₽, made
# January's index 0,87 where January 2026 alone gives 1,58). They are left out of the index.
# Fourteen months from January 2025: January 10 and February 50 (the data's start), March 2025 to
# December 2025 100 each, January 2026 80, February 2026 120.
FOURTEEN = list(
    zip(
        [date(2025 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(1, 15)],
        (10, 50, *([100] * 10), 80, 120),
        strict=True,
    )
)
_SHRUNK_14 = (1 - 590 / 1130 * 2 / 3, 1 - 110 / 1130 * 2 / 3, 1 + 70 / 1130 / 2)  # January, February, March
_MEAN_14 = (_SHRUNK_14[0] + _SHRUNK_14[1] + 10 * _SHRUNK_14[2]) / 12


@pytest.mark.parametrize(
    ("young", "january", "february", "march", "learned"),
    [
        # March 2025–February 2026: monthly means 80, 120 and 100 × 10 average 100, so the raw
        # index is 0,8 in January, 1,2 in February, 1 elsewhere, each from one year: shrunk half-way
        # to 1 (projection.seasonal_index), 0,9 and 1,1; a level of 100 a month projects 90, 110, 100
        pytest.param(2, 90.0, 110.0, 100.0, 12, id="the-two-young-months-left-out"),
        # with them: January (10 + 80) ÷ 2 = 45, February (50 + 120) ÷ 2 = 85, the others 100;
        # their average (45 + 85 + 1 000) ÷ 12 = 1 130 ÷ 12; raw January 540/1130, February
        # 1020/1130, the others 1200/1130. January and February from two years keep 2/3 of their
        # shape, the others (one year) 1/2: 1 − (590/1130) × 2/3, 1 − (110/1130) × 2/3,
        # 1 + (70/1130) ÷ 2, then all divided by their mean (their years differ: it is not 1)
        pytest.param(0, *[100 * v / _MEAN_14 for v in _SHRUNK_14], 14, id="as-before-without-them"),
    ],
)
def test_the_young_months_are_no_season(young, january, february, march, learned):
    from funnel.model.projection import project

    out = project(FOURTEEN, 12, level=100, young=young)
    by_month = dict(out["rows"])
    assert out["seasonal"] and out["learned"] == learned
    assert by_month[date(2027, 1, 1)] == pytest.approx(january)
    assert by_month[date(2027, 2, 1)] == pytest.approx(february)
    assert by_month[date(2026, 3, 1)] == pytest.approx(march)


def test_without_its_young_months_a_short_history_has_no_season():
    """Thirteen months, two young: eleven left, under a year: a flat line at the level learned
    from those eleven (March 2025 to January 2026: 100 × 10 and 80, mean 98,18)."""
    from funnel.model.projection import project

    out = project(FOURTEEN[:13], 2, young=2)
    assert not out["seasonal"] and out["learned"] == 11
    assert [v for _, v in out["rows"]] == pytest.approx([1080 / 11] * 2)


# The backtest scores the projection as the Planner makes it: January 10 and February 50 (young),
# March–June 2025 100 each, then July–September 100. Cut-off July: with the young months left out
# the level is 100 (four months learned from) and the error 0; learned from all six, the level
# (10 + 50 + 4 × 100) ÷ 6 = 76,67 and every month 23,33 % off.
SIX_AND_AFTER = [(date(2025, m, 1), v) for m, v in zip(range(1, 10), (10, 50, *([100] * 7)), strict=True)]


@pytest.mark.parametrize(
    ("young", "error", "learned"),
    [
        pytest.param(2, 0.0, 4, id="young-left-out"),
        pytest.param(0, (100 - 460 / 6) / 100, 6, id="learned-from-all"),
        pytest.param(6, (100 - 460 / 6) / 100, 6, id="all-young-learns-from-what-there-is"),
    ],
)
def test_the_backtest_learns_as_the_projection_does(young, error, learned):
    from funnel.model.backtest import backtest

    res = backtest(SIX_AND_AFTER, date(2025, 7, 1), 3, young=young)
    assert res["metric"] == "mape" and res["error"] == pytest.approx(error)
    assert res["train_months"] == learned


def test_the_demos_backtest_learns_without_its_grey_months(app_on):
    """The demo's backtest opens on May 2026: January 2025 to April 2026 before it, 16 months, of
    which January to March 2025 are the data's start: 13 learned from."""
    from tests.planner.test_pages import open_tab

    at = open_tab(app_on("pages/planner.py"), "backtest")
    assert not at.exception, at.exception
    assert at.selectbox(key="pl_bt_cutoff").value == date(2026, 5, 1)
    shown = {m.label: m.value for m in at.metric}
    assert shown[t("planner.bt.train", "ru")] == "13"
