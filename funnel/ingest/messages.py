"""Errors and messages of the ingestion engine, in both languages (texts in funnel/texts/ingest.py)."""

from __future__ import annotations

from funnel.errors import UploadError
from funnel.texts.ingest import ERRORS, REASONS, TEXTS, WARNINGS

KIND_RU = {"leads": "лидов", "deals": "сделок", "stages": "истории этапов", "spend": "расходов"}


def _where(lang: str, file: str | None, row: int | None, column: str | None) -> str:
    row_w, col_w = ("строка", "столбец") if lang == "ru" else ("row", "column")
    parts = [
        p for p in (file, f"{row_w} {row}" if row is not None else None, f"{col_w} «{column}»" if column else None) if p
    ]
    return (", ".join(parts) + ": ") if parts else ""


def upload_error(
    code: str, *, file: str | None = None, row: int | None = None, column: str | None = None, **params
) -> UploadError:
    """An UploadError whose English text is ``str(err)`` and whose ``text('ru')`` is Russian."""
    params = {k: v for k, v in params.items()}
    if "kind" in params:
        params.setdefault("kind_ru", KIND_RU.get(params["kind"], params["kind"]))
    reason, expected, fix = (part.format(**params) for part in ERRORS[code][1])
    err = UploadError(reason, file=file, row=row, column=column, expected=expected, fix=fix)
    err.key = f"ingest.err.{code}"
    err.code = code
    err.params = dict(params, where_ru=_where("ru", file, row, column), where_en=_where("en", file, row, column))
    return err


def warning(code: str, lang: str = "en", **params) -> str:
    """A warning's text in ``lang``."""
    ru, en = WARNINGS[code]
    return (ru if lang == "ru" else en).format(**params)


def reason(code: str, lang: str = "en") -> str:
    """The template of a row rejection (placeholders {value} and {detail})."""
    ru, en = REASONS[code]
    return ru if lang == "ru" else en


__all__ = ["upload_error", "warning", "reason", "TEXTS"]
