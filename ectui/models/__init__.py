"""All models, in creation order."""

from ectui.models.access import Role, RolePermission
from ectui.models.calendar import (
    Absence,
    Notification,
    NotificationDelivery,
    ReminderDefault,
    TaskRepeat,
)
from ectui.models.client_base import Contact, Organization, OrgDepartment
from ectui.models.documents import (
    Contract,
    DocumentCounter,
    Invoice,
    InvoiceLine,
    Payment,
    Product,
    ProductGroup,
    Proposal,
    ProposalLine,
    ProposalPerson,
    Shipment,
)
from ectui.models.exchange import (
    Campaign,
    CampaignLead,
    CampaignMember,
    MailAttachment,
    Mailing,
    MailMessage,
    MailMessageTask,
    MailTemplate,
    OutboxMessage,
    SavedFilter,
)
from ectui.models.grouping import (
    ClientGroup,
    ContactCustomValue,
    ContactGroupMember,
    CustomField,
    Link,
    OrganizationCustomValue,
    OrganizationGroupMember,
    Setting,
)
from ectui.models.history import AuditEntry, ChangeLog
from ectui.models.people import Department, Employee
from ectui.models.service import ClientRequest, InstalledItem, RequestEvent, RequestStep
from ectui.models.tasks import (
    SalesTemplate,
    Task,
    TaskNotice,
    TaskParticipant,
    TaskReminder,
    TaskResult,
    TaskType,
    TemplateStep,
)

ALL_MODELS = [
    Role, RolePermission, Department, Employee, Organization, OrgDepartment, Contact, ClientGroup,
    OrganizationGroupMember, ContactGroupMember, CustomField, OrganizationCustomValue,
    ContactCustomValue, Link, Setting,
    # The relationship history (tasks).
    TaskType, TaskResult, SalesTemplate, TemplateStep, Task, TaskParticipant, TaskReminder,
    TaskNotice,
    # The calendar: notification inbox, repeat rules, out-of-office periods.
    Notification, NotificationDelivery, TaskRepeat, Absence, ReminderDefault,
    # Who changed what (audit trail) and what other sessions must refresh (change log).
    AuditEntry, ChangeLog,
    # Mailing and data exchange.
    MailTemplate, SavedFilter, Campaign, CampaignMember, CampaignLead, Mailing, OutboxMessage,
    MailMessage, MailMessageTask, MailAttachment,
    # Sales documents: price list, proposals, invoices, payments, shipments, contracts.
    ProductGroup, Product, DocumentCounter, Proposal, ProposalPerson, ProposalLine, Invoice,
    InvoiceLine, Payment, Shipment, Contract,
    # After the sale: installed base and client requests.
    InstalledItem, RequestStep, ClientRequest, RequestEvent,
]

__all__ = [m.__name__ for m in ALL_MODELS] + ["ALL_MODELS"]
