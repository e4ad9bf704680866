"""Texts of the ingestion engine: field help, file errors, row rejections, warnings. (ru, en).

Errors carry ``key`` and ``params``; ``str(err)`` is the English text of the same key.
"""

import re

from funnel.texts import ingest_limits as _limits

TEXTS = {
    # Fields (help shown next to the mapping selectors)
    "ingest.field.lead_id": ("Уникальный номер лида в вашей CRM", "The lead's unique id in your CRM"),
    "ingest.field.deal_id": ("Уникальный номер сделки", "The deal's unique id"),
    "ingest.field.created_at": ("Дата и время создания", "Date and time it was created"),
    "ingest.field.channel": ("Канал (источник) лида; пусто → «unknown»", "Lead channel (source); blank → 'unknown'"),
    "ingest.field.campaign": ("Рекламная кампания", "Advertising campaign"),
    "ingest.field.owner": ("Ответственный менеджер", "Responsible seller"),
    "ingest.field.team": (
        "Команда (отдел) ответственного; в Настройках можно указать другую",
        "The seller's team (department); Settings can name another",
    ),
    "ingest.field.segment": ("Сегмент клиента", "Client segment"),
    "ingest.field.region": ("Регион или город", "Region or city"),
    "ingest.field.cost": ("Стоимость этого лида, в валюте пространства", "What this lead cost, workspace currency"),
    "ingest.field.first_contact_at": ("Дата первого контакта", "Date of the first contact"),
    "ingest.field.qualified_at": ("Дата, когда лид принят продажами", "Date sales accepted the lead (SAL)"),
    "ingest.field.status": ("Статус сделки: открыта, выиграна или проиграна", "Status (deals: open / won / lost)"),
    "ingest.field.stage": ("Этап воронки", "Funnel stage"),
    "ingest.field.won_at": (
        "Дата выигрыша: строка с датой считается выигранной сделкой",
        "Won date: a row with a date counts as a won deal",
    ),
    "ingest.field.amount": ("Сумма (бюджет сделки или расход)", "Amount (deal value or spend)"),
    "ingest.field.closed_at": ("Дата закрытия сделки", "Date the deal closed"),
    "ingest.field.expected_close_at": (
        "Ожидаемая дата закрытия открытой сделки (не закрытие)",
        "When an open deal is expected to close (not a close)",
    ),
    "ingest.field.lost_reason": ("Причина отказа", "Lost reason"),
    "ingest.field.entered_at": ("Когда сделка вошла в этап", "When the deal entered the stage"),
    "ingest.field.period": (
        "Период расхода: дата или месяц (2025-03, 03.2025, март 2025)",
        "Spend period: a date or a month (2025-03, 03.2025, Mar 2025)",
    ),
    "ingest.field.clicks": ("Клики", "Clicks"),
    "ingest.field.impressions": ("Показы", "Impressions"),
    "ingest.kind.leads": ("Лиды", "Leads"),
    "ingest.kind.deals": ("Сделки", "Deals"),
    "ingest.kind.stages": ("История этапов", "Stage history"),
    "ingest.kind.spend": ("Расходы на маркетинг", "Marketing spend"),
    "ingest.mode.append": ("Добавить", "Append"),
    "ingest.mode.replace": ("Заменить всё", "Replace all"),
    "ingest.mode.upsert": ("Обновить по id", "Upsert by id"),
}

