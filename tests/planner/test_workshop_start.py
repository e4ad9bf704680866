"""funnel.model.workshop.start: each Workshop lever from the baseline when the data gives it, the
method's example (120 leads, 5 %, 150 000, 3 sellers) for the rest: the levers the Planner's rule
says the data does not give (Baseline.missing), no other. Hand-made baselines of 6 months."""

from __future__ import annotations

from datetime import date

import pytest

from funnel.model.baseline import Baseline
from funnel.model.workshop import EXAMPLE, start


def _b(leads=0, won=0, checks=0, revenue=0.0, sellers=0, lost=0, entered=0) -> Baseline:
    return Baseline(
        "w",
        date(2026, 5, 1),
        date(2026, 10, 31),
        6.0,
        leads,
        won,
        checks,
        revenue / checks if checks else None,
        None,
        0.0,
        sellers,
        (),
        (),
        (),
        (),
        revenue=revenue,
        lost=lost,
        entered=entered,
    )


@pytest.mark.parametrize(
    "b, levers, examples",
    [
        pytest.param(
            _b(leads=300, sellers=6),
            (50, 0.05, 150_000, 6),
            ("conversion", "avg_check"),
            id="leads-only",
        ),
        pytest.param(
            _b(leads=300, sellers=6, lost=12, entered=12),
            (50, 0.05, 150_000, 6),
            ("conversion", "avg_check"),
            id="leads-and-lost-deals",
        ),
        pytest.param(
            _b(won=22, lost=22, entered=66, sellers=1),
            (11, 0.5, 150_000, 1),
            ("avg_check",),
            id="deals-without-amounts",
        ),
        pytest.param(
            _b(leads=300, won=30, checks=30, revenue=3_000_000, sellers=0),
            (50, 0.1, 100_000, 3),
            ("sellers",),
            id="no-owners",
        ),
        pytest.param(
            _b(leads=300, won=30, checks=30, revenue=3_000_000, sellers=6),
            (50, 0.1, 100_000, 6),
            (),
            id="everything",
        ),
    ],
)
def test_each_lever_from_the_data_else_the_example(b, levers, examples):
    s = start(b)
    p = s.plan
    assert (p.leads, p.conversion, p.avg_check, p.sellers) == pytest.approx(levers)
    assert p.contacts_per_seller == pytest.approx(levers[0] / levers[3])  # the team at capacity
    assert (s.examples, s.whole_example) == (examples, False)
    # the Planner's rule, one for both pages: the example levers are the ones it says are missing
    assert set(examples) == set(b.missing(sellers=True)) - {"cpl"}
    # the data's levers are exactly the Planner's baseline plan
    for field in ("leads", "conversion", "avg_check"):
        if field not in examples:
            assert getattr(p, field) == getattr(b.plan(), field)


@pytest.mark.parametrize("b", [None, _b()], ids=["no-baseline", "empty"])
def test_no_lever_in_the_data_is_the_whole_example(b):
    s = start(b)
    assert s.plan == EXAMPLE and s.whole_example and s.examples == ("leads", "conversion", "avg_check", "sellers")
