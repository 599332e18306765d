"""The admin's rules for client requests: the steps of the handling process with the working
hours each allows per priority, and the working calendar the deadlines are counted in."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from ectui.db import write_transaction
from ectui.errors import FieldError, NotFound, UserError, ValidationError
from ectui.i18n import t
from ectui.models import ClientRequest, RequestStep, Setting
from ectui.services import access
from ectui.services.context import Context
from ectui.validation import parse_date
from ectui.work_calendar import WorkCalendar

CALENDAR_KEY = "service.calendar"
DEFAULT_REMIND_MINUTES = 60


@dataclass(frozen=True)
class StepInfo:
    id: int
    code: str
    name: str
    position: int
    hours: tuple[float, float, float]  # high, normal, low priority
    marks_solved: bool
    is_final: bool


@dataclass(frozen=True)
class ServiceSettings:
    """The working calendar and how long before a step's deadline the reminder goes out."""

    calendar: WorkCalendar
    remind_minutes: int = DEFAULT_REMIND_MINUTES


def step_label(code: str, name: str) -> str:
    """A built-in step is named by the translations; the admin's own carry their name."""
    return name or t(f"request_step.{code}")


# ---- the process ----------------------------------------------------------------------------

def process_steps() -> list[StepInfo]:
    """The active steps in order; the last one closes a request."""
    rows = list(RequestStep.select().where(RequestStep.is_active == True)  # noqa: E712
                .order_by(RequestStep.position, RequestStep.id))
    return [StepInfo(s.id, s.code, step_label(s.code, s.name), s.position,
                     (s.hours_high, s.hours_normal, s.hours_low), s.marks_solved,
                     i == len(rows) - 1) for i, s in enumerate(rows)]


def hours_for(step: StepInfo, priority: int) -> float:
    return step.hours[min(max(priority, 1), 3) - 1]


def _hours(raw: object, field: str, errors: dict[str, FieldError]) -> float:
    text = str(raw or "").strip().replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        errors[field] = FieldError("service.bad_hours", value=text)
        return 0.0
    if not 0 <= value <= 2000:
        errors[field] = FieldError("service.bad_hours", value=text)
    return value


def save_step(ctx: Context, step_id: int | None, values: dict[str, object]) -> int:
    """Add a step (at the end, before the final one) or change one: name and hours."""
    access.require(ctx, "administer")
    errors: dict[str, FieldError] = {}
    name = str(values.get("name") or "").strip()
    hours = [_hours(values.get(k), k, errors) for k in ("hours_high", "hours_normal",
                                                        "hours_low")]
    marks_solved = bool(values.get("marks_solved"))
    with write_transaction():
        if step_id is None and not name:
            errors["name"] = FieldError("validation.required")
        if errors:
            raise ValidationError(errors)
        if step_id is None:
            steps = process_steps()
            # A new step goes before the final one: a closed request has nowhere to go.
            position = steps[-1].position if steps else 0
            if steps:
                (RequestStep.update(position=RequestStep.position + 1)
                 .where(RequestStep.position >= position).execute())
            code = "custom_" + str((RequestStep.select().count() or 0) + 1)
            while RequestStep.select().where(RequestStep.code == code).exists():
                code += "_"
            return RequestStep.insert(code=code, name=name, position=position,
                                      hours_high=hours[0], hours_normal=hours[1],
                                      hours_low=hours[2], marks_solved=marks_solved).execute()
        step = RequestStep.get_or_none(RequestStep.id == step_id)
        if step is None:
            raise NotFound()
        update = {"hours_high": hours[0], "hours_normal": hours[1], "hours_low": hours[2],
                  "marks_solved": marks_solved}
        if name and name != step_label(step.code, step.name):
            update["name"] = name
        RequestStep.update(update).where(RequestStep.id == step_id).execute()
        return step_id


def retire_step(ctx: Context, step_id: int) -> None:
    """Take a step out of the process; refused while requests stand in it or it is final."""
    access.require(ctx, "administer")
    with write_transaction():
        steps = process_steps()
        if len(steps) <= 2:
            raise UserError("service.step_last_two")
        if steps[-1].id == step_id:
            raise UserError("service.step_final")
        waiting = ClientRequest.select().where(ClientRequest.step == step_id,
                                               ClientRequest.is_closed == False).count()  # noqa: E712
        if waiting:
            raise UserError("service.step_in_use", count=waiting)
        RequestStep.update(is_active=False).where(RequestStep.id == step_id).execute()


# ---- the working calendar -------------------------------------------------------------------

