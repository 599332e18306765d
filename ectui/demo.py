"""The demo database: realistic Russian companies and people from ``data/demo``, loaded
through the same services as typed data, so every demo record passes the same validation."""

from __future__ import annotations

import json
from pathlib import Path

from platformdirs import user_data_path

from ectui.clock import Clock
from ectui.db import write_transaction
from ectui.errors import UserError
from ectui.models import Contact, Employee, Organization
from ectui.services import custom_fields, employees, groups, links
from ectui.services.contacts import save_contact
from ectui.services.context import Context
from ectui.services.organizations import save_organization
from ectui.session import connect, os_login

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"


def default_demo_url() -> str:
    return f"sqlite:///{user_data_path('ectui', appauthor=False) / 'demo.sqlite3'}"


def _read(name: str):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _remove_sqlite_file(url: str) -> None:
    path = Path(url[len("sqlite:///"):])
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def create_demo_database(url: str, *, fresh: bool = False, clock: Clock | None = None,
                         login: str | None = None) -> dict[str, int]:
    """Fill an empty database with the demo client base; returns counts of what was loaded."""
    clock = clock or Clock()
    if fresh and url.startswith("sqlite:///"):
        _remove_sqlite_file(url)
    connect(url)
    if Organization.select().exists() or Employee.select().exists():
        raise UserError("cli.demo_not_empty", url=url)
    ctx = _load_employees(clock, login or os_login())
    field_ids = _load_custom_fields(ctx)
    group_ids = _load_groups(ctx)
    org_ids = _load_organizations(ctx, field_ids, group_ids)
    contact_ids = _load_contacts(ctx, field_ids, group_ids, org_ids)
    _load_links(ctx, org_ids, contact_ids)
    from ectui.demo_tasks import load_demo_history  # the relationship history (tasks)

    load_demo_history(ctx, org_ids, contact_ids)
    from ectui.demo_documents import documents_dir_for, load_demo_documents  # sales documents

    load_demo_documents(ctx, org_ids, contact_ids, documents_dir=documents_dir_for(url))
    _hand_over(clock, login or os_login())
    return {"organizations": len(org_ids), "contacts": len(contact_ids),
            "employees": Employee.select().count()}


ROLE_CODES = {"director": "head", "head": "head", "senior_manager": "senior_manager",
              "manager": "manager", "trainee": "trainee", "admin": "admin"}
"""Demo roles → seeded roles: the director heads «Дирекция», above every department."""


def _load_employees(clock: Clock, login: str) -> Context:
    data = _read("employees.json")
    people = data["employees"] if isinstance(data, dict) else data
    # Administrators first: the first employee of an empty base may be created by nobody.
    people = sorted(people, key=lambda person: not person.get("is_admin"))
    for person in people:
        employees.create_employee(
            None if not employees.has_employees() else _admin_context(clock),
            person["login"], person["last_name"], person.get("first_name", ""),
            person.get("patronymic", ""), position=person.get("position", ""),
            department=person.get("department", ""), email=person.get("email", ""),
            is_admin=bool(person.get("is_admin")), now=clock.now(),
            role=ROLE_CODES.get(person.get("role", ""), "manager"))
    admin = _admin_context(clock)
    staff = _employee_ids()
    for dept in data.get("departments", []) if isinstance(data, dict) else []:
        employees.set_department_head(admin, dept["name"], staff.get(dept.get("head")),
                                      parent=dept.get("parent") or "")
    return _admin_context(clock)


DEMO_SELF = "kim"  # the demo manager whose place the person opening the demo takes


def _hand_over(clock: Clock, login: str) -> None:
    """Whoever opens the demo becomes its senior manager Ким, with the administrator's role.

    So Today opens full of his work, and every screen, the admin's ones too, can be tried.
    """
    if employees.actor_for_login(login) is not None:
        return  # the login is one of the demo's own people
    admin = _admin_context(clock)
    me = employees.by_login(DEMO_SELF)
    employees.set_login(admin, me.id, login)
    employees.set_role(admin, me.id, "admin")


