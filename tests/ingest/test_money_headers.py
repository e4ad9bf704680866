"""A money column is found when its header carries a currency: ``Бюджет ₽`` maps like ``Бюджет``."""

from __future__ import annotations

import pytest

from funnel.filters import Filters
from funnel.ingest.names import bare
from funnel.ingest.presets import propose_mapping
from funnel.metrics import overview
from tests.ingest.helpers import inspect_file, load_file, write

# The other columns of a small file of each kind; the money header under test is added to them.
OTHERS = {"deals": ["ID", "Этап"], "spend": ["Канал", "Месяц"], "leads": ["ID", "Дата создания", "Источник"]}
FIELD = {"deals": "amount", "spend": "amount", "leads": "cost"}


@pytest.mark.parametrize(
    "kind, header",
    [
        pytest.param("deals", "Бюджет ₽", id="deals-Бюджет ₽"),
        pytest.param("deals", "Бюджет₽", id="deals-Бюджет₽ (no space)"),
        pytest.param("deals", "Сумма, руб.", id="deals-Сумма, руб."),
        pytest.param("deals", "Сумма (р.)", id="deals-Сумма (р.)"),
        pytest.param("deals", "Amount (USD)", id="deals-Amount (USD)"),
        pytest.param("deals", "Amount $", id="deals-Amount $"),
        pytest.param("deals", "Стоимость, ₽", id="deals-Стоимость, ₽"),
        pytest.param("deals", "Cost (RUB)", id="deals-Cost (RUB)"),
        pytest.param("deals", "Value, EUR", id="deals-Value, EUR"),
        pytest.param("deals", "Выручка €", id="deals-Выручка €"),
        pytest.param("spend", "Расход, руб", id="spend-Расход, руб"),
        pytest.param("spend", "Расход, руб.", id="spend-Расход, руб."),
        pytest.param("spend", "Бюджет ₽", id="spend-Бюджет ₽"),
        pytest.param("spend", "Amount (USD)", id="spend-Amount (USD)"),
        pytest.param("spend", "Cost (RUB)", id="spend-Cost (RUB)"),
        pytest.param("spend", "Spend, €", id="spend-Spend, €"),
        pytest.param("leads", "Стоимость, ₽", id="leads-Стоимость, ₽"),
        pytest.param("leads", "Cost (RUB)", id="leads-Cost (RUB)"),
        pytest.param("leads", "Стоимость лида, руб.", id="leads-Стоимость лида, руб."),
        pytest.param("leads", "CPL (USD)", id="leads-CPL (USD)"),
    ],
)
def test_a_money_header_with_its_currency_maps_like_its_bare_name(kind, header):
    mapping, how, _ = propose_mapping(OTHERS[kind] + [header], kind)
    assert mapping[FIELD[kind]] == header
    assert how[FIELD[kind]] == "synonym"


@pytest.mark.parametrize(
    "header, expected",
    [
        pytest.param("Бюджет ₽", "бюджет", id="sign"),
        pytest.param("Сумма, руб.", "сумма", id="comma-word-point"),
        pytest.param("Amount (USD)", "amount", id="brackets-code"),
        pytest.param("Сумма, ₽ руб", "сумма", id="two-marks"),
        pytest.param("Сумма, тыс. руб.", "сумма тыс", id="a scale stays"),
        pytest.param("Amount (net)", "amount net", id="other brackets stay"),
        pytest.param("₽", "", id="only a currency"),
        pytest.param("Рубрика", "рубрика", id="a word starting with руб"),
    ],
)
def test_bare_drops_only_currency_marks(header, expected):
    assert bare(header) == expected


@pytest.mark.parametrize(
    "columns, expected",
    [
        # thousands must not pass for the amount without the user's word
        pytest.param(["ID", "Этап", "Сумма, тыс. руб."], None, id="thousands-not-matched"),
        pytest.param(["ID", "Этап", "Бюджет ₽", "Бюджет"], "Бюджет", id="exact-name-wins"),
        # the currency mark is for money fields only: a date column keeps its own match rules
        pytest.param(["ID", "Этап", "Дата ₽"], None, id="not-a-money-field"),
    ],
)
def test_what_currency_matching_leaves_alone(columns, expected):
    mapping, _, _ = propose_mapping(columns, "deals")
    assert mapping["amount"] == expected
    assert mapping["created_at"] is None


def test_amocrm_deals_export_with_budget_in_roubles_is_the_preset(store, ws, tmp_path):
    """The amoCRM export names its budget column with the account's currency; it loads with
    the amounts, and revenue reads them (it used to read 0, with no warning)."""
    path = write(
        tmp_path,
        "amocrm_deals.csv",
        "ID;Название сделки;Бюджет ₽;Ответственный;Этап сделки;Дата создания;Дата закрытия;Источник\n"
        "1;Окна;150 000;Анна;Успешно реализовано;01.02.2025;03.02.2025;Яндекс\n"
        "2;Двери;50 000,50;Анна;Успешно реализовано;01.02.2025;04.02.2025;Яндекс\n",
    )
    info = inspect_file(store, ws, path, "deals")
    assert info.crm == "amoCRM — deals"
    assert info.mapping["amount"] == "Бюджет ₽"
    assert info.mapping_source["amount"] == "preset"
    load_file(store, ws, path, "deals")
    with store.cursor() as cur:
        record = overview.overview_record(cur, filters=Filters(ws), attribution="period")
    assert record["revenue"] == 200000.5
    assert record["won"] == 2
