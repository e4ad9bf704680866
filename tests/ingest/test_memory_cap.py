"""The memory cap while a big file is parsed or loaded (funnel.ingest.memory)."""

from __future__ import annotations

from funnel.ingest import memory
from tests.ingest.helpers import load_file, table_rows, write


def _limit(store) -> str:
    with store.cursor() as cur:
        return cur.execute("SELECT current_setting('memory_limit')").fetchone()[0]


def test_a_big_file_is_loaded_under_the_cap_and_the_limit_comes_back(store, ws, tmp_path, monkeypatch):
    path = write(tmp_path, "leads.csv", "id;created\n1;01.02.2025\n2;02.02.2025\n")
    before = _limit(store)
    monkeypatch.setattr(memory, "BIG_FILE", 10)  # this small file counts as big
    monkeypatch.setenv(memory.CAP_ENV_VAR, "64MB")
    seen = []
    with store.cursor() as cur:
        with memory.capped(cur, path):
            seen.append(_limit(store))
            with memory.capped(cur, path):  # nested (a load's parse): still capped
                seen.append(_limit(store))
            seen.append(_limit(store))
    assert seen == ["61.0 MiB"] * 3 and _limit(store) == before
    result = load_file(store, ws, path, "leads")
    assert result.added == 2 and len(table_rows(store, "leads_raw", ws)) == 2
    assert _limit(store) == before


def test_small_files_a_lower_limit_and_off_leave_the_setting_alone(store, tmp_path, monkeypatch):
    path = write(tmp_path, "leads.csv", "id;created\n1;01.02.2025\n")
    monkeypatch.setenv(memory.CAP_ENV_VAR, "64MB")
    with store.cursor() as cur:
        with memory.capped(cur, path):  # small: untouched
            assert _limit(store) != "61.0 MiB"
        monkeypatch.setattr(memory, "BIG_FILE", 10)
        cur.execute("SET memory_limit = '32MB'")
        with memory.capped(cur, path):  # already lower than the cap: kept
            assert _limit(store) == "30.5 MiB"
        assert _limit(store) == "30.5 MiB"
        cur.execute("SET memory_limit = '1GB'")
        monkeypatch.setenv(memory.CAP_ENV_VAR, "off")
        with memory.capped(cur, path):
            assert _limit(store) == "953.6 MiB"
