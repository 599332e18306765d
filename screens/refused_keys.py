"""Keys the employee's role does not allow: greyed in the footer, and, pressed, they say why.

A screen whose ``check_action`` answers ``None`` for an action its role forbids mixes this in;
Textual then leaves the key unbound, and this handler tells the user instead of staying silent.
"""

from __future__ import annotations

from textual import events

from ectui.i18n import t


class ExplainsRefusedKeys:
    def on_key(self, event: events.Key) -> None:
        active = self.active_bindings.get(event.key)  # type: ignore[attr-defined]
        if active is None or active.enabled or active.node is not self:
            return
        event.stop()
        actor = self.app.context.actor  # type: ignore[attr-defined]
        self.notify(t("rights.key_refused", action=active.binding.description,  # type: ignore[attr-defined]
                      role=actor.role or "—"), severity="warning", timeout=6)
