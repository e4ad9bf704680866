"""load(preview=...): the engine, not the page, decides to skip the fast attempt when the
preview the user saw listed rows to reject. A speed hint only: the result is the same."""

from __future__ import annotations

import pytest

from funnel.ingest import inspect, review
from funnel.ingest.loader import expects_rejects
from funnel.workspace import create_workspace
from tests.ingest.helpers import load_file, write
from tests.ingest.test_fastpath import FAST, FELL_BACK, FULL, LEADS, _path, _result, _stored

WITH_REJECT = LEADS + "L1,2025-01-05,Ads,1\n"  # the second L1 is rejected


def _preview(store, ws, path, kind="leads"):
    with store.cursor() as cur:
        return inspect(cur, path, path.name, kind, workspace_id=ws)


def _load(store, ws, path, **kw):
    seen: list[str] = []
    result = load_file(store, ws, path, "leads", progress=lambda f, s: seen.append(s), **kw)
    return result, _path(seen)


@pytest.mark.parametrize(
    "content, preview_of, expected",
    [
        (WITH_REJECT, "same", FULL),
        (LEADS, "same", FAST),
        (WITH_REJECT, None, FELL_BACK),
        (WITH_REJECT, "another file", FELL_BACK),
        (WITH_REJECT, "another kind", FELL_BACK),
    ],
    ids=["preview-listed-rejects", "clean-preview", "no-preview", "preview-of-another-file", "preview-of-another-kind"],
)
def test_the_preview_decides_the_path(store, tmp_path, content, preview_of, expected):
    with store.transaction() as cur:
        ws = create_workspace(cur, "W").id
    path = write(tmp_path, "leads.csv", content)
    preview = None
    if preview_of == "same":
        preview = _preview(store, ws, path)
    elif preview_of == "another file":
        preview = _preview(store, ws, write(tmp_path, "other.csv", WITH_REJECT))
    elif preview_of == "another kind":
        preview = _preview(store, ws, path)
        preview.kind = "deals"
    _, took = _load(store, ws, path, preview=preview)
    assert took == expected


def test_both_paths_store_the_same(store, tmp_path):
    with store.transaction() as cur:
        a, b = create_workspace(cur, "A").id, create_workspace(cur, "B").id
    pa, pb = write(tmp_path, "a.csv", WITH_REJECT), write(tmp_path, "b.csv", WITH_REJECT)
    ra, took_a = _load(store, a, pa)
    rb, took_b = _load(store, b, pb, preview=_preview(store, b, pb))
    assert (took_a, took_b) == (FELL_BACK, FULL)
    assert _result(ra) == _result(rb) and rb.rejected == 1
    assert _stored(store, a, "leads") == _stored(store, b, "leads")


def test_fast_false_still_skips_the_fast_attempt(store, tmp_path):
    with store.transaction() as cur:
        ws = create_workspace(cur, "W").id
    path = write(tmp_path, "leads.csv", LEADS)
    assert _load(store, ws, path, fast=False, preview=_preview(store, ws, path))[1] == FULL


def test_an_unmapped_preview_is_no_hint(store, ws, tmp_path):
    path = write(tmp_path, "who.csv", "who,where\nL1,SEO\n")
    with store.cursor() as cur:
        unmapped = review(cur, path, path.name, "leads", workspace_id=ws)
    assert not expects_rejects(unmapped, path.name, "leads")
    assert not expects_rejects(None, path.name, "leads")
