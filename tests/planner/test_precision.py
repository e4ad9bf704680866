"""How a person reads a planner figure (funnel.model.precision): the baseline line and the levers'
boxes write the model's exact values with these decimals."""

import pytest

from funnel.model import precision


@pytest.mark.parametrize(
    ("kind", "value", "places", "rounded_away"),
    [
        pytest.param("count", 15_237 / 12, 0, True, id="leads-a-month-1269.75-reads-1270"),
        pytest.param("count", 215.9, 0, True, id="reach-215.9-reads-216"),
        pytest.param("count", 40.4, 1, False, id="deals-40.4-keeps-its-decimal"),
        pytest.param("count", 2.0, 0, False, id="two-deals-not-2.00"),
        pytest.param("count", 2.5, 1, False, id="leads-2.5"),
        pytest.param("share", 485 / 15_237 * 100, 2, True, id="conversion-3.1830-reads-3.18"),
        pytest.param("share", 50.0, 0, False, id="win-rate-50-not-50.00"),
        pytest.param("share", 20.754716981, 2, True, id="win-rate-20.7547-reads-20.75"),
        pytest.param("money", 96_530_000 / 485, 0, True, id="check-199030.93-reads-199031"),
        pytest.param("money", 30_000.0, 0, False, id="check-whole"),
        pytest.param("days", 48.0, 0, False, id="cycle-48-not-48.0"),
        # one rule for a time (the Time page's cards and every table): one decimal below 10,
        # whole from 10 up, never «,0»
        pytest.param("days", 4.0, 0, False, id="days-4-not-4.0"),
        pytest.param("days", 4.46, 1, True, id="days-4.46-reads-4.5"),
        pytest.param("days", 9.96, 0, True, id="days-9.96-reads-10-not-10.0"),
        pytest.param("days", 47.5, 0, True, id="days-47.5-reads-48"),
        pytest.param("hours", 4.4, 1, False, id="hours-4.4"),
        pytest.param("hours", 18.0, 0, False, id="hours-18-not-18.0"),
        pytest.param("hours", 127.3, 0, True, id="hours-127.3-reads-127"),
        pytest.param("count", None, 0, False, id="none"),
    ],
)
def test_places(kind, value, places, rounded_away):
    assert precision.places(kind, value) == places
    assert precision.rounded_away(kind, value) is rounded_away


@pytest.mark.parametrize(
    ("key", "kind", "value", "places"),
    [
        # the demo's ROMI, (8 044 167 − 1 684 811) ÷ 1 684 811 = 377,45 %: whole, as the Planner's card
        pytest.param("romi", "share", 377.45, 0, id="romi-377.45-reads-377"),
        pytest.param("mix_romi", "share", 87.65, 0, id="mix-romi-whole"),
        pytest.param("load", "share", 55.56, 0, id="load-55.56-reads-56"),
        pytest.param("conversion", "share", 3.1830, 2, id="conversion-keeps-its-rule"),
        pytest.param("deals", "count", 40.4, 1, id="deals-40.4"),
        pytest.param("web_leads", "count", 30.0, 0, id="web-leads-30-not-30.0"),
        pytest.param("web_leads", "count", 22.5, 1, id="web-leads-22.5"),
        # a whole-percent share that is not 0 never reads 0 (the tables' rule, formatting.share):
        # ДРР 62 032 ÷ 20 603 000 = 0,301 % reads «0,3 %», 0,004 % «0,004 %»… at most two places
        pytest.param("drr", "share", 0.301, 1, id="drr-0.3-not-0"),
        pytest.param("drr", "share", 0.04, 2, id="drr-0.04"),
        pytest.param("drr", "share", 0.0, 0, id="drr-exactly-0"),
        pytest.param("romi", "share", -0.4, 1, id="romi-minus-0.4-not-minus-0"),
    ],
)
def test_figure(key, kind, value, places):
    assert precision.figure(key, kind, value) == places


@pytest.mark.parametrize(
    ("values", "each"),
    [
        # the demo's channel mix read «1,0» deals beside «7,5»: a whole count never reads «,0»
        pytest.param([1.0, 7.5, 1.2], [0, 1, 1], id="deals-1-beside-7.5"),
        # a column reaching 100 reads whole throughout: «335» beside «70», not «69,6»
        pytest.param([335.0, 69.6], [0, 0], id="leads-column-reaching-100-whole"),
        pytest.param([2.04, None, float("nan")], [0, 0, 0], id="2.04-reads-2-missing-0"),
    ],
)
def test_column_each(values, each):
    assert precision.column_each("count", values) == each


@pytest.mark.parametrize(
    ("times", "factor", "places"),
    [
        # 6 sellers × 211.6 leads = 1 269.6 → «1 270»; written «212» it read 6 × 212 = 1 272
        pytest.param(6, 211.6, 1, id="6x211.6"),
        pytest.param(2, 50.0, 0, id="2x50-whole"),
        # 50 × 211.63 = 10 581.5 → 10 582; 211.6 gives 10 580: two places
        pytest.param(50, 211.63, 2, id="50x211.63"),
        pytest.param(6, float("nan"), 0, id="nan"),
    ],
)
def test_factor_places(times, factor, places):
    assert precision.factor_places(times, factor) == places


@pytest.mark.parametrize(
    ("sellers", "per", "places"),
    [
        # the demo: 15 298 ÷ 12 ÷ 6 = 212.472…; 6 × it = 1 274.83 → 1 275; 6 × 212 = 1 272, 6 × 212.5 = 1 275
        pytest.param(6, 15_298 / 72, 1, id="demo-6x212.47-reads-212.5"),
        # 1 × 40.44 = 40.44 → 40 would do for the product, but the count's own rule reads 40,4
        pytest.param(1, 40.44, 1, id="own-rule-40.4"),
        pytest.param(2, 50.0, 0, id="2x50-whole"),
        pytest.param(None, 212.47, 0, id="no-sellers-own-rule"),
    ],
)
def test_per_seller_places(sellers, per, places):
    """One rule for the per-seller lever and the capacity line under its card (review #16)."""
    assert precision.per_seller_places(sellers, per) == places
