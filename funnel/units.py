"""The unit of every figure the product shows, keyed by the name the figure has in funnel's
outputs (a metric's column, a headline figure, a plan input or an ``evaluate`` output), so that
a table, a chart, a metric card, the planner and an export format one figure the same way.

Units (``UNITS``; how a screen shows each is the screen's business, the unit is not):

- ``money``  — the workspace currency (never converted);
- ``share``  — a ratio kept as a fraction (0.05 is 5 %), shown as a percentage. Rates and
  probabilities lie in 0..1; ROMI, ДРР and a team's load may go beyond;
- ``change`` — a relative change, now ÷ then − 1, shown as a signed percentage;
- ``count``  — things counted: leads, deals, people, periods (a model's count may be fractional);
- ``number`` — a plain quantity with no unit (an elasticity, orders per client per period);
- ``days``   — days (calendar days, or working days where the figure's docstring says so);
- ``hours``  — calendar hours;
- ``index``  — actual ÷ expected: 1 is as expected;
- ``flag``   — yes or no.

Comparison columns take their figure's unit: ``<figure>_now``, ``_prev``, ``_yoy`` (and
``<figure>_p80``, the 80th percentile) are in the unit of ``<figure>``; ``<figure>_mom`` and
``<figure>_yoy_change`` are a ``change``. A name no entry or rule covers raises ValueError:
a new figure needs its unit here (tests/core/test_units.py runs the metrics to make sure).
"""

from __future__ import annotations

UNITS = {
    "money": "the workspace currency",
    "share": "a ratio kept as a fraction (0.05 = 5 %), shown as a percentage",
    "change": "a relative change, now ÷ then − 1, shown as a signed percentage",
    "count": "things counted (leads, deals, people, periods)",
    "number": "a plain quantity with no unit",
    "days": "days (calendar or working, as the figure says)",
    "hours": "calendar hours",
    "index": "actual ÷ expected; 1 is as expected",
    "flag": "yes or no",
}

_MONEY = (
    "spend",
    "cpl",
    "revenue",
    "avg_check",
    "cac",
    "amount",
    "pipeline",
    "weighted_pipeline",
    "turnover",
    "budget",
    "profit",
    "cpc",
    "avg_order",
    "target_turnover",
    "target_profit",
    "cost",
    "web_cpl",
    "repeat_revenue",
    "repeat_profit",
    "ltv",
    "required_budget",
    "weighted_ladder",
    "weighted_learned",
)
_SHARE = (
    "conversion",
    "win_rate",
    "sal_rate",
    "conv_low",
    "conv_high",
    "romi",
    "drr",
    "conversion_from_previous",
    "conversion_from_first",
    "from_previous",  # a funnel step's conversion_from_previous (funnel.metrics.stages.transitions)
    "probability",
    "actual",
    "expected",
    "share_over_norm",
    "prob_a_better",
    "fulfilment",
    "effective_conversion",
    "margin",
    "ctr",
    "site_conversion",
    "load",
    "required_conversion",
    "ladder_probability",
    "learned_probability",
    "share",
    "shrunk_rate",  # a group's win rate shrunk toward the overall rate (funnel.model.shrink)
    "evidence",
)
_COUNT = (
    "leads",
    "won",
    "won_priced",
    "lost",
    "open",
    "sal",
    "deals",
    "deals_won",
    "reached",
    "still_open",
    "open_outside",
    "decided",
    "passed",
    "stays",
    "contacted",
    "qualified",
    "won_timed",
    "proposal_deals",
    "contract_deals",
    "lt_timed",
    "sellers",
    "contacts_per_seller",
    "capacity",
    "capacity_input",
    "sellers_needed",
    "queries",
    "visits",
    "web_leads",
    "active_clients",
    "lifetime",
    "required_leads",
    "required_deals",
    "required_leads_at_base",
    "required_sellers",
    "learned_fallbacks",
    "unlearned",
    "a_won",
    "a_leads",
    "b_won",
    "b_leads",
    "closed",  # deals won or lost (funnel.metrics.drivers)
    "won_short",  # won deals a funnel step cost against its norm (funnel.metrics.stages.transitions)
    "maturing",  # leads too young to judge (funnel.metrics.maturity)
)
_DAYS = (
    "norm_days",
    "median_days",
    "p80_days",
    "days_in_stage",
    "days_over",
    "sal_days",
    "lt_days",
    "days_in",
    "days_total",
    "proposal_days",
    "contract_days",
    "payment_days",
    "rot_days",
    "limit_days",
    "days_over_max",
    "cycle_days",  # the planner's cycle lever and its baseline (funnel.model.cycle)
    "base_cycle_days",
)
_HOURS = ("first_contact_hours",)
_NUMBER = ("elasticity", "orders_per_period", "cycle_factor")
# Cohort maturity (funnel/metrics/cohorts.py)
_COHORTS = {
    "inside_window": "count",
    "inside_share": "share",
    "projected": "share",
    "projected_p10": "share",
    "projected_p90": "share",
    "projected_age": "days",
    "age_days": "days",
    "leads_aged": "count",
    "won_within": "count",
}
# Time to convert (funnel/metrics/convert.py): per step, leads timed, median and 80th percentile
_CONVERT = {
    **{f"{step}_n": "count" for step in ("contact", "sal", "won", "to_won")},
    **{
        f"{step}_{q}": ("hours" if step == "contact" else "days")
        for step in ("contact", "sal", "won", "to_won")
        for q in ("median", "p80")
    },
}
FIGURES: dict[str, str] = {
    **dict.fromkeys(_MONEY, "money"),
    **dict.fromkeys(_SHARE, "share"),
    **dict.fromkeys(_COUNT, "count"),
    **dict.fromkeys(_DAYS, "days"),
    **dict.fromkeys(_HOURS, "hours"),
    **dict.fromkeys(_NUMBER, "number"),
    "index": "index",
    **dict.fromkeys(("lift", "lift_low", "lift_high"), "index"),  # a group's win rate ÷ the overall
    "target_reachable": "flag",
    "web_on": "flag",
    "repeat_on": "flag",
    "total_leads": "count",
    "new_turnover": "money",
    "gross_margin": "money",
    "spend_unsplit": "flag",
    "unsplit": "flag",
    **_COHORTS,
    **_CONVERT,
}
_CHANGES = ("_yoy_change", "_mom")
_SAME_AS_FIGURE = ("_now", "_prev", "_yoy", "_p80")