# File-level errors: code → ((reason, expected, fix) in ru, the same in en). The full text of
# key "ingest.err.<code>" is "<where>: <reason> Expected: <expected>. How to fix: <fix>".
ERRORS = {
    "empty": (
        (
            "файл пустой.",
            "таблица со строкой заголовков и хотя бы одной строкой данных",
            "выгрузите данные из CRM ещё раз и проверьте, что выгрузка завершилась.",
        ),
        (
            "the file is empty.",
            "a table with a header row and at least one data row",
            "export the data from your CRM again and check that the export finished.",
        ),
    ),
    "header_only": (
        (
            "в файле есть заголовки, но нет ни одной строки данных.",
            "хотя бы одна строка под заголовком",
            "проверьте фильтры выгрузки в CRM: похоже, выгрузка пустая.",
        ),
        (
            "the file has a header but no data rows.",
            "at least one row under the header",
            "check the export filters in your CRM: the export seems to be empty.",
        ),
    ),
    "binary": (
        (
            "это не текстовая таблица (в файле двоичные данные).",
            "CSV, XLSX или Parquet",
            "сохраните файл из CRM или Excel как «CSV (UTF-8)» или «Книга Excel (.xlsx)».",
        ),
        (
            "this is not a text table (the file holds binary data).",
            "CSV, XLSX or Parquet",
            "save the file from your CRM or Excel as 'CSV UTF-8' or 'Excel Workbook (.xlsx)'.",
        ),
    ),
    "xls": (
        (
            "старый формат Excel (.xls) не поддерживается.",
            "XLSX, CSV или Parquet",
            "откройте файл в Excel и сохраните как «Книга Excel (.xlsx)» или CSV.",
        ),
        (
            "the old Excel format (.xls) is not supported.",
            "XLSX, CSV or Parquet",
            "open the file in Excel and save it as 'Excel Workbook (.xlsx)' or CSV.",
        ),
    ),
    "unreadable": (
        (
            "файл не удалось прочитать как таблицу ({detail}).",
            "корректный CSV, XLSX или Parquet",
            "откройте файл в Excel, проверьте, что он открывается, и сохраните заново как CSV (UTF-8).",
        ),
        (
            "the file could not be read as a table ({detail}).",
            "a valid CSV, XLSX or Parquet file",
            "open the file in Excel, check that it opens, and save it again as CSV UTF-8.",
        ),
    ),
    "sheet_missing": (
        ("в книге нет листа «{sheet}».", "один из листов: {sheets}", "выберите существующий лист."),
        ("the workbook has no sheet '{sheet}'.", "one of the sheets: {sheets}", "choose an existing sheet."),
    ),
    "missing_required": (
        (
            "не {count|найден обязательный столбец|найдены обязательные столбцы|найдены обязательные столбцы} "
            "для {count|поля|полей|полей} «{field_ru}» (файл {kind_ru}).",
            "столбец вроде {examples}; в файле есть: {columns}",
            "переименуйте столбец в файле или выберите его в сопоставлении столбцов.",
        ),
        (
            "no column was found for the required {count|field|fields} '{field}' ({kind} file).",
            "a column such as {examples_en}; the file has: {columns}",
            "rename the column in the file, or choose it in the column mapping (command line: {map_hint}).",
        ),
    ),
    "missing_lead_id": (
        (
            "в файле лидов нет столбца с номером (id) лида. Без id сделки не связать с лидами, "
            "а повторная загрузка задвоит лиды.",
            "столбец вроде ID, lead_id, «ID лида»; в файле есть: {columns}",
            "выгрузите лиды из CRM вместе со столбцом ID, или выберите столбец с уникальным номером "
            "в сопоставлении столбцов.",
        ),
        (
            "the leads file has no lead id column. Without an id, deals cannot be linked to leads and "
            "loading the file again would count the leads twice.",
            "a column such as ID, lead_id, Record ID; the file has: {columns}",
            "export the leads from your CRM with their ID column, or map a column of unique numbers "
            "to lead_id (--map COLUMN=lead_id).",
        ),
    ),
    "deals_no_status": (
        (
            "в файле сделок нет ни этапа, ни статуса, ни даты выигрыша: не понять, какие сделки выиграны.",
            "столбец этапа (Этап, Stage), статуса (Статус, Status) или даты выигрыша (won_date); в файле есть: {columns}",
            "добавьте в выгрузку столбец этапа или статуса, или выберите его в сопоставлении столбцов.",
        ),
        (
            "the deals file has no stage, no status and no won date, so there is no telling which deals were won.",
            "a stage (Stage, Этап), status (Status) or won date (won_date) column; the file has: {columns}",
            "add the stage or status column to the export, or map one (--map COLUMN=stage).",
        ),
    ),
    "mapped_column_missing": (
        (
            "в сопоставлении указан столбец «{missing}», которого нет в файле.",
            "один из столбцов: {columns}",
            "выберите столбец из списка.",
        ),
        (
            "the mapping names a column '{missing}' that the file does not have.",
            "one of: {columns}",
            "choose a column from the list.",
        ),
    ),
    "unknown_field": (
        ("«{field}» — не поле файла {kind_ru}.", "одно из: {fields}", "исправьте сопоставление."),
        ("'{field}' is not a field of a {kind} file.", "one of: {fields}", "correct the mapping."),
    ),
    "bad_kind": (
        ("неизвестный тип данных «{kind}».", "лиды, сделки, история этапов или расходы", "укажите тип файла."),
        ("unknown kind of data '{kind}'.", "leads, deals, stages or spend", "name the kind of file."),
    ),
    "bad_mode": (
        ("неизвестный режим загрузки «{mode}».", "«Добавить», «Заменить всё» или «Обновить по id»", "выберите режим."),
        ("unknown load mode “{mode}”.", "append, replace or upsert", "choose a mode."),
    ),
    "bad_date_format": (
        (
            "формат даты «{fmt}» не понят.",
            "даты вида 31.12.2025 или 12/31/2025",
            "выберите формат дат из списка.",
        ),
        (
            "the date format “{fmt}” is not understood.",
            "dates such as 31.12.2025 or 12/31/2025",
            "choose the date format from the list (command line: --date-format field=%m/%d/%Y for 12/31/2025).",
        ),
    ),
    "ambiguous_dates": (
        (
            "даты можно прочитать и как день/месяц, и как месяц/день (нет дня больше 12), например «{example}».",
            "выбранный вами формат: {candidates}",
            "выберите формат дат для этого столбца.",
        ),
        (
            "the dates read both as day/month and month/day (no day above 12), e.g. “{example}”.",
            "your choice of format: {candidates}",
            "choose the date format for this column (command line: --date-format {field}=%d/%m/%Y).",
        ),
    ),
    "duplicate_upload": (
        (
            "этот файл уже загружен в это пространство {when} (загрузка №{upload_id}, «{earlier}»).",
            "новый файл",
            "если вы действительно хотите загрузить его ещё раз, отметьте «Всё равно загрузить ещё раз», "
            "или сначала отмените прежнюю загрузку.",
        ),
        (
            "this file was already loaded into this workspace on {when} (upload #{upload_id}, '{earlier}').",
            "a new file",
            "if you really mean to load it again, confirm the repeat load (--allow-duplicate), "
            "or undo the earlier upload first.",
        ),
    ),
    "nothing_to_load": (
        (
            "ни одна из {rows} {rows|строки|строк|строк} не может быть загружена.",
            "строки без ошибок",
            "исправьте строки из отчёта об ошибках и загрузите файл снова.",
        ),
        (
            "none of the {rows} {rows|row|rows} can be loaded.",
            "rows without errors",
            "fix the rows listed in the validation report and load the file again.",
        ),
    ),
    "wide_all_blank": (
        (
            "все ячейки столбцов каналов ({columns}) пусты: расходов для загрузки нет.",
            "сумма расхода хотя бы в одной ячейке канала",
            "заполните суммы в столбцах каналов или выберите другой файл.",
        ),
        (
            "every cell of the channel columns ({columns}) is blank: there is no spend to load.",
            "a spend amount in at least one channel cell",
            "fill in the amounts in the channel columns, or choose another file.",
        ),
    ),
    "strict": (
        (
            "{rejected} из {rows} {rows|строки|строк|строк} не {rejected|проходит|проходят|проходят} проверку, а загрузка идёт "
            "целиком или никак; ничего не загружено.",
            "файл без ошибок",
            "исправьте отклонённые строки и загрузите файл снова.",
        ),
        (
            "{rejected} of {rows} {rows|row|rows} would be rejected, and a load is all or nothing; nothing was loaded.",
            "a file without errors",
            "fix the rejected rows, or load only the rows that pass (--skip-bad-rows).",
        ),
    ),
    "upload_unknown": (
        (
            "загрузки №{upload_id} нет в этом пространстве.",
            "номер из истории загрузок",
            "выберите загрузку из истории.",
        ),
        (
            "there is no upload #{upload_id} in this workspace.",
            "an id from the upload history",
            "choose an upload from the history.",
        ),
    ),
    "undo_blocked": (
        (
            "строки загрузки №{upload_id} позже заменила загрузка №{later}.",
            "отмена сначала более поздней загрузки",
            "отмените сначала загрузку №{later}, затем №{upload_id}.",
        ),
        (
            "rows of upload #{upload_id} were later replaced by upload #{later}.",
            "the later upload undone first",
            "undo upload #{later} first, then #{upload_id}.",
        ),
    ),
    "undo_clash": (
        (
            "строки, которые заменила загрузка №{upload_id}, вернулись бы рядом с теми же ключами из загрузки №{later} "
            "(например, «{example}»).",
            "одна действующая строка на каждый id",
            "отмените сначала загрузку №{later}, затем №{upload_id}.",
        ),
        (
            "the rows upload #{upload_id} replaced would come back beside the same keys loaded later by upload "
            "#{later} (e.g. '{example}').",
            "one current row per id",
            "undo upload #{later} first, then #{upload_id}.",
        ),
    ),
    "spend_overlap": (
        (
            "расход «{channel}» указан и за период, и за дни внутри него: строка {row_a} ({when_a}) и строка "
            "{row_b} ({when_b}); вместе они посчитали бы одни деньги дважды (наложений в файле: {count}).",
            "у каждого канала и кампании одна разбивка без наложений: месяцы, недели или дни",
            "оставьте в файле либо итог за период, либо строки по дням (или укажите им разные кампании) "
            "и загрузите файл снова; ничего не загружено.",
        ),
        (
            "the spend of '{channel}' is given both for a period and for days inside it: row {row_a} ({when_a}) "
            "and row {row_b} ({when_b}); together they would count the same money twice ({count} {count|overlap|overlaps} "
            "in the file).",
            "one breakdown per channel and campaign, without overlaps: months, weeks or days",
            "keep either the period's total or the daily rows (or give them different campaigns) and load the "
            "file again; nothing was loaded.",
        ),
    ),
    "spend_overlap_stored": (
        (
            "расход «{channel}» за {when} накладывается на уже загруженный расход за {stored_when} "
            "(загрузка №{upload_id}, «{earlier}»); вместе они посчитали бы одни деньги дважды "
            "(наложений: {count}).",
            "расход за периоды, которых ещё нет среди загруженных, или замена загруженного",
            "загрузите файл в режиме «Заменить всё» или отмените загрузку №{upload_id}, если новый файл её "
            "заменяет; ничего не загружено.",
        ),
        (
            "the spend of '{channel}' for {when} overlaps spend already loaded for {stored_when} "
            "(upload #{upload_id}, '{earlier}'); together they would count the same money twice "
            "({count} {count|overlap|overlaps}).",
            "spend for periods not loaded yet, or a replacement of what is loaded",
            "load the file with 'Replace all', or undo upload #{upload_id} if the new file replaces it; "
            "nothing was loaded.",
        ),
    ),
    "already_undone": (
        ("загрузка №{upload_id} уже отменена.", "загрузка, которая ещё действует", "ничего делать не нужно."),
        ("upload #{upload_id} was already undone.", "an upload that is still in effect", "nothing to do."),
    ),
}

