"""Planner and workshop texts. (ru, en)."""

_LEVERS = {
    "leads": ("Лиды в месяц", "Leads per month"),
    "conversion": ("Конверсия в сделку", "Conversion to a deal"),
    "avg_check": ("Средний чек", "Average deal size"),
    "cpl": ("Цена лида (CPL)", "Cost per lead (CPL)"),
    "margin": ("Маржа", "Margin"),
    "sellers": ("Продавцы", "Sellers"),
    "contacts_per_seller": ("Лидов на продавца в месяц", "Leads a seller handles per month"),
    "capacity": ("Пропускная способность", "Capacity"),
    "elasticity": ("Насколько падает конверсия при перегрузке", "Overload elasticity"),
    "queries": ("Целевые запросы в месяц", "Target search queries per month"),
    "ctr": ("Кликабельность", "CTR"),
    "site_conversion": ("Конверсия сайта", "Site conversion"),
    "cpc": ("Цена клика", "Cost per click"),
    "active_clients": ("Активные клиенты", "Active clients"),
    "avg_order": ("Средний заказ", "Average order"),
    "orders_per_period": ("Заказов на клиента в месяц", "Orders per client per month"),
    "lifetime": ("Срок жизни клиента, мес.", "Client lifetime, months"),
    "target_turnover": ("Цель по обороту в месяц", "Target turnover per month"),
    "target_profit": ("Цель по прибыли в месяц", "Target profit per month"),
    "cycle_days": ("Цикл сделки, дней", "Sales cycle, days"),
    "base_cycle_days": ("Цикл сделки в базе, дней", "Baseline sales cycle, days"),
}
_HELP = {
    "leads": ("Сколько лидов приходит за месяц.", "How many leads arrive in a month."),
    "conversion": (
        "Доля лидов, ставших оплаченными сделками (базовая, без перегрузки).",
        "Share of leads that become won deals (the base, before overload).",
    ),
    "avg_check": ("Средняя сумма одной сделки.", "Average value of one deal."),
    "cpl": ("Расходы, делённые на число лидов; бюджет — это лиды × цена лида.", "Spend ÷ leads. Budget = leads × CPL."),
    "margin": (
        "Доля оборота, которая остаётся прибылью. Маржи нет в данных: пока вы её не зададите, прибыль показана «—».",
        "Share of turnover kept as profit. The data holds no margin: until you set one, the profit shows “—”.",
    ),
    "sellers": ("Сколько человек обрабатывают лиды.", "How many people handle the leads."),
    "contacts_per_seller": (
        "Сколько лидов один продавец успевает обработать за месяц без потери качества.",
        "How many leads one seller handles a month without losing quality.",
    ),
    "capacity": (
        "Лидов в месяц, которые команда обрабатывает без потерь.",
        "Leads per month the team handles without loss.",
    ),
    "elasticity": (
        "0 — не падает; 0,415 — при вдвое большей нагрузке конверсия 2 % становится 1,5 %; 1 — падает вдвое.",
        "How hard overload cuts conversion: 0 = not at all; 0.415 = twice the load takes 2% to 1.5%.",
    ),
    "queries": ("Поисковые запросы, по которым вас могут найти.", "Search queries you can be found by."),
    "ctr": (
        "Доля показов, ставших кликами, то есть визитами (CTR).",
        "Share of impressions that become clicks (visits).",
    ),
    "site_conversion": ("Доля визитов, оставивших заявку.", "Share of visits that leave a lead."),
    "cpc": ("Сколько стоит один клик.", "What one click costs."),
    "active_clients": (
        "Клиенты, которые платят регулярно, например раз в месяц.",
        "Clients who pay regularly, e.g. monthly.",
    ),
    "avg_order": ("Средняя сумма одного повторного заказа.", "Average value of one repeat order."),
    "orders_per_period": ("Сколько заказов клиент делает в месяц.", "How many orders a client places a month."),
    "lifetime": (
        "Сколько месяцев клиент остаётся с вами: от этого зависит ценность клиента.",
        "How many months a client stays (for LTV).",
    ),
    "target_turnover": ("Какой оборот нужен в месяц.", "The turnover you need per month."),
    "target_profit": (
        "Какая прибыль нужна в месяц (после маркетинга).",
        "The profit you need per month (after marketing).",
    ),
    "cycle_days": (
        "Дней от лида до выигранной сделки (в базе — медиана по данным). Короче цикл — те же сделки приходят "
        "раньше, и те же продавцы успевают взять больше лидов.",
        "Days from a lead to its won deal (the baseline: the data's median). A shorter cycle brings the same "
        "deals earlier, and the same sellers can take more leads.",
    ),
    "base_cycle_days": (
        "Цикл, при котором задана ёмкость команды: медиана дней от лида до выигрыша в данных.",
        "The cycle the team's capacity is stated at: the data's median days from lead to won.",
    ),
}
_OUT = {
    "leads": ("Лиды в месяц", "Leads per month"),
    "conversion": ("Базовая конверсия", "Base conversion"),
    "effective_conversion": ("Конверсия с учётом нагрузки", "Conversion after load"),
    "avg_check": ("Средний чек", "Average deal size"),
    "deals": ("Сделки в месяц", "Deals per month"),
    "turnover": ("Оборот в месяц", "Turnover per month"),
    "budget": ("Бюджет в месяц", "Budget per month"),
    "romi": ("ROMI", "ROMI"),
    "profit": ("Прибыль в месяц", "Profit per month"),
    "capacity": ("Пропускная способность", "Capacity"),
    "sellers_needed": ("Нужно продавцов", "Sellers needed"),
    "chain_conversion": ("Конверсия цепочки этапов", "Stage-chain conversion"),
    "mix_budget": ("Микс каналов: бюджет в месяц", "Channel mix: budget per month"),
    "mix_turnover": ("Микс каналов: оборот в месяц", "Channel mix: turnover per month"),
    "mix_romi": ("Микс каналов: ROMI", "Channel mix: ROMI"),
}

