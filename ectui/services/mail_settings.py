"""The company's SMTP server: where mailings and e-mails written in ectui are sent through.

Kept in the database (``Setting`` "smtp"), so every session of a shared base sends alike. The
password may instead come from the environment (``ECTUI_SMTP_PASSWORD``), so it need not be
stored in the base at all.
"""

from __future__ import annotations

import json
import os

from ectui import validation
from ectui.db import write_transaction
from ectui.errors import FieldError, ValidationError
from ectui.exchange.mail import SECURITY, SmtpSettings
from ectui.models import Setting
from ectui.services import access
from ectui.services.context import Context

KEY = "smtp"
PASSWORD_ENV = "ECTUI_SMTP_PASSWORD"


def _stored() -> dict:
    row = Setting.get_or_none(Setting.key == KEY)
    if row is None or not row.value:
        return {}
    try:
        data = json.loads(row.value)
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def smtp_settings() -> SmtpSettings:
    """The stored settings, the password from the environment when it is set there."""
    data = _stored()
    known = SmtpSettings.__dataclass_fields__
    settings = SmtpSettings(**{k: v for k, v in data.items() if k in known})
    if os.environ.get(PASSWORD_ENV):
        settings = SmtpSettings(**{**settings.__dict__, "password": os.environ[PASSWORD_ENV]})
    return settings


def smtp_for_edit() -> dict[str, str]:
    """The settings as their form shows them; the password is never shown back."""
    s = smtp_settings()
    return {"host": s.host, "port": str(s.port), "security": s.security, "login": s.login,
            "password": "", "sender": s.sender, "sender_name": s.sender_name,
            "pause_seconds": format(s.pause_seconds, "g")}


def save_smtp_settings(ctx: Context, values: dict[str, object]) -> SmtpSettings:
    """Check and store the SMTP settings (administrators only); an empty password keeps the
    stored one."""
    access.require(ctx, "administer")
    text = {k: str(v if v is not None else "").strip() for k, v in values.items()}
    errors: dict[str, FieldError] = {}
    if not text.get("host"):
        errors["host"] = FieldError("validation.required")
    port = 0
    try:
        port = validation.integer(text.get("port")) or 0
        if not 1 <= port <= 65535:
            errors["port"] = FieldError("mail.bad_port")
    except FieldError as error:
        errors["port"] = error
    security = text.get("security") or "starttls"
    if security not in SECURITY:
        errors["security"] = FieldError("record.choice", options=", ".join(SECURITY))
    sender = ""
    try:
        sender = validation.email(text.get("sender"))
        if not sender:
            errors["sender"] = FieldError("validation.required")
    except FieldError as error:
        errors["sender"] = error
    pause = 1.0
    try:
        number = validation.decimal_number(text.get("pause_seconds") or "1")
        pause = float(number) if number is not None else 1.0
        if not 0 <= pause <= 3600:
            errors["pause_seconds"] = FieldError("mail.bad_pause")
    except FieldError as error:
        errors["pause_seconds"] = error
    if errors:
        raise ValidationError(errors)
    password = text.get("password") or str(_stored().get("password", ""))
    data = {"host": text["host"], "port": port, "security": security,
            "login": text.get("login", ""), "password": password if text.get("login") else "",
            "sender": sender, "sender_name": text.get("sender_name", ""),
            "pause_seconds": pause}
    value = json.dumps(data, ensure_ascii=False)
    with write_transaction():
        (Setting.insert(key=KEY, value=value)
         .on_conflict(conflict_target=[Setting.key], update={Setting.value: value}).execute())
    return smtp_settings()
