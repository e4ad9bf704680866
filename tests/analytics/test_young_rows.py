"""Screen review #16: the Channels drill-down showed ROMI −100 % for a campaign whose leads were
all younger than the conversion window, while the page said such leads were too young to judge.
A row whose every lead in the period is younger than the window (funnel.metrics.channels.young)
reads "—" for its conversion, CAC, ROMI and ДРР, in the channel table and its drill-down alike.

Data by hand, one channel Web, period 01.01–31.03.2026, the window set to 30 days:
- campaign Old: 4 leads on 10.01 (owner Ann), 200 spent in January; lead O0 won 1 000 on 20.01;
- campaign New: 5 leads on 20.03 (owner Bob), 500 spent in March; nothing won.
The data's last day is 20.03 (the newest lead), so leads created after 18.02 are younger than
the window: New's five are, Old's four are not."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest
from streamlit.testing.v1 import AppTest

from funnel.access import CLI_USER
from funnel.cli.report import compute
from funnel.db import Store
from funnel.filters import Filters
from funnel.i18n import t
from funnel.metrics import channels, maturity
from funnel.metrics.cohorts import cohort_maturity
from tests.conftest import ROOT, workspace_of

pytestmark = pytest.mark.filterwarnings("ignore")

OLD = {"channel": "Web", "campaign": "Old", "owner": "Ann"}
NEW = {"channel": "Web", "campaign": "New", "owner": "Bob"}
LEADS = [{"lead_id": f"O{i}", "created_at": datetime(2026, 1, 10)} | OLD for i in range(4)] + [
    {"lead_id": f"N{i}", "created_at": datetime(2026, 3, 20)} | NEW for i in range(5)
]
DEALS = [
    {"deal_id": "D1", "lead_id": "O0", "created_at": datetime(2026, 1, 12), "stage": "Deal done", "status": "won"}
    | {"amount": 1000, "closed_at": datetime(2026, 1, 20)}
]
SPEND = [
    {"channel": "Web", "campaign": "Old", "period": date(2026, 1, 1), "amount": 200},
    {"channel": "Web", "campaign": "New", "period": date(2026, 3, 1), "amount": 500},
]
QUARTER = (date(2026, 1, 1), date(2026, 3, 31))


def _built(path, name: str, leads, deals, spend) -> str:
    """A workspace ``name`` of these rows with a conversion window of 30 days."""
    ws = workspace_of(path, name, {"leads": leads, "deals": deals, "spend": spend})
    s = Store(path)
    with s.transaction() as cur:
        maturity.set_window(cur, ws, 30, actor=CLI_USER)
    s.close()
    return ws


def _workspace(path) -> str:
    return _built(path, "Young", LEADS, DEALS, SPEND)


def by_grp(df):
    return {("TOTAL" if r["is_total"] else r["grp"]): r for r in df.to_dict(orient="records")}


def nan(x):
    return x is None or (isinstance(x, float) and math.isnan(x))


@pytest.mark.parametrize("attribution", ["period", "cohort"])
def test_a_campaign_younger_than_the_window_has_no_romi_yet(tmp_path, attribution):
    ws = _workspace(tmp_path / "db.duckdb")
    s = Store(tmp_path / "db.duckdb")
    quarter = Filters(ws, *QUARTER)
    try:
        with s.snapshot() as cur:
            assert maturity.mature_until(cur, ws) == date(2026, 2, 18)  # 20.03 − 30 days
            drill = by_grp(channels.channel_table(cur, filters=quarter.with_(channels=("Web",)), by="campaign"))
            whole = by_grp(channels.channel_table(cur, filters=quarter, attribution=attribution))
            owners = by_grp(channels.channel_table(cur, filters=quarter, by="owner"))
            early = by_grp(channels.channel_table(cur, filters=Filters(ws, date(2026, 1, 1), date(2026, 2, 18))))
            drill_cohort = by_grp(
                channels.channel_table(
                    cur, filters=quarter.with_(channels=("Web",)), attribution="cohort", by="campaign"
                )
            )
    finally:
        s.close()
    old, new, total = drill["Old"], drill["New"], drill["TOTAL"]
    # Old: (1 000 − 200) ÷ 200 = 400 %; conversion 1 of 4
    assert not old["young"] and old["romi"] == pytest.approx(4.0) and old["conversion"] == pytest.approx(0.25)
    # New: 5 leads and 500 spent are facts (CPL 100); what the 500 returned is not known yet
    assert new["young"] and (new["leads"], new["spend"], new["cpl"]) == (5, 500, 100)
    assert all(nan(new[k]) for k in channels.YOUNG_FIGURES), new  # it read ROMI −100 %, conversion 0
    # nothing won yet: its turnover is no return to tell either ("—", it read «0 ₽» beside ROMI "—");
    # Old's 1 000 won is a fact
    assert nan(new["revenue"]) and old["revenue"] == 1_000
    # the total keeps the whole quarter: (1 000 − 700) ÷ 700
    assert not total["young"] and total["romi"] == pytest.approx(300 / 700)
    # by cohort New counts no lead (all maturing), and its ROMI is unknown there too
    assert drill_cohort["New"]["young"] and nan(drill_cohort["New"]["romi"])
    # an owner's row has no spend (no ROMI), but the same rule: Bob's 0 of 5 is not a conversion yet
    assert owners["Bob"]["young"] and nan(owners["Bob"]["conversion"]) and owners["Bob"]["leads"] == 5
    assert not owners["Ann"]["young"] and owners["Ann"]["conversion"] == pytest.approx(0.25)
    # one rule for the channel table: Web has Old's mature leads, so it is not young
    assert not whole["Web"]["young"] and not nan(whole["Web"]["romi"])
    # a period that ends by the window's last mature day has nothing young in it
    assert not early["Web"]["young"] and early["Web"]["romi"] == pytest.approx(4.0)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_drill_down_shows_a_dash_and_says_why(app_db, lang):
    _workspace(app_db)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/channels.py").run()  # the last 12 months to 20.03.2026: the whole quarter
    assert not at.exception, at.exception
    # the drill-down into Web (the only channel) by campaign, the first breakdown offered
    drill = next(d.value for d in at.dataframe if list(d.value.columns)[:1] == [t("an.dim.campaign", lang)])
    romi = dict(zip(drill.iloc[:, 0], drill["ROMI"], strict=True))
    assert romi["New"] == "—" and romi["Old"] == ("400 %" if lang == "ru" else "400%")
    turnover = dict(zip(drill.iloc[:, 0], drill[t("an.col.revenue", lang)], strict=True))
    assert turnover["New"] == "—" and turnover["Old"] != "—"  # 0 won while young: «—», not «0 ₽»
    said = [c.value for c in at.caption if "New" in c.value]
    quote = "«New»" if lang == "ru" else "“New”"
    # by campaign, the campaigns' words (all or most of its leads young: nums13)
    assert said and quote in said[0] and t("an.ch.young_campaign", lang, n=1, names=quote) == said[0]


# Code review of the rule (young11). March 2026, the window 30 days; the data's last day 20.03, so
# leads created after 18.02 are young:
# - Web: lead W0 of 01.12.2025 won 5 000 on 10.03; five leads W1..W5 on 20.03; 1 000 spent in March;
# - Ads: lead A0 of 01.12.2025 won 5 000 on 10.03; 1 000 spent in March; no lead in March;
# - Fresh: four leads on 20.03, no deal, no spend.
# By period (deals dated by their closing day) Web's March is 5 leads, 1 won, 5 000 returned on
# 1 000: conversion 1 ÷ 5 = 20 %, CAC 1 000, ROMI (5 000 − 1 000) ÷ 1 000 = 400 %, ДРР 20 %, as Ads
# (no leads: no conversion). Its fresh leads took nothing from the 5 000. Fresh: 0 of 4 is no
# conversion yet. Total: 2 of 9, ROMI (10 000 − 2 000) ÷ 2 000 = 400 %.
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
SPRING_LEADS = [
    {"lead_id": "W0", "created_at": datetime(2025, 12, 1), "channel": "Web"},
    {"lead_id": "A0", "created_at": datetime(2025, 12, 1), "channel": "Ads"},
    *({"lead_id": f"W{i}", "created_at": datetime(2026, 3, 20), "channel": "Web"} for i in range(1, 6)),
    *({"lead_id": f"F{i}", "created_at": datetime(2026, 3, 20), "channel": "Fresh"} for i in range(4)),
]
SPRING_DEALS = [
    {"deal_id": f"D{x}", "lead_id": f"{x}0", "created_at": datetime(2025, 12, 5), "stage": "Deal done"}
    | {"status": "won", "amount": 5000, "closed_at": datetime(2026, 3, 10)}
    for x in ("W", "A")
]
SPRING_SPEND = [{"channel": ch, "period": date(2026, 3, 1), "amount": 1000} for ch in ("Web", "Ads")]


def _spring(path) -> str:
    return _built(path, "Spring", SPRING_LEADS, SPRING_DEALS, SPRING_SPEND)


def test_a_young_row_with_revenue_in_the_period_keeps_its_romi(tmp_path):
    ws = _spring(tmp_path / "db.duckdb")
    s = Store(tmp_path / "db.duckdb")
    march = Filters(ws, *MARCH)
    try:
        with s.snapshot() as cur:
            assert maturity.mature_until(cur, ws) == date(2026, 2, 18)
            period = by_grp(channels.channel_table(cur, filters=march, attribution="period"))
            cohort = by_grp(channels.channel_table(cur, filters=march, attribution="cohort"))
            report = {r["channel"]: r for r in compute(cur, "channels", march, "period").to_dict(orient="records")}
    finally:
        s.close()
    web, ads, fresh, total = period["Web"], period["Ads"], period["Fresh"], period["TOTAL"]
    # Web's 5 000 was won in March from a December lead: a real return beside its fresh leads
    assert not web["young"] and (web["leads"], web["won"], web["spend"], web["revenue"]) == (5, 1, 1000, 5000)
    assert web["romi"] == pytest.approx(4.0) and web["cac"] == pytest.approx(1000) and web["drr"] == pytest.approx(0.2)
    assert web["conversion"] == pytest.approx(0.2)  # it read "—": ROMI, CAC and ДРР too
    assert web["romi"] == ads["romi"] and web["cac"] == ads["cac"] and not ads["young"]  # as a channel without them
    # Fresh won nothing: its 0 of 4 comes from the young leads alone
    assert fresh["young"] and fresh["leads"] == 4 and all(nan(fresh[k]) for k in channels.YOUNG_FIGURES)
    assert total["romi"] == pytest.approx(4.0) and total["conversion"] == pytest.approx(2 / 9)
    # by cohort March counts only mature leads with their deals: Web wins nothing of March's leads
    assert cohort["Web"]["young"] and nan(cohort["Web"]["romi"]) and cohort["Web"]["won"] == 0
    # the CLI report reads the same rule
    assert report["Web"]["romi"] == pytest.approx(4.0) and nan(report["Fresh"]["conversion"])


@pytest.mark.parametrize("attribution", ["period", "cohort"])
def test_the_changes_table_blanks_what_the_economics_table_blanks(tmp_path, attribution):
    ws = _spring(tmp_path / "db.duckdb")
    s = Store(tmp_path / "db.duckdb")
    march = Filters(ws, *MARCH)
    try:
        with s.snapshot() as cur:
            econ = by_grp(channels.channel_table(cur, filters=march, attribution=attribution))
            changes = by_grp(channels.channel_changes(cur, filters=march, attribution=attribution))
    finally:
        s.close()
    for g, row in econ.items():  # the same figure, or "—" in both
        now = changes[g]["conversion_now"]
        assert nan(row["conversion"]) == nan(now) and (nan(now) or row["conversion"] == pytest.approx(now)), g
    if attribution == "cohort":  # March's leads are all young: none counted, nor Fresh's row
        assert set(econ) == set(changes) == {"Web", "Ads", "TOTAL"}
        return
    assert set(econ) == set(changes) == {"Web", "Ads", "Fresh", "TOTAL"}
    # Fresh: 0 of 4 young leads is no conversion yet, in both tables (the changes read 0.0)
    assert nan(econ["Fresh"]["conversion"]) and nan(changes["Fresh"]["conversion_now"])
    assert nan(changes["Fresh"]["conversion_mom"]) and changes["Fresh"]["leads_now"] == 4
    assert changes["Web"]["conversion_now"] == pytest.approx(0.2)
    assert changes["TOTAL"]["conversion_now"] == pytest.approx(2 / 9)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_changes_table_on_screen_shows_a_dash_for_young_leads(app_db, lang):
    # one Web lead of February 2025, before the twelve months: the previous period has data, so
    # the changes table is drawn (with nothing to compare it gives way to a note: scench12)
    before = {"lead_id": "W-old", "created_at": datetime(2025, 2, 3), "channel": "Web"}
    _built(app_db, "Spring", [*SPRING_LEADS, before], SPRING_DEALS, SPRING_SPEND)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at = at.switch_page("pages/channels.py").run()  # the last 12 months to 20.03.2026, by period
    assert not at.exception, at.exception
    at.radio(key="ch_changes_figure").set_value("conversion").run()
    assert not at.exception, at.exception
    now = f"{t('an.col.conversion', lang)}: {t('an.col.now', lang)}"
    table = next(d.value for d in at.dataframe if now in d.value.columns)
    shown = dict(zip(table.iloc[:, 0], table[now], strict=True))
    # Fresh's four leads are all young and won nothing: "—" (it said 0 %), as the economics
    # table's conversion (test_the_changes_table_blanks_what_the_economics_table_blanks)
    assert shown["Fresh"] == "—"
    # the twelve months to 20.03: Web 1 won of 6 leads, Ads 1 of 1, in all 2 of 11
    ru = {"Web": "16,7 %", "Ads": "100,0 %", "Итого": "18,2 %"}
    en = {"Web": "16.7%", "Ads": "100.0%", "Total": "18.2%"}
    assert {g: v for g, v in shown.items() if g != "Fresh"} == (ru if lang == "ru" else en)


# Screen review #16 (nums13): on the demo «VK Реклама 2026-09», its leads mostly younger than the
# window and one deal won, showed ROMI 5 % beside «VK Реклама 2026-10»'s "—"; «VK Реклама 2025-09»
# read «Лиды 0, Выиграно 2» with no word on where the deals came from. The quarter to 31.03.2026,
# the window 30 days, the data's last day 20.03 (leads after 18.02 are young), channel Web:
# - campaign Sep: lead S0 on 10.02 (mature), S1 and S2 on 20.03 (young); S1 won 1 050 on 20.03;
#   1 000 spent in March. 2 of 3 leads young: its ROMI (1 050 − 1 000) ÷ 1 000 = 5 % is the first
#   deal of a campaign, not its return: "—", as a campaign that won nothing;
# - campaign Half: H0 on 10.01, H1 on 20.03: 1 of 2 young: young too (a campaign is young from a
#   quarter of its leads inside the window on: channels.YOUNG_SHARE), its conversion 0 of 2 is "—";
# - campaign Autumn: lead A0 of 10.03.2025, before the twelve months, won 3 000 on 15.01.2026:
#   0 leads and 1 won in the period, from a lead created before it.
# As a channel Web is not young: 3 of its 5 leads are, not all, and it won in the period.
BATCH = {"channel": "Web"}
BATCH_LEADS = [
    {"lead_id": "S0", "created_at": datetime(2026, 2, 10), "campaign": "Sep"} | BATCH,
    *({"lead_id": f"S{i}", "created_at": datetime(2026, 3, 20), "campaign": "Sep"} | BATCH for i in (1, 2)),
    {"lead_id": "H0", "created_at": datetime(2026, 1, 10), "campaign": "Half"} | BATCH,
    {"lead_id": "H1", "created_at": datetime(2026, 3, 20), "campaign": "Half"} | BATCH,
    {"lead_id": "A0", "created_at": datetime(2025, 3, 10), "campaign": "Autumn"} | BATCH,
]
BATCH_DEALS = [
    {"deal_id": "DS", "lead_id": "S1", "created_at": datetime(2026, 3, 20), "stage": "Deal done", "status": "won"}
    | {"amount": 1050, "closed_at": datetime(2026, 3, 20)},
    {"deal_id": "DA", "lead_id": "A0", "created_at": datetime(2025, 3, 12), "stage": "Deal done", "status": "won"}
    | {"amount": 3000, "closed_at": datetime(2026, 1, 15)},
]
BATCH_SPEND = [{"channel": "Web", "campaign": "Sep", "period": date(2026, 3, 1), "amount": 1000}]


def test_a_campaign_mostly_younger_than_the_window_has_no_romi_whatever_it_won(tmp_path):
    ws = _built(tmp_path / "db.duckdb", "Batches", BATCH_LEADS, BATCH_DEALS, BATCH_SPEND)
    s = Store(tmp_path / "db.duckdb")
    quarter = Filters(ws, *QUARTER)
    try:
        with s.snapshot() as cur:
            assert maturity.mature_until(cur, ws) == date(2026, 2, 18)
            df = channels.channel_table(cur, filters=quarter.with_(channels=("Web",)), by="campaign")
            web = by_grp(channels.channel_table(cur, filters=quarter))["Web"]
    finally:
        s.close()
    drill = by_grp(df)
    sep, half, autumn = drill["Sep"], drill["Half"], drill["Autumn"]
    assert (sep["leads"], sep["won"], sep["spend"], sep["revenue"]) == (3, 1, 1000, 1050)
    assert sep["young"] and all(nan(sep[k]) for k in channels.YOUNG_FIGURES), sep  # it read ROMI 5 %
    assert half["young"] and nan(half["conversion"])  # 1 of 2 young: it read 0 % (the rule was «most»)
    assert not web["young"] and web["romi"] == pytest.approx((1050 + 3000 - 1000) / 1000)  # a channel runs on
    assert (autumn["leads"], autumn["won"]) == (0, 1)
    assert dict(zip(df["grp"].fillna("TOTAL"), channels.earlier_rows(df), strict=True)) == {
        "Sep": False,
        "Half": False,
        "Autumn": True,
        "TOTAL": False,
    }


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_drill_down_says_why_a_campaign_is_young_and_where_deals_of_no_leads_came_from(app_db, lang):
    _built(app_db, "Batches", BATCH_LEADS, BATCH_DEALS, BATCH_SPEND)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/channels.py").run()  # the last 12 months to 20.03.2026
    assert not at.exception, at.exception
    drill = next(d.value for d in at.dataframe if list(d.value.columns)[:1] == [t("an.dim.campaign", lang)])
    romi = dict(zip(drill.iloc[:, 0], drill["ROMI"], strict=True))
    assert romi["Sep"] == "—"
    q = (lambda n: f"«{n}»") if lang == "ru" else (lambda n: f"“{n}”")
    said = [c.value for c in at.caption]
    assert t("an.ch.young_campaign", lang, n=2, names=f"{q('Sep')}, {q('Half')}") in said
    assert t("an.ch.earlier", lang, won=1, names=q("Autumn")) in said


# The review of issue #16: on the demo «VK Реклама 2026-08» read ROMI −100 %: 138 of its 296 leads
# were younger than the window, not most, so the campaign was judged while the cohort tab called
# August young. A campaign is young from a quarter of its leads inside the window on
# (channels.YOUNG_SHARE). By hand, channel Web, the window 30 days, the data's last day 20.03
# (young after 18.02):
# - campaign Aug: A0, A1, A2 on 10.02 (mature), A3 on 20.03 (young): 1 of 4 young, a quarter; 400 spent in
#   February; nothing won. Judged, it read ROMI (0 − 400) ÷ 400 = −100 % and conversion 0 of 4;
# - campaign Jan: J0, J1 on 10.01 (both mature), 100 spent in January, nothing won: its −100 % is
#   a return that is known (every lead had its window), and it stays.
PART_LEADS = [
    *({"lead_id": f"A{i}", "created_at": datetime(2026, 2, 10), "campaign": "Aug"} | BATCH for i in range(3)),
    {"lead_id": "A3", "created_at": datetime(2026, 3, 20), "campaign": "Aug"} | BATCH,
    *({"lead_id": f"J{i}", "created_at": datetime(2026, 1, 10), "campaign": "Jan"} | BATCH for i in range(2)),
]
PART_SPEND = [
    {"channel": "Web", "campaign": "Aug", "period": date(2026, 2, 1), "amount": 400},
    {"channel": "Web", "campaign": "Jan", "period": date(2026, 1, 1), "amount": 100},
]


def test_a_campaign_with_a_quarter_of_its_leads_younger_than_the_window_is_young(tmp_path):
    ws = _built(tmp_path / "db.duckdb", "Part", PART_LEADS, [], PART_SPEND)
    s = Store(tmp_path / "db.duckdb")
    quarter = Filters(ws, *QUARTER)
    try:
        with s.snapshot() as cur:
            assert maturity.mature_until(cur, ws) == date(2026, 2, 18)
            drill = by_grp(channels.channel_table(cur, filters=quarter.with_(channels=("Web",)), by="campaign"))
            cohorts = cohort_maturity(cur, filters=quarter).cohorts
    finally:
        s.close()
    aug, jan = drill["Aug"], drill["Jan"]
    assert (aug["leads"], aug["spend"], aug["won"]) == (4, 400, 0)
    assert aug["young"] and all(nan(aug[k]) for k in channels.YOUNG_FIGURES), aug  # it read ROMI −100 %
    assert nan(aug["revenue"])  # nothing won yet: no «0 ₽» beside the "—"
    assert not jan["young"] and jan["romi"] == pytest.approx(-1.0) and jan["conversion"] == 0
    # the cohort tab, on the same leads: March holds A3 (1 inside the window): young; January and
    # February none: mature. One rule for both pages.
    mature = dict(zip(cohorts["month"], cohorts["mature"], strict=True))
    assert mature == {date(2026, 1, 1): True, date(2026, 2, 1): True, date(2026, 3, 1): False}
    assert (maturity.mature(1), maturity.mature(0)) == (False, True)


# A campaign that runs all year keeps some leads inside the window for good; judged by "any lead
# inside" its ROMI would never show. By hand, the window 30 days, the data's last day 20.03.2026:
# campaign Always, leads on the 10th of October, November, December 2025 and January 2026 and one
# on 20.03.2026 (young): 1 of 5, under a quarter; 500 spent in October 2025; L0 won 1 000 on
# 20.10.2025. Over the 12 months to 31.03.2026: judged, ROMI (1 000 − 500) ÷ 500 = +100 %,
# conversion 1 ÷ 5 = 20 %. Over the quarter (January – March) 1 of its 2 leads is young: "—".
ALWAYS_LEADS = [
    {"lead_id": f"L{i}", "created_at": datetime(y, m, d), "campaign": "Always"} | BATCH
    for i, (y, m, d) in enumerate(((2025, 10, 10), (2025, 11, 10), (2025, 12, 10), (2026, 1, 10), (2026, 3, 20)))
]
ALWAYS_DEALS = [
    {"deal_id": "DL", "lead_id": "L0", "created_at": datetime(2025, 10, 12), "stage": "Deal done", "status": "won"}
    | {"amount": 1000, "closed_at": datetime(2025, 10, 20)}
]
ALWAYS_SPEND = [{"channel": "Web", "campaign": "Always", "period": date(2025, 10, 1), "amount": 500}]


def test_a_campaign_running_all_year_is_judged_though_its_newest_leads_are_young(tmp_path):
    ws = _built(tmp_path / "db.duckdb", "Always", ALWAYS_LEADS, ALWAYS_DEALS, ALWAYS_SPEND)
    s = Store(tmp_path / "db.duckdb")
    year = Filters(ws, date(2025, 4, 1), date(2026, 3, 31))
    try:
        with s.snapshot() as cur:
            drill = by_grp(channels.channel_table(cur, filters=year.with_(channels=("Web",)), by="campaign"))
            recent = by_grp(channels.channel_table(cur, filters=Filters(ws, *QUARTER), by="campaign"))
    finally:
        s.close()
    always = drill["Always"]
    assert not always["young"] and always["romi"] == pytest.approx((1000 - 500) / 500)
    assert always["conversion"] == pytest.approx(1 / 5)
    assert recent["Always"]["young"] and nan(recent["Always"]["conversion"])
