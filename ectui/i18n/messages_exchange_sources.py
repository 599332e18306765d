"""Texts of recipient lists by ABC class, imports from SQL databases and e-mails from a card."""

MESSAGES = {
    # ABC class in a selection
    "selection.error.abc_class": (
        "Класс ABC «{text}» не понятен: укажите A, B, C или несколько, например «AB».",
        "ABC class “{text}” is not understood: give A, B, C or several, e.g. “AB”.",
    ),
    "selection.error.abc_basis": ("ABC считается по одному из: {options}",
                                  "ABC is computed by one of: {options}"),
    "selection.error.abc_period": ("Период ABC кончается раньше, чем начинается.",
                                   "The ABC period ends before it starts."),
    "selection.cli.abc": ("только клиенты этих классов ABC: A, B, C или несколько («AB»)",
                          "only clients of these ABC classes: A, B, C or several (“AB”)"),
    "selection.cli.abc_basis": ("ABC по счетам (invoiced) или по оплатам (paid)",
                                "ABC by invoices (invoiced) or by payments (paid)"),
    "selection.cli.abc_from": ("начало периода продаж для ABC", "start of the ABC sales period"),
    "selection.cli.abc_to": ("конец периода продаж для ABC", "end of the ABC sales period"),
    # Import from an SQL database
    "exchange.sql.query_required": (
        "Укажите запрос SELECT или имя таблицы, откуда брать строки.",
        "Give a SELECT query or the name of a table to read the rows from.",
    ),
    "exchange.sql.no_file": ("Нет файла базы SQLite по адресу {url}.",
                             "There is no SQLite database file at {url}."),
    "exchange.sql.no_driver": (
        "Для адресов {scheme}:// нужен пакет Python «{package}»: pip install {package}",
        "{scheme}:// addresses need the Python package “{package}”: pip install {package}",
    ),
    "exchange.sql.bad_url": (
        "Адрес базы «{url}» не понятен: нужен sqlite:///путь/к/файлу, "
        "postgresql://пользователь@сервер/база или odbc://DSN.",
        "Database address “{url}” is not understood: use sqlite:///path/to/file, "
        "postgresql://user@host/database or odbc://DSN.",
    ),
    "exchange.sql.cannot_connect": ("Не получается подключиться к {url}: {error}",
                                    "Cannot connect to {url}: {error}"),
    "exchange.sql.query_failed": ("Запрос не выполнился: {error}",
                                  "The query failed: {error}"),
    "exchange.sql.no_rows_query": ("Запрос ничего не выбирает: нужен SELECT.",
                                   "The query selects nothing: it must be a SELECT."),
    "exchange.sql.empty": ("Запрос не вернул ни одной строки.", "The query returned no rows."),
    "exchange.cli.import.source": (
        "файл (.csv, .xlsx, .vcf, .json) или адрес базы данных: sqlite:///файл.db, "
        "postgresql://пользователь@сервер/база, odbc://DSN",
        "a file (.csv, .xlsx, .vcf, .json) or a database address: sqlite:///file.db, "
        "postgresql://user@host/database, odbc://DSN",
    ),
    "exchange.cli.import.query": ("для адреса базы: запрос SELECT или имя таблицы",
                                  "with a database address: a SELECT query or a table name"),
    "exchange.cli.query_needs_url": (
        "--query нужен только с адресом базы данных (sqlite://, postgresql://, odbc://).",
        "--query goes with a database address only (sqlite://, postgresql://, odbc://).",
    ),
    "exchange.cli.all_needs_json": (
        "Вся база загружается только из файла .json, выгруженного ectui.",
        "The whole base is loaded only from a .json file exported by ectui.",
    ),
    "exchange.ui.abc_any": ("ABC: все", "ABC: any"),
    "exchange.ui.abc_class": ("ABC: {classes}", "ABC: {classes}"),
    "exchange.ui.abc_tooltip": (
        "Только клиенты этого класса ABC (по счетам за всё время, как в отчёте F8); "
        "контактные лица — по классу их организации.",
        "Only clients of this ABC class (by invoices of all time, as in the F8 report); "
        "contact persons by their organization's class.",
    ),
}
