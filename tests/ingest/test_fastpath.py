"""The fast path (funnel.ingest.fastpath) gives exactly what the full check gives.

Each case loads the same file twice: into one workspace as ``load`` does it, into another with
the fast path switched off. Counts, warnings, rejected rows and the stored rows must match, and
the progress steps show which path each file took: clean CSVs are written in the pass that
checks them, a file with anything to report falls back to the full check.
"""

from __future__ import annotations

import re

import pytest

from funnel.errors import UploadError
from funnel.ingest import csvfile, fastpath, running
from funnel.kinds import RAW_TABLES
from funnel.workspace import create_workspace
from tests.ingest.helpers import load_file, write

LEADS = "id,created,channel,cost\nL1,2025-01-01,SEO,10.50\nL2,2025-01-02,Ads,0\nL3,2025-01-03 14:05,SEO,\n"
DEALS = "Deal ID,Lead ID,Stage,Amount,Create Date\nD1,L1,Успешно реализовано,1000,2025-02-01\nD2,L2,Переговоры,0,2025-02-02\n"
STAGES = "deal_id,stage,entered_at\nD1,Новый,2025-02-01\nD1,Переговоры,2025-02-03\nD2,Новый,2025-02-02\n"
SPEND = 'channel,period,amount\nSEO,2025-01,100\nAds,2025-01,"1 250,50"\n'

FAST, FULL, FELL_BACK = "fast", "full", "fell back"
# Past the first 256 KB the loader sniffs: what it finds there only DuckDB's read can see.
LONG = "id,created,channel\n" + "".join(f"L{i},2025-01-01,SEO\n" for i in range(20_000))
LONG_SLASHED = "id,created,channel\n" + "".join(f"L{i},{i % 28 + 1:02d}/01/2025,SEO\n" for i in range(20_000))

