"""The planner's stage-chain and channel-mix tabs, whose edits (overrides of the
baseline, funnel.model.edits) travel in the link and in saved scenarios."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

import ui
from funnel import formatting
from funnel.errors import FunnelError
from funnel.formatting import DASH
from funnel.model import edits, mix, precision
from funnel.model.chain import StageChain
from funnel.model.result import PlanResult
from ui import numbox, state
from ui.cards import grid_and_cards
from ui.show import aligned_columns, fitted_columns
from ui.text import places
from ui.views.planner import charts
from ui.views.planner import levers as up
from ui.views.planner.mix_cells import MIX_COLUMNS, cell_text, typed_cells

STEP_DIGITS = 2  # a stage's conversion in percent, to the slider's step (0.01 %)


def chain_tab(b, r: PlanResult) -> None:
    """The stage chain's sliders; the steps moved away from the baseline are kept as the plan's
    chain edits (levers.keep_edits). Its turnover and counts are the run's result's (what the
    headline shows)."""
    plan = r.plan
    if not b.chain:
        # deals but no leads: the Funnel shows their stages, the chain (from a lead) cannot start
        no_leads = b.source == "deals"
        st.info(
            ui.t("planner.chain.no_leads", deals=ui.num(b.entered))
            if no_leads
            else ui.none_note(b.workspace_id, ("deals",), "common.no_deals_workspace", "planner.chain.empty")
        )
        return
    st.caption(ui.t("planner.chain.intro"))
    # the demo's stage names in the session's language (ui.label: funnel.demo_names), as the
    # Funnel page shows them; a user's own stages as loaded
    names = [ui.label(s) for s, _ in b.chain]
    labels = [
        ui.t("planner.chain.first", to=ui.plain(names[1] if len(names) > 1 else ""))
        if i == 0
        else ui.t(
            "planner.chain.step",
            frm=ui.plain(n),
            to=ui.plain(names[i + 1]) if i + 1 < len(names) else ui.t("planner.chain.won"),
        )
        for i, n in enumerate(names)
    ]
    base = b.stage_chain()
    _stale_note("planner.chain.stale", up.current_edits().apply_chain(base)[1])
    # The chain is the plan's conversion taken apart: the steps set by hand (the plan's chain
    # edits) stay, the others move together so that the steps multiply out to the headline's
    # conversion (edits.plan_chain, which the scenario comparison reads too); moving a step sets
    # the conversion to the new product.
    current = edits.plan_chain(up.current_edits(), base, plan.conversion)
    keys = [state.PL_CHAIN.of(i) for i in range(len(current.steps))]
    for key, (_, rate) in zip(keys, current.steps, strict=True):
        key.set(rate * 100)
    names_in_order = [name for name, _ in base.steps]
    lang = ui.lang()
    written = up.grid_labels(lang, 0.0, 100.0, 0.1)  # "0" … "59,7" … "100", kept per process
    rates = []
    for i, label in enumerate(labels):
        if i % 2 == 0:  # a row of two per pair: on a phone the rows stack in the chain's order (1, 2, 3 …)
            # bottom-aligned: a label that wraps (1280 px, «Первичный интерес → Подтверждённый
            # интерес, %») pushes its own label up, not its slider below its neighbour's
            cols = st.columns(2, vertical_alignment="bottom")
        shown = float(keys[i].get() or 0.0)
        # a slider of options written in Python, as the levers with decimals (levers.lever): its
        # thumb reads "59,75" on a Russian screen, "59.75" on an English one (Streamlit's own
        # slider writes a point in every language, so the Russian thumb was hidden); a 0,1 %
        # grid with the step's own value in it, and beside it a box to type any 0,01 %
        c1, c2 = cols[i % 2].columns([3, 1.3], vertical_alignment="bottom")
        rates.append(
            c1.select_slider(
                label,
                options=_step_options(written, shown, lang),
                key=keys[i],
                format_func=lambda x: written.get(x) or formatting.number(x, lang, places(x, STEP_DIGITS)),
                on_change=_chain_moved,
                args=(i, names_in_order),
            )
            / 100
        )
        box = state.PL_CHAIN_BOX.of(i)
        numbox.draw(
            c2, label, str(box), shown, STEP_DIGITS, collapsed=True, on_change=_chain_typed, args=(i, names_in_order)
        )
    chain = StageChain(tuple((name, rate) for (name, _), rate in zip(base.steps, rates, strict=True)))
    out = r.shown
    c = st.columns(2)
    c[0].metric(ui.t("planner.chain.conversion"), ui.rate(chain.conversion))
    c[1].metric(ui.t("planner.m.turnover"), ui.money(out["turnover"]))
    reached = chain.reached(out["total_leads"])
    table = pd.DataFrame(
        {
            ui.t("planner.chain.col_step"): [lb.removesuffix(", %") for lb in labels],
            ui.t("planner.chain.col_rate"): [ui.rate(r) for _, r in chain.steps],
            ui.t("planner.chain.col_count"): [_count(n) for _, n in reached],
        }
    )
    count_col = ui.t("planner.chain.col_count")
    config = aligned_columns(table)  # the rates and counts on the right, digits in line
    config[count_col] = st.column_config.TextColumn(alignment="right", help=ui.t("planner.chain.col_count_help"))
    grid_and_cards(  # on a phone a card a step (ui.cards)
        table,
        key="pl_chain_table",
        column_config=config,
        hide_index=True,
        width="stretch",
        placeholder=DASH,
    )


def _step_options(written: dict[float, str], shown: float, lang: str) -> list[float]:
    """A step slider's options: the 0,1 % grid with the step's exact value in it, in place of the
    grid's option written the same ("17" for 17,0047 beside the grid's 17): a slider of options
    tells its value by its text, so two options written alike moved the step to the grid's 17 on
    the next run, and the plan's conversion with it."""
    return up.grid_options(written, shown, formatting.number(shown, lang, places(shown, STEP_DIGITS)))