TEXTS = {
    **{f"planner.lever.{k}": v for k, v in _LEVERS.items()},
    **{f"planner.help.{k}": v for k, v in _HELP.items()},
    **{f"planner.out.{k}": v for k, v in _OUT.items()},
    "planner.intro": (
        "Оборот — это лиды × конверсия × средний чек. Двигайте рычаги — результат пересчитывается сразу.",
        "Turnover = leads × conversion × average deal size. Move a lever and the result follows at once.",
    ),
    "planner.empty": (
        "За выбранный период нет ни лидов, ни сделок — базы нет: задайте рычаги вручную, выберите другой "
        "период или загрузите данные на странице «Данные».",
        "No leads and no deals in the chosen period, so there is no baseline: type the levers in, pick "
        "another period, or load data on the Data page.",
    ),
    "planner.missing": (
        "{lacking}. Эти рычаги начинаются с нуля — задайте их вручную.",
        "{lacking}. These levers start at zero; type them in.",
    ),
    "planner.deals_basis": (
        "{base} Лидов в данных нет, поэтому база — сделки: {entered} {entered|сделка вошла|сделки вошли|сделок вошли} в воронку за период "
        "({per_month} в месяц) × доля выигранных {win_rate} ({won} из {closed} {closed|закрытой|закрытых|закрытых}){check_part}. "
        "{open_part}",
        "{base} The data has no leads, so the base is deals: {entered} {entered|deal|deals} entered the pipeline in the period "
        "({per_month} a month) × win rate {win_rate} ({won} of {closed} closed){check_part}. {open_part}",
    ),
    # The deals' basis without amounts said «× средний чек —.» and «Открытая воронка сверху: — (— …)».
    "planner.deals_basis.check": (" × средний чек {check}", " × average deal size {check}"),
    "planner.deals_basis.no_check": (
        "; среднего чека нет: в сделках нет сумм",
        "; no average deal size: the deals have no amounts",
    ),
    "planner.deals_basis.open": (
        "Открытая воронка сверху: {open} ({weighted} с весами этапов).",
        "The open pipeline on top: {open} ({weighted} weighted by stage).",
    ),
    "planner.deals_basis.open_unknown": (
        "У открытых сделок нет сумм: сколько они стоят, неизвестно.",
        "The open deals have no amounts: what they are worth is unknown.",
    ),
    "planner.lever.deals_in": ("Сделки в воронку в месяц", "Deals entering the pipeline a month"),
    "planner.lever.win_rate": ("Доля выигранных сделок", "Win rate"),
    # a deals-only workspace's CPL: no leads to price, the deals entering are its base (tabs.LABELS_BY_SOURCE)
    "planner.lever.deal_in_cost": ("Цена сделки на входе в воронку", "Cost per deal entering the pipeline"),
    "planner.help.deal_in_cost": (
        "Лидов в данных нет, поэтому цена считается не за лид, а за сделку, вошедшую в воронку: расходы, "
        "делённые на эти сделки. Бюджет — это сделки в воронку в месяц × эта цена.",
        "The data has no leads, so the price is per deal entering the pipeline, not per lead: spend ÷ those "
        "deals. Budget = deals entering a month × this price.",
    ),
    # a deals-only workspace's load: deals entering the pipeline a seller handles (tabs.capacity_tab)
    "planner.lever.deals_per_seller": (
        "Сделок в воронку на продавца в месяц",
        "Deals entering a seller's pipeline a month",
    ),
    "planner.help.deals_per_seller": (
        "Лидов в данных нет, поэтому нагрузка — в сделках: сколько сделок, вошедших в воронку, один продавец "
        "успевает вести за месяц без потери качества.",
        "The data has no leads, so the load is in deals: how many deals entering the pipeline one seller "
        "handles a month without losing quality.",
    ),
    "planner.baseline_caption": (
        "{base} Сделки — по дате закрытия (как в «Обзоре»). "
        "Лидов в месяц {per_month}: {leads} за {months} мес.; конверсия {conversion}: {won} {won|выигранная|выигранные|выигранных} из {leads} {leads|лида|лидов|лидов}; "
        "средний чек {check}: оборот {revenue} на {checks} {checks|сделку|сделки|сделок} с суммой; цена лида {cpl}: расходы {spend} на {all} {all|лид|лида|лидов}; {sellers} {sellers|продавец|продавца|продавцов}.",
        "{base} Deals by closing date (as on the Overview). "
        "Leads {per_month} a month = {leads} ÷ {months}; conversion {conversion} = {won} won ÷ {leads} {leads|lead|leads}; "
        "average deal size {check} = turnover {revenue} ÷ {checks} won {checks|deal|deals} with an amount; CPL {cpl} = spend {spend} ÷ {all} {all|lead|leads}; {sellers} {sellers|seller|sellers}.",
    ),
    "planner.baseline_caption_leads": (
        "{base} Лидов в месяц {per_month}: {all} за {months} мес.; "
        "{sellers} {sellers|продавец|продавца|продавцов}. Выигранных сделок за период нет: конверсию "
        "и средний чек данные не дают.",
        "{base} Leads {per_month} a month = {all} ÷ {months}; "
        "{sellers} {sellers|seller|sellers}. No deals were won in the period: the data gives no conversion "
        "or average deal size.",
    ),
    # The baseline's period, one wording on every page (ui.views.planner.tabs.base_period): the
    # chosen period and its months, and, when the data covers part of it, the months a figure a
    # month is over (funnel.baseline.covered: 300 leads in May–October are 50 a month, not 25)
    "planner.base_period": ("База: {period}, {window} мес.", "Baseline: {period}, {window} {window|month|months}."),
    "planner.base_period_covered": (
        "База: {period}, {window} мес.; данные есть за {months} мес. ({span}), значения в месяц посчитаны по ним.",
        "Baseline: {period}, {window} {window|month|months}; the data covers {months} {months|month|months} "
        "({span}), and the monthly figures are taken over those.",
    ),
    "planner.baseline_caption_cpl": (
        "Цена лида {cpl}: расходы {spend} на {all} {all|лид|лида|лидов}.",
        "CPL {cpl} = spend {spend} ÷ {all} {all|lead|leads}.",
    ),
    "planner.basis": ("База расчёта", "Basis"),
    "planner.basis.period": ("По дате закрытия", "By closing date"),
    "planner.basis.cohort": ("По когортам лидов", "By lead cohort"),
    "planner.basis.projected": ("По когортам, с прогнозом молодых", "By lead cohort, young ones projected"),
    # a workspace the cohort bases cannot count (no leads to date deals by, or no deals): the
    # closing-date basis alone, written as text with the reason (review #16)
    "planner.basis_only.no_leads": (
        "По когортам сделки считаются от даты их лида, а лидов в данных нет.",
        "The cohort bases count deals from their lead's date, and the data holds no leads.",
    ),
    "planner.baseline_caption_projected": (
        "{base} Сделки — по когортам лидов, молодые когорты спрогнозированы. "
        "Лидов в месяц {per_month}: {all} за {months} мес.; конверсия {conversion}: {won} {won|выигранная|выигранные|выигранных} на {exposure} "
        "«полных» лидов: каждый лид учтён долей выигранных сделок, которые к его возрасту уже закрылись "
        "(по вашим данным; 9 из 10 — за {days} дн.), так что {young} {young|лид|лида|лидов} моложе {days} дн. учтены частично; "
        "средний чек {check}: оборот {revenue} на {checks} {checks|их выигранную сделку|их выигранные сделки|их выигранных сделок} с суммой; "
        "цена лида {cpl}: расходы {spend} на {all} {all|лид|лида|лидов}; {sellers} {sellers|продавец|продавца|продавцов}.",
        "{base} Deals by lead cohort, young cohorts projected. "
        "Leads {per_month} a month = {all} ÷ {months}; conversion {conversion} = {won} won ÷ {exposure} {exposure|lead's|leads'} "
        "worth: each lead counts by the share of won deals that had closed by its age (in your data; 9 in 10 "
        "within {days} {days|day|days}), so {young} {young|lead|leads} younger than {days} {days|day|days} count in part; average deal size {check} = "
        "turnover {revenue} ÷ {checks} of their won {checks|deal|deals} with an amount; CPL {cpl} = spend {spend} ÷ {all} "
        "{all|lead|leads}; {sellers} {sellers|seller|sellers}.",
    ),
    "planner.basis_help": (
        "По дате закрытия (как в «Обзоре»): сделка считается в месяце, когда закрылась. По когортам: "
        "сделка считается за своим лидом, а в конверсию и средний чек входят только лиды, у которых было время "
        "стать сделкой; лиды, которые ещё созревают, учтены только в числе лидов в месяц. С прогнозом "
        "молодых: учтён каждый лид — долей выигранных сделок, которые к его возрасту уже закрылись.",
        "By closing date (as on the Overview): a deal counts in the month it closed. By lead cohort: a deal "
        "counts against its lead, and only leads that have had time to become deals count in the conversion "
        "and the average deal size; leads still maturing count only in the leads a month. With young ones "
        "projected: every lead counts, each by the share of won deals that had closed by its age.",
    ),
    "planner.baseline_caption_cohort": (
        "{base} Сделки — по когортам лидов (как «По когортам» в «Обзоре»). "
        "Лидов в месяц {per_month}: {all} за {months} мес.; конверсия {conversion}: {won} {won|выигранная|выигранные|выигранных} из {leads} {leads|лида|лидов|лидов}, "
        "созданных не позже {until}: за {days} дн. закрываются 9 из 10 выигранных сделок (по вашим данным); "
        "{maturing} {maturing|лид|лида|лидов} периода ещё созревают и в конверсию не входят; средний чек {check}: оборот "
        "{revenue} на {checks} {checks|их выигранную сделку|их выигранные сделки|их выигранных сделок} с суммой; цена лида {cpl}: расходы {spend} на {all} {all|лид|лида|лидов}; {sellers} {sellers|продавец|продавца|продавцов}.",
        "{base} Deals by lead cohort (as “By cohort” on the Overview). "
        "Leads {per_month} a month = {all} ÷ {months}; conversion {conversion} = {won} won ÷ {leads} {leads|lead|leads} "
        "created up to {until}: 9 in 10 won deals close within {days} {days|day|days} (in your data); {maturing} {maturing|lead|leads} of "
        "the period are still maturing and left out of the conversion; average deal size {check} = turnover "
        "{revenue} ÷ {checks} of their won {checks|deal|deals} with an amount; CPL {cpl} = spend {spend} ÷ {all} {all|lead|leads}; {sellers} {sellers|seller|sellers}.",
    ),
    "planner.baseline_caption_all": (
        "{base} Сделки — по когортам лидов. Лидов в месяц {per_month}: {all} за {months} мес.; "
        "конверсия {conversion}: {won} {won|выигранная|выигранные|выигранных} из {leads} {leads|лида|лидов|лидов} (учтены все лиды: в данных нет выигранных "
        "сделок с лидами, чтобы узнать срок созревания); средний чек {check}: оборот {revenue} на {checks} "
        "{checks|сделку|сделки|сделок} с суммой; цена лида {cpl}: расходы {spend} на {all} {all|лид|лида|лидов}; {sellers} {sellers|продавец|продавца|продавцов}.",
        "{base} Deals by lead cohort. Leads {per_month} a month = {all} ÷ {months}; "
        "conversion {conversion} = {won} won ÷ {leads} {leads|lead|leads} (every lead counts: the data has no won deals "
        "with leads to learn how long leads take); average deal size {check} = turnover {revenue} ÷ {checks} won "
        "{checks|deal|deals} with an amount; CPL {cpl} = spend {spend} ÷ {all} {all|lead|leads}; {sellers} {sellers|seller|sellers}.",
    ),
    "planner.cohort.all_maturing": (
        "По когортам: все {maturing} {maturing|лид|лида|лидов} периода ещё созревают (выигранные сделки закрываются за {days} дн.), "
        "поэтому конверсию данные пока не дают. Выберите более ранний период или базу «По дате закрытия».",
        "By cohort: all {maturing} {maturing|lead|leads} of the period are still maturing (won deals close within {days} {days|day|days}), "
        "so the data gives no conversion yet. Pick an earlier period or the “By closing date” basis.",
    ),
    "planner.cohort.deals": (
        "По когортам: сделки датированы днём создания их лида (без лида — своим).",
        "By cohort: deals are dated by the day their lead was created (without a lead, their own).",
    ),
    "planner.baseline_unpriced": (
        "{n} выигранных сделок без суммы входят в конверсию, но не в средний чек: оборот базы увеличен "
        "во столько раз, во сколько всех выигранных сделок больше, чем выигранных с суммой.",
        "{n} won deals without an amount count in the conversion but not in the average deal size: the "
        "baseline's turnover is the amounts' sum × all won ÷ won with an amount.",
    ),
    "planner.baseline_changed": (
        "Фильтры изменились — рычаги вернулись к новой базе.",
        "The filters changed, so the levers went back to the new baseline.",
    ),
    "planner.link_bad": (
        "Ссылка устарела или повреждена ({problem}). Показана база из данных.",
        "The link is stale or broken ({problem}). Showing the baseline from the data.",
    ),
    "planner.reverse": ("Обратный расчёт", "Reverse plan"),
    # a phone's switch over the levers, the basis and the baseline (ui.views.planner.phone)
    "planner.phone_levers": ("Рычаги и база расчёта", "Levers and baseline"),
    "planner.reverse_help": (
        "От цели к лидам, бюджету, сделкам и продавцам; остальные рычаги не меняются.",
        "From a target to the leads, budget, deals and sellers it takes; other levers held.",
    ),
    "planner.reset": ("Вернуть базу", "Back to baseline"),
    "planner.target_kind": ("Цель", "Target"),
    "planner.target.turnover": ("Оборот", "Turnover"),
    "planner.target.profit": ("Прибыль", "Profit"),
    "planner.m.turnover": ("Оборот в месяц", "Turnover per month"),
    "planner.m.deals": ("Сделки в месяц", "Deals per month"),
    "planner.m.budget": ("Бюджет в месяц", "Budget per month"),
    "planner.m.romi": ("ROMI", "ROMI"),
    "planner.m.profit": ("Прибыль в месяц", "Profit per month"),
    # No margin set (the data never holds one; funnel.model.gaps.margin_unset): the lever is an empty
    # box, the profit card "—" under this label, its help saying where to set one (screen review #16)
    "planner.m.profit_full_margin": ("Прибыль в месяц (маржа не задана)", "Profit per month (no margin set)"),
    "planner.m.profit_full_margin_help": (
        "Маржа не задана: в данных её нет, а без неё прибыль не посчитать. Задайте маржу в рычаге «Маржа» — "
        "прибыль станет оборотом, умноженным на маржу, за вычетом бюджета.",
        "No margin is set: the data holds none, and profit cannot be worked out without it. Set the margin in "
        "the “Margin” lever: the profit is then turnover × margin − budget.",
    ),
    "planner.lever.margin_unset": ("Маржа % — не задана", "Margin % — not set"),
    "planner.lever.margin_type": ("введите свою", "type your own"),
    "planner.rev.needs_margin": (
        "Цель по прибыли нельзя пересчитать в лиды, пока маржа не задана: задайте её в рычаге «Маржа».",
        "A profit target cannot be turned into leads while no margin is set: set it in the “Margin” lever.",
    ),
    "planner.m.romi_unset": (
        "Маржа не задана: ROMI считается по обороту, а не по прибыли.",
        "No margin is set: ROMI is on turnover, not on profit.",
    ),
    "planner.m.romi_revenue": (
        "ROMI считается по обороту новых договоров: маржа в нём не участвует.",
        "ROMI is on new contracts' turnover: the margin does not enter it.",
    ),
    "planner.m.profit_help": (
        "Прибыль — оборот, умноженный на маржу, за вычетом бюджета. ROMI считается по новым договорам: "
        "оборот новых договоров за вычетом бюджета, делённый на бюджет.",
        "Profit = turnover × margin − budget. ROMI is on new contracts: (new contracts' turnover − budget) ÷ budget.",
    ),
    "planner.m.parts": (
        "В плане: {parts}.",
        "In the plan: {parts}.",
    ),
    "planner.m.part_web": (
        "веб-цепочка — {leads} {leads|лид|лида|лидов} сверх рычага «лиды» и {cost} расходов в бюджете",
        "the web chain — {leads} {leads|lead|leads} on top of the leads lever and {cost} of cost in the budget",
    ),
    "planner.m.part_repeat": (
        "постоянные клиенты — {revenue} в обороте",
        "repeat customers — {revenue} of the turnover",
    ),
    "planner.rev.leads": ("Нужно лидов", "Leads needed"),
    "planner.rev.budget": ("Нужен бюджет", "Budget needed"),
    "planner.rev.deals": ("Нужно сделок", "Deals needed"),
    "planner.rev.sellers": ("Продавцов для базовой конверсии", "Sellers to keep base conversion"),
    "planner.rev.unreachable": (
        "Цель недостижима одними лидами при этих рычагах: либо каждый лид приносит убыток, либо "
        "команда перегружена так, что новые лиды не дают сделок. Добавьте продавцов, поднимите конверсию или чек.",
        "No number of leads reaches this target with these levers: either each lead loses money or the "
        "team is so overloaded that extra leads bring no deals. Add sellers, raise conversion or the deal size.",
    ),
    "planner.rev.capacity_note": (
        "С нынешней командой конверсия падает до {conv}, поэтому нужно {leads} {leads|лид|лида|лидов}. "
        "Если нанять продавцов до {sellers}, хватит {at_base} {at_base|лида|лидов|лидов}.",
        "With the team as it is, conversion falls to {conv}, so it takes {leads} {leads|lead|leads}. Grow the "
        "team to {sellers} {sellers|seller|sellers} and {at_base} {at_base|lead|leads} will do.",
    ),
    "planner.wf.baseline": ("База", "Baseline"),
    "planner.wf.leads": ("Лиды", "Leads"),
    "planner.wf.conversion": ("Конверсия", "Conversion"),
    "planner.wf.avg_check": ("Чек", "Deal size"),
    "planner.wf.plan": ("План", "Plan"),
    "planner.wf.repeat": ("Постоянные клиенты", "Repeat customers"),
    "planner.waterfall_unchanged": (
        "План совпадает с базой: сдвиньте рычаг, чтобы увидеть вклад каждого.",
        "The plan is the baseline: move a lever to see what each one adds.",
    ),
    # In place of the waterfall in a report whose plan is its baseline (every step 0: bars of nothing).
    "planner.waterfall_same": (
        "План совпадает с базой: оборот {turnover} в месяц, ни один рычаг его не меняет.",
        "The plan is the baseline: turnover {turnover} a month, no lever changes it.",
    ),
    "planner.waterfall_note": (
        "Вклады рычагов точно складываются в разницу: вклад рычага — среднее по всем порядкам, в "
        "которых рычаги могли меняться, так что порядок ничего не решает. Потери от перегрузки видны в столбце конверсии.",
        "The effects add up exactly to the difference: each lever's effect is averaged over every order "
        "in which the levers could change, so no order is favoured. Losses from overload show in the conversion bar.",
    ),
    "planner.cap.over": (
        "{leads} {leads|лид|лида|лидов} при пропускной способности {capacity}: конверсия падает с {base} до {eff}. "
        "Чтобы её сохранить, нужно {sellers} {sellers|продавец|продавца|продавцов}.",
        "{leads} {leads|lead|leads} against a capacity of {capacity}: conversion falls from {base} to {eff}. "
        "Keeping it takes {sellers} {sellers|seller|sellers}.",
    ),
    "planner.tab.waterfall": ("От базы к плану", "Baseline to plan"),
    "planner.tab.chain": ("Этапы", "Stage chain"),
    "planner.tab.mix": ("Каналы", "Channel mix"),
    "planner.tab.web": ("Веб-цепочка", "Web chain"),
    "planner.tab.capacity": ("Нагрузка", "Capacity"),
    "planner.tab.repeat": ("Повторные", "Repeat sales"),
    "planner.tab.forecast": ("Прогноз", "Forecast"),
    "planner.tab.backtest": ("Проверка", "Backtest"),
    "planner.tab.scenarios": ("Сценарии", "Scenarios"),
    "planner.chain.intro": (
        "Конверсия из лида в сделку — произведение конверсий этапов. Сдвиньте один этап и посмотрите, как меняется всё.",
        "Lead-to-deal conversion is the product of the stage conversions. Move one stage and watch the whole.",
    ),
    "planner.chain.empty": ("Нет сделок с этапами за период.", "No deals with stages in the period."),
    "planner.chain.no_leads": (
        "Цепочка начинается с лида: лид → первый этап → … → выигрыш. В этом пространстве есть сделки "
        "({deals} {deals|сделка|сделки|сделок} за период, их этапы — на странице «Воронка»), но нет лидов, "
        "поэтому первый шаг цепочки посчитать не из чего. Загрузите лиды на странице «Данные», чтобы "
        "планировать по этапам.",
        "The chain starts from a lead: lead → first stage → … → won. This workspace has deals ({deals} "
        "{deals|deal|deals} in the period, their stages are on the Funnel page) but no leads, so the chain's "
        "first step has nothing to be counted from. Upload leads on the Data page to plan stage by stage.",
    ),
    "planner.chain.first": ("Лид → {to}, %", "Lead → {to}, %"),
    "planner.chain.step": ("{frm} → {to}, %", "{frm} → {to}, %"),
    "planner.chain.won": ("выигрыш", "won"),
    "planner.chain.conversion": ("Конверсия цепочки", "Chain conversion"),
    "planner.chain.apply": ("Взять в план", "Use in the plan"),
    "planner.chain.col_step": ("Переход", "Step"),
    "planner.chain.col_rate": ("Конверсия", "Conversion"),
    "planner.chain.col_count": ("Дошло в месяц", "Reach per month"),
    # Screen review #16: the card's «Сделки в месяц 40,4» beside the chain's whole 40 — each says which it is
    "planner.chain.col_count_help": (
        "Ожидаемое число в месяц, целое: среднее, округлённое до ближайшего. Карточка «Сделки в месяц» "
        "показывает то же среднее с дробью.",
        "The expected count a month, whole: the average rounded to the nearest. The “Deals per month” card "
        "shows the same average with its decimal.",
    ),
    "planner.m.deals_average_help": (
        "В среднем за месяц, поэтому с дробью: оборот = сделки × средний чек. Цепочка этапов и сравнение "
        "сценариев показывают ожидаемые сделки целыми, округлив это среднее.",
        "A monthly average, hence the decimal: turnover = deals × average deal size. The stage chain and the "
        "scenario comparison show the expected deals whole, rounded from this average.",
    ),
    "planner.mix.intro": (
        "Бюджет канала, делённый на цену лида, — это его лиды; лиды, умноженные на конверсию канала, — "
        "сделки; сделки, умноженные на средний чек канала, — оборот. Цена лида растёт, когда бюджет канала "
        "растёт: насколько быстро — задаёт столбец «Рост цены лида», с которым считает план (сначала 0: цена "
        "лида не растёт). Например, при 0,3 вдвое больший бюджет делает каждый лид дороже на 23 %.",
        "A channel's budget divided by its cost per lead is its leads; the leads multiplied by the channel's "
        "conversion are its deals; the deals multiplied by the channel's average deal size are its turnover. The "
        "cost per lead grows as the channel's budget grows: how fast is set by the “Lead cost growth” column, "
        "which the plan uses (0 at first: the cost per lead does not grow). For example, at 0.3 a budget twice "
        "as large makes each lead 23% dearer.",
    ),
    "planner.mix.outside": (
        "В таблице — каналы, у которых есть и расходы, и лиды. Вне её: {names}; лиды в месяц: {leads}, "
        "расходы в месяц: {spend}. Поэтому итоги таблицы меньше, чем у плана наверху.",
        "The table holds the channels with both spend and leads. Outside it: {names}; leads a month: "
        "{leads}, spend a month: {spend}. So the table's totals are below the plan's above.",
    ),
    "planner.mix.empty": (
        "Нет каналов с расходами и лидами за период.",
        "No channel has both spend and leads in the period.",
    ),
    # the workspace lacks what the table is made of (ui.views.planner.edits.mix_empty_key)
    "planner.mix.no_leads": (
        "Расходы по каналам есть, а лидов в этом пространстве нет: загрузите лиды с каналом на странице «Данные», "
        "и здесь появятся лиды, конверсия и оборот каждого канала.",
        "There is spend by channel, but this workspace has no leads: upload leads with a channel on the Data page, "
        "and each channel's leads, conversion and turnover appear here.",
    ),
    "planner.mix.no_spend": (
        "Лиды по каналам есть, а расходов в этом пространстве нет: загрузите расходы (канал, период, сумма) на "
        "странице «Данные», и здесь появятся бюджет и цена лида каждого канала.",
        "There are leads by channel, but this workspace has no spend: upload spend (channel, period, amount) on "
        "the Data page, and each channel's budget and cost per lead appear here.",
    ),
    "planner.mix.no_leads_spend": (
        "В этом пространстве нет ни лидов, ни расходов: каналы сравниваются по ним. Загрузите на странице "
        "«Данные» лиды с каналом и расходы (канал, период, сумма).",
        "This workspace has neither leads nor spend, which channels are compared by: upload leads with a "
        "channel and spend (channel, period, amount) on the Data page.",
    ),
    "planner.mix.channel": ("Канал", "Channel"),
    "planner.mix.budget": ("Бюджет в месяц", "Budget per month"),
    "planner.mix.cpl": ("CPL", "CPL"),
    "planner.mix.conversion": ("Конверсия, %", "Conversion, %"),
    "planner.mix.avg_check": ("Средний чек", "Average deal size"),
    "planner.mix.saturation": ("Рост цены лида", "Lead cost growth"),
    "planner.mix.saturation_help": (
        "0 — цена лида не растёт с бюджетом. Формула: цена лида × (бюджет ÷ базовый бюджет) в степени этого числа.",
        "0: the cost per lead does not grow with the budget. The rule: cost per lead × (budget ÷ base budget) "
        "to the power of this number.",
    ),
    "planner.mix.leads": ("Лиды", "Leads"),
    "planner.mix.blended_cpl": ("Средний CPL", "Blended CPL"),
    "planner.chain.stale": (
        "Этапы из ссылки или сценария, которых нет в текущей воронке, не применены: {names}.",
        "Stages from the link or scenario that the current ladder lacks were not applied: {names}.",
    ),
    "planner.mix.refused": (
        "«{channel}», {column}: {reason}. План считается с прежним значением.",
        "“{channel}”, {column}: {reason}. The plan keeps the earlier value.",
    ),
    "planner.mix.stale": (
        "Каналы из ссылки или сценария, которых нет в данных периода, не применены: {names}.",
        "Channels from the link or scenario that the period's data lacks were not applied: {names}.",
    ),
    "planner.mix.cac": ("Стоимость клиента", "CAC (cost per client)"),
    # the result table's short headers (edits.mix_tab), each named in full in its tooltip
    "planner.mix.col.cpl_help": (
        "Цена лида канала при этом бюджете: растёт с бюджетом, как задаёт «Рост цены лида».",
        "The channel's cost per lead at this budget: it grows with the budget as the “Lead cost growth” sets.",
    ),
    "planner.mix.col.leads": ("Лиды", "Leads"),
    "planner.mix.col.leads_help": ("Лиды в месяц: бюджет ÷ цена лида.", "Leads per month: budget ÷ CPL."),
    # an average with its decimal, said in the header («ср.»: the ten columns fit 800 px) and the
    # tooltip (review #16: «7,5» deals beside the stage chain's whole counts read as broken); whole
    # by the chain's rule, deals × check would not be the turnover beside them
    "planner.mix.col.deals": ("Сделки, ср.", "Avg. deals"),
    "planner.mix.col.deals_help": (
        "Сделки в месяц в среднем: лиды × конверсия канала, поэтому с дробью; оборот = эти сделки × средний "
        "чек канала. Цепочка этапов показывает ожидаемые сделки целыми.",
        "Deals per month on average: leads × the channel's conversion, hence the decimal; turnover = these "
        "deals × the channel's average deal size. The stage chain shows the expected deals whole.",
    ),
    "planner.mix.col.turnover": ("Оборот", "Turnover"),
    "planner.mix.col.turnover_help": (
        "Оборот в месяц: сделки × средний чек канала.",
        "Turnover per month: deals × the channel's average deal size.",
    ),
    # the table's totals, named as the table's: the headline above has the same figures by the plan's levers
    "planner.mix.total.budget": ("По таблице каналов: бюджет в месяц", "By the channel table: budget per month"),
    "planner.mix.total.leads": ("По таблице каналов: лиды в месяц", "By the channel table: leads per month"),
    "planner.mix.total.deals": (
        "По таблице каналов: сделки в месяц в среднем",
        "By the channel table: deals per month on average",
    ),
    "planner.mix.total.turnover": ("По таблице каналов: оборот в месяц", "By the channel table: turnover per month"),
    "planner.mix.total.cpl": ("По таблице каналов: средняя цена лида", "By the channel table: blended CPL"),
    "planner.mix.total.cac": ("По таблице каналов: стоимость клиента", "By the channel table: CAC"),
    "planner.mix.total.romi": ("По таблице каналов: ROMI", "By the channel table: ROMI"),
    "planner.mix.romi_why": (
        "ROMI таблицы {romi} = (оборот {turnover} − бюджет {budget}) ÷ бюджет, по цене лида, конверсии и "
        "среднему чеку каждого канала; ROMI наверху {head_romi} = ({head_turnover} − {head_budget}) ÷ "
        "{head_budget}, по общим рычагам плана{outside}.",
        "The table's ROMI {romi} = (turnover {turnover} − budget {budget}) ÷ budget, at each channel's cost "
        "per lead, conversion and average deal size; the ROMI above, {head_romi} = ({head_turnover} − "
        "{head_budget}) ÷ {head_budget}, is at the plan's overall levers{outside}.",
    ),
    "planner.mix.romi_why_outside": (
        ", и в бюджете наверху ещё {spend} в месяц расходов каналов вне таблицы",
        ", and the budget above holds {spend} a month of spend of channels outside the table",
    ),
    "planner.web.intro": (
        "Визиты — это запросы, умноженные на кликабельность; лиды — визиты, умноженные на конверсию сайта; "
        "расходы — клики по цене клика (здесь каждый визит — оплаченный клик). Начальные значения — "
        "допущения, не данные.",
        "Visits = queries × CTR; leads = visits × site conversion; cost = clicks × cost per click (each "
        "visit is a paid click here). The starting values are assumptions, not data.",
    ),
    "planner.web.visits": ("Визиты", "Visits"),
    "planner.web.leads": ("Лиды с сайта", "Leads from the site"),
    "planner.web.cost": ("Расходы на сайт", "Cost of the site's clicks"),
    "planner.web.cpl": ("Цена лида с сайта", "Cost per lead from the site"),
    "planner.cap.intro": (
        "Пропускная способность — сколько лидов команда успевает обработать: продавцы × лидов на продавца. "
        "Сверх неё конверсия падает; насколько — задаёт рычаг «Насколько падает конверсия при перегрузке»: "
        "когда лидов вдвое больше, чем продавцы успевают, при 1 конверсия вдвое ниже, при 0,5 — примерно на "
        "30 % ниже, при 0 не падает. Продавцы в базе — владельцы лидов за период.",
        "Capacity = sellers × leads per seller. Past it, conversion falls, the more so the higher the elasticity: with twice the leads the sellers "
        "can handle, elasticity 1 halves the conversion, 0.5 makes it about 30% lower, 0 leaves it as it is. "
        "The baseline's sellers are the owners of the period's leads.",
    ),
    "planner.cap.intro_deals": (
        "Лидов в данных нет, поэтому нагрузка считается в сделках, входящих в воронку. Пропускная способность — "
        "сколько таких сделок команда успевает вести: продавцы × сделок на продавца. Сверх неё доля выигранных "
        "сделок падает; насколько — задаёт рычаг «Насколько падает конверсия при перегрузке»: когда сделок вдвое "
        "больше, чем продавцы успевают, при 1 доля вдвое ниже, при 0,5 — примерно на 30 % ниже, при 0 не падает. "
        "Продавцы в базе — ответственные за сделки периода.",
        "The data has no leads, so the load is counted in deals entering the pipeline. Capacity = sellers × deals "
        "per seller. Past it, the win rate falls, the more so the higher the elasticity: with twice the deals the "
        "sellers can handle, elasticity 1 halves it, 0.5 makes it about 30% lower, 0 leaves it as it is. The "
        "baseline's sellers are the owners of the period's deals.",
    ),
    "planner.cap.on": ("Учитывать нагрузку на продавцов", "Model the sellers' load"),
    # no leads in the data nor typed (spend only): the toggle is not drawn (ui.views.planner.tabs)
    "planner.cap.no_leads": (
        "Нагрузку команды считать не из чего: данные не дают ни лидов, ни сделок, которые ведут продавцы. "
        "Введите лиды в месяц в рычагах или загрузите лиды или сделки на странице «Данные», и здесь можно будет "
        "учесть нагрузку.",
        "There is no load to work out: the data gives neither leads nor deals for the sellers to handle. Type "
        "leads a month in the levers, or upload leads or deals on the Data page, and the load can be modelled here.",
    ),
    "planner.web.on": (
        "Веб-цепочка в плане: её лиды и расходы — сверх рычагов",
        "The web chain feeds the plan: its leads and cost on top of the levers",
    ),
    "planner.rep.on": (
        "Постоянные клиенты в плане: их оборот входит в оборот и прибыль плана",
        "Repeat customers feed the plan: their turnover counts in the plan's turnover and profit",
    ),
    "planner.web.off_note": (
        "Выключено: это калькулятор рядом с планом, заголовок его не учитывает.",
        "Off: a calculator beside the plan; the headline does not count it.",
    ),
    "planner.cap.capacity": ("Пропускная способность", "Capacity"),
    # the sum under the card, with the per-seller lever as exact as the product needs (the slider
    # writes «212» for 211,6: «6 × 212» beside «1 270» did not add up; screen review #16)
    "planner.cap.product": (
        "{sellers} × {per_seller} на продавца = {capacity} в месяц",
        "{sellers} × {per_seller} a seller = {capacity} a month",
    ),
    "planner.cap.product_about": (
        "{sellers} × {per_seller} на продавца ≈ {capacity} в месяц",
        "{sellers} × {per_seller} a seller ≈ {capacity} a month",
    ),
    "planner.cap.load": ("Загрузка", "Load"),
    "planner.cap.effective": ("Конверсия с нагрузкой", "Conversion under load"),
    "planner.cap.needed": ("Нужно продавцов", "Sellers needed"),
    "planner.cap.plan": ("план", "plan"),
    "planner.cap.calibrate": (
        "Узнать по двум наблюдениям, насколько падает конверсия при перегрузке",
        "Calibrate the elasticity from two observations",
    ),
    "planner.cap.load_a": ("Нагрузка 1, лидов", "Load 1, leads"),
    "planner.cap.conv_a": ("Конверсия 1, %", "Conversion 1, %"),
    "planner.cap.load_b": ("Нагрузка 2, лидов", "Load 2, leads"),
    "planner.cap.conv_b": ("Конверсия 2, %", "Conversion 2, %"),
    "planner.cap.calibrated": (
        "Падение конверсии при перегрузке по этим точкам: {e}",
        "Elasticity from these points: {e}",
    ),
    "planner.cap.use": ("Взять это значение", "Use this elasticity"),
    "planner.rep.intro": (
        "Прибыль в месяц — это активные клиенты × средний заказ × заказов в месяц × маржа. Ценность клиента — "
        "прибыль, которую он приносит за весь срок жизни: заказ × заказов в месяц × маржа × срок жизни. Эти "
        "числа в данных не хранятся — введите свои.",
        "Profit = active clients × average order × orders per month × margin. LTV = order × orders per month × "
        "margin × lifetime. The data does not hold these: enter your own.",
    ),
    "planner.rep.revenue": ("Повторные клиенты: оборот в месяц", "Repeat customers: turnover per month"),
    "planner.rep.profit": ("Повторные клиенты: прибыль в месяц", "Repeat customers: profit per month"),
    "planner.rep.ltv": ("Ценность клиента", "Client LTV"),
    "planner.rep.no_margin": (
        "Прибыль и ценность клиента считаются с маржой; пока она не задана, они «—»: задайте её в рычаге «Маржа».",
        "Profit and LTV are worked out with the margin; while none is set they show “—”: set it in the “Margin” lever.",
    ),
    "planner.fc.pipeline": ("Взвешенная воронка: открытые сделки на сегодня", "Weighted pipeline: open deals today"),
    "planner.fc.stage": ("Этап", "Stage"),
    "planner.fc.deals": ("Открытые сделки", "Open deals"),
    "planner.fc.amount": ("Сумма", "Amount"),
    "planner.fc.p_ladder": ("Вероятность (настройка)", "Probability (setting)"),
    "planner.fc.p_learned": ("Вероятность (по истории)", "Probability (history)"),
    "planner.fc.w_ladder": ("Прогноз по настройке", "Forecast by the setting"),
    "planner.fc.w_learned": ("Прогноз по истории", "Forecast by history"),
    # the weighted pipeline's headers: short, so that the table fits a laptop's 820 px
    "planner.fc.col.deals": ("Сделок", "Deals"),
    "planner.fc.col.p_ladder": ("Шанс", "Chance"),
    "planner.fc.col.w_ladder": ("Прогноз", "Forecast"),
    "planner.fc.col.p_learned": ("Шанс по истории", "Chance by history"),
    # short: at 1280 px «Предложение на рассмотрении» was cut for «Прогноз по истории»'s width
    "planner.fc.col.w_learned": ("По истории", "By history"),
    "planner.fc.no_history": (
        "«Шанс по истории» после первого этапа — «—»: в данных нет истории этапов, поэтому не видно, на каком "
        "этапе ушли проигранные сделки (все они числятся на первом). Столбец «По истории» берёт для этих "
        "этапов шанс из настроек.",
        "“Chance by history” after the first stage is “—”: the data has no stage history, so it does not show "
        "at which stage the lost deals left (they all count at the first). The “By history” column takes the "
        "chance from the settings for those stages.",
    ),
    "planner.fc.col.p_ladder_help": (
        "Вероятность выигрыша с этого этапа из настроек воронки (страница «Настройки»).",
        "The chance of winning from this stage, as set in the funnel settings (the Settings page).",
    ),
    "planner.fc.col.w_ladder_help": (
        "Сумма × шанс из настроек: прогноз по настройке.",
        "Amount × the chance from the settings: the forecast by the setting.",
    ),
    "planner.fc.col.p_learned_help": (
        "Доля выигранных среди закрытых сделок, прошедших этот этап, в ваших данных.",
        "The share won among the closed deals that passed this stage, in your data.",
    ),
    "planner.fc.col.w_learned_help": (
        "Прогноз по истории: сумма × шанс по истории.",
        "Forecast by history: amount × the chance by history.",
    ),
    "planner.fc.by_close": (
        "По ожидаемой дате закрытия (у открытой сделки дата закрытия — это ожидание, а не закрытие)",
        "By expected close (an open deal's close date is when it is expected to close, not a close)",
    ),
    "planner.fc.close_month": ("Ожидаемое закрытие", "Expected close"),
    "planner.fc.no_close": ("без даты", "no date"),
    "planner.fc.overdue": ("(просрочено)", "(overdue)"),
    "planner.fc.open_amount": ("Открытые сделки на сумму", "Open deals worth"),
    # under the two forecasts: what each is, and when they differ, which stage's chance drives it
    # (funnel.model.forecast_gap; issue #16: 9 027 140 ₽ beside 16 779 868 ₽ without a word)
    "planner.fc.two_forecasts": (
        "«Прогноз по настройке» взвешивает открытые сделки шансом их этапа из настроек, «Прогноз по истории» — "
        "долей выигранных среди закрытых сделок, прошедших этот этап.",
        "“Forecast by the setting” weighs the open deals by their stage's chance in the settings, “Forecast by "
        "history” by the share won among the closed deals that passed that stage.",
    ),
    "planner.fc.two_forecasts_gap": (
        "Они расходятся на {share}, больше всего из-за этапа «{stage}» ({part} разницы): в настройках {ladder}, "
        "по истории {learned}. Шанс этапа меняется на странице «{page}» › «{section}», столбец «{column}».",
        "They differ by {share}, most of all because of the stage “{stage}” ({part} of the gap): {ladder} in the "
        "settings, {learned} by history. A stage's chance is changed in {page} › {section}, the “{column}” column.",
    ),
    "planner.fc.uncertainty_month": ("Разброс оборота за {month}", "Spread of turnover in {month}"),
    # {value}: the 12-month chart's figure for {month}, the spread's mean; «Вероятный» (planner.fc.mid)
    # is its median: the two side by side read as one figure said twice (screen review)
    # which month the spread is of (funnel.periods.next_month), before planner.fc.month_season
    "planner.fc.next_month": (
        "Следующий месяц — {month}: первый, который начнётся и после сегодняшнего дня ({today}), и после "
        "последнего дня данных ({through}). Прогноз на этот же месяц сохраняет страница «Время» и потом сверяет "
        "его с фактом.",
        "The next month is {month}: the first to begin after both today ({today}) and the data's last day "
        "({through}). The Time page saves its forecast for the same month and later scores it against the actual.",
    ),
    "planner.fc.next_month_calendar": (
        "Следующий месяц — {month}: первый, который начнётся после сегодняшнего дня ({today}). Прогноз на этот "
        "же месяц сохраняет страница «Время» и потом сверяет его с фактом.",
        "The next month is {month}: the first to begin after today ({today}). The Time page saves its forecast "
        "for the same month and later scores it against the actual.",
    ),
    "planner.fc.projection_earlier": (
        "Прогноз на 12 месяцев ниже начинается раньше, с {first}: сразу после данных.",
        "The 12-month projection below starts earlier, at {first}: right after the data.",
    ),
    "planner.fc.month_off_chart": (
        "Разброс — за {month}, с сезонностью этого месяца и оплатами, которые придут в него от лидов прошлых "
        "месяцев. На график «Прогноз на 12 месяцев» этот месяц не попадает: данные кончаются больше чем за год до "
        "него.",
        "The spread is for {month}, with that month's season and the wins that leads of earlier months bring "
        "into it. The chart “12 months ahead” does not reach it: the data ends more than a year before it.",
    ),
    "planner.fc.month_season": (
        "Разброс — за {month}, с сезонностью этого месяца и оплатами, которые придут в него от лидов прошлых "
        "месяцев. На графике «Прогноз на 12 месяцев» ниже {month} — {value}: это среднее разброса. «Вероятный» — "
        "его середина (половина исходов выше, половина ниже); от среднего она отличается, когда разброс несимметричен.",
        "The spread is for {month}, with that month's season and the wins that leads of earlier months bring into "
        "it. On the chart “12 months ahead” below, {month} is {value}: the spread's average. “Likely” is its "
        "middle (half the outcomes above, half below), which differs from the average when the spread is lopsided.",
    ),
    "planner.fc.month_flat": (
        "Разброс — за {month}, с оплатами, которые придут в него от лидов прошлых месяцев. На графике «Прогноз на "
        "12 месяцев» ниже {month} — {value}: это среднее разброса. «Вероятный» — его середина (половина исходов "
        "выше, половина ниже); от среднего она отличается, когда разброс несимметричен. Сезонность не учтена: для "
        "неё нужен год полной истории.",
        "The spread is for {month}, with the wins that leads of earlier months bring into it. On the chart “12 "
        "months ahead” below, {month} is {value}: the spread's average. “Likely” is its middle (half the outcomes "
        "above, half below), which differs from the average when the spread is lopsided. No season: that needs a "
        "whole year of history.",
    ),
    "planner.fc.p_target": ("Шанс достичь {target}", "Chance to reach {target}"),
    # the spread's three estimates (the 10th, 50th and 90th percentiles) in plain words
    "planner.fc.low": ("Пессимистичный", "Pessimistic"),
    "planner.fc.mid": ("Вероятный", "Likely"),
    "planner.fc.high": ("Оптимистичный", "Optimistic"),
    "planner.fc.low_help": ("Меньше бывает в 1 случае из 10.", "Less happens only 1 time in 10."),
    "planner.fc.mid_help": (
        "Середина: в половине случаев больше, в половине меньше.",
        "The middle: half the time more, half the time less.",
    ),
    "planner.fc.high_help": ("Больше бывает в 1 случае из 10.", "More happens only 1 time in 10."),
    "planner.fc.uncertainty_note": (
        "Разброс по данным: {leads} {leads|лид|лида|лидов} и {won} {won|оплата|оплаты|оплат} в базе; "
        "чек каждый раз берётся наугад из {sample} {sample|настоящей суммы|настоящих сумм|настоящих сумм} "
        "оплат. Чем меньше данных, тем шире полоса. Оценки — по 20 000 возможных месяцев, собранных наугад из этих данных (при каждом расчёте одних и тех же): в 8 случаях из 10 оборот окажется между пессимистичным и оптимистичным прогнозом.",
        "The spread the data supports: {leads} {leads|lead|leads} and {won} won {won|deal|deals} in the "
        "baseline; each deal's amount is drawn at random from {sample} real won {sample|amount|amounts}. Less data, "
        "wider band. The estimates come from 20,000 possible months drawn at random from these data (the same "
        "ones on every run): 8 times in 10 the turnover lands between the pessimistic and the optimistic one.",
    ),
    "planner.fc.sensitivity": ("Чувствительность: ±10 % на каждый рычаг", "Sensitivity: ±10% on each lever"),
    "planner.fc.metric": ("Показатель", "Metric"),
    "planner.fc.sens_left": ("Не показаны: {parts}.", "Left out: {parts}."),
    "planner.fc.sens_flat": (
        "{levers} — ±10 % не меняют показатель «{metric}»",
        "{levers}: ±10% does not move “{metric}”",
    ),
    "planner.fc.sens_unknown": (
        "{levers} — не заданы: нет в данных, не введены",
        "{levers}: not set (not in the data, not typed)",
    ),
    "planner.fc.projection": ("Прогноз на 12 месяцев", "12 months ahead"),
    "planner.fc.seasonal": (
        "Сезонность взята из {months} {months|месяца|месяцев|месяцев} истории.",
        "Seasonality learned from {months} {months|month|months} of history.",
    ),
    "planner.fc.flat": (
        "Истории меньше года ({months} мес.) — сезонность не оценить, прогноз ровный.",
        "Less than a year of history ({months} {months|month|months}): no seasonality, a flat line.",
    ),
    "planner.bt.intro": (
        "Выберите месяц отсечки: прогноз строится только по данным до него и сравнивается с тем, что было потом.",
        "Pick a cut-off month: the forecast uses only the data before it and is compared with what followed.",
    ),
    "planner.bt.short": (
        "Для проверки нужно хотя бы 4 месяца истории.",
        "A backtest needs at least 4 months of history.",
    ),
    "planner.bt.cutoff": ("Первый месяц прогноза", "First forecast month"),
    "planner.bt.horizon": ("Горизонт, мес.", "Horizon, months"),
    # MAPE and WAPE in plain words: a marketer reads what the figure means, not its acronym
    "planner.bt.mape": ("Средняя ошибка по месяцам", "Average error per month"),
    "planner.bt.wape": ("Ошибка за весь срок", "Error over the whole span"),
    "planner.bt.none": ("Ошибка", "Error"),
    "planner.bt.train": ("Месяцев истории для прогноза", "Months learned from"),
    "planner.bt.metric_note": (
        "Средняя ошибка по месяцам — насколько прогноз месяца в среднем расходился с фактом, в процентах "
        "от факта. Если в каком-то месяце факт близок к нулю, считается ошибка за весь срок: сумма "
        "расхождений ÷ сумма факта.",
        "Average error per month: how far each month's forecast was from the actual, as a share of the "
        "actual, on average. When some month's actual is near zero, the error over the whole span is used "
        "instead: total difference ÷ total actual.",
    ),
    "planner.bt.actual": ("Факт", "Actual"),
    "planner.bt.forecast": ("Прогноз", "Forecast"),
    "planner.chart.waterfall": ("От базы к плану: оборот в месяц", "From baseline to plan: turnover per month"),
    # On the tornado when the team's +10 % moves nothing (funnel.model.sensitivity.idle_up): its bars
    # stood at −10 % alone with no word (screen review). Not "the team is not the limit": at a
    # load of 100 % (the demo) more sellers change nothing, yet +10 % leads overflow the team.
    "planner.fc.idle.sellers": (
        "{up} к числу продавцов ничего не меняют: команда уже справляется с нынешними лидами",
        "{up} on sellers changes nothing: the team already handles today's leads",
    ),
    "planner.fc.idle.contacts_per_seller": (
        "{up} к лидам на продавца ничего не меняют: команда уже справляется с нынешними лидами",
        "{up} on leads per seller changes nothing: the team already handles today's leads",
    ),
    "planner.fc.idle.both": (
        "{up} к числу продавцов или к лидам на продавца ничего не меняют: команда уже справляется с нынешними лидами",
        "{up} on sellers or on leads per seller changes nothing: the team already handles today's leads",
    ),
    "planner.chart.tornado": ("Что сильнее двигает показатель «{metric}»", "What moves “{metric}” most"),
    "planner.chart.history": ("История", "History"),
    "planner.chart.history_warming": ("Начало данных: неполные месяцы", "Start of the data: months not whole"),
    "planner.fc.warming": (
        "Начало истории, {period}, на графике отмечено серым: оборот там не весь. Сделка закрывается через недели "
        "после лида, а лидов до начала данных в данных нет, поэтому тогда пришло меньше обычного: меньше 9 из 10 "
        "выигрышей по срокам сделок или меньше половины оборота следующего года. Это не спад, и в сезонность "
        "прогноза эти месяцы не входят.",
        "The start of the history, {period}, is drawn grey: its turnover is not whole. A deal closes weeks after its "
        "lead, and the data has no leads from before it begins, so less came in then than in a usual month: under "
        "9 in 10 of the wins by the deals' delays, or under half the turnover of the year after. It is not a slump, "
        "and the projection's seasonality leaves these months out.",
    ),
    "planner.chart.projection": ("Прогноз оборота", "Turnover projection"),
    "planner.chart.backtest": ("Прогноз против факта", "Forecast against actual"),
    "planner.chart.uncertainty": ("Возможный оборот за месяц", "Possible turnover in a month"),
    "planner.chart.uncertainty_month": ("Возможный оборот за {month}", "Possible turnover in {month}"),
    "planner.chart.capacity": ("Конверсия в зависимости от числа лидов", "Conversion against the number of leads"),
    "planner.chart.capacity_deals": (
        "Конверсия в зависимости от числа сделок в воронку",
        "Conversion against the deals entering the pipeline",
    ),
    "planner.sc.name": ("Название сценария", "Scenario name"),
    "planner.sc.save": ("Сохранить", "Save"),
    "planner.sc.saved": ("Сценарий «{name}» сохранён.", "Scenario “{name}” saved."),
    "planner.sc.overwrite": ("Перезаписать, если такое название уже есть", "Overwrite if the name exists"),
    # no figure of the plan's own (funnel.model.gaps.nothing_known); {figures}: the headline's figures
    # still "—", three at least, joined as the language joins a list; what to type, the line after
    # it says (a pointer «сказано ниже» read as pointing away from the levers above)
    "planner.sc.no_result": (
        "Сохранять пока нечего: {figures} плана — «—».",
        "Nothing to save yet: the plan's {figures} are “—”.",
    ),
    "planner.sc.viewer": (
        "Ваша роль позволяет играть с рычагами, но не сохранять сценарии.",
        "Your role lets you play with the levers but not save scenarios.",
    ),
    "planner.sc.compare": ("Сравнение сценариев", "Compare scenarios"),
    "planner.sc.pick_compare": ("Сценарии для сравнения", "Scenarios to compare"),
    "planner.sc.baseline": ("База", "Baseline"),
    "planner.sc.current": ("Сейчас на экране", "On screen now"),
    "planner.sc.metric": ("Показатель", "Metric"),
    "planner.sc.plans": ("Планы на периоды: {plans}", "Plans for periods: {plans}"),
    "planner.sc.no_tables": (
        "«—» в строках цепочки этапов и микса каналов у {names}: {n|сценарий сохранён|сценарии сохранены|"
        "сценарии сохранены} до того, как эти строки стали сохраняться вместе со сценарием. Откройте "
        "{n|его|их|их} и сохраните снова, чтобы сравнить и их.",
        "“—” in the stage-chain and channel-mix rows of {names}: {n|the scenario was|the scenarios were} "
        "saved before these rows were kept with a scenario. Open {n|it|them} and save {n|it|them} again to "
        "compare them too.",
    ),
    "planner.sc.no_active": (
        "«—» в строках активных продаж: у «Базы» их нет (план активных продаж задают на вкладке «Активные "
        "продажи»), а {n|сценарий|сценарии|сценарии} {names} {n|сохранён|сохранены|сохранены} без такого "
        "плана. Чтобы добавить его, откройте {n|сценарий|сценарии|сценарии}, задайте план на вкладке "
        "«Активные продажи» и сохраните снова.",
        "“—” in the active-sales rows: the Baseline has none (an active-sales plan is set on the “Active "
        "sales” tab), and {n|the scenario|the scenarios} {names} {n|was|were} saved without one. To add one, "
        "open {n|it|them}, set the plan on the “Active sales” tab and save again.",
    ),
    "planner.sc.mix_apart": (
        "Строки «Микс каналов» — итоги таблицы на вкладке «Каналы»: бюджет, цена лида, конверсия и чек по "
        "каждому каналу. Рычаги сверху (лиды, конверсия, чек, цена лида) их не двигают, только правки в этой "
        "таблице, поэтому у сценариев, которые отличаются лишь рычагами, микс одинаковый.",
        "The “Channel mix” rows are the totals of the table on the “Channel mix” tab: each channel's budget, "
        "cost per lead, conversion and deal size. The levers above (leads, conversion, deal size, cost per lead) do "
        "not move them, only edits in that table do, so scenarios that differ only in their levers have the "
        "same mix.",
    ),
    "planner.sc.pick": ("Сценарий", "Scenario"),
    "planner.sc.open": ("Открыть", "Open"),
    "planner.sc.new_name": ("Новое название", "New name"),
    "planner.sc.rename": ("Переименовать", "Rename"),
    "planner.sc.delete": ("Удалить", "Delete"),
    "planner.sc.plan_period": ("Период плана", "Plan period"),
    "planner.sc.mark": ("Сделать планом", "Make it the plan"),
    "planner.export.title": ("Выгрузка", "Export"),
    "planner.export.default_title": ("План продаж", "Sales plan"),
    "planner.export.html": ("Отчёт HTML", "HTML report"),
    "planner.export.xlsx": ("Таблица XLSX", "XLSX workbook"),
    "planner.export.generated": ("Сформирован {when}", "Generated {when}"),
    "planner.export.inputs": ("Исходные данные", "Inputs"),
    "planner.export.workspace": ("Рабочее пространство", "Workspace"),
    "planner.export.data_period": ("Данные для базы плана", "Baseline data"),
    "planner.export.results": ("Результаты", "Results"),
    "planner.export.charts": ("Графики", "Charts"),
    "planner.err.field": ("{field}: {message}, получено {value}", "{field}: {message}, got {value}"),
    "planner.err.baseline": (
        "Планировщик не смог прочитать данные для базы. Попробуйте ещё раз; если ошибка "
        "повторится, подробности — в журнале сервера.",
        "The planner could not read the data for its baseline. Try again; if it persists, "
        "the server log has the detail.",
    ),
    "planner.err.number": ("{field}: нужно число, получено {value}", "{field}: must be a number, got {value}"),
    "planner.err.finite": (
        "{field}: нужно конечное число, получено {value}",
        "{field}: must be a finite number, got {value}",
    ),
    "planner.err.non_negative": (
        "{field}: не может быть меньше 0, получено {value}",
        "{field}: must be 0 or more, got {value}",
    ),
    "planner.err.positive": (
        "{field}: должно быть больше 0, получено {value}",
        "{field}: must be more than 0, got {value}",
    ),
    "planner.err.flag": (
        "{field}: включено (1) или выключено (0), получено {value}",
        "{field}: must be on (1) or off (0), got {value}",
    ),
    "planner.err.share": (
        "{field}: доля от 0 до 1 (от 0 до 100 %), получено {value}",
        "{field}: must be between 0 and 1, got {value}",
    ),
    "planner.err.name_length": (
        "Название сценария — от 1 до {max} символов.",
        "A scenario name has 1 to {max} characters.",
    ),
    "planner.err.bad_scenario": (
        "Сохранённые данные сценария «{name}» — не план; удалите его.",
        "The saved inputs of scenario “{name}” are not a plan; delete it.",
    ),
    "planner.err.name_taken": ("Сценарий «{name}» уже есть.", "A scenario “{name}” already exists."),
    "planner.err.no_scenario": ("Сценария «{name}» нет.", "There is no scenario “{name}”."),
    "planner.err.no_workspace": ("Нет рабочего пространства «{workspace}».", "There is no workspace “{workspace}”."),
    "planner.cycle.base": (
        "Цикл сделки — {days} дн.: медиана дней от лида до выигрыша (сделок, выигранных за период, с учётом фильтров: {wins}).",
        "Sales cycle {days} {days|day|days}: the median days from lead to won (deals won in the period, after the filters: {wins}).",
    ),
    "planner.cycle.none": (
        "Выигранных сделок с датой лида нет — длину цикла взять неоткуда: введите её сами на вкладке «Прогноз» "
        "(поле там есть, когда в данных есть оборот).",
        "No won deal with a lead date: there is no cycle to take, type it on the Forecast tab (the box is there "
        "once the data has a turnover).",
    ),
    "planner.cycle.zero": (
        "Медиана цикла — 0 дней (выигранных сделок: {wins}; половина закрыта в день лида): введите цикл сами "
        "на вкладке «Прогноз».",
        "Half of the {wins} won deals closed on their lead's day (a median of 0 days): type the cycle on the "
        "Forecast tab.",
    ),
    "planner.cycle.type": ("дней — введите", "days — type them"),
    "planner.cycle.effect": (
        "Цикл {days} дн. вместо {base}: каждая задержка от лида до выигрыша × {k} — оборот в прогнозе приходит "
        "раньше или позже; продавец держит столько же сделок разом, значит успевает взять лидов в месяц × {f} "
        "(ёмкость команды {capacity}).",
        "A cycle of {days} {days|day|days} instead of {base}: every lead-to-won delay × {k}, so the projection's turnover "
        "comes earlier or later; a seller carries as many deals at once, so the leads they take a month × {f} (the "
        "team's capacity {capacity}).",
    ),
    "planner.cycle.typed": (
        "Цикл введён вручную: в прогнозе каждая сделка приходит через {days} дн. после лида; ёмкость команды — "
        "как вы её задали (сравнить не с чем).",
        "The cycle is typed: in the projection every deal comes {days} {days|day|days} after its lead; the team's capacity "
        "is as you set it (there is nothing to compare with).",
    ),
    # the Forecast tab without a turnover (review #16: a cycle box with nothing beside it)
    "planner.cycle.later": (
        "Цикл сделки задаётся здесь, под прогнозом на 12 месяцев, когда будет оборот: без него прогноза нет и "
        "циклу нечего двигать.",
        "The sales cycle is set here, under the 12-month projection, once there is a turnover: without one there is "
        "no projection for the cycle to move.",
    ),
    "planner.cycle.capacity_only": (
        "Оборота для прогноза нет, поэтому цикл двигает только ёмкость команды (вкладка «Нагрузка»): продавец "
        "держит столько же сделок разом, и чем короче цикл, тем больше лидов в месяц он успевает взять.",
        "There is no turnover to forecast, so the cycle moves only the team's capacity (the Capacity tab): a seller "
        "carries as many deals at once, so the shorter the cycle, the more leads a month they take.",
    ),
    "planner.cycle.capacity_effect": (
        "Цикл {days} дн. вместо {base}: продавец успевает взять лидов в месяц × {f} (ёмкость команды {capacity}).",
        "A cycle of {days} {days|day|days} instead of {base}: a seller takes × {f} the leads a month (the team's "
        "capacity {capacity}).",
    ),
    "planner.err.plan_period": (
        "Период плана должен заканчиваться не раньше, чем начинается.",
        "The plan's period must end on or after its start.",
    ),
}