# Decimals a table shows by default, per unit, and the figures that differ: ROMI and ДРР are
# coarse percentages; a norm and days in or over a stage are whole days.
DECIMALS = {"money": 0, "share": 1, "change": 1, "count": 0, "number": 2, "days": 1, "hours": 1, "index": 2, "flag": 0}
_DECIMALS = {
    "won_short": 1,  # an expectation, fractional: "2,1", not a "2" that reads as two deals counted
    "romi": 0,
    "drr": 0,
    "norm_days": 0,
    "days_in_stage": 0,
    "days_over": 0,
    "rot_days": 0,
    "limit_days": 0,
    "days_over_max": 0,
    "projected_age": 0,
    "age_days": 0,
}

# The planner's levers: input → (unit, the least top of its slider, in the lever's own unit:
# a share as a fraction). The planner page draws one slider and one number box per lever.
LEVERS: dict[str, tuple[str, float]] = {
    "leads": ("count", 100),
    "conversion": ("share", 0.10),
    "avg_check": ("money", 1000),
    "cpl": ("money", 1000),
    "margin": ("share", 1.0),
    "sellers": ("count", 10),
    "contacts_per_seller": ("count", 100),
    "elasticity": ("number", 2.0),
    "queries": ("count", 100_000),
    "ctr": ("share", 0.20),
    "site_conversion": ("share", 0.10),
    "cpc": ("money", 200),
    "active_clients": ("count", 100),
    "avg_order": ("money", 100_000),
    "orders_per_period": ("number", 4.0),
    "lifetime": ("count", 60),
    "target_turnover": ("money", 1_000_000),
    "target_profit": ("money", 1_000_000),
    "cycle_days": ("days", 180),
}


def unit(name: str) -> str:
    """The unit (a key of UNITS) of the figure called ``name``; the comparison and percentile
    suffixes follow the rules in the module's docstring. ValueError naming the figure when no
    entry covers it."""
    if name in FIGURES:
        return FIGURES[name]
    for suffix in _CHANGES:
        if name.endswith(suffix) and name[: -len(suffix)] in FIGURES:
            return "change"
    for suffix in _SAME_AS_FIGURE:
        if name.endswith(suffix) and name[: -len(suffix)] in FIGURES:
            return FIGURES[name[: -len(suffix)]]
    raise ValueError(f"{name}: no unit is defined for this figure (add it to funnel/units.py).")


def decimals(name: str) -> int:
    """Decimals a table shows for the figure by default (DECIMALS of its unit, unless the
    figure is listed otherwise). ValueError as ``unit``."""
    return _DECIMALS.get(name, DECIMALS[unit(name)])
