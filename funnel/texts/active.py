"""Texts of the planner's «Active sales» tab (DOMAIN.md §7–8: outbound sales as a chain of
functions) and of the Workshop's two cases from practice."""

TEXTS = {
    "planner.tab.active": ("Активные продажи", "Active sales"),
    "active.intro": (
        "Исходящие продажи как цепочка: база → проверенные контакты → письмо → звонок → встреча → КП → договор → оплата. "
        "У каждого шага своя конверсия, у каждой службы — своя производительность, поэтому из цели следует, "
        "сколько людей нужно в каждой службе, сколько это стоит и в каком месяце система окупится.",
        "Outbound sales as a chain: base → verified contacts → letter → call → meeting → proposal → contract → payment. "
        "Each step has its conversion and each function its productivity, so the target tells how many people "
        "each function needs, what they cost and in which month the system pays back.",
    ),
    "active.reverse": ("От цели", "From a target"),
    "active.reverse_help": (
        "Выключено: сколько договоров даст база при нынешнем штате. Включено: сколько людей и базы нужно под цель.",
        "Off: what the base gives with the staff you have. On: the people and base a target needs.",
    ),
    "active.target_kind": ("Цель в месяц", "Target a month"),
    "active.target.contracts": ("Договоры", "Contracts"),
    "active.target.turnover": ("Оборот", "Turnover"),
    "active.target.profit": ("Прибыль", "Profit"),
    "active.target_value": ("Значение цели", "Target value"),
    "active.from_data": ("Вернуть значения из данных", "Back to the data's values"),
    # the data gives none of the chain's inputs: the button brings back the example it starts from
    "active.from_example": ("Вернуть пример для начала", "Back to the starting example"),
    "active.from_example_help": (
        "Данные не дают ни одного значения этой цепочки, поэтому вернуть из них нечего: кнопка возвращает пример, "
        "с которого начинается вкладка.",
        "The data gives no value for this chain, so there is nothing to bring back from it: the button brings back "
        "the example the tab starts from.",
    ),
    "active.from_example_same": (
        "Данные не дают ни одного значения этой цепочки, а значения ниже — и есть пример для начала: возвращать нечего.",
        "The data gives no value for this chain, and the values below are the starting example: nothing to bring back.",
    ),
    "active.origin": (
        "Из ваших данных: {fields}. Остальные значения — пример для начала: замените их своими.",
        "From your data: {fields}. Every other value is an example to start from: put in your own.",
    ),
    "active.origin_none": (
        "Данные не дают ни одного значения для этой цепочки: все значения — пример для начала, замените их своими.",
        "The data gives no value for this chain: every value is an example to start from; put in your own.",
    ),
    "active.origin_preset": (
        "Открыт случай из практики: {name}. Суммы в нём — в долларах США, как в источнике, и показаны в долларах, пока "
        "случай открыт (без пересчёта в валюту рабочего пространства: курс тех лет — догадка, а окупаемость от валюты "
        "не зависит). Значения — пример, их можно менять; {back}",
        "A case from practice is open: {name}. Its amounts are in US dollars, as in the source, and are shown in "
        "dollars while the case is open (not converted to the workspace's currency: a rate of those years would be a "
        "guess, and the payback does not depend on the currency). The values are an example to change freely; {back}",
    ),
    "active.origin_preset_back": (
        "кнопка справа вернёт значения из данных.",
        "the button on the right brings back the data's values.",
    ),
    "active.origin_preset_back_example": (
        "данные не дают ни одного значения этой цепочки, и кнопка справа вернёт пример для начала в валюте рабочего "
        "пространства.",
        "the data gives no value for this chain, so the button on the right brings back the starting example, in the "
        "workspace's currency.",
    ),
    "active.mark.data": ("из данных", "from data"),
    "active.mark.example": ("пример", "example"),
    # groups, by function
    "active.group": ("Значения для службы", "Inputs of"),
    "active.group.marketing": ("Маркетинг", "Marketing"),
    "active.group.calls": ("Колл-центр", "Call centre"),
    "active.group.sales": ("Менеджеры по продажам", "Sales managers"),
    "active.group.management": ("Руководство", "Management"),
    "active.group.money": ("Деньги и сроки", "Money and time"),
    # inputs
    "active.in.base": ("Контактов базы в работу в месяц", "Base contacts taken into work a month"),
    "active.in.contact_cost": ("Стоимость одного контакта базы", "Cost of one base contact"),
    "active.in.mail_rate": ("Доля проверенных, кому дошло письмо", "Verified contacts a letter reached"),
    "active.in.mailings_per_marketer_month": ("Писем в месяц на маркетолога", "Letters a marketer sends a month"),
    "active.in.marketers": ("Маркетологов", "Marketers"),
    "active.in.marketer_cost": ("Затраты на маркетолога в месяц", "Cost of a marketer a month"),
    "active.in.verify_rate": ("Доля контактов, прошедших проверку", "Contacts that pass verification"),
    "active.in.verifications_per_caller_day": ("Проверок в день на оператора", "Verifications a caller makes a day"),
    "active.in.call_rate": ("Доля писем, после которых состоялся разговор", "Letters followed by a conversation"),
    "active.in.meeting_rate": ("Доля разговоров, ставших встречей", "Conversations that become a meeting"),
    "active.in.calls_per_caller_day": ("Звонков в день на оператора", "Calls a caller makes a day"),
    "active.in.callers": ("Операторов", "Callers"),
    "active.in.caller_cost": ("Затраты на оператора в месяц", "Cost of a caller a month"),
    "active.in.proposal_rate": ("Доля встреч, после которых отправлено КП", "Meetings that lead to a proposal"),
    "active.in.contract_rate": ("Доля КП, ставших договором", "Proposals that become a contract"),
    "active.in.payment_rate": ("Доля договоров, которые оплачены", "Contracts that are paid"),
    "active.in.meetings_per_manager_day": ("Встреч в день на менеджера", "Meetings a manager holds a day"),
    "active.in.managers": ("Менеджеров по продажам", "Sales managers"),
    "active.in.manager_cost": ("Затраты на менеджера в месяц", "Cost of a manager a month"),
    "active.in.management": ("Руководителей", "Managers of the team"),
    "active.in.management_cost": ("Затраты на руководителя в месяц", "Cost of a team manager a month"),
    "active.in.avg_check": ("Средний чек", "Average deal size"),
    "active.in.margin": ("Маржа", "Margin"),
    "active.in.cycle_days": ("Цикл от первого контакта до оплаты, дней", "Cycle from first contact to payment, days"),
    "active.in.working_days": ("Рабочих дней в месяце", "Working days a month"),
    "active.in.startup_cost": ("Затраты на запуск (найм, покупка базы)", "Start-up cost (hiring, buying the base)"),
    "active.in.horizon": ("Горизонт, месяцев", "Horizon, months"),
    "active.in.ramp_months": (
        "Выход новых людей на полную выработку, месяцев (0 — сразу)",
        "Months for new people to reach full output (0: at once)",
    ),
    # headline
    "active.m.contracts": ("Активные продажи: договоров в месяц", "Active sales: contracts a month"),
    "active.m.turnover": ("Активные продажи: оборот в месяц", "Active sales: turnover a month"),
    "active.m.profit": ("Активные продажи: прибыль в месяц", "Active sales: profit a month"),
    "active.m.payback": ("Активные продажи: окупаемость", "Active sales: payback"),
    # the chain's own margin (its "Money and time" input), not the inbound plan's margin lever
    "active.m.margin": (
        "Прибыль активных продаж — при их марже {margin}{example} (раздел «Деньги и сроки» ниже), "
        "а не при марже в рычагах плана выше.",
        "Active sales' profit is at their own margin of {margin}{example} (under “Money and time” below), "
        "not at the plan's margin lever above.",
    ),
    "active.m.margin_example": (", пример", ", the method's example"),
    "active.m.payback_month": ("на {n}-й месяц", "in month {n}"),
    "active.m.payback_never": ("дольше {n} мес.", "beyond {n} {n|month|months}"),
    # the headline's figures are an example's while inputs hold the method's example values (marks_for)
    "active.m.example": (
        "Активные продажи на примере: {n} {n|значение|значения|значений} из {total} ниже — пример для начала, а не ваши данные "
        "(отмечены «пример»); цифры выше — с ними.",
        "Active sales on an example: {n} of the {total} inputs below {n|is|are} the method's example, not your data "
        "(marked “example”); the figures above use them.",
    ),
    "active.m.costs": ("Активные продажи: затраты в месяц", "Active sales: costs a month"),
    "active.unreachable": (
        "Цель недостижима при этих конверсиях: хотя бы одна из них равна нулю. Поднимите её, чтобы получить план.",
        "The target cannot be reached with these conversions: at least one of them is zero. Raise it to get a plan.",
    ),
    # bottleneck
    "active.bottleneck.forward": (
        "Узкое место — {function}: загрузка {load}. Больше договоров даст только рост этой службы.",
        "The bottleneck is {function}: loaded at {load}. Only more capacity there gives more contracts.",
    ),
    "active.bottleneck.reverse": (
        "Узкое место — {function}: {people} чел. с загрузкой {load}, {cost} в месяц. "
        "Эта служба первой потребует ещё одного человека, если цель вырастет.",
        "The bottleneck is {function}: {people} {people|person|people} loaded at {load}, {cost} a month. "
        "It is the first to need one more person if the target grows.",
    ),
    "active.bottleneck.none": (
        "Узкого места среди служб нет: людей хватает на всю базу, больше договоров даст только больше базы.",
        "No function is short of people: the staff handles the whole base; only a bigger base gives more contracts.",
    ),
    "active.bottleneck.none_reverse": (
        "Под эту цель работы службам не нужно.",
        "This target needs no work from any function.",
    ),
    "active.fn.marketing": ("маркетинг", "marketing"),
    "active.fn.calls": ("колл-центр", "the call centre"),
    "active.fn.sales": ("менеджеры по продажам", "the sales managers"),
    "active.fn.management": ("руководство", "management"),
    # tables
    "active.table.functions": ("Службы: люди, загрузка, затраты", "Functions: people, load, cost"),
    "active.col.function": ("Служба", "Function"),
    "active.col.people": ("Нужно людей", "People needed"),
    "active.col.exact": ("Точно", "Exact need"),
    "active.col.load": ("Загрузка", "Load"),
    "active.col.people_forward": ("В штате", "On staff"),
    "active.col.exact_forward": ("Нужно на базу", "Base needs"),
    "active.col.load_forward": ("Загрузка базой", "Load by base"),
    "active.table.functions_note": (
        "Нужно на базу и загрузка — для всей базы в работу при этом штате; сколько проходит на самом деле, "
        "показывает цепочка ниже.",
        "Base needs and load: for the whole base taken into work, with this staff; the chain below shows what is "
        "worked.",
    ),
    "active.table.functions_note_reverse": (
        "Нужно людей — целыми; точно — сколько нужно по работе; загрузка — точная потребность, делённая на число людей.",
        "People needed: whole people; exact need: what the work takes; load: exact ÷ people.",
    ),
    "active.load_fixed": ("постоянный состав", "fixed team"),
    "active.col.cost": ("Затраты в месяц", "Cost a month"),
    "active.col.step": ("Шаг", "Step"),
    "active.col.volume": ("В месяц", "A month"),
    "active.table.chain": ("Цепочка: объёмы в месяц", "The chain: volumes a month"),
    "active.step.base": ("База в работу", "Base taken into work"),
    "active.step.verified": ("Проверенные контакты", "Verified contacts"),
    "active.step.mailed": ("Письма доставлены", "Letters delivered"),
    "active.step.called": ("Разговоры после письма", "Follow-up conversations"),
    "active.step.meeting": ("Встречи", "Meetings"),
    "active.step.proposal": ("Коммерческие предложения", "Proposals"),
    "active.step.contract": ("Договоры", "Contracts"),
    "active.step.paid": ("Оплаты", "Payments"),
    "active.fn_name.marketing": ("Маркетинг", "Marketing"),
    "active.fn_name.calls": ("Колл-центр", "Call centre"),
    "active.fn_name.sales": ("Менеджеры по продажам", "Sales managers"),
    "active.fn_name.management": ("Руководство", "Management"),
    "active.total": ("Итого", "Total"),
    # chart
    "active.chart.title": ("Деньги по месяцам", "Money month by month"),
    "active.chart.month": ("Месяц", "Month"),
    "active.chart.costs": ("Затраты", "Costs"),
    "active.chart.gross": ("Валовая прибыль (оборот × маржа)", "Gross profit (turnover × margin)"),
    "active.chart.cumulative": ("Накопленный итог", "Cumulative result"),
    "active.chart.payback": ("окупаемость", "pays back"),
    # when a month's turnover arrives (funnel.model.active_money.arrival), before active.chart.note
    "active.chart.arrival_two": (
        "Контакты берутся в работу в течение всего месяца, и каждый оплачивается через {lag} после первого "
        "контакта. Поэтому оборот месяца приходит двумя частями: {first_share} — {first_when}, {second_share} — "
        "{second_when}. Первые оплаты — в месяце {paid}, полный оборот месяца — с месяца {full}.",
        "Contacts are taken into work all through the month, and each pays {lag} after the first contact, so a "
        "month's turnover arrives in two parts: {first_share} {first_when} and {second_share} {second_when}. The "
        "first payments come in month {paid}, a full month's turnover from month {full}.",
    ),
    "active.chart.arrival_one": (
        "Каждый контакт оплачивается через {lag} после первого контакта: оборот месяца приходит {when}, первые "
        "оплаты — в месяце {paid}.",
        "Each contact pays {lag} after the first contact: a month's turnover arrives {when}, the first payments in "
        "month {paid}.",
    ),
    "active.chart.when_same": ("в том же месяце", "in the same month"),
    "active.chart.when_later": ("через {n} {n|месяц|месяца|месяцев}", "{n} {n|month|months} later"),
    "active.chart.note": (
        "Затраты идут с первого месяца, затраты на запуск — в первом. Столбцы месяца вместе — его итог: валовая "
        "прибыль (оборот × маржа) минус затраты. Накопленный итог — сумма итогов с начала; окупаемость — первый "
        "месяц, где он не меньше нуля.",
        "Costs run from month 1, the start-up cost in month 1. A month's two bars together are its result: gross "
        "profit (turnover × margin) less costs. The cumulative result is the sum of results since the start; it "
        "pays back in the first month it is not below zero.",
    ),
    "active.chart.money": ("Деньги, {currency}", "Money, {currency}"),
    "active.chart.ramp": (
        "Новые люди выходят на полную выработку за {n} {n|месяц|месяца|месяцев}: выработка растёт равномерно от нуля, "
        "и оборот, и закупка контактов в первые месяцы меньше, зарплата — полная. Это учтено только здесь, по месяцам, "
        "и в окупаемости; цифры «в месяц» выше — при полной выработке.",
        "New people reach full output in {n} {n|month|months}: output grows evenly from nothing, so the first months "
        "bring less turnover and buy fewer contacts, while pay is full. This counts only here, month by month, and in "
        "the payback; the figures “a month” above are at full output.",
    ),
    "active.chart.lag": ("{months} мес. ({days} дн.)", "{months} {months|month|months} ({days} {days|day|days})"),
    # the scenario comparison (planner's Scenarios tab)
    "active.sc.contracts": ("Активные продажи: договоров в месяц", "Active sales: contracts a month"),
    "active.sc.turnover": ("Активные продажи: оборот в месяц", "Active sales: turnover a month"),
    "active.sc.profit": ("Активные продажи: прибыль в месяц", "Active sales: profit a month"),
    "active.sc.payback": ("Активные продажи: окупаемость", "Active sales: payback"),
    # workshop
    "workshop.cases": ("Случаи из практики: активные продажи", "Cases from practice: active sales"),
    "workshop.cases_intro": (
        "Два примера исходящих продаж другим компаниям. Кнопка открывает вкладку «Активные продажи» планировщика с этими значениями: "
        "там видно, сколько людей нужно каждой службе и когда система окупается.",
        "Two examples of outbound B2B sales. The button opens the planner's “Active sales” tab with these values: "
        "it shows how many people each function needs and when the system pays back.",
    ),
    "workshop.case.copier_dealer": ("Дилер копировальной техники", "Copier dealer"),
    "workshop.case.copier_dealer_note": (
        "1 маркетолог, 10 операторов, 3 менеджера по продажам, 3 руководителя; средний чек {check}; окупился за 6 месяцев.",
        "1 marketer, 10 callers, 3 sales managers, 3 team managers; average deal size {check}; paid back in 6 months.",
    ),
    "workshop.cases_currency": (
        "Суммы случаев — в долларах США, как в источнике: в валюту рабочего пространства ({currency}) они не "
        "пересчитываются (курс тех лет — догадка, а окупаемость от валюты не зависит).",
        "The cases' amounts are in US dollars, as in the source: they are not converted to the workspace's currency "
        "({currency}); a rate of those years would be a guess, and the payback does not depend on the currency.",
    ),
    "workshop.case.printing_dealer": ("Дилер полиграфического оборудования", "Printing-equipment dealer"),
    "workshop.case.printing_dealer_note": (
        "1 маркетолог, 2 оператора, 5 менеджеров по продажам; за полгода удвоил продажи на рынке, растущем на 10 % в год.",
        "1 marketer, 2 callers, 5 sales managers; doubled its sales in six months in a market growing 10% a year.",
    ),
    "workshop.case.open": ("Открыть в планировщике", "Open in the planner"),
}
