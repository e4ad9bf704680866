"""On a Russian screen the Planner's numbers are written with a decimal comma and whole numbers
without decimals (issue #16): the stage chain's steps ("17", "59,75", not "17.00" and "59.75"),
the channel table ("0,3", not "0.30"), the capacity calibration's boxes ("1,5", not "1.50"), and
the sliders' end labels ("0" … "100", not "0.00" … "100.00"). A number typed as Russian writes
it drives the plan."""

import re

import pytest

from tests.boxes import type_number
from tests.planner.test_pages import metrics, open_tab

pytestmark = [pytest.mark.filterwarnings("ignore"), pytest.mark.usefixtures("demo_app_db")]

POINT = re.compile(r"\d\.\d")  # "17.00", "0.30": a decimal point between digits


def chain_boxes(at):
    return sorted((b for b in at.text_input if (b.key or "").startswith("pl_chainbox_")), key=lambda b: b.key)


def chain_sliders(at):
    return sorted((s for s in at.select_slider if (s.key or "").startswith("pl_chain_")), key=lambda s: s.key)


def thumb(slider) -> str:
    """What a slider of options writes above its thumb: its value's option, as format_func wrote it."""
    return slider.format_func(slider.value)


@pytest.fixture
def planner(app_on):
    at = app_on("pages/planner.py")
    assert not at.exception, at.exception
    return at


def test_the_chain_is_written_and_typed_in_russian(planner):
    at = open_tab(planner, "chain")
    boxes = chain_boxes(at)
    assert len(boxes) == 6  # a box beside each of the demo's six steps
    shown = [b.value for b in boxes]
    assert not any(POINT.search(v) for v in shown), shown
    assert any("," in v for v in shown), shown  # the demo's steps are not whole: "59,75"
    # each slider's thumb reads what the box beside it reads ("59,75", "17"), as Russian writes it
    assert [thumb(s) for s in chain_sliders(at)] == shown
    # typed as Russian writes numbers: 50 × 40 × 12,5 × 10 × 100 × 100 % = 0,25 %
    for box, text in zip(chain_boxes(at), ["50", "40", "12,5", "10", "100", "100"], strict=True):
        at.text_input(key=box.key).input(text).run()
        assert not at.exception, at.exception
    assert [s.value for s in chain_sliders(at)] == [
        50.0,
        40.0,
        12.5,
        10.0,
        100.0,
        100.0,
    ]
    assert metrics(at)["Конверсия цепочки"] == "0,25 %"
    assert [b.value for b in chain_boxes(at)] == ["50", "40", "12,5", "10", "100", "100"]


def test_a_chain_text_that_is_no_number_is_refused_and_the_step_kept(planner):
    at = open_tab(planner, "chain")
    before = [s.value for s in chain_sliders(at)]
    key = chain_boxes(at)[0].key
    at.text_input(key=key).input("много").run()
    assert not at.exception, at.exception
    assert [s.value for s in chain_sliders(at)] == before
    assert at.text_input(key=key).value == "много"  # kept as typed, with the reason under it
    assert any("Нужно число, например 1 234,5" in c.value for c in at.caption)
    at.text_input(key=key).input("150").run()  # a share is at most 100 %
    assert any("Не больше 100" in c.value for c in at.caption)
    assert [s.value for s in chain_sliders(at)] == before


def test_the_capacity_calibration_boxes_are_russian_and_drive_the_elasticity(planner):
    at = open_tab(planner, "capacity")
    at.toggle(key="pl_capacity_on").set_value(True).run()
    boxes = {k: at.text_input(key=f"pl_cal_{k}").value for k in ("la", "ca", "lb", "cb")}
    assert boxes == {"la": "100", "ca": "2", "lb": "200", "cb": "1,5"}  # not "2.00", "1.50"
    # e = ln(2 / 1,5) ÷ ln(200 / 100) = 0,28768 ÷ 0,69315 = 0,415
    assert any(m.value == "Падение конверсии при перегрузке по этим точкам: 0,415" for m in at.markdown)
    at.text_input(key="pl_cal_ca").input("3,5").run()
    assert not at.exception, at.exception
    # e = ln(3,5 / 1,5) ÷ ln 2 = 0,84730 ÷ 0,69315 = 1,222
    assert any(m.value == "Падение конверсии при перегрузке по этим точкам: 1,222" for m in at.markdown)
    assert at.text_input(key="pl_cal_ca").value == "3,5"