_TIME = re.compile(r"(\d{1,2})[:.](\d{2})")
_DAY_CODES = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")


def _read_settings() -> dict:
    row = Setting.get_or_none(Setting.key == CALENDAR_KEY)
    try:
        data = json.loads(row.value) if row is not None and row.value else {}
    except json.JSONDecodeError:
        data = {}
    return data if isinstance(data, dict) else {}


def service_settings() -> ServiceSettings:
    """The stored calendar, or 9:00–18:00 Monday to Friday with no holidays."""
    data = _read_settings()
    try:
        calendar = WorkCalendar(
            start=dt.time.fromisoformat(data.get("start", "09:00")),
            end=dt.time.fromisoformat(data.get("end", "18:00")),
            weekdays=frozenset(int(d) for d in data.get("weekdays", (0, 1, 2, 3, 4))),
            holidays=frozenset(dt.date.fromisoformat(d) for d in data.get("holidays", ())),
            workdays_extra=frozenset(dt.date.fromisoformat(d) for d in data.get("extra", ())))
    except (TypeError, ValueError):
        calendar = WorkCalendar()  # a hand-broken setting must not stop the service desk
    return ServiceSettings(calendar, int(data.get("remind_minutes", DEFAULT_REMIND_MINUTES)))


def _parse_time(text: str, field: str, errors: dict[str, FieldError]) -> dt.time | None:
    match = _TIME.fullmatch(text.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        errors[field] = FieldError("service.bad_time", value=text)
        return None
    return dt.time(int(match.group(1)), int(match.group(2)))


def _parse_days(text: str, today: dt.date, field: str,
                errors: dict[str, FieldError]) -> list[dt.date]:
    days = []
    for part in re.split(r"[,;\s]+", text.strip()):
        if not part:
            continue
        try:
            day = parse_date(part, today=today)
        except FieldError as error:
            errors[field] = error
            return []
        if day is not None:
            days.append(day)
    return sorted(set(days))


def calendar_form_values() -> dict[str, str]:
    """The settings as the form shows them: «09:00», «пн вт ср чт пт», «01.01.2027, …»."""
    s = service_settings()
    cal = s.calendar
    return {"start": cal.start.strftime("%H:%M"), "end": cal.end.strftime("%H:%M"),
            "weekdays": " ".join(_DAY_CODES[d] for d in sorted(cal.weekdays)),
            "holidays": ", ".join(d.strftime("%d.%m.%Y") for d in sorted(cal.holidays)),
            "extra": ", ".join(d.strftime("%d.%m.%Y") for d in sorted(cal.workdays_extra)),
            "remind_minutes": str(s.remind_minutes)}


def save_calendar(ctx: Context, values: dict[str, object]) -> ServiceSettings:
    """Store the working calendar typed in the form; every bad field at once."""
    access.require(ctx, "administer")
    errors: dict[str, FieldError] = {}
    start = _parse_time(str(values.get("start") or ""), "start", errors)
    end = _parse_time(str(values.get("end") or ""), "end", errors)
    if start and end and end <= start:
        errors["end"] = FieldError("service.end_before_start")
    weekdays = []
    for word in re.split(r"[,;\s]+", str(values.get("weekdays") or "").strip().casefold()):
        if not word:
            continue
        if word[:2] not in _DAY_CODES:
            errors["weekdays"] = FieldError("service.bad_weekday", value=word)
            break
        weekdays.append(_DAY_CODES.index(word[:2]))
    today = ctx.now().date()
    holidays = _parse_days(str(values.get("holidays") or ""), today, "holidays", errors)
    extra = _parse_days(str(values.get("extra") or ""), today, "extra", errors)
    if not weekdays and not extra and "weekdays" not in errors:
        errors["weekdays"] = FieldError("service.no_weekdays")
    remind_text = str(values.get("remind_minutes") or "0").strip()
    if not remind_text.isdigit() or int(remind_text) > 10000:
        errors["remind_minutes"] = FieldError("service.bad_minutes", value=remind_text)
    if errors:
        raise ValidationError(errors)
    data = {"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M"),
            "weekdays": sorted(set(weekdays)), "holidays": [d.isoformat() for d in holidays],
            "extra": [d.isoformat() for d in extra], "remind_minutes": int(remind_text)}
    value = json.dumps(data, ensure_ascii=False)
    with write_transaction():
        (Setting.insert(key=CALENDAR_KEY, value=value)
         .on_conflict(conflict_target=[Setting.key], update={Setting.value: value}).execute())
    return service_settings()
