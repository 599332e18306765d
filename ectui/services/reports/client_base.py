"""The client base structure: how many clients by category, segment, group and responsible
employee; and over a period the new ones, the active ones and the lost ones.

- *new*: organizations created in the period;
- *active*: organizations with a done operational task finished in the period or a payment
  received in it;
- *lost*: active in the period of the same length just before, not active in this one
  (only for a period with both ends).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import peewee
from peewee import fn

from ectui.i18n import t
from ectui.models import (
    ClientGroup,
    Employee,
    Invoice,
    Organization,
    OrganizationGroupMember,
    Payment,
    Task,
)
from ectui.names import short_name
from ectui.services.context import Context
from ectui.services.reports.filters import (
    EVERYTHING,
    ReportFilter,
    check_filter,
    client_condition,
    date_in_period,
    moment_in_period,
    require_reports,
)


@dataclass(frozen=True)
class CountRow:
    key: str        # the category code, segment, group name or employee id ("" when not set)
    name: str       # what a person reads
    count: int


@dataclass(frozen=True)
class ClientBase:
    total: int
    by_category: tuple[CountRow, ...]
    by_segment: tuple[CountRow, ...]
    by_group: tuple[CountRow, ...]
    by_responsible: tuple[CountRow, ...]
    new: int | None        # None without a period
    active: int | None
    lost: int | None       # None unless the period has both ends


def _active_ids(ctx: Context, f: ReportFilter) -> peewee.Node:
    done = (Task.select(Task.organization)
            .where(Task.status == "done", Task.level == "operation",
                   Task.organization.is_null(False),
                   moment_in_period(Task.finished_at, f, ctx.clock.zone)))
    paid = (Invoice.select(Invoice.organization).join(Payment)
            .where(date_in_period(Payment.date, f)))
    return Organization.id.in_(done) | Organization.id.in_(paid)


def _grouped(query, label) -> tuple[CountRow, ...]:
    rows = [CountRow(str(key or ""), label(key), int(count)) for key, count in query.tuples()]
    return tuple(sorted(rows, key=lambda r: (-r.count, r.name)))


def client_base(ctx: Context, f: ReportFilter = EVERYTHING) -> ClientBase:
    """Counts of the reported clients by category, segment, group and responsible employee,
    and the new, active and lost ones of the period."""
    require_reports(ctx)
    check_filter(f)
    cond = client_condition(ctx, f)
    orgs = Organization.select(fn.COUNT(Organization.id)).where(cond)
    total = int(orgs.scalar() or 0)
    by_category = _grouped(
        Organization.select(Organization.category, fn.COUNT(Organization.id)).where(cond)
        .group_by(Organization.category),
        lambda key: t(f"choice.category.{key}") if key else t("report.not_set"))
    by_segment = _grouped(
        Organization.select(Organization.segment, fn.COUNT(Organization.id)).where(cond)
        .group_by(Organization.segment), lambda key: key or t("report.not_set"))
    by_group = _grouped(
        OrganizationGroupMember.select(ClientGroup.name, fn.COUNT(Organization.id))
        .join(ClientGroup).switch(OrganizationGroupMember).join(Organization)
        .where(cond).group_by(ClientGroup.name), lambda key: key)
    people = {e.id: short_name(e.last_name, e.first_name, e.patronymic)
              for e in Employee.select()}
    by_responsible = _grouped(
        Organization.select(Organization.responsible, fn.COUNT(Organization.id)).where(cond)
        .group_by(Organization.responsible),
        lambda key: people.get(key, "—") if key else t("report.not_set"))
    new = active = lost = None
    if f.date_from or f.date_to:
        new = int(orgs.where(moment_in_period(Organization.created_at, f, ctx.clock.zone))
                  .scalar() or 0)
        active = int(orgs.where(_active_ids(ctx, f)).scalar() or 0)
    if f.date_from and f.date_to:
        length = (f.date_to - f.date_from).days + 1
        before = f.with_period(f.date_from - timedelta(days=length),
                               f.date_from - timedelta(days=1))
        lost = int(orgs.where(_active_ids(ctx, before), ~_active_ids(ctx, f)).scalar() or 0)
    return ClientBase(total, by_category, by_segment, by_group, by_responsible, new, active,
                      lost)
