"""Several app servers on one PostgreSQL, behind Debian's nginx, on this machine: N replicas of
``streamlit run serve.py`` on their own ports, all with ``FUNNEL_DATABASE_URL``, and nginx in
front running docs/nginx.conf (the replicas' ports, the listening port and the log paths put in;
nothing else changed, so what docs/deployment.md explains is what runs).

    .venv/bin/python scripts/replicas.py postgresql://user:pw@host:5432/funnel \\
        [--replicas 2] [--port 8080] [--secrets .streamlit/secrets.toml]

Then open http://127.0.0.1:8080. Ctrl-C stops nginx and the replicas (each by its PID).
The replica tests (tests/replicas/) start the same ``Cluster``; nginx as root runs its workers as
``nobody``. The files (generated config, logs, nginx's temp files) are in a temporary directory
printed at start.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "docs" / "nginx.conf"
NGINX_MISSING = "nginx is not installed here (apt-get install -y nginx)"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
            return r.status == 200
    except OSError:
        return False


class Replica:
    """One ``streamlit run serve.py`` on 127.0.0.1:port."""

    def __init__(self, port: int, env: dict[str, str], log: Path, args: list[str]):
        self.port, self.env, self.log, self.args = port, env, log, args
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "serve.py"), "--server.port", str(self.port)]
        cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", *self.args]
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=self.env, stdout=open(self.log, "ab"), stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_healthy(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                raise RuntimeError(
                    f"replica on port {self.port} exited: {self.log.read_text(errors='replace')[-3000:]}"
                )
            if healthy(self.url):
                return
            time.sleep(0.2)
        raise RuntimeError(f"replica on port {self.port} did not answer /_stcore/health within {timeout} s")

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, sig: int = signal.SIGTERM, wait: float = 20) -> None:
        """Stop it (SIGKILL: a crash, nothing flushed or closed) and wait until it is gone."""
        if not self.alive:
            return
        assert self.proc is not None
        os.killpg(self.proc.pid, sig)
        try:
            self.proc.wait(wait)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(wait)


def site_config(ports: list[int], listen: int, logs: Path, site: Path = SITE) -> str:
    """docs/nginx.conf with the replicas' ports, the listening port and the log folder put in."""
    text = site.read_text(encoding="utf-8")
    servers = re.findall(r"^\s*server 127\.0\.0\.1:\d+ (.*);$", text, flags=re.M)
    if not servers:
        raise ValueError(f"{site}: no 'server 127.0.0.1:PORT ...;' line in its upstream block")
    lines = "\n".join(f"    server 127.0.0.1:{p} {servers[0]};" for p in ports)
    text = re.sub(r"(^\s*server 127\.0\.0\.1:\d+ .*;\n)+", lines + "\n", text, count=1, flags=re.M)
    text = re.sub(r"^(\s*)listen 80;", rf"\1listen 127.0.0.1:{listen};", text, flags=re.M)
    return text.replace("/var/log/nginx/", f"{logs}/")


def main_config(folder: Path, site: Path, tmp: Path | None = None) -> str:
    """A whole nginx.conf around the site file: in the foreground, everything in ``folder``
    (request bodies in ``tmp``, by default ``folder/tmp``)."""
    tmp = tmp or folder / "tmp"
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    mime = "    include /etc/nginx/mime.types;\n" if Path("/etc/nginx/mime.types").exists() else ""
    temps = "".join(
        f"    {kind}_temp_path {tmp}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log info;\n"
        "events { worker_connections 1024; }\n"
        f"http {{\n{mime}{temps}    include {site};\n}}\n"
    )


