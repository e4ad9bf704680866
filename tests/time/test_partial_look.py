"""What a person sees on the Time page when the data is partial (review of the suite's
screenshots, issues #16 and #18): a sentence saying what is missing, "—" for money the data
doesn't give, never an empty chart, a table of one «All» row or a 0.

Two workspaces of their own, made by hand:
  leads only: 6 leads, 1–6 March 2026, channels Ads/Web, no deals;
  deals only, no amounts: 4 open deals of Anna at «Initial interest» (rotten after 5 working
  days), no stage history: D5, D6, D7 created 5–7 January 2026, D31 on 31 March, the data's
  last day. On it D5–D7 have sat about 60 working days, D31 none: 3 rotting, and no file gives
  what they are worth.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from funnel import forecast_snapshots as fs
from funnel.db import Store
from funnel.workspace import create_workspace
from tests.conftest import ROOT, insert
from tests.helpers.screen import t  # as read: a number and its unit joined by U+00A0

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
LEADS = [
    {"lead_id": f"L{i}", "created_at": datetime(2026, 3, i + 1, 10), "channel": "Web" if i % 2 else "Ads"}
    for i in range(6)
]
DEALS = [
    {"deal_id": f"D{i}", "owner": "Anna", "stage": "Initial interest", "created_at": datetime(2026, 1, i, 9)}
    for i in (5, 6, 7)
] + [{"deal_id": "D31", "owner": "Anna", "stage": "Initial interest", "created_at": datetime(2026, 3, 31, 9)}]


def _app(app_db, kind: str, rows: list[dict], lang: str, tab: str, then=None, period=None) -> AppTest:
    """The app on a workspace of its own (chosen over the demo), all time, on one Time tab."""
    s = Store(app_db)
    try:
        with s.transaction() as cur:
            ws = create_workspace(cur, "Partial").id
        insert(s, ws, kind, rows)
        if then:
            then(s, ws)
    finally:
        s.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page("pages/time.py").run()
    if period:
        at.selectbox(key="period_preset").set_value("custom").run()
        at.date_input(key="period_range").set_value(period).run()
    else:
        at.selectbox(key="period_preset").set_value("all_time").run()
    at.session_state["tm_tab"] = t(f"tm.tab.{tab}", lang)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_leads_only_cohorts_say_deals_are_needed_instead_of_an_empty_chart(app_db, lang):
    at = _app(app_db, "leads", LEADS, lang, "maturity")
    # the workspace has no deal in any period: said so, with where to upload them; not «no lead of
    # the period became a won deal», which read as a real 0 % (screen review #16)
    assert [i.value for i in at.info] == [t("common.no_deals_workspace", lang)]
    assert not at.get("plotly_chart"), "an empty conversion chart on a −100 %…100 % axis"
    assert not at.dataframe and not at.button_group, "no chart or table to choose: there is no conversion"
    # no window block of «—» cards and «no window: every lead counts» beside them
    assert not at.metric
    assert t("tm.maturity.no_window", lang) not in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_period_without_wins_says_so_when_the_workspace_has_them(app_db, lang):
    """J1 (1 January 2026) was won on 10 January, so deals are there and linked; March's leads
    (L0..L5 above are 1–6 March) have none: the sentence is about the period, not a missing file."""
    first = {"lead_id": "J1", "created_at": datetime(2026, 1, 1, 10), "channel": "Web"}
    deal = {"deal_id": "W0", "lead_id": "J1", "created_at": datetime(2026, 1, 2), "stage": "Deal done",
            "amount": 100, "closed_at": datetime(2026, 1, 10)}  # fmt: skip

    def won(s, ws):
        insert(s, ws, "deals", [deal])

    at = _app(app_db, "leads", [first, *LEADS], lang, "maturity", then=won, period=MARCH)
    infos = [i.value for i in at.info]
    assert t("tm.maturity.no_wins_period", lang) in infos and t("tm.maturity.no_wins", lang) not in infos
    assert not at.get("plotly_chart") and not at.button_group


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_leads_only_time_to_convert_has_no_table_of_one_total_row(app_db, lang):
    at = _app(app_db, "leads", LEADS, lang, "convert")
    steps = ", ".join(t(f"tm.convert.step.{s}", lang) for s in ("contact", "sal", "won", "to_won"))
    assert t("tm.convert.undated", lang, steps=steps) in [i.value for i in at.info]  # says what to upload
    assert not at.dataframe and not at.button_group and not at.get("plotly_chart")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_medians_read_in_step_order_when_a_phone_stacks_the_columns(app_db, lang):
    """A phone stacks each st.columns column whole: the elements' order in the page is the order
    read there. Lead → first contact, → SAL, → won, and lead → won, in that order."""
    at = _app(app_db, "leads", LEADS, lang, "convert")
    labels = [m.label for m in at.metric]
    names = [
        t("tm.convert.median_of", lang, step=t(f"tm.convert.step.{s}", lang))
        for s in ("contact", "sal", "won", "to_won")
    ]
    assert labels == names
    assert [m.value for m in at.metric] == ["—"] * 4  # nothing timed: dashes, not 0


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_rotting_deals_without_amounts_are_worth_a_dash_and_list_no_amount(app_db, lang):
    at = _app(app_db, "deals", DEALS, lang, "rotting")
    shown = {m.label: m.value for m in at.metric}
    assert shown[t("tm.rotting.m_deals", lang)] == "3"
    assert shown[t("tm.rotting.m_amount", lang)] == "—"
    for part in ("list", "digest"):
        at.button_group(key="tm_rot_part").set_value(part).run()
        assert not at.exception, at.exception
        (table,) = at.dataframe
        assert t("an.col.amount", lang) not in table.value.columns
        assert t("an.col.owner", lang) in table.value.columns


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_past_forecasts_heading_says_why_it_is_empty_before_any_forecast_is_saved(app, lang):
    """The suite keeps the daily snapshot off (tests/conftest.py): the demo has no saved forecast,
    so nothing can be scored; a sentence under «How right past forecasts were» says when it fills.
    The demo's own back-dated snapshots (funnel.demo_history) are removed first: a workspace
    before its first snapshot."""
    from ui.store import get_store

    with get_store().transaction() as cur:
        cur.execute("DELETE FROM forecast_snapshots WHERE workspace_id = (SELECT id FROM workspaces WHERE is_demo)")
    at = app
    at.session_state["lang"] = lang
    at.switch_page("pages/time.py")
    at.session_state["tm_tab"] = t("tm.tab.accuracy", lang)
    at.run()
    assert not at.exception, at.exception
    assert t("tm.accuracy.none", lang) in [i.value for i in at.info]  # no forecast saved: the premise
    shown = [(type(e).__name__, getattr(e, "value", None)) for e in at.main]
    heading = shown.index(("Subheader", t("tm.accuracy.past", lang)))
    assert shown[heading + 1] == ("Info", t("tm.accuracy.past_none", lang))


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_passed_forecasts_without_a_figure_say_why_nothing_is_scored(app_db, lang):
    """A leads-only workspace (its last lead on 31 March 2026: March's data is in) whose forecast
    for March, saved 25 February, was "—" (no deals to price it): March has passed, yet there is no
    P50 to score; a sentence says so instead of a heading over nothing."""
    frame = pd.DataFrame(
        [{"horizon": "month", "period_start": MARCH[0], "period_end": MARCH[1], "owner": "", "p10": None,
          "p50": None, "p90": None, "weighted_pipeline": None}]
    )  # fmt: skip
    last = {"lead_id": "L31", "created_at": datetime(2026, 3, 31, 10), "channel": "Web"}

    def snapshot(s, ws):
        with s.transaction() as cur:
            fs.record(cur, ws, frame, taken_by="test", now=datetime(2026, 2, 25, 9))

    at = _app(app_db, "leads", [*LEADS, last], lang, "accuracy", then=snapshot)
    shown = [(type(e).__name__, getattr(e, "value", None)) for e in at.main]
    heading = shown.index(("Subheader", t("tm.accuracy.past", lang)))
    assert shown[heading + 1] == ("Info", t("tm.accuracy.unscorable", lang))
    assert not at.get("plotly_chart")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_leads_only_time_to_convert_compares_nothing_it_cannot_time(app_db, lang):
    """Leads only, undated: neither page times «Contact → SAL», «Lead → SAL» or «Lead → won», so
    no sentence compares them (it read "… at — from the lead's creation … there, —")."""
    at = _app(app_db, "leads", LEADS, lang, "convert")
    keys = ("tm.convert.vs_funnel", "tm.convert.vs_funnel.sal", "tm.convert.vs_funnel.won")
    starts = tuple(t(k, lang).split("{")[0] for k in keys)
    assert not [c.value for c in at.caption if c.value.startswith(starts)]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_leads_only_with_sal_dates_compares_the_sal_step_alone(app_db, lang):
    """L0 (1 March 10:00) first contacted at 12:00 and qualified on 3 March at 12:00: «Contact → SAL»
    2.0 days here, «Lead → SAL» 50 h = 2.08 days on the Funnel page; no deal, so «Lead → won» is
    timed on neither page and the sentence about it is left out, not written with dashes."""
    timed = {**LEADS[0], "first_contact_at": datetime(2026, 3, 1, 12), "qualified_at": datetime(2026, 3, 3, 12)}
    at = _app(app_db, "leads", [timed, *LEADS[1:]], lang, "convert")
    # 2.0 days «2», 50 h = 2.083 days «2,1»: funnel.model.precision's rule for times, never «2,0»
    days = {"ru": ("2 дн.", "2,1 дн."), "en": ("2 days", "2.1 days")}[lang]
    expected = t("tm.convert.vs_funnel.sal", lang, contact_sal=days[0], lead_sal=days[1])
    assert expected in [c.value for c in at.caption]
    won = t("tm.convert.vs_funnel.won", lang).split("{")[0]
    assert not [c.value for c in at.caption if c.value.startswith(won) or "{won" in c.value]
