"""What wins and what loses (funnel.metrics.drivers, funnel.model.shrink, the «drivers» tab).

Figures worked out by hand on small fixtures built here: the shrunk rate is
(won + 10 × overall) ÷ (closed + 10), the ratio is that ÷ overall."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui.text
from funnel import units
from funnel.db import Store
from funnel.filters import Filters
from funnel.i18n import t
from funnel.metrics import drivers
from funnel.model.shrink import beta_cdf, beta_quantile, shrink
from funnel.workspace import create_workspace, list_workspaces
from tests.conftest import DATASETS, ROOT, insert, needs_shared
from tests.helpers.screen import fmt_num, fmt_pct
from tests.ingest.helpers import load_file
from ui.views.time.drivers_text import figure, sentence

MARCH = Filters(workspace_id="", date_from=date(2026, 3, 1), date_to=date(2026, 3, 31))
MAVEN = DATASETS / "crm_sales_opportunities" / "sales_pipeline.csv"


def march(ws: str) -> Filters:
    return Filters(workspace_id=ws, date_from=MARCH.date_from, date_to=MARCH.date_to)


# ---- the Beta function against closed forms -------------------------------------------------
@pytest.mark.parametrize(
    ("q", "a", "b", "expected"),
    [
        pytest.param(0.3, 1, 1, 0.3, id="uniform-quantile-is-q"),
        pytest.param(0.3, 2, 1, math.sqrt(0.3), id="beta-2-1-cdf-is-x-squared"),
        pytest.param(0.3, 1, 3, 1 - 0.7 ** (1 / 3), id="beta-1-3-cdf-is-1-minus-(1-x)-cubed"),
        pytest.param(0.5, 7, 7, 0.5, id="symmetric-median-is-a-half"),
        pytest.param(0.975, 1, 2, 1 - math.sqrt(0.025), id="beta-1-2-upper-tail"),
    ],
)
def test_beta_quantile_matches_closed_forms(q, a, b, expected):
    x = beta_quantile(q, a, b)
    assert x == pytest.approx(expected, abs=1e-9)
    assert beta_cdf(x, a, b) == pytest.approx(q, abs=1e-9)


# ---- one group against the overall rate ------------------------------------------------------
@pytest.mark.parametrize(
    ("won", "closed", "overall", "shrunk", "verdict"),
    [
        # 3 of 3 won: the raw rate 1.0 would say 2×; the prior (10 deals at 0.5) pulls it to 8/13
        pytest.param(3, 3, 0.5, (3 + 5) / 13, "few", id="three-deals-shrunk-strongly-and-not-a-finding"),
        # 40 of 50 against 0.4: (40 + 4) / 60 = 0.733, 1.83× — far above 1
        pytest.param(40, 50, 0.4, 44 / 60, "higher", id="clear-winner"),
        # 5 of 50 against 0.4: (5 + 4) / 60 = 0.15, 0.375×
        pytest.param(5, 50, 0.4, 9 / 60, "lower", id="clear-loser"),
        # 11 of 20 against 0.5: (11 + 5) / 30 = 0.533, 1.07×, the interval holds 1
        pytest.param(11, 20, 0.5, 16 / 30, "unclear", id="interval-contains-one-no-clear-difference"),
        # no deals: the overall rate itself
        pytest.param(0, 0, 0.3, 0.3, "few", id="empty-group-is-the-overall"),
    ],
)
def test_shrink(won, closed, overall, shrunk, verdict):
    s = shrink(won, closed, overall)
    assert s.shrunk == pytest.approx(shrunk)
    assert s.lift == pytest.approx(shrunk / overall)
    assert s.verdict == verdict
    assert s.lift_low < s.lift < s.lift_high
    a, b = won + 10 * overall, closed - won + 10 * (1 - overall)  # the posterior, by hand
    assert beta_cdf(s.lift_low * overall, a, b) == pytest.approx(0.025, abs=1e-9)
    assert beta_cdf(s.lift_high * overall, a, b) == pytest.approx(0.975, abs=1e-9)
    if verdict == "unclear":
        assert s.lift_low < 1 < s.lift_high


def test_three_deals_pull_far_less_than_three_hundred():
    small, large = shrink(3, 3, 0.5), shrink(300, 300, 0.5)
    assert small.lift == pytest.approx(8 / 13 / 0.5) and large.lift == pytest.approx(305 / 310 / 0.5)
    assert small.lift_high - small.lift_low > 5 * (large.lift_high - large.lift_low)


@pytest.mark.parametrize("overall", [0.0, 1.0], ids=["all-lost", "all-won"])
def test_shrink_refuses_an_overall_rate_with_nothing_to_compare(overall):
    with pytest.raises(ValueError, match="overall"):
        shrink(1, 2, overall)


# ---- the query on a hand-made workspace ------------------------------------------------------
DAY = datetime(2026, 3, 10, 10)


def _deal(i: str, won: bool, *, channel=None, owner=None, amount=None, lead=None, closed=DAY) -> dict:
    return {
        "deal_id": i,
        "lead_id": lead,
        "created_at": datetime(2026, 3, 1),
        "stage": "Deal done" if won else "Lost",
        "status": "won" if won else "lost",
        "amount": amount,
        "closed_at": closed,
        "channel": channel,
        "owner": owner,
    }


def _channels(store, ws) -> None:
    """Web: 30 closed, 27 won; Cold: 30, 6 won; Expo: 3, 3 won (63 closed, 36 won: 4/7).
    Deal i of a channel is won when i < its wins, and is Anna's when i is even (Anna 32 deals,
    19 won; Boris 31, 17 won). Outside March: one open deal, one won in April."""
    rows = []
    for channel, n, wins in (("Web", 30, 27), ("Cold", 30, 6), ("Expo", 3, 3)):
        for i in range(n):
            rows.append(_deal(f"{channel}{i}", i < wins, channel=channel, owner="Anna" if i % 2 == 0 else "Boris"))
    rows.append(
        {**_deal("open", True, channel="Web"), "stage": "Initial interest", "status": "open", "closed_at": None}
    )
    rows.append(_deal("april", True, channel="Web", closed=datetime(2026, 4, 2)))
    insert(store, ws, "deals", rows)


def test_channels_and_owners_by_hand(store, ws):
    _channels(store, ws)
    with store.cursor() as cur:
        d = drivers.win_drivers(cur, filters=march(ws))
    assert (d.closed, d.won, d.rate) == (63, 36, pytest.approx(4 / 7))
    ch = d.dimension("channel").set_index("grp")
    p0 = 4 / 7
    for grp, won, closed, verdict in (("Web", 27, 30, "higher"), ("Cold", 6, 30, "lower"), ("Expo", 3, 3, "few")):
        row = ch.loc[grp]
        assert (row["won"], row["closed"], row["verdict"]) == (won, closed, verdict)
        assert row["lift"] == pytest.approx((won + 10 * p0) / (closed + 10) / p0)
    # Expo won all 3: a raw 1.75× shrinks to (3 + 40/7) / 13 ÷ 4/7 = 1.17×
    assert ch.loc["Expo", "win_rate"] == 1.0 and ch.loc["Expo", "lift"] == pytest.approx(61 / 52)
    owners = d.dimension("owner").set_index("grp")
    assert (owners.loc["Anna", "won"], owners.loc["Anna", "closed"]) == (19, 32)
    assert (owners.loc["Boris", "won"], owners.loc["Boris", "closed"]) == (17, 31)
    assert set(owners["verdict"]) == {"unclear"}
    # findings: the two clear channels, strongest evidence first; Expo (3 deals) is never one
    # Cold is the surer: P(direction) 0.9997 against Web's 0.9993 (1.000 and 0.999 to 3 places)
    assert list(d.findings()["grp"]) == ["Cold", "Web"]
    assert d.missing == {"segment": "no_data", "size": "no_data", "speed": "no_data"}
    # the chart's order: clear findings first, few-deal groups last
    assert list(d.dimension("channel")["grp"])[-1] == "Expo"


def _sizes_and_speeds(store, ws) -> None:
    """Ten deals closed in March, amounts 100..800, a NULL and a 0; leads answered after
    30 min, exactly 1 h, 5 h, exactly 24 h, 48 h, 100 h, never; a deal with no lead; a first
    contact before the lead's creation."""
    t0 = datetime(2026, 2, 20, 9)
    contacts = {"L1": 0.5, "L2": 1, "L3": 5, "L4": 24, "L5": 48, "L6": 100, "L7": None, "L9": -2, "L10": 0.5}
    leads = [
        {"lead_id": k, "created_at": t0, "first_contact_at": None if h is None else t0 + timedelta(hours=h)}
        for k, h in contacts.items()
    ]
    insert(store, ws, "leads", leads)
    spec = [  # deal, won, amount, lead
        ("D1", True, 100, "L1"),
        ("D2", True, 200, "L2"),
        ("D3", False, 300, "L3"),
        ("D4", True, 400, "L4"),
        ("D5", False, 500, "L5"),
        ("D6", False, 600, "L6"),
        ("D7", False, 700, "L7"),
        ("D8", True, 800, None),
        ("D9", False, None, "L9"),
        ("D10", True, 0, "L10"),
    ]
    insert(store, ws, "deals", [_deal(i, w, amount=a, lead=lead, channel="Web") for i, w, a, lead in spec])


