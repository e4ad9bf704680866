"""The same figures on every screen (AppTest, the demo, the sidebar's default period): the
Overview's revenue and deals, the Planner's and the Workshop's turnover and deals per month at
baseline, and the levers' widgets showing exactly the values the model runs on."""

from __future__ import annotations

from datetime import datetime

import pytest
from streamlit.testing.v1 import AppTest

from tests.boxes import box_value, type_number
from tests.conftest import ROOT, insert
from tests.helpers.screen import fmt_money, fmt_num

# Every test here opens the app on a store whose first use installs the demo: it starts from a
# copy of that database instead (tests/conftest.py demo_app_db), not a fresh install per test.
pytestmark = pytest.mark.usefixtures("demo_app_db")


def page(name: str, lang: str = "ru") -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.switch_page(f"pages/{name}.py")
    return at.run()


def metrics(at) -> dict:
    out: dict = {}
    for m in at.metric:
        out.setdefault(m.label, m.value)
    return out


def _deals(n: int, amount: float | None = 30_000) -> list[dict]:
    """``n`` deals created on 2 Sep 2026, a third each won, lost (closed 20 Sep) and open, each of
    ``amount`` (None: no amounts), all Ann's; no leads."""
    return [
        {
            "deal_id": f"D{i}",
            "created_at": datetime(2026, 9, 2),
            "stage": None,
            "status": ["won", "lost", "open"][i % 3],
            "amount": amount,
            "closed_at": datetime(2026, 9, 20) if i % 3 < 2 else None,
            "owner": "Ann",
        }
        for i in range(n)
    ]


def demo_baseline():
    import ui
    from funnel.baseline import baseline
    from funnel.filters import Filters
    from funnel.periods import data_range, preset_range

    with ui.cursor() as cur:
        first, last = data_range(cur, "demo")
        return baseline(cur, Filters("demo", *preset_range("last_12_months", last, first)))


def test_overview_planner_and_workshop_show_one_set_of_figures(app_db):
    overview = page("overview")
    assert not overview.exception, overview.exception
    b = demo_baseline()
    shown = metrics(overview)
    assert shown["Оборот"] == fmt_money(b.revenue, "ru", "₽")
    assert shown["Выигранные сделки"] == fmt_num(b.won, "ru")
    per_month = fmt_money(b.revenue / b.months, "ru", "₽")  # every won demo deal has an amount
    planner = page("planner")
    assert not planner.exception, planner.exception
    assert metrics(planner)["Оборот в месяц"] == per_month
    assert metrics(planner)["Сделки в месяц"] == fmt_num(b.won / b.months, "ru", 1)
    workshop = page("workshop")
    assert not workshop.exception, workshop.exception
    assert metrics(workshop)["Оборот в месяц"] == per_month


def test_the_levers_show_what_the_model_uses(app_db):
    """The baseline's levers are the data's own divisions (15 298 ÷ 12 leads, 496 ÷ 15 298,
    99 103 000 ÷ 496): the model keeps them exact, so that turnover × 12 is the Overview's revenue
    (test_overview_planner_and_workshop_show_one_set_of_figures); rounding them would move the
    turnover off it by 0,1 % (3,24 % against 3,2423 %). The boxes write them as a person reads
    them (funnel.model.precision: "1 275", "3,24", "199 804", "1 322", not "1 274,83", "3,242",
    "199 804,44"; the CPL is the spend 20 218 559,66 ÷ 15 298 leads = 1 321,65), the baseline line writes each division beside and says the plan runs on the
    exact values until a lever is changed; a typed value is then what the model runs on."""
    at = page("planner")
    b = demo_baseline()
    assert (b.leads, b.won, b.revenue, b.months) == (15_298, 496, 99_103_000.0, 12.0)  # the demo, by hand
    boxes = {k: at.text_input(key=f"pl_{k}_n").value for k in ("leads", "conversion", "avg_check", "cpl")}
    assert boxes == {"leads": "1 275", "conversion": "3,24", "avg_check": "199 804", "cpl": "1 322"}
    assert at.session_state["pl_v_conversion"] == 496 / 15_298  # exact in the model
    assert at.session_state["pl_v_leads"] == 15_298 / 12
    caption = next(c.value for c in at.caption if c.value.startswith("База:"))
    assert "Лидов в месяц 1 275: 15 298 за 12 мес.; конверсия 3,24 %: 496 выигранных из 15 298 лидов" in caption
    assert "средний чек 199 804 ₽: оборот 99 103 000 ₽ на 496 сделок" in caption
    assert "пока их не меняли, план считает по точным делениям" in caption
    # typed: the model runs on exactly what the box shows, to every digit typed
    type_number(at, "pl_conversion_n", 3.1834).run()
    assert at.text_input(key="pl_conversion_n").value == "3,1834"
    assert at.session_state["pl_v_conversion"] == pytest.approx(0.031834, abs=1e-15)


