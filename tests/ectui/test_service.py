"""After the sale: the installed base and warranty, client requests moved through the handling
process to working-time deadlines, reminders and notices, access rights, reports."""

from __future__ import annotations

import datetime as dt

import pytest

from ectui.errors import UserError, ValidationError
from ectui.models import ClientRequest, RequestEvent, Task, TaskNotice
from ectui.models.exchange import MailMessage
from ectui.services import installed_base, invoices, payments
from ectui.services import service_lists as lists
from ectui.services import service_process as process
from ectui.services import service_requests as requests
from ectui.services.access import AccessDenied
from ectui.services.service_reports import service_report
from tests.ectui.access_helpers import build_team
from tests.ectui.document_helpers import price_list, set_up_company

# The team's clock: Monday 23.11.2026 09:30 in Moscow.


@pytest.fixture
def team(database):
    return build_team()


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    from dateutil import tz

    return dt.datetime(2026, 11, day, hour, minute, tzinfo=tz.gettz("Europe/Moscow"))


def _register(team, ctx=None, **values) -> int:
    ctx = ctx or team.senior
    data = {"organization_id": team.org_of["kim"], "subject": "Пресс не включается",
            "channel": "phone", "priority": 2, **values}
    return requests.register_request(ctx, data)


# ---- installed base and warranty -----------------------------------------------------------

def test_warranty_in_months_runs_from_installation(team):
    item = installed_base.save_item(team.senior, team.org_of["kim"], None, {
        "name": "Пресс ПГ-40", "serial_number": "ПГ-0001", "sold_on": "01.12.2025",
        "installed_on": "15.12.2025", "warranty_months": "12"})
    rows = installed_base.installed_items(team.senior.actor, team.org_of["kim"],
                                          dt.date(2026, 11, 23))
    assert [(r.id, r.warranty_until, r.warranty_state) for r in rows] == [
        (item, dt.date(2026, 12, 14), "ending")]


def test_warranty_states():
    today = dt.date(2026, 11, 23)
    assert installed_base.warranty_state(None, today) == "none"
    assert installed_base.warranty_state(dt.date(2026, 11, 22), today) == "expired"
    assert installed_base.warranty_state(today, today) == "ending"
    assert installed_base.warranty_state(dt.date(2027, 6, 1), today) == "active"
    assert installed_base.warranty_until(dt.date(2026, 1, 31), 1, None) == dt.date(2026, 2, 27)


def test_bad_item_fields_are_named(team):
    with pytest.raises(ValidationError) as caught:
        installed_base.save_item(team.senior, team.org_of["kim"], None, {
            "name": "", "quantity": "0", "sold_on": "31.02.2026", "warranty_months": "12",
            "warranty_until": "01.01.2027"})
    assert set(caught.value.errors) >= {"name", "quantity", "sold_on", "warranty_until"}


def test_only_the_clients_editors_change_its_base(team):
    with pytest.raises(AccessDenied):
        installed_base.save_item(team.manager, team.org_of["kim"], None, {"name": "Пресс"})
    with pytest.raises(AccessDenied):
        installed_base.installed_items(team.outsider.actor, team.org_of["kim"],
                                       dt.date(2026, 11, 23))


def test_a_shipment_puts_its_goods_into_the_base(team):
    set_up_company()
    goods = price_list(team.admin)
    invoice = invoices.create_invoice(team.senior, {"organization_id": team.org_of["kim"]})
    invoices.add_product(team.senior, invoice, goods["press"], "2")
    invoices.add_product(team.senior, invoice, goods["setup"], "4")
    shipment = payments.record_shipment(team.senior, invoice, {"amount": "1000",
                                                               "document": "УПД 45"})
    choices = installed_base.client_shipments(team.senior.actor, team.org_of["kim"])
    assert [c.id for c in choices] == [shipment]
    assert installed_base.items_from_shipment(team.senior, shipment) == 1
    rows = installed_base.installed_items(team.senior.actor, team.org_of["kim"],
                                          dt.date(2026, 11, 23))
    assert [(r.name, r.quantity, r.warranty_state) for r in rows] == [
        ("Пресс гидравлический ПГ-40", 2, "active")]
    with pytest.raises(UserError):
        installed_base.items_from_shipment(team.senior, shipment)


# ---- registering and moving a request ------------------------------------------------------

