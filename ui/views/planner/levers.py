"""The planner's levers: each lever's widgets kept in sync with its value, the plan's state in
the session, and the plan in the URL.

Every lever has a canonical value (``state.PL_VALUE``, model units) and two widgets showing it —
a slider (``pl_<field>_s``) and a number input (``pl_<field>_n``), see ``state.lever_widgets``. Each run,
before the widgets are drawn, whichever widget differs from the canonical value is the one the
user moved; its value becomes canonical and the other widget is set to match. Shares are shown
in percent. The slider's range comes from the baseline (3× its value), the number input is
open-ended, so a typed value past the slider's end is kept (the slider shows its end).
"""

from __future__ import annotations

import bisect
import functools
import math
from dataclasses import replace
from datetime import date

import streamlit as st

import ui
from funnel import charts, formatting, units
from funnel.baseline import Baseline
from funnel.basis import BASES, baseline_on
from funnel.i18n import TABLE
from funnel.metrics import convert, trend
from funnel.model import cycle, gaps, link, precision
from funnel.model.active import ActivePlan
from funnel.model.edits import Edits
from funnel.model.plan import OPTIONAL, Plan
from ui import auth, numbox, state
from ui.text import places, widget_format
from ui.views.planner import phone

# field → (unit, the least top of its slider): funnel.units, where every figure's unit is said.
LEVERS = units.LEVERS
MIN = {"contacts_per_seller": 0.01, "cycle_days": 1.0}  # a seller who handles no one is not a team
# The most digits a lever's number box shows, in widget units (a share in percent): a value the
# person typed or set is shown to these, so the model runs on what is on screen. The baseline's
# own exact value (485 ÷ 15 237 = 3,1830… %) is written as a person reads it
# (funnel.model.precision: "3,18", "1 270", "199 031"), and the baseline line says the model
# keeps it exact and writes the exact division (tabs.baseline_caption). The slider, a coarse
# control, shows its step's digits ("1 270", "199 031", "3,2").
DIGITS = {"share": 4, "money": 2, "count": 2, "number": 2, "days": 1}
# On a phone the two columns stack: the result (right) goes first, so the answer is not below
# five sliders, and a part's spacing apart, not the desktop columns' large gap (64 px: 80 px of
# white between the last figure and the first lever, review #16). Fixed CSS only; Streamlit
# stacks columns below 640 px.
PHONE_CSS = """<style>
@media (max-width: 640px) {
  .st-key-pl_main > div > [data-testid="stHorizontalBlock"],
  .st-key-pl_main > [data-testid="stHorizontalBlock"] { flex-direction: column-reverse; gap: 1rem; }
}
</style>"""


def page_css() -> str:
    """The planner's fixed CSS: PHONE_CSS, the phone's folding (phone.LAYOUT_CSS), and every
    second money label of the waterfall hidden on a phone (funnel.charts.phone_ticks_css). Every
    slider with decimals is a slider of options written in Python (``lever``, and the stage
    chain's: edits.chain_tab), so its thumb and its ends read as the language writes them, and no
    rule hides or redraws them."""
    return PHONE_CSS + phone.LAYOUT_CSS + charts.phone_ticks_css(".st-key-pl_waterfall")


# ---- baseline -----------------------------------------------------------------------------
def load_baseline(filters, basis: str = "period") -> Baseline:
    """The baseline all sessions share (ui.shared: no copy per run); it is frozen, all tuples.
    ``basis``: "period" (deals by closing date, the default) or "cohort" (funnel.basis)."""
    return ui.shared(baseline_on, filters=filters, basis=basis)


def basis_options(workspace_id: str | None) -> tuple[tuple[str, ...], str | None]:
    """The bases the workspace's data can give, and why the others are left out (a
    planner.basis_only.* key; None when every basis is offered). The cohort bases count deals
    from their lead's date: without leads (deals-only) or without deals (leads-only, spend-only)
    they can only repeat the closing-date basis under another name (review #16)."""
    leads, deals = ui.has_rows(workspace_id, "leads"), ui.has_rows(workspace_id, "deals")
    if leads and deals:
        return BASES, None
    return ("period",), "nothing" if not (leads or deals) else ("no_leads" if deals else "no_deals")


