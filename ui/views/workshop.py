"""What the Workshop page shows: the presenter view on the chosen workspace's own baseline (the
planner's, through funnel.baseline: the same figures the Overview shows), its four sliders, and
the turnover arithmetic written out in the user's language."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

import ui
from funnel import formatting
from funnel.baseline import Baseline
from funnel.model import precision, workshop
from funnel.model.active_presets import PRESETS
from funnel.model.plan import Plan
from funnel.model.workshop import WorkshopStart
from ui import state
from ui.text import widget_format
from ui.views.planner import charts, tabs
from ui.views.planner.active import open_case as open_case  # a case opens in the planner's tab
from ui.views.planner.deal_flow import deals_help as flow_help
from ui.views.planner.deal_flow import deals_label as flow_label
from ui.views.planner.lacking import files_text, lacking_text
from ui.views.planner.levers import grid_labels, grid_options, load_baseline

WS_KEYS = state.WS_LEVERS


def workshop_baseline(filters) -> WorkshopStart:
    """Where the room starts, for the sidebar's filters: the Planner's baseline (the same
    ``Baseline.plan()``: on deals without leads, deals entering × win rate × check, as the Planner
    does), exact, lever by lever, with the method's example only for the levers the data lacks
    (funnel.model.workshop.start); the whole example when the data gives none."""
    return workshop.start(load_baseline(filters))


def example_note(begin: WorkshopStart) -> str:
    """The sentence over the whole example: what the data does not give, in the Planner's words
    (lacking_text: «Данные не дают лиды в месяц, конверсию, средний чек и число продавцов»), and
    the files that give it on the Data page."""
    return ui.t("workshop.example", lacking=lacking_text(begin.examples), files=files_text(begin.examples))


def label_key(source: Baseline | None, lever: str) -> str:
    """The text key of a lever's label: on deals (no leads in the data), what the Planner calls
    it — deals entering the pipeline a month, win rate."""
    if source is not None and source.source == "deals" and lever in DEALS_LABELS:
        return DEALS_LABELS[lever]
    return f"workshop.{lever}"


DEALS_LABELS = {"leads": "workshop.deals_in", "conversion": "workshop.win_rate", "capacity": "workshop.capacity_deals"}


def slider_label(begin: WorkshopStart, lever: str) -> str:
    """A lever's label, marked "(пример)" when its start is the method's example while the other
    levers are the workspace's own, or the workspace holds spend alone (WorkshopStart.marks; on an
    empty workspace the whole example's banner says it once); the check
    in the workspace's currency, as the Planner's lever says it («Средний чек, ₽»), since the
    slider's value is a bare number (screen review #16)."""
    label = ui.t(label_key(begin.source, lever))
    if lever == "avg_check":
        label += ", " + ui.plain(ui.currency())
    if begin.marks(lever):
        return ui.t("workshop.example_mark", label=label)
    return label


def basis_text(source: Baseline) -> str:
    """The line over the levers: the baseline's period in the words every page uses
    (tabs.base_period, with the months a figure a month is over), and what the levers are. On
    deals (no leads), the Planner's deals entering × win rate × check; on leads with no deal in
    the workspace at all, the leads alone and where to upload deals, not «deals by closing date,
    as on the Overview» of deals there are none of (screen review #16); which deals to upload,
    the note under it says (partial_note)."""
    base = tabs.base_period(source)
    if source.source == "deals":
        return ui.t("workshop.basis_deals", base=base)
    if not ui.has_rows(source.workspace_id, "deals"):
        return ui.t("workshop.basis_leads", base=base)
    return ui.t("workshop.basis", base=base)


def partial_note(begin: WorkshopStart) -> str | None:
    """The sentence over levers partly from the example: what the data does not give, in the
    Planner's words for the same levers (lacking_text, Baseline.missing: «Данные не дают конверсию
    и средний чек»), that the example stands in for them, marked, and the files that give them;
    None when every lever is the workspace's own, or all are the example (example_note)."""
    if begin.whole_example or not begin.examples:
        return None
    assert begin.source is not None
    return ui.t(
        "workshop.partial",
        lacking=lacking_text(begin.examples, begin.source.source),
        n=len(begin.examples),
        files=files_text(begin.examples),
    )


