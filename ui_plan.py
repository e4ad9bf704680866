"""Planner glue (Streamlit): lever widgets kept in sync, the plan in the URL, metrics and charts.

Every lever has a canonical value in ``st.session_state["pl_v_<field>"]`` (model units) and two
widgets showing it — a slider (``pl_<field>_s``) and a number input (``pl_<field>_n``). Each run,
before the widgets are drawn, whichever widget differs from the canonical value is the one the
user moved; its value becomes canonical and the other widget is set to match. Shares are shown
in percent. The slider's range comes from the baseline (3× its value), the number input is
open-ended, so a typed value past the slider's end is kept (the slider shows its end).
"""
from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date

import plotly.graph_objects as go
import streamlit as st

import ui
import ui_auth
from funnel import access
from funnel.baseline import Baseline, baseline
from funnel.errors import FunnelError
from funnel.model import link
from funnel.model.edits import Edits
from funnel.model.plan import Plan, evaluate
from funnel.safety import chart_text

# field → (kind, slider floor for the upper bound). kind: count | share | money | float
LEVERS = {
    "leads": ("count", 100), "conversion": ("share", 0.10), "avg_check": ("money", 1000),
    "cpl": ("money", 1000), "margin": ("share", 1.0), "sellers": ("count", 10),
    "contacts_per_seller": ("count", 100), "elasticity": ("float", 2.0),
    "queries": ("count", 100_000), "ctr": ("share", 0.20), "site_conversion": ("share", 0.10),
    "cpc": ("money", 200), "active_clients": ("count", 100), "avg_order": ("money", 100_000),
    "orders_per_period": ("float", 4.0), "lifetime": ("count", 60),
    "target_turnover": ("money", 1_000_000), "target_profit": ("money", 1_000_000),
}
MIN = {"contacts_per_seller": 1.0}  # a seller who handles no one is not a team
# Illustrative starting values for levers the data cannot supply (shown as assumptions).
ASSUMED = {"queries": 20_000.0, "ctr": 0.05, "site_conversion": 0.03, "cpc": 40.0,
           "active_clients": 0.0, "avg_order": 0.0, "orders_per_period": 1.0, "lifetime": 12.0,
           "margin": 1.0}
K_REVERSE, K_TARGET_KIND, K_CAPACITY_ON = "pl_reverse", "pl_target_kind", "pl_capacity_on"
K_CAPACITY = "pl_capacity"  # the plan's capacity switch; the toggle (K_CAPACITY_ON) lives in a lazy tab
K_SIG, K_LINK_DONE, K_BASE, K_LINK_PROBLEM = "pl_sig", "pl_link_done", "pl_base", "pl_link_problem"
K_EDITS = "pl_edits"  # the plan's table edits; a lazy tab's widgets start from them when drawn again


def canonical_key(field: str) -> str:
    return f"pl_v_{field}"


# ---- baseline -----------------------------------------------------------------------------
def load_baseline(filters) -> Baseline:
    """The baseline all sessions share (ui.shared: no copy per run); it is frozen, all tuples."""
    return ui.shared(baseline, filters.workspace_id, filters=filters)


def base_plan(b: Baseline) -> Plan:
    """The baseline as the page starts it: the data's levers, rounded for sliders, plus the
    assumed values for what the data does not hold, and targets 20 % above the baseline."""
    p = b.plan()
    p = p.with_(leads=float(round(p.leads)), avg_check=float(round(p.avg_check, -2)),
                cpl=float(round(p.cpl)), **{k: v for k, v in ASSUMED.items()})
    if p.sellers:
        p = p.with_(contacts_per_seller=float(math.ceil(p.leads / p.sellers)))
    out = evaluate(p)
    return p.with_(target_turnover=float(round(out["turnover"] * 1.2, -3)),
                   target_profit=float(round(max(out["profit"], 0) * 1.2, -3)))


# ---- state ----------------------------------------------------------------------------------
def set_lever(field: str, value: float) -> None:
    """One lever to ``value``; its slider and number input pick it up on this run (their own
    state is dropped, or they would keep showing the old value). Also an on_click callback."""
    st.session_state[canonical_key(field)] = value
    for suffix in ("_s", "_n"):
        st.session_state.pop(f"pl_{field}{suffix}", None)


