"""Texts of roles and access rights, employees, reassignment and the audit trail."""

_VERBS = {
    "view": ("просматривать", "view"),
    "create": ("создавать", "create"),
    "edit": ("изменять", "change"),
    "delete": ("удалять", "delete"),
}


def _denied() -> dict[str, tuple[str, str]]:
    out = {}
    for action, (ru, en) in _VERBS.items():
        what_ru = "записи"
        out[f"access.denied.{action}.none"] = (
            f"Ваша роль «{{role}}» не позволяет {ru} {what_ru}.",
            f"Your role “{{role}}” does not allow you to {en} records.")
        out[f"access.denied.{action}.own"] = (
            f"Ваша роль «{{role}}» позволяет {ru} только {what_ru}, где вы ответственный; "
            "{owner}",
            f"Your role “{{role}}” allows you to {en} only records you are responsible for; "
            "{owner}")
        out[f"access.denied.{action}.department"] = (
            f"Ваша роль «{{role}}» позволяет {ru} только {what_ru} своего отдела; {{owner}}",
            f"Your role “{{role}}” allows you to {en} only records of your department; "
            "{owner}")
    return out


MESSAGES = {
    **_denied(),
    "access.denied.assign_tasks.none": (
        "Ваша роль «{role}» не позволяет поручать задачи.",
        "Your role “{role}” does not allow you to assign tasks."),
    "access.denied.assign_tasks.own": (
        "Ваша роль «{role}» позволяет ставить задачи только себе; {owner}",
        "Your role “{role}” allows you to assign tasks only to yourself; {owner}"),
    "access.denied.assign_tasks.department": (
        "Ваша роль «{role}» позволяет поручать задачи только сотрудникам своего отдела; {owner}",
        "Your role “{role}” allows you to assign tasks only to people of your department; "
        "{owner}"),
    "access.denied.reports.none": (
        "Ваша роль «{role}» не позволяет смотреть отчёты.",
        "Your role “{role}” does not allow you to see reports."),
    "access.denied.reports.own": (
        "Ваша роль «{role}» позволяет смотреть отчёты только по своим клиентам; {owner}",
        "Your role “{role}” allows you to see reports only on your own clients; {owner}"),
    "access.denied.reports.department": (
        "Ваша роль «{role}» позволяет смотреть отчёты только по своему отделу; {owner}",
        "Your role “{role}” allows you to see reports only on your department; {owner}"),
    "access.denied.administer.none": (
        "Это может сделать только администратор (ваша роль — «{role}»).",
        "Only an administrator can do this (your role is “{role}”)."),
    "access.owner.is": ("ответственный — {name}", "the responsible employee is {name}"),
    "access.assignee.is": ("исполнитель — {name}", "the assignee is {name}"),
    "access.owner.nobody": ("ответственный не указан", "no responsible employee is set"),
    # roles
    "action.view": ("Просмотр", "View"),
    "action.create": ("Создание", "Create"),
    "action.edit": ("Изменение", "Edit"),
    "action.delete": ("Удаление", "Delete"),
    "action.assign_tasks": ("Поручение задач", "Assign tasks"),
    "action.reports": ("Отчёты", "Reports"),
    "action.administer": ("Администрирование", "Administration"),
    "scope.none": ("нет", "none"),
    "scope.own": ("свои", "own"),
    "scope.department": ("отдела", "department"),
    "scope.all": ("все", "all"),
    "role.name_taken": ("Роль «{name}» уже есть", "Role “{name}” already exists"),
    "role.unknown": ("Нет роли «{name}». Есть: {names}", "No role “{name}”. There are: {names}"),
    "role.in_use": (
        "Роль «{name}» назначена сотрудникам ({count}); сначала назначьте им другую.",
        "Role “{name}” is held by {count} employee(s); give them another role first."),
    "role.administer_scope": (
        "Администрирование бывает только «нет» или «все»",
        "Administration is either “none” or “all”"),
    "role.last_admin": (
        "Нельзя оставить базу без администратора: {name} — последний администратор.",
        "The base must keep an administrator: {name} is the last one."),
    "role.none_assigned": (
        "Сотруднику «{login}» не назначена роль, поэтому ему ничего не доступно. Попросите "
        "администратора выполнить: ectui user role {login} РОЛЬ",
        "Employee “{login}” has no role, so nothing is allowed. Ask the administrator to run: "
        "ectui user role {login} ROLE"),
    # employees
    "employee.unknown": ("Нет сотрудника с логином «{login}»", "No employee with login “{login}”"),
    "employee.deactivate_self": (
        "Нельзя отключить самого себя.", "You cannot deactivate yourself."),
    "employee.still_owns": (
        "У сотрудника остались клиенты ({count}). Передайте их другому: Ctrl+R в «Сотрудниках» "
        "(F12) или ectui reassign {login} ЛОГИН_НОВОГО",
        "The employee still has clients ({count}). Hand them over: Ctrl+R in Staff (F12) or "
        "ectui reassign {login} NEW_LOGIN"),
    "session.deactivated": (
        "Учётная запись «{login}» отключена администратором. Если это ошибка, попросите "
        "выполнить: ectui user activate {login}",
        "Account “{login}” was deactivated by the administrator. If this is a mistake, ask "
        "them to run: ectui user activate {login}"),
    # reassignment
    "reassign.same_employee": (
        "Передавать некому: выбран тот же сотрудник.", "Pick another employee to hand over to."),
    "reassign.target_inactive": (
        "Сотрудник «{name}» отключён: передать ему нельзя.",
        "Employee “{name}” is deactivated and cannot receive records."),
    "reassign.kind.organization": ("Организации", "Organizations"),
    "reassign.kind.contact": ("Контактные лица", "Contact persons"),
    "reassign.kind.task": ("Открытые задачи", "Open tasks"),
    "reassign.nothing": ("Передавать нечего: за сотрудником ничего не числится.",
                         "Nothing to hand over: the employee is responsible for nothing."),
    # concurrent edits
    "conflict.fields": (
        "{who} изменил(а) эту запись, пока вы её редактировали, в тех же полях: {fields}. "
        "Выберите, какие значения сохранить.",
        "{who} changed this record while you were editing it, in the same fields: {fields}. "
        "Choose which values to keep."),
    # the audit trail
    "audit.create": ("создано", "created"),
    "audit.update": ("изменено", "changed"),
    "audit.delete": ("удалено", "deleted"),
    "audit.reassign": ("передано", "reassigned"),
    "audit.field.groups": ("Группы", "Groups"),
    "audit.field.name": ("Название", "Name"),
    "audit.field.role": ("Роль", "Role"),
    "audit.field.is_active": ("Активен", "Active"),
    "audit.field.department": ("Отдел", "Department"),
    "audit.field.head": ("Руководитель", "Head"),
    "audit.field.link": ("Связь", "Link"),
    "audit.field.last_name": ("Фамилия", "Last name"),
    "audit.field.first_name": ("Имя", "First name"),
    "audit.field.patronymic": ("Отчество", "Patronymic"),
    "audit.field.position": ("Должность", "Position"),
    "audit.field.email": ("E-mail", "E-mail"),
    "audit.field.permission": ("Право «{action}»", "Right “{action}”"),
    "audit.field.unknown_custom": ("Доп. реквизит №{id}", "Custom field #{id}"),
}
