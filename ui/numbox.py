"""A number box that writes and reads a number the way the interface's language does:
"1 269,75" and "3,183" in Russian, "1,269.75" in English.

Streamlit 1.67's ``st.number_input`` shows "1269.75" and "3.1830" in every language: its format
is checked with Python's ``%`` operator, which has no grouping, and its decimal mark is always a
point. This box is a text input whose text is written by ``funnel.formatting.number`` (Babel) and
read back by ``funnel.formatting.parse_number``; a text that is not a number, or is out of range,
stays in the box as typed with a line under it saying what is expected, and the value it stood for
is kept. Comparing texts, not numbers, means a value with more digits than the box shows (an exact
baseline) is kept exactly until the person types another.
"""

from __future__ import annotations

import streamlit as st

from funnel import formatting
from ui import state
from ui.show import plain
from ui.text import lang, places, t


def _bad(key: str) -> state.Key[tuple]:
    return state.Key(f"_{key}_bad")


def _written(key: str) -> state.Key[str]:
    """The text the box was last given by ``draw``: after a language switch the box still holds
    the other language's writing of its value ("1 269,75" on an English run), which is not a
    number typed, and must not be read as one."""
    return state.Key(f"_{key}_written")


def text_of(value: float | None, decimals: int) -> str:
    """What the box shows for ``value``: its digits up to ``decimals`` places, no trailing zeros
    ("3,183", "1 270"); empty for no value. Ordinary spaces (``formatting.plain``): a text box
    scrolls rather than wraps, and the person editing it types and deletes ordinary spaces."""
    if formatting.missing(value):
        return ""
    return formatting.plain(formatting.number(value, lang(), places(value, decimals)))


def forget(key: str) -> None:
    """The box shows its value again on its next draw (a lever set another way: a slider, a
    reset, a loaded scenario), whatever was typed and refused."""
    state.Key(key).pop()
    _bad(key).pop()
    _written(key).pop()


def forget_all(family: state.Family) -> None:
    """``forget`` every box of a family of keys, refused texts included."""
    for key in list(family.keys()):
        forget(key)
    for key in [
        k for k in st.session_state if str(k).startswith(f"_{family.prefix}") and str(k).endswith(("_bad", "_written"))
    ]:
        del st.session_state[key]


def read(key: str, value: float | None, decimals: int, lo: float | None = None, hi: float | None = None):
    """The number the person typed into box ``key`` since it showed ``value``; None when the
    box still shows ``value``, is absent, or holds a text that is refused (kept, with the reason,
    for the next ``draw``). An emptied box gives None too: a value stays until another is typed."""
    box: state.Key[str] = state.Key(key)
    if not box.present():
        return None
    text = str(box.get() or "")
    if text.strip() in (text_of(value, decimals), _written(key).get()):
        _bad(key).pop()
        return None
    number = formatting.parse_number(text, lang())
    if number is None and not text.strip():  # emptied: the value shows again
        forget(key)
        return None
    # (text key, bound, decimals): worded when drawn, in the language then (_said)
    problem: tuple | None = None
    if number is None:
        problem = ("numbox.bad", None, decimals)
    elif lo is not None and number < lo:
        problem = ("numbox.low", lo, decimals)
    elif hi is not None and number > hi:
        problem = ("numbox.high", hi, decimals)
    if problem is not None:
        _bad(key).set(problem)
        return None
    _bad(key).pop()
    return number


def draw(
    where,
    label: str,
    key: str,
    value: float | None,
    decimals: int,
    *,
    help: str | None = None,
    collapsed: bool = False,
    placeholder: str | None = None,
    on_change=None,
    args: tuple = (),
) -> None:
    """The box, showing ``value`` (or, after a refused text, that text and why it was refused)."""
    problem = _bad(key).get()
    if problem is None:
        state.Key(key).set(text_of(value, decimals))
        _written(key).set(text_of(value, decimals))
    (where or st).text_input(
        label,
        key=key,
        help=help,
        placeholder=placeholder,
        label_visibility="collapsed" if collapsed else "visible",
        on_change=on_change,
        args=args,
    )
    if problem is not None:
        (where or st).caption(f":red[{plain(_said(problem))}]")


def _said(problem: tuple) -> str:
    """Why a text was refused, in the language of this run (a switch rewords it)."""
    code, bound, decimals = problem
    if bound is None:
        return t(code, example=formatting.number(1234.5, lang(), 1))
    written = formatting.number(bound, lang(), places(bound, decimals))
    return t(code, low=written) if code == "numbox.low" else t(code, high=written)
