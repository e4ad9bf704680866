"""Validation of model inputs: every refusal names the field, so the UI, the CLI and the tests
can say which lever is wrong (``err.field``)."""

from __future__ import annotations

import math

from funnel.errors import ValidationError


def refuse(field: str, message: str, value, code: str | None = None) -> ValidationError:
    """The error for a bad input: English in ``str(err)``; ``code`` picks a translated text
    (funnel/texts/planner.py, planner.err.<code>), else a generic one."""
    err = ValidationError(f"{field}: {message}, got {value!r}")
    err.field = field
    err.key = f"planner.err.{code}" if code else "planner.err.field"
    err.params = {"field": field, "value": value, "message": message}
    return err


def _number(field: str, value) -> float:
    if isinstance(value, bool):
        raise refuse(field, "must be a number", value, "number")
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise refuse(field, "must be a number", value, "number") from None
    if math.isnan(x) or math.isinf(x):
        raise refuse(field, "must be a finite number", value, "finite")
    return x


def finite(field: str, value) -> float:
    """Any finite number (a profit target may be below 0)."""
    return _number(field, value)


def non_negative(field: str, value) -> float:
    """A count or an amount: 0 or more."""
    x = _number(field, value)
    if x < 0:
        raise refuse(field, "must be 0 or more", value, "non_negative")
    return x


def positive(field: str, value) -> float:
    x = _number(field, value)
    if x <= 0:
        raise refuse(field, "must be more than 0", value, "positive")
    return x


def share(field: str, value) -> float:
    """A share such as a conversion, CTR or margin: between 0 and 1 inclusive."""
    x = _number(field, value)
    if not 0 <= x <= 1:
        raise refuse(field, "must be between 0 and 1", value, "share")
    return x


def optional(check, field: str, value) -> float | None:
    return None if value is None else check(field, value)


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator``; None when either is None or the denominator is 0
    (the screen shows "—", never inf)."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def flag(field: str, value) -> bool:
    """A switch: True/False, or 1/0 as a link or a command line gives it."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    raise refuse(field, "must be on (1) or off (0)", value, "flag")
