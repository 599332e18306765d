"""Campaigns: events, advertisements and mailings that bring primary contacts.

A campaign has a cost and a list of invited clients; who came or answered gives its
participation rate; the new clients and deals it brought give its return. The analytics put
campaigns and channels side by side: cost, response, new clients, revenue and return.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import peewee

from ectui import validation
from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, UserError, ValidationError
from ectui.models import Campaign, CampaignLead, CampaignMember, Contact, Organization
from ectui.models.exchange import CAMPAIGN_KINDS, LEAD_KINDS, RESPONSES
from ectui.names import full_name
from ectui.services import access, selection
from ectui.services.context import Context

RESPONDED = ("came", "answered")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class CampaignInfo:
    id: int
    name: str
    kind: str
    channel: str
    cost: Decimal
    starts_on: dt.date | None
    ends_on: dt.date | None
    description: str


def _info(row: Campaign) -> CampaignInfo:
    return CampaignInfo(row.id, row.name, row.kind, row.channel, Decimal(row.cost or 0),
                        row.starts_on, row.ends_on, row.description)


def campaigns() -> list[CampaignInfo]:
    """Every campaign, the latest first."""
    query = Campaign.select().order_by(Campaign.starts_on.desc(nulls="LAST"), Campaign.id.desc())
    return [_info(row) for row in query]


def campaign(campaign_id: int) -> CampaignInfo:
    row = Campaign.get_or_none(Campaign.id == campaign_id)
    if row is None:
        raise NotFound()
    return _info(row)


def save_campaign(ctx: Context, values: dict[str, object],
                  campaign_id: int | None = None) -> int:
    """Create or change a campaign; every bad field is named at once."""
    access.require(ctx, "create", ctx.actor.employee_id)
    text = {k: str(v if v is not None else "").strip() for k, v in values.items()}
    errors: dict[str, FieldError] = {}
    name = text.get("name", "")
    if not name:
        errors["name"] = FieldError("validation.required")
    elif Campaign.select().where(Campaign.name == name,
                                 Campaign.id != (campaign_id or 0)).exists():
        errors["name"] = FieldError("campaign.name_taken", name=name)
    kind = text.get("kind") or "event"
    if kind not in CAMPAIGN_KINDS:
        errors["kind"] = FieldError("record.choice", options=", ".join(CAMPAIGN_KINDS))
    cost = Decimal(0)
    try:
        cost = validation.decimal_number(text.get("cost")) or Decimal(0)
        if cost < 0:
            errors["cost"] = FieldError("campaign.negative_cost")
    except FieldError as error:
        errors["cost"] = error
    dates: dict[str, dt.date | None] = {}
    for key in ("starts_on", "ends_on"):
        try:
            dates[key] = validation.parse_date(text.get(key), today=ctx.now().date())
        except FieldError as error:
            errors[key] = error
            dates[key] = None
    if dates.get("starts_on") and dates.get("ends_on") and dates["ends_on"] < dates["starts_on"]:
        errors["ends_on"] = FieldError("campaign.ends_before_start")
    if errors:
        raise ValidationError(errors)
    with write_transaction():
        row = Campaign.get_or_none(Campaign.id == campaign_id) if campaign_id else None
        if campaign_id and row is None:
            raise NotFound()
        row = row or Campaign(created_at=ctx.now(), responsible=ctx.actor.employee_id)
        row.name, row.kind, row.channel = name, kind, text.get("channel", "")
        row.cost = cost.quantize(CENT, ROUND_HALF_UP)
        row.starts_on, row.ends_on = dates["starts_on"], dates["ends_on"]
        row.description = text.get("description", "")
        row.save()
    return row.id


def _member_key(kind: str, ident: int) -> str:
    return f"{kind}:{ident}"


def invite_recipients(ctx: Context, campaign_id: int, kind: str, ids: list[int]) -> int:
    """Add clients to the invited list (those already in stay as they are); returns how many
    were added. Runs inside the caller's transaction, or its own."""
    if not Campaign.select().where(Campaign.id == campaign_id).exists():
        raise NotFound()
    now = ctx.now()
    with write_transaction():
        have = {m.member_key for m in CampaignMember.select(CampaignMember.member_key)
                .where(CampaignMember.campaign == campaign_id)}
        rows = []
        org_of = {}
        if kind == "contact":
            org_of = {c.id: c.organization_id for c in Contact.select(
                Contact.id, Contact.organization).where(Contact.id.in_(ids))} if ids else {}
        for ident in ids:
            key = _member_key(kind, ident)
            if key in have:
                continue
            have.add(key)
            rows.append({"campaign": campaign_id, "member_key": key,
                         "organization": ident if kind == "organization" else org_of.get(ident),
                         "contact": ident if kind == "contact" else None, "invited_at": now})
        for start in range(0, len(rows), 500):
            CampaignMember.insert_many(rows[start:start + 500]).execute()
    return len(rows)


