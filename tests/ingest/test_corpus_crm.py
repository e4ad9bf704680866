"""Real CRM export layouts (tests/corpus/crm, sources in its SOURCES.md) load without a hand
mapping, through the engine, the command line and the Data page, and give the figures each file
holds. The figures are counted by hand from the files:

- won / lost / open: deals by the status their stage or status column gives (a CRM's closing
  stage — «Успешно реализовано», «Closed Won», «Сделка провалена» … — counts as won or lost);
- revenue: Σ amount of the won deals; pipeline: Σ amount of the open ones;
- expected: open deals with an expected close date (a close date on an open deal is one);
- leads: rows of a leads (or contacts) export.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

import pytest

from funnel.db import Store
from funnel.workspace import create_workspace
from tests.conftest import ROOT
from tests.helpers.cli import run_cli
from tests.ingest.helpers import inspect_file, load_file

CORPUS = ROOT / "tests" / "corpus" / "crm"


@dataclass(frozen=True)
class Case:
    file: str
    kind: str
    crm: str
    won: int = 0
    lost: int = 0
    open: int = 0
    revenue: str = "0"
    pipeline: str = "0"
    expected: int = 0
    leads: int = 0
    channels: dict[str, int] = field(default_factory=dict)

    @property
    def figures(self) -> dict:
        if self.kind == "leads":
            return {"leads": self.leads, "channels": self.channels}
        return {
            "won": self.won,
            "lost": self.lost,
            "open": self.open,
            "revenue": Decimal(self.revenue),
            "pipeline": Decimal(self.pipeline),
            "expected": self.expected,
        }


CASES = [
    # 31001 150 000 + 31005 200 000 won; 31002 lost; 31003 120 000 + 31004 45 000 open, «не закрыта»
    Case("amocrm_deals_ru.csv", "deals", "amoCRM — deals", 2, 1, 2, "350000", "165000", 0),
    # 41001 90 000 won («Closed - won»); 41002 lost; 41003 60 000 + 41004 25 000 open, «not closed»
    Case("amocrm_deals_en.csv", "deals", "amoCRM (English) — deals", 1, 1, 2, "90000", "85000", 0),
    Case(
        "amocrm_contacts_ru.csv",
        "leads",
        "amoCRM — contacts",
        leads=5,
        channels={"Яндекс Директ": 2, "Сайт": 2, "Рекомендация": 1},
    ),
    Case(
        "amocrm_contacts_en.csv",
        "leads",
        "amoCRM (English) — contacts",
        leads=4,
        channels={"Website": 2, "Referral": 1, "Google Ads": 1},
    ),
    # 101 250 000 + 105 180 000 won; 102 lost; 103 130 000 + 104 70 000 open, both with an expected close
    Case("bitrix24_deals.csv", "deals", "Bitrix24 — deals", 2, 1, 2, "430000", "200000", 2),
    # «Экспорт в Excel» (HTML as .xls), «Дата завершения»: 201 310 000 won; 202 lost; 203 + 204 open
    Case("bitrix24_deals.xls", "deals", "Bitrix24 — deals", 1, 1, 2, "310000", "150000", 2),
    Case(
        "bitrix24_leads.csv",
        "leads",
        "Bitrix24 — leads",
        leads=6,
        channels={"Веб-сайт": 3, "Звонок": 2, "E-mail": 1},
    ),
    Case(
        "bitrix24_leads.xls",
        "leads",
        "Bitrix24 — leads",
        leads=3,
        channels={"Веб-сайт": 1, "Звонок": 1, "Выставка": 1},
    ),
    # 9001 12 000 + 9005 8 000 won; 9002 lost; 9003 20 000 + 9004 7 500 open, closing in 2027
    Case("hubspot_deals.csv", "deals", "HubSpot — deals", 2, 1, 2, "20000", "27500", 2),
    Case(
        "hubspot_contacts.csv",
        "leads",
        "HubSpot — contacts",
        leads=5,
        channels={"Paid search": 2, "Organic search": 1, "Direct traffic": 1, "Social media": 1},
    ),
    Case(
        "hubspot_contacts_2022.csv",
        "leads",
        "HubSpot — contacts",
        leads=3,
        channels={"Organic Search": 1, "Paid Search": 1, "Referrals": 1},
    ),
    # status column: 1 won 5 000, 2 lost, 3 7 000 + 4 2 500 open with Expected close date
    Case("pipedrive_deals.csv", "deals", "Pipedrive — deals", 1, 1, 2, "5000", "9500", 2),
    # 01 15 000 + 05 22 000 won; 02 lost; 03 30 000 + 04 12 500 open (Close Date = expected); footer skipped
    Case("salesforce_opportunities.csv", "deals", "Salesforce — opportunities", 2, 1, 2, "37000", "42500", 2),
    Case(
        "salesforce_leads.csv",
        "leads",
        "Salesforce — leads",
        leads=4,
        channels={"Web": 2, "Partner Referral": 1, "Trade Show": 1},
    ),
    # the same two reports with the default columns, no record id: keyed by the opportunity's
    # name and by the lead's e-mail; the same figures
    Case(
        "salesforce_opportunities_default_columns.csv",
        "deals",
        "Salesforce — opportunities",
        2,
        1,
        2,
        "37000",
        "42500",
        2,
    ),
    Case(
        "salesforce_leads_default_columns.csv",
        "leads",
        "Salesforce — leads",
        leads=4,
        channels={"Web": 2, "Partner Referral": 1, "Trade Show": 1},
    ),
]
IDS = [c.file for c in CASES]


def figures(cur, ws: str, kind: str) -> dict:
    """What the workspace holds, read from the staging views every metric reads."""
    if kind == "leads":
        rows = cur.execute("SELECT channel, count(*) FROM stg_leads WHERE workspace_id = ? GROUP BY 1", [ws]).fetchall()
        return {"leads": sum(n for _, n in rows), "channels": dict(rows)}
    won, lost, open_, revenue, pipeline, expected = cur.execute(
        "SELECT count(*) FILTER (WHERE status = 'won'), count(*) FILTER (WHERE status = 'lost'), "
        "count(*) FILTER (WHERE status = 'open'), coalesce(sum(amount) FILTER (WHERE status = 'won'), 0), "
        "coalesce(sum(amount) FILTER (WHERE status = 'open'), 0), count(expected_close_at) "
        "FROM stg_deals WHERE workspace_id = ?",
        [ws],
    ).fetchone()
    return {
        "won": won,
        "lost": lost,
        "open": open_,
        "revenue": Decimal(revenue),
        "pipeline": Decimal(pipeline),
        "expected": expected,
    }


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_engine_loads_each_export_without_a_mapping(store, ws, case):
    path = CORPUS / case.file
    info = inspect_file(store, ws, path, case.kind)
    assert info.crm == case.crm
    assert info.rejected.empty, info.rejected[["row", "column", "reason"]].to_dict("records")
    assert info.ready and not info.ambiguous_dates
    result = load_file(store, ws, path, case.kind)
    assert result.rejected == 0
    with store.cursor() as cur:
        assert figures(cur, ws, case.kind) == case.figures


def test_open_deals_keep_their_expected_close_and_closed_ones_their_close(store, ws):
    """HubSpot's Close Date of an open deal lies ahead: kept as the expected close, not rejected
    as a date in the future, and never a close; a won deal's Close Date is its close."""
    info = inspect_file(store, ws, CORPUS / "hubspot_deals.csv", "deals")
    assert (
        "2 deals have a date still ahead in 'Close Date': an open deal's is when it is expected to close, "
        "used by the forecast, never as a close"
    ) in info.warnings
    load_file(store, ws, CORPUS / "hubspot_deals.csv", "deals")
    with store.cursor() as cur:
        got = cur.execute(
            "SELECT deal_id, status, closed_at, expected_close_at FROM stg_deals WHERE workspace_id = ? ORDER BY 1",
            [ws],
        ).fetchall()
    assert got == [
        ("9001", "won", datetime(2026, 2, 10, 12, 0), None),
        ("9002", "lost", datetime(2026, 2, 20, 16, 30), None),
        ("9003", "open", None, datetime(2027, 1, 15)),
        ("9004", "open", None, datetime(2027, 2, 28)),
        ("9005", "won", datetime(2026, 3, 5, 11, 0), None),
    ]


