"""A deals file with no amount column loads, and says that revenue and the average deal size will
be empty: in the preview (inspect), in the load's result (both load paths) and on the CLI."""

from __future__ import annotations

import pandas as pd
import pytest

from funnel.i18n import t
from tests.conftest import with_demo
from tests.ingest.helpers import inspect_file, load_file, write
from tests.ingest.test_cli import run

NO_AMOUNT = "ID;Этап;Дата создания\nD1;Переговоры с ЛПР;15.01.2025\nD2;Переговоры с ЛПР;16.01.2025\n"
WITH_AMOUNT = "ID;Этап;Сумма;Дата создания\nD1;Переговоры с ЛПР;1000;15.01.2025\n"
KEY = "ingest.warn.no_amount"


@pytest.mark.parametrize(
    "lang, words",
    [
        pytest.param("ru", ("нет столбца с суммой сделки", "оборот и средний чек", "«Сумма»"), id="ru"),
        pytest.param("en", ("no deal amount column", "turnover and the average deal size", "'Amount'"), id="en"),
    ],
)
def test_the_preview_warns_in_the_users_language(store, ws, tmp_path, lang, words):
    info = inspect_file(store, ws, write(tmp_path, "deals.csv", NO_AMOUNT), "deals")
    assert (KEY, {}) in info.warning_keys
    text = t(KEY, lang)
    assert all(w in text for w in words), text


def _xlsx(tmp_path, text: str):
    rows = [line.split(";") for line in text.strip().splitlines()]
    path = tmp_path / "deals.xlsx"
    pd.DataFrame(rows[1:], columns=rows[0]).to_excel(path, index=False)
    return path


@pytest.mark.parametrize(
    "make_file, rejected",
    [
        pytest.param(lambda p: write(p, "deals.csv", NO_AMOUNT), 0, id="csv-fast-path"),
        pytest.param(
            lambda p: write(p, "deals.csv", NO_AMOUNT + "D3;Переговоры с ЛПР;не дата\n"), 1, id="csv-full-check"
        ),
        pytest.param(lambda p: _xlsx(p, NO_AMOUNT), 0, id="xlsx"),
    ],
)
def test_the_load_warns_and_still_loads_the_deals(store, ws, tmp_path, make_file, rejected):
    result = load_file(store, ws, make_file(tmp_path), "deals")
    assert (result.added, result.rejected) == (2, rejected)
    assert (KEY, {}) in result.warning_keys
    assert t(KEY, "en") in result.warnings


def test_a_deals_file_with_amounts_does_not_warn(store, ws, tmp_path):
    info = inspect_file(store, ws, write(tmp_path, "deals.csv", WITH_AMOUNT), "deals")
    assert KEY not in [k for k, _ in info.warning_keys]


@pytest.mark.parametrize("kind, text", [("leads", "ID;Дата создания\nL1;15.01.2025\n"), ("stages", None)])
def test_other_kinds_do_not_warn_about_deal_amounts(store, ws, tmp_path, kind, text):
    text = text or "ID сделки;Этап;Дата перехода\nD1;Переговоры с ЛПР;15.01.2025\n"
    info = inspect_file(store, ws, write(tmp_path, f"{kind}.csv", text), kind)
    assert KEY not in [k for k, _ in info.warning_keys]


def test_the_cli_prints_the_warning(tmp_path):
    db = str(with_demo(tmp_path / "cli.duckdb"))  # what `demo` leaves (tests/ingest/test_cli.py runs it)
    path = write(tmp_path, "deals.csv", NO_AMOUNT.replace("D1", "X1").replace("D2", "X2"))
    out = run("load", "deals", str(path), "--db", db, "--workspace", "demo")
    assert out.returncode == 0, out.stderr
    assert f"warning: {t(KEY, 'en')}" in out.stdout
