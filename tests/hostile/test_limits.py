"""The limits are one table (funnel.ingest.limits), each documented in the README with its
variable and default; a value that is not a positive number never lifts a limit. Disk full is a
clear message that leaves nothing behind."""

from __future__ import annotations

import errno

import duckdb
import pytest

from funnel.errors import UploadError
from funnel.ingest import limits, uploads
from tests.conftest import ROOT
from tests.ingest.helpers import load_file


def test_every_limit_is_in_the_readme_with_its_default():
    readme = (ROOT / "README.md").read_text()
    for lim in limits.LIMITS:
        row = next((line for line in readme.splitlines() if f"`{lim.env}`" in line), None)
        assert row is not None, f"{lim.env} is not documented in README.md"
        assert f"`{lim.default}`" in row, f"{lim.env}'s default {lim.default} is not in its README row"
        assert row.startswith(f"| `{lim.name}` |"), f"{lim.env}'s row does not name its setting {lim.name}"


@pytest.mark.parametrize("value", ["", "0", "-5", "lots"])
def test_a_bad_value_keeps_the_default(monkeypatch, value):
    monkeypatch.setenv("FUNNEL_MAX_COLUMNS", value)
    assert limits.number("max_columns") == 1000


def test_disk_full_while_keeping_the_upload_leaves_no_part_file(tmp_path, monkeypatch):
    def full(tmp):
        tmp.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(uploads, "_destination", lambda folder, name, digest: tmp_path / f"{digest}.csv")
    with pytest.raises(UploadError) as err:
        uploads._publish(tmp_path / ("a" * 64 + ".csv"), full, "a" * 64)
    assert str(err.value) == (
        "the server's disk is full: the file was neither kept nor loaded, and nothing was written. Expected: free "
        "space on the server's disk. How to fix: ask the administrator to free some space, then load the file again."
    )
    assert list(tmp_path.iterdir()) == []


def test_disk_full_during_a_load_rolls_back_and_removes_the_kept_copy(store, ws, tmp_path, monkeypatch):
    from funnel.ingest import fastpath

    folder = tmp_path / "uploads"
    kept = uploads.save_upload(b"id,created,channel\nL1,2025-01-01,SEO\n", "leads.csv", folder)

    def full(*a, **kw):
        raise duckdb.IOException('IO Error: Could not write file "/srv/x/funnel.duckdb.wal": No space left on device')

    monkeypatch.setattr(fastpath, "write", full)
    with pytest.raises(UploadError) as err:
        load_file(store, ws, kept, "leads")
    assert err.value.code == "disk_full" and "/srv" not in str(err.value)
    assert str(err.value).startswith(f"{kept.name}: the server's disk is full")
    assert not kept.exists() and list(folder.iterdir()) == []
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM uploads").fetchone()[0] == 0


def test_the_limits_are_read_from_the_settings_file(store, ws, tmp_path, monkeypatch):
    """``[funnel.limits]`` in secrets.toml, where the deployment's other settings are; an
    environment variable wins over it; a broken file or value keeps the default."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[funnel]\nauth = "none"\n\n[funnel.limits]\nmax_columns = 3\nmin_date = "2000-01-01"\n')
    monkeypatch.setattr(limits, "settings_files", lambda: [secrets])
    for lim in limits.LIMITS:
        monkeypatch.delenv(lim.env, raising=False)
    assert (limits.number("max_columns"), limits.min_date().isoformat()) == (3, "2000-01-01")
    path = tmp_path / "four.csv"
    path.write_text("id,created,channel,cost\nL1,2025-01-01,SEO,1\n")
    with pytest.raises(UploadError) as err:
        load_file(store, ws, path, "leads")
    assert "the header has 4 columns; the limit is 3" in str(err.value)
    monkeypatch.setenv("FUNNEL_MAX_COLUMNS", "4")  # the environment wins
    assert load_file(store, ws, path, "leads").added == 1
    secrets.write_text("[funnel.limits]\nmax_columns = -1\n")
    monkeypatch.delenv("FUNNEL_MAX_COLUMNS")
    assert limits.number("max_columns") == 1000  # read again when changed; a bad value: the default
    secrets.write_text("[funnel.limits\nmax_columns = 3\n")
    assert limits.number("max_columns") == 1000  # a file that does not parse: the defaults


def test_the_settings_files_follow_streamlit_and_its_variable(tmp_path, monkeypatch):
    import sys

    monkeypatch.delitem(sys.modules, "streamlit.config", raising=False)
    monkeypatch.setenv("STREAMLIT_SECRETS_FILES", f"{tmp_path / 'a.toml'}, {tmp_path / 'b.toml'}")
    assert limits.settings_files() == [tmp_path / "a.toml", tmp_path / "b.toml"]
    monkeypatch.delenv("STREAMLIT_SECRETS_FILES")
    assert limits.settings_files() == limits.SETTINGS_FILES

    class Config:  # a running server's own list (--secrets.files) wins
        @staticmethod
        def get_option(name):
            return [str(tmp_path / "etc.toml")] if name == "secrets.files" else None

    monkeypatch.setitem(sys.modules, "streamlit.config", Config)
    assert limits.settings_files() == [tmp_path / "etc.toml"]
