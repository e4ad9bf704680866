"""Partial data on screen: a figure the data cannot give is "—", never a 0 that reads as a fact.

The rule (funnel.metrics.overview.unknown) table-driven, then the Overview and the Channels page
under AppTest on a spend-only workspace and on deals without amounts."""

from __future__ import annotations

from datetime import datetime

import pytest
from streamlit.testing.v1 import AppTest

from funnel.db import Store
from funnel.i18n import t
from funnel.metrics.overview import unknown
from funnel.workspace import create_workspace
from tests.conftest import ROOT, insert, workspace_of

DEALS_AND_PIPELINE = {"won", "lost", "open", "win_rate", "conversion", "revenue", "avg_check", "pipeline"}


@pytest.mark.parametrize(
    "now, has_deals, expected",
    [
        (
            {"leads": 0, "spend": 1000, "won": 0, "lost": 0, "open": 0},
            False,
            DEALS_AND_PIPELINE | {"weighted_pipeline"},
        ),
        ({"leads": 10, "won": 2, "lost": 1, "open": 0, "avg_check": None, "revenue": 0}, True, {"revenue"}),
        ({"won": 0, "lost": 0, "open": 3, "pipeline": 0}, True, {"pipeline", "weighted_pipeline"}),
        ({"won": 2, "lost": 0, "open": 3, "avg_check": 100.0, "revenue": 200, "pipeline": 500}, True, set()),
        ({"won": 0, "lost": 4, "open": 0, "revenue": 0}, True, set()),  # deals, none won: revenue 0 is a fact
        ({"leads": 1, "won": 0, "lost": 0, "open": 0, "revenue": 0}, True, set()),  # a period without deals
        ({"won": 1, "lost": 0, "open": 0, "avg_check": float("nan")}, True, {"revenue"}),  # NaN is missing
    ],
    ids=["spend-only", "won-no-amounts", "open-no-amounts", "complete", "nothing-won", "quiet-period", "nan"],
)
def test_what_the_data_cannot_give(now, has_deals, expected):
    assert unknown(now, has_deals) == expected


def run(app_db, rows_by_kind: dict) -> AppTest:
    workspace_of(app_db, "Partial", rows_by_kind)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.selectbox(key="period_preset").set_value("all_time").run()
    assert not at.exception, at.exception
    return at


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


SPEND = [
    {"channel": "Web", "period": datetime(2026, 3, 1), "amount": 3000},
    {"channel": "Print", "period": datetime(2026, 3, 1), "amount": 1000},
]


