"""One escaping helper (``ui.plain``) for every URL- or data-derived value that reaches a
Markdown-rendering Streamlit call, and a scan of the code that finds any call bypassing it
(issue 17: URL filter values, stage and channel names turned into links, images, KaTeX and
coloured text). What the browser makes of the escaped text is checked in
tests/browser/test_markdown_render.py."""

from __future__ import annotations

import ast
import re
import textwrap

import pytest

from tests.conftest import ROOT
from tests.sharing import markdown_scan
from ui.show import plain

# Calls the scan cannot follow because the text travels through session state, each with the
# argument that carries it; every call site of that argument is checked instead (below).
THROUGH_SESSION = {
    "ui/writes.py: in show_message": ("write", 1, "success"),
}
EXEMPT = [where.split(": ") for where in THROUGH_SESSION]


def test_every_markdown_call_passes_foreign_text_through_the_helper():
    findings = [f for f in markdown_scan.scan(ROOT) if re.sub(r":\d+:", ":", f, count=1).split(": ")[0:2] not in EXEMPT]
    assert findings == [], "Markdown-rendering calls whose text is not escaped with ui.plain:\n" + "\n".join(findings)


def test_text_kept_in_the_session_was_escaped_where_it_was_made():
    project = markdown_scan.project(ROOT)
    for where, (func, index, name) in THROUGH_SESSION.items():
        defs = project.defs[func]
        assert defs, where
        for _mod, fn in defs:
            assert project.argument_safe(fn, index, name, frozenset()), f"{func}({name}=...) gets unescaped text"
    # and the one place that says "success" by hand passes escaped text too
    for mod in project.modules:
        for node in ast.walk(mod.tree):
            if isinstance(node, ast.Call) and markdown_scan._name(node.func) == "say" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and first.value == "success":
                    assert mod.safe(node.args[1]), f"{mod.path}:{node.lineno}"


def findings_of(source: str, tmp_path) -> list[str]:
    (tmp_path / "ui").mkdir()
    (tmp_path / "pages").mkdir()
    (tmp_path / "dashboard.py").write_text("")
    (tmp_path / "ui" / "view.py").write_text(textwrap.dedent(source))
    return markdown_scan.scan(tmp_path)


@pytest.mark.parametrize(
    "source",
    [
        "st.warning(f'ignored: {values}')",
        "st.slider(stage.name, 0, 100)",
        "st.caption(t('k', name=row.channel))",
        "st.metric(t('k'), 1, help=ws.name)",
        "st.tabs([t('a'), ws.name])",
        "st.expander(query_params['ch'])",
        "st.column_config.NumberColumn(t('k'), help=stage)",
        "st.sidebar.info(t('k') + ' ' + name)",
        "st.success(', '.join(names))",
    ],
    ids=["f-string", "label", "t-param", "help", "tab", "expander", "column-help", "concat", "join"],
)
def test_the_scan_finds_a_bypass(tmp_path, source):
    code = f"""
    import streamlit as st
    from ui.text import t

    def render(stage, row, ws, names, values, query_params, name):
        {source}
    """
    assert len(findings_of(code, tmp_path)) == 1


def test_the_scan_accepts_escaped_and_fixed_text(tmp_path):
    code = """
    import streamlit as st
    from ui.show import plain
    from ui.text import num, t

    LIMIT = 5

    def label(stage):
        return t("k", name=plain(stage.name))

    def render(stage, names, rows):
        st.warning(t("k", values=plain(", ".join(names))))
        st.slider(label(stage), 0, 100)
        st.caption(t("k", n=num(len(rows)), limit=LIMIT))
        text = t("a")
        text += " " + plain(stage.name)
        st.info(text)
        st.success(", ".join(f"«{plain(n)}»" for n in names))
        for i, name in enumerate([plain(n) for n in names]):
            st.checkbox(name, key=str(i))
    """
    assert findings_of(code, tmp_path) == []


WJ = "\u2060"  # ui.show.WORD_JOINER: invisible, breaks autolinks and directives the renderer finds in text
HOSTILE = [
    ('=HYPERLINK("http://evil.example","x")', f'=HYPERLINK("http:{WJ}//evil.example","x")'),
    ("http://evil.example", f"http:{WJ}//evil.example"),
    ("www.evil.example", f"www{WJ}.evil.example"),
    ("boss@corp.example", f"boss@{WJ}corp.example"),
    ("![](http://evil.example/x.png)", f"!\\[\\](http:{WJ}//evil.example/x.png)"),
    ("[click](http://evil.example)", f"\\[click\\](http:{WJ}//evil.example)"),
    ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>"),
    ("$e^{i\\pi}$", "\\$e^{i\\\\pi}\\$"),
    (":red[ALERT]", f":{WJ}red\\[ALERT\\]"),
    (":material/warning: alarm", f":{WJ}material/warning: alarm"),
    ("**bold** _it_ `code` ~~x~~", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~x\\~\\~"),
    ("# Title | a | b |", "\\# Title \\| a \\| b \\|"),
    ("line one\n\n- line two", "line one - line two"),
    ("SEO 3.5 % (plan: 100)", "SEO 3.5 % (plan: 100)"),
]


@pytest.mark.parametrize("raw, expected", HOSTILE, ids=[h[0][:24] for h in HOSTILE])
def test_plain_escapes_every_active_construct(raw, expected):
    assert plain(raw) == expected
