"""The demo workspace in the interface's language: its channels, stages, reasons and sellers
read in Russian on a Russian screen and in English on an English one (funnel.demo_names)."""

from __future__ import annotations

import re

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


def _seen(at: AppTest) -> set[str]:
    """Every table cell and header, every choice offered (the sidebar's filters too), every line of
    text: what a person reads on the page, charts aside (the walk's russian_channels reads those)."""
    out: set[str] = set()
    for df in at.dataframe:
        out |= {str(c) for c in df.value.columns}
        out |= {str(v) for col in df.value.columns for v in df.value[col]}
    for kind in (at.selectbox, at.multiselect, at.radio):
        for w in kind:
            out |= {str(o) for o in getattr(w, "options", [])}
    for kind in (at.markdown, at.caption, at.info, at.warning, at.metric):
        out |= {str(getattr(e, "value", "")) for e in kind}
    return out


@pytest.mark.parametrize("page", ["overview", "funnel", "channels", "time", "settings"])
def test_no_page_shows_a_made_up_english_name_on_a_russian_screen(demo_app_db, page):
    """Issue #16: the Russian demo read "Initial interest … Deal done", its lost reasons, channels
    and sellers in English. The screenshot walk allows the data's own names, so it would not see
    them come back: here, any made-up name whose Russian differs, anywhere on the page's tables,
    choices and texts."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = "ru"
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, at.exception
    english = {en for en, ru in RU.items() if en != ru}
    seen = _seen(at)
    found = {
        (name, text[:120])
        for name in english
        for text in seen
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
    }
    assert not found, found
