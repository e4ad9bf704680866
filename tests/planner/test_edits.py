"""Stage-chain and channel-mix edits: kept as overrides by name, carried by the link and by saved
scenarios, and shown back exactly; stale or malformed ones never reach the wrong row."""

import json

import pytest

from funnel.errors import ValidationError
from funnel.model import link
from funnel.model.chain import StageChain
from funnel.model.edits import ChannelEdit, Edits, figures, mix_edits, plan_chain
from funnel.model.mix import Channel
from funnel.model.plan import Plan
from funnel.scenarios import Scenario, get_scenario, save_scenario
from tests.boxes import box_value
from tests.planner.test_pages import fresh, metrics, open_tab

pytestmark = pytest.mark.filterwarnings("ignore")

EDITS = Edits(
    chain=(("Квалификация", 0.4), ("КП", 0.25)),
    mix=(("Яндекс «Директ»", ChannelEdit(100_000, 1_000, 0.05, 200_000, 0.3)),),
)
BASE_CHAIN = StageChain((("lead", 0.5), ("Квалификация", 0.5), ("КП", 0.5)))


def test_edits_round_trip_through_a_dict_and_a_link():
    assert Edits.from_dict(json.loads(json.dumps(EDITS.to_dict()))) == EDITS
    params = link.encode(Plan(120, 0.05, 150_000), edits=EDITS)
    assert set(params) >= {"chn", "mix"} and all(isinstance(v, str) for v in params.values())
    assert link.decode_edits(params) == (EDITS, None)
    assert "chn" not in link.encode(Plan(120, 0.05, 150_000), edits=Edits())  # no edits: a short link


@pytest.mark.parametrize(
    "params, words",
    [
        ({"chn": "{not json"}, "chn: not readable"),
        ({"chn": '{"КП": 1.5}'}, "chain «КП»: must be between 0 and 1"),
        ({"chn": '["КП", 0.5]'}, "chain: must map stages to rates"),
        (
            {"mix": '{"SEO": {"budget": 1, "cpl": 0, "conversion": 0.1, "avg_check": 5}}'},
            "mix.cpl: must be more than 0",
        ),
        ({"mix": '{"SEO": {"budget": 1}}'}, "mix «SEO»: must hold"),
        ({"mix": '{"SEO": {"budget": 1, "cpl": 1, "conversion": 0.1, "avg_check": 5, "x": 1}}'}, "mix «SEO»"),
    ],
    ids=["garbage", "rate-over-1", "list", "zero-cpl", "missing-fields", "unknown-field"],
)
def test_malformed_edits_are_refused_naming_the_part(params, words):
    edits, problem = link.decode_edits(params)
    assert edits is None and words in problem


def test_applying_edits_moves_only_the_named_rows_and_reports_stale_ones():
    chain, stale = Edits(chain=(("КП", 0.2), ("Gone", 0.9))).apply_chain(BASE_CHAIN)
    # 0.5 × 0.5 × 0.2 = 0.05; "Gone" is not in the chain, so it is reported, not applied
    assert chain.conversion == pytest.approx(0.05) and stale == ["Gone"]
    base = [Channel("A", 10_000, 100, 0.1, 50_000, 0.0, 10_000), Channel("B", 5_000, 50, 0.2, 10_000, 0.0, 5_000)]
    rows, stale = Edits(
        mix=(("B", ChannelEdit(10_000, 50, 0.2, 10_000, 1.0)), ("C", ChannelEdit(1, 1, 0, 0)))
    ).apply_mix(base)
    assert rows[0] == base[0] and stale == ["C"]
    # B doubles its budget with saturation 1: CPL 50 × (10 000 / 5 000)^1 = 100, so 100 leads, not 200
    assert rows[1].leads == pytest.approx(100)


def test_only_rows_that_differ_from_the_baseline_are_edits():
    base = [Channel("A", 10_000, 100, 0.1, 50_000), Channel("B", 5_000, 50, 0.2, 10_000)]
    moved = [base[0], Channel("B", 5_000, 50, 0.2, 12_000)]
    assert mix_edits(base, moved) == (("B", ChannelEdit(5_000, 50, 0.2, 12_000, 0.0)),)
    assert mix_edits(base, base) == ()


