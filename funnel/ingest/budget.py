"""Spend laid out one column per channel (a 1C or Excel budget, a marketing-mix table).

A spend file with a period but neither a channel nor an amount column may hold one column per
channel. Which columns are channels:
- columns named with a spend word (``tv_S``, ``Яндекс расход``, ``Расход VK``): only those, when
  any column is so named (the other numbers of such a file are clicks, sales, events);
- otherwise every column whose filled cells are mostly money (``Яндекс Директ``, ``VK Реклама``),
  but not a caption known to hold something else (clicks, leads, revenue …); two at least, and
  none named like an amount (``Сумма расходов``) unless it is a total: otherwise the file is one
  row per channel whose channel column was not recognised, and it is asked for, not guessed.
A total column is never a channel: one captioned as a total (``Итого``, ``Всего``, ``Total``), or
one whose every row equals the sum of the channel columns beside it. Counting it would double
the spend; it is named in a warning instead.
"""

from __future__ import annotations

import re

from funnel.ingest.names import normalise
from funnel.ingest.numbers import money_sql

_SUFFIXES = (" s", " spend", " cost", " расход", " расходы", " затраты", " spent")
_PREFIXES = ("расход ", "расходы ", "затраты ", "spend ", "cost ")
_TOTAL = re.compile(r"^(итого|итог|всего|total|grand total|sum|сумма|общий расход|total spend)\b")
# a caption that names an amount, not a channel
_AMOUNT = re.compile(r"\b(сумма|суммы|расход|расходы|расходов|затраты|бюджет|стоимость|amount|spend|spent|cost)\b")
# numbers that are not a channel's spend, when a column has only its name
_NOT_SPEND = re.compile(
    r"\b(клики|clicks|показы|impressions|impr|ctr|cpc|cpm|cpl|cpa|лиды|лидов|leads|заявки|конверсии|conversions|"
    r"revenue|выручка|доход|продажи|sales|orders|заказы|romi|roi|roas|дрр|охват|reach|визиты|visits|сеансы|sessions|"
    r"год|year|неделя|week|месяц|month|квартал|quarter|№|id|номер)\b"
)


def wide_spend(cur, table: str, mapping, columns: list[str]) -> tuple[dict[str, str], list[str]]:
    """(column → channel name, the total columns left out) of a spend file with one column per
    channel, or ({}, []) when it is not one. ``table`` holds the file's cells as text c0 … cN."""
    if mapping.get("channel") or mapping.get("amount") or not mapping.get("period"):
        return {}, []
    used = {c for c in mapping.values() if c}
    free = [c for c in columns if c not in used]
    named = {c: ch for c in free if (ch := _channel_of(c))}
    looked = list(named) or [c for c in free if not _NOT_SPEND.search(normalise(c)) and normalise(c)]
    if not looked:
        return {}, []
    money = _Money(cur, table, {c: _cell(columns, c) for c in looked})
    found = _wide(money, named, {c: c.strip() for c in looked}, looked)
    money.drop()  # not on an error: the cursor's transaction may be aborted, and the error is the news
    return found


def _wide(money: _Money, named: dict[str, str], unnamed: dict[str, str], looked: list[str]):
    if named:
        candidates = named
    else:
        candidates = {c: unnamed[c] for c in money.all_money(looked)}
        if len(candidates) < 2:  # one number column: a channel column that was not recognised
            return {}, []
    totals = [c for c in candidates if _TOTAL.match(normalise(c))]
    channels = {c: ch for c, ch in candidates.items() if c not in totals}
    totals += money.sum_columns(list(channels))
    channels = {c: ch for c, ch in channels.items() if c not in totals}
    if not named and any(_AMOUNT.search(normalise(c)) for c in channels):
        # a column named like an amount ("Сумма расходов") that is no total: a file whose channel
        # column was not recognised, not a budget by channel
        return {}, []
    return channels, totals


