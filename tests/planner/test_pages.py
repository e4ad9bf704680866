"""The planner and workshop pages in AppTest: drive the levers by key, read the metrics, and
check them against figures worked out by hand."""

import math

import pytest
from streamlit.testing.v1 import AppTest

from funnel.i18n import t
from tests.boxes import box_keys, box_value, type_number
from tests.conftest import ROOT

# Every test here opens the app on the demo, as a first start on an empty file would install it
# (tests/conftest.py demo_app_db: a copy, not a fresh install per test).
pytestmark = [pytest.mark.filterwarnings("ignore"), pytest.mark.usefixtures("demo_app_db")]


def metrics(at) -> dict:
    """Label → value; the first metric with a label wins (the main row comes before the tabs)."""
    out = {}
    for m in at.metric:
        out.setdefault(m.label, m.value)
    return out


def open_tab(at, name: str, lang: str = "ru"):
    """Open a planner tab (they run lazily: only the open one draws its widgets)."""
    from funnel.i18n import t

    at.session_state["pl_tab"] = t(f"planner.tab.{name}", lang)
    return at.run()


def set_levers(at, **values):
    for key, value in values.items():
        type_number(at, f"pl_{key}_n", value)
    return at.run()


@pytest.fixture
def planner(app_on):
    at = app_on("pages/planner.py")
    assert not at.exception, at.exception
    assert "pl_capacity_on" not in {t.key for t in at.toggle}  # a closed tab draws nothing
    open_tab(at, "capacity")
    at.toggle(key="pl_capacity_on").set_value(False).run()
    return open_tab(at, "chain")


def test_levers_drive_the_metrics(planner):
    at = set_levers(planner, leads=120.0, conversion=5.0, avg_check=150_000.0, cpl=1_000.0)
    assert not at.exception, at.exception
    m = metrics(at)
    # 120 × 5 % × 150 000 = 900 000; 6 deals; budget 120 × 1 000; ROMI (900 000 − 120 000) ÷ 120 000 = 650 %
    assert m["Оборот в месяц"] == "900 000 ₽"
    assert m["Сделки в месяц"] == "6"  # whole: no ",0" (funnel.model.precision.figure)
    assert m["Бюджет в месяц"] == "120 000 ₽"
    assert m["ROMI"] == "650 %"
    at.slider(key="pl_leads_s").set_value(240.0).run()
    assert metrics(at)["Оборот в месяц"] == "1 800 000 ₽"
    assert box_value(at, "pl_leads_n") == 240.0  # the number follows the slider
    assert at.query_params["l"] == ["240"] or at.query_params["l"] == "240"


def test_reverse_plan_is_one_switch_away(planner):
    at = set_levers(planner, conversion=5.0, avg_check=150_000.0, cpl=1_000.0)
    at.toggle(key="pl_reverse").set_value(True).run()
    type_number(at, "pl_target_turnover_n", 1_350_000.0).run()
    assert not at.exception, at.exception
    m = metrics(at)
    # 1 350 000 ÷ 150 000 = 9 deals; 9 ÷ 5 % = 180 leads; 180 × 1 000 = 180 000
    assert m["Нужно лидов"] == "180"
    assert m["Нужен бюджет"] == "180 000 ₽"
    assert m["Нужно сделок"] == "9"
    assert m["Оборот в месяц"] == "1 350 000 ₽"