def test_size_bands_and_speed_buckets_by_hand(store, ws):
    _sizes_and_speeds(store, ws)
    with store.cursor() as cur:
        d = drivers.win_drivers(cur, filters=march(ws))
    assert (d.closed, d.won) == (10, 5)
    # quartiles of 100..800 (linear): 100 + 1.75 × 100, the midpoint, 100 + 5.25 × 100
    assert d.cuts == (275.0, 450.0, 625.0)
    size = d.dimension("size")
    assert list(zip(size["grp"], size["closed"], size["won"], strict=True)) == [
        ("b1", 2, 2),  # 100, 200
        ("b2", 2, 1),  # 300, 400
        ("b3", 2, 0),  # 500, 600
        ("b4", 2, 1),  # 700, 800
        ("none", 2, 1),  # no amount, and 0
    ]
    speed = d.dimension("speed")
    assert list(zip(speed["grp"], speed["closed"], speed["won"], strict=True)) == [
        ("hour", 3, 3),  # 30 min, exactly 1 h, and D10's 30 min
        ("day", 2, 1),  # 5 h, exactly 24 h
        ("days3", 1, 0),  # 48 h
        ("later", 1, 0),  # 100 h
        ("never", 1, 0),
    ]
    assert d.speed_left_out == 2  # D8 has no lead; D9's contact came before its lead
    assert d.amount_known == (pytest.approx(4 / 5), pytest.approx(4 / 5)) and not d.sizes_lopsided
    bands = d.groups[d.groups["dimension"].isin(("size", "speed"))]
    assert set(bands["verdict"]) <= {"few", "none"}  # groups of 1–3 deals: no finding


