"""The screenshot suite: every page and every tab, as a person sees them, in a real browser.

Every workspace (the demo; the partial ones: spend only, deals only without amounts, leads only)
in both languages at 1440×900, 1280×720 and 390×844, each picture the whole page. One walk per
workspace and language, one file per workspace (the Russian demo here, the English one in
test_screens_en.py, each partial workspace in both languages in test_screens_<workspace>.py):
the suite's workers take whole files (``--dist loadfile``), so the walks are shared out evenly;
the server and its database are built once per worker (conftest.py screens_app). One server,
one browser, pages in sequence, each page or tab opened once and seen at every size.

Each screen fails on a traceback or an error box, a figure cut short ("…" or clipped), words in
the other language outside the allow-lists and the data's own names, and a chart whose value axis
says nothing; some screens have checks of their own besides (screen_checks.py: what were test
files of their own, each with a server). Images land in tests/artifacts/screens/ (git-ignored);
scripts/screenshots.py writes the README's images with the same driver.
"""

from __future__ import annotations

from tests.browser import screens
from tests.browser.screen_checks import Checker

SIZES = tuple(screens.VIEWPORTS)


def test_every_screen_of_the_demo_in_russian(screens_app, browser):
    check(screens_app, browser, "demo", "ru")


def check(app, chromium, workspace: str, lang: str, viewports: tuple[str, ...] = SIZES) -> None:
    server, names = app
    checker = Checker(workspace, lang, viewports)
    shots = screens.walk(chromium, server.url, workspace, lang, names[workspace], viewports, checks=checker)
    pages = {s.page.split("/")[0] for s in shots}
    assert pages == set(screens.PAGES), pages
    for page, tabs in [
        ("planner", screens.PLANNER_TABS),
        ("time", screens.TIME_TABS),
        ("overview", screens.OVERVIEW_TABS),
    ]:
        seen = {(s.page, s.viewport) for s in shots if s.page.startswith(f"{page}/")}
        assert seen == {(f"{page}/{t}", v) for t in tabs for v in viewports}, (page, sorted(seen))
    if workspace in screens.FUNNEL_TABBED:  # without deals the Funnel page says so and has no tabs
        assert sum(s.page.startswith("funnel/") for s in shots) == len(screens.FUNNEL_TABS) * len(viewports)
    assert all(s.path and s.path.stat().st_size > 5_000 for s in shots)  # a picture, not a blank
    # the whole page, not the window's top (a tab seen at a laptop's or a phone's size was once
    # photographed as the levers at the page's top): as tall as the page, or the window if taller
    cut = [
        f"{s}: {s.picture} px of {s.content}"
        for s in shots
        if s.picture != min(max(s.content, screens.VIEWPORTS[s.viewport][1]), screens.TALLEST)
    ]
    assert not cut, cut
    assert any(s.content > screens.VIEWPORTS[s.viewport][1] for s in shots if s.viewport != "wide")
    assert checker.ran == checker.due({s.page for s in shots}), sorted(
        checker.due({s.page for s in shots}) ^ checker.ran
    )
    bad = [f"{s}: {'; '.join(s.problems)}" for s in shots if s.problems]
    assert not bad, "\n".join(bad)


def test_the_checks_catch_what_they_are_for():
    """The language check itself: a Latin word on a Russian screen, Cyrillic on an English one,
    and neither when the word is the data's own name or an allowed abbreviation."""
    assert screens.words_out_of_place("Лиды Leads", "ru", set()) == {"Leads"}
    assert screens.words_out_of_place("Лиды Yandex Direct ROMI", "ru", {"Yandex Direct"}) == set()
    assert screens.words_out_of_place("Leads Лиды", "en", set()) == {"Лиды"}
    assert screens.words_out_of_place("Leads Москва", "en", {"Москва"}) == set()
    # a file path or a config section is typed as it is, in any language
    assert screens.words_out_of_place("Роли в файле .streamlit/secrets.toml, раздел [funnel]", "ru", set()) == set()
    assert screens.words_out_of_place("Архив экспорта (.zip)", "ru", set()) == set()
    assert screens.words_out_of_place("Загрузить файл Upload", "ru", set()) == {"Upload"}
    assert screens.words_out_of_place("Лиды/Leads", "ru", set()) == {"Leads"}
    assert screens.words_out_of_place("Средняя ошибка (MAPE)", "ru", set()) == {"MAPE"}
    # abbreviations said in words since #16 fail if they come back, on the Planner's screens too
    assert screens.words_out_of_place("Лид → SAL, дней; LT: 80 %", "ru", set()) == {"SAL", "LT"}
    assert screens.words_out_of_place("CAC по каналам", "ru", set()) == {"CAC"}
    assert screens.words_out_of_place("CAC (цена клиента); CTR; LTV клиента", "ru", set()) == {"CAC", "CTR", "LTV"}
    # a decimal point where Russian writes a comma; a comma, a grouped figure and a date pass
    assert screens.decimal_points(["17.00", "1 269,75", "3,183", "0.3", "100", "01.10.2026"]) == ["17.00", "0.3"]


