import streamlit as st

import ui
from funnel.errors import FunnelError
from funnel.model import result
from ui import state
from ui.views import planner as view

ui.page_guard()
st.title(ui.t("nav.planner"))
st.caption(ui.t("planner.intro"))

filters = ui.filters()
view.phone_switch()  # on a phone the settings below and the levers are folded behind it
head_box = st.container(key=view.HEAD)
with head_box:
    basis = view.basis_picker()
try:
    b = view.load_baseline(filters, basis)
except FunnelError as exc:
    ui.show_error(exc)
    st.stop()

base = view.base_plan(b)
view.prepare(base, sig=repr((filters, base)))

head = head_box.columns([1.2, 1, 2])
reverse = head[0].toggle(ui.t("planner.reverse"), key=state.PL_REVERSE, help=ui.t("planner.reverse_help"))
head[1].button(
    ui.t("planner.reset"), key="pl_reset", on_click=view.reset_to, args=(base,), icon=":material/restart_alt:"
)
head[2].caption(view.baseline_line(b))

st.html(view.page_css())  # fixed CSS only


@st.fragment
def plan_part(seen: tuple, b, base, reverse: bool) -> None:
    """The levers and all that follows from the plan: a lever step reruns this alone, on the
    full run's baseline (view.fragment: after a full run's checks, else the whole app reruns)."""
    with view.checked(seen):
        draw_plan(b, base, reverse)


def draw_plan(b, base, reverse: bool) -> None:
    view.sync_all()  # in the fragment: a step reruns only this, and the step is read here
    note = st.container()  # what the data does not give and what is still "—": said once ``r`` is known
    left, right = st.container(key="pl_main").columns([1, 1.35], gap="large")
    with left, st.container(key=view.LEVERS):
        if reverse:
            kind = st.radio(
                ui.t("planner.target_kind"),
                ("turnover", "profit"),
                horizontal=True,
                key=state.PL_TARGET_KIND,
                format_func=lambda k: ui.t(f"planner.target.{k}"),
            )
            view.lever(f"target_{kind}")
        unknown = view.unknown_levers(b, base)  # an empty box to type, never a made-up 0
        for field in ("leads", "conversion", "avg_check", "cpl", "margin"):
            if not (reverse and field == "leads"):
                view.lever(field, label_key=view.lever_label(b, field), unknown=field in unknown)

    try:
        plan = view.current_plan(base)
        r = result.run(
            plan,
            base,
            reverse,
            view.plan_channels(b),
            active=view.active_plan(b, base),
            gaps=b.gaps(),
            base_channels=b.mix_channels(),
        )
    except FunnelError as exc:
        ui.show_error(exc)
        st.stop()
    with note:
        view.missing_note(b, r, base)
    view.link_warning(plan, base)

    with right:
        if reverse:
            view.reverse_panel(r)
        view.metrics(
            r.shown,
            r.baseline,
            deals_help=view.deals_help(b),
            deals_label=view.deals_label(b, r.plan.conversion),  # what it counts, where not the Overview's
        )
        view.capacity_note(r)

    # the waterfall is the first tab's (tabs.waterfall_tab), not beside the figures: one chart
    # and no stage chain drawn on opening the page (issue #16's 0.5 s to a drawn Planner)
    view.draw_tabs(b, base, r, view.waterfall_rows(r))
    # after the chain or mix tab, if open, kept this run's edits (and the active tab its plan)
    view.write_link(plan, view.current_edits(), r.active.plan if r.active is not None else None)


plan_part(view.run_state(), b, base, reverse)
