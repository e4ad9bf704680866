"""`python -m funnel plan`'s text table written as the Planner writes the same figures (the last
screen review): one precision rule for both (funnel.model.precision.figure), the two "sellers
needed" rows named apart, the cycle's factor said as a multiplier.

The hand-worked plan: 1 000 leads a month × 3 % × 50 000 ₽ = 1 500 000 ₽, 30 deals; a CPL of
377 ₽ → budget 377 000 ₽, ROMI (1 500 000 − 377 000) ÷ 377 000 = 2,9788 → 298 %. Three sellers
taking 400 leads a month at the baseline cycle of 45 days; the plan's cycle is 30 days, so a
seller takes 45 ÷ 30 = 1,5 times the leads: 600 a month, capacity 3 × 600 = 1 800, load
1 000 ÷ 1 800 = 55,56 % → 56 %, sellers for the plan's leads ⌈1 000 ÷ 600⌉ = 2. A target of
3 000 000 ₽ at the baseline conversion needs 3 000 000 ÷ 50 000 ÷ 3 % = 2 000 leads, so
⌈2 000 ÷ 600⌉ = 4 sellers.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from funnel.cli import main

FLAGS = [
    "plan",
    "--leads",
    "1000",
    "--conversion",
    "0.03",
    "--avg-check",
    "50000",
    "--cpl",
    "377",
    "--sellers",
    "3",
    "--contacts-per-seller",
    "400",
    "--cycle-days",
    "30",
    "--base-cycle-days",
    "45",
    "--target-turnover",
    "3000000",
]


def table(capsys, args: list[str]) -> list[tuple[str, str]]:
    """The table's (name, value) rows. The command writes ordinary spaces only (plan_text's
    ``formatting.plain``: a terminal reflows nothing, a person types a plain space): checked on
    the raw output before the rows are split."""
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "\u00a0" not in out and "\u202f" not in out, out
    return [tuple(re.split(r"(?<=\S)\s{2,}", r.rstrip(), maxsplit=1)) for r in out.splitlines() if r.strip()]  # type: ignore[misc]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "ru",
            {
                "ROMI": "298 %",
                "Загрузка команды": "56 %",
                "Нужно продавцов для лидов плана": "2",
                "Нужно продавцов для цели при базовой конверсии": "4",
                "Лидов на продавца в месяц при этом цикле": "× 1,5",
                "Пропускная способность, лидов в месяц": "1 800",
                "Нужна конверсия": "2,78 %",
            },
        ),
        (
            "en",
            {
                "ROMI": "298%",
                "Team load": "56%",
                "Sellers needed for the plan's leads": "2",
                "Sellers needed for the target at the baseline conversion": "4",
                "Leads a seller takes a month at this cycle": "× 1.5",
            },
        ),
    ],
)
def test_the_table_writes_figures_as_the_planner_does(capsys, lang, expected):
    rows = table(capsys, [*FLAGS, "--lang", lang])
    named = dict(r for r in rows if len(r) == 2 and not r[0].startswith(" "))
    assert {k: named.get(k) for k in expected} == expected
    # no two rows of the plan's own part share a name (the target's nested part repeats the plan's on purpose)
    top = [r[0] for r in rows if not r[0].startswith(" ")]
    assert [n for n, c in Counter(top).items() if c > 1] == []


def test_a_cycle_as_the_baseline_s_is_a_factor_of_one(capsys):
    rows = dict(
        r
        for r in table(capsys, ["plan", "--leads", "10", "--conversion", "0.1", "--avg-check", "100", "--lang", "ru"])
        if len(r) == 2
    )
    assert rows["Лидов на продавца в месяц при этом цикле"] == "× 1"


def test_the_demo_s_romi_reads_as_on_the_planner(tmp_path, capsys, demo_app_db):
    """The demo's ROMI: (8 258 583 − 1 684 880) ÷ 1 684 880 = 3,9016 → «390 %» in the table,
    as on the Planner's card (it printed the demo's ROMI of then as «377,45 %»)."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    rows = dict(r for r in table(capsys, ["plan", "--db", str(demo_app_db), "--lang", "ru"]) if len(r) == 2)
    assert rows["ROMI"] == "390 %"
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/planner.py").run()
    assert not at.exception, at.exception
    card = next(m.value for m in at.metric if m.label == "ROMI")
    assert card.replace("\u00a0", " ").replace("\u202f", " ") == rows["ROMI"]


def test_the_demo_s_leads_a_seller_read_as_on_the_planner_s_lever(capsys, demo_app_db):
    """15 298 leads ÷ 12 months ÷ 6 sellers = 212,47… a seller: «212,5», as the Planner's lever and
    the line under its capacity card write it (6 × 212,5 = 1 275, the capacity); the table said
    «212», and 6 × 212 = 1 272 (precision.per_seller_places)."""
    rows = dict(r for r in table(capsys, ["plan", "--db", str(demo_app_db), "--lang", "ru"]) if len(r) == 2)
    assert (rows["Продавцы"], rows["Лидов на продавца в месяц"]) == ("6", "212,5")
    assert rows["Пропускная способность, лидов в месяц"] == "1 275"
