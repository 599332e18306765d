"""The benchmark's data generator: the sizes asked for, and data the services would have made."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from peewee import fn

import ectui.db
from benchmarks.gen_client_base import Sizes
from benchmarks.generate import METADATA_KEY, generate
from ectui import requisites, search, validation
from ectui.models import (
    Contact,
    Employee,
    Invoice,
    InvoiceLine,
    Organization,
    Payment,
    Setting,
    Task,
)
from ectui.services import custom_fields
from ectui.services.contacts import contact_search_text
from ectui.services.organizations import (
    delete_organization,
    organization_search_text,
    save_organization,
)
from ectui.services.reports.numbers import money
from ectui.services.task_rollup import derived_status
from tests.ectui.helpers import ROMASHKA, admin_context

SCALE = 0.002
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module", params=[
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
])
def generated_database(request, tmp_path_factory):
    """One generated database per engine for the whole module: generating takes seconds."""
    name = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('generated') / 'bench.sqlite3'}"
    else:
        server = request.getfixturevalue("pg_server")
        name = server.unique_name("generated")
        url = server.create_database(name)
    metadata = generate([url], SCALE, seed=5, today=TODAY)
    db = ectui.db.open_database(url)
    try:
        yield metadata, db
    finally:
        if not db.is_closed():
            db.close()
        if name is not None:
            server.drop_database(name)


@pytest.fixture
def generated(generated_database):
    metadata, db = generated_database
    ectui.db.bind(db)
    db.connect(reuse_if_open=True)
    return metadata


def test_sizes_scale_from_the_full_department():
    full = Sizes.for_scale(1.0)
    assert (full.organizations, full.contacts, full.employees, full.tasks, full.invoices) == (
        100_000, 300_000, 50, 2_000_000, 200_000)
    assert Sizes.for_scale(0.1).contacts == 30_000


def test_generates_the_sizes_asked_for(generated):
    sizes = Sizes.for_scale(SCALE)
    assert Organization.select().count() == sizes.organizations
    assert Contact.select().count() == sizes.contacts
    assert Employee.select().count() == sizes.employees
    assert Task.select().count() == sizes.tasks
    assert generated["rows"]["task"] == sizes.tasks
    assert Invoice.select().count() == sizes.invoices
    stored = Setting.get(Setting.key == METADATA_KEY)
    assert json.loads(stored.value) == generated


def test_search_text_and_sort_key_are_the_services_own(generated):
    for org in Organization.select().order_by(Organization.id).limit(40):
        custom = custom_fields.custom_values_of("organization", org.id)
        assert org.search_text == organization_search_text(org, custom)
        assert org.sort_key == search.sort_key(org.name)
    for contact in Contact.select().order_by(Contact.id).limit(80):
        custom = custom_fields.custom_values_of("contact", contact.id)
        assert contact.search_text == contact_search_text(contact, custom)


def test_requisites_and_phones_pass_the_validators(generated):
    for org in Organization.select():
        assert requisites.inn_is_valid(org.inn)
        assert requisites.ogrn_is_valid(org.ogrn)
        assert requisites.settlement_account_is_valid(org.settlement_account, org.bik)
        assert requisites.correspondent_account_is_valid(org.correspondent_account, org.bik)
        assert validation.phones(org.phones) == org.phones
        assert validation.email(org.email) == org.email
    for contact in Contact.select():
        assert validation.phone(contact.work_phone) == contact.work_phone
        assert validation.phone(contact.mobile_phone) == contact.mobile_phone


def test_task_trees_hang_together(generated):
    tasks = {t.id: t for t in Task.select()}
    children: dict[int, list[Task]] = {}
    for task in tasks.values():
        if task.parent_id:
            children.setdefault(task.parent_id, []).append(task)
            assert task.root_id == tasks[task.parent_id].root_id
            assert task.organization_id == tasks[task.parent_id].organization_id
        if task.level == "project":
            assert task.parent_id is None and task.root_id == task.id
        elif task.level == "stage":
            assert tasks[task.parent_id].level == "project"
        if task.status == "done":
            assert task.finished_at is not None
        if task.result_id:
            assert task.result.task_type_id == task.task_type_id

    def leaves(task: Task) -> list[str]:
        below = children.get(task.id)
        return [s for child in below for s in leaves(child)] if below else [task.status]

    for task in tasks.values():
        if task.level != "operation" and task.id in children:
            assert task.status == derived_status(leaves(task), "planned")


def test_invoices_add_up(generated):
    lines = dict(InvoiceLine.select(InvoiceLine.invoice, fn.SUM(InvoiceLine.total))
                 .group_by(InvoiceLine.invoice).tuples())
    payments = dict(Payment.select(Payment.invoice, fn.SUM(Payment.amount))
                    .group_by(Payment.invoice).tuples())
    numbers = set()
    for invoice in Invoice.select():
        assert money(lines[invoice.id]) == invoice.total
        assert money(payments.get(invoice.id, 0)) == invoice.paid
        expected = {True: "paid", False: "partly_paid"}[invoice.paid == invoice.total] \
            if invoice.paid else None
        assert invoice.status == expected or (not invoice.paid and invoice.status in (
            "issued", "cancelled"))
        assert (invoice.year, invoice.number) not in numbers
        numbers.add((invoice.year, invoice.number))


def test_the_app_can_add_records_after_the_bulk_load(generated):
    # On PostgreSQL the id sequences must have moved past the generated ids.
    ctx = admin_context(generated["logins"]["admin"])
    org_id = save_organization(ctx, ROMASHKA)
    try:
        assert org_id == Sizes.for_scale(SCALE).organizations + 1
    finally:
        delete_organization(ctx, org_id)


def test_same_seed_same_data(tmp_path: Path):
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    for path in (first, second):
        generate([f"sqlite:///{path}"], SCALE, seed=9, today=TODAY)

    def dump(path: Path) -> list:
        with sqlite3.connect(path) as conn:
            return [conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                    for table in ("employee", "organization", "contact", "task")]

    assert dump(first) == dump(second)
