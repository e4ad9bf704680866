"""How many decimals a person reads a planner figure with, by its unit (funnel.units): the one rule
the baseline line, the levers' number boxes and the command line's text share.

The model runs on exact values: at baseline its levers are the data's own divisions (496 won ÷
15 298 leads, 99 103 000 ÷ 496), so that turnover × months is the Overview's revenue to the
kopeck (tests/reconcile). Rounding them to what a person reads ("3,24 %", "199 804 ₽") and
running the model on that would move the baseline's turnover off the Overview's (by 0.1 % on
the demo: 3.24 % against 3.2423 %), so the exact values stay in the model and only the
writing is rounded; the baseline line writes each exact division beside its rounded value.

- ``money``: whole (199 804 ₽);
- ``share``: two decimals in percent (3,24 %);
- ``count``: whole from 100 up (1 275 leads a month), one decimal below (2,5; 41,3 deals),
  never «,0» (1 deal, not «1,0»);
- ``number``: two decimals;
- ``days`` and ``hours``: one decimal below 10 (4,5 days; 2,5 h), whole from 10 up (18 days, 47
  days, not «47,5»), never «,0» (4 days, not «4,0»). The one rule for a time: the Time page's
  cards, the Funnel's and the Time page's tables (ui.show.fmt_value), the captions comparing
  them, the Planner's cycle; a caption beside a card must write the card's figure. A table's
  column keeps one precision (``column_time``): where any value shows a decimal, every value
  below 10 shows one («3,0» beside «2,3», not «3»); a column with none stays whole. A card or a
  single value keeps its own rule (never «,0»).
Trailing zeros are dropped ("50 %", "2 сделки", not "50,00 %", "2,00").

A conversion or a win rate (``RATES``: a share of leads or deals that went on) reads by one rule
on every page, the report and the command line (``rate_places``): two decimals below 10 %
(«0,45 %», «3,24 %»), one from 10 % up («22,7 %», «59,7 %»), zeros kept so that a column or a
line reads at one precision («25,0 %» beside «24,6 %», not «25 %»). The same win rate read «23 %»,
«22,7 %» and «22,73 %» on the Planner's forecast, the Time page and the Planner's caption (review #16).

A few shares are read in whole percent whatever their size (``WHOLE_PERCENT``, ``figure``):
a return on spend or a team's load runs to hundreds of percent ("ROMI 390 %"), where hundredths
are noise; the Planner's cards, its scenario table and ``plan``'s text table all ask ``figure``.
"""

from __future__ import annotations

import math

PLACES = {"money": 0, "share": 2, "number": 2, "days": 1, "hours": 1}
COUNT_WHOLE_FROM = 100  # a count from here up reads whole: "1 275", not "1 274,83"
# A time (days, hours) from here up reads whole: a tenth of a day matters in «4,5 дн.», is noise
# in «47,5 дн.» (review #16: «18,0 дн.» on a card beside «18 дн.» in a caption).
TIME_WHOLE_FROM = 10
# Shares read in whole percent (funnel.units.decimals calls ROMI and ДРР coarse percentages too):
# the plan's ROMI, the channel mix's, ДРР and the sellers' load.
WHOLE_PERCENT = frozenset({"romi", "mix_romi", "drr", "load"})
# Conversions and win rates (funnel.units' names): read by rate_places.
RATES = frozenset(
    {
        "conversion",
        "win_rate",
        "effective_conversion",
        "chain_conversion",
        "required_conversion",
        "conversion_from_previous",
        "conversion_from_first",
        "from_previous",
        "sal_rate",
        "site_conversion",
        "shrunk_rate",
        "conv_low",
        "conv_high",
    }
)
RATE_TENTHS_FROM = 10.0  # a rate from here up (in percent) reads one decimal: «22,7 %», not «22,73 %»


def rate_places(value: float | None) -> int:
    """The decimals a conversion or win rate ``value`` (in percent: 3.24 for 3,24 %) is read
    with: two below RATE_TENTHS_FROM («0,45 %», «3,24 %», «3,20 %»), one from it up («22,7 %»,
    «25,0 %», «100,0 %»), trailing zeros kept. 0, None and non-finite: 0 («0 %», "—")."""
    if value is None or not math.isfinite(value) or value == 0:
        return 0
    return 1 if round(abs(value), 2) >= RATE_TENTHS_FROM else 2


def places(kind: str, value: float | None, beside: float | None = None) -> int:
    """The decimals ``value`` (in the unit ``kind``; a share in percent, 3.18 for 3.18 %) is
    read with, trailing zeros dropped: 2 for 3.18, 0 for 50.0, 1 for 40.4 deals.

    ``beside``: the largest figure ``value`` is read next to (a goal's target beside its gap),
    when larger it sets the most decimals: a gap of 12.8 leads beside a goal of 1 156 reads
    «13», as 368 expected and 355 done do (355 − 368 is −13, not «−12,8»)."""
    if value is None or not math.isfinite(value):
        return 0
    size = abs(value) if beside is None or not math.isfinite(beside) else max(abs(value), abs(beside))
    return _fewest(value, _most(kind, size))


