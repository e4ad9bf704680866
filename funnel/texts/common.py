"""Texts shared by the shell: navigation, sidebar, generic messages. (ru, en)."""

TEXTS = {
    "app.title": ("Funnel Planner", "Funnel Planner"),
    # The browser tab: the page's own name (its menu item's, its heading's) before the app's.
    "app.tab_title": ("{page} · Funnel Planner", "{page} · Funnel Planner"),
    "nav.overview": ("Обзор", "Overview"),
    "nav.channels": ("Каналы", "Channels"),
    "nav.funnel": ("Воронка", "Funnel"),
    "nav.time": ("Время", "Time"),
    "nav.planner": ("Планировщик", "Planner"),
    "nav.workshop": ("Тренинг", "Workshop"),
    "nav.data": ("Данные", "Data"),
    "nav.settings": ("Настройки", "Settings"),
    "nav.admin": ("Администрирование", "Administration"),
    "sidebar.workspace": ("Рабочее пространство", "Workspace"),
    "sidebar.language": ("Язык", "Language"),
    "sidebar.period": ("Период", "Period"),
    "sidebar.period_help": ("Период действует на все страницы.", "The period applies to every page."),
    "sidebar.no_workspace": ("Нет доступных рабочих пространств.", "No workspace is available to you."),
    "guard.outside": (
        "Эта страница открывается только из приложения. Перейдите на главную страницу.",
        "This page opens only inside the app. Go to the main page.",
    ),
    "error.generic": (
        "Что-то пошло не так. Подробности записаны в журнал сервера.",
        "Something went wrong. The details are in the server log.",
    ),
    "error.db_busy": ("База данных занята: {detail}", "The database is busy: {detail}"),
    # a blank channel, campaign, owner or segment (the loader stores "unknown"; ui.label), named as
    # the other names of its table are: capitalised ("unknown" read as a raw key)
    "common.unknown": ("Не указан", "Not specified"),
    "common.download_csv": ("Скачать CSV", "Download CSV"),
    "common.download_xlsx": ("Скачать XLSX", "Download XLSX"),
    "common.demo_banner": (
        "Демо-данные: вымышленная компания для тренинга.",
        "Demo data: a made-up company for workshops.",
    ),
}
TEXTS.update(
    {
        "period.last_month": ("Последний месяц", "Last month"),
        "period.last_3_months": ("Последние 3 месяца", "Last 3 months"),
        "period.last_12_months": ("Последние 12 месяцев", "Last 12 months"),
        "period.this_year": ("С начала года", "This year"),
        "period.all_time": ("Всё время", "All time"),
        "period.custom": ("Свои даты", "Custom dates"),
        "filter.channel": ("Каналы", "Channels"),
        "filter.owner": ("Менеджеры", "Owners"),
        "filter.segment": ("Сегменты", "Segments"),
        "filter.all": ("Все", "All"),
    }
)
TEXTS.update(
    {
        "sidebar.link_ignored": (
            "Часть ссылки не подошла к этим данным и пропущена: {values}",
            "Part of the link does not match this data and was skipped: {values}",
        ),
        "numbox.bad": ("Нужно число, например {example}", "A number is expected, e.g. {example}"),
        "numbox.low": ("Не меньше {low}", "At least {low}"),
        "numbox.high": ("Не больше {high}", "At most {high}"),
    }
)
# A screen that counts deals, on a workspace that has none in any period (ui.none_note's
# "workspace" side): "none in the period" read as a real 0 there (screen review #16).
TEXTS.update(
    {
        "common.no_deals_workspace": (
            "В этом пространстве нет сделок: загрузите сделки на странице «Данные».",
            "This workspace has no deals: upload deals on the Data page.",
        ),
    }
)
