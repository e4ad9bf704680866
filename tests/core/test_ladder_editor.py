"""funnel.ladder.from_editor / for_editor: the Settings page's ladder editor in the engine.
The editor's terms (percent, rows in "#" order, keyed messages settings.err.*) over the same
rules as validate_ladder."""

import pandas as pd
import pytest

from funnel import ladder
from funnel.errors import ValidationError, keyed_error
from funnel.stage import DEFAULT_LADDER, Stage


def row(name="Won", probability=100, norm_days=None, kind="won", position=None) -> dict:
    return {"position": position, "name": name, "probability": probability, "norm_days": norm_days, "kind": kind}


OPEN = row("Open", 20, 5, "open")
WON = row()


@pytest.mark.parametrize(
    "rows, key, params",
    [
        ([], "settings.err.empty", {}),
        ([row(None, None, None, None)], "settings.err.empty", {}),
        ([row("  ")], "settings.err.name_empty", {"row": 1}),
        ([OPEN, row("open")], "settings.err.name_twice", {"row": 2, "name": "open"}),
        ([row(probability=150)], "settings.err.prob", {"row": 1}),
        ([row(probability=-1)], "settings.err.prob", {"row": 1}),
        ([row(probability="a lot")], "settings.err.prob", {"row": 1}),
        ([row(probability=None)], "settings.err.prob", {"row": 1}),
        ([row(norm_days=-3)], "settings.err.norm", {"row": 1}),
        ([row(norm_days=2.5)], "settings.err.norm", {"row": 1}),
        ([row(norm_days="soon")], "settings.err.norm", {"row": 1}),
        ([row(norm_days=float("inf"))], "settings.err.norm", {"row": 1}),
        ([row(kind="maybe")], "settings.err.kind", {"row": 1}),
        ([row(kind=None)], "settings.err.kind", {"row": 1}),
        ([OPEN], "settings.err.no_won", {}),
        ([row("B", position=2), row("", position=1)], "settings.err.name_empty", {"row": 1}),
    ],
    ids=[
        "empty",
        "only-blank-rows",
        "blank-name",
        "duplicate-name-any-case",
        "probability-150",
        "probability-negative",
        "probability-not-a-number",
        "probability-missing",
        "norm-negative",
        "norm-not-whole",
        "norm-not-a-number",
        "norm-infinite",
        "bad-kind",
        "no-kind",
        "no-won-stage",
        "row-numbers-follow-the-order",
    ],
)
def test_from_editor_refuses_with_the_settings_key(rows, key, params):
    with pytest.raises(ValidationError) as err:
        ladder.from_editor(pd.DataFrame(rows, columns=list(row())))
    assert (err.value.key, err.value.params) == (key, params)
    assert str(err.value) == str(keyed_error(key, **params))  # the English text of the same key
    assert err.value.text("ru") != str(err.value)


def test_from_editor_orders_by_position_with_new_rows_last():
    edited = pd.DataFrame(
        [
            row("Third", 50, 3, "open", position=3),
            row("New A", 60, None, "open"),
            row("First", 10, 1, "Open", position=1),
            row(None, None, None, None),  # a blank row the editor left: dropped
            row("Second", 25.5, "2", "open", position=2.0),
            row("Won", 100, None, "WON"),
        ]
    )
    assert ladder.from_editor(edited) == [
        Stage("First", 0.10, 1, "open"),
        Stage("Second", 0.255, 2, "open"),
        Stage("Third", 0.50, 3, "open"),
        Stage("New A", 0.60, None, "open"),
        Stage("Won", 1.0, None, "won"),
    ]


def test_for_editor_shows_percent_and_from_editor_reads_it_back(store, ws):
    with store.cursor() as cur:
        shown = ladder.for_editor(ladder.get_ladder(cur, ws))
    assert list(shown.columns) == ["position", "name", "probability", "norm_days", "kind"]
    assert list(shown["probability"])[:3] == [5.0, 10.0, 25.0]
    assert ladder.from_editor(shown) == list(DEFAULT_LADDER)


@pytest.mark.parametrize(
    "broken",
    [
        [row("")],
        [OPEN, row("OPEN")],
        [row(probability=101)],
        [row(norm_days=-1)],
        [row(kind="x")],
        [OPEN],
    ],
    ids=["blank-name", "duplicate-name", "probability", "norm", "kind", "no-won"],
)
def test_stored_and_editor_terms_refuse_the_same_ladders(broken):
    """One set of rules: a ladder the editor refuses is refused in stored terms too (0..1)."""
    stored = pd.DataFrame([dict(r, probability=r["probability"] / 100) for r in broken])
    with pytest.raises(ValidationError) as in_editor:
        ladder.from_editor(pd.DataFrame(broken))
    with pytest.raises(ValidationError) as in_store:
        ladder.validate_ladder(stored)
    field = {
        "name_empty": "name",
        "name_twice": "name",
        "prob": "probability",
        "norm": "norm_days",
        "kind": "kind",
        "no_won": "kind",
    }[in_editor.value.key.rsplit(".", 1)[1]]
    assert str(in_store.value).startswith(field)