def figure(key: str, kind: str, value: float | None) -> int:
    """The decimals the figure named ``key`` (of unit ``kind``; a share in percent, 377.45 for
    ROMI 377,45 %) is read with: ``places``, except a conversion or win rate (RATES,
    rate_places) and a share in WHOLE_PERCENT, read whole."""
    if kind == "share" and key in RATES:
        return rate_places(value)
    if kind == "share" and key in WHOLE_PERCENT:
        # whole, except that a share that is not 0 never reads 0 (formatting.share's rule for
        # tables: a plan's ДРР of 0,3 % read «0 %» on its card beside the table's «0,3 %»)
        if value is None or not math.isfinite(value) or value == 0:
            return 0
        return next((p for p in range(3) if round(abs(value), p) != 0), 2)
    return places(kind, value)


def column_places(kind: str, values, most: int | None = None) -> int:
    """One number of decimals for a whole column of ``values`` (None and non-finite skipped), so
    a column never mixes "335" with "69,6": at most what the column's largest value is read
    with (``places``'s rule: a count column reaching 100 reads whole) or ``most`` when given (a
    money column edited to the kopeck), and as few as show every value to that. For money; a
    count column writes each value with ``column_each``."""
    known = [float(v) for v in values if v is not None and math.isfinite(v)]
    if not known:
        return 0
    if most is None:
        most = _most(kind, max(abs(v) for v in known))
    return max(_fewest(v, most) for v in known)


def column_each(kind: str, values) -> list[int]:
    """The decimals of each of ``values``, a column of counts: a column whose largest value
    reads whole (from COUNT_WHOLE_FROM up) is whole throughout ("335" beside "70", not «69,6»);
    below that each value keeps what ``places`` gives it, so a whole count never reads «,0»
    ("1" beside "7,5", not «1,0»: a deal is counted whole; review #16). None and non-finite: 0."""
    known = [abs(float(v)) for v in values if v is not None and math.isfinite(v)]
    most = _most(kind, max(known, default=0.0))
    return [0 if v is None or not math.isfinite(v) else _fewest(v, most) for v in values]


def column_time(kind: str, values) -> list[int]:
    """The decimals of each of ``values``, a table's column of times (``kind`` "days" or
    "hours"), one precision for the column (the team's rule, review #16: «Не указан 3» among
    «2,3» looked broken): when any value reads with a decimal by ``places`` (one below 10, never
    «,0»), every value below 10 reads with one («3,0», «2,3», «18»); otherwise every value reads
    whole («3», «18»). None and non-finite: 0 (the table writes "—")."""
    xs = [_finite(v) for v in values]
    if not any(places(kind, x) for x in xs if x is not None):
        return [0] * len(xs)
    most = PLACES[kind]
    return [0 if x is None or round(abs(x), most) >= TIME_WHOLE_FROM else most for x in xs]


def _finite(v) -> float | None:
    """``v`` as a float, None when missing (None, NaN, pandas' NA) or infinite."""
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _most(kind: str, size: float) -> int:
    """The most decimals a figure of ``kind`` as large as ``size`` is read with (PLACES; a count
    from COUNT_WHOLE_FROM up whole, a time from TIME_WHOLE_FROM up)."""
    if kind == "count":
        return 0 if abs(size) >= COUNT_WHOLE_FROM else 1
    if kind in ("days", "hours"):
        return 0 if round(abs(size), PLACES[kind]) >= TIME_WHOLE_FROM else PLACES[kind]
    return PLACES.get(kind, 2)


def factor_places(times: float, factor: float, most: int = 3) -> int:
    """The fewest decimals (up to ``most``) ``factor`` is written with so that ``times`` × the
    written factor, read whole, is ``times`` × ``factor`` read whole: 6 sellers × 211.6 leads a
    seller is 1 269.6 → «1 270», where the lever's «212» gave 6 × 212 = 1 272 (a low finding of
    screen review #16); 6 × 200 → 0 (no «,0»). ``most`` when none up to it does (a factor whose
    product lands on a half)."""
    if not (math.isfinite(times) and math.isfinite(factor)):
        return 0
    whole = round(times * factor)
    return next((d for d in range(most + 1) if round(times * round(factor, d)) == whole), most)


def per_seller_places(sellers: float | None, per: float) -> int:
    """The decimals a seller's leads (or deals) a month ``per`` [count] is read with beside the
    team's ``sellers``, on its lever and in the capacity's product under the card alike: the
    count's own (``places``) or more, as many as ``factor_places`` needs for sellers × it to read
    the capacity whole. The demo's 15 298 leads ÷ 12 months ÷ 6 sellers = 212.47… reads «212,5»
    on the lever too, where the lever wrote «212» beside «6 × 212,5 = 1 275» (review #16)."""
    own = places("count", per)
    if sellers is None or not math.isfinite(sellers):
        return own
    return max(own, factor_places(sellers, per))


def _fewest(value: float, most: int) -> int:
    """The fewest decimals (up to ``most``) that write ``value`` as ``most`` decimals would."""
    exact = round(float(value), most)
    return next(d for d in range(most + 1) if abs(round(exact, d) - exact) < 10 ** -(most + 1))


def shown(kind: str, value: float) -> float:
    """``value`` rounded as a person reads it (``places``)."""
    return round(float(value), places(kind, value))


def rounded_away(kind: str, value: float | None) -> bool:
    """Whether writing ``value`` as a person reads it drops digits the model keeps."""
    return value is not None and math.isfinite(value) and abs(shown(kind, value) - value) > 1e-9
