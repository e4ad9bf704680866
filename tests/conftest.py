"""Shared fixtures: a real DuckDB file per test, tiny hand-checkable data, AppTest wiring."""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import functools
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from funnel.db import Store, default_target
from funnel.kinds import FULL_TABLES
from funnel.workspace import create_workspace

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATASETS = SHARED / "datasets"


def pytest_configure(config):
    # funnel.money silences DuckDB's advice on Arrow output from a cursor for its own calls, at
    # import; pytest restores the warning filters after each test, so that filter is said here too.
    config.addinivalue_line("filterwarnings", "ignore:Arrow output on a DB-API result:UserWarning")
    # Figures on screen keep no-break spaces; tests read AppTest's screens with plain ones.
    from tests.helpers.screen import read_with_plain_spaces

    read_with_plain_spaces()
    scan_components_once()
    if hasattr(config.option, "loadscopereorder"):  # pytest-xdist: the order below, not its own
        config.option.loadscopereorder = False


def scan_components_once() -> None:
    """Each AppTest scans every installed distribution's metadata for Streamlit components on
    its first run (streamlit.components.v2.manifest_scanner: ~300 METADATA files parsed, ~0.05 s
    of CPU and more on a busy disk) and finds none; the suite makes about a thousand AppTests. The
    installed packages do not change during a run, so the scan is done once per test process and
    its answer handed to every AppTest after the first (a copy: the registry keeps what it gets)."""
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    if getattr(scan, "_once", False):
        return
    first = functools.cache(scan)

    def once(max_workers: int | None = None):
        return list(first(max_workers))

    once._once = True  # type: ignore[attr-defined]
    manifest_scanner.scan_component_manifests = once


# The order in which `make test` (-n 2 --dist loadfile: each file goes whole to one of two
# workers, the next file to whichever is free) hands out the files: the longest first, so that
# the run does not end with one worker alone on a long file. xdist's own order, most tests first,
# left the files that drive a server and a browser for the end: few tests, but minutes each (the
# screenshot walk's the longest). Those go first, then the rest in xdist's order.
LONG_FILES = ("tests/browser/test_screens", "tests/browser/", "tests/replicas/")


def pytest_collection_modifyitems(config, items):
    files = [item.nodeid.split("::")[0] for item in items]
    count = {f: files.count(f) for f in set(files)}

    def rank(f: str) -> tuple[int, int]:
        group = next((i for i, start in enumerate(LONG_FILES) if f.startswith(start)), len(LONG_FILES))
        return group, -count[f]

    order = {item: rank(f) for item, f in zip(items, files, strict=True)}
    items.sort(key=order.__getitem__)  # stable: a file's tests stay together and in their order


