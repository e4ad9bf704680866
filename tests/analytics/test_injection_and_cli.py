"""Hostile filter values are bound parameters (empty results, no error), and the CLI prints
the very figures the functions compute, with exactly the documented JSON keys."""

from __future__ import annotations

import json
import math

import pytest

from funnel.cli import main
from funnel.db import Store
from funnel.metrics import channels, lost, overview, speed, stages, trend
from tests.analytics.fixtures import load_company, march

HOSTILE = [
    "x' OR '1'='1",
    "'; DROP TABLE leads_raw; --",
    'A") OR 1=1 --',
    "$ws",
    "{lead}",
]
FUNCTIONS = [
    (overview.headline, {}),
    (channels.channel_table, {}),
    (channels.channel_changes, {}),
    (trend.monthly, {"by": "channel"}),
    (stages.stage_funnel, {"by": "owner"}),
    (stages.stage_times, {}),
    (stages.stalled_deals, {}),
    (lost.lost_by_stage, {}),
    (lost.lost_over_time, {}),
    (speed.speed, {}),
]


@pytest.fixture
def company(store, ws):
    load_company(store, ws)
    return store, ws


@pytest.mark.parametrize("dimension", ["channels", "owners", "segments"])
@pytest.mark.parametrize("value", HOSTILE, ids=["or-true", "drop-table", "quote-paren", "param-name", "format-field"])
def test_hostile_filter_values_give_empty_results(company, dimension, value):
    store, ws = company
    flt = march(ws, **{dimension: (value,)})
    with store.cursor() as cur:
        for fn, extra in FUNCTIONS:
            result = fn(cur, filters=flt, **extra)
            if fn is overview.headline:
                assert result.now["leads"] == 0 and result.now["won"] == 0
            elif fn is channels.channel_table and dimension == "channels":
                assert len(result) == 1 and result["leads"].iloc[0] == 0  # the totals row only
            elif fn is channels.channel_table:
                # no lead matches; the spend table has no owner or segment, so its channels'
                # spend stays, flagged as not split
                assert result["leads"].sum() == 0 and result["spend_unsplit"].all()
        assert cur.execute("SELECT count(*) FROM leads_raw").fetchone()[0] == 11


@pytest.mark.parametrize("kwargs", [{"by": "channel; DROP TABLE leads_raw"}, {"attribution": "period' --"}])
def test_hostile_identifiers_are_refused(company, kwargs):
    store, ws = company
    with store.cursor() as cur, pytest.raises(ValueError):
        channels.channel_table(cur, filters=march(ws), **kwargs)


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def company_file(tmp_path):
    path = tmp_path / "cli.duckdb"
    s = Store(path)
    with s.transaction() as cur:
        from funnel.workspace import create_workspace

        ws = create_workspace(cur, "Test").id
    load_company(s, ws)
    s.close()
    return path, ws


def expected(path, ws, fn, **kw):
    s = Store(path)
    try:
        with s.cursor() as cur:
            return fn(cur, filters=march(ws), **kw)
    finally:
        s.close()


def same(a, b):
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None
    if isinstance(a, float):
        return b == pytest.approx(a)
    return a == b


@pytest.mark.parametrize("attribution", ["period", "cohort"])
def test_cli_overview_json_equals_function(capsys, company_file, attribution):
    path, ws = company_file
    code, out, err = cli(
        capsys,
        "report",
        "overview",
        "--db",
        str(path),
        "--workspace",
        "Test",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--attribution",
        attribution,
        "--format",
        "json",
    )
    assert code == 0, err
    got = json.loads(out)
    assert list(got) == [
        "leads",
        "spend",
        "cpl",
        "won",
        "lost",
        "open",
        "conversion",
        "win_rate",
        "revenue",
        "avg_check",
        "pipeline",
        "weighted_pipeline",
    ]
    want = expected(path, ws, overview.overview_record, attribution=attribution)
    assert all(same(want[k], got[k]) for k in want), (want, got)
    if attribution == "period":
        assert (got["leads"], got["spend"], got["cpl"], got["revenue"]) == (10, 1000, 100, 5000)


def test_cli_channels_json_equals_function(capsys, company_file):
    path, ws = company_file
    code, out, err = cli(
        capsys,
        "report",
        "channels",
        "--db",
        str(path),
        "--workspace",
        ws,
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--format",
        "json",
    )
    assert code == 0, err
    got = json.loads(out)
    table = expected(path, ws, channels.channel_table)
    table = table[~table["is_total"]]
    assert [r["channel"] for r in got] == list(table["grp"])
    for rec, (_, row) in zip(got, table.iterrows(), strict=True):
        assert set(rec) >= {
            "channel",
            "leads",
            "spend",
            "cpl",
            "won",
            "conversion",
            "revenue",
            "avg_check",
            "cac",
            "romi",
            "drr",
        }
        for key in ("leads", "spend", "cpl", "won", "conversion", "revenue", "avg_check", "cac", "romi", "drr"):
            assert same(row[key], rec[key]), (key, row[key], rec[key])
    b = next(r for r in got if r["channel"] == "B")
    assert b["avg_check"] is None and b["cac"] is None and b["drr"] is None  # missing → null


def test_cli_stages_and_lost_json(capsys, company_file):
    path, ws = company_file
    code, out, _ = cli(
        capsys,
        "report",
        "stages",
        "--db",
        str(path),
        "--workspace",
        ws,
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--format",
        "json",
    )
    got = json.loads(out)
    assert code == 0 and [r["reached"] for r in got] == [4, 3, 3, 2, 2, 2]
    assert list(got[0]) == ["stage", "reached", "amount", "conversion_from_previous", "conversion_from_first"]
    assert got[0]["conversion_from_previous"] is None and got[-1]["conversion_from_first"] == 0.5
    code, out, _ = cli(
        capsys,
        "report",
        "lost",
        "--db",
        str(path),
        "--workspace",
        ws,
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--format",
        "json",
    )
    assert code == 0 and json.loads(out) == [{"stage": None, "reason": "Too expensive", "deals": 1, "amount": 1000}]


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_cli_other_formats(capsys, company_file, fmt):
    path, ws = company_file
    code, out, _ = cli(capsys, "report", "channels", "--db", str(path), "--workspace", ws, "--format", fmt)
    assert code == 0 and "A" in out and "cpl" in out


@pytest.mark.parametrize("value", HOSTILE[:3])
def test_cli_hostile_filters_are_just_empty(capsys, company_file, value):
    path, ws = company_file
    code, out, err = cli(
        capsys, "report", "overview", "--db", str(path), "--workspace", ws, "--channel", value, "--format", "json"
    )
    assert code == 0, err
    assert json.loads(out)["leads"] == 0
    code, out, err = cli(capsys, "report", "channels", "--db", str(path), "--workspace", value, "--format", "json")
    assert code == 3 and "no workspace" in err


def test_cli_bad_dates_are_clear(capsys, company_file):
    path, ws = company_file
    code, _, err = cli(
        capsys, "report", "overview", "--db", str(path), "--from", "2026-04-01", "--to", "2026-03-01", "--workspace", ws
    )
    assert code == 3 and "--from" in err
    with pytest.raises(SystemExit):
        main(["report", "overview", "--db", str(path), "--from", "01.03.2026"])
