"""Texts of the Time page's «goals» tab and the Overview's goals line."""

TEXTS = {
    "tm.goals.month": ("Месяц", "Month"),
    "tm.goals.pacing": ("Темп к цели", "Pacing"),
    "tm.goals.none": (
        "На этот месяц целей нет. Редактор может задать их («Изменить цели месяца» ниже) или взять из сценария, "
        "отмеченного как план.",
        "No goals for this month. An editor can type them (“Edit the month's goals” below) or take them from the "
        "scenario marked as the plan.",
    ),
    "tm.goals.days": (
        "Темп считается по рабочим дням (пн–пт, праздники не учитываются): прошло {elapsed} из {total}, осталось {left}. Ожидаемое к сегодня — цель, поделённая поровну на рабочие дни месяца, за уже прошедшие дни.",
        "Pacing counts working days (Mon–Fri; public holidays are not known): {elapsed} of {total} passed, {left} left. Expected by today = goal × working days passed ÷ working days in the month.",
    ),
    "tm.goals.col.who": ("Для кого", "For"),
    "tm.goals.col.metric": ("Показатель", "Figure"),
    "tm.goals.col.target": ("Цель", "Goal"),
    # short headers, each said whole in its tooltip (tm.goals.help.*): the table fits a laptop
    "tm.goals.col.expected": ("Ожидалось", "Expected"),
    "tm.goals.col.actual": ("Факт", "Actual"),
    "tm.goals.col.gap": ("Разница", "Gap"),
    "tm.goals.col.needed": ("Нужно в день", "Needed a day"),
    "tm.goals.help.expected": (
        "Ожидалось к сегодня: цель × прошедшие рабочие дни ÷ рабочие дни месяца.",
        "Expected by today: goal × working days passed ÷ working days in the month.",
    ),
    "tm.goals.help.gap": (
        "Факт − ожидалось к сегодня: минус — отставание от темпа, плюс — опережение.",
        "Actual − expected by today: minus is behind the pace, plus is ahead of it.",
    ),
    "tm.goals.help.needed": (
        "Нужно в каждый оставшийся рабочий день: (цель − факт) ÷ оставшиеся рабочие дни.",
        "Needed on each working day left: (goal − actual) ÷ working days left.",
    ),
    "tm.goals.sources": ("Откуда цели: {sources}.", "Source of the goals: {sources}."),
    "tm.goals.sources_mixed": (
        "Откуда цели: {sources}; какая откуда — в файлах темпа.",
        "Source of the goals: {sources}; which is which: in the pacing's files.",
    ),
    "tm.goals.col.dimension": ("Разрез", "Level"),
    "tm.goals.col.member": ("Менеджер, команда или канал", "Owner, team or channel"),
    "tm.goals.dim.total": ("Вся компания", "Whole company"),
    "tm.goals.dim.owner": ("Менеджер", "Owner"),
    "tm.goals.dim.team": ("Команда", "Team"),
    "tm.goals.dim.channel": ("Канал", "Channel"),
    "tm.goals.metric.revenue": ("Оборот", "Turnover"),
    "tm.goals.metric.won": ("Выигранные сделки", "Deals won"),
    "tm.goals.metric.leads": ("Лиды", "Leads"),
    "tm.goals.source.typed": ("введено вручную", "typed"),
    "tm.goals.source.plan": ("из плана «{name}»", "from the plan “{name}”"),
    "tm.goals.done": ("цель выполнена", "goal met"),
    "tm.goals.no_days": ("дней не осталось", "no days left"),
    "tm.goals.edit": ("Цели месяца", "The month's goals"),
    "tm.goals.part.files": ("Файлы темпа", "Pacing as files"),
    "tm.goals.part.edit": ("Изменить цели месяца", "Edit the month's goals"),
    "tm.goals.edit_help": (
        "Одна строка — одна цель: разрез (вся компания, менеджер, команда или канал), имя менеджера, команды или канала, показатель и цель на месяц. Состав команд задаётся в «Настройках». Пустые строки не сохраняются.",
        "One row per goal: the level (whole company, owner, team or channel), the owner's, team's or channel's name, the figure and the month's goal. Who is in which team is set in Settings. Empty rows are not saved.",
    ),
    "tm.goals.save": ("Сохранить цели", "Save goals"),
    "tm.goals.saved": ("Цели сохранены: {n}.", "Goals saved: {n}."),
    "tm.goals.from_plan": ("Взять цели из плана «{name}»", "Take the goals from the plan “{name}”"),
    "tm.goals.from_plan_done": (
        "Цели на месяц взяты из плана «{name}».",
        "The month's goals were taken from the plan “{name}”.",
    ),
    "tm.goals.viewer": ("Задавать цели могут редакторы.", "Editors can set goals."),
    "tm.goals.err.dimension": (
        "Цели, строка {row}, столбец «Разрез»: нужно «Вся компания», «Менеджер», «Команда» или «Канал», а стоит «{got}». Исправьте ячейку и сохраните снова.",
        "Goals, row {row}, column “Level”: whole company, owner, team or channel expected, got “{got}”. Fix the cell and save again.",
    ),
    "tm.goals.err.member": (
        "Цели, строка {row}, столбец «Менеджер, команда или канал»: укажите имя менеджера, название команды или канала. Исправьте ячейку и сохраните снова.",
        "Goals, row {row}, column “Owner, team or channel”: the owner's, team's or channel's name is needed. Fix the cell and save again.",
    ),
    "tm.goals.err.metric": (
        "Цели, строка {row}, столбец «Показатель»: нужно «Оборот», «Выигранные сделки» или «Лиды», а стоит «{got}». Исправьте ячейку и сохраните снова.",
        "Goals, row {row}, column “Figure”: turnover, deals won or leads expected, got “{got}”. Fix the cell and save again.",
    ),
    "tm.goals.err.target": (
        "Цели, строка {row}, столбец «Цель»: нужно число от 0 и больше, а стоит «{got}». Исправьте ячейку и сохраните снова.",
        "Goals, row {row}, column “Goal”: a number of 0 or more expected, got “{got}”. Fix the cell and save again.",
    ),
    "tm.goals.err.duplicate": (
        "Цели, строка {row}: такая цель уже есть в строке выше. Оставьте одну и сохраните снова.",
        "Goals, row {row}: the same goal is already in an earlier row. Keep one and save again.",
    ),
    "tm.goals.teams": ("Команды (задаются в «Настройках»): {teams}.", "Teams (set in Settings): {teams}."),
    "tm.goals.team_empty": (
        "В команде «{team}» нет ни одного менеджера (см. «Настройки»): её факт — 0.",
        "The team “{team}” has no owner in it (see Settings): its actual is 0.",
    ),
    "tm.goals.line": ("Цели на {month}", "Goals for {month}"),
    "tm.goals.line_item": (
        "{metric}: {actual} из {target} (ожидалось к сегодня {expected}; нужно {needed} в рабочий день)",
        "{metric}: {actual} of {target} (expected by today {expected}; {needed} needed per working day)",
    ),
    "tm.goals.data_through": (
        "Данные по {day} (самая поздняя дата в загруженных файлах): факт после неё ещё не загружен, "
        "а темп считается по сегодняшний день.",
        "Data through {day} (the latest date in the uploaded files): actuals after it are not loaded yet, "
        "while the pace counts days up to today.",
    ),
}