class Cluster:
    """N replicas on ``url`` and nginx in front of them at ``self.url``."""

    def __init__(
        self,
        url: str,
        replicas: int = 2,
        port: int | None = None,
        folder: Path | None = None,
        secrets: Path | None = None,
        env: dict[str, str] | None = None,
    ):
        self.db_url = url
        self.folder = Path(folder or tempfile.mkdtemp(prefix="funnel-replicas-"))
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        base_env = {k: v for k, v in os.environ.items() if k != "FUNNEL_DB"}
        base_env.update(env or {})
        base_env["FUNNEL_DATABASE_URL"] = url
        args = ["--secrets.files", str(secrets)] if secrets else []
        self.replicas = [
            Replica(p, base_env, self.folder / f"replica-{i + 1}.log", args)
            for i, p in enumerate(free_port() for _ in range(replicas))
        ]
        self.nginx: subprocess.Popen | None = None
        self.bodies: Path | None = None

    @property
    def access_log(self) -> Path:
        return self.folder / "funnel.access.log"

    def start(self, timeout: float = 90) -> Cluster:
        """Start every replica at once (as after a deploy), wait for them, then nginx."""
        for r in self.replicas:
            r.start()
        for r in self.replicas:
            r.wait_healthy(timeout)
        self.start_nginx()
        return self

    def start_nginx(self, timeout: float = 20) -> None:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError(NGINX_MISSING)
        # The workers write request bodies (uploads) there; as root they run as nobody, who must
        # reach the folder: a folder of its own in /tmp, since ``folder`` may sit in a private one.
        self.bodies = Path(tempfile.mkdtemp(prefix="funnel-nginx-"))
        if os.geteuid() == 0:
            os.chmod(self.bodies, 0o1777)
        site = self.folder / "funnel.conf"
        site.write_text(site_config([r.port for r in self.replicas], self.port, self.folder), encoding="utf-8")
        conf = self.folder / "nginx.conf"
        conf.write_text(main_config(self.folder, site, self.bodies), encoding="utf-8")
        check = subprocess.run([binary, "-t", "-p", str(self.folder), "-c", str(conf)], capture_output=True, text=True)
        if check.returncode:
            raise RuntimeError(f"nginx -t refused {conf}:\n{check.stderr}")
        self.nginx = subprocess.Popen(
            [binary, "-p", str(self.folder), "-c", str(conf)],
            stdout=open(self.folder / "nginx.out", "ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while not healthy(self.url):
            if self.nginx.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"nginx did not start: {(self.folder / 'error.log').read_text(errors='replace')[-2000:]}"
                )
            time.sleep(0.1)

    def replica_of(self, port: int) -> int:
        """The index in ``replicas`` of the replica listening on ``port``."""
        return [r.port for r in self.replicas].index(port)

    def served(self) -> list[tuple[str, int | None]]:
        """(request line, index of the replica that served it) for every request nginx logged."""
        out = []
        if not self.access_log.exists():
            return out
        for line in self.access_log.read_text(errors="replace").splitlines():
            m = re.search(r'"([^"]*)" \d+ .*upstream=(.*?) browser=', line)
            if not m:
                continue
            last = m.group(2).split(",")[-1].strip()  # after a retry: "a:1, b:2"
            port = re.search(r":(\d+)$", last)
            ports = [r.port for r in self.replicas]
            out.append((m.group(1), ports.index(int(port.group(1))) if port and int(port.group(1)) in ports else None))
        return out

    def stop(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            os.killpg(self.nginx.pid, signal.SIGQUIT)  # nginx's graceful stop
            try:
                self.nginx.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.nginx.pid, signal.SIGKILL)
                self.nginx.wait(10)
        for r in self.replicas:
            r.stop()
        if self.bodies is not None:
            shutil.rmtree(self.bodies, ignore_errors=True)

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default=os.environ.get("FUNNEL_DATABASE_URL"), help="postgresql://…")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080, help="where nginx listens on 127.0.0.1")
    parser.add_argument("--secrets", type=Path, help="the secrets.toml every replica reads")
    args = parser.parse_args(argv)
    if not args.url or not args.url.startswith(("postgresql://", "postgres://")):
        parser.error("a postgresql:// URL is needed (argument or FUNNEL_DATABASE_URL)")
    cluster = Cluster(args.url, args.replicas, args.port, secrets=args.secrets)
    print(f"files in {cluster.folder}", flush=True)
    try:
        cluster.start()
        for i, r in enumerate(cluster.replicas, 1):
            print(f"replica {i}: {r.url} (pid {r.proc.pid if r.proc else '?'})", flush=True)
        print(f"nginx: {cluster.url}   (Ctrl-C stops everything)", flush=True)
        while all(r.alive for r in cluster.replicas) and cluster.nginx and cluster.nginx.poll() is None:
            time.sleep(1)
        print("a replica or nginx stopped; stopping the rest", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
