"""Words and figures of the «drivers» tab: a group's name, the sentence a row says, the chart
and the table. funnel.metrics.drivers decides every number and verdict; this only words them."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

import ui
from funnel.safety import chart_text
from funnel.texts.time_drivers import DEAL_FORMS
from ui.show import fmt_value, label, missing

CHART_ROWS = 20  # groups on a chart; the table and the downloads have them all
_COLOURS = {"higher": "#2e7d32", "lower": "#c62828", "unclear": "#607d8b", "few": "#b0bec5", "none": "#b0bec5"}


def group_name(dim: str, grp: str, cuts: tuple[float, float, float]) -> str:
    """The group as a person reads it: a channel/owner/segment name, a size band with its
    bounds, a speed of first response."""
    if dim == "speed":
        return ui.t(f"tm.drivers.speed.{grp}")
    if dim == "size":
        if grp == "none":
            return ui.t("tm.drivers.size.none")
        bounds = {"b1": (None, cuts[0]), "b2": (cuts[0], cuts[1]), "b3": (cuts[1], cuts[2]), "b4": (cuts[2], None)}
        lo, hi = bounds[grp]
        key = "b1" if lo is None else "b4" if hi is None else "mid"
        return ui.t(f"tm.drivers.size.{key}", lo=ui.money(lo), hi=ui.money(hi))
    return label(grp, dim)


def short_name(dim: str, grp: str, cuts: tuple[float, float, float]) -> str:
    """The group's name for a chart's axis and a table's first column."""
    if dim == "size" and grp == "none":
        return ui.t("tm.drivers.group.size.none")
    return group_name(dim, grp, cuts)


def deals(n: int) -> str:
    return f"{ui.num(n)} {ui.plural(n, DEAL_FORMS)}"


def sentence(row, cuts: tuple[float, float, float]) -> str:
    """What the row says, e.g. "Deals answered within an hour win 2.10× as often (95 % interval
    1.60–2.70×; 412 deals)". Plain text: Markdown needs it through ui.plain."""
    dim = str(row["dimension"])
    subject = ui.t(f"tm.drivers.subj.{dim}", g=group_name(dim, str(row["grp"]), cuts))
    n = deals(int(row["closed"]))
    verdict = str(row["verdict"])
    if verdict in ("few", "none") or missing(row["lift"]):
        return ui.t(f"tm.drivers.say.{'few' if verdict == 'few' else 'none'}", subj=subject, n=n)
    lift = fmt_value("lift", row["lift"])
    return ui.t(
        f"tm.drivers.say.{verdict}",
        subj=subject,
        lift=lift,
        lo=fmt_value("lift_low", row["lift_low"]),
        hi=fmt_value("lift_high", row["lift_high"]),
        n=n,
    )


def figure(part: pd.DataFrame, dim: str, cuts: tuple[float, float, float]) -> go.Figure:
    """Each group's ratio to the average with its 95 % interval as a bar, a line at 1×."""
    rows = part[part["lift"].notna()].head(CHART_ROWS).iloc[::-1]  # the first group on top
    names = [chart_text(short_name(dim, str(g), cuts)) for g in rows["grp"]]
    hover = [
        chart_text(
            f"{short_name(dim, str(r.grp), cuts)}: {fmt_value('lift', r.lift)}× "
            f"({fmt_value('lift_low', r.lift_low)}–{fmt_value('lift_high', r.lift_high)}×), {deals(r.closed)}"
        )
        for r in rows.itertuples()
    ]
    fig = go.Figure(
        go.Scatter(
            x=rows["lift"],
            y=names,
            mode="markers",
            marker=dict(size=10, color=[_COLOURS.get(str(v), "#607d8b") for v in rows["verdict"]]),
            error_x=dict(
                type="data",
                symmetric=False,
                array=(rows["lift_high"] - rows["lift"]).tolist(),
                arrayminus=(rows["lift"] - rows["lift_low"]).tolist(),
                thickness=2,
                width=4,
            ),
            hovertext=hover,
            hoverinfo="text",
        )
    )
    fig.add_vline(x=1, line_dash="dash", line_color="#455a64")
    fig.update_layout(
        title=ui.t("tm.drivers.chart.title"),
        xaxis_title=ui.t("tm.drivers.chart.x"),
        yaxis_title=ui.t(f"tm.drivers.dim.{dim}"),
        height=140 + 32 * max(len(rows), 1),
        showlegend=False,
        margin=dict(l=10, r=10),
    )
    return fig


def table_view(part: pd.DataFrame, dim: str, cuts: tuple[float, float, float]) -> pd.DataFrame:
    """The table shown: group, closed, won, win rate, ratio, interval, what it says."""
    return pd.DataFrame(
        {
            ui.t("tm.drivers.col.group"): [short_name(dim, str(g), cuts) for g in part["grp"]],
            ui.t("tm.drivers.col.closed"): [ui.num(v) for v in part["closed"]],
            ui.t("tm.drivers.col.won"): [ui.num(v) for v in part["won"]],
            ui.t("tm.drivers.col.rate"): [fmt_value("win_rate", v) for v in part["win_rate"]],
            ui.t("tm.drivers.col.lift"): [fmt_value("lift", v) for v in part["lift"]],
            ui.t("tm.drivers.col.interval"): [
                "—" if missing(lo) else f"{fmt_value('lift_low', lo)}–{fmt_value('lift_high', hi)}"
                for lo, hi in zip(part["lift_low"], part["lift_high"], strict=True)
            ],
            ui.t("tm.drivers.col.says"): [sentence(r, cuts) for _, r in part.iterrows()],
        }
    )


def table_raw(part: pd.DataFrame, dim: str, cuts: tuple[float, float, float]) -> pd.DataFrame:
    """The download: the figures unformatted, the group named as on screen."""
    cols = ["closed", "won", "lost", "win_rate", "shrunk_rate", "lift", "lift_low", "lift_high", "verdict"]
    out = part[cols].copy()
    out.insert(0, ui.t("tm.drivers.col.group"), [short_name(dim, str(g), cuts) for g in part["grp"]])
    return out
