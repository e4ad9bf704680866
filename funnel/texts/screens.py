"""Texts of the screens' frame: chart axes, presenter mode, notes on partial data. (ru, en)."""

TEXTS = {
    # chart axes: what a value axis counts
    "axis.days": ("Рабочих дней", "Working days"),
    "axis.deals": ("Сделок", "Deals"),
    "axis.money": ("Сумма, {currency}", "Amount, {currency}"),
    "axis.share_of_first": ("Доля от первого этапа", "Share of the first stage"),
    "axis.turnover": ("Оборот в месяц, {currency}", "Turnover per month, {currency}"),
    "axis.turnover_change": ("Изменение, {currency}", "Change, {currency}"),
    "axis.months_count": ("Возможных месяцев", "Possible months"),
    "axis.conversion": ("Конверсия, %", "Conversion, %"),
    "axis.month": ("Месяц", "Month"),
    "axis.stage": ("Этап", "Stage"),
    # the Funnel page's tabs
    "fn.tab.funnel": ("Воронка и время", "Funnel and time"),
    "fn.tab.stalled": ("Зависшие", "Rotting"),
    "fn.tab.lost": ("Отказы", "Lost deals"),
    "fn.tab.breakdown": ("В разрезе", "Side by side"),
    "fn.tab.speed": ("Скорость", "Speed"),
    # partial data
    "an.help.unknown": (
        "Данные этого не дают: нет сделок или у сделок нет сумм. Что загрузить, сказано выше.",
        "The data cannot give this: there are no deals, or the deals have no amounts. What to upload is said above.",
    ),
    "planner.no_waterfall": (
        "Оборота нет ни в базе, ни в плане: задайте средний чек (у сделок в данных нет сумм), и здесь появится "
        "путь от базы к плану.",
        "There is no turnover in the baseline or the plan: set the average deal size (the deals in the data have no "
        "amounts), and the way from baseline to plan appears here.",
    ),
    # presenter mode (the Workshop on a projector)
    "presenter.open": ("Режим показа", "Presenter mode"),
    "presenter.open_help": (
        "Во весь экран, крупные цифры, без боковой панели. Выход — кнопкой «Выйти» или клавишей Esc.",
        "Full screen, large figures, no sidebar. Leave with the “Leave” button or the Esc key.",
    ),
    "presenter.leave": ("Выйти из режима показа", "Leave presenter mode"),
    "presenter.basis": (
        "{workspace}. {base} Валюта: {currency}",
        "{workspace}. {base} Currency: {currency}",
    ),
}
