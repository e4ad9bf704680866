"""Forecast snapshots: a forecast written down as it was made, so that once its period has passed
it can be held to account (issue #18, item 5).

A snapshot is one row per (horizon, owner) in ``forecast_snapshots`` (owner '' is the total):

- ``p10``/``p50``/``p90`` [money]: the revenue of the next month (``month``) and of the next
  quarter (``quarter``), each the first calendar one that begins after both today and the data's
  last day (funnel.periods.next_month, the month the Planner's spread is of), from the planner's
  own forecast: the baseline of the
  workspace's last 12 months of data (funnel.basis, period basis), the planner's starting plan
  (Baseline.planner_start) and its uncertainty (funnel.model.uncertainty.simulate, ``periods``
  1 or 3) for those very months: each at its season as the Planner's 12-month projection has it
  (``season``: the months' seasonal index from the baseline's monthly revenue, with what the
  lead-to-won delays bring into them; funnel.model.projection.months_season), since a forecast
  of a named month is scored against that month's actual. Per owner the same with the owner's
  filter; None where the data gives no plan or no won deal with an amount in those 12 months
  (leads only, spend only: "—", never a forecast of 0);
- ``weighted_pipeline`` [money]: the registry's weighted pipeline of every deal open now
  (Σ amount × the probability of its ladder stage); in a back-dated snapshot (``forecast_before``)
  the same of the deals open on its day, each at its stage and amount of that day (``weighted_on``).

It is taken by a button on the Time page (editors), by ``python -m funnel snapshot`` and by the
app at most once a day (``daily``). Accuracy, scoring and the actual revenue are in
funnel.metrics.accuracy.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import date, datetime, timedelta
from functools import partial

import pandas as pd

from funnel import access, periods
from funnel.errors import FunnelError
from funnel.filters import Filters
from funnel.ladder import get_ladder
from funnel.metrics import facts, flow, overview, query, together
from funnel.metrics.maturity import last_activity
from funnel.periods import (
    add_months,
    data_range,
    month_end,
    months_of,
    next_month,
    next_quarter,
    preset_range,
)
from funnel.workspace import existing_workspace

log = logging.getLogger("funnel.snapshots")

HORIZONS = {"month": 1, "quarter": 3}  # horizon → months it spans
MAX_OWNERS = 20  # owners forecast one by one (each a baseline): the largest by revenue and pipeline
COLUMNS = ("horizon", "period_start", "period_end", "owner", "p10", "p50", "p90", "weighted_pipeline")


def periods_after(today: date, data_through: date | None = None) -> dict[str, tuple[date, date]]:
    """The forecast periods seen from ``today`` with data through ``data_through``: the next month
    and the next quarter, each the first calendar one that begins after both (funnel.periods
    next_month, next_quarter: the Planner's spread is of the same month; 1 Dec 2026 → January
    2027 and January–March 2027, with the data through October or through December alike)."""
    nxt, q = next_month(today, data_through), next_quarter(today, data_through)
    return {"month": (nxt, month_end(nxt)), "quarter": (q, month_end(add_months(q, 2)))}


def by_owner(cur, filters: Filters) -> pd.DataFrame:
    """The registry's figures (channel_economics) per owner for ``filters``, period basis (a won
    deal by its closing day), with the totals row (``is_total``, ``grp`` None)."""
    return query.run(cur, "channel_economics", query.params(filters, "period"), **query.breakdown("owner"))


def forecast(
    cur,
    *,
    filters: Filters,
    today: date | None = None,
    pause: Callable[[], None] | None = None,
    per_owner: bool = True,
) -> pd.DataFrame:
    """Today's forecast for ``filters.workspace_id`` (the other filters are not used: a snapshot
    is the workspace's): COLUMNS, the total first (owner ''), then up to MAX_OWNERS owners
    (none without ``per_owner``). Empty when the workspace holds no data. ``pause`` is called
    between the steps (each a few queries, seconds at 10 M leads): the app's background snapshot
    waits there while pages run."""
    work = _Forecast(filters.workspace_id, today or periods.today(), per_owner)
    for i, step in enumerate(work.steps()):
        if i and pause is not None:
            pause()
        step(cur)
    return work.frame()


def live(cur, *, filters: Filters, today: date | None = None) -> pd.DataFrame:
    """The total rows (owner '') of ``forecast`` as a snapshot taken now would hold them, without
    the owners' (the Time page shows it until the day's snapshot is saved: the Planner's own
    figure, not yet written down). Empty when the workspace holds no data."""
    return forecast(cur, filters=filters, today=today, per_owner=False)


def priced(rows: pd.DataFrame) -> bool:
    """Whether a forecast's rows (``forecast``, ``live``) put a figure on any period: False for a
    workspace with nothing to price a forecast with (leads only, spend only: every P50 "—")."""
    return bool(not rows.empty and rows["p50"].notna().any())


class _Forecast:
    """The forecast's steps (``steps``: each a callable on a cursor, a few queries) and what they
    found so far. A step only sets what it finds (never appends), so a step interrupted midway
    can be run again, on another cursor reading the same data version, with the same result."""

    def __init__(self, workspace_id: str, today: date, per_owner: bool = True):
        self.ws, self.today, self.per_owner = workspace_id, today, per_owner
        self.empty = False  # no lead, deal or spend: nothing to forecast
        self.lo: date | None = today
        self.hi: date | None = today
        self.periods = periods_after(today)  # with the data's last day once it is read (_pipeline)
        self.open_now = pd.DataFrame()
        self.weighted: dict[str, float | None] = {}
        self.owners: list[str] = []
        self.sims: dict[str, dict] = {}

    def steps(self) -> Iterator[Callable[[object], None]]:
        """The steps in order; the next one is decided once the one before has run (the owners)."""
        yield self._prepare
        yield self._pipeline
        if self.empty:
            return
        if self.per_owner:
            yield self._pick_owners
        for owner in ["", *self.owners]:
            yield partial(self._simulate_for, owner)

    def _prepare(self, cur) -> None:
        # The planner's baseline below reads stage history: built before this run's snapshot first
        # reads the deal facts, it is visible to the whole run (else the run holds a copy of every
        # deal with its history, ~0.5 GB at 10 M leads, for as long as it runs: facts.use).
        facts.prepare(cur, self.ws)

    def _pipeline(self, cur) -> None:
        last = last_activity(cur, self.ws)  # leads and deals only: a future budget row is no activity
        self.empty = last is None and data_range(cur, self.ws)[1] is None
        if self.empty:
            return
        self.periods = periods_after(self.today, last)
        # no lead or deal (spend only): today's last 12 months, which price nothing, but the periods still show
        self.lo, self.hi = preset_range("last_12_months", last or self.today)
        self.open_now = by_owner(cur, Filters(self.ws))  # every open deal, whenever it was created
        # open deals without amounts are worth nothing known, not 0 (the registry's rule: overview.unknown)
        self.weighted = {
            ("" if row["is_total"] else str(row["grp"])): (
                None if "weighted_pipeline" in overview.unknown(row) else _money(row["weighted_pipeline"])
            )
            for row in self.open_now.to_dict("records")
        }

    def _pick_owners(self, cur) -> None:
        self.owners = _owners(cur, Filters(self.ws, self.lo, self.hi), self.open_now)

    def _simulate_for(self, owner: str, cur) -> None:
        filters = Filters(self.ws, self.lo, self.hi, owners=(owner,) if owner else ())
        self.sims[owner] = _simulate(cur, filters, self.periods)

    def frame(self) -> pd.DataFrame:
        if self.empty:
            return pd.DataFrame(columns=list(COLUMNS))
        rows = []
        for owner in ["", *self.owners]:
            sims = self.sims[owner]
            for horizon, (start, end) in self.periods.items():
                sim = sims.get(horizon)
                rows.append(
                    {
                        "horizon": horizon,
                        "period_start": start,
                        "period_end": end,
                        "owner": owner,
                        "p10": sim["p10"] if sim else None,
                        "p50": sim["p50"] if sim else None,
                        "p90": sim["p90"] if sim else None,
                        # an owner without open deals has 0 in it; one whose deals lack amounts, None
                        "weighted_pipeline": self.weighted[owner]
                        if owner in self.weighted
                        else (0.0 if owner else None),
                    }
                )
        return pd.DataFrame(rows, columns=list(COLUMNS))


def _money(x) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def _owners(cur, last_year: Filters, open_now: pd.DataFrame) -> list[str]:
    """Named owners (not 'unknown') by last year's revenue plus today's open pipeline, largest first."""
    year = by_owner(cur, last_year)
    size: dict[str, float] = {}
    for df, col in ((year, "revenue"), (open_now, "pipeline")):
        for g, total, v in zip(df["grp"], df["is_total"], df[col], strict=True):
            if not total and g is not None and str(g) != "unknown":
                size[str(g)] = size.get(str(g), 0.0) + (_money(v) or 0.0)
    return sorted(size, key=lambda o: (-size[o], o))[:MAX_OWNERS]


def forecast_before(cur, workspace_id: str, day: date) -> pd.DataFrame:
    """The workspace's total forecast (COLUMNS, one row per horizon, owner '') as it would have
    been taken on ``day`` from the data of the 12 whole months before it (the same baseline and
    simulation as ``forecast``, its window ending the day before ``day``); the weighted pipeline
    of the deals open as ``day`` began (``weighted_on``). Empty when those months price nothing.
    The demo's back-dated snapshots (funnel.demo_history)."""
    lo, hi = preset_range("last_12_months", day - timedelta(days=1))
    sims = _simulate(cur, Filters(workspace_id, lo, hi), periods_after(day))
    if not sims:
        return pd.DataFrame(columns=list(COLUMNS))
    weighted = weighted_on(cur, workspace_id, day)
    rows = [
        {"horizon": h, "period_start": s, "period_end": e, "owner": "", "weighted_pipeline": weighted, **_band(sims[h])}
        for h, (s, e) in periods_after(day).items()
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def weighted_on(cur, workspace_id: str, day: date) -> float | None:
    """The weighted pipeline [money] as ``day`` began: Σ amount × the probability of the ladder
    stage of every deal open then, each at its stage and amount of that moment as the Time
    page's pipeline flow sees them (funnel.metrics.flow: stage history, else the deals file's
    uploads). A stage outside the ladder adds 0, as in the registry's weighted pipeline; None
    when deals were open but none had an amount (the registry's rule, overview.unknown: not 0);
    0 when no deal was open."""
    deals = flow.flow_deals(cur, filters=Filters(workspace_id), start=day, end=day)
    open_then = deals[deals["open_a"].fillna(False).astype(bool)]
    amounts = [_money(a) for a in open_then["amount_a"]]
    if len(open_then) and all(a is None for a in amounts):  # an amount of 0 is an amount
        return None
    ladder = get_ladder(cur, workspace_id)
    chance = {name: float(p) for name, p in zip(ladder["name"], ladder["probability"], strict=True) if pd.notna(p)}
    total = sum((a or 0.0) * chance.get(stage, 0.0) for a, stage in zip(amounts, open_then["stage_a"], strict=True))
    return round(total, 2)


def _band(sim: dict) -> dict:
    return {k: sim[k] for k in ("p10", "p50", "p90")}


def _simulate(cur, filters: Filters, periods: dict[str, tuple[date, date]]) -> dict:
    """{horizon: simulate(...)} on the planner's baseline for ``filters``, each horizon's
    ``periods`` (start, end) at its season (``season``); {} when the data gives no plan (no leads
    and no deals, or a malformed baseline)."""
    from funnel.basis import baseline_on
    from funnel.model.plan import evaluate
    from funnel.model.uncertainty import simulate

    b = baseline_on(cur, filters, "period")
    if b.is_empty or not b.avg_check:  # no won deal with an amount: nothing prices a forecast ("—", not 0)
        return {}
    try:
        plan = b.planner_start()
        evidence = b.evidence()
        season = seasons(cur, b, evaluate(plan)["turnover"], periods)
        return {h: simulate(plan, evidence, periods=m, season=season[h]) for h, m in HORIZONS.items()}
    except ValueError:  # a plan the model refuses (e.g. no check known): "—", not a crash
        log.info("no forecast for %s", filters.owners or "the total")
        return {}


def seasons(cur, b, level: float, periods: dict[str, tuple[date, date]]) -> dict[str, float]:
    """{horizon: the season of its months} (funnel.model.projection.months_season) for the
    baseline ``b`` whose plan turns over ``level`` a month, learned as the Planner's 12-month
    projection learns it: the baseline's monthly revenue (Baseline.turnover_history), the
    lead-to-won delays of its filters as month shares (funnel.metrics.convert.won_delays; the
    planner's starting cycle is the data's own, so no rescaling), and the history's first months
    that are not whole left out (projection.history_warming)."""
    from funnel.metrics import convert, trend
    from funnel.model import projection

    history = b.turnover_history()
    lag = projection.lag_shares(convert.won_delays(cur, filters=b.delay_filters()))
    first_lead, deals_before = trend.history_start(cur, filters=b.delay_filters(), end=b.date_to)
    young = projection.history_warming(history, lag, first_lead, deals_before)
    out = {}
    for h, (start, end) in periods.items():
        out[h] = projection.months_season(history, months_of(start, end), level=level, lag=lag, young=young)
    return out


def record(cur, workspace_id: str, rows: pd.DataFrame, *, taken_by: str, now: datetime | None = None) -> int:
    """Insert ``rows`` (``forecast``'s) as one snapshot taken ``now`` by ``taken_by``; the count
    of rows written. Runs inside the caller's transaction."""
    if rows.empty:
        return 0
    now = (now or datetime.now()).replace(microsecond=0)
    version = cur.execute("SELECT data_version FROM workspaces WHERE id = ?", [workspace_id]).fetchone()
    for r in rows.itertuples(index=False):
        cur.execute(
            "INSERT INTO forecast_snapshots (workspace_id, taken_at, taken_by, data_version, horizon, "
            "period_start, period_end, owner, p10, p50, p90, weighted_pipeline) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                workspace_id,
                now,
                taken_by,
                version[0] if version else None,
                r.horizon,
                r.period_start,
                r.period_end,
                r.owner,
                _money(r.p10),
                _money(r.p50),
                _money(r.p90),
                None if _money(r.weighted_pipeline) is None else round(float(r.weighted_pipeline), 2),
            ],
        )
    return len(rows)


