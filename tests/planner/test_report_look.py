"""What a reader of the CLI's plan report sees in its charts and sensitivity table: axes that say
what they count and in which currency, the legend's percents written as the language writes
them, and a small fractional count with its tenth."""

from __future__ import annotations

import pandas as pd
import pytest

from funnel.model.plan import Plan
from funnel.model.result import run
from funnel.model.sensitivity import sensitivity
from funnel.report import content, figures
from tests.helpers.screen import plain


@pytest.mark.parametrize(
    ("lang", "low", "axis"), [("ru", "−10 %", "Изменение, ₽"), ("en", "−10%", "Change, ₽")], ids=["ru", "en"]
)
def test_report_charts_name_their_axes_and_write_percents_in_the_language(lang, low, axis):
    plan = Plan(leads=100, conversion=0.05, avg_check=100_000)
    tornado = figures.tornado(sensitivity(plan, "turnover"), "turnover", lang, "₽")
    assert [plain(bar.name) for bar in tornado.data] == [low, low.replace("−", "+")]
    assert tornado.layout.xaxis.title.text == axis
    waterfall = figures.waterfall(run(plan, plan, reverse=False), lang, "$")
    assert waterfall.layout.yaxis.title.text.endswith(", $")


def test_six_sellers_less_ten_percent_show_as_five_point_four():
    df = pd.DataFrame([{"lever": "sellers", "low": 5.4, "high": 6.6, "delta_low": -1.0, "delta_high": 0.0}])
    row = content.table("sensitivity", df, "ru").rows[0]
    assert [content.shown(v, "ru", "₽") for v in row[1:3]] == ["5,4", "6,6"]
    whole = content.table("sensitivity", df.assign(low=5.0, high=7.0), "ru").rows[0]
    assert [content.shown(v, "ru", "₽") for v in whole[1:3]] == ["5", "7"]


def test_the_waterfall_leaves_room_above_its_highest_step():
    """Baseline 100 leads × 5 % × 100 000 = 500 000; 120 leads add 100 000: the plan's 600 000 is
    the highest running total, and the axis goes 8 % of the span (48 000) above it, so the top
    step no longer touches the chart's edge."""
    base = Plan(leads=100, conversion=0.05, avg_check=100_000)
    fig = figures.waterfall(run(base.with_(leads=120), base, reverse=False), "ru")
    low, high = fig.layout.yaxis.range
    assert low == 0 and high == pytest.approx(648_000)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("ru", "План совпадает с базой: оборот 500 000 ₽ в месяц, ни один рычаг его не меняет."),
        ("en", "The plan is the baseline: turnover ₽500,000 a month, no lever changes it."),
    ],
    ids=["ru", "en"],
)
def test_a_plan_at_its_baseline_has_a_sentence_and_no_waterfall(lang, said):
    """Screen review: a plan at its baseline drew a waterfall of blank steps under a note saying
    so. 100 leads × 5 % × 100 000 = 500 000 on both sides: no figure, the sentence with the
    turnover; 120 leads (a step of 100 000): the figure, no sentence."""
    base = Plan(leads=100, conversion=0.05, avg_check=100_000)
    charts, notes = figures.waterfall_or_note(run(base, base, reverse=False), lang)
    assert charts == [] and [plain(n) for n in notes] == [said]
    charts, notes = figures.waterfall_or_note(run(base.with_(leads=120), base, reverse=False), lang)
    assert len(charts) == 1 and notes == []
