"""Screen review #16: the Channels page offered «Разбить по: Кампания / Менеджер / Сегмент» on
spend-only data, which has none of the three, and each choice drew one row of «не указан». Only
the breakdowns the data has a value of are offered (funnel.dimensions.with_values); with none, one
sentence says what to upload.

Data by hand: spend on Web and Print, no campaign; leads on Web, with owners Ann and Bob and,
in the last case, a campaign on one lead (no segment anywhere)."""

from __future__ import annotations

from datetime import datetime

import pytest
from streamlit.testing.v1 import AppTest

from funnel.db import Store
from funnel.dimensions import with_values
from funnel.i18n import t
from tests.conftest import ROOT, workspace_of

pytestmark = pytest.mark.filterwarnings("ignore")

DRILLS = ("campaign", "owner", "segment")
SPEND = [{"channel": ch, "period": datetime(2026, m, 1), "amount": 1000} for m in (1, 2) for ch in ("Web", "Print")]
LEADS = [
    {"lead_id": f"L{i}", "created_at": datetime(2026, 1, 3 + i), "channel": "Web", "owner": ("Ann", "Bob")[i % 2]}
    for i in range(4)
]
WITH_CAMPAIGN = [LEADS[0] | {"campaign": "Winter"}, *LEADS[1:]]
CASES = {
    "spend-only": ({"spend": SPEND}, ()),
    "leads-with-owners": ({"leads": LEADS, "spend": SPEND}, ("owner",)),
    "one-campaign": ({"leads": WITH_CAMPAIGN}, ("campaign", "owner")),
}


def _workspace(path, rows_by_kind: dict) -> str:
    return workspace_of(path, "Partial", rows_by_kind)


@pytest.mark.parametrize("case", list(CASES))
def test_only_the_breakdowns_with_a_value_in_the_data(tmp_path, case):
    rows, expected = CASES[case]
    ws = _workspace(tmp_path / "db.duckdb", rows)
    s = Store(tmp_path / "db.duckdb")
    with s.snapshot() as cur:
        assert with_values(cur, ws, DRILLS) == expected
        assert with_values(cur, ws, ("channel",)) == ("channel",)
        with pytest.raises(ValueError, match="dimension"):
            with_values(cur, ws, ("region; DROP TABLE leads",))
    s.close()


def _channels(app_db, case: str, lang: str) -> AppTest:
    _workspace(app_db, CASES[case][0])
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/channels.py").run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_spend_only_offers_no_breakdown_and_says_why(app_db, lang):
    at = _channels(app_db, "spend-only", lang)
    assert not [r for r in at.radio if r.key == "ch_drill_by"]
    assert t("an.ch.drill_none", lang) in [i.value for i in at.info]
    assert not [d for d in at.dataframe if d.key == "ch_drill_table"]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_leads_with_owners_offer_the_owner_alone(app_db, lang):
    """One dimension with values is named as text, not a radio of one option (ui.choice, review #16);
    the breakdown by it is drawn."""
    at = _channels(app_db, "leads-with-owners", lang)
    assert not [r for r in at.radio if r.key == "ch_drill_by"]
    assert f"{t('an.ch.drill_by', lang)}: **{t('an.dim.owner', lang)}**" in [m.value for m in at.markdown]
    assert [d for d in at.dataframe if list(d.value.columns)[:1] == [t("an.dim.owner", lang)]]  # the breakdown
    assert t("an.ch.drill_none", lang) not in [i.value for i in at.info]


DEALS = [  # no channel, owner or segment: a CRM export of deals alone
    {"deal_id": "D1", "created_at": datetime(2026, 1, 5), "stage": "Deal done", "status": "won"}
    | {"closed_at": datetime(2026, 1, 25)},
    {"deal_id": "D2", "created_at": datetime(2026, 2, 5), "stage": "Proposal under review", "status": "open"},
]


def _funnel_breakdown(app_db, rows: dict, lang: str) -> AppTest:
    _workspace(app_db, rows)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/funnel.py").run()
    at.session_state["fn_tab"] = t("fn.tab.breakdown", lang)  # the page's tabs run lazily
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_funnels_split_offers_what_the_data_has(app_db, lang):
    owned = [d | {"owner": "Ann"} for d in DEALS]  # owners, but no channel or segment
    at = _funnel_breakdown(app_db, {"deals": owned}, lang)
    # the one split named as text, not a radio of one option (ui.choice, review #16)
    assert not [r for r in at.radio if r.key == "fn_breakdown_by"]
    assert f"{t('an.fn.breakdown_by', lang)}: **{t('an.dim.owner', lang)}**" in [m.value for m in at.markdown]


SPLITS = ("channel", "owner", "segment")


def test_the_funnels_split_leaves_the_spends_channels_out(tmp_path):
    """Code review: deals without a channel plus spend on Web and Print. The Channels drill counts
    the spend's channels; the Funnel, which breaks down leads and deals only, does not (it offered
    «Канал» and drew one group «не указан»)."""
    ws = _workspace(tmp_path / "db.duckdb", {"deals": DEALS, "spend": SPEND})
    s = Store(tmp_path / "db.duckdb")
    with s.snapshot() as cur:
        assert with_values(cur, ws, SPLITS) == ("channel",)
        assert with_values(cur, ws, SPLITS, spend=False) == ()
        assert with_values(cur, ws, ("campaign",), spend=False) == ()
    s.close()


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("case", ["deals", "deals+spend"])
def test_deals_without_channels_owners_or_segments_say_there_is_nothing_to_split_by(app_db, lang, case):
    rows = {"deals": DEALS} | ({"spend": SPEND} if case == "deals+spend" else {})
    at = _funnel_breakdown(app_db, rows, lang)
    assert not [r for r in at.radio if r.key == "fn_breakdown_by"]
    assert t("an.fn.breakdown_none", lang) in [i.value for i in at.info]
