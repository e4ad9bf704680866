"""Known CRM export layouts, and the best guess of which column holds which field.

A file's columns are matched to fields in three ways, best first: a CRM preset (the exact
column set of an amoCRM / Bitrix24 / HubSpot / Pipedrive export), a synonym (funnel.ingest.synonyms),
or the user's choice.
"""

from __future__ import annotations

from funnel.ingest.crm_presets import CRM_LAYOUTS
from funnel.ingest.fields import FIELDS
from funnel.ingest.names import bare, normalise
from funnel.ingest.synonyms import synonyms

# CRM presets: (crm label, kind, {source column: field}). A preset applies when at least
# ``_PRESET_MIN`` of its columns are present; its columns must then map as stated.
CRM_PRESETS: list[tuple[str, str, dict[str, str | None]]] = [
    (
        "amoCRM — leads",
        "leads",
        {
            "ID": "lead_id",
            "Название сделки": None,
            "Дата создания": "created_at",
            "Источник": "channel",
            "Ответственный": "owner",
            "Теги": None,
            "utm_campaign": "campaign",
        },
    ),
    (
        "amoCRM — deals",
        "deals",
        {
            "ID": "deal_id",
            "Название сделки": None,
            "Бюджет": "amount",
            "Ответственный": "owner",
            "Этап сделки": "stage",
            "Воронка": None,
            "Дата создания": "created_at",
            "Дата закрытия": "closed_at",
            "Причина отказа": "lost_reason",
            "Источник": "channel",
        },
    ),
    (
        "Bitrix24 — leads",
        "leads",
        {
            "ID": "lead_id",
            "Название лида": None,
            "Стадия": "status",
            "Источник": "channel",
            "Дата создания": "created_at",
            "Ответственный": "owner",
            "UTM Campaign": "campaign",
        },
    ),
    (
        "Bitrix24 — deals",
        "deals",
        {
            "ID": "deal_id",
            "Название сделки": None,
            "Стадия сделки": "stage",
            "Сумма": "amount",
            "Валюта": None,
            "Дата создания": "created_at",
            "Дата закрытия": "closed_at",
            "Ответственный": "owner",
            "Источник": "channel",
            "Лид": "lead_id",
            "Направление": None,
        },
    ),
    (
        "HubSpot — contacts",
        "leads",
        {
            "Record ID": "lead_id",
            "First Name": None,
            "Last Name": None,
            "Create Date": "created_at",
            "Original Source": "channel",
            "Contact owner": "owner",
            "Lifecycle Stage": "status",
            "Lead Status": None,
        },
    ),
    (
        "HubSpot — deals",
        "deals",
        {
            "Record ID": "deal_id",
            "Deal Name": None,
            "Deal Stage": "stage",
            "Amount": "amount",
            "Create Date": "created_at",
            "Close Date": "closed_at",
            "Deal owner": "owner",
            "Pipeline": None,
            "Closed Lost Reason": "lost_reason",
            "Original Source Type": "channel",
        },
    ),
    (
        "Pipedrive — leads",
        "leads",
        {
            "Lead - ID": "lead_id",
            "Lead - Title": None,
            "Lead - Lead created": "created_at",
            "Lead - Source": "channel",
            "Lead - Owner": "owner",
            "Lead - Value": None,
        },
    ),
    (
        "Pipedrive — deals",
        "deals",
        {
            "Deal - ID": "deal_id",
            "Deal - Title": None,
            "Deal - Value": "amount",
            "Deal - Stage": "stage",
            "Deal - Status": "status",
            "Deal - Deal created": "created_at",
            "Deal - Deal closed on": "closed_at",
            "Deal - Won time": "won_at",
            "Deal - Lost reason": "lost_reason",
            "Deal - Owner": "owner",
            "Deal - Source": "channel",
        },
    ),
]
# The systems' own captions across versions and languages (funnel.ingest.crm_presets) replace
# the entries above of the same label and add the systems and kinds these lack.
CRM_PRESETS = [p for p in CRM_PRESETS if p[0] not in {label for label, _, _ in CRM_LAYOUTS}] + CRM_LAYOUTS
_PRESET_MIN = 4


def propose_mapping(columns: list[str], kind: str) -> tuple[dict[str, str | None], dict[str, str], str | None]:
    """Best guess of field → source column for a file's header.

    Returns (mapping, how each was found: 'preset' | 'synonym', the CRM name or None).
    Every field of the kind is a key; an unmatched field maps to None. A column is used once.
    """
    mapping: dict[str, str | None] = {f.name: None for f in FIELDS[kind]}
    source: dict[str, str] = {}
    used: set[str] = set()
    crm: str | None = None
    by_norm: dict[str, str] = {}
    by_bare: dict[str, str] = {}
    for column in columns:
        by_norm.setdefault(normalise(column), column)
    for column in columns:
        if bare(column):
            by_bare.setdefault(bare(column), column)
    money = {f.name for f in FIELDS[kind] if f.type == "money"}

    def find(word: str, field: str | None) -> str | None:
        """The column named ``word`` (normalised); for a money field, also one that adds a currency
        to it. A column named exactly wins over one with a currency (``Бюджет`` over ``Бюджет ₽``)."""
        col = by_norm.get(word)
        if col is None and field in money:
            col = by_bare.get(word)
        return col

    best: tuple[int, str, dict[str, str | None]] | None = None
    for label, preset_kind, cols in CRM_PRESETS:
        if preset_kind != kind:
            continue
        hits = sum(1 for c, field in cols.items() if find(normalise(c), field))
        if hits >= _PRESET_MIN and (best is None or hits > best[0]):
            best = (hits, label, cols)
    if best:
        _, crm, cols = best
        for c, field in cols.items():
            col = find(normalise(c), field)
            if field and col and mapping.get(field) is None and col not in used:
                mapping[field], source[field] = col, "preset"
                used.add(col)
    syn = synonyms(kind)
    # Earlier synonyms are stronger: walk by rank so "Дата создания" beats "Дата" for created_at.
    rank_max = max((len(v) for v in syn.values()), default=0)
    for rank in range(rank_max):
        for field, words in syn.items():
            if mapping[field] is not None or rank >= len(words):
                continue
            col = find(words[rank], field)
            if col and col not in used:
                mapping[field], source[field] = col, "synonym"
                used.add(col)
    return mapping, source, crm