def _set_canonical(plan: Plan, edits: Edits | None = None) -> None:
    st.session_state[K_EDITS] = edits or Edits()
    for field in LEVERS:
        set_lever(field, getattr(plan, field))
    st.session_state[K_CAPACITY] = plan.sellers is not None and plan.contacts_per_seller is not None
    st.session_state.pop(K_CAPACITY_ON, None)
    # The stage-chain sliders and the channel table start from the baseline too.
    for key in [k for k in st.session_state if re.fullmatch(r"pl_chain_\d+|pl_mix", str(k))]:
        del st.session_state[key]


def reset_to(plan: Plan, edits: Edits | None = None) -> None:
    """on_click: every lever back to ``plan`` (the baseline, or a loaded scenario), and the stage
    chain and channel table to the baseline with ``edits``."""
    _set_canonical(plan, edits)


def current_edits() -> Edits:
    """The plan's stage-chain and channel-mix edits. The chain and mix tabs keep them here, as
    their widgets vanish from the session while another tab is open (tabs run lazily)."""
    return st.session_state.get(K_EDITS) or Edits()


def keep_edits(**parts) -> None:
    """Replace the chain and/or mix part of the plan's edits."""
    st.session_state[K_EDITS] = replace(current_edits(), **parts)


def sync_capacity() -> None:
    """on_change of the capacity toggle: the switch itself is kept outside the widget."""
    st.session_state[K_CAPACITY] = bool(st.session_state.get(K_CAPACITY_ON))


def prepare(base: Plan, sig: str) -> None:
    """Start the session's levers: from a shared link on the first visit (a bad or stale link
    falls back to the baseline with a warning), else from the baseline; and again from the
    baseline whenever the baseline itself changes (another period, channels or workspace)."""
    st.session_state[K_BASE] = base
    if not st.session_state.get(K_LINK_DONE):
        st.session_state[K_LINK_DONE] = True
        st.session_state[K_SIG] = sig
        params = {k: st.query_params.get(k) for k in st.query_params.keys()}
        if link.has_plan(params):
            plan, reverse, problem = link.decode(params)
            edits, problem = link.decode_edits(params) if plan is not None else (None, problem)
            if edits is not None:
                _set_canonical(_fill(plan, base), edits)
                st.session_state[K_REVERSE] = reverse
                st.session_state[K_TARGET_KIND] = "profit" if (
                    plan.target_profit is not None and plan.target_turnover is None) else "turnover"
                return
            st.session_state[K_LINK_PROBLEM] = problem  # shown until the user moves a lever
        _set_canonical(base)
    elif st.session_state.get(K_SIG) != sig:
        st.session_state[K_SIG] = sig
        _set_canonical(base)
        st.info(ui.t("planner.baseline_changed"))


def link_warning(plan: Plan, base: Plan) -> None:
    """The bad-link message stays until the user makes the plan their own."""
    problem = st.session_state.get(K_LINK_PROBLEM)
    if problem is None:
        return
    if plan.with_(target_turnover=None, target_profit=None) != base.with_(target_turnover=None, target_profit=None):
        del st.session_state[K_LINK_PROBLEM]
    else:
        st.warning(ui.t("planner.link_bad", problem=ui.plain(problem)))


def _fill(plan: Plan, base: Plan) -> Plan:
    """A linked plan keeps its values; levers the link leaves out take the baseline's."""
    changes = {f: getattr(base, f) for f in ("queries", "ctr", "site_conversion", "cpc",
                                              "target_turnover", "target_profit")
               if getattr(plan, f) is None}
    return plan.with_(**changes)


def _to_widget(field: str, value: float) -> float:
    return value * 100 if LEVERS[field][0] == "share" else value


def _from_widget(field: str, value: float) -> float:
    return value / 100 if LEVERS[field][0] == "share" else value


def _bounds(field: str) -> tuple[float, float, float]:
    """(min, max, step) of the slider in widget units, from the baseline."""
    kind, floor = LEVERS[field]
    base = st.session_state.get(K_BASE)
    ref = getattr(base, field, None) or 0.0
    if kind == "share":
        top = min(100.0, max(_to_widget(field, floor), _to_widget(field, ref) * 3))
        return 0.0, round(top, 1), 0.1
    top = max(float(floor), ref * 3)
    if kind == "float":
        return 0.0, round(top, 2), 0.01
    if kind == "count":
        return MIN.get(field, 0.0), float(math.ceil(top)), 1.0
    step = float(10 ** max(0, int(math.log10(top)) - 2))
    return 0.0, float(math.ceil(top / step) * step), step


