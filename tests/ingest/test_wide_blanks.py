"""A blank cell of a spend file laid out one column per channel (funnel.ingest.budget) is no
spend on that channel that period: no row for it, the other channels of its row load, and a
notice counts such cells. A row blank in every channel adds nothing, like a blank line. A cell
that is not a number still rejects its row, naming its own column, not every channel's."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from funnel.errors import UploadError
from tests.conftest import with_demo
from tests.helpers.cli import run_cli
from tests.helpers.screen import t  # as read: a number and its unit joined by U+00A0
from tests.ingest.helpers import inspect_file, load_file, rejects, write

# The 1C budget of tests/corpus/ads/budget_1c.csv with holes: January has no Авито, February no
# VK, March nothing at all. The last column is each month's total (by its figures, or caption).
ROWS = [
    ("01.2025", "80 000,00", "20 000,00", "", "100 000,00"),
    ("02.2025", "75 500,50", "", "14 000,00", "89 500,50"),
    ("03.2025", "", "", "", ""),
    ("04.2025", "10 000,00", "5 000,00", "1 000,00", "16 000,00"),
]
LAYOUTS = {
    # channels by their plain captions, the total found by its sums (blanks count as 0 there)
    "captions": ("Месяц;Яндекс.Директ;VK Реклама;Авито;Бюджет месяца", ["Яндекс.Директ", "VK Реклама", "Авито"]),
    # channels named by a spend word, the total by its caption
    "spend-words": ("Месяц;Расход Яндекс;Расход VK;Расход Авито;Итого расход", ["Яндекс", "VK", "Авито"]),
}


def budget(tmp_path, header: str, rows=ROWS, name: str = "budget.csv"):
    lines = [header] + [";".join(r) for r in rows]
    return write(tmp_path, name, "\n".join(lines) + "\n", "cp1251")


def spend(store, ws) -> dict:
    with store.cursor() as cur:
        return dict(
            cur.execute("SELECT channel, sum(amount) FROM stg_spend WHERE workspace_id = ? GROUP BY 1", [ws]).fetchall()
        )


def periods(store, ws) -> set[tuple]:
    with store.cursor() as cur:
        got = cur.execute("SELECT channel, strftime(period, '%Y-%m') FROM stg_spend WHERE workspace_id = ?", [ws])
        return set(got.fetchall())


@pytest.mark.parametrize("layout", list(LAYOUTS), ids=list(LAYOUTS))
def test_blank_cells_are_no_spend_and_the_rest_of_the_row_loads(store, ws, tmp_path, layout):
    header, (ya, vk, avito) = LAYOUTS[layout]
    result = load_file(store, ws, budget(tmp_path, header), "spend", strict=True)  # nothing to reject
    assert result.rejected == 0
    assert list(result.details["wide_columns"].values()) == [ya, vk, avito]
    assert result.details["wide_totals"] == [header.rsplit(";", 1)[1]]
    # by hand: Яндекс 80 000 + 75 500,50 + 10 000; VK 20 000 + 5 000; Авито 14 000 + 1 000.
    # Together 205 500,50, the file's own total column: 100 000 + 89 500,50 + 16 000.
    assert spend(store, ws) == {ya: D("165500.50"), vk: D("25000.00"), avito: D("15000.00")}
    # one row per filled cell: 2 + 2 + 0 + 3, none for March
    assert periods(store, ws) == {
        (ya, "2025-01"),
        (vk, "2025-01"),
        (ya, "2025-02"),
        (avito, "2025-02"),
        (ya, "2025-04"),
        (vk, "2025-04"),
        (avito, "2025-04"),
    }
    # January's Авито, February's VK, March's three: 5 cells in file rows 2, 3, 4 (row 1 the header)
    assert ("ingest.warn.wide_blank", {"cells": 5, "rows": 3, "first": "2, 3, 4"}) in result.warning_keys


def test_a_cell_that_is_not_a_number_rejects_its_row_naming_its_own_column(store, ws, tmp_path):
    header, _ = LAYOUTS["captions"]
    rows = list(ROWS)
    rows[1] = ("02.2025", "75 500,50", "abc", "14 000,00", "89 500,50")
    path = budget(tmp_path, header, rows)
    info = inspect_file(store, ws, path, "spend")
    # VK stays a channel (two of its three cells are money); row 3 is told once, by its own column
    assert list(info.wide_columns) == ["Яндекс.Директ", "VK Реклама", "Авито"]
    assert info.wide_totals == ["Бюджет месяца"]
    assert rejects(info) == [(3, "VK Реклама", "not a number (expected e.g. 1 234,56 or 1234.56)")]
    with pytest.raises(UploadError) as err:  # all or nothing: the file is named
        load_file(store, ws, path, "spend", strict=True)
    assert str(err.value).startswith("budget.csv: 1 of 4 rows would be rejected")
    assert [(r.row, r.column) for r in err.value.rejected_rows.itertuples()] == [(3, "VK Реклама")]
    result = load_file(store, ws, path, "spend")
    # by hand, without February: Яндекс 80 000 + 10 000; VK 20 000 + 5 000; Авито 1 000
    assert spend(store, ws) == {"Яндекс.Директ": D("90000.00"), "VK Реклама": D("25000.00"), "Авито": D("1000.00")}
    # the blank cells of the rejected row are not counted: January's Авито and March's three
    assert ("ingest.warn.wide_blank", {"cells": 4, "rows": 2, "first": "2, 4"}) in result.warning_keys


def test_a_bad_period_is_told_once_not_once_per_channel(store, ws, tmp_path):
    rows = list(ROWS)
    rows[3] = ("13.2025", "10 000,00", "5 000,00", "1 000,00", "16 000,00")
    info = inspect_file(store, ws, budget(tmp_path, LAYOUTS["spend-words"][0], rows), "spend")
    assert [(r, c) for r, c, _ in rejects(info)] == [(5, "Месяц")]


def test_appending_the_same_budget_names_each_channels_own_column(store, ws, tmp_path):
    header, _ = LAYOUTS["spend-words"]
    path = budget(tmp_path, header)
    load_file(store, ws, path, "spend")
    info = inspect_file(store, ws, path, "spend", mode="append")
    assert sorted((r, c) for r, c, _ in rejects(info)) == [
        (2, "Расход VK"),
        (2, "Расход Яндекс"),
        (3, "Расход Авито"),
        (3, "Расход Яндекс"),
        (5, "Расход VK"),
        (5, "Расход Авито"),
        (5, "Расход Яндекс"),
    ]


def test_a_column_of_notes_with_one_number_is_no_channel(store, ws, tmp_path):
    path = write(tmp_path, "notes.csv", "Месяц;Яндекс;VK;Примечание\n2025-01;100;;зима\n2025-02;80;20;5\n")
    info = inspect_file(store, ws, path, "spend")
    assert list(info.wide_columns) == ["Яндекс", "VK"]
    assert rejects(info) == []


def test_the_notice_in_both_languages():
    params = {"cells": 5, "rows": 3, "first": "2, 3, 4"}
    assert t("ingest.warn.wide_blank", "ru", **params) == (
        "5 пустых ячеек каналов в 3 строках (строки 2, 3, 4) прочитаны как «нет расхода» на этот канал "
        "за этот период: строки расхода для них нет, заполненные ячейки рядом загружены"
    )
    assert t("ingest.warn.wide_blank", "en", cells=1, rows=1, first="3") == (
        "1 blank channel cell in 1 row (row 3) was read as no spend on that channel that period: "
        "no spend row for it, the filled cells beside load"
    )


def test_the_command_line_loads_the_budget_and_says_so(tmp_path):
    db = str(with_demo(tmp_path / "cli.duckdb"))
    path = budget(tmp_path, LAYOUTS["captions"][0])
    out = run_cli("load", "spend", str(path), "--db", db, "--workspace", "Demo", "--mode", "append")
    assert out.returncode == 0, out.stderr
    assert "rows in 4, added 7, updated 0, rejected 0" in out.stdout
    assert (
        "warning: 5 blank channel cells in 3 rows (rows 2, 3, 4) were read as no spend on that channel that "
        "period: no spend row for them, the filled cells beside load"
    ) in out.stdout.splitlines()


def test_a_budget_with_every_channel_cell_blank_says_there_is_no_spend(store, ws, tmp_path):
    """Not "fix the rows listed in the validation report": no row is listed there."""
    path = write(tmp_path, "empty.csv", "Месяц;Расход Яндекс;Расход VK\n2025-01;;\n2025-02;;\n")
    with pytest.raises(UploadError) as err:
        load_file(store, ws, path, "spend")
    assert err.value.code == "wide_all_blank"
    assert str(err.value).startswith(
        "empty.csv: every cell of the channel columns (Расход Яндекс, Расход VK) is blank: there is no spend to load."
    )
