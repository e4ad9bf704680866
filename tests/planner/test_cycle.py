"""The sales cycle as a lever (issue #18 item 7, DOMAIN.md §8), figures worked by hand.

Rules under test (funnel.model.cycle, Plan.cycle_factor):
- baseline cycle = the median of the lead-to-won delays (linear between the two middle wins);
- the projection's delays are rescaled d × cycle ÷ base, then placed in months (lag_shares);
- capacity [leads/month] × base ÷ cycle (a seller carries as many deals at once);
- at the baseline cycle every figure is today's, exactly.
"""

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from funnel.filters import Filters
from funnel.metrics import convert
from funnel.model import cycle, link
from funnel.model.capacity import DEFAULT_ELASTICITY
from funnel.model.plan import Plan, evaluate
from funnel.model.projection import DAYS_PER_MONTH, lag_shares, project
from funnel.model.result import run
from funnel.scenarios import get_scenario, save_scenario
from tests.boxes import box_value, type_number
from tests.helpers.cli import run_cli
from tests.planner.test_data import ADMIN
from ui.views.planner.levers import fill_from_base


@pytest.mark.parametrize(
    ("delays", "median"),
    [
        pytest.param([(10, 1), (20, 1), (30, 1)], 20.0, id="odd-middle-win"),
        pytest.param([(10, 1), (20, 1)], 15.0, id="even-halfway-between"),
        pytest.param([(10, 3), (40, 1)], 10.0, id="weighted-by-wins"),  # 10,10,10,40: middle two are 10
        pytest.param([(40, 1), (10, 1), (-5, 9)], 25.0, id="unsorted-negative-left-out"),
        pytest.param([], None, id="no-wins"),
    ],
)
def test_the_baseline_cycle_is_the_median_delay(delays, median):
    assert cycle.median_days(delays) == median


# History: nothing in Jul–Dec 2025; the plan: 100 a month from January 2026. One delay of exactly
# two calendar months (2 × DAYS_PER_MONTH days): the revenue lands two months after its leads.
# Halved, one month; doubled, four.
HISTORY = [(date(2025, m, 1), 0.0) for m in range(7, 13)]
TWO_MONTHS = 2 * DAYS_PER_MONTH


@pytest.mark.parametrize(
    ("cycle_days", "shares", "rows"),
    [
        pytest.param(TWO_MONTHS, (0, 0, 1), [0, 0, 100, 100, 100], id="baseline-two-months-later"),
        pytest.param(TWO_MONTHS / 2, (0, 1), [0, 100, 100, 100, 100], id="halved-one-month-earlier"),
        pytest.param(TWO_MONTHS * 2, (0, 0, 0, 0, 1), [0, 0, 0, 0, 100], id="doubled-four-months-later"),
    ],
)
def test_a_shorter_cycle_brings_the_same_revenue_earlier(cycle_days, shares, rows):
    lag = cycle.lag([(TWO_MONTHS, 4)], cycle_days, TWO_MONTHS)
    assert lag == pytest.approx(shares)
    out = project(HISTORY, 5, level=100.0, start=date(2026, 1, 1), lag=lag)
    assert [v for _, v in out["rows"]] == pytest.approx(rows)


def test_a_halved_cycle_moves_the_month_shares_as_worked_by_hand():
    # 45 days = 1.4784 months: 52.16 % one month later, 47.84 % two. Halved, 22.5 days = 0.7392
    # months: 26.08 % the same month, 73.92 % the next.
    q = 45 / DAYS_PER_MONTH
    assert cycle.lag([(45, 1)], 45, 45) == pytest.approx((0, 2 - q, q - 1))
    half = q / 2
    assert cycle.lag([(45, 1)], 22.5, 45) == pytest.approx((1 - half, half))
    # Spread delays scale together: 30 and 60 days halved are 15 and 30.
    assert cycle.lag([(30, 1), (60, 1)], 30, 60) == pytest.approx(lag_shares([(15, 1), (30, 1)]))


def test_a_typed_cycle_without_wins_is_the_one_delay_every_deal_takes():
    assert cycle.lag([], 2 * DAYS_PER_MONTH, None) == pytest.approx((0, 0, 1))
    assert cycle.lag([], None, None) == ()


