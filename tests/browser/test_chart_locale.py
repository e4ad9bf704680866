"""Charts in the app speak the interface's language (funnel.charts through ui.show.chart): a
Russian day tick puts the month in the genitive. (Russian month names, grouped digits with no
"M" suffix and the demo's names in Russian on the app's own screens are checked where the
screenshot walk opens them: screen_checks.py russian_months, russian_channels.)"""

from __future__ import annotations

import re


def _drawn_ticks(page, days: int) -> list[str]:
    """The x tick labels plotly.js draws for a Russian chart of ``days`` daily points from 1 May
    2026, styled and configured as the app does (funnel.charts.style and config)."""
    import pandas as pd
    import plotly.graph_objects as go

    from funnel import charts

    x = pd.date_range("2026-05-01", periods=days, freq="D")
    fig = charts.style(go.Figure(go.Scatter(x=x, y=list(range(days)))), "ru")
    fig.update_layout(width=900, height=400)
    page.set_content(fig.to_html(include_plotlyjs=True, full_html=True, config=charts.config("ru")))
    page.wait_for_selector(".xtick text")
    # a tick of two lines is one text element of two tspans: read them apart
    return page.eval_on_selector_all(
        ".xtick text",
        "ts => ts.map(t => [...t.querySelectorAll('tspan')].map(s => s.textContent).join(' ') || t.textContent)",
    )


def test_russian_day_ticks_put_the_month_in_the_genitive(page):
    """A short range ticks by day: "1 мая 2026", not "1 май 2026" (the stand-alone short name a
    month's own tick needs); a long range still ticks by month in the stand-alone form."""
    short = _drawn_ticks(page, 10)
    assert any(re.fullmatch(r"\d{1,2} мая( 2026)?", tick) for tick in short), short
    assert not any("май" in tick for tick in short), short
    # a tick a month (six months of days): the month's stand-alone name, not "1 мая" (the day
    # stop's range ended at "M1", both ends included, and caught it)
    months = _drawn_ticks(page, 183)
    assert any(re.fullmatch(r"(май|июнь|июль|авг\.|сент\.|окт\.)( 2026)?", tick) for tick in months), months
    assert not any(re.match(r"\d", tick) for tick in months), months
    long = _drawn_ticks(page, 400)
    assert any(re.fullmatch(r"(май|июль|сент\.|нояб\.|янв\.|март)( 202[67])?", tick) for tick in long), long
    assert not any("мая" in tick for tick in long), long


# the visible x tick labels, each with its lines as seen (a hidden line is left out)
SEEN_TICKS = """() => [...document.querySelectorAll('.xaxislayer-above > .xtick text')].map(t => {
  const lines = t.querySelectorAll('tspan.line');
  const parts = lines.length ? [...lines] : [t];
  return parts.filter(p => getComputedStyle(p).visibility !== 'hidden').map(p => p.textContent).join(' ');
})"""


def _month_chart(
    page, months: int, width: int, start: str = "2025-11-01", phone: int = 0, written: bool = False
) -> list[str]:
    """The x tick labels a person sees on a Russian forecast-like chart of ``months`` monthly points
    from ``start``, laid out with funnel.charts.month_axis and phone_months_css, in a window
    ``width`` px wide (the chart 60 px narrower); ``phone``: at most that many labels there (the
    Overview's MONTH_LABELS), else PHONE_MONTHS; ``written``: the labels written by month_axis
    itself (``first``), the Overview's and the Channels'."""
    import pandas as pd
    import plotly.graph_objects as go

    from funnel import charts

    x = pd.date_range(start, periods=months, freq="MS")
    fig = go.Figure(go.Scatter(x=x, y=[8e6 + 1e5 * i for i in range(months)], mode="lines+markers"))
    n, most = charts.months_spanned(x[0], x[-1]), phone or charts.PHONE_MONTHS
    first = x[0].date() if written else None
    fig.update_xaxes(**charts.month_axis(n, first=first, lang="ru" if written else None, phone=most))
    fig = charts.style(fig, "ru")
    fig.update_layout(width=width - 60, height=400)
    page.set_viewport_size({"width": width, "height": 800})
    body = fig.to_html(include_plotlyjs=True, full_html=False, config=charts.config("ru"))
    css = charts.phone_months_css(".st-key-months", months, phone=most, first=first)
    page.set_content(f"<html><head>{css}</head><body><div class='st-key-months'>{body}</div></body></html>")
    page.wait_for_selector(".xtick text")
    turned = page.eval_on_selector_all(
        ".xtick text", "ts => ts.filter(t => /rotate\\((?!0)/.test(t.getAttribute('transform') || '')).length"
    )
    assert not turned, f"{turned} labels turned at {width} px"
    return page.evaluate(SEEN_TICKS)


