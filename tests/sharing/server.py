"""Start and stop a real `streamlit run dashboard.py` for the sharing tests (by PID, never by name)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(
        self,
        db_path: Path,
        *,
        args: list[str] = (),
        env: dict | None = None,
        script: Path | None = None,
        cwd: Path | None = None,
    ):
        self.db_path, self.args, self.script, self.cwd = db_path, list(args), script, cwd
        self.env = {**os.environ, "FUNNEL_DB": str(db_path), **(env or {})}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log = ARTIFACTS / f"sharing-server-{self.port}.log"

    def start(self, timeout: float = 90) -> Server:
        ARTIFACTS.mkdir(exist_ok=True)
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(self.script or ROOT / "serve.py"),
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            *self.args,
        ]
        self.proc = subprocess.Popen(
            cmd,
            cwd=self.cwd or ROOT,
            env=self.env,
            stdout=open(self.log, "wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("server did not become healthy")

    def stop(self, sig=signal.SIGTERM) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""
