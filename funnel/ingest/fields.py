"""Canonical fields of each kind of file, their synonyms, and known CRM export layouts.

A file's columns are matched to fields in three ways, best first: a CRM preset (the exact
column set of an amoCRM / Bitrix24 / HubSpot / Pipedrive export), a synonym (Russian or
English, compared after normalising case, spaces, punctuation and ё/е), or the user's choice.
A money field (deals' and spend's amount, leads' cost) also matches a header that carries its
currency — ``Бюджет ₽``, ``Сумма, руб.``, ``Amount (USD)`` — like its bare name (``bare``).
"""

from __future__ import annotations

import re
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
        _f("lost_reason", "text"),
        _f("owner", "text"),
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

# Synonyms per field (any kind); the id field depends on the kind and is handled below.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "created_at": (
        "created_at",
        "дата создания",
        "создано",
        "дата",
        "create date",
        "created",
        "created date",
        "creation date",
        "date created",
        "deal created",
        "deal - deal created",
        "lead - lead created",
        "first_contact_date",
        "дата поступления",
        "дата обращения",
        "дата заявки",
        "engage_date",
        "createdate",
        "create_date",
        "date",
        "lead date",
        "дата лида",
    ),
    "channel": (
        "channel",
        "источник",
        "канал",
        "utm_source",
        "source",
        "lead source",
        "origin",
        "источник лида",
        "источник сделки",
        "канал привлечения",
        "original source",
        "original source type",
        "deal - source",
        "lead - source",
        "source channel",
        "рекламный канал",
        "площадка",
    ),
    "campaign": ("campaign", "кампания", "рекламная кампания", "utm_campaign", "campaign name", "кампания utm"),
    "owner": (
        "owner",
        "ответственный",
        "менеджер",
        "ответственный менеджер",
        "deal owner",
        "contact owner",
        "lead owner",
        "sales_agent",
        "sales agent",
        "deal - owner",
        "lead - owner",
        "sr_id",
        "продавец",
        "hubspot owner",
        "owner name",
        "кем создана",
    ),
    "segment": (
        "segment",
        "сегмент",
        "тип клиента",
        "business_segment",
        "industry",
        "отрасль",
        "deal - segment",
        "product",
        "продукт",
    ),
    "region": ("region", "регион", "город", "city", "country", "страна", "region/state", "state"),
    "cost": ("cost", "стоимость лида", "цена лида", "cost per lead", "cpl", "стоимость"),
    "first_contact_at": (
        "first_contact_at",
        "первый контакт",
        "дата первого контакта",
        "first contact",
        "first engagement date",
    ),
    "qualified_at": (
        "qualified_at",
        "дата квалификации",
        "sal",
        "sales accepted",
        "became a sales qualified lead date",
        "became a marketing qualified lead date",
        "квалифицирован",
    ),
    "status": (
        "status",
        "статус",
        "состояние",
        "deal - status",
        "lead status",
        "lead - status",
        "deal status",
        "статус сделки",
        "статус лида",
        "lead_status",
    ),
    "stage": (
        "stage",
        "этап",
        "стадия",
        "этап сделки",
        "стадия сделки",
        "deal stage",
        "deal - stage",
        "deal_stage",
        "pipeline stage",
        "воронка этап",
        "статус этапа",
        "dealstage",
    ),
    "won_at": ("won_at", "won_date", "won date", "дата выигрыша", "дата успеха", "deal - won time", "won time"),
    "amount": (
        "amount",
        "бюджет",
        "сумма",
        "сумма сделки",
        "amount",
        "deal - value",
        "value",
        "close_value",
        "deal value",
        "revenue",
        "выручка",
        "стоимость сделки",
        "расход",
        "затраты",
        "spent",
        "spend",
        "cost",
        "расходы",
        "сумма расхода",
        "бюджет кампании",
        "amount spent",
        "стоимость",
    ),
    "closed_at": (
        "closed_at",
        "дата закрытия",
        "close date",
        "closed",
        "close_date",
        "deal - close date",
        "deal - deal closed on",
        "closed on",
        "дата завершения",
        "closedate",
        "дата закрытия сделки",
    ),
    "lost_reason": (
        "lost_reason",
        "причина отказа",
        "причина отказа сделки",
        "closed lost reason",
        "deal - lost reason",
        "lost reason",
        "причина проигрыша",
        "причина закрытия",
    ),
    "entered_at": (
        "entered_at",
        "дата перехода",
        "дата входа",
        "дата смены этапа",
        "entered",
        "entered at",
        "date entered",
        "changed at",
        "дата изменения",
        "date",
        "дата",
        "moved at",
        "update time",
    ),
    "period": (
        "period",
        "период",
        "месяц",
        "date",
        "дата",
        "month",
        "week",
        "неделя",
        "reporting starts",
        "day",
        "день",
        "reporting period",
    ),
    "clicks": ("clicks", "клики", "переходы", "link clicks"),
    "impressions": ("impressions", "показы", "impr"),
}

