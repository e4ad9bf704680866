"""The app shell under AppTest: demo on first start, every page runs, the guard holds."""

import pytest

from tests.conftest import ROOT

PAGES = [
    "pages/overview.py",
    "pages/channels.py",
    "pages/funnel.py",
    "pages/time.py",
    "pages/planner.py",
    "pages/workshop.py",
    "pages/data.py",
    "pages/settings.py",
]


def test_first_start_creates_demo_workspace(app, app_db):
    assert app_db.exists()
    assert app.selectbox(key="workspace").value == "demo"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(app, page):
    app.switch_page(page).run()
    assert not app.exception
    assert not app.error, [e.value for e in app.error]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_language_switch_changes_sidebar_labels(app, lang):
    app.radio(key="lang").set_value(lang).run()
    label = app.selectbox(key="workspace").label
    assert label == ("Рабочее пространство" if lang == "ru" else "Workspace")


def test_sidebar_choices_survive_the_first_rerun(app):
    """The first run of a session may come through the legacy pages/ path (a fresh server, or
    AppTest); the sidebar's widgets must keep their values on the next run all the same."""
    app.radio(key="lang").set_value("en").run()
    assert app.selectbox(key="workspace").label == "Workspace"
    app.selectbox(key="period_preset").set_value("all_time").run()
    assert not app.exception
    assert app.selectbox(key="period_preset").value == "all_time"
    assert app.selectbox(key="workspace").label == "Workspace"


def test_a_shared_link_sets_the_filters_and_unknown_values_are_skipped(app_db):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params.update(
        {
            "lang": "en",
            "period": "custom",
            "from": "2026-01-01",
            "to": "2026-03-31",
            "ch": ["SEO", "No such channel"],
            "seg": ["SMB"],
        }
    )
    at.run()
    assert not at.exception
    assert at.selectbox(key="period_preset").value == "custom"
    assert at.multiselect(key="filter_channels").value == ["SEO"]
    assert at.multiselect(key="filter_segments").value == ["SMB"]
    assert any("No such channel" in w.value for w in at.sidebar.warning)
    assert _qp(at, "ch") == ["SEO"] and _qp(at, "from") == ["2026-01-01"]


def test_filters_are_mirrored_into_the_url(app):
    app.multiselect(key="filter_channels").set_value(["Email", "SEO"]).run()
    app.selectbox(key="period_preset").set_value("last_3_months").run()
    assert _qp(app, "ch") == ["Email", "SEO"]
    assert _qp(app, "period") == ["last_3_months"]
    assert _qp(app, "ws") == ["demo"]


def _qp(at, name) -> list:
    value = at.query_params[name]
    return value if isinstance(value, list) else [value]


def test_only_the_page_whose_body_drew_may_rerun_it_alone(app):
    """A filter change reruns the page body's fragment alone only on the page whose full run drew
    that body (ui.sidebar.body_fragment_here): Streamlit keeps an earlier page's fragments after a
    run that stopped, so from the Channels page the Overview's body could otherwise be rerun — and
    drawn — in the Channels page's place."""
    app.run()  # the Overview
    overview = app.session_state["_filter_body_page"]
    assert overview
    app.switch_page("pages/channels.py").run()
    assert not app.exception
    assert "_filter_body_page" not in app.session_state  # the Channels page has no body fragment
    app.switch_page("pages/overview.py").run()
    assert app.session_state["_filter_body_page"] == overview
