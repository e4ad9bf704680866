"""The HTML report opens in a browser with the network off and draws its charts."""

import plotly.graph_objects as go

from funnel.report_export import html_report
from tests.browser.conftest import shot


def test_html_report_works_offline(browser, tmp_path):
    figs = [
        go.Figure(
            go.Waterfall(x=["base", "leads", "plan"], y=[100, 50, 150], measure=["absolute", "relative", "total"])
        ),
        go.Figure(go.Bar(x=[1, -1], y=["leads", "check"], orientation="h")),
    ]
    path = tmp_path / "plan.html"
    path.write_bytes(html_report("План <b>Q1</b>", {"Лиды": 120}, {"Оборот": 900_000.0}, figs, lang="ru"))
    ctx = browser.new_context(offline=True)
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_selector(".main-svg", timeout=20_000)
    assert page.locator(".js-plotly-plot").count() == 2 and not errors
    assert page.title() == "План <b>Q1</b>"  # shown as text, not markup
    assert page.locator("h1 b").count() == 0
    assert "900\u00a0000" in page.inner_text("body")  # one figure: a no-break space groups its digits
    shot(page, "planner_html_report")
    ctx.close()


def test_report_charts_look_like_the_app_in_russian(browser, tmp_path):
    """The issue: report bars were black (Streamlit's placeholder colours) and ticks read "M".
    Drawn in Chromium: bars in the app's blue, ticks with a decimal comma and grouped digits,
    months named in Russian (plotly.js's own locale mechanism, data from CLDR)."""
    from datetime import date

    import plotly.io as pio
    import streamlit.elements.plotly_chart  # noqa: F401 - registers Streamlit's template

    old = pio.templates.default
    pio.templates.default = "streamlit"  # as inside the app
    try:
        bars = go.Figure(go.Bar(x=["a", "b"], y=[12_620_000, 1_500_000]))
        months = go.Figure(go.Scatter(x=[date(2025, m, 1) for m in (1, 2, 3, 4)], y=[0.5, 1.5, 2.5, 3.5]))
    finally:
        pio.templates.default = old
    path = tmp_path / "plan.html"
    path.write_bytes(html_report("План", {}, {}, [bars, months], lang="ru"))
    ctx = browser.new_context(offline=True)
    page = ctx.new_page()
    page.goto(path.as_uri())
    page.wait_for_selector(".main-svg", timeout=20_000)
    fills = page.eval_on_selector_all(".js-plotly-plot .bars path", "ps => ps.map(p => getComputedStyle(p).fill)")
    assert fills and all(f == "rgb(0, 104, 201)" for f in fills), fills
    ticks = page.eval_on_selector_all(".js-plotly-plot .ytick text", "ts => ts.map(t => t.textContent)")
    assert any("\u00a0000\u00a0000" in x for x in ticks) and not any(x.endswith("M") for x in ticks), ticks
    assert any("," in x for x in ticks), ticks  # 0,5 … on the second chart
    xticks = page.eval_on_selector_all(".js-plotly-plot .xtick text", "ts => ts.map(t => t.textContent)")
    assert any(x.startswith("12 янв") for x in xticks), xticks  # day before month, as in Russian
    shot(page, "planner_report_ru")
    ctx.close()
