"""DuckDB's SQL, as the product writes it, turned into PostgreSQL's: the one place where SQL is
translated, so no query is written twice for the two engines.

SQLGlot reads DuckDB's dialect and writes PostgreSQL's. What it leaves to us:
- bound parameters: DuckDB takes ``?`` and ``$name`` in one statement; psycopg takes one style.
  Every placeholder becomes ``%s`` and ``bind`` lays the values out in the order they appear.
- ``%`` in the text (``LIKE 'a%'``, the modulo operator) is doubled, psycopg's escape.
- a subquery in FROM without an alias gets one (PostgreSQL 15 requires it).
- ``GROUP BY ALL`` (PostgreSQL has none) becomes the select list's non-aggregate positions.
- DuckDB functions PostgreSQL lacks (``arg_max``, ``last_day`` …) are created on the server by
  ``compat.sql`` once, when the store opens: the translation keeps their names.
Translations are cached by the statement's text: the product's statements are a fixed set.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
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


_MARK = re.compile(r"%%\(fp(\d+)\)s")


@lru_cache(maxsize=4096)
def to_postgres(sql: str) -> Translated:
    """``sql`` (one statement, DuckDB's dialect) for PostgreSQL, with its parameter slots."""
    tree = sqlglot.parse_one(sql, read="duckdb")
    found: list[Slot] = []  # each placeholder's source, numbered as met in the tree

    def placeholder(node: exp.Expr) -> exp.Expr:
        if isinstance(node, (exp.Placeholder, exp.Parameter)):
            name = node.name
            if isinstance(node, exp.Parameter):  # $1 or $name as DuckDB's parser may give it
                name = node.this.name if isinstance(node.this, exp.Expression) else str(node.this)
            found.append(name if name and name != "?" else sum(isinstance(f, int) for f in found))
            return exp.Placeholder(this=f"fp{len(found) - 1}")
        return node

    def rewrite(node: exp.Expr) -> exp.Expr:
        for transform in TRANSFORMS:
            out = transform(node)
            if out is not None:
                return out
        return node

    for group in list(tree.find_all(exp.Group)):
        if group.args.get("all"):
            _group_by_positions(group)
    # placeholders first: a construct's rewrite may carry its arguments over as text
    text = tree.transform(placeholder).transform(rewrite).sql(dialect="postgres").replace("%", "%%")
    # psycopg's positional %s, in the order the placeholders appear in the text
    slots = tuple(found[int(m.group(1))] for m in _MARK.finditer(text))
    return Translated(_MARK.sub("%s", text), slots)


# The constructs rewritten, each by a function that returns the node's replacement (None: not
# its construct); the first that answers wins. Each is a small function registered with
# ``@construct``, with an example in tests/engines/test_translate.py.
Transform = Callable[[exp.Expr], exp.Expr | None]
TRANSFORMS: list[Transform] = []


def construct(fn: Transform) -> Transform:
    TRANSFORMS.append(fn)
    return fn


@construct
def _arg_max_min(node: exp.Expr) -> exp.Expr | None:
    if isinstance(node, exp.Filter) and isinstance(node.this, (exp.ArgMax, exp.ArgMin)):
        return _arg_extreme(node.this, node.expression.this)
    if isinstance(node, (exp.ArgMax, exp.ArgMin)):
        return _arg_extreme(node)
    return None


@construct
def _subquery_alias(node: exp.Expr) -> exp.Expr | None:
    """A subquery in FROM or JOIN without an alias: PostgreSQL 15 requires one."""
    if isinstance(node, exp.Subquery) and not node.alias and isinstance(node.parent, (exp.From, exp.Join)):
        return node.as_(f"_q{id(node) % 100000}")
    return None


def _arg_extreme(node: exp.ArgMax | exp.ArgMin, where: exp.Expr | None = None) -> exp.Expr:
    """DuckDB's arg_max(value, key) (arg_min), with its FILTER (WHERE ...) if any: the value of
    the row with the largest (smallest) non-null key, as the first of the values ordered by key."""
    value = node.this.sql(dialect="postgres")
    key = node.expression.sql(dialect="postgres")
    order = "DESC" if isinstance(node, exp.ArgMax) else "ASC"
    cond = f"{key} IS NOT NULL" + (f" AND ({where.sql(dialect='postgres')})" if where is not None else "")
    return sqlglot.parse_one(f"(array_agg({value} ORDER BY {key} {order}) FILTER (WHERE {cond}))[1]", read="postgres")


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


@construct
def _length_of_list(node: exp.Expr) -> exp.Expr | None:
    """``len($list)``: DuckDB's length of a bound list (the filters' channels, owners …).
    psycopg binds an empty list as the untyped literal '{}', whose LENGTH PostgreSQL takes as
    text's (2): the number of elements is ``cardinality`` of it as an array."""
    if isinstance(node, exp.Length) and isinstance(node.this, exp.Placeholder):
        return exp.Anonymous(this="cardinality", expressions=[exp.cast(node.this, "TEXT[]")])
    return None


@construct
def _any_value(node: exp.Expr) -> exp.Expr | None:
    """DuckDB's any_value skips NULLs (SQLGlot reads it as IGNORE NULLS, which PostgreSQL's
    writer drops with a warning); compat.sql's any_value skips them too."""
    if isinstance(node, exp.IgnoreNulls) and isinstance(node.this, exp.AnyValue):
        return node.this
    return None


@construct
def _integer_division(node: exp.Expr) -> exp.Expr | None:
    """pg-time: DuckDB's ``a // b`` of integers is an integer (truncated toward zero, -7 // 2 =
    -3); PostgreSQL's DIV gives the same digits as a numeric, which reads back as a float column
    (the rotting list's working days). DIV cast to BIGINT; its operands translated too, since a
    replaced node's children are not visited again."""
    if not isinstance(node, exp.IntDiv):
        return None
    inner = exp.IntDiv(this=_translated(node.this), expression=_translated(node.expression))
    return exp.cast(inner, "BIGINT")


def _translated(node: exp.Expr) -> exp.Expr:
    """``node`` with every construct under it rewritten (for a construct that replaces a node)."""

    def each(n: exp.Expr) -> exp.Expr:
        for transform in TRANSFORMS:
            out = transform(n)
            if out is not None:
                return out
        return n

    return node.transform(each)
