"""A real browser (Debian's headless Chromium) through nginx in front of two replicas: the page
loads, its websocket is upgraded and stays on the replica its cookie names, and when that replica
is killed (SIGKILL) the browser's own reconnect lands on the other replica, where the next click
asks for the password again (the session died with its process) and then serves the page."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tests.replicas.conftest import PASSWORD, WS, replica_for

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip("Debian chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def page(browser):
    """A page of its own in the process's one Chromium (tests/conftest.py)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    ctx.close()


def sign_in(page) -> None:
    from tests.browser.test_sharing_auth import sign_in as fill_and_send

    page.locator('input[type="password"]').wait_for()
    fill_and_send(page, PASSWORD)


def test_a_killed_replicas_browser_reconnects_to_the_other_one(cluster, page):
    from tests.browser.conftest import wait_for_app

    page.goto(f"{cluster.url}/data?lang=en&ws={WS}")
    wait_for_app(page)
    sign_in(page)
    page.locator('[data-testid="stFileUploader"]').wait_for()  # the Data page, past the sidebar
    (cookie,) = [c["value"] for c in page.context.cookies() if c["name"] == "funnel_browser"]
    home = replica_for(cluster, cookie)
    assert home in (0, 1)
    victim = cluster.replicas[home]
    victim.stop(signal.SIGKILL)
    try:
        # Streamlit's frontend reconnects by itself, through nginx to the other replica, and
        # the user's next click runs there in a new session: the sign-in form (the old
        # session's memory is gone, nothing else), then the page.
        page.wait_for_timeout(2000)
        page.get_by_role("link", name="Settings", exact=True).click()
        sign_in(page)
        page.locator('[data-testid="stSidebarNavLink"]').first.wait_for()
        assert page.locator('[data-testid="stException"]').count() == 0
        assert replica_for(cluster, cookie) == 1 - home
    finally:
        victim.start()
        victim.wait_healthy()
