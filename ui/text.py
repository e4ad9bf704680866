"""The session's language and the numbers, money, percents and dates written in it
(funnel.formatting does the formatting through Babel; this only knows which language and
currency the session has)."""

from __future__ import annotations

from funnel import formatting
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


def date(d) -> str:
    """``31.12.2025`` (ru), ``Dec 31, 2025`` (en); "—" when missing."""
    return formatting.day(d, lang())


def moment(d) -> str:
    """``31.12.2025 14:05`` (ru), ``Dec 31, 2025, 14:05`` (en); "—" when missing."""
    return formatting.moment(d, lang())


def month(d) -> str:
    """``нояб. 2025`` (ru), ``Nov 2025`` (en)."""
    return formatting.month(d, lang())


def period(start, end) -> str:
    """``01.11.2025–31.10.2026`` (ru), ``Nov 1, 2025 – Oct 31, 2026`` (en)."""
    return formatting.period(start, end, lang())


def plural(n, forms: dict[str, dict[str, str]]) -> str:
    """The word for the count ``n`` in the session's language: ``forms`` is
    ``{"ru": {"one": …, "few": …, "many": …}, "en": {"one": …, "other": …}}``."""
    return formatting.plural(n, lang(), forms[lang()])


def date_input_format() -> str:
    """st.date_input's format for the language: ``DD.MM.YYYY`` in Russian (as funnel.formatting
    writes dates), ISO in English (Streamlit offers no month names)."""
    return "DD.MM.YYYY" if lang() == "ru" else "YYYY-MM-DD"


def currency() -> str:
    ws = state.workspace()
    return ws.currency if ws else "₽"


def labels(options, fn):
    """A format_func whose texts are worked out now, in this run's language. (A lazy one would be
    called later, e.g. by AppTest from the test thread, where the session's language is not
    visible.)"""
    return {o: fn(o) for o in options}.get
