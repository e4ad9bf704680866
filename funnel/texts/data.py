"""Texts of the Data page (uploads) and the Settings page (ladder, aliases, currency). (ru, en)."""

TEXTS = {
    # ---- the Data page: header and empty states ----
    "data.intro": (
        "Загрузите выгрузку из CRM или рекламного кабинета: приложение само разберёт кодировку, "
        "разделитель и даты, предложит сопоставление колонок и покажет, что получится, до загрузки.",
        "Upload an export from your CRM or ad account: the app works out the encoding, delimiter and "
        "dates, proposes how the columns map, and shows what you will get before anything is loaded.",
    ),
    "data.empty": (
        "В этом пространстве пока нет данных. Начните с лидов — это основа всех отчётов. "
        "Затем загрузите сделки (конверсия и оборот) и расходы на рекламу (CPL и окупаемость каналов).",
        "This workspace has no data yet. Start with leads: every report is built on them. "
        "Then upload deals (conversion and turnover) and marketing spend (CPL and channel payback).",
    ),
    "data.empty_demo": (
        "Хотите сначала посмотреть, как всё работает? Выберите «Demo» в списке пространств слева.",
        "Want to look around first? Pick “Demo” in the workspace list on the left.",
    ),
    "data.viewer": (
        "Ваша роль позволяет только просматривать данные. Загружать файлы и отменять загрузки "
        "могут редакторы — обратитесь к администратору.",
        "Your role lets you view the data only. Editors can upload files and undo uploads: "
        "ask an admin if you need to.",
    ),
    "data.demo_readonly": (
        "Это демо-пространство: менять его могут только администраторы. Чтобы загрузить свои данные, "
        "выберите или создайте своё пространство.",
        "This is the demo workspace: only admins may change it. To load your own data, pick or "
        "create a workspace of your own.",
    ),
    "data.demo_admin": (
        "Это демо-пространство, его видят все. Как администратор вы можете его менять — "
        "помните, что изменения увидят все участники тренинга.",
        "This is the demo workspace, seen by everyone. As an admin you may change it; "
        "everyone in the workshop will see the change.",
    ),
    # ---- step 1: kind ----
    "data.step_kind": ("1. Что загружаем", "1. What are you uploading"),
    "data.kind": ("Тип данных", "Kind of data"),
    "data.kind.leads": ("Лиды", "Leads"),
    "data.kind.deals": ("Сделки", "Deals"),
    "data.kind.stages": ("История этапов", "Stage history"),
    "data.kind.spend": ("Расходы на рекламу", "Marketing spend"),
    "data.kind_desc.leads": (
        "Каждая строка — обращение: номер, дата создания, канал. Основа для числа лидов, конверсии по каналам и плана.",
        "One row per enquiry: id, date created, channel. The basis for lead counts, "
        "conversion by channel and the plan.",
    ),
    "data.kind_desc.deals": (
        "Каждая строка — сделка: номер, этап, сумма, дата закрытия, ссылка на лид. Даёт оборот, "
        "средний чек, конверсию в продажу и прогноз по воронке.",
        "One row per deal: id, stage, amount, close date, link to a lead. Gives turnover, average "
        "deal size, win rate and the pipeline forecast.",
    ),
    "data.kind_desc.stages": (
        "Необязательно. Когда сделка переходила на каждый этап: номер сделки, этап, дата. Даёт время "
        "на этапах и точную воронку; без неё воронка строится по текущему этапу.",
        "Optional. When each deal entered each stage: deal id, stage, date. Gives time in stage and "
        "an exact funnel; without it the funnel is derived from the current stage.",
    ),
    "data.kind_desc.spend": (
        "Расходы по каналам: канал, период (дата или месяц), сумма. Даёт стоимость лида (CPL), "
        "стоимость продажи и окупаемость каналов.",
        "Spend per channel: channel, period (a date or a month), amount. Gives cost per lead (CPL), "
        "cost per sale and channel payback.",
    ),
    # ---- step 2: file and detection ----
    "data.step_file": ("2. Файл", "2. File"),
    "data.file": ("Файл CSV, Excel или Parquet", "A CSV, Excel or Parquet file"),
    "data.file_help": (
        "CSV с любым разделителем (UTF-8 или Windows-1251), XLSX/XLS, Parquet. До {mb} МБ.",
        "CSV with any delimiter (UTF-8 or Windows-1251), XLSX/XLS, Parquet. Up to {mb} MB.",
    ),
    # the file uploader's own words, drawn over Streamlit's English ones (ui/views/uploader.py)
    "data.uploader.button": ("Выбрать файл", "Upload"),
    # English too: Streamlit's own "200MB" wrote the unit unlike every other "200 MB" (review #16)
    "data.uploader.limit": ("до {mb} МБ • {types}", "Up to {mb} MB per file • {types}"),
    "data.reading": ("Читаем файл…", "Reading the file…"),
    "data.detected": ("Что мы узнали о файле", "What we found in the file"),
    "data.det_encoding": ("Кодировка", "Encoding"),
    # what a CRM preset's name says after its dash (funnel.ingest.presets: "amoCRM — leads")
    "data.crm.leads": ("лиды", "leads"),
    "data.crm.deals": ("сделки", "deals"),
    "data.crm.contacts": ("контакты", "contacts"),
    "data.crm.opportunities": ("возможности", "opportunities"),
    "data.crm.english": ("английская версия", "English"),
    # the encoding in words; the codec's own name only in the help (ui/views/data/texts.encoding_label)
    "data.enc.unicode": ("Юникод", "Unicode"),
    "data.enc.cyrillic": ("Кириллица", "Cyrillic"),
    "data.enc.mixed": ("Смешанная", "Mixed"),
    "data.enc.unicode_help": (
        "Текст файла записан в Юникоде ({codec}): любые буквы читаются как есть.",
        "The file's text is in Unicode ({codec}): every letter reads as it is.",
    ),
    "data.enc.cyrillic_help": (
        "Текст файла записан в старой кодировке Windows для кириллицы ({codec}), как сохраняют Excel и 1С; "
        "приложение перекодирует его само.",
        "The file's text is in the old Windows encoding for Cyrillic ({codec}), as Excel and 1C save it; "
        "the app converts it itself.",
    ),
    "data.enc.mixed_help": (
        "В файле есть строки и в Юникоде, и в кодировке Windows для кириллицы: приложение читает каждую как есть.",
        "The file has lines in Unicode and lines in the Windows encoding for Cyrillic: the app reads each as it is.",
    ),
    "data.enc.other_help": ("Кодировка текста файла: {codec}.", "The file's text encoding: {codec}."),
    "data.det_delimiter": ("Разделитель", "Delimiter"),
    "data.det_header": ("Строка заголовков", "Header row"),
    "data.det_rows": ("Строк в файле", "Rows in file"),
    "data.det_crm": (
        "Похоже на выгрузку из {crm}: колонки сопоставлены по её шаблону.",
        "Recognised an export from {crm}: columns are mapped by its template.",
    ),
    "data.det_no_crm": (
        "Колонки сопоставлены по названиям; проверьте их ниже.",
        "Columns are mapped by their names; check them below.",
    ),
    "data.delim.tab": ("табуляция", "tab"),
    "data.delim.space": ("пробел", "space"),
    "data.sheet": ("Лист Excel", "Excel sheet"),
    "data.sheet_help": (
        "В книге несколько листов: выберите тот, где лежат данные.",
        "The workbook has several sheets: pick the one with the data.",
    ),
    # ---- step 3: mapping ----
    "data.step_mapping": ("3. Сопоставление колонок", "3. Column mapping"),
    "data.mapping_help": (
        "Для каждого поля выберите колонку файла. Поля со звёздочкой обязательны. "
        "Если колонки нет, выберите «— нет в файле —».",
        "For each field pick the file's column. Fields with a star are required. "
        "If the file has no such column, pick “— not in file —”.",
    ),
    "data.not_in_file": ("— нет в файле —", "— not in file —"),
    "data.missing_required": (
        "Не хватает обязательных полей: {fields}. Выберите для них колонки выше или добавьте их в файл.",
        "Required fields are missing: {fields}. Pick columns for them above or add them to the file.",
    ),
    "data.fixed_title": ("Одно значение для всех строк", "One value for every row"),
    "data.fixed_help": (
        "Для поля, которого нет в файле, можно задать значение сразу для всех строк — например, "
        "канал «Яндекс Директ» для выгрузки из Директа. Оно сохраняется так, как если бы в файле был такой столбец.",
        "A field the file has no column for can get one value for all its rows — for example the channel "
        "“Yandex Direct” for a Yandex Direct export. It is stored as if the file had that column.",
    ),
    "data.fixed_value": ("{field}: одно значение для всех строк", "{field}: one value for every row"),
    "data.fixed_option": ("= «{value}» для всех строк", "= “{value}” for every row"),
    "data.wide_channel": ("названия столбцов: {channels}", "the column captions: {channels}"),
    "data.wide_amount": ("ячейки этих столбцов", "the cells of those columns"),
    "data.map_reset": ("Вернуть автоматическое сопоставление", "Back to the automatic mapping"),
    # ---- step 4: dates ----
    "data.dates": ("Даты", "Dates"),
    "data.date_line": ("**{field}**: даты вида {fmt} — {reason}", "**{field}**: dates such as {fmt} — {reason}"),
    "data.date_ambiguous": (
        "Даты в колонках {fields} можно прочитать двумя способами: ни в одной строке число не больше 12, "
        "поэтому 01.02 может быть и 1 февраля, и 2 января. Выберите, как записаны даты, — без этого "
        "загрузка недоступна.",
        "The dates in {fields} can be read two ways: no value has a day above 12, so 01.02 may be "
        "1 February or 2 January. Choose how the dates are written; loading waits for your choice.",
    ),
    "data.date_pick": ("Как записаны даты", "How the dates are written"),
    "data.date_day_first": (
        "Сначала день, потом месяц: 1 февраля 2025 записано как {example}",
        "Day first, then month: 1 February 2025 is written as {example}",
    ),
    "data.date_month_first": (
        "Сначала месяц, потом день: 1 февраля 2025 записано как {example}",
        "Month first, then day: 1 February 2025 is written as {example}",
    ),
    "data.date_example": (
        "1 февраля 2025 записано как {example}",
        "1 February 2025 is written as {example}",
    ),
    # ---- step 5: preview and validation ----
    "data.preview": ("Как данные будут сохранены", "How the data will be stored"),
    "data.preview_caption": (
        "Показано строк: {n} из {total} — уже с разобранными датами и числами.",
        "The first {n} of {total} {total|row|rows}, with dates and numbers already parsed.",
    ),
    "data.rejected": ("Проверка строк", "Row check"),
    "data.rejected_none": (
        "Проверка пройдена: ошибок нет ни в одной строке (всего строк — {total}).",
        "All {total} {total|row|rows} passed the check.",
    ),
    "data.rejected_some": (
        "Будет пропущено строк: {rejected} из {total}, остальные загрузятся. Список ниже — "
        "исправьте эти строки в файле и загрузите их отдельно, если они нужны.",
        "{rejected} of {total} {total|row|rows} will not be loaded; the rest will. The list is below: fix those "
        "rows in the file and load them separately if you need them.",
    ),
    "data.rej_row": ("Строка", "Row"),
    "data.rej_column": ("Колонка", "Column"),
    "data.rej_value": ("Значение", "Value"),
    "data.rej_reason": ("Причина", "Reason"),
    "data.rejected_first": (
        "Показаны первые {n}; в файле CSV — все.",
        "The first {n} are shown; the CSV has them all.",
    ),
    "data.download_rejected": ("Скачать отклонённые строки (CSV)", "Download rejected rows (CSV)"),
    "data.warnings": ("Обратите внимание", "Please note"),
    "data.new_stages": (
        "В сделках есть этапы, которых нет в вашей воронке: {stages}. После загрузки их можно "
        "сопоставить или добавить — внизу этой страницы.",
        "The deals have stages that are not in your ladder: {stages}. After loading you can map "
        "them or add them, at the bottom of this page.",
    ),
    # ---- step 6: mode, duplicate, load ----
    "data.step_load": ("4. Загрузка", "4. Load"),
    "data.mode": ("Как загрузить", "How to load"),
    "data.mode.append": ("Добавить", "Append"),
    "data.mode.replace": ("Заменить всё", "Replace all"),
    "data.mode.upsert": ("Обновить по id", "Upsert by id"),
    "data.mode_desc.append": (
        "Добавить строки к уже загруженным. Подходит для новой порции за следующий период.",
        "Add the rows to what is already loaded. Right for a new batch for the next period.",
    ),
    "data.mode_desc.replace": (
        "Убрать все текущие строки этого типа и загрузить файл вместо них. Подходит для полной "
        "выгрузки из CRM. Отменить можно в истории загрузок.",
        "Set aside all current rows of this kind and load the file instead. Right for a full CRM "
        "export. It can be undone in the upload history.",
    ),
    "data.mode_desc.upsert": (
        "Строки с уже известным id обновятся, новые добавятся. Подходит для регулярной выгрузки изменений из CRM.",
        "Rows whose id is already known are updated, new ones added. Right for a regular export "
        "of changes from the CRM.",
    ),
    "data.replace_confirm": (
        "Да, заменить все текущие строки типа «{kind}» ({count}) содержимым этого файла",
        "Yes, replace all current “{kind}” rows ({count}) with this file",
    ),
    "data.duplicate": (
        "Этот файл уже загружался: «{file}», {when} (кто: {user}). Повторная загрузка "
        "в режиме «Добавить» задвоит строки.",
        "This file was loaded before: “{file}”, {when} (who: {user}). Loading it again in Append mode "
        "would duplicate its rows.",
    ),
    # who loaded a file when it was no signed-in person (ui.views.data.texts.who): the command
    # line's user (funnel.access.CLI_USER), the demo's seed, the app with sign-in off (ui.auth)
    "data.who.cli": ("командная строка", "command line"),
    "data.who.demo": ("демо-данные", "demo data"),
    "data.who.local": ("приложение без входа", "the app, sign-in off"),
    "data.duplicate_ok": ("Всё равно загрузить ещё раз", "Load it again anyway"),
    "data.load": ("Загрузить", "Load"),
    "data.blocked": ("Загрузка недоступна: {reasons}", "Loading is not possible yet: {reasons}"),
    "data.block.required": ("не выбраны обязательные поля", "required fields are not mapped"),
    "data.block.dates": ("не выбран формат дат", "the date format is not chosen"),
    "data.block.replace": ("не подтверждена замена", "the replacement is not confirmed"),
    "data.block.duplicate": ("не подтверждена повторная загрузка", "loading again is not confirmed"),
    "data.block.no_rows": ("в файле нет строк, которые можно загрузить", "the file has no rows that can be loaded"),
    "data.progress": ("Загрузка: {pct}%", "Loading: {pct}%"),
    "data.step.wait": ("ждём, пока запишется другая загрузка", "waiting for another upload to be written"),
    "data.step.queue": (
        "в очереди на чтение: место {n} (сервер читает не больше нескольких файлов сразу)",
        "waiting in line to be read: place {n} (the server reads a few files at a time)",
    ),
    "data.step.read": ("читаем файл", "reading the file"),
    "data.step.validate": ("проверяем строки", "checking the rows"),
    "data.step.write": ("записываем в базу", "writing to the database"),
    "data.step.check_write": ("проверяем и записываем строки", "checking and writing the rows"),
    "data.step.recheck": (
        "в файле есть строки с замечаниями: проверяем каждую",
        "some rows need a closer look: checking each one",
    ),
    "data.step.done": ("готово", "done"),
    "data.loaded": (
        "Готово: «{file}» загружен. Добавлено строк: {added}, обновлено: {updated}, отклонено: {rejected}.",
        "Done: “{file}” is loaded. Rows added: {added}, updated: {updated}, rejected: {rejected}.",
    ),
    "data.load_again": ("Загрузить этот файл ещё раз", "Load this file again"),
    "data.next_hint": (
        "Чтобы загрузить другой файл, перетащите его в поле выше.",
        "To load another file, drop it into the box above.",
    ),
    # ---- history and undo ----
    "data.history": ("История загрузок", "Upload history"),
    "data.history_empty": ("Загрузок пока не было.", "Nothing has been uploaded yet."),
    "data.h.id": ("№", "#"),
    "data.h.file": ("Файл", "File"),
    "data.h.kind": ("Тип", "Kind"),
    "data.h.mode": ("Режим", "Mode"),
    # A load's mode as the history names it: a noun («Режим: добавление»), not the verb the
    # choice before a load offers (data.mode.*: «Добавить»), which read as a button in the table.
    "data.h.mode.append": ("добавление", "append"),
    "data.h.mode.replace": ("замена всего", "replace all"),
    "data.h.mode.upsert": ("обновление по id", "upsert by id"),
    "data.h.rows_in": ("В файле", "Rows in"),
    "data.h.added": ("Добавлено", "Added"),
    "data.h.updated": ("Обновлено", "Updated"),
    "data.h.rejected": ("Отклонено", "Rejected"),
    "data.h.when": ("Когда", "When"),
    "data.h.user": ("Кто", "Who"),
    "data.h.undone": ("Отменена", "Undone"),
    "data.undo": ("Отменить загрузку", "Undo an upload"),
    "data.undo_pick": ("Какую загрузку отменить", "Which upload to undo"),
    "data.undo_option": ("№{n} · {file} · {when}", "#{n} · {file} · {when}"),
    "data.undo_confirm": (
        "Да, удалить строки, добавленные этой загрузкой, и вернуть то, что она заменила",
        "Yes, remove the rows this upload added and bring back what it replaced",
    ),
    "data.undo_button": ("Отменить", "Undo"),
    "data.undone": (
        "Загрузка №{n} отменена: удалено строк — {removed}, восстановлено — {restored}.",
        "Upload #{n} is undone: {removed} {removed|row|rows} removed, {restored} restored.",
    ),
    "data.undo_none": (
        "Отменять нечего: все загрузки уже отменены.",
        "Nothing to undo: every upload is already undone.",
    ),
    # ---- unknown stages ----
    "data.unmapped": ("Этапы, которых нет в воронке", "Stages that are not in the ladder"),
    "data.unmapped_help": (
        "Эти названия этапов встречаются в сделках, но их нет в вашей воронке. Сопоставьте каждое "
        "с этапом воронки или добавьте как новый этап — иначе такие сделки не попадут в воронку.",
        "These stage names appear in the deals but not in your ladder. Map each to a ladder stage or "
        "add it as a new one; until then those deals stay out of the funnel.",
    ),
    "data.unmapped_count": ("сделок и записей истории: {n}", "deals and history rows: {n}"),
    "data.map_to": ("Сопоставить с этапом", "Map to the ladder stage"),
    "data.map_button": ("Сопоставить", "Map"),
    "data.add_kind": ("Тип нового этапа", "Kind of the new stage"),
    "data.add_prob": ("Вероятность, %", "Probability, %"),
    "data.add_button": ("Добавить в воронку", "Add to the ladder"),
    "data.mapped": ("«{alias}» теперь считается этапом «{stage}».", "“{alias}” now counts as “{stage}”."),
    "data.added_stage": (
        "Этап «{stage}» добавлен в воронку. Вероятность и норму можно поправить в Настройках.",
        "Stage “{stage}” is added to the ladder. Adjust its probability and norm in Settings.",
    ),
}

