"""The planner's «Active sales» tab (DOMAIN.md §7–8, funnel.model.active): outbound sales as a
chain of functions. The inputs, grouped by function, and what the run's one result
(``PlanResult.active``) says: the headline, people, load and cost per function, the bottleneck in
words, the chain's volumes and the money month by month (drawn by
ui.views.planner.active_result).

The active plan is kept in the session (``state.PL_ACTIVE``), outside the tab's widgets, which
vanish while another tab is open; each input's ``on_change`` writes its value there. A change
runs the pure model only (inside the planner's fragment, no query): the data's seed is read once
per baseline (``active_data.seed`` on what the planner's baseline already holds).
"""

from __future__ import annotations

import streamlit as st

import ui
from funnel.errors import FunnelError
from funnel.model import active as model
from funnel.model import active_data
from funnel.model.active import ActivePlan, ActiveResult
from funnel.model.active_presets import PRESETS
from ui import numbox, state
from ui.views.planner import levers as up
from ui.views.planner.active_result import bottleneck_text, functions_part, headline, result_part, sign

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


def only_example(b, base_plan, plan: ActivePlan) -> bool:
    """``plan`` is the method's example untouched, on data that gives none of its inputs: a
    report of it would carry no figure of the workspace's or the user's."""
    seeded, from_data = seed(b, base_plan)
    return not from_data and plan == seeded


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
    untouched = old is not None and plan == old[1] and not state.PL_ACTIVE_TYPED.get()
    if plan is None or (untouched and state.PL_ACTIVE_ORIGIN.get() == "data"):
        plan = seeded
        state.PL_ACTIVE.set(plan)
        state.PL_ACTIVE_ORIGIN.set("data")
        state.PL_ACTIVE_TYPED.pop()
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
    value = state.PL_ACTIVE_W.of(field).get()
    if kind(field) != "whole":  # a number box: the number typed, or nothing when refused (it says why)
        shown = to_widget(field, getattr(plan, field))
        value = numbox.read(state.PL_ACTIVE_W.of(field), shown, FORMATS[kind(field)][1], *_range(field, plan))
        if value is None:
            return
    try:
        state.PL_ACTIVE.set(plan.with_(**{field: from_widget(field, value)}))
        state.PL_ACTIVE_PROBLEM.pop()
        state.PL_ACTIVE_TYPED.set(state.PL_ACTIVE_TYPED.get() | {field})  # the user's, whatever its value
    except FunnelError as exc:
        state.PL_ACTIVE_PROBLEM.set(exc)


def _mode_changed(r: ActiveResult) -> None:
    """on_change of the toggle or the target kind: reverse starts at what the forward plan gives
    (the same contracts, turnover or profit). Its steps are then what that target needs, each
    rounded up from the whole step after it (funnel.model.active_chain.whole_back), so they may
    exceed the forward flow's, each to the nearest whole, by a contact or a meeting."""
    plan = state.PL_ACTIVE.get()
    if plan is None:
        return
    if not state.PL_ACTIVE_REVERSE.get():
        state.PL_ACTIVE.set(plan.with_(target_kind=None, target_value=None))
    else:
        k = state.PL_ACTIVE_KIND.get() or "contracts"
        value = {"contracts": r.contracts, "turnover": r.turnover, "profit": r.profit}[k] if r.reachable else 0.0
        state.PL_ACTIVE.set(plan.with_(target_kind=k, target_value=float(value)))
    numbox.forget(state.PL_ACTIVE_W.of("target_value"))


# ---- the inputs -------------------------------------------------------------------------------
def _label(field: str, marks: dict[str, str], plan: ActivePlan) -> str:
    text = ui.t("active.target_value" if field == "target_value" else f"active.in.{field}")
    if kind(field) == "share":
        text += ", %"
    elif field in MONEY or (field == "target_value" and plan.target_kind != "contracts"):  # contracts: a count
        text += f", {ui.plain(sign(plan))}"  # the owner typed the currency
    mark = marks.get(field)
    return f"{text} · {ui.t(f'active.mark.{mark}')}" if mark else text


def _range(field: str, plan: ActivePlan) -> tuple[float | None, float | None]:
    """What an input accepts, in widget units."""
    low = None if (field == "target_value" and plan.target_kind == "profit") else 0.0
    if field in MIN_POSITIVE:
        low = 0.01
    return low, 100.0 if kind(field) == "share" else (31.0 if field == "working_days" else None)


def _input(field: str, plan: ActivePlan, marks: dict[str, str], where=st) -> None:
    key = state.PL_ACTIVE_W.of(field)
    k = kind(field)
    label = _label(field, marks, plan)
    if k == "whole":
        key.set(to_widget(field, getattr(plan, field)))
        top = model.MAX_HORIZON if field in ("horizon", "ramp_months") else None
        where.number_input(
            label,
            min_value=1 if field == "horizon" else 0,
            max_value=top,
            step=1,
            format="%d",
            key=key,
            on_change=_changed,
            args=(field,),
        )
        return
    # money and shares as the language writes them ("60 000", "3,5"): ui.numbox
    numbox.draw(
        where, label, key, to_widget(field, getattr(plan, field)), FORMATS[k][1], on_change=_changed, args=(field,)
    )


