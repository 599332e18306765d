"""The demo client base (data/demo/*.json): valid requisites, resolvable references, and
files that are exactly what data/demo/build_demo.py generates."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from ectui import requisites as rq
from ectui import validation
from ectui.errors import FieldError

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"
FILES = ["our_company.json", "employees.json", "organizations.json", "contacts.json",
         "groups.json", "custom_fields.json", "links.json"]
CATEGORIES = {"prospect", "client", "partner", "competitor", "supplier"}
SOURCES = {"Выставка", "Сайт", "Рекомендация", "Холодный звонок", "Яндекс Директ", "Тендер"}
LEGAL_FORMS = {"ООО", "АО", "ПАО", "ИП", "ГБУ", "ГБУЗ", "ГБОУ", "МУП", "АНО"}
DECISION_ROLES = {"decision_maker", "influencer", "user", ""}
LINK_LABELS = {"дочерняя компания", "рекомендовал", "конкурент", "головная организация",
               "бывший сотрудник"}
CONTACT_TEXT = ("position", "hobbies", "likes", "dislikes", "family", "education", "career",
                "life_events", "notes")


def load(name: str):
    return json.loads((DEMO / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data() -> dict:
    return {name: load(name) for name in FILES}


@pytest.fixture(scope="module")
def orgs(data) -> list[dict]:
    return data["organizations.json"]


@pytest.fixture(scope="module")
def contacts(data) -> list[dict]:
    return data["contacts.json"]


@pytest.fixture(scope="module")
def logins(data) -> set[str]:
    return {e["login"] for e in data["employees.json"]["employees"]}


def check_requisites(entry: dict, personal: bool) -> list[str]:
    """Problems with the requisites of an organization (or of our company)."""
    name, problems = entry["name"], []
    inn, kpp, ogrn, bik = entry["inn"], entry["kpp"], entry["ogrn"], entry["bik"]
    if not (rq.inn_is_valid(inn) and len(inn) == (12 if personal else 10)):
        problems.append(f"{name}: INN {inn}")
    if personal:
        if kpp:
            problems.append(f"{name}: an ИП has no KPP, got {kpp}")
        if not (rq.ogrn_is_valid(ogrn) and len(ogrn) == 15 and ogrn[0] == "3"):
            problems.append(f"{name}: OGRNIP {ogrn}")
    else:
        if not (rq.kpp_is_valid(kpp) and kpp[:4] == inn[:4]):
            problems.append(f"{name}: KPP {kpp} for INN {inn}")
        if not (rq.ogrn_is_valid(ogrn) and len(ogrn) == 13):
            problems.append(f"{name}: OGRN {ogrn}")
    if ogrn[3:5] != inn[:2]:
        problems.append(f"{name}: OGRN {ogrn} and INN {inn} are of different regions")
    if not rq.bik_is_valid(bik):
        problems.append(f"{name}: BIK {bik}")
    account = entry["settlement_account"]
    if not (rq.settlement_account_is_valid(account, bik)
            and account.startswith("40802810" if personal else "40702810")):
        problems.append(f"{name}: settlement account {account} (BIK {bik})")
    if not rq.correspondent_account_is_valid(entry["correspondent_account"], bik):
        problems.append(f"{name}: correspondent account {entry['correspondent_account']}")
    return problems


# --- The files are the generator's output ---------------------------------------------------


def test_files_are_what_the_generator_builds():
    name = "_ectui_demo_build"
    spec = importlib.util.spec_from_file_location(name, DEMO / "build_demo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    try:
        spec.loader.exec_module(module)
        built = module.build()
    finally:
        del sys.modules[name]
    assert sorted(built) == sorted(FILES)
    for name, content in built.items():
        assert module.dump(content) == (DEMO / name).read_text(encoding="utf-8"), (
            f"{name} is stale: run .venv/bin/python data/demo/build_demo.py")


def test_sizes(data, orgs, contacts):
    assert 75 <= len(orgs) <= 90
    assert 180 <= len(contacts) <= 240
    assert 12 <= len(data["links.json"]) <= 20
    assert 7 <= len(data["employees.json"]["employees"]) <= 9


# --- Requisites ----------------------------------------------------------------------------------


def test_organization_requisites_are_valid(orgs):
    problems = [p for o in orgs for p in check_requisites(o, personal=o["legal_form"] == "ИП")]
    assert problems == []


def test_our_company_requisites_are_valid(data):
    ours = data["our_company.json"]
    assert check_requisites(ours, personal=False) == []
    assert ours["name"] == "ООО «Вектор Плюс»"
    director = ours["director"]
    assert (director["last_name"], director["first_name"], director["patronymic"]) == (
        "Орлов", "Евгений", "Евгеньевич")
    assert director["position"] == "Генеральный директор"
    assert director["basis"] == "Устава"
    assert ours["chief_accountant"]["last_name"]


def test_inns_and_ogrns_are_unique(data, orgs):
    inns = [o["inn"] for o in orgs] + [data["our_company.json"]["inn"]]
    ogrns = [o["ogrn"] for o in orgs] + [data["our_company.json"]["ogrn"]]
    assert [i for i, n in Counter(inns).items() if n > 1] == []
    assert [i for i, n in Counter(ogrns).items() if n > 1] == []


# --- Organizations ----------------------------------------------------------------------------


def test_organization_fields(orgs, logins):
    problems = []
    for o in orgs:
        where = o["key"]
        if o["legal_form"] not in LEGAL_FORMS:
            problems.append(f"{where}: legal form {o['legal_form']}")
        if o["category"] not in CATEGORIES:
            problems.append(f"{where}: category {o['category']}")
        if o["source_channel"] not in SOURCES:
            problems.append(f"{where}: source {o['source_channel']}")
        if o["responsible"] not in logins:
            problems.append(f"{where}: responsible {o['responsible']}")
        if not o["segment"]:
            problems.append(f"{where}: no segment")
        if o["legal_form"] == "ИП":
            if not re.fullmatch(r"ИП \w+ \w\. \w\.", o["name"]):
                problems.append(f"{where}: ИП name {o['name']}")
            if not o["full_name"].startswith("Индивидуальный предприниматель "):
                problems.append(f"{where}: ИП full name {o['full_name']}")
        elif not (o["name"].startswith(o["legal_form"] + " «") and o["name"].endswith("»")):
            problems.append(f"{where}: name {o['name']}")
        if len(set(o["departments"])) != len(o["departments"]):
            problems.append(f"{where}: repeated departments")
    assert problems == []


def test_contact_details_pass_the_app_validators(orgs, contacts):
    problems = []

    def check(where: str, validator, value: str) -> None:
        try:
            validator(value)
        except FieldError as error:
            problems.append(f"{where}: {value!r} ({error})")

    for o in orgs:
        for phone in o["phones"]:
            check(o["key"], validation.phone, phone)
        check(o["key"], validation.phones, ", ".join(o["phones"]))
        check(o["key"], validation.phone, o["fax"])
        check(o["key"], validation.email, o["email"])
        check(o["key"], validation.website, o["website"])
        assert o["phones"], o["key"]
    for c in contacts:
        for name in ("work_phone", "mobile_phone", "home_phone"):
            check(c["key"], validation.phone, c[name])
        check(c["key"], validation.email, c["email"])
    assert problems == []


def test_keys_are_unique(data, orgs, contacts):
    for name, items, key in [("organizations", orgs, "key"), ("contacts", contacts, "key"),
                             ("groups", data["groups.json"], "key"),
                             ("custom fields", data["custom_fields.json"], "key"),
                             ("employees", data["employees.json"]["employees"], "login"),
                             ("departments", data["employees.json"]["departments"], "name")]:
        counts = Counter(item[key] for item in items)
        assert [k for k, n in counts.items() if n > 1] == [], name
        assert all(re.fullmatch(r"[a-z0-9]+([-_][a-z0-9]+)*", str(k)) for k in counts
                   if key != "name"), name
    assert len({o["name"] for o in orgs}) == len(orgs)
    names = Counter((c["last_name"], c["first_name"], c["patronymic"]) for c in contacts)
    assert [n for n, count in names.items() if count > 1] == []


def test_romashka(orgs, contacts):
    romashka = [o for o in orgs if o["name"] == "ООО «Ромашка»"]
    assert len(romashka) == 1
    org = romashka[0]
    assert org["legal_form"] == "ООО"
    assert org["category"] == "client"
    assert org["full_name"] == "Общество с ограниченной ответственностью «Ромашка»"
    people = [c for c in contacts if c["organization"] == org["key"]]
    assert len(people) >= 3
    yulia = [c for c in people if (c["first_name"], c["patronymic"]) == ("Юлия", "Михайловна")]
    assert len(yulia) == 1 and yulia[0]["gender"] == "f"


def test_names_with_yo_and_latin_letters(orgs):
    assert sum("ё" in o["name"].lower() for o in orgs) >= 2
    assert sum(bool(re.search(r"«[A-Za-z]", o["name"])) for o in orgs) >= 2
    assert "ООО «TechnoSoft»" in {o["name"] for o in orgs}


def test_mixes(orgs):
    assert set(Counter(o["category"] for o in orgs)) == CATEGORIES
    assert set(Counter(o["source_channel"] for o in orgs)) == SOURCES
    assert len({o["legal_form"] for o in orgs}) >= 6
    assert len({o["segment"] for o in orgs}) >= 8
    cities = {re.search(r"\bг\. ([^,]+)", o["legal_address"]).group(1) for o in orgs}
    assert len(cities) >= 15


# --- Our company and its people ----------------------------------------------------------------


def test_employees(data, logins):
    staff = data["employees.json"]
    departments = {d["name"] for d in staff["departments"]}
    for department in staff["departments"]:
        assert department["parent"] in departments | {None}
        assert department["head"] in logins
    roles = Counter(e["role"] for e in staff["employees"])
    assert roles["head"] == 1 and roles["senior_manager"] == 2 and roles["manager"] == 2
    assert roles["trainee"] == 1 and roles["admin"] == 1
    for e in staff["employees"]:
        assert e["department"] in departments
        assert re.fullmatch(r"[a-z][a-z0-9_.-]*", e["login"])
        assert isinstance(e["is_admin"], bool)
        validation.email(e["email"])
        validation.phone(e["phone"])
    assert any(e["is_admin"] for e in staff["employees"])
    assert "orlov" in logins


# --- Contacts ---------------------------------------------------------------------------------


def test_contact_references(orgs, contacts, logins):
    by_org = {o["key"]: o for o in orgs}
    by_key = {c["key"]: c for c in contacts}
    problems = []
    for c in contacts:
        where = c["key"]
        org = by_org.get(c["organization"]) if c["organization"] is not None else None
        if c["organization"] is not None and org is None:
            problems.append(f"{where}: organization {c['organization']}")
        departments = org["departments"] if org else []
        if c["department"] and c["department"] not in departments:
            problems.append(f"{where}: department {c['department']!r}")
        if c["responsible"] not in logins:
            problems.append(f"{where}: responsible {c['responsible']}")
        if c["decision_role"] not in DECISION_ROLES:
            problems.append(f"{where}: decision role {c['decision_role']}")
        boss = c["reports_to"]
        if boss is not None:
            if boss not in by_key or boss == where:
                problems.append(f"{where}: reports to {boss}")
            elif by_key[boss]["organization"] != c["organization"] or org is None:
                problems.append(f"{where}: reports to {boss} of another organization")
        # No cycles in who reports to whom.
        seen, current = {where}, by_key.get(boss) if boss else None
        while current is not None:
            if current["key"] in seen:
                problems.append(f"{where}: reporting cycle")
                break
            seen.add(current["key"])
            current = by_key.get(current["reports_to"]) if current["reports_to"] else None
    assert problems == []
    with_people = {c["organization"] for c in contacts}
    assert [o["key"] for o in orgs if o["key"] not in with_people] == []


def test_genders_match_patronymics(contacts):
    problems = []
    for c in contacts:
        patronymic = c["patronymic"]
        if patronymic.endswith(("вич", "ич")):
            expected = "m"
        elif patronymic.endswith(("вна", "чна")):
            expected = "f"
        else:
            problems.append(f"{c['key']}: patronymic {patronymic!r}")
            continue
        if c["gender"] != expected:
            problems.append(f"{c['key']}: {patronymic} but gender {c['gender']!r}")
    assert problems == []


def test_contact_texts_are_strings(contacts):
    for c in contacts:
        for name in CONTACT_TEXT:
            assert isinstance(c[name], str), (c["key"], name)
        assert c["last_name"] and c["first_name"] and c["position"], c["key"]


def test_birthdays(contacts):
    today = date(2026, 11, 23)
    days = []
    for c in contacts:
        if c["birthday"]:
            day = date.fromisoformat(c["birthday"])
            assert day.isoformat() == c["birthday"], c["key"]
            assert 1940 <= day.year <= today.year - 18, c["key"]
            days.append(day)
    assert len(days) >= 0.8 * len(contacts)
    in_week = [d for d in days if (d.month, d.day) >= (11, 23) and (d.month, d.day) <= (11, 29)]
    assert len(in_week) >= 5
    assert len({d.month for d in days}) == 12


# --- Groups, custom fields, links -----------------------------------------------------------------


def test_groups_match_their_members(data, orgs, contacts):
    kinds = {g["key"]: g["kind"] for g in data["groups.json"]}
    assert set(kinds.values()) == {"organization", "contact"}
    for kind, items in (("organization", orgs), ("contact", contacts)):
        for item in items:
            assert len(set(item["groups"])) == len(item["groups"]), item["key"]
            for group in item["groups"]:
                assert kinds.get(group) == kind, (item["key"], group)
    used = {g for item in orgs + contacts for g in item["groups"]}
    assert used == set(kinds)
    assert {g["name"] for g in data["groups.json"]} >= {
        "Ключевые клиенты", "Дилеры", "Участники выставки 2026", "Очень важные лица",
        "Поздравлять с праздниками"}


def _canonical(field: dict, value: str) -> bool:
    kind = field["field_type"]
    if kind == "number":
        return re.fullmatch(r"-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?", value) is not None
    if kind == "date":
        try:
            return date.fromisoformat(value).isoformat() == value
        except ValueError:
            return False
    if kind == "bool":
        return value in ("true", "false")
    if kind == "choice":
        return value in field["choices"]
    return bool(value.strip())


def test_custom_values(data, orgs, contacts):
    fields = {f["key"]: f for f in data["custom_fields.json"]}
    for f in fields.values():
        assert f["applies_to"] in ("organization", "contact")
        assert f["field_type"] in ("text", "number", "date", "bool", "choice")
        assert bool(f["choices"]) == (f["field_type"] == "choice"), f["key"]
    problems = []
    for kind, items in (("organization", orgs), ("contact", contacts)):
        for item in items:
            for key, value in item["custom"].items():
                field = fields.get(key)
                if field is None or field["applies_to"] != kind:
                    problems.append(f"{item['key']}: custom field {key}")
                elif not isinstance(value, str) or not _canonical(field, value):
                    problems.append(f"{item['key']}: {key} = {value!r}")
    assert problems == []


def test_links(data, orgs, contacts):
    keys = {"organization": {o["key"] for o in orgs}, "contact": {c["key"] for c in contacts}}
    for link in data["links.json"]:
        assert link["label"] in LINK_LABELS
        ends = []
        for end in (link["from"], link["to"]):
            assert len(end) == 1, link
            (kind, key), = end.items()
            assert key in keys[kind], link
            ends.append((kind, key))
        assert ends[0] != ends[1], link
    assert {link["label"] for link in data["links.json"]} == LINK_LABELS