def _channel_of(col: str) -> str | None:
    n = normalise(col)
    for suffix in _SUFFIXES:
        if n.endswith(suffix) and len(n) > len(suffix):
            return col[: len(col) - len(suffix)].rstrip(" _-.")
    for prefix in _PREFIXES:
        if n.startswith(prefix) and len(n) > len(prefix):
            return col.strip()[len(prefix) :].strip(" _-.:")
    return None


def _cell(columns: list[str], col: str) -> str:
    return f"c{columns.index(col)}"


class _Money:
    """Each looked-at column's money, worked out once into a temp table: ``money_sql`` is some
    14 000 characters, and DuckDB spent 0.3–0.9 s planning each query that inlined it once per
    column. Here it is written once, in a lambda applied to the row's cells, so it is planned once
    whatever the number of columns; the checks then read plain decimals (``mK``, NULL where the
    cell is not money) and whether the cell was filled (``fK``)."""

    TABLE = "ingest_wide_money"

    def __init__(self, cur, table: str, cells: dict[str, str]):
        """``cells``: column → its cell in ``table`` (``c3``)."""
        self.cur, self.table, self.cells, self.made = cur, table, cells, False
        self.index = {c: k for k, c in enumerate(cells)}

    def _make(self) -> None:
        """On first use: a file with one or two spend-named columns needs none of it."""
        if self.made:
            return
        self.made = True
        cells, table, cur = self.cells, self.table, self.cur
        filled = ", ".join(f"nullif(trim({c}), '') IS NOT NULL AS f{k}" for k, c in enumerate(cells.values()))
        unpack = ", ".join(f"_m[{k + 1}] AS m{k}" for k in range(len(cells)))
        cur.execute(
            f"CREATE OR REPLACE TEMP TABLE {self.TABLE} AS SELECT * EXCLUDE (_m), {unpack} FROM ("
            f"SELECT {filled}, list_transform([{', '.join(cells.values())}], lambda _c: {money_sql('_c')}) AS _m "
            f"FROM {table})"
        )

    def all_money(self, columns: list[str]) -> list[str]:
        """The columns whose filled cells are mostly money (more money than not). A channel's
        column with one mistyped cell («abc», «н/д») stays a channel, and that row is rejected
        naming the cell; left out, the channel's every month would go unloaded without a word."""
        self._make()
        counts = ", ".join(
            f"count(*) FILTER (WHERE f{k}), count(m{k}) FILTER (WHERE f{k})" for k in map(self.index.get, columns)
        )
        got = self.cur.execute(f"SELECT {counts} FROM {self.TABLE}").fetchone()
        return [c for i, c in enumerate(columns) if got[2 * i + 1] > got[2 * i] - got[2 * i + 1]]

    def sum_columns(self, candidates: list[str]) -> list[str]:
        """Columns whose every row (with a number in it; two rows at least, so that one month's
        coincidence is not taken for a total) equals the sum of the other candidates, not all zero."""
        if len(candidates) < 3:
            return []
        self._make()
        # a blank cell is no spend: 0 in the sum
        cells = {c: f"coalesce(m{self.index[c]}, 0)" for c in candidates}
        # a row with a cell that is not money says nothing either way (it is rejected on load)
        readable = " AND ".join(f"(m{k} IS NOT NULL OR NOT f{k})" for k in map(self.index.get, candidates))
        out: list[str] = []
        for c in candidates:
            rest = [v for k, v in cells.items() if k != c and k not in out]
            if len(rest) < 2:  # a total sums two channels at least; one equal column is no total
                continue
            others = " + ".join(rest)
            same, rows, filled = self.cur.execute(
                f"SELECT count(*) FILTER (WHERE {cells[c]} = {others}), count(*), "
                f"count(*) FILTER (WHERE {cells[c]} <> 0) FROM {self.TABLE} "
                f"WHERE m{self.index[c]} IS NOT NULL AND {readable}"
            ).fetchone()
            if rows >= 2 and same == rows and filled:
                out.append(c)
        return out

    def drop(self) -> None:
        if self.made:
            self.cur.execute(f"DROP TABLE IF EXISTS {self.TABLE}")