def take(store, workspace_id: str, *, actor, taken_by: str, now: datetime | None = None) -> int:
    """A snapshot on demand (the tab's button, the CLI): ``actor`` needs the editor's right
    (edit_scenarios). The forecast is computed on a read snapshot, outside the write lock, then
    written in one transaction. Returns the rows written (0: no data)."""
    with store.cursor() as cur:
        ws = existing_workspace(cur, workspace_id)
    access.require(actor, "edit_scenarios", workspace_id, is_demo=ws.is_demo)
    now = now or datetime.now()
    with store.snapshot() as cur:
        rows = forecast(cur, filters=Filters(workspace_id), today=now.date())
    if rows.empty:
        raise _no_data(workspace_id)
    with store.transaction() as cur:
        return record(cur, workspace_id, rows, taken_by=taken_by, now=now)


def taken_on(cur, workspace_id: str, day: date) -> int:
    """How many snapshots (distinct moments) the workspace has from ``day``."""
    return cur.execute(
        "SELECT count(DISTINCT taken_at) FROM forecast_snapshots WHERE workspace_id = ? AND CAST(taken_at AS DATE) = ?",
        [workspace_id, day],
    ).fetchone()[0]


def daily(
    store,
    workspace_id: str,
    now: datetime | None = None,
    pause: Callable[[], None] | None = None,
    watch: Callable[[object], AbstractContextManager] | None = None,
) -> bool:
    """The app's own snapshot, at most one a day: taken (by 'daily', no role needed: nobody
    chose to write) when the workspace has none from today — a snapshot from the button or the
    CLI counts as the day's. The check and the insert run under the store's write lock, so two
    sessions arriving at once write one. True when one was taken. ``pause``: as in forecast.

    ``watch(cur)``: a context manager around each step, giving the cursor the step reads with —
    the app's stops it when a page run begins (funnel.interruptible). A step so interrupted is
    run again after the next ``pause``, in a new read snapshot: the steps already done are kept
    when that snapshot sees the same data version, else the forecast begins again (one snapshot
    reads one state of the data). A step interrupted more than MAX_INTERRUPTIONS times in a row
    (or the steps more than MAX_INTERRUPTIONS_IN_ALL times) raises GaveUp; nothing is written
    then (the write is one transaction, after the last step)."""
    now = now or datetime.now()
    with store.cursor() as cur:
        if taken_on(cur, workspace_id, now.date()):
            return False
    # background work: its queries one at a time (funnel/metrics/together.py), never two of them
    # beside a page's two
    with together.one_at_a_time():
        rows = _resumable(store, workspace_id, now.date(), pause or (lambda: None), watch or nullcontext)
    if rows.empty:
        return False
    with store.transaction() as cur:
        if taken_on(cur, workspace_id, now.date()):  # another session got there first
            return False
        record(cur, workspace_id, rows, taken_by="daily", now=now)
    return True


