"""What a partial workspace's plan cannot say: the levers the data does not give and the figures
that need them.

A lever the data cannot give (a workspace of spend only has no leads, conversion or check; one
of leads only no conversion or check; deals without amounts no check) starts at 0 for the user
to type. Until it is typed, every figure built on it is unknown: None, shown as "—", never the
0 (or the ROMI of −100 %) that the model's arithmetic on that 0 would give.

The rule, per figure (``NEEDS``): a figure is unknown when any lever it is built on is
unknown. A lever is unknown when the data does not give it (``Gaps.missing``) and the plan
still holds the baseline's value for it (not typed over).

The margin is never in the data: the plan's 100 % (``NO_MARGIN``, the lever's default) is "no
margin set", not a margin. Until one is set, the figures built on it (``MARGIN_NEEDS``: the
profit, the gross margin, repeat customers' profit and LTV, and a profit target's answers) are
unknown too, and "margin" is among the unknown levers (``apply_margin``): a card said «Прибыль»
of turnover − budget beside a slider at 100 % that called itself «не задана» (review #16).

One exception makes the budget known without leads: a workspace with spend but no leads to
price a lead by spends ``spend_per_month`` whatever the leads; until both the CPL and the leads
are typed (where the data lacks them), the budget is that spend: leads × CPL once both are. A
CPL typed alone never takes the known budget away.
"""

from __future__ import annotations

from dataclasses import dataclass

from funnel.model.fields import ratio
from funnel.model.plan import Plan

LEVERS = ("leads", "conversion", "avg_check", "cpl")

# Figure → the levers it is built on (funnel.model.plan.evaluate's formulas).
NEEDS: dict[str, tuple[str, ...]] = {
    "effective_conversion": ("conversion",),
    "deals": ("leads", "conversion"),
    "new_turnover": ("leads", "conversion", "avg_check"),
    "turnover": ("leads", "conversion", "avg_check"),
    "gross_margin": ("leads", "conversion", "avg_check"),
    "budget": ("leads", "cpl"),
    "romi": ("leads", "conversion", "avg_check", "cpl"),
    "cac": ("leads", "conversion", "cpl"),
    "profit": ("leads", "conversion", "avg_check", "cpl"),
}
# The reverse plan's answers (funnel.model.reverse): the leads a target needs are target ÷ check
# ÷ conversion, their budget × CPL (a spend-only budget is no price per lead: still unknown).
REVERSE_NEEDS: dict[str, tuple[str, ...]] = {
    "required_leads": ("conversion", "avg_check"),
    "required_leads_at_base": ("conversion", "avg_check"),
    "required_conversion": ("conversion", "avg_check"),
    "required_deals": ("avg_check",),
    "required_sellers": ("conversion", "avg_check"),
    "required_budget": ("conversion", "avg_check", "cpl"),
}


# The channel mix (funnel.model.mix.rows and totals): a channel's figure → the channel's levers it
# is built on; a total → the channels' figures it sums (None when any channel's is).
MIX_NEEDS: dict[str, tuple[str, ...]] = {
    "cpl": ("cpl",),
    "leads": ("cpl",),
    "conversion": ("conversion",),
    "deals": ("cpl", "conversion"),
    "avg_check": ("avg_check",),
    "turnover": ("cpl", "conversion", "avg_check"),
    "cac": ("cpl", "conversion"),
    "romi": ("cpl", "conversion", "avg_check"),
}
MIX_TOTALS: dict[str, tuple[str, ...]] = {
    "leads": ("leads",),
    "deals": ("deals",),
    "turnover": ("turnover",),
    "cpl": ("leads",),
    "cac": ("deals",),
    "romi": ("turnover",),
    "conversion": ("leads", "deals"),
    "avg_check": ("deals", "turnover"),
}


