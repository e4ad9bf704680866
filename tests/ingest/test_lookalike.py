"""Ids that only look alike are made equal by full NFKC (funnel.ingest.lookalike), zero-width
characters removed and no-break spaces made spaces, with a warning saying how many were
normalised and how many of them now equal another id."""

from __future__ import annotations

import duckdb
import pytest

from funnel.ingest.lookalike import normal, suspect_sql
from tests.ingest.helpers import inspect_file, load_file, rejects, write

# row 2 L1; row 3 L¹ (superscript one) and row 4 Ｌ1 (fullwidth L) → L1; row 5 e + combining
# acute → é7, which row 6 writes precomposed; row 7 the ligature ﬁ → fi1; row 8 plain
FILE = "id,created\nL1,2025-01-01\nL\u00b9,2025-01-01\n\uff2c1,2025-01-01\ne\u03017,2025-01-01\n\u00e97,2025-01-01\n\ufb011,2025-01-01\nX9,2025-01-01\n"
REPEAT = "duplicate id '{}': it first appears in row {}; later repeats are not loaded"


def test_nfkc_merges_lookalikes_and_says_how_many(store, ws, tmp_path):
    path = write(tmp_path, "alike.csv", FILE)
    info = inspect_file(store, ws, path, "leads")
    assert rejects(info) == [
        (3, "id", REPEAT.format("L1", 2)),
        (4, "id", REPEAT.format("L1", 2)),
        (6, "id", REPEAT.format("\u00e97", 5)),
    ]
    # normalised: rows 3, 4, 5, 7; of them 3, 4 and 5 now equal another row's id
    assert any(
        w.startswith("4 ids held invisible or lookalike characters") and "first in row 3; 3 of them now equal" in w
        for w in info.warnings
    ), info.warnings
    result = load_file(store, ws, path, "leads")
    assert (result.added, result.rejected) == (4, 3)
    with store.cursor() as cur:
        ids = [r[0] for r in cur.execute("SELECT lead_id FROM leads_raw ORDER BY lead_id").fetchall()]
    assert ids == sorted(["L1", "\u00e97", "fi1", "X9"])


def test_a_clean_file_with_one_nfkc_id_is_loaded_normalised(store, ws, tmp_path):
    path = write(tmp_path, "liga.csv", "id,created\n\ufb011,2025-01-01\nfi2,2025-01-02\nЛ-3,2025-01-03\n")
    result = load_file(store, ws, path, "leads")  # the fast path hands it to the full check
    assert (result.added, result.rejected) == (3, 0)
    assert any("1 ids held" in w and "0 of them" in w for w in result.warnings), result.warnings
    with store.cursor() as cur:
        assert sorted(r[0] for r in cur.execute("SELECT lead_id FROM leads_raw").fetchall()) == ["fi1", "fi2", "Л-3"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("L1\u00a0", "L1"),
        ("L\u200b1", "L1"),
        ("\u2460", "1"),  # circled digit one
        ("\u216b", "XII"),  # Roman numeral twelve
        ("\u2116 5", "No 5"),  # numero sign
        ("\u200b\u00a0", None),
        ("Сделка-7", "Сделка-7"),
    ],
)
def test_normal(text, expected):
    assert normal(text) == expected


def test_ascii_and_cyrillic_ids_stay_on_the_fast_path():
    con = duckdb.connect()
    got = con.execute(
        f"SELECT x, {suspect_sql('x')} FROM (VALUES ('L1'), ('Лид-ёЁ'), ('e\u0301'), ('\ufb01')) t(x)"
    ).fetchall()
    assert [flag for _, flag in got] == [False, False, True, True]


def test_rows_keep_their_numbers_after_the_ids_are_rewritten(store, ws, tmp_path):
    # the typed rows are numbered from their place in the file; the rewrite must not move them
    body = "".join(f"A{i},2025-01-01\n" for i in range(3000))
    path = write(tmp_path, "gaps.csv", "id,created\n\n\n" + body + "\u2460,2025-01-01\n\n1,2025-01-01\nA7,bad\n")
    info = inspect_file(store, ws, path, "leads")
    # header 1, blanks 2-3, A0…A2999 rows 4-3003, ① row 3004, blank 3005, 1 row 3006, A7 row 3007
    assert rejects(info) == [
        (3006, "id", REPEAT.format("1", 3004)),
        (3007, "created", "not a date in the format %Y-%m-%d"),
        (3007, "id", REPEAT.format("A7", 11)),
    ]
