"""Russian texts read as Russian (#16): every Russian string in funnel/texts is scanned for Latin
words with the browser walk's own allow-list (tests/browser/screens.py LATIN_OK), so that an
abbreviation said in words since (SAL «принят продажами», CAC «стоимость клиента», LT «первый
контакт → оплата», CTR «кликабельность», LTV «ценность клиента»: the Planner's and the Workshop's
texts with no exception), a codec's name or a command-line flag fails here in a second, before the
walk photographs the screen that shows it.

A help text may gloss a term once with its abbreviation in brackets ("Стоимость лида (CPL)",
"до того, как лид принят продажами (SAL)"): a bracketed abbreviation alone is not a word here.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import funnel.texts
from tests.browser.screens import LATIN_OK, LATIN_WORD, NOT_WORDS

PLACEHOLDER = re.compile(r"\{[^{}]*\}")  # {value}, {n|лид|лида|лидов}: filled at run time
GLOSS = re.compile(r"\([A-Z]{2,5}\)")  # "(SAL)": a help text's one gloss of its term

# Latin on purpose, with the reason; a word added here needs one.
ALLOWED = {
    "Windows",  # «кодировка Windows для кириллицы» / «Windows-1251»: how Russian Excel users name it
    "Salesforce",  # a CRM's name, as amoCRM and Bitrix24
    "Chromium",  # the browser the PDF needs, named for the administrator who installs it
    "Esc",  # the key on the keyboard
    "EUR",  # an example of a currency code the user may type
    "zip",  # «zip-архив»: what an XLSX is inside, as the refusal says
    "micros",  # Google Ads' name for millionths of a currency, glossed in Russian beside it
    "unknown",  # the channel the loader stores for a blank one (funnel.ingest): the data's own name
}
# Examples of what a file itself may hold, quoted so the user recognises their own export:
# English CRM headers (Stage, Status, won_date, lead_id) and status values (open, won, lost).
FILE_WORDS = {
    "ingest.err.missing_lead_id": {"lead"},
    "ingest.err.deals_no_status": {"Stage", "Status", "won", "date"},
    "ingest.reject.status_bad": {"open", "won", "lost"},
}
# Shown to the administrator only, who types these commands and names these tools.
ADMIN_ONLY = {"auth.no_door", "admin.backup_server"}


def _russian_texts():
    for mod in pkgutil.iter_modules(funnel.texts.__path__):
        for key, pair in importlib.import_module(f"funnel.texts.{mod.name}").TEXTS.items():
            yield mod.name, key, pair[0]


def latin_words(text: str) -> set[str]:
    """The Latin words a Russian text shows, outside the allow-list, its placeholders, file
    paths and one bracketed abbreviation."""
    text = GLOSS.sub(" ", NOT_WORDS.sub(" ", PLACEHOLDER.sub(" ", text)))
    return set(LATIN_WORD.findall(text)) - LATIN_OK - ALLOWED


def test_the_scan_finds_what_it_is_for():
    assert latin_words("Лид → SAL, дней") == {"SAL"}
    assert latin_words("от контакта до того, как лид принят продажами (SAL)") == set()
    assert latin_words("CAC по каналам; {n|лид|лида|лидов}") == {"CAC"}
    assert latin_words("в командной строке: --date-format поле=%d.%m.%Y") == {"date", "format"}
    assert latin_words("Стоимость лида (CPL), ROMI и ДРР, файл CSV") == set()
    assert latin_words("CAC (цена клиента); CTR; LTV клиента") == {"CAC", "CTR", "LTV"}  # the Planner's too


def test_russian_texts_carry_no_english_words():
    found = {}
    for _module, key, text in _russian_texts():
        if key in ADMIN_ONLY:
            continue
        words = latin_words(text) - FILE_WORDS.get(key, set())
        if words:
            found[key] = sorted(words)
    assert not found, found
