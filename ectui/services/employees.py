"""Employees of our company: who works in ectui, their role and department, who is responsible
for a client. Employees are deactivated, never deleted: the history keeps its authors."""

from __future__ import annotations

from dataclasses import dataclass

from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, UserError, ValidationError
from ectui.models import Contact, Department, Employee, Organization, Role
from ectui.names import full_name, short_name
from ectui.services import access, audit, roles
from ectui.services.context import Actor, Context


@dataclass(frozen=True)
class EmployeeInfo:
    id: int
    login: str
    name: str          # Орлов Евгений Евгеньевич
    short: str         # Орлов Е. Е.
    position: str
    department: str
    is_active: bool
    is_admin: bool
    role: str = ""     # «Старший менеджер»
    role_id: int | None = None
    department_id: int | None = None
    last_name: str = ""
    first_name: str = ""
    patronymic: str = ""
    email: str = ""


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    name: str
    parent: str
    head: str
    members: int


def _info(emp: Employee, role_names: dict[int, str] | None = None) -> EmployeeInfo:
    department = emp.department.name if emp.department_id else ""
    if role_names is None:
        role_names = {r.id: r.name for r in Role.select(Role.id, Role.name)}
    return EmployeeInfo(emp.id, emp.login, full_name(emp.last_name, emp.first_name, emp.patronymic),
                        short_name(emp.last_name, emp.first_name, emp.patronymic), emp.position,
                        department, emp.is_active, emp.is_admin,
                        role_names.get(emp.role_id, ""), emp.role_id, emp.department_id,
                        emp.last_name, emp.first_name, emp.patronymic, emp.email)


def employees(active_only: bool = True) -> list[EmployeeInfo]:
    """Employees by surname."""
    query = Employee.select().order_by(Employee.last_name, Employee.first_name)
    if active_only:
        query = query.where(Employee.is_active == True)  # noqa: E712
    role_names = {r.id: r.name for r in Role.select(Role.id, Role.name)}
    return [_info(e, role_names) for e in query]


def employee_info(emp_id: int) -> EmployeeInfo:
    return _info(_get(emp_id))


def actor_for_login(login: str) -> Actor | None:
    """The active employee with this login, with the rights of their role; or None."""
    emp = Employee.get_or_none(Employee.login == login, Employee.is_active == True)  # noqa: E712
    return None if emp is None else access.actor_of(emp)


def login_is_inactive(login: str) -> bool:
    """Whether this login belongs to a deactivated employee (a clearer refusal than unknown)."""
    return Employee.select().where(Employee.login == login,
                                   Employee.is_active == False).exists()  # noqa: E712


def has_employees() -> bool:
    return Employee.select().exists()


def _get(emp_id: int) -> Employee:
    emp = Employee.get_or_none(Employee.id == emp_id)
    if emp is None:
        raise NotFound()
    return emp


def by_login(login: str) -> EmployeeInfo:
    """An employee, active or not, by OS login; UserError naming the login if there is none."""
    emp = Employee.get_or_none(Employee.login == login.strip())
    if emp is None:
        raise UserError("employee.unknown", login=login)
    return _info(emp)


def _department(name: str) -> Department | None:
    name = name.strip()
    if not name:
        return None
    dept, _ = Department.get_or_create(name=name)
    return dept