def test_a_request_starts_at_the_first_step_with_working_deadlines(team):
    request_id = _register(team, priority=1)
    req = ClientRequest.get_by_id(request_id)
    # High priority: 1 working hour to diagnose; registered → in work takes 1+2+8 = 11 hours
    # to «solved»: Monday 09:30 + 11 h = Tuesday 11:30.
    assert req.step_due_at == _at(23, 10, 30)
    assert req.solve_due_at == _at(24, 11, 30)
    assert req.number == 1 and not req.is_closed
    # The head of the sales department controls it; the task carries it in the history.
    assert req.controller_id == team.head.actor.employee_id
    task = Task.get_by_id(req.task_id)
    assert task.organization_id == team.org_of["kim"] and task.due_at == req.step_due_at
    assert task.title == "Обращение № 1: Пресс не включается"
    assert TaskNotice.select().where(TaskNotice.task == task.id,
                                     TaskNotice.kind == "assigned").count() == 1


def test_a_request_moves_through_every_step_and_closes(team):
    request_id = _register(team)
    clock = team.clock
    for hours, comment in ((1, "принято"), (2, "диагностика: реле"), (3, "заменили реле"),
                           (1, "клиент подтвердил")):
        clock.advance(dt.timedelta(hours=hours))
        requests.advance(team.senior, request_id, comment)
    req = ClientRequest.get_by_id(request_id)
    assert req.is_closed and req.step_due_at is None
    assert req.solved_at == _at(23, 15, 30)
    events = list(RequestEvent.select().where(RequestEvent.request == request_id)
                  .order_by(RequestEvent.id))
    assert [e.action for e in events] == ["registered"] + ["advanced"] * 4
    assert events[-1].comment == "клиент подтвердил"
    assert Task.get_by_id(req.task_id).status == "done"
    with pytest.raises(UserError):
        requests.advance(team.senior, request_id)


def test_going_back_needs_a_reason_and_unsolves(team):
    request_id = _register(team)
    for _ in range(3):
        requests.advance(team.senior, request_id)
    assert ClientRequest.get_by_id(request_id).solved_at is not None
    with pytest.raises(ValidationError):
        requests.step_back(team.senior, request_id, "")
    requests.step_back(team.senior, request_id, "клиент: опять не работает")
    req = ClientRequest.get_by_id(request_id)
    assert req.solved_at is None
    assert lists.request_detail(team.senior.actor, request_id, team.clock.now()).row.step == \
        "В работе"


def test_late_steps_are_recorded(team):
    request_id = _register(team)  # normal priority: 2 working hours to diagnose
    team.clock.advance(dt.timedelta(hours=3))
    rows = lists.list_requests(lists.RequestFilter(team.senior.actor, team.clock.now(), "late"))
    assert [(r.id, r.state, r.minutes_left) for r in rows] == [(request_id, "late", -60)]
    requests.advance(team.senior, request_id, "")
    event = RequestEvent.select().order_by(RequestEvent.id.desc()).first()
    assert event.was_late


def test_a_stale_version_is_refused(team):
    request_id = _register(team)
    version = ClientRequest.get_by_id(request_id).version
    requests.advance(team.senior, request_id, version=version)
    with pytest.raises(UserError) as caught:
        requests.advance(team.senior, request_id, version=version)
    assert caught.value.key == "request.changed_elsewhere"


def test_bad_request_fields_are_named(team):
    with pytest.raises(ValidationError) as caught:
        requests.register_request(team.senior, {"organization_id": None, "subject": " ",
                                                "priority": 7, "channel": "pigeon"})
    assert set(caught.value.errors) == {"organization_id", "subject", "priority", "channel"}


def test_an_item_of_another_client_is_refused(team):
    other = installed_base.save_item(team.manager, team.org_of["sokolov"], None,
                                     {"name": "Станок"})
    with pytest.raises(ValidationError) as caught:
        _register(team, item_id=other)
    assert set(caught.value.errors) == {"item_id"}


