"""What the Workshop page shows: the presenter view's baseline (the demo company, rounded for a room), its four
sliders' state, and the turnover arithmetic written out in the user's language."""

from __future__ import annotations

import math

import ui
from funnel.baseline import baseline
from funnel.model.plan import Plan
from ui import state

WS_KEYS = state.WS_LEVERS
WORKSHOP_FALLBACK = Plan(leads=120, conversion=0.05, avg_check=150_000, sellers=3, contacts_per_seller=40)


def workshop_baseline() -> Plan:
    """The demo company's last 12 months, rounded for a room (leads to 10, conversion to 0.1 %,
    check to 1 000); the DOMAIN.md example when there is no demo data."""
    from funnel import periods
    from funnel.filters import Filters
    from funnel.workspace import DEMO_ID

    with ui.cursor() as cur:
        first, last = periods.data_range(cur, DEMO_ID)
    if last is None:
        return WORKSHOP_FALLBACK
    lo, hi = periods.preset_range("last_12_months", last, first)
    b = ui.shared(baseline, filters=Filters(DEMO_ID, lo, hi))
    if b.is_empty or not b.conversion or not b.avg_check:
        return WORKSHOP_FALLBACK
    leads = max(10.0, round(b.leads_per_month, -1))
    sellers = float(max(b.sellers, 1))
    return Plan(
        leads=leads,
        conversion=round(b.conversion, 3),
        avg_check=float(round(b.avg_check, -3)),
        sellers=sellers,
        contacts_per_seller=float(math.ceil(leads / sellers)),
    )


def workshop_reset(plan: Plan) -> None:
    for field, key in WS_KEYS.items():
        value = getattr(plan, field)
        key.set(float(value * 100 if field == "conversion" else value))


def workshop_plan(base: Plan) -> Plan:
    return base.with_(
        leads=float(WS_KEYS["leads"].get()),
        conversion=float(WS_KEYS["conversion"].get()) / 100,
        avg_check=float(WS_KEYS["avg_check"].get()),
        sellers=float(WS_KEYS["sellers"].get()),
    )


def leads_word(n: float) -> str:
    """Russian needs the noun's case after a number: 1 лид, 2 лида, 5 лидов; 21 лид."""
    n = int(round(n))
    if ui.lang() != "ru":
        return ui.t("workshop.leads_one" if n == 1 else "workshop.leads_many")
    if n % 10 == 1 and n % 100 != 11:
        return ui.t("workshop.leads_one")
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return ui.t("workshop.leads_few")
    return ui.t("workshop.leads_many")


def workshop_line(out: dict) -> str:
    """ "120 лидов × 5 % × 150 000 ₽ = 900 000 ₽" in the user's language. Conversion is the one
    after overload; "≈" when it is not a round share."""
    conv = out["effective_conversion"]
    exact = abs(conv * 1000 - round(conv * 1000)) < 1e-9
    decimals = 0 if abs(conv * 100 - round(conv * 100)) < 1e-9 else (1 if exact else 2)
    sign = "=" if exact else "≈"
    return (
        f"{ui.num(out['leads'])} {leads_word(out['leads'])} × {ui.pct(conv, decimals)} × "
        f"{ui.money(out['avg_check'])} {sign} {ui.money(out['turnover'])}"
    )


WORKSHOP_CSS = """<style>
.st-key-ws_numbers [data-testid="stMetricValue"] { font-size: 3.4rem; line-height: 1.1; }
.st-key-ws_numbers [data-testid="stMetricLabel"] p { font-size: 1.3rem; }
.st-key-ws_line p { font-size: 2.4rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.st-key-ws_levers [data-testid="stWidgetLabel"] p { font-size: 1.25rem; }
</style>"""
