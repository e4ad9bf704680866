"""Numbers, money, percents, dates and plural forms per language (funnel.formatting, Babel)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from funnel import formatting as f
from funnel.i18n import fmt_money, fmt_num, fmt_pct
from tests.helpers.screen import NBSP, plain


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (1234567.8, "ru", 1, "1 234 567,8"),
        (1234567.8, "en", 1, "1,234,567.8"),
        (69.5825, "ru", 0, "70"),
        (-0.0001, "ru", 2, "0,00"),  # rounds to zero: no minus
        (Decimal("9999999999999999.99"), "ru", 2, "9 999 999 999 999 999,99"),  # exact digits
        (None, "ru", 0, "—"),
        (float("nan"), "en", 0, "—"),
        (float("inf"), "en", 0, "—"),
    ],
    ids=["ru", "en", "count-rounded", "negative-zero", "decimal-exact", "none", "nan", "inf"],
)
def test_number(value, lang, decimals, expected):
    assert plain(f.number(value, lang, decimals)) == expected == plain(fmt_num(value, lang, decimals))


@pytest.mark.parametrize(
    ("value", "lang", "currency", "expected"),
    [
        (10_005_534, "ru", "₽", "10 005 534 ₽"),
        (10_005_534, "en", "$", "$10,005,534"),  # the issue: English read "10,005,534 $"
        (1234, "en", "EUR", "€1,234"),
        (1234, "en", "руб.", "руб. 1,234"),
        (-1500, "ru", "₽", "\u22121 500 ₽"),  # a true minus, not Babel's hyphen
        (-1500, "en", "$", "\u2212$1,500"),
    ],
    ids=["ru-rouble", "en-dollar", "en-iso-code", "en-letters", "ru-negative", "en-negative"],
)
def test_money_puts_the_sign_where_the_language_does(value, lang, currency, expected):
    assert plain(f.money(value, lang, currency)) == expected == plain(fmt_money(value, lang, currency))


def test_percent_and_signed_percent():
    assert plain(fmt_pct(0.052, "ru")) == "5,2 %" and fmt_pct(0.052, "en") == "5.2%"
    assert plain(fmt_pct(0.0025, "ru", 2)) == "0,25 %"  # a conversion of 1 in 400
    assert f.signed_percent(-0.031, "en") == "−3.1%" and plain(f.signed_percent(0.05, "ru", 0)) == "+5 %"


def test_dates_months_and_ranges():
    d, e = date(2025, 11, 1), date(2026, 10, 31)
    assert f.day(d, "ru") == "01.11.2025" and f.day(datetime(2025, 12, 31, 14), "en") == "Dec 31, 2025"
    assert f.month(d, "ru") == "нояб. 2025" and f.month(d, "en") == "Nov 2025"
    assert f.period(d, e, "ru") == "01.11.2025–31.10.2026"
    assert f.period(d, e, "en") == "Nov 1, 2025 – Oct 31, 2026"  # not the Russian "01.11.2025"
    assert f.month_names("ru")[0] == "янв." and f.month_names("en")[11] == "Dec"
    assert f.example_date("ru") == "31.12.2025"


@pytest.mark.parametrize(
    ("n", "word"),
    [(1, "лид"), (21, "лид"), (2, "лида"), (24, "лида"), (5, "лидов"), (11, "лидов"), (12, "лидов"), (111, "лидов")],
)
def test_russian_plural_rule(n, word):
    assert f.plural(n, "ru", {"one": "лид", "few": "лида", "many": "лидов", "other": "лида"}) == word


def test_english_plural_and_fractions():
    assert f.plural(1, "en", {"one": "lead", "other": "leads"}) == "lead"
    assert f.plural(2, "en", {"one": "lead", "other": "leads"}) == "leads"
    assert f.plural(1.5, "ru", {"one": "лид", "few": "лида", "many": "лидов", "other": "лида"}) == "лида"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_negatives_carry_a_true_minus_in_both_languages(lang):
    """Channels' ROMI read "-100 %" and the Overview's deltas "-0,9 %": a hyphen-minus, which
    reads as a dash or a range. Every negative figure starts with U+2212, and only it."""
    texts = [f.number(-1234.5, lang, 1), f.percent(-1, lang, 0), f.percent(-0.009, lang, 1), f.money(-5, lang, "₽")]
    assert all(t.startswith("\u2212") and "-" not in t for t in texts), texts
    assert plain(f.percent(-1, lang, 0)) == ("\u2212100 %" if lang == "ru" else "\u2212100%")
    assert plain(f.number(-1234.5, lang, 1)) == ("\u22121 234,5" if lang == "ru" else "\u22121,234.5")
    assert f.parse_number(f.number(-1234.5, lang, 1), lang) == -1234.5


def test_the_fast_path_agrees_with_babels_own_formatting():
    """funnel.formatting assembles CLDR's pattern itself (Babel's NumberPattern.apply is ~20x
    slower); on numbers that are no exact tie it must write what Babel writes."""
    import random

    def babel(kind, x, lang, places, **kw):
        text = f._pattern(lang, kind, places).apply(x, f._locale(lang), **kw)
        return f.true_minus(text.replace("\u202f", NBSP))  # our changes: "−", one kind of no-break space

    rng = random.Random(7)
    for _ in range(500):
        x = rng.uniform(-1e7, 1e7) * rng.choice((1, 1e-3, 1e-6))
        places = rng.choice((0, 1, 2))
        for lang in ("ru", "en"):
            if round(x, places) != 0:
                assert f.number(x, lang, places) == babel("decimal", x, lang, places)
                assert f.money(x, lang, "USD", places) == babel(
                    "currency", x, lang, places, currency="USD", currency_digits=False
                )
            if round(x / 1e5, places) != 0:
                assert f.percent(x / 1e7, lang, places) == babel("percent", x / 1e7, lang, places)


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        pytest.param("1 269,75", "ru", 1269.75, id="ru-space-groups-decimal-comma"),
        pytest.param("1\u00a0269,75", "ru", 1269.75, id="ru-no-break-space"),
        pytest.param("1\u202f269", "ru", 1269.0, id="ru-narrow-no-break-space"),
        pytest.param("3.18", "ru", 3.18, id="ru-decimal-point-out-of-habit"),
        pytest.param("150.000", "ru", None, id="ru-point-and-three-digits-is-ambiguous"),
        pytest.param("1.000.000", "ru", None, id="ru-points-as-groups-are-not-guessed"),
        pytest.param("3.1830", "ru", 3.183, id="ru-point-and-four-digits-is-a-decimal"),
        pytest.param("3,18 %", "ru", 3.18, id="ru-trailing-percent"),
        pytest.param("−5", "ru", -5.0, id="ru-minus-sign"),
        pytest.param("1,269.75", "en", 1269.75, id="en-comma-groups"),
        pytest.param("1 269.75", "en", 1269.75, id="en-space-groups"),
        pytest.param("2,5", "en", None, id="en-comma-is-not-a-decimal-mark"),
        pytest.param("1 26,5", "ru", None, id="ru-bad-grouping"),
        pytest.param("1,2,3", "ru", None, id="ru-two-decimal-marks"),
        pytest.param("abc", "ru", None, id="not-a-number"),
        pytest.param("", "en", None, id="empty"),
        pytest.param("inf", "en", None, id="infinity"),
    ],
)
def test_parse_number_reads_what_a_person_of_the_language_types(text, lang, expected):
    assert f.parse_number(text, lang) == expected


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("value", [0.0, 3.183, 1269.75, 199_030.93, -42.5, 12_345_678.0])
def test_parse_number_reads_back_what_number_writes(value, lang):
    assert f.parse_number(f.number(value, lang, 3), lang) == value


@pytest.mark.parametrize(
    "value, lang, decimals, expected",
    [
        pytest.param(0.003055, "ru", 0, "0,3 %", id="drr-0.3-percent-at-whole-places"),
        pytest.param(0.003055, "en", 0, "0.3%", id="drr-en"),
        pytest.param(0.00003, "ru", 0, "< 0,01 %", id="below-two-more-places"),
        pytest.param(0.0, "ru", 0, "0 %", id="exactly-zero-reads-zero"),
        pytest.param(0.53, "ru", 0, "53 %", id="ordinary"),
        pytest.param(0.0004, "ru", 1, "0,04 %", id="a-tiny-conversion"),
        pytest.param(None, "ru", 0, "—", id="missing"),
    ],
)
def test_a_share_that_is_not_zero_never_reads_zero(value, lang, decimals, expected):
    assert plain(f.share(value, lang, decimals)) == expected


@pytest.mark.parametrize(
    "value, lang, expected",
    [
        pytest.param(0.0, "ru", "< 0,1 %", id="no-draw-of-20000-is-not-impossible"),
        pytest.param(0.0003, "ru", "< 0,1 %", id="rounds-to-zero"),
        pytest.param(0.0006, "ru", "0,1 %", id="rounds-up"),
        pytest.param(0.4, "en", "40.0%", id="ordinary"),
        pytest.param(0.9996, "ru", "> 99,9 %", id="rounds-to-certain"),
        pytest.param(1.0, "en", "> 99.9%", id="every-draw"),
        pytest.param(None, "ru", "—", id="missing"),
    ],
)
def test_an_estimated_chance_never_reads_certain(value, lang, expected):
    assert plain(f.chance(value, lang)) == expected


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_figure_never_breaks_between_its_digits_sign_and_unit(lang):
    """A phone's narrow column split «99,0 / %» and «9 / 027 140 ₽»: every space inside a figure
    is the no-break U+00A0 (in every font, unlike the narrow U+202F), and ``plain`` gives the
    ordinary spaces a terminal or a keyboard has."""
    figures = [
        f.number(9_027_140, lang),
        f.money(9_027_140, lang, "₽"),
        f.money(-1234, lang, "CHF"),
        f.percent(0.99, lang),
        f.signed_percent(-0.5, lang),
        f.share(0.00003, lang, 0),
        f.chance(1.0, lang),
    ]
    assert not any(ch in text for text in figures for ch in " \u202f\u2009"), figures
    if lang == "ru":
        assert figures[1] == "9\u00a0027\u00a0140\u00a0₽" and figures[3] == "99,0\u00a0%"
        assert figures[5] == "<\u00a00,01\u00a0%" and figures[6] == ">\u00a099,9\u00a0%"
    else:
        assert figures[2] == "\u2212CHF\u00a01,234" and figures[5] == "<\u00a00.01%"
    assert f.plain(figures[1]) == ("9 027 140 ₽" if lang == "ru" else "₽9,027,140")
    assert f.parse_number(figures[0], lang) == 9_027_140 and f.count_of(figures[0], lang) == 9_027_140


# plotly.js's own English short month names (d3-time-format's en-US locale, built into plotly.js)
PLOTLY_EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _plotly_month(d: date, lang: str) -> str:
    """What plotly.js writes for ``d`` with a month axis's hover format (charts.MONTH_HOVER) and the
    chart's locale (charts.config): d3's %b is the locale's short name, %Y the year."""
    from funnel import charts

    names = charts.plotly_locale(lang).get("locales", {}).get(lang, {}).get("format", {}).get("shortMonths")
    names = names or PLOTLY_EN_MONTHS
    assert charts.MONTH_HOVER == "%b %Y"
    return f"{names[d.month - 1]} {d.year}"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_chart_writes_a_month_as_its_table_does(lang):
    """Review #16: a Russian chart's ticks and hover said «сент» (the locale stripped CLDR's dot)
    beside «сент.» in its table (formatting.month). Every month, both languages: one form."""
    for m in range(1, 13):
        d = date(2025, m, 1)
        assert _plotly_month(d, lang) == f.month(d, lang)


