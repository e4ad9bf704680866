"""The Time page's «drivers» tab: what goes with winning and losing (funnel.metrics.drivers)."""

TEXTS = {
    "tm.drivers.intro": (
        "Какие каналы, менеджеры, сегменты, суммы сделок и скорость первого ответа чаще ведут к победе. "
        "Берутся сделки, закрытые за период (выиграны или проиграны).",
        "Which channels, owners, segments, deal sizes and speeds of first response go with winning. "
        "Counted over the deals closed in the period (won or lost).",
    ),
    "tm.drivers.closed": ("Закрыто сделок", "Deals closed"),
    "tm.drivers.won": ("Из них выиграно", "Of them won"),
    "tm.drivers.rate": ("Доля побед", "Win rate"),
    "tm.drivers.rate_help": (
        "Выигранные ÷ (выигранные + проигранные) за период.",
        "Won ÷ (won + lost) in the period.",
    ),
    "tm.drivers.no_closed": (
        "За период нет закрытых сделок (выигранных или проигранных). Выберите другой период "
        "или загрузите сделки со статусом и датой закрытия на странице «Данные».",
        "No deals were closed (won or lost) in the period. Pick another period, or upload deals "
        "with a status and a close date on the Data page.",
    ),
    "tm.drivers.no_deals": (
        "В этом пространстве нет сделок, поэтому сравнивать победы и проигрыши не из чего. Загрузите сделки "
        "со статусом и датой закрытия на странице «Данные».",
        "This workspace has no deals, so there are no wins and losses to compare. Upload deals with a status "
        "and a close date on the Data page.",
    ),
    "tm.drivers.all_won": (
        "Все закрытые за период сделки выиграны: сравнивать не с чем.",
        "Every deal closed in the period was won: there is nothing to compare.",
    ),
    "tm.drivers.all_lost": (
        "Все закрытые за период сделки проиграны: сравнивать не с чем.",
        "Every deal closed in the period was lost: there is nothing to compare.",
    ),
    "tm.drivers.method": (
        "Как считаем: у каждой группы доля побед сравнивается со средней ({rate}). Маленькие группы "
        "подтягиваются к средней: к сделкам группы добавляются {prior} {prior|условная сделка|условные сделки|условных сделок} со средним "
        "результатом, поэтому группа из 3 сделок почти не отличается от средней, а группа из 400 — "
        "почти не меняется. В скобках — пределы, в которых настоящее отношение лежит почти наверняка (в 95 случаях из 100): "
        "если между ними есть единица (доля побед как в среднем), явной разницы нет. "
        "Группы меньше чем из {few} {few|сделки|сделок|сделок} показаны, но выводов по ним нет.",
        "How it is counted: each group's win rate is compared with the average ({rate}). Small groups "
        "are pulled toward the average: {prior} imaginary {prior|deal|deals} at the average rate are added to the "
        "group's own, so a group of 3 deals hardly differs from the average while a group of 400 barely "
        "moves. In brackets, the limits the true ratio almost surely lies within (95 times in 100): when "
        "they include 1×, there is no clear difference. "
        "Groups of fewer than {few} {few|deal|deals} are shown but not turned into findings.",
    ),
    "tm.drivers.findings": ("Что видно", "What stands out"),
    "tm.drivers.no_findings": (
        "Явных различий нет: у каждой группы пределы захватывают среднюю долю побед.",
        "No clear differences: every group's limits include the average win rate.",
    ),
    "tm.drivers.dimension": ("В разрезе", "Broken down by"),
    "tm.drivers.part.chart": ("График", "Chart"),
    "tm.drivers.part.table": ("Таблица и файлы", "Table and files"),
    "tm.drivers.dim.channel": ("Канал", "Channel"),
    "tm.drivers.dim.owner": ("Менеджер", "Owner"),
    "tm.drivers.dim.segment": ("Сегмент", "Segment"),
    "tm.drivers.dim.size": ("Сумма сделки", "Deal size"),
    "tm.drivers.dim.speed": ("Скорость первого ответа", "Speed of first response"),
    "tm.drivers.missing.no_data": (
        "Не показано, потому что в данных этого нет: {dims}.",
        "Not shown, as the data does not have it: {dims}.",
    ),
    "tm.drivers.missing.one_group": (
        "Не показано, потому что все сделки в одной группе: {dims}.",
        "Not shown, as every deal is in one group: {dims}.",
    ),
    "tm.drivers.nothing": (
        "Ни по одному разрезу сравнить нельзя: у сделок нет ни канала, ни менеджера, ни сегмента, "
        "ни суммы, а у лидов нет даты первого контакта. Загрузите на странице «Данные» сделки с этими "
        "колонками или лиды с датой первого контакта.",
        "No breakdown can be compared: the deals have no channel, owner, segment or amount, and the "
        "leads have no first contact date. Upload deals with those columns, or leads with a first "
        "contact date, on the Data page.",
    ),
    "tm.drivers.nothing_split": (
        "Ни по одному разрезу сравнить нельзя: где разрез в данных есть, все сделки в одной группе.",
        "No breakdown can be compared: where the data has one, every deal is in one group.",
    ),
    # subjects of a finding, per dimension ({g}: the group's name)
    "tm.drivers.subj.channel": ("Сделки из канала «{g}»", "Deals from channel “{g}”"),
    "tm.drivers.subj.owner": ("Сделки менеджера «{g}»", "Deals of owner “{g}”"),
    "tm.drivers.subj.segment": ("Сделки сегмента «{g}»", "Deals in segment “{g}”"),
    "tm.drivers.subj.size": ("Сделки на сумму {g}", "Deals of {g}"),
    "tm.drivers.subj.speed": ("{g}", "{g}"),
    "tm.drivers.size.b1": ("до {hi}", "up to {hi}"),
    "tm.drivers.size.mid": ("от {lo} до {hi}", "over {lo} up to {hi}"),
    "tm.drivers.size.b4": ("свыше {lo}", "over {lo}"),
    "tm.drivers.size.none": ("без суммы", "without an amount"),
    "tm.drivers.speed.hour": ("Сделки с ответом в течение часа", "Deals answered within an hour"),
    "tm.drivers.speed.day": ("Сделки с ответом в течение суток (1–24 ч)", "Deals answered within a day (1–24 h)"),
    "tm.drivers.speed.days3": ("Сделки с ответом через 1–3 дня", "Deals answered in 1–3 days"),
    "tm.drivers.speed.later": ("Сделки с ответом позже 3 дней", "Deals answered after 3 days"),
    "tm.drivers.speed.never": ("Сделки без первого контакта", "Deals never contacted"),
    "tm.drivers.group.size.none": ("Без суммы", "Without an amount"),
    # what a group's row says ({subj}, {lift}, {lo}, {hi}, {n}: count with its word). The ratio is
    # always written with decimals (funnel.units: an index, 2 places), and a number written with
    # decimals takes «раза» in Russian («в 5,00 раза», never «в 5,00 раз»)
    "tm.drivers.say.higher": (
        "{subj} выигрывают в {lift} раза чаще, чем в среднем (почти наверняка от {lo} до {hi}; {n})",
        "{subj} win {lift}× as often as the average deal (almost surely {lo}–{hi}×; {n})",
    ),
    "tm.drivers.say.lower": (
        "{subj} выигрывают реже: {lift} от средней доли (почти наверняка от {lo} до {hi}; {n})",
        "{subj} win less often: {lift}× the average (almost surely {lo}–{hi}×; {n})",
    ),
    "tm.drivers.say.unclear": (
        "{subj}: явной разницы нет ({lift}, почти наверняка от {lo} до {hi}; {n})",
        "{subj}: no clear difference ({lift}×, almost surely {lo}–{hi}×; {n})",
    ),
    "tm.drivers.say.few": (
        "{subj}: слишком мало сделок для вывода ({n})",
        "{subj}: too few deals to say ({n})",
    ),
    "tm.drivers.say.none": ("{subj}: не сравнивается ({n})", "{subj}: not compared ({n})"),
    "tm.drivers.col.group": ("Группа", "Group"),
    "tm.drivers.col.closed": ("Закрыто", "Closed"),
    "tm.drivers.col.won": ("Выиграно", "Won"),
    "tm.drivers.col.rate": ("Доля побед", "Win rate"),
    "tm.drivers.col.lift": ("К средней, раз", "Vs average, ×"),
    "tm.drivers.col.interval": ("Почти наверняка в пределах, раз", "Almost surely within, ×"),
    "tm.drivers.col.says": ("Вывод", "What it says"),
    "tm.drivers.chart.title": ("Что чаще ведёт к победе", "What goes with winning"),
    # short: the whole title fits a phone's 390 px
    "tm.drivers.chart.x": ("Доля побед к средней, раз", "Win rate ÷ average, ×"),
    "tm.drivers.chart.colours": (
        "Точка — доля побед группы к средней, черта — пределы, где она почти наверняка. Зелёные выигрывают чаще, красные — "
        "реже, серые — явной разницы нет, светло-серые — меньше 5 сделок.",
        "A dot is the group's win rate against the average, the bar the limits it almost surely lies within. Green wins more "
        "often, red less often, grey shows no clear difference, light grey has fewer than 5 deals.",
    ),
    "tm.drivers.chart.cut": (
        "На графике первые {shown} групп из {total}; все — в таблице и выгрузке.",
        "The chart shows the first {shown} of {total} groups; the table and downloads have all.",
    ),
    "tm.drivers.size.cuts": (
        "Границы сумм — четверти закрытых сделок с суммой: {cuts}.",
        "Size bands are quarters of the closed deals with an amount, cut at {cuts}.",
    ),
    "tm.drivers.size.lopsided": (
        "Сумма известна у {won_known} выигранных и только у {lost_known} проигранных сделок "
        "(похоже, CRM обнуляет сумму проигранных), поэтому выводов по сумме нет: сравнивались бы "
        "выигранные сделки с пустыми проигранными.",
        "The amount is known for {won_known} of won deals but only {lost_known} of lost ones (the CRM "
        "seems to clear a lost deal's amount), so size gives no findings: it would compare won deals "
        "with empty lost ones.",
    ),
    "tm.drivers.speed.left_out": (
        "Не учтены {n}: у сделки нет лида в данных или первый контакт записан раньше создания лида.",
        "Left out: {n} with no lead in the data, or a first contact recorded before the lead was created.",
    ),
    "tm.drivers.many": (
        "Групп много ({n}): из каждых 20 групп без настоящей разницы одна может случайно выглядеть лучше или хуже средней. "
        "Смотрите на пределы, а не только на вывод.",
        "There are many groups ({n}): about one in 20 groups with no real difference can cross 1× by "
        "chance. Read the limits, not only the verdict.",
    ),
}

# plural forms ({n} in the texts above): ru one/few/many, en one/other
DEAL_FORMS = {
    "ru": {"one": "сделка", "few": "сделки", "many": "сделок", "other": "сделки"},
    "en": {"one": "deal", "other": "deals"},
}
