"""One value per lever on the Planner's screen (#16, #14's rule: the model runs on what the
widgets show): a decimal lever's slider thumb reads what its number box reads, «3,24» beside
«3,24», not the slider grid's «3,2»; the repeat levers the data does not give are empty boxes,
not a «0» (or «1») that reads as a fact."""

import pytest
from streamlit.testing.v1 import AppTest

from funnel.i18n import t
from tests.boxes import type_number
from tests.conftest import ROOT

pytestmark = pytest.mark.filterwarnings("ignore")


def planner(lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.switch_page("pages/planner.py")
    at.run()
    assert not at.exception, at.exception
    return at


def thumb(at: AppTest, key: str) -> str:
    """The text the select_slider's thumb shows (its current option, as format_func wrote it)."""
    s = at.select_slider(key=key)
    text = s.format_func(s.value)
    assert text in s.options  # one of the options the browser draws
    return text


@pytest.mark.parametrize(("lang", "box"), [("ru", "3,24"), ("en", "3.24")])
def test_the_conversion_thumb_reads_what_its_box_reads(demo_app_db, lang, box):
    """The demo's conversion is 496 ÷ 15 298 = 3,2423… %: the box writes «3,24»; the slider's
    grid steps by 0,1, so its nearest option was «3,2» beside it."""
    at = planner(lang)
    assert at.text_input(key="pl_conversion_n").value == box
    assert thumb(at, "pl_conversion_s") == box
    # the run after is still the baseline's exact value (the thumb standing on 3,24 moved nothing)
    at.run()
    assert at.text_input(key="pl_conversion_n").value == box
    # a typed value off the grid: the thumb reads it too; a value on the grid reads as the grid writes it
    type_number(at, "pl_conversion_n", 2.75).run()
    assert thumb(at, "pl_conversion_s") == {"ru": "2,75", "en": "2.75"}[lang]
    at.select_slider(key="pl_conversion_s").set_value(4.0).run()
    assert not at.exception, at.exception
    assert at.text_input(key="pl_conversion_n").value == "4"
    assert thumb(at, "pl_conversion_s") == "4"


REPEAT = ("active_clients", "avg_order", "orders_per_period")


def test_repeat_levers_start_empty_on_the_planner_and_dashed_on_the_command_line(demo_app_db, capsys):
    """No data gives the repeat customers: the clients, the order and the orders a month were
    «0», «0», «1» on the Planner's repeat tab and «0», «0 ₽», «0» on `plan --format table`.
    Now both say they are not known: empty boxes asking for them (no slider at 0) and "—"."""
    from funnel.cli import main

    at = planner("ru")
    at.session_state["pl_tab"] = t("planner.tab.repeat", "ru")
    at.run()
    assert not at.exception, at.exception
    for field in REPEAT:
        assert at.text_input(key=f"pl_{field}_n").value in ("", None), field
        assert not [s for s in at.select_slider if s.key == f"pl_{field}_s"], field
        assert not [s for s in at.slider if s.key == f"pl_{field}_s"], field
    assert at.text_input(key="pl_lifetime_n").value == "12"  # an assumption with a value: kept
    # typed: the box keeps it and a slider comes back
    type_number(at, "pl_active_clients_n", 50.0).run()
    assert at.text_input(key="pl_active_clients_n").value == "50"
    assert [s for s in at.slider if s.key == "pl_active_clients_s"]

    assert main(["plan", "--db", str(demo_app_db), "--lang", "ru", "--format", "table"]) == 0
    lines = dict(line.rsplit("  ", 1) for line in capsys.readouterr().out.splitlines() if "  " in line)
    shown = {name.strip(): value.strip() for name, value in lines.items()}
    for name in ("Активные клиенты", "Средний заказ", "Заказов на клиента в месяц"):
        assert shown[name] == "—", (name, shown[name])
    assert shown["Срок жизни клиента, мес."] == "12"


def test_sensitivity_leaves_out_what_moves_nothing_and_says_so():
    """120 leads × 5 % × 150 000, CPL 1 000, margin 100 %: on turnover the CPL and the margin
    move nothing (turnover = deals × check); on profit the margin's −10 % takes 10 % of the
    900 000 turnover (−90 000), so it stays; an unknown lever is left out as not set."""
    from funnel.model.plan import Plan
    from funnel.model.sensitivity import left_out, sensitivity
    from funnel.report.figures import sensitivity_note

    plan = Plan(leads=120, conversion=0.05, avg_check=150_000, cpl=1_000, margin=1.0)
    rows = sensitivity(plan, "turnover")
    assert [r["lever"] for r in rows] == ["leads", "conversion", "avg_check"]  # each ±90 000
    assert left_out(plan, "turnover") == {"unknown": [], "flat": ["cpl", "margin"]}
    assert sensitivity_note(left_out(plan, "turnover"), "turnover", "ru") == (
        "Не показаны: Цена лида (CPL), Маржа — ±10 % не меняют показатель «Оборот»."
    )
    profit = {r["lever"]: r for r in sensitivity(plan, "profit")}
    assert profit["margin"]["delta_low"] == pytest.approx(-90_000)
    assert left_out(plan, "profit") == {"unknown": [], "flat": []}
    assert sensitivity_note(left_out(plan, "profit"), "profit", "en") is None
    unknown = left_out(plan, "turnover", unknown={"avg_check"})
    assert unknown == {"unknown": ["avg_check"], "flat": ["cpl", "margin"]}
    assert "avg_check" not in [r["lever"] for r in sensitivity(plan, "turnover", unknown={"avg_check"})]
    assert sensitivity_note(unknown, "turnover", "en").startswith(
        "Left out: Average deal size: not set (not in the data, not typed);"
    )


def test_the_margin_says_it_is_not_from_the_data(demo_app_db):
    """The data gives no margin: its lever's help says so, and that the profit is "—" until one
    is set; the forecast tab says which rows the tornado leaves out and why (the margin moves no
    turnover, set or not)."""
    at = planner("ru")
    margin = at.text_input(key="pl_margin_n")
    assert "Маржи нет в данных" in margin.help and "прибыль показана «—»" in margin.help
    at.session_state["pl_tab"] = t("planner.tab.forecast", "ru")
    at.run()
    assert not at.exception, at.exception
    notes = [c.value for c in at.caption if c.value.startswith("Не показаны:")]
    assert notes == ["Не показаны: Цена лида (CPL), Маржа — ±10 % не меняют показатель «Оборот»."], [
        c.value for c in at.caption
    ]
    # on profit while no margin is set: no tornado of profits at 100 %, the margin named as not set
    charts = len(at.get("plotly_chart"))
    at.radio(key="pl_sens_metric").set_value("profit").run()
    notes = [c.value for c in at.caption if c.value.startswith("Не показаны:")]
    assert notes == ["Не показаны: Маржа — не заданы: нет в данных, не введены."], notes
    assert len(at.get("plotly_chart")) == charts - 1  # the tornado


def test_the_channel_table_writes_counts_as_precision_reads_them(demo_app_db):
    """The Channels tab: the editor's CPL «374,95 ₽» was «375 ₽» in the table below; its leads
    mixed «335» with «69,6». A count column reaching 100 reads whole; below that each count as
    funnel.model.precision reads it, a whole one without «,0» (the deals read «1,0» beside «7,5»:
    review #16)."""
    import re

    from funnel.model.precision import column_each, column_places

    assert column_each("count", [335.0, 69.6]) == [0, 0]  # a column reaching 100 reads whole
    assert column_each("count", [1.0, 1.2]) == [0, 1]  # "1" and "1,2"
    assert column_places("money", [374.95, 147.7], most=2) == 2
    at = planner("ru")
    at.session_state["pl_tab"] = t("planner.tab.mix", "ru")
    at.run()
    assert not at.exception, at.exception
    editor = next(d.value for d in at.dataframe if "budget" in d.value.columns)
    table = next(d.value for d in at.dataframe if t("planner.mix.cpl", "ru") in d.value.columns)
    assert list(table[t("planner.mix.cpl", "ru")]) == list(editor["cpl"])  # "374,95 ₽" in both
    for col in (t("planner.mix.col.leads", "ru"), t("planner.mix.col.deals", "ru")):
        figures = [v for v in table[col] if re.search(r"\d", v)]
        assert figures and not [v for v in figures if re.search(r",0$", v)], (col, figures)  # no «1,0»
        if any(float(v.replace("\u00a0", "").replace(" ", "").replace(",", ".")) >= 100 for v in figures):
            assert not [v for v in figures if "," in v], (col, figures)  # reaching 100: whole throughout


@pytest.mark.parametrize(("lang", "short", "average"), [("ru", "ср.", "в среднем"), ("en", "Avg.", "on average")])
def test_the_channel_tables_deals_say_they_are_an_average(demo_app_db, lang, short, average):
    """Review #16: the channel mix's «Сделки» held «7,5» beside the stage chain's whole deals and
    the goals' whole counts, unexplained. They are a month's average (leads × the channel's
    conversion), which the turnover multiplies (deals × check): the header and the totals' card
    say so, the tooltip says why the decimal; a value with a decimal is there to be explained."""
    import json
    import re

    at = planner(lang)
    at.session_state["pl_tab"] = t("planner.tab.mix", lang)
    at.run()
    assert not at.exception, at.exception
    header = t("planner.mix.col.deals", lang)
    assert short in header  # short: the table's ten columns fit 800 px (tests/analytics/test_table_widths.py)
    grid = next(d for d in at.dataframe if header in d.value.columns)
    assert [v for v in grid.value[header] if re.search(r"\d[,.]\d", v)]  # the demo's channels: some below 100
    assert json.loads(grid.proto.columns)[header]["help"] == t("planner.mix.col.deals_help", lang)
    assert {"ru": "с дробью", "en": "hence the decimal"}[lang] in t("planner.mix.col.deals_help", lang)
    card = next(m for m in at.metric if m.label == t("planner.mix.total.deals", lang))
    assert card.label.endswith(average) and card.help == t("planner.mix.col.deals_help", lang)
