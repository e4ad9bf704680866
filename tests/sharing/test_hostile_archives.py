"""Hostile workspace archives (issue 17), generated here from one small good export (no large
file is committed): each is refused with a message naming the part, entry and field, never a
traceback, and leaves the database as it was. Nothing is unpacked past the checks."""

from __future__ import annotations

import io
import json
import zipfile

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from funnel import archive_check, portable
from funnel.access import CLI_USER
from funnel.archive_check import ArchiveError
from funnel.db import Store
from funnel.metrics.maturity import SETTING
from funnel.model.plan import Plan, evaluate
from funnel.scenarios import list_scenarios, save_scenario
from funnel.workspace import TIME_TABLES, create_workspace, list_workspaces
from tests.conftest import insert

# the chain's and mix's figures as the planner showed them when "Growth" was saved (the mix's ROMI unknown)
TABLES = {"chain_conversion": 0.05, "mix_budget": 10_000.0, "mix_turnover": 25_000.0, "mix_romi": None}


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> bytes:
    tmp = tmp_path_factory.mktemp("archives")
    store = Store(tmp / "src.duckdb")
    with store.transaction() as cur:
        create_workspace(cur, "Sales", workspace_id="sales")
    insert(
        store, "sales", "leads", [{"lead_id": f"L{i}", "created_at": "2026-03-01", "channel": "SEO"} for i in range(5)]
    )
    with store.transaction() as cur:
        plan = Plan(leads=100, conversion=0.05, avg_check=1000)
        save_scenario(cur, "sales", "Growth", plan, actor=CLI_USER, tables=TABLES)
        # one row in each of the Time page's tables (format 2), so each new part is exercised
        cur.execute("INSERT INTO workspace_settings (workspace_id, key, value) VALUES ('sales', ?, '45')", [SETTING])
        cur.execute(
            "INSERT INTO deal_snoozes (workspace_id, deal_id, snoozed_until, reason) VALUES ('sales', 'D1', '2026-04-01', 'holiday')"
        )
        cur.execute(
            "INSERT INTO forecast_snapshots (workspace_id, taken_at, horizon, period_start, period_end, p50) "
            "VALUES ('sales', '2026-03-01 09:00', 'month', '2026-04-01', '2026-04-30', 1000)"
        )
        cur.execute(
            "INSERT INTO goals (workspace_id, month, dimension, metric, target) VALUES ('sales', '2026-04-01', 'total', 'leads', 50)"
        )
    with store.cursor() as cur:
        portable.export_workspace(cur, "sales", tmp / "good.zip", actor=CLI_USER)
    store.close()
    return (tmp / "good.zip").read_bytes()


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def build(parts: dict[str, bytes], extra: list[tuple[str, bytes]] = ()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in list(parts.items()) + list(extra):
            zf.writestr(name, data)
    return out.getvalue()


def with_json(good: bytes, name: str, change) -> bytes:
    parts = members(good)
    value = json.loads(parts[name])
    parts[name] = json.dumps(change(value)).encode()
    return build(parts)


def with_table(good: bytes, table: str, change) -> bytes:
    parts = members(good)
    arrow = pq.read_table(io.BytesIO(parts[f"tables/{table}.parquet"]))
    sink = io.BytesIO()
    pq.write_table(change(arrow), sink)
    parts[f"tables/{table}.parquet"] = sink.getvalue()
    return build(parts)


def whitespace_bomb(good: bytes) -> bytes:
    # valid JSON followed by 40 MB of spaces: packs to ~40 KB (the reported one: 1.2 MB → 1.2 GB)
    parts = members(good)
    parts["ladder.json"] = parts["ladder.json"] + b" " * (40 * 1024 * 1024)
    return build(parts)


def set_key(obj, key, value):
    obj[key] = value
    return obj


def first(change):
    def apply(items):
        change(items[0])
        return items

    return apply


CASES = {
    "not-a-zip": (lambda g: b"PK\x03\x04 not really", "not a zip file"),
    "whitespace-bomb": (whitespace_bomb, "ladder.json unpacks to 41 MB"),
    "10001-members": (
        lambda g: build(members(g), [(f"x/{i}", b"") for i in range(10_001)]),
        "holds 10015 files; a workspace export holds exactly 14",
    ),
    "path-member": (lambda g: build(members(g), [("../../etc/evil", b"x")]), "holds 15 files"),
    "missing-part": (
        lambda g: build({k: v for k, v in members(g).items() if k != "aliases.json"}),
        "missing aliases.json",
    ),
    "bad-json": (lambda g: build({**members(g), "workspace.json": b"{not json"}), "workspace.json is not valid JSON"),
    "format": (lambda g: with_json(g, "manifest.json", lambda m: set_key(m, "format", "2")), "export format '2'"),
    "format-newer": (
        lambda g: with_json(g, "manifest.json", lambda m: set_key(m, "format", 3)),
        "export format 3 was made by a newer version of Funnel Planner; this one reads formats 1 to 2",
    ),
    "no-manifest": (
        lambda g: build({k: v for k, v in members(g).items() if k != "manifest.json"}),
        "missing manifest.json",
    ),
    "format-1-with-time-parts": (
        lambda g: with_json(g, "manifest.json", lambda m: set_key(m, "format", 1)),
        "holds 14 files; a workspace export holds exactly 10",
    ),
    "missing-settings-part": (
        lambda g: build({k: v for k, v in members(g).items() if k != "settings.json"}),
        "missing settings.json",
    ),
    "rows-no-goals": (
        lambda g: with_json(g, "manifest.json", lambda m: set_key(m, "rows", {**m["rows"], "goals": None})),
        "manifest.json rows: «goals» is missing",
    ),
    # the Time page's parts (format 2), one hostile case or more for each
    "settings-bad-json": (
        lambda g: build({**members(g), "settings.json": b'[{"key": '}),
        "settings.json is not valid JSON",
    ),
    "settings-oversized": (
        lambda g: build({**members(g), "settings.json": b"[]" + b" " * (17 * 1024 * 1024)}),
        "settings.json unpacks to 18 MB; a settings part may hold at most 16 MB",  # 17 MB + 2 bytes, rounded up
    ),
    "settings-not-a-list": (
        lambda g: with_json(g, "settings.json", lambda v: {"a": 1}),
        "settings.json should hold a list",
    ),
    "settings-window-text": (
        lambda g: with_json(g, "settings.json", first(lambda s: set_key(s, "value", "ninety"))),
        "settings.json, entry 1 («conversion_window_days»): «value» is 'ninety'; expected whole days from 1 to 3650",
    ),
    "settings-twice": (lambda g: with_json(g, "settings.json", lambda v: v + v), "is listed twice"),
    "settings-teams-a-list": (
        lambda g: with_json(g, "settings.json", lambda v: v + [{"key": "owner_teams", "value": ["Anna", "North"]}]),
        "(«owner_teams»): «value»: an object of owner → team expected, got list",
    ),
    "settings-teams-empty-team": (
        lambda g: with_json(g, "settings.json", lambda v: v + [{"key": "owner_teams", "value": {"Anna": " "}}]),
        "(«owner_teams»): «value»: owner 'Anna' → team ' ': names of 1 to 200 characters expected",
    ),
    "snoozes-parquet-garbage": (
        lambda g: build({**members(g), "tables/deal_snoozes.parquet": b"PAR1garbagePAR1"}),
        "tables/deal_snoozes.parquet is not a readable Parquet file",
    ),
    "snoozes-extra-column": (
        lambda g: with_table(g, "deal_snoozes", lambda a: a.append_column("workspace_id", pa.array(["kept"]))),
        "tables/deal_snoozes.parquet: its columns are not the export's (unknown workspace_id)",
    ),
    "snapshots-missing-column": (
        lambda g: with_table(g, "forecast_snapshots", lambda a: a.drop_columns(["p50"])),
        "tables/forecast_snapshots.parquet: its columns are not the export's (missing p50)",
    ),
    "snapshots-horizon": (
        lambda g: with_table(
            g,
            "forecast_snapshots",
            lambda a: a.set_column(a.column_names.index("horizon"), "horizon", pa.array(["year"])),
        ),
        "tables/forecast_snapshots.parquet: «horizon» is 'year'; expected one of month, quarter",
    ),
    "goals-parquet-garbage": (
        lambda g: build({**members(g), "tables/goals.parquet": b"PAR1\x00\x00PAR1"}),
        "tables/goals.parquet is not a readable Parquet file",
    ),
    "goals-target-text": (
        lambda g: with_table(
            g, "goals", lambda a: a.set_column(a.column_names.index("target"), "target", pa.array(["fifty"]))
        ),
        "tables/goals.parquet: column «target» holds string; expected numbers",
    ),
    "goals-metric": (
        lambda g: with_table(
            g, "goals", lambda a: a.set_column(a.column_names.index("metric"), "metric", pa.array(["profit"]))
        ),
        "tables/goals.parquet: «metric» is 'profit'; expected one of revenue, won, leads",
    ),
    "no-rows": (
        lambda g: with_json(g, "manifest.json", lambda m: {k: v for k, v in m.items() if k != "rows"}),
        "manifest.json: «rows» is missing",
    ),
    "rows-null": (
        lambda g: with_json(g, "manifest.json", lambda m: set_key(m, "rows", {**m["rows"], "uploads": None})),
        "manifest.json rows: «uploads» is missing; expected a whole number",
    ),
    "rows-wrong": (
        lambda g: with_json(g, "manifest.json", lambda m: set_key(m, "rows", {**m["rows"], "leads_raw": 7})),
        "tables/leads_raw.parquet has 5 rows, the manifest says 7",
    ),
    "ladder-no-position": (
        lambda g: with_json(g, "ladder.json", first(lambda s: s.pop("position"))),
        "ladder.json, entry 1: «position» is missing; expected a whole number",
    ),
    "ladder-probability": (
        lambda g: with_json(g, "ladder.json", first(lambda s: set_key(s, "probability", "high"))),
        "ladder.json, entry 1: «probability» is 'high'; expected a number from 0 to 1",
    ),
    "ladder-not-a-list": (lambda g: with_json(g, "ladder.json", lambda v: {"a": 1}), "ladder.json should hold a list"),
    "ladder-no-won": (
        lambda g: with_json(g, "ladder.json", lambda v: [s for s in v if s["kind"] != "won"]),
        "no stage of kind «won»",
    ),
    "alias-nested": (
        lambda g: with_json(g, "aliases.json", lambda v: [{"alias": [["x"]], "stage": "Deal done"}]),
        "aliases.json, entry 1: «alias» is [['x']]",
    ),
    "scenario-inputs-nested-list": (
        lambda g: with_json(g, "scenarios.json", first(lambda s: set_key(s, "inputs", [[1, 2], [3]]))),
        "scenarios.json, entry 1 («Growth»): «inputs» should be an object of plan inputs; it is list",
    ),
    "scenario-lever-nested-list": (
        lambda g: with_json(
            g, "scenarios.json", first(lambda s: set_key(s, "inputs", {**json.loads(s["inputs"]), "leads": [[1]]}))
        ),
        "(«Growth»): leads: must be a number",
    ),
    "scenario-edits-nested-list": (
        lambda g: with_json(
            g, "scenarios.json", first(lambda s: set_key(s, "inputs", {**json.loads(s["inputs"]), "edits": [[1]]}))
        ),
        "(«Growth»): edits",
    ),
    "scenario-tables-text": (
        lambda g: with_json(
            g,
            "scenarios.json",
            first(lambda s: set_key(s, "inputs", {**json.loads(s["inputs"]), "tables": {**TABLES, "mix_romi": "4"}})),
        ),
        "(«Growth»): tables: the saved chain and mix figures are not numbers",
    ),
    "scenario-tables-unknown": (
        lambda g: with_json(
            g,
            "scenarios.json",
            first(lambda s: set_key(s, "inputs", {**json.loads(s["inputs"]), "tables": {**TABLES, "mix_cac": 1.0}})),
        ),
        "(«Growth»): tables",
    ),
    "scenario-date": (
        lambda g: with_json(g, "scenarios.json", first(lambda s: set_key(s, "plan_from", "31.02.2026"))),
        "«plan_from» is '31.02.2026'; expected a date",
    ),
    "upload-id-null": (
        lambda g: with_table(g, "uploads", lambda a: a.set_column(0, "id", pa.array([None] * a.num_rows, pa.int64()))),
        "every upload needs its own whole-number «id»",
    ),
    "parquet-garbage": (
        lambda g: build({**members(g), "tables/spend_raw.parquet": b"PAR1garbagePAR1"}),
        "tables/spend_raw.parquet is not a readable Parquet file",
    ),
    "wrong-column-type": (
        lambda g: with_table(
            g,
            "leads_raw",
            lambda a: a.set_column(
                a.column_names.index("created_at"), "created_at", pa.array(["not a date"] * a.num_rows)
            ),
        ),
        "its rows do not fit this app's tables",
    ),
}


@pytest.fixture
def target(tmp_path):
    store = Store(tmp_path / "target.duckdb")
    with store.transaction() as cur:
        create_workspace(cur, "Kept", workspace_id="kept")
    yield store
    store.close()


def state(store) -> tuple:
    with store.cursor() as cur:
        spaces = [(w.id, w.name) for w in list_workspaces(cur)]
        counts = [
            cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("uploads", "leads_raw", "stages", "stage_aliases", "scenarios", *TIME_TABLES)
        ]
    return spaces, counts


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_archive_is_refused_and_changes_nothing(good, target, tmp_path, case):
    make, expected = CASES[case]
    path = tmp_path / "hostile.zip"
    path.write_bytes(make(good))
    before = state(target)
    with pytest.raises(ArchiveError) as err:
        with target.transaction() as cur:
            portable.import_workspace(cur, path, actor=CLI_USER)
    assert str(err.value).startswith("hostile.zip: ")
    assert expected in str(err.value), str(err.value)
    assert state(target) == before


def test_the_good_archive_imports_and_its_scenario_opens(good, target, tmp_path):
    # the control for every case above: the same archive, unchanged, imports
    path = tmp_path / "good.zip"
    path.write_bytes(good)
    with target.transaction() as cur:
        w = portable.import_workspace(cur, path, actor=CLI_USER)
    with target.cursor() as cur:
        (sc,) = list_scenarios(cur, w.id)
    assert evaluate(sc.plan())["turnover"] == pytest.approx(100 * 0.05 * 1000)  # 5 000, by hand
    assert sc.tables() == TABLES  # the chain and mix as saved travel with it


def test_the_unpacked_size_limit_is_read_from_the_zip_directory(good, target, tmp_path, monkeypatch):
    monkeypatch.setattr(archive_check, "MAX_UNPACKED_MB", 0)
    path = tmp_path / "small.zip"
    path.write_bytes(good)
    with pytest.raises(ArchiveError, match=r"unpacks to 1 MB, over the limit of 0 MB"):
        with target.transaction() as cur:
            portable.import_workspace(cur, path, actor=CLI_USER)


@pytest.mark.parametrize("table", portable.TIME_ROW_TABLES)
def test_a_time_table_over_its_row_limit_is_refused_from_its_footer(good, target, tmp_path, monkeypatch, table):
    # each Time page table holds 1 row in the good archive; doubled to 2 against a limit of 1
    monkeypatch.setattr(archive_check, "MAX_TIME_ROWS", 1)
    data = with_table(good, table, lambda a: pa.concat_tables([a, a]))
    parts = members(data)
    manifest = json.loads(parts["manifest.json"])
    manifest["rows"][table] = 2
    path = tmp_path / "big.zip"
    path.write_bytes(build({**parts, "manifest.json": json.dumps(manifest).encode()}))
    with pytest.raises(ArchiveError, match=rf"tables/{table}.parquet has 2 rows; at most 1\."):
        with target.transaction() as cur:
            portable.import_workspace(cur, path, actor=CLI_USER)


def test_a_format_1_archive_still_imports_with_the_time_tables_empty(good, target, tmp_path):
    # an archive as format 1 wrote it: no settings.json, no Time page tables, format 1
    time_parts = {"settings.json"} | {f"tables/{t}.parquet" for t in portable.TIME_ROW_TABLES}
    parts = {k: v for k, v in members(good).items() if k not in time_parts}
    manifest = json.loads(parts["manifest.json"])
    manifest["format"] = 1
    manifest["rows"] = {t: n for t, n in manifest["rows"].items() if t in portable.ROW_TABLES}
    path = tmp_path / "old.zip"
    path.write_bytes(build({**parts, "manifest.json": json.dumps(manifest).encode()}))
    with target.transaction() as cur:
        w = portable.import_workspace(cur, path, actor=CLI_USER)
    with target.cursor() as cur:
        leads = cur.execute("SELECT count(*) FROM leads_raw WHERE workspace_id = ?", [w.id]).fetchone()[0]
        time_rows = [
            cur.execute(f"SELECT count(*) FROM {t} WHERE workspace_id = ?", [w.id]).fetchone()[0] for t in TIME_TABLES
        ]
    assert (leads, time_rows) == (5, [0, 0, 0, 0])


def test_the_good_archive_brings_one_row_of_each_time_table(good, target, tmp_path):
    path = tmp_path / "good.zip"
    path.write_bytes(good)
    with target.transaction() as cur:
        w = portable.import_workspace(cur, path, actor=CLI_USER)
    with target.cursor() as cur:
        time_rows = [
            cur.execute(f"SELECT count(*) FROM {t} WHERE workspace_id = ?", [w.id]).fetchone()[0] for t in TIME_TABLES
        ]
    assert time_rows == [1, 1, 1, 1]