# 300 leads a month, 2 sellers × 100 leads each at the baseline cycle of 60 days.
TEAM = Plan(
    leads=300, conversion=0.1, avg_check=1000, sellers=2, contacts_per_seller=100, cycle_days=60, base_cycle_days=60
)


@pytest.mark.parametrize(
    ("cycle_days", "factor", "capacity", "sellers_needed"),
    [
        pytest.param(60, 1.0, 200, 3, id="baseline"),  # ceil(300 ÷ 100)
        pytest.param(30, 2.0, 400, 2, id="halved-doubles-capacity"),  # 100 × 60/30 = 200 a seller
        pytest.param(120, 0.5, 100, 6, id="doubled-halves-capacity"),  # 100 × 60/120 = 50 a seller
        pytest.param(45, 60 / 45, 2 * 100 * 60 / 45, 3, id="a-quarter-shorter"),  # 133.3 a seller
    ],
)
def test_a_shorter_cycle_frees_capacity_by_base_over_cycle(cycle_days, factor, capacity, sellers_needed):
    out = evaluate(TEAM.with_(cycle_days=cycle_days))
    assert out["cycle_factor"] == pytest.approx(factor)
    assert out["capacity"] == pytest.approx(capacity)
    assert out["load"] == pytest.approx(300 / capacity)
    expected = 0.1 if capacity >= 300 else 0.1 * (capacity / 300) ** DEFAULT_ELASTICITY
    assert out["effective_conversion"] == pytest.approx(expected)
    assert out["sellers_needed"] == sellers_needed


def test_an_explicit_capacity_scales_too_and_the_reverse_team_follows():
    assert evaluate(Plan(leads=10, conversion=0.1, avg_check=1, capacity=50, cycle_days=20, base_cycle_days=40))[
        "capacity"
    ] == pytest.approx(100)
    # target 30 000 = 300 deals × 1000 ÷ 0.1 conversion → 300 leads at base; 200 a seller at 30 days → 2
    out = evaluate(TEAM.with_(cycle_days=30, target_turnover=30_000))
    assert out["required_leads_at_base"] == pytest.approx(300) and out["required_sellers"] == 2


WITHOUT = Plan(leads=300, conversion=0.1, avg_check=1000, cpl=50, sellers=2, contacts_per_seller=100)


@pytest.mark.parametrize(
    "plan",
    [
        pytest.param(WITHOUT.with_(cycle_days=45.5, base_cycle_days=45.5), id="at-the-median"),
        pytest.param(WITHOUT.with_(cycle_days=None, base_cycle_days=45.5), id="older-plan-no-cycle"),
        pytest.param(WITHOUT.with_(cycle_days=30, base_cycle_days=None), id="typed-no-base"),
    ],
)
def test_at_the_baseline_cycle_every_figure_is_todays(plan):
    now, then = evaluate(plan), evaluate(WITHOUT)
    cycle_keys = {"cycle_days", "base_cycle_days"}
    assert {k: v for k, v in now.items() if k not in cycle_keys} == {
        k: v for k, v in then.items() if k not in cycle_keys
    }
    r, r0 = run(plan, plan, False), run(WITHOUT, WITHOUT, False)
    assert r.effects == r0.effects and r.over_capacity == r0.over_capacity
    delays = [(12, 3), (45, 2), (130, 1)]
    assert cycle.lag(delays, plan.base_cycle_days, plan.base_cycle_days) == lag_shares(delays)


def test_the_cycle_is_refused_when_not_positive():
    with pytest.raises(Exception, match="cycle_days: must be more than 0"):
        WITHOUT.with_(cycle_days=0)


def test_the_cycle_travels_in_a_link_and_an_older_link_takes_the_baseline():
    plan = TEAM.with_(cycle_days=30)
    back, _, problem = link.decode(link.encode(plan))
    assert problem is None and back == plan
    old = {k: v for k, v in link.encode(plan).items() if k not in ("cy", "cyb")}
    back, _, problem = link.decode(old)
    assert problem is None and back.cycle_days is None and back.cycle_factor == 1.0
    base = TEAM.with_(cycle_days=45.5, base_cycle_days=45.5)
    filled = fill_from_base(back, base)
    assert (filled.cycle_days, filled.base_cycle_days) == (45.5, 45.5)


