"""Cohort maturity: how each month's leads convert as they age, which cohorts are still inside
the conversion window, and where the young ones are likely to end up.

A **cohort** is the leads created in one calendar month of the filters' period (after the
channel/owner/segment filters). A lead is **won** on the day its first won deal closed (two
won deals of one lead count once, so no share passes 100 %).

- ``conversion at N days`` of a cohort = its leads won within N days of creation ÷ its leads,
  once every lead of the cohort is at least N days old on the data's last day; before that,
  NULL (a gap in the curve: the point would be a few early leads' figure, and a lead younger
  than N is not a failure). ``leads_aged`` says how many had reached N days.
- ``conversion`` (so far) = its leads won by the data's last day ÷ its leads; zero leads: NULL.
- ``inside_share`` = its leads created after ``mature_until`` (funnel/metrics/maturity.py: the
  data's last day − the conversion window, set by hand or learned) ÷ its leads.
- A cohort is **mature** when none of its leads is inside the window (every cohort without a
  window: nothing to learn delays from): maturity.mature, the rule a campaign is judged by too.
  Its conversion so far is its final conversion.

**Projection of a young cohort** (ratio to final, learned from the matured cohorts, the
chain-ladder idea): for a mature cohort c and an age N, ``ratio_c(N) = final_c ÷ conversion_c(N)``
(defined when conversion_c(N) > 0). A young cohort y is projected from the oldest age N in AGES
that all its leads have reached (conversion_y(N) defined) and at which at least MIN_MATURED
mature cohorts have a ratio:

    projected_y (P50) = conversion_y(N) × median of ratio_c(N) over those cohorts,
    P10 / P90         = conversion_y(N) × the 10th / 90th percentile of the same ratios

(percentiles linear between the sorted ratios, as DuckDB's quantile_cont and numpy's default).
The cohort's conversion so far is a last guard, not a clamp per percentile: a cohort whose older
leads won after day N can already stand above the whole band (the demo's August: 2.92 % won,
2.17 % at 60 days × 1.10..1.27); clamping each percentile to it made P10 = P50 = P90. The band is
then moved up as a whole by the gap, so P10 = the conversion so far and the spread learned from
the mature cohorts stays; each kept ≤ 1.

A young cohort with no age point reached by all its leads (the youngest month), or none with
enough mature ratios, takes the mature cohorts' final conversions as they are: P10 / P50 / P90 =
their percentiles, with the same guard, and ``projected_age`` 0 (the screen says "from mature
cohorts' final conversion"). Fewer than MIN_MATURED mature cohorts: no projection (NULL) —
"too young to say".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from funnel.filters import Filters
from funnel.metrics import query
from funnel.metrics.maturity import Maturity, mature, maturity

AGES = (7, 14, 30, 60, 90, 180, 365)  # the curves' points, days since a lead's creation
MIN_MATURED = 3  # mature cohorts a projection learns from, at least
COHORT_COLUMNS = (
    "month",
    "leads",
    "won",
    "conversion",
    "inside_window",
    "inside_share",
    "mature",
    "projected_age",
    "projected_p10",
    "projected",
    "projected_p90",
)


@dataclass(frozen=True)
class CohortMaturity:
    """cohorts: one row per month (COHORT_COLUMNS); curves: one row per month and age of AGES
    (month, age_days, leads_aged, won_within, conversion); window: the conversion window and
    how many leads of the period are still inside it."""

    cohorts: pd.DataFrame
    curves: pd.DataFrame
    window: Maturity


def cohort_maturity(cur, *, filters: Filters) -> CohortMaturity:
    """The cohorts of ``filters``' period, their curves and projections (see the module's docstring)."""
    m = maturity(cur, filters=filters)
    bound = query.params(filters, "period")  # every lead of the period: none left out for being young
    bound.update(ages=list(AGES), window_until=m.mature_until, as_of=m.as_of)
    rows = query.run(cur, "cohort_maturity", bound)
    return CohortMaturity(*shape(rows), m)


def shape(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(cohorts, curves) from ``cohort_maturity.sql``'s rows, projections included."""
    if rows.empty:
        return pd.DataFrame(columns=list(COHORT_COLUMNS)), pd.DataFrame(
            columns=["month", "age_days", "leads_aged", "won_within", "conversion"]
        )
    rows = rows.assign(month=pd.to_datetime(rows["month"]).dt.date)
    curves = rows[["month", "age_days", "leads_aged", "won_within"]].copy()
    for col in ("age_days", "leads_aged", "won_within"):
        curves[col] = curves[col].astype(int)
    whole = curves["month"].map(dict(zip(rows["month"], rows["leads"].astype(int), strict=False)))
    complete = curves["leads_aged"].where(curves["leads_aged"] == whole, 0)  # 0: NULL by _ratio
    curves["conversion"] = _ratio(curves["won_within"], complete)
    sizes = rows.drop_duplicates("month")[["month", "leads", "won", "inside_window"]].reset_index(drop=True)
    for col in ("leads", "won", "inside_window"):
        sizes[col] = sizes[col].astype(int)
    sizes["conversion"] = _ratio(sizes["won"], sizes["leads"])
    sizes["inside_share"] = _ratio(sizes["inside_window"], sizes["leads"])
    sizes["mature"] = mature(sizes["inside_window"])
    return project(sizes, curves), curves


