"""The planner's headline parts (baseline caption, reverse answer, waterfall steps, capacity
note) and its lever tabs (web chain, capacity, repeat customers). Numbers come from
funnel.model; this module only turns them into widgets, tables and charts."""

from __future__ import annotations

import math
from collections.abc import Callable

import streamlit as st

import ui
from funnel.errors import FunnelError
from funnel.model import capacity as cap
from funnel.model import pipeline, precision, repeat
from funnel.model.plan import Plan
from funnel.model.result import PlanResult
from ui import numbox, state
from ui.views.planner import charts
from ui.views.planner import levers as up
from ui.views.planner.lacking import lacking_text

# Without leads the base is deals entering the pipeline: its levers are named for what they count,
# and the CPL, which has no leads to price, is the price of a deal entering (budget = deals × it),
# an empty box to type as on a leads-only workspace (the CPL there: not in the data).
LABELS_BY_SOURCE = {
    "deals": {
        "leads": "planner.lever.deals_in",
        "conversion": "planner.lever.win_rate",
        "cpl": "planner.lever.deal_in_cost",
        "contacts_per_seller": "planner.lever.deals_per_seller",
    }
}


def lever_label(b, field: str) -> str | None:
    """The label key of a lever when the baseline counts something else (deals, not leads)."""
    return LABELS_BY_SOURCE.get(b.source, {}).get(field)


def missing_note(b) -> None:
    """Say which levers the data cannot give, or that there is no baseline at all."""
    if b.is_empty:
        st.info(ui.t("planner.empty"))
    elif b.basis == "cohort" and b.source == "leads" and b.leads == 0 and b.maturing:
        st.info(ui.t("planner.cohort.all_maturing", maturing=ui.num(b.maturing), days=ui.num(b.window_days)))
    elif b.missing():  # in the words the gaps' sentence and the Workshop use (lacking_text)
        st.info(ui.t("planner.missing", lacking=lacking_text(b.missing(), b.source)))


def _count(x) -> str:
    """A count as a person reads it (funnel.model.precision): "1 270", "2,5"."""
    return ui.num(x, precision.places("count", x))


def _share(x) -> str:
    """A conversion or win rate as a person reads it (ui.rate): «3,18 %», «22,7 %»."""
    return ui.rate(x)


def exact_note(b) -> str:
    """The sentence saying the levers show the baseline rounded while the model keeps it exact,
    when one of them is (funnel.model.precision); empty otherwise."""
    p = b.plan()
    rounded = any(
        precision.rounded_away(kind, value)
        for kind, value in (
            ("count", p.leads),
            ("share", p.conversion * 100),
            ("money", p.avg_check),
            ("money", p.cpl),
        )
    )
    return " " + ui.t("planner.baseline_exact") if rounded else ""


def _months(x: float) -> str:
    return ui.num(x, 2 if x != int(x) else 0)


def base_period(b) -> str:
    """The baseline's period, in the one wording every page uses (the Planner's baseline lines,
    its spend-only line, the Workshop's and the presenter's): the chosen period and its months
    («База: 01.11.2025–31.10.2026, 12 мес.»), and, when the data covers part of it
    (funnel.baseline.covered), the months a figure a month is over («…; данные есть за 6 мес.
    (май – окт. 2026), значения в месяц посчитаны по ним.»: 300 leads in May–October are 50 a month, not 25)."""
    period = ui.period(b.date_from, b.date_to) if b.date_from and b.date_to else "—"
    if not b.partly_covered:
        return ui.t("planner.base_period", period=period, window=_months(b.months))
    return ui.t(
        "planner.base_period_covered",
        period=period,
        window=_months(b.window_months),
        months=_months(b.months),
        span=ui.month_period(b.covered[0], b.covered[1]),
    )


