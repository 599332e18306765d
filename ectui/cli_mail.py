"""The mail commands of ``ectui``:

    ectui mail import --maildir DIR | --mbox FILE | --imap imaps://login@server/INBOX
    ectui mail unmatched
    ectui mail smtp --host HOST --sender ADDRESS [--port 587] [--security starttls] [--login L]
    ectui mail template add NAME (--body-file FILE [--subject TEXT] | --docx FILE)
    ectui mail template list
    ectui mail send --template NAME [--group NAME] [--birthdays-this-week] [--preview]
                    [--print FILE.docx]
    ectui mail retry MAILING_ID
    ectui mail list
    ectui mail letters MAILING_ID
    ectui mail resolve LETTER_ID --sent | --not-sent

Passwords never go on the command line: ``ECTUI_SMTP_PASSWORD`` / ``ECTUI_IMAP_PASSWORD``,
or typed when asked.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from ectui.errors import UserError
from ectui.i18n import t

COMMANDS = ("mail", "campaign")


def add_commands(commands, common: argparse.ArgumentParser) -> None:
    """Register ``ectui mail …`` (and ``ectui campaign …``) on the main parser's commands."""
    from ectui import cli_campaigns

    cli_campaigns.add_commands(commands, common)
    mail = commands.add_parser("mail", parents=[common], help=t("mail.cli"),
                               description=t("mail.cli"))
    actions = mail.add_subparsers(dest="mail_command", metavar="ACTION", required=True)

    imp = actions.add_parser("import", parents=[common], help=t("mail.cli.import"),
                             description=t("mail.cli.import"))
    source = imp.add_mutually_exclusive_group(required=True)
    source.add_argument("--maildir", type=Path, metavar="DIR", help=t("mail.cli.maildir"))
    source.add_argument("--mbox", type=Path, metavar="FILE", help=t("mail.cli.mbox"))
    source.add_argument("--imap", metavar="URL", help=t("mail.cli.imap"))

    actions.add_parser("unmatched", parents=[common], help=t("mail.cli.unmatched"),
                       description=t("mail.cli.unmatched"))

    smtp = actions.add_parser("smtp", parents=[common], help=t("mail.cli.smtp"),
                              description=t("mail.cli.smtp.description"))
    smtp.add_argument("--host", required=True)
    smtp.add_argument("--port", default="587")
    smtp.add_argument("--security", choices=("starttls", "ssl", "none"), default="starttls")
    smtp.add_argument("--login", default="")
    smtp.add_argument("--ask-password", action="store_true", help=t("mail.cli.ask_password"))
    smtp.add_argument("--sender", required=True, metavar="ADDRESS")
    smtp.add_argument("--sender-name", default="")
    smtp.add_argument("--pause", default="1", metavar="SECONDS", help=t("mail.cli.pause"))

    tpl = actions.add_parser("template", parents=[common], help=t("mail.cli.template"),
                             description=t("mail.cli.template"))
    tpl_actions = tpl.add_subparsers(dest="template_command", metavar="ACTION", required=True)
    add = tpl_actions.add_parser("add", parents=[common], help=t("mail.cli.template_add"),
                                 description=t("mail.cli.template_add.description"))
    add.add_argument("name")
    add.add_argument("--subject", default="")
    add.add_argument("--body-file", type=Path, metavar="FILE")
    add.add_argument("--docx", type=Path, metavar="FILE")
    tpl_actions.add_parser("list", parents=[common], help=t("mail.cli.template_list"))

    send = actions.add_parser("send", parents=[common], help=t("mail.cli.send"),
                              description=t("mail.cli.send.description"))
    send.add_argument("--template", required=True, metavar="NAME")
    send.add_argument("--title", default="")
    send.add_argument("--organizations", action="store_true", help=t("mail.cli.to_orgs"))
    send.add_argument("--group", metavar="NAME")
    send.add_argument("--search", default="", metavar="TEXT")
    send.add_argument("--category", default="", metavar="CODE")
    send.add_argument("--segment", default="", metavar="TEXT")
    send.add_argument("--birthdays-this-week", action="store_true")
    send.add_argument("--birthday-from", metavar="ДД.ММ.ГГГГ")
    send.add_argument("--birthday-to", metavar="ДД.ММ.ГГГГ")
    add_abc_arguments(send)
    send.add_argument("--preview", action="store_true", help=t("mail.cli.preview"))
    send.add_argument("--print", dest="print_to", type=Path, metavar="FILE.docx",
                      help=t("mail.cli.print"))

    retry = actions.add_parser("retry", parents=[common], help=t("mail.cli.retry"))
    retry.add_argument("mailing", type=int, metavar="MAILING_ID")
    actions.add_parser("list", parents=[common], help=t("mail.cli.list"))
    letters = actions.add_parser("letters", parents=[common], help=t("mail.cli.letters"))
    letters.add_argument("mailing", type=int, metavar="MAILING_ID")
    resolve = actions.add_parser("resolve", parents=[common], help=t("mail.cli.resolve"),
                                 description=t("mail.cli.resolve"))
    resolve.add_argument("letter", type=int, metavar="LETTER_ID")
    answer = resolve.add_mutually_exclusive_group(required=True)
    answer.add_argument("--sent", action="store_true", help=t("mail.cli.resolve.sent"))
    answer.add_argument("--not-sent", action="store_true", help=t("mail.cli.resolve.not_sent"))


