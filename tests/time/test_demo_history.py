"""The demo a trainer opens shows every feature (#16): saved scenarios with one marked as the plan,
the goals of its months from that plan, and back-dated forecast snapshots that the accuracy tab
scores against the demo's actuals. Every figure is the product's own (nothing typed in), and the
demo's data are the same as before (its leads, won deals and revenue are quoted everywhere)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from funnel import demo_history as dh
from funnel import goals
from funnel.basis import baseline_on
from funnel.db import Store
from funnel.demo import END
from funnel.demo_names import workspace_name
from funnel.filters import Filters
from funnel.forecast_snapshots import forecast_before, snapshots, weighted_on
from funnel.metrics.accuracy import accuracy
from funnel.model.backtest import score
from funnel.periods import add_months
from funnel.scenarios import list_scenarios
from tests.conftest import with_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    s = Store(with_demo(tmp_path_factory.mktemp("demo") / "f.duckdb"))  # as the app's first start leaves it
    with s.cursor() as cur:
        ws = cur.execute("SELECT id FROM workspaces WHERE is_demo").fetchone()[0]
    yield s, ws
    s.close()


def test_the_demos_data_are_unchanged(demo):
    """The figures the README and many tests quote: the history is written beside the data."""
    s, ws = demo
    with s.cursor() as cur:
        leads = cur.execute("SELECT count(*) FROM leads_full_raw WHERE workspace_id = ?", [ws]).fetchone()[0]
        deals = cur.execute("SELECT count(*) FROM deals_raw WHERE workspace_id = ?", [ws]).fetchone()[0]
        won, revenue = cur.execute(
            "SELECT count(*), sum(amount) FROM deals_raw WHERE workspace_id = ? AND status = 'won' "
            "AND closed_at >= DATE '2025-11-01' AND closed_at < DATE '2026-11-01'",
            [ws],
        ).fetchone()
    assert (leads, deals, won, revenue) == (26485, 4225, 496, 99_103_000)  # the last 12 months' 496 won


def test_two_scenarios_one_the_plan_for_2026(demo):
    s, ws = demo
    with s.cursor() as cur:
        saved = {sc.name: sc for sc in list_scenarios(cur, ws)}
        start = baseline_on(cur, Filters(ws, date(2025, 1, 1), date(2025, 12, 31)), "period").planner_start()
    assert set(saved) == {dh.PLAN, dh.MORE_LEADS}
    plan = saved[dh.PLAN]
    assert (plan.is_plan, plan.plan_from, plan.plan_to) == (True, date(2026, 1, 1), date(2026, 12, 31))
    assert plan.plan() == start  # the planner's own starting plan on 2025, nothing typed in
    assert not saved[dh.MORE_LEADS].is_plan
    assert saved[dh.MORE_LEADS].plan().leads == round(start.leads * 1.2)


def test_goals_of_2026s_months_with_data_come_from_the_plan(demo):
    s, ws = demo
    with s.cursor() as cur:
        months = goals.months(cur, filters=Filters(ws))
        october = goals.goals(cur, filters=Filters(ws), month=date(2026, 10, 1))
        name, from_plan = goals.plan_goals(cur, ws, date(2026, 10, 1))
    assert months == [date(2026, m, 1) for m in range(1, 11)]  # none for the months after the data
    assert name == dh.PLAN and set(october["source"]) == {f"scenario:{dh.PLAN}"}
    assert dict(zip(october["metric"], october["target"], strict=True)) == {g["metric"]: g["target"] for g in from_plan}


def test_a_snapshot_each_month_is_the_real_forecast_as_of_that_day(demo):
    s, ws = demo
    with s.cursor() as cur:
        snaps = snapshots(cur, filters=Filters(ws))
        nov = forecast_before(cur, ws, date(2025, 11, 1))
        weighted = weighted_on(cur, ws, date(2025, 11, 1))
    taken = sorted({t.to_pydatetime() for t in snaps["taken_at"]})
    assert taken == [datetime(y, m, 1) for y, m in [(2025, 11), (2025, 12)] + [(2026, k) for k in range(1, 11)]]
    first = snaps[snaps["taken_at"] == taken[0]].sort_values("horizon")
    assert list(first["horizon"]) == ["month", "quarter"]
    assert [d.date() for d in first["period_start"]] == [date(2025, 12, 1), date(2026, 1, 1)]
    assert list(first["p50"]) == pytest.approx(list(nov.sort_values("horizon")["p50"]))
    assert (first["p10"] < first["p50"]).all() and (first["p50"] < first["p90"]).all()
    # the deals open as 1 November 2025 began, at their stages and amounts of that day (not "—")
    assert list(first["weighted_pipeline"]) == pytest.approx([weighted] * 2)
    assert weighted > 0


def test_accuracy_scores_the_snapshots_against_the_demos_revenue(demo):
    """Each passed month's actual is the revenue of the deals won in it (worked out here from the
    deals themselves), and the scores are over one forecast per period: 11 months (December 2025
    to October 2026) and 3 quarters (Q1–Q3 2026); November 2026 and Q4 2026 are still waiting."""
    s, ws = demo
    with s.cursor() as cur:
        res = accuracy(cur, filters=Filters(ws), today=date(2026, 12, 7))
        won = dict(
            cur.execute(
                "SELECT date_trunc('month', closed_at)::DATE, sum(amount) FROM deals_raw "
                "WHERE workspace_id = ? AND status = 'won' AND superseded_by IS NULL GROUP BY 1",
                [ws],
            ).fetchall()
        )
    scored = res["scored"]
    month = scored[scored["horizon"] == "month"]
    assert list(month["period_start"]) == [date(2025, 12, 1)] + [date(2026, k, 1) for k in range(1, 11)]
    for r in month.to_dict("records"):
        assert r["actual"] == pytest.approx(float(won[r["period_start"]]))
        assert r["taken_at"].date() == add_months(r["period_start"], -1)  # taken the month before
    quarter = scored[scored["horizon"] == "quarter"]
    assert list(quarter["period_start"]) == [date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1)]
    expected = score(
        list(zip(month["p50"], month["actual"], strict=True)), list(zip(month["p10"], month["p90"], strict=True))
    )
    assert res["scores"]["month"] == expected and expected["n"] == 11
    waiting = res["rows"][~res["rows"]["passed"]]
    assert sorted(set(zip(waiting["horizon"], waiting["period_start"], strict=True))) == [
        ("month", date(2026, 11, 1)),
        ("quarter", date(2026, 10, 1)),
        ("quarter", date(2027, 1, 1)),
    ]


def test_the_snapshot_days_are_each_months_first():
    assert dh.snapshot_days(END)[0] == date(2025, 11, 1) and dh.snapshot_days(END)[-1] == date(2026, 10, 1)
    assert len(dh.snapshot_days(END)) == dh.SNAPSHOT_MONTHS


@pytest.mark.parametrize(
    ("last", "today", "month"),
    [
        pytest.param(date(2026, 10, 31), date(2026, 12, 7), date(2026, 10, 1), id="data-end-before-this-month"),
        pytest.param(date(2026, 12, 3), date(2026, 12, 7), date(2026, 12, 1), id="data-in-this-month"),
        pytest.param(date(2026, 12, 1), date(2026, 12, 7), date(2026, 12, 1), id="data-on-this-months-first-day"),
        pytest.param(date(2027, 2, 1), date(2026, 12, 7), date(2026, 12, 1), id="data-ahead-of-today"),
        pytest.param(None, date(2026, 12, 7), date(2026, 12, 1), id="no-data"),
    ],
)
def test_goals_month_default(last, today, month):
    assert goals.default_month(last, today) == month


@pytest.mark.parametrize(
    ("name", "is_demo", "lang", "shown"),
    [
        pytest.param("Demo", True, "ru", "Демо", id="demo-ru"),
        pytest.param("Demo", True, "en", "Demo", id="demo-en"),
        pytest.param("Demo 2", True, "ru", "Демо 2", id="second-demo-name-ru"),
        pytest.param("Demo", False, "ru", "Demo", id="someones-own-named-demo"),
        pytest.param("Training", True, "ru", "Training", id="renamed-demo"),
        pytest.param("Demo shop", True, "ru", "Demo shop", id="renamed-demo-beginning-alike"),
    ],
)
def test_workspace_name(name, is_demo, lang, shown):
    assert workspace_name(name, is_demo, lang) == shown


# ---- what a trainer sees on the demo (AppTest, the app's first start: the suite's daily snapshot is off)


def _demo_ws():
    from ui.store import get_store

    with get_store().cursor() as cur:
        return cur.execute("SELECT id, currency FROM workspaces WHERE is_demo").fetchone()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_accuracy_tab_scores_the_demos_snapshots(app, lang):
    """The accuracy tab is no longer empty: per horizon the error, the band's hit rate and the
    periods scored, as funnel.metrics.accuracy works them out from the stored snapshots, and a chart."""
    from funnel.i18n import t
    from tests.helpers.screen import fmt_pct
    from ui.store import get_store

    ws, _ = _demo_ws()
    with get_store().cursor() as cur:
        res = accuracy(cur, filters=Filters(ws))
    at = app
    if lang == "en":
        at.radio(key="lang").set_value("en").run()
    at.switch_page("pages/time.py")
    at.session_state["tm_tab"] = t("tm.tab.accuracy", lang)
    at.run()
    assert not at.exception, at.exception
    assert t("tm.accuracy.past_none", lang) not in [i.value for i in at.info]
    shown = [(m.label, m.value) for m in at.metric]
    for h, n in (("month", "11"), ("quarter", "3")):
        s = res["scores"][h]
        triple = [
            (t(f"tm.accuracy.{s['metric']}", lang), fmt_pct(s["error"], lang, 1)),  # as the Planner's back-test
            (t("tm.accuracy.coverage", lang), fmt_pct(s["coverage"], lang, 0)),
            (t("tm.accuracy.scored", lang), n),
        ]
        assert any(shown[i : i + 3] == triple for i in range(len(shown))), (h, shown)
    assert at.get("plotly_chart")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_goals_tab_opens_on_the_demos_last_month_with_the_plans_goals(app, lang):
    """The demo's data end in October 2026: the tab opens on October (not on this month, empty),
    whose goals came from the plan scenario; the revenue goal is the plan's, as funnel.goals gives it."""
    from funnel.i18n import t
    from tests.helpers.screen import money as fmt_money
    from ui.store import get_store

    ws, sign = _demo_ws()
    with get_store().cursor() as cur:
        target = goals.plan_goals(cur, ws, date(2026, 10, 1))[1][0]["target"]  # revenue, won, leads
    at = app
    if lang == "en":
        at.radio(key="lang").set_value("en").run()
    at.switch_page("pages/time.py")
    at.session_state["tm_tab"] = t("tm.tab.goals", lang)
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="tm_goals_month").value == date(2026, 10, 1)
    assert t("tm.goals.none", lang) not in [i.value for i in at.info]
    table = next(d.value for d in at.dataframe if t("tm.goals.col.expected", lang) in d.value.columns)
    assert fmt_money(target, lang, sign) in list(table[t("tm.goals.col.target", lang)])
    # the goals' source in one line below the table (the table fits a laptop without a column of it)
    source = t("tm.goals.sources", lang, sources=t("tm.goals.source.plan", lang, name=dh.PLAN))
    assert source in [c.value for c in at.caption]


