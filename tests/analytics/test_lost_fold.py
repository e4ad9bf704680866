"""The lost-reason charts draw the five reasons that lost the most deals, "no reason given", and
the rest as one «Прочие» (ui.views.funnel_lost): on a phone the demo's ten reasons were a legend of
ten rows above each chart (review #16; the browser's check: tests/browser/test_lost_legend.py).
Sums worked out by hand."""

from __future__ import annotations

import math

import pandas as pd

from funnel import palette


def _by_stage() -> pd.DataFrame:
    """Stage A: r1 … r7 lost 70, 60, 50, 40, 30, 20, 10 deals, and 5 without a reason; stage B:
    r6 2, r7 3. Each amount 1 000 ₽ a deal (r6 at A: 20 000 ₽), but r7's and stage B's: unknown."""
    named = [(f"r{i + 1}", 70 - 10 * i) for i in range(7)]
    rows = [{"position": 1, "stage": "A", "reason": r, "deals": d, "amount": 1000.0 * d} for r, d in named]
    rows += [{"position": 1, "stage": "A", "reason": None, "deals": 5, "amount": 500.0}]
    rows += [{"position": 2, "stage": "B", "reason": "r6", "deals": 2, "amount": None}]
    rows += [{"position": 2, "stage": "B", "reason": "r7", "deals": 3, "amount": None}]
    df = pd.DataFrame(rows)
    df.loc[(df["reason"] == "r7") & (df["stage"] == "A"), "amount"] = None
    return df


def test_past_six_named_reasons_the_smallest_are_one_grey_other():
    """Totals r1 70 … r5 30, r6 20 + 2 = 22, r7 10 + 3 = 13: r6 and r7 fold. «Прочие» at A: 20 + 10
    = 30 deals, 20 000 ₽ (r6's; r7's unknown amount adds nothing); at B: 2 + 3 = 5 deals, amount unknown
    (NaN, "—": neither has one). «Прочие» grey; "no reason given" takes the sixth strong colour."""
    from ui.views.funnel import lost_stage_figure, reason_colours, reason_order

    df = _by_stage()
    order = reason_order(df)
    assert order == ["r1", "r2", "r3", "r4", "r5", "Причина не указана", "Прочие"]
    fig = lost_stage_figure(df, "deals")
    assert [tr.name for tr in fig.data] == order
    rest = fig.data[-1]
    assert list(rest.y) == ["A", "B"] and list(rest.x) == [30, 5]
    money = lost_stage_figure(df, "amount").data[-1]
    assert money.x[0] == 20_000.0 and math.isnan(money.x[1])
    colours = reason_colours(df)
    assert colours["Прочие"] == palette.OTHER and colours["Причина не указана"] == palette.STRONG[5]
    assert [colours[f"r{i}"] for i in range(1, 6)] == list(palette.STRONG[:5])


def test_six_named_reasons_are_all_drawn():
    """Without r7, six named reasons: folding one into «Прочие» would save no row; all drawn, "no
    reason given" grey as before."""
    from ui.views.funnel import lost_stage_figure, reason_colours

    df = _by_stage()
    df = df[df["reason"] != "r7"]
    fig = lost_stage_figure(df, "deals")
    assert [tr.name for tr in fig.data] == ["r1", "r2", "r3", "r4", "r5", "r6", "Причина не указана"]
    assert reason_colours(df)["Причина не указана"] == palette.OTHER