def basis_picker() -> str:
    """The planner's basis switch (period, the default, or cohort), drawn before the baseline
    is read. A shared link's basis (``bs``) counts on the first visit, as its levers do. Where
    the data gives the closing-date basis alone (basis_options), it is named as text with the
    reason; with no deal at all, not even that: a basis says how deals are counted, and there are
    none (as ui.attribution, review #16). Either way the session's choice is kept for a workspace
    that has them all."""
    if not state.PL_LINK_DONE.get() and not state.PL_BASIS.present():
        wanted = state.url_params().get(BASIS_KEY)
        state.PL_BASIS.set(wanted if wanted in BASES else "period")
    options, why = basis_options(state.workspace_id())
    if why in ("no_deals", "nothing"):
        return "period"
    if why is not None:
        only = ui.choice(
            ui.t("planner.basis"), options, key=state.PL_BASIS_W, format_func=ui.names(options, "planner.basis.")
        )
        st.caption(ui.t(f"planner.basis_only.{why}"))
        return only
    # The choice is kept outside the widget, whose state is dropped while another page is open.
    state.PL_BASIS_W.set(state.PL_BASIS.get())
    st.radio(
        ui.t("planner.basis"),
        BASES,
        horizontal=True,
        key=state.PL_BASIS_W,
        format_func=ui.names(BASES, "planner.basis."),
        help=ui.t("planner.basis_help"),
        on_change=lambda: state.PL_BASIS.set(state.PL_BASIS_W.get()),
    )
    return state.PL_BASIS.get()


def won_delays(b: Baseline) -> tuple[tuple[int, int], ...]:
    """The lead-to-won delays of the baseline's filters (the sidebar's channels, owners,
    segments and period), cached per data version (one query, not one a move)."""
    return ui.shared(convert.won_delays, filters=b.delay_filters())


def history_start(b: Baseline) -> tuple[date | None, bool]:
    """The leads' first month and whether a deal was created before it (funnel.metrics.trend.
    history_start), for the baseline's filters up to its end, cached per data version."""
    return ui.shared(trend.history_start, filters=b.delay_filters(), end=b.date_to)


def base_plan(b: Baseline) -> Plan:
    """The plan the page starts from: the baseline's own (funnel.baseline.Baseline.planner_start),
    exact, so that at baseline the planner's figures are the Overview's; its cycle is the data's
    median lead-to-won days (funnel.model.cycle; None without wins: typed by hand)."""
    median = cycle.median_days(won_delays(b))
    median = median if median else None  # half the wins on their lead's day: no cycle to scale
    return b.planner_start().with_(cycle_days=median, base_cycle_days=median)


def cycle_caption(b: Baseline) -> str:
    """Where the baseline's cycle came from, for the baseline line; nothing when the period has
    no won deal at all (the line says so already, and the cycle box it would point to appears only
    with a turnover: screen review, spend only and leads only)."""
    if not b.won:
        return ""
    delays = won_delays(b)
    median = cycle.median_days(delays)
    n = cycle.wins(delays)
    if not median:
        return ui.t("planner.cycle.zero" if n else "planner.cycle.none", wins=ui.num(n))
    return ui.t("planner.cycle.base", days=ui.num(median, precision.places("days", median)), wins=ui.num(n))


def cycle_lever(where=None) -> None:
    """The cycle lever: a slider and a number from the data's median; without one (no wins) a
    number box that starts empty, to be typed by hand."""
    base = state.PL_BASE.get()
    if base is not None and base.base_cycle_days is not None:
        lever("cycle_days", where)
        return
    value, _, nk = state.lever_widgets("cycle_days")
    numbox.draw(  # empty until typed: no made-up cycle
        where,
        ui.t("planner.lever.cycle_days"),
        nk,
        value.get(),
        DIGITS["days"],
        help=ui.t("planner.help.cycle_days"),
        placeholder=ui.t("planner.cycle.type"),
    )


# ---- state ----------------------------------------------------------------------------------
def set_lever(field: str, value: float) -> None:
    """One lever to ``value``; its slider and number input pick it up on this run (their own
    state is dropped, or they would keep showing the old value). Also an on_click callback."""
    value_key, slider, number = state.lever_widgets(field)
    value_key.set(value)
    slider.pop()
    numbox.forget(number)


