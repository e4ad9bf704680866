"""Repeat customers (DOMAIN.md §2): money from clients who already buy."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from funnel.model.fields import non_negative, share

# The levers repeat customers are built on that no data gives: each starts at 0 for the user to
# type (the lifetime starts at an assumed 12 periods; the margin is the plan's).
LEVERS = ("active_clients", "avg_order", "orders_per_period")


def untyped(values: Mapping[str, object]) -> frozenset[str]:
    """The repeat levers (``LEVERS``) of ``values`` (a plan's inputs, or its result) still at 0:
    not typed, so not known. Shown as an empty box to type (the Planner) or "—" (the command
    line), never a "0" that reads as a fact (funnel.model.gaps says the same of the data's levers)."""
    return frozenset(f for f in LEVERS if f in values and not values[f])


@dataclass(frozen=True)
class RepeatCustomers:
    """active_clients [clients paying in the period], avg_order [money/order],
    orders_per_period [orders per client per period], margin [share of revenue kept],
    lifetime [periods a client stays]."""

    active_clients: float = 0.0
    avg_order: float = 0.0
    orders_per_period: float = 0.0
    margin: float = 1.0
    lifetime: float = 12.0

    def __post_init__(self):
        non_negative("active_clients", self.active_clients)
        non_negative("avg_order", self.avg_order)
        non_negative("orders_per_period", self.orders_per_period)
        share("margin", self.margin)
        non_negative("lifetime", self.lifetime)

    @property
    def revenue(self) -> float:
        """revenue [money/period] = active clients × avg order × orders per period."""
        return self.active_clients * self.avg_order * self.orders_per_period

    @property
    def profit(self) -> float:
        """profit [money/period] = active clients × avg order × orders per period × margin."""
        return self.revenue * self.margin

    @property
    def ltv(self) -> float:
        """LTV [money/client] = avg order × orders per period × margin × lifetime [periods]:
        the margin one client brings over the whole relationship."""
        return self.avg_order * self.orders_per_period * self.margin * self.lifetime

    # Figure → the levers it is built on that start at 0, for the user to type.
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "repeat_revenue": ("active_clients", "avg_order", "orders_per_period"),
        "repeat_profit": ("active_clients", "avg_order", "orders_per_period"),
        "ltv": ("avg_order", "orders_per_period"),
    }

    def unknown(self) -> frozenset[str]:
        """The figures (``NEEDS``: repeat_revenue, repeat_profit, ltv) built on a lever still at
        0: nothing typed yet, so the figure is not known (shown "—"), not a "0 ₽" that reads as
        a fact. The levers have no data to start from: each is typed by hand."""
        return frozenset(f for f, levers in self.NEEDS.items() if any(not getattr(self, x) for x in levers))
