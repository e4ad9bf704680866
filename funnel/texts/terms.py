"""The funnel's acronyms, each with its full term (review #16: «Lead → SAL» stood unexplained in
English). A table's header that names one gets its term as a tooltip (ui.show.fitted_columns,
through funnel.i18n.term_help); a sentence that is a screen's first use writes the term out."""

# funnel stages' and money figures' acronyms a screen may show; each has its text "term.<acronym>"
# below (ROMI and LTV head columns and cards of Channels and the Planner: review #16)
ACRONYMS = ("SAL", "MQL", "SQL", "ROMI", "LTV")

TEXTS = {
    "term.SAL": (
        "Лид, принятый продажами (SAL): продажи взяли его в работу (в данных — дата квалификации).",
        "SAL: a sales-accepted lead, one that sales has taken on (the qualification date in the data).",
    ),
    "term.MQL": (
        "Лид, квалифицированный маркетингом (MQL): он подходит, чтобы передать его продажам.",
        "MQL: a marketing-qualified lead, one that marketing judges ready to hand to sales.",
    ),
    "term.SQL": (
        "Лид, квалифицированный продажами (SQL): продажи подтвердили, что с ним стоит работать над сделкой.",
        "SQL: a sales-qualified lead, one that sales has confirmed is worth working into a deal.",
    ),
    "term.ROMI": (
        "ROMI — окупаемость вложений в маркетинг: (что они принесли − вложено) ÷ вложено. 0 % — вложения "
        "только вернулись, 100 % — вернулись вдвойне, −100 % — не вернулось ничего.",
        "ROMI: return on marketing investment, (what the spend brought in − the spend) ÷ the spend. 0% means "
        "the spend just came back, 100% that it came back twice over, −100% that none of it did.",
    ),
    "term.LTV": (
        "Ценность клиента (LTV): сколько клиент приносит за всё время, пока остаётся с вами.",
        "LTV: lifetime value, what a client brings over the whole time they stay a client.",
    ),
}
