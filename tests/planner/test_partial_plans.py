"""The Planner and Channels on partial workspaces (spend only, deals only, leads only), in both
languages: a figure the data cannot give is "—" with one sentence saying what is missing and
what fixes it, never a "0 ₽" or a ROMI of −100 % (funnel.model.gaps; issues #14 and #16).

The data, checkable by hand: six months, January–June 2026.
- spend only: Web 2 000 and Print 1 000 a month, 18 000 in all;
- deals only, without amounts: 8 deals entered (one each month, two in March and June), 3 won,
  1 lost, 4 open;
- leads only: 12 leads, two a month.
The planner's period is the last 12 months of the data (01.07.2025–30.06.2026): 12 months, of
which the data covers 6 (January–June 2026), so a month is over those 6 (funnel.baseline.covered).
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from streamlit.testing.v1 import AppTest

from funnel.db import Store
from funnel.i18n import t
from funnel.workspace import create_workspace
from tests.boxes import type_number
from tests.conftest import ROOT, downloads, insert

pytestmark = pytest.mark.filterwarnings("ignore")

MONTHS = [datetime(2026, m, 1) for m in range(1, 7)]
SPEND = [{"channel": ch, "period": m, "amount": a} for m in MONTHS for ch, a in (("Web", 2000), ("Print", 1000))]
_DEALS = [  # (created, status, closed)
    (datetime(2026, 1, 5), "won", datetime(2026, 1, 25)),
    (datetime(2026, 2, 5), "won", datetime(2026, 2, 25)),
    (datetime(2026, 3, 5), "lost", datetime(2026, 3, 20)),
    (datetime(2026, 3, 6), "won", datetime(2026, 3, 26)),
    (datetime(2026, 4, 5), "open", None),
    (datetime(2026, 5, 5), "open", None),
    (datetime(2026, 6, 5), "open", None),
    (datetime(2026, 6, 6), "open", None),
]
DEALS = [
    {
        "deal_id": f"D{i}",
        "created_at": created,
        "stage": {"won": "Deal done", "lost": "Lost", "open": "Proposal under review"}[status],
        "status": status,
    }
    | ({"closed_at": closed} if closed else {})
    for i, (created, status, closed) in enumerate(_DEALS)
]
LEADS = [
    {"lead_id": f"L{m.month}{k}", "created_at": m.replace(day=3 + k), "channel": "Web"} for m in MONTHS for k in (1, 2)
]
KINDS = {
    "spend": {"spend": SPEND},
    "deals": {"deals": DEALS},
    "leads": {"leads": LEADS},
    "leads+spend": {"leads": LEADS, "spend": SPEND},
}


def metrics(at) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in at.metric:
        out.setdefault(m.label, m.value)
    return out


def deals_card(m: dict[str, str], lang: str) -> str:
    """The deals card's value: on deals only its label says at which win rate (deal_flow.deals_label)."""
    plain = t("planner.m.deals", lang)
    return m.get(plain) or next(v for k, v in m.items() if k.startswith(plain))


def headline(at, lang: str) -> dict[str, str]:
    m = metrics(at)
    out = {k: m[t(f"planner.m.{k}", lang)] for k in ("turnover", "budget", "romi")} | {"deals": deals_card(m, lang)}
    # the profit card while no margin is set says so in its label (charts.metrics)
    return out | {"profit": m.get(t("planner.m.profit", lang), m.get(t("planner.m.profit_full_margin", lang)))}


def on_screen(at) -> str:
    """Every metric value, message and table cell on the page, as one text."""
    parts = [m.value for m in at.metric]
    for kind in ("info", "warning", "caption", "markdown"):
        parts += [e.value for e in getattr(at, kind)]
    parts += [d.value.to_string() for d in at.dataframe]
    return "\n".join(parts)


# A money figure of 0 ("0 ₽", "₽0", "$0") or a ROMI of −100 %, where "1 500 ₽" is no zero.
FALSE_ZERO = re.compile(r"(?<![\d,.])0(?:[,.]0+)?\s?[₽$]|[₽$]0(?![\d,.]*[1-9])|[−-]100\s?%")


def no_false_zero(text: str) -> None:
    found = FALSE_ZERO.search(text)
    assert found is None, (found, text)


def open_app(app_db, kind: str, lang: str, page: str = "planner") -> AppTest:
    s = Store(app_db)
    with s.transaction() as cur:
        ws = create_workspace(cur, "Partial").id
    for table, rows in KINDS[kind].items():
        insert(s, ws, table, rows)
    s.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def open_tab(at, name: str, lang: str) -> AppTest:
    at.session_state["pl_tab"] = t(f"planner.tab.{name}", lang)
    at.run()
    assert not at.exception, at.exception
    return at


