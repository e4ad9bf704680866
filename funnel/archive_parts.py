"""The settings parts of a workspace archive (manifest.json, workspace.json, ladder.json,
aliases.json, scenarios.json and, from format 2, settings.json): each holding the fields and
types an export writes, within the limits of funnel.archive_check, or an ``ArchiveError``
naming the file, the part, the entry and the field. funnel.archive_check checks the zip and
the Parquet tables around them; funnel.portable runs both before anything is imported.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from funnel.archive_check import (
    MAX_ALIASES,
    MAX_SCENARIOS,
    MAX_SETTINGS,
    MAX_STAGES,
    MAX_TEXT,
    ArchiveError,
)
from funnel.stage import KINDS


# ---- the settings parts -----------------------------------------------------------------------
def _where(label: str, part: str, row: int | None) -> str:
    return f"{label}: {part}" + (f", entry {row}" if row is not None else "")


def _field(obj: dict, key: str, kind: str, where: str, *, optional: bool = False):
    """``obj[key]`` checked to be ``kind``: text, whole, number, share, bool, date, datetime."""
    if key not in obj or obj[key] is None:
        if optional:
            return None
        raise ArchiveError(f"{where}: «{key}» is missing; expected {_EXPECTED[kind]}.")
    v = obj[key]
    ok = {
        "text": lambda: isinstance(v, str) and 0 < len(v.strip()) <= MAX_TEXT,
        "whole": lambda: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
        "share": lambda: isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1,
        "bool": lambda: isinstance(v, bool),
        "date": lambda: isinstance(v, str) and _parses(date.fromisoformat, v),
        "datetime": lambda: isinstance(v, str) and _parses(datetime.fromisoformat, v),
    }[kind]()
    if not ok:
        shown = repr(v) if len(repr(v)) <= 60 else repr(v)[:57] + "…"
        raise ArchiveError(f"{where}: «{key}» is {shown}; expected {_EXPECTED[kind]}.")
    return v


_EXPECTED = {
    "text": f"text of 1 to {MAX_TEXT} characters",
    "whole": "a whole number ≥ 0",
    "share": "a number from 0 to 1",
    "bool": "true or false",
    "date": "a date such as 2026-01-31",
    "datetime": "a date and time such as 2026-01-31T12:00:00",
}


def _parses(fn, v: str) -> bool:
    try:
        fn(v)
    except ValueError:
        return False
    return True


def _list(value, part: str, label: str, most: int) -> list[dict]:
    if not isinstance(value, list):
        raise ArchiveError(f"{label}: {part} should hold a list; it holds {type(value).__name__}.")
    if len(value) > most:
        raise ArchiveError(f"{label}: {part} holds {len(value)} entries; at most {most} are accepted.")
    for i, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise ArchiveError(f"{_where(label, part, i)}: should be an object; it is {type(item).__name__}.")
    return value


def check_manifest(m, label: str, fmt: int, tables: tuple[str, ...]) -> dict[str, int]:
    """The manifest's row count per table (format checked first)."""
    if not isinstance(m, dict):
        raise ArchiveError(f"{label}: manifest.json should hold an object.")
    if m.get("format") != fmt:  # read_format has read it already; kept for callers of this alone
        raise ArchiveError(f"{label}: export format {m.get('format')!r} is not supported; expected {fmt}.")
    rows = m.get("rows")
    if not isinstance(rows, dict):
        raise ArchiveError(f"{label}: manifest.json: «rows» is missing; expected the row count of each table.")
    return {t: _field(rows, t, "whole", f"{label}: manifest.json rows") for t in tables}


def check_workspace(w, label: str) -> dict:
    if not isinstance(w, dict):
        raise ArchiveError(f"{label}: workspace.json should hold an object.")
    where = f"{label}: workspace.json"
    name = _field(w, "name", "text", where, optional=True)
    currency = w.get("currency")
    if currency is not None and not (isinstance(currency, str) and 0 < len(currency.strip()) <= 8):
        raise ArchiveError(f"{where}: «currency» is {currency!r}; expected 1 to 8 characters, e.g. ₽, $, EUR.")
    return {"name": name, "currency": currency}


