"""Every write in funnel refuses a role that may not make it, on the server side, and changes
nothing: called directly (no page, no hidden button), with a viewer, an editor on the demo,
and a user with no role in the workspace."""

import hashlib

import pytest

from funnel import ingest, ladder, scenarios, workspace
from funnel.access import CLI_USER, User
from funnel.db import Store
from funnel.errors import AccessDenied, FunnelError
from funnel.model.plan import Plan

VIEWER = User("viewer", default_role="viewer")
EDITOR = User("editor", default_role="editor")
STRANGER = User("stranger", default_role=None, roles=(("elsewhere", "admin"),))
TABLES = (
    "workspaces",
    "stages",
    "stage_aliases",
    "uploads",
    "leads_raw",
    "deals_raw",
    "stage_history_raw",
    "spend_raw",
    "scenarios",
)


def fingerprint(store) -> str:
    """A hash of every row of every table: any change at all shows."""
    h = hashlib.sha256()
    with store.cursor() as cur:
        for t in TABLES:
            rows = cur.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()  # t: constant
            h.update(repr(rows).encode())
    return h.hexdigest()


@pytest.fixture
def db(tmp_path):
    s = Store(tmp_path / "roles.duckdb")
    with s.transaction() as cur:  # a small stand-in for the demo: same id, same read-only flag
        workspace.create_workspace(cur, "Demo", workspace_id="demo", is_demo=True)
        workspace.create_workspace(cur, "Sales", workspace_id="sales")
    csv = tmp_path / "leads.csv"
    csv.write_text("lead_id,created_at,channel\nA1,2026-01-05 10:00,SEO\nA2,2026-01-06 11:00,Email\n")
    result = ingest.load(s, csv, "leads.csv", "leads", workspace_id="sales", actor=CLI_USER)
    with s.transaction() as cur:
        scenarios.save_scenario(cur, "sales", "Base", Plan(leads=100, conversion=0.1, avg_check=1000), actor=CLI_USER)
    csv2 = tmp_path / "more.csv"
    csv2.write_text("lead_id,created_at,channel\nB1,2026-02-05 10:00,SEO\n")
    yield s, result.upload_id, csv2
    s.close()


def writes(store, upload_id, csv):
    """(name, workspace, call) for every write a page can trigger."""
    plan = Plan(leads=50, conversion=0.2, avg_check=500)

    def tx(fn):
        def run(actor, ws):
            with store.transaction() as cur:
                fn(cur, actor, ws)

        return run

    return {
        "ingest.load": lambda actor, ws: ingest.load(store, csv, "more.csv", "leads", workspace_id=ws, actor=actor),
        "ingest.undo_upload": lambda actor, ws: ingest.undo_upload(store, ws, upload_id, actor=actor),
        "ladder.save_ladder": tx(
            lambda cur, a, ws: ladder.save_ladder(cur, ws, list(ladder.DEFAULT_LADDER)[:-1], actor=a)
        ),
        "ladder.reset_ladder": tx(lambda cur, a, ws: ladder.reset_ladder(cur, ws, actor=a)),
        "ladder.set_alias": tx(lambda cur, a, ws: ladder.set_alias(cur, ws, "won!", "Deal done", actor=a)),
        "ladder.delete_alias": tx(lambda cur, a, ws: ladder.delete_alias(cur, ws, "won!", actor=a)),
        "ladder.add_stage": tx(lambda cur, a, ws: ladder.add_stage(cur, ws, "Demo call", actor=a, probability=0.3)),
        "workspace.set_currency": tx(lambda cur, a, ws: workspace.set_currency(cur, ws, "$", actor=a)),
        "scenarios.save_scenario": tx(lambda cur, a, ws: scenarios.save_scenario(cur, ws, "New", plan, actor=a)),
        "scenarios.rename_scenario": tx(
            lambda cur, a, ws: scenarios.rename_scenario(cur, ws, "Base", "Renamed", actor=a)
        ),
        "scenarios.delete_scenario": tx(lambda cur, a, ws: scenarios.delete_scenario(cur, ws, "Base", actor=a)),
        "scenarios.mark_plan": tx(
            lambda cur, a, ws: scenarios.mark_plan(
                cur,
                ws,
                "Base",
                __import__("datetime").date(2026, 1, 1),
                __import__("datetime").date(2026, 12, 31),
                actor=a,
            )
        ),
    }


NAMES = list(writes(None, 0, None))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "actor,ws",
    [(VIEWER, "sales"), (STRANGER, "sales"), (EDITOR, "demo"), (VIEWER, "demo")],
    ids=["viewer", "no-role", "editor-on-demo", "viewer-on-demo"],
)
def test_write_refused_and_nothing_changes(db, name, actor, ws):
    store, upload_id, csv = db
    before = fingerprint(store)
    with pytest.raises(AccessDenied):
        writes(store, upload_id, csv)[name](actor, ws)
    assert fingerprint(store) == before


@pytest.mark.parametrize(
    "name",
    ["ingest.load", "ladder.set_alias", "scenarios.save_scenario", "workspace.set_currency", "ingest.undo_upload"],
)
def test_editor_may_write_in_own_workspace(db, name):
    """The rules are not simply "refuse everyone": an editor's write goes through."""
    store, upload_id, csv = db
    before = fingerprint(store)
    try:
        writes(store, upload_id, csv)[name](EDITOR, "sales")
    except AccessDenied:
        pytest.fail(f"{name} refused an editor in their own workspace")
    except FunnelError:
        pass  # a data-level refusal is not a role refusal
    assert fingerprint(store) != before