def test_capacity_lowers_conversion_past_the_team(planner):
    at = set_levers(planner, leads=200.0, conversion=2.0, avg_check=100_000.0)
    open_tab(at, "capacity")
    at.toggle(key="pl_capacity_on").set_value(True).run()
    type_number(at, "pl_sellers_n", 2.0).run()
    type_number(at, "pl_contacts_per_seller_n", 50.0).run()
    assert not at.exception, at.exception
    m = metrics(at)
    # capacity 2 × 50 = 100; twice the load: 2 % → 1,5 %; 200 × 1,5 % × 100 000 = 300 000; 4 sellers keep 2 %
    assert m["Пропускная способность"] == "100"
    assert m["Конверсия с нагрузкой"] == "1,50 %"
    # 1,50 % − 2,00 %: a change of −0,50 % written with a true minus, and its arrow still down
    from streamlit.proto.Metric_pb2 import Metric as MetricProto

    effective = next(x for x in at.metric if x.label == "Конверсия с нагрузкой")
    assert effective.delta == "\u22120,50 %" and effective.proto.direction == MetricProto.MetricDirection.DOWN
    assert m["Оборот в месяц"] == "300 000 ₽"
    assert m["Нужно продавцов"] == "4"
    # another tab open: the capacity tab's widgets are gone, the team still limits the plan
    open_tab(at, "forecast")
    assert "pl_sellers_n" not in box_keys(at)
    assert metrics(at)["Оборот в месяц"] == "300 000 ₽" and at.query_params.get("s") in (["2"], "2")
    open_tab(at, "capacity")
    assert at.toggle(key="pl_capacity_on").value is True and box_value(at, "pl_sellers_n") == 2.0


def test_the_capacity_reads_as_the_product_it_is(planner):
    """Screen review #16: the per-seller lever wrote «212» for 211,6 and the card «1 270»: 6 × 212 is
    1 272. Under the card, the product with the per-seller figure as exact as it needs:
    6 × 211,6 = 1 269,6 → «≈ 1 270» (a product read aloud must add up: «=» only where it does);
    2 × 50 = 100 without «,0», «=»."""
    at = set_levers(planner, leads=2_000.0)
    open_tab(at, "capacity")
    at.toggle(key="pl_capacity_on").set_value(True).run()
    type_number(at, "pl_sellers_n", 6.0).run()
    type_number(at, "pl_contacts_per_seller_n", 211.6).run()
    assert not at.exception, at.exception
    assert metrics(at)["Пропускная способность"] == "1 270"
    assert "6 × 211,6 на продавца ≈ 1 270 в месяц" in [c.value.replace("\u00a0", " ") for c in at.caption]
    type_number(at, "pl_sellers_n", 2.0).run()
    type_number(at, "pl_contacts_per_seller_n", 50.0).run()
    assert "2 × 50 на продавца = 100 в месяц" in [c.value.replace("\u00a0", " ") for c in at.caption]


def test_the_per_seller_lever_reads_as_the_product_under_the_card(planner):
    """Screen review #16: at the demo's baseline the per-seller slider read «212» while the line
    under the capacity card said «6 × 212,5 на продавца = 1 275»: the lever wrote the count whole
    (from 100 up), the line as many decimals as the product needs. Both now read 212,5: the
    demo's 15 298 leads ÷ 12 months ÷ 6 sellers = 212,472… a seller; 6 × 212,472… = 1 274,83 →
    «1 275», and 6 × 212,5 = 1 275 exactly, so «=». A value moved on the slider (213) reads whole
    on both."""
    at = open_tab(planner, "capacity")
    at.toggle(key="pl_capacity_on").set_value(True).run()
    assert not at.exception, at.exception
    assert box_value(at, "pl_sellers_n") == 6.0
    per = 15_298 / 12 / 6
    # a slider of options, the model's exact value its thumb, written as the box writes it
    slider = at.select_slider(key="pl_contacts_per_seller_s")
    assert slider.value == pytest.approx(per) and slider.format_func(slider.value) == "212,5"
    assert at.text_input(key="pl_contacts_per_seller_n").value == "212,5"
    assert metrics(at)["Пропускная способность"] == "1 275"  # round(6 × 212,472…) = round(1 274,83)
    assert round(6 * per) == 1_275 == 6 * 212.5
    assert "6 × 212,5 на продавца = 1 275 в месяц" in [c.value.replace("\u00a0", " ") for c in at.caption]
    at.select_slider(key="pl_contacts_per_seller_s").set_value(213.0).run()
    assert not at.exception, at.exception
    assert at.text_input(key="pl_contacts_per_seller_n").value == "213"
    assert "6 × 213 на продавца = 1 278 в месяц" in [c.value.replace("\u00a0", " ") for c in at.caption]


