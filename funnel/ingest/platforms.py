"""Ad-platform and call-tracking export layouts: recognised by their captions, they name their
platform, propose it as the channel of a file that has none, and say how their money is written.

An ad platform's export holds one platform's spend: Yandex Direct, VK Ads, Google Ads, Meta Ads
and Avito write no channel column, so a recognised export proposes the platform's name as a
fixed channel (funnel.ingest.fixed) and its campaigns as campaigns. The user can change both.

Money units: the Yandex Direct Reports API writes money in millionths of the currency unless the
request said ``returnMoneyInMicros: false`` — then its amounts carry decimals; a column whose
caption says micros (Google Ads API ``metrics.cost_micros``) or cents is in those units whatever
its cells look like. Each layout's source is cited in tests/corpus/ads/SOURCES.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from funnel.ingest.fields import FIELDS
from funnel.ingest.names import bare, normalise


@dataclass(frozen=True)
class Platform:
    """An export layout. ``columns``: caption → field (None: known, not loaded), matched after
    ``normalise`` and, for money, without a currency mark (``names.bare``); ``markers``: captions
    only this layout writes, one of which must be present; ``channel``: proposed as the fixed
    channel when the file has no channel column; ``micros``: captions (normalised) whose money is
    in millionths unless a cell has a fraction."""

    label: str
    kind: str
    columns: dict[str, str | None]
    markers: tuple[str, ...]
    channel: str | None = None
    micros: tuple[str, ...] = ()
    min_hits: int = 3
    aliases: tuple[str, ...] = ()  # how workspaces already spell the channel (normalised)
    norm: dict[str, str | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "norm", {normalise(c): f for c, f in self.columns.items()})


# not "direct" or "google": in web analytics those name direct visits and organic search
_YANDEX = ("яндекс директ", "yandex direct", "директ", "яндекс реклама", "yandex ads")
_GOOGLE = ("google ads", "google adwords", "adwords", "гугл реклама")

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        "Yandex Direct — Reports API",
        "spend",
        {
            "Date": "period",
            "CampaignName": "campaign",
            "CampaignId": None,
            "AdGroupName": None,
            "Impressions": "impressions",
            "Clicks": "clicks",
            "Cost": "amount",
        },
        markers=("campaignname", "campaignid", "adgroupname", "adgroupid"),
        channel="Яндекс Директ",
        micros=("cost",),
        aliases=_YANDEX,
    ),
    Platform(
        "Yandex Direct — report builder",
        "spend",
        {
            "Дата": "period",
            "Кампания": "campaign",
            "№ Кампании": None,
            "Показы": "impressions",
            "Клики": "clicks",
            "CTR (%)": None,
            "Расход (руб.)": "amount",
            "Ср. цена клика (руб.)": None,
        },
        markers=("№ кампании", "ср цена клика руб", "ср цена клика"),
        channel="Яндекс Директ",
        aliases=_YANDEX,
    ),
    Platform(
        "VK Ads",
        "spend",
        {
            "Дата": "period",
            "Кампания": "campaign",
            "ID кампании": None,
            "Показы": "impressions",
            "Клики": "clicks",
            "CTR, %": None,
            "Потрачено, ₽": "amount",
            "eCPC, ₽": None,
            "eCPM, ₽": None,
        },
        markers=("потрачено", "ecpc ₽", "ecpm ₽", "ecpc", "ecpm"),
        channel="VK Реклама",
        aliases=("vk реклама", "vk ads", "vk", "вк", "вконтакте", "vkontakte", "вк реклама", "mytarget"),
    ),
    Platform(
        "Google Ads — report",
        "spend",
        {
            "Day": "period",
            "Campaign": "campaign",
            "Campaign ID": None,
            "Currency code": None,
            "Cost": "amount",
            "Impr.": "impressions",
            "Clicks": "clicks",
            "Avg. CPC": None,
            "День": "period",
            "Кампания": "campaign",
            "Код валюты": None,
            "Стоимость": "amount",
            "Показы": "impressions",
            "Клики": "clicks",
            "Сред. цена за клик": None,
        },
        markers=("currency code", "impr", "avg cpc", "код валюты", "сред цена за клик"),
        channel="Google Ads",
        aliases=_GOOGLE,
    ),
    Platform(
        "Google Ads — API",
        "spend",
        {
            "segments.date": "period",
            "campaign.name": "campaign",
            "campaign.id": None,
            "metrics.impressions": "impressions",
            "metrics.clicks": "clicks",
            "metrics.cost_micros": "amount",
        },
        markers=("metrics cost micros", "segments date"),
        channel="Google Ads",
        aliases=_GOOGLE,
    ),
    Platform(
        "Meta Ads Manager",
        "spend",
        {
            "Day": "period",
            "Campaign name": "campaign",
            "Amount spent": "amount",
            "Impressions": "impressions",
            "Link clicks": "clicks",
            "Reach": None,
            "Reporting starts": None,
            "Reporting ends": None,
            "День": "period",
            "Название кампании": "campaign",
            "Сумма затрат": "amount",
            "Показы": "impressions",
            "Клики по ссылке": "clicks",
            "Охват": None,
            "Начало отчетности": None,
            "Конец отчетности": None,
        },
        markers=("reporting starts", "reporting ends", "amount spent", "начало отчетности", "сумма затрат"),
        channel="Meta Ads",
        aliases=("meta ads", "meta", "facebook", "facebook ads", "fb", "instagram", "facebook instagram"),
    ),
    Platform(
        "Avito",
        "spend",
        {
            "Дата": "period",
            "ID объявления": None,
            "Название объявления": "campaign",
            "Просмотры": None,
            "Контакты": None,
            "Добавили в избранное": None,
            "Расходы": "amount",
        },
        markers=("id объявления", "название объявления", "контакты"),
        channel="Авито",
        aliases=("авито", "avito", "авито реклама", "avito ads"),
    ),
    Platform(
        "CoMagic — calls",
        "leads",
        {
            "id": "lead_id",
            "start_time": "created_at",
            "finish_time": None,
            "direction": None,
            "is_lost": None,
            "contact_phone_number": None,
            "source": "channel",
            "channel": None,
            "campaign_name": None,
            "utm_campaign": "campaign",
            "visitor_city": "region",
        },
        markers=("is lost", "contact phone number", "visitor city"),
    ),
)

_MICROS = re.compile(r"\bmicros?\b")
_CENTS = re.compile(r"\b(cents?|копейк\w*|коп)\b")


def recognise(columns: list[str], kind: str) -> tuple[Platform, dict[str, str]] | None:
    """The layout that ``columns`` match best (most captions, one of its markers among them), with
    each of its captions found → the file's column; None when none matches."""
    money = {f.name for f in FIELDS[kind] if f.type == "money"}
    best: tuple[int, Platform, dict[str, str]] | None = None
    for p in PLATFORMS:
        if p.kind != kind:
            continue
        found: dict[str, str] = {}
        for col in columns:
            n = normalise(col)
            key = n if n in p.norm else bare(col)
            if key in p.norm and key not in found and (key == n or p.norm[key] in money or key in p.markers):
                found[key] = col
        keys = set(found) | {bare(k) for k in found}
        if len(found) >= p.min_hits and any(m in keys for m in p.markers):
            if best is None or len(found) > best[0]:
                best = (len(found), p, found)
    return (best[1], best[2]) if best else None