def test_amocrm_not_closed_is_an_empty_date_not_a_bad_one(store, ws):
    load_file(store, ws, CORPUS / "amocrm_deals_ru.csv", "deals")
    with store.cursor() as cur:
        got = cur.execute(
            "SELECT deal_id, closed_at, expected_close_at FROM deals_raw WHERE workspace_id = ? ORDER BY 1", [ws]
        ).fetchall()
    assert got == [
        ("31001", datetime(2026, 2, 20, 12, 0), None),
        ("31002", datetime(2026, 2, 25, 17, 45), None),
        ("31003", None, None),
        ("31004", None, None),
        ("31005", datetime(2026, 3, 13, 10, 0), None),
    ]


def test_bitrix24_revenue_is_dated_by_its_close_not_its_creation(store, ws):
    """Won 101 was created 12 Jan and closed 28 Jan; 105 created 16 Feb, closed 16 Mar: revenue
    falls in January (250 000) and March (180 000), none in February."""
    load_file(store, ws, CORPUS / "bitrix24_deals.csv", "deals")
    with store.cursor() as cur:
        got = cur.execute(
            "SELECT CAST(date_trunc('month', closed_at) AS DATE), sum(amount) FROM stg_deals "
            "WHERE workspace_id = ? AND status = 'won' GROUP BY 1 ORDER BY 1",
            [ws],
        ).fetchall()
    assert [(d.isoformat(), Decimal(a)) for d, a in got] == [
        ("2026-01-01", Decimal("250000")),
        ("2026-03-01", Decimal("180000")),
    ]