def test_a_tiny_workspace_plans_on_last_12_months(app_db):
    """3 leads and 2 owners crashed the planner (contacts per seller rounded to 0)."""
    import ui
    from funnel.workspace import create_workspace

    page("overview")  # the app's store, with its demo
    with ui.get_store().transaction() as cur:
        ws = create_workspace(cur, "Tiny").id
    store = ui.get_store()
    insert(
        store,
        ws,
        "leads",
        [
            {
                "lead_id": f"T{i}",
                "created_at": datetime(2026, 9, i + 1),
                "channel": "SEO",
                "owner": ["Ann", "Bob"][i % 2],
            }
            for i in range(3)
        ],
    )
    insert(
        store,
        ws,
        "deals",
        [
            {
                "deal_id": "D1",
                "lead_id": "T0",
                "created_at": datetime(2026, 9, 2),
                "stage": "Deal done",
                "status": "won",
                "amount": 50_000,
                "closed_at": datetime(2026, 9, 20),
            }
        ],
    )
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["ws"] = ws
    at.switch_page("pages/planner.py")
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    # the last 12 months (Oct 2025 – Sep 2026), its data all in September: the baseline's months
    # are the one month the data covers, 3 leads × 1/3 × 50 000 = 50 000 a month, so that × 1
    # month it is the Overview's revenue for the same period (not 50 000 ÷ 12 over empty months)
    assert metrics(at)["Оборот в месяц"] == fmt_money(50_000, "ru", "₽")


@pytest.mark.parametrize(
    ("kind", "rows", "says"),
    [
        pytest.param(
            "deals",
            _deals(6),
            # its two open deals have no stage, so none stands at a ladder's stage: not "0 ₽ on top"
            "Лидов в данных нет, поэтому база — сделки: 6 сделок вошли в воронку за период (6 в месяц) × доля "
            "выигранных 50,0 % (2 из 4 закрытых) × средний чек 30 000 ₽. Открытых сделок на этапах воронки нет",
            id="deals-only",
        ),
        pytest.param(
            "deals",
            _deals(6, amount=None),
            # the review: «× средний чек —. Открытая воронка сверху: — (— с весами этапов)»
            # (its open deals have no stage either: none stands at the ladder's, so nothing on top)
            "(2 из 4 закрытых); среднего чека нет: в сделках нет сумм. Открытых сделок на этапах воронки нет",
            id="deals-only-without-amounts",
        ),
        pytest.param(
            "spend",
            [{"channel": "SEO", "period": datetime(2026, 9, 1), "amount": 5_000}],
            # 5 000 of spend in September, the one month of the last 12 the data covers: a budget of
            # 5 000 a month (not 417 = 5 000 ÷ 12), the rest to type
            "В данных только расходы — они и есть бюджет плана: 5 000 ₽ в месяц. Данные не дают лиды в месяц, "
            "конверсию и средний чек",
            id="spend-only",
        ),
    ],
)
def test_partial_workspaces_plan_and_say_what_is_missing(app_db, kind, rows, says):
    import ui
    from funnel.workspace import create_workspace

    page("overview")
    with ui.get_store().transaction() as cur:
        ws = create_workspace(cur, f"Only {kind}").id
    insert(ui.get_store(), ws, kind, rows)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["ws"] = ws
    at.switch_page("pages/planner.py")
    at.run()
    assert not at.exception, at.exception
    texts = [c.value for c in at.caption] + [i.value for i in at.info]
    assert any(says in x for x in texts), texts
    if kind == "deals":
        assert at.text_input(key="pl_leads_n").label == "Сделки в воронку в месяц"


