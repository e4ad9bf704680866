"""Screen review #16 (nums13): on the demo the final stage and the won outcome read three ways in
Russian: the ladder's last stage «Сделка завершена», the Planner's chain «… → оплата», the Speed
table «Лид → выигрыш» beside «Первый контакт → оплата». The stage keeps the ladder's name; the
outcome is «выигрыш» everywhere a step of the funnel ends in a won deal. Left as they are: the
outbound chain's own stage «оплата» (active.*: its steps name what a seller does, the English
says "payment") and the forecast's «оплаты, которые придут» (money arriving, planner.fc.*)."""

from __future__ import annotations

import importlib
import pkgutil
import re

import funnel.texts
from funnel.demo_names import shown
from funnel.i18n import t

PAYMENT_AS_WON = re.compile(r"→ оплат|до оплаты|и оплаты\)")


def _russian_texts():
    for mod in pkgutil.iter_modules(funnel.texts.__path__):
        for key, pair in importlib.import_module(f"funnel.texts.{mod.name}").TEXTS.items():
            if isinstance(pair, tuple) and not key.startswith("active."):
                yield key, pair[0]


def test_the_won_step_is_a_win_not_a_payment():
    said = {k: v for k, v in _russian_texts() if PAYMENT_AS_WON.search(v)}
    assert not said, said
    assert t("planner.chain.won", "ru") == "выигрыш"  # «Сделка завершена → выигрыш, %»
    assert t("an.col.lt_days", "ru") == "Первый контакт → выигрыш, дней"
    assert t("an.col.payment_days", "ru").startswith("Лид → выигрыш")


def test_the_final_stage_keeps_the_ladders_name():
    assert shown("Deal done", "ru", demo=True) == "Сделка завершена"
