"""Caches of the Streamlit app: query results keyed by the workspace's data version
(``shared``: one object every session reads), and
finished elements recorded once and replayed (``draw_cached``), with the content digest
(``fingerprint``) both are keyed by."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
import threading
import weakref

import pandas as pd
import streamlit as st

from funnel.workspace import data_version
from ui import state
from ui.store import cursor, get_store
from ui.text import currency, lang


# ---- cached queries -----------------------------------------------------------------------------
def current_version(ws_id: str) -> int:
    """The workspace's data version as read when this script run started (the workspace list
    of the run, in the run's snapshot), so every figure of one page run is keyed by the same
    version; another workspace is looked up in the same snapshot. A page that writes and then
    shows results must read with ``fresh`` (shared(fresh=True), cursor(fresh=True)) or st.rerun()."""
    ws = state.workspace()
    if ws is not None and ws.id == ws_id:
        return ws.data_version
    with cursor() as cur:
        return data_version(cur, ws_id)


def _workspace_of(kwargs: dict) -> str:
    """The workspace a call reads: its ``workspace_id`` argument, or its filters' workspace."""
    if kwargs.get("workspace_id") is not None:
        return kwargs["workspace_id"]
    return kwargs["filters"].workspace_id


def _query_key(fn, ws_id: str, kwargs: dict, version: int | None = None) -> str:
    """Our own digest of (function, database, data version, kwargs): Streamlit's argument
    hashing cost more than a cache hit itself."""
    fn_path = f"{fn.__module__}.{fn.__name__}"
    args = tuple(sorted(kwargs.items()))
    if version is None:
        version = current_version(ws_id)
    return fingerprint((fn_path, str(get_store().path), version, args))


class _Shared:
    """Results every session shares, per store (a new store — tests — starts empty)."""

    MAX = 2000  # entries; the oldest go first (a data version's results all go stale together)

    def __init__(self):
        self.results: dict = {}
        self.lock = threading.Lock()
        self.computing: dict[str, threading.Lock] = {}


_shared_by_store: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_shared_guard = threading.Lock()


def shared(fn, *, fresh: bool = False, **kwargs):
    """``fn(cursor, **kwargs)`` through the cache, keyed by the data version of the workspace it
    reads (``workspace_id=`` or ``filters=``), so an upload shows at once and nothing stale is
    ever shown. Returns the one cached object all sessions share, without a copy:
    the caller must not modify it (the analytics pages only read, format and draw). The copy
    that st.cache_data makes on every hit was a fifth of the Funnel page's run (13 000 stalled
    deals unpickled per visit). One computation per key even when many sessions ask at once.
    ``fresh``: the version in the database now, not the one read when the run started, and on
    a miss the result read in the same new snapshot (for a page that writes and reads in one
    run, like the Data page)."""
    ws_id = _workspace_of(kwargs)
    if fresh:
        with get_store().snapshot() as cur:
            return _shared(fn, ws_id, kwargs, cur)
    return _shared(fn, ws_id, kwargs, None)


def _shared(fn, ws_id: str, kwargs: dict, snap):
    store = get_store()
    box = _shared_by_store.get(store)
    if box is None:
        with _shared_guard:
            box = _shared_by_store.setdefault(store, _Shared())
    key = _query_key(fn, ws_id, kwargs, None if snap is None else data_version(snap, ws_id))
    missing = box.results  # a sentinel no result can be
    found = box.results.get(key, missing)
    if found is not missing:
        return found
    with box.lock:
        lock = box.computing.setdefault(key, threading.Lock())
    with lock:
        found = box.results.get(key, missing)
        if found is missing:
            if snap is not None:
                found = fn(snap, **kwargs)
            else:
                with cursor() as cur:
                    found = fn(cur, **kwargs)
            with box.lock:
                box.results[key] = found
                while len(box.results) > box.MAX:
                    box.results.pop(next(iter(box.results)))
                box.computing.pop(key, None)
            _remember(found, key)
    return found


# Frames of shared results, by identity → a digest standing for their content. They never change
# (shared()'s contract), so draw_cached need not pickle them again on every visit.
_known: dict[int, tuple] = {}


def _remember(result, key: str) -> None:
    if isinstance(result, pd.DataFrame):
        frames = [result]
    elif dataclasses.is_dataclass(result) and not isinstance(result, type):
        frames = [
            v for v in (getattr(result, f.name) for f in dataclasses.fields(result)) if isinstance(v, pd.DataFrame)
        ]
    else:
        return
    if len(_known) > 4 * _Shared.MAX:  # forget frames that are gone
        for k in [k for k, (ref, _) in list(_known.items()) if ref() is None]:
            _known.pop(k, None)
    for i, frame in enumerate(frames):
        _known[id(frame)] = (weakref.ref(frame), f"{key}/{i}")


def _shared_key(obj) -> str | None:
    """The key of the shared result ``obj`` is (a frame of), or None (ids are reused: the weak
    reference confirms it is the same object)."""
    hit = _known.get(id(obj))
    return hit[1] if hit is not None and hit[0]() is obj else None


def is_shared(obj) -> bool:
    """Whether ``obj`` is (a frame of) a result ``shared`` handed out: read-only, content known."""
    return _shared_key(obj) is not None


def _stand_in(obj):
    key = _shared_key(obj)
    return obj if key is None else ("shared frame", key)


# ---- finished elements, drawn once and replayed to every session -------------------------------
# A warm page run was mostly Python turning small cached results into text cells and Plotly
# JSON, again for every session and every visit. Streamlit records the elements a cached
# function draws and replays them on a hit, so each distinct (inputs, language, currency) is
# drawn once per process. cache_resource: the recorded protos are shared, never copied.
@st.cache_resource(show_spinner=False, max_entries=600)
def _drawn(token: str, _draw, _args, _kwargs) -> None:
    _draw(*_args, **_kwargs)


def draw_cached(draw, *args, **kwargs) -> None:
    """Call ``draw(*args, **kwargs)`` — display elements only (charts, tables, metrics,
    captions; no widgets) — through the replay cache, keyed by a digest of the function, every
    argument's content, the language and the currency (a frame of a shared result stands in by
    its query's key). Arguments that cannot be pickled (a lambda, a closure, a connection) draw
    without the cache."""
    try:
        token = fingerprint(
            (draw, lang(), currency(), tuple(_stand_in(a) for a in args), {k: _stand_in(v) for k, v in kwargs.items()})
        )
    except (pickle.PicklingError, TypeError, AttributeError, ValueError):
        draw(*args, **kwargs)
        return
    # keywords, not positions: Streamlit inspects the signature once per positional argument
    _drawn(token=token, _draw=draw, _args=args, _kwargs=kwargs)


def fingerprint(obj) -> str:
    """A digest of ``obj``'s whole content: its pickle (every cell of a DataFrame, with types,
    index and missing values; functions by module and name), written without the pickle memo so
    that equal content gives equal bytes whichever objects hold it. ~0.2 ms for a 500-row
    result, a tenth of pandas' row hashing. Raises for what cannot be pickled (a lambda, a
    connection, a cycle)."""
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=5)
    pickler.fast = True  # no memo: a string shared twice is written twice, like two equal ones
    pickler.dump(obj)
    return hashlib.blake2b(buf.getbuffer(), digest_size=20).hexdigest()