# Row rejections: code → (ru, en). {value} is the cell, {detail} the code's own detail.
REASONS = {
    "blank": ("пусто, а значение обязательно", "blank, but a value is required"),
    "duplicate": (
        "повтор id «{value}»: впервые в строке {detail}; повторы не загружаются",
        "duplicate id '{value}': it first appears in row {detail}; later repeats are not loaded",
    ),
    "date_bad": ("не дата в формате {detail}", "not a date in the format {detail}"),
    "date_future": (
        "дата в будущем (позже {detail}); проверьте формат даты и год",
        "date in the future (after {detail}); check the date format and the year",
    ),
    "period_bad": (
        "не дата и не месяц (ожидается 2025-03, 03.2025, март 2025 или дата в формате {detail})",
        "not a date or a month (expected 2025-03, 03.2025, Mar 2025 or a date as {detail})",
    ),
    "number_bad": (
        "не число (ожидается, например, 1 234,56 или 1234.56)",
        "not a number (expected e.g. 1 234,56 or 1234.56)",
    ),
    "money_too_big": (
        "сумма больше наибольшей, которую хранит приложение (9 999 999 999 999 999,99)",
        "amount beyond the largest the app keeps (9,999,999,999,999,999.99)",
    ),
    "negative": ("отрицательная сумма; суммы должны быть ≥ 0", "negative amount; amounts must be ≥ 0"),
    "int_bad": ("не целое неотрицательное число", "not a whole non-negative number"),
    "status_bad": (
        "неизвестный статус; ожидается открыта, выиграна или проиграна (или open, won, lost)",
        "unknown status; expected open, won or lost (or открыта/выиграна/проиграна)",
    ),
    "exists": (
        "id уже загружен (загрузка №{detail}); чтобы обновить, выберите режим «Обновить по id»",
        "id already loaded (upload #{detail}); choose upsert to update it",
    ),
    "exists_spend": (
        "расход по этому каналу, периоду и кампании уже загружен (загрузка №{detail}); "
        "чтобы заменить, выберите «Обновить по id»",
        "spend for this channel, period and campaign is already loaded (upload #{detail}); choose upsert to replace it",
    ),
}