TEXTS.update(
    {
        "workshop.basis": (
            "{base} Рычаги — данные пространства, сделки — по дате закрытия, как в «Обзоре».",
            "{base} The levers are this workspace's data, deals by closing date, as on the Overview.",
        ),
        # a workspace of leads without a single deal: no closing dates to speak of (workshop.partial says
        # which deals to upload)
        "workshop.basis_leads": (
            "{base} Рычаги — лиды пространства.",
            "{base} The levers are this workspace's leads.",
        ),
        # the whole example (no lever in the data): {lacking} is gaps.lacking, the Planner's words
        "workshop.example": (
            "{lacking}: цифры ниже — пример из методики, а не ваши данные. Загрузите на странице «Данные»: {files}.",
            "{lacking}: the figures below are the method's example, not your data. Upload {files} on the Data page.",
        ),
        "workshop.intro": (
            "Оборот — это лиды × конверсия × средний чек. Четвёртый рычаг — продавцы: больше лидов без людей "
            "не даёт пропорционально больше сделок.",
            "Turnover = leads × conversion × average deal size. The fourth lever is sellers: more leads without "
            "people do not bring proportionally more deals.",
        ),
        "workshop.leads": ("Лиды в месяц", "Leads per month"),
        "workshop.conversion": ("Конверсия, %", "Conversion, %"),
        "workshop.avg_check": ("Средний чек", "Average deal size"),
        "workshop.sellers": ("Продавцы", "Sellers"),
        "workshop.sellers_help": (
            "Один продавец обрабатывает {per_seller} {per_seller|лид|лида|лидов} в месяц.",
            "One seller handles {per_seller} {per_seller|lead|leads} a month.",
        ),
        "workshop.reset": ("Вернуть к базе", "Back to the baseline"),
        "workshop.turnover": ("Оборот в месяц", "Turnover per month"),
        "workshop.deals": ("Сделки в месяц", "Deals per month"),
        "workshop.capacity": ("Лидов может обработать команда", "Leads the team can handle"),
        "workshop.overload": (
            "Команда перегружена: конверсия падает с {base} до {eff}. Чтобы её удержать, нужно {sellers} {sellers|продавец|продавца|продавцов}.",
            "The team is overloaded: conversion falls from {base} to {eff}. Holding it takes {sellers} {sellers|seller|sellers}.",
        ),
        "workshop.leads_one": ("лид", "lead"),
        "workshop.leads_few": ("лида", "leads"),
        "workshop.leads_many": ("лидов", "leads"),
        "workshop.deals_one": ("сделка", "deal"),
        "workshop.deals_few": ("сделки", "deals"),
        "workshop.deals_many": ("сделок", "deals"),
        "workshop.deals_in": ("Сделки в воронку в месяц", "Deals entering the pipeline a month"),
        "workshop.win_rate": ("Доля выигранных, %", "Win rate, %"),
        "workshop.basis_deals": (
            "{base} Лидов в данных нет, поэтому рычаги — сделки пространства, как в «Планировщике»: "
            "сделки, вошедшие в воронку, × доля выигранных × средний чек.",
            "{base} The data has no leads, so the levers are this workspace's deals, as in the Planner: "
            "deals entering the pipeline × win rate × average deal size.",
        ),
    }
)

