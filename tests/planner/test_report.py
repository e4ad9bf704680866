"""The plan report in each form (HTML, XLSX, PDF, and the CLI's --export), read back from the
file: values by their unit in one language, charts in the app's colours, sheets in the language."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from funnel.cli import main
from funnel.report import pdf
from funnel.report_export import html_report, pdf_report, write_report, xlsx_report
from tests.helpers.screen import plain

INPUTS = {"leads": 120, "conversion": 0.05, "avg_check": 150_000.0, "margin": 0.35}
OUTPUTS = {"turnover": 900_000.0, "deals": 6.0, "romi": 5.967, "budget": 120_000.0}
PIPELINE = pd.DataFrame(
    [
        {
            "stage": "Предложение",
            "deals": 3,
            "amount": 300_000.0,
            "ladder_probability": 0.25,
            "learned_probability": None,
            "weighted_ladder": 75_000.0,
            "weighted_learned": None,
        }
    ]
)
CHAIN = pd.DataFrame({"Переход": ["lead", "Интерес"], "Конверсия": [0.3, 0.1]})

# Outside CI these skip without Chromium or poppler-utils' pdftotext; .ci/run installs both, so
# in CI a missing one fails the test instead of hiding it.
NEEDS_PDFTOTEXT = pytest.mark.skipif(
    not os.environ.get("CI") and (not pdf.available() or not shutil.which("pdftotext")),
    reason="needs Chromium and poppler-utils' pdftotext",
)


def _streamlit_figure() -> go.Figure:
    """A figure made the way the app makes them: Streamlit's template, placeholder colours."""
    import streamlit.elements.plotly_chart  # noqa: F401 - registers the "streamlit" template

    with_template = pio.templates.default
    pio.templates.default = "streamlit"
    try:
        return go.Figure(go.Bar(x=["a", "b"], y=[12_620_000, 1_500_000])).update_layout(
            margin=dict(l=10, r=10, t=10, b=10)
        )
    finally:
        pio.templates.default = with_template


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", ["5,00 %", "900 000 ₽", "597 %", "6", "35 %", "Лид → Интерес", "25,0 %", "300 000 ₽"]),
        ("en", ["5.00%", "₽900,000", "597%", "6", "35%", "Lead → Интерес", "25.0%", "₽300,000"]),
    ],
)
def test_html_formats_every_value_by_its_unit(lang, expected):
    tables = {"Цепочка": CHAIN, "pipeline": PIPELINE}
    page = html_report("План", INPUTS, OUTPUTS, [], lang=lang, tables=tables).decode()
    cells = [plain(c) for c in re.findall(r'(?:<td[^>]*>|class="value">)([^<]*)<', page)]
    for text in expected:
        assert text in cells, text
    assert "0.0500" not in page and "5.967" not in page and "lead<" not in page
    assert ("<h3>Взвешенная воронка</h3>" if lang == "ru" else "<h3>Weighted pipeline</h3>") in page
    heads = re.findall(r"<th[^>]*>([^<]*)<", page)
    assert ("Этап" if lang == "ru" else "Stage") in heads and "stage" not in heads


def test_html_charts_carry_real_colours_and_the_languages_separators():
    fig = _streamlit_figure()
    assert "#000001" in fig.to_json()  # the app's figure, as the issue found it
    page = html_report("План", {}, {}, [fig], lang="ru").decode()
    spec = page[page.index("Plotly.newPlot") :]
    assert "#000001" not in spec and "#0068c9" in spec
    assert '"separators":",\\u00a0"' in spec or '"separators":",\u00a0"' in spec  # as formatting.money
    assert '"exponentformat":"none"' in spec  # whole numbers on the axis, not "12.62M"
    assert '"locale": "ru"' in spec and json.dumps("нояб.") in spec  # month names in Russian, as formatting.month
    assert json.dumps("ноября") in spec  # and in the genitive for a day's tick ("1 ноября")
    assert '"displayModeBar": false' in spec  # no toolbar over the chart's title
    assert fig.layout.margin.l == 10  # the caller's figure is left as it was


