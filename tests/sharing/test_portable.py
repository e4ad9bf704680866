"""Workspace export → import round trip, workspace admin rules, and the backup copy."""

import json
import zipfile
from datetime import date, datetime

import pandas as pd
import pytest

from funnel import administration, demo_history, portable
from funnel import forecast_snapshots as fs
from funnel.access import CLI_USER, User
from funnel.db import Store
from funnel.errors import AccessDenied, FunnelError
from funnel.goals import save_goals
from funnel.metrics.maturity import set_window
from funnel.snooze import snooze
from funnel.teams import save_teams, teams
from funnel.workspace import get_workspace, list_workspaces
from tests.conftest import with_demo
from tests.helpers.cli import run_cli

VIEWER = User("v", default_role="viewer")
EDITOR = User("e", default_role="editor")
ROW_SQL = {
    "leads_raw": "SELECT * EXCLUDE (workspace_id, upload_id, superseded_by) FROM leads_raw WHERE workspace_id = ? ORDER BY lead_id, upload_id",
    "deals_raw": "SELECT * EXCLUDE (workspace_id, upload_id, superseded_by) FROM deals_raw WHERE workspace_id = ? ORDER BY deal_id, upload_id",
    "stage_history_raw": "SELECT * EXCLUDE (workspace_id, upload_id, superseded_by) FROM stage_history_raw WHERE workspace_id = ? ORDER BY deal_id, entered_at, stage",
    "spend_raw": "SELECT * EXCLUDE (workspace_id, upload_id, superseded_by) FROM spend_raw WHERE workspace_id = ? ORDER BY period, channel, campaign",
    "stages": "SELECT position, name, probability, norm_days, kind FROM stages WHERE workspace_id = ? ORDER BY position",
    "stage_aliases": "SELECT alias, stage FROM stage_aliases WHERE workspace_id = ? ORDER BY alias",
    "scenarios": "SELECT name, inputs, is_plan, plan_from, plan_to, created_at, updated_at FROM scenarios WHERE workspace_id = ? ORDER BY name",
    "uploads": "SELECT kind, file_name, mode, rows_in, rows_added, rows_updated, rows_rejected, loaded_at, user_name FROM uploads WHERE workspace_id = ? ORDER BY id",
    # the Time page's tables (archive format 2): every column but the workspace's id
    "workspace_settings": "SELECT * EXCLUDE (workspace_id) FROM workspace_settings WHERE workspace_id = ? ORDER BY key",
    "deal_snoozes": "SELECT * EXCLUDE (workspace_id) FROM deal_snoozes WHERE workspace_id = ? ORDER BY deal_id",
    "forecast_snapshots": "SELECT * EXCLUDE (workspace_id) FROM forecast_snapshots WHERE workspace_id = ? ORDER BY taken_at, horizon, owner",
    "goals": "SELECT * EXCLUDE (workspace_id) FROM goals WHERE workspace_id = ? ORDER BY month, dimension, member, metric",
}


def snapshot(store, wid):
    with store.cursor() as cur:
        out = {t: cur.execute(sql, [wid]).fetchall() for t, sql in ROW_SQL.items()}
        # which upload replaced which, as positions in the upload order (ids differ per database)
        ids = [r[0] for r in cur.execute("SELECT id FROM uploads WHERE workspace_id = ? ORDER BY id", [wid]).fetchall()]
        rank = {u: i for i, u in enumerate(ids)}
        out["links"] = sorted(
            (
                (rank[u], rank.get(s, -1))
                for u, s in cur.execute(
                    "SELECT upload_id, superseded_by FROM leads_raw WHERE workspace_id = ?", [wid]
                ).fetchall()
            )
        )
    return out


