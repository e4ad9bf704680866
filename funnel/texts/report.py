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
}