def baseline_caption(b) -> str:
    """Where each lever of the baseline came from, with the numbers (funnel.baseline): each
    written as a person reads it (funnel.model.precision), beside the exact division it is."""
    if b.source == "deals":
        per_month = b.entered / b.months if b.months else 0.0
        _, total = pipeline.weighted(list(b.open_stages))
        text = ui.t(
            "planner.deals_basis",
            entered=ui.num(b.entered),
            per_month=_count(per_month),
            win_rate=_share(b.win_rate),
            won=ui.num(b.won),
            closed=ui.num(b.won + b.lost),
            check_part=(
                ui.t("planner.deals_basis.check", check=ui.money(b.avg_check))
                if b.avg_check is not None
                else ui.t("planner.deals_basis.no_check")
            ),
            open_part=(
                # no open deal at a stage of the ladder: "0 ₽ on top" would read as a pipeline worth nothing
                ui.t("planner.deals_basis.open_none")
                if not total["deals"]
                else ui.t(
                    "planner.deals_basis.open",
                    open=ui.money(total["amount"]),
                    weighted=ui.money(total["weighted_ladder"]),
                )
                # no amounts in the data: the open deals' "0 ₽" would be a guess read as a fact
                if total["amount"] is not None and b.avg_check is not None
                else ui.t("planner.deals_basis.open_unknown")
            ),
            base=base_period(b),
        )
        text += " " + ui.t("planner.cohort.deals") if b.basis != "period" else ""
        return text + exact_note(b)
    figures = {  # a literal, so the Markdown scan (tests/sharing) sees every value that reaches the text
        "base": base_period(b),
        "months": _months(b.months),
        "per_month": _count(b.leads_per_month),
        "leads": ui.num(b.leads),
        "conversion": _share(b.conversion),
        "won": ui.num(b.won),
        "check": ui.money(b.avg_check),
        "revenue": ui.money(b.revenue),
        "checks": ui.num(b.checks),
        "sellers": ui.num(b.sellers),
        "cpl": ui.money(b.cpl),
        "spend": ui.money(b.spend),
        "all": ui.num(b.all_leads),
    }
    if not b.won:  # nothing won to take a conversion or a check from: only what the data gives
        text = ui.t("planner.baseline_caption_leads", **figures)
        if b.spend:
            text += " " + ui.t("planner.baseline_caption_cpl", **figures)
    elif b.basis == "projected" and b.window_days is not None:
        young = {"exposure": _count(b.exposure), "young": ui.num(b.young), "days": ui.num(b.window_days)}
        text = ui.t("planner.baseline_caption_projected", **figures, **young)
    elif b.basis in ("cohort", "projected"):  # projected without delays to learn from: every lead whole
        until = ui.date(b.mature_until) if b.mature_until else "—"
        mature = {"maturing": ui.num(b.maturing), "days": ui.num(b.window_days), "until": until}
        key = "planner.baseline_caption_cohort" if b.window_days is not None else "planner.baseline_caption_all"
        text = ui.t(key, **figures, **mature)
    else:
        text = ui.t("planner.baseline_caption", **figures)
    if b.unpriced:
        text += " " + ui.t("planner.baseline_unpriced", n=ui.num(b.unpriced))
    # the cycle lever's baseline (funnel.model.cycle)
    return text + exact_note(b) + " " + up.cycle_caption(b)


# ---- forward / reverse ----------------------------------------------------------------------
def reverse_panel(r: PlanResult) -> None:
    """The reverse plan's answer (the headline below shows the plan at the required leads)."""
    out = r.forward
    if r.plan.target_profit is not None and "margin" in r.unknown:  # gaps.apply_margin: not known, not out of reach
        st.info(ui.t("planner.rev.needs_margin"))
        return
    if not r.reachable:
        st.error(ui.t("planner.rev.unreachable"))
        return
    c = st.columns(2) + st.columns(2)
    for col, key in zip(c, ("leads", "budget", "deals", "sellers"), strict=True):
        col.metric(ui.t(f"planner.rev.{key}"), charts.shown(f"required_{key}", out[f"required_{key}"]))
    if (
        out["required_leads_at_base"] is not None
        and out["required_leads"] is not None
        and out["required_leads"] > out["required_leads_at_base"] + 0.5
    ):
        st.caption(
            ui.t(
                "planner.rev.capacity_note",
                leads=ui.num(out["required_leads"]),
                conv=ui.rate(out["required_conversion"]),
                at_base=ui.num(out["required_leads_at_base"]),
                sellers=ui.num(out["required_sellers"]),
            )
        )