def test_save_and_compare_a_scenario(planner):
    at = set_levers(planner, leads=120.0, conversion=5.0, avg_check=150_000.0)
    open_tab(at, "scenarios")
    at.text_input(key="pl_sc_name").set_value("Рост <b>").run()
    at.button(key="pl_sc_save").click().run()
    assert not at.exception, at.exception
    # AppTest does not expose st.dataframe keys: find the comparison table by its first column
    table = next(d.value for d in at.dataframe if list(d.value.columns)[:1] == ["Показатель"])
    assert "Рост <b>" in table.columns
    row = table[table.iloc[:, 0] == "Оборот в месяц"]
    assert row["Рост <b>"].iloc[0] == "900 000 ₽"
    assert (
        table[table.iloc[:, 0] == "Базовая конверсия"]["Рост <b>"].iloc[0] == "5,00 %"
    )  # as the headline: a rate below 10 % with two decimals


def fresh(app_db, params: dict):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params.update(params)
    at.switch_page("pages/planner.py")
    at.run()
    at.run()
    return at


def test_a_shared_link_reopens_the_exact_view(app_db):
    at = fresh(app_db, {"pv": "1", "rv": "0", "l": "120", "c": "0.05", "k": "150000", "cpl": "1000", "m": "1"})
    assert not at.exception, at.exception
    assert not at.warning or all("Ссылка" not in w.value for w in at.warning)
    m = metrics(at)
    assert m["Оборот в месяц"] == "900 000 ₽" and m["Бюджет в месяц"] == "120 000 ₽"


@pytest.mark.parametrize(
    "params",
    [
        {"pv": "1", "l": "120", "c": "7", "k": "150000"},  # conversion 700 %
        {"pv": "1", "l": "abc", "c": "0.05", "k": "1"},  # not a number
        {"pv": "0", "l": "120", "c": "0.05", "k": "1"},  # a link from another version
    ],
    ids=["out-of-range", "garbage", "stale"],
)
def test_a_bad_link_falls_back_to_the_baseline_with_a_message(app_db, params):
    at = fresh(app_db, params)
    assert not at.exception, at.exception
    assert any("Ссылка устарела" in w.value for w in at.warning)
    assert box_value(at, "pl_leads_n") != 120.0  # the baseline's leads, not the link's


def workshop(app_db, lang, **levers):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = lang
    for key, value in levers.items():  # set before the first run: AppTest cannot rerun an English
        at.session_state[key] = value  # session (see the report: the sidebar's lazy format_func)
    at.switch_page("pages/workshop.py")
    at.run()  # one run: the deep link goes through dashboard.py and renders the page
    return at


@pytest.mark.parametrize(
    "lang, line, turnover",
    [
        ("ru", "120 лидов × 5,00 % × 150 000 ₽ = 900 000 ₽", ("Оборот в месяц", "900 000 ₽")),
        ("en", "120 leads × 5.00% × ₽150,000 = ₽900,000", ("Turnover per month", "₽900,000")),
    ],
)
def test_workshop_writes_the_arithmetic_out(app_db, lang, line, turnover):
    at = workshop(app_db, lang, ws_leads=120.0, ws_conversion=5.0, ws_avg_check=150_000.0, ws_sellers=10.0)
    assert not at.exception, at.exception
    lines = [m.value.replace("\\", "") for m in at.markdown]
    assert line in lines
    assert metrics(at)[turnover[0]] == turnover[1]


def demo_baseline(app_db):
    """The demo's baseline for the sidebar's default period (its last 12 months)."""
    import ui
    from funnel.baseline import baseline
    from funnel.filters import Filters
    from funnel.periods import data_range, preset_range

    with ui.cursor() as cur:  # the app's own store (one per process)
        first, last = data_range(cur, "demo")
        return baseline(cur, Filters("demo", *preset_range("last_12_months", last, first)))


