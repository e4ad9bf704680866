"""Planner glue, part two: what each tab of the planner page shows. Numbers come from
funnel.model; this module only turns them into widgets, tables and charts."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

import ui
import ui_auth
import ui_plan as up
from ui_plan_edits import EDIT_SUMMARY, edit_figures, edit_summary, edit_tables
from funnel import scenarios as sc
from funnel.errors import FunnelError
from funnel.model import backtest as bt
from funnel.model import capacity as cap
from funnel.model import edits, pipeline, projection, sensitivity, turnover, uncertainty
from funnel.model.plan import Plan, evaluate
from funnel.report_export import html_report, xlsx_report

def baseline_caption(b) -> str:
    period = f"{b.date_from:%d.%m.%Y} – {b.date_to:%d.%m.%Y}" if b.date_from and b.date_to else "—"
    return ui.t("planner.baseline_caption", period=period, leads=ui.num(b.leads),
                months=ui.num(b.months, 1), won=ui.num(b.won), sellers=ui.num(b.sellers))


# ---- forward / reverse ----------------------------------------------------------------------
def reverse_panel(plan: Plan, out: dict) -> dict:
    """The reverse plan's answer; returns the outputs at the required leads (for the metrics)."""
    if not out["target_reachable"]:
        st.error(ui.t("planner.rev.unreachable"))
        return out
    c = st.columns(2) + st.columns(2)
    c[0].metric(ui.t("planner.rev.leads"), ui.num(out["required_leads"]))
    c[1].metric(ui.t("planner.rev.budget"), ui.money(out["required_budget"]))
    c[2].metric(ui.t("planner.rev.deals"), ui.num(out["required_deals"], 1))
    c[3].metric(ui.t("planner.rev.sellers"), ui.num(out["required_sellers"]))
    if out["required_leads_at_base"] is not None and out["required_leads"] is not None \
            and out["required_leads"] > out["required_leads_at_base"] + 0.5:
        st.caption(ui.t("planner.rev.capacity_note", leads=ui.num(out["required_leads"]),
                        conv=ui.pct(out["required_conversion"], 2),
                        at_base=ui.num(out["required_leads_at_base"]),
                        sellers=ui.num(out["required_sellers"])))
    return evaluate(plan.with_(leads=out["required_leads"]))


def waterfall_rows(base_out: dict, out: dict) -> list[tuple[str, float, str]]:
    effects = turnover.decompose(
        (base_out["leads"], base_out["effective_conversion"], base_out["avg_check"]),
        (out["leads"], out["effective_conversion"], out["avg_check"]))
    return [(ui.t("planner.wf.baseline"), base_out["turnover"], "absolute"),
            (ui.t("planner.wf.leads"), effects["leads"], "relative"),
            (ui.t("planner.wf.conversion"), effects["conversion"], "relative"),
            (ui.t("planner.wf.avg_check"), effects["avg_check"], "relative"),
            (ui.t("planner.wf.plan"), out["turnover"], "total")]


def capacity_note(out: dict) -> None:
    if out["capacity"] is not None and out["leads"] > out["capacity"] + 1e-9:
        st.warning(ui.t("planner.cap.over", leads=ui.num(out["leads"]), capacity=ui.num(out["capacity"]),
                        base=ui.pct(out["conversion"], 2), eff=ui.pct(out["effective_conversion"], 2),
                        sellers=ui.num(out["sellers_needed"])))


# ---- tabs -----------------------------------------------------------------------------------
def web_tab(plan: Plan) -> None:
    st.caption(ui.t("planner.web.intro"))
    for field in ("queries", "ctr", "site_conversion", "cpc"):
        up.lever(field)
    web = plan.web
    c = st.columns(4)
    c[0].metric(ui.t("planner.web.visits"), ui.num(web.visits if web else None))
    c[1].metric(ui.t("planner.web.leads"), ui.num(web.leads if web else None, 1))
    c[2].metric(ui.t("planner.web.cost"), ui.money(web.cost if web else None))
    c[3].metric(ui.t("planner.web.cpl"), ui.money(web.cpl if web else None))


