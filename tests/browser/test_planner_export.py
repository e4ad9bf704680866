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
    assert "900 000" in page.inner_text("body")
    shot(page, "planner_html_report")
    ctx.close()
