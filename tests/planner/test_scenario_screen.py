"""The scenarios tab as a person uses it: a scenario saved a moment ago is in the comparison, and
the plan period starts on the month we are in, not the data's last (already past) month."""

from datetime import date

import pytest

from tests.planner.test_pages import open_tab, set_levers

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.fixture
def scenarios(app_on):
    at = app_on("pages/planner.py")
    at = set_levers(at, leads=120.0, conversion=5.0, avg_check=150_000.0)
    return open_tab(at, "scenarios")


def comparison(at):
    return next(d.value for d in at.dataframe if list(d.value.columns)[:1] == ["Показатель"])


def test_each_scenario_just_saved_joins_the_comparison(scenarios):
    at = scenarios
    for i, name in enumerate(["Первый", "Второй", "Третий"]):
        at = set_levers(at, leads=100.0 + 10 * i)
        at.text_input(key="pl_sc_name").set_value(name).run()
        at.button(key="pl_sc_save").click().run()
        assert not at.exception, at.exception
        # before the fix, the table kept its first two: the third was saved but not shown
        assert name in comparison(at).columns, (name, list(comparison(at).columns))
    table = comparison(at)
    row = table[table.iloc[:, 0] == "Оборот в месяц"]
    # 120 leads × 5 % × 150 000 = 900 000 a month
    assert row["Третий"].iloc[0] == "900 000 ₽"


def test_the_plan_period_defaults_to_this_month(scenarios):
    at = scenarios
    at.text_input(key="pl_sc_name").set_value("План").run()
    at.button(key="pl_sc_save").click().run()
    at.selectbox(key="pl_sc_pick").set_value("План").run()  # not a plan yet (the demo's «2026» is: its own period)
    start, end = at.date_input(key="pl_sc_period").value
    today = date.today()
    assert start == today.replace(day=1) and end.month == today.month and end >= today
    assert date.fromordinal(end.toordinal() + 1).day == 1  # to the month's last day


def test_a_scenario_that_is_a_plan_shows_its_own_plan_period(scenarios):
    """Screen review #16: the demo's «2026» is the plan for 01.01.2026–31.12.2026, and the period
    picker beside it showed this month, so «Сделать планом» would have made it a one-month plan.
    Picked, a plan shows its own period; another scenario, this month; back, its own again."""
    at = scenarios
    plans = [s.options for s in at.selectbox if s.key == "pl_sc_pick"][0]
    assert "2026" in plans, plans
    at.selectbox(key="pl_sc_pick").set_value("2026").run()
    assert not at.exception, at.exception
    assert tuple(at.date_input(key="pl_sc_period").value) == (date(2026, 1, 1), date(2026, 12, 31))
    other = next(p for p in plans if p != "2026")
    at.selectbox(key="pl_sc_pick").set_value(other).run()
    start, _ = at.date_input(key="pl_sc_period").value
    assert start == date.today().replace(day=1)
    at.selectbox(key="pl_sc_pick").set_value("2026").run()
    assert tuple(at.date_input(key="pl_sc_period").value) == (date(2026, 1, 1), date(2026, 12, 31))


def row(table, label: str) -> dict:
    return table[table.iloc[:, 0] == label].iloc[0].to_dict()


