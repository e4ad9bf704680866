"""The report as a PDF: the HTML report (funnel.report.html, charts drawn for a page) printed
by headless Chromium through Playwright.

Why this way: the charts are Plotly, drawn by JavaScript; the browser that draws them for the
HTML report prints the very same page, so the PDF cannot differ from it. Playwright is already
the project's browser driver (tests/browser) and drives Debian's Chromium (/usr/bin/chromium,
``apt-get install chromium``); nothing is downloaded (no ``playwright install``) and the page is
loaded with the network off. WeasyPrint (HTML to PDF with Pango, from Debian) runs no
JavaScript, so it would print empty charts, and Plotly's static export (kaleido) downloads a
Chrome of its own.

Each call starts a browser (about 1–2 s) in a thread of its own: Playwright's synchronous API
refuses to run in a thread that has an asyncio loop, such as a Streamlit server's.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from funnel.errors import FunnelError
from funnel.i18n import t
from funnel.report import html
from funnel.report.content import Report

CHROMIUM = os.environ.get("FUNNEL_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000


def _print(page_html: str) -> bytes:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            ctx = browser.new_context(offline=True)
            page = ctx.new_page()
            page.set_content(page_html, wait_until="load", timeout=TIMEOUT_MS)
            charts = page.locator(".js-plotly-plot").count()
            if charts:
                page.wait_for_function(
                    f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}", timeout=TIMEOUT_MS
                )
            page.emulate_media(media="print")
            return page.pdf(
                format="A4",
                print_background=True,
                prefer_css_page_size=True,
                display_header_footer=False,
            )
        finally:
            browser.close()


def available() -> bool:
    """Whether this machine can print a PDF (Chromium where CHROMIUM says)."""
    return Path(CHROMIUM).exists()


def _error(key: str, **params) -> FunnelError:
    err = FunnelError(t(key, "en", **params))
    err.key, err.params = key, params
    return err


def render(report: Report) -> bytes:
    """The PDF bytes of ``report``; FunnelError saying why when Chromium is missing or fails."""
    if not available():
        raise _error("report.no_chromium", path=CHROMIUM)
    page_html = html.render(report, static=True)
    out: dict = {}

    def work() -> None:
        try:
            out["pdf"] = _print(page_html)
        except Exception as exc:  # noqa: BLE001 - reported to the caller below
            out["error"] = exc

    thread = threading.Thread(target=work, name="report-pdf", daemon=True)
    thread.start()
    thread.join()
    if "error" in out:
        raise _error("report.pdf_failed", reason=str(out["error"]).splitlines()[0]) from out["error"]
    return out["pdf"]
