"""The planner's result for one plan, computed once per run: the headline, the waterfall, the
reverse answer and the capacity warning all read this object, so they cannot disagree, and the
command line prints the same thing.

- ``forward``: ``evaluate(plan)``, the plan as its levers are (in reverse mode it also holds the
  required leads, budget, deals and sellers);
- ``baseline``: ``evaluate`` of the baseline, without targets (without a baseline — the command
  line's plan is its own — ``forward`` itself, evaluated once: targets change no forward figure);
- ``shown``: what the headline shows — in reverse mode the plan at the required leads (when the
  target is reachable), otherwise ``forward``;
- ``effects``: the waterfall from ``baseline`` to ``shown`` (funnel.model.turnover.decompose of
  new contracts over every lead the team handles: the leads, conversion and check effects; and
  ``repeat``, the change in repeat customers' revenue in the turnover — together exactly the
  difference in turnover);
- ``mix``: the channel mix as the plan has it (the baseline's channels with the plan's table
  edits): ``rows`` per channel and ``totals`` (funnel.model.mix), or None without channels;
  with ``gaps``, a channel's figure built on a lever the data does not give (its cell not typed
  over the baseline's ``base_channels``) is None, and so is the total over it.
- ``over_capacity``: the forward plan's leads pass what the team can handle (not said in
  reverse mode, whose answer carries its own team).
- ``active``: the active-sales plan's result (funnel.model.active.evaluate of the ``active``
  plan given to ``run``, once per run; forward or reverse by its own target), or None.
- ``unknown``: the levers the data does not give and the user has not typed
  (funnel.model.gaps, from the ``gaps`` given to ``run``): every figure built on them is None
  in ``forward``, ``baseline`` and ``shown``, and so is the waterfall's every effect when the
  turnover is unknown on either side. The margin is one of them while none is set (the plan's
  100 %, funnel.model.gaps.apply_margin): the profit is None then, on any data.
- ``waterfall_ready``: whether the waterfall can be drawn — the turnover known on both sides (and
  so every step), not all 0. plotly.js draws a "total" bar at the running sum, not at its own
  value: from a baseline of unknown turnover every bar, the plan's too, drew at 0.
- ``unchanged``: every step of the waterfall reads 0 as money is read (whole, funnel.model.
  precision): the plan's turnover is the baseline's, each lever where it was or the changes
  cancelling to the rouble nowhere; the chart's steps are blank, and the Planner says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from funnel.model import gaps as partial
from funnel.model import mix as channel_mix
from funnel.model import precision, turnover
from funnel.model.active import ActivePlan, ActiveResult
from funnel.model.active import evaluate as evaluate_active
from funnel.model.mix import Channel
from funnel.model.plan import Plan, evaluate


@dataclass(frozen=True)
class PlanResult:
    plan: Plan
    reverse: bool
    forward: dict
    baseline: dict
    shown: dict
    effects: dict
    mix: dict | None = None
    active: ActiveResult | None = None

    @property
    def unknown(self) -> frozenset[str]:
        """The levers the plan still lacks (funnel.model.gaps): typed by hand, else "—"."""
        return frozenset(self.shown.get("unknown") or ())

    @property
    def waterfall_ready(self) -> bool:
        """The waterfall from ``baseline`` to ``shown`` can be drawn (see the module's docstring)."""
        values = [self.baseline["turnover"], self.shown["turnover"], *self.effects.values()]
        return all(v is not None for v in values) and any(values)

    @property
    def unchanged(self) -> bool:
        """Every effect known and read as 0 (below half a unit of money; see the module's
        docstring): the plan at the baseline, as the opened Planner is."""
        return all(v is not None and precision.shown("money", v) == 0 for v in self.effects.values())

    @property
    def reachable(self) -> bool:
        """In reverse mode, whether the target can be met at all."""
        return bool(self.forward.get("target_reachable"))

    @property
    def over_capacity(self) -> bool:
        out = self.forward
        return not self.reverse and out["capacity"] is not None and out["leads"] > out["capacity"] + 1e-9

    @property
    def at_target(self) -> Plan:
        """The plan the forecast describes: in reverse mode, at the leads the target needs."""
        if self.reverse and self.forward.get("required_leads") is not None:
            return self.plan.with_(leads=self.forward["required_leads"])
        return self.plan


def run(
    plan: Plan,
    base: Plan | None,
    reverse: bool,
    channels: list[Channel] | None = None,
    active: ActivePlan | None = None,
    gaps: partial.Gaps = partial.NONE,
    base_channels: list[Channel] | None = None,
) -> PlanResult:
    """The result of ``plan`` against ``base`` (None: the plan is its own baseline), with the
    channel mix of ``channels`` (the baseline's: ``base_channels``), the active-sales plan
    ``active`` and what the data cannot give, ``gaps`` (see the module's docstring)."""
    masked = base is not None and gaps != partial.NONE

    def of(p: Plan, out: dict) -> dict:  # what the data does not give, None (funnel.model.gaps)
        # the margin is never in the data: its figures are None until one is set, whatever the data
        return gaps.apply(out, p, base) if masked and base is not None else partial.apply_margin(out, p)

    raw = evaluate(plan)
    forward = of(plan, raw)
    raw_base = raw if base is None else evaluate(base.with_(target_turnover=None, target_profit=None))
    baseline = forward if base is None else of(base, raw_base)
    raw_shown, shown = raw, forward
    # in reverse, the plan at the leads the target needs — when the data lets them be known
    if reverse and forward.get("target_reachable") and forward.get("required_leads") is not None:
        at = plan.with_(leads=forward["required_leads"])
        raw_shown = evaluate(at)
        shown = of(at, raw_shown)
    effects: dict[str, float | None] = dict(
        turnover.decompose(
            (raw_base["total_leads"], raw_base["effective_conversion"], raw_base["avg_check"]),
            (raw_shown["total_leads"], raw_shown["effective_conversion"], raw_shown["avg_check"]),
        )
    )
    effects["repeat"] = (raw_shown["turnover"] - raw_shown["new_turnover"]) - (
        raw_base["turnover"] - raw_base["new_turnover"]
    )
    if shown["turnover"] is None or baseline["turnover"] is None:  # no waterfall from an unknown turnover
        effects = dict.fromkeys(effects)
    mixed = {"rows": channel_mix.rows(channels), "totals": channel_mix.totals(channels)} if channels else None
    if mixed is not None and masked and channels:  # what the data does not give, None (funnel.model.gaps)
        mixed = gaps.apply_mix(mixed, channels, base_channels or [])
    outbound = evaluate_active(active) if active is not None else None
    return PlanResult(plan, reverse, forward, baseline, shown, effects, mixed, outbound)
