"""Calendar periods: the data's date range, the sidebar's presets, and the comparison periods."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

PRESETS = ("last_month", "last_3_months", "last_12_months", "this_year", "all_time", "custom")


def month_start(d: date) -> date:
    return d.replace(day=1)


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later (clamped to the month's last day)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, monthrange(year, month)[1]))


def months_of(start: date, end: date) -> list[date]:
    """The first days of the calendar months from ``start``'s to the last that begins by ``end``."""
    out, m = [], month_start(start)
    while m <= end:
        out.append(m)
        m = add_months(m, 1)
    return out


def month_end(d: date) -> date:
    return d.replace(day=monthrange(d.year, d.month)[1])  # December 9999 too


def today() -> date:
    """The calendar's day, the one clock a forecast's «next month» is read against (the Planner's
    spread, the Time page's forecast and its "data through" line); a test sets it."""
    return date.today()


def next_month(today: date, data_through: date | None = None) -> date:
    """The first day of «the next month» every forecast of a named month means: the first
    calendar month that begins after both ``today`` and the data's last day ``data_through``
    (funnel.metrics.maturity.last_activity; None: today alone). So it has not begun and the data
    holds none of it: on 07.12.2026 with the demo's data through 31.10.2026, January 2027 (not
    November, the month after the data, which the calendar has already passed); with data
    through 07.12.2026, January 2027 too; with data dated ahead, to 15.02.2027, March 2027.
    The Planner's spread and the Time page's saved forecast are of this month, so the Time page
    scores the Planner's figure against that month's actual."""
    last = today if data_through is None else max(today, data_through)
    return add_months(month_start(last), 1)