def infos(at) -> list[str]:
    return [i.value for i in at.info]


# ---- the planner's headline: "—" and the sentence, per workspace kind and language ----------
SENTENCE = {
    # what the data does not give in the words every page uses (gaps.lacking: the Workshop's too)
    ("spend", "ru"): "В данных только расходы — они и есть бюджет плана: 3 000 ₽ в месяц. Данные не дают лиды в "
    "месяц, конверсию и средний чек, поэтому пока не посчитано («—»): оборот, сделки и прибыль.",
    ("spend", "en"): "The data holds spend only: it is the plan's budget, ₽3,000 a month. The data does not give "
    "leads a month, the conversion, and the average deal size, so turnover, deals, and profit show “—”",
    (
        "deals",
        "ru",
    ): "Данные не дают средний чек и цену сделки на входе в воронку, поэтому пока не посчитано («—»): оборот, "
    "бюджет и прибыль.",
    ("deals", "en"): "The data does not give the average deal size and the cost per deal entering the pipeline, so "
    "turnover, budget, and profit show “—”.",
    ("leads", "ru"): "Данные не дают конверсию, средний чек и цену лида, поэтому пока не посчитано («—»): оборот, "
    "сделки, бюджет и прибыль.",
    ("leads", "en"): "The data does not give the conversion, the average deal size, and the cost per lead, so "
    "turnover, deals, budget, and profit show “—”.",
}
STEP = {  # the step that fixes it: the file to upload (and the levers are named in the sentence)
    ("spend", "ru"): "загрузите лиды и сделки с суммой на странице «Данные»",
    ("spend", "en"): "upload leads and deals with amounts on the Data page",
    ("deals", "ru"): "загрузите на странице «Данные»: сделки с колонкой суммы и расходы (канал, период, сумма)",
    ("deals", "en"): "upload deals with an amount column and spend (channel, period, amount) on the Data page",
    ("leads", "ru"): "сделки со статусом и датой закрытия, сделки с колонкой суммы и расходы",
    ("leads", "en"): "deals with a status and a closing date, deals with an amount column, and spend",
}
# 18 000 of spend ÷ the 6 months with data = 3 000 a month; deals: 8 entered ÷ 6 × win rate 3 ÷ 4 = 1
KNOWN = {"spend": {"budget": ("3 000 ₽", "₽3,000")}, "deals": {"deals": ("1", "1")}, "leads": {}}


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("kind", ["spend", "deals", "leads"])
def test_headline_shows_dashes_and_says_what_to_type_or_upload(app_db, kind, lang):
    at = open_app(app_db, kind, lang)
    figures = headline(at, lang)
    known = {k: v[lang == "en"] for k, v in KNOWN[kind].items()}
    assert figures == {k: known.get(k, "—") for k in figures}, figures
    first = infos(at)[0]
    assert first.startswith(SENTENCE[kind, lang]) and STEP[kind, lang] in first, first
    # no waterfall of zeros: the levers still to type
    wanted = {
        "spend": ("лиды в месяц, конверсию и средний чек", "leads a month, the conversion, and the average deal size"),
        "deals": ("средний чек", "the average deal size"),
        "leads": ("конверсию и средний чек", "the conversion and the average deal size"),
    }[kind][lang == "en"]
    assert t("gaps.no_waterfall", lang, levers=wanted) in infos(at)
    assert not at.get("plotly_chart")
    no_false_zero(on_screen(at))
    # the baseline line never prices a lead over 0 leads ("CPL — = spend … ÷ 0 leads")
    assert "÷ 0" not in on_screen(at)


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("kind", ["spend", "deals", "leads"])
def test_forecast_and_backtest_say_there_is_no_turnover(app_db, kind, lang):
    at = open_tab(open_app(app_db, kind, lang), "forecast", lang)
    assert t("planner.fc.low", lang) not in metrics(at) and not at.get("plotly_chart")  # no spread of 0, no flat charts
    told = [i for i in infos(at) if i.startswith(t("gaps.fc.no_revenue", lang, levers="", files="")[:20])]
    assert len(told) == 1, infos(at)
    if kind == "deals":  # four open deals without amounts: their value is "—", not 0
        assert metrics(at)[t("planner.fc.open_amount", lang)] == "—"
        assert t("gaps.fc.no_amounts", lang) in infos(at)
    else:
        assert t("gaps.fc.no_open", lang) in infos(at)
    no_false_zero(on_screen(at))
    open_tab(at, "backtest", lang)
    assert t("gaps.bt.no_revenue", lang) in infos(at) and not at.get("plotly_chart")