def test_month_axes_hover_the_month_as_formatting_writes_it():
    from funnel import charts

    assert charts.month_axis(12)["hoverformat"] == charts.MONTH_HOVER
    assert charts.month_axis(12, charts.TREND_MONTHS)["hoverformat"] == charts.MONTH_HOVER


@pytest.mark.parametrize(("lang", "shown"), [("ru", "31.12.2025"), ("en", "2025-12-31")])
def test_a_date_picker_writes_a_date_that_reads_one_way(lang, shown):
    """A picker (digits only, Streamlit's): Russian in the order ``day`` writes (31.12.2025);
    English in ISO, year first (review #16: the English picker's "11/01/2025" was read as 11
    January by every reader outside the US)."""
    fmt = f.picker_format(lang)
    assert fmt.replace("DD", "31").replace("MM", "12").replace("YYYY", "2025") == shown
    if lang == "ru":
        assert f.day(date(2025, 12, 31), lang) == shown
    # 1 November 2025: a day and a month that could swap are not written as "11/01" or "01/11"
    written = fmt.replace("DD", "01").replace("MM", "11").replace("YYYY", "2025")
    assert written == {"ru": "01.11.2025", "en": "2025-11-01"}[lang]


@pytest.mark.parametrize(
    ("start", "end", "lang", "expected"),
    [
        (date(2025, 11, 1), date(2026, 3, 31), "ru", "нояб. 2025 – март 2026"),
        (date(2026, 1, 1), date(2026, 3, 1), "ru", "янв. – март 2026"),  # CLDR's elision, no "г."
        (date(2026, 1, 1), date(2026, 1, 31), "ru", "янв. 2026"),  # one month: as month() writes it
        (date(2025, 11, 1), date(2026, 3, 31), "en", "Nov 2025 – Mar 2026"),
        (date(2026, 1, 1), date(2026, 3, 1), "en", "Jan – Mar 2026"),
    ],
    ids=["ru-two-years", "ru-one-year", "ru-one-month", "en-two-years", "en-one-year"],
)
def test_a_range_of_months_writes_each_month_as_month_does(start, end, lang, expected):
    """The planner's «данные за нояб. 2025 – март 2026» was two month() texts joined by hand."""
    assert f.month_period(start, end, lang) == expected


