"""Every file of the hostile corpus (tests/hostile/corpus.py) gets its exact answer, and a refusal
changes nothing in the database; a file that loads loads exactly its good rows."""

from __future__ import annotations

import re

import pytest

from funnel.errors import UploadError
from tests.hostile.corpus import Loaded, Refused, cases
from tests.ingest.helpers import inspect_file, load_file, rejects

CASES = cases()


def _counts(store) -> tuple[int, int, int]:
    with store.cursor() as cur:
        return tuple(
            cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("uploads", "leads_raw", "spend_raw")
        )


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_hostile_file_gets_its_answer(store, ws, tmp_path, case):
    path = tmp_path / case.name
    path.write_bytes(case.make())
    before = _counts(store)
    if isinstance(case.outcome, Refused):
        for attempt in (inspect_file, load_file):
            with pytest.raises(UploadError) as err:
                attempt(store, ws, path, case.kind)
            text = str(err.value)
            if case.outcome.message:
                assert text == case.outcome.message
            else:  # a damaged Parquet page: DuckDB's own words, framed, without the server's paths
                assert re.fullmatch(r"corrupt\.parquet: the file could not be read as a table \(.+\)\. .+", text)
            assert str(tmp_path) not in text and "/" not in text.split("(")[0]
            assert err.value.text("ru") != text  # said in Russian too
        assert _counts(store) == before
        return
    outcome: Loaded = case.outcome
    info = inspect_file(store, ws, path, case.kind)
    assert (info.rows_ok, rejects(info)) == (outcome.rows_ok, outcome.rejects)
    if outcome.encoding:
        assert info.encoding == outcome.encoding
    if outcome.warning:
        assert any(outcome.warning in w for w in info.warnings), info.warnings
    # all or nothing by default (the CLI's), the good rows with --skip-bad-rows' semantics
    if outcome.rejects:
        with pytest.raises(UploadError) as err:
            load_file(store, ws, path, case.kind, strict=True)
        assert err.value.code == "strict"
        assert _counts(store) == before
    result = load_file(store, ws, path, case.kind)
    assert (result.added, result.rejected) == (outcome.rows_ok, len({r for r, _, _ in outcome.rejects}))


def test_rejected_rows_are_counted_as_rows_not_problems(store, ws, tmp_path):
    """ "3 of 2 rows will not be loaded" (issue 17): a row with two bad cells is one row."""
    path = tmp_path / "two.csv"
    path.write_text("id,created,channel,cost\nL1,bad,SEO,x\nL2,2025-01-01,SEO,1\n")
    info = inspect_file(store, ws, path, "leads")
    assert (len(info.rejected), info.rejected_count, info.rows_in) == (2, 1, 2)


def test_a_later_limit_setting_is_obeyed(store, ws, tmp_path, monkeypatch):
    """The limits are settings: FUNNEL_MAX_COLUMNS=3 refuses a 4-column file, FUNNEL_MIN_DATE
    moves the earliest date."""
    path = tmp_path / "four.csv"
    path.write_text("id,created,channel,cost\nL1,2019-06-01,SEO,1\nL2,2025-01-01,SEO,1\n")
    monkeypatch.setenv("FUNNEL_MIN_DATE", "2020-01-01")
    info = inspect_file(store, ws, path, "leads")
    assert rejects(info) == [(2, "created", "a date before 2020-01-01, the earliest accepted")]
    monkeypatch.setenv("FUNNEL_MAX_COLUMNS", "3")
    with pytest.raises(UploadError) as err:
        inspect_file(store, ws, path, "leads")
    assert err.value.code == "too_many_columns" and "the header has 4 columns; the limit is 3" in str(err.value)