MAX_INTERRUPTIONS = 5  # times in a row one step may be interrupted (a page run began) before the try gives up
MAX_INTERRUPTIONS_IN_ALL = 25  # … and the whole try, every step together (a busy day: try later)


class GaveUp(Exception):
    """The day's snapshot gave up: one of its steps was interrupted MAX_INTERRUPTIONS times in a
    row, or its steps MAX_INTERRUPTIONS_IN_ALL times in all."""


class _Again(Exception):
    """A step was interrupted: its read snapshot is rolled back and the step is run again."""


def _resumable(store, workspace_id: str, today: date, pause: Callable[[], None], watch) -> pd.DataFrame:
    """``forecast`` of the workspace, each step watched (``daily``'s ``watch``) and run again
    after an interruption, from that step. Every step waits for ``pause`` first (the app: until
    the page runs fall quiet), except the very first (the caller waited already); a step run
    again waits before its new read snapshot begins, so that it reads what was written
    meanwhile, and sees that it was (the data version)."""
    work, version = _Forecast(workspace_id, today), None
    stops = in_all = 0
    steps = work.steps()
    step = next(steps, None)
    while step is not None:
        if in_all:  # after an interruption
            pause()
        try:
            with store.snapshot() as cur:
                seen = _data_version(cur, workspace_id)
                if version is not None and seen != version:  # written since the steps done began
                    log.info("data of %s changed during its daily snapshot: forecast again", workspace_id)
                    work = _Forecast(workspace_id, today)
                    steps = work.steps()
                    step = next(steps, None)
                version = seen
                while step is not None:
                    if not _watched(step, cur, watch):
                        raise _Again
                    stops = 0
                    step = next(steps, None)
                    if step is not None:
                        pause()
        except _Again:
            stops, in_all = stops + 1, in_all + 1
            if stops > MAX_INTERRUPTIONS or in_all > MAX_INTERRUPTIONS_IN_ALL:
                raise GaveUp(
                    f"the daily forecast snapshot of {workspace_id} gave up: its steps were interrupted "
                    f"by page runs {in_all} times ({stops} in a row)"
                ) from None
    return work.frame()


