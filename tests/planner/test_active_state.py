"""The active-sales plan travels with the plan: in a link (keys prefixed "a.") and in a saved
scenario; a link or scenario from before it existed opens as it did."""

from dataclasses import fields

import pytest

from funnel.access import User
from funnel.errors import ValidationError
from funnel.model import link
from funnel.model.active import ActivePlan
from funnel.model.plan import Plan
from funnel.scenarios import Scenario, get_scenario, save_scenario

# Every value differs from the defaults and from the others, so a key read into the wrong field fails.
ACTIVE = ActivePlan(
    base=1234.5,
    verify_rate=0.61,
    mail_rate=0.92,
    call_rate=0.53,
    meeting_rate=0.074,
    proposal_rate=0.65,
    contract_rate=0.36,
    payment_rate=0.97,
    verifications_per_caller_day=58,
    calls_per_caller_day=41,
    meetings_per_manager_day=2.5,
    mailings_per_marketer_month=3900,
    working_days=20,
    marketers=2,
    callers=9,
    managers=4,
    management=3,
    marketer_cost=61_000,
    caller_cost=52_000,
    manager_cost=93_000,
    management_cost=155_000,
    contact_cost=12.5,
    avg_check=305_000.75,
    margin=0.31,
    cycle_days=47,
    startup_cost=210_000,
    horizon=18,
    target_kind="profit",
    target_value=-50_000,  # a loss to stay within is a profit target too
    ramp_months=2,
    currency="€",
)
PLAN = Plan(leads=120, conversion=0.05, avg_check=150_000)


def test_every_active_input_has_a_short_link_key():
    assert set(link.ACTIVE_KEYS) == {f.name for f in fields(ActivePlan)}
    assert all(k.startswith("a.") for k in link.ACTIVE_KEYS.values())
    assert len(set(link.ACTIVE_KEYS.values())) == len(link.ACTIVE_KEYS)
    assert not set(link.ACTIVE_FIELDS) & set(link.FIELDS)  # never a main lever's key


@pytest.mark.parametrize(
    "active", [ACTIVE, ACTIVE.with_(target_kind=None, target_value=None)], ids=["reverse", "forward"]
)
def test_the_active_plan_round_trips_through_the_link(active):
    params = link.encode(PLAN, False, None, active)
    assert params["a.nc"] == "9" and params["a.k"] == "305000.75"
    assert ("a.tk" in params) == (active.target_kind is not None)
    decoded, problem = link.decode_active(params)
    assert problem is None and decoded == active
    plan, reverse, problem = link.decode(params)  # the main plan is read as before
    assert problem is None and plan == PLAN.with_(margin=1.0) and reverse is False


def test_a_link_without_active_keys_has_no_active_plan():
    params = link.encode(PLAN)
    assert not any(k.startswith("a.") for k in params)
    assert link.decode_active(params) == (None, None)
    assert link.decode(params)[0] == PLAN


@pytest.mark.parametrize(
    "change, words",
    [
        ({"a.nc": "many"}, "a.nc: not a number"),
        ({"a.vr": "1.5"}, "verify_rate"),  # a share above 1
        ({"a.nc": "2.5"}, "callers"),  # half a person
        ({"a.tk": "revenue"}, "target_kind"),
        ({"a.h": "0"}, "horizon"),
    ],
    ids=["garbage", "share-above-1", "half-a-person", "unknown-target", "no-months"],
)
def test_a_bad_active_value_gives_a_reason_never_an_exception(change, words):
    params = {**link.encode(PLAN, False, None, ACTIVE), **change}
    active, problem = link.decode_active(params)
    assert active is None and words in problem


def test_a_partial_active_link_names_the_missing_input():
    params = link.encode(PLAN, False, None, ACTIVE)
    del params["a.cd"]
    active, problem = link.decode_active(params)
    assert active is None and "calls_per_caller_day" in problem


def test_a_scenario_keeps_its_active_plan_and_old_scenarios_still_open(store, ws):
    admin = User(name="t", default_role="admin")
    with store.transaction() as cur:
        save_scenario(cur, ws, "Исходящие", PLAN, actor=admin, active=ACTIVE)
        save_scenario(cur, ws, "Старый", PLAN, actor=admin)
    with store.cursor() as cur:
        with_active, old = get_scenario(cur, ws, "Исходящие"), get_scenario(cur, ws, "Старый")
    assert with_active.active() == ACTIVE
    assert "active" not in with_active.inputs and with_active.plan() == PLAN  # the CLI reads inputs as levers
    assert old.active() is None and old.plan() == PLAN
    broken = Scenario("x", {}, False, None, None, None, {**ACTIVE.inputs(), "callers": -1})
    with pytest.raises(ValidationError, match="callers"):
        broken.active()


def test_a_workspace_archive_with_an_active_scenario_checks_and_opens_it():
    import json

    from funnel.archive_check import ArchiveError
    from funnel.archive_parts import check_scenarios

    good = {"name": "A", "is_plan": False, "inputs": json.dumps({**PLAN.inputs(), "active": ACTIVE.inputs()})}
    assert check_scenarios([good], "x.zip")[0]["name"] == "A"
    bad = {**good, "inputs": json.dumps({**PLAN.inputs(), "active": {**ACTIVE.inputs(), "margin": 3}})}
    with pytest.raises(ArchiveError, match="margin"):
        check_scenarios([bad], "x.zip")


@pytest.mark.parametrize("sign", ["$", "₽", "USD", "руб.", "€"])
def test_a_currency_sign_is_kept(sign):
    assert ACTIVE.with_(currency=sign).currency == sign


@pytest.mark.parametrize(
    "bad",
    ["[x](y)", "**$**", "<b>", "dollars!", "ABCDEFGHI", "  "],
    ids=["link", "bold", "tag", "bang", "long", "blank"],
)
def test_a_link_cannot_put_markup_in_the_currency(bad):
    """The currency comes from links and is drawn in widget labels, which read Markdown."""
    params = link.encode(PLAN, False, None, ACTIVE)
    params["a.cu"] = bad
    active, problem = link.decode_active(params)
    assert active is None and "currency" in problem