def test_scenarios_tab_lists_the_demos_scenarios_and_its_plan(app):
    from funnel.i18n import t

    at = app
    at.switch_page("pages/planner.py")
    at.session_state["pl_tab"] = t("planner.tab.scenarios", "ru")
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="pl_sc_pick").options == [dh.PLAN, dh.MORE_LEADS]
    assert any(dh.PLAN in c.value and "2026" in c.value for c in at.caption if c.value.startswith("План"))


def test_the_demos_name_is_in_the_interfaces_language(app):
    """Sidebar, Settings and Admin: «Демо» on a Russian screen, "Demo" on an English one."""
    from funnel.i18n import t

    at = app
    assert at.selectbox(key="workspace").options == ["Демо"]
    at.switch_page("pages/settings.py").run()
    assert not at.exception, at.exception
    assert t("settings.intro", "ru", ws="Демо") in [c.value for c in at.caption]
    at.radio(key="lang").set_value("en").run()
    assert at.selectbox(key="workspace").options == ["Demo"]
    assert t("settings.intro", "en", ws="Demo") in [c.value for c in at.caption]


def test_a_failed_history_is_taken_at_the_next_start_and_never_stops_the_first(tmp_path, monkeypatch, caplog):
    """Code review: the demo's back-dated forecasts come in a second transaction after its
    install commits. If that one fails (memory, disk, a dropped connection, a stop in between),
    the first start still opens the demo (a log line, no traceback on the sign-in page), and the
    next start, which finds the demo without forecasts, takes all SNAPSHOT_MONTHS of them."""
    from funnel import demo

    calls = []

    def failing_once(cur, demo_id, end):
        calls.append(demo_id)
        if len(calls) == 1:
            raise RuntimeError("disk full")
        real(cur, demo_id, end)

    real = demo.seed_snapshots
    monkeypatch.setattr(demo, "seed_snapshots", failing_once)
    s = Store(tmp_path / "f.duckdb")
    try:
        assert demo.ensure_demo(s) is True
        assert "forecast history was not taken" in caplog.text
        count = "SELECT count(*) FROM forecast_snapshots"
        with s.cursor() as cur:
            assert cur.execute(count).fetchone()[0] == 0
            assert cur.execute("SELECT count(*) FROM workspaces WHERE is_demo").fetchone()[0] == 1
        assert demo.ensure_demo(s) is False  # installed already: only the history is taken
        with s.cursor() as cur:
            assert cur.execute(count).fetchone()[0] == dh.SNAPSHOT_MONTHS * 2  # a month's and a quarter's each
        assert demo.ensure_demo(s) is False and len(calls) == 2  # taken once, not again
    finally:
        s.close()
