import streamlit as st

import ui
import ui_plan as up
import ui_plan_edits as ed
import ui_plan_tabs as tabs
from funnel.errors import FunnelError
from funnel.model.edits import Edits
from funnel.model.plan import evaluate

ui.page_guard()
st.title(ui.t("nav.planner"))
st.caption(ui.t("planner.intro"))

filters = ui.filters()
try:
    b = up.load_baseline(filters)
except FunnelError as exc:
    ui.show_error(exc)
    st.stop()
if b.is_empty:
    st.info(ui.t("planner.empty"))
    st.stop()

base = up.base_plan(b)
up.prepare(base, sig=repr((filters, base)))
up.sync_all()

head = st.columns([1.2, 1, 2])
reverse = head[0].toggle(ui.t("planner.reverse"), key=up.K_REVERSE, help=ui.t("planner.reverse_help"))
head[1].button(ui.t("planner.reset"), key="pl_reset", on_click=up.reset_to, args=(base,),
               icon=":material/restart_alt:")
head[2].caption(tabs.baseline_caption(b))

left, right = st.columns([1, 1.35], gap="large")
with left:
    if reverse:
        kind = st.radio(ui.t("planner.target_kind"), ("turnover", "profit"), horizontal=True,
                        key=up.K_TARGET_KIND, format_func=lambda k: ui.t(f"planner.target.{k}"))
        up.lever(f"target_{kind}")
    for field in ("leads", "conversion", "avg_check", "cpl", "margin"):
        if not (reverse and field == "leads"):
            up.lever(field)

try:
    plan = up.current_plan(base)
    out = evaluate(plan)
except FunnelError as exc:
    ui.show_error(exc)
    st.stop()
up.link_warning(plan, base)
base_out = evaluate(base.with_(target_turnover=None, target_profit=None))

with right:
    shown = tabs.reverse_panel(plan, out) if reverse else out
    up.metrics(shown, base_out)
    waterfall = up.waterfall(tabs.waterfall_rows(base_out, shown))
    st.plotly_chart(waterfall, key="pl_waterfall", width="stretch")
    st.caption(ui.t("planner.waterfall_note"))
    tabs.capacity_note(out)

names = ("chain", "mix", "web", "capacity", "repeat", "forecast", "backtest", "scenarios")
t_chain, t_mix, t_web, t_cap, t_rep, t_fc, t_bt, t_sc = st.tabs([ui.t(f"planner.tab.{n}") for n in names])
with t_chain:
    chain_edits = ed.chain_tab(b, plan)
with t_mix:
    mix_edits = ed.mix_tab(b)
edits = Edits(chain_edits, mix_edits)
with t_web:
    tabs.web_tab(plan)
with t_cap:
    tabs.capacity_tab(plan, out)
with t_rep:
    tabs.repeat_tab(plan)
with t_fc:
    charts, tables = tabs.forecast_tab(b, plan, out)
with t_bt:
    tabs.backtest_tab(b)
with t_sc:
    tabs.scenarios_tab(b, base, plan, out, edits, [waterfall, *charts], tables)

up.write_link(plan, edits)