def check_ladder(value, label: str) -> list[dict]:
    stages = _list(value, "ladder.json", label, MAX_STAGES)
    seen: set[str] = set()
    for i, s in enumerate(stages, start=1):
        where = _where(label, "ladder.json", i)
        _field(s, "position", "whole", where)
        name = _field(s, "name", "text", where)
        if name.strip().lower() in seen:
            raise ArchiveError(f"{where}: the stage «{name}» is listed twice.")
        seen.add(name.strip().lower())
        _field(s, "probability", "share", where)
        _field(s, "norm_days", "whole", where, optional=True)
        _field(s, "rot_days", "whole", where, optional=True)
        if s.get("kind") not in KINDS:
            raise ArchiveError(f"{where}: «kind» is {s.get('kind')!r}; expected one of {', '.join(KINDS)}.")
    if not any(s["kind"] == "won" for s in stages):
        raise ArchiveError(f"{label}: ladder.json has no stage of kind «won».")
    if len({s["position"] for s in stages}) != len(stages):
        raise ArchiveError(f"{label}: ladder.json gives two stages the same position.")
    return stages


def check_aliases(value, label: str) -> list[dict]:
    aliases = _list(value, "aliases.json", label, MAX_ALIASES)
    for i, a in enumerate(aliases, start=1):
        where = _where(label, "aliases.json", i)
        _field(a, "alias", "text", where)
        _field(a, "stage", "text", where)
    return aliases


def check_scenarios(value, label: str) -> list[dict]:
    """Each scenario's fields, and its inputs opened exactly as the Planner's Scenarios tab
    opens them (plan built and evaluated, edits read): one that would break the tab is refused."""
    from funnel.errors import ValidationError
    from funnel.model.plan import evaluate
    from funnel.scenarios import stored

    scenarios = _list(value, "scenarios.json", label, MAX_SCENARIOS)
    for i, s in enumerate(scenarios, start=1):
        where = _where(label, "scenarios.json", i)
        name = _field(s, "name", "text", where)
        where = f"{where} («{name}»)"
        _field(s, "is_plan", "bool", where)
        for key in ("plan_from", "plan_to"):
            _field(s, key, "date", where, optional=True)
        for key in ("created_at", "updated_at"):
            _field(s, key, "datetime", where, optional=True)
        raw = s.get("inputs")
        try:
            inputs = json.loads(raw) if isinstance(raw, str) else raw
        except (json.JSONDecodeError, RecursionError):
            raise ArchiveError(f"{where}: «inputs» is not valid JSON.") from None
        if not isinstance(inputs, dict):
            raise ArchiveError(f"{where}: «inputs» should be an object of plan inputs; it is {type(inputs).__name__}.")
        try:
            sc = stored(name, inputs, s["is_plan"])
            evaluate(sc.plan())
            sc.edits()
            sc.active()
            sc.tables()
        except ValidationError as exc:
            raise ArchiveError(f"{where}: {exc}") from None
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise ArchiveError(f"{where}: «inputs» cannot be opened as a plan ({exc.__class__.__name__}).") from None
    return scenarios


def check_settings(value, label: str) -> list[dict]:
    """The Time page's settings (format 2): a key, its value (any JSON; a known key's value as
    the app writes it: the conversion window, the owners' teams), when and by whom it was set."""
    from funnel import teams
    from funnel.metrics.maturity import MAX_DAYS, SETTING

    settings = _list(value, "settings.json", label, MAX_SETTINGS)
    seen: set[str] = set()
    for i, s in enumerate(settings, start=1):
        where = _where(label, "settings.json", i)
        key = _field(s, "key", "text", where)
        if key in seen:
            raise ArchiveError(f"{where}: the setting «{key}» is listed twice.")
        seen.add(key)
        if "value" not in s or s["value"] is None:
            raise ArchiveError(f"{where} («{key}»): «value» is missing.")
        v = s["value"]
        if key == SETTING and (isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= MAX_DAYS):
            raise ArchiveError(f"{where} («{key}»): «value» is {v!r}; expected whole days from 1 to {MAX_DAYS}.")
        if key == teams.SETTING and (wrong := teams.problem(v)) is not None:  # the owners' teams
            raise ArchiveError(f"{where} («{key}»): «value»: {wrong}.")
        _field(s, "updated_at", "datetime", where, optional=True)
        _field(s, "updated_by", "text", where, optional=True)
    return settings
