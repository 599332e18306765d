"""Import of organizations and contact persons from CSV, Excel and vCard files, and from the
rows of a query in another SQL database (``read_database``).

Three steps, the same in the CLI and the UI: read the file (``read_source``), map its columns
to ours (``suggest_mapping``, changed by the person, checked by ``check_mapping``), then
``run_import`` — as a dry run or for real. Each row goes through ``save_organization`` /
``save_contact``, so a file is validated exactly like typed data. The whole import is one
transaction: if any row is rejected nothing is stored, and the report names every rejected
row and why. A dry run does all the same work and rolls it back.

A row updates the record it matches instead of creating a second one: an organization by INN
(and KPP), else by its exact name; a contact person by e-mail, else by name within their
organization. Empty cells leave the matched record's values as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import peewee

from ectui import search, validation
from ectui.db import database, write_transaction
from ectui.errors import FieldError, UserError, ValidationError
from ectui.exchange import tables, vcard
from ectui.exchange.progress import Progress, no_progress
from ectui.i18n import catalog, t
from ectui.models import ClientGroup, Contact, Employee, Organization
from ectui.names import full_name, short_name
from ectui.services import access, custom_fields, groups
from ectui.services.contacts import contact_for_edit, save_contact
from ectui.services.context import Context
from ectui.services.exchange_fields import (
    CUSTOM_PREFIX,
    ExchangeColumn,
    columns,
    fold_header,
)
from ectui.services.field_specs import CONTACT_FIELDS, ORGANIZATION_FIELDS
from ectui.services.import_mapping import (  # noqa: F401 (the mapping step, re-exported)
    REQUIRED,
    Mapping,
    check_mapping,
    column_label,
    parse_mapping,
    suggest_mapping,
)
from ectui.services.organizations import organization_for_edit, save_organization
from ectui.services.records import clean_record

# Short words spreadsheets use for a choice, besides its code and its labels.
_CHOICE_WORDS = {"gender": {"м": "m", "муж": "m", "муж.": "m", "male": "m",
                            "ж": "f", "жен": "f", "жен.": "f", "female": "f"}}
# Form fields whose value is stored as a reference, not as the text the file holds.
_REFERENCE_KEYS = {"responsible", "organization", "organization_inn", "reports_to", "groups"}


@dataclass(frozen=True)
class RowProblem:
    row: int                     # as the file numbers it (spreadsheet row, vCard number)
    messages: tuple[str, ...]    # «ИНН: Контрольная цифра ИНН не сходится…»


@dataclass(frozen=True)
class ImportReport:
    kind: str
    dry_run: bool
    committed: bool              # True only when a real import stored everything
    total: int
    created: int
    updated: int
    organizations_created: int
    groups_created: tuple[str, ...]
    rejected: tuple[RowProblem, ...]
    warnings: tuple[str, ...]


def read_source(path: Path, kind: str, fmt: str | None = None) -> tables.SourceTable:
    """The file's headers and rows; its format from ``fmt`` or its extension."""
    fmt = tables.format_of(path, fmt)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError("exchange.cannot_read", path=str(path), error=error.strerror) from None
    if fmt == "csv":
        return tables.read_csv(data)
    if fmt == "xlsx":
        return tables.read_xlsx(data)
    if fmt == "vcf":
        return vcard.read_vcards(data, kind)
    raise UserError("exchange.format_not_for_clients", fmt=fmt)


def read_database(url: str, query: str) -> tables.SourceTable:
    """The rows of a query (or a whole table) in another SQL database, read-only: mapped,
    checked and imported exactly like the rows of a file."""
    from ectui.exchange.sql_source import read_query

    return read_query(url, query)


# ---- the import ---------------------------------------------------------------------------

class _RollBack(Exception):
    """Leaves the import's transaction without storing anything (dry run, rejected rows)."""