def test_the_stage_chain_tab_and_the_headline_agree(app_db):
    """The issue's case: with the levers moved the headline said 15.95 M while the chain tab said
    9.44 M at 2.66 %. The chain is the plan's conversion taken apart, both ways."""
    from funnel.i18n import t
    from tests.helpers.screen import fmt_pct

    at = page("planner")
    type_number(at, "pl_conversion_n", 6.0).run()
    at.session_state["pl_tab"] = t("planner.tab.chain", "ru")
    at.run()
    assert not at.exception, at.exception
    values = [m for m in at.metric]
    headline = {m.label: m.value for m in values[:5]}  # turnover, deals, budget, ROMI, profit
    chain_tab = {m.label: m.value for m in values[5:]}
    assert chain_tab["Конверсия цепочки"] == fmt_pct(0.06, "ru", 2)
    assert chain_tab["Оборот в месяц"] == headline["Оборот в месяц"]
    sliders = sorted((s for s in at.select_slider if (s.key or "").startswith("pl_chain_")), key=lambda s: s.key)
    product = 1.0
    for s in sliders:
        product *= s.value / 100
    assert product == pytest.approx(0.06, rel=1e-9)
    # and back: moving the first step to about half (the slider's 0,1 % grid) moves the plan's
    # conversion in proportion: 6 % × new ÷ old
    old = sliders[0].value
    half = round(old / 2, 1)
    sliders[0].set_value(half).run()
    assert box_value(at, "pl_conversion_n") == pytest.approx(6.0 * half / old, abs=5e-5)  # the box's 4 decimals


def test_channels_totals_and_their_download_are_the_overview(app_db, monkeypatch):
    """The Channels table's totals row, and the XLSX/CSV download behind it, carry the Overview's
    leads, deals won and revenue for the same period."""
    import ui

    made: dict = {}
    monkeypatch.setattr(ui.show, "download_buttons", lambda df, name, key: made.setdefault(name, df))
    b = demo_baseline()
    at = page("channels")
    assert not at.exception, at.exception
    frame = made["economics_channel"]
    frame = frame() if callable(frame) else frame
    total = frame[frame.iloc[:, 0] == "Итого"].iloc[0]
    assert (total["Лиды"], total["Выиграно"], total["Оборот"]) == (b.leads, b.won, b.revenue)


def test_cohort_counting_says_how_many_leads_are_still_maturing(app_db):
    import ui
    from funnel.filters import Filters
    from funnel.metrics.maturity import maturity
    from funnel.periods import data_range, preset_range

    at = page("overview")
    at.radio(key="ov_attribution").set_value("cohort").run()
    assert not at.exception, at.exception
    with ui.cursor() as cur:
        first, last = data_range(cur, "demo")
        m = maturity(cur, filters=Filters("demo", *preset_range("last_12_months", last, first)))
    assert m.days and m.maturing
    line = next(c.value for c in at.caption if "созревают" in c.value)
    assert f"за {m.days} дн." in line and fmt_num(m.maturing, "ru") in line