def _chain_moved(index: int, names: list[str]) -> None:
    """on_change of chain slider ``index``: that step becomes one the plan's edits set by hand,
    and the plan's conversion the chain's new product."""
    rates = [float(state.PL_CHAIN.of(i).get() or 0.0) / 100 for i in range(len(names))]
    kept = dict(up.current_edits().chain)
    kept[names[index]] = rates[index]
    up.keep_edits(chain=tuple((n, kept[n]) for n in names if n in kept))
    up.set_lever("conversion", math.prod(rates))
    numbox.forget(str(state.PL_CHAIN_BOX.of(index)))  # the box shows the step as moved


def _chain_typed(index: int, names: list[str]) -> None:
    """on_change of chain box ``index``: a number typed in the language (numbox.read) moves the
    step as its slider would; a refused text stays in the box with the reason, the step unmoved."""
    slider = state.PL_CHAIN.of(index)
    typed = numbox.read(str(state.PL_CHAIN_BOX.of(index)), float(slider.get() or 0.0), STEP_DIGITS, 0.0, 100.0)
    if typed is not None:
        slider.set(typed)
        _chain_moved(index, names)


def _stale_note(key: str, names: list[str]) -> None:
    """Edits from a link or a scenario whose stage or channel the current data lacks are not
    applied to another row: say which ones were set aside."""
    if names:
        st.warning(ui.t(key, names=", ".join(f"«{ui.plain(n)}»" for n in names)))


def plan_channels(b) -> list[mix.Channel]:
    """The channel mix as the plan has it: the baseline's channels with the plan's table edits
    (the run's result computes its mix from these: funnel.model.result)."""
    return up.current_edits().apply_mix(b.mix_channels())[0]