@dataclass
class _Run:
    ctx: Context
    kind: str
    headers: list[str]
    mapping: Mapping
    create_organizations: bool
    cols: dict[str, ExchangeColumn]
    created: int = 0
    updated: int = 0
    organizations_created: int = 0
    groups_created: list[str] = field(default_factory=list)
    rejected: list[RowProblem] = field(default_factory=list)
    # Which row first stored each matching key: a second row with it is a duplicate.
    seen_keys: dict[tuple, int] = field(default_factory=dict)
    # Bosses named in a «reports to» column, resolved once every row is in.
    bosses: list[tuple[int, int, str, int | None]] = field(default_factory=list)
    employees: dict[str, int] = field(default_factory=dict)
    custom_ids: dict[str, int] = field(default_factory=dict)
    group_ids: dict[str, int] = field(default_factory=dict)
    organizations: dict[tuple[str, str], int] = field(default_factory=dict)

    def header_of(self, key: str) -> str:
        for header, mapped in zip(self.headers, self.mapping, strict=True):
            if mapped == key:
                return header
        return self.cols[key].label if key in self.cols else key


def _employee_names() -> dict[str, int]:
    """Every way a file may name an employee: login, full name, «Фамилия И. О.»."""
    names: dict[str, int] = {}
    for emp in Employee.select().where(Employee.is_active == True):  # noqa: E712
        for text in (emp.login, full_name(emp.last_name, emp.first_name, emp.patronymic),
                     short_name(emp.last_name, emp.first_name, emp.patronymic),
                     short_name(emp.last_name, emp.first_name, emp.patronymic).replace(" ", "")):
            names.setdefault(fold_header(text), emp.id)
    return names


def _choice(col: ExchangeColumn, text: str) -> str:
    """A choice given by its code or its label in either language."""
    spec = col.spec
    if spec is None or not text:
        return text
    wanted = fold_header(text)
    if wanted in _CHOICE_WORDS.get(spec.name, {}):
        return _CHOICE_WORDS[spec.name][wanted]
    for code in spec.choices:
        labels = catalog().get(f"choice.{spec.name}.{code}", ("", ""))
        if wanted in (fold_header(code), *(fold_header(label) for label in labels)):
            return code
    raise FieldError("exchange.bad_choice", value=text, options=", ".join(
        t(f"choice.{spec.name}.{code}") for code in spec.choices))


def _too_long(run: _Run, values: dict[str, str]) -> dict[str, FieldError]:
    """Values longer than their column holds (PostgreSQL refuses them; SQLite would not)."""
    model = Organization if run.kind == "organization" else Contact
    errors = {}
    for key, value in values.items():
        if key == "department":
            limit = 200  # the name of an OrgDepartment
        else:
            limit = getattr(model._meta.fields.get(key), "max_length", None)
        if limit and len(value) > limit:
            errors[key] = FieldError("exchange.too_long", count=len(value), limit=limit)
    return errors


def _responsible(run: _Run, text: str, errors: dict[str, FieldError]) -> int | None:
    if not text:
        return None
    found = run.employees.get(fold_header(text))
    if found is None:
        errors["responsible"] = FieldError("exchange.unknown_employee", value=text)
    return found


def _default_owner(run: _Run, column_mapped: bool) -> int | None:
    """Who is responsible for a new record whose row names nobody: no one, when the file has
    a responsible column left empty and the importer may create such records; else the
    importer (a trainee's import creates records the trainee is responsible for)."""
    if column_mapped and access.can(run.ctx, "create", None):
        return None
    return run.ctx.actor.employee_id


def _group_ids(run: _Run, text: str, errors: dict[str, FieldError]) -> list[int]:
    ids = []
    for name in (part.strip() for part in text.split(";")):
        if not name:
            continue
        if len(name) > 200:
            errors["groups"] = FieldError("exchange.too_long", count=len(name), limit=200)
            continue
        key = name.casefold()
        if key not in run.group_ids:
            existing = ClientGroup.get_or_none(ClientGroup.kind == run.kind,
                                               ClientGroup.name == name)
            if existing is None:
                existing = ClientGroup.get_by_id(groups.create_group(run.ctx, name, run.kind).id)
                run.groups_created.append(name)
            run.group_ids[key] = existing.id
        ids.append(run.group_ids[key])
    return ids


def _custom(run: _Run, values: dict[str, str]) -> dict[int, str]:
    custom = {}
    for key, value in values.items():
        if key.startswith(CUSTOM_PREFIX) and value:
            custom[run.custom_ids[key]] = value
    return custom


