"""What Streamlit's own Markdown renderer, in Chromium, makes of hostile text passed through the
escaping helper ``ui.plain`` (issue 17): every construct stays text, shown exactly as given, in
a message, a caption, a slider label and a metric label. A real ``streamlit run`` of a small
script, so the renderer is the one users get (remark/GFM/KaTeX/directives in the browser)."""

from __future__ import annotations

import json

from tests.browser.conftest import ROOT, shot, wait_for_app
from tests.sharing.test_markdown_escaping import HOSTILE, WJ

SCRIPT = """
import json, sys
sys.path.insert(0, {root!r})
import streamlit as st
from ui.show import plain

for i, raw in enumerate(json.loads({cases!r})):
    st.warning(plain(raw))
    st.caption(plain(raw))
    st.slider(plain(raw), 0, 10, key=f"s{{i}}")
    st.metric(plain(raw), 1)
"""


def test_escaped_text_renders_as_text_in_the_real_app(server_factory, page, tmp_path):
    cases = [raw for raw, _ in HOSTILE if "\n" not in raw]  # one-line texts: shown exactly
    script = tmp_path / "render.py"
    script.write_text(SCRIPT.format(root=str(ROOT), cases=json.dumps(cases)))
    server = server_factory(tmp_path / "unused.duckdb", script=script, cwd=ROOT)
    page.goto(server.url)
    wait_for_app(page)
    page.wait_for_selector('[data-testid="stMetricLabel"]')
    shot(page, "markdown-render")
    main = page.locator('[data-testid="stMain"]')
    # nothing became a link, an image, HTML, maths or coloured text
    assert main.locator("a").count() == 0
    assert main.locator("img").count() == 0
    assert main.locator(".katex, math").count() == 0
    assert main.locator("strong, em, del, code, table, h1").count() == 0
    assert main.locator('span[style*="color"], [class*="red"]').count() == 0

    # and each text is shown exactly as it was given, in all four places
    # (the invisible word joiners plain() puts into "http://", "www.", "@" and ":red" aside)
    def shown(testid: str) -> list[str]:
        return [t.replace(WJ, "").strip() for t in page.locator(f'[data-testid="{testid}"]').all_inner_texts()]

    alerts, captions = shown("stAlertContentWarning"), shown("stCaptionContainer")
    sliders, metrics = shown("stWidgetLabel"), shown("stMetricLabel")
    assert alerts == cases
    assert captions == cases
    assert sliders == cases
    assert metrics == cases