def _minus(code: str) -> str:
    """An Excel format with a negative section that writes U+2212: "0.0%;"−"0.0%"."""
    return f'{code};"\u2212"{code}'


@pytest.mark.parametrize(
    ("lang", "sheets", "money_format"),
    [
        ("ru", ["Исходные данные", "Результаты", "Взвешенная воронка"], '#,##0 "₽"'),
        ("en", ["Inputs", "Results", "Weighted pipeline"], '"₽"#,##0'),
    ],
)
def test_xlsx_sheets_and_headers_in_one_language_with_number_formats(lang, sheets, money_format):
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_report(INPUTS, OUTPUTS, {"pipeline": PIPELINE}, lang=lang)))
    assert wb.sheetnames == sheets
    results = {r[0].value: r[1] for r in wb[sheets[1]].iter_rows(min_row=2)}
    turnover = results["Оборот в месяц" if lang == "ru" else "Turnover per month"]
    # each format's negative section writes a true minus sign ("−900 000 ₽"), as the HTML does
    assert turnover.value == 900_000 and turnover.number_format == _minus(money_format)
    inputs = {r[0].value: r[1] for r in wb[sheets[0]].iter_rows(min_row=2)}
    conv = inputs["Базовая конверсия" if lang == "ru" else "Base conversion"]
    assert conv.value == 0.05 and conv.number_format == _minus("0.00%")  # a number shown as 5.00 %
    pipe = wb[sheets[2]]
    head = [c.value for c in pipe[1]]
    assert head[0] == ("Этап" if lang == "ru" else "Stage") and "stage" not in head
    assert pipe["B2"].value == 3 and pipe["B2"].number_format == _minus("#,##0")  # whole deals: no decimals
    assert pipe["D2"].number_format == _minus("0.0%") and pipe["E2"].value is None


def test_export_writes_the_format_its_extension_names(tmp_path):
    assert write_report(tmp_path / "p.html", "T", INPUTS, OUTPUTS, [], lang="en") == "html"
    assert write_report(tmp_path / "p.xlsx", "T", INPUTS, OUTPUTS, [], lang="en") == "xlsx"
    assert (tmp_path / "p.html").read_bytes().startswith(b"<!doctype html>")
    assert (tmp_path / "p.xlsx").read_bytes()[:2] == b"PK"
    from funnel.errors import FunnelError

    with pytest.raises(FunnelError, match=r"\.html, \.pdf or \.xlsx"):
        write_report(tmp_path / "p.docx", "T", INPUTS, OUTPUTS, [], lang="en")


