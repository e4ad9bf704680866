"""The Planner's words and figures from the last screen review: a deals-only workspace's CPL lever
named for what it prices, lead counts whole where they are whole, the channel mix's money whole
with the plan running on what the table shows, and the English mix caption in plain words."""

from __future__ import annotations

import json
import re

import pytest

from funnel.i18n import t
from tests.boxes import type_number
from tests.planner.test_pages import metrics, open_tab, set_levers
from tests.planner.test_partial_plans import headline, infos, on_screen, open_app

pytestmark = pytest.mark.filterwarnings("ignore")


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


# ---- 4. deals only: the CPL lever prices a deal entering the pipeline --------------------------
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_deals_only_names_the_cpl_for_the_deals_it_prices(app_db, lang):
    """Deals only (tests/planner/test_partial_plans.py: 8 deals entered over the 6 months with
    data, no leads, no spend): the plan's base is deals entering, so its CPL lever is the price of
    a deal entering, an empty box to type as a leads-only workspace's CPL is; no «Цена лида» on
    the page. Typed 2 000 ₽: budget 8 ÷ 6 × 2 000 = 2 666,67 → 2 667 ₽."""
    at = open_app(app_db, "deals", lang)
    box = at.text_input(key="pl_cpl_n")
    assert box.label == t("planner.lever.deal_in_cost", lang) + ", ₽"  # money levers carry their currency
    assert box.value == "" and box.placeholder == t("planner.lever.type", lang)
    assert t("planner.help.deal_in_cost", lang) == box.help
    cpl = ("Цена лида", "цену лида") if lang == "ru" else ("Cost per lead", "cost per lead")
    words = on_screen(at) + "\n" + "\n".join(w.label for w in at.text_input)
    assert not any(c in words for c in cpl), words
    assert t("gaps.lever.deal_in_cost", lang) in infos(at)[0]
    type_number(at, "pl_cpl_n", 2_000.0).run()
    assert not at.exception, at.exception
    assert plain(headline(at, lang)["budget"]) == ("2 667 ₽" if lang == "ru" else "₽2,667")


# ---- 5. counts whole where they are whole -------------------------------------------------------
@pytest.fixture
def planner(app_on):
    at = app_on("pages/planner.py")
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(
    ("site_conversion", "visits", "leads", "caption"),
    [
        # 10 000 queries × 5 % = 500 visits × 6 % = 30 leads: «30», not «30,0»
        pytest.param(6.0, "500", "30", "30 лидов сверх рычага", id="whole-30"),
        # 500 × 4,5 % = 22,5 leads: an expected count of people, whole, a half up (nums13:
        # funnel.model.counts.expected; it read «22,5»)
        pytest.param(4.5, "500", "23", "23 лида сверх рычага", id="half-up-23"),
    ],
)
def test_the_web_chain_writes_lead_counts_whole_when_whole(planner, site_conversion, visits, leads, caption):
    at = set_levers(planner, leads=120.0, conversion=5.0, avg_check=150_000.0, cpl=1_000.0)
    open_tab(at, "web")
    set_levers(at, queries=10_000.0, ctr=5.0, site_conversion=site_conversion, cpc=30.0)
    at.toggle(key="pl_web_on").set_value(True).run()
    assert not at.exception, at.exception
    m = metrics(at)
    assert (m["Визиты"], m["Лиды с сайта"]) == (visits, leads)
    assert caption in " ".join(c.value for c in at.caption)


def test_the_headline_deals_are_whole_when_whole(planner):
    """120 leads × 5 % = 6 deals: «6», as the plan report and `plan`'s table write it."""
    at = set_levers(planner, leads=120.0, conversion=5.0, avg_check=150_000.0, cpl=1_000.0)
    assert metrics(at)["Сделки в месяц"] == "6"


# ---- 6. the channel mix's money ---------------------------------------------------------------
def _mix_link(at) -> dict:
    raw = at.query_params["mix"]
    return json.loads(raw[0] if isinstance(raw, list) else raw)


def test_a_cpl_typed_into_the_mix_is_whole_and_the_plan_uses_it(planner):
    """The demo's channel table: every CPL cell whole («1 327 ₽», not «1 326,88 ₽»). 1 234,56
    typed into the first channel's CPL reads back «1 235 ₽», and the plan (its link too) runs on
    1 235: that channel's leads are its budget ÷ 1 235."""
    from funnel.formatting import number

    at = open_tab(planner, "mix")
    cells = next(d.value for d in at.dataframe if list(d.value.columns)[:1] == ["channel"])
    assert all(re.fullmatch(r"\d{1,3}( \d{3})* ₽", plain(v)) for v in cells["cpl"]), list(cells["cpl"])
    channel = cells["channel"].iloc[0]
    at.session_state["pl_mix"] = {"edited_rows": {0: {"cpl": "1 234,56"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert _mix_link(at)[channel]["cpl"] == 1235.0
    cells = next(d.value for d in at.dataframe if list(d.value.columns)[:1] == ["channel"])
    assert plain(cells["cpl"].iloc[0]) == "1 235 ₽"
    result = next(d.value for d in at.dataframe if "Лиды" in d.value.columns and "CPL" in d.value.columns)
    assert plain(result["CPL"].iloc[0]) == "1 235 ₽"
    budget = _mix_link(at)[channel]["budget"]
    leads = budget / 1235
    assert plain(result["Лиды"].iloc[0]) == number(leads, "ru", 0 if leads >= 100 else 1)


# ---- 7. the English channel-mix caption --------------------------------------------------------
def test_the_english_mix_caption_has_no_formula():
    """It read "Budget ÷ CPL = leads; × channel conversion = deals …(budget ÷ base budget)^s":
    plain words now, as the Russian one."""
    for lang in ("ru", "en"):
        text = t("planner.mix.intro", lang)
        assert not re.search(r"[=÷×^₀]|(?<!')\bs\b", text), (lang, text)
    assert t("planner.mix.saturation", "en") == "Lead cost growth"
    assert "“Lead cost growth” column" in t("planner.mix.intro", "en")
