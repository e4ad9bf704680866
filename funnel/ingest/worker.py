"""Untrusted parsing in a worker process with a memory cap and a time cap.

A native reader given a hostile file can allocate without bound or abort (python-calamine and a
cell at XFD1048576: about 550 GB asked, SIGABRT). In the server's process that is every
session gone. Here the reader runs in a child process (``python -m funnel.ingest.worker``) that
caps its own address space (RLIMIT_AS) and CPU time before it touches the file; the parent
waits at most ``worker_seconds`` and kills it after. A crash, a cap or a timeout becomes an
UploadError naming the reason; an UploadError raised in the child comes back as itself.

The child gets its task as JSON on stdin (``{"task": "module:function", "kwargs": {…}}``; only
functions of this project's own modules) and writes the function's result as JSON on stdout.
What it reads it hands back as a file (a Parquet file of text columns), never as a Python
object: the parent only reads a format whose reader it trusts, with DuckDB.
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from funnel.ingest import limits
from funnel.ingest.messages import upload_error

_OUT_OF_MEMORY = 3  # the child's exit code for a MemoryError
_ALLOWED = ("funnel.", "tests.")  # tests.* only when the test suite itself is on the path
_ROOT = str(Path(__file__).resolve().parent.parent.parent)


def run(task: str, shown: str, **kwargs) -> dict:
    """Run ``task`` (``"module:function"``) in a capped child process and return its JSON result.
    Raises the UploadError the task raised, or one naming the cap it hit or the crash; ``shown``
    is the file's name as the user knows it, for those messages."""
    file_name = shown
    memory_mb = limits.number("worker_memory_mb")
    seconds = limits.number("worker_seconds")
    request = json.dumps({"task": task, "kwargs": kwargs, "memory_mb": memory_mb, "seconds": seconds})
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (_ROOT, os.environ.get("PYTHONPATH")) if p))
    proc = subprocess.Popen(
        [sys.executable, "-m", "funnel.ingest.worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=_ROOT,
    )
    try:
        out, err = proc.communicate(request.encode(), timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise upload_error("worker_timeout", file=file_name, seconds=seconds) from None
    except BaseException:  # a page rerun stops this thread: the child must not outlive it
        proc.kill()
        proc.communicate()
        raise
    return _answer(proc.returncode, out, err, file_name, memory_mb, seconds)


def _answer(code: int, out: bytes, err: bytes, file_name: str, memory_mb: int, seconds: int) -> dict:
    if code == 0:
        try:
            reply = json.loads(out.decode("utf-8").strip().splitlines()[-1])
        except (ValueError, IndexError):  # a library wrote to stdout, or nothing came back
            raise upload_error("worker_crashed", file=file_name, why="no answer") from None
        if "error" in reply:
            e = reply["error"]
            raise upload_error(e["code"], file=file_name, row=e.get("row"), column=e.get("column"), **e["params"])
        return reply["result"]
    if code == _OUT_OF_MEMORY or b"memory allocation of" in err or b"MemoryError" in err:
        raise upload_error("worker_memory", file=file_name, limit=memory_mb)
    if code in (-signal.SIGXCPU, -signal.SIGKILL):
        raise upload_error("worker_timeout", file=file_name, seconds=seconds)
    why = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"
    raise upload_error("worker_crashed", file=file_name, why=why)


def _child() -> int:
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    try:
        import resource

        cap = int(request["memory_mb"]) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        cpu = int(request["seconds"]) + 5
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not Linux: the timeout still holds
        pass
    task = str(request["task"])
    module, _, name = task.partition(":")
    if not module.startswith(_ALLOWED):
        sys.stdout.write(json.dumps({"error": {"code": "worker_crashed", "params": {"why": "unknown task"}}}))
        return 0
    from funnel.errors import UploadError

    try:
        result = getattr(importlib.import_module(module), name)(**request["kwargs"])
    except MemoryError:
        return _OUT_OF_MEMORY
    except UploadError as exc:
        params = {k: v for k, v in exc.params.items() if k not in ("where_ru", "where_en", "kind_ru", "file")}
        reply = {"code": exc.code, "row": exc.row, "column": exc.column, "params": params}
        sys.stdout.write("\n" + json.dumps({"error": reply}, default=str))
        return 0
    sys.stdout.write("\n" + json.dumps({"result": result}, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(_child())