# Issue #14: the Workshop on the workspace's own levers, the method's example only where the data
# has none (funnel.model.workshop): which levers are the example, and why.
TEXTS.update(
    {
        # {lacking}: gaps.lacking, the Planner's words for the same levers; {n}: how many
        "workshop.partial": (
            "{lacking}: {n|этот рычаг|эти рычаги|эти рычаги} — пример из методики, а не ваши данные, и "
            "{n|помечен|помечены|помечены} «пример», как и цифры, которые от {n|него|них|них} зависят. Остальные "
            "рычаги — данные пространства. Загрузите на странице «Данные»: {files}.",
            "{lacking}: the method's example stands in for {n|that lever|those levers}, marked “example”, as "
            "are the figures that rest on {n|it|them}. The other levers are the workspace's own. Upload {files} "
            "on the Data page.",
        ),
        "workshop.example_mark": ("{label} (пример)", "{label} (example)"),
    }
)

# Issue #16: what a person reads on the Planner.
TEXTS.update(
    {
        "planner.baseline_exact": (
            "Рычаги показывают эти значения округлёнными; пока их не меняли, план считает по точным делениям.",
            "The levers show these values rounded; until you change them, the plan runs on the exact divisions.",
        ),
        "planner.lever.type": ("— данные не дают, введите", "— not in the data, type it"),
        "planner.deals_basis.open_none": (
            "Открытых сделок на этапах воронки нет: сверху ничего не добавляется.",
            "No open deals stand at the pipeline's stages: nothing is added on top.",
        ),
        "planner.fc.no_close_all": (
            "Ни у одной из {deals} {deals|открытой сделки|открытых сделок|открытых сделок} нет ожидаемой даты "
            "закрытия, поэтому по месяцам их не разложить{worth}. Чтобы увидеть, в каком месяце они закроются, "
            "загрузите на странице «Данные» сделки с колонкой ожидаемой даты закрытия.",
            "None of the {deals} open {deals|deal has|deals have} an expected close date, so they cannot be put "
            "in months{worth}. To see the month each should close, upload deals with an expected close date "
            "column on the Data page.",
        ),
        "planner.fc.no_close_worth": (
            ": они стоят {amount}, {weighted} с весами этапов (по этапам — в таблице выше)",
            ": they are worth {amount}, {weighted} weighted by stage (by stage in the table above)",
        ),
    }
)

