"""The CLI's `load` of a clean file imports neither pandas nor the other commands' modules
(about 0.6 s of CPU per run: a third of a 2 M-row load), nor Babel (funnel.formatting, ~10 ms:
its English messages format no number), nor, without a settings file, the TOML parser (~3 ms,
funnel.ingest.limits), nor the interface's text table (~10 ms, funnel.i18n.TABLE: the
planner's texts, say), and every command is still listed."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import duckdb

import funnel.cli
from funnel.cli import COMMANDS
from tests.helpers.cli import run_cli

ROOT = Path(__file__).resolve().parents[2]


def test_every_command_is_mapped_to_the_module_that_registers_it():
    for mod in pkgutil.iter_modules(funnel.cli.__path__):
        module = importlib.import_module(f"funnel.cli.{mod.name}")
        if not hasattr(module, "register"):
            continue
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers(dest="command")
        module.register(sub)
        for command in sub.choices:
            assert COMMANDS.get(command) == mod.name, command


def test_a_clean_load_imports_no_pandas(tmp_path):
    data = tmp_path / "leads.parquet"
    duckdb.connect().execute(
        f"COPY (SELECT 'L' || i AS id, TIMESTAMP '2025-01-01' + INTERVAL (i) DAY AS created, 'SEO' AS channel "
        f"FROM range(3) t(i)) TO '{data}' (FORMAT parquet)"
    )
    db = tmp_path / "funnel.duckdb"
    assert run_cli("workspace", "create", "Bench", "--db", db).returncode == 0  # the load's own process is below
    script = (
        "import sys; from funnel.cli import main; "
        f"rc = main(['load', 'leads', {str(data)!r}, '--db', {str(db)!r}, '--workspace', 'Bench']); "
        "print('rc', rc, 'pandas', 'pandas' in sys.modules, 'metrics', 'funnel.metrics' in sys.modules, "
        "'babel', 'babel' in sys.modules, 'tomllib', 'tomllib' in sys.modules, "
        "'texts', 'funnel.texts.planner' in sys.modules)"
    )
    env = dict(os.environ, STREAMLIT_SECRETS_FILES=str(tmp_path / "none.toml"))  # no settings file
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert "added 3" in out.stdout, out.stdout + out.stderr
    assert (
        out.stdout.strip().splitlines()[-1] == "rc 0 pandas False metrics False babel False tomllib False texts False"
    )


def test_a_clean_loads_report_of_rejected_rows_is_empty_with_its_columns(store, ws, tmp_path):
    from tests.ingest.helpers import load_file, write

    path = write(tmp_path, "leads.csv", "id,created\nL1,2025-01-01\n")
    rows = load_file(store, ws, path, "leads").rejected_rows  # made when read (funnel.ingest.frames)
    assert (len(rows), list(rows.columns)) == (0, ["row", "column", "value", "reason", "code", "detail"])
