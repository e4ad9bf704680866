"""The result part of the planner's «Active sales» tab (funnel.model.active.ActiveResult): the
headline, the bottleneck in words, the functions and chain tables, the month chart, and the
scenario comparison's active-sales rows. It formats and lays out; every figure and rounding is
the model's (funnel.model.active, active_money; STEP_DECIMALS for the steps).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import ui
from funnel.formatting import DASH
from funnel.model import active as model
from funnel.model import active_money
from funnel.model.active import ActivePlan, ActiveResult
from funnel.report.figures import money_months
from ui.cards import grid_and_cards
from ui.show import aligned_columns
from ui.text import places


def sign(plan: ActivePlan) -> str:
    """The plan's currency sign: its own (a Workshop case's "$"), else the workspace's."""
    return plan.currency or ui.currency()


def contracts_text(x: float) -> str:
    """Contracts a month: a whole count, as the chain's steps (the model's, funnel.model.counts)."""
    return ui.num(x, model.STEP_DECIMALS["contract"])


def volume_text(step: str, x: float | None) -> str:
    """A step's volume a month with the model's decimals for the step (STEP_DECIMALS: none, every
    step is a whole count)."""
    return ui.num(x) if x is None else ui.num(x, model.STEP_DECIMALS[step])


def payback_text(r: ActiveResult) -> str:
    if r.payback_month is None:
        return ui.t("active.m.payback_never", n=ui.num(r.plan.horizon))
    return ui.t("active.m.payback_month", n=ui.num(r.payback_month))


# The scenario comparison's active-sales rows (the Scenarios tab): the headline's figures a month
# and the payback, for each column with an active plan.
COMPARE = ("contracts", "turnover", "profit", "payback")


def compare_labels() -> list[str]:
    return [ui.t(f"active.sc.{k}") for k in COMPARE]


def compare_column(r: ActiveResult | None) -> list[str]:
    """A column's active-sales figures as the headline shows them; "—" for a plan with none (or
    a target out of reach: no figure is invented)."""
    if r is None or not r.reachable:
        return [DASH] * len(COMPARE)
    cur = r.plan.currency
    return [contracts_text(r.contracts), ui.money(r.turnover, sign=cur), ui.money(r.profit, sign=cur), payback_text(r)]


def marked(key: str, text: str, examples: frozenset[str]) -> str:
    """A figure's label or title, marked "(пример)" as the Workshop marks a figure built on an
    example lever (workshop.example_mark) when the figure ``key`` rests on an input still at the
    method's example (funnel.model.active_data.example_figures)."""
    return ui.t("workshop.example_mark", label=text) if key in examples else text


def headline(r: ActiveResult, examples: frozenset[str] = frozenset()) -> None:
    c = st.columns(3) + st.columns(2)  # money of a big company ("12 345 678 ₽") is cut in a fifth of the tab
    c[0].metric(marked("contracts", ui.t("active.m.contracts"), examples), contracts_text(r.contracts))
    cur = r.plan.currency  # a Workshop case's dollars; None: the workspace's currency
    c[1].metric(marked("turnover", ui.t("active.m.turnover"), examples), ui.money(r.turnover, sign=cur))
    c[2].metric(marked("costs", ui.t("active.m.costs"), examples), ui.money(r.costs, sign=cur))
    c[3].metric(marked("profit", ui.t("active.m.profit"), examples), ui.money(r.profit, sign=cur))
    c[4].metric(marked("payback", ui.t("active.m.payback"), examples), payback_text(r))


def bottleneck_text(r: ActiveResult) -> str:
    if r.bottleneck is None:
        return ui.t("active.bottleneck.none_reverse" if r.reverse else "active.bottleneck.none")
    f = next(x for x in r.functions if x.function == r.bottleneck)
    name = ui.t(f"active.fn.{f.function}")
    if r.reverse:
        return ui.t(
            "active.bottleneck.reverse",
            function=name,
            people=ui.num(f.people),
            load=ui.pct(f.load, 0),
            cost=ui.money(f.cost, sign=r.plan.currency),
        )
    return ui.t("active.bottleneck.forward", function=name, load=ui.pct(f.load, 0))


def load_text(f) -> str:
    """A function's load; management is a fixed team (a cost, not a workload): said in words, as
    its "100 %" read as an overload."""
    return ui.t("active.load_fixed") if f.function == "management" else ui.pct(f.load, 0)


def function_table(r: ActiveResult) -> pd.DataFrame:
    """People, need, load and cost per function. The heads say which direction they are of:
    forward, the staff and the need and load of the whole base (the steps table shows the flow
    worked under a bottleneck); reverse, the whole people needed and the work's exact need."""
    way = "" if r.reverse else "_forward"
    return pd.DataFrame(
        {
            ui.t("active.col.function"): [ui.t(f"active.fn_name.{f.function}") for f in r.functions],
            ui.t(f"active.col.people{way}"): [ui.num(f.people) for f in r.functions],
            ui.t(f"active.col.exact{way}"): [ui.num(f.exact, 2) for f in r.functions],
            ui.t(f"active.col.load{way}"): [load_text(f) for f in r.functions],
            ui.t("active.col.cost"): [ui.money(f.cost, sign=r.plan.currency) for f in r.functions],
        }
    )