def test_workshop_sliders_and_reset(app_db):
    at = workshop(app_db, "ru")
    at.slider(key="ws_leads").set_value(240.0)
    at.select_slider(key="ws_conversion").set_value(2.0)
    at.slider(key="ws_avg_check").set_value(100_000.0)
    at.slider(key="ws_sellers").set_value(1.0).run()
    assert not at.exception, at.exception
    # capacity = 1 seller × the demo's leads per seller, exactly as the planner's baseline has it
    # (leads per month ÷ sellers = 15 298 ÷ 12 ÷ 6 = 212.47…, shown as 212) < 240 leads: overloaded,
    # so turnover = 240 × 2 % × (212.47… ÷ 240)^e × 100 000 with e = ln(2/1,5)/ln 2, and the line says "≈"
    b = demo_baseline(app_db)
    per_seller = b.leads_per_month / b.sellers
    assert (b.leads, b.sellers) == (15_298, 6) and per_seller == pytest.approx(15_298 / 72)
    assert metrics(at)["Лидов может обработать команда"] == "212"
    e = math.log(2 / 1.5) / math.log(2)
    expected = 240 * 0.02 * (per_seller / 240) ** e * 100_000
    assert metrics(at)["Оборот в месяц"] == f"{expected:,.0f} ₽".replace(",", " ")
    assert any("≈" in m.value for m in at.markdown)
    at.button(key="ws_reset").click().run()
    assert metrics(at)["Оборот в месяц"] != "480 000 ₽"


def test_a_scenario_marked_as_plan_shows_on_the_overview(planner, app_db):
    at = set_levers(planner, leads=100.0, conversion=5.0, avg_check=100_000.0)
    open_tab(at, "scenarios")
    at.text_input(key="pl_sc_name").set_value("План на октябрь").run()
    at.button(key="pl_sc_save").click().run()
    from datetime import date

    at.selectbox(key="pl_sc_pick").set_value("План на октябрь").run()  # beside the demo's own scenarios
    at.date_input(key="pl_sc_period").set_value((date(2026, 10, 1), date(2026, 10, 31))).run()
    at.button(key="pl_sc_mark").click().run()  # October 2026, the baseline's last month
    assert not at.exception, at.exception
    at.switch_page("pages/overview.py").run()
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if "Выполнение" in d.value.columns)
    row = table.iloc[0]
    # plan: 100 leads × 5 % × 100 000 = 500 000 a month, one month of overlap
    assert row["План"] == "500 000 ₽"
    import duckdb

    fact = (
        duckdb.connect(str(app_db))
        .execute(
            "SELECT sum(amount) FROM stg_deals WHERE workspace_id = 'demo' AND status = 'won' "
            "AND CAST(closed_at AS DATE) BETWEEN DATE '2026-10-01' AND DATE '2026-10-31'"
        )
        .fetchone()[0]
    )
    assert row["Факт"] == f"{float(fact):,.0f} ₽".replace(",", " ")
    assert row["Выполнение"] == f"{float(fact) / 500_000 * 100:,.1f} %".replace(",", " ").replace(".", ",")
    # the line over the table names the scenario and the months it covers, not the headline's 12
    line = "План — сценарий «План на октябрь», за 01.10.2026–31.10.2026 (1 мес.): та часть выбранного периода"
    assert any(line in c.value for c in at.caption), [c.value for c in at.caption]


def test_a_viewer_plays_with_the_levers_but_cannot_save(app_db):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.secrets["funnel"] = {"auth": "password", "passwords": {"boss": {"password": "boss-pw", "role": "viewer"}}}
    at.switch_page("pages/planner.py")
    at.run()
    at.text_input(key="signin_password").input("boss-pw")
    at.button(key="signin_submit").click().run()
    assert not at.exception, at.exception
    open_tab(at, "capacity")
    at.toggle(key="pl_capacity_on").set_value(False).run()
    at = set_levers(at, leads=120.0, conversion=5.0, avg_check=150_000.0)
    assert metrics(at)["Оборот в месяц"] == "900 000 ₽"
    open_tab(at, "scenarios")
    assert "pl_sc_pick" in {s.key for s in at.selectbox} or any("не сохранять" in i.value for i in at.info)
    assert "pl_sc_save" not in {b.key for b in at.button}
    assert any("не сохранять" in i.value for i in at.info)


