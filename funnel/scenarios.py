"""Saved scenarios: every input of a plan under a name, in the workspace; one may be marked as
the plan for a period (plan_from..plan_to), which the overview compares with the fact.

Every write takes ``actor`` and checks the role (edit_scenarios) before touching the table,
and bumps the workspace's data version in the same transaction.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date

from funnel import access
from funnel.errors import ValidationError
from funnel.model.active import ActivePlan
from funnel.model.edits import FIGURES, Edits
from funnel.model.plan import Plan
from funnel.workspace import bump_version, get_workspace

MAX_NAME = 80


EDITS_KEY = "edits"  # beside the plan's inputs in the stored JSON: the stage-chain and channel-mix edits
ACTIVE_KEY = "active"  # and the active-sales plan's inputs (ActivePlan.inputs()), when the plan has one
# and the stage chain's and channel mix's figures as the planner showed them when it was saved
# (funnel.model.edits.figures): the mix is the baseline's of that day, which the levers do not hold
TABLES_KEY = "tables"


@dataclass(frozen=True)
class Scenario:
    """``inputs``: the plan's levers (Plan.inputs()); ``edits_data``: the table edits as stored
    ({} when none; read through ``edits()``, which checks them); ``active_data``: the
    active-sales plan's inputs as stored (None when the scenario has none, as every scenario saved
    before it existed; read through ``active()``); ``tables_data``: the chain's and mix's figures
    as saved (None for a scenario saved before they were; read through ``tables()``)."""

    name: str
    inputs: dict
    is_plan: bool
    plan_from: date | None
    plan_to: date | None
    edits_data: dict | None = None
    active_data: dict | None = None
    tables_data: dict | None = None

    def plan(self) -> Plan:
        """The saved plan; ValidationError when the stored inputs are not a plan's (a row written
        by hand or by an old import: the Scenarios tab then shows "—" for it, never a traceback)."""
        if not isinstance(self.inputs, dict):
            raise _refuse("inputs", "the saved inputs are not a plan's.", "planner.err.bad_scenario", name=self.name)
        return Plan.from_inputs(self.inputs)

    def edits(self) -> Edits:
        """The stage-chain and channel-mix edits saved with the scenario (ValidationError if the
        stored ones are malformed, e.g. from a hand-edited import)."""
        return Edits.from_dict(self.edits_data or None)

    def active(self) -> ActivePlan | None:
        """The active-sales plan saved with the scenario, or None when it has none
        (ValidationError if the stored inputs are not an active plan's)."""
        if self.active_data is None:
            return None
        if not isinstance(self.active_data, dict):
            raise _refuse(
                ACTIVE_KEY,
                "the saved active-sales inputs are not a plan's.",
                "planner.err.bad_scenario",
                name=self.name,
            )
        return ActivePlan.from_inputs(self.active_data)

    def tables(self) -> dict | None:
        """The stage chain's and channel mix's figures (funnel.model.edits.FIGURES: a share, money
        or None each) as the planner showed them when the scenario was saved; None when it was
        saved before they were kept; a figure missing from them None (ValidationError if the stored ones
        are not such figures, or name one that is not)."""
        if self.tables_data is None:
            return None
        data = self.tables_data
        if (
            not isinstance(data, dict)
            or not set(data) <= set(FIGURES)
            or not all(v is None or _finite(v) for v in data.values())
        ):
            message = "the saved chain and mix figures are not numbers."
            raise _refuse(TABLES_KEY, message, "planner.err.bad_scenario", name=self.name)
        # a figure the scenario was saved without (a version that kept fewer) is unknown: "—"
        return {k: None if data.get(k) is None else float(data[k]) for k in FIGURES}


def _finite(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def stored(name: str, inputs, is_plan: bool = False, plan_from=None, plan_to=None) -> Scenario:
    """A scenario from its stored JSON ``inputs`` (parsed): the plan's levers, with the edits,
    the active-sales plan and the tables' figures taken out of them (as the table and an
    archive's scenarios.json hold them)."""
    parts = {}
    if isinstance(inputs, dict):
        inputs = dict(inputs)
        parts = {key: inputs.pop(key, None) for key in (EDITS_KEY, ACTIVE_KEY, TABLES_KEY)}
    return Scenario(
        name, inputs, is_plan, plan_from, plan_to, parts.get(EDITS_KEY), parts.get(ACTIVE_KEY), parts.get(TABLES_KEY)
    )


def _refuse(field: str, message: str, key: str, **params) -> ValidationError:
    err = ValidationError(f"{field}: {message}")
    err.field, err.key, err.params = field, key, params
    return err


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > MAX_NAME:
        raise _refuse(
            "name", f"a scenario needs a name of 1 to {MAX_NAME} characters.", "planner.err.name_length", max=MAX_NAME
        )
    return name


def _guard(cur, workspace_id: str, actor) -> None:
    ws = get_workspace(cur, workspace_id)
    if ws is None:
        raise _refuse(
            "workspace", f"no workspace «{workspace_id}».", "planner.err.no_workspace", workspace=workspace_id
        )
    access.require(actor, "edit_scenarios", workspace_id, is_demo=ws.is_demo)


def _exists(cur, workspace_id: str, name: str) -> bool:
    return (
        cur.execute(
            "SELECT count(*) FROM scenarios WHERE workspace_id = ? AND name = ?", [workspace_id, name]
        ).fetchone()[0]
        > 0
    )


def save_scenario(
    cur,
    workspace_id: str,
    name: str,
    plan: Plan,
    *,
    actor,
    overwrite: bool = False,
    edits: Edits | None = None,
    active: ActivePlan | None = None,
    tables: dict | None = None,
) -> None:
    """Store every input of ``plan``, the stage-chain and channel-mix ``edits``, the
    active-sales plan ``active`` (when there is one) and the chain's and mix's figures ``tables``
    as the planner shows them (funnel.model.edits.figures; when given), as JSON under ``name``.
    An existing name is refused unless ``overwrite`` (then its inputs are replaced and its plan
    marking kept)."""
    name = _clean_name(name)
    _guard(cur, workspace_id, actor)
    data = plan.inputs()
    if edits:
        data[EDITS_KEY] = edits.to_dict()
    if active is not None:
        data[ACTIVE_KEY] = active.inputs()
    if tables is not None:
        data[TABLES_KEY] = {k: tables.get(k) for k in FIGURES}
    payload = json.dumps(data, ensure_ascii=False)
    if _exists(cur, workspace_id, name):
        if not overwrite:
            raise _refuse("name", f"a scenario «{name}» already exists.", "planner.err.name_taken", name=name)
        cur.execute(
            "UPDATE scenarios SET inputs = ?, updated_at = current_timestamp WHERE workspace_id = ? AND name = ?",
            [payload, workspace_id, name],
        )
    else:
        cur.execute(
            "INSERT INTO scenarios (workspace_id, name, inputs) VALUES (?, ?, ?)", [workspace_id, name, payload]
        )
    _bump_if_plan(cur, workspace_id, name)  # an overwritten plan changes plan-vs-fact


def _bump_if_plan(cur, workspace_id: str, name: str) -> None:
    """A new data version only when ``name`` is marked as a plan: the Overview's plan-vs-fact is
    the one cached figure that reads scenarios. Any other save, rename or delete leaves the
    version, and with it the shared per-version facts (about 10 s of CPU to rebuild at 10 M
    leads), alone; the Scenarios tab reads the list uncached."""
    row = cur.execute(
        "SELECT count(*) FROM scenarios WHERE workspace_id = ? AND name = ? AND is_plan", [workspace_id, name]
    ).fetchone()
    if row[0]:
        bump_version(cur, workspace_id)


def _row(r) -> Scenario:
    return stored(r[0], json.loads(r[1]), bool(r[2]), r[3], r[4])


def list_scenarios(cur, workspace_id: str) -> list[Scenario]:
    """Every saved scenario of the workspace, by name (case-insensitive); [] when none."""
    rows = cur.execute(
        "SELECT name, inputs, is_plan, plan_from, plan_to FROM scenarios WHERE workspace_id = ? ORDER BY lower(name)",
        [workspace_id],
    ).fetchall()
    return [_row(r) for r in rows]


def get_scenario(cur, workspace_id: str, name: str) -> Scenario | None:
    """The scenario called exactly ``name``, or None."""
    r = cur.execute(
        "SELECT name, inputs, is_plan, plan_from, plan_to FROM scenarios WHERE workspace_id = ? AND name = ?",
        [workspace_id, name],
    ).fetchone()
    return _row(r) if r else None


def _require_existing(cur, workspace_id: str, name: str) -> None:
    if not _exists(cur, workspace_id, name):
        raise _refuse("name", f"no scenario «{name}».", "planner.err.no_scenario", name=name)


def rename_scenario(cur, workspace_id: str, old: str, new: str, *, actor) -> None:
    """Rename ``old`` to ``new`` (its plan marking moves with it); a taken name is refused."""
    new = _clean_name(new)
    _guard(cur, workspace_id, actor)
    _require_existing(cur, workspace_id, old)
    if new != old and _exists(cur, workspace_id, new):
        raise _refuse("name", f"a scenario «{new}» already exists.", "planner.err.name_taken", name=new)
    cur.execute(
        "UPDATE scenarios SET name = ?, updated_at = current_timestamp WHERE workspace_id = ? AND name = ?",
        [new, workspace_id, old],
    )
    _bump_if_plan(cur, workspace_id, new)


def delete_scenario(cur, workspace_id: str, name: str, *, actor) -> None:
    """Delete ``name`` (and with it any plan marking); an unknown name is refused."""
    _guard(cur, workspace_id, actor)
    _require_existing(cur, workspace_id, name)
    _bump_if_plan(cur, workspace_id, name)  # before it goes: a deleted plan leaves plan-vs-fact
    cur.execute("DELETE FROM scenarios WHERE workspace_id = ? AND name = ?", [workspace_id, name])


def mark_plan(cur, workspace_id: str, name: str, plan_from: date, plan_to: date, *, actor) -> None:
    """Mark ``name`` as the plan for plan_from..plan_to (inclusive). Any other plan whose period
    overlaps loses its marking, so a day is covered by at most one plan."""
    _guard(cur, workspace_id, actor)
    _require_existing(cur, workspace_id, name)
    if plan_from is None or plan_to is None or plan_from > plan_to:
        raise _refuse("plan_to", "the plan's period must end on or after its start.", "planner.err.plan_period")
    cur.execute(
        "UPDATE scenarios SET is_plan = false, plan_from = NULL, plan_to = NULL "
        "WHERE workspace_id = ? AND is_plan AND name <> ? AND plan_from <= ? AND plan_to >= ?",
        [workspace_id, name, plan_to, plan_from],
    )
    cur.execute(
        "UPDATE scenarios SET is_plan = true, plan_from = ?, plan_to = ?, updated_at = current_timestamp "
        "WHERE workspace_id = ? AND name = ?",
        [plan_from, plan_to, workspace_id, name],
    )
    bump_version(cur, workspace_id)


def unmark_plan(cur, workspace_id: str, name: str, *, actor) -> None:
    """``name`` is no longer a plan; the overview then shows no plan for its period."""
    _guard(cur, workspace_id, actor)
    _require_existing(cur, workspace_id, name)
    cur.execute(
        "UPDATE scenarios SET is_plan = false, plan_from = NULL, plan_to = NULL WHERE workspace_id = ? AND name = ?",
        [workspace_id, name],
    )
    bump_version(cur, workspace_id)


def plan_for(cur, workspace_id: str, date_from: date, date_to: date) -> Scenario | None:
    """The plan scenario that overlaps date_from..date_to most (the latest start on a tie)."""
    r = cur.execute(
        "SELECT name, inputs, is_plan, plan_from, plan_to FROM scenarios "
        "WHERE workspace_id = ? AND is_plan AND plan_from <= ? AND plan_to >= ? "
        "ORDER BY least(plan_to, CAST(? AS DATE)) - greatest(plan_from, CAST(? AS DATE)) DESC, plan_from DESC LIMIT 1",
        [workspace_id, date_to, date_from, date_to, date_from],
    ).fetchone()
    return _row(r) if r else None