def capacity_tab(plan: Plan, out: dict) -> None:
    st.caption(ui.t("planner.cap.intro"))
    st.session_state[up.K_CAPACITY_ON] = bool(st.session_state.get(up.K_CAPACITY))
    st.toggle(ui.t("planner.cap.on"), key=up.K_CAPACITY_ON, on_change=up.sync_capacity)
    if not st.session_state.get(up.K_CAPACITY):
        return
    for field in ("sellers", "contacts_per_seller", "elasticity"):
        up.lever(field)
    c = st.columns(4)
    c[0].metric(ui.t("planner.cap.capacity"), ui.num(out["capacity"]))
    c[1].metric(ui.t("planner.cap.load"), ui.pct(out["load"], 0))
    c[2].metric(ui.t("planner.cap.effective"), ui.pct(out["effective_conversion"], 2),
                up.signed_share(out["effective_conversion"] - plan.conversion))
    c[3].metric(ui.t("planner.cap.needed"), ui.num(out["sellers_needed"]))
    top = max(plan.leads * 2.5, (out["capacity"] or 0) * 2, 10)
    points = [(x, plan.conversion_at(x)) for x in (top * i / 80 for i in range(81))]
    st.plotly_chart(up.capacity_curve(points, plan.leads, out["capacity"]), key="pl_cap_chart", width="stretch")
    with st.expander(ui.t("planner.cap.calibrate")):
        cols = st.columns(4)
        la = cols[0].number_input(ui.t("planner.cap.load_a"), min_value=0.0, value=100.0, key="pl_cal_la")
        ca = cols[1].number_input(ui.t("planner.cap.conv_a"), min_value=0.0, max_value=100.0, value=2.0, key="pl_cal_ca")
        lb = cols[2].number_input(ui.t("planner.cap.load_b"), min_value=0.0, value=200.0, key="pl_cal_lb")
        cb = cols[3].number_input(ui.t("planner.cap.conv_b"), min_value=0.0, max_value=100.0, value=1.5, key="pl_cal_cb")
        try:
            e = cap.calibrate_elasticity((la, ca / 100), (lb, cb / 100))
        except FunnelError as exc:
            ui.show_error(exc)
            return
        st.write(ui.t("planner.cap.calibrated", e=ui.num(e, 3)))
        st.button(ui.t("planner.cap.use"), key="pl_cal_use", on_click=up.set_lever, args=("elasticity", e))


def repeat_tab(plan: Plan) -> None:
    st.caption(ui.t("planner.rep.intro"))
    for field in ("active_clients", "avg_order", "orders_per_period", "lifetime"):
        up.lever(field)
    rep = plan.repeat
    c = st.columns(3)
    c[0].metric(ui.t("planner.rep.revenue"), ui.money(rep.revenue))
    c[1].metric(ui.t("planner.rep.profit"), ui.money(rep.profit))
    c[2].metric(ui.t("planner.rep.ltv"), ui.money(rep.ltv))


def forecast(b, plan: Plan, out: dict) -> dict:
    """Pipeline, uncertainty, sensitivity and projection, computed and charted but not drawn:
    the forecast tab draws them, the export sends them. In the reverse plan they describe the
    plan that meets the target (the required leads)."""
    if out.get("required_leads") is not None:
        plan = plan.with_(leads=out["required_leads"])
        out = evaluate(plan)
    rows, total = pipeline.weighted(list(b.open_stages))
    target = plan.target_turnover or out["turnover"]
    sim = uncertainty.simulate(plan, b.evidence(), target=target)
    metric = st.session_state.get("pl_sens_metric", "turnover")
    sens = sensitivity.sensitivity(plan, metric)
    history = b.turnover_history()
    proj = projection.project(history, 12, level=out["turnover"])
    return {
        "rows": rows, "total": total, "target": target, "sim": sim, "sens": sens, "proj": proj,
        "history": history,
        "hist": up.histogram(sim["samples"], {"P10": sim["p10"], "P50": sim["p50"], "P90": sim["p90"]}),
        "tornado": up.tornado(sens, ui.t(f"planner.target.{metric}")),
        "projection": up.projection(history, proj["rows"]),
    }


def forecast_exports(fc: dict) -> tuple[list, dict]:
    """The forecast's charts and tables for the HTML and XLSX exports."""
    tables = {"sensitivity": pd.DataFrame(fc["sens"]),
              "projection": pd.DataFrame(fc["proj"]["rows"], columns=["month", "turnover"]),
              "pipeline": pd.DataFrame(fc["rows"])}
    return [fc["tornado"], fc["projection"], fc["hist"]], tables


