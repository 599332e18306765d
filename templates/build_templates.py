"""Builds the Word templates shipped with ectui: the invoice, the commercial proposal and the
contracts (supply, services, sale). Run it after changing a text here:

    .venv/bin/python templates/build_templates.py

The files are ordinary .docx documents: open one in Word or LibreOffice, change the wording,
save it under the same name into the company's templates folder, and ectui uses it instead.
Fields are docxtpl (Jinja) tags; ``ectui template fields NAME`` lists the ones available.
Every tag is written in one run of text here, as docxtpl needs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
LEFT, CENTER, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER,
                                WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY)
# Elements that must follow <w:pBdr> inside <w:pPr>, so Word reads the file as valid.
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
               "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
               "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


# ---- building blocks ------------------------------------------------------------------------


def new_document(title: str, font: str, size: float, *, left_cm: float = 2.0) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(left_cm), Cm(1.2)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.5)
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:cs", "w:hAnsi", "w:ascii"):
        fonts.set(qn(attribute), font)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "ru-RU")
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    props = doc.core_properties
    props.title = title
    props.author = "ectui"
    props.language = "ru-RU"
    props.comments = "Шаблон ectui: поля — в фигурных скобках, список: ectui template fields"
    return doc


def runs(paragraph, parts, size: float | None = None) -> None:
    """Add text runs: a str, or (text, "b"/"i"/"bi") for bold / italic."""
    for part in parts:
        text, style = (part, "") if isinstance(part, str) else part
        run = paragraph.add_run(text)
        run.bold = "b" in style or None
        run.italic = "i" in style or None
        if size:
            run.font.size = Pt(size)


def para(container, *parts, align=LEFT, size: float | None = None, after: float = 0,
         before: float = 0, indent_cm: float = 0, keep_next: bool = False):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.space_before = Pt(after), Pt(before)
    if indent_cm:
        fmt.first_line_indent = Cm(indent_cm)
    if keep_next:
        fmt.keep_with_next = True
    runs(paragraph, parts, size)
    return paragraph


def tag(container, text: str):
    """A paragraph holding only a docxtpl paragraph tag ({%p if … %}); it disappears."""
    return para(container, text)


def rule(paragraph, size: int = 12) -> None:
    """A line under the paragraph."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "1"),
                       ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, *_AFTER_PBDR)


def cell_text(cell, *parts, align=LEFT, size: float | None = None) -> None:
    """Replace a cell's text; "\n" in a str starts a new paragraph in the cell."""
    first = True
    for chunk in _split_lines(parts):
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        if first:
            for run in list(paragraph.runs):
                run._r.getparent().remove(run._r)
        first = False
        paragraph.alignment = align
        runs(paragraph, chunk, size)


def _split_lines(parts):
    line: list = []
    for part in parts:
        text, style = (part, "") if isinstance(part, str) else part
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                yield line
                line = []
            if piece:
                line.append((piece, style))
    yield line


def table(container, rows: int, widths_cm: list[float], *, grid: bool = True):
    tbl = container.add_table(rows=rows, cols=len(widths_cm))
    if grid:
        tbl.style = "Table Grid"
    tbl.alignment = WD_TABLE_ALIGNMENT.LEFT
    tbl.autofit = False
    for index, width in enumerate(widths_cm):
        tbl.columns[index].width = Cm(width)
        for cell in tbl.columns[index].cells:
            cell.width = Cm(width)
    return tbl


