"""The funnel's steps: which done task types and which documents put a client on each step.

Stored as JSON in the ``setting`` table (key ``reports.funnel_steps``) so the admin can
change them; the default is the seed's five steps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ectui.db import write_transaction
from ectui.errors import FieldError, ValidationError
from ectui.i18n import t
from ectui.models import Setting, TaskType
from ectui.services import access
from ectui.services.context import Context

SETTING_KEY = "reports.funnel_steps"
DOCUMENT_KINDS = ("proposal", "invoice", "contract", "payment")


@dataclass(frozen=True)
class FunnelStepDef:
    """One step: a client is on it once it has a done task of one of ``task_types`` (codes)
    or a document of one of ``documents`` kinds. ``name`` "" reads the translation."""

    code: str
    task_types: tuple[str, ...]
    documents: tuple[str, ...] = ()
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or t(f"report.funnel.step.{self.code}")


DEFAULT_STEPS = (
    FunnelStepDef("cold_calls", ("call",)),
    FunnelStepDef("meeting", ("meeting", "presentation")),
    FunnelStepDef("proposal", ("proposal",), ("proposal",)),
    FunnelStepDef("contract", ("contract_signing",), ("contract",)),
    FunnelStepDef("payment", ("payment",), ("payment",)),
)


def funnel_steps() -> tuple[FunnelStepDef, ...]:
    """The configured steps, in order (the default five when none are configured)."""
    raw = Setting.select(Setting.value).where(Setting.key == SETTING_KEY).scalar()
    if not raw:
        return DEFAULT_STEPS
    return tuple(FunnelStepDef(item["code"], tuple(item.get("task_types", ())),
                               tuple(item.get("documents", ())), item.get("name", ""))
                 for item in json.loads(raw))


def save_funnel_steps(ctx: Context, steps: list[FunnelStepDef]) -> None:
    """Replace the funnel's steps (administrators only); each must name something to count."""
    access.require(ctx, "administer")
    known = {code for (code,) in TaskType.select(TaskType.code).tuples()}
    if len(steps) < 2:
        raise ValidationError({"steps": FieldError("report.error.steps_too_few")})
    seen: set[str] = set()
    for step in steps:
        twice = [c for c in step.task_types if c in seen]
        if twice:  # a done task puts its client on one step, not two
            raise ValidationError({"steps": FieldError("report.error.step_type_twice",
                                                       names=", ".join(twice))})
        seen.update(step.task_types)
        unknown = [c for c in step.task_types if c not in known]
        unknown += [d for d in step.documents if d not in DOCUMENT_KINDS]
        if unknown:
            raise ValidationError({"steps": FieldError("report.error.step_unknown",
                                                       names=", ".join(unknown))})
        if not step.task_types and not step.documents:
            raise ValidationError({"steps": FieldError("report.error.step_empty",
                                                       step=step.code)})
    value = json.dumps([{"code": s.code, "name": s.name, "task_types": list(s.task_types),
                         "documents": list(s.documents)} for s in steps], ensure_ascii=False)
    with write_transaction():
        Setting.insert(key=SETTING_KEY, value=value).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: value}).execute()


def steps_from_json(text: str) -> list[FunnelStepDef]:
    """Steps as the admin writes them: a JSON list of {"code", "name", "task_types",
    "documents"}; a malformed file is refused with a message, not a traceback."""
    try:
        items = json.loads(text)
        return [FunnelStepDef(str(item["code"]), tuple(item.get("task_types", ())),
                              tuple(item.get("documents", ())), str(item.get("name", "")))
                for item in items]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ValidationError({"steps": FieldError("report.error.steps_json")}) from None


def reset_funnel_steps(ctx: Context) -> None:
    """Back to the default five steps."""
    access.require(ctx, "administer")
    with write_transaction():
        Setting.delete().where(Setting.key == SETTING_KEY).execute()