def forecast_tab(b, fc: dict) -> None:
    rows, total, sim = fc["rows"], fc["total"], fc["sim"]
    st.subheader(ui.t("planner.fc.pipeline"))
    table = pd.DataFrame({
        ui.t("planner.fc.stage"): [str(r["stage"]) for r in rows],
        ui.t("planner.fc.deals"): [ui.num(r["deals"]) for r in rows],
        ui.t("planner.fc.amount"): [ui.money(r["amount"]) for r in rows],
        ui.t("planner.fc.p_ladder"): [ui.pct(r["ladder_probability"], 0) for r in rows],
        ui.t("planner.fc.p_learned"): [ui.pct(r["learned_probability"], 0) for r in rows],
        ui.t("planner.fc.w_ladder"): [ui.money(r["weighted_ladder"]) for r in rows],
        ui.t("planner.fc.w_learned"): [ui.money(r["weighted_learned"]) for r in rows]})
    st.dataframe(table, hide_index=True, width="stretch", key="pl_pipeline")
    c = st.columns(3)
    c[0].metric(ui.t("planner.fc.open_amount"), ui.money(total["amount"]))
    c[1].metric(ui.t("planner.fc.w_ladder"), ui.money(total["weighted_ladder"]))
    c[2].metric(ui.t("planner.fc.w_learned"), ui.money(total["weighted_learned"]))

    st.subheader(ui.t("planner.fc.uncertainty"))
    c = st.columns(4)
    c[0].metric("P10", ui.money(sim["p10"]))
    c[1].metric("P50", ui.money(sim["p50"]))
    c[2].metric("P90", ui.money(sim["p90"]))
    c[3].metric(ui.t("planner.fc.p_target", target=ui.money(fc["target"])), ui.pct(sim["p_target"], 0))
    st.caption(ui.t("planner.fc.uncertainty_note", leads=ui.num(b.leads), won=ui.num(b.won),
                    sample=ui.num(len(b.check_sample))))
    st.plotly_chart(fc["hist"], key="pl_hist", width="stretch")

    st.subheader(ui.t("planner.fc.sensitivity"))
    # forecast() read this choice from the session state already; the radio shows and changes it
    st.radio(ui.t("planner.fc.metric"), ("turnover", "profit"), horizontal=True, key="pl_sens_metric",
             format_func=lambda k: ui.t(f"planner.target.{k}"))
    st.plotly_chart(fc["tornado"], key="pl_tornado", width="stretch")

    st.subheader(ui.t("planner.fc.projection"))
    st.caption(ui.t("planner.fc.seasonal" if fc["proj"]["seasonal"] else "planner.fc.flat",
                    months=len(fc["history"])))
    st.plotly_chart(fc["projection"], key="pl_projection", width="stretch")


def backtest_tab(b) -> None:
    history = b.turnover_history()
    if len(history) < 4:
        st.info(ui.t("planner.bt.short"))
        return
    st.caption(ui.t("planner.bt.intro"))
    months = [d for d, _ in history][2:]
    c = st.columns(2)
    cutoff = c[0].selectbox(ui.t("planner.bt.cutoff"), months, index=max(0, len(months) - 6),
                            format_func=lambda d: f"{d:%m.%Y}", key="pl_bt_cutoff")
    horizon = c[1].slider(ui.t("planner.bt.horizon"), 1, 12, 6, key="pl_bt_horizon")
    res = bt.backtest(history, cutoff, horizon)
    c = st.columns(2)
    label = ui.t(f"planner.bt.{res['metric']}") if res["metric"] else ui.t("planner.bt.none")
    c[0].metric(label, ui.pct(res["error"], 1))
    c[1].metric(ui.t("planner.bt.train"), ui.num(res["train_months"]))
    st.caption(ui.t("planner.bt.metric_note"))
    st.plotly_chart(up.backtest_chart(res["rows"]), key="pl_bt_chart", width="stretch")


# ---- scenarios and export -------------------------------------------------------------------
SUMMARY = ("leads", "conversion", "effective_conversion", "avg_check", "deals", "turnover", "budget",
           "romi", "profit", "capacity", "sellers_needed")


SHARES = {"conversion", "effective_conversion", "romi"}
MONEY = {"avg_check", "turnover", "budget", "profit"}


def shown(key: str, value) -> str:
    """A figure as the screen shows it: money, a percentage or a number; "—" when missing."""
    if key in SHARES:
        return ui.pct(value, 2 if key != "romi" else 0)
    if key in MONEY:
        return ui.money(value)
    return ui.num(value, 1 if key == "deals" else 0)


def _summary(out: dict) -> list:
    return [shown(k, out.get(k)) for k in SUMMARY]


def _write(fn, *args, **kwargs) -> bool:
    try:
        with ui.get_store().transaction() as cur:
            fn(cur, ui.workspace_id(), *args, actor=ui_auth.current_user(), **kwargs)
        return True
    except FunnelError as exc:
        ui.show_error(exc)
        return False


