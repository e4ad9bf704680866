"""Header text for matching: normalised, and without the currency a money header carries.

A money field (deals' and spend's amount, leads' cost) also matches a header that carries its
currency — ``Бюджет ₽``, ``Сумма, руб.``, ``Amount (USD)`` — like its bare name (``bare``).
"""

from __future__ import annotations

import re


def normalise(name: str) -> str:
    """Header text for matching: lower case, ё→е, punctuation and repeated spaces folded."""
    s = str(name).replace("\ufeff", "").strip().lower().replace("ё", "е")
    s = re.sub(r"[\s_\-./:()\[\]\"'«»,]+", " ", s)
    return s.strip()


# Currency marks a money header may carry after its name: ``Бюджет ₽``, ``Сумма, руб.``,
# ``Amount (USD)``, ``Cost RUB``. Only currencies: a scale such as ``тыс. руб.`` or ``(k)`` is
# left on, so that a column of thousands is never taken for the amount without the user's word.
_CURRENCY_TAIL = re.compile(r"(?:\s*(?:₽|\$|€|\b(?:руб|рублей|рубли|р|rub|rur|usd|eur)\b))+$")


def bare(name: str) -> str:
    """A header normalised (``normalise``) without the currency marks it ends with: ``Сумма, руб.``,
    ``Сумма (₽)`` and ``сумма руб`` all give ``сумма``. '' when the header is only a currency."""
    return _CURRENCY_TAIL.sub("", normalise(name)).strip()