def _cell(col: str, value: float, channel: str, known: dict, base: float | None) -> str | None:
    """A mix cell's text; None (the table's "—") for a lever the data does not give and nobody
    typed (the result's row has None there, funnel.model.gaps): its 0 read "0 ₽" as a fact.
    ``base``: the baseline's value of the cell; any other is the plan's own, written with every
    digit the model uses (mix_cells.cell_text)."""
    if col in ("cpl", "conversion", "avg_check") and channel in known and known[channel].get(col) is None:
        return None
    return cell_text(col, value, kept=base is None or abs(value - base) > 1e-9)


def _widget(col: str, channel: mix.Channel) -> float:
    """A channel's value in the table's units (the conversion in percent)."""
    return getattr(channel, col) * (100 if col == "conversion" else 1)


def mix_empty_key(workspace_id: str | None) -> str:
    """Why the channel table is empty, as a text key: the workspace has no leads (spend only: the
    spend is there, the leads are missing), no spend (leads only), neither (deals only), or both
    but no channel with both in the period (review #16: spend only read «no channel with spend
    and leads» while its spend was there)."""
    leads, spend = ui.has_rows(workspace_id, "leads"), ui.has_rows(workspace_id, "spend")
    if leads and spend:
        return "planner.mix.empty"
    return "planner.mix.no_spend" if leads else ("planner.mix.no_leads" if spend else "planner.mix.no_leads_spend")


