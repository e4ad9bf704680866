"""The screens carry each figure's no-break spaces (issue #16: «9 / 027 140 ₽» on a phone).

Every other AppTest test reads the screens with plain spaces (tests/helpers/screen.py); this one
reads what the app really sent: the Overview's cards and table in Russian, whose figures are
grouped by thousands and end in "₽" or "%"."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from tests.helpers.screen import NBSP, as_sent

# a space (any but the no-break one) inside a figure: between digits, or before its "₽" or "%"
_BROKEN = re.compile(r"\d[^\S\u00a0]+(?=\d{3}\b|[₽%])")


def _overview():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not at.exception, at.exception
    return at


def test_the_overview_sends_its_figures_with_no_break_spaces(demo_app_db):
    with as_sent():
        at = _overview()
        cards = [m.value for m in at.metric]
        texts = cards + [m.delta or "" for m in at.metric] + [c.value for c in at.caption]
        cells = [str(v) for df in at.dataframe for col in df.value.columns for v in df.value[col]]
    assert any(NBSP in v and v.endswith("₽") for v in cards), cards  # "9 027 140 ₽", one line
    assert any(NBSP + "%" in v for v in cards), cards
    assert cells, "the Overview's table was read"
    broken = [t for t in texts + cells if _BROKEN.search(t)]
    assert not broken, broken


def test_the_other_tests_read_the_same_screen_with_plain_spaces(demo_app_db):
    with as_sent():
        sent = [m.value for m in _overview().metric]
    read = [m.value for m in _overview().metric]
    assert read == [v.replace(NBSP, " ") for v in sent] and not any(NBSP in v for v in read)
