"""ingest.review: the Data page's inspection. A readable file whose mapping lacks a required
field gives an Unmapped (its columns, the proposal and the error) instead of the bare error;
any other refusal is raised as inspect raises it."""

from __future__ import annotations

import pytest

from funnel import ingest
from funnel.errors import UploadError
from funnel.ingest import Inspection, Unmapped
from tests.ingest.helpers import write


def review(store, ws, path, kind, **kw):
    with store.cursor() as cur:
        return ingest.review(cur, path, path.name, kind, workspace_id=ws, **kw)


def test_a_good_file_gives_the_inspection(store, ws, tmp_path):
    path = write(tmp_path, "leads.csv", "id,created,channel\nL1,2025-01-02,SEO\nL2,2025-01-03,Ads\n")
    got = review(store, ws, path, "leads")
    assert isinstance(got, Inspection)
    assert (got.rows_ok, got.mapping["lead_id"], got.mapping["channel"]) == (2, "id", "channel")


# (id, kind, file, mapping, error code, fields with no column)
UNMAPPED = [
    ("no-lead-id", "leads", "who;when;where\nL1;2025-01-02;SEO\n", None, "missing_lead_id", ["lead_id", "created_at"]),
    ("no-created-date", "leads", "id,where\nL1,SEO\nL2,Ads\n", None, "missing_required", ["created_at"]),
    ("deals-without-status", "deals", "deal_id,amount\nD1,100\n", None, "deals_no_status", []),
    (
        "mapped-column-not-in-file",
        "leads",
        "id,created\nL1,2025-01-02\n",
        {"lead_id": "id", "created_at": "Дата"},
        "mapped_column_missing",
        ["created_at"],
    ),
]


@pytest.mark.parametrize(
    "kind, content, mapping, code, missing", [u[1:] for u in UNMAPPED], ids=[u[0] for u in UNMAPPED]
)
def test_a_file_to_map_gives_its_columns_and_the_error(store, ws, tmp_path, kind, content, mapping, code, missing):
    path = write(tmp_path, "export.csv", content)
    got = review(store, ws, path, kind, mapping=mapping)
    assert isinstance(got, Unmapped)
    assert got.error.code == code and got.kind == kind
    with pytest.raises(UploadError) as plain:  # the same error inspect raises
        with store.cursor() as cur:
            ingest.inspect(cur, path, path.name, kind, workspace_id=ws, mapping=mapping)
    assert str(got.error) == str(plain.value)
    header = content.splitlines()[0]
    assert got.source_columns == header.split(";" if ";" in header else ",")
    assert got.missing_required == missing
    assert got.rows_in == len(content.splitlines()) - 1 and got.header_row == 1 and got.delimiter in (",", ";")


def test_the_users_mapping_is_kept_and_a_column_the_file_lacks_is_unmapped(store, ws, tmp_path):
    path = write(tmp_path, "export.csv", "id,created\nL1,2025-01-02\n")
    got = review(store, ws, path, "leads", mapping={"lead_id": "id", "created_at": "Дата"})
    assert got.mapping == {"lead_id": "id", "created_at": None}


@pytest.mark.parametrize(
    "content, code",
    [
        ("", "empty"),
        ("id,created\n", "header_only"),
    ],
    ids=["empty-file", "header-only"],
)
def test_a_file_that_cannot_load_at_all_is_still_refused(store, ws, tmp_path, content, code):
    path = write(tmp_path, "bad.csv", content)
    with pytest.raises(UploadError) as err:
        review(store, ws, path, "leads")
    assert err.value.code == code


def test_review_writes_nothing(store, ws, tmp_path):
    path = write(tmp_path, "export.csv", "who,where\nL1,SEO\n")
    review(store, ws, path, "leads")
    with store.cursor() as cur:
        assert ingest.current_rows(cur, ws, "leads") == 0
        assert cur.execute("SELECT count(*) FROM uploads").fetchone()[0] == 0
