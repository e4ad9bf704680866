"""Repeated keys inside one file: the load first counts distinct keys and only names the
repeats (row, first row) when there are some; both kinds with a single key are covered."""

from __future__ import annotations

from tests.ingest.helpers import inspect_file, load_file, rejects, table_rows, write


def test_repeated_deal_ids_are_rejected_with_their_first_row(store, ws, tmp_path):
    path = write(tmp_path, "deals.csv", "deal_id,status,amount\nD1,won,100\nD2,lost,5\nD1,won,7\nD1,open,9\n")
    expected = [
        (4, "deal_id", "duplicate id 'D1': it first appears in row 2; later repeats are not loaded"),
        (5, "deal_id", "duplicate id 'D1': it first appears in row 2; later repeats are not loaded"),
    ]
    assert rejects(inspect_file(store, ws, path, "deals")) == expected
    res = load_file(store, ws, path, "deals")
    assert [(int(r.row), r.column, r.reason) for r in res.rejected_rows.itertuples()] == expected
    assert (res.added, res.rejected) == (2, 2)
    kept = table_rows(store, "deals_raw", ws, order="deal_id")
    assert [(r[3], str(r[9])) for r in kept] == [("D1", "100.00"), ("D2", "5.00")]


def test_a_file_without_repeats_loads_every_row_and_reports_none(store, ws, tmp_path):
    path = write(tmp_path, "leads.csv", "id,created,channel\nA,2025-01-01,SEO\nB,2025-01-02,SEO\na,2025-01-03,Ads\n")
    assert rejects(inspect_file(store, ws, path, "leads")) == []
    res = load_file(store, ws, path, "leads")
    assert (res.added, res.rejected, len(res.rejected_rows)) == (3, 0, 0)
    assert sorted(r[3] for r in table_rows(store, "leads_raw", ws)) == ["A", "B", "a"]
