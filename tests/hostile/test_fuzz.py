"""A bounded fuzz test of the CSV reader: whatever the bytes, reading a file either gives an
inspection whose counts add up or refuses it with the project's own error, never anything else,
and no message carries the server's paths."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funnel.errors import UploadError
from tests.ingest.helpers import inspect_file

# Pieces that CSV readers trip over: delimiters, quotes, line breaks of every kind, BOMs, NUL,
# bytes that are not UTF-8, Cyrillic, lookalike spaces, numbers and dates.
PIECES = [
    b"L1",
    b"2025-01-01",
    b"01.02.2025",
    b"SEO",
    b"1 234,56",
    b"1e308",
    b",",
    b";",
    b"\t",
    b'"',
    b'""',
    b"\n",
    b"\r\n",
    b"\r",
    b"\n\n",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xd0\xaf",
    b"\xcf\xf0",
    "\u00a0".encode(),
    "\u200b".encode(),
    b" ",
]
HEADERS = [b"id,created,channel,cost\n", "ID;Дата;Источник\n".encode(), "ID;Дата;Источник\n".encode("cp1251"), b""]
_counter = itertools.count()


@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    header=st.sampled_from(HEADERS),
    body=st.lists(st.sampled_from(PIECES), max_size=60),
)
def test_any_bytes_read_or_refused_cleanly(store, ws, tmp_path, header, body):
    path = tmp_path / f"fuzz{next(_counter)}.csv"
    path.write_bytes(header + b"".join(body))
    try:
        info = inspect_file(store, ws, path, "leads")
    except UploadError as exc:
        text = str(exc)
        assert text.startswith(path.name) and str(tmp_path) not in text
        assert exc.text("ru")
        return
    assert info.rows_in >= 1 and 0 <= info.rows_ok <= info.rows_in
    assert info.rejected_count == info.rows_in - info.rows_ok
    assert all(r >= 2 for r in info.rejected["row"])
