"""Texts of the refusals for files over a limit, hostile or damaged (funnel.ingest.shape,
funnel.ingest.worker, funnel.ingest.limits); merged into funnel/texts/ingest.py's tables.
Same shapes: ERRORS code → ((reason, expected, fix) ru, the same en); REASONS and WARNINGS
code → (ru, en)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {}  # merged into funnel.texts.ingest, which words them

ERRORS = {
    "sheet_too_big": (
        (
            "на листе «{sheet}» заполнена ячейка {cell}, далеко за пределами остальных данных (до строки "
            "{rows}, столбца {last_col}): программа чтения построила бы сетку из {grid} {grid|ячейки|ячеек|ячеек}, а предел — {limit}.",
            "заполненные ячейки листа рядом друг с другом",
            "удалите эту ячейку (или очистите всё правее и ниже данных) и сохраните файл, либо сохраните лист как CSV.",
        ),
        (
            "the sheet '{sheet}' has a cell at {cell}, far outside the rest of its data (up to row {rows}, "
            "column {last_col}): a reader would build a grid of {grid} {grid|cell|cells}, and the limit is {limit}.",
            "a sheet whose filled cells sit together",
            "delete that cell (or clear everything right of and below the data) and save the file, "
            "or save the sheet as CSV.",
        ),
    ),
    "sheet_dimension_too_big": (
        (
            "лист «{sheet}» объявляет используемый диапазон {ref}, это {grid} {grid|ячейка|ячейки|ячеек}, а предел — {limit}.",
            "диапазон листа по размеру данных",
            "откройте файл в Excel, удалите пустые строки и столбцы за данными и сохраните, либо сохраните лист как CSV.",
        ),
        (
            "the sheet '{sheet}' declares a used range {ref} of {grid} {grid|cell|cells}; the limit is {limit}.",
            "a used range the size of the data",
            "open the file in Excel, delete the empty rows and columns beyond the data and save it, "
            "or save the sheet as CSV.",
        ),
    ),
    "too_many_cells": (
        (
            "на листе «{sheet}» {cells} заполненных ячеек, а предел — {limit}.",
            "лист не больше предела",
            "разделите данные на несколько файлов или сохраните их как CSV.",
        ),
        (
            "the sheet '{sheet}' has {cells} filled cells; the limit is {limit}.",
            "a sheet within the limit",
            "split the data into several files, or save it as CSV.",
        ),
    ),
    "line_too_long": (
        (
            "строка длиннее предела в {limit}.",
            "строки таблицы короче {limit}, с переносом строки после каждой",
            "проверьте, что это таблица с переносами строк между записями, и сохраните её заново как CSV (UTF-8).",
        ),
        (
            "a line is longer than the limit of {limit}.",
            "table lines shorter than {limit}, each ending with a line break",
            "check that the file is a table with a line break after each record, and save it again as CSV UTF-8.",
        ),
    ),
    "too_many_columns": (
        (
            "в строке заголовков {columns} {columns|столбец|столбца|столбцов}, а предел — {limit}; файл не обрезается.",
            "не больше {limit} {limit|столбца|столбцов|столбцов}",
            "удалите ненужные столбцы или выгрузите только поля, перечисленные на странице «Данные».",
        ),
        (
            "the header has {columns} {columns|column|columns}; the limit is {limit}, and a file is never cut.",
            "at most {limit} {limit|column|columns}",
            "delete the columns you do not need, or export only the fields listed on the Data page.",
        ),
    ),
    "worker_memory": (
        (
            "для чтения файла нужно больше {limit} МБ памяти (предел); сервер продолжает работу.",
            "файл, который читается в пределах памяти",
            "сохраните данные как CSV или разделите их на несколько файлов.",
        ),
        (
            "reading the file needed more than its memory limit of {limit} MB; the server carries on.",
            "a file that reads within the memory limit",
            "save the data as CSV, or split it into several files.",
        ),
    ),
    "worker_timeout": (
        (
            "чтение файла заняло больше {seconds} с (предел) и остановлено.",
            "файл, который читается за {seconds} с",
            "сохраните данные как CSV или разделите их на несколько файлов.",
        ),
        (
            "reading the file took longer than its limit of {seconds} s and was stopped.",
            "a file that reads within {seconds} s",
            "save the data as CSV, or split it into several files.",
        ),
    ),
    "worker_crashed": (
        (
            "программа чтения остановилась на этом файле ({why}); сервер продолжает работу.",
            "книга, которую открывает Excel",
            "откройте файл в Excel и сохраните заново, либо сохраните лист как CSV.",
        ),
        (
            "the file stopped its reader ({why}); the server carries on.",
            "a workbook that a spreadsheet app opens",
            "open the file in Excel and save it again, or save the sheet as CSV.",
        ),
    ),
    "unclosed_quote": (
        (
            "кавычка, открытая в этой строке, не закрыта до конца файла, и весь остаток файла стал бы одной ячейкой.",
            'закрывающая кавычка у каждой ячейки, которая начинается с "',
            "закройте кавычку или удалите её и сохраните файл заново как CSV (UTF-8).",
        ),
        (
            "a quote opened in this row is never closed, so the rest of the file would be one cell.",
            'a closing quote for every cell that starts with "',
            "close the quote or delete it, and save the file again as CSV UTF-8.",
        ),
    ),
    "empty_header": (
        (
            "в строке заголовков нет ни одного имени столбца.",
            "строка заголовков с именами столбцов (например, ID, Дата, Канал)",
            "добавьте строку заголовков над данными или выгрузите файл из CRM с заголовками.",
        ),
        (
            "the header row has no column names.",
            "a header row naming the columns (e.g. ID, Date, Channel)",
            "add a header row above the data, or export the file from your CRM with headers.",
        ),
    ),
    "encoding_unknown": (
        (
            "кодировка файла не распознана ({detail}).",
            "CSV в UTF-8, UTF-16, UTF-32 или Windows-1251",
            "сохраните файл как «CSV (UTF-8)».",
        ),
        (
            "the file's encoding is not recognised ({detail}).",
            "a CSV in UTF-8, UTF-16, UTF-32 or Windows-1251",
            "save the file as 'CSV UTF-8'.",
        ),
    ),
    "disk_full": (
        (
            "на диске сервера нет места: файл не сохранён и не загружен, ничего не записано.",
            "свободное место на диске сервера",
            "попросите администратора освободить место и повторите загрузку.",
        ),
        (
            "the server's disk is full: the file was neither kept nor loaded, and nothing was written.",
            "free space on the server's disk",
            "ask the administrator to free some space, then load the file again.",
        ),
    ),
    "zip_members": (
        (
            "в файле {members} частей (zip), а в книге Excel их не бывает больше {limit}.",
            "книга Excel (.xlsx) из нескольких листов",
            "откройте файл в Excel и сохраните заново как «Книга Excel (.xlsx)» или CSV.",
        ),
        (
            "the file holds {members} parts (a zip), and a workbook has at most {limit}.",
            "an Excel workbook (.xlsx) of a few sheets",
            "open the file in Excel and save it again as 'Excel Workbook (.xlsx)' or as CSV.",
        ),
    ),
    "blank_lines": (
        (
            "в файле больше {runs} отдельных пустых строк между записями, и отклонённые строки есть после "
            "строки {line}: их номера в отчёте были бы неточны.",
            "таблица без пустых строк между записями",
            "удалите пустые строки (например, отсортируйте данные в Excel) и сохраните файл заново.",
        ),
        (
            "the file has more than {runs} separate empty lines between its records, and rows past line {line} "
            "are rejected: the report's numbers for them would not be exact.",
            "a table without empty lines between its records",
            "delete the empty lines (sorting the data in Excel does it) and save the file again.",
        ),
    ),
    "parse_timeout": (
        (
            "чтение и проверка файла заняли больше {seconds} с (предел) и прерваны; ничего не записано.",
            "файл, который проверяется за {seconds} с",
            "разделите файл на несколько частей.",
        ),
        (
            "reading and checking the file took longer than its limit of {seconds} s and was interrupted; "
            "nothing was written.",
            "a file that is checked within {seconds} s",
            "split the file into several parts.",
        ),
    ),
    # An HTML table saved as .xls (funnel.ingest.htmlshape)
    "html_too_big": (
        (
            "файл HTML-таблицы больше предела в {limit}: чтение такой таблицы занимает в памяти в 20 раз больше.",
            "таблица HTML не больше {limit}",
            "выгрузите данные из CRM в CSV или XLSX, либо частями за более короткие периоды.",
        ),
        (
            "the HTML table is larger than the limit of {limit}: reading such a table takes 20 times its size "
            "in memory.",
            "an HTML table of at most {limit}",
            "export the data from the CRM as CSV or XLSX, or in parts covering shorter periods.",
        ),
    ),
    "html_too_deep": (
        (
            "элементы HTML вложены друг в друга глубже {limit} уровней; так таблицу не прочитать целиком.",
            "таблица HTML без глубокой вложенности",
            "выгрузите данные из CRM заново, в CSV или XLSX.",
        ),
        (
            "its HTML elements are nested more than {limit} deep; the table cannot be read whole.",
            "an HTML table without deep nesting",
            "export the data from the CRM again, as CSV or XLSX.",
        ),
    ),
    "html_too_wide": (
        (
            "в строке HTML-таблицы {columns} {columns|ячейка|ячейки|ячеек}, а предел столбцов — {limit}; файл не обрезается.",
            "не больше {limit} {limit|столбца|столбцов|столбцов}",
            "выгрузите только поля, перечисленные на странице «Данные», или сохраните данные как CSV.",
        ),
        (
            "a row of the HTML table has {columns} {columns|cell|cells}; the column limit is {limit}, and a file is never cut.",
            "at most {limit} {limit|column|columns}",
            "export only the fields listed on the Data page, or save the data as CSV.",
        ),
    ),
    "html_too_many_cells": (
        (
            "в HTML-таблице {rows} {rows|строка|строки|строк} по {columns} {columns|ячейке|ячейки|ячеек}, это больше предела ячеек ({limit}).",
            "таблица не больше предела",
            "выгрузите данные частями за более короткие периоды или в CSV.",
        ),
        (
            "the HTML table has {rows} {rows|row|rows} of {columns} {columns|cell|cells}, more than the cell limit ({limit}).",
            "a table within the limit",
            "export the data in parts covering shorter periods, or as CSV.",
        ),
    ),
}

REASONS = {
    "nul": (
        "содержит нулевой байт (\\0), это не текст",
        "holds a NUL byte (\\0), which is not text",
    ),
    "date_past": (
        "дата раньше {detail}, самой ранней допустимой",
        "a date before {detail}, the earliest accepted",
    ),
    "number_too_big": (
        "число слишком большое (больше 9 000 000 000 000 000)",
        "a number too large (over 9,000,000,000,000,000)",
    ),
}

WARNINGS = {
    "lookalike_ids": (
        "{n} id в столбце «{column}» содержали невидимые или похожие символы (неразрывные или нулевой ширины "
        "пробелы, полноширинные буквы) и приведены к обычному виду, впервые в строке {row}; "
        "из них {merged} совпали с другим id файла",
        "{n} ids held invisible or lookalike characters (no-break or zero-width spaces, fullwidth "
        "letters) in column '{column}' and were normalised (NFKC), first in row {row}; {merged} of them "
        "now equal another id of the file",
    ),
}
