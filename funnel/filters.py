"""The filters every page shares, as one immutable value (hashable, so it can key a cache)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date


@dataclass(frozen=True)
class Filters:
    """What the sidebar selects. Empty tuples mean "all".

    ``date_from``/``date_to`` are inclusive calendar dates; None means open-ended.
    """

    workspace_id: str
    date_from: date | None = None
    date_to: date | None = None
    channels: tuple[str, ...] = field(default_factory=tuple)
    owners: tuple[str, ...] = field(default_factory=tuple)
    segments: tuple[str, ...] = field(default_factory=tuple)

    def with_(self, **changes) -> Filters:
        return replace(self, **changes)

    def params(self) -> dict:
        """Named SQL parameters: $ws, $date_from, $date_to, $channels, $owners, $segments.

        Lists are bound as parameters (``list_contains($channels, channel)`` or
        ``len($channels) = 0``), never spliced into SQL.
        """
        return {
            "ws": self.workspace_id,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "channels": list(self.channels),
            "owners": list(self.owners),
            "segments": list(self.segments),
        }
