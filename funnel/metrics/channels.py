"""Channel economics: leads, spend, CPL, SAL rate, won, conversion, revenue, average check,
CAC, ROMI and ДРР per channel (or campaign, owner, segment), with MoM and YoY."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal

import pandas as pd

from funnel import money, units
from funnel.filters import Filters
from funnel.metrics import maturity, query, spend
from funnel.metrics.compare import Comparison, compare, wilson

COLUMNS = (
    "grp",
    "is_total",
    "leads",
    "spend",
    "cpl",
    "sal",
    "sal_rate",
    "won",
    "lost",
    "open",
    "conversion",
    "win_rate",
    "revenue",
    "avg_check",
    "cac",
    "romi",
    "drr",
    "conv_low",
    "conv_high",
    "spend_unsplit",
)


def _economics(cur, filters: Filters, attribution: str, by: str | None, compare_: bool) -> pd.DataFrame:
    df = query.run(cur, "channel_economics", query.params(filters, attribution, compare_), **query.breakdown(by))
    bounds = [wilson(w, n) for w, n in zip(df["won"], df["leads"], strict=True)]
    df["conv_low"] = [b[0] for b in bounds]
    df["conv_high"] = [b[1] for b in bounds]
    unsplit = spend.unsplit_keys(cur, filters=filters, by=by, compare=compare_)
    df["spend_unsplit"] = [
        (int(k), None if total else g) in unsplit
        for k, g, total in zip(df["k"], df["grp"], df["is_total"], strict=True)
    ]
    return df


# Figures counted per lead, and per deal: unknown for a channel whose leads are not tracked.
LEAD_FIGURES = ("leads", "cpl", "sal", "sal_rate", "conversion", "conv_low", "conv_high")
DEAL_FIGURES = ("won", "lost", "open", "win_rate", "revenue", "avg_check", "cac", "romi", "drr")


def untracked(cur, *, workspace_id: str, names) -> frozenset[str]:
    """The channels among ``names`` that no lead of the workspace comes from, at any date: money
    is spent on them (a radio campaign, an offline ad) but their leads are not tracked, so their
    leads, conversion, CPL, revenue and ROMI are unknown, not 0 and −100 %."""
    asked = sorted({str(n) for n in names if n is not None})
    if not asked:
        return frozenset()
    found = query.run(cur, "tracked_channels", {"ws": workspace_id, "names": asked})
    return frozenset(asked) - {str(c) for c in found["channel"]}


def _blank_untracked(cur, df: pd.DataFrame, filters: Filters, by: str) -> pd.DataFrame:
    """``df`` (channel_economics rows) with the figures of untracked channels (``untracked``) as
    NaN, and a bool column ``untracked``. Rows by channel: a channel with spend and no leads in
    the period is asked about. A drill into one channel's campaigns, owners or segments
    (``filters.channels``): every row, its total too, when every channel filtered is untracked.
    The totals row of the channel table keeps its figures: the channels' spend is spent, and the
    page's totals agree with the Overview's. The deal figures go too only when the row has no
    deal (deals carrying their own channel are still counted)."""
    df = df.assign(untracked=False)
    if by == "channel":
        spent = ~df["is_total"] & (df["leads"] == 0) & (pd.to_numeric(df["spend"], errors="coerce").fillna(0) > 0)
        gone = untracked(cur, workspace_id=filters.workspace_id, names=df.loc[spent, "grp"]) if spent.any() else ()
        mask = spent & df["grp"].isin(list(gone))
    elif filters.channels and (df["leads"] == 0).all():
        asked = set(filters.channels)
        mask = pd.Series(untracked(cur, workspace_id=filters.workspace_id, names=asked) == asked, index=df.index)
    else:
        return df
    if not mask.any():
        return df
    df["untracked"] = mask
    no_deals = mask & (df[["won", "lost", "open"]].fillna(0).sum(axis=1) == 0)
    for columns, rows in ((LEAD_FIGURES, mask), (DEAL_FIGURES, no_deals)):
        for c in columns:  # column by column: a DECIMAL sum's other rows stay exact Decimals
            df[c] = df[c].where(~rows)
    return df


# What a group's spend returned, and its conversion: unknown while every lead of the group is
# younger than the conversion window and no deal of the group is won in the period, or while a
# quarter of a campaign's leads are (YOUNG_SHARE), whatever it won (``young``, young_rows): not 0 and ROMI −100 %, nor
# the first deal's 5 % beside a month-younger campaign's "—".
YOUNG_FIGURES = ("conversion", "conv_low", "conv_high", "cac", "romi", "drr")
# Its turnover is a fact (what was won), but a young row that has won nothing yet has no return to
# tell: «Оборот 0 ₽» beside ROMI "—" read as a campaign that returned nothing (screen review #16).
# Its 0 reads "—" with the same note; what a young campaign did win stays.
YOUNG_ZERO = ("revenue",)

# The breakdown whose rows are batches of leads bought by their spend: a campaign's return is what
# its own leads bring, so it is partial while a good part of them is young, whatever they won so
# far. A channel, owner or segment runs on: its deals won in the period are a real return of it.
BATCHES = ("campaign",)
# ... young from this share of its leads in the period inside the window on. A month's campaign
# is young by the Time page's rule for its month (any lead inside: maturity.mature) long before
# the share matters: the demo's «VK Реклама 2026-08», 138 of 296 leads (47 %) inside, read ROMI
# −100 %. But a campaign that runs all year keeps about a fifth of its leads inside a 75-day
# window (75 ÷ 365) for good: judged by "any", its ROMI would never show. A quarter: a year's
# always-on campaign is judged, one whose last months weigh more is not.
YOUNG_SHARE = 0.25


def young(cur, *, filters: Filters, by: str = "channel") -> frozenset[str]:
    """The ``by`` groups (their names as the economics rows have them) whose leads created in the
    period are younger than the conversion window (created after maturity.mature_until): every
    one of them, or, by campaign (BATCHES), YOUNG_SHARE of them or more (a campaign of 8 leads
    with 2 young is young, with 1 it is not). Those leads have not had the time nine in ten won
    deals take (the window): a campaign of last month showed ROMI −100 %, one of the month before
    5 % on its first deal, and the demo's «VK Реклама 2026-08», 138 of its 296 leads young (not
    most), −100 %, while the cohort tab called August young. Empty without a window, or when the
    period ends on or before the window's last mature day."""
    until = maturity.mature_until(cur, filters.workspace_id)
    if until == maturity.NO_LIMIT or (filters.date_to is not None and filters.date_to <= until):
        return frozenset()
    bound = {**query.params(filters, "period"), "young_after": until}
    found = query.run(cur, "young_groups", bound, **query.breakdown(by))
    rows = found["young"] >= YOUNG_SHARE * found["leads"] if by in BATCHES else found["young"] == found["leads"]
    return frozenset(str(g) for g in found.loc[rows, "grp"])