def mix_tab(b, r: PlanResult) -> None:
    """The channel table; the rows changed from the baseline are kept as the plan's mix edits.
    Its figures are the run's result's mix (``r.mix``): a change in the table is kept and the
    page runs again, so the result, and every figure read from it, has it."""
    st.caption(ui.t("planner.mix.intro"))
    base = b.mix_channels()
    if not base or r.mix is None:
        st.info(ui.t(mix_empty_key(b.workspace_id)))
        return
    rows, stale = up.current_edits().apply_mix(base)
    _stale_note("planner.mix.stale", stale)
    # The table's numbers are texts written as the language writes them ("0,3", "125 607"):
    # Streamlit 1.67's number columns write a decimal point in every language (sprintf-js), and
    # its "localized" format follows the browser's language, not the app's.
    exact = {col: [_widget(col, c) for c in rows] for col in MIX_COLUMNS}
    known = {row["channel"]: row for row in r.mix["rows"]}  # None: a lever the data lacks, not typed
    was = {c.name: c for c in base}
    texts = {
        col: [
            _cell(col, v, c.name, known, _widget(col, was[c.name]) if c.name in was else None)
            for v, c in zip(exact[col], rows, strict=True)
        ]
        for col in MIX_COLUMNS
    }
    start = pd.DataFrame(
        {
            "channel": [c.name for c in rows],  # hidden: what the plan's edits are keyed by
            "name": [ui.label(c.name) for c in rows],  # as the Channels page names it (the demo's in the language)
            **texts,
        },
        dtype=object,
    )
    if state.PL_MIX_LANG.get() != ui.lang():  # the cells typed are in the other language's writing:
        state.PL_MIX.pop()  # start again from the plan's edits (kept in PL_EDITS), written in this one
        state.PL_MIX_LANG.set(ui.lang())
    st.data_editor(
        start,
        key=state.PL_MIX,
        hide_index=True,
        width="stretch",
        disabled=["name", "channel"],
        column_config={
            "name": ui.t("planner.mix.channel"),
            "channel": None,
            **{
                col: st.column_config.TextColumn(
                    ui.t(f"planner.mix.{col}"),
                    alignment="right",
                    help=ui.t("planner.mix.saturation_help") if col == "saturation" else None,
                )
                for col in MIX_COLUMNS
            },
        },
        placeholder=DASH,
    )
    values, refused = typed_cells(exact, [ui.label(c.name) for c in rows], texts)
    for name, col, reason in refused:
        column = ui.t(f"planner.mix.{col}")
        st.error(ui.t("planner.mix.refused", channel=ui.plain(name), column=column, reason=ui.plain(reason)))
    try:
        channels = [
            mix.Channel(
                c.name,
                values["budget"][i],
                values["cpl"][i],
                values["conversion"][i] / 100,
                values["avg_check"][i],
                values["saturation"][i],
                c.base_budget,
            )
            for i, c in enumerate(rows)
        ]
    except FunnelError as exc:
        ui.show_error(exc)
        return
    changed, kept = edits.mix_edits(base, channels), up.current_edits().mix
    if changed != tuple(e for e in kept if e[0] in {c.name for c in base}):
        up.keep_edits(mix=changed)
        st.rerun()  # the result is computed before the tabs: run again so it has this table
    elif changed != kept:
        up.keep_edits(mix=changed)  # stale rows (the warning above) are set aside; nothing else moved
    tot = r.mix["totals"]
    c = list(st.columns(4))
    # named as the table's: the headline above shows the same figures by the plan's own levers
    c[0].metric(ui.t("planner.mix.total.budget"), ui.money(tot["budget"]))
    c[1].metric(ui.t("planner.mix.total.leads"), charts.shown("leads", tot["leads"]))
    c[2].metric(
        ui.t("planner.mix.total.deals"), charts.shown("deals", tot["deals"]), help=ui.t("planner.mix.col.deals_help")
    )
    c[3].metric(ui.t("planner.mix.total.turnover"), ui.money(tot["turnover"]))
    out_leads, out_spend, out_names = b.mix_outside()
    if out_names:  # the headline counts them: say why the table's totals are smaller
        st.caption(
            ui.t(
                "planner.mix.outside",
                names=", ".join(ui.plain(ui.label(n)) for n in out_names),
                leads=_count(out_leads),
                spend=ui.money(out_spend),
            )
        )
    c = list(st.columns(3))
    c[0].metric(ui.t("planner.mix.total.cpl"), ui.money(tot["cpl"]))
    c[1].metric(ui.t("planner.mix.total.cac"), ui.money(tot["cac"]))
    romi_label = ui.t("planner.mix.total.romi")
    c[2].metric(romi_label, charts.shown("romi", tot["romi"]), help=ui.term_tip(romi_label))
    why = romi_why(tot, r.shown, out_spend)
    if why:
        st.caption(why)
    res = r.mix["rows"]
    # the CPL with one number of decimals (funnel.model.precision.column_places), whole as the
    # editor above writes it ("1 327 ₽" in both); leads and deals whole when their column reaches
    # 100 ("335", not beside "69,6"), else each as precision reads it ("1" beside "7,5", not «1,0»)
    cpl = precision.column_places("money", [r["cpl"] for r in res], MIX_COLUMNS["cpl"][0])
    leads, deals = (precision.column_each("count", [r[k] for r in res]) for k in ("leads", "deals"))
    # what the editor above does not show (and the conversion, which the deals follow), in short
    # headers whole at 1280 px: the ten columns, the editor's budget and check again among them,
    # ran to about 1 075 px in an 818 px box («Стоимость клиента» cut, ROMI behind a scroll);
    # each short header's tooltip names it in full; the scenario downloads keep the budget and check
    result = pd.DataFrame(
        {
            ui.t("planner.mix.channel"): [ui.label(r["channel"]) for r in res],
            ui.t("planner.mix.cpl"): [ui.money(r["cpl"], cpl) for r in res],  # the editor's header
            ui.t("planner.mix.col.leads"): [ui.num(r["leads"], d) for r, d in zip(res, leads, strict=True)],
            ui.t("planner.mix.conversion"): [ui.rate(r["conversion"]) for r in res],
            ui.t("planner.mix.col.deals"): [ui.num(r["deals"], d) for r, d in zip(res, deals, strict=True)],
            ui.t("planner.mix.col.turnover"): [ui.money(r["turnover"]) for r in res],
            ui.t("planner.mix.cac"): [ui.money(r["cac"]) for r in res],
            ui.t("planner.m.romi"): [charts.shown("romi", r["romi"]) for r in res],
        }
    )
    helps = {ui.t(f"planner.mix.{k}"): ui.t(f"planner.mix.col.{k.split('.')[-1]}_help") for k in MIX_RESULT_HELPS}
    grid_and_cards(
        result,
        column_config=fitted_columns(result, helps),
        hide_index=True,
        width="stretch",
        key="pl_mix_result",
        placeholder=DASH,
    )