def test_spend_only_shows_dashes_not_zero_revenue_or_minus_100_romi(app_db):
    at = run(app_db, {"spend": SPEND})
    m = metrics(at)
    assert m["Расходы"] == "4 000 ₽"
    assert m["Лиды"] == "—"  # no leads loaded at all: not a 0 that reads as a fact
    for label in ("Выигранные сделки", "Оборот", "Открытая воронка", "Взвешенная воронка", "Средний чек"):
        assert m[label] == "—", (label, m)
    # the month table has no column of "0" leads, "0" won and "0 ₽" revenue beside the spend
    assert not any("Месяц" in d.value.columns for d in at.dataframe)  # a lazy tab: drawn when opened
    at.session_state["ov_tab"] = "Таблица"
    at.run()
    months = next(d.value for d in at.dataframe if "Месяц" in d.value.columns)
    assert list(months.columns) == ["Месяц", "Расходы"], list(months.columns)
    assert list(months["Месяц"]) == ["март 2026"] and list(months["Расходы"]) == ["4 000 ₽"]
    at.switch_page("pages/channels.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "ROMI" not in table.columns and "Оборот" not in table.columns, list(table.columns)
    assert "-100 %" not in table.to_string()


def test_deals_without_amounts_show_dashes_for_money(app_db):
    deals = [
        {"deal_id": f"D{i}", "created_at": datetime(2026, 3, 2), "stage": stage, "status": status}
        | ({"closed_at": datetime(2026, 3, 20)} if status != "open" else {})
        for i, (stage, status) in enumerate(
            [("Deal done", "won"), ("Deal done", "won"), ("Lost", "lost")] + [("Proposal under review", "open")] * 4
        )
    ]
    at = run(app_db, {"deals": deals})
    m = metrics(at)
    assert m["Выигранные сделки"] == "2"
    assert m["Оборот"] == "—" and m["Открытая воронка"] == "—", m
    at.switch_page("pages/channels.py").run()
    assert not at.exception
    assert "ROMI" not in at.dataframe[0].value.columns
    # the planner: no amounts, no turnover on either side: a sentence instead of an empty waterfall
    at.switch_page("pages/planner.py").run()
    assert not at.exception, at.exception
    # (the sentence names the lever to type: funnel.model.gaps)
    assert any(i.value == "Путь от базы к плану появится, когда будет оборот: введите средний чек." for i in at.info)
    assert not at.get("plotly_chart")


def test_channel_trend_fills_sums_with_zero_and_leaves_ratios_as_gaps():
    """Web has March and May, no row for April: 0 leads in April, but no CPL there (a gap that
    the line does not bridge)."""
    import pandas as pd

    from ui.views.channels import channel_trend_figure

    df = pd.DataFrame(
        {
            "grp": ["Web", "Web", "Print", "Print", "Print"],
            "month": pd.to_datetime(["2026-03-01", "2026-05-01", "2026-03-01", "2026-04-01", "2026-05-01"]),
            "leads": [10, 4, 1, 2, 3],
            "cpl": [100.0, 250.0, 5.0, 5.0, 5.0],
        }
    )
    web = next(t for t in channel_trend_figure(df, "leads").data if t.name == "Web")
    assert list(web.x) == list(pd.date_range("2026-03-01", periods=3, freq="MS")) and list(web.y) == [10, 0, 4]
    cpl = next(t for t in channel_trend_figure(df, "cpl").data if t.name == "Web")
    assert cpl.y[0] == 100 and cpl.y[2] == 250 and pd.isna(cpl.y[1]) and cpl.connectgaps is False


@pytest.mark.parametrize(
    ("n", "dtick"), [(3, "M1"), (4, "M1"), (6, "M1"), (12, "M1"), (13, "M2"), (24, "M2"), (36, "M3"), (60, "M6")]
)
def test_month_axes_are_labelled_as_months(n, dtick):
    """A trend's x axis names months, the month over its year ("май" / "2026"): Plotly's own
    labels for half a year read "1 май". At a desktop's width every month up to a year's twelve
    (review #16: six months were labelled every other one, at most four labels whatever the
    screen); a longer span every second, third … month, twelve labels at most. A phone keeps
    fewer (test_month_labels_fit_a_phone_plot)."""
    import math

    import pandas as pd

    from ui.views.overview import trend_figure

    df = pd.DataFrame({"month": pd.date_range("2025-01-01", periods=n, freq="MS"), "spend": [1.0] * n})
    axis = trend_figure(df).layout.xaxis
    step = int(dtick[1:])  # the labels written here (funnel.charts.month_labels), every step-th month
    assert (axis.tickmode, axis.tickangle) == ("array", 0)
    labels = pd.date_range("2025-01-01", periods=math.ceil(n / step), freq=f"{step}MS")
    assert list(axis.tickvals) == [str(d.date()) for d in labels]
    assert axis.ticktext[0] == "янв.<br>2025" and len(axis.ticktext) == math.ceil(n / step) <= 12


# The widest month labels as Chromium draws them in Source Sans at 13 px (canvas measureText with
# Streamlit's own SourceSansVF font, December 2026): the short names carry CLDR's dot («нояб.», as
# funnel.formatting.month writes them; review #16 found «сент» on a chart beside «сент.» in its table).
DRAWN_WIDTH = {"февр.": 32.9, "нояб.": 31.3, "сент.": 28.7, "2025": 25.8, "Sep": 20.6}


@pytest.mark.parametrize("n", range(1, 61))
def test_month_labels_fit_a_phone_plot(n):
    """However many months, the Overview's labels left on a phone (funnel.charts.phone_months_css:
    the first and every k-th after it) fit ~135 px side by side: at most 4 of them, each one word
    a line ("февр.", "2025"), the widest 32.9 px as drawn, and 135 px ÷ 4 labels = 33.75 px a
    label is the limit. (charts._text_width's upper bound, 0.65 em a letter, is too generous for
    this: «нояб.» would be 37.7 px.)"""
    import math

    from funnel import charts, formatting

    step = int(charts.month_axis(n, charts.TREND_MONTHS)["dtick"][1:])
    k = charts.phone_month_step(n, charts.TREND_MONTHS, charts.MONTH_LABELS)
    labels = math.ceil(math.ceil(n / step) / k)
    assert labels <= 4
    names = set(formatting.month_names("ru")) | set(formatting.month_names("en"))
    widest = max(v for w, v in DRAWN_WIDTH.items() if w in names or w.isdigit())
    assert "февр." in names  # the widest name measured is the one a chart writes
    assert labels * widest <= 135
    css = charts.phone_months_css(".st-key-ov_trend_chart_months", n, charts.TREND_MONTHS, charts.MONTH_LABELS)
    assert (f"nth-child({k}n+1)" in css) if k > 1 else css == ""


def test_leads_only_planner_caption_says_what_the_data_gives(app_db):
    """Leads without deals: the baseline line gives the leads a month and says no deal was won,
    instead of a formula "средний чек — = выручка 0,00 ₽ ÷ 0 сделок с суммой"."""
    leads = [{"lead_id": f"L{i}", "created_at": datetime(2026, 3, 1 + i), "channel": "Web"} for i in range(6)]
    at = run(app_db, {"leads": leads})
    at.switch_page("pages/planner.py").run()
    assert not at.exception, at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("База:"))
    assert "Выигранных сделок за период нет" in caption and "÷ 0 сделок" not in caption, caption
    assert ": 6 за " in caption  # the six leads over the months of the period («Лидов в месяц …: 6 за … мес.»)


