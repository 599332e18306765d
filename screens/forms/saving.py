"""What the keyboard forms do alike when saving and when cancelled."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ectui.errors import ValidationError
from ectui.i18n import t
from screens.db import run_db
from screens.forms.confirm import ConfirmDialog


class SavesOffThread:
    """One save at a time, on a database thread. While it runs, Ctrl+S and Esc wait; a refused
    save marks the fields, any other error is reported, and success closes the form."""

    _saving = False

    async def save_with(self, on_invalid: Callable[[ValidationError], None],
                        call: Callable[..., Any], *args: Any) -> None:
        try:
            result = await run_db(call, *args)
        except ValidationError as error:
            self._saving = False
            self.refresh_bindings()  # type: ignore[attr-defined]
            on_invalid(error)
            return
        except Exception as error:
            self._saving = False
            self.refresh_bindings()  # type: ignore[attr-defined]
            self.app.report_error(error)  # type: ignore[attr-defined]
            return
        self._saving = False
        self.dismiss(result)  # type: ignore[attr-defined]


class AsksBeforeDiscarding:
    """Esc closes a form at once when nothing was typed, else asks first (the form defines
    ``has_changes``)."""

    _saving = False

    def action_cancel(self) -> None:
        if self._saving:
            return
        if not self.has_changes():  # type: ignore[attr-defined]
            self.dismiss(None)  # type: ignore[attr-defined]
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)  # type: ignore[attr-defined]

        question = ConfirmDialog(t("form.discard_question"))
        self.app.push_screen(question, answered)  # type: ignore[attr-defined]
