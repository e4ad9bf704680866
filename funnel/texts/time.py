"""The Time page: its tabs. Each tab's own texts live in funnel/texts/time_<tab>.py."""

TEXTS = {
    "tm.tab.maturity": ("Когорты", "Cohort maturity"),
    "tm.tab.convert": ("Время до сделки", "Time to convert"),
    "tm.tab.flow": ("Движение воронки", "Pipeline flow"),
    "tm.tab.rotting": ("Зависшие сделки", "Rotting deals"),
    "tm.tab.accuracy": ("Точность прогноза", "Forecast accuracy"),
    "tm.tab.goals": ("Цели и темп", "Goals and pacing"),
    "tm.tab.drivers": ("Факторы успеха", "What wins deals"),
    "tm.part": ("Показать", "Show"),  # a tab's segmented control (ui.views.time.look.part); its label is hidden
    "tm.todo": ("Раздел в работе.", "Being built."),
}
