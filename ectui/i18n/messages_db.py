"""Messages about opening, creating and upgrading the database."""

MESSAGES = {
    "db.bad_url": (
        "Неверный адрес базы данных «{url}». Примеры: sqlite:///путь/к/файлу.sqlite3 "
        "или postgresql://пользователь@сервер/база",
        "Bad database URL “{url}”. Examples: sqlite:///path/to/file.sqlite3 "
        "or postgresql://user@host/dbname",
    ),
    "db.sqlite_cannot_open": (
        "Не удаётся открыть файл базы {path}: {error}. Проверьте права на файл и его папку.",
        "Cannot open the database file {path}: {error}. Check the permissions of the file "
        "and its folder.",
    ),
    "db.pg_cannot_connect": (
        "Не удаётся подключиться к PostgreSQL: {error}",
        "Cannot connect to PostgreSQL: {error}",
    ),
    "db.pg_not_utf8": (
        "База PostgreSQL «{database}» создана не в UTF-8 (кодировка {encoding}) или с локалью C: "
        "поиск по-русски в ней не работает. Создайте базу так: "
        "createdb -E UTF8 --locale=C.UTF-8 -T template0 ИМЯ",
        "PostgreSQL database “{database}” is not UTF-8 (encoding {encoding}) or uses the C "
        "locale, so Cyrillic search cannot work. Create it with: "
        "createdb -E UTF8 --locale=C.UTF-8 -T template0 NAME",
    ),
    "db.migrated": ("База обновлена: {names}", "Database upgraded: {names}"),
    "db.up_to_date": ("Схема базы актуальна.", "The database schema is up to date."),
}
