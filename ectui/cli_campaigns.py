"""The campaign commands of ``ectui``:

    ectui campaign add NAME [--kind event|advertisement|mailing] [--channel C] [--cost 100000]
                            [--from ДД.ММ.ГГГГ] [--to ДД.ММ.ГГГГ]
    ectui campaign invite NAME [--group G] [--organizations] [--search TEXT]
    ectui campaign respond NAME CLIENT came|answered|declined
    ectui campaign lead NAME CLIENT (--new-client | --deal AMOUNT) [--note TEXT]
    ectui campaign report [--channels]

A CLIENT is a contact person's e-mail, or an organization's INN or exact name.
"""

from __future__ import annotations

import argparse

from ectui.errors import UserError
from ectui.i18n import t

COMMANDS = ("campaign",)


def add_commands(commands, common: argparse.ArgumentParser) -> None:
    camp = commands.add_parser("campaign", parents=[common], help=t("campaign.cli"),
                               description=t("campaign.cli.description"))
    actions = camp.add_subparsers(dest="campaign_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[common], help=t("campaign.cli.add"))
    add.add_argument("name")
    add.add_argument("--kind", choices=("event", "advertisement", "mailing"), default="event")
    add.add_argument("--channel", default="")
    add.add_argument("--cost", default="0")
    add.add_argument("--from", dest="starts", default="", metavar="ДД.ММ.ГГГГ")
    add.add_argument("--to", dest="ends", default="", metavar="ДД.ММ.ГГГГ")
    invite = actions.add_parser("invite", parents=[common], help=t("campaign.cli.invite"))
    invite.add_argument("name")
    invite.add_argument("--group", metavar="NAME")
    invite.add_argument("--organizations", action="store_true")
    invite.add_argument("--search", default="", metavar="TEXT")
    respond = actions.add_parser("respond", parents=[common], help=t("campaign.cli.respond"))
    respond.add_argument("name")
    respond.add_argument("client")
    respond.add_argument("response", choices=("came", "answered", "declined", "none"))
    lead = actions.add_parser("lead", parents=[common], help=t("campaign.cli.lead"))
    lead.add_argument("name")
    lead.add_argument("client")
    what = lead.add_mutually_exclusive_group(required=True)
    what.add_argument("--new-client", action="store_true")
    what.add_argument("--deal", metavar="AMOUNT")
    lead.add_argument("--note", default="")
    report = actions.add_parser("report", parents=[common], help=t("campaign.cli.report"))
    report.add_argument("--channels", action="store_true")


def _campaign_id(name: str) -> int:
    from ectui.models import Campaign

    found = Campaign.get_or_none(Campaign.name == name)
    if found is None:
        raise UserError("campaign.cli.no_campaign", name=name)
    return found.id


def _client(text: str) -> tuple[str, int]:
    """("contact", id) for an e-mail; ("organization", id) for an INN or a name."""
    import peewee

    from ectui.models import Contact, Organization

    text = text.strip()
    if "@" in text:
        people = list(Contact.select(Contact.id)
                      .where(peewee.fn.LOWER(Contact.email) == text.lower()).limit(2))
        if len(people) == 1:
            return "contact", people[0].id
    else:
        orgs = list(Organization.select(Organization.id).where(
            (Organization.inn == text) | (Organization.name == text)).limit(2))
        if len(orgs) == 1:
            return "organization", orgs[0].id
    raise UserError("campaign.cli.no_client", client=text)


def run(url: str, args: argparse.Namespace) -> int:
    from ectui.services import campaigns
    from ectui.session import open_session

    ctx = open_session(url, user=getattr(args, "user", None)).context
    action = args.campaign_command
    if action == "add":
        campaigns.save_campaign(ctx, {"name": args.name, "kind": args.kind,
                                      "channel": args.channel, "cost": args.cost,
                                      "starts_on": args.starts, "ends_on": args.ends})
        print(t("campaign.cli.saved", name=args.name))
    elif action == "invite":
        from ectui.cli_mail import _selection

        args.birthdays_this_week = False
        args.birthday_from = args.birthday_to = None
        args.category = args.segment = ""
        count = campaigns.invite(ctx, _campaign_id(args.name), _selection(ctx, args))
        print(t("campaign.cli.invited", count=count))
    elif action == "respond":
        kind, ident = _client(args.client)
        response = "" if args.response == "none" else args.response
        campaigns.set_response(ctx, _campaign_id(args.name), kind, ident, response)
        print(t("campaign.cli.done"))
    elif action == "lead":
        kind, ident = _client(args.client)
        campaigns.add_lead(ctx, _campaign_id(args.name),
                           kind="deal" if args.deal else "new_client",
                           organization_id=ident if kind == "organization" else None,
                           contact_id=ident if kind == "contact" else None,
                           amount=args.deal or "", note=args.note)
        print(t("campaign.cli.done"))
    else:
        rows = (campaigns.channel_report if args.channels else campaigns.campaign_report)(ctx)
        for row in rows:
            print(t("campaign.cli.row", name=row.name, cost=row.cost, invited=row.invited,
                    rate="—" if row.response_rate is None else row.response_rate,
                    clients=row.new_clients, deals=row.deals, revenue=row.revenue,
                    roi="—" if row.roi is None else row.roi))
    return 0
