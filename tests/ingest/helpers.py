"""Small helpers for ingest tests: write a file, inspect it, load it."""

from __future__ import annotations

from pathlib import Path

from funnel.access import User
from funnel.ingest import inspect, load

ADMIN = User(name="tester", default_role="admin")


def write(tmp_path: Path, name: str, content, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode(encoding))
    return path


def inspect_file(store, ws, path: Path, kind: str, **kw):
    with store.cursor() as cur:
        return inspect(cur, path, path.name, kind, workspace_id=ws, **kw)


def load_file(store, ws, path: Path, kind: str, **kw):
    return load(store, path, path.name, kind, workspace_id=ws, actor=ADMIN, **kw)


def table_rows(store, table: str, ws: str, order: str = "1") -> list[tuple]:
    with store.cursor() as cur:
        return cur.execute(f"SELECT * FROM {table} WHERE workspace_id = ? ORDER BY {order}", [ws]).fetchall()


def rejects(info) -> list[tuple]:
    """(row, column, reason) of every rejected row, in order."""
    return [(int(r.row), r.column, r.reason) for r in info.rejected.itertuples()]