TEXTS.update(
    {
        # ---- canonical fields (labels for the mapping) ----
        "data.field.lead_id": ("ID лида", "Lead id"),
        "data.field.deal_id": ("ID сделки", "Deal id"),
        "data.field.created_at": ("Дата создания", "Created at"),
        "data.field.channel": ("Канал", "Channel"),
        "data.field.campaign": ("Кампания", "Campaign"),
        "data.field.owner": ("Менеджер", "Owner"),
        "data.field.segment": ("Сегмент", "Segment"),
        "data.field.region": ("Регион", "Region"),
        "data.field.cost": ("Стоимость лида", "Cost of the lead"),
        "data.field.first_contact_at": ("Первый контакт", "First contact"),
        "data.field.qualified_at": ("Дата квалификации", "Qualified at"),
        "data.field.status": ("Статус", "Status"),
        "data.field.stage": ("Этап", "Stage"),
        "data.field.amount": ("Сумма", "Amount"),
        "data.field.closed_at": ("Дата закрытия", "Closed at"),
        "data.field.expected_close_at": ("Ожидаемое закрытие", "Expected close"),
        "data.field.won_at": ("Дата выигрыша", "Won at"),
        "data.field.lost_reason": ("Причина отказа", "Lost reason"),
        "data.field.entered_at": ("Дата перехода на этап", "Entered the stage at"),
        "data.field.period": ("Период", "Period"),
        "data.field.period_end": ("Конец периода", "Period end"),
        "data.field.clicks": ("Клики", "Clicks"),
        "data.field.impressions": ("Показы", "Impressions"),
        "data.kind.demo": ("Демо", "Demo"),
    }
)

