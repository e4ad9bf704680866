"""DuckDB's SQL, as the product writes it, turned into PostgreSQL's: the one place where SQL is
translated, so no query is written twice for the two engines.

SQLGlot reads DuckDB's dialect and writes PostgreSQL's. What it leaves to us:
- bound parameters: DuckDB takes ``?`` and ``$name`` in one statement; psycopg takes one style.
  Every placeholder becomes ``%s`` and ``bind`` lays the values out in the order they appear.
- ``%`` in the text (``LIKE 'a%'``, the modulo operator) is doubled, psycopg's escape.
- a subquery in FROM without an alias gets one (PostgreSQL 15 requires it).
- ``GROUP BY ALL`` (PostgreSQL has none) becomes the select list's non-aggregate positions.
- DuckDB functions PostgreSQL lacks (``last_day``, ``any_value`` …) are created on the server by
  ``compat.sql`` once, when the store opens: the translation keeps their names.
- constructs whose meaning differs, each a small ``@construct`` function below (TRANSFORMS):
  arg_max/arg_min (with their FILTER), ``len($list)`` (cardinality, not the text's length),
  ``a // b`` (integer division), date_diff (a BIGINT), a subscript of a call (parenthesised),
  ``INSERT OR REPLACE`` (ON CONFLICT on the schema's primary key), any_value (no IGNORE NULLS).
Translations are cached by the statement's text: the product's statements are a fixed set.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import sqlglot
from sqlglot import exp

from funnel.sql import SCHEMA_FILES, schema_sql, statements

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


# A column's storage in DuckDB (schema.sql: the raw tables' bookkeeping): PostgreSQL has no such
# clause (and sqlglot reads none), and nothing to choose there.
_COMPRESSION = re.compile(r"\s+USING\s+COMPRESSION\s+\w+", re.IGNORECASE)


@lru_cache(maxsize=4096)
def to_postgres(sql: str) -> Translated:
    """``sql`` (one statement, DuckDB's dialect) for PostgreSQL, with its parameter slots."""
    tree = sqlglot.parse_one(_COMPRESSION.sub("", sql), read="duckdb")
    found: list[Slot] = []  # each placeholder's source, numbered as met in the tree

    def placeholder(node: exp.Expr) -> exp.Expr:
        if isinstance(node, (exp.Placeholder, exp.Parameter)):
            name = node.name
            if isinstance(node, exp.Parameter):  # $1 or $name as DuckDB's parser may give it
                name = node.this.name if isinstance(node.this, exp.Expression) else str(node.this)
            found.append(name if name and name != "?" else sum(isinstance(f, int) for f in found))
            return exp.Placeholder(this=f"fp{len(found) - 1}")
        return node

    for group in list(tree.find_all(exp.Group)):
        if group.args.get("all"):
            _group_by_positions(group)
    tree = _order_by_all(tree)
    # placeholders first: a construct's rewrite may carry its arguments over as text
    text = _rewrite(tree.transform(placeholder)).sql(dialect="postgres").replace("%", "%%")
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


def _rewrite(tree: exp.Expr) -> exp.Expr:
    """Every node through TRANSFORMS, children before their parents (so a construct sees its
    arguments already rewritten, and what a rewrite puts in place is not rewritten again)."""
    for node in reversed(list(tree.walk(bfs=False))):
        for transform in TRANSFORMS:
            out = transform(node)
            if out is not None:
                if node is tree:
                    tree = out
                else:
                    node.replace(out)
                break
    return tree


@construct
def _arg_max_min(node: exp.Expr) -> exp.Expr | None:
    if isinstance(node, exp.Filter) and isinstance(node.this, (exp.ArgMax, exp.ArgMin)):
        return _arg_extreme(node.this, node.expression.this)
    if isinstance(node, (exp.ArgMax, exp.ArgMin)) and not isinstance(node.parent, exp.Filter):
        return _arg_extreme(node)
    return None


_ALIASES = itertools.count(1)  # unique names for the subqueries that get one


@construct
def _subquery_alias(node: exp.Expr) -> exp.Expr | None:
    """A subquery in FROM or JOIN without an alias: PostgreSQL 15 requires one."""
    if isinstance(node, exp.Subquery) and not node.alias and isinstance(node.parent, (exp.From, exp.Join)):
        return node.as_(f"_q{next(_ALIASES)}")
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
def _subscript_of_call(node: exp.Expr) -> exp.Expr | None:
    """``list(...)[1:1000]``: PostgreSQL subscripts a function's result only in parentheses."""
    if isinstance(node, exp.Bracket) and isinstance(node.this, exp.Func):
        node.set("this", exp.Paren(this=node.this))
        return node
    return None


@construct
def _integer_division(node: exp.Expr) -> exp.Expr | None:
    """``a // b``: DuckDB's integer division (truncating, as PostgreSQL's ``/`` of integers
    does; SQLGlot's DIV() would give a numeric)."""
    if isinstance(node, exp.IntDiv):
        return exp.Div(this=node.this, expression=node.expression, typed=True)
    return None


@construct
def _date_diff_bigint(node: exp.Expr) -> exp.Expr | None:
    """date_diff/datediff: DuckDB's is a BIGINT; PostgreSQL's date subtraction an integer."""
    if isinstance(node, exp.DateDiff) and not isinstance(node.parent, exp.Cast):
        return exp.cast(node, "BIGINT")
    return None


@construct
def _insert_or_replace(node: exp.Expr) -> exp.Expr | None:
    """``INSERT OR REPLACE INTO t (cols) …``: DuckDB replaces the row with the same primary key;
    PostgreSQL's ``ON CONFLICT (key) DO UPDATE`` names the key, read from the schema files
    (``primary_keys``), and sets every other column listed to the new row's value."""
    if not (isinstance(node, exp.Insert) and node.args.get("alternative") == "REPLACE"):
        return None
    target = node.this
    table = target.this.name if isinstance(target, exp.Schema) else target.name
    key = primary_keys().get(table.lower())
    if key is None:
        raise ValueError(f"INSERT OR REPLACE INTO {table}: the table has no primary key in the schema files")
    listed = [c.name for c in target.expressions] if isinstance(target, exp.Schema) else []
    sets = [
        exp.EQ(this=exp.column(c), expression=exp.column(c, table="EXCLUDED")) for c in listed if c.lower() not in key
    ]
    node.set("alternative", None)
    node.set(
        "conflict",
        exp.OnConflict(
            conflict_keys=[exp.Ordered(this=exp.column(k), nulls_first=False) for k in key],
            action=exp.var("DO UPDATE" if sets else "DO NOTHING"),
            expressions=sets or None,
        ),
    )
    return node


@lru_cache(maxsize=1)
def primary_keys() -> dict[str, tuple[str, ...]]:
    """Each table's primary key columns (lower case), as the schema files declare them."""
    keys: dict[str, tuple[str, ...]] = {}
    for stmt in (s for name in SCHEMA_FILES for s in statements(schema_sql(name))):
        m = re.match(r"\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s*\((.*)\)\s*$", stmt, re.I | re.S)
        if m is None:
            continue
        body = m.group(2)
        named = re.search(r"PRIMARY\s+KEY\s*\(([^)]*)\)", body, re.I)
        inline = re.search(r"(?:^|,)\s*(\w+)\s+[\w(), ]*?\bPRIMARY\s+KEY\b", body, re.I)
        if named:
            keys[m.group(1).lower()] = tuple(c.strip().lower() for c in named.group(1).split(","))
        elif inline:
            keys[m.group(1).lower()] = (inline.group(1).lower(),)
    return keys


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


@construct
def _json_path(node: exp.Expr) -> exp.Expr | None:
    if isinstance(node, exp.JSONExtractScalar) and not isinstance(node.expression, exp.JSONPath):
        return _json_path_made(node)
    return None


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


# ---- text order: DuckDB's, by bytes ----------------------------------------------------------
# DuckDB orders and compares text by its bytes (code points). PostgreSQL uses the database's
# collation, which a server created with a language's locale (en_US …) makes that language's:
# lists of channels, owners and stages would come out in another order. Every text the product
# stores or casts to is collated "C" (bytes) instead, whatever the database's locale: its columns
# and its casts to text; literals and parameters yield to that. lower()/upper() alone take the
# database's own collation ("default"), whose character classes know Cyrillic ("C"'s know only
# ASCII letters): with it ``lower('ЁЖ')`` is 'ёж', as in DuckDB.
BYTES = exp.Identifier(this="C", quoted=True)
_TEXT_TYPES = {exp.DataType.Type.TEXT, exp.DataType.Type.VARCHAR, exp.DataType.Type.CHAR, exp.DataType.Type.NAME}


def _is_text(kind: exp.Expr | None) -> bool:
    return isinstance(kind, exp.DataType) and kind.this in _TEXT_TYPES


@construct
def _text_column_in_bytes(node: exp.Expr) -> exp.Expr | None:
    """A text column of a CREATE TABLE: COLLATE "C"."""
    if isinstance(node, exp.ColumnDef) and _is_text(node.args.get("kind")):
        constraints = node.args.get("constraints") or []
        if not any(isinstance(c.args.get("kind"), exp.CollateColumnConstraint) for c in constraints):
            node.set(
                "constraints",
                [exp.ColumnConstraint(kind=exp.CollateColumnConstraint(this=BYTES.copy())), *constraints],
            )
        return node
    return None


@construct
def _text_cast_in_bytes(node: exp.Expr) -> exp.Expr | None:
    """``CAST(x AS VARCHAR)``: collated "C" as a stored text is (a NULL::VARCHAR beside a
    column in a UNION would otherwise give the column two collations, and no order)."""
    if isinstance(node, exp.Cast) and _is_text(node.to) and not isinstance(node.parent, exp.Collate):
        return exp.Collate(this=node.copy(), expression=BYTES.copy())
    return None


@construct
def _case_of_the_language(node: exp.Expr) -> exp.Expr | None:
    """lower(x) / upper(x): in the database's own collation (its letters, Cyrillic too)."""
    if isinstance(node, (exp.Lower, exp.Upper)) and not _collated(node.this, "default"):
        node.set("this", exp.Collate(this=node.this.copy(), expression=exp.Identifier(this="default", quoted=True)))
        return node
    return None


def _collated(node: exp.Expr, name: str) -> bool:
    return isinstance(node, exp.Collate) and node.expression.name == name
