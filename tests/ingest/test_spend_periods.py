"""Spend periods on load: each row's period is as long as the file says (a month, a week or a
day), and a file that would count the same money twice (a month total beside daily rows inside
it, in the file or against spend already loaded) is refused whole, naming its rows.

2025: 3 March and 10 March are Mondays."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from funnel.errors import UploadError
from funnel.filters import Filters
from funnel.ingest import undo_upload
from funnel.metrics import overview
from tests.ingest.helpers import ADMIN, inspect_file, load_file, write

TABLES = ("spend_raw", "uploads", "workspaces")


def snapshot(store) -> dict:
    with store.cursor() as cur:
        return {t: cur.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


def periods(store, ws) -> list[tuple]:
    with store.cursor() as cur:
        return cur.execute(
            "SELECT channel, period, period_end FROM stg_spend WHERE workspace_id = ? ORDER BY ALL", [ws]
        ).fetchall()


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize(
    "content, expected, warn",
    [
        pytest.param(
            "channel,period,amount\nYa,2025-03,3100\nYa,апрель 2025,3000\n",
            [("Ya", d("2025-03-01"), d("2025-03-31")), ("Ya", d("2025-04-01"), d("2025-04-30"))],
            ["spend_month"],
            id="written-as-months",
        ),
        pytest.param(
            "channel,date,amount\nYa,01.03.2025,3100\nYa,01.04.2025,3000\n",
            [("Ya", d("2025-03-01"), d("2025-03-31")), ("Ya", d("2025-04-01"), d("2025-04-30"))],
            ["spend_month"],
            id="monthly-file-dated-on-firsts",
        ),
        pytest.param(
            "channel,date,amount\nYa,2025-03-01,10\nYa,2025-03-02,10\n",
            [("Ya", d("2025-03-01"), d("2025-03-01")), ("Ya", d("2025-03-02"), d("2025-03-02"))],
            ["spend_day"],
            id="daily-file-its-first-is-a-day",
        ),
        pytest.param(
            "channel,date,amount\nYa,2025-03-03,700\nYa,2025-03-10,700\n",
            [("Ya", d("2025-03-03"), d("2025-03-09")), ("Ya", d("2025-03-10"), d("2025-03-16"))],
            ["spend_week"],
            id="weekly-file-one-weekday",
        ),
        pytest.param(
            "channel,Неделя,amount\nYa,2025-03-03,700\n",
            [("Ya", d("2025-03-03"), d("2025-03-09"))],
            ["spend_week"],
            id="week-column-one-date",
        ),
        pytest.param(
            "channel,Day,amount\nYa,2025-03-01,10\nYa,2025-04-01,10\n",
            [("Ya", d("2025-03-01"), d("2025-03-01")), ("Ya", d("2025-04-01"), d("2025-04-01"))],
            ["spend_day"],
            id="day-column-keeps-firsts-as-days",
        ),
        pytest.param(
            "channel,period,amount\nYa,2025-03,3100\nGo,2025-03-05,10\nGo,2025-03-06,10\n",
            [
                ("Go", d("2025-03-05"), d("2025-03-05")),
                ("Go", d("2025-03-06"), d("2025-03-06")),
                ("Ya", d("2025-03-01"), d("2025-03-31")),
            ],
            ["spend_month_rows", "spend_day"],
            id="month-rows-beside-days-of-another-channel",
        ),
        pytest.param(
            "period,tv_spend,radio_spend\n2025-03,100,200\n",
            [("radio", d("2025-03-01"), d("2025-03-31")), ("tv", d("2025-03-01"), d("2025-03-31"))],
            ["spend_month"],
            id="wide-layout",
        ),
    ],
)
def test_a_row_covers_the_period_its_file_gives(store, ws, tmp_path, content, expected, warn):
    info = inspect_file(store, ws, write(tmp_path, "s.csv", content), "spend")
    assert [k.removeprefix("ingest.warn.") for k, _ in info.warning_keys if "spend_" in k] == warn
    shown = zip(
        info.preview["channel"], info.preview["period"].dt.date, info.preview["period_end"].dt.date, strict=True
    )
    assert sorted(shown) == expected  # the preview shows each row's period end
    load_file(store, ws, write(tmp_path, "s.csv", content), "spend")
    assert periods(store, ws) == expected


def test_a_daily_file_counts_its_first_of_the_month_as_that_day(store, ws, tmp_path):
    load_file(store, ws, write(tmp_path, "s.csv", "channel,date,amount\nYa,2025-03-01,10\nYa,2025-03-02,20\n"), "spend")
    with store.cursor() as cur:
        spend = overview.headline(cur, filters=Filters(ws, d("2025-03-02"), d("2025-03-31"))).now["spend"]
    assert spend == 20


# ---- a file that would count money twice ------------------------------------------------------
@pytest.mark.parametrize(
    "content, row, message",
    [
        pytest.param(
            "channel,period,amount\nYa,2025-03,3000\nYa,2025-03-05,100\nYa,2025-03-06,100\n",
            2,
            "the spend of 'Ya' is given both for a period and for days inside it: row 2 (Mar 1 – 31, 2025) "
            "and row 3 (Mar 5, 2025); together they would count the same money twice (2 overlaps in the file).",
            id="month-total-and-its-days",
        ),
        pytest.param(
            "channel,period,campaign,amount\nYa,2025-03-05,Brand,100\nYa,2025-03-06,Brand,100\nYa,2025-03,Brand,3000\n",
            2,
            "the spend of 'Ya / Brand' is given both for a period and for days inside it: row 2 (Mar 5, 2025) "
            "and row 4 (Mar 1 – 31, 2025); together they would count the same money twice (2 overlaps "
            "in the file).",
            id="days-first-then-month-of-one-campaign",
        ),
        pytest.param(
            "channel,period,amount\nya ,2025-03,3000\nYa,2025-03-31,100\n",
            2,
            "the spend of 'Ya' is given both for a period and for days inside it: row 2 (Mar 1 – 31, 2025) "
            "and row 3 (Mar 31, 2025); together they would count the same money twice (1 overlap in the file).",
            id="channel-spelt-differently-last-day",
        ),
    ],
)
def test_a_month_beside_its_days_is_refused_naming_the_rows(store, ws, tmp_path, content, row, message):
    before = snapshot(store)
    for name in ("s.csv", "s.xlsx"):  # the fast path (CSV) and the full one (Excel) say the same
        path = write(tmp_path, "s.csv", content)
        if name.endswith(".xlsx"):
            path = tmp_path / name
            pd.read_csv(write(tmp_path, "s.csv", content), dtype=str).to_excel(path, index=False)
        with pytest.raises(UploadError) as err:
            load_file(store, ws, path, "spend")
        assert (err.value.code, err.value.row, err.value.column) == ("spend_overlap", row, "period")
        assert err.value.reason == message
        assert err.value.text("ru").startswith(f"{name}, строка {row}, столбец «period»: расход «")
        assert snapshot(store) == before
    with pytest.raises(UploadError):  # the preview says so before the load is tried
        inspect_file(store, ws, write(tmp_path, "s.csv", content), "spend")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("channel,period,amount\nYa,2025-03,3000\nGo,2025-03-05,100\n", id="other-channel"),
        pytest.param(
            "channel,period,campaign,amount\nYa,2025-03,,3000\nYa,2025-03-05,Brand,100\n", id="other-campaign"
        ),
        pytest.param("channel,period,amount\nYa,2025-03,3000\nYa,2025-03,500\n", id="same-month-twice-adds-up"),
        pytest.param("channel,period,amount\nYa,2025-03,3000\nYa,2025-04-05,100\n", id="days-of-another-month"),
    ],
)
def test_periods_that_do_not_overlap_load(store, ws, tmp_path, content):
    r = load_file(store, ws, write(tmp_path, "s.csv", content), "spend")
    assert r.rejected == 0 and r.added == content.count("\n") - 1


MONTH = "channel,period,amount\nYa,2025-03,3000\nGo,2025-03,500\n"
DAYS = "channel,date,amount\nYa,2025-03-05,100\nYa,2025-03-06,100\n"


@pytest.mark.parametrize(
    "mode, refused",
    [
        pytest.param("append", True, id="append-refused"),
        pytest.param("upsert", True, id="upsert-of-other-periods-refused"),
        pytest.param("replace", False, id="replace-sets-the-month-aside"),
    ],
)
def test_days_over_a_stored_month_are_refused_unless_replaced(store, ws, tmp_path, mode, refused):
    first = load_file(store, ws, write(tmp_path, "m.csv", MONTH), "spend")
    before = snapshot(store)
    if not refused:
        load_file(store, ws, write(tmp_path, "d.csv", DAYS), "spend", mode=mode)
        assert periods(store, ws) == [
            ("Ya", d("2025-03-05"), d("2025-03-05")),
            ("Ya", d("2025-03-06"), d("2025-03-06")),
        ]
        return
    with pytest.raises(UploadError) as err:
        load_file(store, ws, write(tmp_path, "d.csv", DAYS), "spend", mode=mode)
    assert (err.value.code, err.value.row, err.value.column) == ("spend_overlap_stored", 2, "date")
    assert err.value.reason == (
        f"the spend of 'Ya' for Mar 5, 2025 overlaps spend already loaded for Mar 1 – 31, 2025 "
        f"(upload #{first.upload_id}, 'm.csv'); together they would count the same money twice (2 overlaps)."
    )
    assert f"загрузка №{first.upload_id}, «m.csv»" in err.value.text("ru")
    # the days as each language writes them (funnel.i18n.fill), not "2025-03-01 – 2025-03-31"
    assert "«Ya» за 05.03.2025 накладывается на уже загруженный расход за 01.03.2025–31.03.2025" in err.value.text("ru")
    assert snapshot(store) == before
    # a preview that does not know the mode checks the file alone: it is fine by itself
    assert inspect_file(store, ws, write(tmp_path, "d.csv", DAYS), "spend").rows_ok == 2


def test_a_stored_week_across_a_new_month_is_named(store, ws, tmp_path):
    week = load_file(store, ws, write(tmp_path, "w.csv", "channel,week,amount\nYa,2025-03-31,700\n"), "spend")
    with pytest.raises(UploadError) as err:
        load_file(store, ws, write(tmp_path, "m.csv", "channel,period,amount\nYa,2025-04,3000\n"), "spend")
    assert err.value.code == "spend_overlap_stored" and err.value.row == 2
    assert "for Apr 1 – 30, 2025 overlaps spend already loaded for Mar 31 – Apr 6, 2025" in err.value.reason
    assert f"upload #{week.upload_id}" in err.value.reason


def test_upsert_of_the_same_months_replaces_them(store, ws, tmp_path):
    load_file(store, ws, write(tmp_path, "m.csv", MONTH), "spend")
    r = load_file(
        store, ws, write(tmp_path, "m2.csv", "channel,period,amount\nYa,2025-03,3300\n"), "spend", mode="upsert"
    )
    assert (r.added, r.updated) == (0, 1)
    with store.cursor() as cur:
        assert cur.execute("SELECT sum(amount)::DOUBLE FROM stg_spend").fetchone()[0] == 3300 + 500


def test_spend_stored_before_periods_had_an_end_still_clashes(store, ws, tmp_path):
    from tests.conftest import insert

    insert(store, ws, "spend", [{"channel": "Ya", "period": d("2025-03-01"), "amount": 3000}])  # no period_end
    with pytest.raises(UploadError) as err:
        load_file(store, ws, write(tmp_path, "d.csv", DAYS), "spend")
    assert err.value.code == "spend_overlap_stored"
    # and the same month loaded again has the same key: rejected as already loaded, not a clash
    r = load_file(
        store, ws, write(tmp_path, "m.csv", "channel,period,amount\nYa,2025-03,3000\nYa,2025-04,9\n"), "spend"
    )
    assert (r.added, r.rejected) == (1, 1) and r.rejected_rows.iloc[0]["code"] == "exists_spend"


def test_undo_that_would_bring_a_month_back_beside_its_days_waits(store, ws, tmp_path):
    load_file(store, ws, write(tmp_path, "m.csv", "channel,period,amount\nYa,2025-03,3000\n"), "spend")
    rep = load_file(
        store, ws, write(tmp_path, "g.csv", "channel,period,amount\nGo,2025-03,10\n"), "spend", mode="replace"
    )
    days = load_file(store, ws, write(tmp_path, "d.csv", DAYS), "spend")
    before = snapshot(store)
    with pytest.raises(UploadError) as err:
        undo_upload(store, ws, rep.upload_id, actor=ADMIN)
    assert err.value.code == "undo_clash" and f"upload #{days.upload_id}" in str(err.value)
    assert snapshot(store) == before
    undo_upload(store, ws, days.upload_id, actor=ADMIN)
    undo_upload(store, ws, rep.upload_id, actor=ADMIN)
    assert periods(store, ws) == [("Ya", d("2025-03-01"), d("2025-03-31"))]


def test_a_database_from_before_spend_periods_had_an_end_opens_and_reads_as_before(tmp_path):
    """An older file's spend_raw has no period_end: opening it adds the column, its rows read by
    the staging rule (a first of a month is that month, another date that day), and a load of
    the same month is still 'already loaded'."""
    import duckdb

    from funnel.db import Store
    from funnel.workspace import create_workspace

    path = tmp_path / "old.duckdb"
    store = Store(path)
    with store.transaction() as cur:
        wid = create_workspace(cur, "Old").id
    store.close()
    con = duckdb.connect(str(path))  # make it look like the old schema: no period_end
    con.execute("DROP VIEW stg_spend")
    con.execute("ALTER TABLE spend_raw DROP COLUMN period_end")
    con.execute(
        "INSERT INTO spend_raw (workspace_id, upload_id, channel, period, amount) "
        "VALUES (?, 999, 'Ya', DATE '2025-03-01', 3100), (?, 999, 'Go', DATE '2025-03-10', 40)",
        [wid, wid],
    )
    con.close()
    store = Store(path)
    try:
        assert periods(store, wid) == [
            ("Go", d("2025-03-10"), d("2025-03-10")),
            ("Ya", d("2025-03-01"), d("2025-03-31")),
        ]
        with store.cursor() as cur:
            now = overview.headline(cur, filters=Filters(wid, d("2025-03-04"), d("2025-03-31"))).now
        assert now["spend"] == pytest.approx(3100 * 28 / 31 + 40)
        r = load_file(
            store, wid, write(tmp_path, "m.csv", "channel,period,amount\nYa,2025-03,1\nYa,2025-04,2\n"), "spend"
        )
        assert (r.added, r.rejected) == (1, 1)
    finally:
        store.close()
