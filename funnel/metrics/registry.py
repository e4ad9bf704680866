"""The metric registry: every figure of channel economics defined once, the way dbt's MetricFlow,
Cube and Lightdash declare a metric (name, expression, unit, label, description), so that the
Overview, Channels, the planner's baseline, the Workshop, the command line and the exports read
one definition and cannot disagree.

A metric is an expression over the **measures** of one group (a channel, an owner … or the
total) in one date range, which ``sql/channel_economics.sql`` aggregates from the staging views
(its ``joined``/``totals`` CTEs): the query's figure columns are written from this registry
(``select_list``), not by hand. Money sums (spend, revenue, pipeline) stay exact DECIMALs
(funnel/money.py); ratios are DOUBLE. The expressions are plain SQL (CAST, CASE, coalesce, nullif,
round): a second engine can run them as they are.

Measures (per group and range):

- ``leads``: leads created in the range; ``sal``: those with a qualification date;
- ``spend``: money spent in the range (NULL: no spend known for the group);
- ``won`` / ``lost`` / ``open``: deals by status, dated by the attribution (period basis: a
  closed deal by its closing day, an open deal by its creation day);
- ``revenue``: Σ amount of the won deals (NULL: none has an amount); ``won_priced``: how many
  of them have an amount;
- ``pipeline``: Σ amount of the open deals; ``weighted_pipeline``: Σ amount × the probability of
  the deal's ladder stage (a stage outside the ladder adds 0).
"""

from __future__ import annotations

from dataclasses import dataclass

from funnel import units
from funnel.i18n import TABLE, t

MEASURES = ("leads", "sal", "spend", "won", "lost", "open", "revenue", "won_priced", "pipeline", "weighted_pipeline")


@dataclass(frozen=True)
class Metric:
    """One figure: ``sql`` over the measures; ``formula`` in words (Russian, English) with the
    parts named as in the labels; ``when_zero``: what a zero or missing denominator gives."""

    name: str
    sql: str
    formula: tuple[str, str]
    when_zero: str = ""

    @property
    def unit(self) -> str:
        return units.unit(self.name)

    def label(self, lang: str) -> str:
        """The figure's name on screen: the headline's label, else the table column's."""
        key = f"an.fig.{self.name}"
        return t(key if key in TABLE else f"an.col.{self.name}", lang)

    def explain(self, lang: str) -> str:
        return self.formula[0 if lang == "ru" else 1]


_HAS_SAL = "(SELECT has_sal FROM sal_known)"
METRICS: tuple[Metric, ...] = (
    Metric("leads", "CAST(leads AS BIGINT)", ("лиды, созданные за период", "leads created in the period")),
    Metric(
        "spend",
        "round(spend, 2)",
        ("расходы за период", "money spent in the period"),
        "no spend known: NULL (shown as —)",
    ),
    Metric(
        "cpl",
        "CAST(spend / nullif(leads, 0) AS DOUBLE)",
        ("расходы ÷ лиды", "spend ÷ leads"),
        "no leads or no spend: NULL",
    ),
    Metric(
        "sal",
        f"CASE WHEN {_HAS_SAL} THEN CAST(sal AS BIGINT) END",
        ("лиды, принятые продажами (SAL)", "sales-accepted leads (SAL)"),
        "the data has no qualification dates: NULL",
    ),
    Metric(
        "sal_rate",
        f"CASE WHEN {_HAS_SAL} THEN sal / nullif(leads, 0) END",
        ("SAL ÷ лиды", "SAL ÷ leads"),
        "no leads, or no qualification dates: NULL",
    ),
    Metric("won", "CAST(won AS BIGINT)", ("выигранные сделки", "deals won")),
    Metric("lost", "CAST(lost AS BIGINT)", ("проигранные сделки", "deals lost")),
    Metric("open", "CAST(open AS BIGINT)", ("открытые сделки", "open deals")),
    Metric(
        "conversion",
        "won / nullif(leads, 0)",
        ("выигранные сделки ÷ лиды", "deals won ÷ leads"),
        "no leads: NULL",
    ),
    Metric(
        "win_rate",
        "won / nullif(won + lost, 0)",
        ("выигранные ÷ (выигранные + проигранные)", "won ÷ (won + lost)"),
        "no closed deals: NULL",
    ),
    Metric(
        "revenue",
        "round(coalesce(revenue, 0), 2)",
        ("Σ суммы выигранных сделок", "Σ amount of deals won"),
        "no amounts: 0",
    ),
    Metric(
        "avg_check",
        "CAST(revenue / nullif(won_priced, 0) AS DOUBLE)",
        ("оборот ÷ выигранные сделки с суммой", "turnover ÷ deals won with an amount"),
        "no won deal with an amount: NULL",
    ),
    Metric(
        "cac",
        "CAST(spend / nullif(won, 0) AS DOUBLE)",
        ("расходы ÷ выигранные сделки", "spend ÷ deals won"),
        "no deals won or no spend: NULL",
    ),
    Metric(
        "romi",
        "CAST((coalesce(revenue, 0) - spend) / nullif(spend, 0) AS DOUBLE)",
        ("(оборот − расходы) ÷ расходы", "(turnover − spend) ÷ spend"),
        "no spend: NULL",
    ),
    Metric(
        "drr",
        "CAST(spend / nullif(revenue, 0) AS DOUBLE)",
        ("расходы ÷ оборот", "spend ÷ turnover"),
        "no revenue or no spend: NULL",
    ),
    Metric(
        "pipeline",
        "round(coalesce(pipeline, 0), 2)",
        ("Σ суммы открытых сделок", "Σ amount of open deals"),
        "no amounts: 0",
    ),
    Metric(
        "weighted_pipeline",
        "CAST(round(coalesce(weighted_pipeline, 0), 2) AS DOUBLE)",
        ("Σ сумма × вероятность этапа", "Σ amount × the stage's probability"),
        "no amounts: 0",
    ),
    # Kept beside the figures: the denominator of the average check, so that a consumer that
    # multiplies conversion by the check can say which won deals had no amount.
    Metric("won_priced", "CAST(won_priced AS BIGINT)", ("выигранные сделки с суммой", "deals won with an amount")),
)
BY_NAME = {m.name: m for m in METRICS}


def metric(name: str) -> Metric:
    """The registry's entry for ``name``; ValueError naming it when there is none."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise ValueError(f"{name}: not a registered metric ({', '.join(BY_NAME)})") from None


def select_list() -> str:
    """The figure columns of the economics query, written from the registry (identifiers and
    expressions are this module's constants, never user text)."""
    return ",\n        ".join(f"{m.sql} AS {m.name}" for m in METRICS)