def test_cli_plan_export(tmp_path, capsys):
    html_path, xlsx_path = tmp_path / "plan.html", tmp_path / "plan.xlsx"
    base = ["plan", "--leads", "120", "--conversion", "5%", "--avg-check", "150000", "--format", "json"]
    assert main([*base, "--export", str(html_path), "--lang", "en"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["turnover"] == 900_000 and "_base_plan" not in out
    page = html_path.read_text(encoding="utf-8")
    assert "₽900,000" in page and "5.00%" in page and "Sensitivity" in page
    # the plan is its own baseline: the tornado alone, the sentence in place of a waterfall of blank steps
    assert page.count("Plotly.newPlot") == 1 and "The plan is the baseline: turnover ₽900,000 a month" in page
    assert main([*base, "--export", str(xlsx_path), "--lang", "ru", "--currency", "$"]) == 0
    wb = openpyxl.load_workbook(xlsx_path)
    assert wb.sheetnames == ["Исходные данные", "Результаты", "Чувствительность"]
    assert main([*base, "--export", str(tmp_path / "plan.txt")]) != 0


def test_cli_report_lists_an_unset_margin_and_its_profit_as_dashes(tmp_path, capsys):
    """The command line's report follows the Planner's margin rule (funnel.model.gaps.apply_margin):
    no --margin, the margin and the profit are «—», not 100 % and 900 000 − 0 = 900 000 (the CLI's
    plan has no CPL: budget 0); --margin 30 %: profit 900 000 × 0,3 = 270 000."""
    xlsx_path = tmp_path / "plan.xlsx"
    base = ["plan", "--leads", "120", "--conversion", "5%", "--avg-check", "150000", "--format", "json"]

    def rows(*extra) -> dict:
        assert main([*base, *extra, "--export", str(xlsx_path), "--lang", "ru"]) == 0
        capsys.readouterr()
        book = openpyxl.load_workbook(xlsx_path)
        sheets = ("Исходные данные", "Результаты")
        return {r[0]: r[1] for name in sheets for r in book[name].iter_rows(values_only=True) if r and r[0]}

    got = rows()
    assert got["Маржа"] in (None, "—") and got["Прибыль в месяц"] in (None, "—"), got
    got = rows("--margin", "30%")
    assert got["Маржа"] == pytest.approx(0.3) and got["Прибыль в месяц"] == pytest.approx(270_000), got


def test_repeat_customers_switched_off_are_not_in_the_inputs(tmp_path):
    """Issue #16: with repeat customers off (the CLI has no switch for them) «Исходные данные»
    listed «Средний заказ 0 ₽», «Активные клиенты 0», «Заказов на клиента в месяц 0»; on, they
    are the plan's and stay (the Planner's own rule)."""
    xlsx_path = tmp_path / "plan.xlsx"
    base = ["plan", "--leads", "120", "--conversion", "5%", "--avg-check", "150000", "--format", "json"]
    assert main([*base, "--export", str(xlsx_path), "--lang", "ru"]) == 0
    labels = [row[0] for row in openpyxl.load_workbook(xlsx_path)["Исходные данные"].iter_rows(values_only=True)]
    assert "Средний чек" in labels
    for gone in ("Средний заказ", "Активные клиенты", "Заказов на клиента в месяц", "Срок жизни клиента, мес."):
        assert gone not in labels
    from funnel.model.plan import Plan
    from funnel.report_export import plan_inputs

    on = Plan(leads=120, conversion=0.05, avg_check=150_000, active_clients=40, avg_order=9_000, repeat_on=True)
    assert plan_inputs(on)["active_clients"] == 40 and plan_inputs(on)["avg_order"] == 9_000
    assert "avg_order" not in plan_inputs(Plan(leads=120, conversion=0.05, avg_check=150_000, avg_order=9_000))


@pytest.mark.skipif(not pdf.available(), reason="needs Chromium (apt-get install chromium)")
def test_pdf_is_the_report_printed(tmp_path):
    fig = _streamlit_figure()
    data = pdf_report("План", INPUTS, OUTPUTS, [fig], lang="ru", tables={"pipeline": PIPELINE})
    assert data.startswith(b"%PDF-") and len(re.findall(rb"/Type\s*/Page[^s]", data)) >= 1
    (tmp_path / "plan.pdf").write_bytes(data)


@pytest.mark.parametrize(
    ("lang", "labels"),
    [("ru", ["Отчёт HTML", "Отчёт PDF", "Таблица XLSX"]), ("en", ["HTML report", "PDF report", "XLSX workbook"])],
)
def test_the_scenarios_tab_offers_html_pdf_and_xlsx(app, monkeypatch, lang, labels):
    from tests.planner.test_pages import open_tab

    app.session_state["lang"] = lang
    at = open_tab(app.switch_page("pages/planner.py").run(), "scenarios", lang)
    assert not at.exception, at.exception
    assert [b.proto.label for b in at.get("download_button")] == labels
    monkeypatch.setattr(pdf, "CHROMIUM", "/nonexistent/chromium")  # a server without Chromium
    at.run()
    assert [b.proto.label for b in at.get("download_button")] == [labels[0], labels[2]]
    assert any("Chromium" in c.value for c in at.caption)


def test_edit_figures_and_demo_names_in_the_report_language():
    outputs = {"Конверсия цепочки этапов": 0.0318304128, "Микс каналов: ROMI": 4.3009637638}
    chain = pd.DataFrame({"Переход": ["lead", "Initial interest"], "Конверсия": [0.17, 0.5975]})
    mix = pd.DataFrame({"Канал": ["VK Ads"], "Бюджет в месяц": [125_607.0], "Лиды": [335.0]})
    page = html_report("План", {}, outputs, [], lang="ru", tables={"Этапы": chain, "Каналы": mix}).decode()
    cells = [plain(c) for c in re.findall(r'(?:<td[^>]*>|class="value">)([^<]*)<', page)]
    assert "3,18 %" in cells and "430 %" in cells and "0.0318304128" not in page
    assert "Лид → Первичный интерес" in cells and "Первичный интерес → выигрыш" in cells
    assert "VK Реклама" in cells and "125 607 ₽" in cells and "335" in cells
    assert ">125\u00a0607\u00a0₽<" in page  # printed or on a phone, a figure stays on one line


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ru", ["−120 000 ₽", "−5,00 %", "120 000 ₽"]), ("en", ["−₽120,000", "−5.00%", "₽120,000"])],
)
def test_html_writes_negatives_with_a_minus_sign(lang, expected):
    """A loss prints "−120 000 ₽" with a true minus (U+2212), as the app's charts and changes do,
    not Babel's hyphen "-120 000 ₽"; a positive figure is untouched."""
    page = html_report("План", {"conversion": -0.05}, {"turnover": -120_000.0, "budget": 120_000.0}, [], lang=lang)
    cells = [plain(c) for c in re.findall(r'(?:<td[^>]*>|class="value">)([^<]*)<', page.decode())]
    for text in expected:
        assert text in cells, (text, cells)
    assert not any(c.startswith("-") for c in cells), cells


@NEEDS_PDFTOTEXT
def test_pdf_keeps_each_table_whole_with_its_heading(tmp_path):
    """Six tables of nine rows fill about three pages: each is printed on one page with its
    heading (a page used to end on a heading and one row, the rest on the next page); the
    first page holds the results and inputs and at least the first table, not a heading alone."""
    tables = {
        f"Таблица {n}": pd.DataFrame({"Строка": [f"т{n}с{r}" for r in range(1, 10)], "Конверсия": [0.1] * 9})
        for n in range(1, 7)
    }
    path = tmp_path / "tables.pdf"
    path.write_bytes(pdf_report("План", INPUTS, OUTPUTS, [], lang="ru", tables=tables))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) >= 2, "the tables should need more than one page"
    for n in range(1, 7):
        where = {i for i, p in enumerate(pages) if f"Таблица {n}" in p or re.search(rf"\bт{n}с\d\b", p)}
        assert len(where) == 1, (n, where)  # heading and its nine rows on one page
        page = pages[where.pop()]
        assert all(f"т{n}с{r}" in page for r in range(1, 10)), n