@pytest.fixture
def source(tmp_path):
    s = Store(with_demo(tmp_path / "source.duckdb"))  # the demo, as ensure_demo leaves it
    with s.transaction() as cur:
        # something superseded, an alias and a scenario with awkward text, so every part is exercised
        first = cur.execute("SELECT min(id) FROM uploads WHERE workspace_id = 'demo' AND kind = 'leads'").fetchone()[0]
        new_id = cur.execute("SELECT nextval('upload_seq')").fetchone()[0]
        cur.execute(
            "INSERT INTO uploads (id, workspace_id, kind, file_name, mode) VALUES (?, 'demo', 'leads', '=evil.csv', 'upsert')",
            [new_id],
        )
        cur.execute(
            "UPDATE leads_full_raw SET superseded_by = ? WHERE workspace_id = 'demo' AND lead_id = 'L000001'", [new_id]
        )
        cur.execute(
            "INSERT INTO leads_full_raw (workspace_id, upload_id, lead_id, created_at, channel) "
            "VALUES ('demo', ?, 'L000001', '2025-01-02 10:00', '<script>alert(1)</script>')",
            [new_id],
        )
        cur.execute("INSERT INTO stage_aliases VALUES ('demo', 'успешно реализовано', 'Deal done')")
        cur.execute(
            "INSERT INTO scenarios (workspace_id, name, inputs, is_plan, plan_from, plan_to) "
            "VALUES ('demo', ?, ?, true, '2026-01-01', '2026-12-31')",
            # a plan as the app saves it (an import refuses inputs the Planner could not open)
            ["План «2026», кавычки \" и '", json.dumps({"leads": 1000, "conversion": 0.02, "avg_check": 150000})],
        )
        assert first
        # the Time page's tables, written as the app writes them: a window, a snooze, two
        # forecast snapshots (a total and an owner each) and goals
        set_window(cur, "demo", 45, actor=CLI_USER)
        deal = cur.execute("SELECT min(deal_id) FROM stg_deals WHERE workspace_id = 'demo'").fetchone()[0]
        snooze(cur, "demo", deal, date(2026, 5, 1), "клиент в отпуске", actor=CLI_USER, today=date(2026, 4, 1))
        for day, p50 in ((1, 1_000_000.0), (2, 1_250_000.0)):
            rows = pd.DataFrame(
                [
                    ("month", date(2026, 5, 1), date(2026, 5, 31), owner, p50 * 0.8 * k, p50 * k, p50 * 1.2 * k, 333.33)
                    for owner, k in (("", 1.0), ("Анна", 0.5))
                ],
                columns=list(fs.COLUMNS),
            )
            fs.record(cur, "demo", rows, taken_by="cli", now=datetime(2026, 4, day, 9, 0))
        save_goals(
            cur,
            "demo",
            date(2026, 5, 1),
            [
                {"dimension": "total", "member": "", "metric": "revenue", "target": 2_000_000.5},
                {"dimension": "channel", "member": "SEO", "metric": "leads", "target": 120},
                {"dimension": "team", "member": "Север", "metric": "won", "target": 7},
            ],
            actor=CLI_USER,
        )
        save_teams(
            cur, "demo", [{"owner": "Анна", "team": "Север"}, {"owner": "Boris", "team": "Север"}], actor=CLI_USER
        )
    yield s
    s.close()


def test_round_trip_gives_identical_rows_and_settings(source, tmp_path):
    archive = tmp_path / "demo.zip"
    with source.cursor() as cur:
        manifest = portable.export_workspace(cur, "demo", archive, actor=CLI_USER)
    assert manifest["rows"]["leads_raw"] > 1000
    with zipfile.ZipFile(archive) as zf:
        assert {"tables/leads_raw.parquet", "ladder.json", "aliases.json", "scenarios.json", "workspace.json"} <= set(
            zf.namelist()
        )
    target = Store(tmp_path / "fresh.duckdb")
    try:
        with target.transaction() as cur:
            w = portable.import_workspace(cur, archive, actor=CLI_USER)
        assert (w.name, w.currency, w.is_demo) == ("Demo", "₽", False)
        got = snapshot(target, w.id)
        assert got == snapshot(source, "demo")
        # the Time page's rows came too (not just two empty lists): as written in the fixture
        assert [(k, json.loads(v)) for k, v, *_ in got["workspace_settings"]] == [
            ("conversion_window_days", 45),
            ("owner_teams", {"Анна": "Север", "Boris": "Север"}),
        ]
        with target.cursor() as cur:
            assert teams(cur, w.id) == {"Анна": "Север", "Boris": "Север"}
        assert [r[2] for r in got["deal_snoozes"]] == ["клиент в отпуске"]
        # beside the demo's own history (funnel.demo_history: its snapshots, its plan's goals)
        assert [(r[0].day, r[6], r[8]) for r in got["forecast_snapshots"] if r[1] != "demo"] == [
            (1, "", 1_000_000.0),
            (1, "Анна", 500_000.0),
            (2, "", 1_250_000.0),
            (2, "Анна", 625_000.0),
        ]
        assert [(r[1], r[2], r[3], float(r[4])) for r in got["goals"] if not r[5].startswith("scenario:")] == [
            ("channel", "SEO", "leads", 120.0),
            ("team", "Север", "won", 7.0),
            ("total", "", "revenue", 2_000_000.5),
        ]
        with target.cursor() as cur, source.cursor() as cur2:
            # the staging views (what every metric reads) agree too
            q = "SELECT channel, count(*), sum(amount) FROM stg_deals WHERE workspace_id = ? GROUP BY 1 ORDER BY 1"
            assert cur.execute(q, [w.id]).fetchall() == cur2.execute(q, ["demo"]).fetchall()
        # importing again makes a second workspace, never overwrites the first
        with target.transaction() as cur:
            w2 = portable.import_workspace(cur, archive, actor=CLI_USER)
        assert w2.id != w.id and w2.name == "Demo (2)"
    finally:
        target.close()


def test_import_refuses_broken_archives_and_leaves_nothing(source, tmp_path):
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("workspace.json", "{}")
    not_zip = tmp_path / "x.zip"
    not_zip.write_bytes(b"hello")
    for path in (bad, not_zip):
        with pytest.raises(FunnelError):
            with source.transaction() as cur:
                portable.import_workspace(cur, path, actor=CLI_USER)
    with source.cursor() as cur:
        assert [w.id for w in list_workspaces(cur)] == ["demo"]


