"""The one escaping helper: text from data or a URL made inert for every Streamlit call that
renders Markdown (``plain``). ``ui.show`` hands it to the pages; ``ui.cards`` escapes its cards
with it too (here, not in ui.show, which draws those cards: no import cycle)."""

from __future__ import annotations

import re

# Characters that make Markdown or HTML active: emphasis, code, links and images ("[" and "]"),
# HTML and autolinks in "<>", headings, tables, strikethrough, KaTeX ("$"), colour directives
# (":red[...]" needs "["). ":" and "!" alone are left as they are, so messages stay readable.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")
# What Streamlit's renderer turns into links or colour with no Markdown syntax at all works on the
# text after escapes are read (remark-gfm's autolink literals: "scheme://", "www.", an e-mail's
# "@"; Streamlit's ":red[...]" and ":material/...:" directives), so a backslash does not stop
# it: an invisible WORD JOINER (U+2060) after the ":" of "x:/" or ":name", inside "www." and
# after "@" breaks each pattern and shows nothing (tests/browser/test_markdown_render.py).
WORD_JOINER = "\u2060"
_UNLINK = re.compile(r"(?i)(:)(?=[a-z/])|(?<![\w.])(www)(?=\\?\.)|(@)")


def _unlink(m: re.Match) -> str:
    return (m.group(1) or m.group(2) or m.group(3)) + WORD_JOINER


# Runs of whitespace but a figure's no-break space (funnel.formatting.NBSP), which keeps "1 234 ₽"
# on one line: str.split() would count it as a space and undo it.
_SPACES = re.compile(r"[^\S\u00a0]+")


def plain(text) -> str:
    """Text that came from data or a URL (file names, channels, stage spellings, filter values,
    messages quoting them) made inert for every Streamlit call that renders Markdown: messages,
    captions, widget labels, help, tab and expander labels. One line; shows exactly as given,
    with no link, autolink, image, HTML, maths or colour.

    This is the one escaping helper: a scan of ui/ and pages/ (tests/sharing/markdown_scan.py)
    finds any such call whose text could bypass it."""
    escaped = _MD_SPECIAL.sub(r"\\\1", _SPACES.sub(" ", "" if text is None else str(text)).strip())
    return _UNLINK.sub(_unlink, escaped)
