"""Uploads and media are refused to whoever has not signed in, by the server itself (issue 17):
Streamlit answers /_stcore/upload_file and /media for anyone, so serve.py puts ui.guard in front
of them. Against a real ``streamlit run serve.py``, through Streamlit's own protocol."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
import requests
import streamlit

from funnel.db import Store
from funnel.workspace import create_workspace
from tests.sharing.server import ROOT, Server
from tests.sharing.stclient import Session
from tests.sharing.test_protocol_tricks import SECRETS, signed_in
from ui.guard import guarded

CSV = b"lead_id,created_at,channel\nA1,2026-03-01,SEO\nA2,2026-03-02,SEO\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("door")
    db = tmp / "door.duckdb"
    store = Store(db)
    with store.transaction() as cur:
        create_workspace(cur, "Demo", workspace_id="demo", is_demo=True)
        create_workspace(cur, "Marketing", workspace_id="marketing")
    store.close()
    secrets_file = tmp / "secrets.toml"
    secrets_file.write_text(SECRETS)
    srv = Server(db, env={"STREAMLIT_SECRETS_FILES": str(secrets_file)}).start()
    yield srv
    srv.stop()


def upload_url(s: Session) -> tuple[str, str]:
    """Ask the server for an upload URL the way the browser does (allowed to anyone)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    back = BackMsg()
    back.file_urls_request.request_id = secrets.token_hex(8)
    back.file_urls_request.file_names.append("leads.csv")
    back.file_urls_request.session_id = s.session_id or ""
    s._send(back)
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(s.ws.recv())
        if msg.WhichOneof("type") == "file_urls_response":
            urls = msg.file_urls_response.file_urls[0]
            return urls.upload_url, urls.file_id


def put(server: Server, s: Session, url: str, data: bytes) -> requests.Response:
    return requests.put(
        server.url + url if url.startswith("/") else url,
        files={"file": ("leads.csv", data, "text/csv")},
        headers={"X-Xsrftoken": s.xsrf},
        cookies={"_streamlit_xsrf": s.xsrf},
        timeout=60,
    )


def test_a_session_that_has_not_signed_in_cannot_upload(server):
    s = Session(server.url)
    try:
        run = s.run(query="lang=en")
        assert run.widget("signin_password") is not None  # at the gate
        url, _ = upload_url(s)
        assert s.session_id and s.session_id in url
        res = put(server, s, url, b"x" * 5_000_000)
        assert res.status_code == 403, res.text
    finally:
        s.close()


def test_a_signed_in_session_uploads_and_signing_out_closes_the_door(server):
    s, run = signed_in(server, "mkt-pw", query="lang=en&ws=marketing")
    try:
        url, _ = upload_url(s)
        assert put(server, s, url, CSV).status_code == 204
        run = s.click(run, "signout")
        assert run.widget("signin_password") is not None
        url, _ = upload_url(s)
        assert put(server, s, url, CSV).status_code == 403
    finally:
        s.close()


def test_media_is_refused_without_a_signed_in_browser(server):
    # any media address, real or not: refused before Streamlit looks it up
    for path in ("/media/0123456789abcdef.zip", "/media/anything.png"):
        res = requests.get(server.url + path, timeout=10)
        assert res.status_code == 403
    # a browser id that never signed in does not help either
    page = requests.get(server.url + "/", timeout=10)
    assert page.status_code == 200 and "funnel_browser" in page.cookies
    res = requests.get(server.url + "/media/anything.png", cookies=page.cookies, timeout=10)
    assert res.status_code == 403


def test_a_signed_in_browser_reaches_media(server):
    page = requests.get(server.url + "/", timeout=10)
    browser = page.cookies["funnel_browser"]
    s = Session(server.url, headers={"Cookie": f"funnel_browser={browser}; _streamlit_xsrf=x"})
    try:
        run = s.run(query="lang=en")
        s.set(run, "signin_password", string_value="boss-pw")
        run = s.click(run, "signin_submit")
        assert run.widget("workspace") is not None
        res = requests.get(server.url + "/media/unknown.png", cookies=page.cookies, timeout=10)
        assert res.status_code == 404  # past the door: Streamlit itself says there is no such file
    finally:
        s.close()


def test_sign_in_is_refused_when_the_server_runs_without_the_door(tmp_path):
    db = tmp_path / "nodoor.duckdb"
    Store(db).close()
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text(SECRETS)
    srv = Server(db, script=ROOT / "dashboard.py", env={"STREAMLIT_SECRETS_FILES": str(secrets_file)}).start()
    try:
        s = Session(srv.url)
        run = s.run(query="lang=en")
        # no form to sign in with, and the reason for the administrator
        assert run.widget("signin_password") is None and run.widget("workspace") is None
        assert "streamlit run serve.py" in run.texts()
        s.close()
    finally:
        srv.stop()


@pytest.mark.parametrize(
    "path, base, door",
    [
        ("/_stcore/upload_file/abc/def", "", ("upload", "abc")),
        ("/funnel/_stcore/upload_file/abc/def", "/funnel", ("upload", "abc")),
        ("/media/0123.zip", "", ("media", "0123.zip")),
        ("/funnel/media/0123.zip", "/funnel", ("media", "0123.zip")),
        ("/static/media/KaTeX_Main-Regular.woff2", "", None),  # the frontend's own fonts
        ("/_stcore/health", "", None),
        ("/media", "", None),
        ("/channels", "", None),
    ],
    ids=["upload", "upload-base", "media", "media-base", "static-media", "health", "bare", "page"],
)
def test_the_doors_are_exactly_streamlits_routes(path, base, door):
    assert guarded(path, base) == door


def test_the_frontend_loads_before_sign_in(server):
    fonts = sorted((Path(streamlit.__file__).parent / "static" / "static" / "media").glob("*.woff2"))
    assert fonts
    res = requests.get(f"{server.url}/static/media/{fonts[0].name}", timeout=10)
    assert res.status_code == 200
