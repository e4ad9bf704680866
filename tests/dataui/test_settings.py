"""The Settings page under AppTest: ladder edits saved or refused with the field named, reset,
stage spellings, currency, and a viewer who sees no editing control."""

import pandas as pd
import pytest

import ui
from tests.dataui.helpers import at_page, frame_with, new_app, own_workspace, rows, signed_in, texts
from ui import state

# Every test here opens the app on a store whose first use installs the demo: it starts from a
# copy of that database instead (tests/conftest.py demo_app_db), not a fresh install per test.
pytestmark = pytest.mark.usefixtures("demo_app_db")

PAGE = "pages/settings.py"


@pytest.fixture
def settings(demo_app_db):
    at = new_app()
    ws_id = own_workspace(at)
    return at_page(at, PAGE), ws_id


def ladder_rows(ws_id):
    return rows(
        "SELECT position, name, probability, norm_days, kind FROM stages WHERE workspace_id = ? ORDER BY position",
        [ws_id],
    )


def test_ladder_shows_probability_in_percent(settings):
    at, ws_id = settings
    table = at.dataframe(key=state.SET_LADDER).value
    assert list(table["name"])[:2] == ["Initial interest", "Qualified interest"]
    assert list(table["probability"])[:3] == [5.0, 10.0, 25.0]
    assert at.dataframe(key=state.SET_LADDER).editing_mode == "dynamic"


def test_the_ladders_probability_says_its_unit_once_in_its_cells(settings):
    """Review #16: «Вероятность, %» stood over «5 %»: the unit twice. The cells write it (the
    column's format), the header does not, in either language."""
    import json

    from funnel.i18n import t

    at, _ = settings
    for lang in ("en", "ru"):
        at.radio(key="lang").set_value(lang).run()
        column = json.loads(at.dataframe(key=state.SET_LADDER).proto.columns)["probability"]
        assert "%" in column["type_config"]["format"] and "%" not in column["label"], column
        assert column["label"] == t("settings.col.probability", lang)


@pytest.mark.parametrize(
    "edit, message",
    [
        ({"edited_rows": {2: {"probability": 150}}}, "Row 3, “Probability”: a percentage from 0 to 100 is expected."),
        ({"edited_rows": {1: {"name": "Initial interest"}}}, "Row 2, “Stage”: “Initial interest” appears twice."),
        ({"edited_rows": {0: {"name": ""}}}, "Row 1, “Stage”: every stage needs a name."),
        (
            {"edited_rows": {0: {"norm_days": -3}}},
            "Row 1, “Norm”: whole working days, 0 or more (or empty), are expected.",
        ),
        ({"edited_rows": {5: {"kind": "open"}}}, "“Kind”: the ladder needs at least one “won” stage."),
    ],
    ids=["probability-150", "duplicate-name", "empty-name", "negative-norm", "no-won-stage"],
)
def test_invalid_ladder_is_refused_with_the_field_named(settings, edit, message):
    at, ws_id = settings
    before = ladder_rows(ws_id)
    at.session_state[state.SET_LADDER] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [], **edit}
    at.button(key=state.SET_LADDER_SAVE).click().run()
    assert texts(at.error) == [message]
    assert ladder_rows(ws_id) == before


def test_ladder_edit_add_reorder_delete_is_saved(settings):
    at, ws_id = settings
    at.session_state[state.SET_LADDER] = {
        "edited_rows": {2: {"probability": 30, "name": "КП отправлено"}},
        "added_rows": [{"position": 2.5, "name": "Demo meeting", "probability": 15, "kind": "open"}],
        "deleted_rows": [3],
    }
    at.button(key=state.SET_LADDER_SAVE).click().run()
    assert texts(at.success) == ["The ladder is saved: 7 stages."]
    assert ladder_rows(ws_id) == [
        (1, "Initial interest", 0.05, 5, "open"),
        (2, "Qualified interest", 0.10, 10, "open"),
        (3, "Demo meeting", 0.15, None, "open"),
        (4, "КП отправлено", 0.30, 10, "open"),
        (5, "Contract signed", 0.99, 5, "open"),
        (6, "Deal done", 1.0, None, "won"),
        (7, "Lost", 0.0, None, "lost"),
    ]
    # The editor starts again from what was saved.
    assert list(at.dataframe(key=state.SET_LADDER).value["name"])[2] == "Demo meeting"


def test_reset_needs_confirmation_and_restores_default(settings):
    at, ws_id = settings
    at.session_state[state.SET_LADDER] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [0, 1]}
    at.button(key=state.SET_LADDER_SAVE).click().run()
    assert len(ladder_rows(ws_id)) == 5
    assert at.button(key=state.SET_RESET).disabled
    at.checkbox(key=state.SET_RESET_OK).check().run()
    at.button(key=state.SET_RESET).click().run()
    assert texts(at.success) == ["The ladder is reset to the default one."]
    assert [r[1] for r in ladder_rows(ws_id)][:2] == ["Initial interest", "Qualified interest"]
    assert len(ladder_rows(ws_id)) == 7
    assert at.checkbox(key=state.SET_RESET_OK).value is False


