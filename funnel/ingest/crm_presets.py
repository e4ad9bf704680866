"""CRM exports as the systems really write them: their captions across versions and languages,
and the texts they put in a date cell that mean "no date".

Kept apart from funnel.ingest.presets (the matching) so that each system's captions sit in one
table, with where they come from: tests/corpus/crm/SOURCES.md cites the documentation or public
code behind each, and tests/ingest/test_corpus_crm.py loads a file of each layout.

- ``CRM_LAYOUTS``: (label, kind, {caption: field or None}); a caption mapped to None is part of
  the export's column set (it helps recognise the system) but feeds no field. Within one layout,
  captions of the same field are in order of preference: the first the file has is taken.
- ``EXTRA_SYNONYMS``: field → captions these systems use that any file may carry, tried after the
  general synonyms (funnel.ingest.synonyms), so a file that is not recognised as a whole still
  gets them.
- ``EMPTY_DATE_TEXTS``: lower-case cell texts that mean an empty date (amoCRM writes «не закрыта»
  in «Дата закрытия» of an open deal); such a cell is blank, not a bad date.
"""

from __future__ import annotations

EMPTY_DATE_TEXTS: tuple[str, ...] = (
    "не закрыта",
    "не закрыто",
    "не закрыт",
    "не указано",
    "не указана",
    "нет",
    "not closed",
    "n/a",
    "-",
    "—",
    "–",
)

# amoCRM: the export of deals («Сделки» → «Экспорт») and of contacts, in the Russian and the
# English interface. Dates are written dd-mm-yyyy HH:MM:SS; an open deal's «Дата закрытия» says
# «не закрыта». Older accounts write «Дата создания», newer ones «Дата создания сделки».
_AMO_DEALS_RU: dict[str, str | None] = {
    "ID": "deal_id",
    "Название сделки": None,
    "Бюджет": "amount",
    "Ответственный": "owner",
    "Дата создания сделки": "created_at",
    "Дата создания": "created_at",
    "Кем создана сделка": None,
    "Дата закрытия": "closed_at",
    "Этап сделки": "stage",
    "Воронка": None,
    "Причина отказа": "lost_reason",
    "Источник": "channel",
    "utm_source": "channel",
    "utm_campaign": None,
    "Полное имя контакта": None,
}
_AMO_DEALS_EN: dict[str, str | None] = {
    "ID": "deal_id",
    "Lead name": None,
    "Budget": "amount",
    "Responsible user": "owner",
    "Date created": "created_at",
    "Created by": None,
    "Closing date": "closed_at",
    "Date closed": "closed_at",
    "Lead stage": "stage",
    "Stage": "stage",
    "Pipeline": None,
    "Loss reason": "lost_reason",
    "Source": "channel",
    "utm_source": "channel",
    "Contact full name": None,
}
_AMO_CONTACTS_RU: dict[str, str | None] = {
    "ID": "lead_id",
    "Тип": None,
    "Полное имя контакта": None,
    "Название компании": None,
    "Ответственный": "owner",
    "Дата создания контакта": "created_at",
    "Дата создания": "created_at",
    "Кем создан контакт": None,
    "Сделки": None,
    "Город": "region",
    "Источник": "channel",
    "utm_source": "channel",
    "utm_campaign": "campaign",
}
_AMO_CONTACTS_EN: dict[str, str | None] = {
    "ID": "lead_id",
    "Type": None,
    "Full name": None,
    "Company name": None,
    "Responsible user": "owner",
    "Date created": "created_at",
    "Created by": None,
    "Leads": None,
    "City": "region",
    "Source": "channel",
    "utm_source": "channel",
    "utm_campaign": "campaign",
}

# Bitrix24: the list export («Экспорт в CSV» / «Экспорт в Excel», the latter an HTML table saved
# as .xls). CLOSEDATE is captioned «Предполагаемая дата закрытия» in current portals and «Дата
# завершения» in older ones; it is the expected close of an open deal and the close of a finished
# one (stg_deals tells them apart by the deal's status).
_BITRIX_DEALS: dict[str, str | None] = {
    "ID": "deal_id",
    "Название сделки": None,
    "Стадия сделки": "stage",
    "Стадия": "stage",
    "Сумма": "amount",
    "Валюта": None,
    "Ответственный": "owner",
    "Дата создания": "created_at",
    "Предполагаемая дата закрытия": "closed_at",
    "Дата завершения": "closed_at",
    "Дата закрытия": "closed_at",
    "Дата начала": None,
    "Источник": "channel",
    "Тип": "segment",
    "Лид": "lead_id",
    "Направление": None,
    "Воронка": None,
    "Компания": None,
    "Контакт": None,
}
_BITRIX_LEADS: dict[str, str | None] = {
    "ID": "lead_id",
    "Название лида": None,
    "Стадия": "status",
    "Статус": "status",
    "Источник": "channel",
    "Дата создания": "created_at",
    "Ответственный": "owner",
    "Имя": None,
    "Фамилия": None,
    "Телефон": None,
    "UTM Campaign": "campaign",
    "UTM Source": None,
}