@dataclass(frozen=True)
class Gaps:
    """``missing``: the levers the data does not give (funnel.model.baseline.Baseline.missing);
    ``spend_per_month``: the data's spend a month [money/month] when the data has spend but no
    leads to price it by (None otherwise)."""

    missing: frozenset[str] = frozenset()
    spend_per_month: float | None = None

    def unknown(self, plan: Plan, base: Plan) -> frozenset[str]:
        """The levers of ``plan`` still unknown: missing in the data and not typed over (the plan
        holds the baseline's value); and the CPL while the budget is the data's spend (no leads
        to price a lead by: its 0 is no price, though the budget is known)."""
        out = {f for f in LEVERS if f in self.missing and getattr(plan, f) == getattr(base, f)}
        unpriced = self.budget_from_spend(plan, base) and plan.cpl == base.cpl
        return frozenset(out | ({"cpl"} if unpriced else set()))

    def budget_from_spend(self, plan: Plan, base: Plan) -> bool:
        """Whether the plan's budget is the data's spend: spend without leads, and the CPL not
        typed or the leads (where the data lacks them) not typed: leads × CPL needs both."""
        if self.spend_per_month is None:
            return False
        untyped_leads = "leads" in self.missing and plan.leads == base.leads
        return plan.cpl == base.cpl == 0 or untyped_leads

    def apply(self, out: dict, plan: Plan, base: Plan) -> dict:
        """``out`` (funnel.model.plan.evaluate of ``plan``) with every figure built on an unknown
        lever set to None, and the budget (with ROMI, CAC and profit) from the data's spend when
        ``budget_from_spend``; the margin's figures None while no margin is set (``apply_margin``).
        Adds ``unknown``: the sorted unknown levers, "margin" among them then."""
        levers = self.unknown(plan, base)
        out, needs = dict(out), NEEDS
        if self.budget_from_spend(plan, base):
            assert self.spend_per_month is not None
            out["budget"] = budget = self.spend_per_month + plan.web_cost
            out["romi"] = ratio(out["new_turnover"] - budget, budget)
            out["cac"] = ratio(budget, out["deals"])
            out["profit"] = out["gross_margin"] - budget
            # the budget needs no lever now; the rest need what they need but the CPL
            needs = {f: () if f == "budget" else tuple(x for x in n if x != "cpl") for f, n in NEEDS.items()}
        for figure, built_on in (needs | REVERSE_NEEDS).items():
            if figure in out and levers.intersection(built_on):
                out[figure] = None
        out["unknown"] = sorted(levers)
        return apply_margin(out, plan)

    def apply_mix(self, mixed: dict, channels: list, base_channels: list) -> dict:
        """The channel mix ``mixed`` ({"rows", "totals"} of funnel.model.mix for ``channels``)
        with a channel's figures None where they are built on a lever the data does not give
        and its cell still holds the baseline channel's value (``base_channels``, by name: not
        typed over); a total None where any channel's figure it sums is."""
        base = {c.name: c for c in base_channels}
        rows = []
        for row, c in zip(mixed["rows"], channels, strict=True):
            b = base.get(c.name)
            levers = {
                f
                for f in ("conversion", "avg_check", "cpl")
                if f in self.missing and b is not None and getattr(c, f) == getattr(b, f)
            }
            rows.append({k: None if levers.intersection(MIX_NEEDS.get(k, ())) else v for k, v in row.items()})
        totals = {
            k: None if any(r[x] is None for r in rows for x in MIX_TOTALS.get(k, ())) else v
            for k, v in mixed["totals"].items()
        }
        return {"rows": rows, "totals": totals}

    def figures(self, base: Plan) -> list[str]:
        """The headline's figures unknown at the baseline ``base``, in the headline's order (the
        ones a page names when it says what shows "—")."""
        from funnel.model.plan import evaluate

        out = self.apply(evaluate(base), base, base)
        return [f for f in HEADLINE if out[f] is None]


HEADLINE = ("turnover", "deals", "budget", "profit")

# The Plan's margin when none is set (the lever's default; Settings hold no margin, the data none).
NO_MARGIN = 1.0
# The figures built on the margin (funnel.model.plan.evaluate, repeat.RepeatCustomers).
MARGIN_NEEDS = ("gross_margin", "profit", "repeat_profit", "ltv")


def margin_unset(plan: Plan) -> bool:
    """No margin set: the plan holds the lever's default ``NO_MARGIN`` (100 %)."""
    return plan.margin >= NO_MARGIN


def apply_margin(out: dict, plan: Plan) -> dict:
    """``out`` (funnel.model.plan.evaluate of ``plan``, perhaps through Gaps.apply) with the
    figures built on the margin None while ``margin_unset``: ``MARGIN_NEEDS``, and, with a profit
    target, the reverse plan's answers (the leads a profit needs rest on the margin); "margin"
    joins ``unknown``. ``out`` itself when a margin is set."""
    if not margin_unset(plan):
        return out
    out = dict(out)
    figures = MARGIN_NEEDS + (tuple(REVERSE_NEEDS) if plan.target_profit is not None else ())
    for figure in figures:
        if figure in out:
            out[figure] = None
    if plan.target_profit is not None and "target_reachable" in out:
        out["target_reachable"] = None  # not "out of reach": not known without a margin
    out["unknown"] = sorted({*(out.get("unknown") or ()), "margin"})
    return out


def unknown_figures(out: dict, margin: bool = True) -> list[str]:
    """The headline's figures None in ``out`` (a result's ``shown``: the plan as typed), in the
    headline's order: what a page says still shows "—". ``margin=False``: those the data leaves
    unknown only, without the profit when the turnover and the budget are known (then it is
    "—" for want of a margin alone, which no file gives: apply_margin)."""
    out_of_margin = not margin and out.get("turnover") is not None and out.get("budget") is not None
    return [f for f in HEADLINE if out.get(f) is None and not (out_of_margin and f in MARGIN_NEEDS)]


def nothing_known(out: dict, budget_is_spend: bool = False) -> bool:
    """The plan has no figure of its own: every headline figure of ``out`` is None (leads only,
    before a conversion and a check are typed), or the one known is the budget while it is the
    data's spend passed through (``budget_is_spend``: Gaps.budget_from_spend, spend only): no
    lever moves it, so a scenario or a plan report would be the data's spend beside "—", and none
    is offered (review #16). Deals only is not this: its deals a month is the plan's (deals
    entering × win rate), as leads × conversion is on a CRM export without amounts."""
    known = [f for f in HEADLINE if out.get(f) is not None]
    return not known or (budget_is_spend and known == ["budget"])


NONE = Gaps()  # a plan typed in full (the command line's own, a test's): nothing unknown
