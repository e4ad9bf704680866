"""A minimal Streamlit client that speaks the browser's own protocol to a real `streamlit run`.

The browser frontend opens a websocket to ``/_stcore/stream`` (subprotocol ``streamlit``;
the second subprotocol entry carries an XSRF token, the third a session id to resume),
sends ``BackMsg.rerun_script`` with a ``ClientState`` (query string, page, widget values),
and reads ``ForwardMsg``s (``new_session``, ``navigation``, ``delta`` …) until
``script_finished``. Files go to ``PUT /_stcore/upload_file/<session>/<file>`` after a
``file_urls_request``; the upload is then named in the uploader's widget state.
Used by tests/sharing/test_concurrency.py and scripts/loadtest.py.
"""

from __future__ import annotations

import io
import secrets
import time
from dataclasses import dataclass, field

import pyarrow as pa
import requests
import websocket
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = ForwardMsg.ScriptFinishedStatus


@dataclass
class Element:
    kind: str  # the Element oneof: "alert", "metric", "dataframe", "table", "exception", …
    proto: object
    widget_id: str | None = None

    @property
    def text(self) -> str:
        p = self.proto
        for attr in ("body", "label", "message"):
            if hasattr(p, attr) and getattr(p, attr):
                return str(getattr(p, attr))
        return ""

    def frame(self):
        """The DataFrame of a st.dataframe/st.table element (Arrow IPC in the delta)."""
        arrow = getattr(self.proto, "arrow_data", None)
        data = getattr(arrow, "data", None)
        if not data:
            return None
        return pa.ipc.open_stream(io.BytesIO(data)).read_all().to_pandas()


@dataclass
class Run:
    elements: list[Element] = field(default_factory=list)
    seconds: float = 0.0
    page_hash: str = ""
    url_writes: int = 0  # page_info_changed messages: each makes the browser re-render the app

    def of(self, kind: str) -> list[Element]:
        return [e for e in self.elements if e.kind == kind]

    @property
    def exceptions(self) -> list[Element]:
        return self.of("exception")

    @property
    def errors(self) -> list[str]:
        return [e.text for e in self.of("alert") if e.proto.format == Alert.ERROR]

    @property
    def successes(self) -> list[str]:
        return [e.text for e in self.of("alert") if e.proto.format == Alert.SUCCESS]

    def metrics(self) -> dict[str, str]:
        return {e.proto.label: e.proto.body for e in self.of("metric")}

    def widget(self, key: str) -> Element | None:
        """The widget made with ``key=...`` (Streamlit ends a keyed widget's id with the key)."""
        for e in self.elements:
            if e.widget_id and e.widget_id.endswith(f"-{key}"):
                return e
        return None

    def texts(self) -> str:
        return "\n".join(e.text for e in self.elements)