# Warnings (the file loads): code → (ru, en).
WARNINGS = {
    "mixed_encoding": (
        "в файле смешаны кодировки: {utf8} {utf8|строка|строки|строк} в Юникоде и {cp1251} в кодировке Windows для кириллицы "
        "(первая — строка {first}); "
        "прочитаны обе, проверьте русские буквы в предпросмотре",
        "the file mixes encodings: {utf8} {utf8|line|lines} in UTF-8 and {cp1251} in the Windows Cyrillic encoding "
        "(first on line {first}); "
        "both were read, check the Cyrillic text in the preview",
    ),
    "close_ahead": (
        "у {rows} {rows|сделки|сделок|сделок} дата в «{column}» ещё впереди: у открытой сделки это ожидаемая дата закрытия, "
        "она учитывается в прогнозе, а не как закрытие",
        "{rows} {rows|deal has|deals have} a date still ahead in '{column}': an open deal's is when it is expected to close, "
        "used by the forecast, never as a close",
    ),
    "footer_skipped": (
        "в конце файла {rows} {rows|строка|строки|строк} итогов и примечаний отчёта (первая: «{first}»): "
        "это не данные, {rows|она пропущена|они пропущены|они пропущены}",
        "the file ends with {rows} {rows|line|lines} of report totals and notices (first: '{first}'): not records, "
        "skipped",
    ),
    "html_table": (
        "файл .xls — это HTML-таблица (так выгружает «Экспорт в Excel» Битрикс24 и отчёты Salesforce): прочитана как таблица",
        "the .xls file is an HTML table (as Bitrix24's 'Export to Excel' and Salesforce reports write it): read as a table",
    ),
    "sheet_chosen": (
        "в книге несколько листов ({sheets}); выбран лист «{sheet}», его столбцы лучше всего подходят",
        "the workbook has several sheets ({sheets}); sheet '{sheet}' was chosen, its columns fit best",
    ),
    "long_text": (
        "{rows} {rows|значение|значения|значений} длиннее {cap} символов в столбце «{column}» (первое в строке {first}) "
        "{rows|обрезано|обрезаны|обрезаны} до {cap}",
        "{rows} {rows|value|values} longer than {cap} characters in column '{column}' (first in row {first}) {rows|was|were} cut to {cap}",
    ),
    "blank_channel": (
        "у {rows} {rows|лида|лидов|лидов} не указан канал; они считаются в канале «unknown»",
        "{rows} {rows|lead has|leads have} no channel; they count under the channel 'unknown'",
    ),
    "orphan_deals": (
        "у {rows} {rows|сделки|сделок|сделок} id лида не найден среди лидов пространства (например, {examples}); "
        "они загружаются, канал берётся из сделки или «unknown», пока не загружены их лиды",
        "{rows} {rows|deal refers to a lead id|deals refer to lead ids} not found among the workspace's leads (e.g. {examples}); "
        "they are loaded, with the deal's own channel or 'unknown' until their leads are loaded",
    ),
    "auto_alias": (
        "этап «{spelling}» ({rows} {rows|строка|строки|строк}) считается этапом «{stage}»",
        "stage “{spelling}” ({rows} {rows|row|rows}) counts as the ladder stage “{stage}”",
    ),
    "new_stages": (
        "{count} {count|этапа|этапов|этапов} нет в воронке: {stages}; сопоставьте их с этапами или добавьте в настройках",
        "{count} {count|stage is|stages are} not in the ladder: {stages}; map them to ladder stages or add them in Settings",
    ),
    "stage_dates": (
        "столбец «{column}» назван по этапу «{stage}»: его даты ({rows}) считаются днём, когда сделка "
        "дошла до этого этапа (история этапов)",
        "column '{column}' is named after the stage '{stage}': its dates ({rows}) count as the day each "
        "deal reached that stage (stage history)",
    ),
    "won_date": (
        "строки с датой выигрыша («{column}») загружаются как выигранные сделки на этапе «{stage}»",
        "rows with a won date ('{column}') load as won deals at the stage '{stage}'",
    ),
    "no_amount": (
        "в файле нет столбца с суммой сделки: оборот и средний чек по этим сделкам будут пустыми; "
        "если сумма есть под другим названием, сопоставьте этот столбец с полем «Сумма»",
        "the file has no deal amount column: turnover and the average deal size will be empty for these deals; "
        "if the amount is in a column under another name, map that column to the field 'Amount' (amount)",
    ),
    "wide_spend": (
        "расходы в широком формате: каждый столбец — канал ({channels})",
        "spend in wide layout: each column is a channel ({channels})",
    ),
    "wide_blank": (
        "{cells} {cells|пустая ячейка|пустые ячейки|пустых ячеек} каналов в {rows} {rows|строке|строках|строках} "
        "({rows|строка|строки|строки} {first}) {cells|прочитана|прочитаны|прочитаны} как «нет расхода» на этот канал "
        "за этот период: строки расхода для {cells|неё|них|них} нет, заполненные ячейки рядом загружены",
        "{cells} blank channel {cells|cell|cells} in {rows} {rows|row|rows} ({rows|row|rows} {first}) {cells|was|were} "
        "read as no spend on that channel that period: no spend row for {cells|it|them}, the filled cells beside load",
    ),
    "wide_totals": (
        "столбцы итогов не загружаются — это сумма каналов, они удвоили бы расход: {columns}",
        "total columns are not loaded — they sum the channels and would double the spend: {columns}",
    ),
    "money_micros": (
        "«{column}» — в миллионных долях валюты (micros): суммы разделены на 1 000 000",
        "“{column}” is in millionths of the currency (micros): amounts divided by 1,000,000",
    ),
    "money_cents": (
        "«{column}» — в копейках (центах): суммы разделены на 100",
        "“{column}” is in cents: amounts divided by 100",
    ),
    "fixed_value": (
        "столбца для поля {field} в файле нет: всем строкам ({rows}) задано «{value}»",
        "the file has no column for {field}: every row ({rows}) gets “{value}”",
    ),
    "spend_month": (
        "периоды расходов — месяцы: строка за 2025-03 (или 01.03.2025) — расход за весь март; "
        "отчёт за часть месяца берёт его долю по дням",
        "spend periods are months: a row for 2025-03 (or 2025-03-01) is the spend of all of March; "
        "a report over part of a month takes its share by days",
    ),
    "spend_week": (
        "периоды расходов — недели: все даты приходятся на один день недели, каждая начинает 7 дней; "
        "отчёт за часть недели берёт её долю по дням",
        "spend periods are weeks: every date falls on the same weekday and starts 7 days; "
        "a report over part of a week takes its share by days",
    ),
    "spend_day": (
        "периоды расходов — дни: каждая строка — расход за свой день",
        "spend periods are days: each row is the spend of its own day",
    ),
    "spend_month_rows": (
        "{rows} {rows|строка записана|строки записаны|строк записаны} месяцем (2025-03, март 2025): это расход за весь месяц",
        "{rows} {rows|row is|rows are} written as a month (2025-03, Mar 2025): each is the spend of the whole month",
    ),
    "future_limit": ("даты позже {limit} отклоняются как будущие", "dates after {limit} are rejected as future"),
    "extra_cells": (
        "в {rows} {rows|строке|строках|строках} больше ячеек, чем столбцов в заголовке ({columns}) — строки {first}; "
        "ячейки правее заголовка не загружаются: проверьте разделитель или добавьте им заголовок",
        "{rows} {rows|row has|rows have} more cells than the header's {columns} {columns|column|columns} (rows {first}); the cells "
        "beyond the header are not loaded: check the delimiter or give them a header",
    ),
}