def run(url: str, args: argparse.Namespace) -> int:
    if args.command == "campaign":
        from ectui import cli_campaigns

        return cli_campaigns.run(url, args)
    from ectui.session import open_session

    session = open_session(url, user=getattr(args, "user", None))
    ctx = session.context
    action = args.mail_command
    if action == "import":
        return _import(ctx, args)
    if action == "unmatched":
        return _unmatched()
    if action == "smtp":
        return _smtp(ctx, args)
    if action == "template":
        return _template(ctx, args)
    if action == "send":
        return _send(ctx, args)
    if action == "retry":
        return _deliver(ctx, args.mailing)
    if action == "letters":
        return _letters(args.mailing)
    if action == "resolve":
        from ectui.services import mailings

        mailings.resolve_unknown(ctx, args.letter, was_sent=args.sent)
        print(t("mail.cli.resolved"))
        return 0
    return _list(ctx)


def _letters(mailing_id: int) -> int:
    """Each letter of a mailing with its result; «unknown» ones are settled by `resolve`."""
    from ectui.services import mailings

    mailings.mailing_info(mailing_id)
    for row in mailings.outbox(mailing_id, limit=100_000):
        status = t(f"mail.status.{row.status}")
        print(f"{row.id:>7}  {status:14}  {row.name[:40]:40}  {row.email}  {row.error}")
    return 0


def _bar(key: str):
    from ectui.exchange.progress import TerminalBar

    return TerminalBar(t(key))


def _password(variable: str, prompt: str) -> str:
    if os.environ.get(variable):
        return os.environ[variable]
    if not sys.stdin.isatty():
        raise UserError("mail.cli.no_password", variable=variable)
    return getpass.getpass(prompt)


def _import(ctx, args: argparse.Namespace) -> int:
    from ectui.services import mail_import

    bar = _bar("mail.cli.progress.import")
    try:
        if args.maildir:
            report = mail_import.import_maildir(ctx, args.maildir, progress=bar)
        elif args.mbox:
            report = mail_import.import_mbox(ctx, args.mbox, progress=bar)
        else:
            password = _password("ECTUI_IMAP_PASSWORD", t("mail.cli.password_prompt"))
            report = mail_import.import_imap(ctx, args.imap, password, progress=bar)
    finally:
        bar.finish()
    for number, reason in report.errors:
        print(t("mail.cli.message_error", number=number, reason=reason))
    print(t("mail.cli.import_done", total=report.total, imported=report.imported,
            duplicates=report.duplicates, entries=report.history_entries,
            unmatched=report.unmatched))
    return 0 if not report.errors else 1


def _unmatched() -> int:
    from ectui.services import mail_import

    rows = mail_import.unmatched_messages(limit=1000)
    for row in rows:
        when = row.date.astimezone().strftime("%d.%m.%Y %H:%M") if row.date else ""
        print(f"{row.id:>6}  {when:16}  {row.sender[:40]:40}  {row.subject}")
    print(t("mail.cli.unmatched_count", count=mail_import.unmatched_count()))
    return 0


def _smtp(ctx, args: argparse.Namespace) -> int:
    from ectui.services.mail_settings import save_smtp_settings

    password = ""
    if args.ask_password:
        password = getpass.getpass(t("mail.cli.password_prompt"))
    settings = save_smtp_settings(ctx, {
        "host": args.host, "port": args.port, "security": args.security, "login": args.login,
        "password": password, "sender": args.sender, "sender_name": args.sender_name,
        "pause_seconds": args.pause})
    print(t("mail.cli.smtp_saved", host=settings.host, port=settings.port,
            sender=settings.sender))
    return 0


def _template(ctx, args: argparse.Namespace) -> int:
    from ectui.services import mail_templates

    if args.template_command == "list":
        for info in mail_templates.templates():
            print(f"{info.id:>4}  {info.kind:5}  {info.name}  {info.subject}")
        return 0
    if args.docx:
        template_id = mail_templates.save_template(
            ctx, name=args.name, kind="docx", subject=args.subject,
            docx=mail_templates.load_docx(args.docx), docx_name=args.docx.name)
    else:
        if not args.body_file:
            raise UserError("mail.cli.body_needed")
        try:
            body = args.body_file.read_text(encoding="utf-8")
        except OSError as error:
            raise UserError("exchange.cannot_read", path=str(args.body_file),
                            error=error.strerror) from None
        template_id = mail_templates.save_template(ctx, name=args.name, subject=args.subject,
                                                   body=body)
    print(t("mail.cli.template_saved", name=args.name, id=template_id))
    return 0