def _one(query, errors: dict[str, FieldError], key: str, what: str) -> int | None:
    ids = [row.id for row in query.limit(2)]
    if len(ids) > 1:
        errors[key] = FieldError("exchange.ambiguous", what=what)
        return None
    return ids[0] if ids else None


def _organization_match(values: dict[str, str], errors) -> tuple[tuple | None, int | None]:
    inn, kpp = values.get("inn", ""), values.get("kpp", "")
    if inn:
        try:
            inn = validation.inn(inn)
        except FieldError:
            return None, None  # the save reports the bad INN at its field
        query = Organization.select(Organization.id).where(Organization.inn == inn)
        if kpp:
            query = query.where(Organization.kpp == kpp.strip())
        return ("inn", inn, kpp.strip()), _one(query, errors, "inn", t("org.inn") + " " + inn)
    name = values.get("name", "")
    if not name:
        return None, None
    return ("name", search.fold(name)), _by_name(name, errors, "name")


def _by_name(name: str, errors, key: str) -> int | None:
    wanted = search.fold(name)
    candidates = [o.id for o in Organization.select(Organization.id, Organization.name)
                  .where(Organization.sort_key == search.sort_key(name))
                  if search.fold(o.name) == wanted]
    if len(candidates) > 1:
        errors[key] = FieldError("exchange.ambiguous", what=name)
        return None
    return candidates[0] if candidates else None


def _organization_of_contact(run: _Run, values: dict[str, str], responsible: int | None,
                             errors: dict[str, FieldError]) -> int | None:
    name, inn = values.get("organization", ""), values.get("organization_inn", "")
    if not name and not inn:
        return None
    cache_key = (search.fold(name), inn)
    if cache_key in run.organizations:
        return run.organizations[cache_key]
    found = _find_or_create_organization(run, name, inn, responsible, errors)
    if found is not None:
        run.organizations[cache_key] = found
    return found


def _find_or_create_organization(run: _Run, name: str, inn: str, responsible: int | None,
                                 errors: dict[str, FieldError]) -> int | None:
    if inn:
        try:
            inn = validation.inn(inn)
        except FieldError as error:
            errors["organization_inn"] = error
            return None
        found = _one(Organization.select(Organization.id).where(Organization.inn == inn),
                     errors, "organization_inn", inn)
        if found or "organization_inn" in errors:
            return found
    if name:
        found = _by_name(name, errors, "organization")
        if found or "organization" in errors:
            return found
    if not run.create_organizations:
        errors["organization"] = FieldError("exchange.organization_not_found",
                                            name=name or inn)
        return None
    if not name:
        errors["organization"] = FieldError("exchange.organization_needs_name", inn=inn)
        return None
    try:
        org_id = save_organization(run.ctx, {"name": name, "inn": inn,
                                             "responsible_id": responsible})
    except ValidationError as error:
        for field_name, problem in error.errors.items():
            errors["organization_inn" if field_name == "inn" else "organization"] = problem
        return None
    run.organizations_created += 1
    return org_id


def _contact_match(values: dict[str, str], org_id: int | None,
                   errors) -> tuple[tuple | None, int | None]:
    email = values.get("email", "")
    if email:
        try:
            email = validation.email(email)
        except FieldError:
            return None, None
        query = Contact.select(Contact.id).where(
            peewee.fn.LOWER(Contact.email) == email.lower())
        return ("email", email.lower()), _one(query, errors, "email", email)
    name = full_name(values.get("last_name", ""), values.get("first_name", ""),
                     values.get("patronymic", ""))
    if not name:
        return None, None
    query = Contact.select(Contact.id).where(Contact.sort_key == search.fold(name))
    query = query.where(Contact.organization.is_null() if org_id is None
                        else Contact.organization == org_id)
    return ("name", search.fold(name), org_id), _one(query, errors, "last_name", name)


def _row_values(run: _Run, row: list[str]) -> dict[str, str]:
    return {key: value.strip() for key, value in zip(run.mapping, row, strict=False)
            if key is not None}


