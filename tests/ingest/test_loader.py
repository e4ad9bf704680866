"""Modes, counts, history, undo and all-or-nothing loads."""

from __future__ import annotations

import pytest

from funnel.access import User
from funnel.errors import AccessDenied, UploadError
from funnel.ingest import load, undo_upload, upload_history
from funnel.ingest import loader as loader_mod
from tests.ingest.helpers import ADMIN, inspect_file, load_file, write

TABLES = (
    "leads_raw",
    "deals_raw",
    "stage_history_raw",
    "spend_raw",
    "uploads",
    "workspaces",
    "stage_aliases",
    "stages",
)
FIRST = "id,created,channel\nL1,2025-01-01,SEO\nL2,2025-01-02,SEO\nL3,2025-01-03,Ads\n"
SECOND = "id,created,channel\nL3,2025-02-03,Partners\nL4,2025-02-04,Partners\n"


def snapshot(store) -> dict:
    with store.cursor() as cur:
        return {t: cur.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


def current(store, ws) -> list[tuple]:
    with store.cursor() as cur:
        return cur.execute(
            "SELECT lead_id, channel FROM stg_leads WHERE workspace_id = ? ORDER BY lead_id", [ws]
        ).fetchall()


@pytest.fixture
def loaded(store, ws, tmp_path):
    first = load_file(store, ws, write(tmp_path, "first.csv", FIRST), "leads")
    return first, write(tmp_path, "second.csv", SECOND)


def test_append_rejects_ids_already_loaded(store, ws, loaded):
    first, second = loaded
    result = load_file(store, ws, second, "leads")
    assert (result.added, result.updated, result.rejected) == (1, 0, 1)
    assert (
        result.rejected_rows.iloc[0]["reason"]
        == f"id already loaded (upload #{first.upload_id}); choose upsert to update it"
    )
    assert current(store, ws) == [("L1", "SEO"), ("L2", "SEO"), ("L3", "Ads"), ("L4", "Partners")]


def test_upsert_counts_updated_and_added(store, ws, loaded):
    _, second = loaded
    result = load_file(store, ws, second, "leads", mode="upsert")
    assert (result.added, result.updated, result.rejected) == (1, 1, 0)
    assert current(store, ws) == [("L1", "SEO"), ("L2", "SEO"), ("L3", "Partners"), ("L4", "Partners")]


def test_replace_sets_aside_everything_of_the_kind(store, ws, loaded):
    _, second = loaded
    result = load_file(store, ws, second, "leads", mode="replace")
    assert (result.added, result.replaced) == (2, 3)
    assert current(store, ws) == [("L3", "Partners"), ("L4", "Partners")]


@pytest.mark.parametrize("mode", ["append", "replace", "upsert"])
def test_undo_restores_exactly(store, ws, loaded, mode):
    _, second = loaded
    before = snapshot(store)
    result = load_file(store, ws, second, "leads", mode=mode)
    undone = undo_upload(store, ws, result.upload_id, actor=ADMIN)
    assert undone.removed == result.added + result.updated
    assert undone.restored == {"append": 0, "replace": 3, "upsert": 1}[mode]
    after = snapshot(store)
    for table in ("leads_raw", "deals_raw", "spend_raw", "stage_history_raw"):
        assert after[table] == before[table], table
    history = upload_history(store._con.cursor(), ws)
    assert history.iloc[0]["undone_by"] == "tester"
    with pytest.raises(UploadError, match="already undone"):
        undo_upload(store, ws, result.upload_id, actor=ADMIN)


def test_duplicate_content_is_refused_unless_allowed(store, ws, loaded, tmp_path):
    first, _ = loaded
    copy = write(tmp_path, "renamed.csv", FIRST)
    info = inspect_file(store, ws, copy, "leads")
    assert info.duplicate_of["id"] == first.upload_id and info.duplicate_of["file_name"] == "first.csv"
    before = snapshot(store)
    with pytest.raises(UploadError) as err:
        load_file(store, ws, copy, "leads", mode="upsert")
    assert "was already loaded into this workspace on" in str(err.value)
    assert f"(upload #{first.upload_id}, 'first.csv')" in str(err.value)
    assert snapshot(store) == before
    assert load_file(store, ws, copy, "leads", mode="upsert", allow_duplicate=True).updated == 3


def test_failed_load_leaves_every_table_as_it_was(store, ws, loaded, monkeypatch):
    """A failure injected after the rows went in (while recording the upload) rolls all back."""
    _, second = loaded
    before = snapshot(store)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(loader_mod, "_record", boom)
    for mode in ("append", "replace", "upsert"):
        with pytest.raises(RuntimeError):
            load_file(store, ws, second, "leads", mode=mode)
        assert snapshot(store) == before


def test_rejected_file_changes_nothing(store, ws, loaded, tmp_path):
    before = snapshot(store)
    with pytest.raises(UploadError):
        load_file(store, ws, write(tmp_path, "bad.csv", "id,channel\n1,x\n"), "leads")
    with pytest.raises(UploadError, match="a load is all or nothing"):
        load_file(store, ws, write(tmp_path, "bad2.csv", "id,created\nL9,2025-01-01\nL8,nope\n"), "leads", strict=True)
    assert snapshot(store) == before


def test_history_records_the_upload(store, ws, loaded):
    first, _ = loaded
    with store.cursor() as cur:
        h = upload_history(cur, ws)
        details = cur.execute("SELECT details FROM uploads WHERE id = ?", [first.upload_id]).fetchone()[0]
    row = h.iloc[0]
    assert (row["file_name"], row["kind"], row["mode"], row["rows_in"], row["rows_added"], row["user_name"]) == (
        "first.csv",
        "leads",
        "append",
        3,
        3,
        "tester",
    )
    assert '"created_at": "created"' in details and '"delimiter": ","' in details


def test_data_version_is_bumped(store, ws, tmp_path):
    from funnel.workspace import data_version

    with store.cursor() as cur:
        v0 = data_version(cur, ws)
    load_file(store, ws, write(tmp_path, "a.csv", FIRST), "leads")
    with store.cursor() as cur:
        assert data_version(cur, ws) == v0 + 1


def test_viewer_may_not_load(store, ws, tmp_path):
    with pytest.raises(AccessDenied):
        load(
            store,
            write(tmp_path, "a.csv", FIRST),
            "a.csv",
            "leads",
            workspace_id=ws,
            actor=User("v", default_role="viewer"),
        )


def test_spend_upsert_key_is_channel_period_campaign(store, ws, tmp_path):
    load_file(store, ws, write(tmp_path, "s1.csv", "channel,period,amount\nSEO,2025-01,100\nAds,2025-01,50\n"), "spend")
    r = load_file(
        store,
        ws,
        write(tmp_path, "s2.csv", "channel,period,amount\nSEO,2025-01,120\nSEO,2025-02,10\n"),
        "spend",
        mode="upsert",
    )
    assert (r.added, r.updated) == (1, 1)
    with store.cursor() as cur:
        assert cur.execute(
            "SELECT channel, CAST(period AS VARCHAR), amount::DOUBLE FROM stg_spend ORDER BY ALL"
        ).fetchall() == [("Ads", "2025-01-01", 50.0), ("SEO", "2025-01-01", 120.0), ("SEO", "2025-02-01", 10.0)]


def test_won_date_only_deals_become_won(store, ws, tmp_path):
    path = write(tmp_path, "closed.csv", "mql_id,seller_id,won_date\nL1,S1,2018-02-26 19:58:54\n")
    load_file(store, ws, path, "deals")
    with store.cursor() as cur:
        row = cur.execute("SELECT deal_id, lead_id, status, stage, closed_at FROM stg_deals").fetchone()
    assert row[:4] == ("S1", "L1", "won", "Deal done") and str(row[4]) == "2018-02-26 19:58:54"


def steps(seen) -> list[str]:
    """The steps in order, a step reported again (as rows are read) counted once."""
    names = [s for _, s in seen]
    return [s for i, s in enumerate(names) if i == 0 or names[i - 1] != s]


def test_progress_is_reported(store, ws, tmp_path):
    seen = []
    load_file(store, ws, write(tmp_path, "a.csv", FIRST), "leads", progress=lambda f, s: seen.append((f, s)))
    assert steps(seen) == ["read", "check_write", "done"] and seen[-1][0] == 1.0


def test_progress_of_a_file_with_a_bad_row_goes_on_to_the_full_check(store, ws, tmp_path):
    seen = []
    load_file(
        store,
        ws,
        write(tmp_path, "a.csv", FIRST + "L9,not a date,SEO\n"),
        "leads",
        progress=lambda f, s: seen.append((f, s)),
    )
    assert steps(seen) == ["read", "check_write", "recheck", "validate", "write", "done"]
    assert seen[-1][0] == 1.0


def test_progress_of_an_excel_file_has_a_separate_check(store, ws, tmp_path):
    import pandas as pd

    path = tmp_path / "a.xlsx"
    pd.DataFrame({"id": ["L1"], "created": ["2025-01-01"], "channel": ["SEO"]}).to_excel(path, index=False)
    seen = []
    load_file(store, ws, path, "leads", progress=lambda f, s: seen.append((f, s)))
    assert steps(seen) == ["read", "validate", "write", "done"]


def test_append_of_the_same_spend_month_is_rejected_not_doubled(store, ws, tmp_path):
    first = load_file(store, ws, write(tmp_path, "s1.csv", "channel,period,amount\nSEO,2025-01,100\n"), "spend")
    r = load_file(
        store, ws, write(tmp_path, "s2.csv", "channel,period,amount\nSEO,2025-01,100\nSEO,2025-02,7\n"), "spend"
    )
    assert (r.added, r.rejected) == (1, 1)
    assert r.rejected_rows.iloc[0]["reason"] == (
        f"spend for this channel, period and campaign is already loaded "
        f"(upload #{first.upload_id}); choose upsert to replace it"
    )
    with store.cursor() as cur:
        assert cur.execute("SELECT sum(amount)::DOUBLE FROM stg_spend").fetchone()[0] == 107.0


def test_stage_history_append_skips_entries_already_loaded(store, ws, tmp_path):
    load_file(store, ws, write(tmp_path, "h1.csv", "deal_id,stage,entered_at\nD1,Lost,2025-01-01\n"), "stages")
    r = load_file(
        store,
        ws,
        write(tmp_path, "h2.csv", "deal_id,stage,entered_at\nD1,Lost,2025-01-01\nD1,Deal done,2025-01-05\n"),
        "stages",
    )
    assert (r.added, r.rejected) == (1, 1)


def test_undo_of_an_upload_replaced_later_asks_to_undo_the_later_one_first(store, ws, loaded, tmp_path):
    first, second = loaded
    u = load_file(store, ws, second, "leads", mode="upsert")
    v = load_file(
        store, ws, write(tmp_path, "third.csv", "id,created,channel\nL3,2025-03-03,Events\n"), "leads", mode="upsert"
    )
    with pytest.raises(UploadError) as err:
        undo_upload(store, ws, u.upload_id, actor=ADMIN)
    assert str(err.value) == (
        f"rows of upload #{u.upload_id} were later replaced by upload #{v.upload_id}. "
        f"Expected: the later upload undone first. How to fix: undo upload #{v.upload_id} "
        f"first, then #{u.upload_id}."
    )
    undo_upload(store, ws, v.upload_id, actor=ADMIN)
    undo_upload(store, ws, u.upload_id, actor=ADMIN)
    assert current(store, ws) == [("L1", "SEO"), ("L2", "SEO"), ("L3", "Ads")]


def test_inspect_in_append_mode_lists_ids_already_loaded(store, ws, loaded):
    first, second = loaded
    assert inspect_file(store, ws, second, "leads").rows_ok == 2
    info = inspect_file(store, ws, second, "leads", mode="append")
    assert (info.rows_ok, [(int(r.row), r.column, r.code) for r in info.rejected.itertuples()]) == (
        1,
        [(2, "id", "exists")],
    )


def test_a_load_behind_another_write_says_it_is_waiting(store, ws, tmp_path):
    import threading

    holding, release = threading.Event(), threading.Event()

    def other_write():
        with store.transaction():
            holding.set()
            release.wait(10)

    other = threading.Thread(target=other_write)
    other.start()
    assert holding.wait(10)
    seen, result = [], []
    loader = threading.Thread(
        target=lambda: result.append(
            load_file(store, ws, write(tmp_path, "a.csv", FIRST), "leads", progress=lambda f, s: seen.append(s))
        )
    )
    loader.start()
    loader.join(2)  # past the half-second notice: told, not yet loading
    assert seen == ["wait"] and not result
    release.set()
    other.join(10)
    loader.join(30)
    assert result and result[0].added > 0 and seen[0] == "wait" and seen[-1] == "done"


@pytest.mark.parametrize(
    "kind,first,replacing,again",
    [
        (
            "leads",
            "id,created,channel\nL1,2025-03-01,SEO\n",
            "id,created,channel\nL2,2025-03-02,Ads\n",
            "id,created,channel\nL1,2025-03-03,Email\n",
        ),
        (
            "spend",
            "channel,period,amount\nSEO,2025-01,100\n",
            "channel,period,amount\nAds,2025-01,50\n",
            "channel,period,amount\nSEO,2025-01,70\n",
        ),
    ],
    ids=["leads", "spend"],
)
def test_undo_of_a_replace_whose_keys_were_loaded_again_asks_to_undo_the_later_one_first(
    store, ws, tmp_path, kind, first, replacing, again
):
    """A replace sets L1 aside; an append then loads L1 again. Undoing the replace would bring the
    old L1 back beside the new one (two current rows for one id): it waits for the append."""
    load_file(store, ws, write(tmp_path, "1.csv", first), kind)
    rep = load_file(store, ws, write(tmp_path, "2.csv", replacing), kind, mode="replace")
    app = load_file(store, ws, write(tmp_path, "3.csv", again), kind)
    assert app.added == 1
    before = snapshot(store)
    with pytest.raises(UploadError) as err:
        undo_upload(store, ws, rep.upload_id, actor=ADMIN)
    key = "L1" if kind == "leads" else "SEO / 2025-01-01 / 2025-01-31"  # a spend key names its end
    assert str(err.value) == (
        f"the rows upload #{rep.upload_id} replaced would come back beside the same keys loaded later by upload "
        f"#{app.upload_id} (e.g. '{key}'). Expected: one current row per id. How to fix: undo upload "
        f"#{app.upload_id} first, then #{rep.upload_id}."
    )
    assert err.value.text("ru").startswith(f"строки, которые заменила загрузка №{rep.upload_id}")
    assert snapshot(store) == before
    undo_upload(store, ws, app.upload_id, actor=ADMIN)
    undo_upload(store, ws, rep.upload_id, actor=ADMIN)
    if kind == "leads":
        assert current(store, ws) == [("L1", "SEO")]
