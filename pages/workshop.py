import streamlit as st

import ui
from funnel.errors import FunnelError
from funnel.model import result
from ui.views import workshop as uw

ui.page_guard()
presenting = uw.presenting()
uw.presenter_frame(presenting)  # fixed CSS (and the Esc key) only: no user text goes into HTML
title, button = st.columns([4, 1], vertical_alignment="center")
title.title(ui.t("nav.workshop"))  # one name: the menu's, the heading's and the browser tab's
uw.presenter_button(presenting, button)
if not presenting:
    st.caption(ui.t("workshop.intro"))

filters = ui.filters()
begin = uw.workshop_baseline(filters)  # the workspace's levers; the method's example for the rest
base, source = begin.plan, begin.source
uw.start(base, sig=repr((filters, base)))
deals = source is not None and source.source == "deals"
if source is None:
    st.info(uw.example_note(begin))
elif presenting:
    st.caption(ui.plain(uw.basis_line(source)))
else:
    st.caption(uw.basis_text(source))
if (partial := uw.partial_note(begin)) is not None:
    st.info(partial)

with st.container(key="ws_levers"):
    # bottom-aligned: a label that wraps (deals only at 1280 px) pushes its own label up, not its slider down
    c = st.columns(4, vertical_alignment="bottom")
    c[0].slider(
        uw.slider_label(begin, "leads"),
        0.0,
        max(float(base.leads) * 4, 100.0),
        step=1.0,
        key=uw.WS_KEYS["leads"],
        format=uw.slider_format("leads"),
    )
    uw.conversion_slider(c[1], uw.slider_label(begin, "conversion"), base)  # "3,18" above its thumb
    c[2].slider(
        uw.slider_label(begin, "avg_check"),
        0.0,
        max(float(base.avg_check) * 3, 10_000.0),
        step=100.0,
        key=uw.WS_KEYS["avg_check"],
        format=uw.slider_format("avg_check"),
    )
    c[3].slider(
        uw.slider_label(begin, "sellers"),
        1.0,
        max(float(base.sellers or 0) * 3, 10.0),
        step=1.0,
        key=uw.WS_KEYS["sellers"],
        format=uw.slider_format("sellers"),
        help=uw.sellers_help(begin),
    )
st.button(
    ui.t("workshop.reset"), key="ws_reset", on_click=uw.workshop_reset, args=(base,), icon=":material/restart_alt:"
)

try:
    out = result.run(uw.workshop_plan(base), base, False).shown  # the Planner's result object
except FunnelError as exc:
    ui.show_error(exc)
    st.stop()

overloaded = out["effective_conversion"] < out["conversion"]
examples = uw.example_figures(begin, overloaded)  # the cards built on an example lever, marked as it is
with st.container(key="ws_line"):
    st.markdown(ui.plain(uw.workshop_line(out, "deals" if deals else "leads", "turnover" in examples)))
if (rounded := uw.rounded_note(out)) is not None:
    st.caption(rounded)
deals_help = uw.deals_help(begin)
with st.container(key="ws_numbers"):
    # bottom-aligned as the levers: «Лидов может обработать команда» wraps at 1280 and 1440 px,
    # and its figure stood a line below the other two
    c = st.columns(3, vertical_alignment="bottom")
    c[0].metric(uw.figure_label(begin, "turnover", examples), ui.money(out["turnover"]))
    c[1].metric(
        ui.plain(uw.deals_label(begin, examples, out["conversion"])),
        uw.figure("deals", out["deals"]),
        help=ui.plain(deals_help) if deals_help else None,
    )
    c[2].metric(uw.figure_label(begin, "capacity", examples), uw.figure("capacity", out["capacity"]))
if overloaded:
    st.warning(
        ui.t(
            "workshop.overload",
            base=ui.plain(uw.share(out["conversion"])),
            eff=ui.plain(uw.share(out["effective_conversion"])),
            sellers=ui.num(out["sellers_needed"]),
        )
    )

case = uw.cases()  # a case from practice opens in the planner's active-sales tab
if case is not None:
    uw.open_case(case)
    st.switch_page("pages/planner.py")