def _admin_context(clock: Clock) -> Context:
    admin = Employee.select().where(Employee.is_admin == True).order_by(Employee.id).first()  # noqa: E712
    return Context(employees.actor_for_login(admin.login), clock)


def _employee_ids() -> dict[str, int]:
    return {e.login: e.id for e in Employee.select(Employee.id, Employee.login)}


def _load_custom_fields(ctx: Context) -> dict[str, int]:
    ids = {}
    for item in _read("custom_fields.json"):
        info = custom_fields.create_custom_field(ctx, item["applies_to"], item["name"],
                                                 item["field_type"], item.get("choices", []))
        ids[item["key"]] = info.id
    return ids


def _load_groups(ctx: Context) -> dict[str, int]:
    return {item["key"]: groups.create_group(ctx, item["name"], item["kind"]).id
            for item in _read("groups.json")}


def _custom(item: dict, field_ids: dict[str, int]) -> dict[int, str]:
    # Demo values are canonical (ISO dates, dot decimals); forms type them the local way.
    out = {}
    for key, value in (item.get("custom") or {}).items():
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            value = f"{value[8:10]}.{value[5:7]}.{value[0:4]}"
        elif value in ("true", "false"):
            value = "да" if value == "true" else "нет"
        out[field_ids[key]] = str(value)
    return out


ORG_FIELDS = ("name", "full_name", "legal_form", "inn", "kpp", "ogrn", "fax", "email", "website",
              "legal_address", "postal_address", "actual_address", "bank_name", "bik",
              "settlement_account", "correspondent_account", "segment", "category",
              "source_channel", "notes")
CONTACT_FIELDS = ("last_name", "first_name", "patronymic", "gender", "department", "position",
                  "work_phone", "mobile_phone", "home_phone", "email", "hobbies", "likes",
                  "dislikes", "family", "education", "career", "life_events", "notes",
                  "decision_role")


def _load_organizations(ctx: Context, field_ids, group_ids) -> dict[str, int]:
    staff = _employee_ids()
    ids = {}
    for item in _read("organizations.json"):
        data = {name: item.get(name, "") or "" for name in ORG_FIELDS}
        data["phones"] = ", ".join(item.get("phones") or [])
        data["responsible_id"] = staff.get(item.get("responsible"))
        ids[item["key"]] = save_organization(
            ctx, data, custom=_custom(item, field_ids),
            group_ids=[group_ids[g] for g in item.get("groups", [])])
    return ids


def _load_contacts(ctx: Context, field_ids, group_ids, org_ids) -> dict[str, int]:
    staff = _employee_ids()
    items = _read("contacts.json")
    ids = {}
    for item in items:
        data = {name: item.get(name, "") or "" for name in CONTACT_FIELDS}
        data["organization_id"] = org_ids.get(item.get("organization"))
        data["responsible_id"] = staff.get(item.get("responsible"))
        if item.get("birthday"):
            y, m, d = item["birthday"].split("-")
            data["birthday"] = f"{d}.{m}.{y}"
        ids[item["key"]] = save_contact(
            ctx, data, custom=_custom(item, field_ids),
            group_ids=[group_ids[g] for g in item.get("groups", [])])
    with write_transaction():
        for item in items:
            if item.get("reports_to"):
                Contact.update(reports_to=ids[item["reports_to"]]).where(
                    Contact.id == ids[item["key"]]).execute()
    return ids


def _load_links(ctx: Context, org_ids, contact_ids) -> None:
    def ref(end: dict) -> links.EntryRef:
        if "organization" in end:
            return links.EntryRef("organization", org_ids[end["organization"]])
        return links.EntryRef("contact", contact_ids[end["contact"]])

    for item in _read("links.json"):
        links.create_link(ctx, ref(item["from"]), ref(item["to"]), item["label"])
