"""The weighted pipeline: each open deal's value weighted by the chance that its stage closes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from funnel.model.fields import non_negative, ratio, share


@dataclass(frozen=True)
class OpenStage:
    """stage; deals [open deals there]; amount [money, their total value];
    ladder_probability [share, the ladder's setting]; won_after / closed_after [counts of closed
    deals that were ever in this stage and ended won / ended at all]."""

    stage: str
    deals: float
    amount: float
    ladder_probability: float
    won_after: float = 0
    closed_after: float = 0
    learnable: bool = True  # False: the data cannot tell where its lost deals left (no stage history)

    def __post_init__(self):
        non_negative(f"{self.stage}.deals", self.deals)
        non_negative(f"{self.stage}.amount", self.amount)
        share(f"{self.stage}.ladder_probability", self.ladder_probability)
        non_negative(f"{self.stage}.won_after", self.won_after)
        non_negative(f"{self.stage}.closed_after", self.closed_after)

    @property
    def learned_probability(self) -> float | None:
        """won_after ÷ closed_after: the share of deals that left this stage, in the end, as won.
        None when no closed deal ever passed through the stage, or when the stage is not
        ``learnable`` (no stage history: the lost deals' last stage is unknown)."""
        return ratio(self.won_after, self.closed_after) if self.learnable else None


@dataclass(frozen=True)
class OpenMonth:
    """month [first day; None = open deals with no expected close]; deals [open deals expected
    to close in it]; amount [money, their total value]; weighted [money, Σ amount × the ladder
    probability of each deal's stage]."""

    month: date | None
    deals: float
    amount: float
    weighted: float

    def __post_init__(self):
        non_negative(f"{self.month}.deals", self.deals)
        non_negative(f"{self.month}.amount", self.amount)
        non_negative(f"{self.month}.weighted", self.weighted)


def priced(deals: float, amount: float) -> float | None:
    """The value of ``deals`` open deals whose amounts sum to ``amount``: None when there are
    deals and the sum is 0 — the file gives them no amounts (an open deal is never worth
    nothing; the rule funnel.metrics.overview.unknown keeps for the open pipeline) — else the
    amount (0 for no deals)."""
    return None if deals and not amount else amount


def by_close_month(months: list[OpenMonth], today: date) -> list[dict]:
    """The weighted pipeline dated by expected close: one row per month (in order, undated
    last), with ``overdue`` true for a month before ``today``'s (deals still open past their
    expected close). Units: money; counts of deals. A month whose deals have no amounts has
    amount and weighted None (``priced``)."""
    first = today.replace(day=1)
    return [
        {
            "month": m.month,
            "deals": m.deals,
            "amount": priced(m.deals, m.amount),
            "weighted": None if priced(m.deals, m.amount) is None else m.weighted,
            "overdue": m.month is not None and m.month < first,
        }
        for m in sorted(months, key=lambda m: (m.month is None, m.month or date.min))
    ]


def weighted(stages: list[OpenStage]) -> tuple[list[dict], dict]:
    """Rows per stage and the totals:
    weighted_ladder = amount × ladder probability; weighted_learned = amount × learned probability
    (None for a stage with no closed history, and then the total counts it at the ladder's value
    and says so in ``learned_fallbacks``; ``unlearned``: the stages whose chance the data cannot
    learn for want of stage history, OpenStage.learnable). Units: money.

    A stage whose open deals have no amounts (``priced``) has amount and both weighted values
    None; the totals add the stages that have amounts, and are None when none has (with open
    deals: the value is unknown, not 0). ``unpriced``: the open deals without amounts."""
    rows: list[dict[str, Any]] = []
    fallbacks = 0
    for s in stages:
        learned = s.learned_probability
        amount = priced(s.deals, s.amount)
        rows.append(
            {
                "stage": s.stage,
                "deals": s.deals,
                "amount": amount,
                "ladder_probability": s.ladder_probability,
                "learned_probability": learned,
                "weighted_ladder": None if amount is None else amount * s.ladder_probability,
                "weighted_learned": None if learned is None or amount is None else amount * learned,
            }
        )
        fallbacks += learned is None and s.deals > 0
    known = [r for r in rows if r["deals"] and r["amount"] is not None]  # a stage without deals tells nothing
    deals = sum(r["deals"] for r in rows)
    unpriced = sum(r["deals"] for r in rows if r["amount"] is None)

    def total_of(values) -> float | None:
        return sum(values) if known or not deals else None

    if not known and deals:  # the file gives no amounts at all: no stage's value is a fact
        for r in rows:
            r.update(amount=None, weighted_ladder=None, weighted_learned=None)
    total = {
        "deals": deals,
        "amount": total_of(r["amount"] for r in known),
        "weighted_ladder": total_of(r["weighted_ladder"] for r in known),
        "weighted_learned": total_of(
            r["weighted_learned"] if r["weighted_learned"] is not None else r["weighted_ladder"] for r in known
        ),
        "learned_fallbacks": fallbacks,
        "unlearned": sum(not s.learnable for s in stages),
        "unpriced": unpriced,
    }
    return rows, total
