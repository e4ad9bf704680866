"""On a phone a table is a list of cards built from the grid's own display frame (ui.cards,
issue #16 review finding 3): the card builder keeps every cell as the grid shows it and escapes
every text with the one escaping helper; under AppTest the cards of the Overview's plan against
the fact and months, the stalled deals, the goals' pacing and the Planner's two chains carry the
same values as their grids."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from funnel.formatting import DASH
from funnel.i18n import t
from tests.dataui.helpers import funnel_tab, new_app
from ui import cards as cd
from ui.escape import WORD_JOINER, plain

# ---- the card builder ----------------------------------------------------------------------------


def test_a_card_is_a_row_its_name_first_then_its_cells_as_the_grid_shows_them():
    display = pd.DataFrame(
        {
            "Этап": ["Лид → Интерес", "Интерес → Сделка"],
            "Конверсия": ["17,0 %", None],  # a missing cell: the grid's placeholder
            "Дошло в месяц": ["216", "1 234 567 ₽"],
        }
    )
    got = cd.cards(display)
    assert got == [
        cd.Card("Лид → Интерес", (("Конверсия", "17,0 %"), ("Дошло в месяц", "216"))),
        cd.Card("Интерес → Сделка", (("Конверсия", DASH), ("Дошло в месяц", "1 234 567 ₽"))),
    ]
    # the most important first, the rest in the grid's order; a title of two columns
    first = cd.cards(display, title=("Этап", "Конверсия"), first=("Дошло в месяц",))
    assert first[0] == cd.Card("Лид → Интерес · 17,0 %", (("Дошло в месяц", "216"),))
    # a column named in ``first`` that the table lacks is no line
    assert cd.cards(display, first=("Нет такой", "Дошло в месяц"))[0].lines[0] == ("Дошло в месяц", "216")


def test_the_cards_hold_the_cells_the_projects_formatting_made(demo_app_db):
    """The same display frame the grid gets from ui.show.formatted: each card's value is that
    frame's cell, character for character (no second formatting of the numbers)."""
    from ui.show import formatted

    df = pd.DataFrame(
        {
            "channel": ["Email", "Yandex Direct"],
            "leads": [1234, 5],
            "spend": [1234567.5, 0.0],
            "cr": [0.1234, None],
        }
    )
    display, _ = formatted(
        df, {"channel": "an.dim.channel", "leads": "an.col.leads", "spend": "an.col.spend", "cr": "an.col.cr"}
    )
    got = cd.cards(display)
    for card, (_, row) in zip(got, display.iterrows(), strict=True):
        assert card.title == row.iloc[0]
        assert dict(card.lines) == {c: (DASH if row[c] is None else row[c]) for c in display.columns[1:]}
    assert any("\u00a0" in v or " " in v for _, v in got[0].lines)  # 1 234: the grouping as formatted


HOSTILE = ["<img src=x onerror=alert(1)>", "**bold**", "a | b", "[link](http://x.io)", "$x$", ":red[hi]", "# head"]


@pytest.mark.parametrize("name", HOSTILE, ids=["html", "bold", "pipe", "link", "katex", "colour", "heading"])
def test_every_text_of_a_card_is_escaped_by_the_one_helper(name):
    display = pd.DataFrame({"Сделка": [name], name: [name]})  # a name as a row's title, a header, a cell
    text = cd.cards_markdown(cd.cards(display))
    title, rule, line = text.split("\n")
    assert title == f"| **{plain(name)}** | |"
    assert rule == "|:--|--:|"
    assert line == f"| {plain(name)} | {plain(name)} |"
    # read back, the cells are the name as written: one cell each (a "|" does not split them)
    assert parse(text) == [(name, [(name, name)])]


def test_no_data_text_is_left_unescaped():
    text = cd.cards_markdown(cd.cards(pd.DataFrame({"A": ["<b>x</b>"], "B": ["**1**"]})))
    assert "<b>" not in text and "**1**" not in text and "\\<b\\>" in text and "\\*\\*1\\*\\*" in text


# ---- AppTest: the cards and the grid carry the same values ----------------------------------------
_CELL = re.compile(r"(?<!\\)\|")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text.replace(WORD_JOINER, "")).strip()


