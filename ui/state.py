"""Every session key and URL parameter of the app, each a typed handle with its getter and setter.

A ``Key`` is the key's string (so it can be passed as a widget's ``key=``, and tests find widgets
by the same text) with ``get``/``set``/``pop``/``present`` on ``st.session_state``. A ``Family``
names keys made from a prefix and a part (one per field, stage or spelling). A ``Param`` is one
query parameter of the URL. ``write_url`` is the one function that changes the URL.

Widget keys are grouped by the page that draws them; keys no widget owns (the session's own
memory) start with an underscore.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from typing import Any, Generic, TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from funnel import demo_names

T = TypeVar("T")


class Key(str, Generic[T]):
    """One session-state key; ``default`` is what ``get`` gives while the key is absent."""

    default: Any

    def __new__(cls, name: str, default: T | None = None) -> Key[T]:
        key = super().__new__(cls, name)
        key.default = default
        return key

    def get(self) -> T:
        return st.session_state.get(str(self), self.default)

    def set(self, value: T) -> None:
        st.session_state[str(self)] = value

    def pop(self) -> T | None:
        return st.session_state.pop(str(self), None)

    def present(self) -> bool:
        return str(self) in st.session_state

    def setdefault(self, value: T) -> T:
        return st.session_state.setdefault(str(self), value)


class Family:
    """Keys ``<prefix><part>``: one per field, chain step, stage spelling …; ``part``: a regular
    expression every part matches (so a family never claims another widget's key)."""

    def __init__(self, prefix: str, part: str = ".+"):
        self.prefix = prefix
        self.pattern = re.compile(re.escape(prefix) + f"(?:{part})")

    def of(self, part: object) -> Key[Any]:
        return Key(f"{self.prefix}{part}")

    def keys(self) -> Iterator[str]:
        return iter([k for k in st.session_state if self.pattern.fullmatch(str(k))])

    def clear(self) -> None:
        for key in list(self.keys()):
            del st.session_state[key]


class Param(str):
    """One URL query parameter (its name); ``many``: it holds a list (``?ch=a&ch=b``)."""

    many: bool

    def __new__(cls, name: str, many: bool = False) -> Param:
        param = super().__new__(cls, name)
        param.many = many
        return param

    def get(self) -> Any:
        name = str(self)
        return st.query_params.get_all(name) if self.many else st.query_params.get(name)


def url_params() -> dict[str, str]:
    """Every query parameter of the URL (one value each)."""
    return {k: st.query_params.get(k) or "" for k in st.query_params.keys()}


def write_url(wanted: Mapping[str, str | list[str]], owned: Iterable[str]) -> None:
    """Set the URL's parameters in ``wanted`` and drop those of ``owned`` that are not wanted,
    in one write when anything differs. Each write is a message the browser handles by
    re-rendering the app: arriving on the Planner wrote its ~20 parameters one by one (the URL
    starts empty on every page), which cost the browser more than drawing some of its charts."""
    qp = st.query_params
    owned = set(owned)

    def now(name: str, like) -> str | list[str] | None:
        return qp.get_all(name) if isinstance(like, list) else qp.get(name)

    if not any(n not in wanted and n in qp for n in owned) and all(now(n, v) == v for n, v in wanted.items()):
        return
    merged: dict[str, str | list[str]] = {}
    for name in list(qp.keys()):
        if name in wanted:
            merged[name] = wanted[name]
        elif name not in owned:
            values = qp.get_all(name)
            merged[name] = values[0] if len(values) == 1 else values
    merged.update((n, v) for n, v in wanted.items() if n not in merged)
    qp.from_dict(merged)


# ---- the whole app: language, workspace, shared filters, sign-in -------------------------------
LANG: Key[str] = Key("lang")
WORKSPACE: Key[str] = Key("workspace")  # the picker's workspace id
# ... its last choice, kept beside it: Streamlit drops a widget's state that a finished run did not
# draw (ui.sidebar.workspace_picker), and the picker then fell back to the first workspace
WORKSPACE_KEPT: Key[str] = Key("_workspace_kept")
WORKSPACE_OBJ: Key[Any] = Key("_ws_obj")  # the chosen funnel.workspace.Workspace
FILTERS: Key[Any] = Key("_filters")  # this run's funnel.filters.Filters
PERIOD_PRESET: Key[str] = Key("period_preset")
PERIOD_RANGE: Key[Any] = Key("period_range")
RANGE_KEPT: Key[Any] = Key("_period_range_kept")  # the custom range across a language switch
RANGE_FORMAT: Key[str] = Key("_period_range_format")
# The page whose body fragment a filter change may rerun alone (ui.sidebar.body_fragment_here)
FILTER_BODY: Key[str | None] = Key("_filter_body_page")
CUSTOM_SHOWN: Key[bool] = Key("_period_custom_shown", False)  # the last full run drew the range picker
CHANNELS: Key[list] = Key("filter_channels")
OWNERS: Key[list] = Key("filter_owners")
SEGMENTS: Key[list] = Key("filter_segments")
LINK_READ: Key[bool] = Key("_link_read", False)  # the opening link's filters were read
LINK_IGNORED: Key[list] = Key("_link_ignored")  # its values the workspace does not have
USER: Key[Any] = Key("_user")  # funnel.access.User signed in, or None
PW_USER: Key[Any] = Key("_pw_user")  # who typed a right password here
ATTRIBUTION: Key[str] = Key("_an_attribution", "period")  # cohort/period, across pages
# the Admin page's workspace pickers (rename, delete, export) and the sidebar's workspace they
# were last set to: a sidebar change sets them again (ui.views.admin)
ADMIN_PICKERS = ("admin_rename_ws", "admin_delete_ws", "admin_export_ws")
ADMIN_PICKED_FOR: Key[str] = Key("_admin_picked_for")

QP_LANG, QP_WS = Param("lang"), Param("ws")
QP_PERIOD, QP_FROM, QP_TO = Param("period"), Param("from"), Param("to")
QP_DIMENSIONS = {
    "channel": (Param("ch", many=True), CHANNELS),
    "owner": (Param("own", many=True), OWNERS),
    "segment": (Param("seg", many=True), SEGMENTS),
}
SIDEBAR_PARAMS = (QP_LANG, QP_WS, QP_PERIOD, QP_FROM, QP_TO, *(p for p, _ in QP_DIMENSIONS.values()))

# ---- Planner -------------------------------------------------------------------------------------
PL_REVERSE: Key[bool] = Key("pl_reverse", False)
PL_PHONE_LEVERS: Key[bool] = Key("pl_phone_levers", False)  # a phone's switch: levers and basis shown
PL_TAB: Key[str] = Key("pl_tab")  # the planner's open tab (its label)
PL_BASIS: Key[str] = Key("pl_basis", "period")  # the baseline's basis: period or cohort (funnel.basis)
PL_BASIS_W: Key[str] = Key("pl_basis_w")  # its radio (the choice is kept in PL_BASIS, across pages)
PL_TARGET_KIND: Key[str] = Key("pl_target_kind", "turnover")
PL_CAPACITY_ON: Key[bool] = Key("pl_capacity_on")  # the capacity tab's toggle (a lazy tab)
PL_CAPACITY: Key[bool] = Key("pl_capacity", False)  # the plan's capacity switch, kept outside it
PL_WEB_ON: Key[bool] = Key("pl_web_on")  # the web tab's toggle (a lazy tab)
PL_WEB: Key[bool] = Key("pl_web", False)  # the web chain feeds the plan: the switch, kept outside it
PL_REPEAT_ON: Key[bool] = Key("pl_repeat_on")  # the repeat tab's toggle (a lazy tab)
PL_REPEAT: Key[bool] = Key("pl_repeat", False)  # repeat customers feed the plan, kept outside it
PL_SIG: Key[str] = Key("pl_sig")  # the baseline the levers started from
PL_LINK_DONE: Key[bool] = Key("pl_link_done", False)
PL_BASE: Key[Any] = Key("pl_base")  # the baseline Plan (slider ranges)
PL_LINK_PROBLEM: Key[str] = Key("pl_link_problem")
PL_EDITS: Key[Any] = Key("pl_edits")  # funnel.model.edits.Edits of the chain/mix tabs
PL_VALUE = Family("pl_v_")  # a lever's canonical value, model units
PL_SLIDER, PL_NUMBER = "_s", "_n"  # pl_<field>_s / pl_<field>_n: its two widgets
PL_CHAIN = Family("pl_chain_", r"\d+")  # the stage chain's sliders, one per step
PL_CHAIN_BOX = Family("pl_chainbox_", r"\d+")  # the number box beside each (ui.numbox)
PL_MIX: Key[Any] = Key("pl_mix")
PL_MIX_LANG: Key[str] = Key("_pl_mix_lang")  # the language the channel table's cells were typed in
PL_SENS_METRIC: Key[str] = Key("pl_sens_metric", "turnover")
PL_SC_NAME: Key[str] = Key("pl_sc_name")
PL_SC_OVERWRITE: Key[bool] = Key("pl_sc_overwrite", False)
PL_SC_FLASH: Key[str] = Key("pl_sc_flash")
PL_SC_COMPARE: Key[list] = Key("pl_sc_compare")  # the scenarios in the comparison table
PL_SC_PERIOD: Key[tuple] = Key("pl_sc_period")  # the plan period picker: the picked scenario's own
PL_SC_PERIOD_FOR: Key[str] = Key("pl_sc_period_for")  # the scenario PL_SC_PERIOD was set for
# The active-sales tab (funnel.model.active): its plan is kept outside the tab's widgets, which
# vanish while another tab is open; None until the tab is first opened or a link, scenario or
# Workshop case brings one (a plan without it stays as it was: no active keys in its link).
PL_ACTIVE: Key[Any] = Key("_pl_active")  # the ActivePlan, or None
PL_ACTIVE_SEED: Key[Any] = Key("_pl_active_seed")  # (baseline sig, seeded ActivePlan, fields from the data)
PL_ACTIVE_ORIGIN: Key[str] = Key("_pl_active_origin", "data")  # "data", or the Workshop case opened
PL_ACTIVE_OPEN: Key[bool] = Key("_pl_active_open", False)  # open the tab on the planner's next run
PL_ACTIVE_PROBLEM: Key[Any] = Key("_pl_active_problem")  # the last input the plan refused (its error)
# the tab's inputs the user typed since the plan last came from the data, a case, a link or a scenario
PL_ACTIVE_TYPED: Key[frozenset] = Key("_pl_active_typed", frozenset())
PL_ACTIVE_W = Family("pl_a_")  # the tab's inputs, one per ActivePlan field: pl_a_<field> (its other keys: pl_act_)
PL_ACTIVE_REVERSE: Key[bool] = Key("pl_active_reverse")  # its forward/reverse toggle
PL_ACTIVE_KIND: Key[str] = Key("pl_active_kind")  # its target kind (contracts, turnover, profit)
PL_ACTIVE_GROUP: Key[str] = Key("pl_active_group")  # the function whose inputs are shown


def compare_also(name: str, saved_before: list[str]) -> None:
    """Add a scenario just saved to the comparison (before its widget is drawn again): the
    multiselect kept its old choice, or its default of the first two, and the new one was
    missing from the table it was saved for."""
    chosen = list(PL_SC_COMPARE.get() if PL_SC_COMPARE.present() else saved_before[:2])
    PL_SC_COMPARE.set([*(n for n in chosen if n != name), name])


def this_month(today: date) -> tuple[date, date]:
    """The calendar month of ``today``, first to last day: the plan period a scenario is marked
    for by default (it was the data's last month, already past)."""
    start = today.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following - timedelta(days=1)


def lever_widgets(field: str) -> tuple[Key[Any], Key[float], Key[float]]:
    """(canonical value, slider, number input) keys of one planner lever."""
    return PL_VALUE.of(field), Key(f"pl_{field}{PL_SLIDER}"), Key(f"pl_{field}{PL_NUMBER}")


# ---- Workshop ------------------------------------------------------------------------------------
WS_LEVERS: dict[str, Key[float]] = {f: Key(f"ws_{f}") for f in ("leads", "conversion", "avg_check", "sellers")}
WS_SIG: Key[str] = Key("_ws_sig")  # the baseline the sliders started from
WS_PRESENT: Key[bool] = Key("_ws_present")  # presenter mode: full screen, large figures
QP_PRESENT = Param("present")  # ?present=1 opens the Workshop in presenter mode


def presenter_mode() -> bool:
    """The Workshop's presenter mode, read without a side effect: the session's choice once it has
    one, else the link's ``?present=1`` (a first visit, before the Workshop has read it).
    ui.views.workshop.presenting keeps the session and the URL in step with it; the sidebar's foot
    only reads it."""
    return bool(WS_PRESENT.get()) if WS_PRESENT.present() else QP_PRESENT.get() == "1"


# ---- Data page -----------------------------------------------------------------------------------
DATA_KIND: Key[str] = Key("data_kind")
DATA_FILE: Key[Any] = Key("data_file")
DATA_SHEET: Key[Any] = Key("data_sheet")
DATA_DATE_FORMAT = "data_date_format"  # the shared question; <key>_<field> for others
DATA_DATE = Family(DATA_DATE_FORMAT, ".*")
DATA_MODE: Key[str] = Key("data_mode", "append")
DATA_REPLACE_OK: Key[bool] = Key("data_replace_ok", False)
DATA_DUP_OK: Key[bool] = Key("data_dup_ok", False)
DATA_LOAD: Key[Any] = Key("data_load")
DATA_LOAD_AGAIN: Key[Any] = Key("data_load_again")
DATA_MAP_RESET: Key[Any] = Key("data_map_reset")
DATA_MAP = Family("data_map_")  # one selectbox per field of the kind
DATA_FIXED = Family("data_fixed_")  # a value for every row, per field the file has no column for
DATA_AUTO_FIXED: Key[Any] = Key("_data_auto_fixed")  # the engine's own proposal of fixed values
DATA_STAGE = Family("data_stage_")  # the unknown-stage widgets, by spelling digest
DATA_UNDO_PICK: Key[Any] = Key("data_undo_pick")
DATA_UNDO_OK: Key[bool] = Key("data_undo_ok", False)
DATA_UNDO: Key[Any] = Key("data_undo")
DATA_STORED: Key[Any] = Key("_data_file")  # the upload, saved once per file_id
DATA_INSPECT: Key[Any] = Key("_data_inspect")  # {"key": cache key, "value": inspection}
DATA_CONTEXT: Key[Any] = Key("_data_context")  # (file_id, kind): a change resets the choices
DATA_SHEET_CTX: Key[Any] = Key("_data_sheet_ctx")
DATA_AUTO: Key[Any] = Key("_data_auto_mapping")  # the engine's own proposal here
DATA_DATE_CHOICES: Key[Any] = Key("_data_date_choices")
DATA_NONCE: Key[int] = Key("_data_nonce", 0)
DATA_PENDING: Key[Any] = Key("_data_pending")  # (file_id, nonce) of the Load click
DATA_DONE: Key[set] = Key("_data_done")  # every (file_id, nonce) loaded: never twice
DATA_RESULT: Key[Any] = Key("_data_result")
MESSAGE: Key[Any] = Key("_data_message")  # (kind, payload, where) left by a callback

# ---- Time page -----------------------------------------------------------------------------------
TM_TAB: Key[str] = Key("tm_tab")  # the open tab (its label)
TM_FLOW_START: Key[Any] = Key("tm_flow_start")  # the flow tab's date A
TM_FLOW_END: Key[Any] = Key("tm_flow_end")  # its date B
TM_FLOW_SEED: Key[Any] = Key("_tm_flow_seed")  # the default window the two dates started from
TM_FLOW_LINK_DONE: Key[bool] = Key("_tm_flow_link_done", False)  # the opening link's dates were read
# The flow's dates A and B, in the link only when they are not the default window (ISO days).
QP_FLOW_START, QP_FLOW_END = Param("fa"), Param("fb")
TIME_PARAMS = (QP_FLOW_START, QP_FLOW_END)

# ---- Settings page ------------------------------------------------------------------------------
SET_LADDER: Key[Any] = Key("settings_ladder")
SET_LADDER_SAVE: Key[Any] = Key("settings_ladder_save")
SET_RESET_OK: Key[bool] = Key("settings_reset_ok", False)
SET_RESET: Key[Any] = Key("settings_reset")
SET_ALIAS_TEXT: Key[str] = Key("settings_alias_text", "")
SET_ALIAS_STAGE: Key[str] = Key("settings_alias_stage")
SET_ALIAS_ADD: Key[Any] = Key("settings_alias_add")
SET_ALIAS_DEL_PICK: Key[str] = Key("settings_alias_del_pick")
SET_ALIAS_DEL: Key[Any] = Key("settings_alias_del")
SET_CURRENCY: Key[str] = Key("settings_currency", "")
SET_CURRENCY_SAVE: Key[Any] = Key("settings_currency_save")
SET_ROT: Key[Any] = Key("settings_rot_limits")  # each open stage's own "rotten after" (its button: <key>_save)
SET_WORKSPACE: Key[str] = Key("_settings_ws")  # the workspace the settings widgets are for


def keep_choices() -> None:
    """The language radio's on_change: hand every chosen option back to its widget.

    A radio or selectbox sends the browser its options as translated labels, and the browser
    keeps the chosen *label*. After a language switch the session still holds the option
    (``"cohort"``), so the numbers keep it, but the browser looks for the old label among the new
    ones and shows nothing selected. Writing each value back through the Session State API makes
    Streamlit send the browser the choice again, in the new language. Only text values are
    options of such widgets (buttons, uploads and editors hold other types and refuse writes);
    keys no widget owns start with an underscore and are left alone.
    """
    for key in list(st.session_state.keys()):
        name = str(key)
        if name.startswith("_") or name == LANG:
            continue
        value = st.session_state[name]
        if isinstance(value, str):
            # A tab bar's value is its label itself: the open tab is found by its label in the
            # language left behind, and kept open under its name in the new one.
            st.session_state[name] = (
                tab_label(value, str(st.session_state.get(LANG))) if name.endswith("_tab") else value
            )


def tab_label(text: str, lang: str) -> str:
    """A tab's label ``text`` in ``lang``: its pair found among the tab labels first (their keys
    read "<page>.tab.<name>"), then anywhere. The same words may name something else too, in one
    language only: «Отказы» is the Funnel's tab ("Lost deals") and its heading ("Lost reasons"),
    and the heading's pair, found first, left no tab open after a switch to English."""
    from funnel.i18n import LANGUAGES, TABLE

    new = LANGUAGES.index(lang) if lang in LANGUAGES else 0
    for _, pair in sorted(TABLE.items(), key=lambda item: ".tab." not in item[0]):
        if text in pair and pair.index(text) != new:
            return pair[new]
    return text


# ---- typed reads of the app-level state ----------------------------------------------------------
def workspace() -> Any:
    """The chosen funnel.workspace.Workspace, or None before the picker ran."""
    return WORKSPACE_OBJ.get()


def workspace_id() -> str | None:
    ws = WORKSPACE_OBJ.get()
    return ws.id if ws else None


def showing_demo() -> bool | None:
    """Whether the workspace this session shows is the demo (its flag): only there are the
    demo's names translated (funnel.demo_names). None outside a session's run, or before the
    picker ran."""
    if get_script_run_ctx() is None:
        return None
    ws = WORKSPACE_OBJ.get()
    return None if ws is None else bool(ws.is_demo)


demo_names.answer_with(showing_demo)


def filters() -> Any:
    """This run's funnel.filters.Filters (set by the sidebar), or None."""
    return FILTERS.get()
