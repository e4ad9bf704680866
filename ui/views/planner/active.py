"""The planner's «Active sales» tab (DOMAIN.md §7–8, funnel.model.active): outbound sales as a
chain of functions. The inputs, grouped by function, and what the run's one result
(``PlanResult.active``) says: the headline, people, load and cost per function, the bottleneck in
words, the chain's volumes and the money month by month.

The active plan is kept in the session (``state.PL_ACTIVE``), outside the tab's widgets, which
vanish while another tab is open; each input's ``on_change`` writes its value there. A change
runs the pure model only (inside the planner's fragment, no query): the data's seed is read once
per baseline (``active_data.seed`` on what the planner's baseline already holds).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import ui
from funnel.errors import FunnelError
from funnel.formatting import DASH
from funnel.model import active as model
from funnel.model import active_data, active_money
from funnel.model.active import ActivePlan, ActiveResult
from funnel.model.active_presets import PRESETS
from funnel.safety import chart_text
from ui import state
from ui.text import input_format, places
from ui.views.planner import levers as up

# The inputs by the function whose work or cost they describe (the last group: money and time).
GROUPS = {
    "marketing": ("base", "contact_cost", "mail_rate", "mailings_per_marketer_month", "marketers", "marketer_cost"),
    "calls": (
        "verify_rate",
        "verifications_per_caller_day",
        "call_rate",
        "meeting_rate",
        "calls_per_caller_day",
        "callers",
        "caller_cost",
    ),
    "sales": ("proposal_rate", "contract_rate", "payment_rate", "meetings_per_manager_day", "managers", "manager_cost"),
    "management": ("management", "management_cost"),
    "money": ("avg_check", "margin", "cycle_days", "working_days", "startup_cost", "ramp_months", "horizon"),
}
# What the reverse plan works out itself: the base and the staff of the three working functions
# (management is a fixed team in both directions).
FORWARD_ONLY = {"base", "marketers", "callers", "managers"}
SHARES = {*model.RATES, "margin"}
PEOPLE = {"marketers", "callers", "managers", "management"}
MONEY = set(model.MONEY)
# (step, most digits the box shows): a share is typed in percent
FORMATS = {"share": (0.1, 4), "money": (100.0, 2), "count": (1.0, 2), "days": (1.0, 1)}
MIN_POSITIVE = set(model.PRODUCTIVITY) | {"working_days"}


def kind(field: str) -> str:
    if field in SHARES:
        return "share"
    if field in PEOPLE or field in ("horizon", "ramp_months"):
        return "whole"
    if field in MONEY or field == "target_value":
        return "money"
    if field in ("working_days", "cycle_days"):
        return "days"
    return "count"


def to_widget(field: str, value):
    if value is None:
        return None
    if kind(field) == "share":
        return float(value) * 100
    if kind(field) == "whole":
        return int(round(value))
    return float(value)


def from_widget(field: str, value):
    if value is None:
        return None
    return float(value) / 100 if kind(field) == "share" else value


# ---- the plan in the session ------------------------------------------------------------------
def seed(b, base_plan) -> tuple[ActivePlan, frozenset[str]]:
    """The data's active plan and the fields taken from the data, made once per baseline
    (funnel.model.active_data.seed, pure: the baseline's check and stage chain, the planner's
    median lead-to-won days; the planner's margin is a lever, not data, so it is not passed)."""
    sig = repr((b.workspace_id, base_plan))
    kept = state.PL_ACTIVE_SEED.get()
    if kept is None or kept[0] != sig:
        plan, fields = active_data.seed(b, b.chain, base_plan.base_cycle_days)
        kept = (sig, plan, frozenset(fields))
        state.PL_ACTIVE_SEED.set(kept)
    return kept[1], kept[2]


def tab_open() -> bool:
    return state.PL_ACTIVE_OPEN.get() or state.PL_TAB.get() == ui.t("planner.tab.active")


def current(b, base_plan) -> ActivePlan | None:
    """The session's active plan for this run, or None while the plan has none (the tab never
    opened, and no link, scenario or Workshop case brought one). Opening the tab starts it from
    the data's seed; a seed the user has not touched follows the baseline when it changes."""
    plan = state.PL_ACTIVE.get()
    old = state.PL_ACTIVE_SEED.get()
    if plan is None and not tab_open():
        return None
    seeded, _ = seed(b, base_plan)
    if plan is None or (old is not None and plan == old[1] and state.PL_ACTIVE_ORIGIN.get() == "data"):
        plan = seeded
        state.PL_ACTIVE.set(plan)
        state.PL_ACTIVE_ORIGIN.set("data")
    return plan


def open_case(name: str) -> None:
    """A Workshop case (funnel.model.active_presets.PRESETS): its plan, and the planner's active
    tab opened on the next run."""
    up.put_active(PRESETS[name], origin=name)
    state.PL_ACTIVE_OPEN.set(True)


def back_to_data() -> None:
    """on_click: every input back to the data's seed."""
    kept = state.PL_ACTIVE_SEED.get()
    if kept is not None:
        up.put_active(kept[1])


def _changed(field: str) -> None:
    """on_change of an input: its value into the session's plan; a value the plan refuses is
    said (ValidationError, naming the field) and the plan keeps the last good one."""
    plan = state.PL_ACTIVE.get()
    if plan is None:
        return
    try:
        state.PL_ACTIVE.set(plan.with_(**{field: from_widget(field, state.PL_ACTIVE_W.of(field).get())}))
        state.PL_ACTIVE_PROBLEM.pop()
    except FunnelError as exc:
        state.PL_ACTIVE_PROBLEM.set(exc)


def _mode_changed(r: ActiveResult) -> None:
    """on_change of the toggle or the target kind: reverse starts at what the forward plan gives
    (the same contracts, turnover or profit), so switching alone changes no figure."""
    plan = state.PL_ACTIVE.get()
    if plan is None:
        return
    if not state.PL_ACTIVE_REVERSE.get():
        state.PL_ACTIVE.set(plan.with_(target_kind=None, target_value=None))
    else:
        k = state.PL_ACTIVE_KIND.get() or "contracts"
        value = {"contracts": r.contracts, "turnover": r.turnover, "profit": r.profit}[k] if r.reachable else 0.0
        state.PL_ACTIVE.set(plan.with_(target_kind=k, target_value=float(value)))
    state.PL_ACTIVE_W.of("target_value").pop()


# ---- the inputs -------------------------------------------------------------------------------
def sign(plan: ActivePlan) -> str:
    """The plan's currency sign: its own (a Workshop case's "$"), else the workspace's."""
    return plan.currency or ui.currency()


def _label(field: str, marks: dict[str, str], plan: ActivePlan) -> str:
    text = ui.t(f"active.in.{field}")
    if kind(field) == "share":
        text += ", %"
    elif field in MONEY or (field == "target_value" and plan.target_kind != "contracts"):  # contracts: a count
        text += f", {sign(plan)}"
    mark = marks.get(field)
    return f"{text} · {ui.t(f'active.mark.{mark}')}" if mark else text


def _input(field: str, plan: ActivePlan, marks: dict[str, str], where=st) -> None:
    key = state.PL_ACTIVE_W.of(field)
    key.set(to_widget(field, getattr(plan, field)))
    k = kind(field)
    common = {"key": key, "on_change": _changed, "args": (field,), "label": _label(field, marks, plan)}
    if k == "whole":
        top = model.MAX_HORIZON if field in ("horizon", "ramp_months") else None
        where.number_input(min_value=1 if field == "horizon" else 0, max_value=top, step=1, format="%d", **common)
        return
    step, most = FORMATS[k]
    digits = places(to_widget(field, getattr(plan, field)) or 0, most)  # "3000", not "3000.00"; exact digits kept
    low = None if (field == "target_value" and plan.target_kind == "profit") else 0.0
    if field in MIN_POSITIVE:
        low = 0.01
    where.number_input(
        min_value=low,
        max_value=100.0 if k == "share" else (31.0 if field == "working_days" else None),
        step=step,
        format=input_format(digits),
        **common,
    )


def marks_for(plan: ActivePlan, seeded: ActivePlan, from_data: frozenset[str]) -> dict[str, str]:
    """Each input still at the data's seed: "data" when the data gave it, "example" otherwise;
    a value the user typed has no mark (nor any value of a Workshop case)."""
    if state.PL_ACTIVE_ORIGIN.get() != "data":
        return {}
    return {
        f: ("data" if f in from_data else "example")
        for group in GROUPS.values()
        for f in group
        if getattr(plan, f) == getattr(seeded, f)
    }


def _origin_note(from_data: frozenset[str]) -> None:
    origin = state.PL_ACTIVE_ORIGIN.get()
    if origin != "data":
        st.info(ui.t("active.origin_preset", name=ui.t(f"workshop.case.{origin}")))
    elif from_data:
        names = "; ".join(ui.t(f"active.in.{f}") for f in sorted(from_data, key=_order))
        st.caption(ui.t("active.origin", fields=names))
    else:
        st.caption(ui.t("active.origin_none"))


def _order(field: str) -> int:
    flat = [f for group in GROUPS.values() for f in group]
    return flat.index(field) if field in flat else len(flat)


def mode(r: ActiveResult) -> None:
    """The forward/reverse switch and the target."""
    plan = r.plan
    state.PL_ACTIVE_REVERSE.set(plan.target_kind is not None)
    head = st.columns([1, 2, 1.4], vertical_alignment="bottom")
    head[0].toggle(
        ui.t("active.reverse"),
        key=state.PL_ACTIVE_REVERSE,
        on_change=_mode_changed,
        args=(r,),
        help=ui.t("active.reverse_help"),
    )
    if plan.target_kind is not None:
        state.PL_ACTIVE_KIND.set(plan.target_kind)
        head[1].radio(
            ui.t("active.target_kind"),
            model.TARGETS,
            horizontal=True,
            key=state.PL_ACTIVE_KIND,
            format_func=lambda k: ui.t(f"active.target.{k}"),
            on_change=_mode_changed,
            args=(r,),
        )
        _input("target_value", plan, {}, head[2])


def inputs(plan: ActivePlan, marks: dict[str, str]) -> None:
    """The inputs of one function at a time, picked above them (the reverse plan works out the
    base and the staff). One group, not all ~30 inputs: Streamlit's number box costs ~1 ms a
    draw with this session's ~100 keys, and every input drawn counts in a move's 50 ms."""
    reverse = plan.target_kind is not None
    group = st.radio(
        ui.t("active.group"),
        tuple(GROUPS),
        horizontal=True,
        key=state.PL_ACTIVE_GROUP,
        format_func=lambda g: ui.t(f"active.group.{g}"),
    )
    box = st.container(border=True, key="pl_act_inputs")
    for field in GROUPS[group or "marketing"]:
        if not (reverse and field in FORWARD_ONLY):
            _input(field, plan, marks, box)


# ---- the result -------------------------------------------------------------------------------
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
    return [ui.num(r.contracts, 1), ui.money(r.turnover, sign=cur), ui.money(r.profit, sign=cur), payback_text(r)]


def headline(r: ActiveResult) -> None:
    c = st.columns(3) + st.columns(2)  # money of a big company ("12 345 678 ₽") is cut in a fifth of the tab
    c[0].metric(ui.t("active.m.contracts"), ui.num(r.contracts, 1))
    cur = r.plan.currency  # a Workshop case's dollars; None: the workspace's currency
    c[1].metric(ui.t("active.m.turnover"), ui.money(r.turnover, sign=cur))
    c[2].metric(ui.t("active.m.costs"), ui.money(r.costs, sign=cur))
    c[3].metric(ui.t("active.m.profit"), ui.money(r.profit, sign=cur))
    c[4].metric(ui.t("active.m.payback"), payback_text(r))


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
            ui.t("active.col.volume"): [ui.num(r.volumes.get(s), model.STEP_DECIMALS[s]) for s in model.STEPS],
        }
    )