def waterfall_rows(r: PlanResult) -> list[tuple[str, float, str]]:
    """The waterfall's bars, from the result's effects (baseline → what the headline shows); a
    repeat customers' bar when their revenue in the turnover changed."""
    rows = [
        (ui.t("planner.wf.baseline"), r.baseline["turnover"], "absolute"),
        (ui.t("planner.wf.leads"), r.effects["leads"], "relative"),
        (ui.t("planner.wf.conversion"), r.effects["conversion"], "relative"),
        (ui.t("planner.wf.avg_check"), r.effects["avg_check"], "relative"),
    ]
    if r.effects.get("repeat"):
        rows.append((ui.t("planner.wf.repeat"), r.effects["repeat"], "relative"))
    return rows + [(ui.t("planner.wf.plan"), r.shown["turnover"], "total")]


def waterfall_tab(r: PlanResult, steps: list, empty: Callable[[], None]) -> None:
    """The first tab, open when the page opens: the waterfall from the baseline to the plan
    (waterfall_rows), drawn light (funnel.charts.LIGHT: hover kept, no mode bar or drag handles,
    as the Overview's and the Time page's charts), only when every step is known
    (PlanResult.waterfall_ready: plotly.js draws a "total" bar at the running sum, so from a
    baseline of unknown turnover every bar, the plan's too, drew 0), and not when every step is 0
    (PlanResult.unchanged: the plan is the baseline, a line says so, screen review); else the sentence saying so
    with the plan's turnover (waterfall_note), or, when there is no turnover, ``empty`` (the
    levers still to type: gaps.no_waterfall; gaps imports this module, so it is passed in)."""
    if r.waterfall_ready and r.unchanged:  # the page opens so: the line alone, no chart of blank steps
        st.info(ui.t("planner.waterfall_unchanged"))
    elif r.waterfall_ready:
        ui.draw_cached(_waterfall_view, steps)
        st.caption(ui.t("planner.waterfall_note"))  # how effects add up
    elif note := waterfall_note(r):
        st.info(note)
    else:  # no turnover on either side: an empty chart on a −1…1 axis said nothing
        empty()


def waterfall_note(r: PlanResult) -> str | None:
    """In place of the waterfall when the plan has a turnover and the baseline none to start
    from: the sentence with the plan's turnover (the reports carry it too); when the plan is the
    baseline (no chart of blank steps), the sentence saying so, for the reports; None otherwise."""
    if r.waterfall_ready and r.unchanged:
        return ui.t("planner.waterfall_same", turnover=ui.money(r.shown["turnover"]))
    if r.waterfall_ready or r.shown["turnover"] is None or r.baseline["turnover"] is not None:
        return None
    return ui.t("gaps.no_base_turnover", turnover=ui.money(r.shown["turnover"]))


def _waterfall_view(steps: list[tuple[str, float, str]]) -> None:
    """Through ui.draw_cached: built, styled and sent once per distinct plan, language and currency."""
    fig = ui.styled(charts.waterfall(steps))
    ui.plotly_chart(fig, key="pl_waterfall", light=True)


def capacity_note(r: PlanResult) -> None:
    if r.over_capacity:
        out = r.forward
        st.warning(
            ui.t(
                "planner.cap.over",
                leads=ui.num(out["leads"]),
                capacity=ui.num(out["capacity"]),
                base=ui.rate(out["conversion"]),
                eff=ui.rate(out["effective_conversion"]),
                sellers=ui.num(out["sellers_needed"]),
            )
        )


