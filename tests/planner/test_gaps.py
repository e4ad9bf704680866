"""funnel.model.gaps and the pipeline's unknown amounts: a figure built on a lever the data does
not give is None until the lever is typed; spend without leads is the budget. Table-driven, with
the arithmetic by hand."""

from __future__ import annotations

import re

import pytest

from funnel.i18n import t
from funnel.model import result
from funnel.model.gaps import NONE, Gaps
from funnel.model.pipeline import OpenMonth, OpenStage, by_close_month, weighted
from funnel.model.plan import Plan, evaluate
from tests.helpers.screen import plain

ZERO = Plan(leads=0.0, conversion=0.0, avg_check=0.0, cpl=0.0)
SPEND_ONLY = Gaps(frozenset({"leads", "conversion", "avg_check"}), spend_per_month=1_500.0)
LEADS_ONLY = Gaps(frozenset({"conversion", "avg_check", "cpl"}))
DEALS_ONLY = Gaps(frozenset({"avg_check", "cpl"}))


@pytest.mark.parametrize(
    "gaps, base, typed, expected",
    [
        # spend only, nothing typed: the budget is the spend a month; the rest unknown
        (SPEND_ONLY, ZERO, {}, dict(turnover=None, deals=None, budget=1_500.0, romi=None, cac=None, profit=None)),
        # leads typed: deals need the conversion still; the budget is still the spend
        (SPEND_ONLY, ZERO, dict(leads=100.0), dict(turnover=None, deals=None, budget=1_500.0, profit=None)),
        # all typed: 100 × 5 % × 10 000 = 50 000; ROMI (50 000 − 1 500) ÷ 1 500; CAC 1 500 ÷ 5; no
        # margin set (the plan's 100 %): no profit (screen review #16: not turnover − budget)
        (
            SPEND_ONLY,
            ZERO,
            dict(leads=100.0, conversion=0.05, avg_check=10_000.0),
            dict(turnover=50_000.0, deals=5.0, budget=1_500.0, romi=48_500 / 1_500, cac=300.0, profit=None),
        ),
        # … and a margin of 30 %: profit 50 000 × 0,3 − 1 500 = 13 500; ROMI as before (on turnover)
        (
            SPEND_ONLY,
            ZERO,
            dict(leads=100.0, conversion=0.05, avg_check=10_000.0, margin=0.3),
            dict(turnover=50_000.0, budget=1_500.0, romi=48_500 / 1_500, gross_margin=15_000.0, profit=13_500.0),
        ),
        # a CPL typed on spend only: leads × CPL is the budget again (100 × 20)
        (SPEND_ONLY, ZERO, dict(leads=100.0, cpl=20.0), dict(budget=2_000.0, turnover=None)),
        # a CPL typed alone (leads still untyped): no leads × CPL yet, the budget stays the spend
        (SPEND_ONLY, ZERO, dict(cpl=20.0), dict(budget=1_500.0, turnover=None, deals=None, profit=None)),
        # leads only: 25 leads a month; no deals, turnover, budget or profit
        (
            LEADS_ONLY,
            ZERO.with_(leads=25.0),
            {},
            dict(leads=25.0, deals=None, turnover=None, budget=None, romi=None, profit=None),
        ),
        # deals only: 10 deals in × 20 % = 2 deals; no check, no CPL
        (
            DEALS_ONLY,
            ZERO.with_(leads=10.0, conversion=0.2),
            {},
            dict(deals=2.0, turnover=None, budget=None, profit=None),
        ),
        # deals only, check typed: 2 × 5 000 = 10 000; the budget still unknown, so the profit too
        (
            DEALS_ONLY,
            ZERO.with_(leads=10.0, conversion=0.2),
            dict(avg_check=5_000.0),
            dict(turnover=10_000.0, profit=None),
        ),
        # a complete workspace: nothing changes
        (Gaps(), ZERO.with_(leads=10.0, conversion=0.2, avg_check=5_000.0), {}, dict(turnover=10_000.0, budget=0.0)),
    ],
    ids=[
        "spend-only",
        "spend-only-leads-typed",
        "spend-only-all-typed",
        "spend-only-all-typed-margin",
        "spend-only-cpl-typed",
        "spend-only-cpl-typed-alone",
        "leads-only",
        "deals-only",
        "deals-only-check-typed",
        "complete",
    ],
)
def test_figures_on_unknown_levers_are_none(gaps, base, typed, expected):
    plan = base.with_(**typed)
    out = gaps.apply(evaluate(plan), plan, base)
    for key, value in expected.items():
        assert out[key] == (pytest.approx(value) if value is not None else None), (key, out[key])