def _raw(rows) -> pd.DataFrame:
    return pd.DataFrame(
        [(dim, g, n, w, 10.0, 20.0, 30.0) for dim, g, n, w in rows],
        columns=["dimension", "grp", "closed", "won", "c1", "c2", "c3"],
    )


@pytest.mark.parametrize(
    ("rows", "check"),
    [
        pytest.param([], lambda d: d.closed == 0 and math.isnan(d.rate) and len(d.missing) == 5, id="no-closed-deals"),
        pytest.param(
            [("channel", "A", 4, 4), ("channel", "B", 6, 6)],
            lambda d: d.groups["lift"].isna().all() and set(d.groups["verdict"]) == {"none"},
            id="every-deal-won-no-ratio",
        ),
        pytest.param(
            # won deals all priced, lost deals none: the bands would compare won with unpriced lost
            [("channel", "A", 40, 20), ("size", "b1", 10, 10), ("size", "b2", 10, 10), ("size", "none", 20, 0)],
            lambda d: (
                d.sizes_lopsided and d.amount_known == (1.0, 0.0) and set(d.dimension("size")["verdict"]) == {"none"}
            ),
            id="amounts-only-on-won-deals-give-no-size-finding",
        ),
        pytest.param(
            [("channel", "A", 40, 20), ("owner", "Anna", 40, 20), ("segment", "unknown", 40, 20)],
            lambda d: (
                d.missing
                == {
                    "channel": "one_group",
                    "owner": "one_group",
                    "segment": "no_data",
                    "size": "no_data",
                    "speed": "no_data",
                }
            ),
            id="one-owner-and-no-segment-are-said",
        ),
    ],
)
def test_summarise_edges(rows, check):
    assert check(drivers.summarise(_raw(rows)))


def test_findings_equally_sure_go_by_how_far_the_interval_lies_from_one():
    # overall 1 000 of 2 000 = 0.5; A 450 of 500 (about 1.8×), B 50 of 500 (about 0.2×): both
    # certain of their direction; 0.2× lies further from 1× than 1.8× on a ratio scale (5× vs 1.8×)
    d = drivers.summarise(_raw([("channel", "A", 500, 450), ("channel", "B", 500, 50), ("channel", "C", 1000, 500)]))
    assert list(d.findings()["grp"]) == ["B", "A"]
    assert list(d.dimension("channel")["grp"]) == ["B", "A", "C"]  # C: exactly the average


def test_every_figure_has_a_unit(store, ws):
    _channels(store, ws)
    with store.cursor() as cur:
        d = drivers.win_drivers(cur, filters=march(ws))
    figures = [c for c in d.groups.columns if c not in ("dimension", "grp", "verdict", "order")]
    assert {units.unit(c) for c in figures} == {"count", "share", "index"}


