"""An upload is numbered within its workspace (1, 2, 3 …), and that number is what the Data page's
history, its undo list and every message naming an upload give (#16 review: a workspace's uploads
read «№ 5», «№ 9» from the database-wide counter). The id stays the key: undo takes it."""

from __future__ import annotations

import pytest

from funnel.errors import UploadError
from funnel.ingest import undo_upload, upload_history
from funnel.ingest.numbering import upload_number
from funnel.workspace import create_workspace
from tests.helpers.cli import run_cli
from tests.ingest.helpers import ADMIN, load_file, write

FIRST = "id,created,channel\nL1,2025-01-01,SEO\nL2,2025-01-02,Ads\n"


@pytest.fixture
def two(store, ws, tmp_path):
    """Workspace ``ws`` with two uploads, and another (its id) loaded in between and before: the
    database's ids run 1…3 (ws: 2 and 3), each workspace numbers its own from 1."""
    with store.transaction() as cur:
        other = create_workspace(cur, "Other").id
    load_file(store, other, write(tmp_path, "other.csv", FIRST), "leads")
    a = load_file(store, ws, write(tmp_path, "a.csv", FIRST), "leads")
    b = load_file(
        store, ws, write(tmp_path, "b.csv", "id,created,channel\nL1,2025-01-05,SEO\n"), "leads", mode="upsert"
    )
    return other, a, b


def test_each_workspace_numbers_its_own_uploads(store, ws, two):
    other, a, b = two
    assert a.upload_id != 1  # the other workspace's upload took the database's first id
    with store.cursor() as cur:
        mine, theirs = upload_history(cur, ws), upload_history(cur, other)
        assert list(zip(mine["id"], mine["number"], strict=True)) == [(b.upload_id, 2), (a.upload_id, 1)]
        assert list(theirs["number"]) == [1]
        assert (upload_number(cur, ws, a.upload_id), upload_number(cur, ws, b.upload_id)) == (1, 2)
        assert upload_number(cur, other, a.upload_id) is None  # not that workspace's upload


def test_messages_name_an_upload_by_its_number(store, ws, two, tmp_path):
    _other, a, b = two
    again = load_file(store, ws, write(tmp_path, "again.csv", FIRST.replace("L2", "L9")), "leads")
    assert list(again.rejected_rows["reason"]) == ["id already loaded (upload #2); choose upsert to update it"]
    with pytest.raises(UploadError) as err:  # the same bytes again
        load_file(store, ws, write(tmp_path, "copy.csv", FIRST), "leads")
    assert "(upload #1, 'a.csv')" in str(err.value)
    with pytest.raises(UploadError) as err:
        undo_upload(store, ws, a.upload_id, actor=ADMIN)  # undo takes the id
    assert str(err.value).startswith("rows of upload #1 were later replaced by upload #2.")
    done = undo_upload(store, ws, again.upload_id, actor=ADMIN)
    assert (done.upload_id, done.number) == (again.upload_id, 3)
    with pytest.raises(UploadError, match="upload #3 was already undone"):
        undo_upload(store, ws, again.upload_id, actor=ADMIN)


def test_the_command_line_prints_the_workspaces_number(tmp_path):
    db = tmp_path / "f.duckdb"
    assert run_cli("workspace", "create", "One", "--db", db).returncode == 0
    assert run_cli("workspace", "create", "Two", "--db", db).returncode == 0
    leads = write(tmp_path, "leads.csv", FIRST)
    assert "loaded upload #1 into" in run_cli("load", "leads", leads, "--db", db, "--workspace", "One").stdout
    out = run_cli("load", "leads", leads, "--db", db, "--workspace", "Two").stdout
    assert "loaded upload #1 into" in out, out
