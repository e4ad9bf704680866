"""Writes the ad-platform and spend corpus files beside this script (run it to remake them; the
files are committed, so the tests never run it). Each layout's source: SOURCES.md. The figures
each file holds are written down by hand in tests/ingest/test_corpus_ads.py (EXPECTED)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent


def text(name: str, body: str, encoding: str = "utf-8", newline: str = "\n") -> None:
    (HERE / name).write_bytes(body.replace("\n", newline).encode(encoding))


def xlsx(name: str, rows: list[list]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Лист1"
    for row in rows:
        sheet.append(row)
    # a fixed timestamp, so that the bytes stay the same run to run
    book.properties.created = book.properties.modified = datetime(2025, 3, 5, 9, 0)
    book.save(HERE / name)


# Yandex Direct Reports API, TSV: the report name with its dates, the field names, the rows,
# "Total rows: N". Cost in millionths of the currency (returnMoneyInMicros omitted).
text(
    "yandex_direct_api.tsv",
    '"Spend by campaign (2025-03-01 - 2025-03-02)"\n'
    "Date\tCampaignName\tCampaignId\tImpressions\tClicks\tCost\n"
    "2025-03-01\tПоиск — бренд\t70000101\t1840\t96\t1250500000\n"
    "2025-03-01\tРСЯ — ретаргетинг\t70000102\t15320\t41\t830250000\n"
    "2025-03-02\tПоиск — бренд\t70000101\t2011\t104\t1410000000\n"
    "2025-03-02\tРСЯ — ретаргетинг\t70000102\t13870\t37\t615745000\n"
    "Total rows: 4\n",
)

# The same report asked with returnMoneyInMicros: false and skipReportHeader: true.
text(
    "yandex_direct_api_rub.tsv",
    "Date\tCampaignName\tCampaignId\tImpressions\tClicks\tCost\n"
    "2025-03-01\tПоиск — бренд\t70000101\t1840\t96\t1250.50\n"
    "2025-03-01\tРСЯ — ретаргетинг\t70000102\t15320\t41\t830.25\n"
    "2025-03-02\tПоиск — бренд\t70000101\t2011\t104\t1410.00\n"
    "2025-03-02\tРСЯ — ретаргетинг\t70000102\t13870\t37\t615.75\n"
    "Total rows: 4\n",
)

# Yandex Direct report builder (Мастер отчётов), exported to Excel: a title, the header, the
# rows by day and campaign, an Итого line.
xlsx(
    "yandex_direct_wizard.xlsx",
    [
        ["Статистика по кампаниям за период 03.03.2025 - 04.03.2025"],
        [],
        ["Дата", "Кампания", "№ Кампании", "Показы", "Клики", "CTR (%)", "Расход (руб.)", "Ср. цена клика (руб.)"],
        ["03.03.2025", "Поиск — общие", 81000201, 5400, 212, 3.93, 2345.60, 11.06],
        ["03.03.2025", "РСЯ — охват", 81000202, 48100, 160, 0.33, 1120.40, 7.00],
        ["04.03.2025", "Поиск — общие", 81000201, 5010, 190, 3.79, 2010.00, 10.58],
        ["04.03.2025", "РСЯ — охват", 81000202, 45500, 140, 0.31, 980.00, 7.00],
        ["Итого", None, None, 104010, 702, 0.67, 6456.00, 9.20],
    ],
)

# VK Ads statistics exported to CSV (Russian interface): ';', decimal comma, UTF-8 with BOM.
text(
    "vk_ads.csv",
    "\ufeffДата;Кампания;ID кампании;Показы;Клики;CTR, %;Потрачено, ₽;eCPC, ₽\n"
    "01.03.2025;Лид-формы;5120001;12 000;150;1,25;1 500,00;10,00\n"
    "01.03.2025;Трафик на сайт;5120002;9 400;89;0,95;800,50;8,99\n"
    "02.03.2025;Лид-формы;5120001;10 100;125;1,24;1 250,00;10,00\n"
    "02.03.2025;Трафик на сайт;5120002;7 700;72;0,94;649,50;9,02\n",
)

# Google Ads report downloaded as CSV: the report's name and date range above the header,
# money with thousands commas, total lines at the end.
text(
    "google_ads_report.csv",
    "Campaign report\n"
    '"March 1, 2025 - March 2, 2025"\n'
    "Day,Campaign,Campaign ID,Currency code,Cost,Impr.,Clicks,Avg. CPC\n"
    '2025-03-01,Search - Brand,20123401,RUB,"1,204.30","3,110",120,10.04\n'
    '2025-03-01,PMax - Catalog,20123402,RUB,"3,400.00","41,800",310,10.97\n'
    '2025-03-02,Search - Brand,20123401,RUB,"1,095.70","2,980",109,10.05\n'
    '2025-03-02,PMax - Catalog,20123402,RUB,"2,600.25","39,950",270,9.63\n'
    'Total: Account,,,RUB,"8,300.25","87,840",809,10.26\n'
    'Total: Search,,,RUB,"2,300.00","6,090",229,10.04\n'
    'Total: Performance Max,,,RUB,"6,000.25","81,750",580,10.35\n',
)

# Google Ads API (GAQL) rows written to CSV with the API's field paths: cost in micros.
text(
    "google_ads_api.csv",
    "segments.date,campaign.id,campaign.name,metrics.impressions,metrics.clicks,metrics.cost_micros\n"
    "2025-03-03,20123401,Search - Brand,1520,98,980120000\n"
    "2025-03-04,20123401,Search - Brand,1610,101,1019880000\n"
    "2025-03-03,20123403,Display - Remarketing,22000,35,450000000\n",
)

# Meta Ads Manager export broken down by day: both the Day and the reporting range columns.
text(
    "meta_ads_manager.csv",
    "Campaign name,Day,Reach,Impressions,Results,Result indicator,Amount spent (USD),Cost per results,"
    "Link clicks,Reporting starts,Reporting ends\n"
    "Spring sale,2025-03-01,4100,5200,12,actions:lead,120.50,10.04,140,2025-03-01,2025-03-31\n"
    "Spring sale,2025-03-02,3900,4800,10,actions:lead,99.50,9.95,121,2025-03-01,2025-03-31\n"
    "Retargeting,2025-03-01,1200,2600,5,actions:lead,45.25,9.05,60,2025-03-01,2025-03-31\n"
    "Retargeting,2025-03-02,1300,2900,6,actions:lead,54.75,9.13,71,2025-03-01,2025-03-31\n",
)

# Avito statistics of the listings, exported to Excel: spend per listing and day.
xlsx(
    "avito_stats.xlsx",
    [
        ["Дата", "ID объявления", "Название объявления", "Просмотры", "Контакты", "Добавили в избранное", "Расходы, ₽"],
        [date(2025, 3, 1), 3012345678, "Монтаж кондиционеров", 820, 14, 9, 350.00],
        [date(2025, 3, 1), 3012345679, "Ремонт кондиционеров", 410, 6, 3, 210.00],
        [date(2025, 3, 2), 3012345678, "Монтаж кондиционеров", 905, 17, 11, 410.00],
        [date(2025, 3, 2), 3012345679, "Ремонт кондиционеров", 380, 5, 2, 190.00],
    ],
)

# CoMagic calls (Data API get.calls_report fields, as a CSV): each call is a lead with its source.
text(
    "comagic_calls.csv",
    "id,start_time,finish_time,direction,is_lost,contact_phone_number,source,channel,campaign_name,"
    "utm_source,utm_medium,utm_campaign,visitor_city\n"
    "400100201,2025-03-01 10:15:02,2025-03-01 10:19:40,in,false,79161234567,Яндекс Директ,Контекстная реклама,"
    "Директ поиск,yandex,cpc,brand,Москва\n"
    "400100202,2025-03-01 11:02:10,2025-03-01 11:02:41,in,true,79261234568,Яндекс Директ,Контекстная реклама,"
    "Директ поиск,yandex,cpc,brand,Москва\n"
    "400100203,2025-03-01 12:40:55,2025-03-01 12:47:03,in,false,79031234569,VK Реклама,Социальные сети,"
    "VK лид-формы,vk,cpc,leadform,Тула\n"
    "400100204,2025-03-02 09:05:00,2025-03-02 09:11:30,in,false,79051234570,Авито,Доски объявлений,"
    "Авито,avito,cpa,montazh,Москва\n"
    "400100205,2025-03-02 14:20:18,2025-03-02 14:26:00,in,false,79161234571,Яндекс Директ,Контекстная реклама,"
    "Директ РСЯ,yandex,cpc,rsya,Химки\n"
    "400100206,2025-03-02 16:45:33,2025-03-02 16:49:12,in,false,79851234572,Авито,Доски объявлений,"
    "Авито,avito,cpa,remont,Москва\n",
)

# A marketing budget kept in Excel: a title, one column per channel, a total column and a total line.
xlsx(
    "budget_excel.xlsx",
    [
        ["Бюджет на рекламу, 2025 г., руб."],
        [],
        ["Месяц", "Яндекс Директ", "VK Реклама", "Авито", "Итого"],
        ["Январь 2025", 120000, 45000, 30000, 195000],
        ["Февраль 2025", 110000, 50000, 28000, 188000],
        ["Март 2025", 130000, 52000, 31500, 213500],
        ["Итого", 360000, 147000, 89500, 596500],
    ],
)

# The same kind of budget saved from 1C as CSV: cp1251, ';', CRLF, decimal comma, NBSP
# thousands, and a total column whose caption is not a total word (it is found by its sums).
text(
    "budget_1c.csv",
    "Период;Яндекс.Директ;VK Реклама;Авито;Бюджет месяца\n"
    "01.2025;80\u00a0000,00;20\u00a0000,00;15\u00a0000,00;115\u00a0000,00\n"
    "02.2025;75\u00a0500,50;22\u00a0000,00;14\u00a0000,00;111\u00a0500,50\n",
    encoding="cp1251",
    newline="\r\n",
)