def invite(ctx: Context, campaign_id: int, sel: selection.Selection) -> int:
    """Invite the selected clients the employee may view."""
    return invite_recipients(ctx, campaign_id, sel.kind, selection.ordered_ids(ctx.actor, sel))


def set_response(ctx: Context, campaign_id: int, kind: str, ident: int, response: str) -> None:
    """Mark that an invited client came, answered, declined, or ("") has not reacted."""
    if response not in RESPONSES:
        raise UserError("campaign.bad_response", options=", ".join(r for r in RESPONSES if r))
    with write_transaction():
        member = CampaignMember.get_or_none(CampaignMember.campaign == campaign_id,
                                            CampaignMember.member_key == _member_key(kind, ident))
        if member is None:
            raise UserError("campaign.not_invited")
        member.response = response
        member.responded_at = ctx.now() if response else None
        member.save()


def add_lead(ctx: Context, campaign_id: int, *, kind: str, organization_id: int | None = None,
             contact_id: int | None = None, amount: object = "", note: str = "") -> int:
    """Record what the campaign brought: a new client, or a deal and its amount."""
    if not Campaign.select().where(Campaign.id == campaign_id).exists():
        raise NotFound()
    errors: dict[str, FieldError] = {}
    if kind not in LEAD_KINDS:
        errors["kind"] = FieldError("record.choice", options=", ".join(LEAD_KINDS))
    if not organization_id and not contact_id:
        errors["organization_id"] = FieldError("campaign.lead_needs_client")
    value = Decimal(0)
    try:
        value = validation.decimal_number(str(amount or "")) or Decimal(0)
        if value < 0:
            errors["amount"] = FieldError("campaign.negative_cost")
    except FieldError as error:
        errors["amount"] = error
    if kind == "deal" and value == 0 and "amount" not in errors:
        errors["amount"] = FieldError("campaign.deal_needs_amount")
    if errors:
        raise ValidationError(errors)
    if contact_id and not organization_id:
        organization_id = Contact.select(Contact.organization).where(
            Contact.id == contact_id).scalar()
    with write_transaction():
        return CampaignLead.create(campaign=campaign_id, organization=organization_id,
                                   contact=contact_id, kind=kind,
                                   amount=value.quantize(CENT, ROUND_HALF_UP),
                                   note=(note or "").strip(), at=ctx.now()).id


@dataclass(frozen=True)
class MemberRow:
    key: str
    name: str
    organization: str
    response: str
    invited_at: dt.datetime


def members(campaign_id: int, offset: int = 0, limit: int = 200) -> list[MemberRow]:
    """The invited clients in the order they were invited."""
    query = (CampaignMember.select(CampaignMember, Organization.name.alias("org_name"),
                                   Contact.last_name, Contact.first_name, Contact.patronymic)
             .join(Organization, peewee.JOIN.LEFT_OUTER,
                   on=(CampaignMember.organization == Organization.id))
             .switch(CampaignMember)
             .join(Contact, peewee.JOIN.LEFT_OUTER, on=(CampaignMember.contact == Contact.id))
             .where(CampaignMember.campaign == campaign_id)
             .order_by(CampaignMember.id).offset(offset).limit(limit).dicts())
    rows = []
    for r in query:
        person = full_name(r["last_name"] or "", r["first_name"] or "", r["patronymic"] or "")
        rows.append(MemberRow(r["member_key"], person or r["org_name"] or "",
                              r["org_name"] or "", r["response"], r["invited_at"]))
    return rows


# ---- analytics ----------------------------------------------------------------------------

