"""Employees of our company: who works in ectui and who is responsible for a client."""

from __future__ import annotations

from dataclasses import dataclass

from ectui.db import write_transaction
from ectui.errors import FieldError, UserError, ValidationError
from ectui.models import Department, Employee
from ectui.names import full_name, short_name
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


def _info(emp: Employee) -> EmployeeInfo:
    department = emp.department.name if emp.department_id else ""
    return EmployeeInfo(emp.id, emp.login, full_name(emp.last_name, emp.first_name, emp.patronymic),
                        short_name(emp.last_name, emp.first_name, emp.patronymic), emp.position,
                        department, emp.is_active, emp.is_admin)


def employees(active_only: bool = True) -> list[EmployeeInfo]:
    """Employees by surname."""
    query = Employee.select().order_by(Employee.last_name, Employee.first_name)
    if active_only:
        query = query.where(Employee.is_active == True)  # noqa: E712
    return [_info(e) for e in query]


def actor_for_login(login: str) -> Actor | None:
    """The active employee with this login, or None."""
    emp = Employee.get_or_none(Employee.login == login, Employee.is_active == True)  # noqa: E712
    if emp is None:
        return None
    return Actor(emp.id, emp.login, short_name(emp.last_name, emp.first_name, emp.patronymic),
                 emp.is_admin)


def has_employees() -> bool:
    return Employee.select().exists()


def create_employee(ctx: Context | None, login: str, last_name: str, first_name: str = "",
                    patronymic: str = "", position: str = "", department: str = "",
                    email: str = "", is_admin: bool = False, *, now=None) -> EmployeeInfo:
    """Add an employee; only an administrator may, except the very first one (ctx None)."""
    if ctx is not None and not ctx.actor.is_admin:
        raise UserError("rights.admin_only")
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
    if errors:
        raise ValidationError(errors)
    moment = ctx.now() if ctx is not None else now
    with write_transaction():
        dept = None
        if department.strip():
            dept, _ = Department.get_or_create(name=department.strip())
        emp = Employee.create(login=login, last_name=last_name.strip(),
                              first_name=first_name.strip(), patronymic=patronymic.strip(),
                              position=position.strip(), department=dept, email=email.strip(),
                              is_admin=is_admin, created_at=moment)
    return _info(emp)