def _sync(field: str) -> None:
    """Take the value of whichever of the lever's two widgets the user changed."""
    lo, hi, _ = _bounds(field)
    ck, sk, nk = canonical_key(field), f"pl_{field}_s", f"pl_{field}_n"
    value = st.session_state.get(ck)
    shown = _to_widget(field, value or 0.0)
    if sk in st.session_state and abs(st.session_state[sk] - min(max(shown, lo), hi)) > 1e-9:
        st.session_state[ck] = _from_widget(field, float(st.session_state[sk]))   # the slider moved
    elif nk in st.session_state and st.session_state[nk] is not None \
            and abs(st.session_state[nk] - shown) > 1e-9:
        st.session_state[ck] = _from_widget(field, float(st.session_state[nk]))  # a number was typed


def sync_all() -> None:
    """Before anything is computed: every lever's canonical value from its widgets, so a lever
    drawn further down the page (in a tab) counts in this very run."""
    for field in LEVERS:
        _sync(field)


def lever(field: str, where=None) -> None:
    """A slider and a number input for one lever, kept in sync (see the module's docstring)."""
    where = where or st
    lo, hi, step = _bounds(field)
    ck, sk, nk = canonical_key(field), f"pl_{field}_s", f"pl_{field}_n"
    shown = _to_widget(field, st.session_state.get(ck) or 0.0)
    st.session_state[sk] = float(min(max(shown, lo), hi))
    st.session_state[nk] = float(shown)
    unit = " %" if LEVERS[field][0] == "share" else ""
    label = ui.t(f"planner.lever.{field}") + unit
    fmt = "%.2f" if step < 0.1 else "%.1f" if step < 1 else "%.0f"
    c1, c2 = where.columns([3, 1.3], vertical_alignment="bottom")
    c1.slider(label, min_value=lo, max_value=hi, step=step, key=sk, format=fmt,
              help=ui.t(f"planner.help.{field}"))
    c2.number_input(label, min_value=MIN.get(field, 0.0), max_value=100.0 if unit else None, step=step, key=nk,
                    label_visibility="collapsed", format=fmt)


def current_plan(base: Plan) -> Plan:
    """The plan the widgets show. Reverse mode keeps one target; forward mode none."""
    values = {f: st.session_state.get(canonical_key(f), getattr(base, f)) for f in LEVERS}
    if not st.session_state.get(K_CAPACITY):
        values.update(sellers=None, contacts_per_seller=None)
    else:  # switched on where the data had no team: start from one seller handling today's leads
        values["sellers"] = values["sellers"] or 1.0
        values["contacts_per_seller"] = values["contacts_per_seller"] or float(
            max(1, math.ceil((values["leads"] or 0) / values["sellers"])))
    reverse = st.session_state.get(K_REVERSE, False)
    kind = st.session_state.get(K_TARGET_KIND, "turnover")
    if not reverse or kind != "turnover":
        values["target_turnover"] = None
    if not reverse or kind != "profit":
        values["target_profit"] = None
    return base.with_(**values)


def write_link(plan: Plan, edits: Edits | None = None) -> None:
    """Put every input in the URL, with the stage-chain and channel-mix edits, so a copied link
    reopens this exact view."""
    wanted = link.encode(plan, bool(st.session_state.get(K_REVERSE)), edits)
    wanted["ws"] = ui.workspace_id() or ""
    ours = set(link.FIELDS) | set(link.EDIT_KEYS.values())
    stale = [k for k in st.query_params.keys() if k in ours and k not in wanted]
    for k in stale:
        del st.query_params[k]
    if any(st.query_params.get(k) != v for k, v in wanted.items()):
        st.query_params.update(wanted)


def can_edit() -> bool:
    ws = st.session_state.get("_ws_obj")
    return bool(ws) and access.can(ui_auth.current_user(), "edit_scenarios", ws.id, is_demo=ws.is_demo)


# ---- display --------------------------------------------------------------------------------
def signed(text: str, x: float | None) -> str | None:
    if x is None or (isinstance(x, float) and not math.isfinite(x)) or abs(x) < 1e-9:
        return None  # no change: no arrow (a "0" delta would show as a rise)
    return ("+" if x > 0 else "") + text


def signed_share(x: float | None) -> str | None:
    """A change of a share, in percentage points; none below 0.005 pp (rounding noise)."""
    if x is None or abs(x) < 5e-5:
        return None
    return signed(ui.pct(x, 2), x)