def test_a_scenario_keeps_its_edits_and_old_scenarios_still_open(store, ws):
    from funnel.access import User

    admin = User(name="t", default_role="admin")
    with store.transaction() as cur:
        save_scenario(cur, ws, "С правками", Plan(120, 0.05, 150_000), actor=admin, edits=EDITS)
        save_scenario(cur, ws, "Без правок", Plan(100, 0.04, 90_000), actor=admin)
    with store.cursor() as cur:
        with_edits, plain = get_scenario(cur, ws, "С правками"), get_scenario(cur, ws, "Без правок")
    assert with_edits.edits() == EDITS and "edits" not in with_edits.inputs  # the CLI reads inputs as levers
    assert with_edits.plan() == Plan(120, 0.05, 150_000)
    assert plain.edits() == Edits() and plain.plan().leads == 100
    broken = Scenario("x", {}, False, None, None, {"chain": {"КП": 7}})
    with pytest.raises(ValidationError, match="chain «КП»"):
        broken.edits()


def test_the_plan_chain_multiplies_out_to_the_plan_conversion_keeping_hand_set_steps():
    """Screen review #16: the comparison's «Конверсия цепочки этапов» was the baseline chain's
    product (0.5³ = 12.5 %) for a plan of 5 %, where its chain tab shows the chain scaled to 5 %."""
    assert figures(Edits(), BASE_CHAIN, [])["chain_conversion"] == pytest.approx(0.125)
    assert figures(Edits(), BASE_CHAIN, [], conversion=0.05)["chain_conversion"] == pytest.approx(0.05)
    # «КП» set by hand to 0.2 stays; the other two move together: 0.2 × x² = 0.05, x = 0.5
    chain = plan_chain(Edits(chain=(("КП", 0.2),)), BASE_CHAIN, 0.05)
    assert [r for _, r in chain.steps] == pytest.approx([0.5, 0.5, 0.2])
    chain = plan_chain(Edits(chain=(("КП", 0.2),)), BASE_CHAIN, 0.018)  # 0.2 × x² = 0.018: x = 0.3
    assert [r for _, r in chain.steps] == pytest.approx([0.3, 0.3, 0.2])


def test_a_scenario_keeps_the_chain_and_mix_figures_it_was_saved_with(store, ws):
    from funnel.access import User

    admin = User(name="t", default_role="admin")
    kept = {"chain_conversion": 0.05, "mix_budget": 10_000.0, "mix_turnover": 50_000.0, "mix_romi": 4.0}
    with store.transaction() as cur:
        save_scenario(cur, ws, "С таблицами", Plan(120, 0.05, 150_000), actor=admin, tables=kept)
        save_scenario(cur, ws, "Старый", Plan(100, 0.04, 90_000), actor=admin)  # as saved before: none
    with store.cursor() as cur:
        saved, old = get_scenario(cur, ws, "С таблицами"), get_scenario(cur, ws, "Старый")
    assert saved.tables() == kept and "tables" not in saved.inputs  # the CLI reads inputs as levers
    assert saved.plan() == Plan(120, 0.05, 150_000)
    assert old.tables() is None
    for bad in ({**kept, "mix_cac": 1.0}, {**kept, "mix_romi": "4"}, {**kept, "mix_budget": float("nan")}, [1]):
        with pytest.raises(ValidationError, match="tables"):
            Scenario("x", {}, False, None, None, tables_data=bad).tables()
    # saved by a version that kept fewer figures: the missing ones unknown, not the scenario refused
    fewer = Scenario("x", {}, False, None, None, tables_data={"chain_conversion": 0.1}).tables()
    assert fewer == {"chain_conversion": 0.1, "mix_budget": None, "mix_turnover": None, "mix_romi": None}


# ---- the page ---------------------------------------------------------------------------------------------
HAND_RATES = [50.0, 40.0, 50.0, 10.0, 100.0, 100.0]  # 0.5 × 0.4 × 0.5 × 0.1 × 1 × 1 = 1 %


