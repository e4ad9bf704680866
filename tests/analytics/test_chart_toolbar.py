"""No Plotly toolbar over any chart (#16 review: it still showed on hover over some): every
st.plotly_chart of the app goes through ui.show.plotly_chart, whose config has no mode bar."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from funnel import charts

ROOT = Path(__file__).resolve().parents[2]
THE_ONE = ("ui/show.py", "plotly_chart")  # (file, function) allowed to call st.plotly_chart


def _calls() -> list[tuple[str, str]]:
    """(file, enclosing function) of every ``st.plotly_chart(…)`` call in the app's own code."""
    files = [*ROOT.glob("ui/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "dashboard.py", ROOT / "serve.py"]
    found = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        within = {}  # node → the innermost function it is in (ast.walk meets outer functions first)
        for fn in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            for node in ast.walk(fn):
                within[node] = fn.name
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "plotly_chart":
                if ast.unparse(node.func.value) in ("st", "streamlit"):
                    found.append((path.relative_to(ROOT).as_posix(), within.get(node, "<module>")))
    return sorted(found)


def test_every_plotly_chart_goes_through_the_one_helper():
    assert _calls() == [THE_ONE]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("extra", [{}, charts.LIGHT], ids=["full", "light"])
def test_the_chart_config_has_no_mode_bar(lang, extra):
    assert charts.config(lang, **extra)["displayModeBar"] is False


@pytest.mark.filterwarnings("ignore")
@pytest.mark.parametrize("page", ["overview", "channels"])
def test_a_pages_charts_are_sent_without_a_mode_bar(app_on, page):
    at = app_on(f"pages/{page}.py")
    assert not at.exception, at.exception
    configs = [json.loads(c.proto.config) for c in at.get("plotly_chart")]
    assert configs and all(c["displayModeBar"] is False for c in configs), configs
