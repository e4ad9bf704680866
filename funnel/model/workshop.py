"""Where the Workshop's four levers start: the workspace's own baseline (the Planner's
``Baseline.plan()``, the same object and figures), lever by lever, and the method's example
(DOMAIN.md: 120 leads × 5 % × 150 000, 3 sellers) only for the levers the data cannot give.

The levers the data does not give are the Planner's (funnel.model.baseline.Baseline.missing: one
rule for both pages, which state it in the same words): where the Planner starts such a lever at
0 and shows "—" for what rests on it, the Workshop, which needs numbers to play with, starts it
at the example and marks it and what rests on it «(пример)». The data's levers, as the Planner's
baseline plan has them:
- leads: leads a month (on deals without leads, deals entering the pipeline a month, as the
  Planner plans them);
- conversion: won ÷ leads (on deals, the win rate);
- avg_check: revenue ÷ won deals with an amount;
- sellers: distinct owners of the period's leads (on deals, of its deals).
Contacts per seller = leads ÷ sellers of the start, whichever side each came from: the team is
exactly as loaded as its flow at the start (the example's own 120 ÷ 3 = 40).

When the data gives none of the four (an empty workspace or period), the whole example, as before.
Under it the banner says «пример» once; on a workspace that holds spend but no lever (spend only),
each lever and figure is marked «(пример)» as well, as on deals or leads only: the room sees the
workspace's spend elsewhere and could take the example's figures for its own (screen review #16).
"""

from __future__ import annotations

from dataclasses import dataclass

from funnel.model import precision
from funnel.model.baseline import Baseline
from funnel.model.plan import Plan

LEVERS = ("leads", "conversion", "avg_check", "sellers")
# The DOMAIN.md example, for the levers a workspace's data does not give yet.
EXAMPLE = Plan(leads=120, conversion=0.05, avg_check=150_000, sellers=3, contacts_per_seller=40)


@dataclass(frozen=True)
class WorkshopStart:
    """plan: the levers the room starts from; examples: the levers taken from the method's
    example (in LEVERS' order; all four when ``source`` is None); source: the baseline, None when
    the data gave no lever at all; marked: the example levers are marked one by one even under the
    whole example (the period holds spend: module docstring)."""

    plan: Plan
    examples: tuple[str, ...]
    source: Baseline | None
    marked: bool = False

    @property
    def whole_example(self) -> bool:
        return self.source is None

    def is_example(self, lever: str) -> bool:
        return lever in self.examples

    def marks(self, lever: str) -> bool:
        """Whether ``lever``'s label says «(пример)»: an example lever beside the data's own, or
        under the whole example on a workspace with spend (``marked``)."""
        return self.is_example(lever) and (self.marked or not self.whole_example)


def start(b: Baseline | None) -> WorkshopStart:
    """The Workshop's start on baseline ``b`` (module docstring): the data's levers, the example's
    for those the data does not give (Baseline.missing, the Planner's rule); the whole example
    when ``b`` is None or empty, or gives no lever."""
    examples = tuple(LEVERS) if b is None or b.is_empty else tuple(k for k in LEVERS if k in b.missing(sellers=True))
    if b is None or len(examples) == len(LEVERS):
        return WorkshopStart(EXAMPLE, LEVERS, None, marked=b is not None and b.spend > 0)
    p = b.plan()
    have = {"leads": p.leads, "conversion": p.conversion, "avg_check": p.avg_check, "sellers": float(b.sellers)}
    values = {k: float(getattr(EXAMPLE, k) if k in examples else have[k]) for k in LEVERS}
    plan = p.with_(**values, contacts_per_seller=values["leads"] / values["sellers"])
    return WorkshopStart(plan, examples, b)


# The levers each result card is computed from (funnel.model.plan.evaluate): turnover = leads ×
# conversion × check, deals = leads × conversion, the team's capacity = sellers × leads per seller
# (the start's leads ÷ sellers). Past the team's capacity the conversion falls with the sellers
# too (capacity.effective_conversion), so then turnover and deals hang on the sellers as well.
FIGURE_LEVERS = {
    "turnover": ("leads", "conversion", "avg_check"),
    "deals": ("leads", "conversion"),
    "capacity": ("leads", "sellers"),
}


def example_figures(begin: WorkshopStart, overloaded: bool = False) -> frozenset[str]:
    """The result cards (keys of FIGURE_LEVERS) computed from a lever that starts at the method's
    example while others are the workspace's own: each is marked an example as its lever is
    ("Оборот в месяц (пример)"). None under the whole example, which the banner says once, unless
    the start is ``marked`` (spend only: every card is the example's)."""
    if begin.whole_example and not begin.marked:
        return frozenset()
    out = set()
    for name, levers in FIGURE_LEVERS.items():
        uses = levers + (("sellers",) if overloaded and name != "capacity" else ())
        if any(begin.is_example(k) for k in uses):
            out.add(name)
    return frozenset(out)


# The decimals the arithmetic line writes each factor with: the sliders' (leads and check whole,
# ui.views.workshop's _PLACES) and the share's own rule (funnel.model.precision: "20,75 %", "5 %").
def line_places(out: dict) -> dict[str, int]:
    """How many decimals the line «120 лидов × 5 % × 150 000 ₽ = 900 000 ₽» writes each factor of
    ``out`` (a plan's result: leads, effective_conversion, avg_check) with."""
    return {"leads": 0, "conversion": precision.rate_places(out["effective_conversion"] * 100), "avg_check": 0}


def line_rounded(out: dict) -> bool:
    """Whether the line writes a factor rounded while the turnover multiplies it exactly (the
    baseline's 22 ÷ 106 = 20,7547… % read «20,75 %», 1 274,83 leads read «1 275»): then the line
    says «≈» and a sentence under it says the factors are rounded, as the Planner's baseline line
    does (planner.baseline_exact) — the model keeps the exact values, only the writing rounds."""
    places = line_places(out)
    factors = {"leads": out["leads"], "conversion": out["effective_conversion"] * 100, "avg_check": out["avg_check"]}
    return any(abs(round(float(v), places[k]) - float(v)) > 1e-9 for k, v in factors.items())
