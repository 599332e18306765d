"""After the sale: what the client has (installed base, warranty, service contract) and the
client's requests («обращения»), handled through the admin's process of steps to deadlines."""

from __future__ import annotations

import peewee

from ectui.models.base import BaseModel
from ectui.models.client_base import Contact, Organization
from ectui.models.documents import Product, Shipment
from ectui.models.exchange import MailMessage
from ectui.models.fields import UtcDateTimeField
from ectui.models.people import Employee
from ectui.models.tasks import Task

CHANNELS = ("phone", "email", "visit", "other")
# 1 high, 2 normal, 3 low: as task priorities, so both sort the way people read them.
REQUEST_PRIORITIES = (1, 2, 3)
HISTORY_ACTIONS = ("registered", "advanced", "returned", "reassigned", "commented")


class InstalledItem(BaseModel):
    """A product or service the client has: from a shipment or entered by hand."""

    organization = peewee.ForeignKeyField(Organization, backref="installed_items",
                                          on_delete="CASCADE")
    # The price list line when there is one; ``name`` always holds what to show.
    product = peewee.ForeignKeyField(Product, null=True, on_delete="SET NULL")
    name = peewee.CharField(max_length=300)
    serial_number = peewee.CharField(max_length=100, default="", index=True)
    quantity = peewee.IntegerField(default=1)
    sold_on = peewee.DateField(null=True)
    installed_on = peewee.DateField(null=True)
    # The warranty runs to ``warranty_until``; when typed in months it is computed from the
    # installation day (or the sale's when not installed yet) and stored too.
    warranty_months = peewee.IntegerField(null=True)
    warranty_until = peewee.DateField(null=True)
    service_contract = peewee.CharField(max_length=200, default="")  # «Договор СО-12 от …»
    service_until = peewee.DateField(null=True)
    shipment = peewee.ForeignKeyField(Shipment, null=True, on_delete="SET NULL")
    notes = peewee.TextField(default="")
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()
    version = peewee.IntegerField(default=1)

    class Meta:
        indexes = ((("organization", "sold_on"), False),)


class RequestStep(BaseModel):
    """One step of the handling process, with the working hours allowed in it per priority.

    Steps follow ``position``; the last active one closes a request. ``marks_solved``: entering
    this step means the fault is solved (the time to solve is measured up to it).
    """

    code = peewee.CharField(max_length=50, unique=True)
    name = peewee.CharField(max_length=200, default="")  # "" for built-in: translated by code
    position = peewee.IntegerField(default=0)
    hours_high = peewee.FloatField(default=1)
    hours_normal = peewee.FloatField(default=4)
    hours_low = peewee.FloatField(default=8)
    marks_solved = peewee.BooleanField(default=False)
    is_active = peewee.BooleanField(default=True)


class ClientRequest(BaseModel):
    """A client's request («обращение»): a fault, a question, a complaint."""

    number = peewee.IntegerField(unique=True)
    organization = peewee.ForeignKeyField(Organization, backref="requests", on_delete="CASCADE")
    contact = peewee.ForeignKeyField(Contact, null=True, on_delete="SET NULL")
    item = peewee.ForeignKeyField(InstalledItem, null=True, backref="requests",
                                  on_delete="SET NULL")
    product_text = peewee.CharField(max_length=300, default="")  # when no item is chosen
    channel = peewee.CharField(max_length=20, default="phone")
    subject = peewee.CharField(max_length=300)
    description = peewee.TextField(default="")
    priority = peewee.IntegerField(default=2)
    category = peewee.CharField(max_length=100, default="", index=True)
    step = peewee.ForeignKeyField(RequestStep, on_delete="RESTRICT")
    is_closed = peewee.BooleanField(default=False)
    registered_at = UtcDateTimeField()
    step_started_at = UtcDateTimeField()
    step_due_at = UtcDateTimeField(null=True)  # None in the final step
    solve_due_at = UtcDateTimeField()  # the whole way to «solved», fixed at registration
    solved_at = UtcDateTimeField(null=True)
    closed_at = UtcDateTimeField(null=True)
    responsible = peewee.ForeignKeyField(Employee, backref="requests")
    controller = peewee.ForeignKeyField(Employee, null=True, backref="controlled_requests")
    author = peewee.ForeignKeyField(Employee)
    # The operational task in the client's history: it carries the request in the task tree
    # and is what reminders and notices point at.
    task = peewee.ForeignKeyField(Task, null=True, on_delete="SET NULL")
    mail = peewee.ForeignKeyField(MailMessage, null=True, on_delete="SET NULL")
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()
    version = peewee.IntegerField(default=1)

    class Meta:
        indexes = (
            (("is_closed", "step_due_at"), False),
            (("responsible", "is_closed"), False),
            (("organization", "registered_at"), False),
            (("item",), False),
        )


class RequestEvent(BaseModel):
    """The history of a request: who moved it to which step, when, with what comment."""

    request = peewee.ForeignKeyField(ClientRequest, backref="events", on_delete="CASCADE")
    action = peewee.CharField(max_length=20)
    from_step = peewee.ForeignKeyField(RequestStep, null=True, on_delete="SET NULL")
    to_step = peewee.ForeignKeyField(RequestStep, null=True, on_delete="SET NULL")
    employee = peewee.ForeignKeyField(Employee)
    at = UtcDateTimeField()
    comment = peewee.TextField(default="")
    # Whether the step left was past its deadline: the reports count late steps from here.
    was_late = peewee.BooleanField(default=False)

    class Meta:
        indexes = ((("request", "at"), False),)
