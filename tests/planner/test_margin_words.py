"""No margin set (screen review #16): the data holds no margin and Settings have none, so the
margin lever starts unset. It reads as unset everywhere: the lever is an empty box named «Маржа %
— не задана» (no slider standing at 100 % beside those words), the profit card «—» with the
reason in its label and help, the ROMI card says it is on revenue, and the plan report lists the
margin and the profit as «—». Once a margin is typed, profit = turnover × margin − budget.

By hand: 120 leads × 5 % × 150 000 = 900 000 a month, budget 120 × 1 000 = 120 000; ROMI
(900 000 − 120 000) ÷ 120 000 = 650 % either way (on turnover); at a margin of 30 % the profit is
900 000 × 0,3 − 120 000 = 150 000 (before this change the unset margin's card read 780 000 =
900 000 − 120 000, as if the margin were 100 %)."""

import pytest

from funnel.i18n import t
from tests.conftest import downloads
from tests.planner.test_pages import metrics, open_tab, set_levers

pytestmark = [pytest.mark.filterwarnings("ignore"), pytest.mark.usefixtures("demo_app_db")]


def _helps(at) -> dict:
    return {m.label: m.help or "" for m in at.metric}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_margin_set_reads_as_unset_on_the_lever_and_the_cards(app, lang):
    at = app
    if lang == "en":
        at.radio(key="lang").set_value("en").run()
    at = set_levers(at.switch_page("pages/planner.py").run(), leads=120.0, conversion=5.0, avg_check=150_000.0)
    at = set_levers(at, cpl=1_000.0)
    assert not at.exception, at.exception
    # the lever: an empty box under the unset name, no slider at 100 %
    assert "pl_margin_s" not in {s.key for s in at.select_slider}
    box = at.text_input(key="pl_margin_n")
    assert box.label == t("planner.lever.margin_unset", lang) and box.value == ""
    assert box.placeholder == t("planner.lever.margin_type", lang)
    m, helps = metrics(at), _helps(at)
    unset = t("planner.m.profit_full_margin", lang)
    assert m[unset] == "—"  # not 780 000 = turnover − budget, as if the margin were 100 %
    assert helps[unset] == t("planner.m.profit_full_margin_help", lang)
    assert t("planner.m.romi_unset", lang) in helps["ROMI"] and m["ROMI"] == ("650 %" if lang == "ru" else "650%")
    # the note over the levers names no file for the profit: no file gives a margin
    assert not any(t("gaps.fig.profit", lang) in i.value for i in at.info)

    at = set_levers(at, margin=30.0)  # a margin typed: the lever and the cards take their plain names
    m, helps = metrics(at), _helps(at)
    assert at.select_slider(key="pl_margin_s").label == t("planner.lever.margin", lang) + " %"
    assert m[t("planner.m.profit", lang)] == ("150 000 ₽" if lang == "ru" else "₽150,000")
    assert unset not in m
    assert t("planner.m.romi_revenue", lang) in helps["ROMI"]


def test_a_profit_target_without_a_margin_says_to_set_one(app):
    """The reverse plan's profit target rests on the margin: without one, not "out of reach" but
    a sentence saying to set it; at 30 % the answer comes back."""
    at = app.switch_page("pages/planner.py").run()
    at.toggle(key="pl_reverse").set_value(True).run()
    at.radio(key="pl_target_kind").set_value("profit").run()
    assert not at.exception, at.exception
    assert t("planner.rev.needs_margin", "ru") in [i.value for i in at.info]
    assert not at.error
    at = set_levers(at, margin=30.0, target_profit=500_000.0)  # below the demo's 792 695 ₽ at 30 %: within reach
    assert t("planner.rev.needs_margin", "ru") not in [i.value for i in at.info] and not at.error
    assert metrics(at)[t("planner.rev.leads", "ru")] != "—"


def test_the_plan_report_lists_the_unset_margin_and_its_profit_as_dashes(app, monkeypatch):
    """The report reads the Planner's result: margin «—» among the inputs, profit «—» among the
    results, while none is set; 30 % and 150 000 ₽ once typed (the figures above)."""
    import html
    import re

    made = downloads(monkeypatch)
    at = set_levers(app.switch_page("pages/planner.py").run(), leads=120.0, conversion=5.0, avg_check=150_000.0)
    at = set_levers(at, cpl=1_000.0)

    def text() -> str:
        open_tab(at, "scenarios")
        assert not at.exception, at.exception
        page = html.unescape(made["pl_export_html"]().decode("utf-8"))
        page = re.sub(r"(?s)<script.*?</script>|<style.*?</style>", "", page)
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).replace("\u00a0", " ")

    margin, profit = t("planner.lever.margin", "ru"), t("planner.out.profit", "ru")
    page = text()
    assert f"{margin} —" in page and f"{profit} —" in page, page[:3000]
    at = set_levers(at, margin=30.0)
    page = text()
    assert f"{margin} 30 %" in page and f"{profit} 150 000 ₽" in page, page[:3000]
