"""What the Workshop page shows: the presenter view on the chosen workspace's own baseline (the
planner's, through funnel.baseline: the same figures the Overview shows), its four sliders, and
the turnover arithmetic written out in the user's language."""

from __future__ import annotations

import ui
from funnel.baseline import Baseline
from funnel.model.plan import Plan
from ui import state
from ui.views.planner.levers import load_baseline

WS_KEYS = state.WS_LEVERS
# The DOMAIN.md example, for a workspace whose data gives no leads, conversion or check yet.
WORKSHOP_FALLBACK = Plan(leads=120, conversion=0.05, avg_check=150_000, sellers=3, contacts_per_seller=40)


def workshop_baseline(filters) -> tuple[Plan, Baseline | None]:
    """(the plan the room starts from, the baseline it came from): the workspace's baseline for
    the sidebar's filters — the Planner's ``Baseline.plan()``, so a workspace with deals but no
    leads runs on deals entering × win rate × check, as the Planner does — exact, with at least
    one seller handling today's flow; the example (and None) when the data cannot give a flow, a
    conversion and a check."""
    b = load_baseline(filters)
    p = b.plan()
    if b.is_empty or not p.leads or not p.conversion or not p.avg_check:
        return WORKSHOP_FALLBACK, None
    sellers = float(max(b.sellers, 1))
    return p.with_(sellers=sellers, contacts_per_seller=p.leads / sellers), b


def label_key(source: Baseline | None, lever: str) -> str:
    """The text key of a lever's label: on deals (no leads in the data), what the Planner calls
    it — deals entering the pipeline a month, win rate."""
    if source is not None and source.source == "deals" and lever in DEALS_LABELS:
        return DEALS_LABELS[lever]
    return f"workshop.{lever}"


DEALS_LABELS = {"leads": "workshop.deals_in", "conversion": "workshop.win_rate"}


def start(base: Plan, sig: str) -> None:
    """The sliders start from ``base`` on the first visit and whenever the baseline changes
    (another workspace or period)."""
    before = state.WS_SIG.get()
    state.WS_SIG.set(sig)
    if not WS_KEYS["leads"].present() or (before is not None and before != sig):
        workshop_reset(base)


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


def leads_word(n: float, noun: str = "leads") -> str:
    """Russian needs the noun's case after a number: 1 лид, 2 лида, 5 лидов; 21 лид (``noun``
    "deals": 1 сделка, 2 сделки, 5 сделок)."""
    n = int(round(n))
    if ui.lang() != "ru":
        return ui.t(f"workshop.{noun}_one" if n == 1 else f"workshop.{noun}_many")
    if n % 10 == 1 and n % 100 != 11:
        return ui.t(f"workshop.{noun}_one")
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return ui.t(f"workshop.{noun}_few")
    return ui.t(f"workshop.{noun}_many")


def workshop_line(out: dict, noun: str = "leads") -> str:
    """ "120 лидов × 5 % × 150 000 ₽ = 900 000 ₽" in the user's language (``noun`` "deals": the
    deals entering the pipeline, on a workspace without leads). Conversion is the one after
    overload; "≈" when it is not a round share."""
    conv = out["effective_conversion"]
    exact = abs(conv * 1000 - round(conv * 1000)) < 1e-9
    decimals = 0 if abs(conv * 100 - round(conv * 100)) < 1e-9 else (1 if exact else 2)
    sign = "=" if exact else "≈"
    return (
        f"{ui.num(out['leads'])} {leads_word(out['leads'], noun)} × {ui.pct(conv, decimals)} × "
        f"{ui.money(out['avg_check'])} {sign} {ui.money(out['turnover'])}"
    )


WORKSHOP_CSS = """<style>
.st-key-ws_numbers [data-testid="stMetricValue"] { font-size: 3.4rem; line-height: 1.1; }
.st-key-ws_numbers [data-testid="stMetricLabel"] p { font-size: 1.3rem; }
.st-key-ws_line p { font-size: 2.4rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.st-key-ws_levers [data-testid="stWidgetLabel"] p { font-size: 1.25rem; }
</style>"""