def needs_shared(path: Path = DATASETS):
    """Skip a test cleanly on a clone without ../shared next to it."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is not present on this machine")


# The app's own once-a-day forecast snapshot (ui/views/time/accuracy_daily.py) is off in the
# suite: every AppTest and browser app that opens the Overview or the Time page would otherwise
# leave a thread forecasting its own throw-away database, CPU and memory the tests after it share
# (and one that reads a later test's patched functions). Its tests turn it on.
os.environ.setdefault("FUNNEL_DAILY_SNAPSHOT", "off")
TEST_ENGINE = os.environ.get("FUNNEL_TEST_ENGINE", "duckdb")  # postgres: the store fixture on a server


def open_store_on(engine: str, tmp_path: Path):
    """A fresh store on ``engine``: a DuckDB file in ``tmp_path``, or a new database on this test
    process's PostgreSQL server (tests/pgserver.py); either a copy of an empty one, migrated once
    per test process."""
    if engine == "postgres":
        from funnel.pg.store import PgStore
        from tests.pgserver import migrated_database

        return PgStore(migrated_database())
    return empty_store(tmp_path / "test.duckdb")


def _empty_template() -> Path:
    """A DuckDB file as a new Store leaves it (the schema, no workspace), made once per run."""

    def make(path: Path) -> None:
        Store(path).close()

    return _made_once("empty.duckdb", make)


def empty_store(path: Path) -> Store:
    """A Store on the new file ``path``, as ``Store(path)`` would make it: a copy of the empty one
    this run made. Making a file runs the whole schema and its checkpoints (~0.1 s of CPU,
    ~0.5–1 s on a busy machine) in each of the many tests that open a store; the schema is still
    made from nothing by every test that opens a Store of its own on a new file (the app's, …)."""
    shutil.copyfile(_empty_template(), path)
    return Store(path)


@pytest.fixture
def store(tmp_path) -> Store:
    s = open_store_on(TEST_ENGINE, tmp_path)
    yield s
    s.close()


@pytest.fixture
def ws(store) -> str:
    """An empty workspace with the default ladder; returns its id."""
    with store.transaction() as cur:
        return create_workspace(cur, "Test").id


def insert(store: Store, workspace_id: str, kind: str, rows: list[dict]) -> int:
    """Insert canonical rows straight into a raw table (bypassing file parsing) for metric tests.
    Returns the upload id used."""
    with store.transaction() as cur:
        upload_id = cur.execute("SELECT nextval('upload_seq')").fetchone()[0]
        cur.execute(
            "INSERT INTO uploads (id, workspace_id, kind, file_name, mode, rows_in, rows_added, "
            "rows_updated, rows_rejected) VALUES (?, ?, ?, 'fixture', 'append', ?, ?, 0, 0)",
            [upload_id, workspace_id, kind, len(rows), len(rows)],
        )
        frame = pd.DataFrame(rows).assign(workspace_id=workspace_id, upload_id=upload_id)
        cur.register("fixture_frame", frame)
        cols = ", ".join(frame.columns)
        # A column with no value is a bare NULL, typed by the table (PostgreSQL casts no text column to a date).
        picks = ", ".join("NULL" if frame[c].isna().all() else c for c in frame.columns)
        cur.execute(f"INSERT INTO {FULL_TABLES[kind]} ({cols}) SELECT {picks} FROM fixture_frame")
        cur.unregister("fixture_frame")
        cur.execute("UPDATE workspaces SET data_version = data_version + 1 WHERE id = ?", [workspace_id])
    return upload_id


def workspace_of(path: Path, name: str, rows_by_kind: dict[str, list[dict]]) -> str:
    """A new workspace ``name`` in the database file ``path`` holding ``rows_by_kind`` (kind →
    canonical rows, each kind one ``insert``); returns its id. The store is closed again, so an
    AppTest of the same file opens it next."""
    s = Store(path)
    with s.transaction() as cur:
        ws = create_workspace(cur, name).id
    for kind, rows in rows_by_kind.items():
        insert(s, ws, kind, rows)
    s.close()
    return ws


@pytest.fixture
def app_db(tmp_path, monkeypatch) -> Path:
    """Point the app (AppTest) at a fresh database file, and forget cached stores and results."""
    import streamlit as st

    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("FUNNEL_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def _demo_template() -> Path:
    """A DuckDB file as the app's first start leaves an empty one (ui.store.get_store:
    ``ensure_demo`` with the same folder), built once per run."""
    from funnel.demo import ensure_demo

    def make(path: Path) -> None:
        store = Store(path)
        try:
            assert ensure_demo(store, folder=ROOT / "data" / "demo")
        finally:
            store.close()

    return _made_once("demo.duckdb", make)


# Where the run's templates are made: a folder every test process of the run shares (set by
# ``_shared_templates``), else one of this process's own.
_run_folder: list[Path] = []
_made: dict[str, Path] = {}  # name → the file, once this process has it


def _made_once(name: str, make) -> Path:
    """The file ``name`` made by ``make(path)`` once per run, whichever test process asks first;
    the others wait for it and read the same file. Under `make test` (-n 2) each worker built the
    demo on its own (~5 s of CPU each, both at the start, when both cores are busy). The file is
    made under another name and renamed when whole, under a lock held while it is made."""
    if name in _made:
        return _made[name]
    if _run_folder:
        folder = _run_folder[0]
    else:
        folder = Path(tempfile.mkdtemp(prefix="funnel-templates-"))
        atexit.register(shutil.rmtree, folder, True)
    path = folder / name
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not path.exists():
            scratch = Path(tempfile.mkdtemp(prefix="making-", dir=folder))
            make(scratch / name)
            assert [p.name for p in scratch.iterdir()] == [name], "a closed store left more than its file"
            (scratch / name).rename(path)
            scratch.rmdir()
    _made[name] = path
    return path


@pytest.fixture(autouse=True, scope="session")
def _shared_templates(tmp_path_factory):
    """The run's templates (``_made_once``) in the folder every test process of the run shares:
    under pytest-xdist a worker's base folder is one of the run's (…/pytest-N/popen-gw0), whose
    parent is the run's own; without xdist the process's base folder is the run's."""
    base = tmp_path_factory.getbasetemp()
    folder = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    _run_folder[:] = [folder / "funnel-templates"]
    _run_folder[0].mkdir(exist_ok=True)
    yield
    _run_folder.clear()


def with_demo(path: Path) -> Path:
    """Put the demo database at ``path`` (a fresh file): a copy of the one this run built, in
    place of each test's app generating and loading the same ~45 000 rows again (2–3 s each, the
    largest single cost of the AppTest and browser tests). Only for a test whose app would have
    installed the demo on an empty file anyway, before anything else wrote to it."""
    shutil.copyfile(_demo_template(), path)
    return path


@pytest.fixture(autouse=True, scope="session")
def _apps_first_open_on_a_demo_copy():
    """The app's store (ui.store.get_store: open_store, then ensure_demo) opened on a DuckDB file
    not yet made finds a copy of the demo there (with_demo), which is what that open and the
    install leave: the install and its 12 back-dated forecasts (~6 s of CPU) were made again by
    every AppTest whose first store open was on an empty file (a test making its workspace
    through the app's store, a first run on ``app_db``). The CLI's and the tests' own opens
    (funnel.db.open_store, Store) are left as they are; a file that cannot be put there is left
    to the store, as before."""
    import ui.store as app_store
    from funnel.db import is_server_url

    real = app_store.open_store

    def open_store(target=None):
        path = str(target or default_target())
        new = path != ":memory:" and not is_server_url(path) and not os.path.exists(path)
        if new and not os.path.exists(path + ".wal"):
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                with_demo(Path(path))
            except OSError:
                with contextlib.suppress(OSError):
                    Path(path).unlink(missing_ok=True)
        return real(target)

    app_store.open_store = open_store
    yield
    app_store.open_store = real


@pytest.fixture
def demo_store(tmp_path):
    """A store holding the demo workspace (and nothing else), as ``install_demo`` leaves it: on
    DuckDB a copy of this process's (``with_demo``), on PostgreSQL (FUNNEL_TEST_ENGINE) installed."""
    if TEST_ENGINE == "duckdb":
        s = Store(with_demo(tmp_path / "demo.duckdb"))
    else:
        from funnel.demo import install_demo

        s = open_store_on(TEST_ENGINE, tmp_path)
        with s.transaction() as cur:
            install_demo(cur)
    yield s
    s.close()


@pytest.fixture
def demo_app_db(app_db) -> Path:
    """``app_db`` already holding the demo workspace, exactly as the app's first run leaves it."""
    return with_demo(app_db)


@pytest.fixture
def app(demo_app_db):
    """A fresh AppTest of the whole app on the demo data, already run once."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def app_on(demo_app_db):
    """``app_on("pages/x.py")``: a fresh AppTest of the whole app on the demo data whose first run
    opens that page, as a link to it does (``switch_page`` before the first ``run``). For a test
    of a page other than the Overview: the ``app`` fixture's first run draws the Overview, about
    0.5 s of CPU on the demo that such a test throws away (the Overview first, then another page,
    is what tests/test_app_shell.py's every-page test walks)."""
    from streamlit.testing.v1 import AppTest

    def open_page(page: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        at.switch_page(page)
        at.run()
        assert not at.exception, at.exception
        return at

    return open_page


@pytest.fixture(scope="session")
def browser():
    """The test process's one headless Chromium (Debian's), for every directory that drives one
    (tests/browser, tests/replicas): a second sync Playwright in the same process fails with "Sync
    API inside the asyncio loop" while the first is open."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(autouse=True)
def _short_connect_timeout(monkeypatch):
    """A PostgreSQL server that is not there is said after 1 s in tests (5 s in the product):
    the tests of that message need not wait."""
    monkeypatch.setenv("FUNNEL_DB_CONNECT_TIMEOUT", "1")


def downloads(monkeypatch) -> dict:
    """The data of every download button an AppTest run makes, by the button's key (a report's
    bytes, or the callable Streamlit calls on click): AppTest has no click on a download."""
    from streamlit.delta_generator import DeltaGenerator

    made: dict = {}
    real = DeltaGenerator.download_button

    def keep(self, label, data, *args, **kwargs):
        made[kwargs.get("key")] = data
        return real(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", keep)
    return made