def chain_sliders(at):
    return sorted((s for s in at.select_slider if (s.key or "").startswith("pl_chain_")), key=lambda s: s.key)


def test_moved_stages_travel_in_the_link_and_reopen_exactly(demo_app_db):
    at = open_tab(fresh(demo_app_db, {}), "chain")  # the page opens on the waterfall's tab
    assert "chn" not in at.query_params and "mix" not in at.query_params  # untouched tables: no edits
    sliders = chain_sliders(at)
    assert len(sliders) == len(HAND_RATES)
    for s, value in zip(sliders, HAND_RATES, strict=False):
        s.set_value(value)
    at.run()
    assert not at.exception, at.exception
    assert metrics(at)["Конверсия цепочки"] == "1,00 %"
    carried = json.loads(
        at.query_params["chn"][0] if isinstance(at.query_params["chn"], list) else at.query_params["chn"]
    )
    assert sorted(round(v * 100, 2) for v in carried.values()) == sorted(HAND_RATES)

    again = fresh(demo_app_db, {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()})
    open_tab(again, "chain")
    assert not again.exception, again.exception
    assert [s.value for s in chain_sliders(again)] == HAND_RATES
    assert metrics(again)["Конверсия цепочки"] == "1,00 %"
    assert not any("Ссылка" in w.value for w in again.warning)
    again.button(key="pl_reset").click().run()
    assert "chn" not in again.query_params and [s.value for s in chain_sliders(again)] != HAND_RATES


def _mix_channel(at) -> str:
    return next(d.value for d in at.dataframe if list(d.value.columns)[:1] == ["channel"])["channel"].iloc[0]


def test_a_channel_row_from_the_link_is_shown_and_saved_with_the_scenario(demo_app_db):
    channel = _mix_channel(open_tab(fresh(demo_app_db, {}), "mix"))
    row = {"budget": 100_000, "cpl": 1_000, "conversion": 0.05, "avg_check": 200_000, "saturation": 0}
    at = fresh(
        demo_app_db,
        {"pv": "1", "l": "120", "c": "0.05", "k": "150000", "mix": json.dumps({channel: row}, ensure_ascii=False)},
    )
    assert not at.exception, at.exception
    open_tab(at, "mix")
    result = next(d.value for d in at.dataframe if list(d.value.columns)[:2] == ["Канал", "CPL"])
    from funnel.demo_names import shown

    mine = result[result["Канал"] == shown(channel, "ru")].iloc[0]  # the demo's channel, named in Russian
    # 100 000 ÷ 1 000 = 100 leads; × 5 % = 5 deals; × 200 000 = 1 000 000 (a count as
    # funnel.model.precision.column_each reads it: the demo's other channels make 1,2 deals a
    # month, and 5 deals still read «5», not «5,0»; leads reach 100, so whole)
    assert (mine["Лиды"], mine["Сделки, ср."], mine["Оборот"]) == ("100", "5", "1 000 000 ₽")  # a month's average
    assert json.loads(
        at.query_params["mix"][0] if isinstance(at.query_params["mix"], list) else at.query_params["mix"]
    ) == {channel: {**row, "saturation": 0.0}}

    open_tab(at, "scenarios")
    assert "mix" in at.query_params  # the edits stay in the link while another tab is open
    at.text_input(key="pl_sc_name").set_value("Микс").run()
    at.button(key="pl_sc_save").click().run()
    assert not at.exception, at.exception
    from funnel.db import Store

    store = Store(demo_app_db)
    try:
        with store.cursor() as cur:
            saved = get_scenario(cur, "demo", "Микс")
    finally:
        store.close()
    assert saved is not None and dict(saved.edits().mix)[channel] == ChannelEdit(**row)

    at.button(key="pl_reset").click().run()
    assert "mix" not in at.query_params
    at.selectbox(key="pl_sc_pick").set_value("Микс").run()
    at.button(key="pl_sc_open").click().run()
    assert not at.exception, at.exception
    assert "mix" in at.query_params and box_value(at, "pl_leads_n") == 120.0