def test_an_older_scenario_without_the_cycle_is_at_the_baseline(store, tiny):
    older = {k: v for k, v in TEAM.inputs().items() if k not in ("cycle_days", "base_cycle_days")}
    with store.transaction() as cur:
        save_scenario(cur, tiny, "Old", Plan.from_inputs(older), actor=ADMIN)
        sc = get_scenario(cur, tiny, "Old")
    plan = sc.plan()
    assert plan.cycle_factor == 1.0 and evaluate(plan)["capacity"] == 200
    assert fill_from_base(plan, TEAM.with_(cycle_days=37.5, base_cycle_days=37.5)).cycle_days == 37.5


def test_the_data_gives_the_baseline_cycle(store, tiny):
    # won deals: D1 (lead A1, 6 Jan) won 10 Feb = 35 days; D3 (lead B1, 11 Jan) won 20 Feb = 40 days
    with store.cursor() as cur:
        delays = convert.won_delays(cur, filters=Filters(tiny))
    assert delays == ((35, 1), (40, 1))
    assert cycle.median_days(delays) == 37.5 and cycle.wins(delays) == 2


def cli(*args):
    return run_cli("plan", *args)  # in this process (tests/helpers/cli.py)


def test_the_cli_takes_the_cycle_from_the_data_and_a_flag(store, tiny):
    path = str(store.path)
    store.close()  # the CLI opens the file itself
    period = ("--db", path, "--workspace", tiny, "--from", "2025-01-01", "--to", "2025-02-28", "--format", "json")
    out = json.loads(cli(*period).stdout)
    # 5 leads a month, 2 sellers (Ann, Bob) → 2.5 a seller, capacity 5, at the median 37.5 days
    assert (out["cycle_days"], out["base_cycle_days"], out["cycle_wins"]) == (37.5, 37.5, 2)
    assert (out["capacity"], out["cycle_factor"], out["sellers_needed"]) == (5, 1, 2)
    r = cli(*period, "--cycle-days", "18.75")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert (out["capacity"], out["cycle_factor"], out["sellers_needed"]) == (10, 2, 1)  # 2.5 × 2 a seller
    r = cli("--leads", "1", "--conversion", "0.1", "--avg-check", "1", "--cycle-days", "0")
    assert r.returncode == 3 and "--cycle-days: must be more than 0" in r.stderr


def test_the_planner_page_moves_the_cycle_and_frees_capacity(app_on, app_db):
    from funnel.db import open_store
    from tests.planner.test_pages import metrics, open_tab, set_levers

    at = app_on("pages/planner.py")
    at = set_levers(at, leads=200.0, conversion=2.0, avg_check=100_000.0)
    open_tab(at, "capacity")
    at.toggle(key="pl_capacity_on").set_value(True).run()
    type_number(at, "pl_sellers_n", 2.0).run()
    type_number(at, "pl_contacts_per_seller_n", 50.0).run()
    assert metrics(at)["Пропускная способность"] == "100"  # 2 × 50 at the baseline cycle
    store = open_store(str(app_db))
    shown = at.session_state["_filters"]  # the sidebar's filters: the cycle is over their wins
    assert shown.workspace_id == "demo"
    with store.cursor() as cur:
        delays = convert.won_delays(cur, filters=shown)
    median = cycle.median_days(delays)
    assert median  # the demo wins deals: its cycle is the data's median, said on the baseline line
    written = f"{median:.1f}".replace(".", ",").removesuffix(",0")  # "48 дн.", not "48,0 дн."
    assert any(f"Цикл сделки — {written} дн." in c.value and "медиана" in c.value for c in at.caption)
    open_tab(at, "forecast")
    assert box_value(at, "pl_cycle_days_n") == pytest.approx(median)
    type_number(at, "pl_cycle_days_n", round(median / 2, 1)).run()
    assert not at.exception, at.exception
    factor = median / round(median / 2, 1)
    assert any("× " + f"{factor:.2f}".replace(".", ",") in c.value for c in at.caption)
    open_tab(at, "capacity")
    # capacity 100 × median ÷ cycle: the load of 200 leads fits (or nearly) — conversion back toward 2 %
    assert metrics(at)["Пропускная способность"] == f"{100 * factor:,.0f}".replace(",", " ")
    cy = at.query_params.get("cy")
    assert float(cy[0] if isinstance(cy, list) else cy) == round(median / 2, 1)  # the link carries it


