"""The screens carry each figure's no-break spaces (issue #16: «9 / 027 140 ₽» on a phone).

Every other AppTest test reads the screens with plain spaces (tests/helpers/screen.py); this one
reads what the app really sent: the Overview's cards and table in Russian, whose figures are
grouped by thousands and end in "₽" or "%"; one page of each family in both languages (the
Planner's headline, the Workshop's formula, a Channels table cell: Russian groups with U+00A0,
English with commas and no space at all, "₽8,044,167"); and that no url or id the app sends
holds a no-break space, nor reads one added by the normaliser."""

from __future__ import annotations

import re

import pytest
from google.protobuf.descriptor import FieldDescriptor

from tests.conftest import ROOT
from tests.helpers.screen import _IDENTIFIERS, NBSP, _plain_messages, as_sent

# a space (any but the no-break one) inside a figure: between digits, or before its "₽" or "%"
_BROKEN = re.compile(r"\d[^\S\u00a0]+(?=\d{3}\b|[₽%])")


def _overview():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not at.exception, at.exception
    return at


def _page(page: str, lang: str):
    """``page`` opened in ``lang`` in one run (AppTest cannot rerun an English session)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def _figures_of_each_family(lang: str) -> dict[str, list[str]]:
    """The Planner's headline cards, the Workshop's formula line, the Channels table's cells."""
    planner = _page("pages/planner.py", lang)
    workshop = _page("pages/workshop.py", lang)
    channels = _page("pages/channels.py", lang)
    return {
        "planner": [m.value for m in planner.metric],
        "workshop": [m.value for m in workshop.markdown if "×" in m.value],
        "channels": [str(v) for df in channels.dataframe for col in df.value.columns for v in df.value[col]],
    }


def test_the_overview_sends_its_figures_with_no_break_spaces(demo_app_db):
    with as_sent():
        at = _overview()
        cards = [m.value for m in at.metric]
        texts = cards + [m.delta or "" for m in at.metric] + [c.value for c in at.caption]
        cells = [str(v) for df in at.dataframe for col in df.value.columns for v in df.value[col]]
    assert any(NBSP in v and v.endswith("₽") for v in cards), cards  # "9 027 140 ₽", one line
    assert any(NBSP + "%" in v for v in cards), cards
    assert cells, "the Overview's table was read"
    broken = [t for t in texts + cells if _BROKEN.search(t)]
    assert not broken, broken


def test_the_other_tests_read_the_same_screen_with_plain_spaces(demo_app_db):
    with as_sent():
        sent = [m.value for m in _overview().metric]
    read = [m.value for m in _overview().metric]
    assert read == [v.replace(NBSP, " ") for v in sent] and not any(NBSP in v for v in read)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_each_family_s_page_sends_its_figures_unbroken(demo_app_db, lang):
    """The demo: the Planner's «8 258 583 ₽» turnover (99 103 000 ÷ 12), the Workshop's «1 275
    лидов × 3,24 % × 199 804 ₽ ≈ 8 258 583 ₽», the Channels table's «1 563 119 ₽» (VK Реклама's
    spend, November 2025 – October 2026: 1 563 118,92); in English "₽8,258,583", "1,275 leads ×
    3.24% × ₽199,804 ≈ ₽8,258,583", "₽1,563,119"."""
    with as_sent():
        shown = _figures_of_each_family(lang)
    turnover, spend = (
        ("8\u00a0258\u00a0583\u00a0₽", "1\u00a0563\u00a0119\u00a0₽") if lang == "ru" else ("₽8,258,583", "₽1,563,119")
    )
    assert turnover in shown["planner"], shown["planner"]
    (formula,) = shown["workshop"]
    assert formula.endswith(turnover), formula
    assert spend in shown["channels"], shown["channels"]
    for family, texts in shown.items():
        assert texts, family
        assert not [t for t in texts if _BROKEN.search(t)], (family, texts)
        if lang == "ru":  # grouped by thousands: each family carries the no-break space inside a figure
            assert any(re.search(r"\d\u00a0(\d{3}\b|[₽%])", t) for t in texts), (family, texts)


def _identifiers(msg, where: str = ""):
    """(path, value) of every identifier field (``_IDENTIFIERS``) in ``msg`` and inside it."""
    for field, value in msg.ListFields():
        if field.type == FieldDescriptor.TYPE_STRING and field.name in _IDENTIFIERS:
            for v in value if field.is_repeated else (value,):
                yield f"{where}.{field.name}", v
        elif field.type == FieldDescriptor.TYPE_MESSAGE and not field.message_type.GetOptions().map_entry:
            for inner in value if field.is_repeated else (value,):
                yield from _identifiers(inner, f"{where}.{field.name}")


def _elements(node):
    if getattr(node, "proto", None) is not None:
        yield node
    for child in getattr(node, "children", {}).values():
        yield from _elements(child)


@pytest.mark.parametrize(
    ("page", "lang"), [("pages/overview.py", "ru"), ("pages/overview.py", "en"), ("pages/admin.py", "ru")]
)
def test_no_url_or_id_the_app_sends_holds_a_no_break_space(demo_app_db, page, lang):
    """The Overview's two download buttons (its plan as CSV and XLSX) and the Administration's
    archive button, with every other element's ids, keys and urls on those pages."""
    with as_sent():
        at = _page(page, lang)
    assert at.get("download_button"), "the page's download buttons were read"
    found = [(type(e).__name__ + path, v) for e in _elements(at._tree) for path, v in _identifiers(e.proto)]
    assert any(path.endswith(".id") for path, _ in found), found
    assert not [(p, v) for p, v in found if NBSP in v or "\\u00a0" in v], found


def test_the_normaliser_leaves_urls_ids_and_keys_as_sent():
    """A download button and a link button whose labels, urls and ids hold U+00A0: the tests read
    the labels plain, the urls and ids as the app wrote them (a link rewritten points elsewhere)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    download, link = ForwardMsg(), ForwardMsg()
    button = download.delta.new_element.download_button
    button.label, button.url, button.id = "1\u00a0000\u00a0₽", "/media/a\u00a0b.csv", "$$ID-x\u00a0y"
    to = link.delta.new_element.link_button
    to.label, to.url = "Отчёт за 1\u00a0000", "https://example.org/a\u00a0b"
    _plain_messages([download, link])
    assert (button.label, button.url, button.id) == ("1 000 ₽", "/media/a\u00a0b.csv", "$$ID-x\u00a0y")
    assert (to.label, to.url) == ("Отчёт за 1 000", "https://example.org/a\u00a0b")