DATE_REASONS = {
    "iso": ("даты вида 2025-12-31 (год-месяц-день) однозначны", "ISO format (year-month-day) is unambiguous"),
    "iso_zone": (
        "даты вида 2025-12-31 с часовым поясом; время показано в поясе {zone} (так записано большинство значений), "
        "значения в других поясах переведены в него, значения без пояса — как записаны",
        "ISO format with time zones; times are shown in {zone} (the zone of most values), values in "
        "other zones are converted to it, values without a zone are kept as written",
    ),
    "dotted": (
        "даты через точку — день первым (дд.мм.гггг), так принято",
        "dotted dates are day-first (dd.mm.yyyy) by convention",
    ),
    "day_above_12": (
        "в строке {row} первое число {value} больше 12, значит это день",
        "row {row} has {value}: the first number is above 12, so it is the day",
    ),
    "month_second_above_12": (
        "в строке {row} второе число {value} больше 12, значит первым идёт месяц (США)",
        "row {row} has {value}: the second number is above 12, so the month comes first (US)",
    ),
    "ymd_slash": ("год первым (гггг/мм/дд)", "year first (yyyy/mm/dd)"),
    "crm_day_first": (
        "ни одно число не больше 12, но выгрузки «{crm}» пишут день первым",
        "no number is above 12, and '{crm}' exports write the day first",
    ),
    "user": ("выбрано вами", "chosen by you"),
    "ambiguous": (
        "неоднозначно: ни одно число не больше 12 — выберите формат",
        "ambiguous: no number is above 12 — choose the format",
    ),
    "unknown": (
        "не похоже на даты; ожидаются, например, 31.12.2025 или 2025-12-31",
        "does not look like dates; expected e.g. 31.12.2025 or 2025-12-31",
    ),
    "month": (
        "месяцы (2025-03, 03.2025, март 2025) — первое число месяца",
        "months (2025-03, 03.2025, Mar 2025) → first day of the month",
    ),
}