def web_and_repeat(at, web: bool, repeat: bool):
    """120 leads × 5 % × 150 000, CPL 1 000, margin 30 %; web 10 000 × 5 % × 4 % = 20 leads at
    500 clicks × 30 = 15 000; repeat 50 × 20 000 × 2 = 2 000 000; each switched as given."""
    at = set_levers(at, leads=120.0, conversion=5.0, avg_check=150_000.0, cpl=1_000.0, margin=30.0)
    open_tab(at, "web")
    set_levers(at, queries=10_000.0, ctr=5.0, site_conversion=4.0, cpc=30.0)
    at.toggle(key="pl_web_on").set_value(web).run()
    open_tab(at, "repeat")
    set_levers(at, active_clients=50.0, avg_order=20_000.0, orders_per_period=2.0)
    return at.toggle(key="pl_repeat_on").set_value(repeat).run()


@pytest.mark.parametrize(
    ("web", "repeat", "turnover", "deals", "budget", "profit"),
    [
        # 6 deals × 150 000; profit 900 000 × 30 % − 120 000
        pytest.param(False, False, "900 000 ₽", "6", "120 000 ₽", "150 000 ₽", id="calculators-only"),
        # 140 leads → 7 deals; budget + 15 000; 1 050 000 × 30 % − 135 000
        pytest.param(True, False, "1 050 000 ₽", "7", "135 000 ₽", "180 000 ₽", id="web-feeds"),
        # 900 000 + 2 000 000; 2 900 000 × 30 % − 120 000
        pytest.param(False, True, "2 900 000 ₽", "6", "120 000 ₽", "750 000 ₽", id="repeat-feeds"),
        pytest.param(True, True, "3 050 000 ₽", "7", "135 000 ₽", "780 000 ₽", id="both-feed"),
    ],
)
def test_web_chain_and_repeat_customers_feed_the_headline_when_switched_on(
    planner, web, repeat, turnover, deals, budget, profit
):
    at = web_and_repeat(planner, web, repeat)
    assert not at.exception, at.exception
    m = metrics(at)
    assert (m["Оборот в месяц"], m["Сделки в месяц"], m["Бюджет в месяц"], m["Прибыль в месяц"]) == (
        turnover,
        deals,
        budget,
        profit,
    )
    # the repeat tab (open) shows the same revenue whether it feeds the plan or not
    assert m["Повторные клиенты: оборот в месяц"] == "2 000 000 ₽"
    said = " ".join(c.value for c in at.caption)
    assert ("20 лидов сверх рычага" in said) is web and ("постоянные клиенты — 2 000 000 ₽ в обороте" in said) is repeat
    # the link carries both switches
    assert (at.query_params["wo"] in ("1", ["1"])) is web and (at.query_params["ro"] in ("1", ["1"])) is repeat
    open_tab(at, "web")
    shown = metrics(at)
    assert (shown["Лиды с сайта"], shown["Расходы на сайт"]) == ("20", "15 000 ₽")  # a whole count: not "20,0"
    assert shown["Оборот в месяц"] == turnover  # the headline, unchanged by which tab is open


def test_margin_visibly_drives_profit(planner):
    """No margin set (the data holds none): the profit is "—" under a label that says so, not
    turnover − budget (900 000 − 120 000 = 780 000 as if the margin were 100 %); a 100 % typed is
    still no margin; a margin typed below 100 % gives the plain label and turnover × margin −
    budget."""
    at = set_levers(planner, leads=120.0, conversion=5.0, avg_check=150_000.0, cpl=1_000.0, margin=100.0)
    card = next(x for x in at.metric if x.label.startswith("Прибыль в месяц"))
    assert (card.label, card.value) == ("Прибыль в месяц (маржа не задана)", "—")
    assert card.help.startswith("Маржа не задана: в данных её нет, а без неё прибыль не посчитать.")
    at = set_levers(at, margin=50.0)
    m = metrics(at)
    assert m["Прибыль в месяц"] == "330 000 ₽"  # 900 000 × 50 % − 120 000
    assert "Прибыль в месяц (маржа не задана)" not in m
    assert m["Оборот в месяц"] == "900 000 ₽"  # margin is not a turnover lever


