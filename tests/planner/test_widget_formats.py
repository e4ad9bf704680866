"""Widgets formatted for the language, as far as Streamlit 1.67 lets them be (ui.text): sliders and
the channel-mix table group thousands as the language does ("199 000" / "199,000") and show the
value's own decimals; number boxes show a plain "%.Nf" (Streamlit checks their format with
Python's ``%``, which has no grouping flag); tables show "—" for a missing cell, not "None".

What the browser draws from these formats is checked on every screen by tests/browser/screens.py
(a five-digit figure without its grouping on a slider fails there)."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.boxes import type_number
from tests.conftest import ROOT
from ui import state

pytestmark = pytest.mark.filterwarnings("ignore")

GROUPED = {"ru": "%'\u00a0,", "en": "%,"}


def workshop(lang: str, **levers) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = lang
    for key, value in levers.items():
        at.session_state[key] = value
    at.switch_page("pages/workshop.py")
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_workshop_sliders_group_thousands_and_show_what_the_line_shows(demo_app_db, lang):
    """The line under the sliders writes 1 270 leads × 3,18 % × 199 031 ₽: the sliders show the
    same decimals (not "1 269.75" above "1 270"), thousands grouped."""
    at = workshop(lang, ws_leads=1269.75, ws_conversion=3.1834, ws_avg_check=199_030.93, ws_sellers=6.0)
    formats = {k: at.slider(key=k).proto.format for k in ("ws_leads", "ws_avg_check", "ws_sellers")}
    assert formats == {
        "ws_leads": f"{GROUPED[lang]}.0f",
        "ws_avg_check": f"{GROUPED[lang]}.0f",  # "199 031" (ru), "199,031" (en), not "199030.93"
        "ws_sellers": f"{GROUPED[lang]}.0f",
    }
    # the conversion's thumb writes the line's figure, in the language (a slider of options)
    conversion = at.select_slider(key="ws_conversion")
    assert conversion.format_func(conversion.value) == {"ru": "3,18", "en": "3.18"}[lang]
    assert conversion.value == 3.1834  # the model keeps the session's value, not the written one
    line = {"ru": "1 270 лидов × 3,18 % × 199 031 ₽", "en": "1,270 leads × 3.18% × ₽199,031"}[lang]
    assert any(m.value.replace("\\", "").startswith(line) for m in at.markdown), [m.value for m in at.markdown]


def test_planner_levers_and_mix_table_are_formatted_for_russian(app_on):
    at = app_on("pages/planner.py")
    type_number(at, "pl_avg_check_n", 199_000.0).run()
    assert not at.exception, at.exception
    assert at.slider(key="pl_avg_check_s").proto.format == "%'\u00a0,.0f"
    assert at.text_input(key="pl_avg_check_n").value == "199\u00a0000".replace("\u00a0", " ")  # not "199000.00"
    type_number(at, "pl_conversion_n", 2.75).run()
    assert at.text_input(key="pl_conversion_n").value == "2,75"  # a decimal comma, not "2.7500"
    at.session_state["pl_tab"] = "Каналы"
    at.run()
    mix = next(d for d in at.dataframe if "budget" in d.value.columns)
    # the editable cells are written as Russian writes numbers: "125 607 ₽", "0,30", "1 327 ₽" (money
    # whole, as every money figure on the Planner: ui.views.planner.mix_cells)
    # (Streamlit's number columns wrote "0.30" and "12.46": tests/planner/test_ru_decimals.py);
    # money with its ₽ after the number, each column with its one number of decimals
    places = {"budget": 0, "cpl": 0, "conversion": 2, "avg_check": 0, "saturation": 2}
    for col, n in places.items():
        shape = (
            r"\d{1,3}(\s\d{3})*"
            + (rf",\d{{{n}}}" if n else "")
            + (" ₽" if col in ("budget", "cpl", "avg_check") else "")
        )
        assert all(re.fullmatch(shape, str(v)) for v in mix.value[col]), (col, list(mix.value[col]))
    assert any(re.search(r"\d\s\d", v) for v in mix.value["budget"])  # thousands grouped, not "125607"
    assert any("," in v for v in mix.value["conversion"])
    assert mix.proto.placeholder == "—"
    # the demo's channels and stages are named in Russian, as the Channels and Funnel pages name them
    from funnel.demo_names import shown

    assert list(mix.value["name"]) == [shown(c, "ru") for c in mix.value["channel"]]
    assert mix.value["name"].iloc[0] != mix.value["channel"].iloc[0]
    at.session_state["pl_tab"] = "Этапы"
    at.run()
    chain = [s.label for s in at.select_slider if s.key and s.key.startswith("pl_chain")]
    assert chain and not any(re.search("[A-Za-z]{3,}", label) for label in chain), chain


def test_missing_cells_show_a_dash_in_settings(app_on):
    at = app_on("pages/settings.py")
    assert not at.exception, at.exception
    ladder = at.dataframe(key=state.SET_LADDER)
    assert ladder.value["norm_days"].isna().any()  # the demo ladder's last stages have no norm
    assert ladder.proto.placeholder == "—"


def test_every_table_on_screen_shows_a_dash_for_a_missing_cell():
    """A scan of ui/ and pages/: each st.dataframe and st.data_editor call passes ``placeholder``
    (Streamlit's default writes "None" in a missing cell)."""
    import ast

    lacking = []
    for path in [*(ROOT / "ui").rglob("*.py"), *(ROOT / "pages").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("dataframe", "data_editor")
                and not any(k.arg == "placeholder" for k in node.keywords)
            ):
                lacking.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not lacking, lacking


def test_the_plan_period_picker_writes_dates_as_russian_does(app_on):
    """The Scenarios tab's plan period: 01.10.2026 in Russian, not 2026/10/01."""
    at = app_on("pages/planner.py")
    at.session_state["pl_tab"] = "Сценарии"
    at.run()
    at.text_input(key="pl_sc_name").set_value("План").run()
    at.button(key="pl_sc_save").click().run()  # the period is asked for a saved scenario
    assert not at.exception, at.exception
    assert at.date_input(key="pl_sc_period").proto.format == "DD.MM.YYYY"


@pytest.mark.parametrize(
    ("lang", "thumb", "grid"),
    [("ru", "3,24", ["0", "0,1", "3,2", "3,3", "20"]), ("en", "3.24", ["0", "0.1", "3.2", "3.3", "20"])],
)
def test_the_workshops_conversion_is_written_above_its_thumb_like_the_planners(demo_app_db, lang, thumb, grid):
    """The Russian conversion slider hid its own value (sprintf-js writes "3.18") and the page wrote
    «3,18 %» under the slider, while the Planner's and the other three sliders' values stand above
    their thumbs. Now it is a slider of options, as the Planner's decimal levers are: the thumb
    reads the language's "3,24" (the demo's 496 ÷ 15 298 = 3,2423… %), the grid steps by 0,1 from
    0 to 20, and nothing is written under it. Moved to a grid option, it reads as the grid does."""
    at = workshop(lang)
    s = at.select_slider(key="ws_conversion")
    assert s.format_func(s.value) == thumb and s.value == pytest.approx(496 / 15_298 * 100)
    written = list(s.options)  # as the browser gets them: written by the format
    assert [written[i] for i in (0, 1, 32, 34, -1)] == grid and written[33] == thumb
    assert not [m for m in at.markdown if m.value.replace("\\", "").startswith(thumb)]  # no copy under it
    s.set_value(4.0).run()
    assert not at.exception, at.exception
    s = at.select_slider(key="ws_conversion")
    assert s.format_func(s.value) == "4" and len(s.options) == 201  # back on the grid: no extra option
    line = {"ru": "4,00 %", "en": "4.00%"}[lang]  # the line writes a rate by its rule (precision.rate_places)
    assert any(f"× {line} ×" in m.value.replace("\\", "") for m in at.markdown)


@pytest.mark.parametrize(("lang", "shown"), [("ru", "DD.MM.YYYY"), ("en", "YYYY-MM-DD")])
def test_the_period_picker_writes_dates_that_read_one_way(demo_app_db, lang, shown):
    """Review #16: the English custom-period picker wrote 11/01/2025, which a reader outside the US
    takes for 11 January; it writes 2025-11-01 now (ISO, year first), Russian 01.11.2025
    (funnel.formatting.picker_format)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    at.selectbox(key="period_preset").set_value("custom").run()
    assert not at.exception, at.exception
    assert at.date_input(key="period_range").proto.format == shown
