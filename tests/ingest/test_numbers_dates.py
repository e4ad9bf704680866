"""Money, counts and dates as people write them, converted by the SQL the loader uses."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from funnel.ingest.dates import detect, parse_sql, period_sql
from funnel.ingest.numbers import int_sql, money_sql

MONEY = [
    ("1 234,56", "1234.56"),
    ("1\u00a0234,56", "1234.56"),
    ("1\u202f234", "1234"),
    ("1,234.56", "1234.56"),
    ("1.234,56", "1234.56"),
    ("1234.5", "1234.5"),
    ("12 000 ₽", "12000"),
    ("5 000 руб.", "5000"),
    ("2 500р.", "2500"),
    ("$1,200", "1200"),
    ("€ 99,90", "99.9"),
    ("-5", "-5"),
    ("−7", "-7"),
    ("1,234,567", "1234567"),
    ("1.234.567", "1234567"),
    ("1234,5", "1234.5"),
    ("0,5", "0.5"),
    ("12345,678", "12345.68"),
    ("1'234.5", "1234.5"),
    ("abc", None),
    ("около 500", None),
    ("", None),
]


@pytest.mark.parametrize("text,expected", MONEY, ids=[repr(m[0]) for m in MONEY])
def test_money(text, expected):
    got = duckdb.connect().execute(f"SELECT {money_sql('$v')}", {"v": text}).fetchone()[0]
    assert got == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize("text,expected", [("1 234", 1234), ("12.0", 12), ("2.5", None), ("x", None)])
def test_counts(text, expected):
    assert duckdb.connect().execute(f"SELECT {int_sql('$v')}", {"v": text}).fetchone()[0] == expected


def test_usual_cells_take_a_shortcut_that_gives_the_same_numbers():
    """plain_sql skips the strip and separator steps for the usual cell: on 40 000 random cells of
    digits, signs, separators, spaces, exponents and currency signs the shortcut, where its cast
    succeeds, equals the full steps, and it applies to the common forms (1234, -5, 1234.5,
    1234,56) but not to 1,200 (thousands)."""
    import random

    from funnel.ingest.numbers import (
        int_from_stripped,
        int_from_text,
        money_from_stripped,
        money_from_text,
        plain_sql,
        strip_sql,
    )

    rnd = random.Random(3)
    alphabet = "0123456789,.-+ рe_$"
    weights = [4] * 10 + [2, 2, 1, 1, 1, 1, 0.5, 0.3, 0.3]
    cells = ["".join(rnd.choices(alphabet, weights=weights, k=rnd.randint(1, 9))) for _ in range(40_000)]
    cells += ["1234", "-5", "1234.5", "1234,56", "1,200", "0,5", "12.345", "1,", ",5", "1e3", " 7 ", "1_000"]
    con = duckdb.connect()
    con.execute("CREATE TABLE c AS SELECT unnest($v) AS t", {"v": cells})
    q, m = plain_sql("t"), strip_sql("nullif(trim(t), '')")
    for from_text, from_stripped in ((money_from_text, money_from_stripped), (int_from_text, int_from_stripped)):
        bad, used = con.execute(
            f"SELECT list(t) FILTER (WHERE {from_text(q)} IS DISTINCT FROM {from_stripped(m)}), list(t) "
            f"FROM c WHERE {from_text(q)} IS NOT NULL"
        ).fetchone()
        assert bad is None or bad == [], bad[:10]
        assert len(used) > 1000
    money_used = set(con.execute(f"SELECT list(t) FROM c WHERE {money_from_text(q)} IS NOT NULL").fetchone()[0])
    assert {"1234", "-5", "1234.5", "1234,56", "0,5", "12.345"} <= money_used and "1,200" not in money_used


def _column(values):
    con = duckdb.connect()
    con.execute(
        "CREATE TEMP TABLE ingest_src AS SELECT row_number() OVER () + 1 AS _row, v AS c0 FROM (SELECT unnest(?) AS v)",
        [values],
    )
    return con


DATES = [
    (["31.12.2025 14:05", "01.02.2025"], "%d.%m.%Y", "dotted", ["2025-12-31 14:05:00", "2025-02-01 00:00:00"]),
    (["31.12.25", "01.02.25"], "%d.%m.%y", "dotted", ["2025-12-31 00:00:00", "2025-02-01 00:00:00"]),
    # one zone in the column: times as written, and the reason names the zone
    (["2025-12-31T14:05:00Z", "2025-02-01"], "%Y-%m-%d", "iso_zone", ["2025-12-31 14:05:00", "2025-02-01 00:00:00"]),
    (["2025-12-31 14:05:00.123+03:00"], "%Y-%m-%d", "iso_zone", ["2025-12-31 14:05:00"]),
    (["2025-12-31T14:05:00", "2025-02-01"], "%Y-%m-%d", "iso", ["2025-12-31 14:05:00", "2025-02-01 00:00:00"]),
    (["12/31/2025", "01/02/2025"], "%m/%d/%Y", "month_second_above_12", ["2025-12-31 00:00:00", "2025-01-02 00:00:00"]),
    (["31/12/2025", "01/02/2025"], "%d/%m/%Y", "day_above_12", ["2025-12-31 00:00:00", "2025-02-01 00:00:00"]),
    (["31-12-2025", "01-02-2025"], "%d-%m-%Y", "day_above_12", ["2025-12-31 00:00:00", "2025-02-01 00:00:00"]),
    (["2025/12/31"], "%Y/%m/%d", "ymd_slash", ["2025-12-31 00:00:00"]),
]


@pytest.mark.parametrize("values,fmt,reason,expected", DATES, ids=[d[0][0] for d in DATES])
def test_date_formats_are_chosen_with_a_reason(values, fmt, reason, expected):
    con = _column(values)
    choice = detect(con, "c0")
    assert (choice.shown, choice.reason_key, choice.ambiguous) == (fmt, reason, False)
    got = [str(r[0]) for r in con.execute(f"SELECT {parse_sql('c0', choice)} FROM ingest_src ORDER BY _row").fetchall()]
    assert got == expected


@pytest.mark.parametrize(
    "values,first",
    [
        (["31.12.2025 14:05"] * 3 + ["01.02.2025"], "%d.%m.%Y %H:%M"),
        (["31.12.2025"] * 3 + ["01.02.2025 14:05:09"] * 2, "%d.%m.%Y"),
        (["01.02.2025 14:05:09"] * 3 + ["31.12.2025"], "%d.%m.%Y %H:%M:%S"),
        (["2025-12-31T14:05:00.5+03:00"] * 3 + ["2025-02-01"], "%Y-%m-%d %H:%M:%S"),
        (["2025-12-31T14:05Z"] * 3 + ["2025-02-01"], "%Y-%m-%d %H:%M"),
    ],
    ids=["minutes", "days", "seconds", "iso-seconds-zone", "iso-minutes-zone"],
)
def test_the_format_that_reads_most_of_the_sample_is_tried_first(values, first):
    """try_strptime tries the formats in order: the one most values have goes first. The
    sample is counted by DuckDB's parser, ISO text normalised as ``parse_sql`` does it."""
    choice = detect(_column(values), "c0")
    assert choice.formats[0] == first
    assert sorted(choice.formats) == sorted(
        {"%d.%m.%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S"}
        if "." in first
        else {"%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"}
    )


