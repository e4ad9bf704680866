"""What a person sees with sign-in on: a real `streamlit run` with password mode, Debian Chromium.

The secrets for these tests are written to a temp file and given to the server through
STREAMLIT_SECRETS_FILES (the env form of `--secrets.files`), so the repository's own
.streamlit/secrets.toml is never touched.
"""

from __future__ import annotations

import re

import pytest

from funnel import ingest
from funnel.access import CLI_USER
from funnel.db import Store
from funnel.workspace import create_workspace
from tests.browser.conftest import shot, wait_for_app, wait_for_idle

SECRETS = """
[funnel]
auth = "password"
[funnel.passwords.boss]
password = "boss-pw"
role = "viewer"
[funnel.passwords.mkt]
password = "mkt-pw"
role = "editor"
workspaces = ["sales"]
"""
HOSTILE = "<img src=x onerror=alert(1)>**bold**"


@pytest.fixture
def signed_server(server_factory, tmp_path):
    db = tmp_path / "auth.duckdb"
    store = Store(db)
    with store.transaction() as cur:
        create_workspace(cur, "Sales", workspace_id="sales")
    csv = tmp_path / "base.csv"
    csv.write_text(
        "lead_id,created_at,channel\n" + "".join(f"A{i},2026-03-{1 + i % 28:02d} 10:00,SEO\n" for i in range(40))
    )
    ingest.load(store, csv, "base.csv", "leads", workspace_id="sales", actor=CLI_USER)
    store.close()
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(SECRETS)
    return server_factory(db, env={"STREAMLIT_SECRETS_FILES": str(secrets)})


def sign_in(page, password: str) -> None:
    # by test id, not label: the language may change between runs (see the report)
    page.locator('input[type="password"]').fill(password)
    page.locator(
        '[data-testid="stForm"] button[kind*="FormSubmit"], [data-testid="stForm"] [data-testid*="FormSubmit"] button'
    ).first.click()
    wait_for_idle(page, quiet_ms=1000)  # the rerun may start up to a second after the click


def leads_metric(page) -> int:
    card = page.locator('[data-testid="stMetric"]', has_text=re.compile("^(Leads|Лиды)")).first
    text = card.locator('[data-testid="stMetricValue"]').inner_text()
    return int(re.sub(r"[^\d]", "", text))


def test_deep_link_on_fresh_server_shows_only_sign_in_then_lands_on_page(signed_server, page):
    page.goto(f"{signed_server.url}/channels?lang=en")  # the very first request of this server
    wait_for_app(page)
    page.get_by_label("Password", exact=True).wait_for()
    shot(page, "sharing-deeplink-before-signin")
    assert page.locator('[data-testid="stMetricValue"]').count() == 0
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
    assert page.locator('[data-testid="stSidebarNav"] a').count() == 0
    assert "SEO" not in page.inner_text("body")
    sign_in(page, "wrong")
    page.locator('[data-testid="stAlertContentError"]').wait_for()
    shot(page, "sharing-wrong-password")
    assert page.locator('[data-testid="stMetricValue"]').count() == 0
    sign_in(page, "boss-pw")
    page.get_by_role("heading", name=re.compile("^(Channels|Каналы)$")).first.wait_for()
    wait_for_app(page)
    shot(page, "sharing-deeplink-after-signin")
    assert page.url.split("?")[0].endswith("/channels")
    assert page.locator('[data-testid="stDataFrame"]').count() >= 1


def test_viewer_has_no_uploader_editor_has_one(signed_server, browser):
    for password, can_upload in (("boss-pw", False), ("mkt-pw", True)):
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
        pg = ctx.new_page()
        pg.set_default_timeout(30_000)
        # /data is not a file name in pages/ (upload.py), so on a fresh server it is a legacy
        # "page not found" until st.navigation has run: start at the root, then use the nav
        pg.goto(f"{signed_server.url}/?lang=en&ws=sales")
        wait_for_app(pg)
        sign_in(pg, password)
        pg.locator('[data-testid="stSidebarNav"] a[href*="data"]').click()
        pg.get_by_role("heading", name=re.compile("^(Data|Данные)$")).first.wait_for()
        wait_for_app(pg)
        shot(pg, f"sharing-data-page-{'editor' if can_upload else 'viewer'}")
        assert (pg.locator('[data-testid="stFileUploader"]').count() > 0) == can_upload
        ctx.close()


def test_editor_upload_is_seen_by_another_session_without_restart(signed_server, browser, tmp_path):
    contexts = []

    def open_session(password: str, path: str):
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
        contexts.append(ctx)
        pg = ctx.new_page()
        pg.set_default_timeout(60_000)
        pg.on("dialog", lambda d: pytest.fail(f"a script ran: dialog {d.message!r}"))
        pg.goto(f"{signed_server.url}/{path}?lang=en&ws=sales")
        wait_for_app(pg)
        sign_in(pg, password)
        return pg

    try:
        viewer = open_session("boss-pw", "")
        viewer.locator('[data-testid="stMetricValue"]').first.wait_for()
        before = leads_metric(viewer)
        assert before == 40
        editor = open_session("mkt-pw", "")
        editor.locator('[data-testid="stSidebarNav"] a[href*="data"]').click()
        editor.locator('[data-testid="stFileUploader"]').wait_for()
        upload = tmp_path / "more leads.csv"
        upload.write_text(
            "lead_id,created_at,channel\n"
            + "".join(f"B{i},2026-03-{1 + i % 28:02d} 12:00,{HOSTILE}\n" for i in range(7))
        )
        editor.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(upload))
        wait_for_app(editor)
        editor.locator(".st-key-data_load button").click()
        # the preview's "no rows rejected" is a success alert too: wait for the load's own message
        editor.locator('[data-testid="stAlertContentSuccess"]').filter(has_text="is loaded").wait_for()
        shot(editor, "sharing-editor-uploaded")
        # the viewer's session moves between pages (no reload, no server restart) and sees it
        viewer.locator('[data-testid="stSidebarNav"] a[href*="channels"]').click()
        viewer.get_by_role("heading", name=re.compile("^(Channels|Каналы)$")).first.wait_for()
        wait_for_app(viewer)
        viewer.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
        options = viewer.get_by_role("option").all_inner_texts()
        assert HOSTILE in options, options  # shown as the literal text it is
        assert viewer.locator('img[src="x"]').count() == 0
        viewer.keyboard.press("Escape")
        shot(viewer, "sharing-viewer-hostile-channel")
        viewer.locator('[data-testid="stSidebarNav"] a').first.click()
        viewer.get_by_role("heading", name=re.compile("^(Overview|Обзор)$")).first.wait_for()
        wait_for_app(viewer)
        assert leads_metric(viewer) == before + 7
    finally:
        for ctx in contexts:
            ctx.close()