def propose(
    cur, table: str, columns: list[str], kind: str, mapping, how, fixed: dict[str, str], crm, workspace_id=None
):
    """Apply a recognised platform's layout to the proposal (``mapping`` field → column, ``how``
    field → 'preset' | 'synonym' | …; both changed in place): its captions win over synonyms and
    over a CRM preset (a platform is recognised by captions only it writes, such as CoMagic's
    ``is_lost``; a CRM preset may match its generic ``id``, ``source``, ``utm_*``), and its name
    becomes the fixed channel when no column holds one — spelled as the workspace already spells
    that channel in its leads or spend (``Yandex Direct``), so that its spend and its leads meet in
    one channel. Returns the export's label (the platform's, else ``crm``)."""
    hit = recognise(columns, kind)
    if hit is None:
        return crm
    platform, found = hit
    claimed = {col: platform.norm[key] for key, col in found.items() if platform.norm[key]}
    for fld, col in list(mapping.items()):
        if col in claimed and claimed[col] != fld:  # a synonym took a column the layout names otherwise
            mapping[fld] = None
            how.pop(fld, None)
    for col, fld in claimed.items():
        mapping[fld], how[fld] = col, "preset"
    if platform.channel and not mapping.get("channel"):
        fixed["channel"] = _spelling(cur, workspace_id, platform) if workspace_id else platform.channel
        how["channel"] = "fixed"
    return platform.label


def _spelling(cur, workspace_id: str, platform: Platform) -> str:
    """The workspace's own name of the platform's channel (the one with most rows), or the
    platform's name when the workspace has none of its spellings."""
    names = cur.execute(
        "SELECT channel, count(*) AS n FROM (SELECT channel FROM stg_leads WHERE workspace_id = $ws "
        "UNION ALL SELECT channel FROM stg_spend WHERE workspace_id = $ws) GROUP BY 1 ORDER BY n DESC, 1",
        {"ws": workspace_id},
    ).fetchall()
    wanted = {normalise(a) for a in platform.aliases} | {normalise(platform.channel or "")}
    return next((name for name, _ in names if normalise(name) in wanted), platform.channel or "")


def money_units(cur, table: str, columns: list[str], kind: str, mapping, crm) -> dict[str, str]:
    """Money fields whose column is in a smaller unit: field → 'micros' | 'cents'. By caption
    (``cost_micros``, ``amount_cents``, ``Сумма, коп.``), or for a layout that writes millionths
    (the Yandex Direct Reports API's Cost) when no cell of the column has a fraction."""
    out: dict[str, str] = {}
    platform = next((p for p in PLATFORMS if p.label == crm), None)
    for f in FIELDS[kind]:
        col = mapping.get(f.name)
        if f.type != "money" or not col:
            continue
        n = normalise(col)
        if _MICROS.search(n):
            out[f.name] = "micros"
        elif _CENTS.search(n):
            out[f.name] = "cents"
        elif platform and n in platform.micros and _whole_numbers(cur, table, f"c{columns.index(col)}"):
            out[f.name] = "micros"
    return out


def _whole_numbers(cur, table: str, col: str) -> bool:
    """Is every filled cell of ``col`` a whole number (no decimal point or comma)?"""
    return bool(
        cur.execute(
            f"SELECT count(*) > 0 AND bool_and(regexp_full_match(trim({col}), '-?[0-9]+')) FROM {table} "
            f"WHERE nullif(trim({col}), '') IS NOT NULL AND regexp_full_match(trim({col}), '-?[0-9]+([.,][0-9]*)?')"
        ).fetchone()[0]
    )
