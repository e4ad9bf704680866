"""Real exports from ../shared/datasets (facts in each SOURCE.md) and the CRM presets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import DATASETS, needs_shared
from tests.ingest.helpers import inspect_file, load_file, write

OLIST = DATASETS / "olist_funnel"
MAVEN = DATASETS / "crm_sales_opportunities" / "sales_pipeline.csv"


@needs_shared(OLIST)
def test_olist_leads_and_won_deals(store, ws):
    leads = load_file(store, ws, OLIST / "olist_marketing_qualified_leads_dataset.csv", "leads")
    deals = load_file(store, ws, OLIST / "olist_closed_deals_dataset.csv", "deals")
    assert (leads.added, leads.rejected, deals.added, deals.rejected) == (8000, 0, 842, 0)
    assert not any("lead ids not found" in w for w in deals.warnings)  # SOURCE.md fact 2
    with store.cursor() as cur:
        by_channel = dict(cur.execute("SELECT channel, count(*) FROM stg_leads GROUP BY 1").fetchall())
        won = dict(
            cur.execute(
                "SELECT l.channel, count(*) FROM stg_deals d JOIN stg_leads l USING (workspace_id, lead_id) "
                "WHERE d.status = 'won' GROUP BY 1"
            ).fetchall()
        )
        span = cur.execute(
            "SELECT min(closed_at)::DATE::VARCHAR, max(closed_at)::DATE::VARCHAR FROM stg_deals"
        ).fetchone()
    assert by_channel["organic_search"] == 2296 and by_channel["unknown"] == 1099 + 60  # blank origin → unknown
    assert won["organic_search"] == 271 and won["paid_search"] == 195 and sum(won.values()) == 842
    assert span == ("2017-12-05", "2018-11-14")


@needs_shared(MAVEN)
def test_maven_pipeline_as_deals(store, ws):
    info = inspect_file(store, ws, MAVEN, "deals")
    assert dict(zip(info.new_stages["stage"], info.new_stages["rows"], strict=True)) == {
        "Engaging": 1589,
        "Prospecting": 500,
    }
    assert info.auto_aliases == {"Won": "Deal done"}  # "Lost" is already a ladder stage
    result = load_file(store, ws, MAVEN, "deals")
    assert (result.added, result.rejected) == (8800, 0)
    with store.cursor() as cur:
        status = dict(cur.execute("SELECT status, count(*) FROM stg_deals GROUP BY 1").fetchall())
        won_sum = cur.execute("SELECT sum(amount) FROM stg_deals WHERE status = 'won'").fetchone()[0]
    assert status == {"won": 4238, "lost": 2473, "open": 2089}
    assert won_sum == Decimal("10005534.00")


@needs_shared(DATASETS / "robyn_mmm_weekly")
def test_robyn_wide_spend_one_column_per_channel(store, ws):
    path = DATASETS / "robyn_mmm_weekly" / "dt_simulated_weekly.csv"
    info = inspect_file(store, ws, path, "spend")
    assert set(info.wide_columns.values()) == {"tv", "ooh", "print", "search", "facebook"}
    load_file(store, ws, path, "spend")
    with store.cursor() as cur:
        total = dict(cur.execute("SELECT channel, sum(amount)::DOUBLE FROM stg_spend GROUP BY 1").fetchall())
    facts = {"tv": 3087487.77, "ooh": 8989331.73, "print": 775555.51, "search": 1230426.67, "facebook": 446296.83}
    # Each weekly amount is stored to the kopeck/cent, so 208 roundings may move a total by < 1.
    assert set(total) == set(facts) and all(abs(total[c] - facts[c]) < 1 for c in facts)


@needs_shared(DATASETS / "fb_ad_conversions")
def test_fb_ads_without_a_period_is_explained(store, ws):
    from funnel.errors import UploadError

    with pytest.raises(UploadError) as err:
        inspect_file(store, ws, DATASETS / "fb_ad_conversions" / "KAG_conversion_data.csv", "spend")
    assert "required fields 'channel, period'" in str(err.value) and "Spent" in str(err.value)


PRESETS = [
    (
        "amoCRM — deals",
        "deals",
        "ID;Название сделки;Бюджет;Ответственный;Этап сделки;Воронка;Дата создания;Дата закрытия;Причина отказа\n"
        "101;Поставка;150 000;Анна;Успешно реализовано;Продажи;01.03.2025 10:00;15.03.2025;\n",
        {
            "deal_id": "ID",
            "amount": "Бюджет",
            "stage": "Этап сделки",
            "owner": "Ответственный",
            "created_at": "Дата создания",
            "closed_at": "Дата закрытия",
            "lost_reason": "Причина отказа",
        },
    ),
    (
        "amoCRM — leads",
        "leads",
        "ID;Название сделки;Дата создания;Источник;Ответственный;Теги\n5;Заявка;01.03.2025;Яндекс;Анна;\n",
        {"lead_id": "ID", "created_at": "Дата создания", "channel": "Источник", "owner": "Ответственный"},
    ),
    (
        "Bitrix24 — deals",
        "deals",
        "ID;Название сделки;Стадия сделки;Сумма;Валюта;Дата создания;Ответственный;Источник\n"
        "7;Сделка;Сделка успешна;1 000,00;RUB;01.03.2025;Борис;Сайт\n",
        {
            "deal_id": "ID",
            "stage": "Стадия сделки",
            "amount": "Сумма",
            "created_at": "Дата создания",
            "owner": "Ответственный",
            "channel": "Источник",
        },
    ),
    (
        "Bitrix24 — leads",
        "leads",
        "ID;Название лида;Стадия;Источник;Дата создания;Ответственный\n8;Лид;Новый;Звонок;01.03.2025 09:00;Борис\n",
        {
            "lead_id": "ID",
            "status": "Стадия",
            "channel": "Источник",
            "created_at": "Дата создания",
            "owner": "Ответственный",
        },
    ),
    (
        "HubSpot — deals",
        "deals",
        "Record ID,Deal Name,Deal Stage,Amount,Create Date,Close Date,Deal owner,Pipeline\n"
        "9,Big,Closed Won,2500,2025-03-01 10:00,2025-03-20,Dana,Sales\n",
        {
            "deal_id": "Record ID",
            "stage": "Deal Stage",
            "amount": "Amount",
            "created_at": "Create Date",
            "closed_at": "Close Date",
            "owner": "Deal owner",
        },
    ),
    (
        "HubSpot — contacts",
        "leads",
        "Record ID,First Name,Last Name,Create Date,Original Source,Contact owner,Lifecycle Stage\n"
        "3,A,B,2025-03-01 10:00,Organic Search,Dana,lead\n",
        {
            "lead_id": "Record ID",
            "created_at": "Create Date",
            "channel": "Original Source",
            "owner": "Contact owner",
            "status": "Lifecycle Stage",
        },
    ),
    (
        "Pipedrive — deals",
        "deals",
        "Deal - ID,Deal - Title,Deal - Value,Deal - Stage,Deal - Status,Deal - Deal created,Deal - Lost reason\n"
        '11,T,"1,500",Proposal Made,lost,2025-03-01 10:00:00,Too expensive\n',
        {
            "deal_id": "Deal - ID",
            "amount": "Deal - Value",
            "stage": "Deal - Stage",
            "status": "Deal - Status",
            "created_at": "Deal - Deal created",
            "lost_reason": "Deal - Lost reason",
        },
    ),
    (
        "Pipedrive — leads",
        "leads",
        "Lead - ID,Lead - Title,Lead - Lead created,Lead - Source,Lead - Owner\n"
        "12,T,2025-03-01 10:00:00,Web forms,Eve\n",
        {
            "lead_id": "Lead - ID",
            "created_at": "Lead - Lead created",
            "channel": "Lead - Source",
            "owner": "Lead - Owner",
        },
    ),
]


@pytest.mark.parametrize("crm,kind,content,expected", PRESETS, ids=[p[0] for p in PRESETS])
def test_crm_exports_are_recognised(store, ws, tmp_path, crm, kind, content, expected):
    info = inspect_file(store, ws, write(tmp_path, "export.csv", content), kind)
    assert info.crm == crm
    assert {f: c for f, c in info.mapping.items() if c} == expected
    assert info.ready and not len(info.rejected)
    assert load_file(store, ws, write(tmp_path, "export.csv", content), kind).added == 1


def test_pipedrive_lost_status_wins_over_stage(store, ws, tmp_path):
    load_file(store, ws, write(tmp_path, "p.csv", PRESETS[6][2]), "deals")
    with store.cursor() as cur:
        assert cur.execute("SELECT status, amount FROM stg_deals").fetchone() == ("lost", Decimal("1500.00"))