def month_frame(r: ActiveResult) -> pd.DataFrame:
    """The chart's data: the model's months as they are (costs, revenue, cumulative result)."""
    return pd.DataFrame(list(r.months), columns=["month", "costs", "revenue", "result", "cumulative"])


def money_chart(months: pd.DataFrame, payback: int | None, labels: dict[str, str]) -> go.Figure:
    """Revenue up, costs down (as outflows), the cumulative result as a line, the payback month
    marked."""
    fig = go.Figure()
    fig.add_bar(x=months["month"], y=months["revenue"], name=chart_text(labels["revenue"]), marker_color="#2e7d32")
    fig.add_bar(x=months["month"], y=-months["costs"], name=chart_text(labels["costs"]), marker_color="#c62828")
    fig.add_scatter(
        x=months["month"],
        y=months["cumulative"],
        name=chart_text(labels["cumulative"]),
        mode="lines+markers",
        line={"color": "#1565c0", "width": 3},
    )
    if payback is not None:
        fig.add_vline(x=payback, line_dash="dash", line_color="#555")
        fig.add_annotation(
            x=payback, y=1, yref="paper", text=chart_text(labels["payback"]), showarrow=False, yanchor="bottom"
        )
    fig.update_layout(
        barmode="relative",
        height=360,
        margin={"t": 40, "b": 40, "l": 10, "r": 10},
        legend={"orientation": "h", "y": -0.2},
        xaxis={"title": chart_text(labels["month"]), "dtick": 1},
        yaxis={"title": chart_text(labels["money"])},
    )
    return fig