def young_rows(df: pd.DataFrame, names: frozenset[str], by: str = "channel") -> pd.Series:
    """The rule, one for the Channels page (economics table, drill-down, changes table) and the
    CLI report: the rows of the period (``k`` 0) of the ``names`` groups (``young``), not the
    totals row, not an untracked channel's; by campaign (BATCHES) whatever they won, otherwise
    those with no deal won in the period. A young channel's (owner's, segment's) figures come from
    its young leads only when it has won nothing: by period, deals are dated by their closing day,
    so a deal of an older lead won in the period is real revenue (a real CAC, ROMI and ДРР) beside
    fresh leads. A campaign's deals come from its own leads: a young campaign's first won deal is
    the start of its return, not its return. By cohort the young leads are left out with their
    deals, so a young group wins nothing but a lead-less deal dated by its own creation day."""
    rows = ~df["is_total"].astype(bool) & df["grp"].astype(str).isin(list(names))
    if by not in BATCHES:
        rows &= pd.to_numeric(df["won"], errors="coerce").fillna(0) == 0
    if "untracked" in df:
        rows &= ~df["untracked"].astype(bool)
    if "k" in df:
        rows &= df["k"] == 0
    return rows


def _blank_young(cur, df: pd.DataFrame, filters: Filters, by: str) -> pd.DataFrame:
    """``df`` with YOUNG_FIGURES NaN ("—") on its young_rows, YOUNG_ZERO too where they are 0,
    and a bool column ``young`` marking them; the totals row keeps its figures (the period's whole
    spend and revenue)."""
    df = df.assign(young=False)
    names = young(cur, filters=filters, by=by)  # an owner's or segment's rows too: no spend, a conversion
    if not names:
        return df
    mask = young_rows(df, names, by)
    if mask.any():
        df["young"] = mask
        for c in YOUNG_FIGURES:  # column by column: a DECIMAL column's other rows stay exact
            df[c] = df[c].where(~mask)
        for c in YOUNG_ZERO:
            df[c] = df[c].where(~(mask & (pd.to_numeric(df[c], errors="coerce").fillna(0) == 0)))
    return df


