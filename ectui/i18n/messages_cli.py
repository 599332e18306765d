"""Texts of the command line and of session start."""

MESSAGES = {
    "session.unknown_login": (
        "Пользователь «{login}» не зарегистрирован в ectui. Попросите администратора выполнить: "
        "ectui user add {login} --name \"Фамилия Имя Отчество\"",
        "User “{login}” is not registered in ectui. Ask the administrator to run: "
        "ectui user add {login} --name \"Last First Patronymic\"",
    ),
    "session.user_switch_admin_only": (
        "Ключ --user доступен только администратору",
        "Only an administrator may use --user",
    ),
    "cli.description": (
        "ectui — CRM «Экспресс-Контакт» для терминала. Без команды открывает программу.",
        "ectui — the Express-Contact CRM for the terminal. Without a command it opens the app.",
    ),
    "cli.db": (
        "адрес базы: sqlite:///путь или postgresql://пользователь@сервер/база "
        "(по умолчанию $ECTUI_DB или файл в папке данных пользователя)",
        "database URL: sqlite:///path or postgresql://user@host/db "
        "(default: $ECTUI_DB or a file in the user's data directory)",
    ),
    "cli.lang": ("язык интерфейса: ru или en (по умолчанию из LANG)",
                 "interface language: ru or en (default from LANG)"),
    "cli.user": ("работать от имени другого сотрудника (только для администратора)",
                 "work as another employee (administrators only)"),
    "cli.demo": ("создать демонстрационную базу и открыть её", "create the demo database and open it"),
    "cli.demo.no_open": ("только создать базу, не открывать программу",
                         "only create the database, do not open the app"),
    "cli.init": ("создать базу и сделать текущего пользователя администратором",
                 "create the database and make the current login its administrator"),
    "cli.migrate": ("обновить схему базы до текущей версии", "upgrade the database schema"),
    "cli.user_cmd": ("сотрудники: добавить, список, роль, отдел, отключить и включить",
                     "employees: add, list, role, department, deactivate and activate"),
    "cli.user_add": ("добавить сотрудника по логину ОС", "add an employee by OS login"),
    "cli.user_add.login": ("логин в операционной системе (SSH)", "operating-system (SSH) login"),
    "cli.user_add.name": ("ФИО: «Фамилия Имя Отчество»", "name: \"Last First Patronymic\""),
    "cli.user_add.position": ("должность", "position"),
    "cli.user_add.department": ("отдел", "department"),
    "cli.user_add.admin": ("сделать администратором", "make an administrator"),
    "cli.user_added": ("Сотрудник {name} ({login}) добавлен.", "Employee {name} ({login}) added."),
    "cli.demo_created": (
        "Демонстрационная база создана: {url}\n{orgs}, {contacts}.\n"
        "Вы в ней — старший менеджер Ким Денис Олегович с правами администратора.",
        "Demo database created: {url}\n{orgs}, {contacts}.\n"
        "In it you are the senior manager Ким Денис Олегович, with the administrator's rights.",
    ),
    "cli.demo_not_empty": (
        "База {url} уже содержит данные; демонстрационные данные загружаются только в пустую базу.",
        "Database {url} already holds data; demo data loads only into an empty database.",
    ),
    "cli.init_done": ("База готова: {url}. Администратор: {login}.",
                      "Database ready: {url}. Administrator: {login}."),
    "cli.error": ("Ошибка: {message}", "Error: {message}"),
}
