"""The Channels page's tables at a laptop's width (review #16): the economics table (thirteen
columns, about 1 300 px), the changes (eighteen, about 2 500 px) and a channel's drill-down
scrolled sideways at 1280 and 1440 px, «Стоимость клиента» and «Вероятный диапазон» cut. On
screen now one set of columns at a time, each within ui.show.TABLE_PX (800 px) with every header
whole (7.2 px a character and 24 of padding); together the sets show every figure, and the
downloads keep them all. The browser proves it (the walk's tests/browser/screen_checks.py channel_tables_fit); here, the
columns st.dataframe is given, on the demo."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.analytics.test_pages import set_period
from tests.dataui.helpers import at_page, new_app
from tests.helpers.screen import fmt_pct, plain, t
from ui import show

pytestmark = pytest.mark.usefixtures("demo_app_db")

# By hand, from funnel/texts/analytics.py: the money first, then conversion and the customer.
SETS = {
    "ru": {
        "money": ["Канал", "Лиды", "Расходы", "CPL", "Выиграно", "Оборот", "ROMI", "ДРР"],
        "customers": [
            "Канал",
            "Конверсия",
            "Вероятный диапазон",
            "Стоимость клиента",
            "Средний чек",
            "Принято продажами",
        ],
    },
    "en": {
        "money": ["Channel", "Leads", "Spend", "CPL", "Won", "Turnover", "ROMI", "Ad spend ÷ turnover"],
        "customers": ["Channel", "Conversion", "Likely range", "CAC", "Average deal size", "Accepted by sales"],
    },
}
FIGURES = ("leads", "spend", "cpl", "won", "conversion", "revenue")


def _widths(element) -> dict[str, int]:
    config = json.loads(element.proto.columns)
    return {name: c["width"] for name, c in config.items() if name != "_index"}


def _fits(element) -> None:
    """At most 800 px together, each column at least as wide as its header (none cut)."""
    widths = _widths(element)
    assert sum(widths.values()) <= show.TABLE_PX, widths
    for header, width in widths.items():
        assert width >= round(len(header) * show.CHAR_PX + show.CELL_PAD_PX), (header, widths)


def _open(lang: str):
    at = new_app()
    at.run()
    return at_page(at, "pages/channels.py", lang)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_each_economics_column_set_fits_a_laptop_and_together_they_show_every_figure(lang):
    at = _open(lang)
    for key, first in (("ch_table_columns", t("an.dim.channel", lang)), ("ch_drill_table_columns", None)):
        assert at.radio(key=key).options == [t("an.ch.columns.money", lang), t("an.ch.columns.customers", lang)]
        seen: set[str] = set()
        for name, want in SETS[lang].items():
            at.radio(key=key).set_value(name).run()
            assert not at.exception, at.exception
            index = 0 if key == "ch_table_columns" else -1  # the drill-down is the page's last table
            table = at.dataframe[index]
            columns = list(table.value.columns)
            if first is None:  # the drill-down by campaign: its own first column
                assert columns[0] == t("an.dim.campaign", lang), columns
                columns = [want[0], *columns[1:]]
            assert columns == want, (key, name, columns)
            _fits(table)
            seen |= set(columns)
        # every figure of the old thirteen-column table, in one set or the other
        every = {t(f"an.col.{c}", lang) for c in ("leads", "spend", "cpl", "won", "revenue", "romi", "drr")}
        every |= {t(f"an.col.{c}", lang) for c in ("conversion", "interval", "sal_rate", "cac", "avg_check")}
        assert every <= seen, every - seen
        at.radio(key=key).set_value("money").run()


def test_the_sets_show_the_same_figures_the_whole_table_did():
    """A set is the whole table's columns, cell for cell: the channel's leads, won deals and
    conversion on screen agree with each other (VK: 12 won of 4 020 leads is 0,30 %, a rate by
    funnel.model.precision.rate_places) and with
    the changes table's «now»."""
    at = _open("ru")
    money = {r["Канал"]: r for r in at.dataframe[0].value.to_dict("records")}
    at.radio(key="ch_table_columns").set_value("customers").run()
    customers = {r["Канал"]: r for r in at.dataframe[0].value.to_dict("records")}
    assert money.keys() == customers.keys()
    vk_leads, vk_won = (
        int(money["VK Реклама"][c].replace("\u00a0", "").replace(" ", "")) for c in ("Лиды", "Выиграно")
    )
    assert customers["VK Реклама"]["Конверсия"] == fmt_pct(vk_won / vk_leads, "ru", 2)  # below 10 %: two
    changes = {r["Канал"]: r for r in at.dataframe[1].value.to_dict("records")}
    assert {c: r["Лиды: сейчас"] for c, r in changes.items()} == {c: r["Лиды"] for c, r in money.items()}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_changes_show_one_figure_at_a_time_within_a_laptop(lang):
    """A year (the default period): now and the one change a figure; each figure's pair fits."""
    at = _open(lang)
    radio = at.radio(key="ch_changes_figure")
    assert radio.options == [t(f"an.col.{f}", lang) for f in FIGURES]
    vs = t("an.col.change_vs", lang, vs=t("an.vs_prev_months", lang, n=12))
    for figure in FIGURES:
        at.radio(key="ch_changes_figure").set_value(figure).run()
        assert not at.exception, at.exception
        table = at.dataframe[1]
        name = t(f"an.col.{figure}", lang)
        columns = list(table.value.columns)
        assert columns[:2] == [t("an.dim.channel", lang), f"{name}: {t('an.col.now', lang)}"]
        # the demo's 12 months before are covered in part: the days compared follow, « (янв. – окт.)»
        assert len(columns) == 3 and columns[2].startswith(f"{name}: {vs}"), columns
        _fits(table)


