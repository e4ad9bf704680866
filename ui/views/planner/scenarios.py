"""The planner's scenarios tab: save, compare, open, rename, delete and mark a scenario as the
plan, and the plan's HTML and XLSX exports. Writes go through funnel.scenarios with the
signed-in user as ``actor`` (role-checked there)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

import ui
from funnel import scenarios as sc
from funnel.errors import FunnelError
from funnel.formatting import DASH
from funnel.model import counts, edits
from funnel.model import gaps as gaps_model
from funnel.model.active import ActiveResult
from funnel.model.active import evaluate as evaluate_active
from funnel.model.plan import Plan, evaluate
from funnel.report.pdf import CHROMIUM
from funnel.report.pdf import available as pdf_available
from funnel.report_export import SUMMARY, html_report, pdf_report, plan_inputs, xlsx_report
from ui import auth, state
from ui.cards import grid_and_cards
from ui.picker import date_picker
from ui.show import aligned_columns
from ui.views.planner import active as active_tab
from ui.views.planner import active_result as act
from ui.views.planner import charts
from ui.views.planner import gaps as gaps_view
from ui.views.planner import levers as up
from ui.views.planner.edits import EDIT_SUMMARY, edit_figures, edit_summary, edit_tables

shown = charts.shown  # a figure as the headline shows it (funnel.model.precision.figure)


def _summary(out: dict) -> list:
    """``out``'s SUMMARY figures as shown, its leads and deals whole as the goals taken from a
    plan have them (funnel.model.counts.month_counts); a lever the data does not give and the
    plan never typed (``unknown``, funnel.model.gaps) is "—", not the 0 it starts at."""
    unknown = set(out.get("unknown") or ())
    whole = counts.month_counts(out)
    return [shown(k, None if k in unknown else whole.get(k, out.get(k))) for k in SUMMARY]


def _active_of(scenario: sc.Scenario) -> ActiveResult | None:
    """The scenario's active-sales result (the pure model: no query), None when it has none or
    its stored inputs are not a plan's (the column then shows "—")."""
    try:
        plan = scenario.active()
    except FunnelError:
        return None
    return None if plan is None else evaluate_active(plan)


def _saved_without_active(scenario: sc.Scenario) -> bool:
    """The scenario was saved without an active-sales plan (its active rows read "—"); False for
    one whose stored plan cannot be read (its whole column reads "—" for that)."""
    try:
        return scenario.active() is None
    except FunnelError:
        return False


def _quoted(names: list[str]) -> str:
    return ", ".join(f"«{ui.plain(n)}»" if ui.lang() == "ru" else f"“{ui.plain(n)}”" for n in names)


_MIX = slice(len(SUMMARY) + 1, len(SUMMARY) + len(EDIT_SUMMARY))  # the mix rows (after the chain's)


def same_mix_other_levers(columns: list[list]) -> bool:
    """Whether two columns of the comparison (each its SUMMARY rows, then EDIT_SUMMARY's) show the
    same channel mix (not "—") beside other plan figures: the mix is the mix tab's table, which
    the levers do not move, so a scenario of 20 % more leads showed its baseline's mix, and the
    comparison did not say why."""
    seen: dict[tuple, set[tuple]] = {}
    for col in columns:
        mix = tuple(col[_MIX])
        if any(v not in (None, DASH) for v in mix):
            seen.setdefault(mix, set()).add(tuple(col[: len(SUMMARY)]))
    return any(len(plans) > 1 for plans in seen.values())


def _write(fn, *args, **kwargs) -> bool:
    try:
        with ui.get_store().transaction() as cur:
            fn(cur, ui.workspace_id(), *args, actor=auth.current_user(), **kwargs)
        return True
    except FunnelError as exc:
        ui.show_error(exc)
        return False


