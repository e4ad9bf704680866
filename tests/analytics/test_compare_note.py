"""The Overview's deltas against a comparison window the data covers only partly: a sentence says
so (funnel.periods.overlap), instead of a delta that reads as a real change; under
a month of it covered, no change at all (the like-for-like rule: tests/analytics/test_like_for_like.py)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from funnel.periods import overlap
from tests.analytics.test_partial_data import run

FEB = (date(2026, 2, 1), date(2026, 2, 28))


@pytest.mark.parametrize(
    "first, expected",
    [
        (date(2026, 2, 15), date(2026, 2, 15)),  # inside, after the start: partly covered
        (date(2026, 2, 1), None),  # from the window's first day: wholly covered
        (date(2026, 1, 10), None),  # before it: wholly covered
        (date(2026, 3, 5), None),  # after it: the window holds no data at all
        (None, None),  # an empty workspace
    ],
    ids=["partly", "from-its-first-day", "before", "after", "no-data"],
)
def test_partly_covered(first, expected):
    """March 2026 against February: covered from ``expected`` (the data's first day) or whole."""
    part = overlap((date(2026, 3, 1), date(2026, 3, 31)), FEB, first)
    assert (part.then[0] if part else None) == expected
    assert overlap((date(2026, 3, 1), date(2026, 3, 31)), None, first) is None


def _four_leads() -> list[dict]:
    """Leads on 15 and 20 February and 10 and 12 March 2026 (the data starts on 15.02.2026)."""
    days = [datetime(2026, 2, 15), datetime(2026, 2, 20), datetime(2026, 3, 10), datetime(2026, 3, 12)]
    return [{"lead_id": f"L{i}", "created_at": d, "channel": "Web"} for i, d in enumerate(days)]


def test_the_overview_says_the_previous_period_is_covered_only_from_the_datas_first_day(app_db):
    """By hand: leads on 15 and 20 February and 10 and 12 March 2026. March against February
    (01.02.2026–28.02.2026): the data starts on 15.02.2026, so like for like would compare 14 days
    (15–28 March with 15–28 February), under a month: no change ("—"), and the sentence says why
    (it compared a month with half of one: leads 2 ÷ 2 − 1 = 0). March a year earlier holds no
    data: no sentence for it. April against March: March is wholly in the data, no sentence."""
    at = run(app_db, {"leads": _four_leads()})
    at.selectbox(key="period_preset").set_value("custom").run()
    at.date_input(key="period_range").set_value((date(2026, 3, 1), date(2026, 3, 31))).run()
    assert not at.exception, at.exception
    said = [c.value for c in at.caption]
    assert (
        "Изменения к пред. периоду не показаны: данные начинаются 15.02.2026, и сравнить можно меньше месяца." in said
    ), said
    assert next(m for m in at.metric if m.label == "Лиды").delta == "— к пред. периоду"
    assert not any("год к году" in s for s in said), said
    at.radio(key="lang").set_value("en").run()
    assert (
        "No changes vs previous period: the data starts on Feb 15, 2026, which leaves less than a month to compare."
        in [c.value for c in at.caption]
    ), [c.value for c in at.caption]
    at.date_input(key="period_range").set_value((date(2026, 4, 1), date(2026, 4, 30))).run()
    assert not any("the data starts on" in c.value for c in at.caption)


def test_a_year_long_periods_one_window_is_named_as_its_card_names_it(app_db):
    """March 2026 – February 2027 (12 months): the previous period, 01.03.2025–28.02.2026, is also
    its year earlier, one window; the cards say «к предыдущим 12 мес.», so the sentence says it
    too, not «год к году» (#16). The data starts on 15.02.2026: 14 days of it, no change."""
    at = run(app_db, {"leads": _four_leads()})
    at.selectbox(key="period_preset").set_value("custom").run()
    at.date_input(key="period_range").set_value((date(2026, 3, 1), date(2027, 2, 28))).run()
    assert not at.exception, at.exception
    said = [c.value for c in at.caption]
    assert (
        "Изменения к предыдущим 12 мес. не показаны: данные начинаются 15.02.2026, и сравнить можно меньше месяца."
        in said
    ), said
    assert not any("год к году" in s for s in said), said
    assert next(m for m in at.metric if m.label == "Лиды").delta == "— к предыдущим 12 мес."
