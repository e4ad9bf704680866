"""A budget with one column per channel is checked with the money expression planned once
(funnel.ingest.budget): ``money_sql`` is ~14 000 characters, and inlined once per column and
query it made a 5-channel file take seconds to plan."""

from __future__ import annotations

from decimal import Decimal as D

import funnel.ingest.budget as budget
from tests.ingest.helpers import inspect_file, load_file, write

CHANNELS = [f"Канал {k}" for k in range(1, 13)]


def body() -> str:
    """12 channels, a total by its figures (decimal comma, NBSP thousands), a blank cell, a note."""
    head = "Месяц;" + ";".join(CHANNELS) + ";Сводно;Примечание\n"
    rows = []
    for month, base in (("2025-01", 1000), ("2025-02", 2000), ("2025-03", 500)):
        cells = [D(base + k) + D("0.25") for k in range(12)]
        cells[3] = None if month == "2025-02" else cells[3]  # a month without that channel
        total = sum(c for c in cells if c is not None)
        text = [("" if c is None else f"{c:,}".replace(",", "\u00a0").replace(".", ",")) for c in cells]
        rows.append(f"{month};" + ";".join(text) + f";{str(total).replace('.', ',')};заметка\n")
    return head + "".join(rows)


def test_many_channel_columns_plan_the_money_expression_once(store, ws, tmp_path, monkeypatch):
    calls = []
    real = budget.money_sql
    monkeypatch.setattr(budget, "money_sql", lambda col: calls.append(col) or real(col))
    path = write(tmp_path, "budget.csv", body())
    info = inspect_file(store, ws, path, "spend")
    assert list(info.wide_columns.values()) == CHANNELS
    assert info.wide_totals == ["Сводно"]
    assert len(calls) == 1  # was 13 × 14 + 13: once per column in each query
    with store.cursor() as cur:  # the scratch table is gone
        assert not cur.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'ingest_wide_money'").fetchall()


def test_many_channel_columns_load_their_figures(store, ws, tmp_path):
    path = write(tmp_path, "budget.csv", body())
    result = load_file(store, ws, path, "spend")
    # February's blank cell of «Канал 4» is no spend that month (tests/ingest/test_wide_blanks.py):
    # the month's other eleven channels load, nothing is rejected
    assert result.rejected == 0
    assert ("ingest.warn.wide_blank", {"cells": 1, "rows": 1, "first": "3"}) in result.warning_keys
    with store.cursor() as cur:
        got = dict(
            cur.execute("SELECT channel, sum(amount) FROM stg_spend WHERE workspace_id = ? GROUP BY 1", [ws]).fetchall()
        )
    # by hand: channel k (0-based) has 1000+k + 2000+k + 500+k, +0.25 each; «Канал 4» (k = 3) no February
    want = {c: D(3500 + 3 * k) + D("0.75") for k, c in enumerate(CHANNELS)}
    want["Канал 4"] = D(1500 + 2 * 3) + D("0.50")
    assert got == want


def test_a_column_equal_to_one_other_is_no_total_and_no_sql_error(store, ws, tmp_path):
    """A = B + C and B = C on every row: A is the total; B then equals C alone, which is no total
    (the check once built ``… = )`` for the last column and stopped the upload with a SQL error)."""
    path = write(tmp_path, "abc.csv", "Месяц;Все;Яндекс;VK\n2025-01;20;10;10\n2025-02;40;20;20\n")
    info = inspect_file(store, ws, path, "spend")
    assert info.wide_totals == ["Все"]
    assert list(info.wide_columns.values()) == ["Яндекс", "VK"]
