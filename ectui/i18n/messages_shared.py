"""Texts of the shared-server screens: the audit trail, the conflict dialog, staff and roles,
reassignment, and the notices about other sessions' changes."""

MESSAGES = {
    "key.audit": ("История", "History"),
    "key.staff": ("Сотрудники", "Staff"),
    "session.rights_reloaded": ("Ваши права изменены: теперь роль «{role}»",
                                "Your rights changed: your role is now “{role}”"),
    "audit.title": ("История изменений", "History of changes"),
    "audit.key.details": ("Подробно", "Details"),
    "audit.col.at": ("Когда", "When"),
    "audit.col.who": ("Кто", "Who"),
    "audit.col.action": ("Действие", "Action"),
    "audit.col.field": ("Поле", "Field"),
    "audit.col.old": ("Было", "Before"),
    "audit.col.new": ("Стало", "After"),
    "audit.empty": ("Изменений пока не было", "No changes yet"),
    "conflict.title": ("Запись изменили, пока вы её редактировали",
                       "The record changed while you were editing it"),
    "conflict.someone": ("Другой сотрудник", "Another employee"),
    "conflict.as_opened": ("Как было: {value}", "As opened: {value}"),
    "conflict.theirs": ("{who}: {value}", "{who}: {value}"),
    "conflict.mine": ("Ваше: {value}", "Yours: {value}"),
    "conflict.key.save": ("Сохранить выбранное", "Save the choices"),
    "conflict.key.all_theirs": ("Всё их", "All theirs"),
    "conflict.key.all_mine": ("Всё моё", "All mine"),
    "conflict.key.back": ("К форме", "Back to the form"),
    "conflict.merged": (
        "{who} тоже менял(а) эту запись; изменения объединены: {fields}",
        "{who} changed this record too; the changes were merged: {fields}"),
    # staff
    "staff.employees": ("Сотрудники", "Employees"),
    "staff.roles": ("Роли и права", "Roles and rights"),
    "staff.key.tab": ("Сотрудники/Роли", "Staff/Roles"),
    "staff.key.toggle": ("Откл./Вкл.", "Deactivate/Enable"),
    "staff.key.reassign": ("Передать клиентов", "Hand over clients"),
    "staff.hint": (
        "Ctrl+N — новый, F4 — изменить, Delete — отключить или включить (история сохраняется), "
        "Ctrl+R — передать клиентов другому сотруднику",
        "Ctrl+N new, F4 edit, Delete deactivate or enable (history stays), "
        "Ctrl+R hand clients over to another employee"),
    "staff.login": ("Логин", "Login"),
    "staff.login_note": (
        "Логин — имя пользователя в ОС (SSH), под которым сотрудник входит на сервер: ectui "
        "узнаёт его без пароля.",
        "The login is the employee's OS (SSH) user name on the server: ectui recognises them "
        "by it, without a password."),
    "staff.name": ("ФИО", "Name"),
    "staff.department": ("Отдел", "Department"),
    "staff.role": ("Роль", "Role"),
    "staff.role_name": ("Роль", "Role"),
    "staff.members": ("Сотр.", "Staff"),
    "staff.clients": ("Клиентов", "Clients"),
    "staff.state": ("Состояние", "State"),
    "staff.active": ("работает", "active"),
    "staff.new_employee": ("Новый сотрудник", "New employee"),
    "staff.edit_employee": ("Сотрудник: {name}", "Employee: {name}"),
    "staff.new_role": ("Новая роль", "New role"),
    "staff.edit_role": ("Роль «{name}»", "Role “{name}”"),
    "staff.scopes_note": (
        "Свои — записи, где сотрудник ответственный (задачи — только себе); отдела — его отдела "
        "и подотделов (и записи без ответственного); все — все записи.",
        "Own: records the employee is responsible for (tasks: to themselves); department: of "
        "their department and its sub-departments (and records nobody is responsible for); "
        "all: every record."),
    "staff.deactivate_question": (
        "Отключить {name}? Войти он(а) больше не сможет, история сохранится. Клиентов за ним: "
        "{count} — передайте их (Ctrl+R).",
        "Deactivate {name}? They will no longer log in; their history stays. Clients they are "
        "responsible for: {count} — hand them over (Ctrl+R)."),
    "staff.activate_question": ("Снова включить {name}?", "Enable {name} again?"),
    "scope.none.long": ("нет", "none"),
    "scope.own.long": ("свои", "own"),
    "scope.department.long": ("своего отдела", "own department"),
    "scope.all.long": ("все", "all"),
    # reassignment
    "reassign.title": ("Передача клиентов другому сотруднику",
                       "Hand clients over to another employee"),
    "reassign.from": ("Чьи", "Whose"),
    "reassign.to": ("Кому", "To whom"),
    "reassign.pick": ("выберите сотрудника", "pick an employee"),
    "reassign.choose_both": ("Выберите, чьих клиентов и кому передать: здесь будет видно, что "
                             "перейдёт.",
                             "Choose whose clients go to whom: what moves is shown here."),
    "reassign.key.move": ("Передать", "Hand over"),
    # F1
    "help.shared_card": ("Карточка: история изменений", "Card: history of changes"),
    "help.k.audit": ("кто, когда и что изменил в записи (было → стало)",
                     "who changed what in the record, and when (before → after)"),
    "help.k.audit_entry": ("в истории: запись целиком (длинные значения)",
                           "in the history: one entry in full (long values)"),
    "help.staff": ("Сотрудники", "Staff"),
    "help.k.f12": ("сотрудники, их роли и отделы; роли и права",
                   "employees, their roles and departments; roles and rights"),
    "help.k.staff_tab": ("сотрудники ⇄ роли", "employees ⇄ roles"),
    "help.k.staff_edit": ("новый / изменить (администратор)", "new / edit (administrator)"),
    "help.k.staff_toggle": ("отключить или снова включить сотрудника; удалить пустую роль",
                            "deactivate or enable an employee; delete an unused role"),
    "help.k.staff_reassign": ("передать всех клиентов сотрудника другому (руководитель)",
                              "hand an employee's clients to another (head of department)"),
    "help.reassign": ("Передача клиентов", "Handing clients over"),
    "help.k.reassign_pick": ("чьи → кому; ниже видно, что перейдёт",
                             "whose → to whom; what moves is listed below"),
    "help.k.reassign_move": ("передать (с подтверждением)", "hand over (asks first)"),
    "help.conflict": ("Запись изменили одновременно", "Changed by two people at once"),
    "help.k.conflict_choose": ("как было / их / ваше — для этого поля",
                               "as opened / theirs / yours, for this field"),
    "help.k.conflict_next": ("следующее поле", "next field"),
    "help.k.conflict_all": ("во всех полях их / ваше", "theirs / yours in every field"),
    "help.k.conflict_save": ("сохранить выбранное", "save the choices"),
    "help.k.conflict_back": ("вернуться в форму, ничего не решая",
                             "back to the form, nothing decided"),
}