def _import_row(run: _Run, number: int, values: dict[str, str]) -> None:
    """Store one row, or raise ValidationError / UserError saying why not."""
    errors: dict[str, FieldError] = {}
    for key, value in list(values.items()):
        col = run.cols.get(key)
        if col is not None and col.spec is not None and col.spec.kind == "choice":
            try:
                values[key] = _choice(col, value)
            except FieldError as error:
                errors[key] = error
    errors.update({k: v for k, v in _too_long(run, values).items() if k not in errors})
    responsible = _responsible(run, values.get("responsible", ""), errors)
    owner = responsible or _default_owner(run, "responsible" in values)
    group_ids = _group_ids(run, values.get("groups", ""), errors)
    org_id = None
    if run.kind == "contact":
        org_id = _organization_of_contact(run, values, owner, errors)
        key, existing = _contact_match(values, org_id, errors)
    else:
        key, existing = _organization_match(values, errors)
    if key is not None and key in run.seen_keys:
        errors[key[0] if key[0] != "name" else REQUIRED[run.kind]] = FieldError(
            "exchange.duplicate_row", row=run.seen_keys[key])
    plain = {k: v for k, v in values.items()
             if k not in _REFERENCE_KEYS and not k.startswith(CUSTOM_PREFIX)}
    if errors:
        # Every problem of the row at once: the form's own checks of the other fields too.
        errors.update({k: v for k, v in _form_errors(run, plain, values).items()
                       if k not in errors})
        raise ValidationError(errors)
    if run.kind == "contact":
        plain["organization_id"] = org_id
    if existing is not None:
        record = (organization_for_edit if run.kind == "organization" else contact_for_edit)(
            existing, run.ctx)
        data = dict(record.values)
        data.update({k: v for k, v in plain.items() if v not in ("", None)})
        if responsible is not None:
            data["responsible_id"] = responsible
        ids = sorted(set(record.group_ids) | set(group_ids))
        _save(run, data, existing, ids, values)
        run.updated += 1
        record_id = existing
    else:
        plain["responsible_id"] = owner
        record_id = _save(run, plain, None, group_ids, values)
        run.created += 1
    if key is not None:
        run.seen_keys[key] = number
    if run.kind == "contact" and values.get("reports_to"):
        run.bosses.append((number, record_id, values["reports_to"], org_id))


def _form_errors(run: _Run, plain: dict[str, str], values: dict[str, str]) -> dict:
    specs = ORGANIZATION_FIELDS if run.kind == "organization" else CONTACT_FIELDS
    own = [spec for spec in specs if spec.kind not in ("employee", "organization", "contact")
           and spec.name in plain]
    found: dict[str, FieldError] = {}
    try:
        clean_record(tuple(own), plain)
    except ValidationError as error:
        found.update(error.errors)
    try:
        custom_fields.clean_custom_values(run.kind, _custom(run, values))
    except ValidationError as error:
        found.update(error.errors)
    return found


def _save(run: _Run, data: dict, record_id: int | None, group_ids: list[int],
          values: dict[str, str]) -> int:
    custom = _custom(run, values)
    if run.kind == "organization":
        return save_organization(run.ctx, data, org_id=record_id, custom=custom,
                                 group_ids=group_ids)
    return save_contact(run.ctx, data, contact_id=record_id, custom=custom, group_ids=group_ids)


def _resolve_bosses(run: _Run) -> None:
    """Set «reports to» once everyone is in: the boss may come later in the file."""
    for number, contact_id, boss, org_id in run.bosses:
        query = Contact.select(Contact.id).where(Contact.sort_key == search.fold(boss),
                                                 Contact.id != contact_id)
        query = query.where(Contact.organization.is_null() if org_id is None
                            else Contact.organization == org_id)
        ids = [c.id for c in query.limit(2)]
        header = run.header_of("reports_to")
        if len(ids) != 1:
            key = "exchange.boss_ambiguous" if ids else "exchange.boss_not_found"
            run.rejected.append(RowProblem(number, (f"{header}: {t(key, name=boss)}",)))
            continue
        record = contact_for_edit(contact_id)
        try:
            with database.atomic():
                save_contact(run.ctx, {**record.values, "reports_to_id": ids[0]},
                             contact_id=contact_id)
        except UserError as error:
            run.rejected.append(RowProblem(number, (f"{header}: {error.message}",)))


