"""The colours a chart gives its series, and how their contrast against the white page is measured.

Streamlit's light theme pairs each of five hues with a pale tint of it (#83c9ff, #ffabab,
#7defa1, #ffd16a): on white those tints are hard to see (1.4–1.8 : 1), and its teal and orange
are below the 3 : 1 that WCAG 2.1 (1.4.11, non-text contrast) asks of a line or a mark that
carries meaning. The channels' lines by month and the bubbles of the Channels page drew their
sixth to ninth series in the tints (screen review #16). So the series take STRONG, each at least
3 : 1 on white: Streamlit's blue, red and violet as they are, its teal and orange darkened until
they pass, and four hues of the same weight; the tints (PALE) only where a chart has more series
than STRONG has colours, and then for its smallest ones. The pale grey (OTHER) is kept for
«Other», the groups a chart folds together (funnel.chart_series).
"""

from __future__ import annotations

WHITE = "#ffffff"
# Each at least 3 : 1 on white (contrast), neighbours in rank of different hues. WCAG contrast on
# white, as worked out by contrast(): blue 5.49, red 3.73, teal 3.66, orange 3.58, violet 6.73,
# green 4.34, magenta 5.43, brown 5.76, slate 6.99.
STRONG = (
    "#0068c9",  # Streamlit's blue
    "#ff2b2b",  # Streamlit's red
    "#1d9683",  # Streamlit's teal #29b09d (2.70 : 1), darkened
    "#d46a00",  # Streamlit's orange #ff8700 (2.41 : 1), darkened
    "#6d3fc0",  # Streamlit's violet
    "#3a8a22",  # green
    "#c2257f",  # magenta
    "#8d5a33",  # brown
    "#4d5a6e",  # slate
)
# Streamlit's pale tints of its blue, red, green and yellow: for the smallest series past STRONG.
PALE = ("#83c9ff", "#ffabab", "#7defa1", "#ffd16a")
# «Other»: a mid grey, 2,2 : 1 on white, under the series' 3 : 1 so it says "the rest", never a
# series of its own, and still seen: Streamlit's #d5dae5 (1,4 : 1) was "barely visible" to three
# screen reviewers where «Прочие» was the largest part of a lost-reasons bar (review #16).
OTHER = "#a8afbb"
LEAST_CONTRAST = 3.0  # WCAG 2.1, 1.4.11: graphical objects against what is next to them


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of ``colour`` ("#rrggbb"): 0.2126 R + 0.7152 G + 0.0722 B of
    the linearised sRGB channels (0 for black, 1 for white)."""
    r, g, b = (_linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour: str, background: str = WHITE) -> float:
    """WCAG 2.1's contrast ratio (L1 + 0.05) ÷ (L2 + 0.05), the lighter's luminance over the
    darker's: from 1 (the same) to 21 (black on white)."""
    a, b = sorted((luminance(colour), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def translucent(colour: str, alpha: float) -> str:
    """``colour`` ("#rrggbb") as CSS's "rgba(r, g, b, alpha)": a fill that shows what lies under it."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"


def series(n: int) -> list[str]:
    """The colours of ``n`` series drawn largest first: STRONG in order; past them, the smallest
    series (at most len(PALE) of them, the last ones) take the pale tints and any between start
    again at STRONG's first (funnel.chart_series.symbols gives those a shape of their own). Never
    OTHER. n ≤ 9: all strong; 10: nine strong, one tint; 15: eleven strong, four tints."""
    pale = min(len(PALE), max(n - len(STRONG), 0))
    return [STRONG[i % len(STRONG)] for i in range(n - pale)] + list(PALE[:pale])