def test_without_wins_the_cycle_box_starts_empty_and_takes_a_typed_cycle():
    def script():
        import streamlit as st

        from funnel.model.plan import Plan
        from ui import state
        from ui.views.planner import levers as up

        base = Plan(leads=10, conversion=0.1, avg_check=1)  # no wins: no cycle from the data
        state.PL_BASE.set(base)
        up.sync_all()
        up.cycle_lever()
        st.write(f"cycle={up.current_plan(base).cycle_days!r}")

    at = AppTest.from_function(script).run()
    assert not at.exception and box_value(at, "pl_cycle_days_n") is None
    assert [m.value for m in at.markdown] == ["cycle=None"]  # nothing made up
    type_number(at, "pl_cycle_days_n", 60.0).run()
    assert [m.value for m in at.markdown] == ["cycle=60.0"]
    at.run()  # kept on the next run
    assert box_value(at, "pl_cycle_days_n") == 60.0


def test_a_link_fills_every_optional_lever_but_the_staff_model_from_the_baseline():
    """fill_from_base derives its list from funnel.model.plan.OPTIONAL: a lever added there is
    filled without being named again (the cycle lever had to be added to both by hand)."""
    from funnel.model.plan import OPTIONAL
    from ui.views.planner.levers import CHOSEN_ABSENT

    empty = TEAM.with_(**dict.fromkeys(OPTIONAL))
    base = TEAM.with_(
        queries=1000.0,
        ctr=0.02,
        site_conversion=0.05,
        cpc=30.0,
        target_turnover=5e6,
        target_profit=1e6,
        cycle_days=40.0,
        base_cycle_days=40.0,
        sellers=3.0,
    )
    filled = fill_from_base(empty, base)
    for f in OPTIONAL:
        expected = None if f in CHOSEN_ABSENT else getattr(base, f)
        assert getattr(filled, f) == expected, f


def test_a_whole_typed_cycle_is_written_whole_with_its_plural(app_on):
    """Screen review #16 (a decimal count before a plural noun): the Forecast tab wrote a typed
    cycle of 60 days «60,0 дн.». A whole cycle reads whole: «Цикл 60 дн. вместо …»."""
    from tests.planner.test_pages import open_tab

    at = open_tab(app_on("pages/planner.py"), "forecast")
    type_number(at, "pl_cycle_days_n", 60.0).run()
    assert not at.exception, at.exception
    said = [c.value for c in at.caption if c.value.startswith("Цикл 60")]
    assert said and said[0].startswith("Цикл 60 дн. вместо "), [c.value for c in at.caption]


@pytest.mark.parametrize(
    ("lang", "days", "text"),
    [
        ("en", 60.0, "every deal comes 60 days after its lead"),
        ("en", 1.0, "every deal comes 1 day after its lead"),
        ("en", 47.5, "every deal comes 47.5 days after its lead"),
        ("ru", 60.0, "через 60 дн. после лида"),
        ("ru", 47.5, "через 47,5 дн. после лида"),
    ],
    ids=lambda v: str(v),
)
def test_a_typed_cycle_reads_whole_when_whole_in_both_languages(lang, days, text):
    """English could not be rerun under AppTest with the planner's tabs: the caption's words
    through the forecast tab's own formatter, in a session of each language."""

    def script():
        import streamlit as st

        import ui
        from ui.views.planner import forecast

        st.write(ui.t("planner.cycle.typed", days=forecast._days(st.session_state["days"])))

    at = AppTest.from_function(script)
    at.session_state["lang"] = lang
    at.session_state["days"] = days
    at.run()
    assert not at.exception, at.exception
    assert text in at.markdown[0].value, at.markdown[0].value
