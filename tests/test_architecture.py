"""funnel/ is the engine and never loads streamlit (STYLE.md), proved in a fresh interpreter."""

import pkgutil
import subprocess
import sys

import funnel
from tests.conftest import ROOT

MODULES = sorted(m.name for m in pkgutil.walk_packages(funnel.__path__, "funnel.") if not m.name.endswith("__main__"))


CHECK = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
    if any(m.split(".")[0] == "streamlit" for m in sys.modules):
        print(name)
        sys.exit(1)
"""


def test_no_funnel_module_imports_streamlit():
    """Every funnel module imported in turn in one fresh interpreter (one interpreter per module
    cost ~90 s of the suite): the first whose import brings streamlit in is named."""
    assert len(MODULES) > 50  # the walk found the package, not an empty list
    result = subprocess.run([sys.executable, "-c", CHECK, *MODULES], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"{result.stdout.strip()} pulled in streamlit: {result.stderr[-2000:]}"


def test_translation_table_has_both_languages():
    from funnel.i18n import TABLE

    for key, pair in TABLE.items():
        assert isinstance(pair, tuple) and len(pair) == 2 and all(p.strip() for p in pair), key