def _set_canonical(plan: Plan, edits: Edits | None = None) -> None:
    state.PL_EDITS.set(edits or Edits())
    for field in LEVERS:
        set_lever(field, getattr(plan, field))
    state.PL_CAPACITY.set(plan.sellers is not None and plan.contacts_per_seller is not None)
    state.PL_CAPACITY_ON.pop()
    for switch, widget, on in (
        (state.PL_WEB, state.PL_WEB_ON, plan.web_on),
        (state.PL_REPEAT, state.PL_REPEAT_ON, plan.repeat_on),
    ):
        switch.set(bool(on))
        widget.pop()
    # The stage-chain sliders and the channel table start from the baseline too.
    state.PL_CHAIN.clear()
    numbox.forget_all(state.PL_CHAIN_BOX)
    state.PL_MIX.pop()


def reset_to(plan: Plan, edits: Edits | None = None) -> None:
    """on_click: every lever back to ``plan`` (the baseline, or a loaded scenario), and the stage
    chain and channel table to the baseline with ``edits``."""
    _set_canonical(plan, edits)


def current_edits() -> Edits:
    """The plan's stage-chain and channel-mix edits. The chain and mix tabs keep them here, as
    their widgets vanish from the session while another tab is open (tabs run lazily)."""
    return state.PL_EDITS.get() or Edits()


def keep_edits(**parts) -> None:
    """Replace the chain and/or mix part of the plan's edits."""
    state.PL_EDITS.set(replace(current_edits(), **parts))


def sync_capacity() -> None:
    """on_change of the capacity toggle: the switch itself is kept outside the widget."""
    state.PL_CAPACITY.set(bool(state.PL_CAPACITY_ON.get()))


def sync_switch(switch: str) -> None:
    """on_change of the web or repeat tab's toggle ("web", "repeat"): the switch itself is kept
    outside the widget, which vanishes while another tab is open."""
    kept, widget = SWITCHES[switch]
    kept.set(bool(widget.get()))


SWITCHES = {"web": (state.PL_WEB, state.PL_WEB_ON), "repeat": (state.PL_REPEAT, state.PL_REPEAT_ON)}


def prepare(base: Plan, sig: str) -> None:
    """Start the session's levers: from a shared link on the first visit (a bad or stale link
    falls back to the baseline with a warning), else from the baseline; and again from the
    baseline whenever the baseline itself changes (another period, channels or workspace)."""
    state.PL_BASE.set(base)
    if not state.PL_LINK_DONE.get():
        state.PL_LINK_DONE.set(True)
        state.PL_SIG.set(sig)
        params = state.url_params()
        if link.has_plan(params):
            plan, reverse, problem = link.decode(params)
            edits, problem = link.decode_edits(params) if plan is not None else (None, problem)
            # the active-sales plan, when the link has one (an older link has none: nothing changes)
            active, problem = link.decode_active(params) if edits is not None else (None, problem)
            if plan is not None and edits is not None and problem is None:
                _set_canonical(fill_from_base(plan, base), edits)
                if active is not None:
                    put_active(active)
                state.PL_REVERSE.set(reverse)
                state.PL_TARGET_KIND.set(
                    "profit" if (plan.target_profit is not None and plan.target_turnover is None) else "turnover"
                )
                return
            state.PL_LINK_PROBLEM.set(problem or "")  # shown until the user moves a lever
        _set_canonical(base)
    elif state.PL_SIG.get() != sig:
        state.PL_SIG.set(sig)
        _set_canonical(base)
        st.info(ui.t("planner.baseline_changed"))


def link_warning(plan: Plan, base: Plan) -> None:
    """The bad-link message stays until the user makes the plan their own."""
    problem = state.PL_LINK_PROBLEM.get()
    if problem is None:
        return
    if plan.with_(target_turnover=None, target_profit=None) != base.with_(target_turnover=None, target_profit=None):
        state.PL_LINK_PROBLEM.pop()
    else:
        st.warning(ui.t("planner.link_bad", problem=ui.plain(problem)))


# Optional levers a link may leave out on purpose: a plan without the staff model. Every other
# optional lever (funnel.model.plan.OPTIONAL) a link leaves out takes the baseline's value, so a
# lever added to OPTIONAL is filled without being listed again here.
CHOSEN_ABSENT = ("sellers", "contacts_per_seller", "capacity")


