"""Sales documents: the price list, proposals, invoices with their payments and shipments,
and the contract register. Numbers run per year per kind of document.

Money is NUMERIC(14, 2) and quantities NUMERIC(14, 3), read back as ``Decimal``. Lines keep
a copy of the name, unit, price and VAT rate they were made with, so editing the price list
never changes a document already given to a client.
"""

from __future__ import annotations

import peewee

from ectui.models.base import BaseModel
from ectui.models.client_base import Contact, Organization
from ectui.models.fields import UtcDateTimeField
from ectui.models.people import Employee
from ectui.models.tasks import Task

PRODUCT_KINDS = ("goods", "service")
PROPOSAL_STATUSES = ("draft", "sent", "accepted", "rejected", "invoiced")
INVOICE_STATUSES = ("issued", "partly_paid", "paid", "cancelled")
PERSON_SIDES = ("ours", "client")
NUMBERED_KINDS = ("proposal", "invoice", "contract")


def money_field(**kw) -> peewee.DecimalField:
    return peewee.DecimalField(max_digits=14, decimal_places=2, auto_round=True, **kw)


def quantity_field(**kw) -> peewee.DecimalField:
    return peewee.DecimalField(max_digits=14, decimal_places=3, auto_round=True, **kw)


class ProductGroup(BaseModel):
    """A direction of the business («направление»: оборудование, монтаж, обучение…): the
    administrator's named list that groups the price list for the sales reports."""

    name = peewee.CharField(max_length=100, unique=True)
    position = peewee.IntegerField(default=0)


class Product(BaseModel):
    """A line of the price list: goods or a service, its unit, price and VAT rate."""

    kind = peewee.CharField(max_length=20, default="goods")
    # Sales by direction sum invoice lines by their product's group; none is «без направления».
    group = peewee.ForeignKeyField(ProductGroup, null=True, backref="products",
                                   on_delete="SET NULL")
    name = peewee.CharField(max_length=300)
    article = peewee.CharField(max_length=50, default="")  # артикул, the supplier's code
    unit = peewee.CharField(max_length=20, default="шт")
    price = money_field()
    # "" takes our company's rate; "none" is «без НДС»; else a whole percent.
    vat_rate = peewee.CharField(max_length=8, default="")
    description = peewee.TextField(default="")
    # Products used in documents are archived, not deleted; the archive is hidden from pickers.
    is_active = peewee.BooleanField(default=True)
    search_text = peewee.TextField(default="")  # folded name and article: what search matches
    sort_key = peewee.CharField(max_length=300, default="", index=True)
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()
    version = peewee.IntegerField(default=1)


class DocumentCounter(BaseModel):
    """The last number given to a kind of document in a year: «Счет № 1» every January."""

    kind = peewee.CharField(max_length=20)
    year = peewee.IntegerField()
    last_number = peewee.IntegerField(default=0)

    class Meta:
        indexes = ((("kind", "year"), True),)


class Proposal(BaseModel):
    """A commercial proposal to a client: what we offer, at what price and discount."""

    number = peewee.IntegerField()
    year = peewee.IntegerField()
    date = peewee.DateField()
    valid_until = peewee.DateField(null=True)
    organization = peewee.ForeignKeyField(Organization, backref="proposals", on_delete="CASCADE")
    contact = peewee.ForeignKeyField(Contact, null=True, on_delete="SET NULL")  # addressed to
    responsible = peewee.ForeignKeyField(Employee, backref="proposals")
    subject = peewee.CharField(max_length=300, default="")
    notes = peewee.TextField(default="")
    vat_mode = peewee.CharField(max_length=10)
    status = peewee.CharField(max_length=20, default="draft")
    amount = money_field(default=0)
    discount = money_field(default=0)
    vat = money_field(default=0)
    total = money_field(default=0)
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()
    version = peewee.IntegerField(default=1)

    class Meta:
        indexes = ((("year", "number"), True), (("organization", "date"), False),
                   (("responsible", "date"), False))


class ProposalPerson(BaseModel):
    """Someone involved in a proposal: our employee or the client's contact person, and
    their part in it («подготовил», «ЛПР», «технический специалист»)."""

    proposal = peewee.ForeignKeyField(Proposal, backref="people", on_delete="CASCADE")
    side = peewee.CharField(max_length=10)
    employee = peewee.ForeignKeyField(Employee, null=True, on_delete="CASCADE")
    contact = peewee.ForeignKeyField(Contact, null=True, on_delete="CASCADE")
    role = peewee.CharField(max_length=200, default="")