# (name, kind, file loaded first (append; see _load_case) or None, mode, file, the path it must take)
CASES = [
    ("clean leads", "leads", None, "append", LEADS, FAST),
    ("blank channel", "leads", None, "append", LEADS + "L4,2025-01-04,,1\n", FAST),
    ("no channel column", "leads", None, "append", "id,created\nL1,2025-01-01\nL2,2025-01-02\n", FAST),
    ("blank and spaces-only records", "leads", None, "append", LEADS + "\n , , ,\nL4,2025-01-04,SEO,1\n\n", FAST),
    ("cp1251 semicolons", "leads", None, "append", "ID;Дата создания;Источник\nL1;31.12.2024 14:05;Яндекс\n", FAST),
    ("quoted cells", "leads", None, "append", 'id,created,channel\nL1,2025-01-01,"SEO, organic"\n', FAST),
    ("id repeated in the file", "leads", None, "append", LEADS + "L1,2025-01-05,Ads,1\n", FELL_BACK),
    ("bad date", "leads", None, "append", LEADS + "L4,32.13.2025,SEO,1\n", FELL_BACK),
    ("future date", "leads", None, "append", LEADS + "L4,2099-01-01,SEO,1\n", FELL_BACK),
    ("negative cost", "leads", None, "append", LEADS + "L4,2025-01-04,SEO,-5\n", FELL_BACK),
    ("text cost", "leads", None, "append", LEADS + "L4,2025-01-04,SEO,free\n", FELL_BACK),
    ("blank id", "leads", None, "append", LEADS + ",2025-01-04,SEO,1\n", FELL_BACK),
    ("cell beyond the header", "leads", None, "append", LEADS + "L4,2025-01-04,SEO,1,extra\n", FELL_BACK),
    ("text over the cap", "leads", None, "append", LEADS + f"L4,2025-01-04,{'x' * 1001},1\n", FELL_BACK),
    # far over it (the fast path cuts no text: its check sees the whole value), an id too
    ("text far over the cap", "leads", None, "append", LEADS + f"L4,2025-01-04,{'x' * 5000},1\n", FELL_BACK),
    ("id over the cap", "leads", None, "append", LEADS + f"{'L' * 1001},2025-01-04,SEO,1\n", FELL_BACK),
    ("lookalike id over the cap", "leads", None, "append", LEADS + f"{'Ｌ' * 1200},2025-01-04,SEO,1\n", FELL_BACK),
    # at the cap: stored whole by the fast path, which cuts nothing (longer text stops it)
    ("text at the cap", "leads", None, "append", LEADS + f"{'L' * 1000},2025-01-04,{'x' * 1000},1\n", FAST),
    (
        "id already loaded",
        "leads",
        LEADS,
        "append",
        "id,created,channel\nL3,2025-02-01,Ads\nL9,2025-02-01,Ads\n",
        FELL_BACK,
    ),
    ("upsert", "leads", LEADS, "upsert", "id,created,channel\nL3,2025-02-01,Ads\nL9,2025-02-01,Ads\n", FAST),
    ("replace", "leads", LEADS, "replace", "id,created,channel\nL9,2025-02-01,Ads\n", FAST),
    (
        "deals: closing spelling, new stage, orphan",
        "deals",
        LEADS,
        "append",
        DEALS + "D3,L77,Демо,5,2025-02-03\n",
        FAST,
    ),
    ("deals: won date only", "deals", None, "append", "deal_id,won_date,amount\nD1,2025-03-01,700\nD2,,5\n", FAST),
    ("deals: status words", "deals", None, "append", "deal_id,status,amount\nD1,won,1\nD2,проиграна,0\n", FAST),
    ("deals: unknown status", "deals", None, "append", "deal_id,status,amount\nD1,maybe,1\nD2,won,5\n", FELL_BACK),
    ("nothing loadable", "deals", None, "append", "deal_id,status,amount\nD1,maybe,1\n", FELL_BACK),
    ("dates ambiguous", "leads", None, "append", "id,created\nL1,01/02/2025\nL2,03/04/2025\n", FULL),
    ("deals: repeated id", "deals", None, "append", DEALS + "D1,L1,Переговоры,1,2025-02-04\n", FELL_BACK),
    ("stage history", "stages", None, "append", STAGES, FAST),
    ("stage history: repeated step", "stages", None, "append", STAGES + "D2,Новый,2025-02-02\n", FELL_BACK),
    ("spend", "spend", None, "append", SPEND, FAST),
    (
        "spend month already loaded",
        "spend",
        SPEND,
        "append",
        "channel,period,amount\nSEO,2025-01,5\nSEO,2025-02,7\n",
        FELL_BACK,
    ),
    ("spend, one column per channel", "spend", None, "append", "month,SEO spend,Ads spend\n2025-01,10,20\n", FULL),
    ("header only", "leads", None, "append", "id,created,channel\n", FULL),
    ("empty lines, then a bad row", "leads", None, "append", LEADS + "\n\n\nL4,2025-13-01,SEO,1\n", FELL_BACK),
    (
        "long file, a cp1251 line at the end",
        "leads",
        None,
        "append",
        LONG.encode() + "X1,2025-01-01,Яндекс\n".encode("cp1251"),
        FELL_BACK,
    ),
    (
        "long file, a quoted line break at the end",
        "leads",
        None,
        "append",
        LONG + 'X1,2025-01-01,"two\nlines"\n',
        FELL_BACK,
    ),
    ("long file, clean", "leads", None, "append", LONG, FAST),
    # Found in review: a quoted line break in the first records (read one by one when the start
    # has a quote), slashed dates whose column is read whole while the format is settled, and a
    # byte that is not UTF-8 in a cell beyond the header's columns, which DuckDB never looks at.
    (
        "quoted line break near the start",
        "leads",
        None,
        "append",
        'id,created,channel\nL1,2025-01-01,"two\nlines"\nL2,2025-01-02,Ads\n',
        FAST,
    ),
    (
        "quoted CRLF near the start",
        "leads",
        None,
        "append",
        'id,created,channel\r\nL1,2025-01-01,"two\r\nlines"\r\nL2,2025-01-02,Ads\r\n',
        FAST,
    ),
    (
        "slashed dates, a cp1251 line after 256 KB",
        "leads",
        None,
        "append",
        LONG_SLASHED.encode() + "X1,13/01/2025,Яндекс\n".encode("cp1251"),
        FULL,
    ),
    (
        "slashed dates, a quoted line break after 256 KB",
        "leads",
        None,
        "append",
        LONG_SLASHED + 'X1,13/01/2025,"two\nlines"\n',
        FULL,
    ),
    (
        "bad byte in an ignored cell",
        "leads",
        None,
        "append",
        LONG.encode() + "X1,2025-01-01,Яндекс,,".encode() + b"\xff\n",
        FELL_BACK,
    ),
    # A quick read's scan is strict (a filled cell beyond the header's columns and one more is an
    # error; empty ones, as Excel leaves them, are not) and checks the bytes of the cells it
    # reads: an unmapped column's too.
    (
        "bad byte in an unmapped column after 256 KB",
        "leads",
        None,
        "append",
        LONG.replace("channel\n", "channel,zzz\n").replace(",SEO\n", ",SEO,x\n").encode()
        + "X1,2025-01-01,SEO,Яндекс\n".encode("cp1251"),
        FELL_BACK,
    ),
    ("empty cells beyond the header", "leads", None, "append", LEADS + "L4,2025-01-04,SEO,1,,,\n", FAST),
    ("a filled cell two beyond the header", "leads", None, "append", LONG + "X1,2025-01-01,SEO,,x\n", FELL_BACK),
    ("one empty cell beyond the header", "leads", None, "append", LEADS + "L4,2025-01-04,SEO,1,\n", FAST),
    # Found in review: DuckDB's strict serial read gives an unclosed quote's cell as NULL where the
    # full path keeps its text, so a file with a quote in its start is not read quickly. Since
    # issue 17 an unclosed quote is refused by the pre-scan (the rest of the file would be one
    # cell): both paths give that refusal, before anything is written.
    ("unclosed quote at the end", "leads", None, "append", 'id,created,channel\nL1,2025-01-01,"Ads\n', FULL),
    (
        "unclosed quote opening a record",
        "leads",
        None,
        "append",
        'id,created\nL1,2025-01-01\n"L2,2025-01-02\n',
        FULL,
    ),
    (
        "deals: replace, unclosed quote",
        "deals",
        ("deals", "deal_id,stage\nD1,Demo\nD2,Demo\n"),
        "replace",
        'deal_id,stage,closed_at\nD8,won,"\nD1,Demo,2025-01-06\n',
        FULL,
    ),
    (
        "quote first, unclosed cp1251 cell late",
        "leads",
        None,
        "append",
        LONG.replace("L0,2025-01-01,SEO\n", 'L0,2025-01-01,"a"\n', 1).encode()
        + b'X1,2025-01-01,"\xdf\xed\xe4\xe5\xea\xf1\n',
        FULL,
    ),
]