def start(base: Plan, sig: str) -> None:
    """The sliders start from ``base`` on the first visit and whenever the baseline changes
    (another workspace or period)."""
    before = state.WS_SIG.get()
    state.WS_SIG.set(sig)
    if not WS_KEYS["leads"].present() or (before is not None and before != sig):
        workshop_reset(base)


# What each slider shows: the decimals the arithmetic line under it writes ("1 270 лидов × 3,18 %
# × 199 031 ₽"), so the room reads the same figure twice, not "1 269.75" above "1 270".
_PLACES = {"leads": 0, "conversion": 2, "avg_check": 0, "sellers": 0}


def slider_format(field: str) -> str:
    """A workshop slider's format: the line's decimals, thousands grouped as the language groups
    them ("199 031" / "199,031")."""
    return widget_format(_PLACES[field])


# The conversion slider is a slider of options written in Python, as the Planner's levers with
# decimals are (ui.views.planner.levers.lever): its thumb reads "3,18" on a Russian screen and
# "3.18" on an English one, above the thumb like the other sliders' values (and as large in
# presenter mode: PRESENTER_CSS). Streamlit's own slider writes its value with sprintf-js, whose
# decimal mark is always a point, so the Russian value was hidden and written again under the
# slider, out of line with the three others (screen review). The grid steps by CONVERSION_STEP; the
# value the sliders stand on (the baseline's exact 3,1830… %) is an option of its own at its place,
# written to the line's two decimals, and the model keeps it exact.
CONVERSION_STEP = 0.1


def conversion_top(base: Plan) -> float:
    """The conversion slider's end, in percent: three times the baseline's, at least 20, at most 100."""
    return round(min(100.0, max(20.0, base.conversion * 300)), 1)


def conversion_options(value: float, top: float, lang: str) -> tuple[list[float], Callable[[float], str]]:
    """(the options, their format): the Planner's cached grid from 0 to ``top`` by CONVERSION_STEP
    and ``value`` at its sorted place when it is off the grid, written with the line's decimals
    ("3,18"), a grid option written alike left out (levers.grid_options); grid values as the grid
    writes them ("3,2", "20")."""
    written = grid_labels(lang, 0.0, top, CONVERSION_STEP)

    def fmt(x: float) -> str:
        return written.get(x) or formatting.number(x, lang, precision.rate_places(x))  # as the line

    return grid_options(written, value, fmt(value)), fmt


def conversion_slider(where, label: str, base: Plan) -> None:
    """The conversion lever: a slider of options (see CONVERSION_STEP) on the session's value,
    within the slider's range."""
    key = WS_KEYS["conversion"]
    top = conversion_top(base)
    value = min(max(float(key.get() or 0.0), 0.0), top)
    if abs(value - round(value, 1)) < 1e-9:  # 5.000000001 (0.05 × 100) is the grid's 5: one option, not two
        value = round(value, 1)
    key.set(value)
    options, fmt = conversion_options(value, top, ui.lang())
    where.select_slider(label, options=options, key=key, format_func=fmt)


def workshop_reset(plan: Plan) -> None:
    for field, key in WS_KEYS.items():
        value = getattr(plan, field)
        key.set(float(value * 100 if field == "conversion" else value))


def workshop_plan(base: Plan) -> Plan:
    return base.with_(
        leads=float(WS_KEYS["leads"].get()),
        conversion=float(WS_KEYS["conversion"].get()) / 100,
        avg_check=float(WS_KEYS["avg_check"].get()),
        sellers=float(WS_KEYS["sellers"].get()),
    )


