"""Errors meant for people: each carries a translation key, rendered when shown."""

from __future__ import annotations

from ectui.i18n import t


class UserError(Exception):
    """Something the user can understand and act on; never shown as a traceback."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    @property
    def message(self) -> str:
        return t(self.key, **self.params)

    def __str__(self) -> str:
        return self.message


class FieldError(UserError):
    """One field's value is invalid; raised by validators."""


class ValidationError(UserError):
    """A whole record was refused: ``errors`` maps each field name to its FieldError."""

    def __init__(self, errors: dict[str, FieldError]) -> None:
        self.errors = errors
        super().__init__("error.form_invalid", fields=", ".join(errors))

    @property
    def message(self) -> str:
        return "\n".join(f"{name}: {err.message}" for name, err in self.errors.items())


class NotFound(UserError):
    def __init__(self) -> None:
        super().__init__("error.not_found")


class DatabaseSetupError(UserError):
    """The database cannot be opened or used as configured (bad URL, wrong locale, read-only)."""