def test_alias_add_and_delete(settings):
    at, ws_id = settings
    at.text_input(key=state.SET_ALIAS_TEXT).input("  Встреча назначена ").run()
    at.selectbox(key=state.SET_ALIAS_STAGE).set_value("Qualified interest").run()
    at.button(key=state.SET_ALIAS_ADD).click().run()
    assert not at.error
    assert rows("SELECT alias, stage FROM stage_aliases WHERE workspace_id = ?", [ws_id]) == [
        ("встреча назначена", "Qualified interest")
    ]
    shown = frame_with(at, "alias", "stage")
    assert list(shown["alias"]) == ["встреча назначена"]
    at.selectbox(key=state.SET_ALIAS_DEL_PICK).set_value("встреча назначена").run()
    at.button(key=state.SET_ALIAS_DEL).click().run()
    assert rows("SELECT * FROM stage_aliases WHERE workspace_id = ?", [ws_id]) == []


def test_empty_alias_is_refused(settings):
    at, ws_id = settings
    at.button(key=state.SET_ALIAS_ADD).click().run()
    assert texts(at.error) == ["“Spelling in the file”: type the stage as the export writes it."]


def test_currency_is_saved_and_bad_one_refused(settings):
    at, ws_id = settings
    assert at.text_input(key=state.SET_CURRENCY).value == "₽"
    at.text_input(key=state.SET_CURRENCY).input("EUR").run()
    at.button(key=state.SET_CURRENCY_SAVE).click().run()
    assert texts(at.success) == ["The currency is saved: EUR."]
    assert rows("SELECT currency FROM workspaces WHERE id = ?", [ws_id]) == [("EUR",)]
    at.text_input(key=state.SET_CURRENCY).input("   ").run()
    at.button(key=state.SET_CURRENCY_SAVE).click().run()
    assert at.error and rows("SELECT currency FROM workspaces WHERE id = ?", [ws_id]) == [("EUR",)]


def test_russian_error_is_natural(settings):
    at, ws_id = settings
    at.radio(key="lang").set_value("ru").run()
    at.session_state[state.SET_LADDER] = {"edited_rows": {2: {"probability": -1}}, "added_rows": [], "deleted_rows": []}
    at.button(key=state.SET_LADDER_SAVE).click().run()
    assert texts(at.error) == ["Строка 3, «Вероятность»: нужно число процентов от 0 до 100."]


def test_viewer_sees_the_ladder_but_no_editing_control(app_db):
    at = signed_in("guest-pass", PAGE)
    assert frame_with(at, "name", "probability", "kind")["name"].iloc[0] == "Initial interest"
    keys = {w.key for w in at.button} | {w.key for w in at.text_input} | {w.key for w in at.checkbox}
    assert not keys & {
        state.SET_LADDER_SAVE,
        state.SET_RESET,
        state.SET_ALIAS_ADD,
        state.SET_CURRENCY,
        state.SET_CURRENCY_SAVE,
        f"{state.SET_ROT}_save",
    }
    assert [d.key for d in at.dataframe if d.editing_mode != "read_only"] == []
    # each stage's own "rotten after" is shown, read-only: the open stages with their norm
    limits = frame_with(at, "Stage", "Norm, working days", "Own limit, working days")
    open_stages = rows("SELECT name FROM stages WHERE workspace_id = 'demo' AND kind = 'open' ORDER BY position")
    assert list(limits["Stage"]) == [name for (name,) in open_stages]
    assert "Your role lets you view" in " ".join(texts(at.info)) or "demo workspace" in " ".join(texts(at.info))


def test_admin_may_edit_the_demo_but_is_told_it_is_shared(app):
    at_page(app, PAGE, lang=None)
    assert app.dataframe(key=state.SET_LADDER).editing_mode == "dynamic"


