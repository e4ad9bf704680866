"""The ad-platform and spend corpus (tests/corpus/ads, sources in SOURCES.md): every file loads
without a hand mapping, through the engine, the command line and the Data page, and gives the
spend per channel and campaign written down here by hand from the file.

A report's closing lines ("Итого", "Total: Account", "Total rows: 4") are not spend: they must not
be loaded, whether they are skipped as a footer or rejected as a row without a date."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal as D
from pathlib import Path

import pytest

from funnel.db import Store
from funnel.workspace import create_workspace
from tests.conftest import ROOT
from tests.helpers.cli import run_cli
from tests.ingest.helpers import inspect_file, load_file

CORPUS = ROOT / "tests" / "corpus" / "ads"


@dataclass(frozen=True)
class Case:
    file: str
    kind: str
    label: str | None  # the export recognised
    channels: dict[str, D | int]  # spend per channel (leads: leads per channel)
    campaigns: dict[str, D] = field(default_factory=dict)
    footers: tuple[int, ...] = ()  # spreadsheet lines of the closing lines
    fixed: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    totals: tuple[str, ...] = ()  # total columns of a wide budget, left out

    @property
    def path(self) -> Path:
        return CORPUS / self.file


CASES = [
    Case(
        "yandex_direct_api.tsv",
        "spend",
        "Yandex Direct — Reports API",
        # 1 250 500 000 + 830 250 000 + 1 410 000 000 + 615 745 000 micros; 615.745 rounds to 615.75
        {"Яндекс Директ": D("4106.50")},
        {"Поиск — бренд": D("2660.50"), "РСЯ — ретаргетинг": D("1446.00")},
        footers=(7,),
        fixed={"channel": "Яндекс Директ"},
        units={"amount": "micros"},
    ),
    Case(
        "yandex_direct_api_rub.tsv",  # returnMoneyInMicros: false — amounts already in roubles
        "spend",
        "Yandex Direct — Reports API",
        {"Яндекс Директ": D("4106.50")},
        {"Поиск — бренд": D("2660.50"), "РСЯ — ретаргетинг": D("1446.00")},
        footers=(6,),
        fixed={"channel": "Яндекс Директ"},
    ),
    Case(
        "yandex_direct_wizard.xlsx",
        "spend",
        "Yandex Direct — report builder",
        {"Яндекс Директ": D("6456.00")},  # 2345.60 + 1120.40 + 2010.00 + 980.00
        {"Поиск — общие": D("4355.60"), "РСЯ — охват": D("2100.40")},
        footers=(8,),
        fixed={"channel": "Яндекс Директ"},
    ),
    Case(
        "vk_ads.csv",
        "spend",
        "VK Ads",
        {"VK Реклама": D("4200.00")},
        {"Лид-формы": D("2750.00"), "Трафик на сайт": D("1450.00")},
        fixed={"channel": "VK Реклама"},
    ),
    Case(
        "google_ads_report.csv",
        "spend",
        "Google Ads — report",
        {"Google Ads": D("8300.25")},  # not 16 600.50: the three Total lines are not spend
        {"Search - Brand": D("2300.00"), "PMax - Catalog": D("6000.25")},
        footers=(8, 9, 10),
        fixed={"channel": "Google Ads"},
    ),
    Case(
        "google_ads_api.csv",
        "spend",
        "Google Ads — API",
        {"Google Ads": D("2450.00")},  # 980 120 000 + 1 019 880 000 + 450 000 000 micros
        {"Search - Brand": D("2000.00"), "Display - Remarketing": D("450.00")},
        fixed={"channel": "Google Ads"},
        units={"amount": "micros"},
    ),
    Case(
        "meta_ads_manager.csv",
        "spend",
        "Meta Ads Manager",
        {"Meta Ads": D("320.00")},
        {"Spring sale": D("220.00"), "Retargeting": D("100.00")},
        fixed={"channel": "Meta Ads"},
    ),
    Case(
        "avito_stats.xlsx",
        "spend",
        "Avito",
        {"Авито": D("1160.00")},
        {"Монтаж кондиционеров": D("760.00"), "Ремонт кондиционеров": D("400.00")},
        fixed={"channel": "Авито"},
    ),
    Case(
        "budget_excel.xlsx",
        "spend",
        None,
        # the Итого column (596 500) would double the total to 1 193 000
        {"Яндекс Директ": D("360000.00"), "VK Реклама": D("147000.00"), "Авито": D("89500.00")},
        footers=(7,),
        totals=("Итого",),
    ),
    Case(
        "budget_1c.csv",
        "spend",
        None,
        # «Бюджет месяца» is each row's sum of the three: a total by its figures, not its caption
        {"Яндекс.Директ": D("155500.50"), "VK Реклама": D("42000.00"), "Авито": D("29000.00")},
        totals=("Бюджет месяца",),
    ),
    Case(
        "comagic_calls.csv",
        "leads",
        "CoMagic — calls",
        {"Яндекс Директ": 3, "VK Реклама": 1, "Авито": 2},
    ),
]
IDS = [c.file for c in CASES]


def per_channel(cur, ws: str, kind: str) -> dict:
    if kind == "leads":
        sql = "SELECT channel, count(*) FROM stg_leads WHERE workspace_id = ? GROUP BY 1"
    else:
        sql = "SELECT channel, sum(amount) FROM stg_spend WHERE workspace_id = ? GROUP BY 1"
    return dict(cur.execute(sql, [ws]).fetchall())


def per_campaign(cur, ws: str) -> dict:
    sql = "SELECT campaign, sum(amount) FROM stg_spend WHERE workspace_id = ? AND campaign IS NOT NULL GROUP BY 1"
    return dict(cur.execute(sql, [ws]).fetchall())


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_each_export_is_recognised_and_loads_its_figures(store, ws, case):
    info = inspect_file(store, ws, case.path, case.kind)
    assert info.crm == case.label
    assert info.fixed == case.fixed and info.units == case.units
    assert info.wide_totals == list(case.totals)
    # the only rows not loaded are the report's closing lines
    assert set(info.rejected["row"]) <= set(case.footers)
    result = load_file(store, ws, case.path, case.kind)
    assert set(result.rejected_rows["row"]) <= set(case.footers)
    with store.cursor() as cur:
        assert per_channel(cur, ws, case.kind) == case.channels
        if case.campaigns:
            assert per_campaign(cur, ws) == case.campaigns


def test_the_day_is_the_date_when_the_reporting_range_is_there_too(store, ws):
    """Meta's export by day has the range (1–31 March) on every row: each row is its Day's."""
    load_file(store, ws, CORPUS / "meta_ads_manager.csv", "spend")
    with store.cursor() as cur:
        days = cur.execute(
            "SELECT period, period_end, sum(amount) FROM stg_spend WHERE workspace_id = ? GROUP BY ALL ORDER BY 1",
            [ws],
        ).fetchall()
    from datetime import date

    assert days == [
        (date(2025, 3, 1), date(2025, 3, 1), D("165.75")),  # 120.50 + 45.25
        (date(2025, 3, 2), date(2025, 3, 2), D("154.25")),  # 99.50 + 54.75
    ]


# ---- the command line ---------------------------------------------------------------------------


def cli(*args):
    return run_cli(*args)  # in this process: what it prints and returns (tests/helpers/cli.py)


@pytest.fixture
def cli_db(tmp_path):
    db = tmp_path / "cli.duckdb"
    s = Store(db)
    with s.transaction() as cur:
        create_workspace(cur, "Ads")
    s.close()
    return db


def cli_figures(db: Path, kind: str) -> tuple[dict, dict]:
    s = Store(db)
    try:
        with s.cursor() as cur:
            ws = cur.execute("SELECT id FROM workspaces WHERE name = 'Ads'").fetchone()[0]
            return per_channel(cur, ws, kind), (per_campaign(cur, ws) if kind == "spend" else {})
    finally:
        s.close()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_each_export_loads_through_the_command_line_without_map(cli_db, case):
    out = cli("load", case.kind, str(case.path), "--db", str(cli_db), "--workspace", "Ads")
    assert out.returncode == 0, out.stderr
    if case.label:
        assert f"recognised {case.label} export" in out.stdout
    for fld, value in case.fixed.items():
        assert f"{fld:<17} = «{value}» (fixed: the file has no column for it)" in out.stdout
    if case.units:
        assert "in micros: divided by 1 000 000" in out.stdout
    for col in case.totals:
        assert f"«{col}» is a total of the channels: not loaded" in out.stdout
    channels, campaigns = cli_figures(cli_db, case.kind)
    assert channels == case.channels
    if case.campaigns:
        assert campaigns == case.campaigns


def test_set_gives_a_field_a_value_and_overrides_the_platforms(cli_db):
    path = CORPUS / "vk_ads.csv"
    out = cli("load", "spend", str(path), "--db", str(cli_db), "--workspace", "Ads", "--set", "channel=VK Ads (Москва)")
    assert out.returncode == 0, out.stderr
    assert "every row (4) gets “VK Ads (Москва)”" in out.stdout
    assert cli_figures(cli_db, "spend")[0] == {"VK Ads (Москва)": D("4200.00")}


def test_set_on_a_file_with_no_channel_at_all(cli_db, tmp_path):
    """A spend file of no known layout, without a channel: --set makes it loadable."""
    path = tmp_path / "costs.csv"
    path.write_text("Дата;Кампания;Сумма\n01.03.2025;Весна;1 000,00\n02.03.2025;Весна;500,50\n", encoding="utf-8")
    refused = cli("load", "spend", str(path), "--db", str(cli_db), "--workspace", "Ads")
    assert refused.returncode == 3 and "'channel'" in refused.stderr
    out = cli("load", "spend", str(path), "--db", str(cli_db), "--workspace", "Ads", "--set", "channel=Яндекс Директ")
    assert out.returncode == 0, out.stderr
    assert cli_figures(cli_db, "spend") == ({"Яндекс Директ": D("1500.50")}, {"Весна": D("1500.50")})


def test_set_refuses_an_unknown_field_and_an_empty_value_drops_the_proposal(cli_db):
    path = CORPUS / "vk_ads.csv"
    out = cli("load", "spend", str(path), "--db", str(cli_db), "--workspace", "Ads", "--set", "chanel=VK")
    assert out.returncode != 0 and "chanel" in out.stderr
    out = cli("load", "spend", str(path), "--db", str(cli_db), "--workspace", "Ads", "--set", "channel=")
    assert out.returncode == 3 and "'channel'" in out.stderr  # no channel now: required, so refused
    out = cli("load", "spend", str(path), "--db", str(cli_db), "--workspace", "Ads", "--set", "novalue")
    assert out.returncode != 0 and "expected FIELD=VALUE" in out.stderr