def channel_table(cur, *, filters: Filters, attribution: str = "period", by: str = "channel") -> pd.DataFrame:
    """One row per ``by`` value (channel, campaign, owner or segment) and a last totals row
    (``is_total``, ``grp`` None), for the filter's period.

    - leads: leads created in the period; spend: money spent in the period (spend table,
      else the leads' own cost); both rows appear even when the other side is missing
      (full outer join), and leads with no channel form the row 'unknown'.
    - cpl = spend ÷ leads; sal_rate = leads with a qualification date ÷ leads (None when the
      data has no qualification dates); won/lost/open per ``attribution``;
      conversion = won ÷ leads (conv_low..conv_high: its 95 % Wilson interval);
      win_rate = won ÷ (won + lost); revenue = Σ amount of won deals;
      avg_check = revenue ÷ won deals that have an amount; cac = spend ÷ won;
      romi = (revenue − spend) ÷ spend; drr = spend ÷ revenue.
    - Money in the workspace currency. A zero or missing denominator gives NaN ("—"); no spend
      data gives spend NaN, not 0. A spend period that the period cuts counts by days
      (funnel.metrics.spend). Owner/segment rows carry no spend (the total does).
    - spend_unsplit: an owner or segment filter is on and the row's spend includes the spend
      table's money, which is not split by owner or segment: it counts whole, for the row's
      channel(s), so cpl, cac, romi and drr relate the channel's whole spend to the filtered
      leads and deals. False otherwise (leads' own costs follow their leads).
    - untracked: a channel with spend whose leads are not tracked (no lead of the workspace
      comes from it, ``untracked``): its lead figures, and its deal figures when it has no deal,
      are NaN ("—"), not 0 leads and ROMI −100 %. The totals row keeps them.
    - young: every lead of the row's group in the period is younger than the conversion window
      and it has no deal won in the period, or a quarter of a campaign's are, whatever it won
      (``young``, young_rows): its conversion, CAC, ROMI
      and ДРР are NaN ("—"), not 0 and −100 %. The Channels table, its drill-down by campaign,
      owner or segment, the changes table (channel_changes) and the CLI report read this one rule.
    """
    df = _economics(cur, filters, attribution, by, False)
    df = df[df["k"] == 0].reset_index(drop=True)
    df = _blank_untracked(cur, df, filters, by)
    return _blank_young(cur, df, filters, by)[[*COLUMNS, "untracked", "young"]]


def channel_changes(cur, *, filters: Filters, attribution: str = "period", by: str = "channel") -> pd.DataFrame:
    """The channel table for the period (``*_now``), the previous period of the same length
    (``*_prev``) and the same period a year earlier (``*_yoy``), for leads, spend, cpl, won,
    conversion and revenue, with relative changes ``*_mom`` = now ÷ prev − 1 and
    ``*_yoy_change`` = now ÷ year earlier − 1 (NaN when the earlier figure is 0 or missing,
    or the period is open-ended). Against a window the data covers only in part (query.overlaps)
    the change is like for like: the period's same days ÷ the window's covered days − 1, NaN when
    those are under a month; ``*_prev`` / ``*_yoy`` stay the whole window's figures.
    ``spend_unsplit`` as in ``channel_table``, for the period.
    Untracked channels and young rows as in ``channel_table`` (conversion_now NaN, so its changes
    too); young_rows of the period only: in an earlier window such a group's conversion is 0, and
    a change against 0 is NaN already."""
    df = _blank_untracked(cur, _economics(cur, filters, attribution, by, True), filters, by)
    df = _blank_young(cur, df, filters, by)
    metrics = ["leads", "spend", "cpl", "won", "conversion", "revenue"]
    df["grp"] = df["grp"].where(~df["is_total"], "__total__")
    wide = df.pivot_table(index="grp", columns="k", values=metrics, aggfunc="first", dropna=False)
    out = pd.DataFrame(index=wide.index)
    for m in metrics:
        for k, suffix in ((0, "now"), (1, "prev"), (2, "yoy")):
            out[f"{m}_{suffix}"] = wide[(m, k)] if (m, k) in wide.columns else float("nan")
        now, prev, yoy = (pd.to_numeric(out[f"{m}_{s}"], errors="coerce") for s in ("now", "prev", "yoy"))
        out[f"{m}_mom"] = now / prev.where(prev != 0) - 1
        out[f"{m}_yoy_change"] = now / yoy.where(yoy != 0) - 1
    prev_part, yoy_part = query.overlaps(cur, filters)
    counted: dict = {}  # a period of 12 months or more: the year earlier is the previous window
    for part, change in ((prev_part, "mom"), (yoy_part, "yoy_change")):
        if part is None:
            continue
        if part in counted:  # the same days again: their changes, not the query run twice
            for m in metrics:
                out[f"{m}_{change}"] = out[f"{m}_{counted[part]}"]
            continue
        _like_for_like(cur, out, filters, attribution, by, part, change, metrics)
        counted[part] = change
    out = out.reset_index()
    unsplit = set(df.loc[(df["k"] == 0) & df["spend_unsplit"], "grp"])
    out["spend_unsplit"] = out["grp"].isin(unsplit)
    out["is_total"] = out["grp"] == "__total__"
    out["grp"] = out["grp"].where(~out["is_total"], None)
    return out.sort_values(["is_total", "leads_now"], ascending=[True, False]).reset_index(drop=True)


