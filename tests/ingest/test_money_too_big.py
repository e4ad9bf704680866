"""An amount too big for the money type (DECIMAL(18, 2): up to 9 999 999 999 999 999.99) is
rejected with a reason that says so, not as "not a number"."""

from __future__ import annotations

import pytest

from tests.ingest.helpers import load_file, write

HEADER = "ID;Этап;Статус;Сумма\n"


@pytest.mark.parametrize(
    "cell, reason",
    [
        pytest.param("10000000000000000", "amount beyond the largest the app keeps", id="10^16"),
        pytest.param("99 999 999 999 999 999,5", "amount beyond the largest the app keeps", id="with separators"),
        pytest.param("12abc", "not a number", id="text"),
        # NaN casts to a float above every number: it read as "beyond the largest"
        pytest.param("nan", "not a number", id="nan"),
        pytest.param("-NaN", "not a number", id="minus-nan"),
    ],
)
def test_an_amount_too_big_to_keep_is_rejected_saying_so(store, ws, tmp_path, cell, reason):
    text = HEADER + f"D1;Сделка заключена;won;100\nD2;Сделка заключена;won;{cell}\n"
    result = load_file(store, ws, write(tmp_path, "deals.csv", text), "deals")
    assert (result.added, result.rejected) == (1, 1)
    rejected = result.rejected_rows.iloc[0]
    assert (rejected["row"], rejected["column"]) == (3, "Сумма")
    assert rejected["reason"].startswith(reason), rejected["reason"]
