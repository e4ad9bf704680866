"""One rule for a conversion and a win rate (funnel.model.precision.rate_places), so that the same
figure reads the same on every page, in the report and on the command line (review #16: the win
rate read «23 %», «22,7 %» and «22,73 %» on different pages). Two decimals below 10 % («0,45 %»,
«3,24 %»), one from 10 % up («22,7 %»), zeros kept («25,0 %» beside «24,6 %», not «25 %»).

By hand:
- the demo's lead conversion, 496 won ÷ 15 298 leads = 3,2423… % → «3,24 %» on the Overview's
  card, the Planner's baseline line, the Workshop's line, `plan`'s table and the plan report;
- a deals-only workspace of 15 deals, 3 won and 8 lost: win rate 3 ÷ 11 = 27,2727… % → «27,3 %» on
  the Planner's baseline line, the Workshop's line, the Time page's «Доля побед», `plan`'s table
  and the report (it read «27,27 %» on the Planner and «27,3 %» on the Time page).
"""

from __future__ import annotations

import html
import re

import pytest
from streamlit.testing.v1 import AppTest

from funnel.cli import main
from funnel.cli.plan_text import value_text
from funnel.formatting import percent
from funnel.i18n import t
from funnel.model.precision import rate_places
from funnel.report.content import value as report_value
from funnel.report_export import html_report
from tests.conftest import ROOT
from tests.helpers.screen import plain
from tests.planner.test_workshop_figures import _deals, _open, _workspace


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(0.45, "0,45 %", id="small-two-decimals"),
        pytest.param(3.2423, "3,24 %", id="demo-conversion"),
        pytest.param(3.2, "3,20 %", id="below-10-zeros-kept"),
        pytest.param(9.996, "10,0 %", id="rounds-to-10-one-decimal"),
        pytest.param(24.6, "24,6 %", id="above-10-one-decimal"),
        pytest.param(25.0, "25,0 %", id="25-beside-24.6-not-bare"),
        pytest.param(27.2727, "27,3 %", id="win-rate-3-of-11"),
        pytest.param(100.0, "100,0 %", id="whole"),
        pytest.param(0.0, "0 %", id="zero"),
    ],
)
def test_a_rate_reads_by_one_rule(value, expected):
    assert plain(percent(value / 100, "ru", rate_places(value))) == expected


CONVERSION = report_value("conversion", 0.0, "ru").label  # the report's name for the lever given by key


def _report_inputs(page: bytes) -> dict[str, str]:
    text = page.decode("utf-8")
    part = text.split(f"<h2>{t('planner.export.inputs', 'ru')}</h2>", 1)[1].split("<h2>", 1)[0]
    return {
        html.unescape(k): plain(html.unescape(v)) for k, v in re.findall(r"<tr><th>(.*?)</th><td[^>]*>(.*?)</td>", part)
    }


def _cli_rows(capsys, args: list[str]) -> dict[str, str]:
    assert main(args) == 0
    out = capsys.readouterr().out
    return dict(tuple(re.split(r"(?<=\S)\s{2,}", r.rstrip(), maxsplit=1)) for r in out.splitlines() if "  " in r)  # type: ignore[misc]


def test_the_demo_s_conversion_reads_the_same_everywhere(demo_app_db, tmp_path, capsys):
    shown = "3,24 %"  # 496 ÷ 15 298 = 3,2423… %
    overview = _open(None, "overview")
    assert plain(next(m.value for m in overview.metric if m.label == t("an.fig.conversion", "ru"))) == shown
    planner = _open(None, "planner")
    assert any(f"конверсия {shown}" in plain(c.value) for c in [*planner.caption, *planner.markdown]), "Planner"
    workshop = _open(None, "workshop")
    assert any(f"× {shown} ×" in plain(m.value) for m in workshop.markdown), "Workshop"
    out = tmp_path / "plan.html"
    rows = _cli_rows(capsys, ["plan", "--db", str(demo_app_db), "--lang", "ru", "--export", str(out)])
    assert rows[t("plan.cli.conversion", "ru")] == shown
    assert _report_inputs(out.read_bytes())[CONVERSION] == shown


def test_a_win_rate_reads_the_same_everywhere(app_db):
    shown = "27,3 %"  # 3 won ÷ 11 closed = 27,2727… %
    ws = _workspace("deals", _deals())
    planner = _open(ws, "planner")
    assert any(f"доля выигранных {shown}" in plain(c.value) for c in [*planner.caption, *planner.markdown]), "Planner"
    workshop = _open(ws, "workshop")
    assert any(f"× {shown} ×" in plain(m.value) for m in workshop.markdown), "Workshop"
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = "ru"
    at.query_params["ws"] = ws
    at.switch_page("pages/time.py").run()
    at.session_state["tm_tab"] = t("tm.tab.drivers", "ru")
    at.run()
    assert not at.exception, at.exception
    assert plain(next(m.value for m in at.metric if m.label == t("tm.drivers.rate", "ru"))) == shown, "Time"
    # the CLI's table and the report write the plan's conversion lever (here the win rate) alike
    assert plain(value_text("conversion", 3 / 11, "ru", "₽")) == shown
    page = html_report("План", {"conversion": 3 / 11}, {}, [], lang="ru")
    assert _report_inputs(page)[CONVERSION] == shown