def test_spend_only_plans_once_the_levers_are_typed(app_db):
    """100 leads × 5 % × 10 000 = 50 000 turnover, 5 deals; the budget stays the spend, 18 000 ÷
    6 months with data = 3 000; ROMI (50 000 − 3 000) ÷ 3 000 = 1 567 %; profit "—" while no margin
    is set, then at 30 %: 50 000 × 0,3 − 3 000 = 12 000."""
    at = open_app(app_db, "spend", "ru")
    type_number(at, "pl_leads_n", 100.0).run()
    assert headline(at, "ru")["turnover"] == "—"  # conversion and check still to type
    # the note names only what is still to type and still "—" (the run's result, not the data's)
    assert (
        "поэтому пока не посчитано («—»): оборот, сделки и прибыль. Введите конверсию и средний чек в рычагах "
        "или загрузите лиды и сделки с суммой на странице «Данные»."
    ) in infos(at)[0], infos(at)[0]
    assert t("gaps.no_waterfall", "ru", levers="конверсию и средний чек") in infos(at)
    type_number(at, "pl_conversion_n", 5.0)
    type_number(at, "pl_avg_check_n", 10_000.0).run()
    assert not at.exception, at.exception
    assert headline(at, "ru") == {
        "turnover": "50 000 ₽",
        "deals": "5",
        "budget": "3 000 ₽",
        "romi": "1 567 %",
        "profit": "—",
    }
    # nothing the data leaves "—": the spend is the budget (leads typed, the CPL not), and the rule;
    # the profit's card says it wants a margin, which no file gives
    assert infos(at)[0] == t("gaps.spend_only", "ru", budget="3 000 ₽") + " " + t("gaps.spend_only_rule", "ru")
    type_number(at, "pl_margin_n", 30.0).run()
    assert headline(at, "ru")["profit"] == "12 000 ₽"
    # no waterfall from a baseline of "—" turnover (plotly.js drew every bar, the plan's too, at 0):
    # the sentence with the plan's turnover
    assert not at.get("plotly_chart")
    assert t("gaps.no_base_turnover", "ru", turnover="50 000 ₽") in infos(at)
    open_tab(at, "forecast", "ru")
    assert metrics(at)[t("planner.fc.mid", "ru")] != "—" and not any(
        i.startswith("Оборота для прогноза нет") for i in infos(at)
    )


# The levers the data does not give, per workspace kind (funnel.model.baseline.Baseline.missing).
UNKNOWN_LEVERS = {
    "spend": {"leads", "conversion", "avg_check", "cpl"},
    "deals": {"avg_check", "cpl"},
    "leads": {"conversion", "avg_check", "cpl"},
}


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("kind", ["spend", "deals", "leads"])
def test_a_lever_the_data_does_not_give_is_an_empty_box_to_type(app_db, kind, lang):
    """The review: the levers' boxes read "0" for a conversion, check or CPL the data does not
    give, while the headline already said "—". Such a lever is an empty box asking for it, with
    no slider standing at a made-up 0; a known lever keeps both (leads only: 12 ÷ 6 months with
    data = 2 leads a month; deals only: 8 entered ÷ 6 = 1,3 a month, win rate 3 ÷ 4 = 75 %)."""
    at = open_app(app_db, kind, lang)
    sliders = {s.key for s in at.slider} | {s.key for s in at.select_slider}
    for field in ("leads", "conversion", "avg_check", "cpl"):
        box = at.text_input(key=f"pl_{field}_n")
        if field in UNKNOWN_LEVERS[kind]:
            assert box.value == "" and box.placeholder == t("planner.lever.type", lang), (field, box.value)
            assert f"pl_{field}_s" not in sliders, field
        else:
            assert box.value not in ("", "0") and f"pl_{field}_s" in sliders, (field, box.value)
    known = {"deals": {"leads": ("1,3", "1.3"), "conversion": ("75", "75")}, "leads": {"leads": ("2", "2")}}
    for field, written in known.get(kind, {}).items():
        assert at.text_input(key=f"pl_{field}_n").value == written[lang == "en"], field


def test_a_typed_unknown_lever_gets_its_slider_and_counts(app_db):
    """Leads only (2 leads a month: 12 over the 6 months with data): typing a conversion of 50 %
    into its empty box makes it known — its slider appears (at its end, 10: its range comes from a
    baseline of none, and a typed value past it is kept), the box writes "50" and the headline's
    deals are 2 × 50 % = 1,0."""
    at = open_app(app_db, "leads", "ru")
    assert headline(at, "ru")["deals"] == "—"
    type_number(at, "pl_conversion_n", 50.0).run()
    assert not at.exception, at.exception
    assert at.text_input(key="pl_conversion_n").value == "50"
    assert at.select_slider(key="pl_conversion_s").value == 10.0
    assert headline(at, "ru")["deals"] == "1"
    assert at.text_input(key="pl_avg_check_n").value == ""  # still to type


