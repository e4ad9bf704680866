"""The screenshot suite: every page and every planner tab, as a person sees them, in a real browser.

The demo in both languages at 1440×900, 1280×720 and 390×844; the partial workspaces (spend
only, deals only without amounts, leads only) at 1440×900, each in one language, alternating, so
that both languages are seen on partial data. One run per file (the Russian demo here, the
English one in test_screens_en.py, each partial workspace in test_screens_<workspace>.py): the
suite's workers take whole files (``--dist loadfile``), so runs of 40–90 s each can be shared
out evenly where two files of 130 and 190 s could not; the server and its database are built
once per worker (conftest.py screens_app). One server, one browser, pages in sequence, a
viewport change without a new run.

Each screen fails on a traceback or an error box, a figure cut short ("…" or clipped), words in
the other language outside the allow-lists and the data's own names, and a chart whose value axis
says nothing. Images land in tests/artifacts/screens/ (git-ignored); scripts/screenshots.py writes
the README's images with the same driver.
"""

from __future__ import annotations

import pytest

from tests.browser import screens

RUNS = [("demo", "ru", tuple(screens.VIEWPORTS))]


@pytest.mark.parametrize("workspace, lang, viewports", RUNS, ids=[f"{w}-{lang}" for w, lang, _ in RUNS])
def test_every_screen(screens_app, browser, workspace, lang, viewports):
    check(screens_app, browser, workspace, lang, viewports)


def check(app, chromium, workspace, lang, viewports) -> None:
    server, names = app
    shots = screens.walk(chromium, server.url, workspace, lang, names[workspace], viewports)
    pages = {s.page.split("/")[0] for s in shots}
    assert pages == set(screens.PAGES), pages
    walked = len(set(screens.PLANNER_TABS) - screens.WALK_SKIP)
    assert sum(s.page.startswith("planner/") for s in shots) == walked * len(viewports)
    assert sum(s.page.startswith("time/") for s in shots) == len(screens.TIME_TABS) * len(viewports)
    if workspace in screens.FUNNEL_TABBED:  # without deals the Funnel page says so and has no tabs
        assert sum(s.page.startswith("funnel/") for s in shots) == len(screens.FUNNEL_TABS) * len(viewports)
    assert all(s.path and s.path.stat().st_size > 5_000 for s in shots)  # a picture, not a blank
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
    # a decimal point where Russian writes a comma; a comma, a grouped figure and a date pass
    assert screens.decimal_points(["17.00", "1 269,75", "3,183", "0.3", "100", "01.10.2026"]) == ["17.00", "0.3"]
