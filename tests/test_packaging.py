"""pyproject.toml agrees with requirements.txt (the pins `make` installs) and ships what the
engine reads at run time."""

from __future__ import annotations

import fnmatch
import re
import tomllib

from tests.conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _pins(lines) -> dict[str, str]:
    out = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line).groups()
            out[name.lower()] = version
    return out


def test_every_pin_is_in_both_files_with_the_same_version():
    project = PROJECT["project"]
    declared = _pins(project["dependencies"])
    for group in project["optional-dependencies"].values():
        declared.update(_pins(group))
    assert declared == _pins((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())


def test_test_and_lint_tools_are_not_runtime_dependencies():
    runtime = _pins(PROJECT["project"]["dependencies"])
    extras = PROJECT["project"]["optional-dependencies"]
    assert set(_pins(extras["test"])) == {
        "pytest",
        "pytest-xdist",
        "playwright",
        "websocket-client",
        "hypothesis",
        "sortedcontainers",
    }
    assert set(_pins(extras["lint"])) == {"ruff", "mypy"}
    assert not set(runtime) & (set(_pins(extras["test"])) | set(_pins(extras["lint"])))


def test_the_console_script_runs_what_python_dash_m_funnel_runs():
    import funnel.cli

    assert PROJECT["project"]["scripts"] == {"funnel": "funnel.cli:main"}
    assert "from funnel.cli import main" in (ROOT / "funnel" / "__main__.py").read_text(encoding="utf-8")
    assert callable(funnel.cli.main)


def test_the_sql_files_the_engine_reads_are_package_data():
    patterns = PROJECT["tool"]["setuptools"]["package-data"]["funnel"]
    sql = [
        p.relative_to(ROOT / "funnel").as_posix()
        for p in (ROOT / "funnel").rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc")
    ]
    assert sql and [p for p in sql if not any(fnmatch.fnmatch(p, pat) for pat in patterns)] == []
