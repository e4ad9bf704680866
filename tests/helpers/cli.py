"""`python -m funnel ...` run inside the test process, for the tests of what the command line
parses, prints and returns.

A subprocess per case imported Python, pandas and DuckDB again (about 1 s of CPU each, a fair
share of the suite's time on 2 cores); ``funnel.cli.main(argv)`` gives the same exit code,
standard output and standard error. What only a real process shows stays with ``subprocess``:
``python -m funnel`` as an entry point, stderr clean at interpreter exit, a database held by
another process, a crash contained (tests/ingest/test_cli.py, tests/hostile, tests/engines).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
from collections.abc import Iterator, Mapping

from funnel.cli import main


@contextlib.contextmanager
def _environ(env: Mapping[str, str] | None) -> Iterator[None]:
    """``os.environ`` as ``env`` for the call (a subprocess's ``env=``), then as it was."""
    if env is None:
        yield
        return
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def run_cli(*args: object, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m funnel *args`` in this process: a CompletedProcess with its exit code and its
    text output, as ``subprocess.run(..., capture_output=True, text=True)`` gives it. argparse's
    usage errors exit 2 with their message on stderr, as they do in a process; a logged warning or
    error (a traceback the CLI logs) reaches stderr too, as Python's last-resort handler writes it
    in a process with no logging set up."""
    argv = [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    last_resort = logging.StreamHandler(err)
    last_resort.setLevel(logging.WARNING)
    root = logging.getLogger()
    root.addHandler(last_resort)
    with _environ(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: --help (0) and usage errors (2)
            if exc.code is None or isinstance(exc.code, int):
                code = exc.code or 0
            else:
                print(exc.code, file=err)
                code = 1
        finally:
            root.removeHandler(last_resort)
    return subprocess.CompletedProcess(["python", "-m", "funnel", *argv], code, out.getvalue(), err.getvalue())