def test_the_walks_scripts_parse(browser):
    """Every script the walk and its checks run in the page parses as JavaScript: the planner
    tables' wait had a brace too many, its SyntaxError was swallowed, and the tables were judged at
    once, mid-slide (a failure taken for a grid that kept a stale width)."""
    from tests.browser import screen_checks as sc

    scripts = {
        f"{m.__name__.rsplit('.', 1)[1]}.{name}": src
        for m in (screens, sc)
        for name, src in vars(m).items()
        if name.isupper() and isinstance(src, str) and src.lstrip().startswith("(")
    }
    assert {"screens.SIDEBAR_SETTLED", "screen_checks.TABLES_AT_REST", "screen_checks.FITS"} <= set(scripts)
    page = browser.new_page()
    try:
        broken = page.evaluate(
            """scripts => Object.keys(scripts).filter(name => {
                 try { new Function('return (' + scripts[name] + ')'); return false; } catch (e) { return true; } })""",
            scripts,
        )
    finally:
        page.close()
    assert broken == []


def test_the_run_counter_counts_a_run_over_before_it_looks(browser):
    """screens.RUN_COUNTER counts a run that started and ended before its observer was called (a
    tab's fragment run, 30 ms, under load): it was missed, and the walk waited 3 s for a run."""
    page = browser.new_page()
    try:
        page.set_content('<div data-testid="stApp" data-test-script-state="notRunning"></div>')
        page.evaluate(screens.RUN_COUNTER)
        runs = page.evaluate(
            """async () => { const app = document.querySelector('[data-testid="stApp"]');
                 const frame = () => new Promise(r => requestAnimationFrame(r));
                 app.setAttribute('data-test-script-state', 'running');  // a run seen while it runs
                 await frame(); const seen = window.__runs;
                 app.setAttribute('data-test-script-state', 'notRunning');
                 await frame();
                 app.setAttribute('data-test-script-state', 'running');  // one over in the same task
                 app.setAttribute('data-test-script-state', 'notRunning');
                 await frame(); return [seen, window.__runs, window.__ends]; }"""
        )
    finally:
        page.close()
    assert runs == [1, 2, 2]  # runs seen while running; runs started; runs ended


def test_the_walks_checks_run_where_due_and_their_problems_reach_the_screen(monkeypatch):
    """screen_checks.Checker: a check runs at its pages and sizes only, once per page or tab when
    it is due on leaving it, and what it finds lands on the screen's problems (so the walk fails)."""
    from tests.browser import screen_checks as sc

    calls: list[tuple[str, str]] = []

    def finds(page, screen):
        calls.append((screen.page, screen.viewport))
        return ["cut short"]

    monkeypatch.setattr(
        sc,
        "CHECKS",
        [
            sc.Check("seen", finds, "demo", ("ru",), ("planner/*",), ("phone",)),
            sc.Check("left", lambda page, screen: [], "demo", ("ru",), ("channels",), ("wide",), "left"),
            sc.Check("english", finds, "demo", ("en",), ("channels",), sc.ALL),
        ],
    )
    checker = sc.Checker("demo", "ru", SIZES)
    tab = screens.Screen("demo", "ru", "planner/chain", "phone")
    assert checker(None, tab, "seen") == ["[seen] cut short"]
    assert checker(None, screens.Screen("demo", "ru", "planner/chain", "wide"), "seen") == []
    assert checker(None, screens.Screen("demo", "ru", "channels", "wide"), "seen") == []  # the English one
    assert checker(None, screens.Screen("demo", "ru", "channels", "phone"), "left") == []
    assert calls == [("planner/chain", "phone")]
    assert checker.ran == {("seen", "planner/chain", "phone"), ("left", "channels", "left")}
    due = checker.due({"planner/chain", "planner/mix", "channels", "overview/chart"})
    assert due == {("seen", "planner/chain", "phone"), ("seen", "planner/mix", "phone"), ("left", "channels", "left")}
    assert checker.ran != due  # planner/mix not yet seen: the walk's test would fail
    # the real table names existing pages and sizes only
    known = {f"{p}/*" for p in ("overview", "funnel", "planner", "time")} | set(screens.PAGES)
    known |= {f"planner/{t}" for t in screens.PLANNER_TABS} | {f"time/{t}" for t in screens.TIME_TABS}
    known |= {f"funnel/{t}" for t in screens.FUNNEL_TABS} | {f"overview/{t}" for t in screens.OVERVIEW_TABS}
    monkeypatch.undo()
    for c in sc.CHECKS:
        assert set(c.pages) <= known and set(c.viewports) <= set(SIZES), c.name
