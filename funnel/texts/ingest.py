"""Texts of the ingestion engine: field help, file errors, row rejections, warnings. (ru, en).

Errors carry ``key`` and ``params``; ``str(err)`` is the English text of the same key.
"""
TEXTS = {
    # Fields (help shown next to the mapping selectors)
    "ingest.field.lead_id": ("Уникальный номер лида в вашей CRM", "The lead's unique id in your CRM"),
    "ingest.field.deal_id": ("Уникальный номер сделки", "The deal's unique id"),
    "ingest.field.created_at": ("Дата и время создания", "Date and time it was created"),
    "ingest.field.channel": ("Канал (источник) лида; пусто → «unknown»", "Lead channel (source); blank → 'unknown'"),
    "ingest.field.campaign": ("Рекламная кампания", "Advertising campaign"),
    "ingest.field.owner": ("Ответственный менеджер", "Responsible seller"),
    "ingest.field.segment": ("Сегмент клиента", "Client segment"),
    "ingest.field.region": ("Регион или город", "Region or city"),
    "ingest.field.cost": ("Стоимость этого лида, в валюте пространства", "What this lead cost, workspace currency"),
    "ingest.field.first_contact_at": ("Дата первого контакта", "Date of the first contact"),
    "ingest.field.qualified_at": ("Дата, когда лид принят продажами (SAL)", "Date sales accepted the lead (SAL)"),
    "ingest.field.status": ("Статус (для сделок: open / won / lost)", "Status (deals: open / won / lost)"),
    "ingest.field.stage": ("Этап воронки", "Funnel stage"),
    "ingest.field.won_at": ("Дата выигрыша: строка с датой считается выигранной сделкой",
                            "Won date: a row with a date counts as a won deal"),
    "ingest.field.amount": ("Сумма (бюджет сделки или расход)", "Amount (deal value or spend)"),
    "ingest.field.closed_at": ("Дата закрытия сделки", "Date the deal closed"),
    "ingest.field.lost_reason": ("Причина отказа", "Lost reason"),
    "ingest.field.entered_at": ("Когда сделка вошла в этап", "When the deal entered the stage"),
    "ingest.field.period": ("Период расхода: дата или месяц (2025-03, 03.2025, март 2025)",
                            "Spend period: a date or a month (2025-03, 03.2025, Mar 2025)"),
    "ingest.field.clicks": ("Клики", "Clicks"),
    "ingest.field.impressions": ("Показы", "Impressions"),
    "ingest.kind.leads": ("Лиды", "Leads"),
    "ingest.kind.deals": ("Сделки", "Deals"),
    "ingest.kind.stages": ("История этапов", "Stage history"),
    "ingest.kind.spend": ("Расходы на маркетинг", "Marketing spend"),
    "ingest.mode.append": ("Добавить", "Append"),
    "ingest.mode.replace": ("Заменить всё", "Replace all"),
    "ingest.mode.upsert": ("Обновить по id", "Upsert by id"),
}
