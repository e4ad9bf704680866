"""The Time page's «rotting» tab: deals that sat too long in their stage, snoozes, the digest."""

TEXTS = {
    "tm.rotting.title": ("Зависшие сделки", "Rotting deals"),
    "tm.rotting.help": (
        "Открытая сделка «зависла», когда она стоит на своём этапе дольше, чем этап допускает "
        "(рабочие дни до последнего дня в данных). Сделка ровно на пределе ещё не зависла. "
        "Период в фильтре не важен: смотрим на все открытые сделки сейчас.",
        "An open deal is rotting when it has stayed in its stage longer than the stage allows "
        "(working days up to the data's last day). A deal exactly at its limit is not rotting yet. "
        "The period filter does not apply: every open deal counts, as of now.",
    ),
    "tm.rotting.m_deals": ("Зависло сделок", "Rotting deals"),
    "tm.rotting.m_amount": ("На сумму", "Worth"),
    "tm.rotting.m_snoozed": ("Отложено", "Snoozed"),
    "tm.rotting.none": ("Зависших сделок нет.", "No deal is rotting."),
    "tm.rotting.no_deals": (
        "Открытых сделок нет — загрузите сделки на странице «Данные».",
        "There are no open deals — upload deals on the Data page.",
    ),
    "tm.rotting.no_history": (
        "Истории этапов нет: срок считается от создания сделки.",
        "No stage history: the time counts from the deal's creation.",
    ),
    "tm.rotting.digest": ("Сводка по менеджерам", "Digest per owner"),
    "tm.rotting.digest_help": (
        "По каждому менеджеру: сколько сделок зависло, на какую сумму, и {top} худших. Худшая — та, что дольше "
        "всех сверх нормы, при равенстве — дороже; менеджеры в том же порядке, по своей худшей сделке.",
        "Per owner: how many deals are rotting, their money, and the {top} worst. The worst is the one longest "
        "over the norm, then the dearest; the owners in the same order, by their worst deal.",
    ),
    "tm.rotting.list": ("Зависшие сделки", "Rotting deals"),
    "tm.rotting.snoozed": ("Отложенные", "Snoozed"),
    "tm.rotting.snoozed_line": ("отложена: {reason}, до {until}", "snoozed: {reason}, until {until}"),
    "tm.rotting.snooze": ("Отложить сделку", "Snooze a deal"),
    "tm.rotting.snooze_deal": ("Сделка", "Deal"),
    "tm.rotting.snooze_reason": ("Причина", "Reason"),
    "tm.rotting.snooze_reason_help": (
        "Известная причина, почему сделка стоит: например, «клиент в отпуске до 15-го».",
        "A known reason why the deal waits: e.g. “the client is away until the 15th”.",
    ),
    "tm.rotting.snooze_until": ("До (включительно)", "Until (inclusive)"),
    "tm.rotting.snooze_save": ("Отложить", "Snooze"),
    "tm.rotting.snooze_done": ("Сделка {deal} отложена до {until}.", "Deal {deal} is snoozed until {until}."),
    "tm.rotting.unsnooze": ("Вернуть в список", "Back to the list"),
    "tm.rotting.unsnooze_done": ("Сделка {deal} снова в списке.", "Deal {deal} is back on the list."),
    "tm.rotting.viewer": (
        "Откладывать сделки и менять сроки могут редакторы.",
        "Editors can snooze deals and change the limits.",
    ),
    "tm.rotting.limits": ("Сроки по этапам", "Limits per stage"),
    "tm.rotting.settings_title": ("Когда сделка зависает: сроки по этапам", "When a deal is rotting: limits per stage"),
    "tm.rotting.limits_help": (
        "Через сколько рабочих дней на этапе сделка считается зависшей. Пусто — по норме этапа.",
        "After how many working days in the stage a deal is rotting. Empty: the stage's norm.",
    ),
    "tm.rotting.limits_save": ("Сохранить сроки", "Save the limits"),
    "tm.rotting.limits_done": ("Сроки сохранены.", "The limits are saved."),
    "tm.rotting.col.rot_days": ("Зависает после, раб. дней", "Rotten after, working days"),
    "tm.rotting.col.own_days": ("Свой срок, раб. дней", "Own limit, working days"),
    "tm.rotting.col.limit_days": ("Действует, раб. дней", "In force, working days"),
    "tm.rotting.col.days_over_max": ("Худшая, дней сверх", "Worst, days over"),
    "tm.rotting.col.top_deals": ("Худшие сделки", "Worst deals"),
    "tm.rotting.col.snoozed_until": ("Отложена до", "Snoozed until"),
    "tm.rotting.col.reason": ("Причина", "Reason"),
    "tm.rotting.err.reason": (
        "Напишите причину (до 200 знаков): без неё сделка просто зависла.",
        "Write a reason (up to 200 characters): without one the deal is simply rotting.",
    ),
    "tm.rotting.err.past": (
        "Дата {day} уже прошла — выберите сегодняшнюю или позже.",
        "{day} is already past — pick today or later.",
    ),
    "tm.rotting.err.deal": ("Сделки «{deal}» в этом пространстве нет.", "There is no deal “{deal}” in this workspace."),
    "tm.rotting.err.stage": ("Этапа «{stage}» нет в лестнице.", "The ladder has no stage “{stage}”."),
    "tm.rotting.err.days": (
        "«{stage}»: нужно целое число рабочих дней от 0 до {max}.",
        "“{stage}”: whole working days from 0 to {max} are expected.",
    ),
}
