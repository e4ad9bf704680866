"""Issue #16, what a person sees on a phone (390 px) and on a laptop from one figure: the charts
the screen review found cut, piled up or drawn pale, checked on the Plotly figures as the app
sends them (ui.styled: funnel.charts.style). The server does not know the screen's width, so each
figure has one design that reads at both widths; the browser walk's pictures at 390×844 are the
look at them (tests/browser/test_screens.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from funnel import chart_series, charts, palette
from tests.helpers.screen import plain, t  # as read: a number and its unit joined by U+00A0

BLUE, GREY = charts.PALETTE[0], charts.PALETTE[9]
OTHER = palette.OTHER  # «Other»'s grey (darker than Streamlit's GREY since review #16)


# ---- the series' colours ---------------------------------------------------------------------------
def test_the_grey_is_no_series_colour_of_the_template():
    """Ten series in the template's colours: the tenth took #d5dae5, a grey close to the white
    background. Now the template's colours are the nine strong ones (funnel.palette.STRONG, no
    pale tint among them); a tenth starts again at blue."""
    assert GREY == "#d5dae5"
    assert GREY not in charts.TEMPLATE.layout.colorway
    assert list(charts.TEMPLATE.layout.colorway) == list(palette.STRONG)
    assert not set(palette.PALE) & set(charts.TEMPLATE.layout.colorway)


@pytest.mark.parametrize(
    ("sizes", "order"),
    [
        pytest.param({"b": 1, "a": 5, "c": 3}, ["a", "c", "b"], id="largest-first"),
        pytest.param({"b": 2, "a": 2, "c": None}, ["a", "b", "c"], id="ties-by-name-missing-is-0"),
    ],
)
def test_groups_are_ranked_largest_first(sizes, order):
    assert chart_series.ranked(pd.Series(sizes)) == order


def test_past_nine_groups_the_eight_largest_and_the_rest_together():
    nine = pd.Series({f"g{i}": 100 - i for i in range(9)})
    assert chart_series.split(nine) == (list(nine.index), [])
    ten = pd.Series({f"g{i}": 100 - i for i in range(10)})
    assert chart_series.split(ten) == ([f"g{i}" for i in range(8)], ["g8", "g9"])


def test_ranked_colours_are_strong_first_and_never_the_grey():
    """Nine strong colours, then (20 groups) the eleven next largest in them again and the four
    smallest in the pale tints, the tints last."""
    colours = chart_series.colours(20)
    assert colours[:5] == ["#0068c9", "#ff2b2b", "#1d9683", "#d46a00", "#6d3fc0"]
    assert OTHER not in colours and colours[9] == BLUE  # round again, at blue
    assert colours[16:] == list(palette.PALE) and not set(palette.PALE) & set(colours[:16])
    assert chart_series.colour_map(["x", "none", "y"], other="none") == {"x": BLUE, "y": "#ff2b2b", "none": OTHER}


def _spend_only() -> pd.DataFrame:
    """Ten channels, two months of spend only (no leads): the demo's spend-only workspace in
    small. «Яндекс Директ» spends most and comes last by name (Я); «Email» and «Радио» least."""
    spend = {
        "Выставки": 300,
        "Вебинары": 120,
        "Email": 10,
        "Партнёры": 110,
        "Радио": 20,
        "Рекомендации": 130,
        "SEO": 140,
        "VK Реклама": 150,
        "Холодные звонки": 160,
        "Яндекс Директ": 400,
    }
    rows = [
        {"month": m, "grp": g, "leads": 0, "won": 0, "revenue": None, "spend": float(v) + k, "cpl": None}
        for k, m in enumerate(["2026-05-01", "2026-06-01"])
        for g, v in spend.items()
    ]
    return pd.DataFrame(rows).assign(conversion=None)


def test_the_biggest_channel_is_blue_and_only_the_rest_is_grey():
    """Drawn by name, «Яндекс Директ» came tenth and took the grey. By size it comes first: blue;
    «Выставки» second: red. The two smallest (Email 10 + 11, Радио 20 + 21) are one grey line
    «Прочие»: 30 in May, 32 in June."""
    from ui.views.channels import channel_trend_figure

    fig = channel_trend_figure(_spend_only(), "spend")
    colours = {tr.name: tr.line.color for tr in fig.data}
    assert colours["Яндекс Директ"] == BLUE and colours["Выставки"] == "#ff2b2b"
    assert [n for n, c in colours.items() if c == OTHER] == ["Прочие"]
    assert len(fig.data) == 9 and "Email" not in colours and "Радио" not in colours
    other = next(tr for tr in fig.data if tr.name == "Прочие")
    assert list(other.y) == [30.0, 32.0]


def test_other_channels_share_is_worked_out_from_their_sums():
    """«Прочие» of two channels in one month: A 10 leads, 1 won, spend 1 000; B 30 leads, 1 won,
    spend 1 000. Conversion (1 + 1) ÷ (10 + 30) = 5 %, CPL 2 000 ÷ 40 = 50 (not the mean of 10 %
    and 3.3 %); a month without leads: both "—" (NaN)."""
    df = pd.DataFrame(
        {
            "month": ["2026-03-01", "2026-03-01", "2026-04-01"],
            "grp": ["A", "B", "A"],
            "leads": [10, 30, 0],
            "won": [1, 1, 0],
            "revenue": [None, 500.0, None],
            "spend": [1000.0, 1000.0, 300.0],
        }
    )
    rest = chart_series.monthly_rest(df, ["A", "B"])
    assert list(rest["conversion"][:1]) == [0.05] and list(rest["cpl"][:1]) == [50.0]
    assert list(rest["revenue"][:1]) == [500.0] and math.isnan(rest["revenue"][1])
    assert math.isnan(rest["conversion"][1]) and math.isnan(rest["cpl"][1])


def test_lost_reasons_take_colours_by_how_many_deals_they_lost():
    """«Дорого» lost the most (5 + 2 deals): blue; «Нет ответа» (3): red; no reason given: the grey
    of a remainder. By name, the reason sorted tenth took the grey."""
    from ui.views.funnel import reason_colours

    by_stage = pd.DataFrame({"reason": ["Нет ответа", "Дорого", None], "deals": [3, 5, 4]})
    by_month = pd.DataFrame({"reason": ["Дорого"], "deals": [2]})
    colours = reason_colours(by_stage, by_month)
    assert colours["Дорого"] == BLUE and colours["Нет ответа"] == "#ff2b2b"
    assert colours[t("an.reason.none")] == OTHER


# ---- the breakdown says it shows the largest groups ------------------------------------------------
def _breakdown(groups: int) -> pd.DataFrame:
    """Two stages per group; group g{i} has 100 - i deals at the first stage, half of them at the
    second (g9 and g10: 91 and 90 reach the first, 45 and 45 the second)."""
    rows = []
    for i in range(groups):
        first = 100 - i
        rows += [
            {"grp": f"g{i}", "stage": "Интерес", "position": 1, "reached": first, "conversion_from_first": 1.0},
            {"grp": f"g{i}", "stage": "Договор", "position": 2, "reached": first // 2, "conversion_from_first": 0.5},
        ]
    return pd.DataFrame(rows)


def test_the_breakdown_names_its_eight_largest_and_folds_the_rest():
    """Ten channels: the eight largest, then «Прочие» (g8 + g9: 92 + 91 = 183 at the first stage,
    46 + 45 = 91 at the second, 91 ÷ 183), in grey; the title says so, in both languages."""
    from ui.views.funnel import breakdown_figure

    fig = breakdown_figure(_breakdown(10), "channel")
    assert [tr.name for tr in fig.data] == [f"g{i}" for i in range(8)] + ["Прочие"]
    other = fig.data[-1]
    assert other.marker.color == OTHER and list(other.x) == pytest.approx([1.0, 91 / 183])
    assert OTHER not in [tr.marker.color for tr in fig.data[:-1]]
    assert "8 крупнейших из 10 каналов по сделкам" in plain(fig.layout.title.text)
    assert "остальные — «Прочие»" in fig.layout.title.text
    en = t("an.fn.breakdown_top.owner", "en", n="8", total="12")
    assert en.replace("\n", " ") == "The 8 largest of 12 owners by deals at the first stage, the rest as “Other”"
    assert t("an.fn.breakdown_top.segment", "ru", n="8", total="21").startswith("8 крупнейших из 21 сегмента")


def test_a_breakdown_of_nine_draws_them_all_and_says_nothing_of_a_top():
    from ui.views.funnel import breakdown_figure

    fig = breakdown_figure(_breakdown(9), "owner")
    assert len(fig.data) == 9 and "Прочие" not in [tr.name for tr in fig.data]
    assert not fig.layout.title.text  # the heading above names the chart (an.fn.breakdown)


# ---- a phone's width --------------------------------------------------------------------------------
def _times() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": ["Первичный интерес", "Подтверждённый интерес", "Предложение на рассмотрении"],
            "median_days": [4.0, 7.0, 7.0],
            "p80_days": [6.0, 12.0, 12.0],
            "norm_days": [5.0, 10.0, 10.0],
        }
    )


def _legend_above(fig) -> None:
    """The legend hangs from under the title, above the plot, and the top margin holds both."""
    legend, height = fig.layout.legend, fig.layout.height
    assert (legend.orientation, legend.yref, legend.yanchor) == ("h", "container", "top")
    top_of_plot = 1 - fig.layout.margin.t / height
    assert 0.8 < legend.y < 1 and legend.y > top_of_plot  # under the title, over the plot


def test_stage_times_put_the_stages_down_the_side_and_the_legend_above():
    """Under the bars the stage names stood on end and were cut on a phone, with the legend over
    them: now the bars lie flat, the names read level on the y axis (first stage on top, wrapped),
    the days along x, and the legend sits above the plot."""
    from ui.show import styled
    from ui.views.funnel import times_figure

    fig = styled(times_figure(_times()))
    assert all(tr.orientation == "h" for tr in fig.data if tr.type == "bar")
    assert list(fig.data[0].y)[2] == "Предложение на<br>рассмотрении"
    assert fig.layout.yaxis.autorange == "reversed" and fig.layout.xaxis.title.text == "Рабочих дней"
    assert fig.layout.xaxis.tickangle is None  # nothing tilted
    _legend_above(fig)


def test_cohorts_are_months_on_a_date_axis_labelled_every_month_level():
    """Twelve cohorts, each labelled "нояб. 2025" on a category axis: tilted on end and cut on a
    phone. On a month axis a label every month ("янв" over "2026"), level (a phone's thinned by
    its CSS: funnel.charts.phone_months_css, every second of twelve), the month's name in the
    hover, the legend above the plot, not over the axis's title."""
    from ui.show import styled
    from ui.views.time.maturity import final_figure

    months = pd.date_range("2025-11-01", periods=12, freq="MS")
    table = pd.DataFrame(
        {
            "month": months,
            "conversion": [0.03] * 11 + [0.001],
            "projected": [None] * 10 + [0.035, 0.03],
            "projected_p10": [None] * 10 + [0.025, 0.02],
            "projected_p90": [None] * 10 + [0.045, 0.043],
        }
    )
    fig = styled(final_figure(table))
    assert list(fig.data[0].x) == list(months)  # dates, not names
    axis = fig.layout.xaxis
    # written as the Overview's trend (month_axis(..., first=…)): twelve labels, the first and the
    # January with their years
    assert (axis.tickmode, axis.tickangle, len(axis.tickvals)) == ("array", 0, 12)
    assert axis.ticktext[:3] == ("нояб.<br>2025", "дек.", "янв.<br>2026")
    assert charts.phone_month_step(12) == 2
    assert fig.data[0].text[0] == "нояб. 2025"
    _legend_above(fig)


