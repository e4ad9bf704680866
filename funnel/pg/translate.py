"""DuckDB's SQL, as the product writes it, turned into PostgreSQL's: the one place where SQL is
translated, so no query is written twice for the two engines.

SQLGlot reads DuckDB's dialect and writes PostgreSQL's. What it leaves to us:
- bound parameters: DuckDB takes ``?`` and ``$name`` in one statement; psycopg takes one style.
  Every placeholder becomes ``%s`` and ``bind`` lays the values out in the order they appear.
- ``%`` in the text (``LIKE 'a%'``) is doubled, psycopg's escape.
- ``GROUP BY ALL`` (PostgreSQL has none) becomes the select list's non-aggregate positions.
- DuckDB functions PostgreSQL lacks (``arg_max``, ``last_day`` …) are created on the server by
  ``compat.sql`` once, when the store opens: the translation keeps their names.
Translations are cached by the statement's text: the product's statements are a fixed set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import sqlglot
from sqlglot import exp

Slot = str | int  # a named parameter ($ws) or the index of a positional one (?)


class Translated:
    """One statement in PostgreSQL's words, and where each of its parameters comes from."""

    __slots__ = ("sql", "slots")

    def __init__(self, sql: str, slots: tuple[Slot, ...]):
        self.sql, self.slots = sql, slots

    def bind(self, params: Sequence[Any] | Mapping[str, Any] | None) -> tuple[Any, ...]:
        """The values in the order of the statement's placeholders."""
        if not self.slots:
            return ()
        if params is None:
            raise ValueError("the statement has parameters and none were given")
        if isinstance(params, Mapping):
            return tuple(params[s] if isinstance(s, str) else _positional(params, s) for s in self.slots)
        return tuple(params[s] if isinstance(s, int) else params[int(s) - 1] for s in self.slots)


def _positional(params: Mapping[str, Any], index: int) -> Any:
    raise ValueError(f"positional parameter {index + 1} used with named parameters {sorted(params)}")


@lru_cache(maxsize=4096)
def to_postgres(sql: str) -> Translated:
    """``sql`` (one statement, DuckDB's dialect) for PostgreSQL, with its parameter slots."""
    tree = sqlglot.parse_one(sql, read="duckdb")
    slots: list[Slot] = []
    counter = iter(range(1_000_000))

    def placeholders(node: exp.Expr) -> exp.Expr:
        if isinstance(node, (exp.Placeholder, exp.Parameter)):
            name = node.name
            if isinstance(node, exp.Parameter):  # $1 or $name as DuckDB's parser may give it
                name = node.this.name if isinstance(node.this, exp.Expression) else str(node.this)
            if name and name != "?":
                slots.append(name)
            else:
                slots.append(next(counter))
            return exp.Placeholder()
        if isinstance(node, exp.Literal) and node.is_string and "%" in node.this:
            return exp.Literal.string(node.this.replace("%", "%%"))
        if isinstance(node, (exp.ArgMax, exp.ArgMin)):
            return _arg_extreme(node)
        if isinstance(node, exp.JSONExtractScalar) and not isinstance(node.expression, exp.JSONPath):
            return _json_path_made(node)
        return node

    for group in list(tree.find_all(exp.Group)):
        if group.args.get("all"):
            _group_by_positions(group)
    tree = _order_by_all(tree)
    tree = tree.transform(placeholders)
    text = tree.sql(dialect="postgres")
    return Translated(text, tuple(slots))


def _arg_extreme(node: exp.ArgMax | exp.ArgMin) -> exp.Expr:
    """DuckDB's arg_max(value, key) (arg_min): the value of the row with the largest (smallest)
    non-null key, as the first of the values ordered by key."""
    value = node.this.sql(dialect="postgres")
    key = node.expression.sql(dialect="postgres")
    order = "DESC" if isinstance(node, exp.ArgMax) else "ASC"
    return sqlglot.parse_one(
        f"(array_agg({value} ORDER BY {key} {order}) FILTER (WHERE {key} IS NOT NULL))[1]", read="postgres"
    )


def _group_by_positions(group: exp.Group) -> None:
    """GROUP BY ALL: the positions of the select list's expressions that aggregate nothing."""
    select = group.parent
    if not isinstance(select, exp.Select):
        return
    keys = [
        exp.Literal.number(i + 1)
        for i, e in enumerate(select.expressions)
        if not e.find(exp.AggFunc) and not e.find(exp.Window)
    ]
    if keys:
        group.replace(exp.Group(expressions=keys))
    else:
        select.set("group", None)


def _order_by_all(tree: exp.Expr) -> exp.Expr:
    """ORDER BY ALL (DuckDB: by every column of the select list, left to right): the list's
    positions; a list with ``*`` orders by the whole row instead (PostgreSQL compares rows
    column by column, NULLs last)."""
    for order in list(tree.find_all(exp.Order)):
        items = order.expressions
        if len(items) != 1 or not isinstance(items[0].this, exp.Var) or items[0].name.upper() != "ALL":
            continue
        select, desc = order.parent, bool(items[0].args.get("desc"))
        if not isinstance(select, exp.Select):
            continue
        if any(isinstance(e, exp.Star) or e.find(exp.Star) for e in select.expressions):
            order.pop()
            inner = select.copy()
            outer = sqlglot.parse_one(
                f"SELECT * FROM (SELECT 1) AS _all ORDER BY _all{' DESC' if desc else ''}", read="postgres"
            )
            holder = outer.find(exp.Subquery)
            assert holder is not None  # the template above has one
            holder.set("this", inner)
            if select is tree:
                tree = outer
            else:
                select.replace(outer)
            continue
        order.set(
            "expressions",
            [exp.Ordered(this=exp.Literal.number(i + 1), desc=desc) for i in range(len(select.expressions))],
        )
    return tree


def _json_path_made(node: exp.JSONExtractScalar) -> exp.Expr:
    """json_extract_string(doc, <a path built in SQL, '$.a.' || field>): PostgreSQL's operators
    take the keys, not a path text, so the dotted path is split into them (a key holding a dot
    cannot be named this way, in either engine's simple paths)."""
    doc = node.this.sql(dialect="postgres")
    path = node.expression.sql(dialect="postgres")
    return sqlglot.parse_one(
        f"json_extract_path_text(CAST({doc} AS JSON), VARIADIC string_to_array(substr({path}, 3), '.'))",
        read="postgres",
    )