def test_a_stale_channel_or_a_broken_edit_never_reaches_the_page(demo_app_db):
    at = fresh(
        demo_app_db,
        {
            "pv": "1",
            "l": "120",
            "c": "0.05",
            "k": "150000",
            "mix": json.dumps(
                {"Закрытый канал": {"budget": 1, "cpl": 1, "conversion": 0.1, "avg_check": 1}}, ensure_ascii=False
            ),
        },
    )
    assert not at.exception, at.exception
    open_tab(at, "mix")
    assert any("«Закрытый канал»" in w.value for w in at.warning)
    assert box_value(at, "pl_leads_n") == 120.0  # the rest of the link still applies
    bad = fresh(demo_app_db, {"pv": "1", "l": "120", "c": "0.05", "k": "150000", "chn": "{oops"})
    assert not bad.exception, bad.exception
    assert any("Ссылка устарела" in w.value for w in bad.warning)
    assert box_value(bad, "pl_leads_n") != 120.0


def test_the_html_report_shows_the_edited_tables_as_plain_text():
    import pandas as pd

    from funnel.report_export import html_report

    body = html_report(
        "План",
        {"Лиды": 120},
        {"Оборот": 1.0},
        [],
        tables={"Микс каналов": pd.DataFrame({"Канал": ["<img src=x onerror=alert(1)>"], "Бюджет": [100_000.0]})},
    ).decode()
    assert "<h3>Микс каналов</h3>" in body and "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "<img src=x" not in body and "100,000" in body


def test_the_channel_table_writes_money_with_its_currency_and_each_column_with_one_decimals(demo_app_db):
    """The mix table's CPL read "374,95" beside "147,7", without ₽, and the caption's "s = 0,3"
    beside a column of 0. A row from the link: budget 100 000, CPL 147,7, conversion 5 %, check
    200 000, saturation 0,3: its cells read "100 000 ₽", "147,7 ₽" (the link's value, which the plan
    uses, with its digits: not rounded on screen only), "5,00", "200 000 ₽", "0,30"; every other CPL
    cell (the baseline's) is whole money with ₽; the saturation column holds what the plan uses (the
    link's 0,3 here, 0 elsewhere) and the caption says the column is the one used. A cell typed
    with its ₽ ("400 ₽") is read as 400."""
    import re

    channel = _mix_channel(open_tab(fresh(demo_app_db, {}), "mix"))
    row = {"budget": 100_000, "cpl": 147.7, "conversion": 0.05, "avg_check": 200_000, "saturation": 0.3}
    params = {"pv": "1", "l": "120", "c": "0.05", "k": "150000"}
    at = fresh(demo_app_db, params | {"mix": json.dumps({channel: row}, ensure_ascii=False)})
    open_tab(at, "mix")
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if list(d.value.columns)[:1] == ["channel"])
    mine = table[table["channel"] == channel].iloc[0]
    cells = [mine[c] for c in ("budget", "cpl", "conversion", "avg_check", "saturation")]
    assert cells == ["100 000 ₽", "147,7 ₽", "5,00", "200 000 ₽", "0,30"], cells
    others = table.loc[table["channel"] != channel, "cpl"]
    assert all(re.fullmatch(r"\d{1,3}( \d{3})* ₽", v) for v in others), list(others)
    assert all(re.fullmatch(r"\d,\d\d", v) for v in table["saturation"]), list(table["saturation"])
    assert set(table.loc[table["channel"] != channel, "saturation"]) == {"0,00"}
    assert any("задаёт столбец «Рост цены лида», с которым считает план" in c.value for c in at.caption)
    i = int(table.index[table["channel"] == channel][0])
    at.session_state["pl_mix"] = {"edited_rows": {i: {"cpl": "400 ₽"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert (
        json.loads(at.query_params["mix"][0] if isinstance(at.query_params["mix"], list) else at.query_params["mix"])[
            channel
        ]["cpl"]
        == 400.0
    )
