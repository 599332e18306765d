"""The contract form: template (contract type), number, date, the invoice it is made for,
subject and price, and both signatories with position and basis. Choosing the client's
contact person (F2) fills the client's signatory from their card."""

from __future__ import annotations

from textual import on

from ectui.i18n import t
from ectui.services.contracts import ContractDraft, signatory_of_contact
from screens.db import run_db
from screens.forms.entry_picker import EntryPicker
from screens.forms.field_form import FieldDef, FieldForm
from screens.forms.record_form import ReferenceField

SIGNATORY_PARTS = ("last_name", "first_name", "patronymic", "gender", "position", "basis")


def form_key(dotted: str) -> str:
    """Widget ids may not hold dots: «client.last_name» is «client__last_name» in a form."""
    return dotted.replace(".", "__")


def dotted_key(key: str) -> str:
    return key.replace("__", ".")


def _gender_options() -> tuple[tuple[str, str], ...]:
    return ((t("choice.gender.m"), "m"), (t("choice.gender.f"), "f"))


def contract_fields(draft: ContractDraft) -> list[FieldDef]:
    values = draft.values
    fields = [
        FieldDef("template", t("contract.field.template"), "select", values["template"],
                 tuple((title, name) for name, title in draft.templates), allow_blank=False,
                 required=True),
        FieldDef("number", t("contract.field.number"), value=values["number"], required=True,
                 hint=t("contract.number_hint", number=draft.suggested_number)),
        FieldDef("date", t("contract.field.date"), value=values["date"], required=True,
                 hint=t("common.date.hint")),
        FieldDef("invoice_id", t("contract.field.invoice"), "select", values["invoice_id"],
                 tuple((label, ident) for ident, label in draft.invoices)),
        FieldDef("subject", t("contract.field.subject"), value=values["subject"],
                 hint=t("contract.subject_hint")),
        FieldDef("amount", t("contract.field.amount"), value=values["amount"],
                 hint=t("contract.amount_hint")),
    ]
    for part in SIGNATORY_PARTS:
        key = f"our.{part}"
        label = t(f"contract.our.{part}")
        if part == "gender":
            fields.append(FieldDef(form_key(key), label, "select", values[key] or None,
                                   _gender_options()))
        else:
            fields.append(FieldDef(form_key(key), label, value=values[key],
                                   required=part in ("last_name", "position", "basis"),
                                   hint=t("contract.basis_hint") if part == "basis" else ""))
    fields.append(FieldDef(form_key("client.contact_id"), t("contract.client.contact"),
                           "contact", values["client.contact_id"],
                           reference_name=draft.names.get("client.contact_id", ""),
                           hint=t("contract.contact_hint")))
    for part in SIGNATORY_PARTS:
        key = f"client.{part}"
        label = t(f"contract.client.{part}")
        if part == "gender":
            fields.append(FieldDef(form_key(key), label, "select", values[key] or None,
                                   _gender_options()))
        else:
            fields.append(FieldDef(form_key(key), label, value=values[key],
                                   required=part in ("last_name", "position", "basis"),
                                   hint=t("contract.basis_hint") if part == "basis" else ""))
    return fields


class ContractForm(FieldForm):
    """The contract form; dismisses with what ``save`` returned (the made contract)."""

    def __init__(self, title: str, draft: ContractDraft, save, *, subtitle: str = "") -> None:
        super().__init__(title, contract_fields(draft), save, subtitle=subtitle)
        self.organization_id = draft.values["organization_id"]

    @on(ReferenceField.PickRequested)
    def _pick_signatory(self, event: ReferenceField.PickRequested) -> None:
        # Instead of the plain picker: the client's people only, and their card fills the
        # signatory's name, gender and position.
        event.prevent_default()
        event.stop()
        field = event.field

        async def picked(choice: tuple[int, str] | None) -> None:
            if choice is None:
                return
            field.set_reference(*choice)
            person = await run_db(signatory_of_contact, choice[0])
            for part, value in person.items():
                self.set_value(form_key(f"client.{part}"), value)

        self.app.push_screen(EntryPicker("contact", self.organization_id), picked)

    def set_value(self, key: str, value: str) -> None:
        from textual.widgets import Input, Select

        widget = self._inputs.get(key)
        if isinstance(widget, Input):
            widget.value = value or ""
        elif isinstance(widget, Select):
            widget.value = value if value else Select.NULL