def test_the_channel_table_is_written_and_typed_in_russian(planner):
    at = open_tab(planner, "mix")
    table = next(d.value for d in at.dataframe if "budget" in d.value.columns)
    cells = [str(v) for col in ("budget", "cpl", "conversion", "avg_check", "saturation") for v in table[col]]
    assert not any(POINT.search(v) for v in cells), cells
    # the first channel's conversion typed as Russian writes it: the result table shows 0,35 %
    at.session_state["pl_mix"] = {"edited_rows": {0: {"conversion": "0,35"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    result = next(d.value for d in at.dataframe if "Конверсия, %" in d.value.columns)
    assert result["Конверсия, %"].iloc[0] == "0,35 %"
    assert at.query_params.get("mix")  # the edit is the plan's: it travels in the link
    # a text that is no number: the channel and the column named, the plan keeps 0,35 %
    at.session_state["pl_mix"] = {"edited_rows": {0: {"conversion": "0.35.1"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    (error,) = [e.value for e in at.error]
    assert error.startswith(f"«{result['Канал'].iloc[0]}», Конверсия, %: Нужно число")
    result = next(d.value for d in at.dataframe if "Конверсия, %" in d.value.columns)
    assert result["Конверсия, %"].iloc[0] == "0,35 %"


@pytest.mark.parametrize(("lang", "step", "ends"), [("ru", "59,73", ("0", "100")), ("en", "59.73", ("0", "100"))])
def test_the_chain_sliders_show_their_value_in_the_language(app, lang, step, ends):
    """The review: the Russian stage-chain sliders showed no value above the thumb (the page's CSS
    hid Streamlit's "59.75"), and their redrawn ends «0 … 100» stood under the first slider. They
    are sliders of options now, as the levers: a 0,1 % grid written by the language, the step's own
    value among them, so the thumb reads "59,73" in Russian and "59.73" in English (one of the
    demo's steps), as the box beside it, its ends "0" and "100"; no CSS hides or redraws them."""
    app.session_state["lang"] = lang
    at = open_tab(app.switch_page("pages/planner.py").run(), "chain", lang)
    assert not at.exception, at.exception
    sliders = chain_sliders(at)
    thumbs = [thumb(s) for s in sliders]
    assert len(sliders) == 6 and step in thumbs, thumbs
    assert (sliders[0].options[0], sliders[0].options[-1]) == ends
    assert thumbs == [b.value for b in chain_boxes(at)]
    css = "\n".join(h.proto.body for h in at.get("html"))
    assert "stSliderThumbValue" not in css and "st-key-pl_chain_" not in css


@pytest.mark.parametrize(("lang", "conversion", "ends"), [("ru", "3,24", ("0", "10")), ("en", "3.24", ("0", "10"))])
def test_the_levers_sliders_show_their_value_in_russian(app, lang, conversion, ends):
    """The review: the Russian conversion and margin sliders showed no value above the thumb (the
    page's CSS hid it, since Streamlit's sprintf-js writes "3.2" with a point). They are sliders of
    options now, each option written by the language: the demo's conversion 3,2423 % stands on
    an option of its own beside the grid's 3,2 (the slider's step, 0,1), its range 0 … 3 × 3,24 ≈ 9,7 → 10 (the conversion's
    least top); the margin, once typed (unset, it is an empty box: levers.lever), reads "30"."""
    app.session_state["lang"] = lang
    at = app.switch_page("pages/planner.py").run()
    assert not at.exception, at.exception
    type_number(at, "pl_margin_n", 30.0).run()
    conv, margin = at.select_slider(key="pl_conversion_s"), at.select_slider(key="pl_margin_s")
    assert conv.value == pytest.approx(3.24)
    assert conv.options[33] == conversion  # what the thumb reads: after 3,2 (options 0 … 32)
    assert (conv.options[0], conv.options[-1]) == ends
    assert len(conv.options) == 102  # 0 … 10 by 0,1, and the baseline's own 3,24
    assert margin.value == 30.0 and margin.options[-1] == "100" and "30" in margin.options
    assert ("0,5" in margin.options) if lang == "ru" else ("0.5" in margin.options)
    # moving the slider moves the plan: the box writes the slider's value, the model runs on it
    conv.set_value(4.0).run()
    assert not at.exception, at.exception
    assert at.text_input(key="pl_conversion_n").value == "4"


def test_a_channel_cell_typed_in_russian_survives_a_switch_to_english(planner):
    """The table's typed cells are in the writing of the language they were typed in: after a
    switch they are written again from the plan's edits, not read as the other language's."""
    at = open_tab(planner, "mix")
    at.session_state["pl_mix"] = {"edited_rows": {0: {"conversion": "0,35"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.radio(key="lang").set_value("en").run()
    open_tab(at, "mix", "en")
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]  # "0,35" is not refused as an English "0,35"
    table = next(d.value for d in at.dataframe if "budget" in d.value.columns)
    assert table["conversion"].iloc[0] == "0.35"
    result = next(d.value for d in at.dataframe if "Conversion, %" in d.value.columns)
    assert result["Conversion, %"].iloc[0] == "0.35%"


def test_a_whole_lever_shows_no_decimals_on_its_slider(planner):
    """A margin typed as 40 reads "40" on its slider, not "40.0"; the conversion at 3,2423 %
    stands on an option of its own, 3,24, as the box beside writes it (not the grid's 3,2)."""
    type_number(planner, "pl_margin_n", 40.0).run()
    assert planner.select_slider(key="pl_margin_s").value == 40.0
    assert "40" in planner.select_slider(key="pl_margin_s").options
    assert planner.select_slider(key="pl_conversion_s").value == pytest.approx(3.24)
