"""Canonical fields of each kind of file.

A file's columns are matched to these fields by a CRM preset (funnel.ingest.presets), a synonym
(funnel.ingest.synonyms) or the user's choice.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    required: bool
    type: str  # id | text | datetime | date | money | int | status
    help_key: str  # translation key of a one-line explanation (funnel/texts/ingest.py)


def _f(name: str, type_: str, required: bool = False) -> Field:
    return Field(name, required, type_, f"ingest.field.{name}")


FIELDS: dict[str, list[Field]] = {
    "leads": [
        _f("lead_id", "id", True),
        _f("created_at", "datetime", True),
        _f("channel", "text"),
        _f("campaign", "text"),
        _f("owner", "text"),
        _f("team", "text"),  # the owner's team: kept per upload by funnel.teams, not in the raw table
        _f("segment", "text"),
        _f("region", "text"),
        _f("cost", "money"),
        _f("first_contact_at", "datetime"),
        _f("qualified_at", "datetime"),
        _f("status", "text"),
    ],
    "deals": [
        _f("deal_id", "id", True),
        _f("lead_id", "id"),
        _f("created_at", "datetime"),
        _f("stage", "text"),
        _f("status", "status"),
        _f("won_at", "datetime"),
        _f("channel", "text"),
        _f("amount", "money"),
        _f("closed_at", "datetime"),
        _f("expected_close_at", "datetime"),
        _f("lost_reason", "text"),
        _f("owner", "text"),
        _f("team", "text"),
        _f("segment", "text"),
    ],
    "stages": [
        _f("deal_id", "id", True),
        _f("stage", "text", True),
        _f("entered_at", "datetime", True),
    ],
    "spend": [
        _f("channel", "text", True),
        _f("period", "date", True),
        _f("amount", "money", True),
        _f("campaign", "text"),
        _f("clicks", "int"),
        _f("impressions", "int"),
    ],
}

# Deals need an id plus at least one of these, so that a status can be worked out.
DEAL_STATUS_SOURCES = ("stage", "status", "won_at")
