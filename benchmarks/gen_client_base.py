"""The generated client base: our employees, organizations, contact persons, groups, links.

Rows satisfy what the services guarantee: requisites with valid check digits, phones stored
in E.164, ``search_text`` and ``sort_key`` built by the services' own functions, custom
values in canonical form, every reference resolving.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from benchmarks import vocabulary as v
from benchmarks.writer import Writer
from ectui import search
from ectui.models import (
    ClientGroup,
    Contact,
    ContactCustomValue,
    ContactGroupMember,
    CustomField,
    Department,
    Employee,
    Link,
    Organization,
    OrganizationCustomValue,
    OrganizationGroupMember,
    OrgDepartment,
    Role,
)
from ectui.names import full_name
from ectui.requisites import complete_inn, complete_ogrn, complete_settlement_account
from ectui.services.contacts import contact_search_text
from ectui.services.organizations import organization_search_text

MOSCOW = ZoneInfo("Europe/Moscow")
# The seeded role (migration 0003) of each kind of employee; the director heads the
# directorate, the root of every department, so the "department" scope reaches everyone.
ROLE_OF = {"director": "head"}
BLOCK = 5_000  # organizations generated and written per round: bounded memory
YEARS = 10


@dataclass(frozen=True)
class Sizes:
    """How much to generate; ``for_scale(1.0)`` is the full sales department."""

    organizations: int
    contacts: int
    employees: int
    tasks: int
    invoices: int

    @classmethod
    def for_scale(cls, scale: float) -> Sizes:
        return cls(organizations=max(20, round(100_000 * scale)),
                   contacts=max(60, round(300_000 * scale)),
                   employees=max(8, round(50 * scale)),
                   tasks=max(400, round(2_000_000 * scale)),
                   invoices=max(40, round(200_000 * scale)))


@dataclass(frozen=True)
class EmployeeInfo:
    id: int
    login: str
    role: str  # director, head, senior_manager, manager, trainee, admin
    department_id: int


@dataclass
class OrgInfo:
    """What later generators (contacts, tasks, invoices) need to know of an organization."""

    id: int
    name: str
    category: str
    responsible_id: int
    created: date
    first_contact_id: int = 0
    contact_count: int = 0


@dataclass
class ClientBase:
    """The result, for the generators that build on the client base."""

    today: date
    employees: list[EmployeeInfo]
    organizations: list[OrgInfo] = field(default_factory=list)
    private_contacts: list[int] = field(default_factory=list)

    @property
    def sales_people(self) -> list[EmployeeInfo]:
        return [e for e in self.employees if e.role in ("head", "senior_manager", "manager",
                                                         "trainee")]


def moment(day: date, rng: random.Random, start_hour: int = 9, end_hour: int = 19) -> datetime:
    """An aware moment in working hours of ``day``, Moscow time."""
    minutes = rng.randrange(start_hour * 60, end_hour * 60)
    local = datetime.combine(day, time(minutes // 60, minutes % 60), MOSCOW)
    return local.astimezone(UTC)


class ClientBaseGenerator:
    def __init__(self, writer: Writer, sizes: Sizes, seed: int, today: date,
                 progress=lambda message: None) -> None:
        self.writer = writer
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.today = today
        self.progress = progress
        self.inns: set[str] = set()
        self.cities = list(v.CITIES.values())
        self.city_weights = [v.CITY_WEIGHTS.get(c.name, v.DEFAULT_CITY_WEIGHT)
                             for c in self.cities]
        self.forms = list(v.FORM_WEIGHTS)
        self.form_weights = list(v.FORM_WEIGHTS.values())
        self.categories = list(v.CATEGORY_WEIGHTS)
        self.category_weights = list(v.CATEGORY_WEIGHTS.values())
        self.custom: dict[str, int] = {}
        self.groups: dict[str, int] = {}
        self.next_contact_id = 1
        self.next_department_id = 1

    # -- small helpers --------------------------------------------------------------------

    def digits(self, n: int) -> str:
        return f"{self.rng.randrange(10 ** n):0{n}d}"

    def day_in_history(self, recent_bias: float = 1.6) -> date:
        """A day in the last ten years, later days likelier: the base grew over time."""
        share = self.rng.random() ** (1 / recent_bias)
        return self.today - timedelta(days=int((1 - share) * 365 * YEARS))

    def person(self, city, female: bool) -> tuple[str, str, str]:
        flavour = v.FLAVOURS.get(city.name) if city else None
        if flavour and self.rng.random() < 0.45:
            surnames, males, females, patronymics = flavour
        else:
            surnames, males, females, patronymics = (v.SURNAMES, v.MALE_NAMES, v.FEMALE_NAMES,
                                                     v.PATRONYMICS)
        last = self.rng.choice(surnames)
        pair = self.rng.choice(patronymics)
        if female:
            return v.feminine(last), self.rng.choice(females), pair[1]
        return last, self.rng.choice(males), pair[0]

    def mobile(self, city) -> str:
        codes = city.mobile if city else v.CITIES["Москва"].mobile
        return "+7" + self.rng.choice(codes) + self.digits(7)

    def city_phone(self, city) -> str:
        return "+7" + city.area + self.rng.choice("234567") + self.digits(9 - len(city.area))

    def address(self, city) -> str:
        postal, street = self.rng.choice(city.streets)
        tail = self.rng.choice(["", f", стр. {self.rng.randint(1, 12)}",
                                f", офис {self.rng.randint(2, 9)}{self.rng.randint(1, 30):02d}",
                                f", эт. {self.rng.randint(2, 12)}, офис {self.rng.randint(1, 40)}"])
        return f"{postal}, {city.place}, {street}, д. {self.rng.randint(1, 120)}{tail}"

    # -- our company ----------------------------------------------------------------------

    def employees(self) -> list[EmployeeInfo]:
        rng, total = self.rng, self.sizes.employees
        sales_count = total - 2  # the director and the system administrator
        department_count = max(1, round(sales_count / 12))
        departments = [(1, "Дирекция", None), (2, "IT-служба", 1)]
        departments += [(3 + i, f"Отдел продаж № {i + 1}", 1) for i in range(department_count)]
        self.writer.insert(Department, [Department.id, Department.name, Department.parent],
                           departments)
        plan = [("director", "Генеральный директор", 1), ("admin", "Системный администратор", 2)]
        for index in range(sales_count):
            department = 3 + index % department_count
            rank = index // department_count  # 0: the head of that department
            if rank == 0:
                plan.append(("head", "Руководитель отдела продаж", department))
            elif rank <= 2:
                plan.append(("senior_manager", "Старший менеджер по продажам", department))
            elif rank <= 9:
                plan.append(("manager", "Менеджер по продажам", department))
            else:
                plan.append(("trainee", "Менеджер по продажам (стажёр)", department))
        created = moment(self.today - timedelta(days=365 * YEARS), rng)
        roles = self.writer.read(lambda: {r.code: r.id for r in Role.select() if r.code})
        rows, infos, logins = [], [], set()
        for ident, (role, position, department) in enumerate(plan, start=1):
            female = rng.random() < 0.5
            last, first, patronymic = self.person(None, female)
            login = v.translit(last) + v.translit(first)[0]
            while login in logins:
                login += v.translit(patronymic)[len(login) % len(patronymic)]
            logins.add(login)
            rows.append((ident, login, last, first, patronymic, position, department,
                         f"{login}@vector-plus.ru", f"+7495215{4000 + ident}", True,
                         role == "admin", created, roles[ROLE_OF.get(role, role)]))
            infos.append(EmployeeInfo(ident, login, role, department))
        self.writer.insert(Employee, [
            Employee.id, Employee.login, Employee.last_name, Employee.first_name,
            Employee.patronymic, Employee.position, Employee.department, Employee.email,
            Employee.phone, Employee.is_active, Employee.is_admin, Employee.created_at,
            Employee.role], rows)
        heads = {e.department_id: e.id for e in infos if e.role in ("director", "head")}

        def appoint_heads() -> None:
            for department_id, employee_id in heads.items():
                Department.update(head=employee_id).where(
                    Department.id == department_id).execute()

        self.writer.run(appoint_heads)
        return infos

    # -- custom fields and groups ---------------------------------------------------------

    def custom_fields_and_groups(self) -> None:
        fields = [
            ("region", "organization", "Регион", "choice", "\n".join(v.REGIONS)),
            ("staff_count", "organization", "Число сотрудников", "number", ""),
            ("code_1c", "organization", "Код в 1С", "text", ""),
            ("payment_terms", "organization", "Условия оплаты", "choice",
             "\n".join(v.PAYMENT_TERMS)),
            ("preferred_channel", "contact", "Предпочитаемый канал", "choice",
             "\n".join(v.CHANNELS)),
            ("favorite_drink", "contact", "Любимый напиток", "text", ""),
        ]
        rows = []
        for ident, (key, applies_to, name, kind, choices) in enumerate(fields, start=1):
            self.custom[key] = ident
            rows.append((ident, applies_to, name, kind, choices, ident, True))
        self.writer.insert(CustomField, [
            CustomField.id, CustomField.applies_to, CustomField.name, CustomField.field_type,
            CustomField.choices, CustomField.position, CustomField.is_active], rows)
        groups = [("key-clients", "Ключевые клиенты", "organization"),
                  ("dealers", "Дилеры", "organization"),
                  ("expo", "Участники выставки", "organization"),
                  ("gov", "Госзаказчики (44-ФЗ и 223-ФЗ)", "organization"),
                  ("dormant", "Спящие клиенты", "organization"),
                  ("vip", "Очень важные лица", "contact"),
                  ("holidays", "Поздравлять с праздниками", "contact"),
                  ("newsletter", "Рассылка «Новинки оборудования»", "contact")]
        for ident, (key, _name, _kind) in enumerate(groups, start=1):
            self.groups[key] = ident
        self.writer.insert(ClientGroup, [ClientGroup.id, ClientGroup.name, ClientGroup.kind],
                           [(i, name, kind) for i, (_k, name, kind) in enumerate(groups, start=1)])

    # -- organizations --------------------------------------------------------------------

    def company_core(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.08:
            return f"{rng.choice(v.LATIN_ROOTS)} {rng.choice(v.LATIN_TAILS)}"
        if roll < 0.45:
            return rng.choice(v.NAME_ROOTS) + rng.choice(v.NAME_TAILS).lower()
        if roll < 0.65:
            first, second = rng.sample(v.NAME_ROOTS, 2)
            return f"{first}{second}{rng.choice(v.NAME_TAILS)}"
        if roll < 0.80:
            return f"{rng.choice(v.NAME_ROOTS)}-{rng.choice(v.NAME_TAILS)}"
        if roll < 0.90:
            return f"{rng.choice(v.NAME_ROOTS)} {rng.choice(v.NAME_TAILS)}"
        return rng.choice(v.TWO_WORD_NAMES)

    def organization_row(self, ident: int, responsible: EmployeeInfo
                         ) -> tuple[dict, dict[int, str], OrgInfo]:
        rng = self.rng
        city = rng.choices(self.cities, self.city_weights)[0]
        form = rng.choices(self.forms, self.form_weights)[0]
        category = rng.choices(self.categories, self.category_weights)[0]
        segment = rng.choice(v.SEGMENTS)
        if form in v.GOV_FORMS:
            segment = rng.choice(["Медицина", "Образование", "ЖКХ"])
        is_ip = form == "ИП"
        created = self.day_in_history()
        year = min(created.year, rng.randint(1998, created.year))
        if is_ip:
            last, first, patronymic = self.person(city, rng.random() < 0.35)
            name = f"ИП {last} {first[0]}. {patronymic[0]}."
            full = f"Индивидуальный предприниматель {last} {first} {patronymic}"
            domain = ""
            email = (f"{v.translit(last)}.{v.translit(first)}"
                     f"@{rng.choice(['mail.ru', 'yandex.ru', 'gmail.com', 'bk.ru'])}")
        else:
            core = self.company_core()
            if rng.random() < 0.04:
                core = f"{rng.choice(v.PREFIXED)} «{core}»"
            name = f"{form} «{core}»"
            full = f"{v.LEGAL_FORMS[form]} «{core}»"
            domain = f"{v.slug(core)}.{rng.choice(['ru', 'ru', 'ru', 'com', 'su'])}"
            email = f"{rng.choice(['info', 'info', 'office', 'sales', 'zakaz'])}@{domain}"
        while True:
            prefix = city.region_code + rng.choice(city.inspections)
            inn = complete_inn(prefix + self.digits(6 if is_ip else 5))
            if inn not in self.inns:
                self.inns.add(inn)
                break
        yy = f"{year % 100:02d}"
        ogrn = (complete_ogrn("3" + yy + city.region_code + self.digits(9)) if is_ip
                else complete_ogrn("1" + yy + city.region_code + self.digits(7)))
        bank = v.BANKS[rng.choice(city.banks)]
        phones = [self.mobile(city) if is_ip else self.city_phone(city)]
        if not is_ip and rng.random() < 0.3:
            phones.append(self.city_phone(city))
        legal = self.address(city)
        updated = created + timedelta(days=rng.randint(0, (self.today - created).days))
        values = {
            "id": ident, "name": name, "full_name": full, "legal_form": form, "inn": inn,
            "kpp": "" if is_ip else inn[:4] + "01001", "ogrn": ogrn, "phones": ", ".join(phones),
            "fax": self.city_phone(city) if form in v.GOV_FORMS else "", "email": email,
            "website": f"www.{domain}" if domain and rng.random() < 0.7 else "",
            "legal_address": legal, "postal_address": legal,
            "actual_address": self.address(city) if rng.random() < 0.3 else legal,
            "bank_name": bank.name, "bik": bank.bik,
            "settlement_account": complete_settlement_account(
                bank.bik, ("40802" if is_ip else "40702") + "810" + bank.branch + self.digits(7)),
            "correspondent_account": v.demo.Builder.correspondent(bank),
            "segment": segment, "category": category,
            "source_channel": rng.choice(v.SOURCES), "responsible": responsible.id,
            "notes": rng.choice(v.BUSINESS_NOTES) if rng.random() < 0.3 else "",
            "created_at": moment(created, rng), "updated_at": moment(updated, rng),
            "version": 1,
        }
        custom = {self.custom["region"]: city.region}
        if rng.random() < 0.6:
            custom[self.custom["staff_count"]] = str(rng.choice([3, 8, 15, 40, 90, 250, 1200]))
        if category in ("client", "partner", "supplier"):
            custom[self.custom["code_1c"]] = f"00-{ident:08d}"
            if rng.random() < 0.5:
                custom[self.custom["payment_terms"]] = rng.choice(v.PAYMENT_TERMS)
        values["search_text"] = organization_search_text(Organization(**values), custom)
        values["sort_key"] = search.sort_key(name)
        values["_city"] = city
        values["_domain"] = domain
        info = OrgInfo(ident, name, category, responsible.id, created)
        return values, custom, info

    ORG_FIELDS = [
        "id", "name", "full_name", "legal_form", "inn", "kpp", "ogrn", "phones", "fax", "email",
        "website", "legal_address", "postal_address", "actual_address", "bank_name", "bik",
        "settlement_account", "correspondent_account", "segment", "category", "source_channel",
        "responsible", "notes", "created_at", "updated_at", "version", "search_text", "sort_key",
    ]
    CONTACT_FIELDS = [
        "id", "last_name", "first_name", "patronymic", "gender", "organization", "department",
        "position", "work_phone", "mobile_phone", "email", "birthday", "education", "hobbies",
        "likes", "dislikes", "family", "notes", "decision_role", "reports_to", "responsible",
        "created_at", "updated_at", "version", "search_text", "sort_key",
    ]

    def contact_counts(self, orgs: int) -> list[int]:
        """People per organization: most have 1–5, a few key accounts have hundreds."""
        rng = self.rng
        target = self.sizes.contacts - round(self.sizes.contacts * 0.03)  # 3 % private persons
        counts = rng.choices([1, 2, 3, 4, 5, 7, 10, 15, 25], [22, 24, 19, 12, 8, 7, 5, 2, 1],
                             k=orgs)
        for index in rng.sample(range(orgs), max(1, orgs // 2000)):
            counts[index] = rng.randint(100, 300)  # a federal chain: its card lists hundreds
        total = sum(counts)
        while total < target:
            counts[rng.randrange(orgs)] += 1
            total += 1
        while total > target:
            index = rng.randrange(orgs)
            if counts[index] > 1:
                counts[index] -= 1
                total -= 1
        return counts

    def contact_row(self, ident: int, org: dict | None, info: OrgInfo | None, role: tuple,
                    department_id: int | None, boss_id: int | None, responsible_id: int,
                    city) -> tuple[dict, dict[int, str]]:
        rng = self.rng
        position, _dept, decision_role, female_share = role
        female = rng.random() < female_share
        last, first, patronymic = self.person(city, female)
        if female:
            position = v.FEMININE_POSITIONS.get(position, position)
        created = info.created if info else self.day_in_history()
        created = created + timedelta(days=rng.randint(0, (self.today - created).days // 3))
        domain = org["_domain"] if org else ""
        email = ""
        if domain and rng.random() < 0.8:
            email = f"{v.translit(first)[0]}.{v.translit(last)}@{domain}"
        elif rng.random() < 0.4:
            email = f"{v.translit(last)}{rng.randint(1, 99)}@{rng.choice(['mail.ru', 'yandex.ru'])}"
        work = ""
        if org and org["phones"]:
            work = org["phones"].split(", ")[0]
            if rng.random() < 0.5:
                work += f" доб. {rng.randint(100, 999)}"
        birthday = None
        if rng.random() < 0.75:
            birthday = date(rng.randint(1960, 2002), 1, 1) + timedelta(days=rng.randrange(365))
        values = {
            "id": ident, "last_name": last, "first_name": first, "patronymic": patronymic,
            "gender": "f" if female else "m", "organization": info.id if info else None,
            "department": department_id, "position": position, "work_phone": work,
            "mobile_phone": self.mobile(city) if rng.random() < 0.7 else "", "email": email,
            "birthday": birthday,
            "education": rng.choice(v.EDUCATION) if rng.random() < 0.3 else "",
            "hobbies": rng.choice(v.HOBBIES) if rng.random() < 0.35 else "",
            "likes": rng.choice(v.LIKES) if rng.random() < 0.2 else "",
            "dislikes": rng.choice(v.DISLIKES) if rng.random() < 0.15 else "",
            "family": rng.choice(v.FAMILY_F if female else v.FAMILY_M)
            if rng.random() < 0.2 else "",
            "notes": rng.choice(v.CONTACT_NOTES) if rng.random() < 0.25 else "",
            "decision_role": decision_role, "reports_to": boss_id,
            "responsible": responsible_id, "created_at": moment(created, rng),
            "updated_at": moment(created, rng, 19, 20), "version": 1,
        }
        custom = {}
        if rng.random() < 0.3:
            custom[self.custom["preferred_channel"]] = rng.choice(v.CHANNELS)
        if rng.random() < 0.1:
            custom[self.custom["favorite_drink"]] = rng.choice(v.DRINKS)
        values["search_text"] = contact_search_text(
            Contact(**{k: values[k] for k in ("last_name", "first_name", "patronymic", "email",
                                              "work_phone", "mobile_phone")}),
            custom, org_name=info.name if info else "")
        values["sort_key"] = search.fold(full_name(last, first, patronymic))
        return values, custom

    def roles_for(self, org: dict, count: int) -> list[tuple]:
        form, segment, category = org["legal_form"], org["segment"], org["category"]
        if form == "ИП":
            return [v.HEADS["ИП"]] + [self.rng.choice(v.IP_STAFF) for _ in range(count - 1)]
        pool = v.BY_CATEGORY.get(category) or v.STAFF[segment]
        roles = [v.HEADS[form]]
        extra = [("Менеджер", "", "user", 0.5), ("Специалист", "", "user", 0.55),
                 ("Помощник руководителя", "Дирекция", "user", 0.9)]
        for index in range(count - 1):
            roles.append(pool[index] if index < len(pool) else self.rng.choice(pool + extra))
        return roles

    def contacts_of(self, org: dict, info: OrgInfo, count: int) -> tuple[list, list, list]:
        """The people of one organization: the head first, the staff reporting to them."""
        rng = self.rng
        roles = self.roles_for(org, count)
        departments: dict[str, int] = {}
        department_rows = []
        contact_rows, custom_rows = [], []
        info.first_contact_id, info.contact_count = self.next_contact_id, count
        head_id = self.next_contact_id
        for index, role in enumerate(roles):
            ident = self.next_contact_id
            self.next_contact_id += 1
            department_id = None
            if count >= 6 and role[1]:
                if role[1] not in departments:
                    departments[role[1]] = self.next_department_id
                    department_rows.append((self.next_department_id, info.id, role[1]))
                    self.next_department_id += 1
                department_id = departments[role[1]]
            values, custom = self.contact_row(
                ident, org, info, role, department_id, None if index == 0 else head_id,
                info.responsible_id, org["_city"])
            contact_rows.append(values)
            custom_rows.extend((ident, fid, value) for fid, value in custom.items())
        if count >= 6 and rng.random() < 0.5:
            extra = rng.choice(v.EXTRA_DEPARTMENTS)
            department_rows.append((self.next_department_id, info.id, extra))
            self.next_department_id += 1
        return contact_rows, custom_rows, department_rows

    def organizations_and_contacts(self, employees: list[EmployeeInfo]) -> ClientBase:
        rng = self.rng
        base = ClientBase(self.today, employees)
        sales = base.sales_people
        # Heads and trainees lead fewer clients than managers.
        weights = [{"head": 1, "trainee": 1}.get(e.role, 3) for e in sales]
        total = self.sizes.organizations
        counts = self.contact_counts(total)
        org_fields = [Organization._meta.fields[n] for n in self.ORG_FIELDS]
        contact_fields = [Contact._meta.fields[n] for n in self.CONTACT_FIELDS]
        for start in range(0, total, BLOCK):
            orgs, org_custom, memberships = [], [], []
            contacts, contact_custom, departments, contact_members = [], [], [], []
            for ident in range(start + 1, min(total, start + BLOCK) + 1):
                responsible = rng.choices(sales, weights)[0]
                values, custom, info = self.organization_row(ident, responsible)
                orgs.append(values)
                base.organizations.append(info)
                org_custom.extend((ident, fid, value) for fid, value in custom.items())
                memberships.extend((self.groups[key], ident)
                                   for key in self.org_groups(values))
                people, people_custom, people_departments = self.contacts_of(
                    values, info, counts[ident - 1])
                contacts.extend(people)
                contact_custom.extend(people_custom)
                departments.extend(people_departments)
                contact_members.extend(
                    (self.groups[key], person["id"]) for person in people
                    for key in self.contact_groups(person))
            self.writer.insert(Organization, org_fields,
                               [tuple(o[n] for n in self.ORG_FIELDS) for o in orgs])
            self.writer.insert(OrganizationCustomValue, [
                OrganizationCustomValue.organization, OrganizationCustomValue.field,
                OrganizationCustomValue.value], org_custom)
            self.writer.insert(OrganizationGroupMember, [
                OrganizationGroupMember.group, OrganizationGroupMember.organization],
                memberships)
            self.writer.insert(OrgDepartment, [
                OrgDepartment.id, OrgDepartment.organization, OrgDepartment.name], departments)
            self.writer.insert(Contact, contact_fields,
                               [tuple(c[n] for n in self.CONTACT_FIELDS) for c in contacts])
            self.writer.insert(ContactCustomValue, [
                ContactCustomValue.contact, ContactCustomValue.field, ContactCustomValue.value],
                contact_custom)
            self.writer.insert(ContactGroupMember, [
                ContactGroupMember.group, ContactGroupMember.contact], contact_members)
            self.progress(f"organizations {min(total, start + BLOCK)}/{total}, "
                          f"contacts {self.next_contact_id - 1}")
        self.private_persons(base, contact_fields)
        self.links(base)
        return base

    def org_groups(self, org: dict) -> list[str]:
        rng, keys = self.rng, []
        if org["category"] == "client" and rng.random() < 0.08:
            keys.append("key-clients")
        if org["category"] == "partner" and rng.random() < 0.5:
            keys.append("dealers")
        if rng.random() < 0.03:
            keys.append("expo")
        if org["legal_form"] in v.GOV_FORMS:
            keys.append("gov")
        if org["category"] == "client" and rng.random() < 0.1:
            keys.append("dormant")
        return keys

    def contact_groups(self, person: dict) -> list[str]:
        rng, keys = self.rng, []
        if person["decision_role"] == "decision_maker" and rng.random() < 0.05:
            keys.append("vip")
        if rng.random() < 0.1:
            keys.append("holidays")
        if person["email"] and rng.random() < 0.15:
            keys.append("newsletter")
        return keys

    def private_persons(self, base: ClientBase, contact_fields) -> None:
        """People with no organization: private clients, recommenders, acquaintances."""
        rng = self.rng
        sales = base.sales_people
        rows = []
        missing = self.sizes.contacts - (self.next_contact_id - 1)
        for _ in range(max(0, missing)):
            ident = self.next_contact_id
            self.next_contact_id += 1
            city = rng.choices(self.cities, self.city_weights)[0]
            role = (rng.choice(["", "Частный клиент", "Консультант"]), "", "", 0.5)
            values, _custom = self.contact_row(ident, None, None, role, None, None,
                                               rng.choice(sales).id, city)
            rows.append(values)
            base.private_contacts.append(ident)
        self.writer.insert(Contact, contact_fields,
                           [tuple(c[n] for n in self.CONTACT_FIELDS) for c in rows])

    def links(self, base: ClientBase) -> None:
        rng = self.rng
        orgs = base.organizations
        rows = []
        labels = ["головная организация", "дочерняя компания", "рекомендовал", "партнёр",
                  "конкурент"]
        for ident in range(1, max(2, len(orgs) // 100) + 1):
            source, target = rng.sample(orgs, 2)
            created = moment(max(source.created, target.created), rng)
            rows.append((ident, rng.choice(labels), source.id, target.id, created))
        self.writer.insert(Link, [Link.id, Link.label, Link.from_organization,
                                  Link.to_organization, Link.created_at], rows)

    def run(self) -> ClientBase:
        employees = self.employees()
        self.custom_fields_and_groups()
        return self.organizations_and_contacts(employees)