def page_break(container) -> None:
    container.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def lines_table(doc, *, vat_column: bool = False) -> None:
    """The goods and services: a header, one row per line (docxtpl repeats it), totals."""
    headers = ["№", "Товары (работы, услуги)", "Кол-во", "Ед.", "Цена", "Скидка, %", "Сумма"]
    widths = [0.9, 7.6, 1.6, 1.2, 2.5, 1.6, 2.6]
    cells = ["{{ line.n }}", "{{ line.name }}", "{{ line.quantity }}", "{{ line.unit }}",
             "{{ line.price }}", "{{ line.discount }}", "{{ line.amount }}"]
    if vat_column:
        headers.insert(6, "НДС")
        widths = [0.9, 6.4, 1.5, 1.1, 2.3, 1.4, 1.4, 2.6]
        cells.insert(6, "{{ line.vat_rate }}")
    tbl = table(doc, 4, widths)
    for index, text in enumerate(headers):
        cell_text(tbl.rows[0].cells[index], (text, "b"), align=CENTER)
    cell_text(tbl.rows[1].cells[0], "{%tr for line in lines %}")
    aligns = [CENTER, LEFT, RIGHT, CENTER, RIGHT, RIGHT, RIGHT, RIGHT]
    for index, text in enumerate(cells):
        cell_text(tbl.rows[2].cells[index], text, align=aligns[index])
    cell_text(tbl.rows[3].cells[0], "{%tr endfor %}")
    for cell in tbl.rows[0].cells:
        _shade(cell, "E7E6E6")


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def totals_block(doc, total_label: str = "Всего к оплате:") -> None:
    """«Итого», each VAT line, «Всего к оплате», right-aligned under the table."""
    tbl = table(doc, 5, [14.0, 4.0], grid=False)
    cell_text(tbl.rows[0].cells[0], ("Итого:", "b"), align=RIGHT)
    cell_text(tbl.rows[0].cells[1], ("{{ totals.amount }}", "b"), align=RIGHT)
    cell_text(tbl.rows[1].cells[0], "{%tr for vat in totals.vat_lines %}")
    cell_text(tbl.rows[2].cells[0], ("{{ vat.label }}:", "b"), align=RIGHT)
    cell_text(tbl.rows[2].cells[1], ("{{ vat.amount }}", "b"), align=RIGHT)
    cell_text(tbl.rows[3].cells[0], "{%tr endfor %}")
    cell_text(tbl.rows[4].cells[0], (total_label, "b"), align=RIGHT)
    cell_text(tbl.rows[4].cells[1], ("{{ totals.total }}", "b"), align=RIGHT)


# ---- the invoice ---------------------------------------------------------------------------


def build_invoice() -> Document:
    doc = new_document("Счет на оплату", "Arial", 9, left_cm=1.5)
    para(doc, ("Внимание! Оплата данного счета означает согласие с условиями поставки товара. "
               "Товар отпускается по факту прихода денег на р/с Поставщика, самовывозом, при "
               "наличии доверенности и паспорта.", "i"), align=CENTER, size=7.5, after=6)
    bank = table(doc, 5, [6.0, 4.8, 1.6, 5.8])
    top = bank.cell(0, 0).merge(bank.cell(0, 1))
    cell_text(top, "{{ our.bank_name }}")
    under = bank.cell(1, 0).merge(bank.cell(1, 1))
    cell_text(under, "Банк получателя", size=7.5)
    cell_text(bank.cell(0, 2), "БИК")
    cell_text(bank.cell(0, 3), "{{ our.bik }}")
    cell_text(bank.cell(1, 2), "Сч. №")
    cell_text(bank.cell(1, 3), "{{ our.correspondent_account }}")
    cell_text(bank.cell(2, 0), "ИНН {{ our.inn }}")
    cell_text(bank.cell(2, 1), "КПП {{ our.kpp }}")
    name = bank.cell(3, 0).merge(bank.cell(3, 1))
    cell_text(name, "{{ our.full_name }}")
    label = bank.cell(4, 0).merge(bank.cell(4, 1))
    cell_text(label, "Получатель", size=7.5)
    account_label = bank.cell(2, 2).merge(bank.cell(4, 2))
    cell_text(account_label, "Сч. №")
    account = bank.cell(2, 3).merge(bank.cell(4, 3))
    cell_text(account, "{{ our.settlement_account }}")

    title = para(doc, ("{{ title }}", "b"), size=14, before=12, after=4)
    rule(title, 18)
    parties = table(doc, 5, [3.0, 15.2], grid=False)
    cell_text(parties.cell(0, 0), "Поставщик\n(Исполнитель):")
    cell_text(parties.cell(0, 1), ("{{ our.requisites }}", "b"))
    cell_text(parties.cell(1, 0), "Покупатель\n(Заказчик):")
    cell_text(parties.cell(1, 1), ("{{ client.requisites }}", "b"))
    cell_text(parties.cell(2, 0), "{%tr if basis %}")
    cell_text(parties.cell(3, 0), "Основание:")
    cell_text(parties.cell(3, 1), ("{{ basis }}", "b"))
    cell_text(parties.cell(4, 0), "{%tr endif %}")
    para(doc, "", after=4)
    lines_table(doc)
    totals_block(doc)
    para(doc, "{{ totals.summary }}", before=4)
    para(doc, ("{{ totals.total_words }}", "b"))
    para(doc, "Оплатить не позднее {{ pay_until.short }}.", before=6)
    tag(doc, "{%p if notes %}")
    para(doc, "{{ notes }}", before=4)
    tag(doc, "{%p endif %}")
    line = para(doc, "", after=10)
    rule(line, 18)
    signs = table(doc, 2, [2.6, 6.4, 2.6, 6.6], grid=False)
    cell_text(signs.cell(0, 0), ("Руководитель", "b"))
    cell_text(signs.cell(0, 1), "____________  {{ our.signatory.short }}")
    cell_text(signs.cell(0, 2), ("Бухгалтер", "b"))
    cell_text(signs.cell(0, 3), "____________  {{ our.accountant.short }}")
    cell_text(signs.cell(1, 0), ("Ответственный", "b"))
    cell_text(signs.cell(1, 1), "____________  {{ manager.short }}")
    return doc


