"""A deals file's date column named after a stage (Maven's engage_date) is the day each deal
reached that stage: without stage history, a lost deal with that date reached the stage."""

from __future__ import annotations

import pytest

from funnel.filters import Filters
from funnel.ingest import undo_upload
from funnel.ingest.stagedates import stage_named
from funnel.ladder import apply_alias
from funnel.metrics import lost, stages
from tests.conftest import DATASETS, needs_shared
from tests.ingest.helpers import ADMIN, inspect_file, load_file, write

MAVEN = DATASETS / "crm_sales_opportunities" / "sales_pipeline.csv"
MAVEN_STAGES = ["Prospecting", "Engaging", "Won", "Lost"]


@pytest.mark.parametrize(
    "header, spellings, stage",
    [
        pytest.param("engage_date", MAVEN_STAGES, "Engaging", id="maven-engage-date"),
        pytest.param("Engaged at", MAVEN_STAGES, "Engaging", id="engaged-at"),
        pytest.param("Date entered Demo scheduled", ["Demo scheduled", "Closed won"], "Demo scheduled", id="hubspot"),
        pytest.param("Proposal date", ["Lead", "Proposal", "Won"], "Proposal", id="proposal-date"),
        pytest.param("close_date", MAVEN_STAGES + ["Closed Won"], None, id="closing-is-no-stage"),
        pytest.param("Дата создания", ["Новая", "Переговоры"], None, id="created-is-no-stage"),
        pytest.param("first_contact_date", ["Initial interest", "Qualified interest"], None, id="no-stage-named"),
        pytest.param("engage_date", ["Engaged", "Engaging"], None, id="two-stages-fit-none-guessed"),
        pytest.param("date", ["Date"], None, id="only-date-words"),
    ],
)
def test_which_stage_a_date_header_names(header, spellings, stage):
    assert stage_named(header, spellings) == stage


# A: won; B: lost after engaging; C: lost before; D: open at Engaging; E: open at Prospecting.
ROWS = (
    "A,Won,2025-01-10,2025-02-01\n"
    "B,Lost,2025-01-12,2025-02-03\n"
    "C,Lost,,2025-02-05\n"
    "D,Engaging,2025-01-15,\n"
    "E,Prospecting,,\n"
)


def _funnel(store, ws):
    with store.cursor() as cur:
        table = stages.stage_funnel(cur, filters=Filters(ws)).table
        by_stage = lost.lost_by_stage(cur, filters=Filters(ws))
    steps = stages.transitions(table)
    return (
        list(table["reached"][:2]),
        [tuple(r) for r in steps[["decided", "passed", "lost"]].head(2).itertuples(index=False)],
        {s: n for s, n in zip(by_stage["stage"].fillna("?"), by_stage["deals"], strict=True)},
    )


@pytest.mark.parametrize(
    "header, mapping, reached, steps, lost_at",
    [
        pytest.param(
            "engage_date",
            None,
            [5, 3],  # Qualified interest (= Engaging): A, B by their engage dates, D open there
            [(4, 3, 1), (2, 1, 1)],  # C lost before engaging, B after
            {"Qualified interest": 1, "?": 1},
            id="engage-date-is-a-stage-date",
        ),
        pytest.param(
            "Date entered Engaging",
            {"created_at": "Date entered Engaging"},
            [5, 3],
            [(4, 3, 1), (2, 1, 1)],
            {"Qualified interest": 1, "?": 1},
            id="a-column-the-user-maps",
        ),
        pytest.param(
            "created_date",
            None,
            [5, 2],  # the header names no stage: B counts at the first stage only, as before
            [(4, 2, 2), (1, 1, 0)],
            {"?": 2},
            id="a-plain-creation-date",
        ),
    ],
)
def test_a_stage_named_date_column_places_deals_without_history(
    store, ws, tmp_path, header, mapping, reached, steps, lost_at
):
    path = write(tmp_path, "pipeline.csv", f"opportunity_id,deal_stage,{header},close_date\n{ROWS}")
    info = inspect_file(store, ws, path, "deals", mapping=mapping)
    named = [k for k, p in info.warning_keys if k == "ingest.warn.stage_dates"]
    assert len(named) == (header != "created_date")
    load_file(store, ws, path, "deals", mapping=mapping)
    with store.transaction() as cur:
        apply_alias(cur, ws, "Prospecting", "Initial interest")
        apply_alias(cur, ws, "Engaging", "Qualified interest")
    assert _funnel(store, ws) == (reached, steps, lost_at)


def test_the_stage_dates_leave_with_their_upload(store, ws, tmp_path):
    path = write(tmp_path, "pipeline.csv", f"opportunity_id,deal_stage,engage_date,close_date\n{ROWS}")
    first = load_file(store, ws, path, "deals")
    with store.cursor() as cur:
        count = "SELECT count(*) FROM stg_stage_history WHERE workspace_id = ?"
        assert cur.execute(count, [ws]).fetchone()[0] == 3  # A, B, D have an engage date
    plain = write(tmp_path, "plain.csv", "opportunity_id,deal_stage,created_date\nA,Won,2025-01-10\n")
    second = load_file(store, ws, plain, "deals", mode="replace")
    with store.cursor() as cur:
        assert cur.execute(count, [ws]).fetchone()[0] == 0  # replaced: the deal rows and their dates
    undo_upload(store, ws, second.upload_id, actor=ADMIN)
    with store.cursor() as cur:
        assert cur.execute(count, [ws]).fetchone()[0] == 3
    undo_upload(store, ws, first.upload_id, actor=ADMIN)
    with store.cursor() as cur:
        assert cur.execute(count, [ws]).fetchone()[0] == 0


@needs_shared(MAVEN)
def test_maven_lost_deals_reached_engaging_by_their_engage_date(store, ws):
    load_file(store, ws, MAVEN, "deals")
    with store.transaction() as cur:
        apply_alias(cur, ws, "Prospecting", "Initial interest")
        apply_alias(cur, ws, "Engaging", "Qualified interest")
    with store.cursor() as cur:
        table = stages.stage_funnel(cur, filters=Filters(ws)).table.set_index("stage")
    # SOURCE.md: every Won, Lost and Engaging deal has an engage_date (4 238 + 2 473 + 1 589);
    # the 500 Prospecting deals have none
    assert table.loc["Initial interest", "reached"] == 8800
    assert table.loc["Qualified interest", "reached"] == 8300  # was 5 827: lost deals at the first stage
    assert table.loc["Qualified interest", "still_open"] == 1589
