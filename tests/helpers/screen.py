"""AppTest's screens read with ordinary spaces, so a test writes "9 027 140 ₽" as a person reads it.

Every figure the app shows keeps its spaces unbroken (funnel.formatting.NBSP, U+00A0: a phone's
narrow column never splits «9 027 140 ₽»). A test that typed that character in each of several
hundred expected strings would be hard to read and easy to get wrong, so the suite reads every
AppTest run through ``read_with_plain_spaces`` (installed once, by tests/conftest.py): the
elements' texts — metrics, markdown, captions, alerts, headings, tab and expander labels, chart
specs, dataframe and table cells — come with each U+00A0 as a plain space.

A widget's own values are left as the app sent them: AppTest finds a selectbox's or a
select_slider's choice by its option text, and the app must get back exactly the text it wrote;
only its label and help read plain.

``as_sent()`` turns the reading off for the runs inside it: the tests that check the screen
really carries the no-break space (tests/analytics/test_figures_unbroken.py) read the protos raw.

Fields that name or point at something rather than say it (``_IDENTIFIERS``: a url, an id, a
form's id, a page, a download's data, ...) are never rewritten, in any element: a link or a key
read with a space the app did not write would hide the very bug a test looks for.
"""

from __future__ import annotations

import contextlib
import functools

from google.protobuf.descriptor import FieldDescriptor

from funnel import formatting as _formatting
from funnel import i18n as _i18n

NBSP = "\u00a0"
_ESCAPED = "\\u00a0"  # the same, inside a JSON text (a Plotly chart's spec)
WORD_JOINER = _formatting.WORD_JOINER

# Elements that hold a widget's state: their options and values stay as the app wrote them.
_WIDGETS = {
    "audio_input",
    "button_group",
    "camera_input",
    "chat_input",
    "checkbox",
    "color_picker",
    "date_input",
    "date_time_input",
    "feedback",
    "file_uploader",
    "menu_button",
    "multiselect",
    "number_input",
    "pagination",
    "radio",
    "selectbox",
    "slider",
    "text_area",
    "text_input",
    "time_input",
}
_WIDGET_TEXTS = ("label", "help")

# Fields that identify or address something (the string fields of Streamlit's Element and Block
# protos that are not text for a person): kept as the app sent them, in every element.
_IDENTIFIERS = frozenset(
    {
        "anchor",
        "component_name",
        "css_source_path",
        "data",
        "deferred_file_id",
        "deploy_params",
        "element_id",
        "file_type",
        "form_id",
        "id",
        "js_source_path",
        "key",
        "link",
        "mapbox_token",
        "page",
        "page_script_hash",
        "query_param_key",
        "query_string",
        "source_id",
        "src",
        "url",
        "uuid",
    }
)

_state = {"plain": True}


def plain(text):
    """``text`` with each no-break space as a plain one; anything that is not a str as it is. The
    word joiner (WORD_JOINER) stays: ui.plain's joiner inside "http:⁠//" is what the hostile-name
    tests look for; a test of a badge's «(янв. – окт.)» takes out span's own (``joined``)."""
    if not isinstance(text, str):
        return text
    return text.replace(NBSP, " ").replace(_ESCAPED, " ")


@contextlib.contextmanager
def as_sent():
    """AppTest runs inside this block keep the no-break spaces the app sent."""
    _state["plain"] = False
    try:
        yield
    finally:
        _state["plain"] = True


def _plain_proto(msg, only: tuple[str, ...] | None = None) -> None:
    """Every str field of ``msg`` and of the messages inside it made ``plain``, in place (only the
    fields named ``only``, when given); an identifier (``_IDENTIFIERS``) never."""
    for field, value in msg.ListFields():
        if field.name in _IDENTIFIERS or (only is not None and field.name not in only):
            continue
        if field.type == FieldDescriptor.TYPE_STRING:
            if field.is_repeated:
                value[:] = [plain(v) for v in value]
            else:
                setattr(msg, field.name, plain(value))
        elif field.type == FieldDescriptor.TYPE_MESSAGE and not field.message_type.GetOptions().map_entry:
            for inner in value if field.is_repeated else (value,):
                _plain_proto(inner)


def _plain_messages(messages: list) -> list:
    if not _state["plain"]:
        return messages
    for msg in messages:
        if not msg.HasField("delta"):
            continue
        delta = msg.delta
        if delta.WhichOneof("type") == "new_element":
            element = delta.new_element
            kind = element.WhichOneof("type")
            if kind is not None:
                _plain_proto(getattr(element, kind), _WIDGET_TEXTS if kind in _WIDGETS else None)
        elif delta.WhichOneof("type") == "add_block":
            _plain_proto(delta.add_block)
    return messages


def _plain_frame(frame):
    """A table's cells, column names and row labels that are text, ``plain``."""
    if not _state["plain"]:
        return frame
    frame = frame.copy()
    for col in frame.columns:
        if frame[col].dtype == object or str(frame[col].dtype).startswith("str"):
            frame[col] = frame[col].map(plain)
    if frame.columns.nlevels == 1:
        frame.columns = [plain(c) for c in frame.columns]
    if frame.index.nlevels == 1 and (frame.index.dtype == object or str(frame.index.dtype).startswith("str")):
        frame.index = [plain(i) for i in frame.index]
    return frame


def read_with_plain_spaces() -> None:
    """Make every AppTest run in this process read ``plain`` (see the module's docstring)."""
    from streamlit.testing.v1 import element_tree, local_script_runner

    if getattr(local_script_runner.parse_tree_from_messages, "_plain", False):
        return
    parse = local_script_runner.parse_tree_from_messages

    def parse_plain(messages):
        return parse(_plain_messages(messages))

    parse_plain._plain = True  # type: ignore[attr-defined]
    local_script_runner.parse_tree_from_messages = parse_plain
    for cls in (element_tree.Dataframe, element_tree.Table):
        read = cls.value.fget
        cls.value = property(lambda self, read=read: _plain_frame(read(self)))


def _as_read(write):
    """``write`` (a funnel.formatting or funnel.i18n writer) giving its text as a test reads the
    screen: with plain spaces."""

    @functools.wraps(write)
    def read(*args, **kwargs):
        return plain(write(*args, **kwargs))

    return read


# The writers a test works an expected screen figure out with, giving what the screens read
# (``plain``): ``from tests.helpers.screen import fmt_money`` in place of funnel.i18n's. ``t`` too:
# a text's number and its unit are joined by U+00A0 (funnel.i18n.fill: «60 дн.», "3 leads").
t = _as_read(_i18n.t)
fmt_money = _as_read(_i18n.fmt_money)
fmt_num = _as_read(_i18n.fmt_num)
fmt_pct = _as_read(_i18n.fmt_pct)
money = _as_read(_formatting.money)
number = _as_read(_formatting.number)
percent = _as_read(_formatting.percent)
signed_percent = _as_read(_formatting.signed_percent)