def _path(seen: list[str]) -> str:
    if "check_write" not in seen:
        return FULL
    return FELL_BACK if "recheck" in seen else FAST


def _stored(store, ws: str, kind: str) -> list[tuple]:
    """The workspace's rows of the kind, without the upload numbers (they differ between the two
    workspaces): every stored column, and whether the row is current."""
    with store.cursor() as cur:
        cols = [
            r[0]
            for r in cur.execute(f"DESCRIBE {RAW_TABLES[kind]}").fetchall()
            if r[0] not in ("workspace_id", "upload_id", "superseded_by")
        ]
        return cur.execute(
            f"SELECT {', '.join(cols)}, superseded_by IS NULL FROM {RAW_TABLES[kind]} "
            "WHERE workspace_id = ? ORDER BY ALL",
            [ws],
        ).fetchall()


def _result(r) -> dict:
    """What a load reports (or the error it refused the file with); the number of an earlier upload a row clashes with is left out, as
    the two workspaces' uploads have different numbers."""
    if isinstance(r, UploadError):
        return {"error": str(r)}
    rows = r.rejected_rows.to_dict("records")
    for row in rows:
        if row["code"].startswith("exists"):
            row.update(detail="N", reason=re.sub(r"#\d+", "#N", row["reason"]))
    return {
        "rows_in": r.rows_in,
        "added": r.added,
        "updated": r.updated,
        "rejected": r.rejected,
        "replaced": r.replaced,
        "warnings": r.warnings,
        "rejected_rows": rows,
    }


def _load_case(store, tmp_path, name, kind, first, mode, content):
    """A new workspace; ``first`` loaded into it, then the file. (workspace, result, steps)."""
    tmp_path.mkdir(exist_ok=True)
    with store.transaction() as cur:
        ws = create_workspace(cur, f"{name} {tmp_path.name}").id
    if first is not None:  # (kind, content), or content of the kind (leads before deals)
        first_kind, first = first if isinstance(first, tuple) else ("leads" if kind == "deals" else kind, first)
        load_file(store, ws, write(tmp_path, f"{ws}-first.csv", first), first_kind)
    seen: list[str] = []
    encoding = "cp1251" if "cp1251" in name else "utf-8"
    path = write(tmp_path, f"{name.replace(' ', '-').replace(':', '').replace(',', '')}.csv", content, encoding)
    try:
        result = load_file(store, ws, path, kind, mode=mode, progress=lambda f, s: seen.append(s))
    except UploadError as exc:
        result = exc
    return ws, result, seen


