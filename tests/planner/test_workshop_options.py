"""The Workshop's conversion slider (a slider of options: the 0,1 % grid with the baseline's exact
conversion in it) never holds two options written alike: Streamlit's select_slider tells its value
by the option's text, so 3,1996 written «3,2» beside the grid's «3,2» came back as the grid's 3,2 on
the next run, and the Workshop's turnover moved off the workspace's own lever (code review)."""

from __future__ import annotations

import pytest

from ui.views.workshop import conversion_options


@pytest.mark.parametrize(
    ("value", "lang", "text"),
    [
        # as the line writes a rate below 10 % (precision.rate_places): «3,20», apart from the grid's «3,2»
        pytest.param(3.1996, "ru", "3,20", id="just-below-a-grid-step-ru"),
        pytest.param(3.1996, "en", "3.20", id="just-below-a-grid-step-en"),
        pytest.param(3.183, "ru", "3,18", id="between-steps"),
    ],
)
def test_the_exact_conversion_is_the_only_option_written_as_it_is(value, lang, text):
    options, fmt = conversion_options(value, 20.0, lang)
    texts = [fmt(x) for x in options]
    assert len(texts) == len(set(texts))  # no two options alike
    assert value in options and fmt(value) == text
    assert [x for x in options if fmt(x) == text] == [value]
    assert options == sorted(options)
