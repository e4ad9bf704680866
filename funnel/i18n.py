"""One translation table for the whole UI, and number formatting per language.

The table is assembled from ``funnel/texts/*.py`` (one module per area, so that work on one
area does not collide with another); each module defines ``TEXTS = {key: (ru, en)}``.
A test checks that every key has both languages and that pages use no key that is missing.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from decimal import Decimal

import funnel.texts as _texts_pkg

LANGUAGES = ("ru", "en")
LANGUAGE_NAMES = {"ru": "Русский", "en": "English"}
DEFAULT_LANGUAGE = "ru"
DASH = "—"


def _load_table() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for mod in pkgutil.iter_modules(_texts_pkg.__path__):
        texts = importlib.import_module(f"funnel.texts.{mod.name}").TEXTS
        for key, value in texts.items():
            if key in table:
                raise RuntimeError(f"translation key {key!r} defined twice (funnel/texts/{mod.name}.py)")
            table[key] = value
    return table


TABLE = _load_table()


def t(key: str, lang: str = DEFAULT_LANGUAGE, **kwargs) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled from kwargs.

    A missing key shows the key itself (and a test makes sure none is missing).
    """
    pair = TABLE.get(key)
    if pair is None:
        return key
    text = pair[0] if lang == "ru" else pair[1]
    return text.format(**kwargs) if kwargs else text


def _is_missing(x) -> bool:
    if x is None:
        return True
    try:
        return math.isnan(float(x)) or math.isinf(float(x))
    except (TypeError, ValueError):
        return True


def fmt_num(x, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """``1234567.8`` → ``1 234 567,8`` in Russian (NBSP-free thin spacing: a plain space),
    ``1,234,567.8`` in English. None, NaN and ±inf give "—"."""
    if _is_missing(x):
        return DASH
    value = float(x) if not isinstance(x, Decimal) else x
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]
    if lang == "ru":
        text = text.replace(",", " ").replace(".", ",")
    return text


def fmt_money(x, lang: str = DEFAULT_LANGUAGE, currency: str = "₽", decimals: int = 0) -> str:
    """Money with the workspace currency: ``1 234 ₽`` (ru) or ``1,234 ₽`` (en). Missing gives "—"."""
    if _is_missing(x):
        return DASH
    return f"{fmt_num(x, lang, decimals)} {currency}"


def fmt_pct(x, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A share 0..1 as a percentage: ``0.052`` → ``5,2 %`` (ru) or ``5.2%`` (en). Missing gives "—"."""
    if _is_missing(x):
        return DASH
    num = fmt_num(float(x) * 100, lang, decimals)
    return f"{num} %" if lang == "ru" else f"{num}%"