# `python -m funnel plan`'s table (funnel/cli/plan_text.py): each figure's name, in --lang.
TEXTS.update(
    {
        f"plan.cli.{key}": pair
        for key, pair in {
            **_LEVERS,  # a lever is named as its slider names it; where the table says more:
            "capacity": ("Пропускная способность, лидов в месяц", "Capacity, leads per month"),
            "ctr": ("Кликабельность (CTR)", "CTR"),
            "web_on": ("Веб-цепочка в плане", "Web chain in the plan"),  # the tab's own name
            "repeat_on": ("Повторные продажи в плане", "Repeat sales in the plan"),
            "total_leads": ("Всего лидов в месяц", "Total leads per month"),
            "effective_conversion": ("Конверсия с учётом перегрузки", "Conversion after overload"),
            "deals": ("Сделки в месяц", "Deals per month"),
            "new_turnover": ("Оборот от новых сделок в месяц", "Turnover from new deals per month"),
            "turnover": ("Оборот в месяц", "Turnover per month"),
            "budget": ("Бюджет в месяц", "Budget per month"),
            "romi": ("ROMI", "ROMI"),
            "cac": ("Стоимость клиента (CAC)", "CAC (cost per customer)"),
            "capacity_input": ("Пропускная способность (введена)", "Capacity (typed)"),
            "load": ("Загрузка команды", "Team load"),
            # the plan's and the target's sellers are two rows of one table: each says whose leads
            "sellers_needed": ("Нужно продавцов для лидов плана", "Sellers needed for the plan's leads"),
            # a multiplier («× 1,33»), as the Forecast tab's cycle note says it (planner.cycle.effect)
            "cycle_factor": ("Лидов на продавца в месяц при этом цикле", "Leads a seller takes a month at this cycle"),
            "visits": ("Визиты в месяц", "Visits per month"),
            "web_leads": ("Лиды с сайта в месяц", "Web leads per month"),
            "cost": ("Расходы на веб в месяц", "Web spend per month"),
            "web_cpl": ("Цена веб-лида", "Web cost per lead"),
            "repeat_revenue": ("Оборот повторных продаж в месяц", "Repeat turnover per month"),
            "repeat_profit": ("Прибыль повторных продаж в месяц", "Repeat profit per month"),
            "ltv": ("Ценность клиента (LTV)", "Client LTV"),
            "gross_margin": ("Валовая прибыль в месяц", "Gross margin per month"),
            "profit": ("Прибыль в месяц", "Profit per month"),
            "required_leads": ("Нужно лидов в месяц", "Leads needed per month"),
            "required_budget": ("Нужен бюджет в месяц", "Budget needed per month"),
            "required_deals": ("Нужно сделок в месяц", "Deals needed per month"),
            "required_conversion": ("Нужна конверсия", "Conversion needed"),
            "required_leads_at_base": ("Нужно лидов при базовой конверсии", "Leads needed at the baseline conversion"),
            "required_sellers": (
                "Нужно продавцов для цели при базовой конверсии",
                "Sellers needed for the target at the baseline conversion",
            ),
            "target_reachable": ("Цель достижима", "Target reachable"),
            "at_target": ("При цели", "At the target"),
            "basis": ("База расчёта", "Basis"),
            "period_from": ("Период базы с", "Baseline period from"),
            "period_to": ("Период базы по", "Baseline period to"),
            "months": ("Месяцев с данными", "Months with data"),
            "window_months": ("Месяцев в периоде", "Months in the period"),
            "covered_from": ("Данные с", "Data from"),
            "covered_to": ("Данные по", "Data to"),
            "period_leads": ("Лиды за период", "Leads in the period"),
            "period_won": ("Выиграно сделок за период", "Deals won in the period"),
            "period_revenue": ("Оборот за период", "Turnover in the period"),
            "cycle_wins": ("Выигранных сделок в расчёте цикла", "Won deals the cycle is over"),
            "mature_leads": ("Созревшие лиды", "Mature leads"),
            "maturing": ("Лиды, которые ещё созревают", "Leads still maturing"),
            "window_days": ("Срок созревания, дн.", "Maturing window, days"),
            "mature_until": ("Созревшие — созданные не позже", "Mature: created up to"),
            "exposure": ("«Полных» лидов", "Leads' worth"),
            "young": ("Молодые лиды", "Young leads"),
            "chain_conversion": ("Конверсия цепочки этапов", "Stage chain conversion"),
            "mix_budget": ("Бюджет каналов в месяц", "Channel mix budget per month"),
            "mix_turnover": ("Оборот каналов в месяц", "Channel mix turnover per month"),
            "mix_romi": ("ROMI каналов", "Channel mix ROMI"),
            "edits": ("Правки этапов и каналов", "Stage and channel edits"),
            "unknown": ("Данные не дают", "Not in the data"),
            "yes": ("да", "yes"),
            "no": ("нет", "no"),
        }.items()
    }
)

