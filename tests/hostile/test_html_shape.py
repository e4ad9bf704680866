"""Bitrix24's HTML table saved as .xls: its shape is checked from its bytes before lxml builds a
tree (funnel.ingest.htmlshape), and lxml itself runs in the capped worker. The size and cell
limits are lowered here (by their environment variables) to keep the files small; the nesting
and width cases are in the hostile corpus (tests/hostile/corpus.py)."""

from __future__ import annotations

import pytest

from funnel.errors import UploadError
from funnel.ingest.htmlshape import HtmlShape, check_html
from tests.hostile.corpus import HTML_TABLE
from tests.ingest.helpers import inspect_file, load_file


def _table(rows: int) -> str:
    body = "".join(f"<tr><td>L{i}</td><td>2025-01-0{1 + i % 9}</td><td>SEO</td></tr>" for i in range(rows))
    return "<html><body><table><tr><td>id</td><td>created</td><td>channel</td></tr>" + body + "</table></body></html>"


def test_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("FUNNEL_MAX_HTML_MB", "1")
    path = tmp_path / "big.xls"
    path.write_text(_table(20_000))  # about 1.1 MB
    with pytest.raises(UploadError) as err:
        check_html(path, "big.xls")
    assert str(err.value).startswith("big.xls: the HTML table is larger than the limit of 1 MB")


def test_over_the_cell_limit(store, ws, tmp_path, monkeypatch):
    monkeypatch.setenv("FUNNEL_MAX_CELLS", "30")
    path = tmp_path / "cells.xls"
    path.write_text(_table(10))  # 11 rows (the header's too) of 3 cells: 33
    with pytest.raises(UploadError) as err:
        inspect_file(store, ws, path, "leads")
    assert str(err.value).startswith("cells.xls: the HTML table has 11 rows of 3 cells, more than the cell limit (30)")
    monkeypatch.setenv("FUNNEL_MAX_CELLS", "33")
    assert load_file(store, ws, path, "leads").added == 10  # at the limit: read (by the worker)


def test_sloppy_but_shallow_markup_passes():
    # unclosed td/tr/p (HTML allows it), void br/meta, and 150 closed blocks: within the limits
    shape = HtmlShape()
    shape.add(
        b"<html><head><meta charset=utf-8></head><body>"
        + b"<div><font>" * 75
        + b"<p>title<br><table><tr><td>id<td>created<tr><td>L1<td>2025-01-01</table>"
        + b"</font></div>" * 75
    )
    assert (shape.rows, shape.widest, shape.deepest) == (2, 2, 151)  # 150 blocks and the table


def test_an_end_tag_closes_what_was_left_open_inside():
    shape = HtmlShape()
    shape.add(b"<div><span><b>x</div><div>" + HTML_TABLE.encode() + b"</div>")
    assert shape.deepest == 3 and shape.open == []