def test_the_result_masks_every_side_and_the_waterfall():
    r = result.run(ZERO, ZERO, False, gaps=SPEND_ONLY)
    # the CPL: no leads to price by; the margin: none set (the plan's 100 %, gaps.apply_margin)
    assert r.unknown == {"leads", "conversion", "avg_check", "cpl", "margin"}
    assert r.shown["turnover"] is None and r.baseline["turnover"] is None and r.forward["profit"] is None
    assert r.shown["budget"] == r.baseline["budget"] == 1_500.0
    assert set(r.effects.values()) == {None}  # no waterfall from an unknown turnover
    # without gaps (the command line's own plan) a 0 is a typed 0
    assert result.run(ZERO, ZERO, False, gaps=NONE).shown["turnover"] == 0.0


def test_a_typed_cpl_is_not_unknown_and_keeps_the_spend_as_budget():
    plan = ZERO.with_(cpl=20.0)
    assert SPEND_ONLY.unknown(plan, ZERO) == {"leads", "conversion", "avg_check"}  # the CPL is typed
    assert SPEND_ONLY.unknown(plan.with_(leads=100.0), ZERO) == {"conversion", "avg_check"}


def test_the_headline_figures_a_page_names():
    assert SPEND_ONLY.figures(ZERO) == ["turnover", "deals", "profit"]
    assert LEADS_ONLY.figures(ZERO.with_(leads=25.0)) == ["turnover", "deals", "budget", "profit"]


@pytest.mark.parametrize(
    "stages, amount, weighted_ladder, unpriced",
    [
        # 2 deals worth 1 000 at 50 %, 3 without amounts: the known part only, 3 unpriced
        ([OpenStage("A", 2, 1_000, 0.5), OpenStage("B", 3, 0, 0.25)], 1_000, 500, 3),
        # no amounts anywhere: the value is unknown, not 0 (even the empty stage's)
        ([OpenStage("A", 2, 0, 0.5), OpenStage("B", 0, 0, 0.25)], None, None, 2),
        # no open deals: 0 is a fact
        ([OpenStage("A", 0, 0, 0.5)], 0, 0, 0),
    ],
    ids=["some-amounts", "no-amounts", "no-deals"],
)
def test_open_deals_without_amounts_are_worth_none(stages, amount, weighted_ladder, unpriced):
    rows, total = weighted(stages)
    assert (total["amount"], total["weighted_ladder"], total["unpriced"]) == (amount, weighted_ladder, unpriced)
    if amount is None:
        assert all(r["amount"] is None and r["weighted_ladder"] is None for r in rows)


def test_a_close_month_without_amounts_is_none():
    from datetime import date

    rows = by_close_month([OpenMonth(None, 4, 0, 0), OpenMonth(date(2026, 7, 1), 1, 500, 250)], date(2026, 7, 5))
    assert [(r["amount"], r["weighted"]) for r in rows] == [(500, 250), (None, None)]


