"""The plan report's "Active sales" section (funnel.report.active) in HTML, XLSX and PDF, in
both languages, read back from the file."""

from __future__ import annotations

import html
import io
import re

import openpyxl
import pytest

from funnel.cli import main
from funnel.model.active import evaluate
from funnel.model.active_presets import PRESETS
from funnel.report import pdf
from funnel.report_export import html_report, pdf_report, xlsx_report
from tests.planner.test_active_model import ROUND

COPIER = evaluate(PRESETS["copier_dealer"])


def text_of(page: bytes) -> str:
    body = re.sub(r"<script.*?</script>", "", page.decode("utf-8"), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "ru",
            [
                "Активные продажи",
                "Колл-центр",
                "86 %",  # 8.62 callers' work ÷ 10
                "7 000 $",  # 10 × $700
                "105 000 $",  # 21 payments (21.4 expected, whole) × $5 000
                "Окупается в месяце 6",
                "Деньги приходят через 45 дней",
                # 45 ÷ 30.4 = 1.480 months: 15.8 ÷ 30.4 = 52 % a month later, 14.6 ÷ 30.4 = 48 % two
                # months later (the months table's month 2 holds 52 % of a month's turnover)
                "оборот месяца приходит двумя частями: 52 % — через 1 месяц, 48 % — через 2 месяца; "
                "полный оборот месяца — с месяца 3",
                "Ни одна служба не перегружена",
                "Людей во всех службах 17",  # 1 + 10 + 3 + 3
            ],
        ),
        (
            "en",
            [
                "Active sales",
                "Call centre",
                "86%",
                "$7,000",
                "$105,000",
                "Pays back in month 6",
                "Money arrives 45 days after",
                "a month's turnover arrives in two parts: 52% 1 month later and 48% 2 months later; a full "
                "month's turnover from month 3",
                "No function is overloaded",
                "People in all functions 17",
            ],
        ),
    ],
)
def test_the_section_in_both_languages(lang, expected):
    page = html_report("P", {"leads": 120}, {"turnover": 900_000.0}, [], lang=lang, currency="$", active=COPIER)
    shown = text_of(page)
    for piece in expected:
        assert piece in shown, piece
    # the month chart is the page's only figure: it carries plotly.js and real colours
    source = page.decode()
    assert source.count("Plotly.newPlot") == 1 and "#000001" not in source and "#c62828" in source


def test_no_active_no_section():
    page = html_report("P", {"leads": 120}, {"turnover": 900_000.0}, [], lang="en").decode()
    assert "Active sales" not in page and "Plotly.newPlot" not in page


def test_bottleneck_and_unreachable_sentences():
    over = evaluate(ROUND.with_(callers=1))
    assert "The bottleneck is call centre: load 150%" in text_of(html_report("P", {}, {}, [], lang="en", active=over))
    ru = text_of(html_report("P", {}, {}, [], lang="ru", active=over))
    assert "Узкое место — колл-центр: загрузка 150 %" in ru
    lost = evaluate(ROUND.with_(margin=0.05, target_kind="profit", target_value=1000))
    page = text_of(html_report("P", {}, {}, [], lang="en", active=lost))
    assert "The target cannot be reached" in page and "Call centre" not in page


@pytest.mark.parametrize(
    ("lang", "sheets"),
    [
        (
            "ru",
            [
                "Активные продажи",
                "Активные продажи — службы",
                "Активные продажи — шаги",
                "Активные продажи — по месяцам",
            ],
        ),
        ("en", ["Active sales", "Active sales — functions", "Active sales — steps", "Active sales — by month"]),
    ],
)
def test_xlsx_sheets_keep_numbers(lang, sheets):
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_report({}, {}, None, lang=lang, active=COPIER)))
    assert wb.sheetnames[2:] == sheets
    fn = wb[sheets[1]]
    assert fn["A3"].value == ("Колл-центр" if lang == "ru" else "Call centre")
    assert fn["B3"].value == 10 and fn["D3"].value == pytest.approx(8.619047619 / 10) and "%" in fn["D3"].number_format
    # management (3 people, a fixed team): said in words, never a "100 %" load
    assert fn["A5"].value == ("Руководство" if lang == "ru" else "Management") and fn["B5"].value == 3
    assert fn["D5"].value == ("постоянный состав" if lang == "ru" else "fixed team")
    months = wb[sheets[3]]
    # month 6's cumulative: −39 700 (with the 15 000 start) + 36 750 × (1 − 0.4803) − 24 700 = −5 600
    # (45 days: 1.48 months), then 4 × (36 750 − 24 700 = 12 050): −45 300 + 48 200 ≈ 2 900
    assert months["A7"].value == 6 and months["F7"].value == pytest.approx(2_900.3, abs=1)


