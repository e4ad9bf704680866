"""The demo workspace's names, and the default ladder's stage names, in the interface's
language. The data keep one spelling (English, as stored and as the tests and links know it);
a Russian screen shows these names translated, so a Russian room does not read "Initial
interest … Deal done", "VK Ads" as "Cold calls" or "Anna Ivanova".

Only names the product itself made up are translated: the default ladder's stages (funnel.ladder)
in any workspace, and the demo's channels, sellers, segments, regions and lost reasons
(funnel.demo) in the demo workspace alone, by its flag. A user's own channel named "Email" is
theirs and is shown exactly as loaded, on a Russian screen too (screen review).

Which workspace's names are being shown: ``showing_demo(flag)`` around a piece of work (a report
made for a workspace), else what the app answers for the session (``answer_with``: the chosen
workspace's flag), else — a bare call outside both, as a unit test or a tool without a
workspace — the demo's (the names are the product's until a workspace says otherwise).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar

import plotly.graph_objects as go

DEMO_NAME = "Demo"  # the name funnel.demo gives its workspace ("Demo 2", … when one has it already)
_DEMO_NAME = re.compile(r"Demo( [0-9]+)?")

# The default ladder (funnel.ladder.DEFAULT_LADDER): the product's words in every workspace.
LADDER_RU = {
    "Initial interest": "Первичный интерес",
    "Qualified interest": "Подтверждённый интерес",
    "Proposal under review": "Предложение на рассмотрении",
    "Contract negotiation": "Согласование договора",
    "Contract signed": "Договор подписан",
    "Deal done": "Сделка завершена",
    "Lost": "Отказ",
}

# The demo's data (funnel.demo): translated in the demo workspace only.
DEMO_RU = {
    # Channels (funnel.demo.CHANNELS, SPEND_ONLY).
    "Yandex Direct": "Яндекс Директ",
    "SEO": "SEO",
    "VK Ads": "VK Реклама",
    "Exhibitions": "Выставки",
    "Partners": "Партнёры",
    "Cold calls": "Холодные звонки",
    "Email": "Email-рассылки",
    "Webinars": "Вебинары",
    "Referrals": "Рекомендации",
    "Radio": "Радио",
    # Sellers (funnel.demo.OWNERS).
    "Anna Ivanova": "Анна Иванова",
    "Boris Petrov": "Борис Петров",
    "Daria Smirnova": "Дарья Смирнова",
    "Egor Kuznetsov": "Егор Кузнецов",
    "Irina Popova": "Ирина Попова",
    "Maxim Sokolov": "Максим Соколов",
    # Segments and regions.
    "SMB": "Малый бизнес",
    "Mid-market": "Средний бизнес",
    "Enterprise": "Крупный бизнес",
    "Moscow": "Москва",
    "Saint Petersburg": "Санкт-Петербург",
    "Kazan": "Казань",
    "Novosibirsk": "Новосибирск",
    "Yekaterinburg": "Екатеринбург",
    # Lost reasons (funnel.demo.LOST_REASONS).
    "No response": "Не отвечает",
    "Too early, no budget": "Рано, нет бюджета",
    "Needs a service we don't sell": "Нужна услуга, которой у нас нет",
    "Too expensive": "Дорого",
    "No budget": "Нет бюджета",
    "Chose a competitor": "Выбрал конкурента",
    "Project postponed": "Проект отложен",
    "Legal terms": "Юридические условия",
    "Payment delayed": "Задержка оплаты",
}
RU = LADDER_RU | DEMO_RU  # every name the product made up

# Whether the names shown are the demo workspace's (see the module's docstring).
_SCOPE: ContextVar[bool | None] = ContextVar("demo_names_scope", default=None)
_answer: Callable[[], bool | None] | None = None


def answer_with(answer: Callable[[], bool | None]) -> None:
    """Install the app's answer to "is the workspace shown now the demo?" (None: it cannot
    tell, as outside a session's run). The app calls it once, at import."""
    global _answer
    _answer = answer


@contextlib.contextmanager
def showing_demo(flag: bool) -> Iterator[None]:
    """Within the block, the names shown are the demo workspace's (``flag``) or a user's."""
    token = _SCOPE.set(bool(flag))
    try:
        yield
    finally:
        _SCOPE.reset(token)


def in_demo() -> bool:
    """Whether the demo's names are translated now (see the module's docstring)."""
    scoped = _SCOPE.get()
    if scoped is not None:
        return scoped
    told = _answer() if _answer is not None else None
    return True if told is None else told


def shown(name, lang: str, demo: bool | None = None):
    """``name`` as a ``lang`` screen shows it: a default-ladder name translated into Russian, and
    a demo name when the names are the demo workspace's (``demo``; None: in_demo()); anything
    else (a user's own "Email", and every name on an English screen) as it is."""
    if lang != "ru" or not isinstance(name, str):
        return name
    if (found := LADDER_RU.get(name)) is not None:
        return found
    if not (in_demo() if demo is None else demo):
        return name
    found = DEMO_RU.get(name)
    if found is None and (campaign := _CAMPAIGN.fullmatch(name)) and campaign.group(1) in DEMO_RU:
        return f"{DEMO_RU[campaign.group(1)]} {campaign.group(2)}"  # the demo's campaigns: "VK Ads 2025-09"
    return name if found is None else found


def in_shown_order(names: Iterable, lang: str, last: tuple = ()) -> list:
    """``names`` sorted as a ``lang`` screen writes them (shown, case set aside; the stored name
    breaks a tie), those in ``last`` (a blank's «не указан») after the rest: a Russian screen's
    demo names sorted by their English spelling read in no order at all («Холодные звонки,
    Email-рассылки, Выставки», screen review)."""
    demo = in_demo()
    return sorted(names, key=lambda n: (n in last, str(shown(n, lang, demo)).casefold(), str(n)))


_CAMPAIGN = re.compile(r"(.+) ([0-9]{4}-[0-9]{2})")  # funnel.demo names a campaign by channel and month


def workspace_name(name: str, is_demo: bool, lang: str) -> str:
    """A workspace's name as a ``lang`` screen shows it: the demo workspace (by its flag, never
    its id) under the name the product gave it — "Demo", or "Demo N" — in the interface's
    language ("Демо", "Демо N"); a name somebody gave (a renamed demo too) and every other
    workspace's as it is."""
    found = _DEMO_NAME.fullmatch(name or "") if is_demo and lang == "ru" else None
    return "Демо" + (found.group(1) or "") if found else name


def _names(values, lang: str):
    if values is None or isinstance(values, str):
        return shown(values, lang)
    seq = list(values)
    if not any(isinstance(v, str) and v in RU for v in seq):
        return None
    demo = in_demo()
    return [shown(v, lang, demo) for v in seq]


def localise_figure(fig: go.Figure, lang: str) -> go.Figure:
    """The figure with the demo's names (categories on either axis, trace names, texts, pie
    labels) in ``lang``; returns the same figure. Numbers and dates are left alone."""
    if lang != "ru":
        return fig
    demo = in_demo()
    for trace in fig.data:
        for attr in ("x", "y", "labels", "text", "hovertext", "ids", "parents"):
            if attr in trace and getattr(trace, attr) is not None and not isinstance(getattr(trace, attr), str):
                names = _names(getattr(trace, attr), lang)
                if names is not None:
                    trace[attr] = names
        if "name" in trace and isinstance(trace.name, str):
            trace.name = shown(trace.name, lang, demo)
    for ann in fig.layout.annotations or ():
        if isinstance(ann.text, str):
            ann.text = shown(ann.text, lang, demo)
    return fig
