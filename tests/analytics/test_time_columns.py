"""Screen review #16 (nums13): Funnel › Скорость read «Не указан 3» among «2,3»: a column of
days mixing a whole «3» with «2,3» looks broken. The team's rule (funnel.model.precision
.column_time): one precision a column; where any value shows a decimal, every value below 10
shows one («3,0»); a column with none stays whole; from 10 up whole as before. Cards keep the
per-value rule (never «,0»)."""

from __future__ import annotations

import pandas as pd
import pytest

from funnel.model import precision
from ui.show import fmt_value, formatted

pytestmark = pytest.mark.filterwarnings("ignore")


@pytest.mark.parametrize(
    ("values", "each"),
    [
        # 2.3 reads «2,3», so 3.0 reads «3,0» beside it, 18.4 «18» (whole from 10 up)
        pytest.param([2.3, 3.0, 18.4], [1, 1, 0], id="3-beside-2.3"),
        # nothing with a decimal: whole throughout («3», «4», «18»)
        pytest.param([3.0, 4.0, 18.4], [0, 0, 0], id="all-whole"),
        # 9.96 reads «10» (rounded to a tenth it is 10.0, whole from 10 up)
        pytest.param([2.5, 9.96, None, float("nan")], [1, 0, 0, 0], id="9.96-is-10-missing-0"),
        pytest.param([], [], id="empty"),
    ],
)
def test_column_time_by_hand(values, each):
    assert precision.column_time("days", values) == each


def test_a_table_column_of_days_keeps_one_precision_and_a_card_its_own():
    df = pd.DataFrame(
        {"grp": ["Web", "SEO", None], "sal_days": [2.3, 18.4, 3.0], "first_contact_hours": [3.0, 12.0, None]}
    )
    columns = {
        "grp": "an.dim.channel",
        "sal_days": "an.col.sal_days",
        "first_contact_hours": "an.col.first_contact_hours",
    }
    shown = formatted(df, columns, dim="channel")[0]
    assert shown.iloc[:, 1].tolist() == ["2,3", "18", "3,0"]  # «Не указан 3» read among «2,3»
    assert shown.iloc[:, 2].tolist() == ["3", "12", "—"]  # no decimal in the column: whole
    assert fmt_value("sal_days", 3.0) == "3"  # a card: never «3,0»