def test_a_cut_spend_period_shows_its_share_in_the_spend_help(app_db):
    """4 March – 3 April cuts the demo's monthly spend: the Spend card's help lists each channel's
    March at 28/31 and April at 3/30, and the spend is their sum."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = "ru"
    at.query_params.update({"period": "custom", "from": "2026-03-04", "to": "2026-04-03"})
    at.switch_page("pages/overview.py")
    at.run()
    assert not at.exception, at.exception
    card = next(m for m in at.metric if m.label == "Расходы")
    assert "× 28/31 =" in card.proto.help and "× 3/30 =" in card.proto.help


def test_the_planner_on_cohort_basis_says_where_each_lever_came_from(app_db):
    """The basis switch: by cohort the levers are the Overview's cohort conversion and check and
    every lead of the period a month; the caption names the window and the maturing leads, and
    the link keeps the basis. Back on period basis, the Overview's figures again."""
    import ui
    from funnel.basis import baseline_on
    from funnel.filters import Filters
    from funnel.metrics import overview as ov
    from funnel.periods import data_range, preset_range
    from tests.helpers.screen import fmt_pct

    at = page("planner")
    at.radio(key="pl_basis_w").set_value("cohort").run()
    assert not at.exception, at.exception
    with ui.cursor() as cur:
        first, last = data_range(cur, "demo")
        f = Filters("demo", *preset_range("last_12_months", last, first))
        b = baseline_on(cur, f, "cohort")
        by_cohort = ov.headline(cur, filters=f, attribution="cohort").now
    assert b.maturing > 0
    # the model on the exact cohort figures; the boxes write them as a person reads them
    assert at.session_state["pl_v_conversion"] == pytest.approx(by_cohort["conversion"], rel=1e-12)
    assert at.session_state["pl_v_avg_check"] == pytest.approx(float(by_cohort["avg_check"]), rel=1e-12)
    assert box_value(at, "pl_conversion_n") == round(by_cohort["conversion"] * 100, 2)
    assert box_value(at, "pl_avg_check_n") == round(float(by_cohort["avg_check"]))
    assert box_value(at, "pl_leads_n") == round(b.all_leads / b.months)
    caption = next(c.value for c in at.caption if "когортам лидов" in c.value)
    assert fmt_pct(b.conversion, "ru", 2) in caption
    from funnel.formatting import plural_forms  # the word a count takes: 1 лид, 2 лида, 5 лидов

    won, leads, maturing = (fmt_num(x, "ru") for x in (b.won, b.leads, b.maturing))
    won_word = plural_forms(won, "ru", "выигранная|выигранные|выигранных")
    assert f"{won} {won_word} из {leads} {plural_forms(leads, 'ru', 'лида|лидов|лидов')}" in caption
    assert f"{maturing} {plural_forms(maturing, 'ru', 'лид|лида|лидов')} периода ещё созревают" in caption
    assert f"за {b.window_days} дн." in caption and f"{b.mature_until:%d.%m.%Y}" in caption
    # CPL over every lead of the period, the maturing ones too: they were paid for
    spend_part = f"цена лида {fmt_money(b.cpl, 'ru', '₽')}: расходы {fmt_money(b.spend, 'ru', '₽')}"
    assert f"{spend_part} на {fmt_num(b.all_leads, 'ru')} лидов" in caption
    assert at.query_params["bs"] in ("cohort", ["cohort"])
    at.radio(key="pl_basis_w").set_value("period").run()
    assert at.session_state["pl_v_conversion"] == demo_baseline().conversion
    assert "bs" not in at.query_params


def test_a_link_with_the_cohort_basis_reopens_on_it(app_db):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = "ru"
    at.query_params.update({"bs": "cohort"})
    at.switch_page("pages/planner.py")
    at.run()
    assert not at.exception, at.exception
    assert at.radio(key="pl_basis_w").value == "cohort"
    assert any("когортам лидов" in c.value for c in at.caption)


def test_the_workshop_runs_a_deals_only_workspace_on_deals_like_the_planner(app_db):
    """24 deals created on 2 Sep 2026, 8 won, 8 lost, 8 open, each 30 000; no leads. Last 12
    months, of which the data covers one (September): 24 ÷ 1 = 24 deals entering a month × win
    rate 8 ÷ 16 = 50 % × check 30 000 = 360 000 a month, in the Workshop as in the Planner (it
    used to show the method's example)."""
    import ui
    from funnel.workspace import create_workspace

    page("overview")
    with ui.get_store().transaction() as cur:
        ws = create_workspace(cur, "Deals only").id
    rows = _deals(24)
    insert(ui.get_store(), ws, "deals", rows)
    shown = {}
    for name in ("planner", "workshop"):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        at.session_state["lang"] = "ru"
        at.query_params["ws"] = ws
        at.switch_page(f"pages/{name}.py")
        at.run()
        assert not at.exception, at.exception
        shown[name] = at
    workshop = shown["workshop"]
    assert not workshop.info  # not the method's example
    assert metrics(workshop)["Оборот в месяц"] == metrics(shown["planner"])["Оборот в месяц"] == "360 000 ₽"
    assert workshop.slider(key="ws_leads").label == "Сделки в воронку в месяц"
    assert workshop.select_slider(key="ws_conversion").label == "Доля выигранных, %"
    assert "24 сделки × 50,0 % × 30 000 ₽ = 360 000 ₽" in [m.value.replace("\\", "") for m in workshop.markdown]
    assert any("рычаги — сделки пространства" in c.value for c in workshop.caption)


