"""Texts of the plan report (HTML, PDF, XLSX) and of table downloads. (ru, en)."""

TEXTS = {
    "report.col.rate": ("Конверсия", "Conversion"),
    "report.col.conversion": ("Конверсия", "Conversion"),
    "report.col.month": ("Месяц", "Month"),
    "report.col.lever": ("Рычаг", "Lever"),
    "report.col.low": ("Рычаг −10 %", "Lever −10%"),
    "report.col.high": ("Рычаг +10 %", "Lever +10%"),
    "report.col.delta_low": ("Изменение при −10 %", "Change at −10%"),
    "report.col.delta_high": ("Изменение при +10 %", "Change at +10%"),
    "report.col.figure": ("Показатель", "Figure"),
    "report.col.value": ("Значение", "Value"),
    "report.table.sensitivity": ("Чувствительность", "Sensitivity"),
    "report.table.projection": ("Прогноз на 12 месяцев", "12 months ahead"),
    "report.table.pipeline": ("Взвешенная воронка", "Weighted pipeline"),
    "report.lead": ("Лид", "Lead"),
    "report.yes": ("да", "yes"),
    "report.no": ("нет", "no"),
    "report.pdf": ("Отчёт PDF", "PDF report"),
    "report.pdf_failed": (
        "PDF не получился: {reason}. Отчёт HTML содержит то же самое.",
        "The PDF could not be made: {reason}. The HTML report holds the same.",
    ),
    "report.no_chromium": (
        "для PDF нужен браузер Chromium на сервере ({path} не найден)",
        "a PDF needs the Chromium browser on the server ({path} not found)",
    ),
    "report.sheet.data": ("Данные", "Data"),
    "report.sheet.economics": ("Экономика каналов", "Channel economics"),
    "report.sheet.channel_changes": ("Изменения по каналам", "Channel changes"),
    "report.sheet.plan_fact": ("План и факт", "Plan vs actual"),
    "report.sheet.funnel": ("Воронка", "Funnel"),
    "report.sheet.funnel_steps": ("Переходы между этапами", "Steps between stages"),
    "report.sheet.stage_times": ("Время на этапах", "Time in stage"),
    "report.sheet.stalled_deals": ("Зависшие сделки", "Stalled deals"),
    "report.sheet.lost_reasons": ("Причины отказов", "Lost reasons"),
    "report.sheet.funnel_breakdown": ("Воронка в разрезе", "Funnel breakdown"),
    "report.sheet.speed": ("Скорость", "Speed"),
    "report.sheet.monthly_trend": ("По месяцам", "By month"),
    # a plan's deals a month with their decimal (31,8): the Planner's card says it in its help
    # (planner.m.deals_average_help); the report, the workbook and `plan`'s table say it too
    "report.deals_average": (
        "в среднем за месяц, поэтому с дробью: оборот = сделки × средний чек",
        "a monthly average, hence the decimal: turnover = deals × average deal size",
    ),
    "report.cli.deals_average": ("{label} — {note}.", "{label} — {note}."),
}
