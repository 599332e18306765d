"""Campaigns with their return, and the calendar as iCalendar."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import icalendar
import pytest

from ectui.errors import ValidationError
from ectui.services import campaigns
from ectui.services.calendar_export import export_calendar
from ectui.services.contacts import save_contact
from ectui.services.organizations import save_organization
from ectui.services.selection import Selection
from ectui.services.task_types import type_id_for_code
from ectui.services.tasks import create_task
from tests.ectui.access_helpers import build_team
from tests.ectui.helpers import admin_context


def test_a_campaign_reports_participation_new_clients_deals_and_return(database):
    ctx = admin_context()
    orgs = [save_organization(ctx, {"name": f"ООО «Клиент {n}»"}) for n in range(4)]
    expo = campaigns.save_campaign(ctx, {"name": "Выставка «Стройэкспо»", "kind": "event",
                                         "channel": "Выставки", "cost": "100 000",
                                         "starts_on": "10.11.2026", "ends_on": "12.11.2026"})
    ads = campaigns.save_campaign(ctx, {"name": "Яндекс.Директ, ноябрь", "kind": "advertisement",
                                        "channel": "Контекстная реклама", "cost": "50000,00"})
    assert campaigns.invite(ctx, expo, Selection(kind="organization")) == 4
    assert campaigns.invite(ctx, expo, Selection(kind="organization")) == 0  # once each
    campaigns.set_response(ctx, expo, "organization", orgs[0], "came")
    campaigns.set_response(ctx, expo, "organization", orgs[1], "answered")
    campaigns.set_response(ctx, expo, "organization", orgs[2], "declined")
    campaigns.add_lead(ctx, expo, kind="new_client", organization_id=orgs[0])
    campaigns.add_lead(ctx, expo, kind="deal", organization_id=orgs[0], amount="250 000")
    campaigns.add_lead(ctx, ads, kind="deal", organization_id=orgs[3], amount="20 000")

    by_name = {r.name: r for r in campaigns.campaign_report(ctx)}
    fair = by_name["Выставка «Стройэкспо»"]
    assert (fair.invited, fair.responded, fair.new_clients, fair.deals) == (4, 2, 1, 1)
    assert fair.response_rate == Decimal("50.0")
    assert fair.revenue == Decimal("250000") and fair.roi == Decimal("150.0")
    assert by_name["Яндекс.Директ, ноябрь"].roi == Decimal("-60.0")
    channels = campaigns.channel_report(ctx)
    assert [c.channel for c in channels] == ["Выставки", "Контекстная реклама"]

    with pytest.raises(ValidationError) as caught:
        campaigns.save_campaign(ctx, {"name": "Выставка «Стройэкспо»", "cost": "-1",
                                      "starts_on": "12.11.2026", "ends_on": "10.11.2026"})
    assert set(caught.value.errors) == {"name", "cost", "ends_on"}


def test_the_calendar_goes_out_as_icalendar_with_only_what_one_may_see(database, tmp_path):
    team = build_team()
    kim = team.senior
    org = team.org_of["kim"]
    person = save_contact(kim, {"last_name": "Иванова", "first_name": "Юлия",
                                "organization_id": org,
                                "responsible_id": kim.actor.employee_id})
    call = type_id_for_code("call")
    meeting = type_id_for_code("meeting")
    create_task(kim, {"task_type_id": call, "title": "Позвонить бухгалтеру",
                      "organization_id": org, "contact_id": person, "due": "25.11.2026",
                      "priority": 1})
    create_task(kim, {"task_type_id": meeting, "title": "Встреча в офисе",
                      "organization_id": org, "due": "26.11.2026 14:30",
                      "start": "26.11.2026 13:30", "reminder": "15м",
                      "description": "Обсудить договор; «скидка» 5%"})
    create_task(kim, {"task_type_id": call, "title": "Позже", "organization_id": org,
                      "due": "10.12.2026"})
    path = tmp_path / "kim.ics"
    count = export_calendar(kim, path, start=dt.date(2026, 11, 23), end=dt.date(2026, 11, 30))
    assert count == 2
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Позвонить бухгалтеру — ООО «Ромашка»",
                           "Встреча в офисе — ООО «Ромашка»"}
    call_event = events["Позвонить бухгалтеру — ООО «Ромашка»"]
    assert call_event.decoded("dtstart") == dt.date(2026, 11, 25)
    assert int(call_event["priority"]) == 1
    assert "Иванова Юлия" in str(call_event["description"])
    meet = events["Встреча в офисе — ООО «Ромашка»"]
    start, end = meet.decoded("dtstart"), meet.decoded("dtend")
    assert (end - start) == dt.timedelta(hours=1)
    assert "«скидка» 5%" in str(meet["description"])
    (alarm,) = meet.walk("VALARM")
    assert alarm.decoded("trigger") == dt.timedelta(minutes=-15)

    # Соколов (a manager) may not see Ким's tasks: exporting Ким's calendar gives nothing.
    assert export_calendar(team.manager, tmp_path / "x.ics",
                           employee_id=kim.actor.employee_id) == 0
