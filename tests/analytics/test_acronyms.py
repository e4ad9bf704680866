"""The funnel's acronyms (SAL, MQL, SQL: funnel/texts/terms.py) are explained where a person meets
them (review #16: «Lead → SAL» stood unexplained in English): a table's header that names one has
its full term as a tooltip, and a screen's first sentence that names one writes the term out."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from funnel.i18n import TABLE, t, term_help
from funnel.texts.terms import ACRONYMS
from tests.conftest import ROOT

FULL = {
    "SAL": "sales-accepted lead",
    "MQL": "marketing-qualified lead",
    "SQL": "sales-qualified lead",
    "ROMI": "return on marketing investment",
    "LTV": "lifetime value",
}
# the Russian terms' full words (review #16: ROMI and LTV headed columns and cards unexplained)
FULL_RU = {"ROMI": "окупаемость вложений в маркетинг", "LTV": "Ценность клиента (LTV)"}


def test_every_acronym_has_its_term_in_both_languages():
    for acronym in ACRONYMS:
        ru, en = TABLE[f"term.{acronym}"]
        assert acronym in ru and acronym in en and FULL[acronym] in en
        assert FULL_RU.get(acronym, "") in ru
    assert {"ROMI", "LTV"} <= set(ACRONYMS)


@pytest.mark.parametrize(
    ("header", "named"),
    [
        ("Lead → SAL, days", ["SAL"]),
        ("SAL: leads", ["SAL"]),
        ("Leads", []),
        ("SALES", []),
        ("MQL → SQL", ["MQL", "SQL"]),
        ("ROMI", ["ROMI"]),
        ("Channel mix: ROMI", ["ROMI"]),
        ("Client LTV", ["LTV"]),
    ],
    ids=["step", "colon", "none", "a-longer-word", "two", "romi", "mix-romi", "ltv"],
)
def test_a_header_gets_the_terms_it_names(header, named):
    tip = term_help(header, "en")
    assert (tip is None) == (not named)
    for acronym in named:
        assert FULL[acronym] in tip


def _app(lang: str, page: str, tab_key: str, tab: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.session_state["lang"] = lang
    at.switch_page(page).run()
    at.session_state[tab_key] = tab
    at.run()
    assert not at.exception, at.exception
    return at


def _headers_with_help(at) -> dict[str, str | None]:
    out = {}
    for frame in at.dataframe:
        config = json.loads(frame.proto.columns or "{}")
        for name in frame.value.columns:
            out[name] = (config.get(name) or {}).get("help")
    return out


@pytest.mark.parametrize(
    ("page", "tab_key", "tab"),
    [("pages/funnel.py", "fn_tab", "fn.tab.speed"), ("pages/time.py", "tm_tab", "tm.tab.convert")],
    ids=["funnel-speed", "time-to-convert"],
)
def test_an_english_screen_explains_sal_where_it_first_says_it(demo_app_db, page, tab_key, tab):
    at = _app("en", page, tab_key, t(tab, "en"))
    headers = {h: tip for h, tip in _headers_with_help(at).items() if "SAL" in h}
    for header, tip in headers.items():
        assert tip and FULL["SAL"] in tip, (header, tip)
    captions = [c.value for c in at.caption if "SAL" in c.value]
    assert headers or captions, "the screen no longer names SAL: is this test still needed?"
    if captions:  # the first sentence that says SAL writes the term out
        assert FULL["SAL"] in captions[0], captions[0]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_romi_heads_the_channels_table_and_the_planners_card_with_its_full_words(demo_app_db, lang):
    """Review #16: ROMI headed the Channels' economics and the Planner's card with no tooltip."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.session_state["lang"] = lang
    at.switch_page("pages/channels.py").run()
    assert not at.exception, at.exception
    tip = _headers_with_help(at)["ROMI"]
    assert tip == t("term.ROMI", lang), tip
    at.switch_page("pages/planner.py").run()
    assert not at.exception, at.exception
    (card,) = [m for m in at.metric if m.label == "ROMI"]
    # its full words, then that it is on revenue: the planner opens with no margin set
    assert card.proto.help == t("term.ROMI", lang) + " " + t("planner.m.romi_unset", lang)


def test_the_repeat_tabs_ltv_card_says_lifetime_value(demo_app_db):
    """«Client LTV» has the term; so has the Russian «Ценность клиента», which says it in words
    (the screen review asked for the same help in both languages)."""
    at = _app("en", "pages/planner.py", "pl_tab", t("planner.tab.repeat", "en"))
    (card,) = [m for m in at.metric if m.label == "Client LTV"]
    assert FULL["LTV"] in card.proto.help
    ru = _app("ru", "pages/planner.py", "pl_tab", t("planner.tab.repeat", "ru"))
    (card,) = [m for m in ru.metric if m.label == "Ценность клиента"]
    assert card.proto.help.startswith("Ценность клиента (LTV)")
