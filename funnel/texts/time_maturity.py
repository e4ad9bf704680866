"""The Time page's «Cohort maturity» tab (ui/views/time/maturity.py)."""

TEXTS = {
    "tm.maturity.intro": (
        "Когорта — лиды одного месяца. Кривые показывают, какая доля лидов когорты стала сделкой за 7, 14, 30 … дней "
        "после появления: молодые лиды ещё не успели купить, и здесь они не считаются отказом.",
        "A cohort is one month's leads. The curves show the share of a cohort's leads won within 7, 14, 30 … days "
        "of arriving: young leads have not had time to buy yet, and here they are not counted as lost.",
    ),
    "tm.maturity.window": ("Окно конверсии", "Conversion window"),
    "tm.maturity.window_days": ("{days} дн.", "{days} {days|day|days}"),
    "tm.maturity.window_learned": (
        "По данным: за {days} дн. закрывается 9 из 10 выигранных сделок.",
        "From the data: 9 in 10 won deals close within {days} {days|day|days}.",
    ),
    "tm.maturity.window_by_hand": (
        "Задано вручную; по данным было бы {days} дн.",
        "Set by hand; the data would give {days} {days|day|days}.",
    ),
    "tm.maturity.window_by_hand_none": (
        "Задано вручную; по данным окно не вычислить (нет выигранных сделок с лидом).",
        "Set by hand; the data gives no window (no won deal with a lead).",
    ),
    "tm.maturity.no_window": (
        "Окна нет: в данных нет выигранных сделок, связанных с лидом, — считаются все лиды.",
        "No window: the data has no won deal linked to a lead, so every lead counts.",
    ),
    "tm.maturity.window_help": (
        # «в конверсию по когортам» read as if the Overview's conversion by closing date left them out
        # too (screen review): the choice that does is named as the radio names it
        "Лиды моложе окна не входят в конверсию, когда сделки считаются «По дате лида (когорта)»: здесь, на "
        "Обзоре, в Каналах, в Воронке и в базе планировщика. По дате закрытия считаются все лиды.",
        "Leads younger than the window are left out of conversion when deals are counted “By lead date (cohort)”: "
        "here, on the Overview, Channels, Funnel and in the planner's cohort basis. By closing date every lead counts.",
    ),
    "tm.maturity.inside": ("Лидов внутри окна", "Leads inside the window"),
    "tm.maturity.set_days": ("Окно, дней", "Window, days"),
    "tm.maturity.save": ("Сохранить окно", "Save the window"),
    "tm.maturity.use_data": ("Брать из данных", "From the data"),
    "tm.maturity.saved": ("Окно конверсии: {days} дн.", "Conversion window: {days} {days|day|days}."),
    "tm.maturity.reset_done": (
        "Окно конверсии снова берётся из данных.",
        "The conversion window comes from the data again.",
    ),
    "tm.maturity.readonly": (
        "Менять окно могут редакторы рабочего пространства.",
        "Editors of the workspace can change the window.",
    ),
    "tm.maturity.err.window": (
        "Окно конверсии: нужно целое число дней от 1 до {most}, а не «{days}».",
        "Conversion window: a whole number of days from 1 to {most} expected, not “{days}”.",
    ),
    "tm.maturity.no_leads_at_all": (
        "В этом пространстве нет лидов, поэтому когорт, окна конверсии и созревания нет ни в каком периоде. "
        "Чтобы их увидеть, загрузите лиды на странице «Данные».",
        "This workspace has no leads, so there are no cohorts, no conversion window and nothing maturing in any "
        "period. To see them, upload leads on the Data page.",
    ),
    "tm.maturity.no_leads": (
        "В выбранном периоде нет лидов — когорты строить не из чего. Загрузите лиды или расширьте период.",
        "The chosen period has no leads, so there are no cohorts. Upload leads or widen the period.",
    ),
    "tm.maturity.no_wins": (
        "Ни один лид периода не стал выигранной сделкой, поэтому конверсии когорт нет. Чтобы её увидеть, загрузите "
        "на странице «Данные» файл сделок со ссылкой на лид и датой закрытия.",
        "No lead of the period became a won deal, so the cohorts have no conversion to show. To see it, upload a "
        "deals file linked to the leads, with a close date, on the Data page.",
    ),
    "tm.maturity.no_wins_period": (
        "Ни один лид выбранного периода ещё не стал выигранной сделкой, поэтому конверсии когорт нет. Расширьте период.",
        "No lead of the chosen period has become a won deal yet, so the cohorts have no conversion to show. Widen the "
        "period.",
    ),
    "tm.maturity.curves": ("Конверсия по возрасту лида", "Conversion by lead age"),
    "tm.maturity.age": ("Дней с появления лида", "Days since the lead arrived"),
    "tm.maturity.share_won": ("Доля лидов со сделкой", "Share of leads won"),
    "tm.maturity.curves_note": (
        "Точка «N дней» появляется, когда всем лидам когорты уже есть N дней. Показаны последние {n} когорт.",
        "The point “N days” appears once every lead of the cohort is at least N days old. The last {n} cohorts "
        "are shown.",
    ),
    "tm.maturity.part.curves": ("Конверсия по возрасту", "Conversion by age"),
    "tm.maturity.part.final": ("Итог и прогноз когорт", "Final and projected"),
    "tm.maturity.part.table": ("Таблица и файлы", "Table and files"),
    "tm.maturity.final": ("Итоговая конверсия когорт", "Final conversion of the cohorts"),
    "tm.maturity.so_far": ("На сегодня", "So far"),
    "tm.maturity.projected": ("Прогноз и коридор (8 из 10)", "Projected, with its range (8 in 10)"),
    "tm.maturity.cohort": ("Когорта", "Cohort"),
    "tm.maturity.method": (
        "Как считается прогноз: молодая когорта растёт так же, как росли зрелые. Если зрелые когорты к тому же "
        "возрасту набирали, скажем, половину своей итоговой конверсии, то итог молодой — её нынешняя конверсия, "
        "умноженная на два. Середина — прогноз, коридор — где итог окажется в 8 случаях из 10. Если когорта уже "
        "выиграла больше нижней границы, коридор целиком сдвигается вверх. Совсем свежая когорта, где ещё не все "
        "лиды дожили до первой отметки, получает итоговую конверсию зрелых когорт как есть. Нужно не меньше {n} "
        "зрелых когорт; «—» — пока рано судить.",
        "How the projection works: a young cohort grows the way the mature ones grew. If the mature cohorts had, "
        "say, half of their final conversion by the same age, the young one's final is its conversion so far, "
        "doubled. The middle is the projection, the range where the final lands 8 times in 10. A cohort that has "
        "already won more than the range's low end has the whole range moved up. A brand-new cohort, whose leads "
        "have not all reached the first mark yet, takes the mature cohorts' final conversion as it is. It needs at "
        "least {n} mature cohorts; “—” means too young to say.",
    ),
    "tm.maturity.curves_download": (
        "Точки кривых — когорта, возраст, лидов этого возраста, выиграно за это время — в файлах:",
        "The curves' points (cohort, age, leads that old, won within that time) as files:",
    ),
    "tm.maturity.col.month": ("Когорта", "Cohort"),
    "tm.maturity.col.leads": ("Лиды", "Leads"),
    "tm.maturity.col.won": ("Лиды со сделкой", "Leads won"),
    "tm.maturity.col.conversion": ("Конверсия на сегодня", "Conversion so far"),
    "tm.maturity.col.inside_share": ("Внутри окна", "Inside the window"),
    "tm.maturity.col.projected_age": ("Прогноз по возрасту, дн.", "Projected from age, days"),
    "tm.maturity.col.projected_p10": ("Прогноз: нижняя граница", "Projected: low end"),
    "tm.maturity.col.projected": ("Прогноз итога", "Projected final"),
    "tm.maturity.col.projected_p90": ("Прогноз: верхняя граница", "Projected: high end"),
    "tm.maturity.col.age_days": ("Возраст, дн.", "Age, days"),
    "tm.maturity.col.leads_aged": ("Лидов этого возраста", "Leads that old"),
    "tm.maturity.col.won_within": ("Выиграно за это время", "Won within that time"),
    "tm.maturity.col.at_age": ("Конверсия к возрасту", "Conversion by that age"),
}