def test_pipedrive_lost_time_closes_a_lost_deal_and_expected_close_is_its_own_column(store, ws):
    load_file(store, ws, CORPUS / "pipedrive_deals.csv", "deals")
    with store.cursor() as cur:
        got = cur.execute(
            "SELECT deal_id, status, closed_at, expected_close_at, lost_reason FROM stg_deals "
            "WHERE workspace_id = ? ORDER BY 1",
            [ws],
        ).fetchall()
    assert got == [
        ("1", "won", datetime(2026, 2, 12, 16, 0), None, None),
        ("2", "lost", datetime(2026, 2, 3, 11, 0), None, "Too expensive"),
        ("3", "open", None, datetime(2027, 1, 20), None),
        ("4", "open", None, datetime(2027, 3, 10), None),
    ]


def test_salesforce_footer_is_skipped_and_said(store, ws):
    info = inspect_file(store, ws, CORPUS / "salesforce_opportunities.csv", "deals")
    assert info.rows_in == 5
    assert info.warnings[0] == (
        "the file ends with 4 lines of report totals and notices (first: 'Grand Totals (5 records)'): "
        "not records, skipped"
    )


def test_the_weighted_forecast_dates_open_deals_by_their_expected_close(store, ws):
    """HubSpot's open deals, their stages mapped onto the ladder: 9003 (20 000, «Contract sent» →
    Contract negotiation, 80 %) expected in January 2027 weighs 16 000; 9004 (7 500,
    «Appointment scheduled» → Initial interest, 5 %) in February 2027 weighs 375."""
    from datetime import date

    from funnel.baseline import baseline
    from funnel.filters import Filters
    from funnel.ladder import set_alias
    from funnel.model.pipeline import OpenMonth, by_close_month
    from tests.ingest.helpers import ADMIN

    load_file(store, ws, CORPUS / "hubspot_deals.csv", "deals")
    with store.transaction() as cur:
        set_alias(cur, ws, "Contract sent", "Contract negotiation", actor=ADMIN)
        set_alias(cur, ws, "Appointment scheduled", "Initial interest", actor=ADMIN)
    with store.cursor() as cur:
        months = baseline(cur, Filters(ws)).open_months
    assert months == (
        OpenMonth(date(2027, 1, 1), 1, 20000.0, 16000.0),
        OpenMonth(date(2027, 2, 1), 1, 7500.0, 375.0),
    )
    rows = by_close_month(list(months) + [OpenMonth(None, 2, 100.0, 5.0)], today=date(2027, 2, 10))
    assert [(r["month"], r["overdue"]) for r in rows] == [
        (date(2027, 1, 1), True),  # still open past its expected close
        (date(2027, 2, 1), False),
        (None, False),  # undated open deals come last
    ]


