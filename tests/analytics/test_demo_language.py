"""The demo workspace in the interface's language: its channels, stages, reasons and sellers
read in Russian on a Russian screen and in English on an English one (funnel.demo_names)."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from funnel.demo import CHANNELS, LOST_REASONS, OWNERS
from funnel.demo_names import RU, localise_figure, shown
from funnel.ladder import DEFAULT_LADDER
from tests.conftest import ROOT


def test_every_made_up_name_has_a_russian_one_and_user_names_stay():
    made_up = {c.name for c in CHANNELS} | set(OWNERS) | {r for rs in LOST_REASONS for r in rs}
    made_up |= {s.name for s in DEFAULT_LADDER}
    assert made_up <= set(RU)
    assert (
        shown("Initial interest", "ru") == "Первичный интерес" and shown("Initial interest", "en") == "Initial interest"
    )
    assert shown("Мой канал", "ru") == "Мой канал" and shown(None, "ru") is None


def test_a_chart_shows_the_names_in_russian_and_keeps_numbers():
    fig = go.Figure(go.Bar(x=["VK Ads", "Мой канал"], y=[1, 2], name="Exhibitions"))
    localise_figure(fig, "ru")
    assert list(fig.data[0].x) == ["VK Реклама", "Мой канал"] and list(fig.data[0].y) == [1, 2]
    assert fig.data[0].name == "Выставки"


def _funnel_page(lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.switch_page("pages/funnel.py")
    return at.run()


@pytest.mark.parametrize(
    ("lang", "stage", "foreign"),
    [("ru", "Первичный интерес", "Initial interest"), ("en", "Initial interest", "Первичный интерес")],
)
def test_the_funnel_page_names_the_demo_stages_in_the_language(demo_app_db, lang, stage, foreign):
    at = _funnel_page(lang)
    assert not at.exception, at.exception
    cells = {str(v) for df in at.dataframe for col in df.value.columns for v in df.value[col]}
    assert stage in cells and foreign not in cells
    words = " ".join(w.value for w in [*at.warning, *at.info])
    assert foreign not in words  # the bottleneck sentence names the stages in the language
    if lang == "ru":
        assert any(name in words for name in RU.values() if name[0].isupper() and " " in name)