def test_a_link_with_the_switches_reopens_them(app_db):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = "ru"
    at.query_params.update(
        {"pv": "1", "l": "120", "c": "0.05", "k": "150000", "cpl": "1000", "m": "1", "q": "10000", "ctr": "0.05"}
    )
    at.query_params.update({"sc": "0.04", "cpc": "30", "ac": "0", "ao": "0", "op": "1", "wo": "1", "ro": "0"})
    at.switch_page("pages/planner.py")
    at.run()
    assert not at.exception, at.exception
    # (120 + 20) × 5 % × 150 000 = 1 050 000
    assert metrics(at)["Оборот в месяц"] == "1 050 000 ₽"


def test_a_number_box_writes_and_reads_russian_numbers_and_refuses_with_a_reason(planner):
    at = planner
    before = metrics(at)["Оборот в месяц"]
    leads = at.session_state["pl_v_leads"]  # the baseline's exact 15 298 ÷ 12, written "1 275"
    at.text_input(key="pl_leads_n").input("много").run()
    assert not at.exception, at.exception
    assert at.text_input(key="pl_leads_n").value == "много"  # kept as typed, with the reason
    assert any("Нужно число, например 1 234,5" in c.value for c in at.caption)
    assert metrics(at)["Оборот в месяц"] == before and at.session_state["pl_v_leads"] == leads
    at.text_input(key="pl_conversion_n").input("150").run()
    assert any("Не больше 100" in c.value for c in at.caption)
    at.text_input(key="pl_leads_n").input("1 500,5").run()  # as Russian writes it
    assert at.session_state["pl_v_leads"] == 1500.5
    assert at.text_input(key="pl_leads_n").value == "1 500,5"
    assert not any("Нужно число" in c.value for c in at.caption)
    assert metrics(at)["Оборот в месяц"] != before


def test_a_typed_lever_survives_a_language_switch_without_a_complaint(planner):
    """The box's text is written in the language of the run that drew it: after a switch it is
    the other language's writing of the same number, not a number typed wrong."""
    at = planner
    at.text_input(key="pl_leads_n").input("1 500,5").run()
    at.radio(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    assert at.session_state["pl_v_leads"] == 1500.5
    assert at.text_input(key="pl_leads_n").value == "1,500.5"
    assert not any("A number is expected" in c.value for c in at.caption)
    at.radio(key="lang").set_value("ru").run()
    assert at.text_input(key="pl_leads_n").value == "1 500,5" and at.session_state["pl_v_leads"] == 1500.5


def test_a_refused_number_says_why_in_the_language_shown(planner):
    at = planner
    at.text_input(key="pl_conversion_n").input("150").run()
    assert any("Не больше 100" in c.value for c in at.caption)
    at.radio(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    assert any("At most 100" in c.value for c in at.caption)
    assert not any("Не больше" in c.value for c in at.caption)


def test_repeat_customers_show_a_dash_until_their_levers_are_typed(planner):
    """The repeat customers' figures read "0 ₽" before anything was typed. Nothing typed: "—"
    for revenue, profit and LTV. An order of 20 000 and 2 orders a month typed: LTV still "—"
    while no margin is set (a line says so), then at 30 %: 20 000 × 2 × 30 % × 12 months =
    144 000 ₽; revenue still "—" (no active clients). 50 clients typed: revenue 50 × 20 000 × 2 =
    2 000 000 ₽."""
    at = open_tab(planner, "repeat")
    assert not at.exception, at.exception
    m = metrics(at)
    assert (m["Повторные клиенты: оборот в месяц"], m["Ценность клиента"]) == ("—", "—"), m
    set_levers(at, avg_order=20_000.0, orders_per_period=2.0)
    assert metrics(at)["Ценность клиента"] == "—"
    assert t("planner.rep.no_margin", "ru") in [c.value for c in at.caption]
    set_levers(at, margin=30.0)
    m = metrics(at)
    assert (m["Повторные клиенты: оборот в месяц"], m["Ценность клиента"]) == ("—", "144 000 ₽"), m
    assert t("planner.rep.no_margin", "ru") not in [c.value for c in at.caption]
    set_levers(at, active_clients=50.0)
    assert metrics(at)["Повторные клиенты: оборот в месяц"] == "2 000 000 ₽"
