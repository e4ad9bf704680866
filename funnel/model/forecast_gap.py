"""Why the weighted pipeline's two forecasts differ (issue #16: «Прогноз по настройке» 9 027 140 ₽
beside «Прогноз по истории» 16 779 868 ₽ on the demo, with nothing saying why).

Both weigh the same open deals (funnel.model.pipeline.weighted): the first by each stage's
probability in the ladder's settings, the second by the share of the closed deals that passed
the stage and were won. They differ by Σ_stage amount × (learned − ladder); the stage that
"drives the gap" is the one whose term is the largest in the gap's direction: money, not the
widest gap between the two rates, since a stage holding two small deals may differ by 50 points
and move the total by nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

# The two forecasts are said to differ when the gap is over this share of the larger one (the
# demo's: 7 752 728 ÷ 16 779 868 = 46 %): a quarter, where a reader weighing the two starts to
# ask which to believe.
GAP_SHARE = 0.25


@dataclass(frozen=True)
class Gap:
    """share [0 … 1]: |learned − ladder| ÷ the larger of the two; stage: the stage whose open
    deals move the gap most, with its ladder and learned probabilities [shares] and its part
    ``part`` [share] of the gap (amount × (learned − ladder) ÷ (learned total − ladder total))."""

    share: float
    stage: str
    ladder_probability: float
    learned_probability: float
    part: float


def gap(rows: list[dict], total: dict) -> Gap | None:
    """The gap between ``total``'s weighted_ladder and weighted_learned (funnel.model.pipeline.
    weighted's rows and totals) and the stage that drives it, or None when they do not differ by
    more than GAP_SHARE of the larger, when either is unknown (None: no amounts) or both are 0,
    or when no stage with an amount and a learned probability moves it in its direction (the
    gap then comes from nowhere a setting can change: not said)."""
    ladder, learned = total.get("weighted_ladder"), total.get("weighted_learned")
    if ladder is None or learned is None or max(ladder, learned) <= 0:
        return None
    diff = learned - ladder
    share = abs(diff) / max(ladder, learned)
    if share <= GAP_SHARE:
        return None
    terms = [
        (r["amount"] * (r["learned_probability"] - r["ladder_probability"]), r)
        for r in rows
        if r["amount"] is not None and r["learned_probability"] is not None and r["deals"]
    ]
    moving = [(t, r) for t, r in terms if t * diff > 0]  # in the gap's direction
    if not moving:
        return None
    term, row = max(moving, key=lambda tr: abs(tr[0]))
    return Gap(share, row["stage"], row["ladder_probability"], row["learned_probability"], term / diff)
