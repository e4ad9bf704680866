"""The margin lever at its default 100 % (screen review): no margin is set — the data holds none
and Settings have no margin — so the "profit" is revenue minus the budget and ROMI is on revenue.
The lever, the profit card and the ROMI card say so in words; the figures stay as they are
(120 leads × 5 % × 150 000 = 900 000 a month, budget 120 × 1 000 = 120 000: the profit at 100 %
is 780 000, at 30 % 900 000 × 0,3 − 120 000 = 150 000; ROMI (900 000 − 120 000) ÷ 120 000 = 650 %
either way)."""

import pytest

from funnel.i18n import t
from tests.planner.test_pages import metrics, set_levers

pytestmark = [pytest.mark.filterwarnings("ignore"), pytest.mark.usefixtures("demo_app_db")]


def _helps(at) -> dict:
    return {m.label: m.help or "" for m in at.metric}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_margin_set_is_said_on_the_lever_and_the_cards(app, lang):
    at = app
    if lang == "en":
        at.radio(key="lang").set_value("en").run()
    at = set_levers(at.switch_page("pages/planner.py").run(), leads=120.0, conversion=5.0, avg_check=150_000.0)
    at = set_levers(at, cpl=1_000.0)
    assert not at.exception, at.exception
    assert at.select_slider(key="pl_margin_s").label == t("planner.lever.margin_unset", lang)
    m, helps = metrics(at), _helps(at)
    unset = t("planner.m.profit_full_margin", lang)
    assert m[unset] == ("780 000 ₽" if lang == "ru" else "₽780,000")  # the figure as before
    assert t("planner.m.profit_full_margin_help", lang) in helps[unset]
    assert t("planner.m.romi_unset", lang) in helps["ROMI"] and m["ROMI"] == ("650 %" if lang == "ru" else "650%")
    at = set_levers(at, margin=30.0)  # a margin typed: the lever and the cards take their plain names
    m, helps = metrics(at), _helps(at)
    assert at.select_slider(key="pl_margin_s").label == t("planner.lever.margin", lang) + " %"
    assert m[t("planner.m.profit", lang)] == ("150 000 ₽" if lang == "ru" else "₽150,000")
    assert unset not in m
    assert t("planner.m.romi_revenue", lang) in helps["ROMI"]