_ID_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "leads": {
        "lead_id": (
            "lead_id",
            "id",
            "record id",
            "lead - id",
            "id лида",
            "id заявки",
            "номер заявки",
            "mql_id",
            "lead id",
            "contact id",
            "№",
            "номер",
            "id контакта",
        )
    },
    "deals": {
        "deal_id": (
            "deal_id",
            "id",
            "record id",
            "deal - id",
            "id сделки",
            "номер сделки",
            "opportunity_id",
            "deal id",
            "opportunity id",
            "seller_id",
            "№",
            "номер",
        ),
        "lead_id": (
            "lead_id",
            "id лида",
            "lead - id",
            "mql_id",
            "lead id",
            "id заявки",
            "contact id",
            "associated contact id",
            "контакт id",
        ),
    },
    "stages": {
        "deal_id": ("deal_id", "id сделки", "deal id", "deal - id", "record id", "opportunity_id", "id", "номер сделки")
    },
    "spend": {},
}


def normalise(name: str) -> str:
    """Header text for matching: lower case, ё→е, punctuation and repeated spaces folded."""
    s = str(name).replace("\ufeff", "").strip().lower().replace("ё", "е")
    s = re.sub(r"[\s_\-./:()\[\]\"'«»,]+", " ", s)
    return s.strip()


# Currency marks a money header may carry after its name: ``Бюджет ₽``, ``Сумма, руб.``,
# ``Amount (USD)``, ``Cost RUB``. Only currencies: a scale such as ``тыс. руб.`` or ``(k)`` is
# left on, so that a column of thousands is never taken for the amount without the user's word.
_CURRENCY_TAIL = re.compile(r"(?:\s*(?:₽|\$|€|\b(?:руб|рублей|рубли|р|rub|rur|usd|eur)\b))+$")


def bare(name: str) -> str:
    """A header normalised (``normalise``) without the currency marks it ends with: ``Сумма, руб.``,
    ``Сумма (₽)`` and ``сумма руб`` all give ``сумма``. '' when the header is only a currency."""
    return _CURRENCY_TAIL.sub("", normalise(name)).strip()


def synonyms(kind: str) -> dict[str, tuple[str, ...]]:
    """Field → its synonyms (normalised) for one kind of file."""
    names = [f.name for f in FIELDS[kind]]
    out: dict[str, tuple[str, ...]] = {}
    for name in names:
        words = _ID_SYNONYMS[kind].get(name) or _SYNONYMS.get(name, ())
        if kind == "spend" and name == "amount":
            words = (
                "amount",
                "расход",
                "затраты",
                "spent",
                "spend",
                "cost",
                "расходы",
                "сумма",
                "бюджет",
                "сумма расхода",
                "amount spent",
                "стоимость",
                "spend rub",
                "расход руб",
            )
        if kind == "spend" and name == "channel":
            words = words + ("platform", "площадка", "рекламная система")
        out[name] = tuple(normalise(w) for w in words + (name,))
    return out


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
