"""`python -m funnel plan --active …` (funnel.cli.active): the figures in --json, worked by hand."""

import json
import re

import pytest

from funnel.cli import main
from tests.helpers.cli import run_cli

# The round chain of tests/planner/test_active_model.py as flags (20 working days):
# base 1 000 → 800 → 400 → 200 → 40 meetings → 20 → 10 contracts → 10 paid.
ROUND = [
    "--active-base", "1000",
    "--active-verify-rate", "80%",
    "--active-mail-rate", "0.5",
    "--active-call-rate", "0,5",
    "--active-meeting-rate", "0.2",
    "--active-proposal-rate", "0.5",
    "--active-contract-rate", "0.5",
    "--active-payment-rate", "1",
    "--active-verifications-per-caller-day", "50",
    "--active-calls-per-caller-day", "40",
    "--active-meetings-per-manager-day", "2",
    "--active-mailings-per-marketer-month", "1000",
    "--active-working-days", "20",
    "--active-marketers", "1", "--active-callers", "2", "--active-managers", "1", "--active-management", "1",
    "--active-marketer-cost", "100", "--active-caller-cost", "100",
    "--active-manager-cost", "200", "--active-management-cost", "300",
    "--active-contact-cost", "1", "--active-avg-check", "1000", "--active-margin", "0.5",
    "--active-cycle-days", "30.4", "--active-startup-cost", "5000", "--active-horizon", "6",
]  # fmt: skip


def cells(line: str) -> list[str]:
    """A text table's row as its cells (two spaces or more between them)."""
    return re.split(r"\s{2,}", line.strip())


def amount(cell: str) -> float:
    """ "₽1,800", "−₽3,600" (English) as a number."""
    return float(re.sub(r"[^\d.−-]", "", cell).replace("−", "-"))