@pytest.mark.parametrize("name,kind,first,mode,content,path", CASES, ids=[c[0] for c in CASES])
def test_fast_path_gives_what_the_full_check_gives(
    store, tmp_path, monkeypatch, name, kind, first, mode, content, path
):
    ws_fast, fast, seen = _load_case(store, tmp_path, name, kind, first, mode, content)
    assert _path(seen) == path
    # The full path alone: no fast write, and every CSV read with its pre-scan.
    monkeypatch.setattr(fastpath, "eligible", lambda prep: False)
    monkeypatch.setattr(csvfile, "_utf8_head", lambda head: False)
    ws_full, full, seen_full = _load_case(store, tmp_path / "full", name, kind, first, mode, content)
    assert _path(seen_full) == FULL
    assert _result(fast) == _result(full)
    assert _stored(store, ws_fast, kind) == _stored(store, ws_full, kind)
    with store.cursor() as cur:
        encodings = [
            cur.execute(
                "SELECT json_extract_string(details, '$.encoding') FROM uploads WHERE workspace_id = ? ORDER BY id", [w]
            ).fetchall()
            for w in (ws_fast, ws_full)
        ]
    assert encodings[0] == encodings[1]
    with store.cursor() as cur:
        aliases = [
            cur.execute("SELECT alias, stage FROM stage_aliases WHERE workspace_id = ? ORDER BY ALL", [w]).fetchall()
            for w in (ws_fast, ws_full)
        ]
    assert aliases[0] == aliases[1]


def test_the_cases_cover_what_they_are_meant_to(store, tmp_path):
    """The equivalence above is only worth something if the files do what their names say."""
    _, r, _ = _load_case(
        store,
        tmp_path,
        "upsert",
        "leads",
        LEADS,
        "upsert",
        "id,created,channel\nL3,2025-02-01,Ads\nL9,2025-02-01,Ads\n",
    )
    assert (r.added, r.updated) == (1, 1)
    _, r, _ = _load_case(
        store, tmp_path, "replace", "leads", LEADS, "replace", "id,created,channel\nL9,2025-02-01,Ads\n"
    )
    assert (r.added, r.replaced) == (1, 3)
    _, r, _ = _load_case(store, tmp_path, "deals", "deals", LEADS, "append", DEALS + "D3,L77,Демо,5,2025-02-03\n")
    codes = [k for k, _ in r.warning_keys]
    assert {"ingest.warn.orphan_deals", "ingest.warn.auto_alias", "ingest.warn.new_stages"} <= set(codes)
    _, r, _ = _load_case(store, tmp_path, "blank", "leads", None, "append", LEADS + "L4,2025-01-04,,1\n")
    assert ("ingest.warn.blank_channel", {"rows": 1}) in r.warning_keys
    _, r, _ = _load_case(store, tmp_path, "dup", "leads", None, "append", LEADS + "L1,2025-01-05,Ads,1\n")
    assert (r.added, r.rejected, r.rejected_rows.iloc[0]["row"]) == (3, 1, 5)
    _, r, _ = _load_case(store, tmp_path, "gaps", "leads", None, "append", LEADS + "\n\n\nL4,2025-13-01,SEO,1\n")
    assert (r.added, r.rejected, r.rejected_rows.iloc[0]["row"]) == (3, 1, 8)
    _, r, _ = _load_case(
        store, tmp_path, "cp1251", "leads", None, "append", LONG.encode() + "X1,2025-01-01,Яндекс\n".encode("cp1251")
    )
    assert r.added == 20_001
    with store.cursor() as cur:
        assert cur.execute(
            "SELECT channel FROM leads_raw WHERE upload_id = ? AND lead_id = 'X1'", [r.upload_id]
        ).fetchone() == ("Яндекс",)
    _, r, _ = _load_case(store, tmp_path, "quoted", "leads", None, "append", LONG + 'X1,2025-01-01,"two\nlines"\n')
    assert r.added == 20_001
    with store.cursor() as cur:
        assert cur.execute("SELECT channel FROM leads_raw WHERE lead_id = 'X1' AND channel LIKE 'two%'").fetchone() == (
            "two\nlines",
        )


