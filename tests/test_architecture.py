"""funnel/ is the engine and never loads streamlit (STYLE.md), proved in a fresh interpreter."""

import pkgutil
import subprocess
import sys

import pytest

import funnel
from tests.conftest import ROOT

MODULES = sorted(m.name for m in pkgutil.walk_packages(funnel.__path__, "funnel.") if not m.name.endswith("__main__"))


@pytest.mark.parametrize("module", MODULES)
def test_funnel_module_does_not_import_streamlit(module):
    code = f"import sys, {module}; sys.exit(1 if any(m.split('.')[0] == 'streamlit' for m in sys.modules) else 0)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"{module} pulled in streamlit: {result.stderr}"


def test_translation_table_has_both_languages():
    from funnel.i18n import TABLE

    for key, pair in TABLE.items():
        assert isinstance(pair, tuple) and len(pair) == 2 and all(p.strip() for p in pair), key