def test_the_revenue_axis_has_its_own_round_ticks_from_zero():
    """Overlaid on the deals' axis, the revenue axis followed its grid ("4 290 000, 5 860 000 …")."""
    import pandas as pd

    from ui.views.overview import trend_figure

    df = pd.DataFrame(
        {
            "month": pd.date_range("2025-01-01", periods=3, freq="MS"),
            "leads": [10.0, 12.0, 9.0],
            "won": [2.0, 3.0, 1.0],
            "revenue": [4.3e6, 5.9e6, 7.4e6],
        }
    )
    revenue = trend_figure(df).layout.yaxis3
    assert (revenue.tickmode, revenue.rangemode, revenue.showgrid) == ("auto", "tozero", False)


def test_the_overviews_deal_bars_have_an_axis_of_their_own_not_the_leads():
    """Issue #16: forty deals drawn on the axis of 1 500 leads were invisible. The leads stand in
    the top panel, the won deals in the one below on an axis of their own, revenue on a third."""
    import pandas as pd

    from ui.views.overview import trend_figure

    df = pd.DataFrame(
        {
            "month": pd.date_range("2025-01-01", periods=3, freq="MS"),
            "leads": [1500.0, 1536.0, 1480.0],
            "won": [40.0, 38.0, 42.0],
            "revenue": [4.3e6, 5.9e6, 7.4e6],
        }
    )
    fig = trend_figure(df)
    axis = {trace.name: trace.yaxis for trace in fig.data}
    leads, won, revenue = (axis[t("an.series." + k, "ru")] for k in ("leads", "won", "revenue"))
    assert len({leads, won, revenue}) == 3, axis
    # the deals' panel lies below the leads' (subplot domains do not overlap)
    assert fig.layout[won.replace("y", "yaxis")].domain[1] < fig.layout[leads.replace("y", "yaxis")].domain[0]


def test_lost_reasons_keep_one_colour_on_both_charts_and_stages_read_level():
    """The by-stage chart had its reasons in another order than the by-month one, so a reason
    changed colour between them; its tilted stage names ran into each other."""
    import pandas as pd

    from ui.views.funnel import lost_stage_figure, lost_time_figure

    by_stage = pd.DataFrame(
        {
            "stage": ["A", "A", "B"],
            "reason": ["Дорого", "Нет бюджета", "Дорого"],
            "deals": [3, 2, 1],
            "amount": [1.0] * 3,
        }
    )
    by_month = pd.DataFrame(
        {
            "month": pd.to_datetime(["2026-01-01", "2026-01-01", "2026-02-01"]),
            "reason": ["Нет бюджета", "Юридические условия", "Дорого"],
            "deals": [1, 1, 1],
            "amount": [1.0] * 3,
        }
    )
    left = lost_stage_figure(by_stage, "deals", by_month)
    right = lost_time_figure(by_month, "deals", by_stage)
    colours = lambda fig: {t.name: t.marker.color for t in fig.data}  # noqa: E731
    shared = colours(left).keys() & colours(right).keys()
    assert shared == {"Дорого", "Нет бюджета"}
    assert all(colours(left)[n] == colours(right)[n] for n in shared)
    assert len(set(colours(right).values())) == 3  # three reasons, three colours
    assert all(t.orientation == "h" for t in left.data) and left.layout.yaxis.autorange == "reversed"