# ---- tabs -----------------------------------------------------------------------------------
def _levers_and_figures(
    intro: str,
    switch: str,
    fields: tuple[str, ...],
    figures: list[tuple[str, str]],
    unknown: frozenset[str] = frozenset(),
) -> None:
    """A lever tab: its intro, its switch (``switch``: "web" or "repeat", kept outside the widget
    as capacity's is), a slider per lever (an empty box for one in ``unknown``: not typed, no
    data to start from), then a row of (label key, shown value) metrics."""
    st.caption(ui.t(intro))
    kept, widget = up.SWITCHES[switch]
    widget.set(bool(kept.get()))
    st.toggle(ui.t(f"planner.{switch[:3]}.on"), key=widget, on_change=up.sync_switch, args=(switch,))
    if not kept.get():
        st.caption(ui.t("planner.web.off_note"))
    for field in fields:
        up.lever(field, unknown=field in unknown)
    for col, (key, value) in zip(st.columns(len(figures)), figures, strict=False):
        # «Client LTV»: LTV in full words; the Russian card names it in words, the same help all the same
        col.metric(ui.t(key), value, help=ui.term_tip(CARD_TERMS.get(key) or ui.t(key)))


# The cards whose Russian label says the term in words («Ценность клиента», no "LTV" for
# ui.term_tip to find): the acronym whose help they carry, in both languages (screen review #16).
CARD_TERMS = {"planner.rep.ltv": "LTV"}


def web_tab(r: PlanResult) -> None:
    """The web chain's levers and figures, read from the run's result (what the headline shows)."""
    out = r.shown
    _levers_and_figures(
        "planner.web.intro",
        "web",
        ("queries", "ctr", "site_conversion", "cpc"),
        [
            ("planner.web.visits", charts.shown("visits", out["visits"])),
            ("planner.web.leads", charts.shown("web_leads", out["web_leads"])),  # "30", not "30,0"
            ("planner.web.cost", ui.money(out["cost"])),
            ("planner.web.cpl", ui.money(out["web_cpl"])),
        ],
    )


def capacity_product(plan: Plan, capacity: float | None) -> str | None:
    """«6 × 211,6 на продавца = 1 270 в месяц»: the capacity as the product it is (at the plan's
    cycle, Plan.team_capacity), the per-seller figure with the decimals that make the product read
    right (precision.factor_places); None for a capacity typed as one figure, or none."""
    per = plan.contacts_at_cycle
    if capacity is None or plan.capacity is not None or plan.sellers is None or per is None:
        return None
    # the lever's own value (the cycle as the baseline's) as its slider and box write it; at another
    # cycle the product's own per-seller figure, as many decimals as the product needs
    on_lever = plan.contacts_per_seller is not None and per == plan.contacts_per_seller
    d = up.lever_places("contacts_per_seller", per) if on_lever else precision.per_seller_places(plan.sellers, per)
    # «=» only where the written factors multiply to the written whole: 6 × 3,3 is 19,8, read
    # aloud beside «= 20» by a trainer (screen review); 6 × 211,6 = 1 269,6 «≈ 1 270»
    exact = math.isclose(plan.sellers * round(per, d), round(capacity), abs_tol=1e-9)
    return ui.t(
        "planner.cap.product" if exact else "planner.cap.product_about",
        sellers=ui.num(plan.sellers),
        per_seller=ui.num(per, d),
        capacity=charts.shown("capacity", capacity),
    )


