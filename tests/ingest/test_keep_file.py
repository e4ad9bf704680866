"""``uploads.keep_file``: the command line's copy of a file, named by the sha256 of its bytes, the
hash taken beside the copy."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil

import pytest

from funnel.errors import UploadError
from funnel.ingest import uploads

DATA = b"id;created\nL1;01.02.2025\n"


@pytest.fixture(autouse=True)
def _fresh_memo(monkeypatch):
    # The memo is the process's: another test's entry must not name these files.
    monkeypatch.setattr(uploads, "_HASHES", {})


def test_the_copy_is_named_by_its_bytes_and_nothing_else_is_left(tmp_path):
    source = tmp_path / "export.csv"
    source.write_bytes(DATA)
    kept = uploads.keep_file(source, "Export.CSV", folder=tmp_path / "kept")
    assert kept == tmp_path / "kept" / f"{hashlib.sha256(DATA).hexdigest()}.csv"
    assert kept.read_bytes() == DATA and list(kept.parent.iterdir()) == [kept]


def test_the_same_bytes_kept_again_are_one_file(tmp_path, monkeypatch):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_bytes(DATA)
    second.write_bytes(DATA)
    kept = uploads.keep_file(first, "a.csv", folder=tmp_path / "kept")
    monkeypatch.setattr(uploads, "_HASHES", {})  # as a new process would: copied, then found kept
    assert uploads.keep_file(second, "b.csv", folder=tmp_path / "kept") == kept
    assert list(kept.parent.iterdir()) == [kept]


def test_a_file_changed_while_copied_is_named_by_the_copy(tmp_path, monkeypatch):
    """The load reads the copy: its name must be the hash of the copy's bytes, not of what the
    source held when the hash read it (here: after the copy, when it had changed)."""
    source = tmp_path / "export.csv"
    source.write_bytes(DATA)
    real_copy = shutil.copyfile

    def copy_then_change(src, dst):
        real_copy(src, dst)
        with open(src, "ab") as fh:
            fh.write(b"L2;02.02.2025\n")
        os.utime(src, ns=(1, 1))  # another modification time whatever the clock's resolution

    monkeypatch.setattr(uploads.shutil, "copyfile", copy_then_change)
    # the hash reads the source only when awaited, after the change
    monkeypatch.setattr(uploads, "file_hash_soon", lambda path: lambda: uploads.file_hash(path))
    kept = uploads.keep_file(source, "export.csv", folder=tmp_path / "kept")
    assert kept.read_bytes() == DATA and kept.name == f"{hashlib.sha256(DATA).hexdigest()}.csv"
    assert list(kept.parent.iterdir()) == [kept]


def test_a_full_disk_while_copying_leaves_no_part_file(tmp_path, monkeypatch):
    source = tmp_path / "export.csv"
    source.write_bytes(DATA)

    def full(src, dst):
        with open(dst, "wb") as fh:
            fh.write(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(uploads.shutil, "copyfile", full)
    with pytest.raises(UploadError) as err:
        uploads.keep_file(source, "export.csv", folder=tmp_path / "kept")
    assert err.value.code == "disk_full"
    assert list((tmp_path / "kept").iterdir()) == []
