"""The demo's sales documents: a price list, proposals of the last weeks, invoices made from
them (one paid and shipped, one half paid and due today, one overdue) and contracts made
from the shipped Word templates.

Everything goes through the services, each document made by its client's manager at its
own moment in the past, so the «Оплата счета» tasks land in Today as they would have.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from ectui.clock import Clock, FixedClock
from ectui.db import write_transaction
from ectui.models import Employee, Organization
from ectui.money import format_money, to_kopecks
from ectui.services import company, contracts, invoices, payments, products, proposals
from ectui.services.context import Context
from ectui.services.employees import actor_for_login

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"


def _read(name: str):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _at(clock: Clock, days_ago: int, hour: int = 10) -> FixedClock:
    moment = (clock.now() - dt.timedelta(days=days_ago)).replace(hour=hour, minute=0, second=0,
                                                                 microsecond=0)
    return FixedClock(moment, zone=moment.tzinfo)


def _day(clock: FixedClock, days: int = 0) -> str:
    return (clock.now().date() + dt.timedelta(days=days)).strftime("%d.%m.%Y")


def documents_dir_for(url: str) -> Path | None:
    """Where the demo's contract files go: beside an SQLite demo file, so trying the demo
    leaves nothing in the user's Documents folder."""
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///"):]).expanduser().parent / "demo-documents"
    return None


def _manager_of(org_id: int, clock: Clock, admin: Context) -> Context:
    """The client's responsible manager acts; the administrator when there is none."""
    responsible = Organization.get_by_id(org_id).responsible_id
    emp = Employee.get_or_none(Employee.id == responsible) if responsible else None
    actor = actor_for_login(emp.login) if emp else None
    return Context(actor or admin.actor, clock)


def load_demo_documents(admin: Context, org_ids: dict[str, int], contact_ids: dict[str, int],
                        *, documents_dir: Path | None = None) -> dict[str, int]:
    """Load ``data/demo/documents.json``; ``documents_dir`` is where contract files go (the
    demo keeps them beside its database). Returns how many of each were made."""
    data = _read("documents.json")
    with write_transaction():
        company.store_company_data(_read("our_company.json"))
    if documents_dir is not None:
        company.save_document_settings(admin, {"payment_days": str(company.DEFAULT_PAYMENT_DAYS),
                                               "output_dir": str(documents_dir)})
    group_ids = {name: products.save_product_group(admin, name)
                 for name in data.get("product_groups", ())}
    product_ids = {item["key"]: products.save_product(admin, {
        "kind": item["kind"], "group": str(group_ids.get(item.get("group"), "")),
        "name": item["name"], "article": item.get("article", ""),
        "unit": item["unit"], "price": item["price"], "vat_rate": item.get("vat_rate", "")})
        for item in data["products"]}
    from ectui.demo_history import load_sales_history  # the year before: made first, so
    # the year's documents are numbered in the order of their dates

    load_sales_history(admin, org_ids, product_ids)
    proposal_ids = {item["key"]: _proposal(admin, item, org_ids, contact_ids, product_ids)
                    for item in data["proposals"]}
    invoice_ids = {item["key"]: _invoice(admin, item, org_ids, contact_ids, product_ids,
                                         proposal_ids) for item in data["invoices"]}
    made = 0
    for item in sorted(data["contracts"], key=lambda c: -c["days_ago"]):
        _contract(admin, item, org_ids, contact_ids, invoice_ids)
        made += 1
    return {"products": len(product_ids), "proposals": len(proposal_ids),
            "invoices": len(invoice_ids), "contracts": made}


def _proposal(admin: Context, item: dict, org_ids, contact_ids, product_ids) -> int:
    org_id = org_ids[item["organization"]]
    clock = _at(admin.clock, item["days_ago"])
    ctx = _manager_of(org_id, clock, admin)
    proposal_id = proposals.create_proposal(ctx, {
        "organization_id": org_id, "contact_id": contact_ids.get(item.get("contact")),
        "date": _day(clock), "valid_until": _day(clock, item.get("valid_days", 14)),
        "subject": item.get("subject", ""), "notes": item.get("notes", "")})
    for product, quantity, discount in item["lines"]:
        proposals.add_product(ctx, proposal_id, product_ids[product], quantity, discount)
    for side, person, role in item.get("people", []):
        proposals.add_person(ctx, proposal_id, side, contact_ids[person], role)
    if item.get("status", "draft") != "draft":
        proposals.set_status(ctx, proposal_id, item["status"])
    return proposal_id


def _invoice(admin: Context, item: dict, org_ids, contact_ids, product_ids,
             proposal_ids) -> int:
    clock = _at(admin.clock, item["days_ago"], hour=11)
    header = {"date": _day(clock), "pay_until": _day(clock, item.get("pay_days", 5)),
              "basis": item.get("basis", "")}
    if item.get("proposal"):
        proposal_id = proposal_ids[item["proposal"]]
        org_id = proposals.get_proposal(proposal_id).organization_id
        ctx = _manager_of(org_id, clock, admin)
        invoice_id = invoices.invoice_from_proposal(ctx, proposal_id, header)
    else:
        org_id = org_ids[item["organization"]]
        ctx = _manager_of(org_id, clock, admin)
        invoice_id = invoices.create_invoice(ctx, {
            **header, "organization_id": org_id,
            "contact_id": contact_ids.get(item.get("contact"))})
        for product, quantity, discount in item["lines"]:
            invoices.add_product(ctx, invoice_id, product_ids[product], quantity, discount)
    total = invoices.get_invoice(invoice_id).total
    for kind in ("payments", "shipments"):
        for event in item.get(kind, []):
            moment = _at(admin.clock, event["days_ago"], hour=14)
            actor_ctx = Context(ctx.actor, moment)
            amount = to_kopecks(total * Decimal(event["share"]))
            values = {"date": _day(moment), "amount": format_money(amount),
                      "document": event.get("document", "")}
            if kind == "payments":
                payments.record_payment(actor_ctx, invoice_id, values)
            else:
                payments.record_shipment(actor_ctx, invoice_id, values)
    return invoice_id


def _contract(admin: Context, item: dict, org_ids, contact_ids, invoice_ids) -> None:
    org_id = org_ids[item["organization"]]
    clock = _at(admin.clock, item["days_ago"], hour=12)
    ctx = _manager_of(org_id, clock, admin)
    invoice_id = invoice_ids.get(item.get("invoice"))
    draft = contracts.contract_draft(ctx, org_id, invoice_id=invoice_id)
    values = {**draft.values, "template": item["template"], "subject": item.get("subject", "")}
    if item.get("signatory"):
        values["client.contact_id"] = contact_ids[item["signatory"]]
        for part, value in contracts.signatory_of_contact(contact_ids[item["signatory"]]).items():
            values[f"client.{part}"] = value
    contracts.create_contract(ctx, values)
