"""Mailing and data exchange: letter templates, saved recipient filters, mailings with their
outbox, mail messages kept in the clients' history, and marketing campaigns."""

from __future__ import annotations

import peewee

from ectui.models.base import BaseModel
from ectui.models.client_base import Contact, Organization
from ectui.models.fields import UtcDateTimeField
from ectui.models.people import Employee
from ectui.models.tasks import Task

TEMPLATE_KINDS = ("email", "docx")
MAILING_CHANNELS = ("email", "print", "single")
# pending → sending → sent | failed; skipped: never sendable (no address); unknown: the server
# may have taken it but the result was not recorded (a crash) — never resent by itself.
OUTBOX_STATUSES = ("pending", "sending", "sent", "failed", "skipped", "unknown")
MAIL_DIRECTIONS = ("in", "out")
MAIL_STATUSES = ("assigned", "unmatched", "ignored")
CAMPAIGN_KINDS = ("event", "advertisement", "mailing")
RESPONSES = ("", "came", "answered", "declined")
LEAD_KINDS = ("new_client", "deal")


class MailTemplate(BaseModel):
    """A letter template: an e-mail (subject and text with fields) or a Word .docx (docxtpl)."""

    name = peewee.CharField(max_length=200, unique=True)
    kind = peewee.CharField(max_length=20, default="email")
    subject = peewee.TextField(default="")
    body = peewee.TextField(default="")
    # The .docx file itself, so every session of a shared database prints from the same one.
    docx = peewee.BlobField(null=True)
    docx_name = peewee.CharField(max_length=255, default="")
    is_active = peewee.BooleanField(default=True)
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()


class SavedFilter(BaseModel):
    """Recipient criteria kept under a name («Дни рождения на этой неделе»)."""

    name = peewee.CharField(max_length=200)
    kind = peewee.CharField(max_length=20)  # organization or contact
    criteria = peewee.TextField(default="{}")  # JSON of RecipientCriteria
    owner = peewee.ForeignKeyField(Employee, null=True, backref="saved_filters",
                                   on_delete="CASCADE")
    created_at = UtcDateTimeField()

    class Meta:
        indexes = ((("kind", "name"), True),)


class Campaign(BaseModel):
    """A marketing campaign: an event, an advertisement or a mailing, with its cost."""

    name = peewee.CharField(max_length=200, unique=True)
    kind = peewee.CharField(max_length=20, default="event")
    channel = peewee.CharField(max_length=200, default="", index=True)
    cost = peewee.DecimalField(max_digits=15, decimal_places=2, default=0)
    starts_on = peewee.DateField(null=True)
    ends_on = peewee.DateField(null=True)
    description = peewee.TextField(default="")
    responsible = peewee.ForeignKeyField(Employee, null=True, backref="campaigns",
                                         on_delete="SET NULL")
    created_at = UtcDateTimeField()


class CampaignMember(BaseModel):
    """A client invited to a campaign, and whether they came or answered."""

    campaign = peewee.ForeignKeyField(Campaign, backref="members", on_delete="CASCADE")
    organization = peewee.ForeignKeyField(Organization, null=True, on_delete="CASCADE")
    contact = peewee.ForeignKeyField(Contact, null=True, on_delete="CASCADE")
    # "contact:12" or "organization:5": one row per client per campaign.
    member_key = peewee.CharField(max_length=40)
    invited_at = UtcDateTimeField()
    response = peewee.CharField(max_length=20, default="")
    responded_at = UtcDateTimeField(null=True)

    class Meta:
        indexes = ((("campaign", "member_key"), True),)


class CampaignLead(BaseModel):
    """What a campaign brought: a new client, or a deal with its amount."""

    campaign = peewee.ForeignKeyField(Campaign, backref="leads", on_delete="CASCADE")
    organization = peewee.ForeignKeyField(Organization, null=True, on_delete="CASCADE")
    contact = peewee.ForeignKeyField(Contact, null=True, on_delete="CASCADE")
    kind = peewee.CharField(max_length=20, default="new_client")
    amount = peewee.DecimalField(max_digits=15, decimal_places=2, default=0)
    note = peewee.TextField(default="")
    at = UtcDateTimeField()