def test_each_scenario_shows_its_own_chain_and_mix(scenarios, demo_app_db):
    """Screen review #16: the stage chain's and channel mix's rows read alike in every column
    (today's baseline chain, unscaled, and today's mix under every name). Now a scenario shows
    the chain its conversion gives, as its chain tab does (the steps multiply out to it), and
    the mix as it was when saved; one saved before they were kept shows "—" and says so."""
    from funnel.access import CLI_USER
    from funnel.db import Store
    from funnel.model.plan import Plan
    from funnel.scenarios import save_scenario

    store = Store(demo_app_db)
    try:
        with store.transaction() as cur:  # as every scenario was saved before: no tables
            save_scenario(cur, "demo", "Старый", Plan(100, 0.04, 90_000), actor=CLI_USER, overwrite=True)
    finally:
        store.close()
    at = scenarios  # the levers at 120 leads, 5 %, 150 000
    at.text_input(key="pl_sc_name").set_value("Пять").run()
    at.button(key="pl_sc_save").click().run()
    at = set_levers(at, conversion=4.0)
    at.text_input(key="pl_sc_name").set_value("Четыре").run()
    at.button(key="pl_sc_save").click().run()
    assert not at.exception, at.exception
    at.multiselect(key="pl_sc_compare").set_value(["2026", "Пять", "Четыре", "Старый"]).run()
    table = comparison(at)
    chain = row(table, "Конверсия цепочки этапов")
    assert (chain["Пять"], chain["Четыре"], chain["Сейчас на экране"]) == ("5,00 %", "4,00 %", "4,00 %")
    # the demo's «2026»: its chain multiplies out to its own conversion, not the baseline's
    assert chain["2026"] == row(table, "Базовая конверсия")["2026"] != chain["База"]
    # the demo's «2026» was saved on 2025's data: its mix is that year's, not today's baseline's;
    # the two saved today, on today's baseline, have today's (the levers do not move the mix)
    budget = row(table, "Микс каналов: бюджет в месяц")
    assert budget["2026"] != budget["База"] == budget["Пять"] == budget["Четыре"]
    for label in ("Конверсия цепочки этапов", "Микс каналов: бюджет в месяц", "Микс каналов: ROMI"):
        assert row(table, label)["Старый"] == "—", label
    assert row(table, "Лиды в месяц")["Старый"] == "100"  # its levers are there
    assert any("«Старый»" in c.value and "сохраните снова" in c.value for c in at.caption)


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def test_two_scenarios_apart_by_their_leads_share_a_mix_and_it_says_why(scenarios):
    """Screen review #16: «2026» and «2026 +20%» showed the same channel mix beside 20 % more
    leads, with no word why. The mix rows are the mix tab's table, which the levers do not move:
    the comparison now says so, once, whenever two columns show one mix beside other levers."""
    from funnel.i18n import t

    at = scenarios  # the levers at 120 leads, 5 %, 150 000
    at.text_input(key="pl_sc_name").set_value("Сто двадцать").run()
    at.button(key="pl_sc_save").click().run()
    at = set_levers(at, leads=144.0)  # 20 % more leads
    at.text_input(key="pl_sc_name").set_value("Плюс 20").run()
    at.button(key="pl_sc_save").click().run()
    at.multiselect(key="pl_sc_compare").set_value(["Сто двадцать", "Плюс 20"]).run()
    assert not at.exception, at.exception
    table = comparison(at)
    assert (row(table, "Лиды в месяц")["Сто двадцать"], row(table, "Лиды в месяц")["Плюс 20"]) == ("120", "144")
    # 120 × 5 % × 150 000 = 900 000 ₽ a month; 144 × 5 % × 150 000 = 1 080 000 ₽
    turnover = row(table, "Оборот в месяц")
    assert (turnover["Сто двадцать"], turnover["Плюс 20"]) == ("900 000 ₽", "1 080 000 ₽")
    for label in ("Микс каналов: бюджет в месяц", "Микс каналов: оборот в месяц", "Микс каналов: ROMI"):
        mix = row(table, label)
        assert mix["Сто двадцать"] == mix["Плюс 20"] == mix["База"] != "—", (label, mix)
    assert captions(at).count(t("planner.sc.mix_apart", "ru")) == 1, captions(at)


def test_a_mix_of_its_own_needs_no_word(app):
    """The baseline on screen and the demo's «2026», saved on 2025's data with that year's mix:
    no two columns share a mix beside other levers, and nothing is said."""
    from funnel.i18n import t

    at = open_tab(app.switch_page("pages/planner.py").run(), "scenarios")
    at.multiselect(key="pl_sc_compare").set_value(["2026"]).run()
    assert not at.exception, at.exception
    budget = row(comparison(at), "Микс каналов: бюджет в месяц")
    assert budget["2026"] != budget["База"] == budget["Сейчас на экране"]
    assert t("planner.sc.mix_apart", "ru") not in captions(at)


def test_the_active_rows_say_which_scenarios_were_saved_without_an_active_plan(app):
    """Screen review #16: with the active tab opened, its rows read a plan on screen and "—" for the
    demo's scenarios, saved without one, and nothing said why. One sentence now names them and
    how to add one; a scenario saved with the plan shows the screen's figures and is not named."""
    at = open_tab(app.switch_page("pages/planner.py").run(), "active")
    at = open_tab(at, "scenarios")
    at.text_input(key="pl_sc_name").set_value("С планом").run()
    at.button(key="pl_sc_save").click().run()
    at.multiselect(key="pl_sc_compare").set_value(["2026", "2026 +20%", "С планом"]).run()
    assert not at.exception, at.exception
    contracts = row(comparison(at), "Активные продажи: договоров в месяц")
    assert contracts["2026"] == contracts["2026 +20%"] == contracts["База"] == "—"
    assert contracts["С планом"] == contracts["Сейчас на экране"] != "—"
    notes = [c for c in captions(at) if "активных продаж" in c]
    assert notes == [
        "«—» в строках активных продаж: у «Базы» их нет (план активных продаж задают на вкладке «Активные "
        "продажи»), а сценарии «2026», «2026 +20%» сохранены без такого плана. Чтобы добавить его, откройте "
        "сценарии, задайте план на вкладке «Активные продажи» и сохраните снова."
    ], captions(at)
    at.multiselect(key="pl_sc_compare").set_value(["С планом"]).run()
    assert not [c for c in captions(at) if "активных продаж" in c]  # every scenario has its plan