@NEEDS_PDFTOTEXT
def test_pdf_of_the_plan_leaves_no_chart_alone_on_a_page(tmp_path):
    """The plan's PDF (results, inputs, the sensitivity table, two charts): no page holds a
    chart and nothing else (printed at 360 px, the last chart went alone onto a third page)."""
    path = tmp_path / "plan.pdf"
    args = ["plan", "--leads", "1500", "--conversion", "3.18%", "--avg-check", "199031", "--margin", "10%"]
    args += ["--sellers", "6", "--contacts-per-seller", "212", "--cpl", "1327", "--format", "json"]
    assert main([*args, "--export", str(path), "--lang", "ru"]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    charts = ("От базы к плану", "Что сильнее двигает")
    others = ("Результаты", "Исходные данные", "Чувствительность", "Графики")
    for i, page in enumerate(pages):
        shown = [c for c in charts if c in page]
        assert not shown or len(shown) > 1 or any(o in page for o in others), (i, shown)


def test_cli_export_names_the_workspace_and_the_baselines_period(store, tiny, tmp_path):
    """`plan --workspace … --export`: the report names the workspace and the period its baseline
    comes from (tests/planner/conftest.py's data, 01.01.2025–28.02.2025), in the report's language."""
    from funnel.workspace import get_workspace

    with store.cursor() as cur:
        name = get_workspace(cur, tiny).name
    path = str(store.path)
    store.close()  # the command opens the file itself
    html_path, xlsx_path = tmp_path / "plan.html", tmp_path / "plan.xlsx"
    period = ["plan", "--db", path, "--workspace", tiny, "--from", "2025-01-01", "--to", "2025-02-28"]
    assert main([*period, "--format", "json", "--export", str(html_path), "--lang", "ru"]) == 0
    assert f"Рабочее пространство: {name} · Данные для базы плана: 01.01.2025–28.02.2025" in html_path.read_text(
        encoding="utf-8"
    )
    assert main([*period, "--format", "json", "--export", str(xlsx_path), "--lang", "en"]) == 0
    first = openpyxl.load_workbook(xlsx_path).worksheets[0]
    rows = [[c.value for c in row] for row in first.iter_rows(min_row=2, max_row=3)]
    assert rows == [["Workspace", name], ["Baseline data", "Jan 1 – Feb 28, 2025"]], rows


@pytest.mark.parametrize(("lang", "name"), [("ru", "Рабочее пространство: Демо"), ("en", "Workspace: Demo")])
def test_cli_export_names_the_demo_as_the_screens_do(tmp_path, lang, name):
    """The demo workspace is «Демо» on a Russian screen (by its flag), and the report the CLI
    writes in Russian said "Demo" beside Russian words."""
    from tests.conftest import with_demo

    db = with_demo(tmp_path / "demo.duckdb")
    out = tmp_path / "plan.html"
    assert main(["plan", "--db", str(db), "--format", "json", "--export", str(out), "--lang", lang]) == 0
    assert name in plain(out.read_text(encoding="utf-8"))


def test_xlsx_writes_a_whole_number_of_days_without_decimals():
    """The plan's XLSX wrote a sales cycle of 48 days as «48,0» where the PDF says 48: a whole
    value of a unit with decimals shows none, a fractional one keeps them (one column, two cells)."""
    import xlsxwriter

    from funnel.report.content import Value
    from funnel.report.xlsx import _Writer

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    rows = [[Value("Цикл", 48.0, "days", 1)], [Value("Цикл", 12.5, "days", 1)], [Value("Цикл", 7.0, "number", 2)]]
    _Writer(wb, "ru", "₽").sheet("Итоги", ["Цикл"], rows)
    wb.close()
    ws = openpyxl.load_workbook(io.BytesIO(buf.getvalue()))["Итоги"]
    assert (ws["A2"].value, ws["A2"].number_format) == (48, "#,##0")
    assert (ws["A3"].value, ws["A3"].number_format) == (12.5, "#,##0.0")
    assert ws["A4"].number_format == "#,##0"


@pytest.mark.parametrize(
    ("unit", "value", "decimals", "expected"),
    [
        # a time reads as on screen (funnel.model.precision): whole from 10 days up, one decimal below
        pytest.param("days", 47.5, 1, "48", id="days-47.5-reads-48-as-on-screen"),
        pytest.param("days", 4.46, 1, "4,5", id="days-4.46-one-decimal"),
        pytest.param("hours", 18.2, 1, "18", id="hours-18.2-reads-18"),
        # a count whole from 100 up, below it as its unit's decimals
        pytest.param("count", 1269.75, 1, "1 270", id="count-from-100-whole"),
        pytest.param("count", 40.4, 1, "40,4", id="count-40.4"),
        pytest.param("count", 6.0, 1, "6", id="whole-count-no-comma-zero"),
    ],
)
def test_a_report_writes_times_and_counts_as_the_screen_does(unit, value, decimals, expected):
    """The value carries the decimals it is read with (content.places), the XLSX's number format
    too: «1 270» in the HTML beside «1 269,8» in the workbook read as two answers."""
    from funnel.report.content import Value, places, shown
    from funnel.report.xlsx import number_format

    digits = places(unit, value, decimals)
    assert plain(shown(Value("x", value, unit, digits), "ru", "₽")) == expected
    assert number_format(unit, digits, "ru", "₽") == "#,##0" + ("." + "0" * digits if digits else "")
