"""Review #16: «Каналы по месяцам» and the Channels' bubbles drew their sixth to ninth series in
Streamlit's pale tints (#83c9ff, #ffabab, #7defa1, #ffd16a: 1.4–1.8 : 1 on white), and its teal
and orange are under WCAG's 3 : 1 for a mark that carries meaning (2.70 and 2.41). The figures as
the app builds them: the first series, up to as many as there are strong colours, each at least
3 : 1 on white; a pale tint only past them, for the smallest; «Other» grey."""

from __future__ import annotations

import pandas as pd
import pytest

from funnel import palette
from funnel.palette import contrast


@pytest.mark.parametrize(
    ("colour", "ratio"),
    [
        pytest.param("#000000", 21.0, id="black-21"),  # (1 + 0.05) ÷ (0 + 0.05)
        pytest.param("#ffffff", 1.0, id="white-1"),
        # #777777: 0x77 / 255 = 0.4667, ((0.4667 + 0.055) / 1.055)^2.4 = 0.1845, 1.05 ÷ 0.2345 = 4.48
        pytest.param("#777777", 4.48, id="grey-777-4.48"),
        # #ff0000: L = 0.2126, 1.05 ÷ 0.2626 = 4.00
        pytest.param("#ff0000", 4.00, id="red-4.00"),
        pytest.param("#83c9ff", 1.79, id="pale-blue-1.79"),
        pytest.param("#29b09d", 2.70, id="streamlit-teal-2.70"),
    ],
)
def test_contrast_is_wcag_21s_ratio(colour, ratio):
    assert contrast(colour) == pytest.approx(ratio, abs=0.01)


def test_every_strong_colour_is_3_to_1_on_white_and_every_tint_is_not():
    assert all(contrast(c) >= palette.LEAST_CONTRAST for c in palette.STRONG), {
        c: round(contrast(c), 2) for c in palette.STRONG
    }
    assert all(contrast(c) < palette.LEAST_CONTRAST for c in (*palette.PALE, palette.OTHER))
    assert len(set(palette.STRONG)) == len(palette.STRONG) == 9


def _months(n: int) -> pd.DataFrame:
    """``n`` channels over two months, channel i with 100 − i leads each month (so ranked in
    order: c00 first), 1 won, spend 1 000."""
    rows = [
        {"month": m, "grp": f"c{i:02}", "leads": 100 - i, "won": 1, "revenue": 1e5, "spend": 1e3}
        for m in ("2026-05-01", "2026-06-01")
        for i in range(n)
    ]
    df = pd.DataFrame(rows)
    return df.assign(cpl=df["spend"] / df["leads"], conversion=df["won"] / df["leads"])


@pytest.mark.parametrize("n", range(1, 10), ids=lambda n: f"{n}-channels")
def test_channels_by_month_draw_every_line_in_a_strong_colour(n):
    """Up to nine channels (as many as strong colours), each line its own colour, each at
    least 3 : 1 on white: the fifth to ninth were the tints before."""
    from ui.views.channels import channel_trend_figure

    fig = channel_trend_figure(_months(n), "leads")
    lines = [tr.line.color for tr in fig.data]
    assert [tr.name for tr in fig.data] == [f"c{i:02}" for i in range(n)]
    assert len(set(lines)) == n
    assert all(contrast(c) >= 3 for c in lines), {c: round(contrast(c), 2) for c in lines}


def test_past_nine_channels_the_rest_is_one_grey_line_and_the_others_strong():
    """Twelve channels: the eight largest in strong colours, «Прочие» (c08 … c11) grey."""
    from ui.views.channels import channel_trend_figure

    fig = channel_trend_figure(_months(12), "leads")
    lines = {tr.name: tr.line.color for tr in fig.data}
    assert list(lines) == [f"c{i:02}" for i in range(8)] + ["Прочие"]
    assert lines.pop("Прочие") == palette.OTHER
    assert all(contrast(c) >= 3 for c in lines.values())


def _bubbles(n: int) -> pd.DataFrame:
    """``n`` channels with a CPL, a conversion and revenue 1 000 × (20 − i): ranked in order."""
    return pd.DataFrame(
        {
            "grp": [f"c{i:02}" for i in range(n)],
            "is_total": False,
            "cpl": [100.0 + 40 * i for i in range(n)],
            "conversion": [0.01 + 0.003 * i for i in range(n)],
            "revenue": [1000.0 * (20 - i) for i in range(n)],
        }
    )


@pytest.mark.parametrize(("n", "pale"), [(5, 0), (9, 0), (10, 1), (13, 4)], ids=lambda v: str(v))
def test_bubbles_are_strong_and_a_tint_only_for_the_smallest_past_nine(n, pale):
    """The bubbles by revenue: nine and fewer all strong (≥ 3 : 1); ten, the smallest (c09) in a
    tint; thirteen, the four smallest (c09 … c12). A bubble's edge is its colour in full: at
    opacity 0.6 the whole bubble was under 3 : 1 (#0068c9 at 0.6 on white is #66a4df, 2.6 : 1)."""
    from ui.views.channels import bubble_figure

    fig = bubble_figure(_bubbles(n))
    colours = [tr.marker.line.color for tr in fig.data]  # each bubble's edge; its fill see-through
    assert [tr.marker.color for tr in fig.data] == [palette.translucent(c, 0.6) for c in colours]
    assert [tr.name for tr in fig.data] == [f"c{i:02}" for i in range(n)]
    strong = colours[: n - pale]
    assert all(contrast(c) >= 3 for c in strong), strong
    assert colours[n - pale :] == list(palette.PALE[:pale])
    assert palette.OTHER not in colours
