"""``ectui template list`` and ``ectui template fields NAME``: what the admin needs to make
the company's own Word templates.

    ectui template list                    # every template, its kind and where it is
    ectui template fields contract_supply  # the fields it uses, and every field it can use
"""

from __future__ import annotations

import argparse

from ectui.errors import UserError
from ectui.i18n import t

COMMANDS = ("template",)


def add_commands(commands, common: argparse.ArgumentParser) -> None:
    template = commands.add_parser("template", parents=[common], help=t("cli.template"),
                                   description=t("cli.template"))
    actions = template.add_subparsers(dest="template_command", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[common], help=t("cli.template.list"),
                       description=t("cli.template.list"))
    fields = actions.add_parser("fields", parents=[common], help=t("cli.template.fields"),
                                description=t("cli.template.fields"))
    fields.add_argument("name", help=t("cli.template.name"))
    fields.add_argument("--used", action="store_true", help=t("cli.template.used_only"))


def _templates_dir(url: str) -> str:
    """The company's templates folder from the database's settings; "" when the database
    cannot be opened (the shipped templates still list)."""
    try:
        from ectui.services.company import document_settings
        from ectui.session import connect

        connect(url)
        return document_settings().templates_dir
    except UserError:
        return ""


def run(url: str, args: argparse.Namespace) -> int:
    from ectui.documents import fields as catalogue
    from ectui.documents.templates import find_template, list_templates, used_fields

    folder = _templates_dir(url)
    if args.template_command == "list":
        for info in list_templates(folder):
            where = t("cli.template.shipped") if info.shipped else t("cli.template.company")
            print(f"{info.name:32} {t(f'documents.kind.{info.kind}'):26} {info.title} "
                  f"({where}: {info.path.parent})")
        return 0
    info = find_template(args.name, folder)
    print(t("cli.template.heading", name=info.name, title=info.title,
            kind=t(f"documents.kind.{info.kind}"), path=str(info.path)))
    used = used_fields(info.path)
    unknown = 0
    print(t("cli.template.used", count=len(used)))
    for dotted in used:
        example = catalogue.example_of(info.kind, dotted)
        if example is None:
            unknown += 1
            print(f"  ✗ {dotted:44} {t('cli.template.unknown')}")
        else:
            print(f"  ✓ {dotted:44} {_short(example)}")
    if not args.used:
        print()
        print(t("cli.template.available", kind=t(f"documents.kind.{info.kind}")))
        for dotted, example in catalogue.field_catalogue(info.kind):
            print(f"  {dotted:46} {_short(example)}")
        print()
        print(t("cli.template.hint"))
    return 1 if unknown else 0


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"
