"""Row numbers in a file big enough that DuckDB reads it in parallel (several row groups).

The engine types a CSV in one parallel pass and numbers its rows from their order in the typed
table; these files put bad rows, delimiter-only records and empty lines at places worked out by
hand, far apart, so that any row a parallel read put out of order would be reported wrong."""

from __future__ import annotations

from tests.ingest.helpers import inspect_file, load_file, rejects, table_rows, write

N = 300_000  # records in the file; DuckDB's row groups hold 122 880 rows


def _file(tmp_path):
    """Header on line 1; record k (0-based) on line k + 2, except: an empty line after record
    150 000 and one after record 250 000 push the later ones down; record 200 000 is ';;;'.
    Bad: cost 'n/a' at record 3, a date 'xx' at record 123 000, a duplicate id (of record 0)
    at record 299 999."""
    lines = ["id;created;channel;cost"]
    for k in range(N):
        if k == 200_000:
            lines.append(";;;")
            continue
        lid = "L0" if k == 299_999 else f"L{k}"
        cost = "n/a" if k == 3 else f"{k % 50},5"
        created = "xx" if k == 123_000 else f"{1 + k % 28:02d}.03.2025"
        lines.append(f"{lid};{created};ch{k % 5};{cost}")
        if k in (150_000, 250_000):
            lines.append("")
    return write(tmp_path, "big.csv", "\n".join(lines) + "\n")


EXPECTED = [
    (3 + 2, "cost", "not a number (expected e.g. 1 234,56 or 1234.56)"),
    (123_000 + 2, "created", "not a date in the format %d.%m.%Y"),
    (299_999 + 2 + 2, "id", "duplicate id 'L0': it first appears in row 2; later repeats are not loaded"),
]


def test_rows_of_a_parallel_read_are_the_files_lines(store, ws, tmp_path):
    path = _file(tmp_path)
    info = inspect_file(store, ws, path, "leads")
    assert rejects(info) == EXPECTED
    assert info.rejected["value"].tolist() == ["n/a", "xx", "L0"]
    assert info.rows_in == N - 1 and info.rows_ok == N - 4
    assert info.preview["row"].tolist()[:5] == [2, 3, 4, 6, 7]
    # inside the load's transaction the typed table's row ids start elsewhere: same numbers
    result = load_file(store, ws, path, "leads")
    assert [(int(r.row), r.column) for r in result.rejected_rows.itertuples()] == [e[:2] for e in EXPECTED]
    assert (result.rows_in, result.added, result.rejected) == (N - 1, N - 4, 3)
    rows = table_rows(store, "leads_raw", ws, "created_at, lead_id")
    ids = {r[3] for r in rows}
    assert len(rows) == N - 4 and "L3" not in ids and "L123000" not in ids and "L200000" not in ids


def test_byte_scan_finds_what_a_line_by_line_reading_finds(tmp_path, monkeypatch):
    """The vectorised scan (blocks cut after a line break) against the plain definitions: valid
    UTF-8, any '"', and the 1-based numbers of empty lines ('' or a lone CR), on random bytes
    with tiny blocks so that line breaks, CRLF and two-byte letters fall on block edges."""
    import random
    import re

    from funnel.ingest import prescan

    empty = re.compile(rb"\n(?=\r?\n)")

    def expected(data: bytes):
        try:
            data.decode("utf-8")
            utf8 = True
        except UnicodeDecodeError:
            utf8 = False
        return utf8, b'"' in data, [data.count(b"\n", 0, m.start()) + 2 for m in empty.finditer(data)]

    rnd = random.Random(7)
    parts = [b"a", b"\n", b"\r", b"\r\n", b"\n\n", "Ж".encode(), b'"', b";", b"\xcf"]
    path = tmp_path / "scan.csv"
    for trial in range(600):
        weights = [10, 5, 1, 3, 1, 3, 1, 3, 0.3 if trial % 3 == 0 else 0]
        data = b"".join(rnd.choices(parts, weights=weights, k=rnd.randint(0, 50)))
        path.write_bytes(data)
        monkeypatch.setattr(prescan, "SCAN_BLOCK", rnd.choice([1, 2, 3, 5, 64]))
        got = prescan.scan(path)
        assert (got.utf8, got.quotes, got.blanks) == expected(data), data


def test_rows_are_numbered_right_when_duckdb_may_reorder(store, ws, tmp_path):
    """With preserve_insertion_order off (a server could set it), rowid order means nothing: the
    engine sees the setting and numbers rows with the ordered, single-threaded reading instead."""
    from funnel.ingest.validate import parse

    path = _file(tmp_path)
    with store.cursor() as cur:
        parse(cur, path, path.name, "leads", workspace_id=ws)
        assert "rowid" in _typed_view(cur)  # the default: rows numbered from the parallel read
        cur.execute("SET preserve_insertion_order = false")
        parsed = parse(cur, path, path.name, "leads", workspace_id=ws)
        assert "rowid" not in _typed_view(cur)
        got = [(int(r.row), r.column) for r in parsed.rejected.itertuples()]
        cur.execute("RESET preserve_insertion_order")
    assert got == [e[:2] for e in EXPECTED]
    assert parsed.preview["row"].tolist()[:5] == [2, 3, 4, 6, 7]


def _typed_view(cur) -> str:
    return cur.execute("SELECT sql FROM duckdb_views() WHERE view_name = 'ingest_typed'").fetchone()[0]


def test_many_runs_of_empty_lines_are_numbered_through_a_table(store, ws, tmp_path):
    """100 runs of empty lines (over source.INLINE_SHIFTS): the row numbers come from an ASOF
    join on a table of shifts, in the typed rows (the one-pass numbering) and in ingest_src (the
    way a DuckDB that does not keep insertion order numbers them). Record k sits on line
    2 + 2k (each is followed by an empty line), record 10 is bad, record 99 a bad cost."""
    text = "".join(f"L{k},{'xx' if k == 10 else '2025-03-01'},SEO,{'n/a' if k == 99 else 1}\n\n" for k in range(100))
    path = write(tmp_path, "gaps.csv", "id,created,channel,cost\n" + text)
    expected = [(22, "created"), (200, "cost")]
    assert [(r, c) for r, c, _ in rejects(inspect_file(store, ws, path, "leads"))] == expected
    with store.cursor() as cur:
        cur.execute("SET preserve_insertion_order = false")
        try:
            assert [(r, c) for r, c, _ in rejects(inspect_file(store, ws, path, "leads"))] == expected
        finally:
            cur.execute("SET preserve_insertion_order = true")
