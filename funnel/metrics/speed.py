"""How fast leads are handled, at every step the data dates: first contact, SAL, proposal,
contract, payment, and LT from first contact to purchase."""

from __future__ import annotations

import re

import pandas as pd

from funnel.filters import Filters
from funnel.metrics import query

# Which ladder stage is "the proposal" and which "the contract": the first OPEN stage, in ladder
# order, whose name says so (Russian or English, any case). On the default ladder: «Proposal under
# review» and «Contract negotiation» (the contract sent, not yet signed). A ladder that names
# neither gives no proposal or contract speed ("—"), never a guess by position.
MILESTONE_WORDS = {
    "proposal": re.compile(r"proposal|offer|quote|quotation|предложен|коммерческ|\bкп\b", re.IGNORECASE),
    "contract": re.compile(r"contract|agreement|договор|контракт", re.IGNORECASE),
}


def milestones(ladder: pd.DataFrame) -> dict[str, tuple[str, int] | None]:
    """{"proposal": (stage, position) or None, "contract": …} for a ladder frame with name,
    position and kind (funnel.ladder.get_ladder); see MILESTONE_WORDS."""
    open_stages = ladder[ladder["kind"] == "open"].sort_values("position")
    found: dict[str, tuple[str, int] | None] = {}
    for step, words in MILESTONE_WORDS.items():
        hit = open_stages[[bool(words.search(str(n))) for n in open_stages["name"]]]
        found[step] = (str(hit["name"].iloc[0]), int(hit["position"].iloc[0])) if len(hit) else None
    return found


def _positions(cur, workspace_id: str) -> dict[str, int | None]:
    ladder = cur.execute("SELECT name, position, kind FROM stages WHERE workspace_id = ?", [workspace_id]).df()
    return {f"{step}_pos": (m[1] if m else None) for step, m in milestones(ladder).items()}


def speed(cur, *, filters: Filters, attribution: str = "period", by: str = "channel") -> pd.DataFrame:
    """Per ``by`` group (channel, owner, segment, campaign), then a total row (is_total, grp
    None) computed over all rows, not from the groups. Calendar hours/days, medians:

    - first_contact_hours (and _p80): lead creation → first contact, over ``contacted`` leads;
    - sal_days: lead creation → qualification (SAL), over ``qualified`` leads;
    - proposal_days / contract_days: the deal's lead creation → the first day the deal entered
      the proposal / contract stage (``milestones``) or a later one, from stage history, over
      ``proposal_deals`` / ``contract_deals`` deals of the period;
    - payment_days (and _p80): lead creation → the won deal's close, over ``won_timed`` deals;
    - lt_days (and _p80): the lead's first contact → the won deal's close (LT), over
      ``lt_timed`` deals.

    A time earlier than its start is a data error and left out. No dates give NaN ("—"); a
    period with neither leads nor deals gives an empty table (no total row of blanks)."""
    bound = {**query.params(filters, attribution), **_positions(cur, filters.workspace_id)}
    df = query.run(cur, "speed", bound, **query.breakdown(by))
    if not (~df["is_total"]).any():
        return df.iloc[0:0]
    return df.reset_index(drop=True)


def has_leads(table: pd.DataFrame) -> bool:
    """Whether ``speed``'s table has leads to time from: every figure in it starts at a lead's
    creation (or its first contact), so a period of deals without leads has none to show — its
    table would be a 0 of leads and a row of "—"."""
    total = table[table["is_total"]] if len(table) else table
    return bool(len(total)) and int(total["leads"].iloc[0] or 0) > 0