def fill_from_base(plan: Plan, base: Plan) -> Plan:
    """A linked plan keeps its values; levers the link leaves out take the baseline's."""
    changes = {f: getattr(base, f) for f in OPTIONAL if f not in CHOSEN_ABSENT and getattr(plan, f) is None}
    return plan.with_(**changes)


def _to_widget(field: str, value: float) -> float:
    return value * 100 if LEVERS[field][0] == "share" else value


def _from_widget(field: str, value: float) -> float:
    return value / 100 if LEVERS[field][0] == "share" else value


def _bounds(field: str) -> tuple[float, float, float]:
    """(min, max, step) of the slider in widget units, from the baseline."""
    kind, floor = LEVERS[field]
    base = state.PL_BASE.get()
    ref = getattr(base, field, None) or 0.0
    if kind == "share":
        top = min(100.0, max(_to_widget(field, floor), _to_widget(field, ref) * 3))
        return 0.0, round(top, 1), 0.1
    top = max(float(floor), ref * 3)
    if kind == "number":
        return 0.0, round(top, 2), 0.01
    if kind == "days":
        return MIN.get(field, 0.0), float(math.ceil(top)), 1.0
    if kind == "count":
        return MIN.get(field, 0.0), float(math.ceil(top)), 1.0
    step = float(10 ** max(0, int(math.log10(top)) - 2))
    return 0.0, float(math.ceil(top / step) * step), step


def _sync(field: str) -> None:
    """Take the value of whichever of the lever's two widgets the user changed."""
    value, slider, number = state.lever_widgets(field)
    shown = _to_widget(field, value.get() or 0.0)
    thumb = _on_slider(field, shown, box_digits(field, value.get()))
    if slider.present() and abs(float(slider.get()) - thumb) > 1e-9:
        value.set(_from_widget(field, float(slider.get())))  # the slider moved
        numbox.forget(number)
        return
    current = None if value.get() is None else shown
    typed = numbox.read(number, current, box_digits(field, value.get()), *_box_range(field))
    if typed is not None:
        value.set(_from_widget(field, typed))  # a number was typed


def sync_all() -> None:
    """Before anything is computed: every lever's canonical value from its widgets, so a lever
    drawn further down the page (in a tab) counts in this very run."""
    for field in LEVERS:
        _sync(field)


def lever(field: str, where=None, label_key: str | None = None, unknown: bool = False) -> None:
    """A slider and a number input for one lever, kept in sync (see the module's docstring);
    ``label_key``: another name for what the lever counts (deals instead of leads). ``unknown``:
    the data does not give the lever and it has not been typed (funnel.model.gaps): an empty box
    asking for it, no slider at a made-up 0 (the headline shows "—" for what needs it).

    A lever with decimals (a share in percent, a plain number) is a slider of options, each
    written by funnel.formatting in the session's language: its thumb reads "3,2" on a Russian
    screen and "3.2" on an English one while it is dragged (Streamlit's own slider writes its
    value with sprintf-js, whose decimal mark is always a point)."""
    where = where or st
    lo, hi, step = _bounds(field)
    value, sk, nk = state.lever_widgets(field)
    # the unit in the label, as the thumb and the box write a bare number: "Маржа %", "Цена клика, ₽"
    kind = LEVERS[field][0]
    unit = " %" if kind == "share" else ", " + ui.plain(ui.currency()) if kind == "money" else ""
    label = ui.t(label_key or f"planner.lever.{field}") + unit
    placeholder = ui.t("planner.lever.type")
    if field == "margin" and unknown:  # no margin set (gaps.margin_unset): an empty box, no slider at 100
        label, placeholder = ui.t("planner.lever.margin_unset"), ui.t("planner.lever.margin_type")
    help_key = f"planner.help.{field}"
    if label_key and (own := label_key.replace(".lever.", ".help.")) in TABLE:
        help_key = own  # a lever that counts something else says so in its help too
    if unknown:
        sk.pop()
        numbox.draw(
            where,
            label,
            nk,
            None,
            DIGITS[LEVERS[field][0]],
            help=ui.t(help_key),
            placeholder=placeholder,
        )
        return
    shown = _to_widget(field, value.get() or 0.0)
    digits = box_digits(field, value.get())
    sk.set(thumb := _on_slider(field, shown, digits))
    c1, c2 = where.columns([3, 1.3], vertical_alignment="bottom")
    if field in _GRID or _off_step(lo, hi, step, thumb, digits):
        lang = ui.lang()
        written = _labels(lang, lo, hi, step)
        c1.select_slider(
            label,
            options=_options(written, thumb),
            key=sk,
            format_func=lambda x: written.get(x) or formatting.number(x, lang, places(x, digits)),
            help=ui.t(help_key),
        )
    else:
        c1.slider(
            label,
            min_value=lo,
            max_value=hi,
            step=step,
            key=sk,
            format=widget_format(places(sk.get(), places(step))),  # "100", not "100.0"
            help=ui.t(help_key),
        )
    box = None if value.get() is None else shown
    numbox.draw(c2, label, nk, box, box_digits(field, value.get()), collapsed=True)