MIX_RESULT_HELPS = ("cpl", "col.leads", "col.deals", "col.turnover")  # the result's headers with a tooltip


def romi_why(tot: dict, head: dict, outside_spend: float) -> str | None:
    """Why the table's ROMI is not the headline's, when they read differently: both worked out
    in numbers (the table's on each channel's CPL, conversion and check, the headline's on the
    plan's overall levers, its budget holding the spend of channels outside the table); None
    when they read the same or one of them is unknown."""
    romi = charts.shown("romi", tot["romi"])
    head_romi = charts.shown("romi", head.get("romi"))
    if tot["romi"] is None or head.get("romi") is None or romi == head_romi:
        return None
    outside = ui.t("planner.mix.romi_why_outside", spend=ui.money(outside_spend)) if outside_spend else ""
    return ui.t(
        "planner.mix.romi_why",
        romi=romi,
        turnover=ui.money(tot["turnover"]),
        budget=ui.money(tot["budget"]),
        head_romi=head_romi,
        head_turnover=ui.money(head["new_turnover"]),
        head_budget=ui.money(head["budget"]),
        outside=outside,
    )


EDIT_SUMMARY = edits.FIGURES


def edit_figures(b, e: edits.Edits, conversion: float | None) -> dict:
    """What a plan's table edits give on this baseline, its chain scaled to the plan's
    ``conversion`` as the chain tab shows it (funnel.model.edits.figures)."""
    return edits.on_baseline(b, e, conversion)  # "—" where the data lacks a lever


def edit_summary(fig: dict) -> list:
    """The comparison's rows of the chain and mix figures ``fig`` (edit_figures, or a saved
    scenario's: funnel.scenarios.Scenario.tables)."""
    return [
        ui.rate(fig["chain_conversion"]),
        ui.money(fig["mix_budget"]),
        ui.money(fig["mix_turnover"]),
        ui.pct(fig["mix_romi"], precision.figure("mix_romi", "share", None)),
    ]


def edit_tables(b, e: edits.Edits, conversion: float | None) -> dict[str, pd.DataFrame]:
    """The stage chain (scaled to the plan's ``conversion``, as its tab shows it) and the channel
    mix as this plan has them, for the exports."""
    out = {}
    if b.chain:
        chain = edits.plan_chain(e, b.stage_chain(), conversion)
        out[ui.t("planner.tab.chain")] = pd.DataFrame(
            {
                ui.t("planner.chain.col_step"): [n for n, _ in chain.steps],
                ui.t("planner.chain.col_rate"): [r for _, r in chain.steps],
            }
        )
    if channels := b.mix_channels():
        res = edits.mix_result(e, channels, b.gaps())["rows"]  # None where the data lacks a lever
        out[ui.t("planner.tab.mix")] = pd.DataFrame(
            {
                ui.t("planner.mix.channel"): [ui.label(r["channel"]) for r in res],
                ui.t("planner.mix.budget"): [r["budget"] for r in res],
                ui.t("planner.mix.cpl"): [r["cpl"] for r in res],
                ui.t("planner.mix.leads"): [r["leads"] for r in res],
                ui.t("planner.mix.conversion"): [r["conversion"] for r in res],
                ui.t("planner.mix.avg_check"): [r["avg_check"] for r in res],
                ui.t("planner.m.turnover"): [r["turnover"] for r in res],
            }
        )
    return out


def _count(x) -> str:
    """A count as a person reads it (funnel.model.precision): "216", "40,4", not "215,9"."""
    return ui.num(x, precision.places("count", x))