def test_leads_only_capacity_says_the_curve_needs_a_conversion(app_db):
    at = open_tab(open_app(app_db, "leads", "ru"), "capacity", "ru")
    at.toggle(key="pl_capacity_on").set_value(True).run()
    assert not at.exception, at.exception
    assert t("gaps.cap.no_conversion", "ru") in infos(at) and not at.get("plotly_chart")
    assert metrics(at)[t("planner.cap.effective", "ru")] == "—"  # not a conversion of 0,00 %


# ---- Channels ------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_spend_only_channels_show_spend_and_no_zero_columns(app_db, lang):
    at = open_app(app_db, "spend", lang, page="channels")
    table = at.dataframe[0].value
    assert list(table.columns) == [t("an.dim.channel", lang), t("an.col.spend", lang)], list(table.columns)
    # the trend chart offers only the measure the data has: no line of zero leads on −1…1
    assert at.selectbox(key="ch_trend_metric").options == [t("an.col.spend", lang)]
    # nothing to choose from: no second set of columns, no figure of the changes
    choices = ("ch_table_columns", "ch_changes_figure", "ch_drill_table_columns")
    assert not [r.key for r in at.radio if r.key in choices]
    # six months of data seen over twelve: nothing before them to compare with, and no table of
    # the economics' figures again (tests/analytics/test_screen_review.py)
    assert len(at.dataframe) == 1, [list(d.value.columns) for d in at.dataframe]
    no_false_zero(on_screen(at))
    assert t("an.empty.no_leads", lang) in infos(at)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_leads_only_channels_do_not_compare_conversions_of_no_deals(app_db, lang):
    at = open_app(app_db, "leads", lang, page="channels")
    assert t("gaps.ch.compare_no_deals", lang) in infos(at)
    assert not at.metric  # no "0,00 %" conversions and no chance that one is better
    assert at.selectbox(key="ch_trend_metric").options == [t("an.col.leads", lang)]
    # six months of leads seen over twelve: nothing before them to compare with, said in place of
    # the changes and their figure (tests/analytics/test_screen_review.py)
    assert not [r for r in at.radio if r.key == "ch_changes_figure"]
    assert f"{t('an.ch.trend_metric', lang)}: **{t('an.col.leads', lang)}**" not in [m.value for m in at.markdown]
    from datetime import date

    from funnel import formatting

    said = t(
        "an.ch.changes_nothing_since",
        lang,
        first=formatting.day(date(2026, 1, 4), lang),  # the first lead's day
        period=formatting.period(date(2024, 7, 1), date(2025, 6, 30), lang),
    )
    assert said in infos(at), infos(at)
    table = at.dataframe[0].value
    assert t("an.col.won", lang) not in table.columns and "0 ₽" not in table.to_string()


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("kind, said", [("leads", "an.empty.no_spend"), ("deals", "an.empty.no_spend_deals")])
def test_channels_without_spend_show_no_column_of_dashes_and_say_so_once(app_db, kind, said, lang):
    """Leads only (12 leads, Web) and deals only (8 deals, no channel): no spend was loaded, so
    «Расходы» and «CPL» were a column of "—" in every row, the totals' too (review #16). They are
    left out, in the drill-down as well, and one sentence above the tables says spend is not
    loaded and where to load it (the Data page)."""
    at = open_app(app_db, kind, lang, page="channels")
    spend_cols = {t(f"an.col.{c}", lang) for c in ("spend", "cpl", "cac", "romi", "drr")}
    tables = [list(d.value.columns) for d in at.dataframe]
    assert tables and all(not spend_cols & set(cols) for cols in tables), tables
    # leads only: Web's 12 leads and the totals' 12, the one figure the data gives
    if kind == "leads":
        assert tables[0] == [t("an.dim.channel", lang), t("an.col.leads", lang)], tables
        assert list(at.dataframe[0].value[t("an.col.leads", lang)]) == ["12", "12"]
    assert infos(at).count(t(said, lang)) == 1, infos(at)
    assert "«Данные»" in t(said, "ru") and "Data page" in t(said, "en")


