"""DataFrames made when first read: a clean file's load never builds one, so the CLI's ``load``
does not import pandas (about 0.45 s of CPU, a third of what DuckDB spends on 2 M rows).

``FrameField(factory)`` is a dataclass field whose value may be given as None, meaning "empty":
reading it then calls ``factory()`` (which may import pandas) once and keeps the result.
``is_empty(obj, name)`` tells without building anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class FrameField:
    def __init__(self, factory: Callable[[], Any]):
        self.factory = factory

    def __set_name__(self, owner, name: str) -> None:
        self.name = "_frame_" + name

    def __get__(self, obj, owner=None):
        if obj is None:  # the dataclass asks for the default: None, "empty"
            return None
        value = obj.__dict__.get(self.name)
        if value is None:
            value = obj.__dict__[self.name] = self.factory()
        return value

    def __set__(self, obj, value) -> None:
        obj.__dict__[self.name] = value


def is_empty(obj, name: str) -> bool:
    """Is the FrameField ``name`` of ``obj`` empty (None, or a frame without rows)?"""
    value = obj.__dict__.get("_frame_" + name)
    return value is None or len(value) == 0


def empty(columns: dict[str, str]) -> Any:
    """An empty DataFrame with these columns and dtypes."""
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=d) for c, d in columns.items()})
