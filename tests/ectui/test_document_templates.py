"""Every shipped Word template renders with every field filled; the produced .docx is opened
and its text checked: requisites, totals, the amount in words, names and positions in the
case each sentence needs. Then the contract register, and what a template's author sees."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document

from ectui.documents import builders, files
from ectui.documents.render import render_docx
from ectui.documents.templates import SHIPPED_DIR, find_template, list_templates, used_fields
from ectui.errors import UserError, ValidationError
from ectui.models import Contract, Employee
from ectui.services import company, contracts, invoices, printing, proposals
from ectui.services.contacts import save_contact
from ectui.services.organizations import organization_for_edit, save_organization
from tests.ectui.document_helpers import price_list, set_up_company
from tests.ectui.task_helpers import build_office


def docx_text(source: Path | bytes) -> str:
    """All the text of a .docx: paragraphs, tables (nested too), headers and footers."""
    import io

    document = Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))
    parts: list[str] = []

    def walk(container) -> None:
        for item in container.iter_inner_content():  # in document order
            if hasattr(item, "rows"):
                for row in item.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                parts.append(item.text)

    walk(document)
    for section in document.sections:
        walk(section.header)
        walk(section.footer)
    return "\n".join(parts)


def resolve(context: dict, dotted: str) -> list[str]:
    """The values a template field path takes in a context (several for list items)."""
    values: list[object] = [context]
    for part in dotted.replace("[]", ".[]").split("."):
        following: list[object] = []
        for value in values:
            if part == "[]":
                following.extend(value)  # type: ignore[arg-type]
            elif isinstance(value, dict):
                following.append(value[part])
            else:
                following.append(getattr(value, part))
        values = following
    return [str(v) for v in values]


@pytest.fixture
def office(database, tmp_path):
    office = build_office()
    set_up_company()
    company.save_document_settings(office.admin, {"payment_days": "5",
                                                  "output_dir": str(tmp_path / "docs")})
    office.products = price_list(office.admin)
    Employee.update(position="Менеджер по продажам", phone="+7 (495) 215-40-12",
                    email="kim@vector-plus.ru").where(
        Employee.id == office.kim.actor.employee_id).execute()
    data = organization_for_edit(office.romashka).values
    address = "125009, г. Москва, ул. Тверская, д. 9, офис 3"
    save_organization(office.admin, {**data, "legal_address": address,
                                     "responsible_id": office.kim.actor.employee_id},
                      org_id=office.romashka)
    save_contact(office.admin, {"last_name": "Ковалёва", "first_name": "Юлия",
                                "patronymic": "Михайловна", "gender": "f",
                                "position": "Генеральный директор",
                                "organization_id": office.romashka}, contact_id=office.kovaleva)
    proposal = proposals.create_proposal(office.kim, {
        "organization_id": office.romashka, "contact_id": office.kovaleva,
        "subject": "Оборудование для цеха", "valid_until": "07.12.2026",
        "notes": "Доставка по Москве бесплатно."})
    proposals.add_product(office.kim, proposal, office.products["press"], "2", "5")
    proposals.add_product(office.kim, proposal, office.products["manual"], "2")
    proposals.add_product(office.kim, proposal, office.products["setup"], "8")
    office.proposal = proposal
    office.invoice = invoices.invoice_from_proposal(office.kim, proposal, {
        "basis": "Договор поставки № 1 от 23.11.2026", "notes": "Счет действителен 5 дней."})
    return office


def _contract_data(office, **changes) -> dict:
    draft = contracts.contract_draft(office.kim, office.romashka, invoice_id=office.invoice)
    return {**draft.values, "subject": "оборудование", **changes}


def test_the_shipped_templates_are_found_with_their_titles():
    names = {(info.name, info.kind, info.title) for info in list_templates()}
    assert names == {
        ("invoice.docx", "invoice", "Счет на оплату"),
        ("proposal.docx", "proposal", "Коммерческое предложение"),
        ("contract_supply.docx", "contract", "Договор поставки"),
        ("contract_service.docx", "contract", "Договор оказания услуг"),
        ("contract_sale.docx", "contract", "Договор купли-продажи"),
    }


def _contexts(office) -> dict[str, dict]:
    ours = company.our_company()
    invoice = builders.invoice_context(ours, invoices.invoice_view(office.kim, office.invoice))
    proposal = builders.proposal_context(ours, proposals.proposal_view(office.kim,
                                                                       office.proposal))
    view = invoices.invoice_view(office.kim, office.invoice)
    from ectui.documents.people import make_person

    contract = builders.contract_context(
        ours, number="1", day=dt.date(2026, 11, 23), title="Договор поставки",
        organization_id=office.romashka,
        our_signatory=make_person("Орлов", "Евгений", "Евгеньевич",
                                  position="Генеральный директор", basis="Устава"),
        client_signatory=make_person("Ковалёва", "Юлия", "Михайловна", gender="f",
                                     position="Генеральный директор", basis="Устав"),
        subject="оборудование", amount=view.totals.total, lines=view.lines,
        totals=view.totals, invoice=(view.number, view.date),
        manager_id=office.kim.actor.employee_id)
    return {"invoice": invoice, "proposal": proposal, "contract": contract}


def test_every_shipped_template_renders_with_every_field_filled(office):
    contexts = _contexts(office)
    for info in list_templates():
        context = contexts[info.kind]
        for field in used_fields(info.path):
            values = resolve(context, field)
            assert values and any(v.strip() for v in values), f"{info.name}: {field} is empty"
        text = docx_text(render_docx(info.path, context))
        assert "{{" not in text and "{%" not in text and "}}" not in text, info.name
        assert "Пресс гидравлический ПГ-40" in text, info.name


def test_the_invoice_reads_as_a_russian_invoice(office):
    made = printing.print_invoice(office.kim, office.invoice)
    path = Path(made.path)
    assert path.is_file() and path.parent.name == "Счета"
    assert path.name == "Счет № 1 от 23.11.2026 ООО «Ромашка».docx"
    text = docx_text(path).replace("\u00a0", " ")
    for expected in (
        "Счет на оплату № 1 от 23 ноября 2026 г.",
        "ПАО Сбербанк, г. Москва", "044525225", "40702810238000071536",
        "30101810400000000225", "ИНН 7725413784", "КПП 772501001",
        "Общество с ограниченной ответственностью «Ромашка», ИНН 7707083893, КПП 773601001",
        "Основание:", "Договор поставки № 1 от 23.11.2026",
        "351 500,00", "2 500,00", "28 000,00",
        "В том числе НДС 22%:", "68 434,43", "В том числе НДС 10%:", "227,27",
        "Всего к оплате:", "382 000,00",
        "Всего наименований 3, на сумму 382 000,00 руб.",
        "Триста восемьдесят две тысячи рублей 00 копеек",
        "Оплатить не позднее 28.11.2026.",
        "Орлов Е. Е.", "Сергеева Т. В.", "Ким Д. О.",
    ):
        assert expected in text, expected


def test_the_proposal_addresses_the_client_in_the_dative(office):
    text = docx_text(Path(printing.print_proposal(office.kim, office.proposal).path))
    text = text.replace("\u00a0", " ")
    for expected in ("Исх. № КП-1 от 23.11.2026", "Генеральному директору", "ООО «Ромашка»",
                     "Ковалёвой Ю. М.", "Уважаемая Юлия Михайловна!", "КОММЕРЧЕСКОЕ ПРЕДЛОЖЕНИЕ",
                     "Оборудование для цеха", "Предложение действительно до 07.12.2026.",
                     "Триста восемьдесят две тысячи рублей 00 копеек", "Д. О. Ким",
                     "Доставка по Москве бесплатно."):
        assert expected in text, expected


def test_a_supply_contract_with_declined_signatories_lands_in_the_register(office):
    made = contracts.create_contract(office.kim, _contract_data(office))
    path = Path(made.path)
    assert path.is_file() and path.parent.name == "Договоры"
    text = docx_text(path).replace("\u00a0", " ")
    for expected in (
        "ДОГОВОР ПОСТАВКИ № 1", "г. Москва", "«23» ноября 2026 г.",
        "Общество с ограниченной ответственностью «Вектор Плюс», именуемое в дальнейшем "
        "«Поставщик», в лице Генерального директора Орлова Е. Е., действующего на основании "
        "Устава, с одной стороны, и Общество с ограниченной ответственностью «Ромашка», "
        "именуемое в дальнейшем «Покупатель», в лице Генерального директора Ковалёвой Ю. М., "
        "действующей на основании Устава, с другой стороны",
        "передать в собственность Покупателя оборудование",
        "Цена Договора составляет 382 000,00 (Триста восемьдесят две тысячи рублей 00 копеек), "
        "в том числе НДС 22% — 68 434,43 руб.; в том числе НДС 10% — 227,27 руб.",
        "действует до 31 декабря 2026 г.", "СПЕЦИФИКАЦИЯ", "Приложение № 1 к Договору поставки "
        "№ 1 от 23.11.2026", "/ Е. Е. Орлов /", "/ Ю. М. Ковалёва /",
    ):
        assert expected in text, expected
    rows = contracts.list_contracts(contracts.ContractFilter(organization_id=office.romashka),
                                    0, 10)
    assert [(r.number, r.title, r.client_signatory) for r in rows] == [
        ("1", "Договор поставки", "Ковалёва Ю. М.")]
    # The file is opened again from the register, even after it was removed from disk.
    path.unlink()
    assert Path(contracts.contract_file(office.kim, made.id)).read_bytes() \
        == bytes(Contract.get_by_id(made.id).document)


def test_contract_numbers_are_suggested_and_checked(office):
    first = contracts.create_contract(office.kim, _contract_data(office))
    second = contracts.create_contract(office.kim, _contract_data(office))
    numbers = [Contract.get_by_id(c.id).number for c in (first, second)]
    assert numbers == ["1", "2"]
    contracts.create_contract(office.kim, _contract_data(office, number="П-15/2026"))
    with pytest.raises(ValidationError) as caught:
        contracts.create_contract(office.kim, _contract_data(office, number="П-15/2026"))
    assert caught.value.errors["number"].key == "documents.contract_number_taken"


def test_a_service_contract_without_a_linked_invoice(office):
    data = _contract_data(office, template="contract_service.docx", invoice_id=None,
                          amount="90 000", subject="настройка оборудования")
    text = docx_text(Path(contracts.create_contract(office.kim, data).path))
    text = text.replace("\u00a0", " ")
    assert "ДОГОВОР ВОЗМЕЗДНОГО ОКАЗАНИЯ УСЛУГ № 1" in text
    assert "оказать услуги: настройка оборудования" in text
    assert "90 000,00 (Девяносто тысяч рублей 00 копеек), в том числе НДС 22% — 16 229,51" in text
    assert "СПЕЦИФИКАЦИЯ" not in text  # no lines: no appendix


def test_the_contract_form_refuses_missing_signatories(office):
    with pytest.raises(ValidationError) as caught:
        contracts.create_contract(office.kim, _contract_data(
            office, **{"client.last_name": "", "client.position": "", "number": ""}))
    assert set(caught.value.errors) == {"client.last_name", "client.position", "number"}


def test_the_draft_picks_the_clients_director(office):
    draft = contracts.contract_draft(office.kim, office.romashka, invoice_id=office.invoice)
    assert draft.values["client.last_name"] == "Ковалёва"
    assert draft.values["client.gender"] == "f"
    assert draft.values["our.position"] == "Генеральный директор"
    assert draft.values["amount"] == "382 000,00"
    assert draft.suggested_number == "1"
    assert ("contract_supply.docx", "Договор поставки") in draft.templates


def test_names_with_ampersands_and_brackets_do_not_break_the_file(office):
    data = organization_for_edit(office.romashka).values
    save_organization(office.admin, {**data, "full_name": "ООО «Рога & Копыта <Юг>»"},
                      org_id=office.romashka)
    text = docx_text(Path(printing.print_invoice(office.kim, office.invoice).path))
    assert "ООО «Рога & Копыта <Юг>»" in text


def _handmade(tmp_path: Path, name: str, *paragraphs: str) -> Path:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / name
    document.save(str(path))
    return path


def test_used_fields_of_a_handmade_template(tmp_path):
    path = _handmade(tmp_path, "contract_rent.docx",
                     "в лице {{ client.signatory.gent.position }} "
                     "{{ client.signatory.gent.short }}",
                     "{% for line in lines %}{{ line.name }} {{ line.amount }}{% endfor %}",
                     "{{ totals.total_words }}")
    assert used_fields(path) == ["client.signatory.gent.position", "client.signatory.gent.short",
                                 "lines[].amount", "lines[].name", "totals.total_words"]


def test_a_template_dropped_into_the_company_folder_is_offered(tmp_path):
    _handmade(tmp_path, "contract_rent.docx", "{{ number }}")
    _handmade(tmp_path, "notes.docx", "not a template of ectui")
    found = {info.name: info for info in list_templates(str(tmp_path), kind="contract")}
    assert set(found) == {"contract_rent.docx", "contract_supply.docx", "contract_service.docx",
                          "contract_sale.docx"}
    assert not found["contract_rent.docx"].shipped
    assert find_template("contract_rent", str(tmp_path)).path.parent == tmp_path


def test_an_unknown_field_is_named(tmp_path, office):
    path = _handmade(tmp_path, "contract_bad.docx", "{{ client.favourite_colour }}")
    with pytest.raises(UserError) as caught:
        render_docx(path, _contexts(office)["contract"])
    assert caught.value.key == "documents.template_unknown_field"
    assert "favourite_colour" in caught.value.message


def test_a_broken_tag_is_reported_with_its_line(tmp_path, office):
    path = _handmade(tmp_path, "contract_bad.docx", "{{ client.name }", "text")
    with pytest.raises(UserError) as caught:
        render_docx(path, _contexts(office)["contract"])
    assert caught.value.key == "documents.template_syntax"


@pytest.mark.skipif(files.soffice_path() is None, reason="LibreOffice is not installed here")
def test_a_pdf_is_made_when_libreoffice_is_here(office):
    made = printing.print_invoice(office.kim, office.invoice, pdf=True)
    assert made.pdf_error == ""
    assert Path(made.pdf_path).read_bytes().startswith(b"%PDF")


def test_without_libreoffice_the_docx_is_made_and_the_reason_given(office, monkeypatch):
    monkeypatch.setattr(files, "soffice_path", lambda: None)
    made = printing.print_invoice(office.kim, office.invoice, pdf=True)
    assert Path(made.path).is_file()
    assert made.pdf_path == "" and "LibreOffice" in made.pdf_error


def test_the_shipped_folder_holds_the_built_templates():
    from templates.build_templates import BUILDERS

    assert sorted(BUILDERS) == sorted(p.name for p in SHIPPED_DIR.glob("*.docx"))


def test_the_template_fields_command(tmp_path, capsys):
    from ectui.cli import main

    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert main(["template", "fields", "contract_supply", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "Шаблон contract_supply.docx — «Договор поставки» (договор)" in out
    assert "✓ client.signatory.in_person_of" in out
    assert "в лице Генерального директора Ковалёвой Ю. М., действующей" in out
    assert "our.signatory.(gent|datv|accs|ablt|loct).short" in out  # every field it can use
    assert main(["template", "list", "--db", url]) == 0
    assert "contract_service.docx" in capsys.readouterr().out


def test_the_template_fields_command_flags_unknown_fields(tmp_path, capsys):
    import ectui.db
    from ectui.cli import main
    from ectui.schema import migrate
    from ectui.services.company import save_document_settings
    from tests.ectui.helpers import admin_context

    folder = tmp_path / "company-templates"
    folder.mkdir()
    _handmade(folder, "contract_rent.docx", "{{ client.name }} {{ client.favourite_colour }}")
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    db = ectui.db.bind(ectui.db.open_database(url))
    db.connect()
    migrate(db)
    save_document_settings(admin_context(), {"payment_days": "5", "templates_dir": str(folder)})
    db.close()
    assert main(["template", "fields", "contract_rent", "--db", url, "--used"]) == 1
    out = capsys.readouterr().out
    assert "✓ client.name" in out and "✗ client.favourite_colour" in out
