"""Honest comparison of conversion rates: intervals and the chance that one channel is better."""

from __future__ import annotations

import math
from dataclasses import dataclass

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


def compare(table, a: str, b: str) -> Comparison:
    """Compare groups ``a`` and ``b`` of a channel table (channels.channel_table): won ÷ leads.
    A name not in the table counts as 0 of 0 (probability None)."""
    rows = table[~table["is_total"]].set_index("grp")

    def counts(name):
        if name in rows.index:
            return int(rows.at[name, "won"]), int(rows.at[name, "leads"])
        return 0, 0

    (aw, al), (bw, bl) = counts(a), counts(b)
    return Comparison(a, b, aw, al, bw, bl, prob_better(aw, al, bw, bl), wilson(aw, al), wilson(bw, bl))
