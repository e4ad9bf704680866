"""The Time page's «Time to convert» tab (ui/views/time/convert.py)."""

TEXTS = {
    "tm.convert.intro": (
        "Сколько времени лиды проходят каждый шаг: от заявки до первого контакта, от контакта до того, как лид "
        "принят продажами, от этого до сделки, и весь путь от заявки до сделки. Считаются лиды выбранного периода.",
        "How long leads take for each step: from arriving to the first contact, from the contact to acceptance by "
        "sales (SAL, a sales-accepted lead), from SAL to a won deal, and the whole way from lead to won. Leads of "
        "the chosen period count.",
    ),
    "tm.convert.vs_funnel": (
        "Здесь «Контакт → принят продажами» — медиана {contact_sal} от первого контакта; на странице «Воронка» "
        "(Скорость) «Принят продажами» — {lead_sal} от создания лида. «Лид → выигрыш» здесь — {won_here} по дате создания лида, "
        "только зрелые лиды; там — {won_there} {basis}.",
        "Here “Contact → SAL” is a median {contact_sal} from the first contact; the Funnel page's Speed tab times "
        "“Lead → SAL” at {lead_sal} from the lead's creation. “Lead → won” here is {won_here} by the lead's creation "
        "day, mature leads only; there, {won_there} {basis}.",
    ),
    # one pair of the two above, when the data times only that pair on both pages (leads only:
    # no deal gives a win, so «Lead → won» is "—" on both): a sentence of dashes compares nothing
    "tm.convert.vs_funnel.sal": (
        "Здесь «Контакт → принят продажами» — медиана {contact_sal} от первого контакта; на странице «Воронка» "
        "(Скорость) «Принят продажами» — {lead_sal} от создания лида.",
        "Here “Contact → SAL” is a median {contact_sal} from the first contact; the Funnel page's Speed tab times "
        "“Lead → SAL” at {lead_sal} from the lead's creation.",
    ),
    "tm.convert.vs_funnel.won": (
        "«Лид → выигрыш» здесь — {won_here} по дате создания лида, только зрелые лиды; на странице «Воронка» "
        "(Скорость) — {won_there} {basis}.",
        "“Lead → won” here is {won_here} by the lead's creation day, mature leads only; the Funnel page's Speed "
        "tab gives {won_there} {basis}.",
    ),
    "tm.convert.by": ("Разрез", "Split by"),
    "tm.convert.by.channel": ("Каналы", "Channels"),
    "tm.convert.by.owner": ("Менеджеры", "Owners"),
    "tm.convert.step.contact": ("Лид → первый контакт", "Lead → first contact"),
    "tm.convert.step.sal": ("Контакт → принят продажами", "Contact → SAL"),
    "tm.convert.step.won": ("Принят продажами → выигрыш", "SAL → won"),
    "tm.convert.step.to_won": ("Лид → выигрыш", "Lead → won"),
    "tm.convert.median_of": ("Медиана: {step}", "Median: {step}"),
    "tm.convert.hours": ("{value} ч", "{value} h"),
    "tm.convert.days": ("{value} дн.", "{value} {value|day|days}"),
    "tm.convert.p80": ("80 % быстрее {value}; лидов: {n}", "80% within {value}; leads: {n}"),
    "tm.convert.undated": (
        "Данные не датируют шаги: {steps}. Чтобы их посчитать, загрузите лиды с датами первого контакта и "
        "квалификации и сделки со ссылкой на лид и датой закрытия.",
        "The data does not date these steps: {steps}. To time them, upload leads with first-contact and "
        "qualification dates, and deals linked to their lead with a close date.",
    ),
    "tm.convert.window_note": (
        "Шаги до сделки считают только лиды старше окна конверсии ({days} дн.): молодой лид мог успеть только "
        "быстро, и время выглядело бы короче.",
        "The steps that end in a win count only leads older than the conversion window ({days} {days|day|days}): a young lead "
        "could only have been won fast, which would make the times look short.",
    ),
    "tm.convert.no_leads_at_all": (
        "В этом пространстве нет лидов, поэтому путь от лида к деньгам считать не из чего ни в каком периоде. "
        "Чтобы его увидеть, загрузите лиды на странице «Данные».",
        "This workspace has no leads, so there is no time from lead to sale to measure in any period. To see it, "
        "upload leads on the Data page.",
    ),
    "tm.convert.no_leads": (
        "В выбранном периоде нет лидов — время до сделки считать не из чего.",
        "The chosen period has no leads, so there is nothing to time.",
    ),
    "tm.convert.part.histogram": ("Гистограмма шага", "A step's histogram"),
    "tm.convert.part.table": ("По каналам и менеджерам, файлы", "By channel and owner, files"),
    "tm.convert.histogram_step": ("Шаг на гистограмме", "Step on the histogram"),
    "tm.convert.histogram": ("Сколько длился шаг: {step}", "How long the step took: {step}"),
    # the histogram's axis: its bins carry their units (hours, then days for the first contact)
    "tm.convert.axis_hours": ("Сколько прошло", "Time taken"),
    "tm.convert.axis_days": ("Сколько прошло", "Time taken"),
    # the histogram's bins (funnel.metrics.convert.BINS), by whole hours or days elapsed
    "tm.convert.bin.under_hour": ("меньше часа", "under an hour"),
    "tm.convert.bin.hours": ("{lo}–{hi} ч", "{lo}–{hi} h"),
    "tm.convert.bin.under_day": ("меньше дня", "under a day"),
    "tm.convert.bin.day": ("{n} {n|день|дня|дней}", "{n} {n|day|days}"),
    "tm.convert.bin.days": ("{lo}–{hi} {hi|день|дня|дней}", "{lo}–{hi} {hi|day|days}"),
    "tm.convert.bin.over_days": ("больше {n} {n|дня|дней|дней}", "over {n} {n|day|days}"),
    "tm.convert.bin.week_on": ("неделя и больше", "a week or more"),
    "tm.convert.axis_leads": ("Лидов", "Leads"),
    "tm.convert.total": ("Все", "All"),
    "tm.convert.col.contact_n": ("Контакт: лидов", "Contact: leads"),
    "tm.convert.col.contact_median": ("Контакт: медиана, ч", "Contact: median, h"),
    "tm.convert.col.contact_p80": ("Контакт: 80 % уложились, ч", "Contact: 80% within, h"),
    "tm.convert.col.sal_n": ("Принят продажами: лидов", "SAL: leads"),
    "tm.convert.col.sal_median": ("Принят продажами: медиана, дн.", "SAL: median, days"),
    "tm.convert.col.sal_p80": ("Принят продажами: 80 % уложились, дн.", "SAL: 80% within, days"),
    "tm.convert.col.won_n": ("Сделка после принятия: лидов", "Won after SAL: leads"),
    "tm.convert.col.won_median": ("Сделка после принятия: медиана, дн.", "Won after SAL: median, days"),
    "tm.convert.col.won_p80": ("Сделка после принятия: 80 % уложились, дн.", "Won after SAL: 80% within, days"),
    "tm.convert.col.to_won_n": ("Лид → выигрыш: лидов", "Lead → won: leads"),
    "tm.convert.col.to_won_median": ("Лид → выигрыш: медиана, дн.", "Lead → won: median, days"),
    "tm.convert.col.to_won_p80": ("Лид → выигрыш: 80 % уложились, дн.", "Lead → won: 80% within, days"),
    "tm.convert.lag_note": (
        "Оборот от лидов месяца приходит в следующие месяцы — так, как в данных проходит путь от заявки до сделки: "
        "если план поднимает число лидов, оборот дорастает до него постепенно.",
        "A month's leads bring their turnover over the following months, as the data's lead-to-won times say: "
        "when the plan raises leads, turnover grows into it gradually.",
    ),
}
