"""The three analytics pages under AppTest on the hand-made company: they run, and the numbers
shown equal the figures worked out by hand; the period filter changes them."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from funnel.db import Store
from funnel.i18n import t
from funnel.workspace import create_workspace
from tests.analytics.fixtures import FEBRUARY, MARCH, load_company
from tests.conftest import ROOT
from tests.helpers.screen import fmt_money, fmt_num, fmt_pct


def make_app(app_db) -> AppTest:
    s = Store(app_db)
    with s.transaction() as cur:
        ws = create_workspace(cur, "Test").id
    load_company(s, ws)
    s.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def company_app(app_db):
    return make_app(app_db)


def set_period(at, rng):
    at.selectbox(key="period_preset").set_value("custom").run()
    at.date_input(key="period_range").set_value(rng).run()
    assert not at.exception, at.exception
    return at


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_shows_hand_computed_figures(company_app):
    at = set_period(company_app.switch_page("pages/overview.py").run(), MARCH)
    m = metrics(at)
    # March: 10 leads, spend 900 + 100, won D1 3 000 + D4 2 000 (period attribution), D5 open 5 000 at p = 0.25
    assert m["Лиды"] == fmt_num(10, "ru")
    assert m["Расходы"] == fmt_money(900 + 100, "ru")
    assert m["Стоимость лида (CPL)"] == fmt_money((900 + 100) / 10, "ru") == "100 ₽"
    assert m["Выигранные сделки"] == "2"
    assert m["Конверсия лид → сделка"] == fmt_pct(2 / 10, "ru", 1) == "20,0 %"  # a rate from 10 % up: one decimal
    assert m["Оборот"] == fmt_money(3000 + 2000, "ru") == "5 000 ₽"
    assert m["Средний чек"] == fmt_money(5000 / 2, "ru")
    assert m["Открытая воронка"] == fmt_money(5000, "ru")
    assert m["Взвешенная воронка"] == fmt_money(5000 * 0.25, "ru") == "1 250 ₽"
    # vs February, whose data starts on 15.02 (L0): 14 days like for like, under a month, so no
    # change (it read +900 %, ten leads of a month against one of half a month)
    leads = next(x for x in at.metric if x.label == "Лиды")
    assert leads.delta == "— к пред. периоду"

    at = set_period(at, FEBRUARY)
    m = metrics(at)
    assert m["Лиды"] == "1" and m["Оборот"] == "0 ₽" and m["Расходы"] == "—"
    # leads but no spend in February, while the workspace has March's: another period, not an upload
    infos = [i.value for i in at.info]
    assert t("an.empty.no_spend_period", "ru") in infos and t("an.empty.no_spend", "ru") not in infos


def test_overview_cohort_switch(company_app):
    at = set_period(company_app.switch_page("pages/overview.py").run(), MARCH)
    at.radio(key="ov_attribution").set_value("cohort").run()
    m = metrics(at)
    assert m["Оборот"] == fmt_money(3000 + 1000, "ru")  # D1 and D3: March leads' deals


def test_channels_page_table(company_app):
    at = set_period(company_app.switch_page("pages/channels.py").run(), MARCH)
    table = at.dataframe[0].value
    rows = {r["Канал"]: r for r in table.to_dict(orient="records")}
    assert rows["A"]["Лиды"] == "6" and rows["A"]["CPL"] == fmt_money(900 / 6, "ru")
    assert rows["A"]["ROMI"] == fmt_pct((5000 - 900) / 900, "ru", 0)
    assert rows["B"]["CPL"] == "25 ₽" and rows["B"]["ДРР"] == "—"
    assert rows["Итого"]["CPL"] == "100 ₽" and rows["Итого"]["ДРР"] == fmt_pct(1000 / 5000, "ru", 0)
    # the customer's cost in the table's second set of columns (a laptop holds one set at a time)
    at.radio(key="ch_table_columns").set_value("customers").run()
    rows = {r["Канал"]: r for r in at.dataframe[0].value.to_dict(orient="records")}
    assert rows["A"]["Стоимость клиента"] == fmt_money(900 / 2, "ru")  # CAC, said in words (#16)
    assert rows["B"]["Стоимость клиента"] == "—"
    at.radio(key="ch_table_columns").set_value("money").run()
    # the honest comparison shows the two conversions (cohort: 1/6 and 1/4)
    shown = [m.value for m in at.metric]
    assert fmt_pct(1 / 6, "ru", 1) in shown and fmt_pct(1 / 4, "ru", 1) in shown  # 16,7 % and 25,0 %
    at = set_period(at, FEBRUARY)
    rows = {r["Канал"]: r for r in at.dataframe[0].value.to_dict(orient="records")}
    assert rows["A"]["Лиды"] == "1" and "B" not in rows


def test_owner_filter_keeps_spend_and_says_it_is_not_split(company_app):
    at = set_period(company_app.switch_page("pages/channels.py").run(), MARCH)
    assert not any("не делятся" in c.value for c in at.caption)
    at.multiselect(key="filter_owners").set_value(["Boris"]).run()
    assert not at.exception, at.exception
    rows = {r["Канал"]: r for r in at.dataframe[0].value.to_dict(orient="records")}
    # Boris: B's 4 leads; the spend table has no owner, so both channels' spend stays whole
    assert rows["B"]["CPL"] == fmt_money(100 / 4, "ru") and rows["Итого"]["CPL"] == fmt_money(1000 / 4, "ru")
    assert any("не делятся" in c.value for c in at.caption)


def test_funnel_page(company_app):
    at = set_period(company_app.switch_page("pages/funnel.py").run(), MARCH)
    table = at.dataframe[0].value
    assert list(table["Дошли"]) == ["4", "3", "3", "2", "2", "2"]
    assert list(table["Из 1-го этапа"])[-1] == fmt_pct(0.5, "ru")
    assert any("Истории этапов нет" in i.value for i in at.info)  # reached comes from the current stage
    at.session_state["fn_tab"] = "В разрезе"  # the page's tabs run lazily: open the breakdown
    at.run()
    at.radio(key="fn_breakdown_by").set_value("owner").run()
    assert not at.exception
    # the breakdown's bars go down the side with their stage names wrapped; the hover names the
    # stage whole (it named only the group once the stages left the x axis)
    import json

    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    bars = [d for spec in specs for d in spec["data"] if d.get("type") == "bar" and d.get("orientation") == "h"]
    assert bars
    for bar in bars:
        assert "%{customdata}" in bar["hovertemplate"]
        whole = [c.replace(" ", "") for c in bar["customdata"]]
        assert whole == [y.replace("<br>", "").replace(" ", "") for y in bar["y"]]
    at = set_period(at, (date(2025, 1, 1), date(2025, 1, 31)))
    assert any("Нет сделок" in i.value for i in at.info)


def test_channels_without_spend_say_what_to_upload(app_db):
    from datetime import datetime

    from tests.conftest import insert

    s = Store(app_db)
    with s.transaction() as cur:
        ws = create_workspace(cur, "NoSpend").id
    insert(
        s, ws, "leads", [{"lead_id": f"L{i}", "created_at": datetime(2026, 3, 2), "channel": "Web"} for i in range(3)]
    )
    s.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.run()
    at.switch_page("pages/channels.py").run()
    assert not at.exception
    assert any("загрузите расходы" in i.value for i in at.info)
    rows = {r["Канал"]: r for r in at.dataframe[0].value.to_dict(orient="records")}
    # no spend at all: no CPL column of "—" (the sentence above says what to upload, review #16)
    assert rows["Web"]["Лиды"] == "3" and "CPL" not in rows["Web"] and "Расходы" not in rows["Web"]


def test_overview_in_english(company_app):
    at = company_app
    at.radio(key="lang").set_value("en").run()
    at = set_period(at.switch_page("pages/overview.py").run(), MARCH)
    m = metrics(at)
    assert m["Cost per lead (CPL)"] == fmt_money(100, "en") == "₽100"  # English puts the sign first (CLDR)
    assert m["Turnover"] == "₽5,000" and m["Lead → deal conversion"] == "20.0%"


def test_switching_the_language_keeps_a_custom_period(company_app):
    """The range widget's identity includes its date format, which follows the language: the
    chosen range must survive the switch, and so must the figures (March: 10 leads, 5 000 won)."""
    at = set_period(company_app.switch_page("pages/overview.py").run(), MARCH)
    assert metrics(at)["Лиды"] == fmt_num(10, "ru")
    for lang in ("en", "ru", "en"):
        at.radio(key="lang").set_value(lang).run()
        assert not at.exception, at.exception
        assert at.selectbox(key="period_preset").value == "custom"
        assert tuple(at.date_input(key="period_range").value) == MARCH
        m = metrics(at)
        leads, revenue = ("Leads", "Turnover") if lang == "en" else ("Лиды", "Оборот")
        assert m[leads] == fmt_num(10, lang) and m[revenue] == fmt_money(5000, lang)
    assert at.query_params["from"] in (MARCH[0].isoformat(), [MARCH[0].isoformat()])  # and so does the link