@pytest.mark.parametrize("who", [VIEWER, EDITOR], ids=["viewer", "editor"])
def test_non_admins_cannot_administer(source, tmp_path, who):
    before = snapshot(source, "demo")
    calls = [
        lambda cur: administration.create(cur, "New", actor=who),
        lambda cur: administration.rename(cur, "demo", "Renamed", actor=who),
        lambda cur: administration.delete(cur, "demo", actor=who),
        lambda cur: administration.reset_demo(cur, actor=who),
        lambda cur: portable.export_workspace(cur, "demo", tmp_path / "x.zip", actor=who),
        lambda cur: administration.backup(cur, tmp_path / "bk", actor=who),
    ]
    for call in calls:
        with pytest.raises(AccessDenied):
            with source.transaction() as cur:
                call(cur)
    with source.cursor() as cur:
        assert [(w.id, w.name) for w in list_workspaces(cur)] == [("demo", "Demo")]
    assert snapshot(source, "demo") == before
    assert not (tmp_path / "bk").exists()


def test_admin_creates_renames_deletes_and_resets(source, tmp_path):
    admin = User("root", default_role="admin")
    with source.transaction() as cur:
        w = administration.create(cur, "Sales", actor=admin)
        administration.rename(cur, w.id, "Sales team", actor=admin)
    with source.cursor() as cur:
        assert get_workspace(cur, w.id).name == "Sales team"
    with source.transaction() as cur:
        administration.delete(cur, w.id, actor=admin)
        leads_before = cur.execute(
            "SELECT count(*) FROM leads_raw WHERE workspace_id='demo' AND superseded_by IS NULL"
        ).fetchone()[0]
        administration.reset_demo(cur, actor=admin)
    with source.cursor() as cur:
        assert get_workspace(cur, w.id) is None
        # the fixture's scenarios gone, the demo's own back (funnel.demo_history)
        assert {r[0] for r in cur.execute("SELECT name FROM scenarios WHERE workspace_id='demo'").fetchall()} == {
            demo_history.PLAN,
            demo_history.MORE_LEADS,
        }
        assert cur.execute("SELECT count(*) FROM stage_aliases WHERE workspace_id='demo'").fetchone()[0] == 0
        assert (
            cur.execute(
                "SELECT count(*) FROM leads_raw WHERE workspace_id='demo' AND channel LIKE '<script%'"
            ).fetchone()[0]
            == 0
        )
        assert (
            cur.execute(
                "SELECT count(*) FROM leads_raw WHERE workspace_id='demo' AND superseded_by IS NULL"
            ).fetchone()[0]
            == leads_before
        )


def test_backup_is_a_loadable_copy(source, tmp_path):
    with source.cursor() as cur:
        target = administration.backup(cur, tmp_path / "backups", actor=CLI_USER)
        n = cur.execute("SELECT count(*) FROM leads_raw").fetchone()[0]
    copy = Store(target)  # opens (and migrates) like the original
    try:
        with copy.cursor() as cur:
            assert cur.execute("SELECT count(*) FROM leads_raw").fetchone()[0] == n
            assert cur.execute("SELECT count(*) FROM stg_deals").fetchone()[0] > 0
        # the Time page's tables are in the copy too (COPY FROM DATABASE takes every table)
        assert snapshot(copy, "demo") == snapshot(source, "demo")
    finally:
        copy.close()


def test_cli_workspace_commands_round_trip(source, tmp_path):
    db = source.path
    source.close()  # the CLI opens the file itself (one process per file)
    archive = tmp_path / "cli.zip"
    fresh = tmp_path / "cli-fresh.duckdb"
    steps = [
        (["workspace", "create", "Marketing", "--db", db], "created workspace marketing"),
        (["workspace", "rename", "marketing", "Marketing team", "--db", db], "Marketing team"),
        (["workspace", "export", "demo", archive, "--db", db], "leads_raw"),
        (["workspace", "import", archive, "--name", "Copy", "--db", fresh], "«Copy»"),
        (["workspace", "list", "--db", fresh], "copy\tCopy"),
        (["workspace", "delete", "marketing", "--yes", "--db", db], "deleted workspace marketing"),
        (["backup", tmp_path / "bk", "--db", db], "database copied to"),
    ]
    for argv, expected in steps:
        res = run_cli(*argv)
        assert res.returncode == 0, (argv, res.stderr)
        assert expected in res.stdout, (argv, res.stdout)
    res = run_cli("workspace", "import", tmp_path / "nothing.zip", "--db", fresh)
    assert res.returncode == 3 and "not a zip" in res.stderr
    a, b = Store(db), Store(fresh)
    try:
        assert snapshot(a, "demo") == snapshot(b, "copy")
    finally:
        a.close()
        b.close()
    assert len(list((tmp_path / "bk").glob("funnel-*.duckdb"))) == 1
