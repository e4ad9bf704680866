"""st.file_uploader in the interface's language.

Streamlit 1.67 writes the uploader's own words in English and offers no way to change them
(no parameter, no locale: "Upload", "200MB per file • CSV, TXT…", and "Drag and drop a file
here" while a file is dragged over it). This draws ours over them with CSS (in English too: its
"200MB" wrote the unit unlike the app's every other "200 MB"),
scoped to the one uploader by its key: Streamlit's words are hidden (``display: none``, so they
are not read out either) and a pseudo-element shows the Russian ones in the same size and colour.
It leans on Streamlit's ``data-testid`` attributes; the screenshot suite (tests/browser/screens.py)
fails on Latin words on a Russian screen, so an upgrade that renames them is seen at once.
The drag-over line and the browser's own messages about a refused file stay English (README).
"""

from __future__ import annotations

import streamlit as st

import ui


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal (our own words; quotes and backslashes escaped anyway)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def uploader_css(key: str, types: list[str], max_mb: int) -> str:
    """The style that shows the uploader ``key``'s words in the session's language (in English
    too, for the limit's "200 MB": Streamlit writes "200MB")."""
    scope = f".st-key-{key}"
    button = _css_string(ui.t("data.uploader.button"))
    limit = _css_string(ui.t("data.uploader.limit", mb=max_mb, types=", ".join(t.upper() for t in types)))
    zone, hint = '[data-testid="stFileUploaderDropzone"]', '[data-testid="stFileUploaderDropzoneInstructions"]'
    return (
        "<style>"
        f'{scope} {zone} button [data-testid="stMarkdownContainer"] p {{ display: none; }}'
        f'{scope} {zone} button [data-testid="stMarkdownContainer"]::after {{ content: {button}; }}'
        f"{scope} {hint} span {{ display: none; }}"
        # the line wraps where it does not fit: at 390 px the English one's last formats ended in
        # "P…" (nowrap and an ellipsis, review #16)
        f"{scope} {hint} > div::after {{ content: {limit}; font-size: 14px; line-height: 1.6;"
        " color: rgba(47, 45, 43, 0.7); white-space: normal; }"
        "</style>"
    )


def file_uploader(label: str, *, types: list[str], key: str, max_mb: int = 200, **kwargs):
    """st.file_uploader with its own words in the session's language (see the module's docstring)."""
    st.html(uploader_css(key, types, max_mb))  # fixed CSS and our own texts only
    return st.file_uploader(label, type=types, key=key, max_upload_size=max_mb, **kwargs)
