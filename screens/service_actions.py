"""What the service keys do, shared by the requests screen, a request's card and the client's
card: register a request, move it on or back, give it to someone, edit the installed base."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.widgets.option_list import Option

from ectui.errors import UserError
from ectui.i18n import t
from ectui.models.service import CHANNELS
from ectui.services import installed_base
from ectui.services import service_requests as requests
from screens.db import run_db
from screens.forms.field_form import FieldDef, FieldForm

Done = Callable[[object], None]


def _after(app: App, message: str, done: Done | None) -> Callable[[object], None]:
    def finished(result: object) -> None:
        if result is not None:
            if message:
                app.notify(message, timeout=4)
            if done is not None:
                done(result)

    return finished


# ---- registering --------------------------------------------------------------------------

async def register_request(app: App, org_id: int, item_id: int | None = None,
                           done: Done | None = None, mail_id: int | None = None) -> None:
    """The request form for one client: what, which product, how urgent, who handles it;
    from an e-mail, its subject and text are filled in."""
    ctx = app.context
    try:
        defaults = await run_db(requests.register_defaults, ctx.actor, org_id)
        prefill = await run_db(requests.mail_prefill, mail_id) if mail_id is not None else {}
    except UserError as error:
        app.report_error(error)
        return
    fields = [
        FieldDef("subject", t("request.field.subject"), value=prefill.get("subject", ""),
                 required=True, hint=t("request.hint.subject")),
        FieldDef("item_id", t("request.field.item"), "select", item_id,
                 tuple(defaults.items)),
        FieldDef("product_text", t("request.field.product_text"),
                 hint=t("request.hint.product_text")),
        FieldDef("channel", t("request.field.channel"), "select", prefill.get("channel", "phone"),
                 tuple((t(f"request.channel.{c}"), c) for c in CHANNELS), allow_blank=False),
        FieldDef("priority", t("request.field.priority"), "select", 2,
                 tuple((t(f"request.priority.{p}"), p) for p in (1, 2, 3)), allow_blank=False),
        FieldDef("category", t("request.field.category"), hint=t("request.hint.category")),
        FieldDef("description", t("request.field.description"), "textarea",
                 prefill.get("description", "")),
        FieldDef("responsible_id", t("request.field.responsible"), "select",
                 defaults.responsible_id, tuple(defaults.employees), allow_blank=False),
        FieldDef("controller_id", t("request.field.controller"), "select",
                 defaults.controller_id, tuple(defaults.employees)),
    ]

    def save(values: dict) -> int:
        return requests.register_request(ctx, {**values, "organization_id": org_id},
                                         mail_id=mail_id)

    async def registered(result: object) -> None:
        if result is None:
            return
        app.notify(t("request.registered"), timeout=4)
        if done is not None:
            done(result)

    app.push_screen(FieldForm(t("request.new_title"), fields, save,
                              subtitle=defaults.organization_name), registered)


async def pick_client_then_register(app: App, done: Done | None = None) -> None:
    """From the requests screen: choose the client first, then the request form."""
    from screens.forms.entry_picker import EntryPicker

    async def picked(choice: tuple[int, str] | None) -> None:
        if choice is not None:
            await register_request(app, choice[0], done=done)

    app.push_screen(EntryPicker("organization"), picked)


async def request_from_mail(app: App, done: Done | None = None) -> None:
    """Choose an incoming e-mail; the request form opens for its client (chosen first when
    the message is in no client's history) with its subject and text."""
    from screens.forms.entry_picker import EntryPicker
    from screens.forms.pick_option import PickOption

    choices = await run_db(requests.mails_for_requests, app.context.actor)
    if not choices:
        app.notify(t("request.no_mail"), timeout=5)
        return
    zone = app.context.now().tzinfo
    options = [Option(t("request.mail_option", sender=c.sender, subject=c.subject,
                        when=c.sent_at.astimezone(zone).strftime("%d.%m %H:%M")
                        if c.sent_at else "", client=c.organization or "?"), id=str(c.id))
               for c in choices]
    by_id = {c.id: c for c in choices}

    async def picked(choice: str | None) -> None:
        if choice is None:
            return
        mail = by_id[int(choice)]
        if mail.organization_id is not None:
            await register_request(app, mail.organization_id, done=done, mail_id=mail.id)
            return

        async def client(org: tuple[int, str] | None) -> None:
            if org is not None:
                await register_request(app, org[0], done=done, mail_id=mail.id)

        app.push_screen(EntryPicker("organization"), client)

    app.push_screen(PickOption(t("request.pick_mail"), options), picked)


# ---- moving ---------------------------------------------------------------------------------

async def advance(app: App, request_id: int, version: int, step_name: str,
                  done: Done | None = None) -> None:
    """Next step, with what was done (optional); Enter in the comment saves."""
    ctx = app.context

    def save(values: dict) -> int:
        return requests.advance(ctx, request_id, str(values.get("comment") or ""), version)

    form = FieldForm(t("request.advance_title", step=step_name),
                     [FieldDef("comment", t("request.field.comment"),
                               hint=t("request.hint.comment"))], save, submit_on_enter=True)
    app.push_screen(form, _after(app, t("request.moved"), done))


async def step_back(app: App, request_id: int, version: int, done: Done | None = None) -> None:
    """The previous step, with the reason (required)."""
    ctx = app.context

    def save(values: dict) -> int:
        return requests.step_back(ctx, request_id, str(values.get("comment") or ""), version)

    form = FieldForm(t("request.back_title"),
                     [FieldDef("comment", t("request.field.reason"), required=True)], save,
                     submit_on_enter=True)
    app.push_screen(form, _after(app, t("request.moved_back"), done))


async def reassign(app: App, request_id: int, org_id: int, done: Done | None = None) -> None:
    """Give the request to another employee."""
    ctx = app.context
    defaults = await run_db(requests.register_defaults, ctx.actor, org_id)

    def save(values: dict) -> bool:
        requests.reassign(ctx, request_id, int(values["employee_id"] or 0),
                          str(values.get("comment") or ""))
        return True

    form = FieldForm(t("request.reassign_title"), [
        FieldDef("employee_id", t("request.field.responsible"), "select", None,
                 tuple(defaults.employees), allow_blank=False),
        FieldDef("comment", t("request.field.comment"))], save)
    app.push_screen(form, _after(app, t("request.reassigned"), done))


async def comment(app: App, request_id: int, done: Done | None = None) -> None:
    ctx = app.context

    def save(values: dict) -> bool:
        requests.add_comment(ctx, request_id, str(values.get("comment") or ""))
        return True

    form = FieldForm(t("request.comment_title"),
                     [FieldDef("comment", t("request.field.comment"), required=True)], save,
                     submit_on_enter=True)
    app.push_screen(form, _after(app, "", done))


# ---- the installed base ---------------------------------------------------------------------

def _item_fields(values: dict[str, str]) -> list[FieldDef]:
    def field(key: str, required: bool = False, hint: str = "") -> FieldDef:
        return FieldDef(key, t(f"installed.field.{key}"), value=values.get(key, ""),
                        required=required, hint=hint)

    date_hint = t("installed.hint.date")
    return [field("name", True), field("serial_number"), field("quantity"),
            field("sold_on", hint=date_hint), field("installed_on", hint=date_hint),
            field("warranty_months", hint=t("installed.hint.months")),
            field("warranty_until", hint=date_hint), field("service_contract"),
            field("service_until", hint=date_hint),
            FieldDef("notes", t("installed.field.notes"), "textarea", values.get("notes", ""))]


async def edit_item(app: App, org_id: int, item_id: int | None, done: Done | None = None) -> None:
    """Add a product the client has, or change one."""
    ctx = app.context
    values = (await run_db(installed_base.item_values, item_id) if item_id is not None
              else {"quantity": "1", "warranty_months": "12"})

    def save(data: dict) -> int:
        return installed_base.save_item(ctx, org_id, item_id, data)

    title = t("installed.new_title" if item_id is None else "installed.edit_title")
    app.push_screen(FieldForm(title, _item_fields(values), save),
                    _after(app, t("common.saved"), done))


async def items_from_shipment(app: App, org_id: int, done: Done | None = None) -> None:
    """Choose one of the client's shipments; its goods go into the installed base."""
    ctx = app.context
    try:
        choices = await run_db(installed_base.client_shipments, ctx.actor, org_id)
    except UserError as error:
        app.report_error(error)
        return
    if not choices:
        app.notify(t("installed.no_shipments"), timeout=5)
        return
    from screens.forms.pick_option import PickOption

    options = [Option(t("installed.shipment_option", date=c.date.strftime("%d.%m.%Y"),
                        document=c.document or "—", invoice=c.invoice_number), id=str(c.id))
               for c in choices]

    async def picked(choice: str | None) -> None:
        if choice is None:
            return
        try:
            count = await run_db(installed_base.items_from_shipment, ctx, int(choice))
        except UserError as error:
            app.report_error(error)
            return
        app.notify(t("installed.from_shipment_done", count=count), timeout=4)
        if done is not None:
            done(count)

    app.push_screen(PickOption(t("installed.pick_shipment"), options), picked)
