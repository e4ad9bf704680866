"""The screen review's charts on the Funnel and Time pages (demo, both languages): a section's
heading is not said again as its chart's title, and the two lost-reason charts list each reason
in one place and one colour."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from funnel import palette
from funnel.i18n import t

pytestmark = pytest.mark.filterwarnings("ignore")

FUNNEL_TABS = ("funnel", "stalled", "lost", "breakdown", "speed")  # ui.views.funnel.TABS
TIME_TABS = ("maturity", "convert", "flow", "rotting", "accuracy", "goals", "drivers")  # ui.views.time.TABS


def _plain(text) -> str:
    return re.sub(r"<[^>]+>", " ", str(text or "")).split("  ")[0].strip().casefold()


def _repeats(at) -> list[tuple[str, str]]:
    """(heading, chart title) pairs on the screen where the title says what a heading says."""
    headings = {_plain(h.value) for h in at.subheader}
    titles = [json.loads(c.proto.spec)["layout"].get("title", {}).get("text") for c in at.get("plotly_chart")]
    return [(h, str(ti)) for ti in titles if ti for h in headings if _plain(ti).startswith(h)]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_chart_title_repeats_its_sections_heading(app, lang):
    """«Время на этапах (рабочие дни)» was the heading and, under it, the chart's title; «Воронка в
    разрезе» the same. Every tab of the Funnel and Time pages, in both languages."""
    at = app
    at.session_state["lang"] = lang
    found = []
    for page, key, prefix, tabs in (
        ("pages/funnel.py", "fn_tab", "fn.tab.", FUNNEL_TABS),
        ("pages/time.py", "tm_tab", "tm.tab.", TIME_TABS),
    ):
        at.switch_page(page).run()
        for tab in tabs:
            at.session_state[key] = t(f"{prefix}{tab}", lang)
            at.run()
            assert not at.exception, (page, tab, at.exception)
            found += [(page, tab, *pair) for pair in _repeats(at)]
    assert not found, found


# ---- the two lost-reason charts ------------------------------------------------------------------
BY_STAGE = pd.DataFrame(
    {
        "stage": ["A", "A", "A", "B", "B"],
        "reason": ["Нет ответа", None, "Дорого", "Дорого", "Конкурент"],
        "deals": [5, 4, 1, 3, 2],
        "amount": [1.0] * 5,
    }
)
BY_MONTH = pd.DataFrame(
    {
        "month": pd.to_datetime(["2026-01-01", "2026-01-01", "2026-02-01", "2026-02-01"]),
        "reason": ["Конкурент", "Дорого", None, "Нет ответа"],
        "deals": [3, 1, 2, 1],
        "amount": [1.0] * 4,
    }
)


def test_both_lost_reason_legends_list_the_reasons_in_one_order():
    """By hand, deals lost over both frames: «Дорого» 1 + 3 + 1 = 5, «Нет ответа» 5 + 1 = 6,
    «Конкурент» 2 + 3 = 5, no reason 4 + 2 = 6. Largest first, equal counts by name, no reason
    last whatever its size: «Нет ответа», «Дорого», «Конкурент», «причина не указана» — on both
    charts, each reason in the same colour and place, the legend in the traces' order (Plotly's
    default reversed a stacked chart's legend). Each frame listed them in its own order before."""
    from ui.views.funnel import lost_stage_figure, lost_time_figure

    none = t("an.reason.none")
    order = ["Нет ответа", "Дорого", "Конкурент", none]
    left = lost_stage_figure(BY_STAGE, "deals", BY_MONTH)
    right = lost_time_figure(BY_MONTH, "deals", BY_STAGE)
    for fig in (left, right):
        assert [tr.name for tr in fig.data] == order
        assert fig.layout.legend.traceorder == "normal"
    assert [tr.marker.color for tr in left.data] == [tr.marker.color for tr in right.data]
    assert left.data[-1].marker.color == palette.OTHER  # no reason: the grey of a remainder
    # the stages keep the frame's order down the side, the first on top
    assert list(left.layout.yaxis.categoryarray) == ["A", "B"] and left.layout.yaxis.autorange == "reversed"
    # each bar keeps its own stage and count
    dear = next(tr for tr in left.data if tr.name == "Дорого")
    assert list(dear.y) == ["A", "B"] and list(dear.x) == [1, 3]
