"""The Time page's «flow» tab: how the pipeline moved between two dates."""

TEXTS = {
    "tm.flow.intro": (
        "Как изменилась воронка между двумя датами: что было в работе в начале дня A, что добавилось, "
        "что выиграно и проиграно, какие сделки сдвинулись по этапам и срокам, и что в работе в конце дня B.",
        "How the pipeline moved between two dates: what was open at the start of day A, what came in, "
        "what was won and lost, which deals moved stage or close date, and what is open at the end of day B.",
    ),
    "tm.flow.link_bad": (
        "Даты A и B из ссылки не прочитаны (нужны два дня ГГГГ-ММ-ДД, A не позже B): показано окно по умолчанию.",
        "The link's dates A and B could not be read (two days as YYYY-MM-DD, A not after B are expected): the "
        "default window is shown.",
    ),
    "tm.flow.start": ("Дата A (начало)", "Date A (start)"),
    "tm.flow.end": ("Дата B (конец)", "Date B (end)"),
    "tm.flow.bad_window": (
        "Дата A позже даты B. Выберите A не позже B.",
        "Date A is after date B. Pick an A on or before B.",
    ),
    "tm.flow.no_deals": (
        "Сделок с датами нет: загрузите сделки с датой создания (или историю этапов) на странице «Данные».",
        "There are no dated deals: load deals with a creation date (or stage history) on the Data page.",
    ),
    "tm.flow.empty": (
        "В эти даты в работе не было ни одной сделки, и новых не появилось.",
        "No deal was open on these dates, and none was created.",
    ),
    "tm.flow.undated": (
        "Без даты создания или закрытия, поэтому не учтены: {n}.",
        "Left out for want of a creation or close date: {n}.",
    ),
    "tm.flow.no_moves": (
        "Ни истории этапов, ни нескольких загрузок сделок нет: движение по этапам и срокам не видно, "
        "такие сделки показаны как «без изменений». Загрузите историю этапов или выгружайте сделки регулярно.",
        "There is no stage history and no deals file loaded more than once, so moves of stage or close date "
        "cannot be seen and such deals show as unchanged. Load stage history, or load the deals file regularly.",
    ),
    "tm.flow.no_history": (
        "Истории этапов нет: этапы на даты A и B взяты из загрузок сделок (каждая загрузка — снимок на свой день).",
        "There is no stage history: stages at A and B come from the deals uploads (each a snapshot of its day).",
    ),
    "tm.flow.no_amounts": (
        "У сделок нет сумм, поэтому движение показано только в штуках. Добавьте сумму сделки в файл сделок.",
        "The deals have no amounts, so the flow is shown in deals only. Add the deal amount to the deals file.",
    ),
    "tm.flow.open_a_metric": ("В работе на начало A", "Open at the start of A"),
    "tm.flow.open_b_metric": ("В работе на конец B", "Open at the end of B"),
    "tm.flow.deals_n": ("сделок: {n}", "deals: {n}"),
    "tm.flow.measure": ("Показать", "Show"),
    "tm.flow.measure.deals": ("Сделки, шт.", "Deals"),
    "tm.flow.measure.amount": ("Сумма", "Amount"),
    "tm.flow.by": ("Разрез", "Split by"),
    "tm.flow.by.owner": ("По менеджерам", "By owner"),
    "tm.flow.by.stage": ("По этапам на дату A", "By stage at A"),
    "tm.flow.part.waterfall": ("Изменения от A к B", "Changes from A to B"),
    "tm.flow.part.sankey": ("Переходы между этапами", "Moves between stages"),
    "tm.flow.part.table": ("По менеджерам и этапам", "By owner and stage"),
    "tm.flow.part.deals": ("Сделки за стрелкой", "Deals behind an arrow"),
    "tm.flow.sankey": ("Этап на A → этап на B", "Stage at A → stage at B"),
    "tm.flow.chart": ("Воронка от A к B", "Pipeline from A to B"),
    "tm.flow.axis_deals": ("Сделки", "Deals"),
    "tm.flow.axis_money": ("Сумма, {currency}", "Amount, {currency}"),
    "tm.flow.step.open_a": ("В работе на A", "Open at A"),
    "tm.flow.step.new": ("Созданы за период", "Created in the window"),
    "tm.flow.step.won": ("Выиграны", "Won"),
    "tm.flow.step.lost": ("Проиграны", "Lost"),
    "tm.flow.step.value_up": ("Сумма выросла", "Value up"),
    "tm.flow.step.value_down": ("Сумма снизилась", "Value down"),
    "tm.flow.step.open_b": ("В работе на B", "Open at B"),
    "tm.flow.cat.won": ("Выиграны", "Won"),
    "tm.flow.cat.lost": ("Проиграны", "Lost"),
    "tm.flow.cat.new": ("Новые, ещё в работе", "New, still open"),
    "tm.flow.cat.regressed": ("Откатились назад", "Moved back"),
    "tm.flow.cat.progressed": ("Продвинулись", "Moved on"),
    "tm.flow.cat.pushed": ("Срок сдвинут позже", "Close pushed later"),
    "tm.flow.cat.pulled": ("Срок сдвинут раньше", "Close pulled in"),
    "tm.flow.cat.unchanged": ("Без изменений", "Unchanged"),
    "tm.flow.col.grp_owner": ("Менеджер", "Owner"),
    "tm.flow.col.grp_stage": ("Этап на A", "Stage at A"),
    "tm.flow.col.total": ("Всего", "Total"),
    "tm.flow.table": ("Что стало со сделками", "What happened to the deals"),
    "tm.flow.rule": (
        "Каждая сделка учтена один раз, по первому подходящему: выиграна, проиграна, новая, откатилась назад, "
        "продвинулась, срок сдвинут позже, срок сдвинут раньше, без изменений. Так сделка, которая откатилась "
        "на этап назад, а потом была выиграна, — выиграна. Суммы — на конец дня B (у закрытых — сумма закрытия). "
        "Для новых сделок этап — тот, с которого они начались.",
        "Each deal counts once, by the first that applies: won, lost, new, moved back, moved on, close pushed "
        "later, close pulled in, unchanged. So a deal that slipped back a stage and then won counts as won. "
        "Amounts are as at the end of day B (a closed deal: what it closed with). A new deal's stage is the one "
        "it started at.",
    ),
    "tm.flow.waterfall_note": (
        "На графике новые, выигранные и проигранные — все такие сделки за период, даже созданные и закрытые в нём; "
        "в работе на A вместе с изменениями даёт то, что в работе на B.",
        "The chart's new, won and lost are every such deal of the window, even those created and closed in it; "
        "open at A + the changes = open at B.",
    ),
    "tm.flow.pick": ("Сделки за стрелкой", "Deals behind the arrow"),
    "tm.flow.list_empty": ("Таких сделок нет.", "No such deals."),
    "tm.flow.col.deal": ("Сделка", "Deal"),
    "tm.flow.col.owner": ("Менеджер", "Owner"),
    "tm.flow.col.category": ("Что произошло", "What happened"),
    "tm.flow.col.stage_a": ("Этап на A", "Stage at A"),
    "tm.flow.col.stage_b": ("Этап на B", "Stage at B"),
    "tm.flow.col.amount_a": ("Сумма на A", "Amount at A"),
    "tm.flow.col.amount_b": ("Сумма на B", "Amount at B"),
    "tm.flow.col.close_a": ("Ожидаемое закрытие на A", "Expected close at A"),
    "tm.flow.col.close_b": ("Ожидаемое закрытие на B", "Expected close at B"),
    "tm.flow.col.created": ("Создана", "Created"),
    "tm.flow.col.closed": ("Закрыта", "Closed"),
}