def test_an_email_becomes_a_request(team):
    mail = MailMessage.create(message_id="<1@romashka.ru>", from_addr="info@romashka.ru",
                              subject="Течет масло из пресса", body="Со вчерашнего дня.",
                              imported_at=team.clock.now())
    from ectui.models import MailMessageTask

    task = Task.create(title="Письмо", organization=team.org_of["kim"],
                       responsible=team.senior.actor.employee_id,
                       author=team.senior.actor.employee_id, created_at=team.clock.now(),
                       updated_at=team.clock.now())
    MailMessageTask.create(message=mail, task=task, organization=team.org_of["kim"])
    offered = requests.mails_for_requests(team.senior.actor)
    assert [(m.id, m.organization) for m in offered] == [(mail.id, "ООО «Ромашка»")]
    # Someone who may not see the client is offered the e-mail without it.
    assert requests.mails_for_requests(team.outsider.actor)[0].organization_id is None
    request_id = requests.request_from_mail(team.senior, mail.id, team.org_of["kim"])
    req = ClientRequest.get_by_id(request_id)
    assert (req.channel, req.subject, req.description) == (
        "email", "Течет масло из пресса", "Со вчерашнего дня.")
    assert requests.mails_for_requests(team.senior.actor) == []
    with pytest.raises(UserError):
        requests.request_from_mail(team.senior, mail.id, team.org_of["kim"])


# ---- access rights -------------------------------------------------------------------------

def test_who_sees_and_moves_a_request(team):
    request_id = _register(team)  # Ким's client, Ким responsible, Кузнецова controls
    now = team.clock.now()

    def seen(ctx):
        return [r.id for r in lists.list_requests(lists.RequestFilter(ctx.actor, now, "all"))]

    assert seen(team.senior) == [request_id]
    assert seen(team.head) == [request_id]
    assert seen(team.outsider) == []
    assert seen(team.trainee) == [request_id]  # a trainee sees the department's, moves none
    with pytest.raises(AccessDenied):
        requests.advance(team.trainee, request_id)
    with pytest.raises(AccessDenied):
        requests.advance(team.outsider, request_id)
    requests.advance(team.head, request_id, "контролер принял")  # the controller may


def test_registering_for_a_client_one_cannot_see_is_refused(team):
    with pytest.raises(AccessDenied):
        _register(team, ctx=team.outsider)


def test_giving_a_request_to_someone_needs_the_right(team):
    trainee = team.trainee.actor.employee_id
    with pytest.raises(AccessDenied):
        _register(team, ctx=team.manager, organization_id=team.org_of["sokolov"],
                  responsible_id=team.senior.actor.employee_id)
    request_id = _register(team, ctx=team.head, organization_id=team.org_of["gusev"],
                           responsible_id=trainee)
    assert ClientRequest.get_by_id(request_id).responsible_id == trainee
    requests.reassign(team.head, request_id, team.manager.actor.employee_id, "в отпуске")
    assert ClientRequest.get_by_id(request_id).responsible_id == team.manager.actor.employee_id


def test_only_the_admin_changes_the_process_and_calendar(team):
    with pytest.raises(AccessDenied):
        process.save_calendar(team.head, process.calendar_form_values())
    with pytest.raises(AccessDenied):
        process.save_step(team.head, None, {"name": "Выезд", "hours_high": "1",
                                            "hours_normal": "2", "hours_low": "3"})


def test_the_admin_adds_a_step_before_the_final_one(team):
    step = process.save_step(team.admin, None, {"name": "Выезд инженера", "hours_high": "2",
                                                "hours_normal": "4", "hours_low": "8"})
    steps = process.process_steps()
    assert [s.id for s in steps][-2] == step and steps[-1].code == "confirmed"
    with pytest.raises(UserError):
        process.retire_step(team.admin, steps[-1].id)
    process.retire_step(team.admin, step)
    assert step not in [s.id for s in process.process_steps()]


def test_calendar_settings_change_deadlines(team):
    values = {**process.calendar_form_values(), "holidays": "23.11.2026",
              "start": "10:00"}
    process.save_calendar(team.admin, values)
    request_id = _register(team)
    assert ClientRequest.get_by_id(request_id).step_due_at == _at(24, 12)
    with pytest.raises(ValidationError) as caught:
        process.save_calendar(team.admin, {**values, "start": "25:00", "weekdays": "пн хз",
                                           "holidays": "32.01.2027", "remind_minutes": "x"})
    assert set(caught.value.errors) == {"start", "weekdays", "holidays", "remind_minutes"}


# ---- reminders and notices -----------------------------------------------------------------

