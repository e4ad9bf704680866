"""The Planner's tabs on a workspace of deals only, without stage history (issues #14 and #16):
each tab tells the truth about the deals it has, and says what it cannot work out and why.

The data is test_partial_plans.py's "deals" workspace: 8 deals, January–June 2026, 3 won, 1 lost,
4 open at "Proposal under review"; no leads, no amounts, no stage history.
"""

from __future__ import annotations

import pytest

from tests.helpers.screen import t  # as read: a number and its unit joined by U+00A0
from tests.planner.test_partial_plans import infos, open_app, open_tab

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_stage_chain_names_the_deals_and_says_it_needs_leads(app_db, lang):
    at = open_tab(open_app(app_db, "deals", lang), "chain", lang)
    shown = infos(at)
    assert t("planner.chain.empty", lang) not in shown  # "no deals with stages": there are 8
    assert t("planner.chain.no_leads", lang, deals=8) in shown
    assert ("8 сделок" if lang == "ru" else "8 deals") in t("planner.chain.no_leads", lang, deals=8)


def _pipeline(at, lang: str):
    return next(d.value for d in at.dataframe if t("planner.fc.col.p_learned", lang) in d.value.columns)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_chance_by_history_is_a_dash_past_the_first_stage_without_stage_history(app_db, lang):
    at = open_tab(open_app(app_db, "deals", lang), "forecast", lang)
    table = _pipeline(at, lang)
    chance = list(table[t("planner.fc.col.p_learned", lang)])
    deals = list(table[t("planner.fc.col.deals", lang)])
    # the ladder's five open stages; the 4 open deals at the third, "Proposal under review"
    assert deals == ["0", "0", "4", "0", "0"]
    # 3 won ÷ (3 won + 1 lost) = 75 % at the first stage, where every deal has been; past it, the
    # one lost deal (without history: counted at the first stage) would make 3 ÷ 3 = 100 %
    assert chance == ["75%", "—", "—", "—", "—"] if lang == "en" else ["75 %", "—", "—", "—", "—"], chance
    assert t("planner.fc.no_history", lang) in [c.value for c in at.caption]


def test_the_forecast_by_history_takes_the_ladder_chance_where_history_cannot_learn_one():
    from funnel.model.pipeline import OpenStage, weighted

    # 2 open deals worth 1 000 at a stage the ladder gives 25 %; without history 3 won ÷ 3 closed
    # "after" it would say 100 %: the forecast takes 1 000 × 25 % = 250, not 1 000
    rows, total = weighted([OpenStage("B", 2, 1_000, 0.25, won_after=3, closed_after=3, learnable=False)])
    assert rows[0]["learned_probability"] is None
    assert total["weighted_learned"] == 250
    assert total["unlearned"] == 1


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("ru", "Данные не дают средний чек и число продавцов: эти рычаги — пример из методики"),
        (
            "en",
            "The data does not give the average deal size and the number of sellers: the method's example stands in",
        ),
    ],
)
def test_the_workshop_names_only_what_the_deals_lack(app_db, lang, expected):
    # 3 won deals, no amounts, no owners: the Workshop runs on the deals it has (the Planner's
    # baseline) and names the two levers the data lacks, in the Planner's words; it must not say
    # the data lacks the win rate it has
    at = open_app(app_db, "deals", lang, page="workshop")
    assert [i for i in infos(at) if i.startswith(expected)], infos(at)
    assert not [i for i in infos(at) if t("gaps.lever.win_rate", lang) in i], infos(at)


@pytest.mark.parametrize("lang, box", [("ru", "1,3"), ("en", "1.3")])
def test_capacity_on_deals_counts_deals_and_its_thumb_reads_its_box(app_db, monkeypatch, lang, box):
    """The 8 deals, every one Ann's: 8 entered ÷ 6 months = 1,33 a month for 1 seller, so a
    seller handles 1,3 deals a month. The whole-step slider's thumb read «1» beside «1,3»."""
    import json

    from tests.planner import test_partial_plans as partial
    from tests.planner.test_lever_thumbs import thumb

    owned = [d | {"owner": "Ann"} for d in partial.DEALS]
    monkeypatch.setitem(partial.KINDS, "owned", {"deals": owned})
    at = open_tab(open_app(app_db, "owned", lang), "capacity", lang)
    at.toggle(key="pl_capacity_on").set_value(True).run()
    assert not at.exception, at.exception
    assert at.text_input(key="pl_contacts_per_seller_n").value == box
    assert thumb(at, "pl_contacts_per_seller_s") == box
    assert at.select_slider(key="pl_contacts_per_seller_s").label == t("planner.lever.deals_per_seller", lang)
    assert at.select_slider(key="pl_contacts_per_seller_s").help == t("planner.help.deals_per_seller", lang)
    assert t("planner.cap.intro_deals", lang) in [c.value for c in at.caption]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["xaxis"]["title"]["text"] == t("planner.lever.deals_in", lang)
    # titled by the deals it counts, not «…от числа лидов» over an axis of deals (review #16)
    # in two even lines on every screen (a phone cut it: phone13)
    assert spec["layout"]["title"]["text"].replace("<br>", " ") == t("planner.chart.capacity_deals", lang)
    # a step of the slider onto the grid: the box follows, and the thumb is the plain slider's again
    at.select_slider(key="pl_contacts_per_seller_s").set_value(2.0).run()
    assert not at.exception, at.exception
    assert at.text_input(key="pl_contacts_per_seller_n").value == "2"
    assert at.slider(key="pl_contacts_per_seller_s").value == 2.0


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_lost_deal_that_names_its_stage_lets_the_chance_be_learned(app_db, monkeypatch, lang):
    """Without stage history, but the lost deal's own stage is an open one past the first (an
    export with a status column beside the stage: status lost, stage "Contract negotiation"): the
    data shows where it left, so the chance past the first stage is learned, not "—" (code review).
    The lost deal reached the fourth stage: the first four stages' deals after them are 3 won and
    1 lost (3 ÷ 4 = 75 %), the fifth's 3 won only (100 %)."""
    from tests.planner import test_partial_plans as partial

    named = [d | {"stage": "Contract negotiation"} if d["status"] == "lost" else d for d in partial.DEALS]
    monkeypatch.setitem(partial.KINDS, "named", {"deals": named})
    at = open_tab(open_app(app_db, "named", lang), "forecast", lang)
    chance = list(_pipeline(at, lang)[t("planner.fc.col.p_learned", lang)])
    pct = "%" if lang == "en" else " %"
    assert chance == [f"75{pct}", f"75{pct}", f"75{pct}", f"75{pct}", f"100{pct}"], chance
    assert t("planner.fc.no_history", lang) not in [c.value for c in at.caption]