# ---- the commercial proposal ---------------------------------------------------------------


def build_proposal() -> Document:
    doc = new_document("Коммерческое предложение", "Arial", 10, left_cm=2.0)
    head = para(doc, ("{{ our.full_name }}", "b"), size=11)
    head.alignment = LEFT
    para(doc, "{{ our.legal_address }}", size=8.5)
    last = para(doc, "{{ our.inn_kpp }}, тел.: {{ our.phones }}, e-mail: {{ our.email }}, "
                     "{{ our.website }}", size=8.5, after=2)
    rule(last, 12)
    address = table(doc, 1, [8.8, 9.0], grid=False)
    cell_text(address.cell(0, 0), "Исх. № КП-{{ number }} от {{ date.short }}")
    right = address.cell(0, 1)
    cell_text(right, "{%p if client.person.last_name %}")
    right.add_paragraph("{{ client.person.datv.position }}")
    right.add_paragraph("{{ client.name }}")
    right.add_paragraph("{{ client.person.datv.short }}")
    right.add_paragraph("{%p else %}")
    right.add_paragraph("{{ client.name }}")
    right.add_paragraph("{%p endif %}")
    para(doc, ("КОММЕРЧЕСКОЕ ПРЕДЛОЖЕНИЕ", "b"), align=CENTER, size=13, before=14)
    tag(doc, "{%p if subject %}")
    para(doc, ("{{ subject }}", "i"), align=CENTER)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if client.person.last_name %}")
    para(doc, ("{{ client.person.greeting }}", "b"), align=CENTER, before=10, after=6)
    tag(doc, "{%p else %}")
    para(doc, ("Уважаемые коллеги!", "b"), align=CENTER, before=10, after=6)
    tag(doc, "{%p endif %}")
    para(doc, "{{ our.name }} благодарит Вас за интерес к нашей продукции и предлагает "
              "рассмотреть следующие товары и услуги:", align=JUSTIFY, indent_cm=1.0, after=6)
    lines_table(doc, vat_column=True)
    totals_block(doc, "Всего:")
    para(doc, "Сумма прописью: ", ("{{ totals.total_words }}", "b"), before=4)
    tag(doc, "{%p if valid_until.short %}")
    para(doc, "Предложение действительно до {{ valid_until.short }}.", before=8)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if notes %}")
    para(doc, "{{ notes }}", before=6, align=JUSTIFY)
    tag(doc, "{%p endif %}")
    para(doc, "Будем рады ответить на Ваши вопросы и подготовить договор и счет.", before=8,
         align=JUSTIFY, indent_cm=1.0)
    para(doc, "С уважением,", before=16)
    para(doc, "{{ manager.position }}")
    signs = table(doc, 1, [9.0, 8.8], grid=False)
    cell_text(signs.cell(0, 0), "{{ our.name }}")
    cell_text(signs.cell(0, 1), "____________  {{ manager.initials_first }}", align=RIGHT)
    tag(doc, "{%p if manager.phone or manager.email %}")
    para(doc, ("Тел.: {{ manager.phone or our.phones }}, e-mail: {{ manager.email or our.email }}",
               "i"), size=8.5, before=4)
    tag(doc, "{%p endif %}")
    return doc