# The levers whose slider is one of options (``lever``): those with decimals.
_GRID = frozenset(f for f, (kind, _) in LEVERS.items() if kind in ("share", "number"))
# A whole-step slider with at most this many steps turns into one of options when its box shows
# decimals its step does not (``_off_step``); a longer one (a money slider by the kopeck) keeps
# its own, as the margin's 1 001 options are already the most a slider sends.
MAX_OPTIONS = 1_000


def _off_step(lo: float, hi: float, step: float, thumb: float, digits: int) -> bool:
    """Whether a whole-step slider at ``thumb`` would read other than its number box: the box
    writes ``digits`` decimals ("3,3" sellers' deals a month on a workspace of deals), the
    slider its step's ("3"). Such a slider is drawn as one of options with ``thumb`` among them
    (``_options``), so both read "3,3"."""
    shown = round(thumb, digits)
    return shown != round(thumb, places(step)) and (hi - lo) / step <= MAX_OPTIONS


def _grid(field: str) -> list[float]:
    """The slider's options for a lever in ``_GRID``: its range in steps, in widget units."""
    return _grid_of(*_bounds(field))


def _grid_of(lo: float, hi: float, step: float) -> list[float]:
    digits = places(step)
    return [round(lo + i * step, digits) for i in range(round((hi - lo) / step) + 1)]


@functools.lru_cache(maxsize=64)
def _labels(lang: str, lo: float, hi: float, step: float) -> dict[float, str]:
    """Each option of a slider from ``lo`` to ``hi`` by ``step``, written in ``lang`` (funnel.formatting):
    kept per process, as Streamlit asks for every option's text on every run and writing the
    margin's 1 001 through Babel took 20 ms (quiet machine)."""
    digits = places(step)
    return {x: formatting.number(x, lang, places(x, digits)) for x in _grid_of(lo, hi, step)}


def _options(written: dict[float, str], thumb: float, text: str | None = None) -> list[float]:
    """A slider's options: its cached grid (``_labels``) and, when the lever's value is off the
    grid, that value at its sorted place, so the thumb reads what the number box beside it reads
    ("3,18", not the grid's "3,2"). One insertion a run: the grid itself is built once.
    ``text``: how ``thumb`` is written, where a grid option may be written alike ("17" for
    17,0047 beside the grid's 17; "3,2" for 3,1996): that option leaves, since a slider of options
    tells its value by its text, and two alike moved the value to the grid's on the next run."""
    if thumb in written:
        return list(written)
    options = list(written) if text is None else [x for x, w in written.items() if w != text]
    bisect.insort(options, thumb)
    return options


# For the stage chain's sliders of options (edits.chain_tab): the same cached grid and insertion.
grid_labels, grid_options = _labels, _options


def _on_slider(field: str, shown: float, digits: int | None = None) -> float:
    """Where the lever's slider stands for the value ``shown`` (widget units): within its range;
    for a slider of options, on ``shown`` written to ``digits`` decimals (what the number box
    shows, ``box_digits``), an option of its own when off the grid (``_options``); without
    ``digits``, on the grid's option nearest it."""
    lo, hi, step = _bounds(field)
    clamped = float(min(max(shown, lo), hi))
    if field not in _GRID:
        return clamped
    if digits is not None and lo <= shown <= hi:
        return round(shown, digits)
    grid = _grid(field)
    return grid[min(max(round((clamped - lo) / step), 0), len(grid) - 1)]


