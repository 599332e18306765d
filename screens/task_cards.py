"""What a client's card shows of the relationship history: the next planned contact."""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Label

from ectui.i18n import t
from ectui.services.next_contacts import next_contact
from screens.db import run_db
from screens.task_display import due_text, state_mark, state_of

NEXT_CONTACT_ID = "card-next-contact"


_UNREAD = object()


def read_next_contact(organization_id: int | None, contact_id: int | None = None):
    """What `show_next_contact` shows; on a database thread (the card reads it with the rest)."""
    if not organization_id and not contact_id:
        return None
    return next_contact(organization_id, contact_id)


def next_contact_label() -> Label:
    """The line under a card's title, hidden until `show_next_contact` fills it."""
    label = Label("", id=NEXT_CONTACT_ID)
    label.styles.padding = (0, 1)  # as the card's title above it
    label.display = False
    return label


async def show_next_contact(screen: Screen, organization_id: int | None,
                            contact_id: int | None = None, read=_UNREAD) -> None:
    """Put «Следующий контакт: ● пт 27.11 Телефонный звонок» under the card's title, or
    «не запланирован» with the key that plans one. ``read``: `read_next_contact`'s result,
    when the caller has read it already (then nothing is awaited)."""
    if not organization_id and not contact_id:
        return
    row = (await run_db(read_next_contact, organization_id, contact_id)
           if read is _UNREAD else read)
    now = screen.app.context.now()
    text = Text(t("card.next_contact") + " ", style="bold")
    if row is None:
        text.append(t("card.no_next_contact"), style="yellow")
    else:
        state = state_of(row, now)
        text.append_text(state_mark(state))
        text.append(" ")
        text.append_text(due_text(row, now, state))
        text.append(f"  {row.title}")
        if row.responsible:
            text.append(f"  · {row.responsible}", style="dim")
    label = screen.query_one(f"#{NEXT_CONTACT_ID}", Label)
    label.update(text)
    label.display = True