def test_a_file_that_falls_back_keeps_the_upload_number_it_took(store, ws, tmp_path):
    first = load_file(store, ws, write(tmp_path, "a.csv", LEADS), "leads")
    second = load_file(
        store, ws, write(tmp_path, "b.csv", "id,created,channel\nL7,2025-01-01,SEO\nL7,2025-01-02,SEO\n"), "leads"
    )
    third = load_file(store, ws, write(tmp_path, "c.csv", "id,created,channel\nL8,2025-01-01,SEO\n"), "leads")
    assert (second.upload_id, third.upload_id) == (first.upload_id + 1, first.upload_id + 2)
    assert second.rejected == 1


def test_a_repeated_or_empty_file_takes_no_upload_number(store, ws, tmp_path):
    """A small file is hashed, and checked for rows below its header, before the fast path
    writes it, so a repeat or a header-only file is refused before it takes a number (DuckDB
    does not give back a number a rolled-back transaction took)."""
    first = load_file(store, ws, write(tmp_path, "a.csv", LEADS), "leads")
    with pytest.raises(UploadError):
        load_file(store, ws, write(tmp_path, "a.csv", LEADS), "leads")
    with pytest.raises(UploadError, match="header"):
        load_file(store, ws, write(tmp_path, "b.csv", "id,created\n"), "leads")
    second = load_file(store, ws, write(tmp_path, "c.csv", "id,created\nL8,2025-01-01\n"), "leads")
    assert second.upload_id == first.upload_id + 1


def test_a_repeated_file_is_refused_and_leaves_nothing_behind(store, ws, tmp_path):
    from funnel.errors import UploadError

    path = write(tmp_path, "a.csv", LEADS)
    first = load_file(store, ws, path, "leads")
    with store.cursor() as cur:
        before = cur.execute("SELECT * FROM leads_raw ORDER BY ALL").fetchall()
    with pytest.raises(UploadError, match=f"upload #{first.upload_id}"):
        load_file(store, ws, path, "leads")
    with store.cursor() as cur:
        assert cur.execute("SELECT * FROM leads_raw ORDER BY ALL").fetchall() == before
        assert cur.execute("SELECT count(*) FROM uploads").fetchone()[0] == 1
    again = load_file(store, ws, path, "leads", mode="upsert", allow_duplicate=True)
    assert (again.added, again.updated) == (0, 3)


def _big(tmp_path, rows: int = 300_000):
    return write(
        tmp_path,
        "big.csv",
        "id,created,channel\n"
        + "".join(f"L{i},2025-01-{i % 28 + 1:02d} 10:{i % 60:02d},Канал {i % 9}\n" for i in range(rows)),
    )


def test_the_bar_moves_as_rows_are_written(store, ws, tmp_path, monkeypatch):
    monkeypatch.setattr(running, "POLL_SECONDS", 0.005)
    seen = []
    r = load_file(store, ws, _big(tmp_path), "leads", progress=lambda f, s: seen.append((f, s)))
    assert r.added == 300_000
    during = [f for f, s in seen if s == "check_write"][1:]  # the first is the step's start, 0.1
    assert len(during) >= 2 and all(0.1 <= f <= 0.95 for f in during) and during == sorted(during)
    assert max(during) > 0.1


def test_the_bar_moves_through_the_full_check_of_a_file_with_a_bad_row(store, ws, tmp_path, monkeypatch):
    monkeypatch.setattr(running, "POLL_SECONDS", 0.005)
    path = _big(tmp_path)
    path.write_text(path.read_text() + "X1,not a date,SEO\n")
    seen = []
    r = load_file(store, ws, path, "leads", progress=lambda f, s: seen.append((f, s)))
    assert (r.added, r.rejected) == (300_000, 1)
    names = [s for _, s in seen]
    assert [s for i, s in enumerate(names) if i == 0 or names[i - 1] != s] == [
        "read",
        "check_write",
        "recheck",
        "validate",
        "write",
        "done",
    ]
    for step, low, high in (("validate", 0.05, 0.5), ("write", 0.6, 0.95)):
        within = [f for f, s in seen if s == step]
        assert len(within) >= 2 and all(low <= f <= high for f in within) and within == sorted(within), (step, within)


def test_a_load_stopped_while_its_rows_are_written_leaves_nothing(store, ws, tmp_path, monkeypatch):
    """A page rerun raises inside the progress callback: the statement is interrupted, the
    transaction rolls back, and the store takes the next load."""
    monkeypatch.setattr(running, "POLL_SECONDS", 0.005)

    class Rerun(Exception):
        pass

    def progress(fraction, step):
        if step == "check_write" and fraction > 0.1:
            raise Rerun()

    with pytest.raises(Rerun):
        load_file(store, ws, _big(tmp_path), "leads", progress=progress)
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM leads_raw").fetchone()[0] == 0
        assert cur.execute("SELECT count(*) FROM uploads").fetchone()[0] == 0
    assert load_file(store, ws, _big(tmp_path), "leads").added == 300_000


