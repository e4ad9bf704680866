"""#16 screen review of the Channels page: «Вероятность, что A конвертирует лучше B: 0,0 %» and
the referrals' «ДРР 0 %» beside a ROMI of 33 113 %. A figure that is not zero never reads as
zero (funnel.formatting.share, .chance)."""

from __future__ import annotations

import pytest

from tests.dataui.helpers import at_page, new_app

pytestmark = pytest.mark.usefixtures("demo_app_db")


def test_channels_page_writes_small_shares_and_chances_as_they_are():
    at = at_page(new_app().run(), "pages/channels.py", "ru")
    assert not at.exception, at.exception
    econ = at.dataframe[0].value.set_index("Канал")
    # Рекомендации by hand (November 2025 – October 2026): spend 61 538,54 ₽ ÷ revenue 20 682 000 ₽
    # = 0,298 % (was «0 %» at whole places)
    assert (econ.loc["Рекомендации", "Расходы"], econ.loc["Рекомендации", "Оборот"]) == ("61 539 ₽", "20 682 000 ₽")
    assert econ.loc["Рекомендации", "ДРР"] == "0,3 %"
    assert econ.loc["VK Реклама", "ДРР"] == "68 %"  # 1 563 118,92 ÷ 2 310 000 = 67,67 %: whole, as before
    # VK Реклама 9 of 3 168 leads against Яндекс Директ 73 of 2 796: no draw of 20 000 has VK ahead
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Вероятность, что A конвертирует лучше B"] == "< 0,1 %"
