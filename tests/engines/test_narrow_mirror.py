"""A load into a big workspace on PostgreSQL copies into its scratch DuckDB only the current rows
whose keys the file names (funnel.ingest.scratch.file_keys), not every current row, and answers
exactly as the DuckDB file does: the same rows added, updated and rejected (an id already
loaded, one that only looks like a loaded one), the same warnings (a deal whose lead is not
loaded), the same undo and history."""

from __future__ import annotations

import pytest

from funnel.errors import UploadError
from funnel.ingest import scratch, undo_upload, upload_history
from funnel.pg import copy as pg_copy
from funnel.workspace import create_workspace
from tests.ingest.helpers import ADMIN, load_file, write

LEADS = "id,created,channel,cost\n" + "".join(f"L{i},2025-01-0{i},SEO,{i}0\n" for i in range(1, 7))
# L2 is loaded; "Ｌ３" (fullwidth) is L3 once made equal; L7 is new
APPEND = "id,created,channel,cost\nL2,2025-02-01,Ads,1\nＬ３,2025-02-02,Ads,2\nL7,2025-02-03,Ads,3\n"
# L1 and L4 (written with a no-break space) are loaded: updated; L8 is new
UPSERT = "id,created,channel,cost\nL1,2025-03-01,Email,5\nL4\u00a0,2025-03-02,Email,6\nL8,2025-03-03,Email,7\n"
# D1's lead is loaded; D2's (LX) is not: one orphan deal
DEALS = "deal_id,lead_id,created_at,stage,amount\nD1,L1,2025-03-05,Won,100\nD2,LX,2025-03-06,Won,50\n"
STAGES = "deal_id,stage,entered_at\nD1,Proposal,2025-03-05\nD1,Won,2025-03-09\nD2,Proposal,2025-03-06\n"
STAGES_AGAIN = "deal_id,stage,entered_at\nD1,Won,2025-03-09\nD3,Proposal,2025-03-10\n"


class Copied:
    """The most rows funnel.pg.copy.to_duckdb copied of each table into one scratch DuckDB, while
    installed (a load that the fast path sends to the full one reads the file twice)."""

    def __init__(self, monkeypatch):
        self.rows: dict[str, int] = {}
        real = pg_copy.to_duckdb

        def counting(pg, duck, table, where, params, **kw):
            n = real(pg, duck, table, where, params, **kw)
            self.rows[table] = max(self.rows.get(table, 0), n)
            return n

        monkeypatch.setattr(pg_copy, "to_duckdb", counting)

    def take(self) -> dict[str, int]:
        out, self.rows = self.rows, {}
        return out