def _ratio(part, whole) -> list[float | None]:
    """part ÷ whole, row by row; NULL where whole is 0."""
    return [p / w if w else None for p, w in zip(part, whole, strict=True)]


def project(cohorts: pd.DataFrame, curves: pd.DataFrame) -> pd.DataFrame:
    """``cohorts`` with projected_age, projected_p10, projected (P50) and projected_p90 for each
    young cohort (see the module's docstring); NULL for mature cohorts and where nothing can be
    learned. ``cohorts``: month, leads, conversion, mature; ``curves``: month, age_days, leads_aged,
    conversion."""
    final = dict(zip(cohorts["month"], cohorts["conversion"], strict=True))
    mature = set(cohorts.loc[cohorts["mature"], "month"])
    at = {(r.month, int(r.age_days)): (int(r.leads_aged), r.conversion) for r in curves.itertuples()}
    ratios: dict[int, list[float]] = {}
    for (month, age), (_, conv) in at.items():
        if month in mature and conv and final[month] is not None:
            ratios.setdefault(age, []).append(final[month] / conv)
    finals = [final[m] for m in mature if final[m] is not None and not pd.isna(final[m])]
    out: dict[str, list] = {c: [] for c in ("projected_age", "projected_p10", "projected", "projected_p90")}
    for r in cohorts.itertuples():
        band = None if r.mature else _band(r.month, int(r.leads), r.conversion, at, ratios, finals)
        for col, value in zip(out, band or (None,) * 4, strict=True):
            out[col].append(value)
    return cohorts.assign(**out)[list(COHORT_COLUMNS)]


def _guarded(band, so_far) -> tuple[float, float, float]:
    """``band`` (P10, P50, P90) moved up as a whole when its low end is under what the cohort has
    already won (it can't end lower), each kept ≤ 1."""
    floor = 0.0 if so_far is None or pd.isna(so_far) else float(so_far)
    lift = max(floor - band[0], 0.0)
    return tuple(min(float(q) + lift, 1.0) for q in band)  # type: ignore[return-value]


def _band(month, leads: int, so_far, at: dict, ratios: dict[int, list[float]], finals: list[float]):
    """(N, P10, P50, P90) of a young cohort of ``leads`` leads (N = 0: from the mature cohorts'
    final conversions), or None."""
    for age in sorted(AGES, reverse=True):
        leads_aged, conv = at.get((month, age), (0, None))
        learned = ratios.get(age, [])
        if not leads_aged or leads_aged < leads or conv is None or pd.isna(conv) or len(learned) < MIN_MATURED:
            continue
        return (age, *_guarded([conv * q for q in np.quantile(learned, [0.1, 0.5, 0.9])], so_far))
    if len(finals) < MIN_MATURED:
        return None
    return (0, *_guarded(list(np.quantile(finals, [0.1, 0.5, 0.9])), so_far))
