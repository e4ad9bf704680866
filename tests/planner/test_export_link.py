"""The link codec (every input round-trips; bad links never raise) and the exports."""

import io

import openpyxl
import plotly.graph_objects as go
import pytest

from funnel.model import link
from funnel.model.plan import Plan
from funnel.report_export import html_report, xlsx_report

FULL = Plan(
    leads=1270,
    conversion=0.026646,
    avg_check=199_000.5,
    cpl=1327,
    margin=0.35,
    sellers=6,
    contacts_per_seller=211.6666666666667,
    elasticity=0.415,
    queries=20_000,
    ctr=0.05,
    site_conversion=0.03,
    cpc=40,
    active_clients=12,
    avg_order=30_000,
    orders_per_period=1.5,
    lifetime=24,
    target_turnover=9_000_000,
)


@pytest.mark.parametrize("reverse", [False, True])
def test_every_input_round_trips_through_the_link(reverse):
    params = link.encode(FULL, reverse)
    assert all(isinstance(v, str) for v in params.values())
    plan, rev, problem = link.decode(params)
    assert problem is None and rev is reverse and plan == FULL


@pytest.mark.parametrize(
    "params, words",
    [
        ({"pv": "1", "l": "120", "c": "7", "k": "1"}, "conversion"),
        ({"pv": "1", "l": "x", "c": "0.05", "k": "1"}, "l: not a number"),
        ({"pv": "9", "l": "1", "c": "0.05", "k": "1"}, "version"),
        ({"pv": "1", "c": "0.05", "k": "1"}, "leads"),
        ({"pv": "1", "l": "1", "c": "0.05", "k": "1", "cs": "-1", "s": "2"}, "contacts_per_seller"),
    ],
    ids=["out-of-range", "garbage", "stale", "missing", "negative"],
)
def test_a_bad_link_gives_a_reason_never_an_exception(params, words):
    plan, _, problem = link.decode(params)
    assert plan is None and words in problem


def test_html_report_is_self_contained_and_escapes_user_text():
    fig = go.Figure(go.Bar(x=["a"], y=[1]))
    body = html_report(
        "<script>alert(1)</script> План", {"Лиды": 120}, {"Оборот": 900_000.0, "ROMI": None}, [fig, fig], lang="ru"
    ).decode("utf-8")
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt; План" in body
    assert "<script src=" not in body and "<link" not in body  # nothing fetched: works offline
    assert body.count("plotly.js v") <= 2 and "Plotly.newPlot" in body  # the library inline, once
    assert "900\u00a0000" in body and "—" in body  # a no-break space: the figure stays on one line


def test_xlsx_report_has_inputs_and_outputs_and_no_formulas():
    data = xlsx_report({'=HYPERLINK("x")': 1}, {"turnover": 900_000.0}, lang="en")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames[:2] == ["Inputs", "Results"]
    assert wb["Inputs"]["A2"].value == '\'=HYPERLINK("x")'
    assert wb["Results"]["B2"].value == 900_000