def create_employee(ctx: Context | None, login: str, last_name: str, first_name: str = "",
                    patronymic: str = "", position: str = "", department: str = "",
                    email: str = "", is_admin: bool = False, *, now=None,
                    role: str | None = None) -> EmployeeInfo:
    """Add an employee; only an administrator may, except the very first one (ctx None).

    ``role`` is a role's name or code; an administrator gets «Администратор», anyone else
    «Менеджер» unless told.
    """
    if ctx is not None:
        access.require(ctx, "administer")
    if ctx is None and has_employees():
        raise UserError("rights.admin_only")
    login = login.strip()
    errors = {}
    if not login:
        errors["login"] = FieldError("validation.required")
    elif Employee.select().where(Employee.login == login).exists():
        errors["login"] = FieldError("employee.login_taken", login=login)
    if not last_name.strip():
        errors["last_name"] = FieldError("validation.required")
    try:
        role_info = roles.find_role(role or ("admin" if is_admin else "manager"))
    except UserError as error:
        errors["role"] = FieldError(error.key, **error.params)
        role_info = None
    if errors:
        raise ValidationError(errors)
    moment = ctx.now() if ctx is not None else now
    with write_transaction():
        emp = Employee.create(login=login, last_name=last_name.strip(),
                              first_name=first_name.strip(), patronymic=patronymic.strip(),
                              position=position.strip(), department=_department(department),
                              email=email.strip(), role=role_info.id,
                              is_admin=role_info.scopes["administer"] == "all",
                              created_at=moment)
        if ctx is not None:
            audit.record(ctx, "employee", emp.id, "create",
                         [("role", "", role_info.name),
                          ("department", "", department.strip())],
                         title=full_name(emp.last_name, emp.first_name, emp.patronymic))
    return _info(emp)


def _other_admins(emp_id: int) -> int:
    return (Employee.select().where(Employee.is_admin == True, Employee.is_active == True,  # noqa: E712
                                    Employee.id != emp_id).count())


def set_role(ctx: Context, emp_id: int, role: str | int) -> EmployeeInfo:
    """Give an employee another role (administrators only); the base keeps an administrator."""
    access.require(ctx, "administer")
    info = roles.find_role(role)
    with write_transaction():
        emp = _get(emp_id)
        makes_admin = info.scopes["administer"] == "all"
        if emp.is_admin and not makes_admin and emp.is_active and not _other_admins(emp.id):
            raise UserError("role.last_admin",
                            name=short_name(emp.last_name, emp.first_name, emp.patronymic))
        old = roles.role_name(emp.role_id)
        Employee.update(role=info.id, is_admin=makes_admin).where(Employee.id == emp.id).execute()
        audit.record(ctx, "employee", emp.id, "update", [("role", old, info.name)])
    return employee_info(emp_id)


def set_active(ctx: Context, emp_id: int, active: bool) -> EmployeeInfo:
    """Deactivate an employee (they can no longer log in; their history stays) or bring back."""
    access.require(ctx, "administer")
    with write_transaction():
        emp = _get(emp_id)
        if not active and emp.id == ctx.actor.employee_id:
            raise UserError("employee.deactivate_self")
        if not active and emp.is_admin and not _other_admins(emp.id):
            raise UserError("role.last_admin",
                            name=short_name(emp.last_name, emp.first_name, emp.patronymic))
        if emp.is_active != active:
            Employee.update(is_active=active).where(Employee.id == emp.id).execute()
            audit.record(ctx, "employee", emp.id, "update",
                         [("is_active", audit.value_text(emp.is_active), audit.value_text(active))])
    return employee_info(emp_id)


def set_department(ctx: Context, emp_id: int, department: str) -> EmployeeInfo:
    """Move an employee to a department (created on first use); "" takes them out of any."""
    access.require(ctx, "administer")
    with write_transaction():
        emp = _get(emp_id)
        old = emp.department.name if emp.department_id else ""
        dept = _department(department)
        Employee.update(department=dept).where(Employee.id == emp.id).execute()
        audit.record(ctx, "employee", emp.id, "update",
                     [("department", old, dept.name if dept else "")])
    return employee_info(emp_id)


def departments() -> list[DepartmentInfo]:
    """Our departments by name, with their parent, head and number of active members."""
    names = {d.id: d.name for d in Department.select(Department.id, Department.name)}
    out = []
    for dept in Department.select().order_by(Department.name):
        members = (Employee.select().where(Employee.department == dept.id,
                                           Employee.is_active == True).count())  # noqa: E712
        out.append(DepartmentInfo(dept.id, dept.name, names.get(dept.parent_id, ""),
                                  audit.employee_name(dept.head_id), members))
    return out