def test_reminded_before_and_told_when_late_through_the_task_notices(team):
    from ectui.models import Notification
    from ectui.services import inbox

    request_id = _register(team)  # due 11:30; reminders an hour before
    task_id = ClientRequest.get_by_id(request_id).task_id

    def told(ctx, moment):
        team.clock.moment = moment
        inbox.collect(ctx)
        return sorted(n.kind for n in Notification.select().where(
            Notification.task == task_id,
            Notification.recipient == ctx.actor.employee_id))

    assert told(team.senior, _at(23, 10)) == []
    assert told(team.senior, _at(23, 10, 31)) == ["before"]
    assert told(team.head, _at(23, 10, 31)) == ["assigned", "before"]  # the controller too
    assert told(team.senior, _at(23, 11, 31)) == ["before", "overdue"]
    assert told(team.head, _at(23, 11, 31)) == ["assigned", "before", "overdue"]
    # Late again at the next step: the task's due time follows the step, so the same
    # mechanism tells this miss too.
    team.clock.moment = _at(23, 12)
    requests.advance(team.senior, request_id)  # diagnosed: 8 h, due Tuesday 11:00
    assert told(team.senior, _at(24, 10, 1)) == ["before", "before", "overdue"]
    assert told(team.senior, _at(24, 11, 1)) == ["before", "before", "overdue", "overdue"]
    assert told(team.head, _at(24, 11, 1)).count("overdue") == 2


# ---- reports ---------------------------------------------------------------------------------

def test_report_counts_speed_in_time_share_and_repeats(team):
    first = _register(team, product_text="Пресс ПГ-40")
    for _ in range(3):
        team.clock.advance(dt.timedelta(hours=1))
        requests.advance(team.senior, first)  # solved at 12:30: 3 working hours, in time
    team.clock.moment = _at(24, 10)
    second = _register(team, product_text="пресс пг-40", subject="Снова не включается")
    team.clock.moment = _at(26, 10)  # second is long past its deadlines
    _register(team, ctx=team.manager, organization_id=team.org_of["sokolov"],
              product_text="Станок")
    report = service_report(team.head, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert (report.total, report.solved, report.solved_in_time) == (3, 1, 1)
    assert report.avg_solve_minutes == 180 and report.in_time_share == 1.0
    assert [(r.number, r.previous_number, r.days_after) for r in report.repeats] == [
        (ClientRequest.get_by_id(second).number, 1, 1)]
    by_client = {line.label: (line.total, line.open, line.late) for line in report.by_client}
    # Solved is still open until the client confirms.
    assert by_client == {"ООО «Ромашка»": (2, 2, 1), "ООО «Лютик»": (1, 1, 0)}
    assert {line.label for line in report.by_status} == {"Решено", "Зарегистрировано"}
    # A manager's reports reach their own requests only; a trainee has none.
    mine = service_report(team.manager, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert mine.total == 1


def test_time_left_reads_in_working_days_and_hours(team):
    assert lists.describe_left(540 + 195, 540) == "осталось 1 раб. дн. 3 ч"
    assert lists.describe_left(-75, 540) == "просрочено на 1 ч 15 мин"
    assert lists.describe_left(0, 540, late=True) == "просрочено на 0 мин"
    request_id = _register(team)
    task_id = ClientRequest.get_by_id(request_id).task_id
    assert requests.request_of_task(task_id) == request_id


def test_a_step_with_an_open_request_is_not_retired_and_the_message_reads_right(team):
    _register(team)
    first = process.process_steps()[0]
    with pytest.raises(UserError) as caught:
        process.retire_step(team.admin, first.id)
    # «1 открытых обращений» was wrong Russian: the count goes after a label instead.
    assert caught.value.message == "Открытых обращений на этом шаге: 1; сначала переведите их"


def test_a_request_is_a_deadline_in_the_calendar_not_a_busy_afternoon(team):
    from ectui.services.calendar import DEFAULT_LENGTH, calendars

    request_id = _register(team)
    task = Task.get_by_id(ClientRequest.get_by_id(request_id).task_id)
    day = team.senior.now().date()
    [calendar] = calendars(team.senior, [team.senior.actor.employee_id], day,
                           day + dt.timedelta(days=7))
    [entry] = [e for e in calendar.entries if e.task_id == task.id]
    # Registered at 09:30; the employee is busy only around the step's deadline.
    assert entry.start == task.due_at.astimezone(entry.start.tzinfo)
    assert entry.end - entry.start == DEFAULT_LENGTH