def marks_for(plan: ActivePlan, seeded: ActivePlan, from_data: frozenset[str]) -> dict[str, str]:
    """Each input still at the data's seed: "data" when the data gave it, "example" otherwise;
    a value the user typed has no mark (nor any value of a Workshop case). Typed is what the
    user touched (PL_ACTIVE_TYPED), not a value unlike the seed's: a number typed that happens to
    equal the example's is the user's, and was marked «(пример)» (screen review)."""
    if state.PL_ACTIVE_ORIGIN.get() != "data":
        return {}
    typed = state.PL_ACTIVE_TYPED.get()
    return {
        f: ("data" if f in from_data else "example")
        for group in GROUPS.values()
        for f in group
        if f not in typed and getattr(plan, f) == getattr(seeded, f)
    }


def _origin_note(from_data: frozenset[str], marks: dict[str, str]) -> None:
    """Where the values come from. "From your data" names only the inputs that still hold the
    data's value (a link to a Workshop case, or values typed over the data's, once listed the
    average check as the data's beside «12 000 $»); none left: no note, the values are the user's."""
    origin = state.PL_ACTIVE_ORIGIN.get()
    if origin != "data":
        back = ui.t("active.origin_preset_back" if from_data else "active.origin_preset_back_example")
        st.info(ui.t("active.origin_preset", name=ui.t(f"workshop.case.{origin}"), back=back))
    elif still := [f for f in from_data if marks.get(f) == "data"]:
        names = "; ".join(ui.t(f"active.in.{f}") for f in sorted(still, key=_order))
        st.caption(ui.t("active.origin", fields=names))
    elif not from_data:
        st.caption(ui.t("active.origin_none"))


def _back_button(where, plan: ActivePlan, seeded: ActivePlan, from_data: frozenset[str]) -> None:
    """The button back to the seed. Named "the data's values" only when the data gives some: on
    a workspace whose data gives none (spend only, say) the seed is the method's example, and
    the button says so; it is disabled, saying why, while the plan is that example untouched."""
    if from_data:
        label, help_, idle = ui.t("active.from_data"), None, False
    else:
        idle = state.PL_ACTIVE_ORIGIN.get() == "data" and plan == seeded
        label = ui.t("active.from_example")
        help_ = ui.t("active.from_example_same" if idle else "active.from_example_help")
    where.button(
        label, key="pl_act_reset", on_click=back_to_data, icon=":material/restart_alt:", disabled=idle, help=help_
    )


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
            format_func=ui.labels(model.TARGETS, lambda k: ui.t(f"active.target.{k}")),  # worded in this run
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
        format_func=ui.labels(tuple(GROUPS), lambda g: ui.t(f"active.group.{g}")),  # worded in this run's language
    )
    box = st.container(border=True, key="pl_act_inputs")
    for field in GROUPS[group or "marketing"]:
        if not (reverse and field in FORWARD_ONLY):
            _input(field, plan, marks, box)


def active_tab(b, base_plan, r) -> None:
    """The tab, on the run's one result (``r.active``, made from the session's plan): the
    headline, the bottleneck and the functions across the tab; the inputs on the left, the chain
    and the money on the right (as the planner's levers and results)."""
    st.caption(ui.t("active.intro"))
    a = r.active
    if a is None:  # no active plan in this run (it opens with the tab: see current)
        return
    seeded, from_data = seed(b, base_plan)
    marks = marks_for(a.plan, seeded, from_data)
    c = st.columns([2, 1], vertical_alignment="center")  # [3, 1] cut the button's words at 1280 px
    with c[0]:
        _origin_note(from_data, marks)
    _back_button(c[1], a.plan, seeded, from_data)
    if (problem := state.PL_ACTIVE_PROBLEM.get()) is not None:
        ui.show_error(problem)
    mode(a)
    # the figures resting on an input still at the method's example say so on their labels
    on_example = active_data.example_figures({f for f, m in marks.items() if m == "example"}, a.plan.target_kind)
    if a.reachable:
        headline(a, on_example)
        example = ui.t("active.m.margin_example") if marks.get("margin") == "example" else ""
        whole = abs(a.plan.margin * 100 - round(a.plan.margin * 100)) < 1e-9
        st.caption(ui.t("active.m.margin", margin=ui.pct(a.plan.margin, 0 if whole else 1), example=example))
        if examples := sum(m == "example" for m in marks.values()):  # the figures above stand on them
            total = sum(len(g) for g in GROUPS.values())
            st.caption(ui.t("active.m.example", n=ui.num(examples), total=ui.num(total)))
        st.markdown(f"**{ui.plain(bottleneck_text(a))}**")
        functions_part(a)
    else:
        st.error(ui.t("active.unreachable"))
    left, right = st.columns([1, 1.25], gap="medium")
    with left:
        inputs(a.plan, marks)
    if a.reachable:
        with right:
            result_part(a, on_example)