def test_funnel_money_is_a_dash_where_no_deal_has_an_amount_and_zero_where_none_reached(app_db):
    """The Funnel page read "₽0" for deals without amounts (stage_funnel.sql coalesced the sum to
    0). By hand: D0 (500 ₽) sits at the first stage; D1, D2 (no amount) at the third; D3 (no
    amount) was lost without history, so it reached the first stage only. First stage: 4 deals,
    500 ₽ known; second and third: 2 deals, no amount among them: "—"; the fourth stage to the
    won one: no deal reached them, 0 ₽ is a fact. Refusals: one lost deal without an amount:
    "—", and no money measure to pick."""
    import json

    day = datetime(2026, 3, 2)
    deals = [
        {"deal_id": "D0", "created_at": day, "stage": "Initial interest", "status": "open", "amount": 500.0},
        {"deal_id": "D1", "created_at": day, "stage": "Proposal under review", "status": "open"},
        {"deal_id": "D2", "created_at": day, "stage": "Proposal under review", "status": "open"},
        {"deal_id": "D3", "created_at": day, "stage": "Lost", "status": "lost", "closed_at": datetime(2026, 3, 9)}
        | {"lost_reason": "Дорого"},
    ]
    # One owner for all: the «В разрезе» tab offers only a breakdown the data has a value of.
    deals = [d | {"owner": "Анна"} for d in deals]
    at = run(app_db, {"deals": deals})
    at.switch_page("pages/funnel.py").run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert list(table["Дошли"]) == ["4", "2", "2", "0", "0", "0"]
    assert list(table["Сумма"]) == ["500 ₽", "—", "—", "0 ₽", "0 ₽", "0 ₽"]
    boxes = next(d for c in at.get("plotly_chart") for d in json.loads(c.proto.spec)["data"] if d["type"] == "funnel")
    money = [text.split("<br>")[1] for text in boxes["text"]]
    assert money == ["500 ₽", "—", "—", "0 ₽", "0 ₽", "0 ₽"], boxes["text"]
    at.session_state["fn_tab"] = "Отказы"
    at.run()
    assert not at.exception, at.exception
    lost = next(d.value for d in at.dataframe if "Причина" in d.value.columns)
    assert list(lost["Сделки"]) == ["1"] and list(lost["Сумма"]) == ["—"]
    # counts alone: the one measure named as text, not a radio of one option (ui.choice, review #16)
    assert not [r for r in at.radio if r.key == "fn_lost_measure"]
    assert "Показатель: **Количество**" in [m.value for m in at.markdown]
    at.session_state["fn_tab"] = "В разрезе"
    at.run()
    assert not at.exception, at.exception
    side = next(d.value for d in at.dataframe if "Дошли" in d.value.columns)
    assert list(side["Сумма"]) == ["500 ₽", "—", "—", "0 ₽", "0 ₽", "0 ₽"], side


