"""Texts of the owner → team mapping (funnel.teams): the Settings table and its refusals."""

TEXTS = {
    "teams.title": ("Команды", "Teams"),
    "teams.help": (
        "В данных нет команд: здесь указано, в какой команде каждый менеджер. Цели команды на вкладке «Цели и темп» страницы «Время» считаются по сумме её менеджеров. Менеджер без строки ни в какой команде не состоит. Пустые строки не сохраняются.",
        "The data has no teams: here each owner is put in a team. A team's goals on the Time page's “Goals and pacing” tab are paced on the sum of its owners. An owner without a row is in no team. Empty rows are not saved.",
    ),
    "teams.col.owner": ("Менеджер", "Owner"),
    "teams.col.team": ("Команда", "Team"),
    "teams.save": ("Сохранить команды", "Save teams"),
    "teams.saved": ("Команды сохранены: менеджеров — {n}.", "Teams saved: {n} {n|owner|owners}."),
    "teams.none": ("Команды не заданы.", "No teams are set."),
    # no owner in the data and no team saved: no editor of an empty owner list (review #16)
    "teams.no_owners": (
        "Составлять команды не из кого: менеджеры приходят из лидов и сделок (колонка «Менеджер»), а в данных их "
        "нет. Загрузите лиды или сделки с менеджерами на странице «Данные».",
        "There is no one to put in teams: owners come from leads and deals (the Owner column), and the data names "
        "none. Upload leads or deals with owners on the Data page.",
    ),
    "teams.err.owner": (
        "Команды, строка {row}, столбец «Менеджер»: укажите менеджера. Исправьте ячейку или очистите строку и сохраните снова.",
        "Teams, row {row}, column “Owner”: the owner is missing. Fill the cell or clear the row and save again.",
    ),
    "teams.err.team": (
        "Команды, строка {row}, столбец «Команда»: укажите название команды. Исправьте ячейку или очистите строку и сохраните снова.",
        "Teams, row {row}, column “Team”: the team's name is missing. Fill the cell or clear the row and save again.",
    ),
    "teams.err.long": (
        "Команды, строка {row}, столбец «{column}»: не длиннее {most} символов. Сократите и сохраните снова.",
        "Teams, row {row}, column “{column}”: at most {most} characters. Shorten it and save again.",
    ),
    "teams.err.twice": (
        "Команды, строка {row}: менеджер «{owner}» уже есть в строке выше; у менеджера одна команда. Оставьте одну строку и сохраните снова.",
        "Teams, row {row}: the owner “{owner}” is already in an earlier row; an owner is in one team. Keep one row and save again.",
    ),
    "teams.err.many": (
        "Команды: менеджеров {n}, а можно не больше {most}.",
        "Teams: {n} owners; at most {most} are accepted.",
    ),
}
