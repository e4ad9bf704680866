"""Goals and pacing (issue #18 item 6), figures worked out by hand.

March 2026 has 22 working days (Mon–Fri): 2–6, 9–13, 16–20, 23–27, 30–31. As of Tuesday
10 March, 7 have elapsed (2–6, 9, 10) and 15 are left.
Data: leads L1, L2 (Anna, channel A) and L3 (Boris, channel B) created 2–9 March; deals
W1 Anna won 3 000 closed 5 March, W2 Boris won 2 000 closed 9 March, W3 Anna won 4 000 closed
20 March (after "today": not counted as of 10 March).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from funnel import access, goals
from funnel.errors import AccessDenied, ValidationError
from funnel.filters import Filters
from funnel.model.plan import Plan, evaluate
from funnel.scenarios import mark_plan, save_scenario
from tests.conftest import DATASETS, insert, needs_shared

MARCH = date(2026, 3, 1)
TODAY = date(2026, 3, 10)
EDITOR = access.User("ed", default_role="editor")
VIEWER = access.User("vi", default_role="viewer")


@pytest.fixture
def company(store, ws):
    insert(
        store,
        ws,
        "leads",
        [
            {"lead_id": "L1", "created_at": datetime(2026, 3, 2), "channel": "A", "owner": "Anna"},
            {"lead_id": "L2", "created_at": datetime(2026, 3, 3), "channel": "A", "owner": "Anna"},
            {"lead_id": "L3", "created_at": datetime(2026, 3, 9), "channel": "B", "owner": "Boris"},
        ],
    )
    won = {"stage": "Deal done", "created_at": datetime(2026, 3, 2)}
    insert(
        store,
        ws,
        "deals",
        [
            {**won, "deal_id": "W1", "lead_id": "L1", "amount": 3000, "closed_at": datetime(2026, 3, 5)},
            {**won, "deal_id": "W2", "lead_id": "L3", "amount": 2000, "closed_at": datetime(2026, 3, 9)},
            {**won, "deal_id": "W3", "lead_id": "L2", "amount": 4000, "closed_at": datetime(2026, 3, 20)},
        ],
    )
    return ws


def _save(store, ws, rows, actor=EDITOR, month=MARCH):
    with store.transaction() as cur:
        return goals.save_goals(cur, ws, month, rows, actor=actor)


def _pace(store, ws, today=TODAY):
    with store.cursor() as cur:
        df = goals.pacing(cur, filters=Filters(ws), month=MARCH, today=today)
    return {(r["dimension"], r["member"], r["metric"]): r for r in df.to_dict("records")}


def test_working_days_of_march_2026():
    assert goals.working_days(date(2026, 3, 1), date(2026, 4, 1)) == 22
    assert goals.working_days(date(2026, 3, 1), date(2026, 3, 11)) == 7


@pytest.mark.parametrize(
    ("key", "target", "actual", "expected", "needed"),
    [
        pytest.param(("total", "", "revenue"), 22000, 5000, 7000, 17000 / 15, id="total-revenue-behind"),
        pytest.param(("owner", "Anna", "revenue"), 11000, 3000, 3500, 8000 / 15, id="anna-revenue-excludes-later-deal"),
        pytest.param(("owner", "Boris", "won"), 1, 1, 7 / 22, 0.0, id="boris-won-target-met"),
        pytest.param(("channel", "A", "leads"), 44, 2, 14, 42 / 15, id="channel-a-leads"),
        pytest.param(("owner", "Carl", "revenue"), 1000, 0, 7000 / 22, 1000 / 15, id="owner-without-data"),
    ],
)
def test_pacing_by_hand(store, company, key, target, actual, expected, needed):
    dim, member, metric = key
    _save(store, company, [{"dimension": dim, "member": member, "metric": metric, "target": target}])
    r = _pace(store, company)[key]
    assert r["actual"] == pytest.approx(actual)
    assert r["expected"] == pytest.approx(expected)
    assert r["gap"] == pytest.approx(actual - expected)
    assert r["needed_per_day"] == pytest.approx(needed)
    assert (r["days_elapsed"], r["days_in_month"], r["days_left"]) == (7, 22, 15)


@pytest.mark.parametrize(
    ("metric", "value", "beside", "places"),
    [
        # the demo plan's October goals: 1 156,17 leads, 31,83 deals won, 6 442 333,33 ₽
        pytest.param("leads", 1156.17, None, 0, id="leads-goal-1156.17-reads-1156"),
        pytest.param("won", 31.83, None, 1, id="won-goal-31.83-reads-31.8"),
        pytest.param("won", 31.0, 31.83, 0, id="won-actual-31-not-31.0"),
        pytest.param("won", -0.83, 31.83, 1, id="won-gap-minus-0.8"),
        pytest.param("revenue", 6442333.33, None, 0, id="revenue-whole"),
        # 7 of 22 working days of a 1 156-lead goal: expected 367,9 reads 368, done 355, gap
        # −12,9 beside them reads −13 (355 − 368), not «−12,9»
        pytest.param("leads", 1156 * 7 / 22, 1156, 0, id="leads-expected-367.8-reads-368"),
        pytest.param("leads", 355 - 1156 * 7 / 22, 1156, 0, id="leads-gap-beside-the-goal-whole"),
        pytest.param("leads", (1156 - 355) / 15, None, 1, id="leads-needed-a-day-53.4"),
        pytest.param("leads", 2.0, None, 0, id="two-leads-not-2.0"),
    ],
)
def test_a_goals_figures_decimals_follow_the_precision_rule(metric, value, beside, places):
    assert goals.places(metric, value, beside) == places


@pytest.mark.parametrize(
    ("today", "expected", "actual", "needed"),
    [
        pytest.param(date(2026, 2, 20), 0, 0, 22000 / 22, id="before-the-month"),
        pytest.param(date(2026, 4, 2), 22000, 9000, None, id="after-the-month-no-day-left"),
    ],
)
def test_pacing_outside_the_month(store, company, today, expected, actual, needed):
    _save(store, company, [{"dimension": "total", "member": "", "metric": "revenue", "target": 22000}])
    r = _pace(store, company, today)[("total", "", "revenue")]
    assert r["expected"] == pytest.approx(expected) and r["actual"] == pytest.approx(actual)
    assert r["needed_per_day"] == (None if needed is None else pytest.approx(needed))


@pytest.mark.parametrize(
    ("row", "column"),
    [
        pytest.param(
            {"dimension": "region", "member": "X", "metric": "revenue", "target": 1},
            "dimension",
            id="unknown-dimension",
        ),
        pytest.param(
            {"dimension": "owner", "member": "", "metric": "revenue", "target": 1}, "member", id="owner-without-name"
        ),
        pytest.param(
            {"dimension": "total", "member": "", "metric": "profit", "target": 1}, "metric", id="unknown-metric"
        ),
        pytest.param(
            {"dimension": "total", "member": "", "metric": "won", "target": "abc"}, "target", id="target-not-number"
        ),
        pytest.param(
            {"dimension": "total", "member": "", "metric": "won", "target": -5}, "target", id="negative-target"
        ),
    ],
)
def test_bad_cells_are_refused_naming_row_and_column(store, company, row, column):
    good = {"dimension": "total", "member": "", "metric": "leads", "target": 10}
    with pytest.raises(ValidationError) as exc:
        _save(store, company, [good, row])
    assert f"row 2, column «{column}»" in str(exc.value)
    assert _pace(store, company) == {}  # all or nothing: the good row was not kept either


def test_a_repeated_goal_is_refused_and_blank_rows_skipped(store, company):
    row = {"dimension": "total", "member": "", "metric": "leads", "target": 10}
    with pytest.raises(ValidationError, match="row 3"):
        _save(store, company, [row, {"dimension": None, "member": None, "target": None}, row])
    assert _save(store, company, [row, {"dimension": None, "member": "", "target": None}]) == 1


def test_saving_replaces_the_months_typed_goals(store, company):
    _save(store, company, [{"dimension": "total", "member": "", "metric": "leads", "target": 10}])
    _save(store, company, [{"dimension": "total", "member": "", "metric": "won", "target": 2}])
    assert set(_pace(store, company)) == {("total", "", "won")}


def test_viewers_cannot_set_goals(store, company):
    with pytest.raises(AccessDenied):
        _save(store, company, [{"dimension": "total", "member": "", "metric": "won", "target": 2}], actor=VIEWER)


def test_goals_from_the_plan_scenario(store, company):
    plan = Plan(leads=100, conversion=0.05, avg_check=1000)
    with store.transaction() as cur:
        assert goals.goals_from_plan(cur, company, MARCH, actor=EDITOR) is None  # no plan yet
        save_scenario(cur, company, "Spring", plan, actor=EDITOR)
        mark_plan(cur, company, "Spring", date(2026, 1, 1), date(2026, 6, 30), actor=EDITOR)
        assert goals.goals_from_plan(cur, company, MARCH, actor=EDITOR) == "Spring"
        got = goals.goals(cur, filters=Filters(company), month=MARCH)
    out = evaluate(plan)
    by = dict(zip(got["metric"], got["target"], strict=True))
    assert by == {"revenue": pytest.approx(out["turnover"]), "won": pytest.approx(5), "leads": pytest.approx(100)}
    assert out["turnover"] == pytest.approx(5000)  # 100 leads × 5 % × 1 000
    assert set(got["source"]) == {"scenario:Spring"}


def test_goals_tab_and_overview_line_show_funnels_pacing(app):
    """On the demo: goals saved for October 2026 (inside the demo's data) and for this month; the
    tab's table and the Overview's line show funnel.goals.pacing's figures, in both languages."""
    from funnel.access import CLI_USER
    from funnel.i18n import t
    from funnel.periods import month_start
    from tests.helpers.screen import money as fmt_money
    from ui.store import get_store

    store = get_store()
    october, this = date(2026, 10, 1), month_start(date.today())
    with store.transaction() as cur:
        ws, cur_sign = cur.execute("SELECT id, currency FROM workspaces WHERE is_demo").fetchone()
        goals.save_goals(
            cur, ws, october, [{"dimension": "total", "metric": "revenue", "target": 9_000_000}], actor=CLI_USER
        )
        goals.save_goals(
            cur, ws, this, [{"dimension": "total", "metric": "revenue", "target": 1_000_000}], actor=CLI_USER
        )
    with store.cursor() as cur:
        octo = goals.pacing(cur, filters=Filters(ws), month=october).set_index("metric").loc["revenue"]
        now = goals.pacing(cur, filters=Filters(ws), month=this).set_index("metric").loc["revenue"]
    assert octo["actual"] > 0 and octo["expected"] == 9_000_000  # October has passed: the whole goal
    at = app
    at.switch_page("pages/time.py")
    for lang in ("ru", "en"):
        if lang == "en":
            at.radio(key="lang").set_value("en").run()
        at.session_state["tm_tab"] = t("tm.tab.goals", lang)
        at.run()
        at.selectbox(key="tm_goals_month").set_value(october).run()
        assert not at.exception, at.exception
        table = next(d.value for d in at.dataframe if t("tm.goals.col.expected", lang) in d.value.columns)
        # October also has the demo plan's goals (funnel.demo_history): the revenue row
        row = table[table[t("tm.goals.col.target", lang)] == fmt_money(9_000_000, lang, cur_sign)].iloc[0]
        assert row[t("tm.goals.col.actual", lang)] == fmt_money(octo["actual"], lang, cur_sign)
        assert row[t("tm.goals.col.target", lang)] == fmt_money(9_000_000, lang, cur_sign)
        assert row[t("tm.goals.col.gap", lang)] == fmt_money(octo["gap"], lang, cur_sign)
    # a month with goals: the pacing up front; the editors' grid and the downloads one click
    # away (look.part, nothing chosen at first), and a second click closes the grid again
    grid = f"tm_goals_editor_{ws}_{october.isoformat()}"
    assert len(at.dataframe) == 1 and at.button_group(key="tm_goals_part").value is None
    assert not at.get("download_button")
    at.button_group(key="tm_goals_part").set_value("edit").run()
    assert [d for d in at.dataframe if d.key == grid] and at.button(key="tm_goals_save")
    at.button_group(key="tm_goals_part").set_value("files").run()
    assert len(at.get("download_button")) == 2 and not [d for d in at.dataframe if d.key == grid]
    at.button_group(key="tm_goals_part").set_value(None).run()
    assert len(at.dataframe) == 1 and not at.get("download_button")
    at.switch_page("pages/overview.py").run()
    assert not at.exception, at.exception
    line = [c.value for c in at.caption if t("tm.goals.line", "en", month="").split(" ")[0] in c.value]
    assert len(line) == 1
    assert fmt_money(now["target"], "en", cur_sign) in line[0] and fmt_money(now["actual"], "en", cur_sign) in line[0]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_month_without_goals_offers_the_grid_one_click_away(app, lang):
    """No goal for the month: the line says so and names the control; the grid (the editors') is
    drawn once asked for, with its save button, not on every visit (issue #18's 250 ms bar)."""
    from funnel.i18n import t
    from funnel.periods import month_start

    at = app
    if lang == "en":
        at.radio(key="lang").set_value("en").run()
    at.switch_page("pages/time.py").run()
    at.session_state["tm_tab"] = t("tm.tab.goals", lang)
    at.run()
    at.selectbox(key="tm_goals_month").set_value(month_start(date.today())).run()  # the demo's goals end in October
    assert not at.exception, at.exception
    assert [i.value for i in at.info] == [t("tm.goals.none", lang)]
    assert t("tm.goals.part.edit", lang) in t("tm.goals.none", lang)  # the line names the control
    control = at.button_group(key="tm_goals_part")
    assert control.options == [t("tm.goals.part.edit", lang)] and control.value is None
    assert not at.dataframe and not [b for b in at.button if b.key == "tm_goals_save"]
    control.set_value("edit").run()
    assert len(at.dataframe) == 1 and at.button(key="tm_goals_save")


MAVEN = DATASETS / "crm_sales_opportunities" / "sales_pipeline.csv"


@needs_shared(MAVEN)
def test_maven_pipeline_goal_and_forecast_accuracy(store, ws):
    """The Maven CRM pipeline (sales agents as owners, revenue by close date): an agent's goal for
    March 2017 and a snapshot of June 2017 are paced and scored against the CSV summed with pandas."""
    import pandas as pd

    from funnel import forecast_snapshots as fs
    from funnel.metrics.accuracy import accuracy
    from tests.ingest.helpers import load_file

    load_file(store, ws, MAVEN, "deals")
    raw = pd.read_csv(MAVEN, parse_dates=["close_date"])
    won = raw[raw["deal_stage"] == "Won"]
    march = won[(won["close_date"] >= "2017-03-01") & (won["close_date"] <= "2017-03-31")]
    agent = "Darcel Schlecht"
    by_hand = float(march[march["sales_agent"] == agent]["close_value"].sum())
    _save(
        store,
        ws,
        [{"dimension": "owner", "member": agent, "metric": "revenue", "target": 2 * by_hand}],
        month=date(2017, 3, 1),
    )
    with store.cursor() as cur:
        r = goals.pacing(cur, filters=Filters(ws), month=date(2017, 3, 1), today=date(2017, 4, 15)).iloc[0]
    assert by_hand > 0 and r["actual"] == pytest.approx(by_hand)
    assert r["expected"] == pytest.approx(2 * by_hand) and r["gap"] == pytest.approx(-by_hand)
    june = won[(won["close_date"] >= "2017-06-01") & (won["close_date"] <= "2017-06-30")]["close_value"].sum()
    frame = pd.DataFrame(
        [{"horizon": "month", "period_start": date(2017, 6, 1), "period_end": date(2017, 6, 30), "owner": "",
          "p10": 0.5 * june, "p50": 1.1 * june, "p90": 2 * june, "weighted_pipeline": None}]
    )  # fmt: skip
    with store.transaction() as cur:
        fs.record(cur, ws, frame, taken_by="test", now=datetime(2017, 5, 20))
    with store.cursor() as cur:
        res = accuracy(cur, filters=Filters(ws), today=date(2018, 1, 15))
    s = res["scores"]["month"]
    assert res["scored"]["actual"].iloc[0] == pytest.approx(june)
    assert (s["n"], s["coverage"]) == (1, 1.0) and s["bias"] == pytest.approx(0.1)


def test_the_grids_changes_become_the_rows_saved():
    import pandas as pd

    from ui.views.time.goals import edited

    base = pd.DataFrame(
        [
            {"dimension": "total", "member": "", "metric": "revenue", "target": 100.0},
            {"dimension": "owner", "member": "Anna", "metric": "won", "target": 2.0},
        ]
    )
    changes = {
        "edited_rows": {"0": {"target": 150}},
        "deleted_rows": [1],
        "added_rows": [{"dimension": "channel", "member": "A", "metric": "leads", "target": 40}, {}],
    }
    assert goals.clean(edited(base, changes)) == [
        {"dimension": "total", "member": "", "metric": "revenue", "target": 150.0},
        {"dimension": "channel", "member": "A", "metric": "leads", "target": 40.0},
    ]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_pacing_table_reads_counts_by_the_precision_rule_in_fewer_columns(app, lang):
    """Screen review #16: October's plan goals read «Ожидалось к сегодня 1 156,2» leads (a count
    with a decimal) beside a goal of «1 156», and «32» deals won beside «31,8», in eight columns
    that scrolled sideways at 1280 px. Now a count from 100 up reads whole in its whole row, below
    100 with one decimal (31,83 → 31,8; 31 won → 31); a gap ahead of the pace carries «+»; the
    goals' source is one line below the table, not a column; and October being over (no working
    day left), nothing is needed a day: no such column."""
    from funnel.i18n import t
    from tests.helpers.screen import number
    from ui.store import get_store

    october = date(2026, 10, 1)
    with get_store().cursor() as cur:
        ws = cur.execute("SELECT id FROM workspaces WHERE is_demo").fetchone()[0]
        df = goals.pacing(cur, filters=Filters(ws), month=october).set_index("metric")
    leads, won = df.loc["leads"], df.loc["won"]
    # the demo's plan: 1 156,17 leads and 31,83 deals won a month; its goals are whole, the
    # expected counts to the nearest (funnel.model.counts.month_counts, as the Planner's scenario
    # comparison shows them): 1 156 and 32. October over: expected = goal
    assert leads["target"] == 1156 and won["target"] == 32
    assert leads["actual"] > leads["target"] and won["actual"] == int(won["actual"])
    at = app
    if lang == "en":
        at.radio(key="lang").set_value("en").run()
    at.switch_page("pages/time.py")
    at.session_state["tm_tab"] = t("tm.tab.goals", lang)
    at.run()
    at.selectbox(key="tm_goals_month").set_value(october).run()
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if t("tm.goals.col.expected", lang) in d.value.columns)
    cols = [t(f"tm.goals.col.{c}", lang) for c in ("who", "metric", "target", "expected", "actual", "gap")]
    assert list(table.columns) == cols
    assert t("tm.goals.days", lang, elapsed="22", total="22", left="0") in [c.value for c in at.caption]
    rows = table.set_index(t("tm.goals.col.metric", lang))
    row = rows.loc[t("tm.goals.metric.leads", lang)]
    assert row[cols[2]] == row[cols[3]] == number(1156, lang)  # not «1 156,2»
    assert row[cols[4]] == number(leads["actual"], lang)
    assert row[cols[5]] == "+" + number(round(leads["actual"] - 1156), lang)
    row = rows.loc[t("tm.goals.metric.won", lang)]
    assert row[cols[2]] == row[cols[3]] == number(32, lang)  # a goal of whole deals: not «31,8»
    assert won["actual"] == 48  # October 2026's deals won (their closing month's)
    assert row[cols[4]] == number(won["actual"], lang)  # whole: 48, not «48,0»
    assert row[cols[5]] == "+" + number(won["actual"] - 32, lang)  # whole beside whole: «+16», not «+16,2»
    source = t("tm.goals.sources", lang, sources=t("tm.goals.source.plan", lang, name="2026"))
    assert source in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(
    "kind, last",
    [
        pytest.param("spend", date(2026, 6, 30), id="spend-only"),  # June's spend row covers to 30 June
        pytest.param("leads", date(2026, 6, 5), id="leads-only"),  # the last lead, 5 June
    ],
)
def test_partial_workspaces_open_goals_on_their_datas_last_month_with_its_note(app_db, kind, last, lang):
    """Review #16: spend only opened the goals on today's month (the data's last activity counts
    leads and deals, and it has neither), while deals and leads only opened on their last month
    with the «данные по» note. One rule now (funnel.goals.last_day): the last activity, else the
    last day the spend covers. Data: tests/planner/test_partial_plans.py (January–June 2026)."""
    from funnel.formatting import day
    from funnel.i18n import t
    from tests.planner.test_partial_plans import open_app

    at = open_app(app_db, kind, lang, page="time")
    at.session_state["tm_tab"] = t("tm.tab.goals", lang)
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="tm_goals_month").value == date(2026, 6, 1)
    assert t("tm.goals.data_through", lang, day=day(last, lang)) in [c.value for c in at.caption]
