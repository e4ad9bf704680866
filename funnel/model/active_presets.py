"""Named active-sales plans (DOMAIN.md §7) a trainer opens in the Workshop, and the example
defaults the planner starts from where the data says nothing.

The source gives only the staff, the check and the outcome of its two cases; every other input
below is stated here as an assumption (a month of 21 working days, costs per person a month):

- **copier_dealer**: 1 marketer, 10 callers, 3 sales managers, 3 in management, a $5 000 check,
  paid back in 6 months. Assumed: 6 000 contacts a month at $0.20; verified 60 %, mailed 90 %,
  reached by the follow-up call 50 %, meeting 7 %, proposal 60 %, contract 35 %, paid 90 %; a
  caller verifies 60 contacts or makes 40 calls a day, a manager holds 2 meetings a day, a
  marketer prepares 4 000 mailings a month; costs $1 500 (marketer), $700 (caller), $2 000
  (manager), $3 000 (management); margin 35 %; 45 days from first contact to payment; $15 000
  at the start (the programmer's work on the base and the hiring). That gives 21.4 paid
  contracts a month, $107 163 turnover, $12 807 profit a month and the payback in month 6
  (tests/planner/test_active_model.py checks it; a 30-day cycle gives month 5, 60 days month 7).
  Where the assumptions come from (none is the source's; each is a round figure a reader can
  check against their own): the day of a caller is 7–8 hours, so 60 short checks (about 8 an
  hour, a switchboard and a name) or 40 conversations (5 an hour); a manager in the field holds
  2 meetings a day with travel; a meeting from 7 % of the calls held because the letter gives
  the call its reason (cold calls set 1–3 %); proposal → contract 35 % and contract → paid 90 %
  are close to DOMAIN §4's ladder (25 % at "Proposal under review", 99 % once signed), kept a
  little cautious for a new team; the pay is of the order of Russian regional pay when the
  source was written; 35 % is a dealer's margin with service and consumables (the machine
  alone earns less); 45 days is a small capital purchase: meeting, demo, proposal, approval,
  payment.
- **printing_dealer**: 1 marketer, 2 callers, 5 sales managers (and 1 in management), who
  doubled their sales in 6 months in a market growing 10 % a year (the model has no "before",
  so the doubling is not reproduced; the preset pays back in month 6). Assumed: 1 000 contacts a
  month, a $12 000 check (printing equipment costs more than a copier), a 90-day cycle (a
  bigger purchase), managers holding 1 meeting a day (longer demonstrations) and a meeting from
  20 % of the calls held (a narrower, better-chosen base: 1 000 contacts, not 6 000); the pay
  and productivity of callers as the copier dealer's; margin 25 %.
- **example**: round figures for a first look, to be typed over (the screen labels them as
  examples); money in the workspace's currency.

The two cases carry their currency, US dollars (``currency="$"``), and every screen, report and
export shows their money in dollars while the case is open, whatever the workspace's currency.
Not converted to roubles: the source states its cases in dollars and a trainer retells them so
("a $5 000 check"); any rate would be a guess about a past year, and the case's ratios (check to
pay, pay to contact cost) are the source era's, which a conversion at today's rate would break.
The payback month does not depend on the currency at all.
"""

from __future__ import annotations

from funnel.model.active import ActivePlan

COPIER_DEALER = ActivePlan(
    base=6000,
    verify_rate=0.6,
    mail_rate=0.9,
    call_rate=0.5,
    meeting_rate=0.07,
    proposal_rate=0.6,
    contract_rate=0.35,
    payment_rate=0.9,
    verifications_per_caller_day=60,
    calls_per_caller_day=40,
    meetings_per_manager_day=2,
    mailings_per_marketer_month=4000,
    working_days=21,
    marketers=1,
    callers=10,
    managers=3,
    management=3,
    marketer_cost=1500,
    caller_cost=700,
    manager_cost=2000,
    management_cost=3000,
    contact_cost=0.2,
    avg_check=5000,
    margin=0.35,
    cycle_days=45,
    startup_cost=15000,
    horizon=12,
    currency="$",
)

PRINTING_DEALER = ActivePlan(
    base=1000,
    verify_rate=0.7,
    mail_rate=0.9,
    call_rate=0.6,
    meeting_rate=0.2,
    proposal_rate=0.6,
    contract_rate=0.3,
    payment_rate=0.95,
    verifications_per_caller_day=60,
    calls_per_caller_day=40,
    meetings_per_manager_day=1,
    mailings_per_marketer_month=3000,
    working_days=21,
    marketers=1,
    callers=2,
    managers=5,
    management=1,
    marketer_cost=1500,
    caller_cost=700,
    manager_cost=2000,
    management_cost=3000,
    contact_cost=0.3,
    avg_check=12000,
    margin=0.25,
    cycle_days=90,
    startup_cost=20000,
    horizon=12,
    currency="$",
)

EXAMPLE = ActivePlan(
    base=2000,
    verify_rate=0.7,
    mail_rate=0.9,
    call_rate=0.5,
    meeting_rate=0.06,
    proposal_rate=0.6,
    contract_rate=0.4,
    payment_rate=0.9,
    verifications_per_caller_day=60,
    calls_per_caller_day=50,
    meetings_per_manager_day=2,
    mailings_per_marketer_month=3000,
    working_days=21,
    marketers=1,
    callers=3,
    managers=2,
    management=1,
    marketer_cost=60_000,
    caller_cost=50_000,
    manager_cost=90_000,
    management_cost=150_000,
    contact_cost=10,
    avg_check=300_000,
    margin=0.3,
    cycle_days=60,
    startup_cost=200_000,
    horizon=12,
)

PRESETS: dict[str, ActivePlan] = {
    "copier_dealer": COPIER_DEALER,
    "printing_dealer": PRINTING_DEALER,
    "example": EXAMPLE,
}
