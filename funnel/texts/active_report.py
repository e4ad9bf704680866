"""Texts of the active-sales section of the plan report (HTML, PDF, XLSX). (ru, en).

The planner tab's own texts are in funnel/texts/active.py; these keys start with
``active_report.`` so the two never collide."""

TEXTS = {
    "active_report.title": ("Активные продажи", "Active sales"),
    "active_report.sheet.functions": ("Активные продажи — службы", "Active sales — functions"),
    "active_report.sheet.steps": ("Активные продажи — шаги", "Active sales — steps"),
    "active_report.sheet.months": ("Активные продажи — по месяцам", "Active sales — by month"),
    # functions
    "active_report.fn.marketing": ("Маркетинг", "Marketing"),
    "active_report.fn.calls": ("Колл-центр", "Call centre"),
    "active_report.fn.sales": ("Менеджеры по продажам", "Sales managers"),
    "active_report.fn.management": ("Руководство", "Management"),
    # steps
    "active_report.step.base": ("База контактов", "Prospect base"),
    "active_report.step.verified": ("Проверенные контакты", "Verified contacts"),
    "active_report.step.mailed": ("Рассылка доставлена", "Mailed"),
    "active_report.step.called": ("Звонок после рассылки", "Follow-up call"),
    "active_report.step.meeting": ("Встреча", "Meeting"),
    "active_report.step.proposal": ("Коммерческое предложение", "Proposal"),
    "active_report.step.contract": ("Договор", "Contract"),
    "active_report.step.paid": ("Оплата", "Payment"),
    # columns
    "active_report.col.function": ("Служба", "Function"),
    "active_report.col.people": ("Людей", "People"),
    "active_report.col.exact": ("Нужно по работе", "Needed by the work"),
    "active_report.col.load": ("Загрузка", "Load"),
    "active_report.col.exact_forward": ("Нужно на всю базу", "Needed for the whole base"),
    "active_report.col.load_forward": ("Загрузка от всей базы", "Load by the whole base"),
    "active_report.col.cost": ("Стоимость в месяц", "Cost a month"),
    "active_report.col.step": ("Шаг", "Step"),
    "active_report.col.volume": ("В месяц", "A month"),
    "active_report.col.month": ("Месяц", "Month"),
    "active_report.col.costs": ("Затраты", "Costs"),
    "active_report.col.revenue": ("Оборот", "Turnover"),
    "active_report.col.gross_profit": ("Валовая прибыль", "Gross profit"),
    "active_report.col.result": ("Результат месяца", "Month's result"),
    "active_report.col.cumulative": ("Накопленный итог", "Cumulative"),
    # headline figures
    "active_report.out.contracts": ("Договоров в месяц", "Contracts a month"),
    "active_report.out.paid": ("Оплат в месяц", "Payments a month"),
    "active_report.out.turnover": ("Оборот в месяц", "Turnover a month"),
    "active_report.out.gross_profit": ("Валовая прибыль в месяц", "Gross profit a month"),
    "active_report.out.costs": ("Затраты в месяц", "Costs a month"),
    "active_report.out.profit": ("Прибыль в месяц", "Profit a month"),
    "active_report.out.people": ("Людей во всех службах", "People in all functions"),
    "active_report.out.payback": ("Окупаемость, месяц", "Pays back in month"),
    # sentences
    "active_report.forward": (
        "Прямой расчёт: от базы контактов и штата.",
        "Forward: from the prospect base and the staff.",
    ),
    "active_report.reverse": ("Обратный расчёт: цель — {target}.", "Reverse: the target is {target}."),
    "active_report.target.contracts": (
        "{value} {value|договор|договора|договоров} в месяц",
        "{value} {value|contract|contracts} a month",
    ),
    "active_report.target.turnover": ("оборот {value} в месяц", "a turnover of {value} a month"),
    "active_report.target.profit": ("прибыль {value} в месяц", "a profit of {value} a month"),
    "active_report.bottleneck": (
        "Узкое место — {function}: загрузка {load}; при росте цели ещё один человек первым понадобится именно здесь.",
        "The bottleneck is {function}: load {load}; as the target grows, it is the first to need another person.",
    ),
    "active_report.bottleneck_forward": (
        "Узкое место — {function}: загрузка {load}, поток по всей цепочке ограничен ею.",
        "The bottleneck is {function}: load {load}; it limits the flow of the whole chain.",
    ),
    "active_report.worked": (
        "В работу идёт {worked} из {base} контактов базы в месяц; потребность и загрузка служб"
        " в таблице указаны для всей базы.",
        "The chain works {worked} of the base's {base} contacts a month; the functions' needs and"
        " loads in the table are for the whole base.",
    ),
    "active_report.no_bottleneck": (
        "Ни одна служба не перегружена: поток ограничивает база контактов.",
        "No function is overloaded: the prospect base is the limit.",
    ),
    "active_report.payback": (
        "Окупается в месяце {month} (накопленный результат становится не меньше нуля).",
        "Pays back in month {month} (the cumulative result reaches zero or more).",
    ),
    "active_report.no_payback": (
        "Не окупается за {horizon} {horizon|месяц|месяца|месяцев}.",
        "Does not pay back within {horizon} {horizon|month|months}.",
    ),
    "active_report.unreachable": (
        "Цель недостижима при этих конверсиях, чеке и марже: людей и объёмы не считаем.",
        "The target cannot be reached with these conversions, deal size and margin: no people or volumes are shown.",
    ),
    "active_report.cycle": (
        "Деньги приходят через {days} {days|день|дня|дней} после первого контакта (цикл сделки).",
        "Money arrives {days} {days|day|days} after the first contact (the cycle).",
    ),
    # after active_report.cycle: how a month's turnover arrives (funnel.model.active_money.arrival)
    "active_report.arrival_two": (
        "Контакты берутся в работу в течение всего месяца, поэтому оборот месяца приходит двумя частями: "
        "{first_share} — {first_when}, {second_share} — {second_when}; полный оборот месяца — с месяца {full}.",
        "Contacts are taken into work all through the month, so a month's turnover arrives in two parts: "
        "{first_share} {first_when} and {second_share} {second_when}; a full month's turnover from month {full}.",
    ),
    "active_report.arrival_one": ("Оборот месяца приходит {when}.", "A month's turnover arrives {when}."),
    "active_report.nobody": ("нет людей", "nobody"),
    "active_report.fixed": ("постоянный состав", "fixed team"),
    "active_report.ramp": (
        "Новые люди выходят на полную выработку за {n} {n|месяц|месяца|месяцев} (равномерно от нуля): это учтено "
        "в таблице по месяцам и в окупаемости; цифры в месяц — при полной выработке.",
        "New people reach full output in {n} {n|month|months} (evenly from nothing): the months table and the "
        "payback count it; the figures a month are at full output.",
    ),
    # the month chart
    "active_report.chart.title": ("Активные продажи по месяцам", "Active sales by month"),
}

# `python -m funnel plan --active`'s text table (funnel/cli/plan_text.py, active_table), in --lang;
# the rest of its words are the report's above.
TEXTS.update(
    {
        "active_report.cli.title": ("Активные продажи: {mode}", "Active sales: {mode}"),
        "active_report.cli.forward": ("прямой расчёт от базы и штата", "forward, from the base and the staff"),
        "active_report.cli.reverse": ("обратный расчёт, цель — {target}", "reverse, the target is {target}"),
        "active_report.cli.bottleneck": ("Узкое место: {function}", "Bottleneck: {function}"),
        "active_report.cli.no_bottleneck": (
            "Узкого места среди служб нет: поток ограничивает база контактов",
            "No bottleneck among the functions: the base is the limit",
        ),
        "active_report.cli.worked": (
            "В работу идёт {worked} из {base} контактов базы в месяц (потребность и загрузка — для всей базы)",
            "Worked: {worked} of {base} contacts a month (needed and load: for the whole base)",
        ),
        "active_report.cli.steps": ("Шаги в месяц: {steps}", "Steps a month: {steps}"),
        "active_report.cli.payback": ("Окупаемость: {month}-й месяц", "Pays back in month {month}"),
    }
)
