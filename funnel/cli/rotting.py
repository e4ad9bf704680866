"""`python -m funnel rotting`: the rotting deals' digest per owner, for a nightly mail.

Without --owner: one row per owner (deals, amount, days_over_max, top_deals), as the Time
page's digest. With --owner: that owner's rotting deals, worst first. Snoozed deals are left
out while their snooze runs (funnel.metrics.rotting computes both, as on screen).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from funnel import money
from funnel.cli import add_db_args, resolve_workspace
from funnel.cli.report import records
from funnel.db import open_store
from funnel.errors import FunnelError
from funnel.filters import Filters
from funnel.metrics import rotting
from funnel.safety import neutralise_frame

DEAL_KEYS = ["deal_id", "owner", "stage", "channel", "amount", "since", "days_in_stage", "rot_days", "days_over"]


def register(sub) -> None:
    p = sub.add_parser("rotting", help="rotting deals: a digest per owner, or one owner's deals")
    add_db_args(p)
    p.add_argument("--owner", default=None, help="only this owner's rotting deals (default: the digest per owner)")
    p.add_argument(
        "--top", type=int, default=rotting.TOP, help=f"deals named per owner in the digest (default {rotting.TOP})"
    )
    p.add_argument(
        "--on",
        type=_day,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day snoozes are judged on (default: today)",
    )
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--out", default=None, metavar="FILE", help="write to FILE instead of the terminal")
    p.set_defaults(func=run_rotting)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def compute(cur, workspace_id: str, *, owner: str | None, top: int, on=None) -> pd.DataFrame:
    """The digest (no owner) or the owner's deals, as records."""
    if top < 1:
        raise ValueError(f"--top: 1 or more expected, got {top}.")
    filters = Filters(workspace_id, owners=(owner,) if owner else ())
    r = rotting.rotting(cur, filters=filters, on=on)
    if owner:
        return r.rotten[DEAL_KEYS].reset_index(drop=True)
    return rotting.digest(r.rotten, top=top).reset_index(drop=True)


def render(df: pd.DataFrame, fmt: str) -> str:
    if fmt == "json":
        return money.json_text(records(df), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return neutralise_frame(df).to_csv(index=False)
    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
        return (df.to_string(index=False) if len(df) else "(no rotting deals)") + "\n"


def run_rotting(args) -> int:
    store = open_store(args.db)
    try:
        with store.cursor() as cur:
            ws = resolve_workspace(cur, args.workspace)
            result = compute(cur, ws, owner=args.owner, top=args.top, on=args.on)
    finally:
        store.close()
    text = render(result, args.format)
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise FunnelError(f"--out: cannot write {args.out}: {exc.strerror}.") from None
    else:
        sys.stdout.write(text)
    return 0
