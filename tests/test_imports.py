"""Import hygiene, in the manner of harlequin's test: the layers stay layers.

- pages import only streamlit, the ``ui`` package and funnel's public modules;
- funnel never imports ui or pages, ui never imports pages;
- no ``_private`` name or module is imported from another module;
- no import cycle anywhere in funnel/ and ui/ (imports inside functions count too).
"""

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGES = ("funnel", "ui")
SOURCES = sorted(
    [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    + list((ROOT / "pages").glob("*.py"))
    + [ROOT / "dashboard.py"]
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {module_name(p): p for p in SOURCES}


def imports(path: Path) -> list[tuple[str, str | None, int]]:
    """(module, name imported from it or None, line) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, None, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            found += [(base, a.name, node.lineno) for a in node.names]
    return found


def targets(module: str, name: str | None) -> list[str]:
    """The project modules an import loads: ``from ui import state`` is ui.state when that is a module."""
    if name is not None and f"{module}.{name}" in MODULES:
        return [f"{module}.{name}"]
    return [module] if module in MODULES else []


def edges() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for mod, path in MODULES.items():
        for module, name, _ in imports(path):
            graph[mod].update(t for t in targets(module, name) if t != mod)
    return graph


@pytest.mark.parametrize("page", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_import_only_ui_and_public_funnel(page):
    for module, name, line in imports(page):
        top = module.split(".")[0]
        assert top in ("streamlit", "ui", "funnel"), f"{page.name}:{line} imports {module}"
        assert not any(part.startswith("_") for part in module.split(".")), f"{page.name}:{line}: {module}"
        assert not (name or "").startswith("_"), f"{page.name}:{line}: {name} from {module}"


def test_no_private_name_crosses_a_module():
    crossings = [
        f"{path.relative_to(ROOT)}:{line}: {name} from {module}"
        for path in SOURCES
        for module, name, line in imports(path)
        if module.split(".")[0] in (*PACKAGES, "pages") and name and name.startswith("_") and not name.startswith("__")
    ]
    assert crossings == []


@pytest.mark.parametrize(
    ("layer", "forbidden"), [("funnel", ("ui", "pages", "streamlit", "dashboard")), ("ui", ("pages", "dashboard"))]
)
def test_layers_import_downwards_only(layer, forbidden):
    wrong = [
        f"{path.relative_to(ROOT)}:{line}: {module}"
        for path in SOURCES
        if module_name(path).split(".")[0] == layer
        for module, _, line in imports(path)
        if module.split(".")[0] in forbidden
    ]
    assert wrong == []


def test_no_import_cycle():
    graph, cycles = edges(), []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join(path[path.index(nxt) :] + [node, nxt]) if nxt in path else f"{node} → {nxt}")
            elif nxt not in state:
                visit(nxt, path + [node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert cycles == []


def test_the_checker_sees_a_cycle_and_a_private_import(tmp_path, monkeypatch):
    """The checks above could fail: a made-up pair of modules importing each other is a cycle."""
    a, b = tmp_path / "funnel" / "a.py", tmp_path / "funnel" / "b.py"
    a.parent.mkdir()
    a.write_text("from funnel.b import _hidden\n")
    b.write_text("import funnel.a\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["x"]), "ROOT", tmp_path)
    monkeypatch.setattr(__import__(__name__, fromlist=["x"]), "MODULES", {"funnel.a": a, "funnel.b": b})
    assert edges() == {"funnel.a": {"funnel.b"}, "funnel.b": {"funnel.a"}}
    assert imports(a) == [("funnel.b", "_hidden", 1)]