TEXTS.update(
    {
        # ---- the Settings page ----
        "settings.intro": (
            "Настройки пространства «{ws}»: воронка этапов, написания этапов из CRM и валюта.",
            "Settings of the workspace “{ws}”: the stage ladder, CRM stage spellings and the currency.",
        ),
        "settings.readonly": (
            "Ваша роль позволяет только просматривать настройки. Менять их могут редакторы.",
            "Your role lets you view the settings only. Editors can change them.",
        ),
        "settings.demo_readonly": (
            "Это демо-пространство: его настройки могут менять только администраторы.",
            "This is the demo workspace: only admins may change its settings.",
        ),
        "settings.ladder": ("Воронка этапов", "Stage ladder"),
        "settings.ladder_help": (
            "Этапы по порядку — от первого интереса до закрытия. Вероятность — шанс, что сделка с этого "
            "этапа будет выиграна; норма — сколько рабочих дней сделке положено провести на этапе. "
            "Чтобы поменять порядок, измените номера в колонке «№». Нужен хотя бы один этап типа «выиграна».",
            "Stages in order, from first interest to closing. Probability is the chance that a deal at "
            "this stage is won; the norm is how many working days a deal should spend in it. "
            "To reorder, change the numbers in the “#” column. At least one stage must be of kind “won”.",
        ),
        "settings.col.position": ("№", "#"),
        "settings.col.name": ("Этап", "Stage"),
        # no unit: the cells carry it («5 %»), and «Вероятность, %» over «5 %» said it twice (review #16)
        "settings.col.probability": ("Вероятность", "Probability"),
        "settings.col.norm_days": ("Норма, раб. дней", "Norm, working days"),
        "settings.col.kind": ("Тип", "Kind"),
        "settings.kind.open": ("открыта", "open"),
        "settings.kind.won": ("выиграна", "won"),
        "settings.kind.lost": ("проиграна", "lost"),
        "settings.save_ladder": ("Сохранить воронку", "Save the ladder"),
        "settings.ladder_saved": ("Воронка сохранена: этапов — {n}.", "The ladder is saved: {n} {n|stage|stages}."),
        "settings.renamed_hint": (
            "Сделки с этапами, которых больше нет в воронке ({stages}), появятся на странице «Данные» "
            "в списке несопоставленных этапов.",
            "Deals in stages that are no longer in the ladder ({stages}) will show on the Data page "
            "among the stages to map.",
        ),
        "settings.err.name_empty": (
            "Строка {row}, «Этап»: у каждого этапа должно быть название.",
            "Row {row}, “Stage”: every stage needs a name.",
        ),
        "settings.err.name_twice": (
            "Строка {row}, «Этап»: «{name}» встречается дважды.",
            "Row {row}, “Stage”: “{name}” appears twice.",
        ),
        "settings.err.prob": (
            "Строка {row}, «Вероятность»: нужно число процентов от 0 до 100.",
            "Row {row}, “Probability”: a percentage from 0 to 100 is expected.",
        ),
        "settings.err.norm": (
            "Строка {row}, «Норма»: нужно целое число рабочих дней, 0 или больше (или пусто).",
            "Row {row}, “Norm”: whole working days, 0 or more (or empty), are expected.",
        ),
        "settings.err.kind": (
            "Строка {row}, «Тип»: выберите «открыта», «выиграна» или «проиграна».",
            "Row {row}, “Kind”: choose open, won or lost.",
        ),
        "settings.err.no_won": (
            "«Тип»: в воронке должен быть хотя бы один этап «выиграна».",
            "“Kind”: the ladder needs at least one “won” stage.",
        ),
        "settings.err.empty": ("В воронке должен быть хотя бы один этап.", "The ladder needs at least one stage."),
        "settings.reset": ("Вернуть стандартную воронку", "Reset to the default ladder"),
        "settings.reset_confirm": (
            "Да, заменить мою воронку стандартной",
            "Yes, replace my ladder with the default one",
        ),
        "settings.reset_button": ("Вернуть", "Reset"),
        "settings.reset_done": ("Воронка заменена стандартной.", "The ladder is reset to the default one."),
        "settings.aliases": ("Написания этапов из CRM", "Stage spellings from CRMs"),
        "settings.aliases_help": (
            "Как этапы называются в выгрузках и к какому этапу воронки они относятся. Регистр букв не важен.",
            "How stages are spelled in exports and which ladder stage each one means. Letter case does not matter.",
        ),
        "settings.aliases_empty": ("Своих написаний пока нет.", "No spellings of your own yet."),
        "settings.alias": ("Написание в файле", "Spelling in the file"),
        "settings.alias_stage": ("Этап воронки", "Ladder stage"),
        "settings.alias_add": ("Добавить написание", "Add the spelling"),
        "settings.alias_added": ("«{alias}» → «{stage}» сохранено.", "“{alias}” → “{stage}” is saved."),
        "settings.alias_empty_err": (
            "«Написание в файле»: введите текст этапа, как он записан в выгрузке.",
            "“Spelling in the file”: type the stage as the export writes it.",
        ),
        "settings.alias_delete": ("Удалить написание", "Delete a spelling"),
        "settings.alias_delete_button": ("Удалить", "Delete"),
        "settings.alias_deleted": ("Написание «{alias}» удалено.", "The spelling “{alias}” is deleted."),
        "settings.currency": ("Валюта", "Currency"),
        "settings.currency_help": (
            "Символ или код валюты для сумм: ₽, $, EUR…",
            "The symbol or code shown with amounts: ₽, $, EUR…",
        ),
        "settings.currency_save": ("Сохранить валюту", "Save the currency"),
        "settings.currency_saved": ("Валюта сохранена: {currency}.", "The currency is saved: {currency}."),
    }
)