_WHERE = {"ru": ("строка", "столбец", "Ожидается", "Как исправить"), "en": ("row", "column", "Expected", "How to fix")}


# A hint for the command line ("(command line: --map COLUMN=channel)", "(--skip-bad-rows)"): in the CLI's message
# (``str(err)``), never on a web page (``err.text(lang)``, the table's text), where the step
# that fixes it is on the page itself.
_CLI_HINT = re.compile(r" \((?:command line: |--)[^)]*\)")


def _error_text(lang: str, parts: tuple[str, str, str]) -> str:
    """An upload error's whole text as the app shows it: "{where_<lang>}<reason> Expected: <…>.
    How to fix: <…>", without the command line's hints."""
    reason, expected, fix = (_CLI_HINT.sub("", part) for part in parts)
    return f"{{where_{lang}}}{reason} {_WHERE[lang][2]}: {expected}. {_WHERE[lang][3]}: {fix}"


# Refusals of hostile, damaged or over-limit files live in their own module.
ERRORS.update(_limits.ERRORS)
REASONS.update(_limits.REASONS)
WARNINGS.update(_limits.WARNINGS)

for _code, (_ru, _en) in ERRORS.items():
    TEXTS[f"ingest.err.{_code}"] = (_error_text("ru", _ru), _error_text("en", _en))
for _code, _pair in REASONS.items():
    TEXTS[f"ingest.reject.{_code}"] = _pair
for _code, _pair in DATE_REASONS.items():
    TEXTS[f"ingest.date.{_code}"] = _pair
for _code, _pair in WARNINGS.items():
    TEXTS[f"ingest.warn.{_code}"] = _pair