# ---- the words and the chart (ui.views.time.drivers_text) ------------------------------------
@pytest.mark.parametrize(
    ("lang", "won", "closed", "expected"),
    [
        # A: 40 of 50 against 50/103 overall — (40 + 10 × 50/103) ÷ 60 ÷ (50/103)
        pytest.param(
            "en",
            40,
            50,
            "Deals from channel “A” win {lift}× as often as the average deal (almost surely",
            id="en-higher",
        ),
        pytest.param(
            "ru",
            40,
            50,
            "Сделки из канала «A» выигрывают в {lift} раза чаще, чем в среднем (почти наверняка от",
            id="ru-higher",
        ),
        pytest.param("ru", 1, 1, "Сделки из канала «A»: слишком мало сделок для вывода (1 сделка)", id="ru-one-deal"),
        pytest.param("en", 1, 1, "Deals from channel “A”: too few deals to say (1 deal)", id="en-one-deal"),
        pytest.param(
            "ru", 2, 3, "Сделки из канала «A»: слишком мало сделок для вывода (3 сделки)", id="ru-three-deals"
        ),
    ],
)
def test_sentence(monkeypatch, lang, won, closed, expected):
    monkeypatch.setattr(ui.text, "lang", lambda: lang)
    rest = 103 - closed
    d = drivers.summarise(_raw([("channel", "A", closed, won), ("channel", "B", rest, 50 - won)]))
    row = d.dimension("channel").set_index("grp").loc["A"].copy()
    row["grp"] = "A"
    p0 = 50 / 103
    lift = fmt_num((won + 10 * p0) / (closed + 10) / p0, lang, 2)
    assert sentence(row, d.cuts).startswith(expected.format(lift=lift))


def test_chart_draws_each_interval_and_a_line_at_one():
    d = drivers.summarise(_raw([("channel", "A", 50, 40), ("channel", "B", 50, 10), ("channel", "C", 3, 3)]))
    part = d.dimension("channel")
    fig = figure(part, "channel", d.cuts)
    drawn = part.iloc[::-1]  # the first group on top
    assert list(fig.data[0].x) == pytest.approx(list(drawn["lift"]))
    assert list(fig.data[0].error_x.array) == pytest.approx(list(drawn["lift_high"] - drawn["lift"]))
    assert list(fig.data[0].error_x.arrayminus) == pytest.approx(list(drawn["lift"] - drawn["lift_low"]))
    assert fig.layout.shapes[0].x0 == 1 and fig.layout.shapes[0].x1 == 1
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text


# ---- the Maven CRM pipeline (../shared) -------------------------------------------------------
@needs_shared(MAVEN)
def test_maven_pipeline(store, ws):
    """Maven's deals map sales_agent → owner and product → segment (there is no channel, no
    lead and no sector in sales_pipeline.csv). 6 711 closed: 4 238 won, 2 473 lost; a lost
    deal's close_value is 0, so size gives no finding."""
    load_file(store, ws, MAVEN, "deals")
    with store.cursor() as cur:
        d = drivers.win_drivers(cur, filters=Filters(ws))
    assert (d.closed, d.won) == (6711, 4238)
    assert d.missing == {"channel": "no_data", "speed": "no_data"} and d.speed_left_out == 6711
    assert d.sizes_lopsided and d.amount_known == (1.0, 0.0)
    owners = d.dimension("owner").set_index("grp")
    p0 = 4238 / 6711
    # Maureen Marcano: 149 of 213 won (70 %) against 63 %
    row = owners.loc["Maureen Marcano"]
    assert (row["won"], row["closed"]) == (149, 213)
    assert row["lift"] == pytest.approx((149 + 10 * p0) / 223 / p0)
    assert row["verdict"] == "higher" and row["lift_low"] > 1
    assert owners.loc["Lajuana Vencill", "verdict"] == "lower"  # 127 of 231 (55 %)
    assert set(d.dimension("segment")["verdict"]) <= {"unclear", "few"}  # no product stands out