def run_json(capsys, *argv):
    assert main(["plan", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_forward_json_figures(capsys):
    out = run_json(capsys, "--active", *ROUND)["active"]
    assert out["reverse"] is False and out["bottleneck"] is None
    assert out["volumes"]["meeting"] == pytest.approx(40) and out["contracts"] == pytest.approx(10)
    fn = {f["function"]: f for f in out["functions"]}
    assert fn["calls"]["exact"] == pytest.approx(1.5) and fn["calls"]["load"] == pytest.approx(0.75)
    # turnover 10 000, gross 5 000, costs 800 people + 1 000 contacts = 1 800, profit 3 200
    assert (out["turnover"], out["costs"], out["profit"]) == pytest.approx((10_000, 1_800, 3_200))
    # cycle 30.4 days = 1 month: month 1 costs 1 800 + 5 000 startup and no revenue: −6 800;
    # then +3 200 a month: −3 600, −400, +2 800 → pays back in month 4
    assert [m["cumulative"] for m in out["months"]] == pytest.approx([-6_800, -3_600, -400, 2_800, 6_000, 9_200])
    assert out["payback_month"] == 4


def test_text_month_rows_add_up(capsys):
    """The text table's month rows: costs, revenue, gross profit (revenue × margin), result =
    gross profit − costs. Month 2 of the round chain: 1 800 costs, 10 000 revenue, 5 000 gross,
    +3 200; a row without the gross column read as 10 000 − 1 800 = 3 200 only by luck of words."""
    assert main(["plan", "--active", *ROUND, "--lang", "en"]) == 0
    text = capsys.readouterr().out
    header = next(line for line in text.splitlines() if line.startswith("Month"))
    assert cells(header) == ["Month", "Costs", "Turnover", "Gross profit", "Month's result", "Cumulative"]
    row = next(line for line in text.splitlines() if line.split()[:1] == ["2"])
    assert [amount(x) for x in cells(row)[1:]] == [1_800, 10_000, 5_000, 3_200, -3_600]
    assert cells(row)[1:3] == ["₽1,800", "₽10,000"]  # money in the plan's currency, as the report writes it


def test_reverse_json_whole_people(capsys):
    # 14 contracts → base 1 400 → 2.1 callers → 3 at 70 %
    out = run_json(capsys, *ROUND, "--active-target-kind", "contracts", "--active-target-value", "14")["active"]
    assert out["reverse"] is True and out["reachable"] is True
    calls = next(f for f in out["functions"] if f["function"] == "calls")
    assert (calls["people"], calls["exact"], calls["load"]) == (3, pytest.approx(2.1), pytest.approx(0.7))


def test_unreachable_json(capsys):
    argv = [*ROUND, "--active-margin", "0.05", "--active-target-kind", "profit", "--active-target-value", "1000"]
    out = run_json(capsys, *argv)["active"]
    assert out["reachable"] is False and out["functions"] == [] and out["payback_month"] is None


def test_preset_and_a_flag_on_top(capsys):
    out = run_json(capsys, "--active-preset", "copier_dealer")["active"]
    assert out["payback_month"] == 6 and out["inputs"]["callers"] == 10 and out["inputs"]["currency"] == "$"
    out = run_json(capsys, "--active-preset", "copier_dealer", "--active-cycle-days", "90")["active"]
    assert out["payback_month"] == 11  # a longer cycle pays back later


def test_with_the_plans_own_levers_both_are_in_one_result(capsys):
    out = run_json(
        capsys, "--leads", "120", "--conversion", "5%", "--avg-check", "150000", "--active-preset", "example"
    )
    assert out["turnover"] == pytest.approx(900_000)  # the plan's own, unchanged
    assert out["active"]["inputs"]["base"] == 2000


def test_text_output_names_the_bottleneck_and_payback(capsys):
    assert main(["plan", *ROUND, "--active-callers", "1", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "Bottleneck: the call centre" in text and "150%" in text and "Pays back in month" in text
    management = next(line for line in text.splitlines() if line.startswith("Management"))
    assert cells(management)[-2:] == ["fixed team", "₽300"] and "%" not in management  # a fixed team, not a load


def test_text_output_reads_in_russian(capsys):
    """--lang ru (the default): the active-sales part is Russian, as the plan's table above it
    (#16): the report's words, «150 %» and «300 ₽» as Russian writes them, not one Latin letter."""
    assert main(["plan", *ROUND, "--active-callers", "1"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Активные продажи: прямой расчёт от базы и штата")
    assert "Узкое место: колл-центр" in text and "150 %" in text
    assert "В работу идёт 667 из 1 000 контактов базы в месяц" in text
    assert "Договор 7 → Оплата 7" in text  # 6.67 expected, whole (funnel.model.counts)
    management = next(line for line in text.splitlines() if line.startswith("Руководство"))
    assert cells(management)[-2:] == ["постоянный состав", "300 ₽"]
    month = next(line for line in text.splitlines() if line.startswith("Месяц"))
    assert cells(month) == [
        "Месяц",
        "Затраты",
        "Оборот",
        "Валовая прибыль",
        "Результат месяца",
        "Накопленный итог",
    ]
    assert not re.search("[A-Za-z]", text), re.findall("[A-Za-z]+", text)


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--active-verify-rate", "1.5", "--active-verify-rate: must be between 0 and 1"),
        ("--active-callers", "2.5", "--active-callers: must be a whole number of people"),
        ("--active-base", "lots", "--active-base: must be a number"),
        ("--active-calls-per-caller-day", "0", "--active-calls-per-caller-day: must be more than 0"),
    ],
)
def test_a_bad_flag_is_named(capsys, flag, value, message):
    assert main(["plan", "--active", flag, value]) == 3
    assert message in capsys.readouterr().err


def test_target_kind_without_a_value_is_refused(capsys):
    assert main(["plan", "--active", "--active-target-kind", "profit"]) == 3
    assert "--active-target-value: required" in capsys.readouterr().err


def test_seeded_from_the_workspace_data(store, tiny):
    # tiny (tests/planner/conftest.py): check 75 000 (150 000 over 2 won deals), median lead → won
    # 37.5 days (35 and 40), rounded to 38 days
    path = str(store.path)
    store.close()
    r = run_cli(
        "plan",
        "--db",
        path,
        "--workspace",
        tiny,
        "--from",
        "2025-01-01",
        "--to",
        "2025-02-28",
        "--active",
        "--format",
        "json",
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)["active"]
    assert out["inputs"]["avg_check"] == 75_000 and out["inputs"]["cycle_days"] == 38
    assert {"avg_check", "cycle_days"} <= set(out["from_data"])
    assert "_stage_chain" not in json.loads(r.stdout)


def test_json_keys_are_the_documented_ones(capsys):
    """A script reading --format json relies on these names: the set is fixed and documented in
    funnel.cli.active.as_dict; every figure is finite (no Infinity/NaN, which is not JSON)."""
    out = run_json(capsys, *ROUND, "--active-callers", "0")["active"]
    assert set(out) == {
        "reverse", "reachable", "bottleneck", "payback_month", "contracts", "paid", "turnover",
        "gross_profit", "costs", "profit", "people", "volumes", "functions", "months", "inputs", "from_data",
    }  # fmt: skip
    assert out["people"] == 1 + 0 + 1 + 1  # 1 marketer, no callers, 1 manager, 1 in management
    assert set(out["functions"][0]) == {"function", "people", "exact", "load", "cost"}
    assert set(out["months"][0]) == {"month", "costs", "revenue", "gross_profit", "result", "cumulative"}
    calls = next(f for f in out["functions"] if f["function"] == "calls")
    assert calls["load"] is None and out["bottleneck"] == "calls"  # work and nobody: no load to show
    from funnel.cli.active import as_dict

    for key in out:
        assert f"``{key}``" in as_dict.__doc__, key


def test_a_target_value_without_its_kind_is_refused(capsys):
    # forward would silently ignore it: the reader asked for a target and got the staff's plan
    assert main(["plan", "--active", "--active-target-value", "12"]) == 3
    assert "--active-target-kind: required with --active-target-value" in capsys.readouterr().err


def test_text_says_the_flow_worked_under_a_bottleneck(capsys):
    # one caller for 1.5 callers' work: 666.7 of the 1 000 contacts are worked (shown whole,
    # 667); the table's "needed" and "load" stay the whole base's (sales 1 manager, 100 %)
    assert main(["plan", *ROUND, "--active-callers", "1", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "Worked: 667 of 1,000 contacts a month (needed and load: for the whole base)" in text
    # whole contacts, calls and meetings; contracts and payments with one decimal (2/3 of 10)
    steps = (
        "Prospect base 667 → Verified contacts 533 → Mailed 267 → Follow-up call 133 → Meeting 27 → Proposal 13"
        " → Contract 7 → Payment 7"
    )
    assert f"Steps a month: {steps}" in text
    assert main(["plan", *ROUND, "--lang", "en"]) == 0
    assert "Worked:" not in capsys.readouterr().out  # no bottleneck: the whole base is worked


def test_a_saved_scenarios_active_plan_is_the_start_and_flags_go_on_top(store, tiny):
    """``--scenario X`` takes the active plan saved with X (not the data's seed, not the
    example); a flag overrides one input of it, as the plan's own flags override its levers."""
    from funnel.access import User
    from funnel.model.plan import Plan
    from funnel.scenarios import save_scenario
    from tests.planner.test_active_model import ROUND as SAVED

    saved = SAVED.with_(cycle_days=30.4, startup_cost=5000, horizon=6)  # the flags' ROUND above
    with store.transaction() as cur:
        plan = Plan(leads=120, conversion=0.05, avg_check=150_000)
        save_scenario(cur, tiny, "Outbound", plan, actor=User("a", "admin"), active=saved)
        save_scenario(cur, tiny, "Plain", plan, actor=User("a", "admin"))
    path = str(store.path)
    store.close()

    def active(*argv):
        r = run_cli("plan", "--db", path, "--workspace", tiny, *argv, "--format", "json")
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout).get("active")

    out = active("--scenario", "Outbound", "--active")
    # the saved inputs as they are: check 1 000 (the tiny data's seed would give 75 000), 2 callers
    assert out["inputs"] == saved.inputs() and out["from_data"] == []
    assert out["contracts"] == pytest.approx(10) and out["payback_month"] == 4  # as test_forward_json_figures
    # one caller for 1.5 callers' work: the call centre binds at 150 %, the chain runs at 2/3:
    # 10 × 2/3 = 6.667 contracts, 7 whole; every other input is still the scenario's
    out = active("--scenario", "Outbound", "--active-callers", "1")
    assert out["inputs"] == {**saved.inputs(), "callers": 1}
    assert out["bottleneck"] == "calls" and out["contracts"] == 7
    # a scenario saved with an active plan carries it without --active, as the Planner opens it
    assert active("--scenario", "Outbound")["inputs"] == saved.inputs()
    assert active("--scenario", "Plain") is None  # none saved and none asked for: none
    # none saved and asked for: from the data, as the tab starts (tiny: check 75 000, 38 days)
    out = active("--scenario", "Plain", "--active", "--from", "2025-01-01", "--to", "2025-02-28")
    assert out["inputs"]["avg_check"] == 75_000 and out["inputs"]["cycle_days"] == 38
    assert {"avg_check", "cycle_days"} <= set(out["from_data"])
    # a preset named on the command line is asked for: it wins over the saved plan
    assert active("--scenario", "Outbound", "--active-preset", "copier_dealer")["inputs"]["callers"] == 10


def test_ramp_up_flag_moves_the_payback_and_is_said(capsys):
    # ROUND pays back in month 4 at full output from month 1 (test_forward_json_figures); with a
    # 2-month ramp-up (1/4, 3/4, then full: tests/planner/test_active_money.py) it is month 5, and
    # the figures a month stay the full flow's
    out = run_json(capsys, *ROUND, "--active-ramp-months", "2")["active"]
    assert out["inputs"]["ramp_months"] == 2 and out["payback_month"] == 5
    assert [m["cumulative"] for m in out["months"]] == pytest.approx([-6_050, -6_350, -4_400, -1_200, 2_000, 5_200])
    assert (out["contracts"], out["profit"]) == pytest.approx((10, 3_200))
    assert main(["plan", *ROUND, "--active-ramp-months", "2", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "Pays back in month 5" in text and "New people reach full output in 2 months" in text
    assert main(["plan", *ROUND, "--active-ramp-months", "1.5"]) == 3
    assert "--active-ramp-months: must be a whole number of months" in capsys.readouterr().err
