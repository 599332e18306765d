"""What a person can do to an organization or contact from any screen: open, create, edit, delete.

The Directory and the cards share these, so a key does the same thing wherever it is pressed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from ectui.errors import UserError
from ectui.i18n import t
from ectui.services import access, custom_fields, employees, groups
from ectui.services.contacts import contact_for_edit, save_contact
from ectui.services.contacts import delete_contact as _delete_contact
from ectui.services.field_specs import CONTACT_FIELDS, ORGANIZATION_FIELDS
from ectui.services.merge import MergeNote
from ectui.services.organizations import (
    EditableRecord,
    contact_count,
    organization_for_edit,
    organization_names,
    save_organization,
)
from ectui.services.organizations import (
    delete_organization as _delete_organization,
)
from screens.db import run_db

Done = Callable[[object], None]


def open_organization(app: App, org_id: int) -> None:
    from screens.organization_card import OrganizationCardScreen

    app.push_screen(OrganizationCardScreen(org_id))


def open_contact(app: App, contact_id: int) -> None:
    from screens.contact_card import ContactCardScreen

    app.push_screen(ContactCardScreen(contact_id))


async def _form_choices(app: App, kind: str, action: str):
    fields = await run_db(custom_fields.custom_fields, kind)
    group_list = await run_db(groups.groups, kind)
    people = await run_db(employees.employees)
    # Offer as responsible only whom the role lets one give a record to.
    reach = await run_db(access.employees_in_scope, app.context, action)
    if reach is not None:
        people = [person for person in people if person.id in reach]
    return fields, group_list, people


async def _open_form(app: App, kind: str, title: str, record: EditableRecord,
                     references: dict[str, str], done: Done | None) -> None:
    from screens.forms.record_form import RecordForm

    fields, group_list, people = await _form_choices(
        app, kind, "create" if record.id is None else "edit")
    context = app.context
    form: RecordForm | None = None
    note = MergeNote()  # whose changes a silent merge kept, to say so after the save

    # The form's record is the base of a three-way merge: the record as opened, or, after a
    # conflict was decided, as the other person saved it.
    def base() -> EditableRecord | None:
        return form.record if form is not None and record.id is not None else None

    if kind == "organization":
        specs = ORGANIZATION_FIELDS

        def save(values, custom, group_ids, version):
            return save_organization(context, values, org_id=record.id, expected_version=version,
                                     custom=custom, group_ids=group_ids, base=base(),
                                     merge_note=note)
    else:
        specs = CONTACT_FIELDS

        def save(values, custom, group_ids, version):
            return save_contact(context, values, contact_id=record.id, expected_version=version,
                                custom=custom, group_ids=group_ids, base=base(), merge_note=note)

    def finished(result: int | None) -> None:
        if result is not None:
            app.notify(t("common.saved"), timeout=3)
            if note.fields:
                app.notify(t("conflict.merged", who=note.who or t("conflict.someone"),
                             fields=", ".join(note.fields)), timeout=8)
            if done is not None:
                done(result)

    form = RecordForm(title, specs, record, fields, group_list, people, save,
                      references=references)
    app.push_screen(form, finished)


async def new_organization(app: App, done: Done | None = None) -> None:
    record = EditableRecord(None, 0, {"category": "prospect",
                                      "responsible_id": app.context.actor.employee_id})
    await _open_form(app, "organization", t("org.new"), record, {}, done)


async def edit_organization(app: App, org_id: int, done: Done | None = None) -> None:
    try:
        record = await run_db(organization_for_edit, org_id, app.context)
    except UserError as error:
        app.report_error(error)
        return
    await _open_form(app, "organization", t("org.edit", name=record.values["name"]), record, {},
                     done)


async def _contact_references(record: EditableRecord) -> dict[str, str]:
    refs: dict[str, str] = {}
    org_id = record.values.get("organization_id")
    if org_id:
        refs["organization_id"] = (await run_db(organization_names, [org_id])).get(org_id, "")
    boss_id = record.values.get("reports_to_id")
    if boss_id:
        from ectui.services.contacts import contact_names

        refs["reports_to_id"] = (await run_db(contact_names, [boss_id])).get(boss_id, "")
    return refs


async def new_contact(app: App, org_id: int | None, done: Done | None = None) -> None:
    record = EditableRecord(None, 0, {"organization_id": org_id,
                                      "responsible_id": app.context.actor.employee_id})
    await _open_form(app, "contact", t("contact.new"), record,
                     await _contact_references(record), done)


async def edit_contact(app: App, contact_id: int, done: Done | None = None) -> None:
    try:
        record = await run_db(contact_for_edit, contact_id, app.context)
    except UserError as error:
        app.report_error(error)
        return
    name = " ".join(str(record.values.get(k) or "") for k in ("last_name", "first_name")).strip()
    await _open_form(app, "contact", t("contact.edit", name=name), record,
                     await _contact_references(record), done)


async def _confirmed_delete(app: App, question: str, delete: Callable[[], None],
                            done: Done | None) -> None:
    from screens.forms.confirm import ConfirmDialog

    async def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            await run_db(delete)
        except UserError as error:
            app.report_error(error)
            return
        app.notify(t("common.deleted"), timeout=3)
        if done is not None:
            done(None)

    app.push_screen(ConfirmDialog(question), answered)


async def delete_organization(app: App, org_id: int, name: str, done: Done | None = None) -> None:
    count = await run_db(contact_count, org_id)
    question = (t("org.delete_with_contacts", name=name, count=count) if count
                else t("common.confirm_delete", name=name))
    await _confirmed_delete(app, question,
                            lambda: _delete_organization(app.context, org_id), done)


async def delete_contact(app: App, contact_id: int, name: str, done: Done | None = None) -> None:
    await _confirmed_delete(app, t("common.confirm_delete", name=name),
                            lambda: _delete_contact(app.context, contact_id), done)


async def add_link(app: App, kind: str, entry_id: int, done: Done | None = None) -> None:
    """Ask for a label and the other end, then link the entry to it."""
    from ectui.services.links import EntryRef, create_link
    from screens.forms.link_form import LinkForm

    async def answered(result: tuple[str, str, int] | None) -> None:
        if result is None:
            return
        label, other_kind, other_id = result
        try:
            await run_db(create_link, app.context, EntryRef(kind, entry_id),
                         EntryRef(other_kind, other_id), label)
        except UserError as error:
            app.report_error(error)
            return
        app.notify(t("common.saved"), timeout=3)
        if done is not None:
            done(None)

    app.push_screen(LinkForm(), answered)