def test_cli_export_holds_the_section(tmp_path, capsys):
    path = tmp_path / "plan.html"
    argv = ["plan", "--leads", "120", "--conversion", "5%", "--avg-check", "150000", "--format", "json"]
    assert main([*argv, "--active-preset", "copier_dealer", "--export", str(path), "--lang", "en"]) == 0
    page = path.read_text(encoding="utf-8")
    # the tornado and the active plan's months; the plan is its own baseline: no waterfall of blank steps
    assert "Sensitivity" in page and "Active sales" in page and page.count("Plotly.newPlot") == 2
    alone = tmp_path / "alone.xlsx"
    assert main(["plan", "--active-preset", "copier_dealer", "--export", str(alone), "--lang", "ru"]) == 0
    assert "Активные продажи — службы" in openpyxl.load_workbook(alone).sheetnames
    capsys.readouterr()


@pytest.mark.skipif(not pdf.available(), reason="needs Chromium (apt-get install chromium)")
def test_pdf_prints_the_section():
    data = pdf_report("План", {}, {}, [], lang="ru", active=COPIER)
    assert data.startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("lang", "worked", "heads"),
    [
        (
            "en",
            "The chain works 667 of the base's 1,000 contacts a month",
            ("Needed for the whole base", "Load by the whole base"),
        ),
        ("ru", "В работу идёт 667 из 1 000 контактов базы в месяц", ("Нужно на всю базу", "Загрузка от всей базы")),
    ],
)
def test_forward_bottleneck_says_the_loads_are_of_the_whole_base(lang, worked, heads):
    """One caller for 1.5 callers' work: the chain runs at 2/3 (base 666.7 of 1 000, the steps
    table), while the functions table keeps each function's need for the whole base (sales 1.0
    manager, 100 %: the next to bind once a caller is hired). The page must say which is which,
    or a reader dividing 26.7 meetings by 40 a manager-month finds 67 %, not the 100 % shown."""
    over = evaluate(ROUND.with_(callers=1))
    page = text_of(html_report("P", {}, {}, [], lang=lang, active=over))
    assert worked in page
    for head in heads:
        assert head in page
    reverse = evaluate(ROUND.with_(target_kind="contracts", target_value=10))
    page = text_of(html_report("P", {}, {}, [], lang=lang, active=reverse))
    assert heads[0] not in page and worked[:12] not in page


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        (
            "en",
            "The bottleneck is sales managers: load 100%; as the target grows, it is the first to need another person.",
        ),
        (
            "ru",
            "Узкое место — менеджеры по продажам: загрузка 100 %; при росте цели ещё один человек первым понадобится именно здесь.",
        ),
    ],
)
def test_reverse_bottleneck_says_what_it_means(lang, sentence):
    """In reverse every function gets the whole people it needs, so nothing is over 100 %: the
    bottleneck is the least slack (10 contracts: 1.0 manager at 100 %, 1.5 callers → 2 at 75 %)."""
    r = evaluate(ROUND.with_(target_kind="contracts", target_value=10))
    assert sentence in text_of(html_report("P", {}, {}, [], lang=lang, active=r))


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["New people reach full output in 2 months", "Pays back in month 5", "Cumulative"]),
        ("ru", ["Новые люди выходят на полную выработку за 2 месяца", "Окупается в месяце 5"]),
    ],
)
def test_a_ramp_up_is_said_and_its_payback_shown(lang, words):
    # the round chain with a 2-month ramp-up pays back in month 5, not 4
    # (tests/planner/test_active_money.py works the months out by hand)
    r = evaluate(ROUND.with_(cycle_days=30.4, startup_cost=5000, horizon=6, ramp_months=2))
    page = text_of(html_report("P", {}, {}, [], lang=lang, active=r))
    for piece in words:
        assert piece in page, piece
    plain = text_of(html_report("P", {}, {}, [], lang=lang, active=evaluate(r.plan.with_(ramp_months=0))))
    assert words[0] not in plain


