import streamlit as st

import ui
import ui_plan as up
import ui_plan_edits as ed
import ui_plan_tabs as tabs
from funnel.errors import FunnelError
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
    steps = tabs.waterfall_rows(base_out, shown)
    ui.draw_cached(up.draw_waterfall, steps)
    st.caption(ui.t("planner.waterfall_note"))
    tabs.capacity_note(out)

# Tabs run lazily (on_change="rerun"): only the open one is computed and sent, which is most of
# a run's cost. What a tab's widgets hold that the plan needs is kept outside them (ui_plan).
names = ("chain", "mix", "web", "capacity", "repeat", "forecast", "backtest", "scenarios")
tab = dict(zip(names, st.tabs([ui.t(f"planner.tab.{n}") for n in names], key="pl_tab", on_change="rerun")))


def scenarios() -> None:
    charts, tables = tabs.forecast_exports(tabs.forecast(b, plan, out))
    tabs.scenarios_tab(b, base, plan, out, up.current_edits(), [up.waterfall(steps), *charts], tables)


draw = {"chain": lambda: ed.chain_tab(b, plan), "mix": lambda: ed.mix_tab(b),
        "web": lambda: tabs.web_tab(plan), "capacity": lambda: tabs.capacity_tab(plan, out),
        "repeat": lambda: tabs.repeat_tab(plan), "forecast": lambda: tabs.forecast_tab(b, tabs.forecast(b, plan, out)),
        "backtest": lambda: tabs.backtest_tab(b), "scenarios": scenarios}
for name, pane in tab.items():
    if pane.open:
        with pane:
            draw[name]()

edits = up.current_edits()  # after the chain or mix tab, if open, kept this run's edits
up.write_link(plan, edits)