def next_quarter(today: date, data_through: date | None = None) -> date:
    """The first day of «the next quarter»: the first calendar quarter that begins after both
    ``today`` and ``data_through`` (as ``next_month``; 07.12.2026 → January 2027)."""
    last = today if data_through is None else max(today, data_through)
    return add_months(date(last.year, (last.month - 1) // 3 * 3 + 1, 1), 3)


def data_range(cur, workspace_id: str) -> tuple[date | None, date | None]:
    """First and last calendar day with any lead, deal or spend in the workspace (None if empty):
    a lead's creation day, a deal's closing day (else its creation day), a spend period's first
    day. Read from the per-version summary the sidebar's lists come from (funnel.dimensions)."""
    from funnel.dimensions import summary  # the summary reads the metrics' deal facts

    s = summary(cur, workspace_id)
    return s.first, s.last


def preset_range(preset: str, anchor: date, first: date | None = None) -> tuple[date | None, date | None]:
    """The inclusive date range a preset means, counted back from ``anchor`` (the data's last day).

    Presets end at the end of the anchor's month, so a month in progress is shown whole.
    "all_time" is open at both ends, (None, None): every row counts, undated ones too, and a
    screen that needs concrete dates takes them from the data (``data_range``). ``first`` is
    kept for callers that pass it; no preset needs it.
    """
    end = month_end(anchor)
    if preset == "last_month":
        return month_start(anchor), end
    if preset == "last_3_months":
        return add_months(month_start(anchor), -2), end
    if preset == "last_12_months":
        return add_months(month_start(anchor), -11), end
    if preset == "this_year":
        return date(anchor.year, 1, 1), end
    if preset == "all_time":
        return None, None
    raise ValueError(f"preset: unknown period preset {preset!r}")


def _months_back(d: date, months: int) -> date | None:
    """``add_months(d, -months)``, or None when that falls before January of year 1."""
    if d.year * 12 + d.month - 1 - months < 12:
        return None
    return add_months(d, -months)


def spans_a_year(date_from: date, date_to: date) -> bool:
    """Does the period cover 12 months or more? (1 Mar 2025 – 28 Feb 2026 does; a day less does not.)"""
    if date_from.year == 9999:  # a year on would leave the calendar: only all of 9999 is a year
        return date_from == date(9999, 1, 1) and date_to == date(9999, 12, 31)
    return add_months(date_from, 12) - timedelta(days=1) <= date_to


def previous_period(date_from: date, date_to: date) -> tuple[date, date] | None:
    """The period of the same length just before; whole months map to whole months.

    It never overlaps the period. None when it would start before 1 January of year 1 (a file
    with dates from year 1: there is nothing earlier to compare with)."""
    if date_from.day == 1 and date_to == month_end(date_to):
        months = (date_to.year - date_from.year) * 12 + date_to.month - date_from.month + 1
        start = _months_back(date_from, months)
        return None if start is None else (start, date_from - timedelta(days=1))
    length = (date_to - date_from).days + 1
    if (date_from - date.min).days < length:
        return None
    return date_from - timedelta(days=length), date_from - timedelta(days=1)


def year_earlier(date_from: date, date_to: date) -> tuple[date, date] | None:
    """The same dates one year earlier (29 February becomes 28 February).

    A period of 12 months or more would overlap itself a year earlier, so its year-earlier
    period is the previous period (the same window: ``Headline.yoy_same_as_prev``). None when
    the window would start before 1 January of year 1."""
    if spans_a_year(date_from, date_to):
        return previous_period(date_from, date_to)
    start = _months_back(date_from, 12)
    if start is None:
        return None
    if date_to == month_end(date_to):
        return start, month_end(add_months(month_start(date_to), -12))
    return start, add_months(date_to, -12)


def months_in(date_from: date, date_to: date) -> float:
    """Calendar months from ``date_from`` to ``date_to`` inclusive; a partial month counts by its
    share of days (1 Jan – 31 Mar = 3.0; 1–15 Jan = 15/31). 0 when the range is empty."""
    total, d = 0.0, date_from
    while d <= date_to:
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        last = min(date_to, nxt - timedelta(days=1))
        days_in_month = (nxt - d.replace(day=1)).days
        total += ((last - d).days + 1) / days_in_month
        d = nxt
    return total


# A period still running past the data's last day is compared to date (Overlap.last): at least
# this many days of it, a week, each weekday once; fewer, and one busy day is the change.
TO_DATE_DAYS = 7


@dataclass(frozen=True)
class Overlap:
    """A comparison ``window`` the data cover only in part, and the like-for-like days it
    compares: ``then`` (the window's days with data) against ``now`` (the same days of the
    period). The data may start inside the window (``missing``: its days before them), and the
    period may run past the data's last day (``last``: a month in progress, the days after it
    not compared). ``short``: too little to call a change: under a calendar month when the data
    start inside the window, under TO_DATE_DAYS when only the period's end is cut."""

    window: tuple[date, date]
    then: tuple[date, date]
    now: tuple[date, date]
    last: date | None = None

    @property
    def missing(self) -> tuple[date, date] | None:
        """The window's days before the data; None when the data cover its start."""
        if self.then[0] <= self.window[0]:
            return None
        return self.window[0], self.then[0] - timedelta(days=1)

    @property
    def short(self) -> bool:
        start, end = self.then
        if end < start:
            return True
        if self.missing is not None:
            return add_months(start, 1) > end + timedelta(days=1)
        return (end - start).days + 1 < TO_DATE_DAYS


def shifted(d: date, window: tuple[date, date], period: tuple[date, date]) -> date:
    """The day ``d`` of a comparison ``window`` moved to the same place in ``period``: by whole
    months when the window starts that many months before it on the same day (the previous 12
    months, a year earlier: 15.01.2025 → 15.01.2026; a month end is clamped, as add_months
    does), else by the days between their starts (a previous period of 10 days). The other way
    round too: a day of the period back into its window (``shifted(d, period, window)``)."""
    months = (period[0].year - window[0].year) * 12 + period[0].month - window[0].month
    if add_months(window[0], months) == period[0]:
        return add_months(d, months)
    return d + (period[0] - window[0])


def overlap(
    period: tuple[date, date], window: tuple[date, date] | None, first: date | None, last: date | None = None
) -> Overlap | None:
    """Like for like against a comparison ``window`` of ``period`` when the data (their first
    and last days, data_range) cover the two only in part: the data start inside the window
    after its start, or the period runs on past the data's last day (a month in progress: its
    days to date against the same days of the window). None when both are covered whole, the
    window holds no data at all (``first`` after its end), or there is no window or no data: the
    whole windows are then compared as they are. Day-exact: data from 15.01.2025 against the
    previous 12 months of November 2025 – October 2026 compares 15.01.2025–31.10.2025 with
    15.01.2026–31.10.2026; data to 07.12.2026 in December 2026 compare 01.12–07.12.2026 with
    01.11–07.11.2026."""
    if window is None or first is None or first > window[1]:
        return None
    start_cut = window[0] < first
    until = last if last is not None and period[0] <= last < period[1] else None  # the period's end cut there
    if not start_cut and until is None:
        return None
    then = (
        first if start_cut else window[0],
        window[1] if until is None else min(shifted(until, period, window), window[1]),
    )
    now = (shifted(first, window, period) if start_cut else period[0], period[1] if until is None else until)
    return Overlap(window=window, then=then, now=now, last=until)