class Mailing(BaseModel):
    """Letters by one template to one list: e-mails through SMTP or one .docx for post."""

    title = peewee.CharField(max_length=300)
    channel = peewee.CharField(max_length=20, default="email")
    template = peewee.ForeignKeyField(MailTemplate, null=True, on_delete="SET NULL")
    campaign = peewee.ForeignKeyField(Campaign, null=True, backref="mailings",
                                      on_delete="SET NULL")
    author = peewee.ForeignKeyField(Employee, backref="mailings")
    created_at = UtcDateTimeField()


class OutboxMessage(BaseModel):
    """One letter of a mailing to one recipient; the unique key makes a second copy impossible."""

    mailing = peewee.ForeignKeyField(Mailing, backref="messages", on_delete="CASCADE")
    recipient_key = peewee.CharField(max_length=40)  # contact:12 / organization:5
    organization = peewee.ForeignKeyField(Organization, null=True, on_delete="SET NULL")
    contact = peewee.ForeignKeyField(Contact, null=True, on_delete="SET NULL")
    name = peewee.CharField(max_length=300, default="")  # as addressed, kept if deleted later
    email = peewee.CharField(max_length=254, default="")
    subject = peewee.TextField(default="")
    body = peewee.TextField(default="")
    # The template's fields for this recipient (JSON), for printing a Word letter from them.
    fields = peewee.TextField(default="{}")
    # Fixed when the letter is made: a resend after a crash carries the same id.
    message_id = peewee.CharField(max_length=255, unique=True)
    position = peewee.IntegerField(default=0)
    status = peewee.CharField(max_length=20, default="pending")
    error = peewee.TextField(default="")
    attempts = peewee.IntegerField(default=0)
    # When a session took the letter to send it: a "sending" letter claimed long ago was
    # interrupted, and is shown as "unknown" rather than sent again.
    claimed_at = UtcDateTimeField(null=True)
    sent_at = UtcDateTimeField(null=True)
    task = peewee.ForeignKeyField(Task, null=True, on_delete="SET NULL")

    class Meta:
        indexes = ((("mailing", "recipient_key"), True), (("mailing", "status"), False))


class MailMessage(BaseModel):
    """An e-mail kept in ectui: imported from a mailbox, or sent from ectui (its copy)."""

    message_id = peewee.CharField(max_length=255, unique=True)
    direction = peewee.CharField(max_length=10, default="in")
    from_addr = peewee.TextField(default="")
    to_addrs = peewee.TextField(default="")
    subject = peewee.TextField(default="")
    body = peewee.TextField(default="")
    sent_at = UtcDateTimeField(null=True)
    imported_at = UtcDateTimeField()
    source = peewee.CharField(max_length=300, default="")
    status = peewee.CharField(max_length=20, default="assigned")

    class Meta:
        indexes = ((("status", "sent_at"), False),)


class MailMessageTask(BaseModel):
    """A message in one client's history: the task that shows it there."""

    message = peewee.ForeignKeyField(MailMessage, backref="history", on_delete="CASCADE")
    task = peewee.ForeignKeyField(Task, on_delete="CASCADE")
    organization = peewee.ForeignKeyField(Organization, null=True, on_delete="CASCADE")
    contact = peewee.ForeignKeyField(Contact, null=True, on_delete="SET NULL")

    class Meta:
        indexes = ((("message", "task"), True), (("task",), False))


class MailAttachment(BaseModel):
    message = peewee.ForeignKeyField(MailMessage, backref="attachments", on_delete="CASCADE")
    filename = peewee.CharField(max_length=300, default="")
    content_type = peewee.CharField(max_length=200, default="application/octet-stream")
    size = peewee.IntegerField(default=0)
    data = peewee.BlobField()