def _like_for_like(cur, out, filters: Filters, attribution: str, by: str, part, change: str, metrics) -> None:
    """``out``'s ``<m>_<change>`` (indexed by grp) counted like for like on ``part`` (an Overlap,
    query.overlaps): the period's same days ÷ the window's covered days − 1 per group, NaN where
    the period's figure is NaN (untracked, young: ``<m>_now``) or the earlier one is 0; every
    change NaN when the overlap is too short to compare (Overlap.short)."""
    if part.short:
        for m in metrics:
            out[f"{m}_{change}"] = float("nan")
        return
    df = query.run(cur, "channel_economics", query.overlap_params(filters, part, attribution), **query.breakdown(by))
    df["grp"] = df["grp"].where(~df["is_total"], "__total__")
    for m in metrics:
        now, then = (
            pd.to_numeric(df[df["k"] == k].set_index("grp")[m], errors="coerce").reindex(out.index) for k in (0, 1)
        )
        ratio = now / then.where(then != 0) - 1
        out[f"{m}_{change}"] = ratio.where(pd.to_numeric(out[f"{m}_now"], errors="coerce").notna())


def channel_comparison(cur, *, filters: Filters, a: str, b: str, attribution: str = "cohort") -> Comparison:
    """How likely channel ``a`` converts leads into won deals better than ``b``
    (compare.Comparison: P(p_a > p_b) from Beta posteriors, plus both Wilson intervals).

    Cohort attribution by default: it compares each channel's own leads with the deals won from
    those very leads (a Beta posterior needs that), and only leads old enough to have converted
    (funnel/metrics/maturity.py). So its counts differ from a channel table by closing date, and
    from the period's leads: ``counted_from``..``counted_to`` say which leads were counted (the
    period's start; its end or the last mature day, whichever is first; None = open), and
    ``maturing`` how many leads of ``a`` and ``b`` in the period are younger and left out."""
    cmp = compare(channel_table(cur, filters=filters, attribution=attribution), a, b)
    if attribution != "cohort":
        return replace(cmp, counted_from=filters.date_from, counted_to=filters.date_to)
    pair = maturity.maturity(cur, filters=filters.with_(channels=tuple(dict.fromkeys((a, b)))))
    last = min(filters.date_to or maturity.NO_LIMIT, pair.mature_until)
    return replace(
        cmp,
        counted_from=filters.date_from,
        counted_to=None if last == maturity.NO_LIMIT else last,
        maturing=pair.maturing,
    )


def idle_rows(df: pd.DataFrame) -> pd.Series:
    """The rows of a channel_table (not its totals row) with nothing the economics table shows in
    the period: no lead, no spend, no won deal and no revenue. A campaign of an earlier month whose
    only deals in the period were lost (the demo's «VK Реклама 2025-10», six lost deals) read as a
    row of 0 and "—" among the period's campaigns; the Channels page leaves such rows out. The
    totals row still counts their lost and open deals, which no column of it shows either."""

    def nothing(col: str) -> pd.Series:
        return pd.to_numeric(df[col], errors="coerce").fillna(0) == 0

    return ~df["is_total"].astype(bool) & nothing("leads") & nothing("spend") & nothing("won") & nothing("revenue")


def earlier_rows(df: pd.DataFrame) -> pd.Series:
    """The rows of a channel_table (not its totals row, not an untracked channel's) with no lead
    in the period but a deal won in it: by period, deals are dated by their closing day, so a
    campaign of an earlier month (the demo's «VK Реклама 2025-09»: 0 leads, 2 won) wins from leads
    created before the period. The page says so: «Лиды 0, Выиграно 2» read as deals from nowhere."""
    leads = pd.to_numeric(df["leads"], errors="coerce")
    won = pd.to_numeric(df["won"], errors="coerce").fillna(0)
    rows = ~df["is_total"].astype(bool) & (leads == 0) & (won > 0)
    if "untracked" in df:
        rows &= ~df["untracked"].astype(bool)
    return rows


