"""Number boxes (ui/numbox.py) in AppTest: text inputs that write and read a number as the
interface's language does. A test types a number the way a person of that language would."""

from __future__ import annotations

from funnel.formatting import number, parse_number
from funnel.i18n import DEFAULT_LANGUAGE


def _lang(at) -> str:
    try:
        value = at.session_state["lang"]
    except KeyError:
        return DEFAULT_LANGUAGE
    return value if value in ("ru", "en") else DEFAULT_LANGUAGE


def written(value: float, lang: str) -> str:
    """``value`` as a person of ``lang`` types it: every digit it has (up to 6 places)."""
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    places = len(text.split(".")[1]) if "." in text else 0
    return number(value, lang, places)


def type_number(at, key: str, value: float):
    """Type ``value`` into box ``key`` (not yet run: chain ``.run()``, or type more first)."""
    at.text_input(key=key).input(written(value, _lang(at)))
    return at


def box_value(at, key: str) -> float | None:
    """The number box ``key`` shows, read as its language writes it; None when empty."""
    return parse_number(at.text_input(key=key).value or "", _lang(at))


def box_keys(at) -> set[str]:
    return {w.key for w in at.text_input}


def field(at, key: str):
    """The input ``key``: a number box (text input) or, for a whole count, a number input."""
    try:
        return at.text_input(key=key)
    except KeyError:
        return at.number_input(key=key)


def set_number(at, key: str, value: float):
    """Set input ``key`` to ``value`` as a person would: typed into a number box, or set on a
    whole-count number input (not yet run)."""
    widget = field(at, key)
    if widget.type == "text_input":
        return type_number(at, key, value)
    widget.set_value(value)
    return at


def inputs(at) -> list:
    """Every number box and number input on the page."""
    return [*at.text_input, *at.number_input]