def add_abc_arguments(parser: argparse.ArgumentParser) -> None:
    """--abc A|B|C|AB… with the basis and period of the ABC ranking (mailing, export)."""
    parser.add_argument("--abc", default="", metavar="CLASSES", help=t("selection.cli.abc"))
    parser.add_argument("--abc-basis", choices=("invoiced", "paid"), default="invoiced",
                        help=t("selection.cli.abc_basis"))
    parser.add_argument("--abc-from", metavar="ДД.ММ.ГГГГ", help=t("selection.cli.abc_from"))
    parser.add_argument("--abc-to", metavar="ДД.ММ.ГГГГ", help=t("selection.cli.abc_to"))


def abc_criteria(args: argparse.Namespace) -> dict:
    """The ABC fields of a Selection from the command line (none when --abc is not given)."""
    from ectui.services.selection import abc_classes
    from ectui.validation import parse_date

    classes = abc_classes(getattr(args, "abc", "") or "")
    if not classes:
        return {}
    start, end = getattr(args, "abc_from", None), getattr(args, "abc_to", None)
    try:
        return {"abc_class": classes, "abc_basis": getattr(args, "abc_basis", "invoiced"),
                "abc_from": parse_date(start) if start else None,
                "abc_to": parse_date(end) if end else None}
    except UserError as error:
        raise UserError("exchange.cli.bad_date", message=error.message) from None


def _selection(ctx, args: argparse.Namespace):
    from ectui.models import ClientGroup
    from ectui.services.selection import Selection, this_week
    from ectui.validation import parse_date

    kind = "organization" if args.organizations else "contact"
    group_id = None
    if args.group:
        group = ClientGroup.get_or_none(ClientGroup.kind == kind, ClientGroup.name == args.group)
        if group is None:
            raise UserError("exchange.cli.no_group", name=args.group)
        group_id = group.id
    start = end = None
    if args.birthdays_this_week:
        start, end = this_week(ctx.now().date())
    if args.birthday_from or args.birthday_to:
        start = parse_date(args.birthday_from or args.birthday_to)
        end = parse_date(args.birthday_to or args.birthday_from)
    return Selection(kind=kind, group_id=group_id, query=args.search, category=args.category,
                     segment=args.segment, birthday_from=start, birthday_to=end,
                     **abc_criteria(args))


def _send(ctx, args: argparse.Namespace) -> int:
    from ectui.services import mail_templates, mailings

    template = mail_templates.template_by_name(args.template)
    sel = _selection(ctx, args)
    if args.preview:
        for letter in mailings.preview_letters(ctx, template.id, sel, limit=1000):
            print(f"=== {letter.name} <{letter.email or '—'}>"
                  + (f"  [{letter.problem}]" if letter.problem else ""))
            print(t("mail.cli.subject", subject=letter.subject))
            print(letter.body.rstrip() + "\n")
        return 0
    title = args.title or f"{template.name} — {ctx.now().strftime('%d.%m.%Y')}"
    channel = "print" if args.print_to else "email"
    bar = _bar("mail.cli.progress.prepare")
    try:
        mailing_id = mailings.create_mailing(ctx, title, template.id, sel, channel=channel,
                                             progress=bar)
    finally:
        bar.finish()
    info = mailings.mailing_info(mailing_id)
    print(t("mail.cli.mailing_made", id=mailing_id, total=info.total,
            skipped=info.count("skipped")))
    if args.print_to:
        bar = _bar("mail.cli.progress.print")
        try:
            count = mailings.print_mailing(ctx, mailing_id, args.print_to, progress=bar)
        finally:
            bar.finish()
        print(t("mail.cli.printed", count=count, path=args.print_to))
        return 0
    return _deliver(ctx, mailing_id)


def _deliver(ctx, mailing_id: int) -> int:
    from ectui.services import mailings

    bar = _bar("exchange.cli.progress.send")
    try:
        report = mailings.send_mailing(ctx, mailing_id, progress=bar)
    finally:
        bar.finish()
    for name, email, reason in report.failures:
        print(t("mail.cli.failed", name=name, email=email, reason=reason))
    if report.stopped:
        print(t("mail.cli.stopped", reason=report.stopped))
    if report.unknown:
        print(t("mail.cli.unknown", count=report.unknown))
    print(t("mail.cli.sent", sent=report.sent, failed=report.failed, id=mailing_id))
    return 0 if not report.failed and not report.stopped else 1


def _list(ctx) -> int:
    from ectui.services import mailings

    for info in mailings.mailings(ctx, limit=1000):
        when = info.created_at.astimezone().strftime("%d.%m.%Y %H:%M")
        counts = ", ".join(f"{t(f'mail.status.{k}')}: {v}" for k, v in sorted(info.counts.items()))
        print(f"{info.id:>5}  {when}  {info.title}  ({counts})")
    return 0