def test_an_amocrm_export_whose_days_are_all_12_or_less_is_read_day_first(store, ws, tmp_path):
    """amoCRM writes dd-mm-yyyy: 01-02-2026 is 1 February. A file no day of which is above 12
    would be asked about; recognised as amoCRM, it is read day-first and says why."""
    import csv

    with open(CORPUS / "amocrm_deals_ru.csv", encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    record = dict.fromkeys(header, "")
    record.update(
        {
            "ID": "1",
            "Бюджет": "100",
            "Дата создания сделки": "01-02-2026 10:00:00",
            "Дата закрытия": "05-03-2026 10:00:00",
            "Этап сделки": "Успешно реализовано",
        }
    )
    path = tmp_path / "amo_early.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, list(record.values())])
    info = inspect_file(store, ws, path, "deals")
    assert info.crm == "amoCRM — deals" and not info.ambiguous_dates
    assert info.date_formats["created_at"] == (
        "%d-%m-%Y",
        "no number is above 12, and 'amoCRM — deals' exports write the day first",
    )
    assert info.preview["created_at"].iloc[0] == datetime(2026, 2, 1, 10, 0)
    assert info.preview["closed_at"].iloc[0] == datetime(2026, 3, 5, 10, 0)


@pytest.mark.parametrize("caption", ["Бюджет, руб.", "Бюджет ₽", "Бюджет (RUB)"])
def test_a_caption_with_its_currency_is_still_the_preset_s(store, ws, tmp_path, caption):
    text = (CORPUS / "amocrm_deals_ru.csv").read_text(encoding="utf-8-sig")
    path = tmp_path / "amo_rub.csv"
    path.write_text(text.replace('"Бюджет"', f'"{caption}"', 1), encoding="utf-8")
    info = inspect_file(store, ws, path, "deals")
    assert info.crm == "amoCRM — deals"
    assert (info.mapping["amount"], info.mapping_source["amount"]) == (caption, "preset")


@pytest.mark.parametrize(
    "file, caption, other_version, field, crm",
    [
        ("amocrm_deals_ru.csv", "Дата создания сделки", "Дата создания", "created_at", "amoCRM — deals"),
        ("amocrm_contacts_ru.csv", "Дата создания контакта", "Дата создания", "created_at", "amoCRM — contacts"),
        ("bitrix24_deals.csv", "Предполагаемая дата закрытия", "Дата завершения", "closed_at", "Bitrix24 — deals"),
        ("bitrix24_leads.csv", "Стадия", "Статус", "status", "Bitrix24 — leads"),
        ("hubspot_contacts.csv", "Original Traffic Source", "Original Source", "channel", "HubSpot — contacts"),
    ],
    ids=["amo-deal-created", "amo-contact-created", "bitrix-closedate", "bitrix-lead-status", "hubspot-source"],
)
def test_each_version_s_caption_maps_the_same_field(store, ws, tmp_path, file, caption, other_version, field, crm):
    encoding = "cp1251" if file.startswith("bitrix24") else "utf-8-sig"
    text = (CORPUS / file).read_text(encoding=encoding)
    path = tmp_path / file
    path.write_text(text.replace(f'"{caption}"', f'"{other_version}"', 1), encoding=encoding)
    kind = "deals" if "deals" in file else "leads"
    info = inspect_file(store, ws, path, kind)
    assert info.crm == crm
    assert (info.mapping[field], info.mapping_source[field]) == (other_version, "preset")
    assert info.rejected.empty


def test_a_no_date_text_is_blank_in_any_file_whose_sample_shows_it(store, ws, tmp_path):
    path = tmp_path / "deals.csv"
    path.write_text("deal_id,stage,closed\nD1,Won,2026-02-01\nD2,Lost,не закрыта\nD3,Won,N/A\n", encoding="utf-8")
    info = inspect_file(store, ws, path, "deals")
    assert info.rejected.empty
    assert [None if v != v else v for v in info.preview["closed_at"]] == [datetime(2026, 2, 1), None, None]


def test_an_amocrm_open_deal_past_the_sampled_rows_is_still_not_closed(store, ws, tmp_path):
    """Dates are sampled from the first 1 000 cells; a recognised export's close dates take
    «не закрыта» in any row."""
    import csv

    with open(CORPUS / "amocrm_deals_ru.csv", encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    records = []
    for i in range(1, 1102):
        record = dict.fromkeys(header, "")
        record.update(
            {
                "ID": str(i),
                "Бюджет": "100",
                "Дата создания сделки": "15-01-2026 10:00:00",
                "Дата закрытия": "не закрыта" if i == 1101 else "20-01-2026 10:00:00",
                "Этап сделки": "Переговоры" if i == 1101 else "Успешно реализовано",
            }
        )
        records.append(list(record.values()))
    path = tmp_path / "amo_long.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *records])
    result = load_file(store, ws, path, "deals")
    assert (result.added, result.rejected) == (1101, 0)
    with store.cursor() as cur:
        assert figures(cur, ws, "deals")["open"] == 1


# ---- the command line ---------------------------------------------------------------------------


def _cli(*args):
    return run_cli(*args)  # in this process: what it prints and returns (tests/helpers/cli.py)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_cli_loads_each_export_and_reports_its_figures(tmp_path, case):
    db = tmp_path / "cli.duckdb"
    store = Store(db)
    with store.transaction() as cur:
        create_workspace(cur, "Corpus")
    store.close()
    out = _cli("load", case.kind, str(CORPUS / case.file), "--db", str(db), "--workspace", "Corpus")
    assert out.returncode == 0, out.stderr
    assert f"recognised {case.crm} export" in out.stdout
    assert ", rejected 0" in out.stdout
    report = _cli("report", "overview", "--db", str(db), "--workspace", "Corpus", "--format", "json")
    assert report.returncode == 0, report.stderr
    got = json.loads(report.stdout, parse_float=Decimal)
    if case.kind == "leads":
        assert got["leads"] == case.leads
    else:
        assert (got["won"], got["lost"], got["open"]) == (case.won, case.lost, case.open)
        assert Decimal(got["revenue"]) == Decimal(case.revenue)
        assert Decimal(got["pipeline"]) == Decimal(case.pipeline)


# ---- the Data page ------------------------------------------------------------------------------


@pytest.mark.usefixtures("demo_app_db")  # the app's first store use would install the demo: a copy of it
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_data_page_recognises_each_export_and_loads_its_figures(app_db, case):
    import ui
    from tests.dataui.helpers import at_page, new_app, own_workspace, texts
    from ui import state

    at = new_app()
    ws = own_workspace(at)
    at_page(at, "pages/data.py", "en")
    at.radio(key=state.DATA_KIND).set_value(case.kind).run()
    mime = "application/vnd.ms-excel" if case.file.endswith(".xls") else "text/csv"
    at.file_uploader(key=state.DATA_FILE).upload(case.file, (CORPUS / case.file).read_bytes(), mime).run()
    assert not at.exception, at.exception
    assert not at.error, texts(at.error)
    assert f"Recognised an export from {case.crm}: columns are mapped by its template." in texts(at.caption)
    at.button(key=state.DATA_LOAD).click().run()
    assert not at.exception, at.exception
    assert texts(at.success)[0].endswith("rejected: 0."), texts(at.success)
    with ui.get_store().cursor() as cur:
        assert figures(cur, ws, case.kind) == case.figures