def test_a_month_axis_labels_every_month_where_there_is_room_and_thins_on_a_phone(page):
    """The forecast-vs-actual chart labelled every second or third month at 1440 px. Twelve months
    from November 2025: at a laptop's width every month is labelled, with the year under the first
    and under January; on a phone (390 px) every second month from the first is (six labels); from
    December, the year stays under the hidden January, and December's own goes (the two years ran
    together: below)."""
    wide = _month_chart(page, 12, 900)
    assert wide == [
        "нояб. 2025",
        "дек.",
        "янв. 2026",
        "февр.",
        "март",
        "апр.",
        "май",
        "июнь",
        "июль",
        "авг.",
        "сент.",
        "окт.",
    ], wide
    phone = _month_chart(page, 12, 390)
    assert phone == ["нояб. 2025", "", "янв. 2026", "", "март", "", "май", "", "июль", "", "сент.", ""], phone
    from_december = _month_chart(page, 12, 390, "2025-12-01")
    assert from_december == ["дек.", "2026", "февр.", "", "апр.", "", "июнь", "", "авг.", "", "окт.", ""], from_december
    # six months fit a phone as they are
    assert _month_chart(page, 6, 390) == ["нояб. 2025", "дек.", "янв. 2026", "февр.", "март", "апр."]


def test_a_month_charts_hover_names_the_month_as_its_table_does(page):
    """Review #16: the chart said «сент» where its table said «сент.» (funnel.formatting.month).
    The hover over a point of a Russian month axis writes the month as the table does."""
    from datetime import date

    from funnel import formatting

    _month_chart(page, 12, 900)
    box = page.locator(".scatterlayer .point").nth(10).bounding_box()  # September 2026
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # the drag layer is on top
    page.wait_for_selector(".hoverlayer text")
    shown = " ".join(page.eval_on_selector_all(".hoverlayer text", "ts => ts.map(t => t.textContent)"))
    assert formatting.month(date(2026, 9, 1), "ru") in shown, shown


# each drawn line of the x tick labels (a label's month, its year) and its box
LABEL_LINES = """() => [...document.querySelectorAll('.xaxislayer-above > .xtick text')].flatMap(t => {
  const lines = t.querySelectorAll('tspan.line');
  return (lines.length ? [...lines] : [t]).filter(p => getComputedStyle(p).visibility !== 'hidden')
    .map(p => { const r = p.getBoundingClientRect(); return [p.textContent, r.left, r.right, r.top, r.bottom]; });
})"""


def overlapping_labels(page) -> list[tuple[str, str]]:
    """The pairs of the chart's label lines (LABEL_LINES) drawn over each other."""
    lines = page.evaluate(LABEL_LINES)
    return [
        (a[0], b[0])
        for i, a in enumerate(lines)
        for b in lines[i + 1 :]
        if a[1] < b[2] - 1 and b[1] < a[2] - 1 and a[3] < b[4] - 1 and b[3] < a[4] - 1
    ]


def test_a_phones_month_labels_never_run_two_years_together(page):
    """Review #16: the Overview on a phone read «20252026» under «нояб. февр.»: four labels kept of
    twelve months from November (its MONTH_LABELS), the first's year and the hidden January's two
    months apart. The later year stays, where it begins; nothing is drawn over anything."""
    from funnel import charts

    seen = _month_chart(page, 12, 390, phone=charts.MONTH_LABELS)
    assert seen == ["нояб.", "", "2026", "февр.", "", "", "май", "", "", "авг.", "", ""], seen
    assert not overlapping_labels(page), overlapping_labels(page)
    # a year a full step from the next keeps its place: from January, each label's own
    assert _month_chart(page, 12, 390, "2026-01-01", phone=charts.MONTH_LABELS)[0] == "янв. 2026"


