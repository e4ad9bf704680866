"""A breakdown or a list of the demo's names on a Russian screen (screen review): sorted as the
screen writes them, or by the figure, never by the English they are stored in (the demo's names
are translated for display: funnel.demo_names)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.helpers.pages import russian_channels_page

pytestmark = pytest.mark.filterwarnings("ignore")


def test_names_sort_as_the_screen_writes_them():
    """Stored: Cold calls, Email, Exhibitions (alphabetical in English); shown in Russian:
    «Холодные звонки», «Email-рассылки», «Выставки» — sorted: Email-рассылки (Latin first),
    Выставки, Холодные звонки; the blank last."""
    from funnel.demo_names import in_shown_order, showing_demo

    names = ["unknown", "Cold calls", "Email", "Exhibitions"]
    with showing_demo(True):
        assert in_shown_order(names, "ru", last=("unknown",)) == ["Email", "Exhibitions", "Cold calls", "unknown"]
        assert in_shown_order(names, "en", last=("unknown",)) == ["Cold calls", "Email", "Exhibitions", "unknown"]
    with showing_demo(False):
        assert in_shown_order(names, "ru") == ["Cold calls", "Email", "Exhibitions", "unknown"]


def test_the_demos_filters_list_its_names_in_russian_order(demo_app_db):
    """The sidebar's channels on the Russian demo: sorted by their stored English they read
    «Холодные звонки, Email-рассылки, Выставки, …»."""
    at = russian_channels_page()
    for key in ("filter_channels", "filter_owners", "filter_segments"):
        options = at.multiselect(key=key).options
        named = [o for o in options if o.casefold() != "не указан"]
        assert named == sorted(named, key=str.casefold) and named == options[: len(named)], (key, options)
        assert len(named) >= 3


def test_the_funnel_breakdown_lists_its_groups_as_the_chart_does(demo_app_db):
    """Screen review: the breakdown's table on the Russian demo read «Холодные звонки, Email-
    рассылки, Выставки…» (Cold calls, Email, Exhibitions: sorted in English). Now largest first by
    deals at the first stage, the chart legend's order, in either language."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = "ru"
    at.switch_page("pages/funnel.py").run()
    at.session_state["fn_tab"] = "В разрезе"
    at.run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    first = table[table["Этап"] == "Первичный интерес"]
    deals = [int(str(v).replace("\u00a0", "").replace(" ", "")) for v in first["Дошли"]]
    assert deals == sorted(deals, reverse=True) and len(deals) >= 5
    assert list(first["Канал"])[0] == "Яндекс Директ"


def test_goals_list_their_members_as_the_screen_writes_them():
    """Goals stored for "Cold calls" and "Exhibitions" (sorted in English): on a Russian screen
    «Выставки» before «Холодные звонки»; the total first, each member's metrics in their order."""
    import pandas as pd

    from funnel.demo_names import showing_demo
    from funnel.goals import in_shown_order

    df = pd.DataFrame(
        {
            "dimension": ["total", "channel", "channel", "channel"],
            "member": ["", "Cold calls", "Cold calls", "Exhibitions"],
            "metric": ["leads", "leads", "won", "leads"],
        }
    )
    with showing_demo(True):
        ru = in_shown_order(df, "ru")
        assert list(zip(ru["member"], ru["metric"], strict=True)) == [
            ("", "leads"),
            ("Exhibitions", "leads"),
            ("Cold calls", "leads"),
            ("Cold calls", "won"),
        ]
        assert list(in_shown_order(df, "en")["member"]) == ["", "Cold calls", "Cold calls", "Exhibitions"]