# Issue #16: the Workshop's figures say what they rest on (ui.views.workshop): a card computed from
# an example lever is marked as the lever is (workshop.example_mark), the line says when its
# factors are written rounded (the Planner's rule, planner.baseline_exact), a deals-only team's
# capacity counts deals.
TEXTS.update(
    {
        "workshop.line_rounded": (
            "Множители в строке показаны округлёнными, как на рычагах; оборот считается по точным значениям, "
            "как в «Планировщике».",
            "The factors in the line are shown rounded, as on the levers; the turnover runs on the exact values, "
            "as in the Planner.",
        ),
        # "Deals entering the team can handle" read as broken English (review #16): a month's deals
        "workshop.capacity_deals": ("Сделок в месяц может обработать команда", "Deals a month the team can handle"),
        "workshop.sellers_help_deals": (
            "Один продавец ведёт {per_seller} {per_seller|сделку|сделки|сделок} в воронке в месяц.",
            "One seller handles {per_seller} {per_seller|deal|deals} entering the pipeline a month.",
        ),
    }
)

# Issue #16: the deals-only Planner's «Сделки в месяц» beside the Overview's won deals a month: the
# card's help says what each counts (ui.views.planner.deal_flow, funnel.model.deal_flow).
TEXTS.update(
    {
        "planner.m.deals_help": (
            "В базе {deals} = {per_month} {per_month|сделка|сделки|сделок} в воронку в месяц × доля выигранных "
            "{win_rate}.",
            "At the baseline, {deals} = {per_month} {per_month|deal|deals} entering the pipeline a month × win rate "
            "{win_rate}.",
        ),
        # the card's label where its figure is not the Overview's won a month (deal_flow.apart)
        "planner.m.deals_at_win_rate": (
            "Сделки в месяц при доле выигрыша {win_rate}",
            "Deals per month at a {win_rate} win rate",
        ),
        "planner.m.deals_vs_overview.open": (
            "На «Обзоре» {won_pm} — выигранные сделки за период ÷ месяцы ({won} ÷ {months}). Разница — в открытых "
            "сделках: вошедших в воронку за период — {entered}, закрытых — {closed}; план считает, что и открытые "
            "будут выиграны с той же долей.",
            "The Overview's {won_pm} is the deals won in the period ÷ its months ({won} ÷ {months}). The difference "
            "is the open deals: {entered} entered the pipeline in the period, {closed} closed; the plan counts the "
            "open ones as won at the same rate.",
        ),
        "planner.m.deals_vs_overview.earlier": (
            "На «Обзоре» {won_pm} — выигранные сделки за период ÷ месяцы ({won} ÷ {months}). Разница — в сделках, "
            "вошедших в воронку до периода: закрытых за период — {closed}, вошедших за него — {entered}; план "
            "применяет долю выигранных только к вошедшим за период.",
            "The Overview's {won_pm} is the deals won in the period ÷ its months ({won} ÷ {months}). The difference "
            "is deals that entered the pipeline before the period: {closed} closed in it, {entered} entered it; "
            "the plan applies the win rate to the deals entering only.",
        ),
    }
)
