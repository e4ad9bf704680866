"""The workspace a session chose is the one every page shows: a walk of every page of a workspace
that is not the first (the spend-only P-1), in both languages, through the menu as a person
clicks it, then the Workshop's case button (st.switch_page), the browser's Back, a reload and a
language switch. Fails if a page's sidebar picker, its address's ``ws`` or its main text names
another workspace.

One screenshot walk in five once showed the demo on Settings and Administration after the Data
page had shown P-1. Two ways there were found: the browser, now and then, did not report the
sidebar's workspace picker on the move from Data to Settings (the first page change after the
sign-in-off box had moved the picker down), and the Workshop's case button (st.switch_page)
reports no widget at all; Streamlit then dropped the picker's value, and the picker fell back to
the link's ws, else the first workspace. The sidebar's widgets now persist for the session and
the box has a slot on every page (ui.sidebar, ui.auth.sidebar; tests/test_workspace_kept.py). For
directors on one shared URL a page silently showing another workspace's numbers is the worst
kind of bug, so this walk stands guard over the paths a person takes between pages. One size
(1280×720): the workspace does not depend on the window.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from funnel.demo_names import DEMO_NAME, workspace_name
from tests.browser import screens

MINE = "spend_only"
# what a page shows of the session's workspace, and is checked: the picker's value and the link
PICKED = """() => {
  const box = document.querySelector('[data-testid="stSidebar"] [data-testid="stSelectbox"] input');
  const main = document.querySelector('[data-testid="stMain"]');
  const picks = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stSelectbox"] input')];
  return {side: box ? box.value : null, main: main ? main.innerText : '',
          title: (document.querySelector('[data-testid="stMain"] h1') || {}).innerText || '',
          picks: picks.map(p => p.value)};
}"""


def others(lang: str) -> set[str]:
    """The other workspaces' names as a ``lang`` screen writes them (the demo's is translated)."""
    partial = {name for ws, name in screens.PARTIAL_NAMES.items() if ws != MINE}
    return partial | {workspace_name(DEMO_NAME, True, lang)}


def wrong_workspace(page, where: str, lang: str) -> list[str]:
    """What on the screen names a workspace other than the session's."""
    mine = screens.PARTIAL_NAMES[MINE]
    seen = page.evaluate(PICKED)
    found = []
    if seen["side"] != mine:
        found.append(f"{where}: the sidebar picker shows {seen['side']!r}")
    ws = parse_qs(urlparse(page.url).query).get("ws")
    if ws != [MINE]:
        found.append(f"{where}: the address's ws is {ws}")
    if where.startswith("admin"):
        # the page lists every workspace; its pickers (rename, delete, export) start at the session's
        found += [f"{where}: an admin picker starts at {p!r}" for p in seen["picks"] if p and p != mine]
    else:
        words = set(seen["main"].replace("«", " ").replace("»", " ").replace("“", " ").replace("”", " ").split())
        found += [f"{where}: the page names {n!r} ({seen['title']})" for n in sorted(others(lang) & words)]
    return found


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_page_shows_the_sessions_workspace(screens_app, browser, lang):
    server, _ = screens_app
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    ctx.add_init_script(screens.INPUT_CLOCK)
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    problems: list[str] = []
    try:
        screens.open_page(page, server.url, MINE, lang, screens.PAGES[0])
        problems += wrong_workspace(page, screens.PAGES[0], lang)
        for path in screens.PAGES[1:]:
            screens.go(page, path)
            problems += wrong_workspace(page, path, lang)
            if path == "settings":  # it says whose settings they are (funnel/texts/data.py settings.intro)
                mine = screens.PARTIAL_NAMES[MINE]
                said = {"ru": f"пространства «{mine}»", "en": f"workspace “{mine}”"}[lang]
                assert said in page.evaluate(PICKED)["main"], said
        screens.go(page, "workshop")
        # a case from practice opens the Planner by st.switch_page: the run arrives with no widget
        # the browser drew (before the fix: the first workspace, in Russian, over 12 months)
        screens.act(page, lambda: page.locator(".st-key-ws_case_open_copier_dealer button").click())
        problems += wrong_workspace(page, "planner after a Workshop case", lang)
        assert page.evaluate(PICKED)["title"] == {"ru": "Планировщик", "en": "Planner"}[lang]
        screens.act(page, page.go_back)
        problems += wrong_workspace(page, "Back", lang)
        screens.act(page, page.reload)
        problems += wrong_workspace(page, "reload", lang)
        other = {"ru": "English", "en": "Русский"}[lang]
        screens.act(page, lambda: page.locator('[data-testid="stSidebar"] label', has_text=other).first.click())
        problems += wrong_workspace(page, "a language switch", {"ru": "en", "en": "ru"}[lang])
        screens.go(page, "settings")
        problems += wrong_workspace(page, "settings after the switch", {"ru": "en", "en": "ru"}[lang])
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)