def test_a_phones_month_labels_carry_their_own_years(page):
    """Review #16 (thirteenth): the Overview on a phone read «нояб. 2026 февр.», the first
    November 2025's, its year hidden for the January's, itself hidden but for its year. Labels
    written by month_axis (``first``): the phone's first carries its year, a later one the year
    where it changes from the phone's label before (February, the January hidden); a desktop's as
    before, the year under the first and under January; nothing drawn over anything."""
    from funnel import charts

    seen = _month_chart(page, 12, 390, phone=charts.MONTH_LABELS, written=True)
    assert seen == ["нояб. 2025", "", "", "февр. 2026", "", "", "май", "", "", "авг.", "", ""], seen
    assert not overlapping_labels(page), overlapping_labels(page)
    wide = _month_chart(page, 12, 900, phone=charts.MONTH_LABELS, written=True)
    assert wide[:4] == ["нояб. 2025", "дек.", "янв. 2026", "февр."], wide
    # from December, every second kept (PHONE_MONTHS): the hidden January's year goes to February
    assert _month_chart(page, 12, 390, "2025-12-01", written=True)[:3] == ["дек. 2025", "", "февр. 2026"]


# ---- the thousands separator of a money axis --------------------------------------------------------
def test_a_russian_money_axis_groups_thousands_as_the_tables_do(page):
    """Review #16: a Russian money axis read «10000000»: plotly.js grouped its ticks with the
    narrow no-break space (U+202F), where funnel.formatting.money writes U+00A0. «Каналы по
    месяцам» on spend (as the Channels page builds and styles it: spend 2 000 000 to 9 000 000 ₽ a
    month): every tick of four digits or more is formatting.number's writing of its value, with
    money's separator and no other space."""
    import pandas as pd

    from funnel import charts, formatting
    from ui.views.channels import channel_trend_figure

    rows = [
        {"month": f"2026-0{m}-01", "grp": g, "leads": 10, "won": 1, "revenue": None, "spend": s * m * 1e6, "cpl": None}
        for m in range(1, 7)
        for g, s in (("A", 1.5), ("B", 0.4))
    ]
    fig = charts.style(channel_trend_figure(pd.DataFrame(rows).assign(conversion=0.1), "spend"), "ru")
    fig.update_layout(width=900, height=450)
    page.set_content(fig.to_html(include_plotlyjs=True, full_html=True, config=charts.config("ru")))
    page.wait_for_selector(".ytick text")
    ticks = page.eval_on_selector_all(".ytick text", "ts => ts.map(t => t.textContent)")
    group = formatting.money(12_345_678, "ru")[2]  # «12 345 678 ₽»: the character after «12»
    assert group == "\u00a0" and charts.separators("ru")[1] == group
    big = [t for t in ticks if len(t.replace(group, "")) >= 4]
    assert big, ticks
    for tick in big:  # «2 000 000», as a table writes 2000000
        assert tick == formatting.number(int(tick.replace(group, "")), "ru"), (tick, ticks)
    assert not [t for t in ticks if "\u202f" in t or " " in t], ticks


def test_the_money_separator_is_wide_enough_to_see_in_the_apps_font(demo_server, page):
    """At the axes' 12 px in the app's font (Source Sans), U+202F is 1.4 px wide: «10 000 000»
    read as one number. The charts' separator, measured in a tick's own font on the app's page,
    is at least 2 px (U+00A0: 2.4 px; a digit is 6 px)."""
    from funnel import charts
    from tests.browser.screens import open_page

    open_page(page, demo_server.url, "demo", "ru", "channels")
    page.locator('[data-testid="stPlotlyChart"] .ytick text').first.wait_for()
    page.evaluate("() => document.fonts.ready")
    width = page.evaluate(
        """(sep) => { const t = document.querySelector('[data-testid="stPlotlyChart"] .ytick text');
           const css = getComputedStyle(t), c = document.createElement('canvas').getContext('2d');
           c.font = `${css.fontSize} ${css.fontFamily}`;
           return [c.measureText(sep).width, c.measureText('\\u202f').width, css.fontSize, css.fontFamily]; }""",
        charts.separators("ru")[1],
    )
    assert "Source Sans" in width[3], width
    assert width[0] >= 2 > width[1], width