def test_a_csv_sample_is_read_from_its_scan_in_file_order(tmp_path):
    """A CSV's sample comes from ``ingest_scan`` (no row numbers to compute): the same cells,
    the first ones in the file."""
    from pathlib import Path

    from funnel.ingest.csvfile import read_csv_file

    path = Path(tmp_path) / "l.csv"
    path.write_text("id;d\n" + "".join(f"L{i};{'31.12.2025 14:05' if i < 5 else '01.02.2025'}\n" for i in range(3000)))
    con = duckdb.connect()
    source = read_csv_file(con, path, "l.csv", "leads", quick=True)
    assert source.scan == "ingest_scan"
    # 5 values with minutes, then 2995 days: of the first 1000 (200 counted) most are days
    assert detect(con, "c1", table="ingest_scan").formats[0] == "%d.%m.%Y"
    assert detect(con, "c1", table="ingest_scan", sample=5).formats[0] == "%d.%m.%Y %H:%M"


def test_slashes_without_a_day_above_12_are_ambiguous():
    choice = detect(_column(["01/02/2025", "03/04/2025"]), "c0")
    assert choice.ambiguous and choice.candidates == ["%d/%m/%Y", "%m/%d/%Y"]


def test_a_month_that_does_not_exist_rejects_its_row_not_the_file(store, ws, tmp_path):
    """make_date raises on month 13 or year 0; such a period is one rejected row."""
    from tests.ingest.helpers import load_file, write

    text = "channel,period,amount\nSEO,2025-03,100\nSEO,2025-13,5\nAds,13.2025,5\nAds,00/2025,5\nVK,март 0000,5\n"
    r = load_file(store, ws, write(tmp_path, "spend.csv", text), "spend")
    assert (r.added, r.rejected) == (1, 4)
    assert r.rejected_rows["row"].tolist() == [3, 4, 5, 6]
    assert set(r.rejected_rows["code"]) == {"period_bad"}
    assert r.rejected_rows["value"].tolist() == ["2025-13", "13.2025", "00/2025", "март 0000"]


def test_periods_month_names_in_two_languages():
    values = [
        "2025-03",
        "03.2025",
        "03/2025",
        "март 2025",
        "марта 2025",
        "Mar 2025",
        "March 2025",
        "май 2025",
        "Dec 2024",
        "2025-03-17",
    ]
    con = _column(values)
    choice = detect(con, "c0")
    got = [
        str(r[0]) for r in con.execute(f"SELECT {period_sql('c0', choice)} FROM ingest_src ORDER BY _row").fetchall()
    ]
    assert got == ["2025-03-01"] * 7 + ["2025-05-01", "2024-12-01", "2025-03-17"]
