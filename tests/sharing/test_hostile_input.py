"""Hostile text from uploads stays text: downloads cannot run formulas, charts cannot render
markup, filters and CLI arguments never become SQL, and bad files are refused before parsing."""

import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from funnel.dimensions import distinct_values
from funnel.errors import UploadError
from funnel.filesafety import check_upload, check_xlsx_bomb
from funnel.filters import Filters
from funnel.safety import chart_text, neutralise_formula
from funnel.tables import to_csv_bytes, to_xlsx_bytes
from tests.conftest import insert
from tests.helpers.cli import run_cli

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**bold** [link](javascript:alert(1))",
    "'; DROP TABLE leads_raw; --",
    'Robert"); DELETE FROM workspaces; --',
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_csv_and_xlsx_downloads_neutralise_formulas(text):
    df = pd.DataFrame({"channel": [text], text: [1]})
    csv_cell = pd.read_csv(io.BytesIO(to_csv_bytes(df)), encoding="utf-8-sig", dtype=str).iloc[0, 0]
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(df)))
    cell = wb.active.cell(row=2, column=1)
    for value in (csv_cell, cell.value, wb.active.cell(row=1, column=2).value):
        assert not str(value).startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert cell.data_type == "s"  # a string cell, never a formula
    assert csv_cell == cell.value == neutralise_formula(text)  # the text itself, kept whole


def test_numbers_are_not_touched_by_formula_neutralising():
    assert neutralise_formula(-5) == -5
    assert to_csv_bytes(pd.DataFrame({"x": [-5.5]})).decode("utf-8-sig").splitlines()[1] == "-5.5"


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_chart_text_has_no_live_markup(text):
    out = chart_text(text)
    assert "<" not in out and ">" not in out


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_filter_values_are_bound_parameters(store, ws, text):
    """Injection strings as channel/owner/segment filter values match nothing and harm nothing."""
    insert(
        store,
        ws,
        "leads",
        [
            {"lead_id": "L1", "created_at": "2026-01-05", "channel": text, "owner": "Ann"},
            {"lead_id": "L2", "created_at": "2026-01-06", "channel": "SEO", "owner": text},
        ],
    )
    f = Filters(workspace_id=ws, channels=(text,), owners=(text,), segments=(text,))
    with store.cursor() as cur:
        n = cur.execute(
            "SELECT count(*) FROM stg_leads WHERE workspace_id = $ws AND "
            "(len($channels) = 0 OR list_contains($channels, channel))",
            {k: v for k, v in f.params().items() if k in ("ws", "channels")},
        ).fetchall()[0][0]
        assert n == 1  # exactly the lead whose channel IS that text
        assert text in distinct_values(cur, ws, "channel")
        assert cur.execute("SELECT count(*) FROM workspaces").fetchall()[0][0] == 1
        assert cur.execute("SELECT count(*) FROM leads_raw").fetchall()[0][0] == 2
    with pytest.raises(ValueError):
        with store.cursor() as cur:
            distinct_values(cur, ws, "channel; DROP TABLE leads_raw")


def test_metrics_accept_hostile_filters(store, ws):
    """Every metric function that takes Filters runs with hostile values and returns data."""
    import importlib
    import inspect
    import pkgutil

    import funnel.metrics as metrics

    insert(store, ws, "leads", [{"lead_id": "L1", "created_at": "2026-01-05", "channel": "SEO"}])
    f = Filters(workspace_id=ws, channels=tuple(HOSTILE), owners=tuple(HOSTILE), segments=tuple(HOSTILE))
    called = 0
    for mod in pkgutil.iter_modules(metrics.__path__):
        module = importlib.import_module(f"funnel.metrics.{mod.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or name.startswith("_"):
                continue
            params = inspect.signature(fn).parameters
            if list(params)[:1] != ["cur"] or "filters" not in params:
                continue
            required = [p for p in list(params.values())[1:] if p.default is p.empty and p.name != "filters"]
            if required:
                continue
            with store.cursor() as cur:
                fn(cur, filters=f)
            called += 1
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM leads_raw").fetchall()[0][0] == 1
    assert called >= 3


@pytest.mark.parametrize(
    "argv",
    [
        ["workspace", "export", "x' OR '1'='1", "/tmp/none.zip"],
        ["workspace", "rename", "demo'; DROP TABLE workspaces; --", "New"],
        ["workspace", "create", "'); DROP TABLE workspaces; --"],
    ],
    ids=["export", "rename", "create"],
)
def test_cli_arguments_are_never_sql(tmp_path, argv):
    db = tmp_path / "cli.duckdb"
    res = run_cli(*argv, "--db", str(db))  # in this process; a logged traceback reaches res.stderr too
    assert "Traceback" not in res.stderr
    from funnel.db import Store

    s = Store(db)
    with s.cursor() as cur:
        names = [r[0] for r in cur.execute("SELECT name FROM workspaces").fetchall()]
        assert cur.execute("SELECT count(*) FROM leads_raw").fetchall()[0][0] == 0
    s.close()
    if argv[1] == "create":
        assert res.returncode == 0 and names == [argv[2]]  # stored as the literal text it is
    else:
        assert res.returncode == 3 and "no workspace" in res.stderr


def test_oversized_and_wrong_type_files_are_refused():
    with pytest.raises(UploadError) as exc:
        check_upload("leads.csv", 201 * 1024 * 1024)
    assert exc.value.key == "file.too_big" and "200 MB" in str(exc.value)
    for name in ("leads.exe", "payload.html", "x.csv.js", "noext"):
        with pytest.raises(UploadError) as exc:
            check_upload(name, 10)
        assert exc.value.key == "file.bad_type"
    check_upload("/some/dir/Лиды 2026.XLSX", 10)  # fine: name only, case-insensitive


def test_xlsx_bomb_is_refused_before_opening(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"0" * (1024 * 1024)
            for _ in range(300):  # 300 MB of zeros: compresses ~1000×
                member.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(UploadError) as exc:
        check_xlsx_bomb(bomb)
    assert exc.value.key == "file.bomb" and "bomb.xlsx" in str(exc.value)


def test_real_xlsx_passes_and_fake_xlsx_is_refused(tmp_path):
    good = tmp_path / "leads.xlsx"
    df = pd.DataFrame({"lead_id": [f"L{i}" for i in range(5000)], "channel": ["SEO"] * 5000})
    df.to_excel(good, index=False)
    check_xlsx_bomb(good)
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"lead_id,channel\nL1,SEO\n")
    with pytest.raises(UploadError) as exc:
        check_xlsx_bomb(fake)
    assert exc.value.key == "file.not_zip"


def _bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(1200):  # 1.2 GB of zeros in ~1.2 MB
                member.write(b"0" * (1024 * 1024))


def test_engine_refuses_an_xlsx_bomb(store, ws, tmp_path):
    from funnel import ingest

    bomb = tmp_path / "leads.xlsx"
    _bomb(bomb)
    with pytest.raises(UploadError) as exc:
        with store.cursor() as cur:
            ingest.inspect(cur, bomb, "leads.xlsx", "leads", workspace_id=ws)
    assert exc.value.key == "file.bomb"
