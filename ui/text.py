"""The session's language and the numbers, money, percents and dates written in it
(funnel.formatting does the formatting through Babel; this only knows which language and
currency the session has)."""

from __future__ import annotations

from funnel import formatting
from funnel.i18n import DEFAULT_LANGUAGE, LANGUAGES, fmt_money, fmt_num, fmt_pct
from funnel.i18n import t as _t
from funnel.model import precision
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


def rate(x) -> str:
    """A conversion or win rate (a fraction) by the one rule of funnel.model.precision.rate_places:
    «3,24 %», «22,7 %», «25,0 %»; a rate that is not 0 never reads 0; "—" when missing."""
    value = None if formatting.missing(x) else float(x) * 100
    return formatting.share(x, lang(), precision.rate_places(value))


def share(x, decimals: int = 1) -> str:
    """A share that is not 0 never reads as 0 (funnel.formatting.share)."""
    return formatting.share(x, lang(), decimals)


def chance(p, decimals: int = 1) -> str:
    """An estimated probability: «< 0,1 %», never «0,0 %» (funnel.formatting.chance)."""
    return formatting.chance(p, lang(), decimals)


def money(x, decimals: int = 0, sign: str | None = None) -> str:
    """``sign``: a currency other than the workspace's (an active-sales case's "$")."""
    return fmt_money(x, lang(), sign or currency(), decimals)


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


def month_period(start, end) -> str:
    """``нояб. 2025 – март 2026`` (ru), ``Nov 2025 – Mar 2026`` (en)."""
    return formatting.month_period(start, end, lang())


def span(start, end, whole: bool = False) -> str:
    """``янв. – окт.``, ``15.01–31.10`` (ru); ``Jan – Oct``, ``Jan 15 – Oct 31`` (en): no year;
    ``whole``: never broken across lines (funnel.formatting.span)."""
    return formatting.span(start, end, lang(), whole)


def stretch(start, end) -> str:
    """``нояб. – дек. 2024`` for whole months, else ``01.11.2024–15.12.2024`` (ru)."""
    return formatting.stretch(start, end, lang())


def plural(n, forms: dict[str, dict[str, str]]) -> str:
    """The word for the count ``n`` in the session's language: ``forms`` is
    ``{"ru": {"one": …, "few": …, "many": …}, "en": {"one": …, "other": …}}``."""
    return formatting.plural(n, lang(), forms[lang()])


def date_input_format() -> str:
    """st.date_input's format for the language: ``DD.MM.YYYY`` (ru), ``YYYY-MM-DD`` (en)
    (funnel.formatting.picker_format: digits that read one way only; Streamlit offers no month names).
    Every date picker takes it through ui.picker.date_picker."""
    return formatting.picker_format(lang())


# How the language groups thousands on a widget (a no-break space keeps "199 000" on one line).
_WIDGET_GROUP = {"ru": "\u00a0", "en": ","}


def widget_format(decimals: int = 0) -> str:
    """A sprintf format for Streamlit's sliders and table number columns in the language:
    thousands grouped as the language groups them ("199 000" / "199,000"), ``decimals`` places.

    Streamlit 1.67 formats these with sprintf-js, whose ``%'X,`` flag groups by any character X;
    its decimal mark is always a point, so a Russian slider still shows "2.7" (Streamlit's
    "localized" format would follow the browser's locale, not the app's language)."""
    group = _WIDGET_GROUP.get(lang(), ",")
    flag = "%," if group == "," else f"%'{group},"
    return f"{flag}.{max(0, decimals)}f"


def input_format(decimals: int = 0) -> str:
    """A format for st.number_input: Streamlit 1.67 checks it with Python's ``%`` operator,
    which knows no grouping flag, so a number box shows "199000" and "2.70" in both languages."""
    return f"%.{max(0, decimals)}f"


def places(value, most: int = 4) -> int:
    """The fewest decimals (up to ``most``) that show ``value`` as exactly as ``most`` would:
    a slider at 5 reads "5", at 2.6646 "2.6646", not "5.0000"."""
    try:
        exact = round(float(value), most)
    except (TypeError, ValueError):
        return 0
    return next(d for d in range(most + 1) if abs(round(exact, d) - exact) < 10 ** -(most + 1))


def table_date_format(with_time: bool = False) -> str:
    """A date column's momentJS format in st.dataframe for the language: ``31.12.2025`` (ru),
    ``Dec 31, 2025`` (en), as funnel.formatting.day writes dates; with the time of day."""
    if lang() == "ru":
        return "DD.MM.YYYY HH:mm" if with_time else "DD.MM.YYYY"
    return "MMM D, YYYY, HH:mm" if with_time else "MMM D, YYYY"


def currency() -> str:
    ws = state.workspace()
    return ws.currency if ws else "₽"


def labels(options, fn):
    """A format_func whose texts are worked out now, in this run's language. (A lazy one would be
    called later, e.g. by AppTest from the test thread, where the session's language is not
    visible.)"""
    return {o: fn(o) for o in options}.get