def chart_labels(plan: ActivePlan) -> dict[str, str]:
    labels = {k: ui.t(f"active.chart.{k}") for k in ("revenue", "costs", "cumulative", "payback", "month")}
    return {**labels, "money": ui.t("active.chart.money", currency=sign(plan))}


def lag_text(cycle_days: float) -> str:
    n, f = active_money.lag_split(cycle_days)
    return ui.t("active.chart.lag", days=ui.num(cycle_days, 1), months=ui.num(n + f, 1))


def result_part(r: ActiveResult) -> None:
    """The tables and the chart (the headline is drawn above the inputs)."""
    st.markdown(f"**{ui.t('active.table.functions')}**")
    st.dataframe(function_table(r), hide_index=True, width="stretch", key="pl_act_functions", placeholder=DASH)
    st.caption(ui.t("active.table.functions_note_reverse" if r.reverse else "active.table.functions_note"))
    st.markdown(f"**{ui.t('active.table.chain')}**")
    st.dataframe(chain_table(r), hide_index=True, width="stretch", key="pl_act_chain", placeholder=DASH)
    st.markdown(f"**{ui.t('active.chart.title')}**")
    ui.chart(money_chart, month_frame(r), r.payback_month, chart_labels(r.plan), key="pl_act_money")
    st.caption(ui.t("active.chart.note", lag=lag_text(r.plan.cycle_days)))
    if r.plan.ramp_months:
        st.caption(ui.t("active.chart.ramp", n=ui.num(r.plan.ramp_months)))


def active_tab(b, base_plan, r) -> None:
    """The tab, on the run's one result (``r.active``, made from the session's plan): the
    headline and the bottleneck; the inputs on the left, the functions, the chain and the money
    on the right (as the planner's levers and results)."""
    st.caption(ui.t("active.intro"))
    a = r.active
    if a is None:  # no active plan in this run (it opens with the tab: see current)
        return
    seeded, from_data = seed(b, base_plan)
    c = st.columns([3, 1], vertical_alignment="center")
    with c[0]:
        _origin_note(from_data)
    c[1].button(ui.t("active.from_data"), key="pl_act_reset", on_click=back_to_data, icon=":material/restart_alt:")
    if (problem := state.PL_ACTIVE_PROBLEM.get()) is not None:
        ui.show_error(problem)
    mode(a)
    if a.reachable:
        headline(a)
        st.markdown(f"**{ui.plain(bottleneck_text(a))}**")
    else:
        st.error(ui.t("active.unreachable"))
    left, right = st.columns([1, 1.25], gap="medium")
    with left:
        inputs(a.plan, marks_for(a.plan, seeded, from_data))
    if a.reachable:
        with right:
            result_part(a)