def chain_table(r: ActiveResult) -> pd.DataFrame:
    return pd.DataFrame(
        {
            ui.t("active.col.step"): [ui.t(f"active.step.{s}") for s in model.STEPS],
            ui.t("active.col.volume"): [volume_text(s, r.volumes.get(s)) for s in model.STEPS],
        }
    )


def month_frame(r: ActiveResult) -> pd.DataFrame:
    """The chart's data: the model's months as they are (costs, gross profit, cumulative result)."""
    return pd.DataFrame(list(r.months), columns=["month", "costs", "gross_profit", "result", "cumulative"])


def money_chart(months: pd.DataFrame, payback: int | None, labels: dict[str, str]) -> go.Figure:
    """Gross profit up, costs down, the cumulative line, the payback month marked: the one
    definition the plan report draws too (funnel.report.figures.money_months)."""
    return money_months(months.to_dict("records"), payback, labels)


def chart_labels(plan: ActivePlan) -> dict[str, str]:
    labels = {k: ui.t(f"active.chart.{k}") for k in ("gross", "costs", "cumulative", "payback", "month")}
    return {**labels, "money": ui.t("active.chart.money", currency=sign(plan))}


def lag_text(cycle_days: float) -> str:
    """The lag as «1,6 мес. (48 дн.)»: one decimal at most, none on a whole number ("48,0 дн." read as a
    measurement nobody took)."""
    n, f = active_money.lag_split(cycle_days)
    days, months = round(cycle_days, 1), round(n + f, 1)
    return ui.t("active.chart.lag", days=ui.num(days, places(days, 1)), months=ui.num(months, places(months, 1)))


def share_text(x: float) -> str:
    """A share of a month's turnover, whole percent unless that reads 0 % or 100 %."""
    return ui.pct(x, 0 if 0.01 <= x <= 0.99 else 1)


def when_text(months_later: int) -> str:
    return ui.t("active.chart.when_same") if months_later == 0 else ui.t("active.chart.when_later", n=int(months_later))


def arrival_text(plan: ActivePlan) -> str:
    """When a month's turnover arrives (active_money.arrival, first_paid_month, first_full_month),
    so the chart's first bars read as what they are: month 2's gross profit at a 45-day cycle is
    52 % of a month's, the rest of month 1's work paid in month 3 (review #16: the bar read as
    contradicting «через 1,5 мес.»)."""
    parts = active_money.arrival(plan.cycle_days)
    lag = lag_text(plan.cycle_days)
    paid = ui.num(active_money.first_paid_month(plan.cycle_days))
    if len(parts) == 1:
        return ui.t("active.chart.arrival_one", lag=lag, when=when_text(parts[0][0]), paid=paid)
    (k1, s1), (k2, s2) = parts
    return ui.t(
        "active.chart.arrival_two",
        lag=lag,
        first_share=share_text(s1),
        first_when=when_text(k1),
        second_share=share_text(s2),
        second_when=when_text(k2),
        paid=paid,
        full=ui.num(active_money.first_full_month(plan.cycle_days, plan.ramp_months)),
    )


def functions_part(r: ActiveResult) -> None:
    """People, load and cost per function, across the tab under the headline: the answer to "how
    many callers and managers, at what cost". In the right column beside the inputs its five
    columns were wider than the column (at 1440 px in Russian and at 1280 px in both languages
    the cost a month hid behind a scroll bar)."""
    st.markdown(f"**{ui.t('active.table.functions')}**")
    people = function_table(r)
    grid_and_cards(
        people,
        column_config=aligned_columns(people, people.columns[1:]),  # every column but the function's name
        hide_index=True,
        width="stretch",
        key="pl_act_functions",
        placeholder=DASH,
    )
    st.caption(ui.t("active.table.functions_note_reverse" if r.reverse else "active.table.functions_note"))


def result_part(r: ActiveResult, examples: frozenset[str] = frozenset()) -> None:
    """The chain and the chart, beside the inputs (the headline and the functions above them);
    each title marked "(пример)" when its figures rest on an example input (``examples``)."""
    st.markdown(f"**{marked('chain', ui.t('active.table.chain'), examples)}**")
    chain = chain_table(r)
    grid_and_cards(  # on a phone a card a step (ui.cards)
        chain,
        key="pl_act_chain",
        column_config=aligned_columns(chain, chain.columns[1:]),
        hide_index=True,
        width="stretch",
        placeholder=DASH,
    )
    st.markdown(f"**{marked('money', ui.t('active.chart.title'), examples)}**")
    ui.chart(money_chart, month_frame(r), r.payback_month, chart_labels(r.plan), key="pl_act_money")
    st.caption(f"{arrival_text(r.plan)} {ui.t('active.chart.note')}")
    if r.plan.ramp_months:
        st.caption(ui.t("active.chart.ramp", n=ui.num(r.plan.ramp_months)))
