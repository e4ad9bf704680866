"""`python -m funnel workspace ...` and `python -m funnel backup`: workspace tools for operators.

The CLI acts as an admin (a person with shell access to the database file is its operator).
While the app runs, it holds the file: these commands then exit 4 with a clear message.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from funnel import administration, portable
from funnel.access import CLI_USER
from funnel.cli import add_db_args, resolve_workspace
from funnel.db import open_store
from funnel.kinds import current_rows
from funnel.workspace import list_workspaces


def register(sub) -> None:
    p = sub.add_parser("workspace", help="list, create, rename, delete, export or import workspaces")
    wsub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, help_, extra in (
        ("list", "list workspaces with their row counts", []),
        ("create", "create an empty workspace", [("name",), ("--currency",)]),
        ("rename", "rename a workspace", [("workspace",), ("new_name",)]),
        ("delete", "delete a workspace and all its data", [("workspace",), ("--yes",)]),
        ("export", "write a workspace to a zip (Parquet + JSON)", [("workspace",), ("zip",)]),
        ("import", "create a workspace from an export zip", [("zip",), ("--name",)]),
        ("reset-demo", "put the demo workspace back as first installed", []),
    ):
        sp = wsub.add_parser(name, help=help_)
        for arg in extra:
            if arg[0] == "--yes":
                sp.add_argument("--yes", action="store_true", help="do not ask")
            elif arg[0] == "--currency":
                sp.add_argument("--currency", default="₽")
            elif arg[0] == "--name":
                sp.add_argument("--name", default=None, help="name of the new workspace")
            else:
                sp.add_argument(arg[0])
        add_db_args(sp, workspace=False)
        sp.set_defaults(func=run)
    b = sub.add_parser("backup", help="consistent copy of the whole database into a new .duckdb file in FOLDER")
    b.add_argument("folder", type=Path)
    add_db_args(b, workspace=False)
    b.set_defaults(func=run_backup)


def run(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    try:
        if args.action == "list":
            with store.cursor() as cur:
                for w in list_workspaces(cur):
                    leads = current_rows(cur, w.id, "leads")
                    print(f"{w.id}\t{w.name}\t{w.currency}\t{'demo' if w.is_demo else ''}\t{leads} leads")
            return 0
        with store.transaction() as cur:
            if args.action == "create":
                w = administration.create(cur, args.name, currency=args.currency, actor=CLI_USER)
                print(f"created workspace {w.id} «{w.name}»")
            elif args.action == "rename":
                w = administration.rename(cur, resolve_workspace(cur, args.workspace), args.new_name, actor=CLI_USER)
                print(f"renamed workspace {w.id} to «{w.name}»")
            elif args.action == "delete":
                wid = resolve_workspace(cur, args.workspace)
                if not args.yes and input(f"Delete workspace {wid} and all its data? [y/N] ").strip().lower() != "y":
                    print("nothing deleted")
                    return 0
                administration.delete(cur, wid, actor=CLI_USER)
                print(f"deleted workspace {wid}")
            elif args.action == "export":
                wid = resolve_workspace(cur, args.workspace)
                manifest = portable.export_workspace(cur, wid, args.zip, actor=CLI_USER)
                print(f"exported {wid} to {args.zip}: " + ", ".join(f"{t} {n}" for t, n in manifest["rows"].items()))
            elif args.action == "import":
                w = portable.import_workspace(cur, args.zip, actor=CLI_USER, name=args.name)
                print(f"imported into workspace {w.id} «{w.name}»")
            elif args.action == "reset-demo":
                administration.reset_demo(cur, actor=CLI_USER)
                print("demo workspace reset")
        return 0
    finally:
        store.close()


def run_backup(args: argparse.Namespace) -> int:
    store = open_store(args.db)
    try:
        with store.cursor() as cur:
            target = administration.backup(cur, args.folder, actor=CLI_USER)
        print(f"database copied to {target}")
        return 0
    finally:
        store.close()
