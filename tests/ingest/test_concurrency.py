"""Sessions are threads of one server: their inspections and loads must not see each other's
temp tables (each cursor is its own DuckDB connection)."""

from __future__ import annotations

import threading

from tests.ingest.helpers import inspect_file, load_file, write


def test_parallel_inspections_and_a_load_keep_to_their_own_files(store, ws, tmp_path):
    files = {
        n: write(
            tmp_path,
            f"f{n}.csv",
            "id,created,channel\n" + "".join(f"{n}-{i},2025-01-0{1 + i % 9},ch{n}\n" for i in range(50 * (n + 1))),
        )
        for n in range(4)
    }
    errors, seen = [], {}

    def inspect_many(n):
        try:
            for _ in range(5):
                info = inspect_file(store, ws, files[n], "leads")
                seen.setdefault(n, set()).add((info.rows_in, tuple(info.preview["channel"].unique())))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=inspect_many, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    result = load_file(store, ws, files[3], "leads")
    for t in threads:
        t.join()
    assert not errors, errors
    assert seen == {n: {(50 * (n + 1), (f"ch{n}",))} for n in range(3)}
    assert result.added == 200
