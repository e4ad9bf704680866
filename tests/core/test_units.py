"""funnel.units: every figure the metrics and the planner give has a unit. The metrics run on
the hand-made company (tests/analytics/fixtures.py) and each figure column they return must be
in the registry, as must every output of the plan."""

from __future__ import annotations

import pandas as pd
import pytest

from funnel import units
from funnel.db import Store
from funnel.metrics import channels, lost, overview, speed, spend, stages, trend
from funnel.model import mix, pipeline
from funnel.model.plan import Plan, evaluate
from funnel.workspace import create_workspace
from tests.analytics.fixtures import load_company, march

# Numeric columns that are keys or labels, not figures.
NOT_FIGURES = {"position"}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, pd.DataFrame]:
    """Each metric's output on the company's March, by a readable name."""
    store = Store(tmp_path_factory.mktemp("units") / "units.duckdb")
    with store.transaction() as cur:
        ws = create_workspace(cur, "Units").id
    load_company(store, ws)
    f = march(ws)
    with store.cursor() as cur:
        funnel_table = stages.stage_funnel(cur, filters=f).table
        out = {
            "overview.headline": pd.DataFrame([overview.headline(cur, filters=f).now]),
            "overview.overview_record": pd.DataFrame([overview.overview_record(cur, filters=f)]),
            "trend.monthly": trend.monthly(cur, filters=f, by="channel"),
            "channels.channel_table": channels.channel_table(cur, filters=f),
            "channels.channel_changes": channels.channel_changes(cur, filters=f),
            "spend.spend_split": spend.spend_split(cur, filters=f),
            "channels.channel_comparison": pd.DataFrame(
                [vars(channels.channel_comparison(cur, filters=f, a="A", b="B"))]
            ),
            "stages.stage_funnel": funnel_table,
            "stages.transitions": stages.transitions(funnel_table),
            "stages.stage_times": stages.stage_times(cur, filters=f),
            "stages.stalled_deals": stages.stalled_deals(cur, filters=f),
            "speed.speed": speed.speed(cur, filters=f),
            "lost.lost_by_stage": lost.lost_by_stage(cur, filters=f),
            "lost.lost_over_time": lost.lost_over_time(cur, filters=f),
        }
    store.close()
    return out


def figures(df: pd.DataFrame) -> list[str]:
    return [
        c
        for c in df.columns
        if c not in NOT_FIGURES and pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
    ]


def has_unit(name: str) -> bool:
    try:
        return units.unit(name) in units.UNITS
    except ValueError:
        return False


def test_the_metrics_return_figures(outputs):
    """The fixture is not empty: every output has rows and figures to check."""
    for name, df in outputs.items():
        assert len(df) and figures(df), name


@pytest.mark.parametrize(
    "name",
    [
        "overview.headline",
        "overview.overview_record",
        "trend.monthly",
        "channels.channel_table",
        "channels.channel_changes",
        "channels.channel_comparison",
        "spend.spend_split",
        "stages.stage_funnel",
        "stages.transitions",
        "stages.stage_times",
        "stages.stalled_deals",
        "speed.speed",
        "lost.lost_by_stage",
        "lost.lost_over_time",
    ],
)
def test_every_metric_figure_has_a_unit(outputs, name):
    assert [c for c in figures(outputs[name]) if not has_unit(c)] == [], f"{name}: figures with no unit"


def test_every_output_of_the_plan_has_a_unit():
    plan = Plan(
        leads=100,
        conversion=0.1,
        avg_check=1000,
        cpl=10,
        sellers=2,
        contacts_per_seller=40,
        queries=1000,
        ctr=0.1,
        site_conversion=0.05,
        cpc=2,
        target_turnover=20000,
        target_profit=5000,
    )
    channel = mix.Channel("A", budget=100, cpl=10, conversion=0.1, avg_check=1000)
    keys = set(evaluate(plan)) | set(mix.totals([channel])) | set(mix.rows([channel])[0])
    keys |= set(pipeline.weighted([pipeline.OpenStage("S", 2, 100, 0.5)])[0][0])
    keys -= {"channel", "stage"}  # labels
    assert sorted(k for k in keys if not has_unit(k)) == []
    assert units.unit("target_reachable") == "flag"


def test_the_levers_are_plan_inputs_in_their_own_unit():
    inputs = set(Plan(leads=1, conversion=0.1, avg_check=1).inputs())
    assert set(units.LEVERS) <= inputs
    assert {k: kind for k, (kind, _) in units.LEVERS.items() if kind != units.unit(k)} == {}


@pytest.mark.parametrize(
    "name, expected",
    [
        ("cpl", "money"),
        ("win_rate", "share"),
        ("romi", "share"),
        ("index", "index"),
        ("leads", "count"),
        ("first_contact_hours", "hours"),
        ("median_days", "days"),
        ("elasticity", "number"),
        ("revenue_now", "money"),
        ("conversion_prev", "share"),
        ("won_yoy", "count"),
        ("leads_mom", "change"),
        ("cpl_yoy_change", "change"),
        ("lt_days_p80", "days"),
        ("first_contact_hours_p80", "hours"),
    ],
    ids=lambda v: str(v),
)
def test_unit_by_name_and_by_suffix(name, expected):
    assert units.unit(name) == expected


@pytest.mark.parametrize("name", ["grp", "position", "nonsense_mom", "", "leads_total"])
def test_an_unknown_figure_is_refused_by_name(name):
    with pytest.raises(ValueError, match=f"^{name}: no unit"):
        units.unit(name)


def test_each_unit_has_default_decimals():
    assert set(units.DECIMALS) == set(units.UNITS)
    assert (
        units.decimals("romi"),
        units.decimals("conversion"),
        units.decimals("index"),
        units.decimals("norm_days"),
        units.decimals("sal_days"),
    ) == (0, 1, 2, 0, 1)