def set_department_head(ctx: Context, department: str, emp_id: int | None,
                        parent: str | None = None) -> DepartmentInfo:
    """Name a department's head (and, given, its parent department); created on first use."""
    access.require(ctx, "administer")
    with write_transaction():
        dept = _department(department)
        if dept is None:
            raise ValidationError({"department": FieldError("validation.required")})
        if emp_id is not None:
            _get(emp_id)
        update = {"head": emp_id}
        if parent is not None:
            parent_dept = _department(parent)
            if parent_dept is not None and parent_dept.id == dept.id:
                raise ValidationError({"parent": FieldError("record.reference_missing")})
            update["parent"] = parent_dept.id if parent_dept else None
        Department.update(update).where(Department.id == dept.id).execute()
        audit.record(ctx, "department", dept.id, "update",
                     [("head", "", audit.employee_name(emp_id))])
    return next(d for d in departments() if d.id == dept.id)


def records_of(emp_id: int) -> int:
    """How many clients (organizations and contacts) an employee is responsible for."""
    return (Organization.select().where(Organization.responsible == emp_id).count()
            + Contact.select().where(Contact.responsible == emp_id).count())


@dataclass(frozen=True)
class StaffRow:
    employee: EmployeeInfo
    clients: int  # organizations and contact persons they are responsible for


def staff(active_only: bool = False) -> list[StaffRow]:
    """Every employee with how many clients each is responsible for, for the Staff screen."""
    from peewee import fn

    counts: dict[int, int] = {}
    for model in (Organization, Contact):
        query = (model.select(model.responsible, fn.COUNT(model.id))
                 .where(model.responsible.is_null(False)).group_by(model.responsible).tuples())
        for emp_id, count in query:
            counts[emp_id] = counts.get(emp_id, 0) + count
    return [StaffRow(info, counts.get(info.id, 0)) for info in employees(active_only)]


def update_employee(ctx: Context, emp_id: int, *, last_name: str, first_name: str = "",
                    patronymic: str = "", position: str = "", email: str = "",
                    department: str = "", role: str | int | None = None) -> EmployeeInfo:
    """Change an employee's name, position, e-mail, department and role (administrators)."""
    access.require(ctx, "administer")
    if not last_name.strip():
        raise ValidationError({"last_name": FieldError("validation.required")})
    emp = _get(emp_id)
    before = {"last_name": emp.last_name, "first_name": emp.first_name,
              "patronymic": emp.patronymic, "position": emp.position, "email": emp.email}
    after = {"last_name": last_name.strip(), "first_name": first_name.strip(),
             "patronymic": patronymic.strip(), "position": position.strip(),
             "email": email.strip()}
    with write_transaction():
        Employee.update(after).where(Employee.id == emp_id).execute()
        changed = audit.diff(before, after)
        if changed:
            audit.record(ctx, "employee", emp_id, "update", changed)
        old_department = emp.department.name if emp.department_id else ""
        if department.strip() != old_department:
            set_department(ctx, emp_id, department)
        if role is not None and roles.find_role(role).id != emp.role_id:
            set_role(ctx, emp_id, role)
    return employee_info(emp_id)


def set_login(ctx: Context, emp_id: int, login: str) -> EmployeeInfo:
    """Give an employee another login (their OS account was renamed); administrators only."""
    access.require(ctx, "administer")
    login = login.strip()
    emp = _get(emp_id)
    if not login:
        raise ValidationError({"login": FieldError("validation.required")})
    if Employee.select().where(Employee.login == login, Employee.id != emp_id).exists():
        raise ValidationError({"login": FieldError("employee.login_taken", login=login)})
    if login != emp.login:
        with write_transaction():
            Employee.update(login=login).where(Employee.id == emp_id).execute()
            audit.record(ctx, "employee", emp_id, "update", [("login", emp.login, login)])
    return employee_info(emp_id)