class _Line(BaseModel):
    position = peewee.IntegerField(default=0)
    product = peewee.ForeignKeyField(Product, null=True, on_delete="SET NULL")
    name = peewee.CharField(max_length=500)
    unit = peewee.CharField(max_length=20, default="шт")
    quantity = quantity_field()
    price = money_field()
    discount_percent = peewee.DecimalField(max_digits=5, decimal_places=2, auto_round=True,
                                           default=0)
    vat_rate = peewee.CharField(max_length=8)
    amount = money_field(default=0)
    discount = money_field(default=0)
    vat = money_field(default=0)
    total = money_field(default=0)


class ProposalLine(_Line):
    proposal = peewee.ForeignKeyField(Proposal, backref="lines", on_delete="CASCADE")

    class Meta:
        indexes = ((("proposal", "position"), False),)


class Invoice(BaseModel):
    """An invoice («счет на оплату»): what the client must pay, by when; payments and
    shipments are recorded against it."""

    number = peewee.IntegerField()
    year = peewee.IntegerField()
    date = peewee.DateField()
    pay_until = peewee.DateField()
    organization = peewee.ForeignKeyField(Organization, backref="invoices", on_delete="CASCADE")
    contact = peewee.ForeignKeyField(Contact, null=True, on_delete="SET NULL")
    proposal = peewee.ForeignKeyField(Proposal, null=True, backref="invoices",
                                      on_delete="SET NULL")
    responsible = peewee.ForeignKeyField(Employee, backref="invoices")
    basis = peewee.CharField(max_length=300, default="")  # «Основание: договор № … от …»
    notes = peewee.TextField(default="")
    vat_mode = peewee.CharField(max_length=10)
    status = peewee.CharField(max_length=20, default="issued")
    amount = money_field(default=0)
    discount = money_field(default=0)
    vat = money_field(default=0)
    total = money_field(default=0)
    paid = money_field(default=0)
    shipped = money_field(default=0)
    # The «Оплата счета» task put into the client's history when the invoice was made.
    payment_task = peewee.ForeignKeyField(Task, null=True, on_delete="SET NULL")
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()
    version = peewee.IntegerField(default=1)

    class Meta:
        indexes = ((("year", "number"), True), (("organization", "date"), False),
                   (("responsible", "date"), False), (("status", "pay_until"), False))


class InvoiceLine(_Line):
    invoice = peewee.ForeignKeyField(Invoice, backref="lines", on_delete="CASCADE")

    class Meta:
        indexes = ((("invoice", "position"), False),)


class Payment(BaseModel):
    """Money received against an invoice, in full or in part («п/п № 512 от 28.11.2026»)."""

    invoice = peewee.ForeignKeyField(Invoice, backref="payments", on_delete="CASCADE")
    date = peewee.DateField()
    amount = money_field()
    document = peewee.CharField(max_length=100, default="")
    note = peewee.TextField(default="")
    author = peewee.ForeignKeyField(Employee)
    created_at = UtcDateTimeField()


class Shipment(BaseModel):
    """Goods shipped or services rendered against an invoice («УПД № 45»)."""

    invoice = peewee.ForeignKeyField(Invoice, backref="shipments", on_delete="CASCADE")
    date = peewee.DateField()
    amount = money_field()
    document = peewee.CharField(max_length=100, default="")
    note = peewee.TextField(default="")
    author = peewee.ForeignKeyField(Employee)
    created_at = UtcDateTimeField()


class Contract(BaseModel):
    """The contract register: a contract generated from a Word template, its parties and
    signatories, and the generated file itself (so any session can open it again)."""

    number = peewee.CharField(max_length=50)
    year = peewee.IntegerField()
    date = peewee.DateField()
    template = peewee.CharField(max_length=200)   # the template's file name
    title = peewee.CharField(max_length=200)      # «Договор поставки»
    organization = peewee.ForeignKeyField(Organization, backref="contracts", on_delete="CASCADE")
    invoice = peewee.ForeignKeyField(Invoice, null=True, on_delete="SET NULL")
    proposal = peewee.ForeignKeyField(Proposal, null=True, on_delete="SET NULL")
    client_contact = peewee.ForeignKeyField(Contact, null=True, on_delete="SET NULL")
    responsible = peewee.ForeignKeyField(Employee, backref="contracts")
    subject = peewee.TextField(default="")
    amount = money_field(null=True)
    # Both signatories as typed (name parts, gender, position, basis), JSON.
    signatories = peewee.TextField(default="{}")
    file_name = peewee.CharField(max_length=300)
    file_path = peewee.TextField(default="")
    pdf_path = peewee.TextField(default="")
    document = peewee.BlobField()
    author = peewee.ForeignKeyField(Employee)
    created_at = UtcDateTimeField()

    class Meta:
        indexes = ((("organization", "date"), False), (("year", "number"), False))
