"""How fast leads are handled: first contact, SAL, and lead-to-won time (LT)."""

from __future__ import annotations

import pandas as pd

from funnel.filters import Filters
from funnel.metrics import query


def speed(cur, *, filters: Filters, attribution: str = "period", by: str = "channel") -> pd.DataFrame:
    """Per ``by`` group (channel, owner, segment, campaign): leads of the period;
    first_contact_hours (median, and _p80) from lead creation to first contact over the
    ``contacted`` leads that have it; sal_days (median) from creation to qualification over
    ``qualified`` leads; lt_days (median, and _p80) from the lead's creation to the deal's
    close over ``won_timed`` won deals. Calendar hours/days. A time earlier than the lead's
    creation is a data error and left out. No dates give NaN ("—")."""
    return query.run(cur, "speed", query.params(filters, attribution), **query.breakdown(by))