# ---- contracts -----------------------------------------------------------------------------


def _preamble(doc, heading: str, our_role: str, client_role: str) -> None:
    para(doc, (f"{heading} № {{{{ number }}}}", "b"), align=CENTER, size=13, after=8)
    where = table(doc, 1, [9.0, 8.7], grid=False)
    cell_text(where.cell(0, 0), "{{ our.city }}")
    cell_text(where.cell(0, 1), "{{ date.quoted }}", align=RIGHT)
    para(doc, "", after=6)
    para(doc, ("{{ our.full_name }}", "b"),
         f", именуемое в дальнейшем «{our_role}», {{{{ our.signatory.in_person_of }}}}, "
         "с одной стороны, и ", ("{{ client.full_name }}", "b"),
         f", именуемое в дальнейшем «{client_role}», {{{{ client.signatory.in_person_of }}}}, "
         "с другой стороны, вместе именуемые «Стороны», заключили настоящий договор "
         "(далее — Договор) о нижеследующем:", align=JUSTIFY, indent_cm=1.0, after=6)


def _section(doc, heading: str, clauses: list[str]) -> None:
    para(doc, (heading, "b"), align=CENTER, before=8, after=4, keep_next=True)
    for clause in clauses:
        para(doc, clause, align=JUSTIFY, indent_cm=1.0, after=2)


def _price_clause(number: str) -> str:
    return (f"{number}. Цена Договора составляет {{{{ amount }}}} ({{{{ amount_words }}}}), "
            "{{ totals.vat_sentence }}")


def _requisites(doc, our_role: str, client_role: str) -> None:
    para(doc, ("АДРЕСА, РЕКВИЗИТЫ И ПОДПИСИ СТОРОН", "b"), align=CENTER, before=10, after=6,
         keep_next=True)
    tbl = table(doc, 1, [8.8, 8.9], grid=False)
    for index, (side, role) in enumerate((("our", our_role), ("client", client_role))):
        cell = tbl.cell(0, index)
        cell_text(cell, (role, "b"))
        for text in (f"{{{{ {side}.full_name }}}}",
                     f"Адрес: {{{{ {side}.legal_address }}}}",
                     f"{{{{ {side}.inn_kpp }}}}", f"ОГРН {{{{ {side}.ogrn }}}}",
                     f"р/с {{{{ {side}.settlement_account }}}}",
                     f"в {{{{ {side}.bank_name }}}}", f"БИК {{{{ {side}.bik }}}}",
                     f"к/с {{{{ {side}.correspondent_account }}}}",
                     f"Тел.: {{{{ {side}.phones }}}}", ""):
            cell.add_paragraph(text)
        cell.add_paragraph(f"{{{{ {side}.signatory.position }}}}")
        cell.add_paragraph("")
        cell.add_paragraph(f"________________ / {{{{ {side}.signatory.initials_first }}}} /")
        cell.add_paragraph("М. П.")


def _specification(doc, heading: str, our_role: str, client_role: str) -> None:
    tag(doc, "{%p if has_lines %}")
    page_break(doc)
    para(doc, f"Приложение № 1 к {heading} № {{{{ number }}}} от {{{{ date.short }}}}",
         align=RIGHT, size=9)
    para(doc, ("СПЕЦИФИКАЦИЯ", "b"), align=CENTER, size=12, before=10, after=6)
    lines_table(doc, vat_column=True)
    totals_block(doc, "Всего:")
    para(doc, "Сумма прописью: ", ("{{ totals.total_words }}", "b"), before=4, after=10)
    signs = table(doc, 1, [8.8, 8.9], grid=False)
    for index, (side, role) in enumerate((("our", our_role), ("client", client_role))):
        cell = signs.cell(0, index)
        cell_text(cell, (role, "b"))
        cell.add_paragraph(f"{{{{ {side}.signatory.position }}}}")
        cell.add_paragraph("")
        cell.add_paragraph(f"________________ / {{{{ {side}.signatory.initials_first }}}} /")
    tag(doc, "{%p endif %}")