def metrics(out: dict, base_out: dict, cols=None) -> None:
    """Turnover, deals, budget and ROMI with deltas against the baseline."""
    def delta(key, fmt):
        a, b = out.get(key), base_out.get(key)
        return None if a is None or b is None else signed(fmt(a - b), a - b)

    if cols is None:
        top, bottom = st.columns(2), st.columns(2)
        cols = [top[0], top[1], bottom[0], bottom[1]]
    cols[0].metric(ui.t("planner.m.turnover"), ui.money(out["turnover"]), delta("turnover", ui.money))
    cols[1].metric(ui.t("planner.m.deals"), ui.num(out["deals"], 1), delta("deals", lambda x: ui.num(x, 1)))
    cols[2].metric(ui.t("planner.m.budget"), ui.money(out["budget"]), delta("budget", ui.money),
                   delta_color="inverse")
    cols[3].metric(ui.t("planner.m.romi"), ui.pct(out["romi"], 0), delta("romi", lambda x: ui.pct(x, 0)))


def _layout(fig: go.Figure, height: int = 340) -> go.Figure:
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10), showlegend=False)
    return fig


def waterfall(rows: list[tuple[str, float, str]]) -> go.Figure:
    """rows: (label, value, measure) with measure absolute | relative | total."""
    fig = go.Figure(go.Waterfall(x=[r[0] for r in rows], y=[r[1] for r in rows],
                                 measure=[r[2] for r in rows], connector={"line": {"color": "#aaa"}}))
    return _layout(fig.update_layout(title=ui.t("planner.chart.waterfall")))


def draw_waterfall(rows: list[tuple[str, float, str]]) -> None:
    """The waterfall on the page; through ui.draw_cached, drawn once per distinct plan and language."""
    st.plotly_chart(waterfall(rows), key="pl_waterfall", width="stretch")


def tornado(rows: list[dict], metric_label: str) -> go.Figure:
    names = [ui.t(f"planner.lever.{r['lever']}") for r in rows][::-1]
    fig = go.Figure([go.Bar(y=names, x=[r["delta_low"] for r in rows][::-1], orientation="h", name="−10 %"),
                     go.Bar(y=names, x=[r["delta_high"] for r in rows][::-1], orientation="h", name="+10 %")])
    fig.update_layout(barmode="overlay", title=ui.t("planner.chart.tornado", metric=metric_label), showlegend=True)
    return _layout(fig)


def projection(history: list[tuple[date, float]], rows: list[tuple[date, float]]) -> go.Figure:
    fig = go.Figure([go.Scatter(x=[d for d, _ in history], y=[v for _, v in history],
                                name=ui.t("planner.chart.history"), mode="lines+markers"),
                     go.Scatter(x=[d for d, _ in rows], y=[v for _, v in rows],
                                name=ui.t("planner.chart.projection"), mode="lines+markers",
                                line={"dash": "dash"})])
    return _layout(fig.update_layout(title=ui.t("planner.chart.projection"), showlegend=True))


def backtest_chart(rows: list[dict]) -> go.Figure:
    fig = go.Figure([go.Bar(x=[r["month"] for r in rows], y=[r["actual"] for r in rows],
                            name=ui.t("planner.bt.actual")),
                     go.Scatter(x=[r["month"] for r in rows], y=[r["forecast"] for r in rows],
                                name=ui.t("planner.bt.forecast"), mode="lines+markers")])
    return _layout(fig.update_layout(title=ui.t("planner.chart.backtest"), showlegend=True))


def histogram(samples, marks: dict[str, float]) -> go.Figure:
    fig = go.Figure(go.Histogram(x=samples, nbinsx=60))
    for name, x in marks.items():
        fig.add_vline(x=x, line_dash="dot", annotation_text=chart_text(name))
    return _layout(fig.update_layout(title=ui.t("planner.chart.uncertainty")))


def capacity_curve(points: list[tuple[float, float]], plan_leads: float, capacity: float | None) -> go.Figure:
    fig = go.Figure(go.Scatter(x=[p[0] for p in points], y=[p[1] * 100 for p in points], mode="lines"))
    fig.add_vline(x=plan_leads, line_dash="dot", annotation_text=ui.t("planner.cap.plan"),
                  annotation_position="top left")
    if capacity:
        fig.add_vline(x=capacity, line_color="red", annotation_text=ui.t("planner.cap.capacity"),
                      annotation_position="bottom right")
    fig.update_layout(title=ui.t("planner.chart.capacity"), xaxis_title=ui.t("planner.lever.leads"),
                      yaxis_title="%")
    return _layout(fig)


def show_error(exc: Exception) -> None:
    ui.show_error(exc if isinstance(exc, FunnelError) else exc)
