"""Errors and messages of the ingestion engine, in both languages (texts in funnel/texts/ingest.py)."""

from __future__ import annotations

import re

from funnel.errors import UploadError
from funnel.i18n import fill
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
    params = {k: (scrub(v) if k == "detail" and isinstance(v, str) else v) for k, v in params.items()}
    if "kind" in params:
        params.setdefault("kind_ru", KIND_RU.get(params["kind"], params["kind"]))
    # str(err) is for the command line and the log: ordinary spaces (the screen's text is t(err.key))
    reason, expected, fix = (fill(part, "en", unbroken=False, **params) for part in ERRORS[code][1])
    err = UploadError(reason, file=file, row=row, column=column, expected=expected, fix=fix)
    err.key = f"ingest.err.{code}"
    err.code = code
    err.params = dict(params, where_ru=_where("ru", file, row, column), where_en=_where("en", file, row, column))
    return err


_PATH = re.compile(r"""(?<![\w.])(?:[A-Za-z]:)?(?:[/\\][^\s/\\'"]+)+[/\\]([^\s/\\'"]+)""")


def scrub(text: str) -> str:
    """``text`` (a reader's own message) without the server's directories: an absolute path
    keeps only its last part, the kept upload's hashed name (never the server's layout)."""
    return _PATH.sub(lambda m: m.group(1), text)


_LINE = re.compile(r"Line: (\d+)")


def reader_error(exc: Exception, file_name: str) -> UploadError:
    """A DuckDB reader's error as the user's message: a line over the limit says so with its
    line; anything else is 'could not be read' with DuckDB's first line, without paths."""
    text = str(exc)
    if "Maximum line size" in text:
        from funnel.ingest import limits

        m = _LINE.search(text)
        return upload_error(
            "line_too_long",
            file=file_name,
            row=int(m.group(1)) if m else None,
            limit=f"{limits.number('max_line_kb')} KB",
        )
    return upload_error("unreadable", file=file_name, detail=text.splitlines()[0][:200])


def warning(code: str, lang: str = "en", **params) -> str:
    """A warning's text in ``lang``, with ordinary spaces: the engine's text for the command line
    and the log (the screen words a warning by its key, through funnel.i18n.t)."""
    ru, en = WARNINGS[code]
    return fill(ru if lang == "ru" else en, lang, unbroken=False, **params)


def reason(code: str, lang: str = "en") -> str:
    """The template of a row rejection (placeholders {value} and {detail})."""
    ru, en = REASONS[code]
    return ru if lang == "ru" else en


__all__ = ["upload_error", "warning", "reason", "TEXTS"]
