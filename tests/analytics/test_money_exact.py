"""Money is exact end to end: a file's amount is stored, summed, printed by the CLI and written to
CSV and XLSX with its own digits. 9 999 999 999 999 999.99 used to come out as 1e+16, and
0.1 + 0.2 as a float sum."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import openpyxl
import pytest

from funnel import money
from funnel.cli import main
from funnel.db import Store
from funnel.filters import Filters
from funnel.metrics import channels, lost, overview, stages, trend
from funnel.report_export import html_report, xlsx_report
from funnel.tables import EXACT_AS_TEXT, to_csv_bytes, to_xlsx_bytes
from funnel.workspace import create_workspace
from tests.helpers.screen import plain
from tests.ingest.helpers import inspect_file, load_file, write

BIG = "9999999999999999.99"  # the largest amount DECIMAL(18, 2) holds: 18 digits, 2 after the point
HEADER = "ID;Этап;Статус;Сумма;Дата создания;Дата закрытия;Источник\n"


def deals_csv(amounts: list[str], status: str = "won", channel: str = "Яндекс") -> str:
    rows = [f"D{i};Сделка заключена;{status};{a};01.03.2026;02.03.2026;{channel}\n" for i, a in enumerate(amounts, 1)]
    return HEADER + "".join(rows)


def march(ws: str) -> Filters:
    from datetime import date

    return Filters(ws, date(2026, 3, 1), date(2026, 3, 31))


@pytest.mark.parametrize(
    "amounts, revenue",
    [
        pytest.param(["0.1", "0.2"], "0.30", id="0.1+0.2"),
        pytest.param(["0,1", "0,2"], "0.30", id="0,1+0,2 decimal comma"),
        pytest.param(["0.1"] * 10, "1.00", id="ten times 0.1"),
        pytest.param(["1 234,56", "0,44"], "1235.00", id="thousands by space"),
        pytest.param([BIG], BIG, id="the largest amount"),
        pytest.param([BIG, "0.01"], "10000000000000000.00", id="a sum past the largest amount"),
        pytest.param([BIG, "0.1", "0.2"], "10000000000000000.29", id="kopecks beside the largest amount"),
        pytest.param(["4503599627370496.5", "0.5"], "4503599627370497.00", id="past 2^52 a float loses halves"),
    ],
)
def test_revenue_sums_exactly(store, ws, tmp_path, amounts, revenue):
    load_file(store, ws, write(tmp_path, "deals.csv", deals_csv(amounts)), "deals")
    with store.cursor() as cur:
        record = overview.overview_record(cur, filters=march(ws))
        table = channels.channel_table(cur, filters=march(ws))
        cohort = overview.overview_record(cur, filters=march(ws), attribution="cohort")
    assert record["revenue"] == Decimal(revenue) and isinstance(record["revenue"], Decimal)
    assert cohort["revenue"] == Decimal(revenue)
    assert list(table["revenue"]) == [Decimal(revenue), Decimal(revenue)]  # the channel and the totals row


@pytest.mark.parametrize(
    "kind, text, figure",
    [
        pytest.param("spend", "Канал;Месяц;Расход\nЯндекс;03.2026;0,1\nVK;03.2026;0,2\n", "spend", id="spend"),
        pytest.param(
            "leads",
            "ID;Дата создания;Источник;Стоимость лида\nL1;01.03.2026;SEO;0.1\nL2;02.03.2026;SEO;0.2\n",
            "spend",
            id="cost per lead",
        ),
    ],
)
def test_spend_sums_exactly(store, ws, tmp_path, kind, text, figure):
    load_file(store, ws, write(tmp_path, f"{kind}.csv", text), kind)
    with store.cursor() as cur:
        record = overview.overview_record(cur, filters=march(ws))
    assert record[figure] == Decimal("0.30")


def test_every_money_sum_is_exact_and_ratios_are_floats(store, ws, tmp_path):
    text = deals_csv([BIG, "0.1"]) + "D9;Сделка заключена;lost;0.2;01.03.2026;03.03.2026;Яндекс\n"
    load_file(store, ws, write(tmp_path, "deals.csv", text), "deals")
    with store.cursor() as cur:
        record = overview.overview_record(cur, filters=march(ws))
        month = trend.monthly(cur, filters=march(ws))
        funnel_amounts = stages.stage_funnel(cur, filters=march(ws)).table["amount"]
        lost_amount = lost.lost_by_stage(cur, filters=march(ws))["amount"]
    assert record["revenue"] == Decimal("10000000000000000.09")
    assert record["pipeline"] == Decimal("0.00")
    assert isinstance(record["avg_check"], float) and isinstance(record["weighted_pipeline"], float)
    assert list(month["revenue"]) == [Decimal("10000000000000000.09")]
    assert Decimal("10000000000000000.29") in list(funnel_amounts)  # every deal reached the first stage
    assert list(lost_amount) == [Decimal("0.20")]


@pytest.fixture
def big_deal_file(tmp_path):
    """A database file with one won deal of 9 999 999 999 999 999.99 and one of 0.10 (channel
    Яндекс), and 1 000 of spend on the channel, loaded from files like a user's."""
    path = tmp_path / "money.duckdb"
    store = Store(path)
    with store.transaction() as cur:
        ws = create_workspace(cur, "Money").id
    load_file(store, ws, write(tmp_path, "deals.csv", deals_csv([BIG, "0.10"])), "deals")
    load_file(store, ws, write(tmp_path, "spend.csv", "Канал;Месяц;Расход\nЯндекс;03.2026;1000\n"), "spend")
    store.close()
    return path, ws


