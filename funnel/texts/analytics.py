"""Texts of the analytics pages: overview, channels, funnel. (ru, en)."""

TEXTS = {
    # attribution
    "an.attribution": ("Как считать сделки", "How deals are counted"),
    "an.attr.period": ("По дате закрытия", "By closing date"),
    "an.attr.cohort": ("По дате лида (когорта)", "By lead date (cohort)"),
    "an.attr_only.no_leads": (  # deals without leads: no lead date to count them by (review #16)
        "По дате лида считать не от чего: лидов в данных нет.",
        "Counting by lead date needs leads, and the data holds none.",
    ),
    "an.attr_help": (
        "**По дате закрытия**: сделка попадает в месяц, когда её выиграли или проиграли "
        "(открытая — когда её создали). Так виден оборот месяца.  \n"
        "**Когорта**: сделка попадает в месяц, когда пришёл её лид. Так честно видна конверсия "
        "лидов месяца в деньги, но у свежих месяцев она ещё растёт: их сделки не успели закрыться.",
        "**By closing date**: a deal counts in the month it was won or lost (an open one: when it "
        "was created). This shows the month's turnover.  \n"
        "**Cohort**: a deal counts in the month its lead arrived. This shows honestly how a month's "
        "leads turn into money, but recent months are still growing: their deals have not closed yet.",
    ),
    # figures
    "an.help.spend_cut": (
        "Периоды расходов, которые выбранный период режет, учтены долей по дням:",
        "Spend periods the chosen period cuts count by their share of days:",
    ),
    "an.help.spend_cut_more": ("…и ещё {n}.", "…and {n} more."),
    "an.cohort.window": (
        "По когортам учтены лиды, созданные не позже {until}: за {days} дн. закрываются 9 из 10 выигранных "
        "сделок (по вашим данным). Ещё созревают и не учтены: {maturing} {maturing|лид|лида|лидов} периода.",
        "By cohort, leads created up to {until} count: 9 in 10 deals that are won close within {days} {days|day|days} "
        "(in your data). Still maturing and left out: {maturing} {maturing|lead|leads} of the period.",
    ),
    "an.cohort.no_window": (
        "По когортам учтены все лиды: в данных нет выигранных сделок с лидами, чтобы узнать срок созревания.",
        "By cohort, every lead counts: the data has no won deals with leads to learn how long leads take.",
    ),
    "an.fig.leads": ("Лиды", "Leads"),
    "an.fig.spend": ("Расходы", "Spend"),
    "an.fig.cpl": ("Стоимость лида (CPL)", "Cost per lead (CPL)"),
    "an.fig.won": ("Выигранные сделки", "Deals won"),
    "an.fig.lost": ("Проигранные сделки", "Deals lost"),
    "an.fig.open": ("Открытые сделки", "Open deals"),
    "an.fig.conversion": ("Конверсия лид → сделка", "Lead → deal conversion"),
    "an.fig.win_rate": ("Доля выигранных", "Win rate"),
    "an.fig.revenue": ("Оборот", "Turnover"),
    "an.fig.avg_check": ("Средний чек", "Average deal size"),
    "an.fig.pipeline": ("Открытая воронка", "Open pipeline"),
    "an.fig.weighted_pipeline": ("Взвешенная воронка", "Weighted pipeline"),
    # help: formula with the numbers behind it
    "an.help.leads": ("Лиды, созданные за период: {now}.", "Leads created in the period: {now}."),
    "an.help.spend": (
        "Сумма расходов за период: {now}. Расходы берутся из загруженных расходов "
        "(или из стоимости лида, если расходов по каналу нет).",
        "Money spent in the period: {now}. From the uploaded spend (or the leads' own "
        "cost where a channel has no spend).",
    ),
    "an.help.cpl": (
        "CPL = расходы ÷ лиды = {spend} ÷ {leads} = {now}.",
        "CPL = spend ÷ leads = {spend} ÷ {leads} = {now}.",
    ),
    "an.help.won": ("Сделки со статусом «выиграна» за период: {now}.", "Deals won in the period: {now}."),
    "an.help.conversion": (
        "Конверсия = выигранные сделки ÷ лиды = {won} ÷ {leads} = {now}. "
        "Доля выигранных = {won} ÷ ({won} + {lost}) = {win_rate}.",
        "Conversion = deals won ÷ leads = {won} ÷ {leads} = {now}. Win rate = {won} ÷ ({won} + {lost}) = {win_rate}.",
    ),
    "an.help.revenue": (
        "Оборот = сумма выигранных сделок за период: {now}.",
        "Turnover = the sum of deals won in the period: {now}.",
    ),
    "an.help.avg_check": (
        "Средний чек = оборот ÷ выигранные сделки с суммой = {revenue} ÷ {won} = {now}.",
        "Average deal size = turnover ÷ won deals with an amount = {revenue} ÷ {won} = {now}.",
    ),
    "an.help.pipeline": (
        "Сумма открытых сделок: {now} ({open} {open|сделка|сделки|сделок}).",
        "The sum of open deals: {now} ({open} {open|deal|deals}).",
    ),
    "an.help.weighted_pipeline": (
        "Σ сумма сделки × вероятность её этапа = {now} из {pipeline}. Этап вне лестницы даёт 0.",
        "Σ deal amount × its stage's probability = {now} of {pipeline}. A stage outside the ladder adds 0.",
    ),
    "an.help.compare": (
        "Пред. период {prev_period}: {prev}. Год назад {yoy_period}: {yoy}.",
        "Previous period {prev_period}: {prev}. A year earlier {yoy_period}: {yoy}.",
    ),
    "an.help.compare_same": (
        "Пред. период {prev_period}: {prev}. Период длиной в год или больше сравнивается только с ним: "
        "тот же период годом раньше задел бы сам выбранный период.",
        "Previous period {prev_period}: {prev}. A period of a year or more is compared with it alone: "
        "the same dates a year earlier would overlap the chosen period itself.",
    ),
    "an.vs_prev": ("к пред. периоду", "vs previous period"),
    # a period of 12 months or more: the window before it is also "a year earlier", so the card shows
    # one comparison, named by its length ("к предыдущим 12 мес."), and no year-on-year line
    "an.vs_prev_months": ("к предыдущим {n} мес.", "vs the previous {n} {n|month|months}"),
    "an.vs_prev_days": ("к предыдущим {n} дн.", "vs the previous {n} {n|day|days}"),
    "an.vs_yoy": ("Год к году: {delta}", "Year on year: {delta}"),
    "an.vs_yoy_name": ("год к году", "year on year"),
    # a comparison window the data covers only from its first day: compared like for like
    # (funnel.periods.overlap), the same days of the period against the window's covered days
    "an.compare_part": (
        "Изменения {vs} — только за одни и те же дни: {now} к {then}; данных за {missing} нет.",
        "The changes {vs} cover the same days only: {now} against {then}; there is no data for {missing}.",
    ),
    "an.compare_short": (
        "Изменения {vs} не показаны: данные начинаются {since}, и сравнить можно меньше месяца.",
        "No changes {vs}: the data starts on {since}, which leaves less than a month to compare.",
    ),
    # ... and a period that runs on past the data's last day (a month in progress): to date
    "an.compare_part_end": (
        "Изменения {vs} — только за одни и те же дни: {now} к {then}; данные есть по {until}.",
        "The changes {vs} cover the same days only: {now} against {then}; the data run to {until}.",
    ),
    "an.compare_part_both": (
        "Изменения {vs} — только за одни и те же дни: {now} к {then}; данных за {missing} нет, а есть они по {until}.",
        "The changes {vs} cover the same days only: {now} against {then}; there is no data for {missing}, "
        "and the data run to {until}.",
    ),
    "an.compare_short_end": (
        "Изменения {vs} не показаны: данные есть по {until}, и сравнить можно меньше недели.",
        "No changes {vs}: the data run to {until}, which leaves less than a week to compare.",
    ),
    "an.help.compare_short_end": (
        "Изменения {vs} нет: данные есть по {until}, сравнить можно меньше недели.",
        "No change {vs}: the data run to {until}, less than a week to compare.",
    ),
    "an.help.compare_part": (
        "Изменение {vs} — за одни и те же дни: {now_period}: {now}; {then_period}: {then}.",
        "The change {vs} is over the same days: {now_period}: {now}; {then_period}: {then}.",
    ),
    "an.help.compare_short": (
        "Изменения {vs} нет: данные начинаются {since}, сравнить можно меньше месяца.",
        "No change {vs}: the data starts on {since}, less than a month to compare.",
    ),
    "an.no_compare": ("Сравнение недоступно для периода без границ.", "No comparison for an open-ended period."),
    # overview
    "an.ov.trend": ("По месяцам", "Month by month"),
    "an.ov.trend_spend": ("Расходы по месяцам", "Spend by month"),
    "an.ov.plan": ("План и факт", "Plan and fact"),
    "an.ov.plan_for": (
        "План — сценарий «{scenario}», за {period} ({months} мес.): та часть выбранного периода, на которую он составлен.",
        "The plan is the scenario “{scenario}”, for {period} ({months} {months|month|months}): the part of the chosen "
        "period it was made for.",
    ),
    "an.ov.tab.chart": ("График", "Chart"),
    "an.ov.tab.table": ("Таблица", "Table"),
    "an.plan.metric": ("Показатель", "Figure"),
    "an.plan.plan": ("План", "Plan"),
    "an.plan.fact": ("Факт", "Fact"),
    "an.plan.fulfilment": ("Выполнение", "Fulfilment"),
    "an.plan.revenue": ("Оборот (план платежей)", "Turnover (payment plan)"),
    "an.plan.deals_won": ("Выигранные сделки", "Deals won"),
    "an.plan.leads": ("Лиды", "Leads"),
    "an.series.leads": ("Лиды", "Leads"),
    "an.series.won": ("Выигранные сделки", "Deals won"),  # won, as the cards say («Сделки» read as all deals: review)
    "an.series.revenue": ("Оборот", "Turnover"),
    "an.series.month": ("Месяц", "Month"),
    "an.series.count": ("Количество", "Count"),
    # empty states
    # each "…_period" key: the workspace holds such rows, the chosen period and filters none
    # (ui.show.none_note): another period helps there, an upload does not; the others: none at all
    "an.empty.nothing": (
        "В этом пространстве пока нет данных. Загрузите лиды, сделки и расходы на странице «Данные».",
        "This workspace has no data yet. Upload leads, deals and spend on the Data page.",
    ),
    "an.empty.nothing_period": (
        "За выбранный период и фильтры данных нет. Выберите другой период или снимите фильтры.",
        "There is no data for the chosen period and filters. Choose another period or clear the filters.",
    ),
    "an.empty.no_spend_period": (
        "За выбранный период и фильтры есть лиды, но нет расходов: стоимость лида (CPL), стоимость клиента, "
        "ROMI и ДРР здесь не посчитаны. Выберите другой период, чтобы их увидеть.",
        "The chosen period and filters have leads but no spend: cost per lead (CPL), CAC, ROMI and ad spend ÷ "
        "turnover are not counted here. Choose another period to see them.",
    ),
    "an.empty.no_deals_period": (
        "За выбранный период и фильтры нет сделок: конверсия, оборот и средний чек здесь не посчитаны. "
        "Выберите другой период, чтобы их увидеть.",
        "The chosen period and filters have no deals: conversion, turnover and average deal size are not counted "
        "here. Choose another period to see them.",
    ),
    "an.empty.no_leads_period": (
        "За выбранный период и фильтры нет лидов: конверсия и CPL считаются от лидов и здесь не посчитаны. "
        "Выберите другой период, чтобы их увидеть.",
        "The chosen period and filters have no leads: conversion and CPL are counted from leads and are not "
        "counted here. Choose another period to see them.",
    ),
    "an.empty.no_spend": (
        "Есть лиды, но нет расходов: чтобы увидеть стоимость лида (CPL), стоимость клиента, ROMI и ДРР, загрузите "
        "расходы по каналам и месяцам (файл «расходы»: канал, месяц, сумма) на странице «Данные».",
        "There are leads but no spend: to see cost per lead (CPL), CAC, ROMI and ad spend ÷ turnover, upload spend by "
        "channel and month (a spend file: channel, month, amount) on the Data page.",
    ),
    # deals without leads and without spend (ui.explain_gaps): the spend columns are left out
    "an.empty.no_spend_deals": (
        "Нет расходов: чтобы увидеть расходы каналов, стоимость клиента, ROMI и ДРР, загрузите расходы по "
        "каналам и месяцам (файл «расходы»: канал, месяц, сумма) на странице «Данные».",
        "There is no spend: to see the channels' spend, CAC, ROMI and ad spend ÷ turnover, upload spend by "
        "channel and month (a spend file: channel, month, amount) on the Data page.",
    ),
    "an.empty.no_spend_deals_period": (
        "За выбранный период и фильтры нет расходов: расходы каналов, стоимость клиента, ROMI и ДРР здесь не "
        "посчитаны. Выберите другой период, чтобы их увидеть.",
        "The chosen period and filters have no spend: the channels' spend, CAC, ROMI and ad spend ÷ turnover "
        "are not counted here. Choose another period to see them.",
    ),
    "an.empty.no_deals": (
        "Нет сделок: чтобы увидеть конверсию, оборот и средний чек, загрузите сделки (номер, лид, "
        "этап или статус, сумма, дата закрытия) на странице «Данные».",
        "There are no deals: to see conversion, turnover and average deal size, upload deals (id, lead, "
        "stage or status, amount, closing date) on the Data page.",
    ),
    "an.empty.no_amounts": (
        "У выигранных сделок нет сумм: оборот и средний чек не посчитаны. Добавьте в файл сделок столбец суммы.",
        "The won deals have no amounts: turnover and average deal size cannot be counted. Add an amount column to the deals file.",
    ),
    # the pipeline named too: «Открытая воронка —» beside a notice of revenue and the check alone (review #16)
    "an.empty.no_amounts_open": (
        "У сделок нет сумм: оборот, средний чек, открытая и взвешенная воронка не посчитаны "
        "({open} {open|открытая сделка|открытые сделки|открытых сделок} без сумм). Добавьте в файл сделок столбец суммы.",
        "The deals have no amounts: turnover, average deal size, open and weighted pipeline cannot be counted "
        "({open} open {open|deal|deals} without amounts). Add an amount column to the deals file.",
    ),
    "an.empty.no_pipeline_amounts": (
        "У открытых сделок нет сумм: открытая и взвешенная воронка не посчитаны "
        "({open} {open|открытая сделка|открытые сделки|открытых сделок} без сумм). Добавьте в файл сделок столбец суммы.",
        "The open deals have no amounts: open and weighted pipeline cannot be counted "
        "({open} open {open|deal|deals} without amounts). Add an amount column to the deals file.",
    ),
    "an.fn.leads_bar": ("Лиды", "Leads"),
    "an.empty.no_leads": (
        "Нет лидов: конверсия и CPL считаются от лидов. Загрузите лиды (номер, дата, канал) на странице «Данные».",
        "There are no leads: conversion and CPL are counted from leads. Upload leads (id, date, channel) on the Data page.",
    ),
    "an.note.spend_not_split": (
        "Выбран фильтр по менеджерам или сегментам, а расходы по ним не делятся: расходы, CPL, стоимость клиента, ROMI и ДРР "
        "считаются по всем расходам выбранных каналов.",
        "An owner or segment filter is on, but spend is not split by owner or segment: spend, CPL, CAC, ROMI and ad spend ÷ turnover "
        "use the whole spend of the selected channels.",
    ),
    # channels page
    "an.ch.table": ("Экономика каналов", "Channel economics"),
    "an.ch.by": ("Группировать по", "Group by"),
    "an.dim.channel": ("Канал", "Channel"),
    "an.dim.campaign": ("Кампания", "Campaign"),
    "an.dim.owner": ("Менеджер", "Owner"),
    "an.dim.segment": ("Сегмент", "Segment"),
    "an.total": ("Итого", "Total"),
    "an.ch.table_help": (
        "CPL = расходы ÷ лиды; стоимость клиента (CAC) = расходы ÷ выигранные; ROMI = (оборот − расходы) ÷ расходы; "
        "ДРР = расходы ÷ оборот; конверсия = выигранные ÷ лиды, в скобках — диапазон, в котором настоящая "
        "конверсия лежит с вероятностью 95 %. "
        "«—» — делить не на что. Каналы с расходами без лидов и с лидами без расходов тоже в таблице.",
        "CPL = spend ÷ leads; CAC = spend ÷ won; ROMI = (turnover − spend) ÷ spend; ad spend ÷ turnover is the "
        "share of turnover spent on ads; conversion = won ÷ leads, in brackets the range the true conversion "
        "lies in with 95% probability. "
        "“—” means nothing to divide by. Channels with spend but no leads, and leads but no spend, are listed too.",
    ),
    "an.ch.bubble": (
        "Дешёвые лиды, которые не покупают: CPL и конверсия",
        "Cheap leads that never buy: CPL vs conversion",
    ),
    "an.ch.bubble_help": (
        "Размер пузыря — оборот. Слева вверху — дешёвые лиды с высокой конверсией.",
        "Bubble size is turnover. Top left: cheap leads that convert well.",
    ),
    "an.ch.bubble_none": (
        "График «CPL против конверсии» появится, когда будут и расходы, и лиды по каналам.",
        "The CPL vs conversion chart appears once channels have both spend and leads.",
    ),
    "an.ch.trend": ("Каналы по месяцам", "Channels month by month"),
    "an.ch.trend_metric": ("Показатель", "Figure"),
    "an.ch.changes_figure_help": (
        "Таблица показывает изменения одного показателя: все сразу не помещаются на экран ноутбука. В загрузках "
        "CSV и XLSX под таблицей — все показатели.",
        "The table shows one figure's changes: all of them at once do not fit a laptop's screen. The CSV and XLSX "
        "downloads under the table hold every figure.",
    ),
    "an.ch.changes": ("Изменения: к предыдущему периоду и год к году", "Changes: month on month and year on year"),
    "an.ch.changes_help": (
        "Сравнение с периодом той же длины перед выбранным и с тем же периодом год назад.",
        "Compared with the period of the same length just before, and with the same period a year earlier.",
    ),
    # a period of 12 months or more: the window before it is its year earlier, one comparison
    # ({vs}: an.vs_prev_months / an.vs_prev_days, as the Overview's cards name it)
    "an.ch.changes_none": ("Изменения по каналам", "Changes by channel"),
    # no comparison window has data: said instead of a table of the period's figures alone (review #16)
    "an.ch.changes_nothing_since": (
        "Сравнивать не с чем: данные начинаются с {first}, уже внутри выбранного периода, поэтому за "
        "предыдущий период ({period}) их нет. Изменения по каналам появятся для периода покороче или когда "
        "будут загружены данные за более ранние месяцы.",
        "There is nothing to compare with: the data starts on {first}, inside the selected period, so the "
        "previous period ({period}) has none. The changes by channel appear for a shorter period, or once "
        "data for earlier months is uploaded.",
    ),
    "an.ch.changes_nothing": (
        "Сравнивать не с чем: за предыдущий период ({period}) данных нет. Изменения по каналам появятся для "
        "периода, перед которым есть данные.",
        "There is nothing to compare with: the previous period ({period}) has no data. The changes by channel "
        "appear for a period with data before it.",
    ),
    "an.ch.changes_nothing_both": (
        "Сравнивать не с чем: ни за предыдущий период ({prev}), ни за тот же период год назад ({yoy}) данных "
        "нет. Изменения по каналам появятся для периода, перед которым есть данные.",
        "There is nothing to compare with: neither the previous period ({prev}) nor the same period a year "
        "earlier ({yoy}) has data. The changes by channel appear for a period with data before it.",
    ),
    "an.ch.changes_nothing_open": (
        "Сравнивать не с чем: у выбранного периода нет начала, а значит, и периода перед ним. Изменения по "
        "каналам появятся, когда период будет с датами.",
        "There is nothing to compare with: the selected period has no start, so there is no period before it. "
        "The changes by channel appear for a period with dates.",
    ),
    "an.ch.changes_no_prev": (
        "За предыдущий период ({period}) данных нет: столбцов изменения к нему в таблице нет.",
        "The previous period ({period}) has no data: the table has no columns of change against it.",
    ),
    "an.ch.changes_no_yoy": (
        "За тот же период год назад ({period}) данных нет: столбцов изменения год к году в таблице нет.",
        "The same period a year earlier ({period}) has no data: the table has no year-on-year columns.",
    ),
    "an.ch.changes_one": ("Изменения {vs}", "Changes {vs}"),
    "an.ch.changes_help_one": (
        "Период длиной в год и больше: период той же длины перед ним — это и тот же период год назад, "
        "поэтому сравнение одно.",
        "A period of a year or more: the period of the same length just before it is also the same period "
        "a year earlier, so there is one comparison.",
    ),
    "an.ch.compare": ("Честное сравнение двух каналов", "An honest comparison of two channels"),
    "an.ch.compare_a": ("Канал A", "Channel A"),
    "an.ch.compare_b": ("Канал B", "Channel B"),
    "an.ch.compare_prob": ("Вероятность, что A конвертирует лучше B", "Chance that A converts better than B"),
    "an.ch.compare_help": (
        "Конверсия считается по когорте: выигранные ÷ лиды канала. Настоящая конверсия канала известна "
        "неточно — тем неточнее, чем меньше у него лидов. Мы 200 000 раз разыгрываем, какой она может быть "
        "у каждого канала при его числе лидов и сделок, и считаем, как часто A оказывается лучше B: это и "
        "есть шанс, что A конвертирует лучше. Канал с 3 сделками из 20 лидов не обгонит канал со 150 из 2 000: "
        "на малом числе лидов разброс слишком велик.",
        "Conversion is counted by cohort: won ÷ the channel's leads. A channel's true conversion is known "
        "only roughly, and the fewer its leads, the more roughly. We play out 200,000 times what it could be "
        "for each channel, given its leads and deals, and count how often A comes out ahead of B: that is "
        "the chance that A converts better. A channel with 3 deals out of 20 leads does not beat one with 150 "
        "out of 2,000: a few leads leave too wide a range.",
    ),
    "an.ch.compare_need": ("Нужно хотя бы два канала с лидами.", "At least two channels with leads are needed."),
    # Which leads the comparison counts, and why its counts differ from the channel table's
    "an.ch.compare_basis": (
        "Сравнение идёт по когорте: лиды каналов, созданные {window}, и выигранные сделки именно из этих лидов.",
        "The comparison goes by cohort: the channels' leads created {window}, and the deals won from those very leads.",
    ),
    "an.ch.window.range": ("с {lo} по {hi}", "from {lo} to {hi}"),
    "an.ch.window.until": ("по {hi}", "up to {hi}"),
    "an.ch.window.since": ("с {lo}", "from {lo}"),
    "an.ch.window.all": ("за всё время", "at any time"),
    "an.ch.compare_maturing": (
        "Ещё {n} {n|лид|лида|лидов} этих каналов за период моложе окна конверсии: "
        "{n|он ещё не успел|они ещё не успели|они ещё не успели} стать сделками и не {n|считается|считаются|считаются}.",
        "Another {n} {n|lead|leads} of these channels in the period {n|is|are} younger than the conversion window: "
        "too young to have become deals, so {n|it is|they are} left out.",
    ),
    "an.ch.compare_vs_table": (
        "Поэтому здесь у «{a}» {a_won} из {a_leads}, у «{b}» {b_won} из {b_leads}, а в таблице каналов выше — "
        "{ta_won} из {ta_leads} и {tb_won} из {tb_leads}: таблица берёт всех лидов периода и считает сделки "
        "по дате закрытия, в том числе сделки более ранних лидов.",
        "So here “{a}” has {a_won} won of {a_leads} {a_leads|lead|leads} and “{b}” {b_won} of {b_leads}, while the channel table "
        "above shows {ta_won} of {ta_leads} and {tb_won} of {tb_leads}: the table takes every lead of the period and "
        "counts deals by their closing day, deals of earlier leads included.",
    ),
    "an.ch.drill": ("Детализация канала", "Drill down into a channel"),
    "an.ch.drill_channel": ("Канал", "Channel"),
    "an.ch.drill_by": ("Разбить по", "Break down by"),
    "an.ch.drill_none": (
        "Разбить канал не по чему: в данных нет ни кампаний, ни менеджеров, ни сегментов. Загрузите на странице "
        "«Данные» лиды с этими колонками, и здесь появится детализация.",
        "There is nothing to break a channel down by: the data has no campaigns, owners, or segments. Upload leads "
        "with these columns on the Data page, and the drill-down appears here.",
    ),
    "an.ch.verdict_sure": (
        "Канал A почти наверняка конвертирует лучше канала B.",
        "Channel A almost surely converts better than channel B.",
    ),
    "an.ch.verdict_sure_b": (
        "Канал B почти наверняка конвертирует лучше канала A.",
        "Channel B almost surely converts better than channel A.",
    ),
    "an.ch.verdict_unsure": (
        "Данных мало, чтобы назвать лучший канал: разница может быть случайной.",
        "Not enough data to name the better channel: the difference may be chance.",
    ),
    # columns
    "an.col.leads": ("Лиды", "Leads"),
    "an.col.spend": ("Расходы", "Spend"),
    "an.ch.spend_cut_note": (
        "Периоды расходов, которые выбранный период режет, учтены долей по дням: как именно по каждому каналу — "
        "в столбцах «{set}», столбец на период.",
        "Spend periods the chosen period cuts count by their share of days: for each channel, see the columns "
        "“{set}”, a column a period.",
    ),
    # the economics table's column sets on screen (ui.views.channels.ECONOMICS_SETS)
    "an.ch.columns": ("Столбцы", "Columns"),
    "an.ch.columns.money": ("Деньги", "Money"),
    "an.ch.columns.customers": ("Конверсия и клиент", "Conversion and customer"),
    "an.ch.columns.spend_cut": ("Расходы по дням", "Spend by days"),
    "an.ch.columns_help": (
        "Все столбцы сразу не помещаются на экран ноутбука: выберите набор. В загрузках CSV и XLSX под "
        "таблицей — все показатели сразу.",
        "Not every column fits a laptop's screen at once: choose a set. The CSV and XLSX downloads under the "
        "table hold every figure at once.",
    ),
    "an.ch.untracked": (
        "Лиды {n|канала|каналов|каналов} {names} в данных не отслеживаются: расходы есть, лидов нет. Поэтому "
        "лиды, конверсия, CPL, оборот и ROMI {n|этого канала|этих каналов|этих каналов} неизвестны (—); "
        "{n|его|их|их} расходы входят в итог.",
        "Leads of {names} are not tracked in the data: there is spend but no leads. So {n|its|their} leads, "
        "conversion, CPL, turnover and ROMI are unknown (—); {n|its|their} spend counts in the total.",
    ),
    "an.ch.young": (
        "У {names} все лиды за период моложе окна конверсии: они ещё не успели стать сделками. Поэтому "
        "оборот, конверсия, стоимость клиента, ROMI и ДРР {n|этой строки|этих строк|этих строк} пока "
        "неизвестны (—), а не 0 и −100 %.",
        "Every lead of {names} in the period is younger than the conversion window: they have not had time "
        "to become deals. So {n|its|their} turnover, conversion, CAC, ROMI and ad spend ÷ turnover are not "
        "known yet (—), not 0 and −100%.",
    ),
    "an.ch.young_campaign": (
        "У {names} четверть лидов за период или больше моложе окна конверсии: они ещё не успели стать "
        "сделками, и выигранное пока — лишь начало отдачи. Поэтому конверсия, стоимость клиента, ROMI и ДРР "
        "{n|этой кампании|этих кампаний|этих кампаний} пока неизвестны (—), а не 0 и −100 %, как бы ни начались "
        "продажи; оборот, пока ничего не выиграно, — тоже «—», а не 0.",
        "A quarter or more of the leads of {names} in the period are younger than the conversion window: they "
        "have not had time to become deals, and what is won so far is only the start of the return. So "
        "{n|its|their} conversion, CAC, ROMI and ad spend ÷ turnover are not known yet (—), not 0 and −100%, "
        "however the sales began; so is the turnover (—, not 0) while nothing is won.",
    ),
    "an.ch.earlier": (
        "У {names} нет лидов за период: {won|выигранная в нём сделка пришла|выигранные в нём сделки пришли|"
        "выигранные в нём сделки пришли} из лидов, созданных раньше.",
        "{names} had no leads in the period: the {won|deal|deals} won in it came from leads created before it.",
    ),
    "an.col.cpl": ("CPL", "CPL"),
    "an.col.sal_rate": ("Принято продажами", "Accepted by sales"),
    "an.col.won": ("Выиграно", "Won"),
    "an.col.lost": ("Проиграно", "Lost"),
    "an.col.open": ("Открыто", "Open"),
    "an.col.conversion": ("Конверсия", "Conversion"),
    "an.col.interval": ("Вероятный диапазон", "Likely range"),
    "an.col.interval_low": ("Вероятный диапазон: от", "Likely range: from"),
    "an.col.interval_high": ("Вероятный диапазон: до", "Likely range: to"),
    "an.col.revenue": ("Оборот", "Turnover"),
    "an.col.avg_check": ("Средний чек", "Average deal size"),
    "an.col.cac": ("Стоимость клиента", "CAC"),
    "an.col.romi": ("ROMI", "ROMI"),
    "an.col.drr": ("ДРР", "Ad spend ÷ turnover"),
    "an.col.now": ("сейчас", "Now"),  # after the figure: «Лиды: сейчас» (a capital there read as stray, #16)
    "an.col.prev": ("Пред. период", "Previous"),
    "an.col.mom": ("Изм. к пред.", "Change vs previous"),
    "an.col.yoy": ("Год назад", "Year earlier"),
    "an.col.yoy_change": ("Изм. г/г", "Change YoY"),
    "an.col.change_vs": ("Изм. {vs}", "Change {vs}"),  # one window: "Изм. к предыдущим 12 мес."
    "an.col.stage": ("Этап", "Stage"),
    "an.col.reached": ("Дошли", "Reached"),
    "an.col.amount": ("Сумма", "Amount"),
    "an.col.conv_prev": ("Из предыдущего", "From previous"),  # as in English: the stage table fits 800 px
    "an.col.conv_first": ("Из 1-го этапа", "From stage 1"),  # the ladder's first stage, not the leads
    "an.col.still_open": ("Сейчас на этапе", "Open here now"),
    "an.col.stays": ("Прошли этап", "Finished stays"),
    "an.col.median_days": ("Медиана", "Median"),  # the title says "working days": the table fits 800 px
    "an.col.p80_days": ("80 % уложились", "80% within"),
    "an.col.norm": ("Норма", "Norm"),
    "an.col.norm_days": ("Норма, раб. дней", "Norm, working days"),
    "an.col.share_over_norm": ("Дольше нормы", "Over the norm"),
    "an.col.deal_id": ("Сделка", "Deal"),
    "an.col.owner": ("Менеджер", "Owner"),
    "an.col.channel": ("Канал", "Channel"),
    "an.col.since": ("На этапе с", "In stage since"),
    "an.col.days_in_stage": ("Дней", "Days"),  # beside "Этап": the stage names stay whole at 800 px
    "an.col.days_over": ("Сверх срока", "Days over"),
    "an.col.reason": ("Причина", "Reason"),
    "an.col.deals": ("Сделки", "Deals"),
    "an.col.month": ("Месяц", "Month"),
    "an.col.first_contact_hours": ("До первого контакта, ч", "To first contact, h"),
    "an.col.sal_days": ("Принят продажами, дней", "Lead → SAL, days"),  # from the lead; 800 px for the table
    "an.col.lt_days": ("Первый контакт → выигрыш, дней", "First contact → won (LT), days"),
    "an.col.lt_days_p80": ("Контакт → выигрыш: 80 % уложились, дней", "LT: 80% within, days"),
    "an.col.won_timed": ("Выигранных с датами", "Won with dates"),
    "an.col.proposal_days": ("До КП, дней", "To proposal, days"),
    "an.col.contract_days": ("До договора, дней", "To contract, days"),
    "an.col.payment_days": ("Лид → выигрыш, дней", "Lead → won, days"),
    "an.col.from_to": ("Переход", "Step"),
    "an.col.actual": ("Прошло дальше", "Passed"),
    "an.col.expected": ("Норма лестницы", "Ladder's norm"),
    "an.col.won_short": ("Недобор выигранных сделок", "Won deals short"),
    "an.col.decided": ("Решённые сделки", "Finished deals"),
    # a deal's missing lost reason / stage (ui.label): capitalised as the reasons and stages beside them
    "an.reason.none": ("Причина не указана", "No reason given"),
    "an.stage.unknown": ("Этап неизвестен", "Stage not known"),
    # funnel page
    "an.fn.chart": ("Воронка продаж", "Sales funnel"),
    "an.fn.outside_ladder": (
        "Открытых сделок на этапах, которых нет в воронке: {n} — {stages}. Они считаются открытыми, "
        "а не проигранными, но воронка не знает, куда их поставить, и показывает их только до "
        "последнего известного этапа (обычно первого). Сопоставьте эти этапы с этапами воронки на "
        "странице «Данные» (раздел «Этапы, которых нет в воронке») или в «Настройках».",
        "Open deals at stages the ladder does not know: {n} — {stages}. They count as open, not lost, "
        "but the funnel cannot place them: it shows them only up to the last stage they are known to "
        "have reached (usually the first). Map these stages to ladder stages on the Data page "
        "(section “Stages that are not in the ladder”) or in Settings.",
    ),
    "an.fn.outside_no_stage": ("без этапа ({n})", "no stage ({n})"),
    "an.fn.no_history": (
        "Истории этапов нет: «дошли» посчитано по текущему этапу сделки и порядку лестницы "
        "(сделка на этапе 3 прошла этапы 1 и 2; проигранная сделка без истории считается только на первом этапе). "
        "Загрузите историю этапов, чтобы видеть реальные переходы и время на этапах.",
        "There is no stage history: “reached” comes from each deal's current stage and the ladder order "
        "(a deal at stage 3 passed stages 1 and 2; a lost deal without history counts at the first stage only). "
        "Upload stage history to see real transitions and time in stage.",
    ),
    "an.fn.money": ("Сумма сделок", "Deal amount"),
    "an.fn.bottleneck": ("Узкое место", "The bottleneck"),
    "an.fn.bottleneck_text": (
        "Узкое место — переход «{a}» → «{b}»: он стоит больше всего выигранных сделок против нормы лестницы. "
        "Из решённых на этапе «{a}» сделок ({decided}) дальше прошли {passed} — {actual}, а по норме лестницы "
        "проходит {expected}. {gain}",
        "The bottleneck is the step “{a}” → “{b}”: it costs the most won deals against the ladder's norm. "
        "Of the deals decided at “{a}” ({decided}), {passed} went on: {actual}, where the ladder's norm is {expected}. "
        "{gain}",
    ),
    "an.fn.bottleneck_gain": (
        "Будь переход на уровне нормы, выигранных сделок было бы больше примерно на {won}.",
        "Had the step met its norm, about {won} more {won|deal|deals} would have been won.",
    ),
    "an.fn.bottleneck_gain_small": (
        "Будь переход на уровне нормы, выигранных сделок было бы больше, но меньше чем на одну.",
        "Had the step met its norm, fewer than one more deal would have been won.",
    ),
    "an.fn.bottleneck_open": (
        "В таблице этапов у «{b}» от предыдущего — {table}: там считаются и {open} "
        "{open|сделка, ещё открытая|сделки, ещё открытые|сделок, ещё открытых} на этапе «{a}».",
        "The stage table shows {table} for “{b}” from the previous stage: it also counts the {open} "
        "{open|deal|deals} still open at “{a}”.",
    ),
    "an.fn.bottleneck_leads": (
        "Переход от лидов к этапу «{first}» — {share} ({reached} из {leads}): у лестницы нет нормы для этого шага, "
        "поэтому узким местом он не считается. Конверсию лидов по каналам сравнивает страница «Каналы».",
        "The step from leads to “{first}” is {share} ({reached} of {leads}): the ladder sets no norm for it, so it is "
        "not judged as a bottleneck. The Channels page compares lead conversion by channel.",
    ),
    "an.fn.bottleneck_rule": (
        "Как считается: норма перехода — вероятность сделки на этапе «из» ÷ вероятность на этапе «в» (из настроек "
        "лестницы). Доля прошедших — дошедшие до следующего этапа ÷ сделки, которые уже ушли с этапа (открытые на "
        "нём ещё не решены и не считаются). Каждый прошедший дальше выигрывается с вероятностью своего этапа, поэтому "
        "недобор выигранных сделок = решённые × вероятность этапа «из» − прошедшие × вероятность этапа «в». Узкое "
        "место — переход с наибольшим недобором, среди переходов хотя бы с {n} "
        "{n|решённой сделкой|решёнными сделками|решёнными сделками}.",
        "How it is counted: a step's norm is the deal probability of the “from” stage ÷ that of the “to” stage (from "
        "the ladder settings). The share that passed = deals that reached the next stage ÷ deals that have left the "
        "stage (deals still open there are undecided and not counted). Each deal that goes on is won with its "
        "stage's probability, so the won deals short = decided × the “from” probability − passed × the “to” "
        "probability. The bottleneck is the step with the most won deals short, among steps with at least {n} "
        "finished {n|deal|deals}.",
    ),
    "an.fn.bottleneck_no_history": (
        "Узкое место не названо: без истории этапов не видно, на каком этапе ушли проигранные сделки (все они "
        "числятся на первом), и первый переход всегда выглядел бы худшим. Загрузите историю этапов, чтобы сравнить "
        "переходы с нормой.",
        "No bottleneck is named: without stage history the data does not show at which stage the lost deals left "
        "(they all count at the first), so the first step would always look the worst. Upload stage history to "
        "compare the steps with their norms.",
    ),
    "an.fn.bottleneck_none": (
        "Данных мало, чтобы назвать узкое место (нужно хотя бы {n} {n|решённая сделка|решённые сделки|решённых сделок} на переходе).",
        "Too little data to name a bottleneck (a step needs at least {n} finished {n|deal|deals}).",
    ),
    # the share where each language puts it: "of stage 1 100%" read as "stage 1 100%" (review #16)
    "an.fn.short_prev": ("от пред. {pct}", "{pct} of prev."),
    # not «от первого» under «Лиды»: not leads; «эт.» as «пред.»: «от 1-го этапа 59,7 %» beside a narrow
    # bar ran past a 360 px phone's chart, its «%» cut (review #16, thirteenth)
    "an.fn.short_first": ("от 1-го эт. {pct}", "{pct} of stage 1"),
    "an.fn.bottleneck_ok": (
        "Узкого места нет: каждый переход проходит не хуже нормы лестницы. Ближе всего к норме — «{a}» → «{b}»: "
        "проходит {actual} при норме {expected}.",
        "No bottleneck: every step passes at or above the ladder's norm. Closest to its norm is “{a}” → “{b}”: "
        "{actual} pass where the norm is {expected}.",
    ),
    "an.fn.breakdown_table": ("Воронка по группам", "Funnel by group"),
    "an.col.grp_stage": ("Группа", "Group"),
    "an.fn.steps": ("Переходы против норм лестницы", "Steps against the ladder's norms"),
    "an.fn.times": ("Время на этапах (рабочие дни)", "Time in stage (working days)"),
    "an.fn.times_help": (
        "Рабочие дни — пн–пт, праздники не учитываются. Считаются завершённые пребывания на этапе.",
        "Working days are Mon–Fri; public holidays are not known. Finished stays only.",
    ),
    "an.fn.times_none": (
        "Время на этапах считается по истории этапов — загрузите её.",
        "Time in stage needs stage history — upload it.",
    ),
    "an.fn.stalled": (
        "Зависшие сделки (дольше срока этапа: своего или нормы)",
        "Rotting deals (over the stage's limit: its own, else its norm)",
    ),
    "an.fn.stalled_none": ("Зависших сделок нет.", "No deal is rotting."),
    "an.fn.stalled_days": (
        "Дни — рабочие. Период в фильтре не важен: все открытые сделки сейчас, тот же список, что на "
        "вкладке «Зависшие сделки» страницы «Время»: там сделку можно отложить и есть сводка по "
        "менеджерам. Дата, с которой сделка на этапе, и срок этапа — в выгрузке.",
        "Days are working days. The period filter does not apply: every open deal now, the same list "
        "as the Time page's “Rotting deals” tab, where a deal can be snoozed, with a digest per owner. "
        "The day each deal entered its stage and the stage's limit are in the download.",
    ),
    "an.fn.lost": ("Отказы", "Lost reasons"),
    "an.fn.lost_stage": ("Причины по этапам", "Reasons by stage"),
    "an.fn.lost_time": ("Причины по месяцам", "Reasons over time"),
    "an.fn.lost_none": ("Проигранных сделок за период нет.", "No deals were lost in the period."),
    "an.fn.lost_measure": ("Показатель", "Measure"),
    "an.fn.measure_deals": ("Количество", "Count"),
    "an.fn.measure_amount": ("Деньги", "Money"),
    "an.fn.breakdown": ("Воронка в разрезе", "The funnel side by side"),
    "an.fn.breakdown_by": ("Разрез", "Split by"),
    "an.fn.breakdown_none": (
        "Разложить воронку не по чему: в данных нет ни каналов, ни менеджеров, ни сегментов. Вся воронка — на "
        "вкладке «Воронка и время»; загрузите на странице «Данные» лиды с этими колонками, и здесь появятся разрезы.",
        "There is nothing to split the funnel by: the data has no channels, owners, or segments. The whole funnel "
        "is on the “Funnel and time” tab; upload leads with these columns on the Data page, and the splits appear here.",
    ),
    # the breakdown chart's second and third title lines when it folds the smaller groups together
    # (funnel.chart_series): a Plotly title does not wrap, hence two short lines
    "an.fn.breakdown_top.channel": (
        "{n} крупнейших из {total} {total|канала|каналов|каналов} по сделкам\nна первом этапе, остальные — «Прочие»",
        "The {n} largest of {total} {total|channel|channels} by deals\nat the first stage, the rest as “Other”",
    ),
    "an.fn.breakdown_top.owner": (
        "{n} крупнейших из {total} {total|менеджера|менеджеров|менеджеров} по сделкам\nна первом этапе, "
        "остальные — «Прочие»",
        "The {n} largest of {total} {total|owner|owners} by deals\nat the first stage, the rest as “Other”",
    ),
    "an.fn.breakdown_top.segment": (
        "{n} крупнейших из {total} {total|сегмента|сегментов|сегментов} по сделкам\nна первом этапе, "
        "остальные — «Прочие»",
        "The {n} largest of {total} {total|segment|segments} by deals\nat the first stage, the rest as “Other”",
    ),
    "an.other": ("Прочие", "Other"),  # the groups a chart folds together (funnel.chart_series)
    "an.fn.breakdown_help": (
        "Показаны до 8 крупнейших групп; доля — конверсия из первого этапа.",
        "Up to 8 largest groups; the share is the conversion from the first stage.",
    ),
    "an.fn.speed": ("Скорость (медианы)", "Speed (medians)"),  # the columns' headers no longer say it
    "an.fn.speed_vs_time": (
        "Здесь «Принят продажами» — медиана {lead_sal} от создания лида; на странице «Время» (Время до сделки) шаг "
        "«Контакт → принят продажами» — {contact_sal} от первого контакта. «Лид → выигрыш» здесь — {won_here} {basis}; "
        "там — {won_there} по дате создания лида, только зрелые лиды.",
        "Here “Lead → SAL” (SAL: a sales-accepted lead) is a median {lead_sal} from the lead's creation; the Time page's “Time to convert” tab "
        "times “Contact → SAL” at {contact_sal} from the first contact. “Lead → won” here is {won_here} {basis}; "
        "there, {won_there} by the lead's creation day, mature leads only.",
    ),
    "an.fn.speed_basis.period": (
        "по дню закрытия сделки, все сделки периода",
        "by the deal's closing day, every deal of the period",
    ),
    "an.fn.speed_basis.cohort": (
        "по дате создания лида, только зрелые лиды",
        "by the lead's creation day, mature leads only",
    ),
    "an.fn.speed_no_leads_workspace": (
        "Скорость считается от создания лида, а в этом пространстве лидов нет. Загрузите лиды (номер, дата, "
        "канал) на странице «Данные».",
        "Speed is timed from a lead's creation, and this workspace has no leads. Upload leads (id, date, "
        "channel) on the Data page.",
    ),
    "an.fn.speed_no_leads": (
        "Скорость считается от создания лида (до контакта, КП, договора и выигрыша), а лидов за период нет — "
        "засекать не от чего. Скорость появится, когда в данных будут лиды этого периода.",
        "Speed is timed from a lead's creation (to contact, proposal, contract and payment), and there are no "
        "leads in the period: there is nothing to time from. It shows once the data has leads of this period.",
    ),
    "an.fn.speed_by": ("Скорость по", "Speed by"),
    "an.fn.speed_help": (
        "Календарное время, медианы: от создания лида до первого контакта, до того, как лид принят продажами (SAL), до этапа КП и "
        "этапа договора (по истории этапов: первый этап лестницы, в названии которого есть «КП», «предложение» или "
        "«договор»; пропущенный этап считается пройденным) и до выигрыша (выигранной сделки); «Первый контакт → выигрыш» — "
        "время от первого контакта до выигрыша. Последняя строка — итог по всем лидам и сделкам.",
        "Calendar time, medians: from the lead's creation to first contact, to acceptance by sales (SAL, a sales-accepted lead), to the proposal "
        "and the contract stages (from stage history: the first ladder stage whose name says “proposal” or "
        "“contract”; a skipped stage counts as passed) and to payment (the won deal); LT runs from first contact "
        "to payment. The last row is the total over all leads and deals.",
    ),
    "an.table_scroll": (
        "Строк в таблице: {total} — прокрутите её, чтобы увидеть все; все строки и в файлах для скачивания.",
        "{total} {total|row|rows} — scroll the table to see them all; the downloads have them all too.",
    ),
    "an.table_cut": (
        "Показано строк: {shown} из {total}; все строки — в файлах для скачивания.",
        "Showing the first {shown} of {total} {total|row|rows}; the downloads have them all.",
    ),
}