def capacity_tab(b, plan: Plan, out: dict) -> None:
    """The sellers' load; on a baseline of deals (no leads), counted in deals entering the
    pipeline, and named so (``lever_label``)."""
    st.caption(ui.t("planner.cap.intro_deals" if b.source == "deals" else "planner.cap.intro"))
    if "leads" in (out.get("unknown") or ()):  # spend only, leads not typed: no one to load a team with
        st.info(ui.t("planner.cap.no_leads"))  # in place of a toggle that would show "—" (review #16)
        return
    state.PL_CAPACITY_ON.set(bool(state.PL_CAPACITY.get()))
    st.toggle(ui.t("planner.cap.on"), key=state.PL_CAPACITY_ON, on_change=up.sync_capacity)
    if not state.PL_CAPACITY.get():
        return
    for field in ("sellers", "contacts_per_seller", "elasticity"):
        up.lever(field, label_key=lever_label(b, field))
    c = st.columns(4)
    c[0].metric(ui.t("planner.cap.capacity"), charts.shown("capacity", out["capacity"]))
    if (product := capacity_product(plan, out["capacity"])) is not None:
        c[0].caption(product)
    c[1].metric(ui.t("planner.cap.load"), charts.shown("load", out["load"]))
    drop = None if out["effective_conversion"] is None else out["effective_conversion"] - plan.conversion
    c[2].metric(
        ui.t("planner.cap.effective"),
        ui.rate(out["effective_conversion"]),
        charts.signed_share(drop),
        **(ui.delta_look(drop) if charts.signed_share(drop) else {}),  # "−0,50 %" points down (a true minus)
    )
    c[3].metric(ui.t("planner.cap.needed"), charts.shown("sellers_needed", out["sellers_needed"]))
    leads = out["total_leads"]  # every lead the team handles (the web chain's too, when on)
    top = max(leads * 2.5, (out["capacity"] or 0) * 2, 10)
    points = [(x, plan.conversion_at(x)) for x in (top * i / 80 for i in range(81))]
    if "conversion" in (out.get("unknown") or ()):  # a curve flat at 0 %: say what it needs (funnel.model.gaps)
        st.info(ui.t("gaps.cap.no_conversion"))
    else:
        x_title = ui.t(lever_label(b, "leads") or "planner.lever.leads")
        deals = b.source == "deals"
        ui.plot(charts.capacity_curve(points, leads, out["capacity"], x_title, deals=deals), key="pl_cap_chart")
    with st.expander(ui.t("planner.cap.calibrate")):
        cols = st.columns(4)
        la, ca, lb, cb = (calibration_box(col, *spec) for col, spec in zip(cols, CALIBRATION, strict=True))
        try:
            e = cap.calibrate_elasticity((la, ca / 100), (lb, cb / 100))
        except FunnelError as exc:
            ui.show_error(exc)
            return
        st.write(ui.t("planner.cap.calibrated", e=ui.num(e, 3)))
        st.button(ui.t("planner.cap.use"), key="pl_cal_use", on_click=up.set_lever, args=("elasticity", e))


# The calibration's four boxes: (field, label key, starting value, decimals, largest value).
# Number boxes in the language (ui.numbox): "1,5" in Russian, where st.number_input wrote "1.50".
CALIBRATION = (
    ("la", "planner.cap.load_a", 100.0, 2, None),
    ("ca", "planner.cap.conv_a", 2.0, 2, 100.0),
    ("lb", "planner.cap.load_b", 200.0, 2, None),
    ("cb", "planner.cap.conv_b", 1.5, 2, 100.0),
)


def calibration_box(where, field: str, label_key: str, start: float, decimals: int, hi: float | None) -> float:
    """One calibration box: its value (kept beside it, since the capacity tab runs lazily), a
    number typed in the language read into it, then drawn; a refused text stays with the reason."""
    box = f"pl_cal_{field}"
    kept: state.Key[float] = state.Key(f"_pl_cal_{field}_value")
    value = kept.get() if kept.present() else start
    typed = numbox.read(box, value, decimals, 0.0, hi)
    if typed is not None:
        value = typed
        kept.set(value)
    numbox.draw(where, ui.t(label_key), box, value, decimals)
    return value


def repeat_tab(r: PlanResult) -> None:
    """Repeat customers' levers and figures, read from the run's result; "—" for a figure whose
    levers are not all typed yet (the result's None: RepeatCustomers.unknown, in evaluate)."""
    out = r.shown
    _levers_and_figures(
        "planner.rep.intro",
        "repeat",
        ("active_clients", "avg_order", "orders_per_period", "lifetime"),
        [
            (f"planner.rep.{key}", ui.money(out[figure]))
            for key, figure in (("revenue", "repeat_revenue"), ("profit", "repeat_profit"), ("ltv", "ltv"))
        ],
        repeat.untyped(r.plan.inputs()),  # clients, order, orders a month: typed, else an empty box
    )
    if "margin" in r.unknown:  # profit and LTV rest on the margin (gaps.apply_margin): say why they are "—"
        st.caption(ui.t("planner.rep.no_margin"))