def cli(capsys, *argv) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def report(capsys, path, ws, name: str, fmt: str) -> str:
    return cli(capsys, "report", name, "--db", str(path), "--workspace", ws, "--format", fmt)


def test_the_cli_json_writes_the_big_deal_exactly(capsys, big_deal_file):
    path, ws = big_deal_file
    out = report(capsys, path, ws, "overview", "json")
    assert '"revenue": 10000000000000000.09,' in out
    assert '"spend": 1000.00,' in out
    assert json.loads(out, parse_float=Decimal)["revenue"] == Decimal("10000000000000000.09")
    assert json.loads(out)["spend"] == 1000  # an ordinary reader still gets numbers
    rows = json.loads(report(capsys, path, ws, "channels", "json"), parse_float=Decimal)
    assert [(r["channel"], r["revenue"], r["spend"]) for r in rows] == [
        ("Яндекс", Decimal("10000000000000000.09"), Decimal("1000.00"))
    ]


def test_the_cli_csv_writes_the_big_deal_exactly(capsys, big_deal_file):
    path, ws = big_deal_file
    lines = report(capsys, path, ws, "channels", "csv").splitlines()
    header, row = lines[0].split(","), lines[1].split(",")
    assert row[header.index("revenue")] == "10000000000000000.09"
    assert row[header.index("spend")] == "1000.00"


def test_the_table_downloads_keep_the_big_deal_exact(big_deal_file):
    path, ws = big_deal_file
    store = Store(path)
    try:
        with store.cursor() as cur:
            table = channels.channel_table(cur, filters=march(ws))
    finally:
        store.close()
    frame = table[["grp", "spend", "revenue", "cpl"]]
    csv = to_csv_bytes(frame).decode("utf-8-sig").splitlines()
    assert csv[1] == "Яндекс,1000.00,10000000000000000.09,"
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    assert [c.value for c in sheet[1]] == ["grp", "spend", "revenue", "cpl"]
    spend, revenue = sheet["B2"], sheet["C2"]
    assert spend.value == 1000 and spend.data_type == "n"  # a number Excel holds stays a number
    assert revenue.value == "10000000000000000.09" and revenue.data_type == "s"  # past 15 digits: exact text
    assert revenue.comment is not None and revenue.comment.text.startswith(EXACT_AS_TEXT[:20])
    assert spend.comment is None


@pytest.mark.parametrize(
    "value, number",
    [
        pytest.param(Decimal("1234567890123.45"), True, id="15 digits: a number"),
        pytest.param(Decimal("12345678901234.56"), False, id="16 digits: text"),
        pytest.param(Decimal("10000000000000000.00"), True, id="10^16 is exact as a number"),
        pytest.param(Decimal("0.30"), True, id="kopecks"),
    ],
)
def test_excel_keeps_numbers_up_to_fifteen_digits(value, number):
    assert money.fits_excel(value) is number


def test_the_plan_report_prints_an_exact_amount_whole(tmp_path):
    outputs = {"Выручка": Decimal("10000000000000000.09"), "Ровно": Decimal("150000.00"), "Лиды": 120.0}
    page = plain(html_report("План", {}, outputs, [], lang="ru").decode())
    assert "10 000 000 000 000 000,09" in page and "150 000<" in page
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_report({}, outputs, lang="ru")))["Результаты"]
    values = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert values["Выручка"].value == "10000000000000000.09" and values["Выручка"].comment is not None
    assert values["Ровно"].value == 150000 and values["Лиды"].value == 120


def test_the_plan_json_never_writes_an_exponent(capsys):
    out = cli(capsys, "plan", "--leads", "120", "--conversion", "0.05", "--avg-check", "1e16", "--format", "json")
    assert '"turnover": 60000000000000000,' in out  # the model's float, in plain digits (not 6e+16)
    assert '"avg_check": 10000000000000000,' in out
    assert json.loads(out)["turnover"] == 6e16


@pytest.mark.parametrize(
    "obj, text",
    [
        pytest.param({"a": Decimal("0.30")}, '{"a": 0.30}', id="decimal"),
        pytest.param([Decimal("1E+16")], "[10000000000000000]", id="plain notation"),
        pytest.param({"a": Decimal("NaN")}, '{"a": null}', id="nan is null"),
        pytest.param({"s": "0.30"}, '{"s": "0.30"}', id="text stays text"),
    ],
)
def test_json_text(obj, text):
    assert money.json_text(obj) == text


def test_the_preview_shows_the_big_deal_as_it_will_be_stored(store, ws, tmp_path):
    info = inspect_file(store, ws, write(tmp_path, "deals.csv", deals_csv([BIG, "0,1"])), "deals")
    assert list(info.preview["amount"]) == [Decimal(BIG), Decimal("0.10")]