def leads_word(n: float, noun: str = "leads") -> str:
    """The noun after a count by the language's plural rules (funnel.formatting, CLDR): 1 лид,
    2 лида, 5 лидов, 21 лид (``noun`` "deals": 1 сделка, 2 сделки, 5 сделок); the count as shown
    (rounded to whole)."""
    forms = {c: ui.t(f"workshop.{noun}_{c}") for c in ("one", "few", "many")}
    forms["other"] = forms["many"] if ui.lang() == "en" else forms["few"]
    return formatting.plural(round(n), ui.lang(), forms)


def workshop_line(out: dict, noun: str = "leads", example: bool = False) -> str:
    """ "120 лидов × 5 % × 150 000 ₽ = 900 000 ₽" in the user's language (``noun`` "deals": the
    deals entering the pipeline, on a workspace without leads). Conversion is the one after
    overload. Each factor as the sliders write it (funnel.model.workshop.line_places); "≈" when
    one of them is rounded (line_rounded: ``rounded_note`` says so under the line). ``example``:
    the turnover rests on a lever from the method's example, marked as its card is
    ("≈ 622 642 ₽ (пример)")."""
    places = workshop.line_places(out)
    sign = "≈" if workshop.line_rounded(out) else "="
    turnover = ui.money(out["turnover"])
    if example:
        turnover = ui.t("workshop.example_mark", label=turnover)
    return (
        f"{ui.num(out['leads'], places['leads'])} {leads_word(out['leads'], noun)} × "
        f"{ui.pct(out['effective_conversion'], places['conversion'])} × "
        f"{ui.money(out['avg_check'])} {sign} {turnover}"
    )


def rounded_note(out: dict) -> str | None:
    """The sentence under the line when it writes a factor rounded (the Planner's rule,
    planner.baseline_exact: the figures show rounded values, the model runs on the exact ones);
    None when every factor is written as it is."""
    return ui.t("workshop.line_rounded") if workshop.line_rounded(out) else None


def figure_label(begin: WorkshopStart, key: str, examples: frozenset[str]) -> str:
    """A result card's label, marked "(пример)" in the levers' words when it is computed from a
    lever that starts at the method's example (funnel.model.workshop.example_figures); on a
    workspace without leads the capacity counts deals entering, as the first lever does."""
    label = ui.t(label_key(begin.source, key))
    return ui.t("workshop.example_mark", label=label) if key in examples else label


def example_figures(begin: WorkshopStart, overloaded: bool) -> frozenset[str]:
    return workshop.example_figures(begin, overloaded)


def sellers_help(begin: WorkshopStart) -> str:
    """The sellers lever's help: what one seller handles a month at the start, written as the
    Planner writes the count (40,4; 212), in deals entering on a workspace without leads."""
    deals = begin.source is not None and begin.source.source == "deals"
    per_seller = charts.shown("contacts_per_seller", begin.plan.contacts_per_seller)
    return ui.t("workshop.sellers_help_deals" if deals else "workshop.sellers_help", per_seller=per_seller)


def deals_help(begin: WorkshopStart) -> str | None:
    """The deals card's help on a workspace without leads: the Planner's words for the same
    figure (ui.views.planner.deal_flow: 4,2 = 20 entering × 20,75 %, and why the Overview reads
    3,7), while both its levers are the data's; None otherwise."""
    if begin.source is None or begin.is_example("leads") or begin.is_example("conversion"):
        return None
    return flow_help(begin.source)


def deals_label(begin: WorkshopStart, examples: frozenset[str], win_rate: float) -> str:
    """The deals card's label: the Planner's where its help is (deal_flow.deals_label), else figure_label's."""
    said = flow_label(begin.source, win_rate) if deals_help(begin) is not None else None
    return said or figure_label(begin, "deals", examples)


def figure(key: str, value: float | None) -> str:
    """A result card's figure as the Planner writes the same figure (charts.shown: the project's
    one rule, funnel.model.precision.figure): deals «6», not «6,0»; «4,2»; a capacity «212»."""
    return charts.shown(key, value)


