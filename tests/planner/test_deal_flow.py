"""Issue #16: the deals-only Planner shows «Сделки в месяц 4,2» (20 deals entering a month × win
rate 22 ÷ 106) where the Overview shows 22 won in 6 months, 3,7 a month. Both are right by their
definitions (funnel.model.deal_flow); the card's help says so, in numbers: the plan applies the win
rate to every deal that entered, the 14 still open too.

Hand-worked on tests/planner/test_workshop_figures.py's deals-only workspace: 15 deals created
2 Sep 2026, 3 won, 8 lost, 4 open; one month with data → 15 × 3/11 = 4,09 («4,1») against the
Overview's 3 won ÷ 1 month = 3: 15 entered, 11 closed.
"""

from __future__ import annotations

from datetime import date

import pytest

from funnel.model.baseline import Baseline
from funnel.model.deal_flow import deal_flow
from tests.planner.test_workshop_figures import _deals, _open, _workspace

pytestmark = pytest.mark.usefixtures("demo_app_db")


def _b(entered: int, won: int, lost: int, months: float = 6.0, leads: int = 0, basis: str = "period") -> Baseline:
    return Baseline(
        "w", date(2026, 5, 1), date(2026, 10, 31), months, leads, won, 0, None, None, 0.0, 1, (), (), (), (),
        lost=lost, entered=entered, basis=basis,
    )  # fmt: skip


@pytest.mark.parametrize(
    "b, deals, won_per_month, reason",
    [
        # the browser walk's deals-only workspace: 120 entered in 6 months, 22 won, 84 lost, 14 open
        pytest.param(_b(120, 22, 84), 20 * 22 / 106, 22 / 6, "open", id="open-deals"),
        pytest.param(_b(60, 22, 98), 10 * 22 / 120, 22 / 6, "earlier", id="closed-deals-from-before"),
        pytest.param(_b(60, 20, 40), 10 / 3, 10 / 3, None, id="as-many-closed-as-entered"),
    ],
)
def test_the_deal_flow_says_why_the_plans_deals_are_not_the_overviews(b, deals, won_per_month, reason):
    flow = deal_flow(b)
    assert flow is not None
    assert flow.deals == pytest.approx(deals) and flow.won_per_month == pytest.approx(won_per_month)
    assert flow.reason == reason


@pytest.mark.parametrize(
    "b",
    [
        pytest.param(_b(0, 22, 84, leads=300), id="on-leads"),
        pytest.param(_b(120, 0, 0), id="nothing-closed"),
        pytest.param(_b(120, 22, 84, basis="cohort"), id="cohort-basis"),
        pytest.param(_b(120, 22, 84, months=0.0), id="no-months"),
    ],
)
def test_no_deal_flow_where_the_two_are_one_figure_or_none(b):
    assert deal_flow(b) is None


@pytest.mark.parametrize(
    "lang, help_text",
    [
        (
            "ru",
            "В базе 4,1 = 15 сделок в воронку в месяц × доля выигранных 27,3 %. На «Обзоре» 3 — выигранные "
            "сделки за период ÷ месяцы (3 ÷ 1). Разница — в открытых сделках: вошедших в воронку за период — 15, "
            "закрытых — 11; план считает, что и открытые будут выиграны с той же долей.",
        ),
        (
            "en",
            "At the baseline, 4.1 = 15 deals entering the pipeline a month × win rate 27.3%. The Overview's 3 is "
            "the deals won in the period ÷ its months (3 ÷ 1). The difference is the open deals: 15 entered the "
            "pipeline in the period, 11 closed; the plan counts the open ones as won at the same rate.",
        ),
    ],
)
def test_the_deals_only_planner_says_why_its_deals_are_not_the_overviews(app_db, lang, help_text):
    ws = _workspace("deals", _deals())
    planner = _open(ws, "planner", lang)
    # the label says what the figure is: not the Overview's won a month (3), deals entering × 3 ÷ 11
    label = {"ru": "Сделки в месяц при доле выигрыша 27,3 %", "en": "Deals per month at a 27.3% win rate"}[lang]
    card = next(m for m in planner.metric if m.label.replace("\u00a0", " ") == label)
    assert card.value == ("4,1" if lang == "ru" else "4.1")
    assert card.help.replace("\u00a0", " ") == f"{AVERAGE[lang]} {help_text}"
    overview = _open(ws, "overview", lang)
    won = next(m for m in overview.metric if m.label in ("Выигранные сделки", "Deals won"))
    assert won.value == "3"  # the Overview's 3 won in the one month with data


# Screen review #16: «Сделки в месяц 40,4» beside the stage chain's whole 40: the card says it is an
# average (turnover multiplies it), the chain's column that its counts are that average, whole.
AVERAGE = {
    "ru": "В среднем за месяц, поэтому с дробью: оборот = сделки × средний чек. Цепочка этапов и сравнение "
    "сценариев показывают ожидаемые сделки целыми, округлив это среднее.",
    "en": "A monthly average, hence the decimal: turnover = deals × average deal size. The stage chain and the "
    "scenario comparison show the expected deals whole, rounded from this average.",
}


@pytest.mark.parametrize(
    "b, apart",
    [
        # 20 × 22/106 = 4,15 «4,2» against 22 ÷ 6 = 3,67 «3,7»: the card's label says what it counts
        pytest.param(_b(120, 22, 84), True, id="open-deals"),
        # as many closed as entered: 10 × 20/60 = 3,3 = 20 ÷ 6, the Overview's own figure
        pytest.param(_b(60, 20, 40), False, id="one-figure"),
        # 151 entered, 150 closed, 25 won: 151 ÷ 6 × 25/150 = 4,19 «4,2» against 25 ÷ 6 = 4,17 «4,2»
        pytest.param(_b(151, 25, 125), False, id="apart-below-its-decimals"),
    ],
)
def test_the_card_is_named_apart_only_where_the_two_read_differently(b, apart):
    flow = deal_flow(b)
    assert flow is not None and flow.apart is apart


def test_a_planner_on_leads_says_its_deals_are_an_average_and_no_more(app_db):
    planner = _open(None, "planner")
    card = next(m for m in planner.metric if m.label == "Сделки в месяц")
    # leads ÷ months × won ÷ leads is the Overview's won ÷ months: no word on the Overview
    assert card.help.replace("\u00a0", " ") == AVERAGE["ru"]


def test_the_workshop_deals_card_says_it_in_the_planners_words(app_db):
    """The Workshop's «Сделки в месяц» on the same workspace reads the same 4,1 (its levers are the
    data's): its help is the Planner's. On a leads-only workspace, none (leads × conversion is the
    Overview's won a month, and the example conversion is no data's)."""
    from tests.reconcile.test_workshop_levers import _leads

    ws = _workspace("deals", _deals())
    planner, workshop = _open(ws, "planner"), _open(ws, "workshop")
    label = "Сделки в месяц при доле выигрыша 27,3 %"  # the Planner's label too (deal_flow.deals_label)
    (card,) = [m for m in workshop.metric if m.label.replace("\u00a0", " ") == label]
    (planned,) = [m for m in planner.metric if m.label.replace("\u00a0", " ") == label]
    assert card.value == planned.value == "4,1"
    assert planned.help.endswith(card.help) and card.help.startswith("В базе 4,1 = 15 сделок в воронку в месяц")
    leads_only = _open(_workspace("leads", _leads()), "workshop")
    assert not next(m for m in leads_only.metric if m.label.startswith("Сделки в месяц")).help
