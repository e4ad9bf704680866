"""`python -m funnel snapshot`: write today's forecast into the forecast snapshots (a nightly job's
command; funnel.forecast_snapshots has what a snapshot holds). Without ``--workspace`` every
workspace that has data gets one. The CLI acts as an admin (CLI_USER); while the app runs it holds
the database file, and the command exits 4 saying so.
"""

from __future__ import annotations

import argparse

from funnel import forecast_snapshots as fs
from funnel.access import CLI_USER
from funnel.cli import add_db_args, resolve_workspace
from funnel.db import open_store
from funnel.errors import FunnelError
from funnel.workspace import list_workspaces


def register(sub) -> None:
    p = sub.add_parser("snapshot", help="save today's forecast (P10/P50/P90, weighted pipeline) for later scoring")
    add_db_args(p, workspace=False)
    p.add_argument("--workspace", default=None, help="workspace id or name (default: every workspace with data)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    try:
        with store.cursor() as cur:
            spaces = (
                [resolve_workspace(cur, args.workspace)] if args.workspace else [w.id for w in list_workspaces(cur)]
            )
        done = 0
        for ws in spaces:
            try:
                rows = fs.take(store, ws, actor=CLI_USER, taken_by="cli")
            except FunnelError as exc:
                if args.workspace:  # the one asked for: its reason is the command's error
                    raise
                print(f"{ws}\tskipped: {exc}")
                continue
            done += 1
            print(f"{ws}\t{rows} rows")
        return 0 if done or not spaces else 3
    finally:
        store.close()