class Session:
    """One browser tab: a websocket session on the server."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 120,
        headers: dict[str, str] | None = None,
        cookies: dict[str, str] | None = None,
    ):
        """``cookies``: more cookies the browser holds (e.g. serve.py's funnel_browser, by which
        nginx picks a replica), sent with the websocket and with uploads."""
        self.base_url = base_url.rstrip("/")
        self.xsrf = secrets.token_hex(16)  # any token works if cookie and header agree
        self.cookies = {**(cookies or {}), "_streamlit_xsrf": self.xsrf}
        self.headers = dict(headers or {})
        ws_url = self.base_url.replace("http", "ws", 1) + "/_stcore/stream"
        self.ws = websocket.create_connection(
            ws_url,
            timeout=timeout,
            subprotocol=None,
            header=[f"Sec-WebSocket-Protocol: streamlit, {self.xsrf}"]
            + [f"{k}: {v}" for k, v in (headers or {}).items()],
            cookie="; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        )
        self.session_id: str | None = None
        self.pages: dict[str, str] = {}  # url path → page_script_hash
        self.page_hash = ""
        self.widgets: dict[str, WidgetState] = {}
        self.query_string = ""  # the URL's query, as the app last set it (st.query_params)
        self._queue: list[ForwardMsg] = []

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:  # noqa: BLE001
            pass

    # ---- protocol ----------------------------------------------------------------------------
    def _send(self, msg: BackMsg) -> None:
        self.ws.send_binary(msg.SerializeToString())

    def _recv(self) -> ForwardMsg:
        if self._queue:
            return self._queue.pop(0)
        msg = ForwardMsg()
        msg.ParseFromString(self.ws.recv())
        return msg

    def run(
        self, page: str | None = None, *, query: str | None = None, triggers: dict[str, WidgetState] | None = None
    ) -> Run:
        """Rerun the script (on ``page``, a url path such as "channels"), wait for the end, and
        return every element it drew. Reruns the app itself asks for (st.rerun) are followed.
        ``query`` is the URL's query string; by default the one the app last set, as in a browser."""
        back = BackMsg()
        rs = back.rerun_script
        if query is not None:
            self.query_string = query
        rs.query_string = self.query_string
        if page is not None:
            rs.page_script_hash = self.pages.get(page, "")
            rs.page_name = page
        else:
            rs.page_script_hash = self.page_hash
        states = dict(self.widgets)
        states.update(triggers or {})
        rs.widget_states.widgets.extend(states.values())
        started = time.perf_counter()
        self._send(back)
        run = Run()
        while True:
            msg = self._recv()
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id or self.session_id
                self.page_hash = msg.new_session.page_script_hash or self.page_hash
                run.elements.clear()  # a new run (also after st.rerun) draws the page afresh
                run.url_writes = 0
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
                run.url_writes += 1
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                self.page_hash = msg.navigation.page_script_hash or self.page_hash
            elif (
                kind == "delta"
                and msg.delta.WhichOneof("type") == "add_block"
                and msg.delta.add_block.WhichOneof("type") == "tab_container"
            ):
                tabs = msg.delta.add_block.tab_container  # st.tabs with a key is a widget (its label)
                run.elements.append(Element("tab_container", tabs, tabs.id or None))
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                el = msg.delta.new_element
                which = el.WhichOneof("type")
                proto = getattr(el, which)
                run.elements.append(Element(which, proto, getattr(proto, "id", None) or None))
            elif kind == "script_finished":
                if msg.script_finished == FINISHED.Value("FINISHED_EARLY_FOR_RERUN"):
                    continue
                run.seconds = time.perf_counter() - started
                run.page_hash = self.page_hash
                self._remember(run)
                return run

    def _remember(self, run: Run) -> None:
        """Keep the values the server reports for widgets, as the browser does."""
        self.widgets = {wid: st for wid, st in self.widgets.items() if any(e.widget_id == wid for e in run.elements)}

    # ---- widgets -------------------------------------------------------------------------------
    def set(self, run: Run, key: str, **value) -> None:
        """Set a widget's value for the next runs, e.g. ``set(run, "lang", string_value="en")``."""
        el = run.widget(key)
        if el is None:
            raise KeyError(
                f"no widget with key {key!r} on this page: {[e.widget_id for e in run.elements if e.widget_id]}"
            )
        ws = WidgetState(id=el.widget_id)
        for name, v in value.items():
            if name.endswith("_array_value"):
                getattr(ws, name).data.extend(v)
            else:
                setattr(ws, name, v)
        self.widgets[el.widget_id] = ws

    def click(self, run: Run, key: str) -> Run:
        el = run.widget(key)
        if el is None:
            raise KeyError(f"no button with key {key!r} on this page")
        return self.run(triggers={el.widget_id: WidgetState(id=el.widget_id, trigger_value=True)})

    def upload(self, run: Run, key: str, name: str, data: bytes, mime: str = "application/octet-stream") -> Run:
        """Put a file into the uploader ``key`` the way the browser does, then rerun."""
        el = run.widget(key)
        if el is None:
            raise KeyError(f"no file uploader with key {key!r} on this page")
        back = BackMsg()
        back.file_urls_request.request_id = secrets.token_hex(8)
        back.file_urls_request.file_names.append(name)
        back.file_urls_request.session_id = self.session_id or ""
        self._send(back)
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(self.ws.recv())
            if msg.WhichOneof("type") == "file_urls_response":
                break
            self._queue.append(msg)
        resp = msg.file_urls_response
        if resp.error_msg:
            raise RuntimeError(resp.error_msg)
        urls = resp.file_urls[0]
        put = requests.put(
            self.base_url + urls.upload_url if urls.upload_url.startswith("/") else urls.upload_url,
            files={"file": (name, data, mime)},
            headers={**self.headers, "X-Xsrftoken": self.xsrf},
            cookies=self.cookies,
            timeout=300,
        )
        put.raise_for_status()
        ws = WidgetState(id=el.widget_id)
        info = ws.file_uploader_state_value.uploaded_file_info.add()
        info.name, info.size, info.file_id = name, len(data), urls.file_id
        info.file_urls.CopyFrom(urls)
        self.widgets[el.widget_id] = ws
        return self.run()
