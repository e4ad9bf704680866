"""The server's own door for what Streamlit serves outside the app script: file uploads
(``/_stcore/upload_file/<session>/<file>``) and media, downloads included (``/media/<file>``).

Streamlit answers those endpoints for anyone; the sign-in gate is app code that only runs in a
session's script. ``SignedInOnly`` is an ASGI middleware installed by ``serve.py`` (the entry
``streamlit run serve.py`` starts, through ``st.App``) in front of every route:

- every page load gets a random browser id in an HttpOnly cookie (``COOKIE``);
- when a session is signed in (ui.auth.signed_in_user), the app admits its session id and its
  browser id here; signing out revokes them;
- an upload is accepted only for an admitted session (the id in its URL), and media only for an
  admitted browser; anything else gets 403 before Streamlit reads a byte of it.

The records live in this process and are bounded: a session uploads to, and fetches media from,
only the process that holds it (with several replicas, nginx keeps a browser on one; after a
failover the user signs in again and is admitted there: docs/deployment.md, section 9).
``installed()`` tells the app whether the door is there: dashboard.py refuses to run with
sign-in on when the server was started without it (``streamlit run dashboard.py``).
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from http.cookies import SimpleCookie

COOKIE = "funnel_browser"
MAX_RECORDS = 20_000  # admitted sessions and browsers kept; the oldest are forgotten first
_lock = threading.Lock()
_sessions: OrderedDict[str, None] = OrderedDict()
_browsers: OrderedDict[str, None] = OrderedDict()
_installed = threading.Event()


def _add(records: OrderedDict[str, None], key: str) -> None:
    records[key] = None
    records.move_to_end(key)
    while len(records) > MAX_RECORDS:
        records.popitem(last=False)


def admit(session_id: str | None, browser_id: str | None) -> None:
    """Record a signed-in session (and its browser) as allowed to upload and fetch media."""
    with _lock:
        if session_id:
            _add(_sessions, session_id)
        if browser_id:
            _add(_browsers, browser_id)


def revoke(session_id: str | None, browser_id: str | None) -> None:
    with _lock:
        _sessions.pop(session_id or "", None)
        _browsers.pop(browser_id or "", None)


def session_admitted(session_id: str) -> bool:
    with _lock:
        return session_id in _sessions


def browser_admitted(browser_id: str | None) -> bool:
    with _lock:
        return bool(browser_id) and browser_id in _browsers


def installed() -> bool:
    """Whether requests pass through ``SignedInOnly`` in this process (set by its first request)."""
    return _installed.is_set()


def _cookie(headers: list[tuple[bytes, bytes]]) -> str | None:
    for name, value in headers:
        if name.lower() == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001 - a malformed Cookie header is no browser id
                return None
            if COOKIE in jar:
                return jar[COOKIE].value
    return None


def _base() -> str:
    """The URL prefix Streamlit serves under ("" or "/funnel"), from ``server.baseUrlPath``."""
    from streamlit import config

    base = str(config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def guarded(path: str, base: str = "") -> tuple[str, str] | None:
    """("upload", session id) or ("media", file) when ``path`` is one of Streamlit's two doors
    under ``base``, else None. Exactly Streamlit's routes ``/_stcore/upload_file/{session}/{file}``
    and ``/media/{file}``: the frontend's own assets under ``/static/media/`` are not media."""
    for kind, prefix in (("upload", f"{base}/_stcore/upload_file/"), ("media", f"{base}/media/")):
        if path.startswith(prefix):
            return kind, path[len(prefix) :].split("/")[0]
    return None


class SignedInOnly:
    """ASGI middleware: refuses uploads and media to whoever has not signed in (module doc)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        _installed.set()
        headers = scope.get("headers") or []
        browser = _cookie(headers)
        door = guarded(scope.get("path", ""), _base()) if scope["type"] == "http" else None
        if door is not None and scope.get("method") != "OPTIONS":
            kind, session = door
            ok = session_admitted(session) if kind == "upload" else browser_admitted(browser)
            if not ok:
                body = b"Sign in first.\n"
                await send(
                    {
                        "type": "http.response.start",
                        "status": 403,
                        "headers": [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return None
        if scope["type"] == "http" and browser is None:
            new_id = secrets.token_urlsafe(24)

            async def send_with_cookie(message):
                if message["type"] == "http.response.start":
                    cookie = f"{COOKIE}={new_id}; Path=/; HttpOnly; SameSite=Lax"
                    message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", cookie.encode())]}
                await send(message)

            return await self.app(scope, receive, send_with_cookie)
        return await self.app(scope, receive, send)
