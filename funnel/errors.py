"""The project's own errors: each carries a message a marketer can act on."""

from __future__ import annotations

from funnel.i18n import TABLE, t


class FunnelError(Exception):
    """Base class. ``str(err)`` is safe to show to a user: no paths, no stack, no secrets.

    An error may carry a translation ``key`` and its ``params`` (see funnel/texts); then
    ``text(lang)`` gives the message in the user's language and ``str(err)`` the English one.
    """

    key: str | None = None
    params: dict = {}

    def text(self, lang: str = "en") -> str:
        if self.key and self.key in TABLE:
            return t(self.key, lang, **self.params)
        return str(self)


class DatabaseBusy(FunnelError):
    """Another process (usually the running app) holds the database file."""


class ServerDown(FunnelError):
    """The PostgreSQL server does not answer (refused, timed out, or gone in the middle of a run).
    ``str(err)`` names the server (password hidden) and why, for the CLI and the log; the app
    shows ``text(lang)``, which names neither."""

    key = "auth.store_down"


class UploadError(FunnelError):
    """A file that cannot be loaded at all. Nothing was written.

    ``file``, ``row``, ``column``, ``expected`` and ``fix`` are kept separately so that
    the UI, the CLI and the tests can all show or check them. ``code`` names the error
    (funnel/texts/ingest.py ERRORS) when funnel.ingest.messages made it.
    """

    code: str | None = None

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        expected: str | None = None,
        fix: str | None = None,
    ):
        self.file, self.row, self.column, self.expected, self.fix = file, row, column, expected, fix
        self.reason = message
        parts = []
        if file:
            parts.append(f"{file}")
        if row is not None:
            parts.append(f"row {row}")
        if column:
            parts.append(f"column «{column}»")
        head = ", ".join(parts)
        text = f"{head}: {message}" if head else message
        if expected:
            text += f" Expected: {expected}."
        if fix:
            text += f" How to fix: {fix}"
        super().__init__(text)


class ValidationError(FunnelError, ValueError):
    """A setting or model input that is out of range; the message names the field
    (``field``, when the model's checks set it)."""

    field: str | None = None


def keyed_error(key: str, **params) -> ValidationError:
    """A ValidationError worded by the translation table: ``str(err)`` is the English text of
    ``key`` (funnel/texts) with ``params`` filled in, ``err.text(lang)`` the same in ``lang``;
    ``err.key`` and ``err.params`` are kept for the UI and the tests. KeyError for a key the
    table does not have: a missing text is a bug, not a message."""
    err = ValidationError(TABLE[key][1].format(**params))
    err.key, err.params = key, params
    return err


class AccessDenied(FunnelError):
    """The signed-in user's role does not allow this action."""
