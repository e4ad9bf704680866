"""The Workshop starts from the workspace's own baseline, lever by lever, the Planner's figures for
the same workspace and period (issue #14 item 4), and takes the method's example (120 leads × 5 %
× 150 000, 3 sellers) only for the levers the data lacks, each marked «(пример)», the banner
naming which and why. It used to show the whole example on any workspace missing one of them.

Hand-worked (sidebar: last 12 months):
- leads only: 300 leads, 50 in each month May–Oct 2026 (the data covers 6 months), 6 owners →
  50 leads a month, 6 sellers, as the Planner's baseline; no deals, so conversion 5 % and check
  150 000 are the example: 50 × 5 % × 150 000 = 375 000 a month; 6 sellers × 50/6 = 50 leads
  the team handles;
- deals only: 66 deals created 2 Sep 2026 (22 won, 22 lost, 22 open), no amounts, all Ann's → 66
  deals entering a month (one month covered) × win rate 22 ÷ 44 = 50 %, 1 seller; the check is
  the example: 66 × 50 % × 150 000 = 4 950 000;
- demo: every lever from the data, no banner, no mark (test_screens keeps its figures).
"""

from __future__ import annotations

from datetime import datetime

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, insert
from tests.reconcile.test_screens import _deals, metrics

pytestmark = pytest.mark.usefixtures("demo_app_db")


def _leads() -> list[dict]:
    """300 leads: 50 in each month May–Oct 2026 (two a day on the 1st–25th), owners O0–O5 in turn."""
    return [
        {"lead_id": f"L{m}-{i}", "created_at": datetime(2026, m, 1 + i // 2), "channel": "A", "owner": f"O{i % 6}"}
        for m in range(5, 11)
        for i in range(50)
    ]


def _open(ws: str, name: str, lang: str = "ru") -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.query_params["ws"] = ws
    at.switch_page(f"pages/{name}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def _workspace(kind: str, rows: list[dict]) -> str:
    import ui
    from funnel.workspace import create_workspace

    AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()  # the store, demo installed
    with ui.get_store().transaction() as cur:
        ws = create_workspace(cur, f"Only {kind}").id
    insert(ui.get_store(), ws, kind, rows)
    return ws


def test_leads_only_runs_on_its_own_leads_and_sellers_like_the_planner(app_db):
    ws = _workspace("leads", _leads())
    planner, workshop = _open(ws, "planner"), _open(ws, "workshop")
    state = workshop.session_state
    assert (state["ws_leads"], state["ws_sellers"]) == (50.0, 6.0)  # not the example's 120 and 3
    assert (planner.session_state["pl_v_leads"], planner.session_state["pl_v_sellers"]) == (50.0, 6.0)
    assert (state["ws_conversion"], state["ws_avg_check"]) == (5.0, 150_000.0)  # the example's
    assert metrics(workshop)["Оборот в месяц (пример)"] == "375 000 ₽"  # on the example's levers, marked
    assert metrics(workshop)["Лидов может обработать команда"] == "50"
    assert workshop.slider(key="ws_leads").label == "Лиды в месяц"
    assert workshop.slider(key="ws_sellers").label == "Продавцы"
    assert workshop.select_slider(key="ws_conversion").label == "Конверсия, % (пример)"
    assert (
        workshop.slider(key="ws_avg_check").label == "Средний чек, ₽ (пример)"
    )  # the currency, as the Planner says it
    # what the data does not give, in the Planner's words for the same levers (one text key)
    assert [i.value for i in workshop.info] == [
        "Данные не дают конверсию и средний чек: эти рычаги — пример из методики, а не ваши данные, и "
        "помечены «пример», как и цифры, которые от них зависят. Остальные рычаги — данные пространства. "
        "Загрузите на странице «Данные»: сделки со статусом и датой закрытия и сделки с колонкой суммы."
    ]
    said = "Данные не дают конверсию, средний чек и цену лида, поэтому пока не посчитано («—»)"
    assert [i.value for i in planner.info if i.value.startswith(said)], [i.value for i in planner.info]
    # no deal in the workspace: the baseline is its leads, and where to upload deals (review #16)
    basis = next(c.value for c in workshop.caption if c.value.endswith("Рычаги — лиды пространства."))
    # 300 ÷ 6, not ÷ 12, and the period in the Planner's own words (tabs.base_period)
    period = "База: 01.11.2025–31.10.2026, 12 мес.; данные есть за 6 мес. (май – окт. 2026), значения в месяц посчитаны по ним."
    assert basis.replace("\u00a0", " ").startswith(period), basis
    planner_line = next(c.value for c in planner.caption if c.value.startswith("База: "))
    assert planner_line.replace("\u00a0", " ").startswith(period), planner_line


def test_leads_only_in_english_names_the_example_levers(app_db):
    workshop = _open(_workspace("leads", _leads()), "workshop", "en")
    assert workshop.slider(key="ws_avg_check").label == "Average deal size, ₽ (example)"
    assert [i.value for i in workshop.info] == [
        "The data does not give the conversion and the average deal size: the method's example stands in for "
        "those levers, marked “example”, as are the figures that rest on them. The other levers are the "
        "workspace's own. Upload deals with a status and a closing date and deals with an amount column on "
        "the Data page."
    ]


def test_deals_only_without_amounts_takes_only_the_check_from_the_example(app_db):
    ws = _workspace("deals", _deals(66, amount=None))
    planner, workshop = _open(ws, "planner"), _open(ws, "workshop")
    state = workshop.session_state
    assert (state["ws_leads"], state["ws_conversion"], state["ws_sellers"]) == (66.0, 50.0, 1.0)
    assert planner.session_state["pl_v_leads"] == 66.0
    assert planner.session_state["pl_v_conversion"] == 0.5
    assert state["ws_avg_check"] == 150_000.0
    assert metrics(workshop)["Оборот в месяц (пример)"] == "4 950 000 ₽"  # on the example's check
    assert workshop.slider(key="ws_leads").label == "Сделки в воронку в месяц"
    assert (
        workshop.slider(key="ws_avg_check").label == "Средний чек, ₽ (пример)"
    )  # the currency, as the Planner says it
    assert [i.value for i in workshop.info] == [
        "Данные не дают средний чек: этот рычаг — пример из методики, а не ваши данные, и помечен «пример», "
        "как и цифры, которые от него зависят. Остальные рычаги — данные пространства. Загрузите на странице "
        "«Данные»: сделки с колонкой суммы."
    ]
    # the Planner's sentence for the same workspace opens with the same words
    assert [i.value for i in planner.info if i.value.startswith("Данные не дают средний чек")]


def test_the_demo_has_no_example_lever(app_db):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = "ru"
    at.switch_page("pages/workshop.py")
    at.run()
    assert not at.exception, at.exception
    assert not at.info
    labels = [s.label for s in at.slider] + [s.label for s in at.select_slider]
    assert sorted(labels) == sorted(["Лиды в месяц", "Конверсия, %", "Средний чек, ₽", "Продавцы"])


def test_an_empty_workspace_shows_the_whole_example(app_db):
    import ui
    from funnel.workspace import create_workspace

    AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    with ui.get_store().transaction() as cur:
        ws = create_workspace(cur, "Empty").id
    at = _open(ws, "workshop")
    s = at.session_state
    assert (s["ws_leads"], s["ws_conversion"], s["ws_avg_check"], s["ws_sellers"]) == (120.0, 5.0, 150_000.0, 3.0)
    assert len(at.info) == 1 and "пример из методики" in at.info[0].value
    assert at.slider(key="ws_leads").label == "Лиды в месяц"  # the banner says it once, no marks
