"""Three-way merge of concurrent edits: nothing anyone typed is overwritten unseen.

An edit form keeps the record as it was opened (the *base*). When it is saved and someone
else saved the record meanwhile (*theirs*, the stored state), each field is decided alone:

- changed only by them: their value stays;
- changed only by me: my value is saved;
- changed by both to the same value: nothing to decide;
- changed by both to different values: a conflict, which the person saving decides.

Values are compared as the services would store them (``+7 916 …`` and ``8 (916) …`` are the
same phone), so a field re-typed the same way is not a change. Group memberships merge per
group: what either side added is added, what either side removed is removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ectui.errors import FieldError, UserError
from ectui.i18n import t
from ectui.services import audit
from ectui.services.custom_fields import CustomFieldInfo, canonical_value, display_value
from ectui.services.field_specs import FieldSpec

REFERENCE_KINDS = ("employee", "organization", "contact")


@dataclass(frozen=True)
class FieldConflict:
    """One field both people changed: the values as opened, theirs and mine (raw and as text)."""

    key: str            # a spec name, or custom.<id>
    label: str
    base: object
    theirs: object
    mine: object
    base_text: str
    theirs_text: str
    mine_text: str


@dataclass(frozen=True)
class Merged:
    """What to save after merging: values, custom values and groups, plus unsettled conflicts."""

    values: dict[str, object]
    custom: dict[int, str]
    group_ids: list[int]
    conflicts: list[FieldConflict] = field(default_factory=list)
    taken_from_theirs: list[str] = field(default_factory=list)


@dataclass
class MergeNote:
    """Filled by a save that merged silently: whose changes were kept, in which fields."""

    who: str = ""
    fields: list[str] = field(default_factory=list)


class EditConflict(UserError):
    """Both people changed the same fields; ``merged`` holds everything else already merged.

    ``theirs`` is the stored record (an EditableRecord with its new version): after the person
    decides, the form saves again with ``theirs`` as its new base.
    """

    def __init__(self, conflicts: list[FieldConflict], merged: Merged, theirs,
                 changed_by: str, changed_at: datetime | None,
                 reference_names: dict[str, dict[int, str]]) -> None:
        super().__init__("conflict.fields", fields=", ".join(c.label for c in conflicts),
                         who=changed_by or "—")
        self.conflicts = conflicts
        self.merged = merged
        self.theirs = theirs
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.reference_names = reference_names


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def reference_id(value: object) -> int | None:
    """A reference field's id, or None for blank (or unreadable) input."""
    if value in (None, "", 0):
        return None
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def canonical(spec: FieldSpec, value: object, record: dict[str, object]) -> object:
    """The value as the services would store it; what people typed if it does not validate."""
    if spec.kind in REFERENCE_KINDS:
        return reference_id(value)
    text = _text(value)
    try:
        return spec.validate(text, {k: _text(v) for k, v in record.items()})
    except FieldError:
        return text


def canonical_custom(info: CustomFieldInfo | None, value: object) -> str:
    text = _text(value)
    if info is None:
        return text
    try:
        return canonical_value(info, text)
    except FieldError:
        return text


def merge_groups(base: list[int], theirs: list[int], mine: list[int]) -> list[int]:
    b, t, m = set(base), set(theirs), set(mine)
    return sorted((b | (t - b) | (m - b)) - (b - t) - (b - m))


def describe(spec: FieldSpec | CustomFieldInfo | None, value: object) -> str:
    """A form value as a person reads it in the conflict dialog."""
    if isinstance(spec, FieldSpec):
        if spec.kind in REFERENCE_KINDS:
            return audit.reference_text(spec.kind, reference_id(value))
        if spec.kind == "choice" and _text(value):
            return t(f"choice.{spec.name}.{_text(value)}")
        return _text(value)
    if isinstance(spec, CustomFieldInfo) and spec.field_type in ("bool", "choice"):
        try:
            return display_value(spec, canonical_value(spec, _text(value)))
        except FieldError:
            return _text(value)
    return _text(value)


def three_way(specs: tuple[FieldSpec, ...], infos: list[CustomFieldInfo],
              base, theirs, mine_values: dict[str, object], mine_custom: dict[int, str],
              mine_groups: list[int] | None) -> Merged:
    """Merge my edit of ``base`` with ``theirs`` (both EditableRecord-like: ``values``,
    ``custom``, ``group_ids``); my values are what the form holds now."""
    values: dict[str, object] = {}
    conflicts: list[FieldConflict] = []
    taken: list[str] = []
    for spec in specs:
        b, th = base.values.get(spec.name), theirs.values.get(spec.name)
        m = mine_values.get(spec.name)
        cb = canonical(spec, b, base.values)
        ct = canonical(spec, th, theirs.values)
        cm = canonical(spec, m, mine_values)
        mine_changed, theirs_changed = cm != cb, ct != cb
        if theirs_changed and not mine_changed:
            values[spec.name] = th
            taken.append(spec.name)
        else:
            values[spec.name] = m
        if mine_changed and theirs_changed and cm != ct:
            conflicts.append(FieldConflict(spec.name, t(spec.label_key), b, th, m,
                                           describe(spec, b), describe(spec, th),
                                           describe(spec, m)))
    custom: dict[int, str] = {}
    by_id = {info.id: info for info in infos}
    for field_id in sorted(set(mine_custom) | set(theirs.custom)):
        info = by_id.get(field_id)
        b = base.custom.get(field_id, "")
        th = theirs.custom.get(field_id, "")
        m = mine_custom.get(field_id, b)
        cb, ct, cm = (canonical_custom(info, v) for v in (b, th, m))
        mine_changed, theirs_changed = cm != cb, ct != cb
        if theirs_changed and not mine_changed:
            custom[field_id] = th
            taken.append(f"custom.{field_id}")
        else:
            custom[field_id] = m
        if mine_changed and theirs_changed and cm != ct:
            key = f"custom.{field_id}"
            label = info.name if info else key
            conflicts.append(FieldConflict(key, label, b, th, m, describe(info, b),
                                           describe(info, th), describe(info, m)))
    groups = (list(theirs.group_ids) if mine_groups is None
              else merge_groups(base.group_ids, theirs.group_ids, mine_groups))
    return Merged(values, custom, groups, conflicts, taken)


def merge_or_raise(table: str, specs: tuple[FieldSpec, ...], infos: list[CustomFieldInfo],
                   base, theirs, values: dict[str, object], custom: dict[int, str],
                   group_ids: list[int] | None, note: MergeNote | None = None) -> Merged:
    """The merged edit, or EditConflict when both people changed a field differently;
    ``note`` learns whose changes were kept, for the person saving to be told."""
    merged = three_way(specs, infos, base, theirs, values, custom, group_ids)
    if not merged.conflicts:
        if note is not None and merged.taken_from_theirs:
            labels = {spec.name: t(spec.label_key) for spec in specs}
            labels.update({f"custom.{info.id}": info.name for info in infos})
            note.who = audit.last_author(table, theirs.id)[0]
            note.fields = [labels.get(key, key) for key in merged.taken_from_theirs]
        return merged
    who, at = audit.last_author(table, theirs.id)
    names: dict[str, dict[int, str]] = {}
    for spec in specs:
        if spec.kind in REFERENCE_KINDS:
            ids = {reference_id(v) for v in (base.values.get(spec.name),
                                           theirs.values.get(spec.name), values.get(spec.name))}
            names[spec.name] = {i: audit.reference_text(spec.kind, i) for i in ids if i}
    raise EditConflict(merged.conflicts, merged, theirs, who, at, names)