# HubSpot: «Export» of a deals or contacts view. A deal's «Close Date» is its expected close while
# it is open. Contacts' «Original Source» was renamed «Original Traffic Source» in 2023.
_HUBSPOT_DEALS: dict[str, str | None] = {
    "Record ID": "deal_id",
    "Deal Name": None,
    "Deal Stage": "stage",
    "Amount": "amount",
    "Amount in company currency": None,
    "Create Date": "created_at",
    "Close Date": "closed_at",
    "Deal owner": "owner",
    "Pipeline": None,
    "Deal Type": "segment",
    "Closed Lost Reason": "lost_reason",
    "Original Traffic Source": "channel",
    "Original Source Type": "channel",
    "Associated Company": None,
}
_HUBSPOT_CONTACTS: dict[str, str | None] = {
    "Record ID": "lead_id",
    "First Name": None,
    "Last Name": None,
    "Email": None,
    "Create Date": "created_at",
    "Original Traffic Source": "channel",
    "Original Source": "channel",
    "Contact owner": "owner",
    "Lifecycle Stage": "status",
    "Lead Status": None,
    "Phone Number": None,
}

# Pipedrive: «Export data» of deals. Closed-on, won and lost times are separate columns; an open
# deal has «Expected close date».
_PIPEDRIVE_DEALS: dict[str, str | None] = {
    "Deal - ID": "deal_id",
    "Deal - Title": None,
    "Deal - Value": "amount",
    "Deal - Currency": None,
    "Deal - Stage": "stage",
    "Deal - Status": "status",
    "Deal - Deal created": "created_at",
    "Deal - Deal closed on": "closed_at",
    "Deal - Lost time": "closed_at",
    "Deal - Won time": "won_at",
    "Deal - Expected close date": "expected_close_at",
    "Deal - Lost reason": "lost_reason",
    "Deal - Owner": "owner",
    "Deal - Source channel": "channel",
    "Deal - Source": "channel",
    "Deal - Pipeline": None,
    "Deal - Organization": None,
}

# Salesforce: a report exported as "Details Only" CSV (its "Formatted Report" .xls is an HTML
# table too). An open opportunity's «Close Date» is its expected close. Record ids appear only
# when the report includes them; a report without them (the default columns) is keyed by the
# opportunity's name, or the lead's e-mail: the first of the two captions found is the id, and a
# repeated name is refused by row, as any repeated id is.
_SALESFORCE_OPPORTUNITIES: dict[str, str | None] = {
    "Opportunity ID": "deal_id",
    "Opportunity Owner": "owner",
    "Account Name": None,
    "Opportunity Name": "deal_id",
    "Stage": "stage",
    "Fiscal Period": None,
    "Amount": "amount",
    "Probability (%)": None,
    "Age": None,
    "Close Date": "closed_at",
    "Created Date": "created_at",
    "Next Step": None,
    "Lead Source": "channel",
    "Type": "segment",
    "Loss Reason": "lost_reason",
}
_SALESFORCE_LEADS: dict[str, str | None] = {
    "Lead ID": "lead_id",
    "Email": "lead_id",
    "Lead Owner": "owner",
    "First Name": None,
    "Last Name": None,
    "Title": None,
    "Company / Account": None,
    "Company": None,
    "Lead Source": "channel",
    "Lead Status": "status",
    "Create Date": "created_at",
    "Created Date": "created_at",
    "Rating": None,
    "Industry": "segment",
    "State/Province": "region",
}

# Systems whose exports write a slashed or dashed date day first (amoCRM: dd-mm-yyyy; Bitrix24
# follows the portal's Russian locale): a column no day of which is above 12 is read day-first
# for them instead of being asked (funnel.ingest.preparation).
DAY_FIRST = ("amoCRM", "Bitrix24")

CRM_LAYOUTS: list[tuple[str, str, dict[str, str | None]]] = [
    ("amoCRM — deals", "deals", _AMO_DEALS_RU),
    ("amoCRM (English) — deals", "deals", _AMO_DEALS_EN),
    ("amoCRM — contacts", "leads", _AMO_CONTACTS_RU),
    ("amoCRM (English) — contacts", "leads", _AMO_CONTACTS_EN),
    ("Bitrix24 — deals", "deals", _BITRIX_DEALS),
    ("Bitrix24 — leads", "leads", _BITRIX_LEADS),
    ("HubSpot — deals", "deals", _HUBSPOT_DEALS),
    ("HubSpot — contacts", "leads", _HUBSPOT_CONTACTS),
    ("Pipedrive — deals", "deals", _PIPEDRIVE_DEALS),
    ("Salesforce — opportunities", "deals", _SALESFORCE_OPPORTUNITIES),
    ("Salesforce — leads", "leads", _SALESFORCE_LEADS),
]

EXTRA_SYNONYMS: dict[str, tuple[str, ...]] = {
    "created_at": (
        "дата создания сделки",
        "дата создания контакта",
        "дата создания лида",
        "дата создания компании",
        "date created",
        "created date",
    ),
    "closed_at": ("closing date", "date closed", "deal - lost time", "lost time", "дата завершения"),
    "expected_close_at": (
        "expected_close_at",
        "expected close date",
        "deal - expected close date",
        "expected close",
        "предполагаемая дата закрытия",
        "планируемая дата закрытия",
        "ожидаемая дата закрытия",
    ),
    "owner": ("opportunity owner", "responsible user", "responsible", "ответственный за сделку"),
    "lost_reason": ("loss reason", "lost reason", "причина провала"),
    "channel": ("original traffic source", "lead source"),
}