def test_a_key_hash_shared_by_two_ids_only_sends_the_file_to_the_full_check(store, tmp_path, monkeypatch):
    """Repeated keys are found by their 64-bit hash; two different ids with one hash (never seen,
    so simulated) make the fast path give up, and the full check loads every row."""
    monkeypatch.setattr(fastpath, "_repeats", lambda *a: True)
    ws, r, seen = _load_case(store, tmp_path, "collision", "leads", None, "append", LEADS)
    assert _path(seen) == FELL_BACK and (r.added, r.rejected) == (3, 0)


def test_a_caller_that_knows_of_rejects_can_skip_the_fast_attempt(store, tmp_path):
    """load(fast=False) goes straight to the full check: same result, no check_write step."""
    with store.transaction() as cur:
        a, b = create_workspace(cur, "A").id, create_workspace(cur, "B").id
    content = LEADS + "L1,2025-01-05,Ads,1\n"
    seen: dict[str, list[str]] = {a: [], b: []}
    ra = load_file(store, a, write(tmp_path, "a.csv", content), "leads", progress=lambda f, s: seen[a].append(s))
    rb = load_file(
        store, b, write(tmp_path, "b.csv", content), "leads", fast=False, progress=lambda f, s: seen[b].append(s)
    )
    assert (_path(seen[a]), _path(seen[b])) == (FELL_BACK, FULL)
    assert _result(ra) == _result(rb) and rb.rejected == 1  # the second L1
    assert _stored(store, a, "leads") == _stored(store, b, "leads")


@pytest.mark.parametrize(
    "kind, content, repeated",
    [
        ("leads", LEADS, False),
        ("leads", LEADS + "L2,2025-01-04,SEO,1\n", True),
        ("stages", STAGES, False),
        ("stages", STAGES + "D1,Переговоры,2025-02-03\n", True),
    ],
    ids=["leads-unique", "leads-repeat", "stages-unique", "stages-repeat"],
)
def test_keys_sorted_in_numpy_find_the_same_repeats_as_the_distinct_count(
    store, tmp_path, monkeypatch, kind, content, repeated
):
    """From SORT_FROM rows the keys' hashes are sorted instead of counted (lowered here to 1 row):
    a file without a repeated key stays on the fast path, one with a repeat falls back to the
    full check, which names the repeated row (the 4th data row, line 5)."""
    monkeypatch.setattr(fastpath, "SORT_FROM", 1)
    ws, r, seen = _load_case(store, tmp_path, f"sorted-{kind}-{repeated}", kind, None, "append", content)
    assert _path(seen) == (FELL_BACK if repeated else FAST)
    assert (r.added, r.rejected) == ((3, 1) if repeated else (3, 0))
    if repeated:
        assert list(r.rejected_rows["row"]) == [5] and list(r.rejected_rows["code"]) == ["duplicate"]


def test_the_fast_path_stores_its_text_uncut(store, ws, tmp_path):
    """A text field over the cap stops the fast path (the full path cuts it and warns), so the
    insert's select list cuts none of the file's text fields: each ``left(...)`` would cost a
    CASE per row and column for nothing. A 1000-character id and channel are stored whole."""
    from funnel.ingest.preparation import reading

    path = write(tmp_path, "cap.csv", LEADS + f"{'L' * 1000},2025-01-04,{'я' * 500},1\n")
    with store.cursor() as cur, reading(cur, path, path.name, "leads", workspace_id=ws, quick=True) as prep:
        _, columns, select, rest = fastpath.rows_sql(prep)
    assert "left(" not in select and {"lead_id", "channel"} <= set(columns)
    assert "strlen(lead_id) > 1000" in rest and "strlen(channel) > 1000" in rest
    seen: list[str] = []
    load_file(store, ws, path, "leads", progress=lambda f, s: seen.append(s))
    assert _path(seen) == FAST
    with store.cursor() as cur:
        got = cur.execute(
            f"SELECT strlen(lead_id), length(channel) FROM {RAW_TABLES['leads']} WHERE workspace_id = ? "
            "AND lead_id LIKE 'LL%'",
            [ws],
        ).fetchall()
    assert got == [(1000, 500)]