def build_supply_contract() -> Document:
    doc = new_document("Договор поставки", "Times New Roman", 11, left_cm=2.5)
    _preamble(doc, "ДОГОВОР ПОСТАВКИ", "Поставщик", "Покупатель")
    _section(doc, "1. ПРЕДМЕТ ДОГОВОРА", [
        "1.1. Поставщик обязуется передать в собственность Покупателя {{ subject or "
        "\"товар\" }} (далее — Товар), а Покупатель обязуется принять Товар и оплатить его.",
        "1.2. Наименование, количество, ассортимент и цена Товара указываются в Спецификации "
        "(Приложение № 1) или в счетах Поставщика, являющихся неотъемлемой частью Договора.",
    ])
    _section(doc, "2. ЦЕНА И ПОРЯДОК РАСЧЕТОВ", [
        _price_clause("2.1"),
        "2.2. Покупатель оплачивает Товар путем перечисления денежных средств на расчетный "
        "счет Поставщика в течение 5 (пяти) банковских дней с даты выставления счета.",
        "2.3. Датой оплаты считается дата зачисления денежных средств на расчетный счет "
        "Поставщика.",
    ])
    _section(doc, "3. ПОСТАВКА И ПРИЕМКА ТОВАРА", [
        "3.1. Поставщик передает Товар в течение 10 (десяти) рабочих дней с даты оплаты со "
        "склада Поставщика либо доставляет его по адресу Покупателя по согласованию Сторон.",
        "3.2. Право собственности на Товар и риск его случайной гибели переходят к Покупателю "
        "в момент подписания универсального передаточного документа (товарной накладной).",
        "3.3. Приемка Товара по количеству и качеству производится при его передаче. "
        "Претензии по скрытым недостаткам принимаются в течение гарантийного срока "
        "изготовителя.",
    ])
    _section(doc, "4. ОТВЕТСТВЕННОСТЬ СТОРОН", [
        "4.1. За просрочку оплаты Покупатель уплачивает Поставщику пени в размере 0,1 % от "
        "неоплаченной суммы за каждый день просрочки, но не более 10 % от этой суммы.",
        "4.2. За просрочку поставки Поставщик уплачивает Покупателю пени в размере 0,1 % от "
        "стоимости непоставленного Товара за каждый день просрочки, но не более 10 % от "
        "этой стоимости.",
        "4.3. Стороны освобождаются от ответственности за неисполнение обязательств, вызванное "
        "обстоятельствами непреодолимой силы.",
    ])
    _section(doc, "5. РАЗРЕШЕНИЕ СПОРОВ И СРОК ДЕЙСТВИЯ", [
        "5.1. Споры разрешаются путем переговоров, а при недостижении согласия — в "
        "Арбитражном суде по месту нахождения Поставщика; срок ответа на претензию — 10 "
        "(десять) календарных дней.",
        "5.2. Договор вступает в силу с момента подписания и действует до 31 декабря "
        "{{ date.year }} г., а в части расчетов — до полного исполнения обязательств.",
        "5.3. Договор составлен в двух экземплярах, имеющих одинаковую юридическую силу, по "
        "одному для каждой из Сторон.",
    ])
    _requisites(doc, "Поставщик", "Покупатель")
    _specification(doc, "Договору поставки", "Поставщик", "Покупатель")
    return doc


