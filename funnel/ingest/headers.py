"""Finding the header among the first records of a file, and naming its columns."""

from __future__ import annotations

from funnel.ingest.names import bare, normalise
from funnel.ingest.synonyms import synonyms

HEAD_RECORDS = 30


def header_score(cells: list, known: set[str]) -> tuple[int, int]:
    values = [c for c in cells if c is not None and str(c).strip()]
    # a money header with its currency (Бюджет ₽) is as known as its bare name (names.bare)
    return (sum(normalise(v) in known or bare(v) in known for v in values), len(values))


def best_header(records: list[list], kind: str) -> int:
    """Index of the record that looks most like the header: most cells that are known column
    names, then most filled cells; the earliest wins a tie (data rows come after the header)."""
    known = {w for words in synonyms(kind).values() for w in words}
    best, best_score = 0, (-1, -1)
    for i, rec in enumerate(records[:HEAD_RECORDS]):
        score = header_score(rec, known)
        if score > best_score:
            best, best_score = i, score
    return best


def column_names(cells: list) -> list[str]:
    names: list[str] = []
    seen: dict[str, int] = {}
    for i, c in enumerate(cells):
        name = str(c).replace("\ufeff", "").strip() if c is not None else ""
        name = name or f"column {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        names.append(name)
    return names