def test_renaming_a_stage_in_use_says_where_to_map_its_deals(settings):
    import ui
    from tests.conftest import insert

    at, ws_id = settings
    insert(ui.get_store(), ws_id, "deals", [{"deal_id": "D1", "stage": "Qualified interest", "amount": 100}])
    at.session_state[state.SET_LADDER] = {
        "edited_rows": {1: {"name": "Qualified"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key=state.SET_LADDER_SAVE).click().run()
    assert texts(at.success) == [
        "The ladder is saved: 7 stages. Deals in stages that are no longer in the ladder («Qualified interest») "
        "will show on the Data page among the stages to map."
    ]


def rot_days(ws_id):
    return dict(rows("SELECT name, rot_days FROM stages WHERE workspace_id = ? AND kind = 'open'", [ws_id]))


ROT_SAVE = f"{state.SET_ROT}_save"


def test_rot_limits_set_in_settings_are_the_ones_the_time_page_uses(settings):
    """The grid beside the ladder writes stages.rot_days, the value the rotting tab and the
    engine read; an empty cell puts a stage back on its norm."""
    from funnel import snooze
    from funnel.access import User
    from funnel.metrics import rotting

    at, ws_id = settings
    grid = at.dataframe(key=state.SET_ROT).value
    assert list(grid["Stage"]) == [
        "Initial interest",
        "Qualified interest",
        "Proposal under review",
        "Contract negotiation",
        "Contract signed",
    ]  # the default ladder's open stages, in order, with their norms
    assert list(grid["Norm, working days"]) == [5, 10, 10, 10, 5]
    at.session_state[state.SET_ROT] = {
        "edited_rows": {1: {"Own limit, working days": 3}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key=ROT_SAVE).click().run()
    assert not at.exception, at.exception
    assert texts(at.success) == ["The limits are saved."]
    assert rot_days(ws_id)["Qualified interest"] == 3
    assert rot_days(ws_id)["Initial interest"] is None
    with ui.get_store().cursor() as cur:
        limits = rotting.rot_limits(cur, ws_id).set_index("stage")["limit_days"]
    assert limits["Qualified interest"] == 3 and limits["Initial interest"] == 5  # own, else the norm
    # set the other way (the rotting tab's write): the Settings grid shows it
    with ui.get_store().transaction() as cur:
        snooze.set_rot_days(
            cur, ws_id, {"Proposal under review": 12, "Qualified interest": None}, actor=User("t", "admin")
        )
    at.session_state[state.SET_ROT] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
    at.run()
    shown = at.dataframe(key=state.SET_ROT).value.set_index("Stage")["Own limit, working days"]
    assert shown["Proposal under review"] == 12 and pd.isna(shown["Qualified interest"])


def test_a_bad_rot_limit_in_settings_is_refused_with_the_stage_named(settings):
    at, ws_id = settings
    before = rot_days(ws_id)
    at.session_state[state.SET_ROT] = {
        "edited_rows": {0: {"Own limit, working days": -4}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key=ROT_SAVE).click().run()
    assert not at.exception, at.exception
    assert len(at.error) == 1 and "Initial interest" in at.error[0].value, (texts(at.success), rot_days(ws_id))
    assert rot_days(ws_id) == before


def test_a_russian_screen_names_the_default_stages_in_russian_and_saves_them_as_stored(demo_app_db):
    """The default ladder's (and the demo's) stages read in Russian in the ladder, the limits
    grid and the spelling picker, as every other page names them; a save keeps the stored
    spelling (the deals' own) for every stage the editor showed translated, and a name a person
    typed as typed."""
    at = new_app()
    ws_id = own_workspace(at)
    at_page(at, PAGE, "ru")
    table = at.dataframe(key=state.SET_LADDER).value
    assert list(table["name"]) == [
        "Первичный интерес",
        "Подтверждённый интерес",
        "Предложение на рассмотрении",
        "Согласование договора",
        "Договор подписан",
        "Сделка завершена",
        "Отказ",
    ]
    assert list(at.dataframe(key=state.SET_ROT).value["Этап"])[:2] == ["Первичный интерес", "Подтверждённый интерес"]
    picker = at.selectbox(key=state.SET_ALIAS_STAGE)
    assert "Первичный интерес" in picker.options and "Initial interest" not in picker.options
    at.session_state[state.SET_LADDER] = {
        # a cell retyped as it was shown, a probability changed, a stage renamed
        "edited_rows": {0: {"name": "Первичный интерес"}, 2: {"probability": 30}, 3: {"name": "Переговоры"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key=state.SET_LADDER_SAVE).click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [(r[1], r[2]) for r in ladder_rows(ws_id)][:4] == [
        ("Initial interest", 0.05),
        ("Qualified interest", 0.10),
        ("Proposal under review", 0.30),
        ("Переговоры", 0.80),
    ]
    # a spelling mapped to a stage: the message names the stage as the screen does
    at.text_input(key=state.SET_ALIAS_TEXT).input("Квалификация")
    at.selectbox(key=state.SET_ALIAS_STAGE).set_value("Qualified interest")
    at.button(key=state.SET_ALIAS_ADD).click().run()
    assert any("Подтверждённый интерес" in s for s in texts(at.success)), texts(at.success)
    assert rows("SELECT stage FROM stage_aliases WHERE workspace_id = ?", [ws_id]) == [("Qualified interest",)]
