"""Figures right-aligned in the Planner's tables (review #16): their cells are text written in the
language («17,0 %», «80,7», «60 000 ₽»), and the grid put text on the left, so «216» stood above
«80,7» unaligned. The stage table, the active sales' functions and chain, as the browser gets
them (the column config st.dataframe sends); names stay on the left."""

from __future__ import annotations

import json

from funnel.i18n import t
from tests.planner.test_active_tab import opened


def _aligned(at, first: str) -> dict[str, str | None]:
    """Column → its alignment, for the table whose first column is ``first``."""
    frame = next(d for d in at.dataframe if list(d.value.columns)[:1] == [first])
    config = json.loads(frame.proto.columns or "{}")
    return {c: config.get(c, {}).get("alignment") for c in frame.value.columns}


def test_the_stage_tables_rates_and_counts_stand_right_its_steps_left(app_db):
    at = opened(app_db, pl_tab=t("planner.tab.chain", "ru"))
    assert _aligned(at, t("planner.chain.col_step", "ru")) == {
        t("planner.chain.col_step", "ru"): None,
        t("planner.chain.col_rate", "ru"): "right",
        t("planner.chain.col_count", "ru"): "right",
    }


def test_the_stage_tables_counts_say_they_are_the_cards_average_whole(app_db):
    """Screen review #16: «Сделки в месяц 40,4» on the card beside «40» at the chain's foot, one
    quantity written twice: the chain's column says its counts are that average, whole (the card's
    help says the other half: tests/planner/test_deal_flow.py)."""
    at = opened(app_db, pl_tab=t("planner.tab.chain", "ru"))
    frame = next(d for d in at.dataframe if list(d.value.columns)[:1] == [t("planner.chain.col_step", "ru")])
    config = json.loads(frame.proto.columns or "{}")
    assert config[t("planner.chain.col_count", "ru")].get("help") == t("planner.chain.col_count_help", "ru")


def test_the_active_sales_tables_figures_stand_right_their_names_left(app_db):
    at = opened(app_db)
    people = _aligned(at, t("active.col.function", "ru"))
    assert list(people.values()) == [None, "right", "right", "right", "right"], people
    chain = _aligned(at, t("active.col.step", "ru"))
    assert list(chain.values()) == [None, "right"], chain


def test_the_scenario_comparisons_figures_stand_right_the_figures_names_left(app_db):
    # «1 270», «3,18 %», «8 044 167 ₽» under «База» and «Сейчас на экране» stood on the left
    at = opened(app_db, pl_tab=t("planner.tab.scenarios", "ru"))
    compared = _aligned(at, t("planner.sc.metric", "ru"))
    assert len(compared) >= 3 and list(compared.values()) == [None] + ["right"] * (len(compared) - 1), compared
