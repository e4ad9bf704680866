"""Texts of the Time page's «accuracy» tab (forecast snapshots and how right they were)."""

TEXTS = {
    "tm.accuracy.today": ("Прогноз сегодня", "Today's forecast"),
    "tm.accuracy.on_day": ("Прогноз на {day}", "Forecast as of {day}"),
    "tm.accuracy.live": ("Прогноз сейчас", "Forecast now"),
    "tm.accuracy.live_note": (
        "Считается сейчас, как разброс в Планировщике: для названных ниже месяца и квартала, с их сезонностью и "
        "оплатами, которые придут в них от лидов прошлых месяцев. Прогноз за сегодня ещё не сохранён.",
        "Worked out now, as the Planner's spread: for the month and quarter named below, with their season and "
        "the wins the leads of the months before bring into them. Today's forecast is not saved yet.",
    ),
    "tm.accuracy.weighted_on": ("Взвешенная воронка на {day}", "Weighted pipeline on {day}"),
    "tm.accuracy.weighted_not_kept": (
        "Взвешенная воронка на {day} не сохранена: в прогнозах, сохранённых задним числом, её нет.",
        "The weighted pipeline on {day} is not kept: forecasts saved back-dated do not hold it.",
    ),
    "tm.accuracy.by.daily": ("автоматически", "automatically"),
    "tm.accuracy.by.cli": ("из командной строки", "from the command line"),
    "tm.accuracy.by.demo": ("в демо-данных", "in the demo data"),
    "tm.accuracy.none": (
        "Снимков прогноза ещё нет. Приложение сохраняет прогноз само раз в день; можно сохранить и сейчас.",
        "No forecast has been saved yet. The app saves one by itself once a day; you can also save one now.",
    ),
    "tm.accuracy.no_data": (
        "Для прогноза нужны лиды или сделки: загрузите их на странице «Данные».",
        "A forecast needs leads or deals: load them on the Data page.",
    ),
    "tm.accuracy.save": ("Сохранить прогноз сейчас", "Save the forecast now"),
    "tm.accuracy.saved": (
        "Прогноз сохранён: {rows} {rows|строка|строки|строк}.",
        "Forecast saved: {rows} {rows|row|rows}.",
    ),
    "tm.accuracy.viewer": (
        "Сохранять прогноз вручную могут редакторы; раз в день приложение сохраняет его само.",
        "Editors can save a forecast by hand; the app saves one by itself once a day.",
    ),
    "tm.accuracy.horizon.month": ("Следующий месяц", "Next month"),
    "tm.accuracy.horizon.quarter": ("Следующий квартал", "Next quarter"),
    "tm.accuracy.weighted": ("Взвешенная воронка сейчас", "Weighted pipeline now"),
    "tm.accuracy.past": ("Насколько точны были прошлые прогнозы", "How right past forecasts were"),
    "tm.accuracy.past_none": (
        "Оценок пока нет: прогноз оценивается, когда закончится его месяц или квартал и данные за него будут загружены; "
        "первым оценится первый сохранённый прогноз.",
        "No scores yet: a forecast is scored once its month or quarter is over and its data is loaded; the first "
        "forecast saved is the first scored.",
    ),
    "tm.accuracy.unscorable": (
        "Периоды прошлых прогнозов прошли, но оценить нечего: у этих прогнозов не было числа («—»), данным не хватало "
        "сделок с суммами. Оценки появятся для прогнозов, сохранённых после загрузки сделок.",
        "The past forecasts' periods are over, but there is nothing to score: those forecasts had no figure (“—”), "
        "the data lacked deals with amounts. Scores appear for forecasts saved after deals are uploaded.",
    ),
    "tm.accuracy.waiting": (
        "Ни один прогноз ещё не дождался своего периода: первая оценка появится, когда закончится {period} и данные за него будут загружены.",
        "No forecast's period has passed yet: the first score comes once {period} is over and its data is loaded.",
    ),
    "tm.accuracy.mape": ("Средняя ошибка (по периодам)", "Average error (per period)"),
    "tm.accuracy.wape": ("Средняя ошибка (взвешенная)", "Average error (weighted)"),
    "tm.accuracy.bias_high": ("Прогнозы были в среднем на {pct} выше факта.", "Forecasts were {pct} high on average."),
    "tm.accuracy.bias_low": ("Прогнозы были в среднем на {pct} ниже факта.", "Forecasts were {pct} low on average."),
    "tm.accuracy.bias_none": ("В среднем прогнозы совпали с фактом.", "On average forecasts matched the actual."),
    "tm.accuracy.coverage": ("Факт в коридоре прогноза", "Actual inside the forecast's range"),
    "tm.accuracy.coverage_note": (
        "Коридор прогноза (от пессимистичного до оптимистичного прогноза) удержал факт в {held} из {n} периодов (у честного прогноза — около 8 из 10).",
        "The forecast's range (pessimistic to optimistic) held the actual in {held} of {n} periods (an honest forecast: about 8 in 10).",
    ),
    "tm.accuracy.chart_horizon": ("График прогноза и факта", "Forecast and actual, chart"),
    "tm.accuracy.chart": ("Прогноз и факт: {horizon}", "Forecast and actual: {horizon}"),
    "tm.accuracy.band": ("Коридор: 8 случаев из 10", "Range: 8 times in 10"),
    "tm.accuracy.range": ("Коридор: {low} – {high}", "Range: {low} – {high}"),
    "tm.accuracy.actual": ("Факт", "Actual"),
    "tm.accuracy.period": ("Период", "Period"),
    "tm.accuracy.scored": ("Оценено периодов", "Periods scored"),
    "tm.accuracy.part.chart": ("Прогноз и факт", "Forecast and actual"),
    "tm.accuracy.part.owners": ("По менеджерам: следующий месяц", "By owner: next month"),
    "tm.accuracy.part.snapshots": ("Все сохранённые прогнозы", "Every saved forecast"),
    "tm.accuracy.col.taken_at": ("Сохранён", "Saved"),
    "tm.accuracy.col.horizon": ("Горизонт", "Horizon"),
    "tm.accuracy.col.period": ("Период", "Period"),
    "tm.accuracy.col.owner": ("Менеджер", "Owner"),
    "tm.accuracy.col.actual": ("Факт", "Actual"),
    "tm.accuracy.col.error": ("Ошибка", "Error"),
    "tm.accuracy.col.held": ("В коридоре", "In band"),
    "tm.accuracy.col.weighted": ("Взвешенная воронка", "Weighted pipeline"),
    "tm.accuracy.total": ("Все", "Everyone"),
    "tm.accuracy.yes": ("да", "yes"),
    "tm.accuracy.no": ("нет", "no"),
    "tm.accuracy.wait": ("ждём", "waiting"),
    "tm.accuracy.err.no_data": (
        "В пространстве ещё нет данных для прогноза: сначала загрузите лиды или сделки.",
        "The workspace has no data to forecast from yet: load leads or deals first.",
    ),
    "tm.accuracy.data_through": (
        "Данные по {day}: «следующий месяц» прогноза — {month}, первый, который начнётся и после сегодняшнего "
        "дня, и после последнего дня данных. Разброс в Планировщике — за этот же месяц.",
        "Data through {day}: the forecast's “next month” is {month}, the first to begin after both today and "
        "the data's last day. The Planner's spread is for the same month.",
    ),
    "tm.accuracy.owners_note": (
        "Вероятные прогнозы менеджеров не складываются в общий: середина суммы не равна сумме середин, а в таблице только "
        "самые крупные менеджеры (не больше {n}); остальные и сделки без менеджера входят только в общий прогноз.",
        "The owners' likely estimates do not add up to the total's: the middle of a sum is not the sum of the middles, and the "
        "table holds only the largest owners (at most {n}); the rest and deals with no owner are only in the total.",
    ),
    # The money figure in the Planner's own word, {figure} (planner.target.turnover, «Оборот» /
    # "Turnover"; {figure_lower} inside a sentence): the tab forecasts and scores the Planner's
    # figure, and named it «выручка» in Russian and "turnover" in English in one sentence
    # (review #16). Nominative only, so the sentence reads whichever word the Planner uses.
    "tm.accuracy.taken_figure": (
        "Снимок прогноза от {when} ({who}). Прогноз строится так же, как в Планировщике: по данным за последние 12 "
        "месяцев; в 8 случаях из 10 {figure_lower} окажется между пессимистичным и оптимистичным прогнозом.",
        "Forecast saved on {when} ({who}). It is the Planner's forecast on the last 12 months of data; 8 times out "
        "of 10 {figure_lower} lands between the pessimistic and the optimistic estimate.",
    ),
    "tm.accuracy.nothing_to_save_figure": (
        "Сохранять пока нечего: {figure_lower} прогнозируется по выигранным сделкам с суммой, а в последних "
        "12 месяцах данных их нет.",
        "Nothing to save yet: {figure_lower} is forecast from won deals with amounts, and the data's last 12 months "
        "hold none.",
    ),
    "tm.accuracy.past_none_unpriced_figure": (
        "Оценок нет: {figure_lower} прогнозируется по выигранным сделкам с суммой, а без прогноза оценивать "
        "нечего. Загрузите такие сделки на странице «Данные».",
        "No scores: {figure_lower} is forecast from won deals with amounts, and without a forecast there is "
        "nothing to score. Upload such deals on the Data page.",
    ),
    "tm.accuracy.scored_note_figure": (
        "Каждый период оценивается один раз — по последнему прогнозу, сохранённому до его начала. Факт — "
        "{figure_lower}: сумма выигранных сделок по дате закрытия. Ошибка — насколько вероятный прогноз разошёлся с "
        "фактом, в процентах от факта; если в каком-то периоде факт почти нулевой, ошибка считается по всем "
        "периодам вместе: все промахи без учёта знака, делённые на весь факт. Так же считает вкладка «Проверка» "
        "Планировщика.",
        "Each period is scored once, by the last forecast saved before it began. Actual: {figure_lower}, the "
        "amount of the deals won, by closing date. Error = (likely estimate − actual) ÷ actual; when some period's "
        "actual is near zero, the weighted error is used: the errors' sum without signs ÷ the actuals' sum. The "
        "Planner's “Backtest” tab scores the same way.",
    ),
    "tm.accuracy.axis_figure": ("{figure}, {cur}", "{figure}, {cur}"),
}
