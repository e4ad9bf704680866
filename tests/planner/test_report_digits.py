"""The plan report (HTML, PDF, XLSX), made by `python -m funnel plan --export` and by the
Planner's download buttons, writes a seller's leads a month as the Planner's lever and the CLI's
table do (funnel.model.precision.per_seller_places).

By hand, on the demo: 15 298 leads over 12 months are 1 274,83 a month; ÷ 6 sellers = 212,47…
leads a seller. Whole, «212» gives 6 × 212 = 1 272, not the capacity 1 275 the card shows; one
decimal, «212,5», gives 6 × 212,5 = 1 275. The report wrote «212» (a count whole from 100 up) and
its workbook's format was «#,##0»; now «212,5» / «212.5» and «#,##0.0», the cell still the number.
"""

from __future__ import annotations

import html
import io
import re
import subprocess

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from funnel.cli import main
from funnel.i18n import t
from tests.conftest import ROOT, downloads
from tests.helpers.screen import plain
from tests.planner.test_report import NEEDS_PDFTOTEXT

PER_SELLER = 15_298 / 12 / 6  # 212,47…
SHOWN = {"ru": "212,5", "en": "212.5"}


def _html_inputs(page: str, lang: str) -> dict[str, str]:
    """The report's «Inputs» table: label → the value as printed."""
    part = page.split(f"<h2>{t('planner.export.inputs', lang)}</h2>", 1)[1].split("<h2>", 1)[0]
    return {
        html.unescape(k): plain(html.unescape(v)) for k, v in re.findall(r"<tr><th>(.*?)</th><td[^>]*>(.*?)</td>", part)
    }


def _xlsx_input(book, lang: str):
    """The «Inputs» sheet's cell of a seller's leads a month."""
    wb = openpyxl.load_workbook(book)
    rows = {r[0].value: r[1] for r in wb[t("planner.export.inputs", lang)].iter_rows(min_row=2)}
    return rows[t("planner.lever.contacts_per_seller", lang)]


def _check_xlsx(cell) -> None:
    assert cell.value == pytest.approx(PER_SELLER, rel=1e-9)  # the number, every digit the model has
    assert cell.number_format.split(";")[0] == "#,##0.0"  # shown «212,5», as the HTML prints it


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_cli_s_report_writes_a_seller_s_leads_as_the_lever(demo_app_db, tmp_path, lang):
    base = ["plan", "--db", str(demo_app_db), "--format", "json", "--lang", lang, "--export"]
    assert main([*base, str(tmp_path / "plan.html")]) == 0
    inputs = _html_inputs((tmp_path / "plan.html").read_text(encoding="utf-8"), lang)
    assert inputs[t("planner.lever.sellers", lang)] == "6"
    assert inputs[t("planner.lever.contacts_per_seller", lang)] == SHOWN[lang]
    assert main([*base, str(tmp_path / "plan.xlsx")]) == 0
    _check_xlsx(_xlsx_input(tmp_path / "plan.xlsx", lang))


@NEEDS_PDFTOTEXT
def test_the_cli_s_pdf_writes_a_seller_s_leads_as_the_lever(demo_app_db, tmp_path):
    path = tmp_path / "plan.pdf"
    assert main(["plan", "--db", str(demo_app_db), "--format", "json", "--lang", "ru", "--export", str(path)]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    line = next(
        ln for ln in text.splitlines() if t("planner.lever.contacts_per_seller", "ru") in ln and "\u2212" not in ln
    )
    assert line.split()[-1] == "212,5", line


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_planner_s_downloads_write_a_seller_s_leads_as_the_lever(demo_app_db, monkeypatch, lang):
    made = downloads(monkeypatch)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.session_state["lang"] = lang
    at.switch_page("pages/planner.py")
    at.session_state["pl_tab"] = t("planner.tab.scenarios", lang)
    at.run()
    assert not at.exception, at.exception
    inputs = _html_inputs(made["pl_export_html"]().decode("utf-8"), lang)
    assert inputs[t("planner.lever.contacts_per_seller", lang)] == SHOWN[lang]

    _check_xlsx(_xlsx_input(io.BytesIO(made["pl_export_xlsx"]()), lang))


@pytest.mark.parametrize(
    ("lang", "deals", "note"),
    [
        ("ru", "41,3", "в среднем за месяц, поэтому с дробью"),
        ("en", "41.3", "a monthly average, hence the decimal"),
    ],
)
def test_the_plan_s_deals_say_they_are_a_month_s_average(demo_app_db, tmp_path, capsys, lang, deals, note):
    """496 won ÷ 12 months = 41,33… deals a month, written with its decimal as the Planner's card
    writes it; the card's help says it is a monthly average (planner.m.deals_average_help), and so
    do the report's card, the workbook's cell (a comment) and `plan`'s table (a line under it)."""
    base = ["plan", "--db", str(demo_app_db), "--lang", lang, "--export"]
    assert main([*base, str(tmp_path / "plan.html")]) == 0
    table = capsys.readouterr().out
    assert f"{t('plan.cli.deals', lang)} — {note}" in table
    page = html.unescape((tmp_path / "plan.html").read_text(encoding="utf-8"))
    card = re.search(
        rf'<div class="label">{t("planner.out.deals", lang)}</div><div class="value">(.*?)</div>'
        r'<div class="note">(.*?)</div>',
        page,
    )
    assert card is not None and plain(card[1]) == deals and card[2].startswith(note), card
    assert main([*base, str(tmp_path / "plan.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    rows = {r[0].value: r[1] for r in wb[t("planner.export.results", lang)].iter_rows(min_row=2)}
    cell = rows[t("planner.out.deals", lang)]
    assert cell.value == pytest.approx(496 / 12) and cell.comment is not None and cell.comment.text.startswith(note)