def test_the_legends_rows_are_counted_as_a_phone_lays_them_out():
    """Nine channels' names: the widest item («Холодные звонки», 40 px + 15 letters × 0.65 em ×
    13 px = 167 px) is wider than half of a phone's plot, so plotly.js puts one item a row: nine
    rows, 20 px each, and the figure grows by them (450 + 180), so the phone's plot keeps its
    height. The top margin holds the rows of a wide screen's plot (880 px: 880 ÷ 167 = 5 columns,
    9 ÷ 5 → 2 rows), not the phone's nine: sized for those, it left ~150 px of white between the
    legend and the plot at 1440 and 1280 (review #16). On a phone plotly.js pushes the plot down
    by the rows it needs (the legend hangs from the container, automargin measures it)."""
    from ui.views.channels import channel_trend_figure

    df = _spend_only()
    df = df[~df["grp"].isin(["Email"])]  # nine channels: each drawn, none folded
    fig = channel_trend_figure(df, "spend")
    assert len(fig.data) == 9
    assert (charts.legend_rows(fig), charts.legend_rows(fig, charts.WIDE_PLOT)) == (9, 2)
    assert fig.layout.height == 450 + 9 * charts.LEGEND_ROW
    assert not fig.layout.title.text  # the section's heading above names the chart
    title = 12 + 8  # no title line, only its pads
    assert fig.layout.margin.t == round(
        title + 2 * charts.LEGEND_ROW + 24
    )  # 84 px (106 with the title's line), was 238 (+24: the 1440 walk saw +16 pushed by 4 px)
    _legend_above(fig)


