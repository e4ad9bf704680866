"""The Time page's «goals» tab: the month's goals paced by working days (funnel.goals), the grid
editors type them in, and the plan's figures as goals. Numbers come from funnel.goals."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

import ui
from funnel import goals as gl
from funnel import teams as tm
from funnel.filters import Filters
from funnel.formatting import DASH
from funnel.periods import add_months, month_start
from ui import auth
from ui.cards import grid_and_cards
from ui.grid import apply_edits
from ui.show import fitted_columns
from ui.views.time import data_through, look
from ui.views.time.goals_line import fmt, pace, row_fmt, who
from ui.writes import say, show_message, write

EDITOR, MONTH, KEY_PART = "tm_goals_editor", "tm_goals_month", "tm_goals_part"


def render(filters: Filters) -> None:
    ws = filters.workspace_id
    this = month_start(date.today())
    start = gl.default_month(ui.shared(gl.last_day, filters=Filters(ws)), date.today())
    with ui.cursor(fresh=True) as cur:
        near = {add_months(m, k) for m in (this, start) for k in range(-3, 4)}
        months = sorted(near | set(gl.months(cur, filters=Filters(ws))))
    month = st.selectbox(
        ui.t("tm.goals.month"), months, index=months.index(start), key=MONTH, format_func=ui.labels(months, ui.month)
    )
    show_message("tm_goals")
    st.subheader(ui.t("tm.goals.pacing"))
    data_through.note(ws, "tm.goals.data_through", last_of=gl.last_day)
    df = pace(ws, month)
    if df.empty:
        st.info(ui.t("tm.goals.none"))
    else:
        _pacing_table(df)
        if (df["dimension"] == "team").any():
            _teams_note(ws, df)
        r = df.iloc[0]
        st.caption(
            ui.t(
                "tm.goals.days",
                elapsed=ui.num(r["days_elapsed"]),
                total=ui.num(r["days_in_month"]),
                left=ui.num(r["days_left"]),
            )
        )
    _editor(ws, month, df)


def _editor(ws: str, month: date, df: pd.DataFrame) -> None:
    """The pacing's downloads and the editors' grid, either when asked for (look.part, nothing
    chosen at first): a grid costs the browser about as much as the pacing table, on every visit
    of the tab (a month without goals: the grid alone is offered)."""
    if not auth.may("edit_scenarios"):
        if not df.empty:
            ui.download_buttons(df, "goals_pacing", key="tm_goals_dl")
        st.subheader(ui.t("tm.goals.edit"))
        st.caption(ui.t("tm.goals.viewer"))
        return
    # nothing more until asked for: the pacing above (or the line saying there is none) is the tab
    kind = look.part(KEY_PART, ("edit",) if df.empty else ("edit", "files"), "tm.goals.part.", first=False)
    if kind == "files":
        ui.download_buttons(df, "goals_pacing", key="tm_goals_dl")
    elif kind == "edit":
        _grid(ws, month, df)


def _teams_note(ws: str, df: pd.DataFrame) -> None:
    """Who is in each team the goals name (the mapping in Settings), and a team with nobody in it."""
    with ui.cursor(fresh=True) as cur:
        members = tm.members(tm.owner_teams(cur, ws))
    named = sorted(set(df.loc[df["dimension"] == "team", "member"]))
    shown = [f"{ui.plain(t)} — {', '.join(ui.plain(o) for o in members[t])}" for t in named if t in members]
    if shown:
        st.caption(ui.t("tm.goals.teams", teams="; ".join(shown)))
    for t in named:
        if t not in members:
            st.caption(ui.t("tm.goals.team_empty", team=ui.plain(t)))


def _source(s: str) -> str:
    if s.startswith("scenario:"):
        return ui.t("tm.goals.source.plan", name=ui.plain(s.split(":", 1)[1]))
    return ui.t("tm.goals.source.typed")


def _pacing_table(df: pd.DataFrame) -> None:
    """Seven columns that fit a laptop's 820 px (ui.show.fitted_columns; review #16: eight
    scrolled sideways at 1280 px): short headers, each said whole in its tooltip, and the goals'
    source in a line below (row by row in the downloads). With no working day left (a month
    gone; the caption below says 0 left) six: nothing is needed a day any more, and the gap
    (actual − the whole goal) says which goal was met, so the names get the room."""

    def needed(r) -> str:
        if r["needed_per_day"] is None or pd.isna(r["needed_per_day"]):
            return ui.t("tm.goals.no_days")
        if r["needed_per_day"] == 0:
            return ui.t("tm.goals.done")
        return fmt(r["metric"], r["needed_per_day"])

    rows = df.to_dict("records")
    col = {c: ui.t(f"tm.goals.col.{c}") for c in ("who", "metric", "target", "expected", "actual", "gap", "needed")}
    table = pd.DataFrame(
        {
            col["who"]: [who(r["dimension"], r["member"]) for r in rows],
            col["metric"]: [ui.t(f"tm.goals.metric.{r['metric']}") for r in rows],
            col["target"]: [row_fmt(r, "target") for r in rows],
            col["expected"]: [row_fmt(r, "expected") for r in rows],
            col["actual"]: [row_fmt(r, "actual") for r in rows],
            col["gap"]: [row_fmt(r, "gap", signed=True) for r in rows],
            col["needed"]: [needed(r) for r in rows],
        }
    )
    if (df["days_left"] == 0).all():
        table = table.drop(columns=col["needed"])
    helps = {col[c]: ui.t(f"tm.goals.help.{c}") for c in ("expected", "gap", "needed")}
    config = fitted_columns(table, helps)
    grid_and_cards(  # on a phone a card a goal: its goal and actual first (ui.cards)
        table,
        key="tm_goals_pacing",
        title=(col["who"], col["metric"]),
        first=(col["target"], col["actual"], col["gap"], col["expected"], col["needed"]),
        column_config=config,
        hide_index=True,
        width="stretch",
        placeholder=DASH,
    )
    sources = list(dict.fromkeys(df["source"]))
    st.caption(
        ui.t(
            "tm.goals.sources" if len(sources) == 1 else "tm.goals.sources_mixed",
            sources="; ".join(_source(s) for s in sources),
        )
    )


def _grid(ws: str, month: date, df: pd.DataFrame) -> None:
    st.caption(ui.t("tm.goals.edit_help"))
    base = _base(df)
    config = {
        "dimension": st.column_config.SelectboxColumn(
            ui.t("tm.goals.col.dimension"),
            options=list(gl.DIMENSIONS),
            required=True,
            default="total",
            format_func=ui.labels(gl.DIMENSIONS, lambda d: ui.t(f"tm.goals.dim.{d}")),
        ),
        "member": st.column_config.TextColumn(ui.t("tm.goals.col.member"), max_chars=200),
        "metric": st.column_config.SelectboxColumn(
            ui.t("tm.goals.col.metric"),
            options=list(gl.METRICS),
            required=True,
            default="revenue",
            format_func=ui.labels(gl.METRICS, lambda m: ui.t(f"tm.goals.metric.{m}")),
        ),
        "target": st.column_config.NumberColumn(ui.t("tm.goals.col.target"), min_value=0),
    }
    key = f"{EDITOR}_{ws}_{month.isoformat()}"  # a month's grid of its own
    st.data_editor(base, column_config=config, num_rows="dynamic", hide_index=True, placeholder=DASH, key=key)
    st.button(ui.t("tm.goals.save"), key="tm_goals_save", type="primary", on_click=_save, args=(ws, month, base, key))
    with ui.cursor() as cur:
        plan = gl.plan_goals(cur, ws, month)
    if plan is not None:
        st.button(
            ui.t("tm.goals.from_plan", name=ui.plain(plan[0])),
            key="tm_goals_plan",
            on_click=_from_plan,
            args=(ws, month),
        )


def _base(df: pd.DataFrame) -> pd.DataFrame:
    """The typed goals as the grid starts (the plan's rows are shown above, not edited here)."""
    cols = list(gl.COLUMNS)
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "target" else "object") for c in cols})
    return df[df["source"] == "typed"][cols].reset_index(drop=True)


def edited(base: pd.DataFrame, changes: dict) -> list[dict]:
    """``base`` with the grid's recorded changes applied (edited cells, deleted and added rows)."""
    return apply_edits(base, changes).to_dict("records")


def _save(ws: str, month: date, base: pd.DataFrame, key: str) -> None:
    rows = edited(base, st.session_state.get(key) or {})
    saved = [0]

    def save(cur) -> None:
        saved[0] = gl.save_goals(cur, ws, month, rows, actor=auth.current_user())

    if write(save, "", "tm_goals"):  # a refused cell is left for show_message by write()
        say("success", ui.t("tm.goals.saved", n=ui.num(saved[0])), "tm_goals")
        st.session_state.pop(key, None)  # the grid starts again from what was saved


def _from_plan(ws: str, month: date) -> None:
    name: list[str | None] = [None]

    def take(cur) -> None:
        name[0] = gl.goals_from_plan(cur, ws, month, actor=auth.current_user())

    if write(take, "", "tm_goals"):
        say("success", ui.t("tm.goals.from_plan_done", name=ui.plain(name[0] or "")), "tm_goals")