def scenarios_tab(b, base: Plan, plan: Plan, out: dict, current: edits.Edits, figures: list, tables: dict) -> None:
    with ui.cursor() as cur:
        saved = sc.list_scenarios(cur, ui.workspace_id())
    editable = up.can_edit()
    if editable:
        c = st.columns([3, 1])
        name = c[0].text_input(ui.t("planner.sc.name"), key="pl_sc_name", max_chars=sc.MAX_NAME)
        c[1].write("")
        if c[1].button(ui.t("planner.sc.save"), key="pl_sc_save", icon=":material/save:") and \
                _write(sc.save_scenario, name, plan, overwrite=st.session_state.get("pl_sc_overwrite", False),
                       edits=current):
            # shown on the next run: a message drawn just before st.rerun() is never seen
            st.session_state["pl_sc_flash"] = ui.t("planner.sc.saved", name=ui.plain(name))
            st.rerun()
        if flash := st.session_state.pop("pl_sc_flash", None):
            st.success(flash)
        st.checkbox(ui.t("planner.sc.overwrite"), key="pl_sc_overwrite")
    else:
        st.info(ui.t("planner.sc.viewer"))
    by_name = {s.name: s for s in saved}
    if saved:
        st.subheader(ui.t("planner.sc.compare"))
        chosen = st.multiselect(ui.t("planner.sc.pick_compare"), list(by_name), default=list(by_name)[:2],
                                key="pl_sc_compare")
        columns = {ui.t("planner.sc.baseline"): _summary(evaluate(base.with_(target_turnover=None, target_profit=None)))
                   + edit_summary(b, edits.Edits()),
                   ui.t("planner.sc.current"): _summary(out) + edit_summary(b, current)}
        for name in chosen:
            try:
                columns[name] = _summary(evaluate(by_name[name].plan())) + edit_summary(b, by_name[name].edits())
            except FunnelError:
                columns[name] = ["—"] * (len(SUMMARY) + len(EDIT_SUMMARY))
        labels = [ui.t(f"planner.out.{k}") for k in SUMMARY + EDIT_SUMMARY]
        table = pd.DataFrame({ui.t("planner.sc.metric"): labels, **columns})
        st.dataframe(table, hide_index=True, width="stretch", key="pl_sc_table")
        plans = [f"{s.name}: {s.plan_from:%d.%m.%Y} – {s.plan_to:%d.%m.%Y}" for s in saved if s.is_plan]
        st.caption(ui.t("planner.sc.plans", plans="; ".join(ui.plain(p) for p in plans) if plans else "—"))
        pick = st.selectbox(ui.t("planner.sc.pick"), list(by_name), key="pl_sc_pick")
        c = st.columns(4)
        if c[0].button(ui.t("planner.sc.open"), key="pl_sc_open", on_click=_open, args=(by_name[pick], base)):
            pass
        if editable:
            new = c[1].text_input(ui.t("planner.sc.new_name"), key="pl_sc_new", label_visibility="collapsed",
                                  placeholder=ui.t("planner.sc.new_name"))
            if c[2].button(ui.t("planner.sc.rename"), key="pl_sc_rename") and _write(sc.rename_scenario, pick, new):
                st.rerun()
            if c[3].button(ui.t("planner.sc.delete"), key="pl_sc_delete", type="primary") and \
                    _write(sc.delete_scenario, pick):
                st.rerun()
            c = st.columns([2, 1])
            default = (b.date_to.replace(day=1) if b.date_to else date.today(), b.date_to or date.today())
            period = c[0].date_input(ui.t("planner.sc.plan_period"), value=default, key="pl_sc_period")
            if c[1].button(ui.t("planner.sc.mark"), key="pl_sc_mark"):
                if isinstance(period, (tuple, list)) and len(period) == 2 and \
                        _write(sc.mark_plan, pick, period[0], period[1]):
                    st.rerun()
    st.subheader(ui.t("planner.export.title"))
    title = st.session_state.get("pl_sc_name") or ui.t("planner.export.default_title")
    inputs = {ui.t(f"planner.lever.{k}"): v for k, v in plan.inputs().items() if k in up.LEVERS}
    outputs = {ui.t(f"planner.out.{k}"): out.get(k) for k in SUMMARY}
    outputs.update({ui.t(f"planner.out.{k}"): v for k, v in edit_figures(b, current).items()})
    edit_part = edit_tables(b, current)
    edit_names = set(edit_part)
    tables = {**edit_part, **tables}
    lang = ui.lang()  # the callables run on another thread, after this script run
    c = st.columns(2)
    c[0].download_button(ui.t("planner.export.html"),
                         lambda: html_report(title, inputs, outputs, figures, lang=lang,
                                             tables={k: v for k, v in tables.items() if k in edit_names}),
                         "plan.html", "text/html", key="pl_export_html", icon=":material/download:",
                         on_click="ignore")
    c[1].download_button(ui.t("planner.export.xlsx"), lambda: xlsx_report(inputs, outputs, tables, lang=lang),
                         "plan.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         key="pl_export_xlsx", icon=":material/download:", on_click="ignore")


def _open(scenario, base: Plan) -> None:
    try:
        plan, saved_edits = scenario.plan(), scenario.edits()
    except FunnelError:
        return
    up.reset_to(up._fill(plan, base), saved_edits)
    st.session_state[up.K_REVERSE] = plan.target_turnover is not None or plan.target_profit is not None
