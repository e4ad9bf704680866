"""The session's language and the numbers, money and percents written in it (funnel.i18n does
the formatting; this only knows which language and currency the session has)."""

from __future__ import annotations

from funnel.i18n import DEFAULT_LANGUAGE, LANGUAGES, fmt_money, fmt_num, fmt_pct
from funnel.i18n import t as _t
from ui import state


def lang() -> str:
    value = state.LANG.get()
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **kwargs) -> str:
    return _t(key, lang(), **kwargs)


def num(x, decimals: int = 0) -> str:
    return fmt_num(x, lang(), decimals)


def pct(x, decimals: int = 1) -> str:
    return fmt_pct(x, lang(), decimals)


def money(x, decimals: int = 0) -> str:
    return fmt_money(x, lang(), currency(), decimals)


def currency() -> str:
    ws = state.workspace()
    return ws.currency if ws else "₽"


def labels(options, fn):
    """A format_func whose texts are worked out now, in this run's language. (A lazy one would be
    called later, e.g. by AppTest from the test thread, where the session's language is not
    visible.)"""
    return {o: fn(o) for o in options}.get