def share(x: float) -> str:
    """A conversion as the line and the levers write it: «20,8 %», «3,24 %» (ui.rate)."""
    return ui.rate(x)


# A row's labels line up (review #16): a label that wraps («Средний чек, ₽ (пример)», «Сделки в
# воронку в месяц» at 1280 px) stood a line above the others, its slider or figure level with
# theirs. Each column's widget fills the row's height and its label box takes what the widget
# does not need: every label starts at the row's top, every slider and figure at its bottom
# (tests/browser/test_workshop_rows.py, at 1280×720 and 1920×1080, in presenter mode too).
ROWS_CSS = """
.st-key-ws_levers [data-testid="stColumn"] > [data-testid="stVerticalBlock"],
.st-key-ws_numbers [data-testid="stColumn"] > [data-testid="stVerticalBlock"] { height: 100%; }
.st-key-ws_levers [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"],
.st-key-ws_numbers [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"],
.st-key-ws_levers [data-testid="stElementContainer"] > div,
.st-key-ws_numbers [data-testid="stElementContainer"] > div,
.st-key-ws_levers [data-testid="stSlider"],
.st-key-ws_numbers [data-testid="stMetric"],
.st-key-ws_numbers [data-testid="stMetric"] > div { flex: 1 1 auto; display: flex; flex-direction: column; }
.st-key-ws_levers [data-testid="stWidgetLabel"],
.st-key-ws_numbers [data-testid="stMetricLabel"] { flex: 1 1 auto; align-items: flex-start; }
"""

# Figures scale with the window and wrap rather than end in "…": at 1280 px with the sidebar a
# 3.4rem "61 292 000 ₽" did not fit its column.
WORKSHOP_CSS = (
    "<style>"
    + ROWS_CSS
    + """
.st-key-ws_numbers [data-testid="stMetricValue"] { font-size: clamp(1.8rem, 3.1vw, 3.4rem); line-height: 1.1; }
.st-key-ws_numbers [data-testid="stMetricValue"] > div { white-space: normal; overflow: visible; }
.st-key-ws_numbers [data-testid="stMetricLabel"] p { font-size: 1.3rem; }
.st-key-ws_numbers [data-testid="stMetricLabel"] * { white-space: normal; overflow: visible; }
.st-key-ws_line p { font-size: clamp(1.4rem, 2.2vw, 2.4rem); font-weight: 600; font-variant-numeric: tabular-nums; }
.st-key-ws_levers [data-testid="stWidgetLabel"] p { font-size: 1.25rem; }
</style>"""
)