def build_service_contract() -> Document:
    doc = new_document("Договор оказания услуг", "Times New Roman", 11, left_cm=2.5)
    _preamble(doc, "ДОГОВОР ВОЗМЕЗДНОГО ОКАЗАНИЯ УСЛУГ", "Исполнитель", "Заказчик")
    _section(doc, "1. ПРЕДМЕТ ДОГОВОРА", [
        "1.1. Исполнитель обязуется по заданию Заказчика оказать услуги: {{ subject or "
        "\"согласно Спецификации\" }} (далее — Услуги), а Заказчик обязуется оплатить эти "
        "Услуги.",
        "1.2. Состав, объем и стоимость Услуг указываются в Спецификации (Приложение № 1) "
        "или в счетах Исполнителя, являющихся неотъемлемой частью Договора.",
    ])
    _section(doc, "2. СТОИМОСТЬ УСЛУГ И ПОРЯДОК РАСЧЕТОВ", [
        _price_clause("2.1"),
        "2.2. Заказчик оплачивает Услуги в течение 5 (пяти) банковских дней с даты подписания "
        "Сторонами акта сдачи-приемки оказанных услуг на основании счета Исполнителя.",
    ])
    _section(doc, "3. ПОРЯДОК ОКАЗАНИЯ И ПРИЕМКИ УСЛУГ", [
        "3.1. Исполнитель оказывает Услуги в сроки, согласованные Сторонами, лично или с "
        "привлечением третьих лиц, оставаясь ответственным за их действия.",
        "3.2. По окончании оказания Услуг Исполнитель передает Заказчику акт сдачи-приемки. "
        "Заказчик в течение 5 (пяти) рабочих дней подписывает акт или направляет "
        "мотивированный отказ; в противном случае Услуги считаются принятыми.",
    ])
    _section(doc, "4. ОТВЕТСТВЕННОСТЬ СТОРОН", [
        "4.1. За просрочку оплаты Заказчик уплачивает Исполнителю пени в размере 0,1 % от "
        "неоплаченной суммы за каждый день просрочки, но не более 10 % от этой суммы.",
        "4.2. Стороны освобождаются от ответственности за неисполнение обязательств, вызванное "
        "обстоятельствами непреодолимой силы.",
    ])
    _section(doc, "5. РАЗРЕШЕНИЕ СПОРОВ И СРОК ДЕЙСТВИЯ", [
        "5.1. Споры разрешаются путем переговоров, а при недостижении согласия — в "
        "Арбитражном суде по месту нахождения Исполнителя.",
        "5.2. Договор вступает в силу с момента подписания и действует до 31 декабря "
        "{{ date.year }} г., а в части расчетов — до полного исполнения обязательств.",
    ])
    _requisites(doc, "Исполнитель", "Заказчик")
    _specification(doc, "Договору возмездного оказания услуг", "Исполнитель", "Заказчик")
    return doc


def build_sale_contract() -> Document:
    doc = new_document("Договор купли-продажи", "Times New Roman", 11, left_cm=2.5)
    _preamble(doc, "ДОГОВОР КУПЛИ-ПРОДАЖИ", "Продавец", "Покупатель")
    _section(doc, "1. ПРЕДМЕТ ДОГОВОРА", [
        "1.1. Продавец обязуется передать в собственность Покупателя {{ subject or "
        "\"товар\" }} (далее — Товар), а Покупатель обязуется принять Товар и уплатить за "
        "него цену, установленную Договором.",
        "1.2. Товар принадлежит Продавцу на праве собственности, не заложен, под арестом не "
        "состоит и свободен от прав третьих лиц.",
    ])
    _section(doc, "2. ЦЕНА И ПОРЯДОК РАСЧЕТОВ", [
        _price_clause("2.1"),
        "2.2. Покупатель уплачивает цену Товара в течение 5 (пяти) банковских дней с даты "
        "подписания Договора.",
    ])
    _section(doc, "3. ПЕРЕДАЧА ТОВАРА", [
        "3.1. Продавец передает Товар в течение 5 (пяти) рабочих дней с даты оплаты по "
        "универсальному передаточному документу.",
        "3.2. Право собственности на Товар переходит к Покупателю с момента его передачи.",
    ])
    _section(doc, "4. ЗАКЛЮЧИТЕЛЬНЫЕ ПОЛОЖЕНИЯ", [
        "4.1. Споры разрешаются путем переговоров, а при недостижении согласия — в "
        "Арбитражном суде по месту нахождения Продавца.",
        "4.2. Договор составлен в двух экземплярах, по одному для каждой из Сторон, и "
        "вступает в силу с момента его подписания.",
    ])
    _requisites(doc, "Продавец", "Покупатель")
    _specification(doc, "Договору купли-продажи", "Продавец", "Покупатель")
    return doc


BUILDERS = {
    "invoice.docx": build_invoice,
    "proposal.docx": build_proposal,
    "contract_supply.docx": build_supply_contract,
    "contract_service.docx": build_service_contract,
    "contract_sale.docx": build_sale_contract,
}


def main(folder: Path = HERE) -> list[Path]:
    written = []
    for name, build in BUILDERS.items():
        path = folder / name
        build().save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
