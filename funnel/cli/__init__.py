"""`python -m funnel`: the command line for automation (nightly CRM exports, scripts).

Each module in this package adds its own subcommands through ``register(subparsers)``:
``load.py`` (load, demo), ``report.py`` (report), ``plan.py`` (plan), ``admin.py`` (workspace tools).
Errors of the project's own kind print their message and exit non-zero; nothing else is shown.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import math
import pkgutil
import sys

from funnel.errors import DatabaseBusy, FunnelError

EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_BUSY = 4


# Which module registers each command. A command line naming one imports that module only: the
# others import pandas and the metrics, about 0.6 s of CPU that a nightly `load` does not need.
# Anything else (--help, a typo) imports them all, so the full list of commands is shown.
COMMANDS = {
    "load": "load",
    "demo": "load",
    "report": "report",
    "plan": "plan",
    "workspace": "admin",
    "backup": "admin",
    "rotting": "rotting",
    "snapshot": "snapshot",
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m funnel", description="Funnel Planner command line.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    names = [COMMANDS[command]] if command in COMMANDS else [m.name for m in pkgutil.iter_modules(__path__)]
    for name in sorted(names):
        module = importlib.import_module(f"{__name__}.{name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def say(text: object, file=None) -> None:
    """Print ``text`` with ordinary spaces: a message filled by funnel.i18n.fill keeps a number and
    its unit together with U+00A0 for a screen's reflowing lines ("5\u00a0MB"), which a terminal
    never reflows and a script greps for with a plain space (funnel.formatting.plain; Babel, which
    formatting loads, only for a text that has one: a clean load never does)."""
    text = str(text)
    if "\u00a0" in text:
        from funnel.formatting import plain  # noqa: PLC0415

        text = plain(text)
    print(text, file=file)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv[0] if argv else None)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except DatabaseBusy as exc:
        say(f"error: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except (FunnelError, ValueError) as exc:
        if not getattr(exc, "printed", False):  # a command that printed it with its details already
            say(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception:  # noqa: BLE001 - the detail goes to the log, not the user's terminal
        logging.getLogger("funnel.cli").exception("unexpected error")
        print("error: unexpected failure; run with PYTHONWARNINGS=default or see the log above.", file=sys.stderr)
        return 1


def parse_number(text: str) -> float:
    """A number from a flag; "5%" means 0.05 and a decimal comma is accepted ("0,05")."""
    raw = text.strip().replace(",", ".").replace(" ", "")
    if raw.endswith("%"):
        return float(raw[:-1]) / 100
    return float(raw)


def flag_number(flag: str, raw: str) -> float:
    """``raw`` given to ``flag`` as a finite number (parse_number's forms), or a FunnelError
    naming the flag and what it got."""
    try:
        value = parse_number(raw)
    except ValueError:
        raise FunnelError(f"{flag}: must be a number, got {raw!r}") from None
    if not math.isfinite(value):
        raise FunnelError(f"{flag}: must be a finite number, got {raw!r}")
    return value


def add_db_args(p: argparse.ArgumentParser, workspace: bool = True) -> None:
    """The common --db / --workspace flags (default: the app's own database and the demo)."""
    p.add_argument(
        "--db",
        default=None,
        help="database file, or a postgresql:// URL of a shared server (default: $FUNNEL_DATABASE_URL, "
        "else $FUNNEL_DB, else the app's data/funnel.duckdb)",
    )
    if workspace:
        p.add_argument("--workspace", default="demo", help="workspace id or name (default: demo)")


def resolve_workspace(cur, name_or_id: str) -> str:
    """A workspace id from an id or a display name; FunnelError if there is none."""
    row = cur.execute(
        "SELECT id FROM workspaces WHERE id = ? OR lower(name) = lower(?) ORDER BY id = ? DESC LIMIT 1",
        [name_or_id, name_or_id, name_or_id],
    ).fetchone()
    if not row:
        raise FunnelError(
            f"--workspace: no workspace «{name_or_id}». "
            "Create it in the app or with `python -m funnel workspace create`."
        )
    return row[0]
