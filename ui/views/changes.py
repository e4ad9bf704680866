"""The changes against earlier windows as the Overview's cards and the Channels' changes word them:
what each is against (vs_label), the days a like-for-like change compares (part_span), and the
line under the cards that names them (compare_note); the windows themselves are
funnel.metrics.query.overlaps / funnel.periods.overlap."""

from __future__ import annotations

from collections.abc import Iterator

import streamlit as st

import ui
from funnel.metrics.overview import Headline
from funnel.periods import Overlap, month_end
from ui.show import period_text


def parts(h: Headline) -> Iterator[tuple[str, Overlap, str]]:
    """Each comparison the screen shows that is counted like for like (Headline.part), with the
    card's name for it (vs_name): the cards' help and the line under them word the same ones."""
    for which in windows(h):
        part = h.part(which)
        if part is not None:
            yield which, part, vs_name(h, which)


def windows(h: Headline) -> tuple[str, ...]:
    """The comparisons a screen shows: "prev" alone when it is also the year earlier."""
    return ("prev",) if h.yoy_same_as_prev else ("prev", "yoy")


def vs_name(h: Headline, which: str) -> str:
    """What a comparison is against, as a card words it: vs_label, or «год к году»."""
    return vs_label(h) if which == "prev" else ui.t("an.vs_yoy_name")


def part_span(h: Headline, which: str, whole: bool = False) -> str:
    """ " (янв. – окт.)": the period's days a change counted like for like compares (Headline.part,
    funnel.formatting.span), after its badge; "" for a window compared whole or not at all.
    ``whole``: kept on one line (a card's badge wraps before the days, not inside them)."""
    part = h.part(which)
    return f" ({ui.span(*part.now, whole=whole)})" if part is not None and not part.short else ""


def vs_label(h: Headline) -> str:
    """What a card's change is against: "к пред. периоду"; for a period of a year or more, whose
    window before is also its year earlier (one comparison, no year-on-year line), the window
    named by its length: "к предыдущим 12 мес." (whole months) or "к предыдущим 400 дн."."""
    if not h.yoy_same_as_prev or h.prev_period is None:
        return ui.t("an.vs_prev")
    start, end = h.prev_period
    if start.day == 1 and end == month_end(end):
        return ui.t("an.vs_prev_months", n=(end.year - start.year) * 12 + end.month - start.month + 1)
    return ui.t("an.vs_prev_days", n=(end - start).days + 1)


def compare_note(h: Headline) -> None:
    """compare_lines under the cards (or the Channels' changes), each a caption."""
    for line in compare_lines(h):
        st.caption(line)


def compare_lines(h: Headline) -> list[str]:
    """A sentence for each comparison window the data covers only in part (Headline.part): the
    same days it compares, and the window's days without data («Изменения к предыдущим 12 мес. —
    только за одни и те же дни: 01.01.2026–31.10.2026 к 01.01.2025–31.10.2025; данных за
    нояб. – дек. 2024 нет.»), or the data's last day a period still running reaches («…; данные
    есть по 07.12.2026.»), or, when too few days are left (Overlap.short), that no change is
    shown. None for a window compared whole."""
    out = []
    for _, part, vs in parts(h):
        if part.short:
            out.append(short_line(part, vs))
            continue
        missing, until = part.missing, part.last
        key = "an.compare_part_both" if missing and until else "an.compare_part" if missing else "an.compare_part_end"
        out.append(
            ui.t(
                key,
                vs=vs,
                now=period_text(part.now),
                then=period_text(part.then),
                missing=ui.stretch(*missing) if missing else "",
                until=ui.date(until) if until else "",
            )
        )
    return out


def short_line(part: Overlap, vs: str, prefix: str = "an.") -> str:
    """Why a comparison shows no change (Overlap.short): the data start too late in its window,
    or end too soon in the period (a month just begun)."""
    if part.missing is not None:
        return ui.t(f"{prefix}compare_short", vs=vs, since=ui.date(part.then[0]))
    return ui.t(f"{prefix}compare_short_end", vs=vs, until=ui.date(part.last))