def _story(store, tmp_path, copied: Copied) -> dict:
    tmp_path.mkdir()
    with store.transaction() as cur:
        ws = create_workspace(cur, "Acme").id
    seen: dict = {}
    server = store.engine == "postgres"

    def step(name, text, kind, **kw):
        copied.take()
        r = load_file(store, ws, write(tmp_path, f"{name}.csv", text), kind, **kw)
        rejected = [] if r.rejected_rows is None else [(int(x.row), x.reason) for x in r.rejected_rows.itertuples()]
        seen[name] = (r.added, r.updated, r.rejected, r.replaced, rejected, r.warning_keys)
        return r, copied.take()

    step("leads", LEADS, "leads")
    r, rows = step("append", APPEND, "leads")
    assert (r.added, r.rejected) == (1, 2)  # L2 and Ｌ３ (= L3) are loaded already
    if server:  # of the six current leads, only L2 and L3 were copied to be checked against
        assert rows.get("leads_core_raw", 0) + rows.get("leads_full_raw", 0) == 2
    r, rows = step("upsert", UPSERT, "leads", mode="upsert")
    assert (r.added, r.updated) == (1, 2)
    if server:
        assert rows.get("leads_core_raw", 0) + rows.get("leads_full_raw", 0) == 2  # L1, L4
    r, rows = step("deals", DEALS, "deals")
    assert ("ingest.warn.orphan_deals", {"rows": 1, "examples": "LX"}) in r.warning_keys
    if server:  # no current deal; of the leads only L1, which a deal names
        assert rows.get("deals_raw", 0) == 0
        assert rows.get("leads_core_raw", 0) + rows.get("leads_full_raw", 0) == 1
    step("stages", STAGES, "stages")
    r, rows = step("stages_again", STAGES_AGAIN, "stages", mode="upsert")
    assert (r.added, r.updated) == (1, 1)  # D1 Won at the same time: updated; D3 new
    if server:
        assert rows.get("stage_history_raw", 0) == 2  # D1's two current steps, not D2's
    with pytest.raises(UploadError) as refused:  # a mapping the file can't give: the load's own error
        load_file(store, ws, write(tmp_path, "bad.csv", UPSERT), "leads", mapping={"lead_id": "nope"})
    seen["refused"] = refused.value.code
    with store.cursor() as cur:
        upsert = next(u for u in upload_history(cur, ws).itertuples() if u.file_name == "upsert.csv")
    undone = undo_upload(store, ws, int(upsert.id), actor=ADMIN)
    seen["undo"] = (undone.removed, undone.restored)
    with store.cursor() as cur:
        seen["leads_now"] = cur.execute(
            "SELECT lead_id, channel, cost FROM stg_leads WHERE workspace_id = ? ORDER BY lead_id", [ws]
        ).fetchall()
        seen["stages_now"] = cur.execute(
            "SELECT deal_id, stage, entered_at FROM stage_history_raw WHERE workspace_id = ? "
            "AND superseded_by IS NULL ORDER BY ALL",
            [ws],
        ).fetchall()
        history = upload_history(cur, ws)
        seen["history"] = [
            (h.file_name, h.mode, h.rows_in, h.rows_added, h.rows_updated, h.rows_rejected)
            for h in history.itertuples()
        ]
        seen["version"] = cur.execute("SELECT data_version FROM workspaces WHERE id = ?", [ws]).fetchone()[0]
    return seen


def test_a_load_into_a_big_workspace_copies_only_the_rows_the_file_names_and_answers_as_duckdb(
    both, tmp_path, monkeypatch
):
    monkeypatch.setattr(scratch, "MIRROR_WHOLE", 0)  # every workspace counts as big
    copied = Copied(monkeypatch)
    duck, pg = both
    on_duck = _story(duck, tmp_path / "duck", copied)
    on_pg = _story(pg, tmp_path / "pg", copied)
    assert on_pg == on_duck
    assert on_duck["undo"] == (3, 2)  # the upsert's three rows out (L1, L4, L8), the old L1 and L4 back
    assert [lid for lid, *_ in on_duck["leads_now"]] == ["L1", "L2", "L3", "L4", "L5", "L6", "L7"]


def test_past_the_bound_a_small_upsert_copies_only_its_own_keys(tmp_path, monkeypatch):
    from funnel.pg.store import PgStore
    from tests.pgserver import fresh_database

    store = PgStore(fresh_database())
    try:
        with store.transaction() as cur:
            ws = create_workspace(cur, "Big").id
        n = scratch.MIRROR_WHOLE + 1
        big = "id,created,channel,cost\n" + "".join(f"B{i},2025-01-01,SEO,1\n" for i in range(n))
        load_file(store, ws, write(tmp_path, "big.csv", big), "leads")
        copied = Copied(monkeypatch)
        small = "id,created,channel,cost\nB0,2025-02-01,Ads,2\nB7,2025-02-01,Ads,3\nNEW,2025-02-01,Ads,4\n"
        r = load_file(store, ws, write(tmp_path, "small.csv", small), "leads", mode="upsert")
        assert (r.added, r.updated) == (1, 2)
        rows = copied.take()
        assert rows.get("leads_core_raw", 0) + rows.get("leads_full_raw", 0) == 2  # B0 and B7, of 20 001
        with store.cursor() as cur:
            total = cur.execute("SELECT count(*), sum(cost) FROM stg_leads WHERE workspace_id = ?", [ws]).fetchone()
        assert (total[0], total[1]) == (n + 1, n - 2 + 2 + 3 + 4)  # B0 and B7 now cost 2 and 3
    finally:
        store.close()