def _channels() -> pd.DataFrame:
    """Nine channels as the demo's bubble chart draws them: test_chart_look's own."""
    from tests.analytics.test_chart_look import _channels as channels

    return channels()


WIDE_BUBBLES = (880, 290)  # px: the bubbles' plot at 1440 (the phone's: charts.PHONE_PLOT)


def test_every_bubble_is_in_the_legend_in_a_look_of_its_own_largest_first():
    """At 1440 four of ten bubbles had names and «Яндекс Директ», third by revenue, none: now each
    channel is a trace of its own in the legend (above the plot), in the order of revenue
    (Рекомендации and Яндекс Директ 9 M: by name; Партнёры 8 M, Выставки 5 M, SEO 4 M, Вебинары 3 M,
    Email 0.2 M, VK and cold calls 0.1 M), each colour and shape its own, the strongest colours
    for the largest; a tenth channel, the smallest, is the one in a pale tint."""
    from ui.views.channels import bubble_figure

    df = _channels()
    fig = bubble_figure(df)
    order = ["Рекомендации", "Яндекс Директ", "Партнёры", "Выставки", "SEO", "Вебинары", "Email-рассылки"]
    assert [tr.name for tr in fig.data] == order + ["VK Реклама", "Холодные звонки"]
    assert fig.layout.showlegend is True and fig.layout.legend.itemsizing == "constant"
    assert [tr.marker.line.color for tr in fig.data] == chart_series.colours(9)  # the edge; the fill see-through
    assert [tr.marker.line.color for tr in fig.data][:2] == [BLUE, "#ff2b2b"]
    assert fig.data[0].marker.color == "rgba(0, 104, 201, 0.6)"  # #0068c9
    _legend_above(fig)
    ten = pd.concat([df, pd.DataFrame({"grp": ["Радио"], "is_total": [False], "cpl": [700.0]})])
    ten = bubble_figure(ten.assign(conversion=ten["conversion"].fillna(0.02), revenue=ten["revenue"].fillna(5e4)))
    looks = [(tr.marker.line.color, tr.marker.symbol) for tr in ten.data]
    # past the nine strong colours the smallest, «Радио», takes a pale tint (funnel.palette)
    assert len(set(looks)) == 10 and looks[-1] == (palette.PALE[0], "circle") and ten.data[-1].name == "Радио"