def scenarios_tab(
    b,
    base: Plan,
    plan: Plan,
    out: dict,
    base_out: dict,
    current: edits.Edits,
    figures: list,
    tables: dict,
    active: ActiveResult | None = None,
    note: str | list[str] | None = None,
) -> None:
    """``active``: the run's active-sales result (PlanResult.active; None: the plan has none): its
    plan is saved with the scenario and its section goes into the reports. ``note``: a sentence
    the reports carry after the baseline's (the one said in place of a waterfall that cannot be
    drawn, tabs.waterfall_note), or sentences (the sensitivity's rows left out, and why)."""
    with ui.cursor() as cur:
        saved = sc.list_scenarios(cur, ui.workspace_id() or "")
    editable = up.can_edit()
    # no figure of the plan's own, at most the data's spend as the budget (and the active tab, if
    # opened, its untouched example): nothing to keep or report (review #16)
    from_spend = b.gaps().budget_from_spend(plan, base)
    empty = gaps_model.nothing_known(out, from_spend) and (
        active is None or active_tab.only_example(b, base, active.plan)
    )
    dashes = gaps_view.listing([ui.t(f"gaps.fig.{f}") for f in gaps_model.unknown_figures(out)])  # still "—"
    if editable and empty:  # a form that would save a page of "—": said in one line instead (review #16)
        st.info(ui.t("planner.sc.no_result", figures=dashes))
    elif editable:
        c = st.columns([3, 1])
        name = c[0].text_input(ui.t("planner.sc.name"), key=state.PL_SC_NAME, max_chars=sc.MAX_NAME)
        c[1].write("")
        if c[1].button(ui.t("planner.sc.save"), key="pl_sc_save", icon=":material/save:") and _write(
            sc.save_scenario,
            name,
            plan,
            overwrite=state.PL_SC_OVERWRITE.get(),
            edits=current,
            active=active.plan if active is not None else None,
            tables=edit_figures(b, current, plan.conversion),  # the mix is this baseline's: kept as shown
        ):
            # shown on the next run: a message drawn just before st.rerun() is never seen
            state.PL_SC_FLASH.set(name)  # the message is made where it is shown, escaped there
            state.compare_also(name, [s.name for s in saved])  # the one just saved joins the comparison
            st.rerun()
        if just_saved := state.PL_SC_FLASH.pop():
            st.success(ui.t("planner.sc.saved", name=ui.plain(just_saved)))
        st.checkbox(ui.t("planner.sc.overwrite"), key=state.PL_SC_OVERWRITE)
    else:
        st.info(ui.t("planner.sc.viewer"))
    by_name = {s.name: s for s in saved}
    if saved:
        st.subheader(ui.t("planner.sc.compare"))
        chosen = st.multiselect(
            ui.t("planner.sc.pick_compare"), list(by_name), default=list(by_name)[:2], key=state.PL_SC_COMPARE
        )
        columns = {
            ui.t("planner.sc.baseline"): _summary(base_out) + edit_summary(edit_figures(b, edits.Edits(), None)),
            ui.t("planner.sc.current"): _summary(out) + edit_summary(edit_figures(b, current, plan.conversion)),
        }
        outbound: dict[str, ActiveResult | None] = {ui.t("planner.sc.current"): active}
        without_tables = []  # saved before the chain's and mix's figures were kept with a scenario
        for name in chosen:
            try:
                saved_plan = by_name[name].plan()  # a lever the data lacks and the plan never typed: "—"
                by_name[name].edits()  # edits that are not a plan's: the whole column "—", not a plan without them
                figures_of = b.gaps().apply(evaluate(saved_plan), saved_plan, base)
                # the chain and mix as they were saved, not today's baseline's under every name
                kept = by_name[name].tables()
                if kept is None:
                    without_tables.append(name)
                columns[name] = _summary(figures_of) + edit_summary(kept or dict.fromkeys(EDIT_SUMMARY))
            except FunnelError:
                columns[name] = ["—"] * (len(SUMMARY) + len(EDIT_SUMMARY))
            outbound[name] = _active_of(by_name[name])
        labels = [ui.t(f"planner.out.{k}") for k in SUMMARY + EDIT_SUMMARY]
        mix_apart = same_mix_other_levers(list(columns.values()))  # before the active rows join them
        active_rows = any(r is not None for r in outbound.values())
        if active_rows:  # rows only when some column has active sales
            labels += act.compare_labels()
            for name in columns:
                columns[name] = columns[name] + act.compare_column(outbound.get(name))
        table = pd.DataFrame({ui.t("planner.sc.metric"): labels, **columns})
        # every row shown: the active-sales rows come last and hid behind the table's own scroll bar
        grid_and_cards(
            table,
            hide_index=True,
            width="stretch",
            height="content",
            key="pl_sc_table",
            placeholder=DASH,
            column_config=aligned_columns(table, table.columns[1:]),  # every column but the figure's name
        )
        if without_tables:
            st.caption(ui.t("planner.sc.no_tables", n=len(without_tables), names=_quoted(without_tables)))
        if mix_apart:  # «2026» and «2026 +20%»: other leads, the same mix, unexplained (review #16)
            st.caption(ui.t("planner.sc.mix_apart"))
        # their active-sales rows read "—" beside the plan on screen, unexplained (review #16)
        bare = [n for n in chosen if _saved_without_active(by_name[n])] if active_rows else []
        if bare:
            st.caption(ui.t("planner.sc.no_active", n=len(bare), names=_quoted(bare)))
        plans = [f"{s.name}: {ui.period(s.plan_from, s.plan_to)}" for s in saved if s.is_plan]
        st.caption(ui.t("planner.sc.plans", plans="; ".join(ui.plain(p) for p in plans) if plans else "—"))
        pick = st.selectbox(ui.t("planner.sc.pick"), list(by_name), key="pl_sc_pick")
        c = list(st.columns(4))
        if c[0].button(ui.t("planner.sc.open"), key="pl_sc_open", on_click=_open, args=(by_name[pick], base)):
            pass
        if editable:
            new = c[1].text_input(
                ui.t("planner.sc.new_name"),
                key="pl_sc_new",
                label_visibility="collapsed",
                placeholder=ui.t("planner.sc.new_name"),
            )
            if c[2].button(ui.t("planner.sc.rename"), key="pl_sc_rename") and _write(sc.rename_scenario, pick, new):
                st.rerun()
            if c[3].button(ui.t("planner.sc.delete"), key="pl_sc_delete", type="primary") and _write(
                sc.delete_scenario, pick
            ):
                st.rerun()
            c = st.columns([2, 1])
            # The picked scenario's own plan period when it is a plan (a year's plan showed this
            # month's dates, and «Сделать планом» would have made it a plan for one month), else
            # this month: a plan is for a month to come, not the data's last. Set again when
            # another scenario is picked, or when a language switch reset the picker.
            picked = by_name[pick]
            if state.PL_SC_PERIOD_FOR.get() != pick or not state.PL_SC_PERIOD.present():
                own = picked.is_plan and picked.plan_from and picked.plan_to
                state.PL_SC_PERIOD.set((picked.plan_from, picked.plan_to) if own else state.this_month(date.today()))
                state.PL_SC_PERIOD_FOR.set(pick)
            period = date_picker(ui.t("planner.sc.plan_period"), where=c[0], key=state.PL_SC_PERIOD)
            if c[1].button(ui.t("planner.sc.mark"), key="pl_sc_mark"):
                if (
                    isinstance(period, (tuple, list))
                    and len(period) == 2
                    and _write(sc.mark_plan, pick, period[0], period[1])
                ):
                    st.rerun()
    st.subheader(ui.t("planner.export.title"))
    # a report of "—" (and of the data's spend, or, if the active tab was opened, of its untouched
    # example): say what is missing
    if empty:
        # a CPL typed over spend alone leaves the spend the budget (gaps.spend_only_rule): not named
        to_type = [f for f in out.get("unknown") or () if not (from_spend and f == "cpl")]
        levers = gaps_view.levers_text(to_type, b.source)
        st.info(ui.t("gaps.no_export_result", figures=dashes, levers=levers))
        return
    title = state.PL_SC_NAME.get() or ui.t("planner.export.default_title")
    unknown = set(out.get("unknown") or ())  # levers the data does not give, not typed: "—", not 0
    inputs = {ui.t(f"planner.lever.{k}"): None if k in unknown else v for k, v in plan_inputs(plan).items()}
    outputs = {ui.t(f"planner.out.{k}"): None if k in unknown else out.get(k) for k in SUMMARY}
    outputs.update({ui.t(f"planner.out.{k}"): v for k, v in edit_figures(b, current, plan.conversion).items()})
    edit_part = edit_tables(b, current, plan.conversion)
    edit_names = set(edit_part)
    tables = {**edit_part, **tables}
    lang, currency = ui.lang(), ui.currency()  # the callables run on another thread, after this script run
    notes = [
        gaps_view.baseline_line(b),
        *([note] if isinstance(note, str) else note or []),
    ]  # where the baseline came from, on which basis
    about = report_about(b)
    shown_tables = {k: v for k, v in tables.items() if k in edit_names}

    def page(render):
        """The HTML or the PDF report (one page, two formats) as the download button's callable."""
        return lambda: render(
            title,
            inputs,
            outputs,
            figures,
            lang=lang,
            currency=currency,
            notes=notes,
            tables=shown_tables,
            active=active,
            about=about,
        )

    row = ui.download_row("pl_export")  # HTML, PDF, XLSX side by side, as a table's CSV and XLSX
    row.download_button(
        ui.t("planner.export.html"),
        page(html_report),
        "plan.html",
        "text/html",
        key="pl_export_html",
        icon=":material/download:",
        on_click="ignore",
    )
    if pdf_available():
        row.download_button(
            ui.t("report.pdf"),
            page(pdf_report),
            "plan.pdf",
            "application/pdf",
            key="pl_export_pdf",
            icon=":material/download:",
            on_click="ignore",
        )
    row.download_button(
        ui.t("planner.export.xlsx"),
        lambda: xlsx_report(inputs, outputs, tables, lang=lang, currency=currency, active=active, about=about),
        "plan.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="pl_export_xlsx",
        icon=":material/download:",
        on_click="ignore",
    )
    if not pdf_available():  # under the row, not in it between the HTML and the XLSX buttons
        st.caption(ui.t("report.no_chromium", path=CHROMIUM))


def report_about(b) -> dict[str, str]:
    """What the plan report names under its title (and atop the workbook): the workspace, and the
    period of the data the baseline comes from ("—" for a baseline without dates)."""
    ws = ui.workspace()
    period = ui.period(b.date_from, b.date_to) if b.date_from and b.date_to else "—"
    name = ui.ws_name(ws) if ws else "—"  # the demo's name in the report's language («Демо»)
    return {ui.t("planner.export.workspace"): name, ui.t("planner.export.data_period"): period}


def _open(scenario, base: Plan) -> None:
    try:
        plan, saved_edits, active = scenario.plan(), scenario.edits(), scenario.active()
    except FunnelError:
        return
    up.reset_to(up.fill_from_base(plan, base), saved_edits)
    up.put_active(active)  # a scenario saved without one: the tab starts from the data again
    state.PL_REVERSE.set(plan.target_turnover is not None or plan.target_profit is not None)
