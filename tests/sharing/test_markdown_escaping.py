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


@pytest.mark.parametrize(
    "source",
    [
        "params = {'a': t('x')}\n    params.update(name=stage.name)\n    st.info(t('k', **params))",
        "params = {}\n    params.update({'name': stage.name})\n    st.info(t('k', **params))",
        "params = {}\n    params['name'] = stage.name\n    st.info(t('k', **params))",
        "params = {}\n    params.setdefault('name', stage.name)\n    st.info(t('k', **params))",
        "st.radio(t('k'), names, format_func=lambda n: n)",
        "st.radio(t('k'), ['a', 'b'], format_func=lambda n: stage.name)",
        "st.radio(t('k'), ['a', 'b'], format_func=shown.get)",
        "st.radio(t('k'), names)",
        "st.pills(t('k'), ['a'], format_func=describe)",
        "st.segmented_control(t('k'), names, format_func=lambda n, d=stage: d.name)",
    ],
    ids=[
        "update-kw",
        "update-dict",
        "subscript",
        "setdefault",
        "format-data-options",
        "format-data",
        "format-dict-of-data",
        "radio-data-options",
        "pills-unknown-func",
        "lambda-default",
    ],
)
def test_the_scan_follows_dict_updates_and_option_labels(tmp_path, source):
    code = f"""
    import streamlit as st
    from ui.text import t

    def render(stage, names):
        shown = {{n: n for n in names}}
        {source}
    """
    assert len(findings_of(code, tmp_path)) == 1, findings_of(code, tmp_path)


def test_the_scan_accepts_escaped_option_labels(tmp_path):
    code = """
    import streamlit as st
    from ui.show import plain
    from ui.text import t

    KINDS = ("a", "b")

    def labels(options, fn):
        return {o: fn(o) for o in options}.get

    def names(options, prefix=None):
        shown = {o: (t(f"{prefix}{o}") if prefix else o) for o in options}
        return shown.get

    def kind_label(kind):
        return t("k") if kind else str(kind)

    def render(stage, rows):
        params = {"n": 1}
        params.update(name=plain(stage.name))
        params["other"] = t("x")
        st.info(t("k", **params))
        st.radio(t("k"), KINDS, format_func=lambda k: t(f"kind.{k}"))
        st.radio(t("k"), rows, format_func=lambda r: plain(r))
        st.radio(t("k"), KINDS, format_func=labels(KINDS, kind_label))
        st.radio(t("k"), rows, format_func=names(rows, "an.dim."))
        st.radio(t("k"), KINDS)
        st.selectbox(t("k"), rows)  # a selectbox's options are plain text, never Markdown
    """
    assert findings_of(code, tmp_path) == []


def test_a_factory_is_judged_by_the_call_that_uses_it(tmp_path):
    code = """
    import streamlit as st
    from ui.text import t

    def names(options, prefix=None):
        shown = {o: (t(f"{prefix}{o}") if prefix else o) for o in options}
        return shown.get

    def render(rows):
        st.radio(t("k"), rows, format_func=names(rows))
    """
    assert len(findings_of(code, tmp_path)) == 1  # without a prefix the data's own names show


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
