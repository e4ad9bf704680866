"""What wins and what loses: which channel, owner, segment, deal size and speed of first
response go with winning, among the deals closed in the period.

Per group: closed deals (won + lost), won, the raw win rate won ÷ closed, and the rate shrunk
toward the overall rate with its ratio to the overall rate and a 95 % interval
(funnel.model.shrink: a Beta prior worth PRIOR_DEALS deals at the overall rate, the interval
from the posterior). Counted by sql/win_drivers.sql in one pass over the period's deal facts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from funnel.filters import Filters
from funnel.metrics import query
from funnel.model import shrink

DIMENSIONS = ("channel", "owner", "segment", "size", "speed")
# Bands in their natural order (sizes up, answers slower); other dimensions sort by evidence.
ORDER = {
    "size": ("b1", "b2", "b3", "b4", "none"),
    "speed": ("hour", "day", "days3", "later", "never"),
}
# Speed groups that are not a speed: left out of the view, and counted (Drivers.speed_left_out).
SPEED_LEFT_OUT = ("no_lead", "error")
# Groups shown but never worded as a finding: a deal without an amount has no size.
NOT_FINDINGS = {("size", "none")}
# Amounts known for lost deals at under half the share they are known for won deals: the size
# bands mostly compare won deals (a CRM that clears a lost deal's amount, as Maven's does).
LOPSIDED = 0.5
COLUMNS = ("dimension", "grp", "closed", "won", "lost", "win_rate", "shrunk_rate", "lift", "lift_low", "lift_high")


@dataclass(frozen=True)
class Drivers:
    """closed / won [count]: the period's closed and won deals; rate [share]: won ÷ closed (NaN
    without closed deals); cuts [money]: the size bands' cut points (quartiles of the closed
    deals' amounts above 0; NaN without amounts). ``groups``: one row per (dimension, grp), with
    closed, won, lost [count], win_rate [share, raw], shrunk_rate [share], lift, lift_low,
    lift_high [index: ÷ the overall rate; NaN when every deal was won or every deal lost],
    evidence [0..1], verdict (few / higher / lower / unclear / none: not a finding),
    order (the row's place in its dimension). ``missing``: dimension → why it can't be shown
    (no_data: no value is known; one_group: every deal is in one group). speed_left_out [count]:
    deals with no lead in the data, or a first contact before the lead's creation.
    amount_known [share]: (won, lost) deals with an amount above 0, of all won / all lost;
    sizes_lopsided: the lost share is under LOPSIDED × the won share (the size bands would mostly
    compare won deals with unpriced lost ones), and the size bands give no findings."""

    closed: int
    won: int
    rate: float
    cuts: tuple[float, float, float]
    groups: pd.DataFrame
    missing: dict[str, str] = field(default_factory=dict)
    speed_left_out: int = 0
    sizes_lopsided: bool = False
    amount_known: tuple[float, float] = (math.nan, math.nan)
    prior_deals: float = shrink.PRIOR_DEALS

    def dimension(self, name: str) -> pd.DataFrame:
        """The rows of one dimension, in display order."""
        return self.groups[self.groups["dimension"] == name].sort_values("order")

    def findings(self) -> pd.DataFrame:
        """Groups whose interval lies wholly above or below 1, strongest evidence first (_sure,
        then _margin)."""
        found = self.groups[self.groups["verdict"].isin(("higher", "lower"))]
        order = found.assign(_sure=_sure(found), _margin=_margin(found))
        ranked = order.sort_values(["_sure", "_margin"], ascending=[False, False], kind="stable")
        return found.loc[ranked.index]


def win_drivers(cur, *, filters: Filters, attribution: str = "period") -> Drivers:
    """The period's closed deals by each of DIMENSIONS (see Drivers). A deal is in the period by
    its closing day (attribution "period") or its lead's creation day ("cohort"). No closed
    deals give closed 0, rate NaN and no groups."""
    raw = query.run(cur, "win_drivers", query.params(filters, attribution))
    return summarise(raw)


def summarise(raw: pd.DataFrame) -> Drivers:
    """Drivers from the query's rows (dimension, grp, closed, won, c1, c2, c3)."""
    whole = raw[raw["dimension"] == "channel"]  # every closed deal has exactly one channel
    closed, won = int(whole["closed"].sum()), int(whole["won"].sum())
    rate = won / closed if closed else math.nan
    first = raw.iloc[0] if len(raw) else None
    cuts = tuple(math.nan if first is None or pd.isna(first[c]) else float(first[c]) for c in ("c1", "c2", "c3"))
    speed = raw["dimension"] == "speed"
    left_out = int(raw.loc[speed & raw["grp"].isin(SPEED_LEFT_OUT), "closed"].sum())
    rows = raw[~(speed & raw["grp"].isin(SPEED_LEFT_OUT))]
    groups = pd.DataFrame([_row(r, rate) for r in rows.itertuples()], columns=[*COLUMNS, "evidence", "verdict"])
    groups["order"] = _order(groups)
    won_known, lost_known = _amounts_known(groups)
    lopsided = bool(won_known > 0 and lost_known < LOPSIDED * won_known)
    if lopsided:  # the bands would compare won deals with unpriced lost ones: no finding
        groups.loc[groups["dimension"] == "size", "verdict"] = "none"
    return Drivers(
        closed=closed,
        won=won,
        rate=rate,
        cuts=(cuts[0], cuts[1], cuts[2]),
        groups=groups.sort_values(["dimension", "order"]).reset_index(drop=True),
        missing=_missing(groups),
        speed_left_out=left_out,
        sizes_lopsided=lopsided,
        amount_known=(won_known, lost_known),
    )


def _row(r, rate: float) -> dict:
    out = {
        "dimension": r.dimension,
        "grp": r.grp,
        "closed": int(r.closed),
        "won": int(r.won),
        "lost": int(r.closed - r.won),
        "win_rate": r.won / r.closed if r.closed else math.nan,
    }
    if not 0 < rate < 1:  # every deal won, or every deal lost: no ratio to speak of
        nan = math.nan
        return {
            **out,
            "shrunk_rate": nan,
            "lift": nan,
            "lift_low": nan,
            "lift_high": nan,
            "evidence": 0.0,
            "verdict": "none",
        }
    s = shrink.shrink(int(r.won), int(r.closed), rate)
    verdict = "none" if (r.dimension, r.grp) in NOT_FINDINGS else s.verdict
    return {
        **out,
        "shrunk_rate": s.shrunk,
        "lift": s.lift,
        "lift_low": s.lift_low,
        "lift_high": s.lift_high,
        "evidence": s.evidence,
        "verdict": verdict,
    }


def _order(groups: pd.DataFrame) -> list[int]:
    """Each row's place in its dimension: natural order for bands; else few-deal groups last,
    the rest by strength of evidence (_sure, then _margin)."""
    banded = groups["dimension"].isin(tuple(ORDER))
    natural = [
        ORDER[d].index(g) if d in ORDER and g in ORDER[d] else 0
        for d, g in zip(groups["dimension"], groups["grp"], strict=True)
    ]
    keyed = groups.assign(
        _natural=natural,
        _few=(groups["verdict"] == "few") & ~banded,
        _sure=-_sure(groups).where(~banded, 0),
        _margin=-_margin(groups).where(~banded, 0),
    )
    ranked = keyed.sort_values(["dimension", "_natural", "_few", "_sure", "_margin"], kind="stable")
    return ranked.groupby("dimension").cumcount().reindex(groups.index).astype(int).tolist()


# Strength of evidence: first how sure the posterior is of the direction (evidence, to 3 places:
# 0.9999 and 0.99999 are equally sure, and large groups all reach 1.0), then how far the
# interval's near end lies from 1× on a ratio scale (the effect the data vouches for at least:
# 0.5× counts as far as 2×).
def _sure(groups: pd.DataFrame) -> pd.Series:
    return groups["evidence"].fillna(0).round(3)


def _margin(groups: pd.DataFrame) -> pd.Series:
    low, high = groups["lift_low"].astype(float), groups["lift_high"].astype(float)
    return pd.concat([np.log(low), -np.log(high)], axis=1).max(axis=1).fillna(-np.inf)


def _missing(groups: pd.DataFrame) -> dict[str, str]:
    """Dimensions with nothing to compare: no known value, or a single group."""
    unknown = {"channel": {"unknown"}, "owner": {"unknown"}, "segment": {"unknown"}, "size": {"none"}}
    unknown["speed"] = {"never"}  # no lead with a first contact: the leads have no such date
    out = {}
    for dim in DIMENSIONS:
        names = set(groups.loc[groups["dimension"] == dim, "grp"])
        if not names or names <= unknown[dim]:
            out[dim] = "no_data"
        elif len(names) == 1:
            out[dim] = "one_group"
    return out


def _amounts_known(groups: pd.DataFrame) -> tuple[float, float]:
    """(share of won, share of lost deals) with an amount above 0; NaN without such deals."""
    size = groups[groups["dimension"] == "size"]
    won, lost = size["won"].sum(), size["lost"].sum()
    none = size[size["grp"] == "none"]
    won_known = (won - none["won"].sum()) / won if won else math.nan
    lost_known = (lost - none["lost"].sum()) / lost if lost else math.nan
    return float(won_known), float(lost_known)
