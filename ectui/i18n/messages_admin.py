"""Texts of the administrator's commands: employees, roles, departments, reassignment, the
shared SQLite file, copying the base, backup and restore."""

MESSAGES = {
    "cli.no_answer": ("Ответа нет (ввод закрыт); чтобы не спрашивать, добавьте --yes.",
                      "No answer (input is closed); add --yes not to be asked."),
    "cli.user_list": ("список сотрудников", "list employees"),
    "cli.user_list.all": ("и отключённых тоже", "deactivated ones too"),
    "cli.user_inactive": ("отключён", "deactivated"),
    "cli.user_role": ("назначить сотруднику роль", "give an employee a role"),
    "cli.role_name": ("роль: название («Стажёр») или код (trainee)",
                      "role: its name («Стажёр») or code (trainee)"),
    "cli.user_deactivate": ("отключить сотрудника (история сохраняется)",
                            "deactivate an employee (their history stays)"),
    "cli.user_activate": ("снова включить сотрудника", "enable an employee again"),
    "cli.user_department": ("перевести сотрудника в отдел", "move an employee to a department"),
    "cli.user_role_done": ("{name}: роль «{role}».", "{name}: role “{role}”."),
    "cli.user_deactivate_done": ("{name} ({login}) отключён(а): войти больше не сможет.",
                                 "{name} ({login}) is deactivated and can no longer log in."),
    "cli.user_activate_done": ("{name} ({login}) снова может работать.",
                               "{name} ({login}) can work again."),
    "cli.user_department_done": ("{name}: отдел «{department}».",
                                 "{name}: department “{department}”."),
    "cli.role_cmd": ("роли: список, права, добавить, переименовать, удалить",
                     "roles: list, rights, add, rename, delete"),
    "cli.role_list": ("роли и их права", "roles and their rights"),
    "cli.role_set": ("задать право роли: действие и охват (none, own, department, all)",
                     "set a role's right: action and scope (none, own, department, all)"),
    "cli.role_add": ("добавить роль", "add a role"),
    "cli.role_add.like": ("скопировать права другой роли", "copy the rights of another role"),
    "cli.role_rename": ("переименовать роль", "rename a role"),
    "cli.role_delete": ("удалить роль, которой никто не пользуется",
                        "delete a role nobody holds"),
    "cli.role_saved": ("Роль «{name}»: {scopes}", "Role “{name}”: {scopes}"),
    "cli.role_deleted": ("Роль «{name}» удалена.", "Role “{name}” deleted."),
    "cli.department_cmd": ("отделы: список, руководитель", "departments: list, head"),
    "cli.department_list": ("отделы, их руководители и число сотрудников",
                            "departments, their heads and sizes"),
    "cli.department_head": ("назначить руководителя отдела", "name a department's head"),
    "cli.department_head.parent": ("вышестоящий отдел", "the parent department"),
    "cli.department_head_is": ("руководитель {name}", "head {name}"),
    "cli.department_members": ("сотрудников: {count}", "employees: {count}"),
    "cli.department_head_done": ("Отдел «{department}»: руководитель — {name}",
                                 "Department “{department}”: the head is {name}"),
    "cli.reassign": ("передать всех клиентов одного сотрудника другому (с предпросмотром)",
                     "hand all clients of one employee to another (previewed first)"),
    "cli.yes": ("не спрашивать подтверждения", "do not ask for confirmation"),
    "cli.confirm": ("{question} [д/Н] ", "{question} [y/N] "),
    "cli.cancelled": ("Отменено: ничего не изменилось.", "Cancelled: nothing changed."),
    "cli.database_error": (
        "Ошибка базы данных: {error}. Если схема устарела, выполните ectui migrate.",
        "Database error: {error}. If the schema is behind, run ectui migrate."),
    "cli.unknown_command": ("Неизвестная команда «{command}»", "Unknown command “{command}”"),
    "reassign.preview_title": ("Передача: {source} → {target}",
                               "Handing over: {source} → {target}"),
    "reassign.more": ("и ещё {count}", "and {count} more"),
    "reassign.confirm": ("Передать {records}? Их будет вести {target}.",
                         "Hand over {records}? {target} will be responsible for them."),
    "reassign.done": ("Передано записей: {count}; теперь их ведёт {target}",
                      "{count} records handed over; {target} is now responsible for them"),
    "cli.setup_shared": (
        "подготовить папку общей базы SQLite для группы пользователей сервера",
        "prepare the folder of a shared SQLite base for a group of server users"),
    "cli.setup_shared.path": ("папка базы, например /srv/ectui", "the base's folder, e.g. /srv/ectui"),
    "cli.setup_shared.group": ("группа ОС, в которую входят все сотрудники",
                               "the OS group every employee belongs to"),
    "cli.setup_shared.admin": (
        "кто станет администратором новой базы (по умолчанию тот, кто запустил sudo)",
        "who becomes the new base's administrator (default: whoever ran sudo)"),
    "shared.admin_created": ("Администратор базы: {login} (ectui user add добавляет остальных).",
                             "The base's administrator: {login} (ectui user add adds the rest)."),
    "cli.copy": ("перенести всю базу в другую (SQLite ⇄ PostgreSQL) с проверкой",
                 "move the whole base to another one (SQLite ⇄ PostgreSQL), verified"),
    "cli.backup": ("сделать резервную копию базы в файл (можно во время работы)",
                   "back the base up into a file (while others keep working)"),
    "cli.restore": ("восстановить базу из резервной копии", "restore the base from a backup"),
    "cli.restore_question": (
        "Заменить всё содержимое базы {url} содержимым копии?",
        "Replace everything in {url} with the backup's contents?"),
}
MESSAGES.update({
    "transfer.done.copy": ("База скопирована: {source} → {target}",
                           "Base copied: {source} → {target}"),
    "transfer.done.backup": ("Резервная копия готова: {source} → {target}",
                             "Backup written: {source} → {target}"),
    "transfer.done.restore": ("База восстановлена: {source} → {target}",
                              "Base restored: {source} → {target}"),
    "transfer.counts": (
        "Организаций: {orgs}, контактных лиц: {contacts}, сотрудников: {employees}; "
        "всего таблиц: {tables}, строк: {rows}.",
        "Organizations: {orgs}, contact persons: {contacts}, employees: {employees}; "
        "{tables} tables, {rows} rows in all."),
    "transfer.verified.checksums": ("Число строк и контрольные суммы всех таблиц совпадают.",
                                    "Row counts and checksums of every table match."),
    "transfer.verified.integrity": (
        "Копия снята страница в страницу одним снимком и проверена (integrity_check: ok).",
        "The copy was taken page by page from one snapshot and checked (integrity_check: ok)."),
    "transfer.same_url": ("Откуда и куда — одна и та же база.",
                          "The source and the target are the same base."),
    "transfer.source_behind": (
        "Схема базы {url} устарела. Сначала обновите её: ectui migrate --db {url}",
        "The schema of {url} is behind. Upgrade it first: ectui migrate --db {url}"),
    "transfer.target_not_empty": (
        "В базе {url} уже есть клиенты или сотрудники: копирование идёт только в пустую базу. "
        "Чтобы заменить её содержимое, сделайте копию (ectui backup) и восстановите её "
        "(ectui restore).",
        "{url} already holds clients or employees; copy only fills an empty base. To replace "
        "what it holds, back the source up (ectui backup) and restore it (ectui restore)."),
    "transfer.admin_only": (
        "Копировать и восстанавливать базу целиком может только администратор ectui; "
        "«{login}» им не является.",
        "Only an ectui administrator may copy or restore a whole base; “{login}” is not one."),
    "transfer.mismatch": (
        "Проверка не сошлась для таблиц: {tables}. Копия отменена, база назначения не изменена.",
        "Verification failed for tables: {tables}. The copy was rolled back; the target is "
        "unchanged."),
    "transfer.unsupported_reference": (
        "Таблица {table}: обязательная ссылка {field} на таблицу, копируемую позже.",
        "Table {table}: the required reference {field} points to a table copied later."),
    "transfer.backup_exists": (
        "Файл {file} уже есть: выберите другое имя, старые копии не перезаписываются.",
        "{file} already exists: choose another name; old backups are never overwritten."),
    "transfer.backup_failed": ("Не удалось сделать копию в {file}: {error}",
                               "Could not write the backup {file}: {error}"),
    "transfer.no_backup": ("Нет файла резервной копии {file}", "No backup file {file}"),
    "transfer.not_a_backup": ("{file} — не резервная копия ectui ({error})",
                              "{file} is not an ectui backup ({error})"),
    "transfer.backup_holds": (
        "Копия {file} от {made}: организаций {orgs}, контактных лиц {contacts}, "
        "сотрудников {employees}.",
        "Backup {file} of {made}: {orgs} organizations, {contacts} contact persons, "
        "{employees} employees."),
})
MESSAGES.update({
    "shared.unknown_group": (
        "Нет группы «{group}». Создайте её: sudo groupadd {group}",
        "There is no group “{group}”. Create it: sudo groupadd {group}"),
    "shared.path_is_folder": (
        "Укажите папку, а не файл: {path}. База будет в ней, в файле ectui.sqlite3.",
        "Give a folder, not a file: {path}. The base goes into it as ectui.sqlite3."),
    "shared.cannot_prepare": (
        "Не удалось настроить {path} для группы {group}: {error}. Запустите команду от root "
        "(sudo) или от участника группы, владеющего папкой.",
        "Could not prepare {path} for group {group}: {error}. Run the command as root (sudo) "
        "or as the folder's owner in that group."),
    "shared.ready": (
        "Общая база готова: {path} (группа {group}, папка 2770, файлы 0660).",
        "The shared base is ready: {path} (group {group}, folder 2770, files 0660)."),
    "shared.members": ("Участники группы {group}: {members}", "Members of {group}: {members}"),
    "shared.how_to_add": (
        "Добавить сотрудника: sudo usermod -aG {group} ЛОГИН (он должен войти заново), затем "
        "ectui user add ЛОГИН --name \"Фамилия Имя Отчество\" --role manager",
        "To add an employee: sudo usermod -aG {group} LOGIN (they must log in again), then "
        "ectui user add LOGIN --name \"Last First Patronymic\" --role manager"),
    "shared.how_to_use": (
        "Всем сотрудникам: export ECTUI_DB={url} (например, в /etc/profile.d/ectui.sh)",
        "For every employee: export ECTUI_DB={url} (e.g. in /etc/profile.d/ectui.sh)"),
    "shared.not_writable": (
        "Нет права записи в общую базу:\n{details}",
        "You cannot write the shared base:\n{details}"),
    "shared.cannot_write": (
        "• {path} (владелец {owner}, группа {group}, права {mode}). {fix}",
        "• {path} (owner {owner}, group {group}, mode {mode}). {fix}"),
    "shared.fix_join": (
        "Вы не в группе {group}: администратор выполняет sudo usermod -aG {group} {login}, "
        "затем войдите заново.",
        "You are not in group {group}: the administrator runs sudo usermod -aG {group} {login}, "
        "then log in again."),
    "shared.fix_file": (
        "Администратор выполняет: sudo chgrp {group} {path} && sudo chmod 660 {path} "
        "(или для всей папки: sudo ectui setup-shared --group {group} {folder})",
        "The administrator runs: sudo chgrp {group} {path} && sudo chmod 660 {path} "
        "(or for the whole folder: sudo ectui setup-shared --group {group} {folder})"),
    "shared.fix_folder": (
        "Администратор выполняет: sudo ectui setup-shared --group {group} {folder}",
        "The administrator runs: sudo ectui setup-shared --group {group} {folder}"),
    "shared.readonly_now": (
        "База {path} стала недоступна для записи: {error}. Изменение не сохранено. Попросите "
        "администратора выполнить: sudo ectui setup-shared --group ГРУППА {folder}",
        "The base {path} can no longer be written: {error}. The change was not saved. Ask the "
        "administrator to run: sudo ectui setup-shared --group GROUP {folder}"),
})
