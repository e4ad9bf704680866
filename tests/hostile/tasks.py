"""Worker tasks that misbehave on purpose, for tests/hostile/test_worker.py: what a hostile file
can make a native reader do (abort, allocate without bound, never finish)."""

from __future__ import annotations

import os
import time


def abort() -> dict:
    os.abort()
    return {}


def allocate(gigabytes: int) -> dict:
    block = bytearray(gigabytes * 1024**3)
    return {"size": len(block)}


def sleep(seconds: float) -> dict:
    time.sleep(seconds)
    return {}


def echo(value: str) -> dict:
    return {"value": value}