def _messages(run: _Run, error: Exception) -> tuple[str, ...]:
    if isinstance(error, peewee.DatabaseError):
        return (t("exchange.database_refused", error=str(error).strip()),)
    if not isinstance(error, ValidationError):
        return (error.message,)
    texts = []
    for key, problem in error.errors.items():
        if key.startswith("custom."):
            ident = int(key.split(".", 1)[1])
            name = next((k for k, v in run.custom_ids.items() if v == ident), key)
            header = run.header_of(name)
        else:
            header = run.header_of({"responsible_id": "responsible",
                                    "organization_id": "organization",
                                    "reports_to_id": "reports_to"}.get(key, key))
        texts.append(f"{header}: {problem.message}")
    return tuple(texts)


def _warnings(run: _Run, table: tables.SourceTable) -> list[str]:
    """Columns with data that the mapping leaves out: said, never dropped silently."""
    found = []
    for index, (header, key) in enumerate(zip(table.headers, run.mapping, strict=True)):
        if key is not None:
            continue
        filled = sum(1 for row in table.rows if index < len(row) and row[index].strip())
        if filled:
            found.append(t("exchange.column_not_imported", header=header, count=filled))
    return found


def run_import(ctx: Context, kind: str, table: tables.SourceTable, mapping: Mapping, *,
               dry_run: bool = False, create_organizations: bool = True,
               progress: Progress = no_progress) -> ImportReport:
    """Import every row of ``table`` — all or nothing — and report what was or would be done.

    ``progress`` may raise ``Cancelled``: everything done so far is rolled back.
    """
    check_mapping(kind, table.headers, mapping)
    access.require(ctx, "create", ctx.actor.employee_id)
    run = _Run(ctx, kind, table.headers, list(mapping), create_organizations,
               {col.key: col for col in columns(kind)})
    run.employees = _employee_names()
    run.custom_ids = {CUSTOM_PREFIX + f.name: f.id for f in custom_fields.custom_fields(kind)}
    total = len(table.rows)
    progress(0, total)
    committed = False
    try:
        with write_transaction():
            for done, (number, row) in enumerate(zip(table.row_numbers, table.rows,
                                                     strict=True), start=1):
                # A refused row leaves no trace: its savepoint is rolled back, and so is
                # what the run remembered of it (groups and organizations it created).
                kept = (dict(run.group_ids), len(run.groups_created),
                        run.organizations_created, dict(run.organizations))
                try:
                    with database.atomic():
                        _import_row(run, number, _row_values(run, row))
                except (UserError, peewee.DatabaseError) as error:
                    run.group_ids, run.organizations_created = kept[0], kept[2]
                    run.organizations = kept[3]
                    del run.groups_created[kept[1]:]
                    run.rejected.append(RowProblem(number, _messages(run, error)))
                progress(done, total)
            if run.kind == "contact":
                _resolve_bosses(run)
            if dry_run or run.rejected:
                raise _RollBack()
            committed = True
    except _RollBack:
        committed = False
    rejected = tuple(sorted(run.rejected, key=lambda p: p.row))
    return ImportReport(kind, dry_run, committed, total, run.created, run.updated,
                        run.organizations_created, tuple(run.groups_created), rejected,
                        tuple(_warnings(run, table)))


def describe(report: ImportReport) -> list[str]:
    """The report as lines a person reads: notes, each rejected row with its reasons, totals."""
    lines = [t("exchange.cli.warning", message=warning) for warning in report.warnings]
    for problem in report.rejected:
        lines.append(t("exchange.cli.rejected_row", row=problem.row))
        lines.extend(f"    {message}" for message in problem.messages)
    if report.groups_created:
        key = "exchange.cli.groups_to_create" if not report.committed \
            else "exchange.cli.groups_created"
        lines.append(t(key, names=", ".join(report.groups_created)))
    counts = dict(total=report.total, created=report.created, updated=report.updated,
                  orgs=report.organizations_created, rejected=len(report.rejected))
    if report.dry_run:
        lines.append(t("exchange.cli.dry_run_done", **counts))
    elif report.committed:
        lines.append(t("exchange.cli.import_done", **counts))
    else:
        lines.append(t("exchange.cli.import_refused", **counts))
    return lines

