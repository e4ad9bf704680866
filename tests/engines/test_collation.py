"""Text comes out in DuckDB's order (by bytes) on PostgreSQL too, even on a database created with
a language's collation (here ICU's en-US, which sorts "alpha" before "Alpha" before "beta"), and
lower() still knows Cyrillic letters (funnel/pg/translate.py: text columns and casts are
collated "C", lower/upper take the database's own)."""

from __future__ import annotations

from datetime import datetime

import psycopg
import pytest

from funnel.db import Store
from funnel.filters import Filters
from funnel.metrics import channels
from funnel.workspace import create_workspace
from tests.conftest import insert

NAMES = ["beta", "Alpha", "alpha", "Zeta", "Яндекс", "авито", "Авито"]
# By bytes (code points): capitals before small letters, Latin before Cyrillic, А (U+0410) and
# Я (U+042F) before а (U+0430). en-US would give alpha, Alpha, beta, Zeta, авито, Авито, Яндекс.
BYTE_ORDER = ["Alpha", "Zeta", "alpha", "beta", "Авито", "Яндекс", "авито"]


@pytest.fixture
def language_db():
    """A database whose own collation is a language's (ICU en-US), on the test server."""
    from funnel.pg.store import PgStore
    from tests.pgserver import server

    base = server()
    name = "en_us_" + datetime.now().strftime("%H%M%S%f")
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(
            f"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
        )
        store = PgStore(base.rsplit("/", 1)[0] + "/" + name)
        with store.cursor() as cur:
            order = cur.execute_native(
                "SELECT string_agg(x, ',' ORDER BY x) FROM unnest(%s::text[]) AS t(x)", (NAMES,)
            ).fetchone()[0]
        assert order.split(",")[:2] == ["alpha", "Alpha"]  # the database itself sorts as a language
    yield store
    store.close()


def _lists(store) -> dict:
    with store.transaction() as cur:
        ws = create_workspace(cur, "Order").id
    leads = [
        {"lead_id": f"L{i}", "created_at": datetime(2026, 3, 2 + i), "channel": name} for i, name in enumerate(NAMES)
    ]
    insert(store, ws, "leads", leads)
    with store.snapshot() as cur:
        table = channels.channel_table(
            cur, filters=Filters(workspace_id=ws, date_from=datetime(2026, 3, 1).date()), attribution="period"
        )
        cur.execute("CREATE TEMP TABLE names AS SELECT DISTINCT channel FROM leads_raw WHERE workspace_id = ?", [ws])
        return {
            "channel_table": [g for g, total in zip(table["grp"], table["is_total"], strict=True) if not total],
            "order_by": [r[0] for r in cur.execute("SELECT channel FROM names ORDER BY channel").fetchall()],
            "min_max": cur.execute("SELECT min(channel), max(channel) FROM names").fetchall()[0],
            "less_than": [
                r[0] for r in cur.execute("SELECT channel FROM names WHERE channel < 'a' ORDER BY 1").fetchall()
            ],
            "lower": cur.execute("SELECT lower('ЁЖ Ab'), upper('ёж ab')").fetchall()[0],
            "lower_of_column": sorted(
                r[0]
                for r in cur.execute(
                    "SELECT lower(channel) FROM names WHERE channel LIKE 'А%' OR channel LIKE 'A%'"
                ).fetchall()
            ),
        }


def test_text_order_is_duckdbs_on_a_language_collated_database(tmp_path, language_db):
    duck = Store(tmp_path / "order.duckdb")
    try:
        expected = _lists(duck)
    finally:
        duck.close()
    assert expected["channel_table"] == BYTE_ORDER  # one lead each: the table lists by name
    assert expected["order_by"] == BYTE_ORDER
    assert expected["min_max"] == ("Alpha", "авито")
    assert expected["less_than"] == ["Alpha", "Zeta"]
    assert expected["lower"] == ("ёж ab", "ЁЖ AB")
    assert expected["lower_of_column"] == ["alpha", "авито"]  # of Alpha (Latin A) and Авито (Cyrillic А)
    assert _lists(language_db) == expected


def test_a_registered_frames_text_joins_the_tables_text(both):
    """A frame registered on PostgreSQL is a temporary table whose text has the database's
    default collation: compared with and ordered beside the tables' "C" text, it takes "C"
    (PostgreSQL lets an implicit non-default collation win over the default), with no error."""
    import pandas as pd

    answers = []
    for store in both:
        with store.transaction() as cur:
            create_workspace(cur, "Беta")
        with store.snapshot() as cur:
            cur.register("picked", pd.DataFrame({"name": ["Беta", "Alpha"]}))
            rows = cur.execute(
                "SELECT p.name, w.name FROM picked AS p LEFT JOIN workspaces AS w ON w.name = p.name "
                "WHERE w.name IS NULL OR p.name >= w.name ORDER BY coalesce(w.name, p.name)"
            ).fetchall()
            cur.unregister("picked")
        answers.append(rows)
    assert answers[0] == [("Alpha", None), ("Беta", "Беta")]
    assert answers[1] == answers[0]
