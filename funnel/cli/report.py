"""`python -m funnel report overview|channels|stages|lost`: the analytics figures for scripts.

The same funnel.metrics functions compute the screen and this output, so they agree.
JSON: overview is one object; the others are lists of records; a missing figure is null.
A money sum (spend, revenue, pipeline, amount) is a JSON number with exactly the digits the
database holds — ``9999999999999999.99``, never ``1e+16`` — (funnel.money.json_text); CSV
writes the same digits. Ratios (CPL, average check, conversion, ROMI, …) are floats.
"""

from __future__ import annotations

import argparse
import math
import sys
from datetime import date
from decimal import Decimal

import pandas as pd

from funnel import money
from funnel.cli import add_db_args, resolve_workspace
from funnel.db import open_store
from funnel.filters import Filters
from funnel.metrics import channels, lost, overview, stages
from funnel.metrics.query import ATTRIBUTIONS
from funnel.safety import neutralise_frame

REPORTS = ("overview", "channels", "stages", "lost")
CHANNEL_KEYS = (
    "channel",
    "leads",
    "spend",
    "cpl",
    "sal_rate",
    "won",
    "lost",
    "open",
    "conversion",
    "win_rate",
    "revenue",
    "avg_check",
    "cac",
    "romi",
    "drr",
)


def register(sub) -> None:
    p = sub.add_parser("report", help="print analytics figures (overview, channels, stages, lost)")
    p.add_argument("report", choices=REPORTS)
    add_db_args(p)
    p.add_argument(
        "--from",
        dest="date_from",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="first day of the period (default: open-ended)",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        type=_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="last day of the period, inclusive (default: open-ended)",
    )
    p.add_argument(
        "--attribution",
        choices=ATTRIBUTIONS,
        default="period",
        help="period: deals count when they close; cohort: when their lead was created",
    )
    p.add_argument("--channel", action="append", default=[], help="only this channel (repeatable)")
    p.add_argument("--owner", action="append", default=[], help="only this owner (repeatable)")
    p.add_argument("--segment", action="append", default=[], help="only this segment (repeatable)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(func=run_report)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _json_value(v):
    if v is None or isinstance(v, (str, bool)):
        return v
    if isinstance(v, Decimal):  # a money sum: exact, written with its own digits (money.json_text)
        return money.exact(v)
    if isinstance(v, (date, pd.Timestamp)):
        return v.isoformat()[:10]
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    if math.isnan(f) or math.isinf(f):
        return None
    return int(f) if float(f).is_integer() and not isinstance(v, float) else round(f, 10)


def compute(cur, report: str, filters: Filters, attribution: str):
    """The report as a dict (overview) or a DataFrame of records (the others)."""
    if report == "overview":
        return overview.overview_record(cur, filters=filters, attribution=attribution)
    if report == "channels":
        t = channels.channel_table(cur, filters=filters, attribution=attribution)
        t = t[~t["is_total"]].rename(columns={"grp": "channel"})
        # counts stay whole numbers (120, not 120.0) beside a channel whose leads are not
        # tracked (its counts are NaN, which made the column float): null for that one
        for c in ("leads", "won"):
            t[c] = pd.Series([None if pd.isna(x) else int(x) for x in t[c]], index=t.index, dtype=object)
        return t[list(CHANNEL_KEYS)].reset_index(drop=True)
    if report == "stages":
        return stages.stage_records(cur, filters=filters, attribution=attribution).reset_index(drop=True)
    return lost.lost_records(cur, filters=filters, attribution=attribution).reset_index(drop=True)


def records(df: pd.DataFrame) -> list[dict]:
    return [{k: _json_value(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def run_report(args) -> int:
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ValueError(f"--from {args.date_from} is after --to {args.date_to}.")
    store = open_store(args.db)
    try:
        with store.cursor() as cur:
            ws = resolve_workspace(cur, args.workspace)
            filters = Filters(
                workspace_id=ws,
                date_from=args.date_from,
                date_to=args.date_to,
                channels=tuple(args.channel),
                owners=tuple(args.owner),
                segments=tuple(args.segment),
            )
            result = compute(cur, args.report, filters, args.attribution)
    finally:
        store.close()
    if isinstance(result, dict):
        if args.format == "json":
            print(money.json_text({k: _json_value(v) for k, v in result.items()}, ensure_ascii=False, indent=2))
            return 0
        result = pd.DataFrame([result])
    if args.format == "json":
        print(money.json_text(records(result), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        neutralise_frame(result).to_csv(sys.stdout, index=False)
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            print(result.to_string(index=False) if len(result) else "(no rows)")
    return 0