def test_a_channel_with_spend_and_no_tracked_leads_reads_dashes_not_minus_100_romi(app_db):
    """The demo's «Радио»: spend, no lead of the workspace from it. By hand, March 2026: Web has
    2 leads, spend 1 000, one won deal of 3 000: CPL 500 ₽, ROMI (3 000 − 1 000) ÷ 1 000 = 200 %.
    Billboards spend 500 and has no lead at any date: leads, CPL, revenue and ROMI "—" (they read
    0, 0 ₽ and −100 %), its spend 500 ₽ stays. Print spends 200 in March and had a lead in
    January: its 0 leads in March are a fact, so its ROMI is −100 %. Totals as before:
    2 leads, spend 1 700 ₽, ROMI (3 000 − 1 700) ÷ 1 700 = 76,5 % (shown whole: 76 %)."""
    leads = [
        {"lead_id": "L1", "created_at": datetime(2026, 3, 3), "channel": "Web"},
        {"lead_id": "L2", "created_at": datetime(2026, 3, 4), "channel": "Web"},
        {"lead_id": "L0", "created_at": datetime(2026, 1, 5), "channel": "Print"},
    ]
    deals = [
        {"deal_id": "D1", "lead_id": "L1", "created_at": datetime(2026, 3, 5), "stage": "Deal done"}
        | {"status": "won", "closed_at": datetime(2026, 3, 20), "amount": 3000.0}
    ]
    spend = [
        {"channel": "Web", "period": datetime(2026, 3, 1), "amount": 1000},
        {"channel": "Billboards", "period": datetime(2026, 3, 1), "amount": 500},
        {"channel": "Print", "period": datetime(2026, 3, 1), "amount": 200},
    ]
    at = run(app_db, {"leads": leads, "deals": deals, "spend": spend})
    at.selectbox(key="period_preset").set_value("custom").run()
    at.date_input(key="period_range").set_value((datetime(2026, 3, 1).date(), datetime(2026, 3, 31).date())).run()
    at.switch_page("pages/channels.py").run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    rows = {r["Канал"]: r for r in table.to_dict("records")}
    radio = rows["Billboards"]
    assert radio["Расходы"] == "500 ₽"
    assert [radio[c] for c in ("Лиды", "CPL", "Выиграно", "Оборот", "ROMI")] == ["—"] * 5, radio
    assert rows["Web"]["Лиды"] == "2" and rows["Web"]["CPL"] == "500 ₽" and rows["Web"]["ROMI"] == "200 %"
    assert rows["Print"]["Лиды"] == "0" and rows["Print"]["ROMI"] == "\u2212100 %"  # a fact, with a true minus
    total = rows["Итого"]
    assert (total["Лиды"], total["Расходы"], total["ROMI"]) == ("2", "1 700 ₽", "76 %"), total
    note = "Лиды канала «Billboards» в данных не отслеживаются"
    assert any(c.value.startswith(note) for c in at.caption), [c.value for c in at.caption]
    # the trend by month (leads first): no line of 0 leads for it; Print's March 0 is a fact
    import json

    trend = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    lines = [d["name"] for spec in trend for d in spec["data"] if d.get("mode") == "lines+markers"]
    assert sorted(lines) == ["Print", "Web"], lines
    at.radio(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    rows = {r["Channel"]: r for r in at.dataframe[0].value.to_dict("records")}
    assert rows["Billboards"]["ROMI"] == "—" and rows["Print"]["ROMI"] == "\u2212100%"
    assert any(c.value.startswith("Leads of “Billboards” are not tracked") for c in at.caption)


@pytest.mark.parametrize(
    ("lang", "title", "axis"), [("ru", "Расходы по месяцам", "Расходы, ₽"), ("en", "Spend by month", "Spend, ₽")]
)
def test_spend_only_overview_chart_is_named_for_the_spend(app_db, lang, title, axis):
    """Screen review #16: a spend-only workspace's chart read «По месяцам» over an axis «Сумма, ₽»:
    it draws nothing but the spend, and says so."""
    import json

    s = Store(app_db)
    with s.transaction() as cur:
        ws = create_workspace(cur, "Spend").id
    insert(s, ws, "spend", SPEND)
    s.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    (spec,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert spec["layout"]["title"]["text"] == title
    assert spec["layout"]["yaxis"]["title"]["text"] == axis


def test_six_months_are_each_labelled_on_the_overview_and_channels(app_db):
    """Screen review #16: six months of spend were labelled every other month at a desktop's
    width. Now every month there; on a phone the Overview keeps every second of its six
    (~135 px between its two value axes), the Channels trend all six (one value axis)."""
    import json

    spend = [{"channel": "Web", "period": datetime(2026, m, 1), "amount": 1000} for m in range(1, 7)]
    s = Store(app_db)
    with s.transaction() as cur:
        ws = create_workspace(cur, "Spend").id
    insert(s, ws, "spend", spend)
    s.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    (spec,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(spec["layout"]["xaxis"]["tickvals"]) == 6
    css = " ".join(h.proto.body for h in at.get("html"))
    # its months lie under its second panel: that axis's ticks are "x2tick"
    assert ".st-key-ov_trend_chart_months .xaxislayer-above > .x2tick:not(:nth-child(2n+1)) text" in css
    at.switch_page("pages/channels.py").run()
    assert not at.exception, at.exception
    trend = next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if "xaxis" in json.loads(c.proto.spec)["layout"] and json.loads(c.proto.spec)["layout"]["xaxis"].get("tickvals")
    )
    assert len(trend["layout"]["xaxis"]["tickvals"]) == 6
    assert "ch_trend_chart_months" not in " ".join(h.proto.body for h in at.get("html"))  # six fit a phone


def test_the_overviews_trend_names_its_deals_won():
    """Deals only (screen review): the Overview's monthly chart drew the won deals under an axis
    «Сделки», read as every deal (the table beside it says «Выиграно», 22); named as the cards
    name them."""
    import pandas as pd

    from ui.views.overview import trend_figure

    df = pd.DataFrame({"month": pd.date_range("2026-05-01", periods=3, freq="MS"), "won": [3, 4, 5]})
    fig = trend_figure(df)
    assert fig.layout.yaxis.title.text == t("an.fig.won", "ru") == "Выигранные сделки"
    assert fig.data[0].name == t("an.fig.won", "ru")