def test_the_command_line_plans_a_spend_only_workspace_like_the_page(tmp_path, capsys):
    """``python -m funnel plan --workspace``: 18 000 of spend in the 6 months of the last 12 that
    the data covers (January–June) is a budget of 3 000 a month; turnover, deals and profit are
    null (not 0); with the levers given as flags, 100 × 5 % × 10 000 = 50 000, and profit null
    until a margin is given (the Planner's rule, gaps.apply_margin), then at 30 % 50 000 × 0,3 −
    3 000 = 12 000. The JSON carries the covered months and the period's."""
    import json
    from datetime import date

    from funnel.cli import main
    from funnel.db import Store
    from funnel.workspace import create_workspace
    from tests.conftest import insert

    path = tmp_path / "cli.duckdb"
    store = Store(path)
    with store.transaction() as cur:
        ws = create_workspace(cur, "Spend").id
    spend = [{"channel": "Web", "period": date(2026, m, 1), "amount": 3000} for m in range(1, 7)]
    insert(store, ws, "spend", spend)
    store.close()
    base = ["plan", "--db", str(path), "--workspace", ws, "--format", "json"]
    assert main(base) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["budget"] == pytest.approx(3_000)
    assert (out["months"], out["window_months"], out["covered_from"], out["covered_to"]) == (
        6.0,
        12.0,
        "2026-01-01",
        "2026-06-30",
    )
    assert [out[k] for k in ("turnover", "deals", "romi", "profit")] == [None] * 4
    assert out["unknown"] == ["avg_check", "conversion", "cpl", "leads", "margin"]
    typed = [*base, "--leads", "100", "--conversion", "5%", "--avg-check", "10000"]
    assert main(typed) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["turnover"], out["profit"]) == (pytest.approx(50_000), None)
    assert out["unknown"] == ["cpl", "margin"]  # the budget is the spend; a lead's price is not given
    assert main([*typed, "--margin", "30%"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["profit"], out["unknown"]) == (pytest.approx(12_000), ["cpl"])


def test_the_daily_snapshot_has_no_weighted_pipeline_of_0_for_deals_without_amounts(store, ws):
    """Four open deals without amounts: the snapshot's weighted pipeline (the Time page's
    "Weighted pipeline now") is unknown, not ₽0; one priced deal of 1 000 at the ladder's 25 %
    makes it 250."""
    from datetime import date, datetime

    from funnel import forecast_snapshots as fs
    from funnel.filters import Filters
    from tests.conftest import insert
    from tests.planner.test_partial_plans import DEALS

    insert(store, ws, "deals", DEALS)
    with store.cursor() as cur:
        shot = fs.forecast(cur, filters=Filters(ws), today=date(2026, 7, 1))
    total = shot[shot["owner"] == ""]
    assert total["weighted_pipeline"].isna().all(), total
    insert(
        store,
        ws,
        "deals",
        [
            {
                "deal_id": "P1",
                "created_at": datetime(2026, 6, 10),
                "stage": "Proposal under review",
                "status": "open",
                "amount": 1000,
            }
        ],
    )
    with store.cursor() as cur:
        shot = fs.forecast(cur, filters=Filters(ws), today=date(2026, 7, 1))
    assert shot.loc[shot["owner"] == "", "weighted_pipeline"].tolist() == [250.0, 250.0]


@pytest.mark.parametrize(
    "lang, line",
    [
        ("ru", "Конверсия в сделку, Средний чек, Цена лида (CPL)"),
        ("en", "Conversion to a deal, Average deal size, Cost per lead (CPL)"),
    ],
)
def test_the_command_lines_text_names_the_unknown_levers_in_words(tmp_path, capsys, lang, line):
    """The text output's "not in the data" line on a leads-only workspace (12 leads, no deals, no
    spend): the levers by name in the language, not a Python list; their own rows "—", not 0."""
    from funnel.cli import main
    from funnel.db import Store
    from funnel.workspace import create_workspace
    from tests.conftest import insert
    from tests.planner.test_partial_plans import LEADS

    path = tmp_path / "cli.duckdb"
    store = Store(path)
    with store.transaction() as cur:
        ws = create_workspace(cur, "Leads").id
    insert(store, ws, "leads", LEADS)
    store.close()
    assert main(["plan", "--db", str(path), "--workspace", ws, "--lang", lang]) == 0
    rows = dict(re.split(r"\s{2,}", r.strip(), maxsplit=1) for r in capsys.readouterr().out.splitlines() if r.strip())
    ru = lang == "ru"
    assert rows["Данные не дают" if ru else "Not in the data"] == line
    assert rows["Оборот в месяц" if ru else "Turnover per month"] == "—"
    assert rows["Конверсия в сделку" if ru else "Conversion to a deal"] == "—"
    assert rows["Средний чек" if ru else "Average deal size"] == "—"
    assert rows["Лиды в месяц" if ru else "Leads per month"] == "2"  # 12 leads ÷ the 6 months with data


def test_the_report_has_no_waterfall_from_an_unknown_baseline():
    """Deals only (10 deals in × 20 %), a check of 5 000 typed: the plan's 2 × 5 000 = 10 000
    against a baseline of unknown turnover: no waterfall figure (its bars drew at 0), the
    sentence instead; with the baseline's check known, the figure and no sentence."""
    from funnel.report import figures

    base = ZERO.with_(leads=10.0, conversion=0.2)
    r = result.run(base.with_(avg_check=5_000.0), base, False, gaps=DEALS_ONLY)
    assert r.shown["turnover"] == pytest.approx(10_000) and r.baseline["turnover"] is None
    assert not r.waterfall_ready
    charts, notes = figures.waterfall_or_note(r, "ru")
    assert charts == [] and [plain(n) for n in notes] == [t("gaps.no_base_turnover", "ru", turnover="10 000 ₽")]
    full = base.with_(avg_check=5_000.0)
    r = result.run(full.with_(leads=12.0), full, False, gaps=NONE)
    charts, notes = figures.waterfall_or_note(r, "ru")
    assert len(charts) == 1 and notes == [] and r.waterfall_ready


def test_the_channel_mix_has_no_zeros_for_levers_the_data_lacks():
    """Spend and leads, no deals: the Web channel's 1 000 a month at a CPL of 1 000 gives 1 lead;
    its conversion and check (0: the data has none) make deals, turnover, CAC and ROMI unknown,
    not 0, 0 and −100 %; the totals over them too. With the conversion (10 %) and the check
    (20 000) typed: 0,1 deals × 20 000 = 2 000, ROMI (2 000 − 1 000) ÷ 1 000 = 100 %."""
    from funnel.model.mix import Channel

    gaps = Gaps(frozenset({"conversion", "avg_check"}))
    base = ZERO.with_(leads=1.0, cpl=1_500.0)
    web = Channel("Web", 1_000.0, 1_000.0, 0.0, 0.0, 0.0, 1_000.0)
    r = result.run(base, base, False, [web], gaps=gaps, base_channels=[web])
    row, tot = r.mix["rows"][0], r.mix["totals"]
    assert (row["budget"], row["cpl"], row["leads"]) == (1_000.0, 1_000.0, 1.0)
    assert [row[k] for k in ("conversion", "deals", "avg_check", "turnover", "cac", "romi")] == [None] * 6
    assert (tot["budget"], tot["leads"], tot["cpl"]) == (1_000.0, 1.0, 1_000.0)
    assert [tot[k] for k in ("deals", "turnover", "cac", "romi", "conversion", "avg_check")] == [None] * 6
    # only the conversion typed: deals 0,1 known, the turnover still needs the check
    typed = Channel("Web", 1_000.0, 1_000.0, 0.1, 0.0, 0.0, 1_000.0)
    row = result.run(base, base, False, [typed], gaps=gaps, base_channels=[web]).mix["rows"][0]
    assert row["deals"] == pytest.approx(0.1) and row["cac"] == pytest.approx(10_000) and row["turnover"] is None
    typed = Channel("Web", 1_000.0, 1_000.0, 0.1, 20_000.0, 0.0, 1_000.0)
    r = result.run(base, base, False, [typed], gaps=gaps, base_channels=[web])
    assert r.mix["rows"][0]["turnover"] == pytest.approx(2_000) and r.mix["totals"]["romi"] == pytest.approx(1.0)


def test_the_command_lines_table_reads_in_russian_with_formatted_numbers(tmp_path, capsys):
    """The review: `plan --lang ru` printed English keys and raw floats ("leads 1,269.75",
    "conversion 0.0318", "romi 3.7745"). The table names each figure as the Planner does and
    writes it by its unit. Hand-worked: 1 000 leads × 3 % × 50 000 ₽ = 1 500 000 ₽ a month,
    30 deals; CPL 500 ₽ → budget 500 000 ₽, ROMI (1 500 000 − 500 000) ÷ 500 000 = 200 %. The JSON
    output keeps its keys and exact numbers."""
    import json

    from funnel.cli import main

    flags = ["plan", "--leads", "1000", "--conversion", "0.03", "--avg-check", "50000", "--cpl", "500"]
    assert main([*flags, "--lang", "ru"]) == 0
    text = capsys.readouterr().out
    rows = dict(re.split(r"\s{2,}", r.strip(), maxsplit=1) for r in text.splitlines() if re.search(r"\S\s{2,}\S", r))
    shown = {k: v.replace("\u00a0", " ").replace("\u202f", " ") for k, v in rows.items()}  # no-break spaces
    assert shown["Лиды в месяц"] == "1 000"
    assert shown["Конверсия в сделку"] == "3,00 %"  # a rate by the one rule (precision.rate_places)
    assert shown["Оборот в месяц"] == "1 500 000 ₽"
    assert shown["Сделки в месяц"] == "30"
    assert shown["Бюджет в месяц"] == "500 000 ₽"
    assert shown["ROMI"] == "200 %"
    assert shown["Веб-цепочка в плане"] == "нет"  # the tab's name, «Веб-цепочка»
    assert not re.search(r"[A-Za-z]_[a-z]", text)  # no key such as "avg_check" or "new_turnover"
    assert main([*flags, "--format", "json", "--lang", "ru"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["turnover"], out["conversion"], out["romi"]) == (1_500_000.0, 0.03, 2.0)


def test_plan_s_table_on_the_demo_names_every_figure_and_writes_dates_as_dates(tmp_path, capsys):
    """`plan --db … --lang ru`: the baseline's part (covered months and dates included) in words,
    no raw key such as «window_months» and no ISO date «2025-11-01»."""
    from funnel.cli import main
    from tests.conftest import with_demo

    db = with_demo(tmp_path / "demo.duckdb")
    assert main(["plan", "--db", str(db), "--lang", "ru"]) == 0
    text = capsys.readouterr().out
    assert not re.search(r"[a-z]_[a-z]", text), text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), text
    rows = dict(re.split(r"\s{2,}", r.strip(), maxsplit=1) for r in text.splitlines() if re.search(r"\S\s{2,}\S", r))
    assert (rows["Месяцев с данными"], rows["Месяцев в периоде"]) == ("12", "12")  # the demo covers its year