# ---- the plan report ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "kind, expected",
    [
        # spend only, 10 leads × 10 % typed (a plan of its own: 1 deal; without it no report is
        # offered): the check and the CPL are "—" (no leads to price); the budget is the spend
        (
            "spend",
            ["Средний чек —", "Цена лида (CPL) —", "Бюджет в месяц 3 000 ₽", "Сделки в месяц 1 ", "Оборот в месяц —"],
        ),
        # deals only, no amounts: no check and no CPL; 1,0 deal a month
        (
            "deals",
            ["Средний чек —", "Цена лида (CPL) —", "Сделки в месяц 1 ", "Оборот в месяц —", "Прибыль в месяц —"],
        ),
    ],
    ids=["spend-only", "deals-only"],
)
def test_the_plan_report_says_dash_for_what_the_data_lacks(app_db, monkeypatch, kind, expected):
    import html

    made = downloads(monkeypatch)
    at = open_app(app_db, kind, "ru")
    if kind == "spend":
        type_number(at, "pl_leads_n", 10.0).run()
        type_number(at, "pl_conversion_n", 10.0).run()
    open_tab(at, "scenarios", "ru")
    page = html.unescape(made["pl_export_html"]().decode("utf-8"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<script.*?</script>|<style.*?</style>", "", page)))
    for part in expected:
        assert part in text, (part, text[:2000])
    assert not re.search(r"(?:Лиды в месяц|Средний чек|Цена лида \(CPL\)|Оборот в месяц|Бюджет в месяц) 0 ₽", text)


@pytest.mark.parametrize("kind", ["spend", "deals", "leads"])
def test_the_reverse_plan_needs_what_the_data_lacks(app_db, kind):
    """Without a check (and, for leads and spend only, a conversion) the leads, budget and deals
    a target needs cannot be known: "—", not the "0 leads, 0 ₽" a target of 0 ÷ 0 gave."""
    at = open_app(app_db, kind, "ru")
    at.toggle(key="pl_reverse").set_value(True).run()
    assert not at.exception, at.exception
    m = metrics(at)
    assert [m[k] for k in ("Нужно лидов", "Нужен бюджет", "Нужно сделок")] == ["—"] * 3, m
    assert m["Оборот в месяц"] == "—" and deals_card(m, "ru") == ("1" if kind == "deals" else "—")
    no_false_zero(on_screen(at))


def test_spend_only_a_typed_cpl_keeps_the_spend_as_budget(app_db):
    """A CPL typed while the leads are not: no leads × CPL yet, so the budget stays the spend,
    18 000 ÷ 6 months with data = 3 000 a month (giving more input never removes a known figure); with 100
    leads typed too, the budget is 100 × 20 = 2 000."""
    at = open_app(app_db, "spend", "ru")
    type_number(at, "pl_cpl_n", 20.0).run()
    assert not at.exception, at.exception
    assert headline(at, "ru")["budget"] == "3 000 ₽"
    assert infos(at)[0].endswith(t("gaps.spend_only_rule", "ru")), infos(at)[0]  # said on screen
    type_number(at, "pl_leads_n", 100.0).run()
    assert headline(at, "ru")["budget"] == "2 000 ₽"
    assert infos(at)[0].startswith(t("gaps.spend_only_typed", "ru", budget="3 000 ₽")), infos(at)[0]


def test_deals_only_with_a_typed_check_has_no_waterfall_of_zeros(app_db, monkeypatch):
    """Deals only, a check of 50 000 typed: 8 deals entered ÷ 6 months with data × win rate 3 ÷ 4
    = 1 deal × 50 000 = 50 000 a month, while the baseline has no turnover. The waterfall (whose
    bars plotly.js drew at 0 from an unknown baseline) gives way to a sentence with the 50 000,
    on the page and in the plan report (no waterfall figure there either)."""
    import html

    made = downloads(monkeypatch)
    at = open_app(app_db, "deals", "en")
    type_number(at, "pl_avg_check_n", 50_000.0).run()
    assert not at.exception, at.exception
    assert headline(at, "en")["turnover"] == "₽50,000"
    # the note no longer says turnover shows "—": only what is still "—" in the plan
    assert infos(at)[0].startswith(
        "The data does not give the average deal size and the cost per deal entering the pipeline, so budget and "
        "profit show “—”."
    ), infos(at)[0]
    said = t("gaps.no_base_turnover", "en", turnover="₽50,000")
    assert said in infos(at) and not at.get("plotly_chart")
    open_tab(at, "scenarios", "en")
    page = html.unescape(made["pl_export_html"]().decode("utf-8"))
    assert said in page
    assert t("planner.chart.waterfall", "en") not in page


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_channel_mix_shows_dashes_without_deals(app_db, lang):
    """Spend and leads, no deals: Web spends 12 000 ÷ 6 months with data = 2 000 a month for
    12 ÷ 6 = 2 leads (CPL 1 000; Print has no leads, so no row). Its conversion, deals, check, turnover, CAC and
    ROMI are "—" (not 0,00 %, 0, ₽0, −100 %), and so are the totals over them; the budget,
    leads and blended CPL are known."""
    at = open_tab(open_app(app_db, "leads+spend", lang), "mix", lang)
    m = {x.label: x.value for x in at.metric}  # the last of a label: the mix's, below the headline's
    money = "1 000 ₽" if lang == "ru" else "₽1,000"
    budget = "2 000 ₽" if lang == "ru" else "₽2,000"
    total = {
        k: m[t(f"planner.mix.total.{k}", lang)] for k in ("budget", "cpl", "leads", "deals", "turnover", "cac", "romi")
    }
    assert (total["budget"], total["cpl"], total["leads"]) == (budget, money, "2")
    assert [total[k] for k in ("deals", "turnover", "cac", "romi")] == ["—"] * 4
    table = next(d.value for d in at.dataframe if t("planner.mix.cac", lang) in d.value.columns)
    row = table.iloc[0]
    assert row[t("planner.mix.cpl", lang)] == money
    cols = ("planner.mix.col.deals", "planner.mix.col.turnover")
    assert [row[t(k, lang)] for k in (*cols, "planner.mix.cac", "planner.m.romi")] == ["—"] * 4
    # the editable cells too: no check and no conversion typed are empty ("—"), not "0 ₽" and "0,00"
    cells = next(d.value for d in at.dataframe if "avg_check" in d.value.columns).iloc[0]
    cpl = "1 000 ₽" if lang == "ru" else "₽1,000"  # whole, as every money figure
    assert (cells["cpl"], cells["conversion"], cells["avg_check"]) == (cpl, None, None), cells
    no_false_zero(on_screen(at))


# ---- the Overview's plan against fact ----------------------------------------------------------
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_plan_saved_without_a_check_has_no_plan_revenue_of_zero(app_db, lang):
    """Deals only, no amounts: the plan saved as the Planner starts it (1 deal a month: 8 ÷ the 6
    months with data × 3 ÷ 4; the check untyped, 0) and marked for January–June 2026. Its revenue
    is "—" on the Overview (not 0 ₽), its deals 1 × 6 = 6 against the 3 won."""
    from datetime import date

    from funnel.access import User
    from funnel.baseline import baseline
    from funnel.filters import Filters
    from funnel.scenarios import mark_plan, save_scenario

    s = Store(app_db)
    with s.transaction() as cur:
        ws = create_workspace(cur, "Partial").id
    insert(s, ws, "deals", DEALS)
    with s.transaction() as cur:
        plan = baseline(cur, Filters(ws, date(2025, 7, 1), date(2026, 6, 30))).plan()
        assert plan.avg_check == 0 and plan.leads * plan.conversion == pytest.approx(1.0)
        save_scenario(cur, ws, "H1", plan, actor=User("e", "editor"))
        mark_plan(cur, ws, "H1", date(2026, 1, 1), date(2026, 6, 30), actor=User("e", "editor"))
    s.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/overview.py").run()
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if t("an.plan.fulfilment", lang) in d.value.columns)
    rows = table.set_index(t("an.plan.metric", lang))
    revenue, deals = rows.loc[t("an.plan.revenue", lang)], rows.loc[t("an.plan.deals_won", lang)]
    assert revenue[t("an.plan.plan", lang)] == "—" and revenue[t("an.plan.fulfilment", lang)] == "—"
    assert deals[t("an.plan.plan", lang)] == "6" and deals[t("an.plan.fact", lang)] == "3"
    no_false_zero(table[t("an.plan.plan", lang)].to_string())


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_scenario_comparison_has_no_zeros_without_deals(app_db, lang):
    """Spend and leads, no deals; a scenario saved as the Planner starts it (conversion and check
    untyped). In the comparison, the baseline's, the current plan's and the scenario's turnover,
    ROMI, profit, the mix's turnover and ROMI are "—", not 0 ₽ and −100 %; the budget is
    2 leads (12 over the 6 months with data) × 1 500 (18 000 of spend ÷ 12 leads) = 3 000."""
    from datetime import date

    from funnel.access import User
    from funnel.baseline import baseline
    from funnel.filters import Filters
    from funnel.scenarios import save_scenario

    s = Store(app_db)
    with s.transaction() as cur:
        ws = create_workspace(cur, "Partial").id
    insert(s, ws, "leads", LEADS)
    insert(s, ws, "spend", SPEND)
    with s.transaction() as cur:
        plan = baseline(cur, Filters(ws, date(2025, 7, 1), date(2026, 6, 30))).plan()
        save_scenario(cur, ws, "H1", plan, actor=User("e", "editor"))
    s.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/planner.py").run()
    open_tab(at, "scenarios", lang)
    table = next(d.value for d in at.dataframe if t("planner.sc.metric", lang) in d.value.columns)
    rows = table.set_index(t("planner.sc.metric", lang))
    for key in ("turnover", "romi", "profit", "mix_turnover", "mix_romi", "conversion", "avg_check"):
        assert set(rows.loc[t(f"planner.out.{key}", lang)]) == {"—"}, (key, rows.loc[t(f"planner.out.{key}", lang)])
    assert set(rows.loc[t("planner.out.budget", lang)]) == {"3 000 ₽" if lang == "ru" else "₽3,000"}
    no_false_zero(table.to_string())


def test_the_plan_report_names_the_workspace_and_the_period_of_its_baseline(app_db, monkeypatch):
    """The report named neither the workspace nor the period. The workspace is "Partial"; the
    planner's baseline is the data's last 12 months, 01.07.2025–30.06.2026 (this module's data):
    under the HTML report's title, and as the first rows of the workbook's first sheet."""
    import html
    import io

    import openpyxl

    made = downloads(monkeypatch)
    at = open_tab(open_app(app_db, "deals", "ru"), "scenarios", "ru")
    page = html.unescape(made["pl_export_html"]().decode("utf-8"))
    assert "Рабочее пространство: Partial · Данные для базы плана: 01.07.2025–30.06.2026" in page
    made.clear()
    at.radio(key="lang").set_value("en").run()
    open_tab(at, "scenarios", "en")
    book = openpyxl.load_workbook(io.BytesIO(made["pl_export_xlsx"]()))
    first = book.worksheets[0]
    assert first.title == "Inputs"
    rows = [[c.value for c in row] for row in first.iter_rows(min_row=2, max_row=3)]
    assert rows == [["Workspace", "Partial"], ["Baseline data", "Jul 1, 2025 – Jun 30, 2026"]], rows


@pytest.mark.parametrize(
    ("lang", "span"),
    [("ru", "данные есть за 6 мес. (янв. – июнь 2026),"), ("en", "the data covers 6 months (Jan – Jun 2026),")],
)
def test_the_months_the_data_covers_read_as_one_range(app_db, lang, span):
    """The baseline's covered months as funnel.formatting.month_period writes a range, not two
    month() texts joined by hand («янв. 2026 – июнь 2026»; review #16: one way to write a range)."""
    at = open_app(app_db, "leads+spend", lang)
    assert span in on_screen(at), on_screen(at)


NO_EXPORT = {
    "ru": "Выгружать пока нечего: оборот, сделки, бюджет и прибыль плана не посчитаны («—»). Введите конверсию, "
    "средний чек и цену лида в рычагах выше, и здесь появятся отчёты HTML, PDF и XLSX.",
    "en": "Nothing to export yet: the plan's turnover, deals, budget, and profit are not worked out (“—”). Type "
    "the conversion, the average deal size, and the cost per lead in the levers above, and the HTML, PDF, and XLSX "
    "reports appear here.",
}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_report_of_dashes_is_offered_and_the_missing_levers_are_named(app_db, monkeypatch, lang):
    """Screen review #16: on leads only every headline figure is "—", and the Scenarios tab still
    offered HTML, PDF and XLSX reports of them. No download is offered then; one sentence names
    the levers to type. A conversion and a check typed (2 leads a month × 50 % × 1 000 = 1 000 of
    turnover) bring the reports back."""
    made = downloads(monkeypatch)
    at = open_tab(open_app(app_db, "leads", lang), "scenarios", lang)
    assert not [k for k in made if k.startswith("pl_export_")], made
    assert NO_EXPORT[lang] in infos(at), infos(at)
    if lang == "en":
        return
    type_number(at, "pl_conversion_n", 50.0).run()
    type_number(at, "pl_avg_check_n", 1000.0).run()
    assert not at.exception, at.exception
    assert headline(at, lang)["turnover"] == "1 000 ₽"
    assert {"pl_export_html", "pl_export_xlsx"} <= set(made), made
    assert not [i for i in infos(at) if i.startswith("Выгружать пока нечего")]


# Spend only: the budget is the data's spend passed through, no lever moves it, and every other
# figure is "—". A scenario or a report of that keeps nothing of the plan's: neither is offered,
# one line each says why, as on leads only (review #16).
SPEND_ONLY_NOTHING = {
    "ru": (
        "Сохранять пока нечего: оборот, сделки и прибыль плана — «—».",
        "Выгружать пока нечего: оборот, сделки и прибыль плана не посчитаны («—»). Введите лиды в месяц, конверсию "
        "и средний чек в рычагах выше, и здесь появятся отчёты HTML, PDF и XLSX.",
    ),
    "en": (
        "Nothing to save yet: the plan's turnover, deals, and profit are “—”.",
        "Nothing to export yet: the plan's turnover, deals, and profit are not worked out (“—”). Type leads a "
        "month, the conversion, and the average deal size in the levers above, and the HTML, PDF, and XLSX reports "
        "appear here.",
    ),
}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_spend_only_offers_no_save_form_nor_report_of_its_spend_and_dashes(app_db, monkeypatch, lang):
    made = downloads(monkeypatch)
    at = open_tab(open_app(app_db, "spend", lang), "scenarios", lang)
    assert not [k for k in made if k.startswith("pl_export_")], made
    assert not [w for w in (*at.text_input, *at.button, *at.checkbox) if (w.key or "").startswith("pl_sc_")]
    save, export = SPEND_ONLY_NOTHING[lang]
    assert save in infos(at) and export in infos(at), infos(at)
    if lang == "en":  # AppTest cannot rerun an English session here (see the export test above)
        return
    type_number(at, "pl_cpl_n", 20.0).run()  # a CPL alone: the budget is still the spend (gaps.spend_only_rule)
    assert not [k for k in made if k.startswith("pl_export_")], made
    type_number(at, "pl_leads_n", 10.0).run()  # 10 leads × 20 = 200 of budget: the plan's own figure
    assert at.button(key="pl_sc_save") and {"pl_export_html", "pl_export_xlsx"} <= set(made), made


def test_deals_only_keeps_its_save_form_and_report_of_its_deals_a_month(app_db, monkeypatch):
    """Deals only: its 1 deal a month is the plan's (8 entered ÷ 6 months × win rate 3 ÷ 4) and
    moves with the levers, as leads × conversion does on a CRM export without amounts: a plan
    to keep and report, with "—" for the rest."""
    made = downloads(monkeypatch)
    at = open_tab(open_app(app_db, "deals", "ru"), "scenarios", "ru")
    assert at.button(key="pl_sc_save") and {"pl_export_html", "pl_export_xlsx"} <= set(made), made


def test_an_untouched_active_example_is_no_report_either(app_db, monkeypatch):
    """The screen walk opens every tab in turn: the Active sales tab, visited on leads only, holds
    the method's example untouched (the data gives none of its inputs), and a report of that and
    of "—" is still a report of nothing. An active input typed is the user's own: the reports
    are offered, with its section."""
    made = downloads(monkeypatch)
    at = open_tab(open_app(app_db, "leads", "ru"), "active", "ru")
    open_tab(at, "scenarios", "ru")
    assert not [k for k in made if k.startswith("pl_export_")], made
    assert NO_EXPORT["ru"] in infos(at), infos(at)
    open_tab(at, "active", "ru")
    at.radio(key="pl_active_group").set_value("money").run()
    type_number(at, "pl_a_avg_check", 12_345.0).run()
    assert not at.exception, at.exception
    open_tab(at, "scenarios", "ru")
    assert {"pl_export_html", "pl_export_xlsx"} <= set(made), made


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_leads_only_scenarios_offer_no_save_form_for_a_plan_of_dashes(app_db, lang):
    """Leads only, nothing typed: every plan figure is "—" and the export below says there is
    nothing to export; the save form (name, «Сохранить», overwrite) is not drawn either, and one
    line says why (screen review #16)."""
    at = open_tab(open_app(app_db, "leads", lang), "scenarios", lang)
    every = "оборот, сделки, бюджет и прибыль" if lang == "ru" else "turnover, deals, budget, and profit"
    assert t("planner.sc.no_result", lang, figures=every) in infos(at)
    assert not [w for w in (*at.text_input, *at.button, *at.checkbox) if (w.key or "").startswith("pl_sc_")]
    assert [i for i in infos(at) if i.startswith(t("gaps.no_export_result", lang).split("{")[0])]
    if lang == "en":  # AppTest cannot rerun an English session here (see the export test above)
        return
    type_number(at, "pl_conversion_n", 50.0).run()
    type_number(at, "pl_avg_check_n", 1000.0).run()  # a turnover of 1 000: there is a plan to keep
    assert not at.exception, at.exception
    assert at.text_input(key="pl_sc_name") and at.button(key="pl_sc_save")
    assert not [i for i in infos(at) if i.startswith(t("planner.sc.no_result", lang).split(":")[0])]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_deals_only_the_deals_card_says_it_counts_deals_entering_at_the_win_rate(app_db, lang):
    """8 deals entered ÷ 6 months with data × win rate 3 ÷ (3 + 1) = 1,33 × 0,75 = 1 deal a month,
    while the Overview counts 3 won ÷ 6 months = 0,5 a month: the card's label says what its 1 is
    (deal_flow.deals_label); the Overview's «Выигранные сделки» 3 is unchanged (screen review #16)."""
    at = open_app(app_db, "deals", lang)
    m = {k.replace("\u00a0", " "): v for k, v in metrics(at).items()}
    label = t("planner.m.deals_at_win_rate", lang, win_rate="75,0 %" if lang == "ru" else "75.0%")
    assert m[label] == "1", m
    assert t("planner.m.deals", lang) not in m
    at.switch_page("pages/overview.py").run()
    assert metrics(at)[t("an.fig.won", lang)] == "3"
