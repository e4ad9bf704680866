"""The shared cache of finished elements (ui.draw_cached): a chart or table is drawn once per
distinct content, language and currency and replayed afterwards — never shown for the wrong
data or language — and the downloads beside the tables still hold every unformatted number."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui
from funnel.workspace import create_workspace
from tests.analytics.fixtures import MARCH
from tests.analytics.test_pages import make_app, metrics, set_period


def test_fingerprint_reads_every_cell_type_and_missing_value():
    df = pd.DataFrame({"grp": ["SEO", None], "leads": [3, 4], "cpl": [10.5, float("nan")]})
    assert ui.fingerprint(df) == ui.fingerprint(df.copy())
    assert ui.fingerprint(df) != ui.fingerprint(df.assign(grp=["SEO", "None"]))  # missing ≠ the text "None"
    assert ui.fingerprint(df) != ui.fingerprint(df.assign(leads=[3, 5]))
    assert ui.fingerprint(df) != ui.fingerprint(df.astype({"leads": float}))  # 3 and 3.0 format differently
    assert ui.fingerprint(df) != ui.fingerprint(df.rename(columns={"cpl": "cac"}))
    assert ui.fingerprint(("en", df)) != ui.fingerprint(("ru", df))


def test_a_lambda_is_drawn_without_the_cache():
    # the errors draw_cached catches to fall back to a plain call
    with pytest.raises((pickle.PicklingError, TypeError, AttributeError, ValueError)):
        ui.fingerprint(lambda: 1)


@pytest.fixture
def company_app(app_db):
    return make_app(app_db)


def test_replayed_overview_follows_the_language_and_the_filters(company_app):
    at = company_app.switch_page("pages/overview.py").run()
    at.selectbox(key="period_preset").set_value("all_time").run()
    ru = metrics(at)
    assert ru["Лиды"] == "11"  # all time: the 10 March leads and the 1 in February
    at.radio(key="lang").set_value("en").run()
    en = metrics(at)
    assert en["Leads"] == "11" and "Лиды" not in en
    at.radio(key="lang").set_value("ru").run()  # drawn before: now replayed
    assert not at.exception
    assert metrics(at) == ru
    set_period(at, MARCH)
    assert metrics(at)["Лиды"] == "10"  # other figures, not the all-time cards replayed


def test_table_downloads_hold_the_whole_unformatted_table(company_app, monkeypatch):
    made: dict[str, pd.DataFrame] = {}

    def keep(df, name, key):
        made[name] = df() if callable(df) else df

    monkeypatch.setattr(ui.show, "download_buttons", keep)
    at = set_period(company_app.switch_page("pages/channels.py").run(), MARCH)
    assert not at.exception
    shown = at.dataframe[0].value
    econ = made["economics_channel"]
    assert len(econ) == len(shown)
    assert list(econ.columns[:3]) == list(shown.columns[:3])  # channel, leads, spend
    assert econ.columns[-2:].tolist() == ["Вероятный диапазон: от", "Вероятный диапазон: до"]  # no English "min"
    # shown cells are text in the language; the download keeps the numbers they came from
    leads_col = econ.columns[1]
    assert pd.api.types.is_numeric_dtype(econ[leads_col])
    assert [str(int(v)) for v in econ[leads_col]] == [
        s.replace(" ", "").replace("\u00a0", "") for s in shown[leads_col]
    ]
    changes = made["channel_changes"]
    # six figures × (now, vs the previous month): the company's data has nothing a year earlier,
    # so its year-on-year columns are left out, on screen and in the download (views.channels.empty_windows)
    assert changes.shape[1] == 1 + 6 * 2 and pd.api.types.is_numeric_dtype(changes.iloc[:, 1])
    assert not [c for c in changes.columns if "г/г" in c]


def test_other_sessions_replay_the_same_elements(app_db):
    """A second session (another AppTest on the same process caches) sees what the first drew."""
    first = make_app(app_db)
    a = set_period(first.switch_page("pages/funnel.py").run(), MARCH)
    second = AppTest.from_file(str(ui.ROOT / "dashboard.py"), default_timeout=120)
    second.run()
    b = set_period(second.switch_page("pages/funnel.py").run(), MARCH)
    assert not a.exception and not b.exception
    assert [d.value.to_dict() for d in a.dataframe] == [d.value.to_dict() for d in b.dataframe]
    assert len(a.dataframe) >= 2  # the funnel and its steps (the other tabs draw when opened)


def test_shared_results_are_computed_once_per_data_version(demo_app_db):
    """ui.shared hands every session the same object until the workspace's data changes."""
    import threading

    from funnel.dimensions import distinct_values
    from tests.conftest import insert

    store = ui.get_store()
    with store.transaction() as cur:
        ws = create_workspace(cur, "Shared").id
    insert(store, ws, "leads", [{"lead_id": "L1", "created_at": "2026-03-02 10:00", "channel": "SEO"}])
    calls = []

    def counted(cur, **kw):
        calls.append(kw)
        return distinct_values(cur, **kw)

    counted.__module__, counted.__name__ = __name__, "counted"
    got: list = []
    threads = [
        threading.Thread(target=lambda: got.append(ui.shared(counted, workspace_id=ws, dimension="channel")))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got[0] == ["SEO"] and all(g is got[0] for g in got) and len(calls) == 1  # one computation for 8 askers
    insert(store, ws, "leads", [{"lead_id": "L2", "created_at": "2026-03-03 10:00", "channel": "VK Ads"}])  # bumps
    assert sorted(ui.shared(counted, workspace_id=ws, dimension="channel")) == ["SEO", "VK Ads"]
    assert len(calls) == 2
