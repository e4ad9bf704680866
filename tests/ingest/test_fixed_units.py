"""A fixed value for a field the file lacks (funnel.ingest.fixed), money in micros or cents,
spend captions with a currency, and budgets with one column per channel (funnel.ingest.budget).
Figures worked out by hand from each tiny file."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import pytest

from funnel.ingest import Fixed
from tests.ingest.helpers import inspect_file, load_file, rejects, write


def spend(store, ws) -> list[tuple]:
    with store.cursor() as cur:
        return cur.execute(
            "SELECT channel, period, period_end, campaign, amount FROM stg_spend WHERE workspace_id = ? ORDER BY ALL",
            [ws],
        ).fetchall()


# ---- fixed values -------------------------------------------------------------------------------


def test_a_fixed_channel_is_stored_as_if_the_file_had_that_column(store, ws, tmp_path):
    path = write(tmp_path, "leads.csv", "ID;Дата\nL1;01.03.2025\nL2;02.03.2025\n")
    info = inspect_file(store, ws, path, "leads", mapping={"channel": Fixed("Сайт")})
    assert info.fixed == {"channel": "Сайт"} and info.mapping["channel"] is None
    assert info.mapping_source["channel"] == "fixed"
    assert "the file has no column for channel: every row (2) gets “Сайт”" in info.warnings
    assert not any("channel" in w and "blank" in w for w in info.warnings)  # not "leads without a channel"
    result = load_file(store, ws, path, "leads", mapping={"channel": Fixed("Сайт")})
    with store.cursor() as cur:
        got = cur.execute("SELECT lead_id, channel FROM stg_leads WHERE workspace_id = ? ORDER BY 1", [ws]).fetchall()
        details = json.loads(cur.execute("SELECT details FROM uploads WHERE id = ?", [result.upload_id]).fetchone()[0])
    assert got == [("L1", "Сайт"), ("L2", "Сайт")]
    assert details["fixed"] == {"channel": "Сайт"}


def test_a_fixed_period_is_typed_like_a_cell(store, ws, tmp_path):
    """A campaign report for one month without a date column: --set period=2025-03."""
    path = write(tmp_path, "month.csv", "Канал;Кампания;Расход\nЯндекс;Весна;3 100\nЯндекс;Осень;900\n")
    load_file(store, ws, path, "spend", mapping={"period": Fixed("2025-03")})
    assert spend(store, ws) == [
        ("Яндекс", date(2025, 3, 1), date(2025, 3, 31), "Весна", D("3100.00")),
        ("Яндекс", date(2025, 3, 1), date(2025, 3, 31), "Осень", D("900.00")),
    ]


def test_a_bad_fixed_value_is_reported_under_its_own_name(store, ws, tmp_path):
    path = write(tmp_path, "month.csv", "Канал;Расход\nЯндекс;3 100\n")
    info = inspect_file(store, ws, path, "spend", mapping={"period": Fixed("мартобря")})
    assert [(row, col) for row, col, _ in rejects(info)] == [(2, "period=мартобря")]


def test_a_blank_line_stays_blank_beside_a_fixed_value(store, ws, tmp_path):
    """The fast path flags records whose cells are all blank; a fixed value fills every record
    and must not make an empty line a row (which would be rejected for its missing date)."""
    path = write(tmp_path, "costs.csv", "Дата,Кампания,Расход\n2025-03-01,A,100\n,,\n2025-03-02,A,50\n")
    result = load_file(store, ws, path, "spend", mapping={"channel": Fixed("VK")})
    assert (result.added, result.rejected) == (2, 0)
    assert [r[4] for r in spend(store, ws)] == [D("100.00"), D("50.00")]


@pytest.mark.parametrize(
    ("mapping", "channel"),
    [
        pytest.param({"channel": "Кампания"}, "Лид-формы", id="a-column-replaces-the-proposal"),
        pytest.param({"channel": Fixed("  VK  ")}, "VK", id="a-value-replaces-the-proposal"),
    ],
)
def test_the_users_choice_replaces_the_platforms_channel(store, ws, mapping, channel):
    from tests.ingest.test_corpus_ads import CORPUS

    info = inspect_file(store, ws, CORPUS / "vk_ads.csv", "spend", mapping=mapping)
    assert info.preview["channel"].iloc[0] == channel
    assert info.fixed == ({} if channel == "Лид-формы" else {"channel": "VK"})


# ---- money units --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("caption", "cell", "unit", "stored"),
    [
        pytest.param("cost_micros", "1234565000", "micros", D("1234.57"), id="micros-half-up"),
        pytest.param("Cost (micros)", "-2000000", "micros", D("-2.00"), id="micros-negative"),
        pytest.param("spend_micros", "7", "micros", D("0.00"), id="micros-below-a-kopeck"),
        pytest.param("amount_cents", "12345", "cents", D("123.45"), id="cents"),
        pytest.param("Сумма, коп.", "1 000", "cents", None, id="cents-with-a-space-is-not-whole"),
        pytest.param("Сумма, копейки", "99", "cents", D("0.99"), id="копейки"),
        pytest.param("Cost", "1500000", None, D("1500000.00"), id="no-unit-in-the-caption"),
    ],
)
def test_money_in_smaller_units_is_converted_and_said(store, ws, tmp_path, caption, cell, unit, stored):
    path = write(tmp_path, "s.csv", f'Канал;Дата;"{caption}"\nA;2025-03-01;{cell}\n')
    info = inspect_file(store, ws, path, "spend", mapping={"amount": caption})
    assert info.units == ({"amount": unit} if unit else {})
    if unit == "micros":
        assert f"“{caption}” is in millionths of the currency (micros): amounts divided by 1,000,000" in info.warnings
    if stored is None:  # not a whole number of the unit: rejected, never read as roubles
        assert [(r, c) for r, c, _ in rejects(info)] == [(2, caption)]
        assert "(cents)" in info.rejected["value"].iloc[0]
    elif stored < 0:
        assert info.rejected["code"].tolist() == ["negative"]
    else:
        assert info.preview["amount"].tolist() == [stored]


def test_yandex_api_cost_with_a_fraction_is_not_micros(store, ws, tmp_path):
    """returnMoneyInMicros: false writes 1250.50: the same caption, already in roubles."""
    body = "Date\tCampaignName\tCost\n2025-03-01\tA\t{}\n2025-03-02\tA\t{}\n"
    micros = inspect_file(store, ws, write(tmp_path, "a.tsv", body.format("1000000", "2500000")), "spend")
    rub = inspect_file(store, ws, write(tmp_path, "b.tsv", body.format("1000", "2500.5")), "spend")
    assert micros.units == {"amount": "micros"} and micros.preview["amount"].tolist() == [D("1.00"), D("2.50")]
    assert rub.units == {} and rub.preview["amount"].tolist() == [D("1000.00"), D("2500.50")]


# ---- captions with a currency -------------------------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "Расход, ₽",
        "Cost (USD)",
        "Amount spent (RUB)",
        "Расходы, руб.",
        "Spend EUR",
        "Потрачено, ₽",
        "Сумма затрат (RUB)",
    ],
)
def test_a_spend_caption_with_its_currency_maps_to_the_amount(store, ws, tmp_path, caption):
    path = write(tmp_path, "s.csv", f'Канал;Дата;"{caption}"\nЯндекс;2025-03-01;1 200,50\n')
    info = inspect_file(store, ws, path, "spend")
    assert info.mapping["amount"] == caption
    assert info.preview["amount"].tolist() == [D("1200.50")]


# ---- one column per channel ---------------------------------------------------------------------


def wide(store, ws, tmp_path, body: str):
    """(channel columns, total columns); a file that is no budget by channel and has no channel
    column is refused for its missing channel: ({}, [])."""
    from funnel.errors import UploadError

    path = write(tmp_path, "budget.csv", body)
    try:
        info = inspect_file(store, ws, path, "spend")
    except UploadError as exc:
        assert exc.code == "missing_required" and "'channel, amount'" in str(exc)
        return {}, []
    return info.wide_columns, info.wide_totals


@pytest.mark.parametrize(
    ("body", "channels", "totals"),
    [
        pytest.param(
            "Месяц;Яндекс;VK;Всего\n2025-01;100;50;150\n2025-02;80;20;100\n",
            ["Яндекс", "VK"],
            ["Всего"],
            id="total-by-its-caption",
        ),
        pytest.param(
            "Месяц;Яндекс;VK;Авито;Сумма по каналам\n2025-01;100;50;10;160\n2025-02;80;20;5;105\n",
            ["Яндекс", "VK", "Авито"],
            ["Сумма по каналам"],
            id="total-by-its-caption-сумма",
        ),
        pytest.param(
            "Месяц;Яндекс;VK;Авито;Сводно\n2025-01;100;50;10;160\n2025-02;80;20;5;105\n",
            ["Яндекс", "VK", "Авито"],
            ["Сводно"],
            id="total-by-its-sums",
        ),
        pytest.param(
            "Месяц;Яндекс;VK;Авито\n2025-01;100;60;40\n",
            ["Яндекс", "VK", "Авито"],
            [],
            id="one-month-that-happens-to-add-up-is-not-a-total",
        ),
        pytest.param(
            "Месяц;Яндекс;VK;Лиды;Примечание\n2025-01;100;30;12;зима\n2025-02;80;20;9;\n",
            ["Яндекс", "VK"],
            [],
            id="leads-and-text-are-not-channels",
        ),
        pytest.param(
            "Дата;Источник трафика;Сумма расходов\n2025-01-06;Яндекс;100\n2025-01-07;VK;50\n",
            [],
            [],
            id="an-unrecognised-channel-column-is-not-a-budget",
        ),
        pytest.param(
            "DATE;tv_S;search_S;revenue;events\n2025-01-06;100;50;9000;1\n",
            ["tv", "search"],
            [],
            id="spend-words-name-the-channels-when-any-column-has-one",
        ),
        pytest.param(
            "Месяц;Расход Яндекс;Расход VK;Итого расход\n2025-01;100;50;150\n",
            ["Яндекс", "VK"],
            ["Итого расход"],
            id="spend-word-first",
        ),
    ],
)
def test_wide_budget_channels_and_totals(store, ws, tmp_path, body, channels, totals):
    columns, left_out = wide(store, ws, tmp_path, body)
    assert list(columns.values()) == channels
    assert left_out == totals


def test_a_total_column_does_not_double_the_spend(store, ws, tmp_path):
    path = write(tmp_path, "budget.csv", "Месяц;Яндекс;VK;Итого\n2025-01;100;50;150\n2025-02;80;20;100\n")
    result = load_file(store, ws, path, "spend")
    assert any("total columns are not loaded" in w and "Итого" in w for w in result.warnings)
    with store.cursor() as cur:
        got = cur.execute(
            "SELECT channel, sum(amount) FROM stg_spend WHERE workspace_id = ? GROUP BY 1 ORDER BY 1", [ws]
        )
        assert got.fetchall() == [("VK", D("70.00")), ("Яндекс", D("180.00"))]  # 250 in all, not 500


@pytest.mark.parametrize(
    ("existing", "proposed"),
    [
        pytest.param(["Yandex Direct", "Yandex Direct", "SEO"], "Yandex Direct", id="the-workspaces-spelling"),
        pytest.param(["Яндекс.Директ"], "Яндекс.Директ", id="with-a-dot"),
        pytest.param(["Direct", "SEO"], "Яндекс Директ", id="direct-visits-are-not-yandex-direct"),
        pytest.param([], "Яндекс Директ", id="an-empty-workspace"),
    ],
)
def test_the_proposed_channel_takes_the_workspaces_own_spelling(store, ws, tmp_path, existing, proposed):
    """Spend and leads meet in one channel only if it is spelled the same: a platform's export
    proposes the spelling the workspace's leads already use."""
    from tests.ingest.test_corpus_ads import CORPUS

    if existing:
        body = "ID;Дата;Источник\n" + "".join(f"L{i};01.02.2025;{ch}\n" for i, ch in enumerate(existing))
        load_file(store, ws, write(tmp_path, "leads.csv", body), "leads")
    info = inspect_file(store, ws, CORPUS / "yandex_direct_api.tsv", "spend")
    assert info.fixed == {"channel": proposed}