@needs_shared(MAVEN)
def test_maven_by_sector(store, ws, tmp_path):
    """The sector lives in accounts.csv: joined to the deals by account, it is loaded as the
    segment. Every closed deal has an account; no sector stands out (every interval holds 1)."""
    deals = pd.read_csv(MAVEN).merge(pd.read_csv(MAVEN.parent / "accounts.csv")[["account", "sector"]], on="account")
    path = tmp_path / "pipeline_with_sector.csv"
    deals.drop(columns=["product"]).to_csv(path, index=False)
    columns = {"deal_id": "opportunity_id", "created_at": "engage_date", "stage": "deal_stage"}
    columns |= {"amount": "close_value", "closed_at": "close_date", "owner": "sales_agent", "segment": "sector"}
    load_file(store, ws, path, "deals", mapping=columns)
    with store.cursor() as cur:
        d = drivers.win_drivers(cur, filters=Filters(ws))
    sectors = d.dimension("segment").set_index("grp")
    assert sectors["closed"].sum() == 6711 and len(sectors) == 10
    assert set(sectors["verdict"]) == {"unclear"}
    assert (sectors.loc["retail", "won"], sectors.loc["retail", "closed"]) == (799, 1267)
    p0 = 4238 / 6711
    assert sectors.loc["retail", "lift"] == pytest.approx((799 + 10 * p0) / 1277 / p0)


# ---- the tab on the demo ----------------------------------------------------------------------
def _tab(lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.switch_page("pages/time.py").run()
    at.selectbox(key="period_preset").set_value("all_time").run()
    at.session_state["tm_tab"] = t("tm.tab.drivers", lang)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(
    ("lang", "times", "closed"),
    [("ru", "раза чаще", "Закрыто сделок"), ("en", "× as often", "Deals closed")],
)
def test_tab_on_the_demo(demo_app_db, lang, times, closed):
    at = _tab(lang)
    store = Store(demo_app_db)
    try:
        demo = next(w for w in store_spaces(store) if w.is_demo)
        with store.cursor() as cur:
            d = drivers.win_drivers(cur, filters=Filters(demo.id))
    finally:
        store.close()
    shown = {m.label: m.value for m in at.metric}
    assert shown[closed] == fmt_num(d.closed, lang)
    assert fmt_pct(d.rate, lang) in shown.values()
    text = "\n".join(m.value for m in at.markdown)
    top = d.findings().iloc[0]
    assert fmt_num(top["lift"], lang, 2) in text and times in text  # the strongest finding, worded
    at.radio(key="tm_drivers_dim").set_value("size").run()
    assert not at.exception, at.exception
    assert not at.dataframe, "only the chart is drawn up front"
    at.button_group(key="tm_drivers_part").set_value("table").run()  # the table is a part of its own
    assert at.radio(key="tm_drivers_dim").value == "size"
    table = at.dataframe[0].value
    assert list(table.iloc[:, 1]) == [fmt_num(n, lang) for n in d.dimension("size")["closed"]]


def _own_app(app_db, load) -> AppTest:
    """The app on a workspace of its own (chosen over the demo, as tests/analytics does), on March 2026."""
    s = Store(app_db)
    with s.transaction() as cur:
        ws = create_workspace(cur, "Test").id
    load(s, ws)
    s.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/time.py").run()
    at.selectbox(key="period_preset").set_value("custom").run()
    at.date_input(key="period_range").set_value((MARCH.date_from, MARCH.date_to)).run()
    at.session_state["tm_tab"] = t("tm.tab.drivers", "ru")
    at.run()
    assert not at.exception, at.exception
    return at


def _leads_only(store, ws) -> None:
    insert(store, ws, "leads", [{"lead_id": "L1", "created_at": DAY, "channel": "Web"}])


def test_tab_on_deals_only_says_what_is_missing(app_db):
    at = _own_app(app_db, _channels)
    shown = {m.label: m.value for m in at.metric}
    assert (shown["Закрыто сделок"], shown["Из них выиграно"]) == ("63", "36")
    assert shown["Доля побед"] == fmt_pct(36 / 63, "ru")
    text = "\n".join(m.value for m in at.markdown)
    lift = fmt_num((27 + 10 * 4 / 7) / 40 / (4 / 7), "ru", 2)  # Web: 27 of 30 against 4/7
    assert f"«Web» выигрывают в {lift} раза чаще" in text and "«Cold» выигрывают реже" in text
    assert "Expo" not in text  # 3 deals: shown, never a finding
    captions = " ".join(c.value for c in at.caption)
    assert "Сегмент, Сумма сделки, Скорость первого ответа" in captions
    assert at.radio(key="tm_drivers_dim").options == ["Канал", "Менеджер"]


def test_tab_on_leads_only_says_there_are_no_closed_deals(app_db):
    at = _own_app(app_db, _leads_only)
    assert any("нет сделок" in i.value for i in at.info)  # none in the workspace: no other period helps
    assert not at.metric


def store_spaces(store):
    with store.cursor() as cur:
        return list_workspaces(cur)
