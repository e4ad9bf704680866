"""Workspaces, the stage ladder and its aliases, and scenarios written on both engines: the same
calls leave the same rows on the DuckDB file and on a PostgreSQL server."""

from __future__ import annotations

from datetime import date

import pytest

from funnel import administration
from funnel.errors import ValidationError
from funnel.ladder import get_aliases, get_ladder, save_ladder, set_alias
from funnel.model.plan import Plan
from funnel.scenarios import delete_scenario, get_scenario, list_scenarios, mark_plan, rename_scenario, save_scenario
from tests.ingest.helpers import ADMIN, load_file, write

TABLES = {"chain_conversion": 0.05, "mix_budget": 125_607.5, "mix_turnover": None, "mix_romi": None}


def _story(store, tmp_path) -> dict:
    seen: dict = {}
    with store.transaction() as cur:
        ws = administration.create(cur, "Acme", actor=ADMIN).id
        administration.rename(cur, ws, "Acme Ltd", actor=ADMIN)
        ladder = get_ladder(cur, ws)
        save_ladder(
            cur, ws, ladder.iloc[::-1].reset_index(drop=True).assign(position=range(1, len(ladder) + 1)), actor=ADMIN
        )
        last = str(ladder.iloc[-1]["name"])
        set_alias(cur, ws, "Сделка выиграна", last, actor=ADMIN)
        save_scenario(cur, ws, "Рост", Plan(120, 0.05, 150_000), actor=ADMIN)
        # the chain's and mix's figures as the planner showed them travel in the JSON (None: "—")
        save_scenario(cur, ws, "Рост", Plan(130, 0.05, 150_000), actor=ADMIN, overwrite=True, tables=TABLES)
        with pytest.raises(ValidationError):
            save_scenario(cur, ws, "Рост", Plan(1, 0.05, 1), actor=ADMIN)  # taken, not overwritten
        save_scenario(cur, ws, "Спад", Plan(80, 0.04, 90_000), actor=ADMIN)
        rename_scenario(cur, ws, "Спад", "Осторожный", actor=ADMIN)
        mark_plan(cur, ws, "Рост", date(2026, 1, 1), date(2026, 12, 31), actor=ADMIN)
    with store.cursor() as cur:
        seen["ladder"] = [tuple(r) for r in get_ladder(cur, ws)[["position", "name", "kind"]].itertuples(index=False)]
        seen["aliases"] = [tuple(r) for r in get_aliases(cur, ws).itertuples(index=False)]
        seen["scenarios"] = [(s.name, s.is_plan, s.plan_from, s.plan_to) for s in list_scenarios(cur, ws)]
        seen["growth"] = get_scenario(cur, ws, "Рост").inputs
        seen["growth_tables"] = get_scenario(cur, ws, "Рост").tables()
        seen["name"] = cur.execute("SELECT name FROM workspaces WHERE id = ?", [ws]).fetchone()[0]
    assert seen["name"] == "Acme Ltd"
    assert seen["scenarios"] == [
        ("Осторожный", False, None, None),
        ("Рост", True, date(2026, 1, 1), date(2026, 12, 31)),
    ]
    assert seen["growth"] == Plan(130, 0.05, 150_000).inputs()
    assert seen["growth_tables"] == TABLES
    assert seen["ladder"][0][1] == last  # the ladder saved reversed
    assert [a[:2] for a in seen["aliases"]] == [("сделка выиграна", last)]  # kept lower-cased
    with store.transaction() as cur:
        delete_scenario(cur, ws, "Осторожный", actor=ADMIN)
    load_file(store, ws, write(tmp_path, "leads.csv", "id,created\nL1,2025-01-01\n"), "leads")
    with store.transaction() as cur:
        administration.delete(cur, ws, actor=ADMIN)
    with store.cursor() as cur:
        left = {
            t: cur.execute(f"SELECT count(*) FROM {t} WHERE workspace_id = ?", [ws]).fetchone()[0]
            for t in ("stages", "stage_aliases", "scenarios", "uploads", "leads_raw")
        }
    assert left == dict.fromkeys(left, 0)  # the workspace and everything of it gone
    return seen


def test_workspace_ladder_and_scenario_edits_leave_the_same_rows_on_both_engines(both, tmp_path):
    duck, pg = both
    (tmp_path / "d").mkdir()
    (tmp_path / "p").mkdir()
    assert _story(pg, tmp_path / "p") == _story(duck, tmp_path / "d")