def test_the_changes_of_a_month_show_both_windows_within_a_laptop():
    """March 2026: against February and against March 2025, three columns a figure; the longest
    (conversion: 132 + 146 + 190 + 161 = 629 px) fits."""
    at = set_period(_open("ru"), (date(2026, 3, 1), date(2026, 3, 31)))
    for figure in FIGURES:
        at.radio(key="ch_changes_figure").set_value(figure).run()
        table = at.dataframe[1]
        name = t(f"an.col.{figure}", "ru")
        assert list(table.value.columns) == ["Канал", f"{name}: сейчас", f"{name}: Изм. к пред.", f"{name}: Изм. г/г"]
        _fits(table)


def test_a_set_that_goes_away_falls_back_to_the_money():
    """«Расходы по дням» is offered only while the period cuts a spend period (4 March – 3 April
    cuts the demo's March and April), a column a period, within a laptop; chosen, and the period
    then made whole months, the table shows the money again, with no error (a choice no longer
    offered)."""
    at = set_period(_open("ru"), (date(2026, 3, 4), date(2026, 4, 3)))
    at.radio(key="ch_table_columns").set_value("spend_cut").run()
    assert list(at.dataframe[0].value.columns) == ["Канал", "Расходы", "01.03.2026–31.03.2026", "01.04.2026–30.04.2026"]
    _fits(at.dataframe[0])  # a column a period: 132 + 110 + 2 × 233 (e.g. "449 939 ₽ × 28/31 = 406 396 ₽")
    at = set_period(at, (date(2026, 3, 1), date(2026, 4, 30)))
    assert not at.exception, at.exception
    assert at.radio(key="ch_table_columns").options == ["Деньги", "Конверсия и клиент"]
    assert list(at.dataframe[0].value.columns) == SETS["ru"]["money"]


def test_the_downloads_keep_every_column_the_screen_leaves_to_a_choice(monkeypatch):
    """On screen the money (8 columns) and one figure's changes (3); the files hold every figure:
    the economics' thirteen (the likely range as its two ends: 14) and the changes' six figures,
    now and against the previous 12 months (13)."""
    import ui

    made = {}
    monkeypatch.setattr(ui.show, "download_buttons", lambda df, name, key: made.setdefault(name, df()))
    at = _open("ru")
    assert [len(at.dataframe[i].value.columns) for i in (0, 1)] == [8, 3]
    assert made["economics_channel"].shape[1] == 14 and made["channel_changes"].shape[1] == 13
    headers = {plain(c) for c in (*made["economics_channel"].columns, *made["channel_changes"].columns)}
    assert {"Стоимость клиента", "Вероятный диапазон: от"} <= headers
    assert any(h.startswith("Оборот: Изм. к предыдущим 12 мес.") for h in headers), headers
