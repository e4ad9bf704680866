"""Every date a person reads is written by funnel.formatting (review #16: "Nov 1, 2024 – Oct 31,
2025" on one page, a picker's "2025-11-01" on another, «сент» on a chart beside «сент.»).

Like tests/test_imports.py, the source is read, not run: in the screen's code (pages/, ui/,
dashboard.py) nothing writes a date by itself — no ``strftime``, ``isoformat``, ``ctime``, an
f-string's ``{d:%d.%m}``, Babel's ``format_date`` and its kin — except where the text is for a
machine (a link's query parameter, a widget key), each listed below with its reason; and every
date picker is ui.picker.date_picker, in the language's written order. In funnel/, Babel's date
functions are called by funnel.formatting alone (the CLI and downloads write ISO on purpose).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

SCREEN = sorted([*(ROOT / "ui").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "dashboard.py"])
ENGINE = sorted((ROOT / "funnel").rglob("*.py"))

# methods and functions that write a date in a form of their own
WRITERS = {"strftime", "isoformat", "ctime", "format_date", "format_datetime", "format_interval", "format_skeleton"}
BABEL_DATES = {"format_date", "format_datetime", "format_interval", "format_skeleton", "format_time"}

# (file, function) where a date is written for a machine, not a person, and why
FOR_MACHINES = {
    ("ui/sidebar.py", "_write_link"): "the custom period in the page's link (?from=2025-11-01)",
    ("ui/views/time/flow.py", "write_link"): "dates A and B in the page's link",
    ("ui/views/time/goals.py", "_grid"): "a month's editor key",
    ("ui/views/data/texts.py", "date_example"): "a date in the uploaded file's own format (%m/%d/%Y → "
    "12/31/2025), shown so that a person can tell which format the file has",
}
PICKER = "ui/picker.py"


def _functions(tree: ast.AST) -> dict[ast.AST, str]:
    """Each node → the name of the outermost function or method it is in ("" at module level)."""
    owner: dict[ast.AST, str] = {}
    for top in ast.walk(tree):
        if isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef)) and top not in owner:
            for node in ast.walk(top):
                owner.setdefault(node, top.name)
    return owner


def writers(path: Path) -> list[tuple[str, str, int]]:
    """(what, function, line) for every date written in ``path`` by other means than funnel.formatting."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    owner = _functions(tree)
    found = []
    for node in ast.walk(tree):
        what = None
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            what = name if name in WRITERS else None
        elif isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            spec = ast.unparse(node.format_spec)
            what = f"f-string {{…:{spec[2:-1]}}}" if "%" in spec else None
        if what:
            found.append((what, owner.get(node, ""), node.lineno))
    return found


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_no_screen_writes_a_date_of_its_own():
    wrong = [
        f"{_rel(path)}:{line} {what} in {function or 'the module'}"
        for path in SCREEN
        for what, function, line in writers(path)
        if (_rel(path), function) not in FOR_MACHINES
    ]
    assert wrong == [], "write dates with funnel.formatting (ui.date, ui.month, ui.period …):\n" + "\n".join(wrong)


def test_every_machine_exception_is_still_there():
    """An exception whose code has gone is dropped from the list, so that it can't cover a new one."""
    seen = {(_rel(path), function) for path in SCREEN for _, function, _ in writers(path)}
    assert set(FOR_MACHINES) <= seen, set(FOR_MACHINES) - seen


def test_every_date_picker_is_the_apps_one():
    """st.date_input (and st.datetime_input) only in ui.picker, which gives it the language's order."""
    wrong = [
        f"{_rel(path)}:{node.lineno}"
        for path in SCREEN
        if _rel(path) != PICKER
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("date_input", "datetime_input")
    ]
    assert wrong == [], "use ui.picker.date_picker:\n" + "\n".join(wrong)


def test_only_funnel_formatting_calls_babels_date_functions():
    wrong = [
        f"{_rel(path)}:{node.lineno} {alias.name}"
        for path in [*ENGINE, *SCREEN]
        if _rel(path) != "funnel/formatting.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("babel")
        for alias in node.names
        if alias.name in BABEL_DATES
    ]
    assert wrong == []


def test_the_checker_finds_each_way_of_writing_a_date(tmp_path):
    """The scan above could fail: a made-up view writing a date four ways is caught four times."""
    view = tmp_path / "view.py"
    view.write_text(
        "def show(d, st):\n"
        "    st.write(d.strftime('%d.%m.%Y'))\n"
        "    st.write(d.isoformat())\n"
        "    st.write(f'{d:%b %Y}')\n"
        "    st.write(format_date(d))\n"
        "    st.write(f'{d:,.0f}')\n"  # a number's format: no date
    )
    assert sorted((line, w, f) for w, f, line in writers(view)) == [
        (2, "strftime", "show"),
        (3, "isoformat", "show"),
        (4, "f-string {…:%b %Y}", "show"),
        (5, "format_date", "show"),
    ]
