"""The demo workspace's names, and the default ladder's stage names, in the interface's
language. The data keep one spelling (English, as stored and as the tests and links know it);
a Russian screen shows these names translated, so a Russian room does not read "Initial
interest … Deal done", "VK Ads" as "Cold calls" or "Anna Ivanova".

Only names the product itself made up are translated (funnel.demo, funnel.ladder's default
ladder): a name from a user's own file is theirs and is shown exactly as loaded.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go

DEMO_NAME = "Demo"  # the name funnel.demo gives its workspace ("Demo 2", … when one has it already)
_DEMO_NAME = re.compile(r"Demo( [0-9]+)?")

RU = {
    # The default ladder (funnel.ladder.DEFAULT_LADDER).
    "Initial interest": "Первичный интерес",
    "Qualified interest": "Подтверждённый интерес",
    "Proposal under review": "Предложение на рассмотрении",
    "Contract negotiation": "Согласование договора",
    "Contract signed": "Договор подписан",
    "Deal done": "Сделка завершена",
    "Lost": "Отказ",
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


def shown(name, lang: str):
    """``name`` as a ``lang`` screen shows it: a demo or default-ladder name translated into
    Russian; anything else (and every name on an English screen) as it is."""
    if lang != "ru" or not isinstance(name, str):
        return name
    found = RU.get(name)
    if found is None and (campaign := _CAMPAIGN.fullmatch(name)) and campaign.group(1) in RU:
        return f"{RU[campaign.group(1)]} {campaign.group(2)}"  # the demo's campaigns: "VK Ads 2025-09"
    return name if found is None else found


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
    return [shown(v, lang) for v in seq]


def localise_figure(fig: go.Figure, lang: str) -> go.Figure:
    """The figure with the demo's names (categories on either axis, trace names, texts, pie
    labels) in ``lang``; returns the same figure. Numbers and dates are left alone."""
    if lang != "ru":
        return fig
    for trace in fig.data:
        for attr in ("x", "y", "labels", "text", "hovertext", "ids", "parents"):
            if attr in trace and getattr(trace, attr) is not None and not isinstance(getattr(trace, attr), str):
                names = _names(getattr(trace, attr), lang)
                if names is not None:
                    trace[attr] = names
        if "name" in trace and isinstance(trace.name, str):
            trace.name = shown(trace.name, lang)
    for ann in fig.layout.annotations or ():
        if isinstance(ann.text, str):
            ann.text = shown(ann.text, lang)
    return fig
