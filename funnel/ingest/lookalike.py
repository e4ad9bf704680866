"""Ids that only look alike made equal: Unicode's NFKC (fullwidth Ｌ１ → L1, ligatures, circled
and superscript digits, a letter and its combining accent → one letter), no-break and other
fixed-width spaces made a space, zero-width characters and the soft hyphen removed, spaces
around trimmed. An id never means any of these, and a CRM export that carries one would load
"L1" and "L1 " as two leads without a word.

The common cases (no-break spaces, fullwidth letters, zero-width spaces) are caught in the typed
query's own pass (funnel.ingest.rows.lookalike_sql, a translate()); DuckDB has no NFKC of its
own (and no extension can be installed), so the rest is done here, in Python, on the distinct
ids that still hold a character outside ASCII and Cyrillic (which NFKC leaves as they are):
few or none in a real file. The fast path sends a file with such an id to the full check
(``suspect_sql``), which calls ``normalise`` on its typed rows.
"""

from __future__ import annotations

import unicodedata

from funnel.ingest.fields import FIELDS
from funnel.ingest.rows import TEXT_CAP

# RE2: a character that is neither ASCII nor Cyrillic (U+0400–U+04FF; NFKC changes none of those)
_OTHER = "[^\\x{0000}-\\x{007F}\\x{0400}-\\x{04FF}]"
_GONE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"))


def suspect_sql(col: str) -> str:
    """SQL: may NFKC change this (already translated) id? Two byte counts for an ASCII id."""
    return f"(strlen({col}) <> length({col}) AND regexp_matches({col}, '{_OTHER}'))"


def normal(text: str) -> str | None:
    """The id as it is meant (see the module doc); None when nothing is left."""
    out = unicodedata.normalize("NFKC", text).translate(_GONE)
    out = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in out).strip()
    return out[: TEXT_CAP + 1] or None


def normalise(cur, kind: str, present) -> int:
    """Normalise the ids of ``ingest_typed_t`` that the typed query could not (see the module
    doc), keeping each changed row's text in ``alike_<field>`` for the warning. Returns how many
    distinct ids changed."""
    changed = 0
    for f in FIELDS[kind]:
        if f.type != "id" or f.name not in present:
            continue
        n = f.name
        found = cur.execute(f"SELECT DISTINCT {n} FROM ingest_typed_t WHERE {suspect_sql(n)}").fetchall()
        pairs = [(v, normal(v)) for (v,) in found]
        pairs = [(v, w) for v, w in pairs if w != v]
        if not pairs:
            continue
        changed += len(pairs)
        cur.execute("CREATE OR REPLACE TEMP TABLE ingest_alike (a VARCHAR, b VARCHAR)")
        cur.executemany("INSERT INTO ingest_alike VALUES (?, ?)", pairs)
        cur.execute(
            f"UPDATE ingest_typed_t SET alike_{n} = coalesce(alike_{n}, ingest_typed_t.{n}), {n} = m.b "
            f"FROM ingest_alike m WHERE ingest_typed_t.{n} = m.a"
        )
        cur.execute("DROP TABLE ingest_alike")
    return changed
