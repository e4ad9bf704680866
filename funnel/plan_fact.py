"""Plan against fact: the scenario marked as the plan for a period, compared with what happened.

Placeholder owned by the planner work; the overview page calls ``plan_vs_fact`` and shows
nothing while it returns None.
"""
from __future__ import annotations


def plan_vs_fact(cur, filters):
    """A DataFrame (metric, plan, fact, fulfilment) for the plan covering the filter's period, or None."""
    return None
