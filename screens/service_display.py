"""How requests and warranties read on screen: a symbol AND a colour for each state, so late
requests stand out on a monochrome terminal too."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from ectui.i18n import t
from ectui.services.service_lists import RequestRow, describe_left

STATE_MARKS = {"late": ("▲", "bold red"), "soon": ("◆", "bold yellow"), "ok": ("●", "green"),
               "closed": ("✔", "dim")}
WARRANTY_STYLES = {"active": "green", "ending": "yellow", "expired": "red", "none": "dim"}


def left_text(row: RequestRow, minutes_per_day: int) -> Text:
    """«▲ просрочено на 2 ч» in red, «● осталось 1 раб. дн. 3 ч» in green…"""
    mark, style = STATE_MARKS[row.state]
    if row.state == "closed":
        return Text(f"{mark} {t('request.state.closed')}", style=style)
    text = describe_left(row.minutes_left, minutes_per_day, late=row.state == "late")
    return Text(f"{mark} {text}", style=style)


def warranty_text(state: str, until: dt.date | None) -> Text:
    date = until.strftime("%d.%m.%Y") if until else ""
    return Text(t(f"installed.warranty.{state}", date=date) if state != "none"
                else t("installed.warranty.none"), style=WARRANTY_STYLES[state])


def moment(value: dt.datetime | None, zone) -> str:
    return value.astimezone(zone).strftime("%d.%m.%Y %H:%M") if value else ""
