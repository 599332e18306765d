"""The app-wide keys of the relationship history, aware of where they are pressed:

- F5, the task tree: of the client whose card is open, else of the current employee;
- F6, quick logging: the task under the cursor (Today, the tree), or a new contact with the
  client whose card is open;
- Shift+F5, the clients nobody has planned a next step with;
- Shift+F12, the sales process templates and task types.
"""

from __future__ import annotations

from textual.app import App

from ectui.i18n import t
from screens import task_actions


def _card_client(app: App) -> tuple[int | None, str, int | None, str]:
    """The organization and contact person of the card on screen (ids and names), if any."""
    screen = app.screen
    card = getattr(screen, "card", None)
    org_id = getattr(screen, "org_id", None)
    if org_id is not None:
        return org_id, getattr(card, "name", "") if card else "", None, ""
    contact_id = getattr(screen, "contact_id", None)
    if contact_id is not None:
        org = getattr(card, "organization_id", None) if card else None
        return (org, getattr(card, "organization", "") if card else "", contact_id,
                getattr(card, "name", "") if card else "")
    return None, "", None, ""


async def run(app: App, what: str) -> None:
    from screens.task_tree import TaskTreeScreen
    from screens.today import TodayScreen

    screen = app.screen
    if what == "tree":
        org, org_name, contact, contact_name = _card_client(app)
        if org:
            app.push_screen(TaskTreeScreen(client=(org, org_name)))
        elif contact:
            app.push_screen(TaskTreeScreen(contact=(contact, contact_name)))
        elif not isinstance(screen, TaskTreeScreen):
            app.push_screen(TaskTreeScreen())
    elif what == "log":
        if isinstance(screen, (TodayScreen, TaskTreeScreen)):
            await screen.action_log()
            return
        org, _name, contact, _contact_name = _card_client(app)
        if org or contact:
            await task_actions.log_contact(app, org, contact,
                                           done=lambda _r: _reload(app))
        else:
            app.notify(t("quick_log.open_a_client"), severity="warning", timeout=6)
    elif what == "no_next_step":
        from screens.no_next_step import NoNextStepScreen

        if not isinstance(screen, NoNextStepScreen):
            app.push_screen(NoNextStepScreen())
    elif what == "templates":
        from screens.sales_templates import TemplatesScreen

        if not isinstance(screen, TemplatesScreen):
            app.push_screen(TemplatesScreen())


def _reload(app: App) -> None:
    load = getattr(app.screen, "load", None)
    if callable(load):
        load()
