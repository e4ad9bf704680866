"""The Planner's «Сделки в месяц» card on a workspace without leads: its help, the baseline's
figure as the product it is, and, where the Overview's won deals a month differ, why, in numbers;
its label then, what the figure is («Сделки в месяц при доле выигрыша 15 %»; funnel.model.
deal_flow). It formats only."""

from __future__ import annotations

import ui
from funnel.model.deal_flow import deal_flow
from ui.views.planner.charts import shown


def deals_help(b) -> str | None:
    """«В базе 4,2 = 20 сделок в воронку в месяц × доля выигранных 20,75 %. На «Обзоре» 3,7 — …»;
    None on a baseline of leads (there the two are one figure) or where no deal closed."""
    flow = deal_flow(b)
    if flow is None:
        return None
    text = ui.t(
        "planner.m.deals_help",
        deals=shown("deals", flow.deals),
        per_month=shown("leads", flow.per_month),
        win_rate=shown("conversion", flow.win_rate),
    )
    if not flow.apart:
        return text
    months = ui.num(flow.months, 2 if flow.months != int(flow.months) else 0)
    return (
        text
        + " "
        + ui.t(
            f"planner.m.deals_vs_overview.{flow.reason}",
            won_pm=shown("deals", flow.won_per_month),
            won=ui.num(flow.won),
            months=months,
            entered=ui.num(flow.entered),
            closed=ui.num(flow.closed),
        )
    )


def deals_label(b, win_rate: float | None) -> str | None:
    """The deals card's label where the plan's deals a month read otherwise than the Overview's
    won a month (DealFlow.apart): the deals entering at the plan's win rate ``win_rate`` (the
    lever as it stands), «Сделки в месяц при доле выигрыша 15 %»; None elsewhere (the plain
    «Сделки в месяц», the Overview's figure)."""
    flow = deal_flow(b)
    if flow is None or not flow.apart or win_rate is None:
        return None
    return ui.t("planner.m.deals_at_win_rate", win_rate=shown("conversion", win_rate))