@dataclass(frozen=True)
class CampaignResult:
    """One campaign (or one channel, summed over its campaigns) and what it brought."""

    name: str
    channel: str
    campaigns: int
    cost: Decimal
    invited: int
    responded: int
    new_clients: int
    deals: int
    revenue: Decimal

    @property
    def response_rate(self) -> Decimal | None:
        """Who came or answered, in % of the invited."""
        if not self.invited:
            return None
        return (Decimal(self.responded) * 100 / self.invited).quantize(Decimal("0.1"),
                                                                     ROUND_HALF_UP)

    @property
    def roi(self) -> Decimal | None:
        """The return, in %: (revenue − cost) / cost."""
        if not self.cost:
            return None
        return ((self.revenue - self.cost) * 100 / self.cost).quantize(Decimal("0.1"),
                                                                      ROUND_HALF_UP)

    @property
    def cost_per_client(self) -> Decimal | None:
        if not self.new_clients:
            return None
        return (self.cost / self.new_clients).quantize(CENT, ROUND_HALF_UP)


def _results(start: dt.date | None, end: dt.date | None) -> list[tuple[Campaign, dict]]:
    query = Campaign.select().order_by(Campaign.starts_on.desc(nulls="LAST"), Campaign.id)
    if start is not None:
        query = query.where((Campaign.starts_on >= start) | Campaign.starts_on.is_null())
    if end is not None:
        query = query.where((Campaign.starts_on <= end) | Campaign.starts_on.is_null())
    rows = list(query)
    ids = [c.id for c in rows]
    stats: dict[int, dict] = {i: {"invited": 0, "responded": 0, "new_clients": 0, "deals": 0,
                                  "revenue": Decimal(0)} for i in ids}
    if ids:
        for cid, response, count in (CampaignMember.select(
                CampaignMember.campaign, CampaignMember.response, peewee.fn.COUNT(
                    CampaignMember.id)).where(CampaignMember.campaign.in_(ids))
                .group_by(CampaignMember.campaign, CampaignMember.response).tuples()):
            stats[cid]["invited"] += count
            if response in RESPONDED:
                stats[cid]["responded"] += count
        for cid, kind, count, total in (CampaignLead.select(
                CampaignLead.campaign, CampaignLead.kind, peewee.fn.COUNT(CampaignLead.id),
                peewee.fn.SUM(CampaignLead.amount)).where(CampaignLead.campaign.in_(ids))
                .group_by(CampaignLead.campaign, CampaignLead.kind).tuples()):
            if kind == "new_client":
                stats[cid]["new_clients"] += count
            else:
                stats[cid]["deals"] += count
                stats[cid]["revenue"] += Decimal(total or 0)
    return [(c, stats[c.id]) for c in rows]


def campaign_report(ctx: Context, start: dt.date | None = None,
                    end: dt.date | None = None) -> list[CampaignResult]:
    """Each campaign (started in the period, when given) with its response and return."""
    access.require(ctx, "reports")
    return [CampaignResult(c.name, c.channel, 1, Decimal(c.cost or 0), s["invited"],
                           s["responded"], s["new_clients"], s["deals"], s["revenue"])
            for c, s in _results(start, end)]


def channel_report(ctx: Context, start: dt.date | None = None,
                   end: dt.date | None = None) -> list[CampaignResult]:
    """The campaigns summed by channel, the most profitable first."""
    access.require(ctx, "reports")
    by_channel: dict[str, dict] = {}
    for c, s in _results(start, end):
        channel = c.channel or c.kind
        total = by_channel.setdefault(channel, {"campaigns": 0, "cost": Decimal(0),
                                                "invited": 0, "responded": 0,
                                                "new_clients": 0, "deals": 0,
                                                "revenue": Decimal(0)})
        total["campaigns"] += 1
        total["cost"] += Decimal(c.cost or 0)
        for key in ("invited", "responded", "new_clients", "deals", "revenue"):
            total[key] += s[key]
    results = [CampaignResult(channel, channel, v["campaigns"], v["cost"], v["invited"],
                              v["responded"], v["new_clients"], v["deals"], v["revenue"])
               for channel, v in by_channel.items()]
    return sorted(results, key=lambda r: (r.revenue - r.cost), reverse=True)