def test_every_step_is_whole_contracts_and_payments_too():
    # the copier dealer: 6 000 × 0.6 × 0.9 × 0.5 × 0.07 = 113.4 meetings (shown 113), × 0.6 × 0.35
    # = 23.8 contracts → 24, × 0.9 = 21.4 payments → 21 (screen review #16: «Договоры 23,8» beside
    # whole meetings; funnel.model.counts)
    page = text_of(html_report("P", {}, {}, [], lang="en", active=COPIER))
    assert "Meeting 113 " in page and "113.4" not in page
    assert "Contract 24 " in page and "Payment 21 " in page and "23.8" not in page and "21.4" not in page
    assert "Prospect base 6,000 " in page and "6,000.0" not in page


def test_a_cases_dollars_stay_dollars_in_a_rouble_report():
    """The copier dealer's money is in US dollars (its ``currency``): a report in roubles shows
    the section in dollars (10 callers × $700 = $7 000), the plan's own figures in roubles."""
    page = text_of(html_report("P", {}, {"turnover": 900_000.0}, [], lang="ru", currency="₽", active=COPIER))
    assert "900 000 ₽" in page and "7 000 $" in page and "105 000 $" in page and "7 000 ₽" not in page
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_report({}, {}, None, lang="ru", currency="₽", active=COPIER)))
    cost = wb["Активные продажи — службы"]["E3"]
    assert cost.value == 7_000 and "$" in cost.number_format and "₽" not in cost.number_format


def test_the_reports_month_chart_is_the_apps():
    """Issue #16: the report drew grouped bars (costs up in red beside gross profit) and put the
    payback word on a bar; the app stacks gross profit up and costs down with the cumulative line
    and writes the word atop the plot. ROUND with a 45.6-day cycle, 6 months (test_active_tab's
    case): gross 0, 100 000, then 200 000 a month; costs 205 000 in month 1, then 105 000."""
    from funnel.report.figures import active_months
    from tests.planner.test_active_tab import ROUND as TAB_ROUND
    from ui.views.planner import active_result as ar

    r = evaluate(TAB_ROUND.with_(cycle_days=45.6, horizon=6))
    fig = active_months(r, "ru", "₽")
    gross, costs, line = fig.data
    assert fig.layout.barmode == "relative"
    assert list(gross.y) == pytest.approx([0, 100_000, 200_000, 200_000, 200_000, 200_000])
    assert list(costs.y) == pytest.approx([-205_000, -105_000, -105_000, -105_000, -105_000, -105_000])
    assert line.name == "Накопленный итог" and costs.marker.color == "#c62828"
    (word,) = fig.layout.annotations
    assert word.text == "окупаемость" and word.x == r.payback_month == 5
    assert word.yref == "paper" and word.y == 1 and word.yanchor == "bottom"  # above the bars, not on one
    assert fig.layout.xaxis.title.text == "Месяц" and fig.layout.legend.y <= -0.3  # below the axis title
    names = (gross.name, costs.name, line.name, word.text, "Месяц", fig.layout.yaxis.title.text)
    labels = dict(zip(("gross", "costs", "cumulative", "payback", "month", "money"), names, strict=True))
    app = ar.money_chart(ar.month_frame(r), r.payback_month, labels)  # the Active tab's chart: the same traces
    assert [tr.to_plotly_json() for tr in app.data] == [tr.to_plotly_json() for tr in fig.data]
