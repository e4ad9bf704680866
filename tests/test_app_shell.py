"""The app shell under AppTest: demo on first start, every page runs, the guard holds."""
import pytest

from tests.conftest import ROOT

PAGES = ["pages/overview.py", "pages/channels.py", "pages/sales_funnel.py", "pages/planner.py",
         "pages/workshop.py", "pages/upload.py", "pages/settings.py"]


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