def parse(markdown: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The cards' Markdown read back: (title, [(label, value)…]) a card, unescaped."""
    out = []
    for block in markdown.split("\n\n"):
        head, _, *rows = block.split("\n")
        title = _unescape(_CELL.split(head)[1].strip().removeprefix("**").removesuffix("**"))
        lines = []
        for row in rows:
            cells = _CELL.split(row)[1:-1]
            assert len(cells) == 2, row
            lines.append((_unescape(cells[0]), _unescape(cells[1])))
        out.append((title, lines))
    return out


def _grid_cards(df: pd.DataFrame, title: tuple[str, ...] = ()) -> list[tuple[str, dict[str, str]]]:
    """What a card of each row must say, read from the grid's own cells (the grid's placeholder
    for a missing one)."""
    cols = list(df.columns)
    title = title or (cols[0],)
    out = []
    for _, row in df.iterrows():
        cells = {
            c: DASH if row[c] is None or (isinstance(row[c], float) and pd.isna(row[c])) else str(row[c]) for c in cols
        }
        out.append((" · ".join(cells[c] for c in title), {c: cells[c] for c in cols if c not in title}))
    return out


def _all_cards(at) -> list[list[tuple[str, dict[str, str]]]]:
    return [[(ti, dict(lines)) for ti, lines in parse(m.value)] for m in at.markdown if m.value.startswith("| **")]


def _check(at, grid_has: str, title: tuple[str, ...] = (), first: tuple[str, ...] = ()) -> None:
    grid = next(d.value for d in at.dataframe if grid_has in d.value.columns)
    want = _grid_cards(grid, title)
    assert want in _all_cards(at), (want, _all_cards(at))
    if first:  # the most important first, in that order
        card = next(
            p
            for m in at.markdown
            if m.value.startswith("| **")
            for p in [parse(m.value)]
            if [(a, dict(b)) for a, b in p] == want
        )
        assert [label for label, _ in card[0][1]][: len(first)] == list(first)


@pytest.mark.usefixtures("demo_app_db")
def test_the_overview_cards_say_what_its_grids_say():
    at = new_app()
    at.session_state["ov_tab"] = t("an.ov.tab.table", "ru")
    at.run()
    assert not at.exception, at.exception
    _check(at, t("an.plan.fulfilment", "ru"))  # plan against fact
    _check(at, t("an.col.leads", "ru"))  # the months


@pytest.mark.usefixtures("demo_app_db")
def test_the_stalled_cards_say_what_the_grid_says_overdue_first():
    at = funnel_tab("Зависшие")
    _check(at, "Сверх срока", first=("Сверх срока", "Сумма"))


@pytest.mark.usefixtures("demo_app_db")
def test_the_lost_reason_cards_are_named_by_stage_and_reason():
    """Review: the cards of the lost reasons were named by the stage alone, eight alike on a
    workspace without stages («Этап неизвестен»), the reason that tells them apart inside."""
    at = funnel_tab("Отказы")
    stage, reason = t("an.col.stage", "ru"), t("an.col.reason", "ru")
    _check(at, reason, title=(stage, reason))


@pytest.mark.usefixtures("demo_app_db")
def test_the_goals_cards_say_what_the_grid_says_goal_and_actual_first():
    at = new_app()
    at.session_state["tm_tab"] = t("tm.tab.goals", "ru")
    at.switch_page("pages/time.py")
    at.run()
    assert not at.exception, at.exception
    who, metric, target, actual = (t(f"tm.goals.col.{c}", "ru") for c in ("who", "metric", "target", "actual"))
    _check(at, target, title=(who, metric), first=(target, actual))


PLANNER_GRIDS = [
    ("chain", "planner.chain.col_rate"),  # the stage chain
    ("active", "active.col.volume"),  # the active-sales chain
    ("active", "active.col.cost"),  # people per function
    ("mix", "planner.m.romi"),  # the channels' result under the editor
    ("forecast", "planner.fc.col.p_ladder"),  # the weighted pipeline by stage
]


@pytest.mark.parametrize(("tab", "column"), PLANNER_GRIDS, ids=[c for _, c in PLANNER_GRIDS])
@pytest.mark.usefixtures("demo_app_db")
def test_the_planner_chain_cards_say_what_the_grid_says(tab, column):
    at = new_app()
    at.session_state["pl_tab"] = t(f"planner.tab.{tab}", "ru")
    at.switch_page("pages/planner.py")
    at.run()
    assert not at.exception, at.exception
    _check(at, t(column, "ru"))


def test_every_page_hides_the_grid_below_the_phone_width_and_the_cards_above():
    from funnel.charts import PHONE_WIDTH
    from ui.sidebar import PAGE_CSS as APP_CSS

    assert cd.CARDS_CSS in APP_CSS  # the CSS every page loads (ui.sidebar.language_picker)
    assert f'@media (max-width: {PHONE_WIDTH}px) {{ [class*="st-key-{cd.GRID}"] {{ display: none' in APP_CSS
    assert f'@media (min-width: {PHONE_WIDTH + 1}px) {{ [class*="st-key-{cd.CARDS}"] {{ display: none' in APP_CSS
