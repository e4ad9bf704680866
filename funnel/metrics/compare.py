"""Honest comparison of conversion rates: intervals and the chance that one channel is better."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

SEED = 20251
DRAWS = 200_000


def wilson(successes: int, trials: int, z: float = 1.96) -> tuple[float | None, float | None]:
    """Wilson score interval for ``successes / trials`` (95 % for z = 1.96), as shares 0..1.

    Zero trials give (None, None). Successes above trials (possible with period attribution,
    where deals of earlier leads close now) are capped at trials.
    """
    if not trials or trials <= 0:
        return None, None
    k = min(max(int(successes), 0), int(trials))
    n = float(trials)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Comparison:
    a: str
    b: str
    a_won: int
    a_leads: int
    b_won: int
    b_leads: int
    prob_a_better: float | None  # P(conversion A > conversion B), 0..1; None without leads
    a_interval: tuple[float | None, float | None]
    b_interval: tuple[float | None, float | None]
    # Which leads were counted (by cohort: created from..to, the deals won from those leads);
    # None: that end is open. maturing: leads of the two channels in the period created after
    # counted_to, too young to judge, left out (channels.channel_comparison).
    counted_from: date | None = None
    counted_to: date | None = None
    maturing: int = 0


def prob_better(
    a_won: int, a_leads: int, b_won: int, b_leads: int, draws: int = DRAWS, seed: int = SEED
) -> float | None:
    """P(p_A > p_B) with uniform priors: p ~ Beta(1 + won, 1 + leads − won), estimated from
    ``draws`` paired samples with a fixed seed (so the screen does not flicker; error ≈ 0.001).

    A channel with no leads gives None (nothing to compare). Won above leads is capped.
    """
    if a_leads <= 0 or b_leads <= 0:
        return None
    ka, kb = min(a_won, a_leads), min(b_won, b_leads)
    rng = np.random.default_rng(seed)
    pa = rng.beta(1 + ka, 1 + a_leads - ka, draws)
    pb = rng.beta(1 + kb, 1 + b_leads - kb, draws)
    return float(np.mean(pa > pb))


def counts(table, name: str) -> tuple[int, int]:
    """(won, leads) of group ``name`` in a channel table (channels.channel_table); (0, 0) for a
    name not in it, and for a row whose figures are unknown (an untracked channel's NaN)."""
    rows = table[~table["is_total"] & (table["grp"] == name)]
    if rows.empty:
        return 0, 0
    won, leads = rows["won"].iloc[0], rows["leads"].iloc[0]
    return (0 if won != won else int(won)), (0 if leads != leads else int(leads))


def compare(table, a: str, b: str) -> Comparison:
    """Compare groups ``a`` and ``b`` of a channel table (channels.channel_table): won ÷ leads.
    A name not in the table counts as 0 of 0 (probability None)."""
    (aw, al), (bw, bl) = counts(table, a), counts(table, b)
    return Comparison(a, b, aw, al, bw, bl, prob_better(aw, al, bw, bl), wilson(aw, al), wilson(bw, bl))
