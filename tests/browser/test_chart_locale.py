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
    assert any(re.fullmatch(r"(май|июнь|июль|авг|сент|окт)( 2026)?", tick) for tick in months), months
    assert not any(re.match(r"\d", tick) for tick in months), months
    long = _drawn_ticks(page, 400)
    assert any(re.fullmatch(r"(май|июль|сент|нояб|янв|март)( 202[67])?", tick) for tick in long), long
    assert not any("мая" in tick for tick in long), long