def test_bubbles_name_only_the_biggest_where_a_phone_has_room():
    """Nine names piled up on a phone. At most five, of the five largest revenues (Рекомендации,
    Яндекс Директ 9 M, Партнёры 8 M, Выставки 5 M, SEO 4 M), each where its box, on a phone's
    plot (240 × 290 px), is clear of every bubble and every other name and inside the plot; the
    axes' ranges are the ones the places were worked out for (plotly.js's own put the bubbles
    elsewhere: «Выставки» and «Партнёры» met on a phone). The same names are clear of each other
    at 1440 (the plot wider, as tall). The hover names every bubble; each name in its colour."""
    from ui.views.channels import bubble_figure

    df = _channels()
    fig = bubble_figure(df)
    shown = [tr.text[0] for tr in fig.data if tr.text[0]]
    assert 0 < len(shown) <= charts.BUBBLE_LABELS
    assert set(shown) <= {"Рекомендации", "Яндекс Директ", "Партнёры", "Выставки", "SEO"}
    assert "Рекомендации" in shown  # alone in its corner
    assert all(f"<b>{tr.name}</b>" in tr.hovertext[0] for tr in fig.data)
    assert all(tr.textfont.color == tr.marker.line.color for tr in fig.data)
    assert list(fig.layout.xaxis.range) == pytest.approx(charts.label_range(df["cpl"], log=True))
    assert list(fig.layout.yaxis.range) == pytest.approx([0.003 - 0.217 / 8, 0.22 + 0.217 / 8])
    for plot in (charts.PHONE_PLOT, WIDE_BUBBLES):
        boxes = _label_boxes(df, fig, plot)
        for i, a in enumerate(boxes):
            assert 0 <= a[0] and a[2] <= plot[0] and 0 <= a[1] and a[3] <= plot[1]
            assert not any(charts._overlap(a, b) for b in boxes[i + 1 :]), plot