def test_the_channel_mix_tab_reads_the_result_object(app_db):
    """The mix tab's totals are the result's mix (funnel.model.result: mix.totals of the
    baseline's channels with the plan's edits), at baseline and after a row is edited."""
    from funnel.i18n import t
    from funnel.model import mix

    at = page("planner")
    at.session_state["pl_tab"] = t("planner.tab.mix", "ru")
    at.run()
    assert not at.exception, at.exception
    b = demo_baseline()
    channels = b.mix_channels()

    def shown(at) -> dict:
        values = [m for m in at.metric][5:]  # after the headline's five
        return {m.label: m.value for m in values}

    tot = mix.totals(channels)
    got = shown(at)
    assert got["По таблице каналов: бюджет в месяц"] == fmt_money(tot["budget"], "ru", "₽")
    assert got["По таблице каналов: оборот в месяц"] == fmt_money(tot["turnover"], "ru", "₽")
    # double the first channel's budget: its leads double (no saturation), and so do its deals
    first = channels[0]
    at.session_state["pl_mix"] = {
        "edited_rows": {0: {"budget": first.budget * 2}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, at.exception
    moved = mix.totals([first.__class__(**{**first.__dict__, "budget": first.budget * 2}), *channels[1:]])
    assert moved["turnover"] == pytest.approx(tot["turnover"] + first.turnover)
    assert shown(at)["По таблице каналов: оборот в месяц"] == fmt_money(moved["turnover"], "ru", "₽")
    assert at.query_params.get("mix")  # the edit is the plan's: it travels in the link


def test_the_channel_mix_tab_says_what_its_totals_leave_out(app_db):
    """The review: the mix tab's budget and leads sat below the headline's with no word why (the
    demo's Радио has spend and no leads tracked; leads with no channel have no spend). What it
    leaves out plus its totals are the headline's, and the tab names them."""
    from funnel.i18n import t
    from funnel.model import mix, precision
    from tests.helpers.screen import money as fmt_money
    from tests.helpers.screen import number

    b = demo_baseline()
    leads_out, spend_out, names = b.mix_outside()
    assert names  # the demo has such channels
    tot = mix.totals(b.mix_channels())
    assert tot["leads"] + leads_out == pytest.approx(b.leads / b.months)
    assert tot["budget"] + spend_out == pytest.approx(b.spend / b.months)
    at = page("planner")
    at.session_state["pl_tab"] = t("planner.tab.mix", "ru")
    at.run()
    assert not at.exception, at.exception
    said = [c.value for c in at.caption if "Вне её" in c.value]
    assert len(said) == 1, [c.value for c in at.caption]
    # the leads as the Planner reads a count (funnel.model.precision): «лиды в месяц: 12,3», whole
    # from 100 up and never «,0»; the caption wrote one decimal always
    leads_text = number(leads_out, "ru", precision.places("count", leads_out))
    assert fmt_money(spend_out, "ru", "₽") in said[0] and f"лиды в месяц: {leads_text}," in said[0]


def test_the_channels_table_shows_each_channels_cut_spend_periods(app_db):
    """4 March – 3 April cuts every demo channel's March (28/31) and April (3/30): the Channels
    table shows both beside each channel's spend, as the Overview's Spend card does, a column a
    period (the set of columns «Расходы по дням», offered only when a period is cut: the one long
    text a channel was cut at its cell's edge), and the parts add up to the channel's spend."""
    import ui
    from funnel import demo_names
    from funnel.filters import Filters
    from funnel.metrics import channels as ch
    from funnel.metrics import spend

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = "ru"
    at.query_params.update({"period": "custom", "from": "2026-03-04", "to": "2026-04-03"})
    at.switch_page("pages/channels.py")
    at.run()
    assert not at.exception, at.exception
    assert at.radio(key="ch_table_columns").options == ["Деньги", "Конверсия и клиент", "Расходы по дням"]
    at.radio(key="ch_table_columns").set_value("spend_cut").run()
    table = at.dataframe[0].value
    march, april = "01.03.2026–31.03.2026", "01.04.2026–30.04.2026"
    assert list(table.columns) == ["Канал", "Расходы", march, april]
    f = Filters("demo", datetime(2026, 3, 4).date(), datetime(2026, 4, 3).date())
    with ui.cursor() as cur:
        split = spend.spend_split(cur, filters=f)
        econ = ch.channel_table(cur, filters=f)
    rows = {r["Канал"]: r for r in table.to_dict(orient="records")}
    assert any("в столбцах «Расходы по дням», столбец на период" in c.value for c in at.caption)

    def part_shown(cell: str) -> int:  # «3 100 ₽ × 28/31 = 2 800 ₽» → 2800
        return int("".join(ch for ch in cell.split("=")[-1] if ch.isdigit()))

    # the totals row gives each period's total, as the rows give theirs (it read "—": review #16);
    # each part within a rouble of its exact figure, and the parts as shown add up to the spend as
    # shown (nums13: 1 516 444 + 186 753 read 1 ₽ over the total's 1 703 196, each part rounded on
    # its own; by the largest remainder: 1 516 443 + 186 753)
    total = rows["Итого"]
    for column, part in ((march, split[split["days_total"] == 31]), (april, split[split["days_total"] == 30])):
        days = f"{int(part['days_in'].iloc[0])}/{int(part['days_total'].iloc[0])}"
        amount = fmt_money(part["amount"].sum(), "ru", "₽")
        assert total[column].startswith(f"{amount} × {days} = "), total
        assert abs(part_shown(total[column]) - float(part["spend"].sum())) < 1, total
    assert part_shown(total[march]) + part_shown(total[april]) == part_shown("=" + total["Расходы"])
    spent = {g: s for g, s in zip(econ["grp"], econ["spend"], strict=True) if g is not None}
    for channel, part in split.groupby("channel"):
        row = rows[demo_names.shown(channel, "ru")]  # the demo's channels are shown in Russian
        assert len(part) == 2 and "× 28/31 =" in row[march] and "× 3/30 =" in row[april], row
        # the parts are the channel's spend (which counts each part to the cent)
        assert float(part["spend"].sum()) == pytest.approx(float(spent[channel]), abs=0.01 * len(part))
        for r in part.itertuples():
            column = march if r.days_total == 31 else april
            assert row[column].startswith(f"{fmt_money(r.amount, 'ru', '₽')} × {r.days_in}/{r.days_total} = ")
            assert abs(part_shown(row[column]) - float(r.spend)) < 1, row
        assert part_shown(row[march]) + part_shown(row[april]) == part_shown("=" + row["Расходы"]), row


def test_the_planner_keeps_its_basis_across_pages(app_db):
    at = page("planner")
    at.radio(key="pl_basis_w").set_value("cohort").run()
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/planner.py").run()
    assert not at.exception, at.exception
    assert at.radio(key="pl_basis_w").value == "cohort"
    assert any("когортам лидов" in c.value for c in at.caption)


def test_the_planner_on_projected_basis_says_how_young_leads_count(app_db):
    import ui
    from funnel.basis import baseline_on
    from funnel.filters import Filters
    from funnel.periods import data_range, preset_range

    at = page("planner")
    at.radio(key="pl_basis_w").set_value("projected").run()
    assert not at.exception, at.exception
    with ui.cursor() as cur:
        first, last = data_range(cur, "demo")
        b = baseline_on(cur, Filters("demo", *preset_range("last_12_months", last, first)), "projected")
    assert b.young > 0 and b.exposure < b.leads
    assert at.session_state["pl_v_conversion"] == pytest.approx(b.conversion, rel=1e-12)
    assert box_value(at, "pl_conversion_n") == round(b.conversion * 100, 2)
    caption = next(c.value for c in at.caption if "молодые когорты спрогнозированы" in c.value)
    assert f"{fmt_num(b.won, 'ru')} выигранных на {fmt_num(b.exposure, 'ru')}" in caption
    assert f"{fmt_num(b.young, 'ru')} лидов моложе {b.window_days} дн." in caption
