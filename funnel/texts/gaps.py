"""Texts of partial workspaces (spend, deals or leads only): what the data does not give, what
shows "—" because of it, and the step that fixes it (funnel.model.gaps). (ru, en)"""

TEXTS = {
    # a lever the data does not give, inside a sentence
    "gaps.lever.leads": ("лиды в месяц", "leads a month"),
    "gaps.lever.conversion": ("конверсию", "the conversion"),
    "gaps.lever.avg_check": ("средний чек", "the average deal size"),
    "gaps.lever.cpl": ("цену лида", "the cost per lead"),
    "gaps.lever.sellers": ("число продавцов", "the number of sellers"),  # the Workshop's fourth lever
    # deals without leads (ui.views.planner.gaps.WORDS_BY_SOURCE)
    "gaps.lever.win_rate": ("долю выигранных сделок", "the win rate"),
    "gaps.lever.deal_in_cost": ("цену сделки на входе в воронку", "the cost per deal entering the pipeline"),
    # the file (and column) that gives it, on the Data page
    "gaps.file.leads": ("лиды (номер, дата, канал)", "leads (id, date, channel)"),
    "gaps.file.conversion": ("сделки со статусом и датой закрытия", "deals with a status and a closing date"),
    "gaps.file.avg_check": ("сделки с колонкой суммы", "deals with an amount column"),
    "gaps.file.cpl": ("расходы (канал, период, сумма)", "spend (channel, period, amount)"),
    "gaps.file.sellers": ("лиды или сделки с ответственным", "leads or deals with an owner"),
    # What the data does not give, said first wherever a page meets it (ui.views.planner.lacking):
    # the Planner then shows "—", the Workshop the method's example, marked as one (issue #16)
    "gaps.lacking": ("Данные не дают {levers}", "The data does not give {levers}"),
    # a headline figure, inside a sentence
    "gaps.fig.turnover": ("оборот", "turnover"),
    "gaps.fig.deals": ("сделки", "deals"),
    "gaps.fig.budget": ("бюджет", "budget"),
    "gaps.fig.profit": ("прибыль", "profit"),
    # {figures}: the headline's figures still "—" in the plan as it is now (typed levers counted);
    # the Russian says it without agreeing with them (one figure or several, any gender)
    "gaps.missing": (
        "{lacking}, поэтому пока не посчитано («—»): {figures}. Введите их в рычагах или загрузите на "
        "странице «Данные»: {files}.",
        "{lacking}, so {figures} {n|shows|show} “—”. Type them in the levers, or upload {files} on the Data page.",
    ),
    # spend only: the spend is the budget until both leads and a CPL are typed (funnel.model.gaps)
    "gaps.spend_only": (
        "В данных только расходы — они и есть бюджет плана: {budget} в месяц.",
        "The data holds spend only: it is the plan's budget, {budget} a month.",
    ),
    "gaps.spend_only_rest": (
        "{lacking}, поэтому пока не посчитано («—»): {figures}. Введите {levers} в рычагах или загрузите лиды "
        "и сделки с суммой на странице «Данные».",
        "{lacking}, so {figures} {n|shows|show} “—”: type {levers} in the levers, or upload leads and deals "
        "with amounts on the Data page.",
    ),
    "gaps.spend_only_rule": (
        "Бюджетом станут лиды × цена лида, когда будут введены и лиды, и цена лида.",
        "The budget becomes leads × the cost per lead once both the leads and the cost per lead are typed.",
    ),
    "gaps.spend_only_typed": (
        "В данных только расходы ({budget} в месяц); бюджет плана — введённые лиды × цена лида.",
        "The data holds spend only ({budget} a month); the plan's budget is the leads × the cost per lead typed.",
    ),
    "gaps.caption_spend": (
        "{base} Расходы {spend} ÷ {months} = {budget} в месяц — бюджет плана; "
        "лидов в данных нет, цену лида считать не из чего.",
        "{base} Spend {spend} ÷ {months} = {budget} a month, "
        "the plan's budget; there are no leads in the data to price a lead by.",
    ),
    "gaps.no_waterfall": (
        "Путь от базы к плану появится, когда будет оборот: введите {levers}.",
        "The way from baseline to plan appears once there is a turnover: type {levers}.",
    ),
    # no figure of the plan's own (funnel.model.gaps.nothing_known): {figures} still "—" (three at
    # least), {levers} the ones to type
    "gaps.no_export_result": (
        "Выгружать пока нечего: {figures} плана не посчитаны («—»). Введите {levers} в рычагах выше, и здесь "
        "появятся отчёты HTML, PDF и XLSX.",
        "Nothing to export yet: the plan's {figures} are not worked out (“—”). Type {levers} in the levers "
        "above, and the HTML, PDF, and XLSX reports appear here.",
    ),
    "gaps.no_base_turnover": (
        "Пути от базы к плану нет: у базы нет оборота, от которого начать (данные его не дают). Оборот "
        "плана — {turnover} в месяц.",
        "There is no way from baseline to plan: the baseline has no turnover to start from (the data does "
        "not give it). The plan's turnover is {turnover} a month.",
    ),
    "gaps.fc.no_revenue": (
        "Оборота для прогноза нет: введите {levers} в рычагах или загрузите на странице «Данные» "
        "{files} — тогда здесь появятся разброс, чувствительность и прогноз на 12 месяцев.",
        "There is no turnover to forecast: type {levers} in the levers, or upload {files} on the Data "
        "page; the spread, the sensitivity and the 12-month projection then appear here.",
    ),
    "gaps.fc.no_open": (
        "Открытых сделок в данных нет, взвешенной воронки нет: загрузите сделки с этапами на странице «Данные».",
        "There are no open deals in the data, so there is no weighted pipeline: upload deals with stages "
        "on the Data page.",
    ),
    "gaps.fc.no_amounts": (
        "У открытых сделок нет сумм, поэтому сумма и взвешенная воронка не посчитаны («—»): загрузите сделки с колонкой "
        "суммы на странице «Данные».",
        "The open deals have no amounts, so their value and the weighted pipeline show “—”: upload deals "
        "with an amount column on the Data page.",
    ),
    "gaps.bt.no_revenue": (
        "Проверять не на чем: в истории нет оборота (нет выигранных сделок с суммой). Загрузите сделки "
        "с суммой и датой закрытия на странице «Данные».",
        "There is nothing to check against: the history has no turnover (no won deals with an amount). "
        "Upload deals with an amount and a closing date on the Data page.",
    ),
    "gaps.ch.compare_no_deals": (
        "Сравнивать конверсию каналов не из чего: в данных нет сделок. Загрузите сделки (номер, лид, статус, "
        "дата закрытия) на странице «Данные».",
        "There is no conversion to compare: the data has no deals. Upload deals (id, lead, status, closing "
        "date) on the Data page.",
    ),
    "gaps.cap.no_conversion": (
        "Кривой конверсии нет: данные не дают конверсию. Введите её в рычагах или загрузите сделки со "
        "статусом и датой закрытия на странице «Данные».",
        "There is no conversion curve: the data does not give the conversion. Type it in the levers, or "
        "upload deals with a status and a closing date on the Data page.",
    ),
}