def _label_boxes(df, fig, plot=charts.PHONE_PLOT) -> list[tuple]:
    """The shown names' boxes on a plot of ``plot`` px, as charts.label_positions lays them out
    (10 % of the plot left either side of the points)."""
    width, height = plot
    by_name = df.set_index("grp")
    xs = [math.log10(by_name.loc[tr.name, "cpl"]) for tr in fig.data]
    ys = [by_name.loc[tr.name, "conversion"] for tr in fig.data]

    def scale(values, length):
        lo, hi = min(values), max(values)
        return [(v - lo) / (hi - lo) * length * 0.8 + length * 0.1 for v in values]

    px, py = scale(xs, width), scale(ys, height)
    out = []
    for i, tr in enumerate(fig.data):
        name, place = tr.text[0], tr.textposition
        if not name:
            continue
        w, h, r = charts._text_width(name, 13), 13 * charts.LINE, tr.marker.size[0] / 2
        out.append(
            {
                "top center": (px[i] - w / 2, py[i] + r, px[i] + w / 2, py[i] + r + h),
                "bottom center": (px[i] - w / 2, py[i] - r - h, px[i] + w / 2, py[i] - r),
                "middle right": (px[i] + r, py[i] - h / 2, px[i] + r + w, py[i] + h / 2),
                "middle left": (px[i] - r - w, py[i] - h / 2, px[i] - r, py[i] + h / 2),
            }[place]
        )
    return out


def test_a_log_axis_over_one_to_two_powers_has_five_level_ticks():
    """CPLs from 150 to 9 000 ₽ (1.8 powers of ten): ticks at 1, 2 and 5 times each power were
    seven, tilted on a phone; at 1 and 3 times each, five: 100, 300, 1 000, 3 000, 10 000."""
    assert charts.log_ticks(150, 9000) == [100, 300, 1000, 3000, 10000]
    assert charts.log_ticks(150, 900) == [100, 200, 500, 1000]  # under one power: 1, 2, 5
    assert charts.log_ticks(10, 100_000) == [10, 100, 1000, 10_000, 100_000]


def test_cohort_curves_read_oldest_light_to_newest_dark_with_the_legend_above():
    """Twelve cohorts in the strong colours went round them (November and August both blue), and
    their legend, below, lay over the age axis's title on a phone. Now one hue, lightest for the
    oldest, darkest for the newest, each its own; the legend above the plot."""
    from ui.show import styled
    from ui.views.time.maturity import curves_figure

    months = pd.date_range("2025-11-01", periods=12, freq="MS")
    curves = pd.DataFrame(
        [{"month": m, "age_days": a, "conversion": 0.01 * k} for m in months for k, a in enumerate((7, 30, 90))]
    )
    fig = styled(curves_figure(curves))
    colours = [tr.line.color for tr in fig.data]
    assert len(set(colours)) == 12 and colours[0] == chart_series.OLDEST and colours[-1] == chart_series.NEWEST
    assert chart_series.sequence(3)[1] == "#5486b6"  # halfway: (0xa8 + 0x00) ÷ 2 = 0x54, …
    _legend_above(fig)