def unknown_levers(b: Baseline, base: Plan) -> frozenset[str]:
    """The levers the data does not give and the session has not typed (funnel.model.gaps), for
    the levers as they stand this run (after ``sync_all``); the margin while none is set
    (gaps.margin_unset: the data never gives one)."""
    plan = current_plan(base)
    return b.gaps().unknown(plan, base) | ({"margin"} if gaps.margin_unset(plan) else set())


def at_base(field: str, value: float | None) -> bool:
    """Whether the lever still holds the baseline's own value (not typed, not moved)."""
    base = state.PL_BASE.get()
    return base is not None and value is not None and value == getattr(base, field, None)


def box_digits(field: str, value: float | None) -> int:
    """The decimals the lever's number box writes ``value`` with: the baseline's own value as a
    person reads it (funnel.model.precision; a seller's leads a month as many as the capacity
    written under its card needs, precision.per_seller_places), any other to every digit it has
    (up to DIGITS)."""
    kind = LEVERS[field][0]
    if at_base(field, value):
        if field == "contacts_per_seller" and value is not None:
            return precision.per_seller_places(st.session_state.get(state.PL_VALUE.of("sellers")), value)
        return precision.places(kind, _to_widget(field, value or 0.0))
    return DIGITS[kind]


def lever_places(field: str, value: float) -> int:
    """The decimals the lever's slider and box read ``value`` [model units] with, trailing zeros
    dropped ("212,5", "213"): for a text that writes the lever's value beside it."""
    return places(_to_widget(field, value), box_digits(field, value))


def _box_range(field: str) -> tuple[float, float | None]:
    """What a lever's number box accepts, in widget units: from its least value (0, or more
    for a lever that can't be 0) and, for a share, up to 100 %."""
    return MIN.get(field, 0.0), 100.0 if LEVERS[field][0] == "share" else None


def current_plan(base: Plan) -> Plan:
    """The plan the widgets show. Reverse mode keeps one target; forward mode none."""
    values = {f: st.session_state.get(state.PL_VALUE.of(f), getattr(base, f)) for f in LEVERS}
    if not state.PL_CAPACITY.get():
        values.update(sellers=None, contacts_per_seller=None)
    else:  # switched on where the data had no team: start from one seller handling today's leads
        values["sellers"] = values["sellers"] or 1.0
        values["contacts_per_seller"] = values["contacts_per_seller"] or float(
            max(1, math.ceil((values["leads"] or 0) / values["sellers"]))
        )
    values.update(web_on=bool(state.PL_WEB.get()), repeat_on=bool(state.PL_REPEAT.get()))
    reverse = state.PL_REVERSE.get()
    kind = state.PL_TARGET_KIND.get()
    if not reverse or kind != "turnover":
        values["target_turnover"] = None
    if not reverse or kind != "profit":
        values["target_profit"] = None
    return base.with_(**values)


BASIS_KEY = "bs"  # the link's basis, when it is not the default period basis


def write_link(plan: Plan, edits: Edits | None = None, active: ActivePlan | None = None) -> None:
    """Put every input in the URL, with the stage-chain and channel-mix edits, the active-sales
    plan (when the plan has one) and the basis, so a copied link reopens this exact view."""
    wanted = link.encode(plan, bool(state.PL_REVERSE.get()), edits, active)
    if (basis := state.PL_BASIS.get()) != "period":
        wanted[BASIS_KEY] = basis
    owned = set(link.FIELDS) | set(link.EDIT_KEYS.values()) | set(link.ACTIVE_FIELDS) | {BASIS_KEY}
    state.write_url(wanted, owned=owned)


def put_active(active: ActivePlan | None, origin: str = "data") -> None:
    """Make ``active`` the session's active-sales plan (from a link or a scenario; None: the plan
    has none, and the tab starts from the data when opened); its inputs pick it up when drawn."""
    state.PL_ACTIVE.set(active)
    state.PL_ACTIVE_ORIGIN.set(origin)
    state.PL_ACTIVE_PROBLEM.pop()
    state.PL_ACTIVE_TYPED.pop()  # every input as the plan brought it: none typed yet
    numbox.forget_all(state.PL_ACTIVE_W)


def can_edit() -> bool:
    return auth.may("edit_scenarios")
