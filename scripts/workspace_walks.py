"""Loop the screenshot walk of the spend-only workspace (P-1) and count how often the browser
leaves the sidebar's workspace picker out of a page change, and how often the server then drops
its value: `python scripts/workspace_walks.py --runs 20` (the whole English walk), or
`--pages funnel,workshop,data,settings` (the walk's part where it happened), `--fresh` (a new
server for every walk), `--root DIR` (the app's code from another checkout, e.g. an older commit
exported with `git archive`).

Why: one screenshot walk in five showed the demo on Settings and Administration after the Data
page had shown P-1. Before the fixes of walk17 these loops caught the browser's message for the
move from Data to Settings with the language, period and channels and without the workspace in 6
of 106 walks, and the server dropped the value each time; tests/browser/test_workspace_kept.py is
the fast guard, this is the slow count. Prints one line per walk and a summary; needs Debian's
/usr/bin/chromium. The server's side is read by a sitecustomize module put on the server's
PYTHONPATH (a temporary folder), which logs every cleanup that drops the value.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import screens  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402

TRACE = """
import json, os, time
from streamlit.runtime.state import session_state as _ss
_real = _ss.SessionState._remove_stale_widgets
def _traced(self, active):
    wid = self._key_id_mapper.get_id_from_key("workspace", None)
    before = self["workspace"] if wid is not None and "workspace" in self else None
    _real(self, active)
    if before is not None and "workspace" not in self:
        with open(os.environ["WORKSPACE_WALKS_TRACE"], "a") as f:
            f.write(json.dumps({"t": time.time(), "dropped": before, "reported": len(active)}) + "\\n")
_ss.SessionState._remove_stale_widgets = _traced
with open(os.environ["WORKSPACE_WALKS_TRACE"], "a") as f:
    f.write(json.dumps({"traced": os.getpid()}) + "\\n")
"""


class Recorded:
    """The walk's browser, with every message its pages send the server handed to ``keep``."""

    def __init__(self, browser, keep):
        self.browser, self.keep = browser, keep

    def new_context(self, **kw):
        ctx = self.browser.new_context(**kw)
        ctx.on("page", lambda pg: pg.on("websocket", lambda ws: ws.on("framesent", lambda m: self.keep(m))))
        return ctx


def page_changes_without_picker(frames: list[bytes]) -> list[tuple[str, int]]:
    """The browser's rerun messages for a page change that do not report the workspace picker."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    found = []
    for payload in frames:
        msg = BackMsg()
        try:
            msg.ParseFromString(payload)
        except Exception:  # noqa: BLE001 - not a BackMsg
            continue
        if msg.WhichOneof("type") != "rerun_script":
            continue
        rerun = msg.rerun_script
        if not rerun.page_script_hash or rerun.fragment_id:
            continue  # the first load (nothing drawn yet) and a fragment's own run
        ids = [w.id for w in rerun.widget_states.widgets]
        if not any(i.endswith("-workspace") for i in ids):
            found.append((rerun.page_script_hash[:8], len(ids)))
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--pages", default=",".join(screens.PAGES))
    ap.add_argument("--lang", default="en")
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--root", type=Path, default=ROOT)
    a = ap.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="workspace-walks-"))
    (work / "trace").mkdir()
    (work / "trace" / "sitecustomize.py").write_text(TRACE)
    trace = work / "drops.jsonl"
    trace.touch()
    names = screens.build_database(work / "screens.duckdb", work / "files")
    env = {"PYTHONPATH": str(work / "trace"), "WORKSPACE_WALKS_TRACE": str(trace)}
    server, omitted, dropped = None, 0, 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for run in range(a.runs):
                if server is None or a.fresh:
                    if server:
                        server.stop()
                    shutil.copyfile(work / "screens.duckdb", work / "run.duckdb")
                    server = Server(work / "run.duckdb", env=env, cwd=a.root, script=a.root / "serve.py").start()
                frames: list[bytes] = []
                keep = frames.append

                drops_before = trace.read_text().count('"dropped"')
                start = time.time()
                shots = screens.walk(
                    Recorded(browser, keep),
                    server.url,
                    "spend_only",
                    a.lang,
                    names["spend_only"],
                    tuple(screens.VIEWPORTS),
                    out=work / "shots",
                    pages=a.pages.split(","),
                )
                missing = page_changes_without_picker([f for f in frames if isinstance(f, bytes)])
                drops = trace.read_text().count('"dropped"') - drops_before
                assert '"traced"' in trace.read_text(), "the server did not load the trace (sitecustomize)"
                omitted += bool(missing)
                dropped += bool(drops)
                line = {"walk": run, "seconds": round(time.time() - start, 1), "pictures": len(shots)}
                print(json.dumps({**line, "page_changes_without_picker": missing, "server_drops": drops}), flush=True)
            browser.close()
    finally:
        if server:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"{a.runs} walks: the picker left out of a page change in {omitted}, its value dropped in {dropped}")


if __name__ == "__main__":
    main()