def _watched(step: Callable[[object], None], cur, watch) -> bool:
    """Run ``step`` on the cursor ``watch(cur)`` gives: True when it ran to its end, False when
    it was interrupted (whatever error the interruption made its statement raise)."""
    with watch(cur) as guarded:
        try:
            step(guarded)
        except Exception:
            if getattr(guarded, "interrupted", False):
                return False
            raise
    return True


def _data_version(cur, workspace_id: str):
    row = cur.execute("SELECT data_version FROM workspaces WHERE id = ?", [workspace_id]).fetchone()
    return row[0] if row else None


def snapshots(cur, *, filters: Filters) -> pd.DataFrame:
    """Every snapshot row of the workspace, newest first (read uncached: a small table, and a
    new snapshot should not rebuild the per-version caches by bumping the data version)."""
    return cur.execute(
        "SELECT taken_at, taken_by, horizon, period_start, period_end, owner, p10, p50, p90, "
        "CAST(weighted_pipeline AS DOUBLE) AS weighted_pipeline FROM forecast_snapshots "
        "WHERE workspace_id = ? ORDER BY taken_at DESC, horizon, owner",
        [filters.workspace_id],
    ).df()


def _no_data(workspace_id: str) -> FunnelError:
    err = FunnelError(f"Workspace «{workspace_id}» has no data to forecast from yet: load leads or deals first.")
    err.key, err.params = "tm.accuracy.err.no_data", {}
    return err
