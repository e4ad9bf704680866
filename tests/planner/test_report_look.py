"""What a reader of the CLI's plan report sees in its charts and sensitivity table: axes that say
what they count and in which currency, the legend's percents written as the language writes
them, and a small fractional count with its tenth."""

from __future__ import annotations

import re

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


TEAM_SLACK = Plan(leads=100, conversion=0.05, avg_check=100_000, sellers=2, contacts_per_seller=55, elasticity=1.0)


def test_the_teams_plus_ten_percent_is_idle_when_the_team_is_not_the_limit():
    """2 sellers × 55 leads = 110 handle the 100 leads: turnover 100 × 5 % × 100 000 = 500 000.
    −10 % sellers: 1,8 × 55 = 99 < 100, conversion 5 % × 99/100 (elasticity 1) = 4,95 %, turnover
    495 000 (−5 000); +10 %: 121 handle them, nothing changes. So with leads a seller handles."""
    from funnel.model.sensitivity import idle_up

    rows = {r["lever"]: r for r in sensitivity(TEAM_SLACK, "turnover")}
    for lever in ("sellers", "contacts_per_seller"):
        assert rows[lever]["delta_low"] == pytest.approx(-5_000) and rows[lever]["delta_high"] == 0
    assert idle_up(list(rows.values())) == ["sellers", "contacts_per_seller"]
    tight = TEAM_SLACK.with_(contacts_per_seller=45)  # 90 handle 100: +10 % moves the turnover
    assert idle_up(sensitivity(tight, "turnover")) == []


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "ru",
            "+10 % к числу продавцов или к лидам на продавца ничего не меняют: команда уже справляется с нынешними лидами",
        ),
        ("en", "+10% on sellers or on leads per seller changes nothing: the team already handles today's leads"),
    ],
    ids=["ru", "en"],
)
def test_the_tornado_says_why_the_team_has_no_plus_ten_percent_bar(lang, said):
    """Screen review: the sellers' bars stood at −10 % alone with no word. The sentence under the
    tornado's title, in the report's figure and the app's; none when the team is the limit."""
    from ui.views.planner import charts as pc

    rows = sensitivity(TEAM_SLACK, "turnover")
    assert plain(figures.idle_note(rows, lang) or "") == said
    report = plain(re.sub(r"<[^>]+>", " ", figures.tornado(rows, "turnover", lang).layout.title.text))
    assert " ".join(said.split()) in " ".join(report.split())
    if lang == "ru":  # the app's language in a bare run
        app = plain(re.sub(r"<[^>]+>", " ", pc.tornado(rows, "Оборот").layout.title.text))
        assert " ".join(said.split()) in " ".join(app.split())
    tight = sensitivity(TEAM_SLACK.with_(contacts_per_seller=45), "turnover")
    assert figures.idle_note(tight, lang) is None
    assert "<br>" not in figures.tornado(tight, "turnover", lang).layout.title.text


def test_the_tornados_note_has_room_above_the_plot_in_the_printed_report():
    """Opening the PDF by hand: the note's three lines under the title ran into the first bar's
    label («Конверсия в сделку»), and at the printed 300 px the legend sat on the axis title.
    The title hangs from the top edge and the margin holds its lines; the printed chart is taller
    by them, sized before the margins are reserved (the legend's place is a share of the plot)."""
    from funnel import charts
    from funnel.report import html as report_html

    rows = sensitivity(TEAM_SLACK, "turnover")
    fig = figures.tornado(rows, "turnover", "ru")
    more = fig.layout.title.text.count("<br>")
    assert more >= 2  # the note wraps (IDLE_WRAP)
    styled = charts.style(fig, "ru")
    assert (styled.layout.title.yref, styled.layout.title.y, styled.layout.title.yanchor) == ("container", 1, "top")
    # 12 px from the top, the title's line (16 px × 1,35), 18 px a note's line, 16 px of gap
    assert styled.layout.margin.t == round(12 + 16 * 1.35 + more * 18 + 16)
    assert fig.layout.height == 360 + 18 * more
    printed = report_html._figures([figures.tornado(rows, "turnover", "ru")], "ru", static=True)
    assert f'"height":{report_html.STATIC_HEIGHT + 18 * more}' in printed.replace(" ", "")
    # a one-line title is placed as before
    plain_fig = charts.style(
        figures.tornado(sensitivity(TEAM_SLACK.with_(contacts_per_seller=45), "turnover"), "turnover", "ru"), "ru"
    )
    assert plain_fig.layout.margin.t == 56 and plain_fig.layout.title.yref is None
