"""Capacity of the sales team and what overload does to conversion (DOMAIN.md §6).

Past capacity, conversion falls as a power of the overload:

    effective conversion = base × (capacity ÷ leads) ^ elasticity      when leads > capacity
                         = base                                        otherwise

``elasticity`` (dimensionless, ≥ 0) says how hard overload bites: 0 = not at all, 1 = the
deals stay flat whatever the extra leads. The default comes from DOMAIN.md's example — twice the
load takes conversion from 2 % to 1.5 %:  1.5 / 2 = (1/2)^e  ⇒  e = ln(2/1.5) / ln 2 ≈ 0.415.
"""

from __future__ import annotations

import math

from funnel.model.fields import non_negative, positive, refuse, share

DEFAULT_ELASTICITY = math.log(2 / 1.5) / math.log(2)


def team_capacity(sellers: float, contacts_per_seller: float) -> float:
    """capacity [leads/period] = sellers × contacts one seller handles per period."""
    return non_negative("sellers", sellers) * non_negative("contacts_per_seller", contacts_per_seller)


def effective_conversion(
    base: float, leads: float, capacity: float | None, elasticity: float = DEFAULT_ELASTICITY
) -> float:
    """Conversion after overload (formula above). ``capacity`` None means not modelled (no
    limit). Zero capacity with leads gives 0 conversion (nobody handles them). Never above base."""
    share("conversion", base)
    non_negative("leads", leads)
    non_negative("elasticity", elasticity)
    if capacity is None or leads <= capacity:
        return base
    if capacity <= 0:
        return 0.0
    return base * (capacity / leads) ** elasticity


def sellers_needed(leads: float, contacts_per_seller: float) -> int:
    """sellers [people] = ceil(leads ÷ contacts per seller): the team that keeps base conversion."""
    non_negative("leads", leads)
    positive("contacts_per_seller", contacts_per_seller)
    return math.ceil(leads / contacts_per_seller - 1e-9)


def calibrate_elasticity(point_a: tuple[float, float], point_b: tuple[float, float]) -> float:
    """Elasticity from two observed (load [leads/period], conversion [share]) points, both past
    capacity:  c_a / c_b = (load_b / load_a)^e  ⇒  e = ln(c_a / c_b) / ln(load_b / load_a).

    Refused when the loads are equal, a value is not positive, or the heavier load converts
    better (that would make overload raise conversion, which this model never does).
    """
    (la, ca), (lb, cb) = point_a, point_b
    for name, v in (("load_a", la), ("load_b", lb)):
        positive(name, v)
    for name, v in (("conversion_a", ca), ("conversion_b", cb)):
        share(name, v)
        positive(name, v)
    if la == lb:
        raise refuse("load_b", "must differ from load_a", lb)
    e = math.log(ca / cb) / math.log(lb / la)
    if e < 0:
        raise refuse("conversion_b", "the heavier load must not convert better", cb)
    return e