def test_free_leads_have_no_bubble_and_all_free_draws_no_chart():
    """CPL 0 (leads that cost nothing) has no place on the log axis: with every CPL 0 the chart's
    empty range raised plotly's ValueError (a traceback on the Channels page); now there is no
    chart (has_bubbles false: the page's caption says why), and a free channel beside paid ones is
    left out of the chart and its legend."""
    from ui.views.channels import bubble_figure, has_bubbles

    free = _channels().assign(cpl=0.0)
    assert not has_bubbles(free)
    mixed = _channels()
    mixed.loc[mixed["grp"] == "SEO", "cpl"] = 0.0
    assert has_bubbles(mixed)
    assert "SEO" not in [tr.name for tr in bubble_figure(mixed).data]
    assert len(bubble_figure(mixed).data) == 8


def test_a_missing_revenue_weighs_nothing_when_names_are_chosen():
    """NaN revenue sorted as NaN and made the named bubbles arbitrary: it weighs 0, so of six
    bubbles far apart the five named are the five with a revenue."""
    n = charts.BUBBLE_LABELS + 1
    xs, ys = [10.0**k for k in range(n)], [0.05 * (k + 1) for k in range(n)]
    names = [f"c{k}" for k in range(n)]
    weights = [float("nan")] + [float(k) for k in range(1, n)]
    texts, _ = charts.bubble_labels(xs, ys, names, [8] * n, weights, log_x=True)
    assert texts[0] == "" and all(texts[1:]), texts


@pytest.mark.parametrize(
    ("metric", "axis"),
    [("spend", "Расходы, ₽"), ("cpl", "CPL, ₽"), ("revenue", "Оборот, ₽"), ("leads", "Лиды"), ("won", None)],
)
def test_the_channels_by_month_money_axes_carry_the_currency(metric, axis):
    """«Каналы по месяцам» on spend only read «Расходы» with no currency where the Overview's axis
    reads «Расходы, ₽» (review #16): every money measure (spend, CPL, revenue) carries it; a count
    does not (outside a session: Russian, ₽)."""
    from ui.views.channels import channel_trend_figure

    df = _spend_only().assign(leads=10, won=1, revenue=1000.0, cpl=5.0)
    title = channel_trend_figure(df, metric).layout.yaxis.title.text
    if axis is None:
        assert "₽" not in title
    else:
        assert title == axis


def test_the_overviews_phone_labels_carry_their_years():
    """Review #16 (thirteenth): at 390 px the Overview's twelve months from November 2025 read
    «нояб. 2026 февр. май авг.»: the first label without its 2025, the hidden January's 2026
    between. The labels are written on the figure (funnel.charts.month_labels): the phone keeps
    every third (MONTH_LABELS: four), the first with its year, February with 2026 (the year
    changed at the January it hides); a desktop writes the year under November and January, and
    its CSS hides February's, which is the phone's alone; the phone's CSS hides January whole."""
    from datetime import date

    from ui.views.overview import trend_figure

    df = pd.DataFrame({"month": pd.date_range("2025-11-01", periods=12, freq="MS"), "leads": range(1, 13)})
    axis = trend_figure(df).layout.xaxis
    assert list(axis.ticktext[::3]) == ["нояб.<br>2025", "февр.<br>2026", "май", "авг."]
    years = [i for i, text in enumerate(axis.ticktext) if "<br>" in text]
    assert years == [0, 2, 3]  # November, January (a desktop's), February (the phone's)
    labels = charts.month_labels(date(2025, 11, 1), 12, charts.TREND_MONTHS, charts.MONTH_LABELS)
    assert (labels.step, labels.wide_year[:4], labels.phone_year[:4]) == (3, [1, 0, 1, 0], [1, 0, 0, 1])
    css = charts.phone_months_css(".k", 12, charts.TREND_MONTHS, charts.MONTH_LABELS, first=date(2025, 11, 1))
    phone, wide = css.split("@media (min-width: 641px)")
    assert ".xtick:not(:nth-child(3n+1)) text" in phone and "tspan" not in phone  # January's year hidden with it
    assert ".xtick:nth-child(4) text tspan.line + tspan.line" in wide and "nth-child(3)" not in wide
