"""The Word templates: the ones shipped with ectui in ``templates/`` and the company's own,
dropped by the admin into the templates folder (a setting) — a file there overrides a shipped
one of the same name.

A template's kind comes from its file name: ``invoice*.docx``, ``proposal*.docx``,
``contract_*.docx`` (each contract template is a contract type: supply, service, sale…).
Its title, shown in the contract form, is the document's title (File → Properties in Word or
LibreOffice), or the file name without its extension.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import nodes

from ectui.documents.render import jinja_env
from ectui.errors import UserError

SHIPPED_DIR = Path(__file__).resolve().parents[2] / "templates"
KINDS = ("invoice", "proposal", "contract")


@dataclass(frozen=True)
class TemplateInfo:
    name: str      # the file name: contract_supply.docx
    kind: str      # invoice, proposal, contract
    title: str     # «Договор поставки»
    path: Path
    shipped: bool  # one of ectui's own, not the company's


def kind_of(file_name: str) -> str | None:
    stem = Path(file_name).stem.casefold()
    for kind in KINDS:
        if stem == kind or stem.startswith(f"{kind}_") or stem.startswith(f"{kind}-"):
            return kind
    return None


def _title(path: Path) -> str:
    from docx import Document

    try:
        title = (Document(str(path)).core_properties.title or "").strip()
    except Exception:  # a broken file still lists, by name; rendering says what is wrong
        title = ""
    return title or path.stem


def template_dirs(custom_dir: str = "") -> list[Path]:
    """Where templates are looked for, the company's folder first."""
    dirs = []
    if custom_dir:
        dirs.append(Path(custom_dir).expanduser())
    dirs.append(SHIPPED_DIR)
    return dirs


def list_templates(custom_dir: str = "", kind: str | None = None) -> list[TemplateInfo]:
    """Every template of ``kind`` (all kinds when None), by title."""
    found: dict[str, TemplateInfo] = {}
    for folder in template_dirs(custom_dir):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.docx")):
            if path.name.startswith(("~$", ".~lock")):  # Word's and LibreOffice's lock files
                continue
            file_kind = kind_of(path.name)
            if file_kind is None or (kind and file_kind != kind) or path.name in found:
                continue
            found[path.name] = TemplateInfo(path.name, file_kind, _title(path), path,
                                            folder == SHIPPED_DIR)
    return sorted(found.values(), key=lambda info: (KINDS.index(info.kind), info.title))


def find_template(name: str, custom_dir: str = "") -> TemplateInfo:
    """A template by its file name, with or without «.docx»; UserError when missing."""
    wanted = name if name.endswith(".docx") else f"{name}.docx"
    for info in list_templates(custom_dir):
        if info.name == wanted:
            return info
    raise UserError("documents.template_missing", name=wanted,
                    folders=", ".join(str(d) for d in template_dirs(custom_dir)))


# ---- the fields a template uses ------------------------------------------------------------


def _template_source(path: Path) -> str:
    """The Jinja source of the body, headers and footers, as docxtpl renders it."""
    from docx import Document
    from docx.oxml import parse_xml
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(path))
    document = Document(str(path))
    source = template.patch_xml(template.xml_to_string(document._element.body))
    for rel in document.part.rels.values():
        if rel.reltype in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI) \
                and rel.target_part.blob:
            source += template.patch_xml(template.xml_to_string(
                parse_xml(rel.target_part.blob)))
    return source


def _path_of(node: nodes.Node, loops: dict[str, str]) -> str | None:
    parts = []
    while isinstance(node, nodes.Getattr | nodes.Getitem):
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            parts.append(node.arg.value)
        else:
            parts.append("[]")
        node = node.node
    if not isinstance(node, nodes.Name):
        return None
    root = loops.get(node.name, node.name)
    return ".".join([root, *reversed(parts)]).replace(".[]", "[]")


def used_fields(path: Path) -> list[str]:
    """The fields a template names, as dotted paths: ``our.signatory.gent.short``,
    ``lines[].amount`` (a loop's variable is written as its list and ``[]``)."""
    try:
        tree = jinja_env().parse(_template_source(path))
    except jinja2.TemplateSyntaxError as error:
        raise UserError("documents.template_syntax", name=path.name, line=error.lineno,
                        error=error.message or "") from error
    loops: dict[str, str] = {}
    for loop in tree.find_all(nodes.For):
        source = _path_of(loop.iter, loops)
        if source and isinstance(loop.target, nodes.Name):
            loops[loop.target.name] = f"{source}[]"
    found: set[str] = set()
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
        if isinstance(node, nodes.Name) and node.ctx != "load":
            continue
        dotted = _path_of(node, loops)
        if dotted:
            found.add(dotted)
    # Keep the longest paths: «our.inn» says «our» is used.
    longest = {p for p in found
               if not any(o != p and o.startswith((f"{p}.", f"{p}[")) for o in found)}
    return sorted(longest, key=_natural)


def _natural(text: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]