# The sums a channel table adds up in its totals row, and shows rounded (funnel.units.decimals).
SHOWN_SUMS = ("spend", "revenue")


def rounded_to_total(df: pd.DataFrame, columns: tuple[str, ...] = SHOWN_SUMS) -> pd.DataFrame:
    """``df`` (a channel_table; or a channel_changes with ``columns`` "spend_now", "revenue_now")
    with each of ``columns`` rounded on its rows to the decimals a table shows it with, by the
    largest remainder (funnel.money.apportioned), so that the rows as shown add up to the totals
    row as shown: each row rounded on its own, a spend-only
    workspace's ten channels added up to 10 369 597 ₽ under a total of 10 369 596 ₽. Each row
    stays within one rouble of its exact figure; the totals row keeps its exact figure, as the
    Overview shows it. A column whose rows do not add up to its total exactly (owner and segment
    rows carry no spend; the total does) is left as it is, and so is a frame without a totals row.
    The ratios (CPL, ROMI …) stay worked out from the exact figures."""
    total = df["is_total"].astype(bool)
    if total.sum() != 1:
        return df
    out = df.copy()
    for col in columns:
        rows = [money.exact(v) for v in df.loc[~total, col]]
        whole = money.exact(df.loc[total, col].iloc[0])
        if whole is None or sum((r for r in rows if r is not None), Decimal(0)) != whole:
            continue
        out[col] = out[col].astype(object)
        out.loc[~total, col] = pd.Series(
            money.apportioned(rows, units.decimals(col)), index=df.index[~total], dtype=object
        )
    return out


def cut_totals_to_total(split: pd.DataFrame, econ: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per channel, totals): spend.cut_totals(``split``, per_channel=True) and
    spend.cut_totals(``split``), the cells of the Channels table's «Расходы по дням», each cut
    period's spend rounded to the decimals a table shows spend with so that the parts as shown,
    with the rest of the row's spend (the periods the range holds whole, the leads' own costs,
    rounded), add up to the row's spend as the table shows it (``econ``, a channel_table, its
    rows rounded_to_total, its total rounded): each part rounded down, and the units left to the
    largest remainders (as funnel.money.apportioned). A range that cut two months read parts,
    each rounded on its own, 1 ₽ more than the spend total beside them (the demo, 4 March –
    3 April: 1 516 444 + 186 753 under 1 703 196). Each part stays within one unit of its exact
    figure; without ``econ``, or where that cannot hold, each part is left to be rounded alone."""
    per_channel, totals = spend.cut_totals(split, per_channel=True), spend.cut_totals(split)
    if econ is None:
        return per_channel, totals
    unit = Decimal(1).scaleb(-units.decimals("spend"))
    shown = rounded_to_total(econ)
    wholes = {
        (None if t else str(g)): (money.exact(x), money.exact(y))
        for g, x, y, t in zip(econ["grp"], econ["spend"], shown["spend"], econ["is_total"], strict=True)
    }
    if not per_channel.empty:
        parts = [
            _to_whole(part, *wholes.get(str(ch), (None, None)), unit) for ch, part in per_channel.groupby("channel")
        ]
        per_channel = pd.concat(parts).sort_index()
    return per_channel, _to_whole(totals, *wholes.get(None, (None, None)), unit)


def _to_whole(cut: pd.DataFrame, exact: Decimal | None, shown: Decimal | None, unit: Decimal) -> pd.DataFrame:
    """``cut`` with its spend rounded to ``unit`` to add up, with the rest of ``exact`` rounded,
    to ``shown`` (``exact`` as the table shows it); as it is when that cannot hold."""
    if cut.empty or exact is None or shown is None:
        return cut
    parts = [money.exact(v) or Decimal(0) for v in cut["spend"]]
    rest = (exact - sum(parts, Decimal(0))).quantize(unit, rounding=ROUND_HALF_EVEN)
    target = shown.quantize(unit, rounding=ROUND_HALF_EVEN) - rest
    down = [p.quantize(unit, rounding=ROUND_FLOOR) for p in parts]
    left = int((target - sum(down, Decimal(0))) / unit)
    if not 0 <= left <= len(parts):
        return cut
    for i in sorted(range(len(parts)), key=lambda i: (down[i] - parts[i], i))[:left]:  # largest remainder first
        down[i] += unit
    return cut.assign(spend=pd.Series(down, index=cut.index, dtype=object))