def test_a_date_in_a_text_is_written_in_the_texts_language():
    """A date handed to a text (funnel.i18n.fill) is written by formatting.day, a pair of days by
    formatting.period: a Russian upload error said «за 2025-03-01 – 2025-03-31» (review #16)."""
    from funnel.i18n import fill

    one, two = date(2025, 3, 1), date(2025, 3, 31)
    assert fill("за {when}", "ru", when=(one, two)) == "за 01.03.2025–31.03.2025"
    assert fill("for {when}", "en", when=(one, two)) == "for Mar 1 – 31, 2025"
    assert fill("с {day}, {n}", "ru", day=datetime(2025, 3, 1, 14, 5), n=3) == "с 01.03.2025, 3"
    assert fill("{pair}", "en", pair=(1, 2)) == "(1, 2)"  # a pair of numbers stays as it was


def test_a_missing_date_in_a_text_is_a_dash_not_a_traceback():
    """pandas' NaT is a ``date`` to isinstance, and Babel cannot write it (code review: "cannot
    convert float NaN to integer"); a column value handed to a text reads "—"."""
    import pandas as pd

    from funnel.i18n import fill

    assert fill("за {when}", "ru", when=pd.NaT) == "за —"
    assert fill("for {when}", "en", when=(date(2025, 3, 1), pd.NaT)) == "for —"