# Presenter mode: the page alone on the screen, read from the back of a room. Fixed CSS only.
PRESENTER_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { max-width: 100% !important; padding: 1.2rem 3vw !important; }
.st-key-ws_numbers [data-testid="stMetricValue"] { font-size: clamp(2.2rem, 4.6vw, 6.5rem); }
.st-key-ws_numbers [data-testid="stMetricLabel"] p { font-size: clamp(1.2rem, 1.9vw, 2.2rem); }
.st-key-ws_line p { font-size: clamp(1.6rem, 3vw, 3.6rem); }
.st-key-ws_levers [data-testid="stWidgetLabel"] p { font-size: clamp(1.2rem, 1.7vw, 2rem); }
.st-key-ws_levers [data-testid="stSliderThumbValue"],
.st-key-ws_levers [data-testid="stSliderThumbValue"] * { font-size: clamp(1.3rem, 2vw, 2.4rem) !important; }
.st-key-ws_levers [data-testid="stSliderTickBar"] p { font-size: clamp(1rem, 1.3vw, 1.6rem) !important; }
.st-key-ws_levers [data-testid="stSlider"] [role="group"] { margin-top: clamp(1.4rem, 2.4vw, 2.8rem); }
h1 { font-size: clamp(1.6rem, 2.4vw, 2.8rem) !important; padding-top: 0 !important; }
[data-testid="stCaptionContainer"] { font-size: clamp(1rem, 1.2vw, 1.5rem); }
</style>"""

# Esc leaves presenter mode: the key clicks the page's own Leave button. Fixed code, no user text;
# installed once per browser tab.
PRESENTER_KEYS = """<script>
if (!window.__funnelPresenterKeys) {
  window.__funnelPresenterKeys = true;
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const leave = document.querySelector('.st-key-ws_present_leave button');
    if (leave) leave.click();
  });
}
</script>"""


def presenting() -> bool:
    """Presenter mode is on: from the link (``?present=1``) on the session's first visit, then
    from the buttons. The URL follows, so the address opens the same view."""
    on = state.presenter_mode()
    state.WS_PRESENT.set(on)
    if on and state.QP_PRESENT.get() != "1":
        st.query_params[state.QP_PRESENT] = "1"
    elif not on and state.QP_PRESENT in st.query_params:
        del st.query_params[state.QP_PRESENT]
    return on


def present(on: bool) -> None:
    state.WS_PRESENT.set(on)


def presenter_frame(on: bool) -> None:
    """The CSS of the page (and of presenter mode), and the button that enters or leaves it."""
    st.html(WORKSHOP_CSS + (PRESENTER_CSS if on else ""))
    if on:
        st.html(PRESENTER_KEYS, unsafe_allow_javascript=True)


def presenter_button(on: bool, where=st) -> None:
    if on:
        where.button(
            ui.t("presenter.leave"),
            key="ws_present_leave",
            on_click=present,
            args=(False,),
            icon=":material/fullscreen_exit:",
            help=ui.t("presenter.open_help"),
        )
    else:
        where.button(
            ui.t("presenter.open"),
            key="ws_present_open",
            on_click=present,
            args=(True,),
            icon=":material/fullscreen:",
            help=ui.t("presenter.open_help"),
        )


def basis_line(source) -> str:
    """Whose numbers the room sees: the workspace, the baseline's period and the currency (the
    sidebar that says so is hidden in presenter mode)."""
    ws = state.workspace()
    name = ui.ws_name(ws) if ws else ""  # the demo's name in the room's language («Демо»)
    return ui.t("presenter.basis", workspace=name, base=tabs.base_period(source), currency=ui.currency())


# ---- the active-sales cases (DOMAIN.md §7) --------------------------------------------------------
CASES = ("copier_dealer", "printing_dealer")  # funnel.model.active_presets.PRESETS
CASE_CURRENCY = "$"  # both cases' own currency, as the source states them


def currency_note(workspace_currency: str) -> str | None:
    """Why a case's money is in dollars on a workspace that counts in another currency (the cases
    keep the source's dollars: funnel.model.active_presets); None when the workspace counts in
    dollars too."""
    lang = ui.lang()
    sign = formatting.currency_sign(workspace_currency, lang)
    if sign == formatting.currency_sign(CASE_CURRENCY, lang):
        return None
    return ui.t("workshop.cases_currency", currency=ui.plain(sign))  # a typed sign is foreign text


def cases() -> str | None:
    """The two cases from practice, each with a button that opens it in the planner's «Active
    sales» tab (where its ~30 inputs, the people per function and the payback month already have
    their screen; the Workshop's four sliders are the main plan's). The case asked for, or None."""
    st.subheader(ui.t("workshop.cases"))
    st.caption(ui.t("workshop.cases_intro"))
    note = currency_note(ui.currency())
    if note:
        st.caption(note)
    chosen = None
    for col, name in zip(st.columns(len(CASES)), CASES, strict=True):
        box = col.container(border=True, key=f"ws_case_{name}")
        box.markdown(f"**{ui.t(f'workshop.case.{name}')}**")
        case = PRESETS[name]
        box.caption(ui.t(f"workshop.case.{name}_note", check=ui.money(case.avg_check, sign=case.currency)))
        if box.button(ui.t("workshop.case.open"), key=f"ws_case_open_{name}", icon=":material/open_in_new:"):
            chosen = name
    return chosen
